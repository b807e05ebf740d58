# SPDX-License-Identifier: GPL-2.0-only
"""What the decide-<name>.py scripts of collect/decide/apply conversions
share: reading sources, the work directory's record files, and the command
line that scripts/run-cocci.sh uses (names WORK < FILES, decide WORK)."""

import glob
import os
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
