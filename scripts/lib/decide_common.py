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
        # the narrowed patch is a function of the original and WORK/names:
        # the collect cache keys on those (scripts/lib/cache.py)
        with open(os.path.join(work, "narrowed"), "w") as out:
            out.write(fn + "\n")


def run_cocci():
    """The text of the semantic patch of the run ($REFCONV_COCCI), '' when
    there is none."""
    src = os.environ.get("REFCONV_COCCI", "")
    return text(src) if src else ""


def write_run_cocci(work, smpl):
    """Write SMPL as WORK/NAME.cocci, NAME that of $REFCONV_COCCI: the
    driver runs it instead of the original for the rest of the run."""
    src = os.environ.get("REFCONV_COCCI", "")
    if src:
        with open(os.path.join(work, os.path.basename(src)), "w") as out:
            out.write(smpl)


def repeat_block(smpl, tag, count):
    """SMPL with the lines between "// BEGIN TAG" and "// END TAG" written
    COUNT times (none for 0), __K__ replaced by 0, 1, ... in each copy; the
    marker lines go. For rules that must exist once per item of the run
    (a field index), which SmPL cannot loop over; the block in the .cocci
    itself must match nothing (its __K__ stands for no index)."""
    pat = re.compile(r"^// BEGIN %s\n(.*?)^// END %s\n" % (re.escape(tag), re.escape(tag)),
                     re.M | re.S)
    return pat.sub(lambda m: "".join(m.group(1).replace("__K__", str(k))
                                     for k in range(count)), smpl)


def records(work):
    """Tab-separated records the collect pass appended to WORK/collect.*,
    but none of a file spatch failed on or that hit the timeout
    (WORK/failed): what it wrote before it stopped is not an analysis of the
    file."""
    failed = set(Work(work).lines("failed"))
    for path in sorted(glob.glob(os.path.join(work, "collect.*"))):
        with open(path, errors="replace") as f:
            for line in f:
                r = line.rstrip("\n").split("\t")
                if r and r[0] and not (len(r) > 1 and r[1] in failed):
                    yield r


def main(argv, names, decide):
    """The driver's calling convention: names(WORK, files) or decide(WORK)."""
    if len(argv) == 3 and argv[1] == "names":
        names(argv[2], [l.rstrip("\n") for l in sys.stdin if l.strip()])
    elif len(argv) == 3 and argv[1] == "decide":
        decide(argv[2])
        confine(Work(argv[2]))
    else:
        sys.stderr.write("usage: %s names|decide WORK\n" % os.path.basename(argv[0]))
        return 2
    return 0


def confine(work):
    """With M= (WORK/scope), keep every unit that would change a file
    outside it: its changes go, one "kept" site at its first position below
    M= says why. A conversion that already keeps such units itself (with
    its own wording) leaves nothing for this to do; for the others it
    guarantees that a run with M= never converts half a unit."""
    scope = set(work.lines("scope"))
    if not scope:
        return
    sites = work.rows("sites")
    outside = {}
    for r in work.rows("groups"):
        for f in r[2:]:
            if f not in scope:
                outside.setdefault(r[0], f)
    for r in sites:
        if len(r) >= 6 and r[0] != "kept" and r[1] not in scope:
            outside.setdefault(r[4], "%s:%s" % (r[1], r[2]))
    if not outside:
        return
    kept, rest, first = [], [], {}
    for r in sites:
        if len(r) >= 6 and r[4] in outside:
            if r[1] in scope and r[4] not in first:
                first[r[4]] = r
            continue
        rest.append(r)
    for u, r in first.items():
        kept.append(["kept", r[1], r[2], r[3], u, "INFO: %s is kept: converting it "
                     "would change %s, outside M=" % (u, outside[u])])
    work.write_sites(rest + kept)
    work.write_rows("groups", [r for r in work.rows("groups") if r[0] not in outside])
    changing = set(r[1] for r in rest if r[0] != "kept")
    if work.exists("files.patch"):
        work.write("files.patch", [f for f in work.lines("files.patch") if f in changing])
    work.write("files", sorted(set(work.lines("files")) | set(r[1] for r in kept)))
    print("%d unit(s) kept: they would change files outside M=" % len(outside))


class Work:
    """The work directory of one conversion (scripts/lib/README), by file
    name: what a decide step reads and writes, without spelling paths."""

    def __init__(self, path):
        self.path = path

    def file(self, name):
        """The path of WORK/NAME."""
        return os.path.join(self.path, name)

    def exists(self, name):
        return os.path.exists(self.file(name))

    def lines(self, name):
        """The non-empty lines of WORK/NAME ([] when there is none)."""
        if not self.exists(name):
            return []
        with open(self.file(name), errors="replace") as f:
            return [l.rstrip("\n") for l in f if l.strip()]

    def rows(self, name):
        """The tab-separated records of WORK/NAME ([] when there is none)."""
        return [l.split("\t") for l in self.lines(name)]

    def records(self):
        """The collect records, as records(WORK)."""
        return records(self.path)

    def write(self, name, lines):
        """WORK/NAME with one line per item of LINES."""
        with open(self.file(name), "w") as out:
            out.writelines(l + "\n" for l in lines)

    def write_rows(self, name, rows):
        """WORK/NAME with one record per tuple of ROWS."""
        self.write(name, ["\t".join(str(x) for x in r) for r in rows])

    def write_sites(self, sites):
        """WORK/sites: (kind, file, line, col, unit, message) per site,
        in the order given (report passes print a position's messages in
        that order)."""
        self.write_rows("sites", sites)

    def write_groups(self, groups):
        """WORK/groups: (unit, subject, [file, ...]) per unit, the unit's
        definition file first."""
        self.write_rows("groups", [(u, s) + tuple(fs) for u, s, fs in groups])
