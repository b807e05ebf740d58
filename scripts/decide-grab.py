#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decide which put helpers cocci/grab.cocci may substitute.

Called by scripts/run-cocci.sh between the collect and the apply pass:

    decide-grab.py names WORK < FILES   files naming a PUT helper -> WORK/candidates
    decide-grab.py decide WORK          WORK/collect.* -> WORK/puts, WORK/files

"if (atomic_dec_and_test(&x->F)) release(x);" becomes PUT(x) only when a
definition of PUT whose whole body is that statement, on the same struct and
field, was collected: otherwise PUT(x) would not do what the idiom did.
Increments need no decision; every candidate file goes to the apply pass.
"""

import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from decide_common import main  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import refconv_spec  # noqa: E402


def grabs():
    return [a for a in refconv_spec.load()["grab"]]


def names(work, files):
    with open(os.path.join(work, "universe"), "w") as out:
        out.writelines(f + "\n" for f in files)
    puts = [a[3] for a in grabs() if len(a) > 3]
    first = []
    if puts:
        defn = re.compile(r"\b(?:%s)\s*\(\s*struct\b" % "|".join(sorted(set(puts))))
        for f in files:
            with open(f, errors="replace") as fh:
                if defn.search(fh.read()):
                    first.append(f)
    with open(os.path.join(work, "candidates"), "w") as out:
        out.writelines(f + "\n" for f in first)


def decide(work):
    seen = {}
    for path in sorted(glob.glob(os.path.join(work, "collect.*"))):
        with open(path) as f:
            for line in f:
                r = line.rstrip("\n").split("\t")
                if r[0] == "put":
                    # fn S F release; a second, different body is a conflict
                    seen.setdefault((r[1], r[2], r[3]), set()).add(r[4])
    ok, missing = [], []
    with open(os.path.join(work, "puts"), "w") as out:
        for a in grabs():
            if len(a) < 4:
                continue
            rel = seen.get((a[3], a[0], a[1]), set())
            if len(rel) == 1:
                out.write("%s %s %s\n" % (a[0], a[1], next(iter(rel))))
                ok.append("%s()" % a[3])
            else:
                missing.append("%s()" % a[3])
    with open(os.path.join(work, "universe")) as f:
        files = f.read()
    with open(os.path.join(work, "files"), "w") as out:
        out.write(files)
    verdict = "grab: %d grab line(s)" % len(grabs())
    if ok:
        verdict += "; puts substituted: " + ", ".join(ok)
    if missing:
        verdict += "; puts kept (no definition that is exactly the release idiom): " \
            + ", ".join(missing)
    print(verdict)


if __name__ == "__main__":
    sys.exit(main(sys.argv, names, decide))
