# SPDX-License-Identifier: GPL-2.0-only
"""What the decide-<name>.py scripts of collect/decide/apply conversions
share: reading sources, the work directory's record files, and the command
line that scripts/run-cocci.sh uses (names WORK < FILES, decide WORK)."""

import glob
import os
import re
import sys


def text(path):
    """Contents of PATH, '' when it cannot be read."""
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def write_lines(work, name, lines):
    """WORK/NAME with one line per item of LINES."""
    with open(os.path.join(work, name), "w") as out:
        out.writelines(l + "\n" for l in lines)


def narrow_cocci(work, fn, words):
    """Write WORK/NAME.cocci, the semantic patch of the run ($REFCONV_COCCI)
    with every "identifier X : script:python() { FN(X) };" constraint
    replaced by the regular expression of WORDS, which spatch checks itself.

    A python constraint costs a call into python for every identifier spatch
    tries, on every field access of every file; the regular expression makes
    the collect pass about twice as fast on kernel files. The driver runs
    WORK/NAME.cocci instead of the original when it exists. Nothing is written
    without $REFCONV_COCCI or WORDS, or when the script has no such constraint.
    """
    src = os.environ.get("REFCONV_COCCI", "")
    if not src or not words:
        return
    smpl = text(src)
    pat = re.compile(r"identifier (\w+) : script:python\(\) \{ %s\(\1\) \};"
                     % re.escape(fn))
    alt = "|".join(sorted(words))
    narrowed, n = pat.subn(lambda m: 'identifier %s =~ "^(?:%s)$";'
                           % (m.group(1), alt), smpl)
    if n:
        with open(os.path.join(work, os.path.basename(src)), "w") as out:
            out.write(narrowed)


def records(work):
    """Tab-separated records the collect pass appended to WORK/collect.*."""
    for path in sorted(glob.glob(os.path.join(work, "collect.*"))):
        with open(path, errors="replace") as f:
            for line in f:
                r = line.rstrip("\n").split("\t")
                if r and r[0]:
                    yield r


def main(argv, names, decide):
    """The driver's calling convention: names(WORK, files) or decide(WORK)."""
    if len(argv) == 3 and argv[1] == "names":
        names(argv[2], [l.rstrip("\n") for l in sys.stdin if l.strip()])
    elif len(argv) == 3 and argv[1] == "decide":
        decide(argv[2])
    else:
        sys.stderr.write("usage: %s names|decide WORK\n" % os.path.basename(argv[0]))
        return 2
    return 0
