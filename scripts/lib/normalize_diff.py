#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Rewrite spatch's diff headers to a/PATH b/PATH relative to the tree.

    normalize_diff.py ALIASMAP < spatch-output > patch
    normalize_diff.py ALIASMAP --text < lines > lines   (aliases only)

spatch runs without --patch (it cannot diff a file whose name has a space,
so the driver hands such files to it through symlinks with safe names);
this turns each "--- FILE / +++ TMPFILE" pair into the usual
"diff -u -p a/PATH b/PATH" header, with PATH the real name relative to the
tree. ALIASMAP has "alias<TAB>real" lines. Hunk lengths are followed, so a
removed line that starts with "-- " is never taken for a header. Added lines
lose trailing white space: spatch leaves the indentation of a blank line it
moves into a new block, which checkpatch reports as an error.
"""

import re
import sys


def main(argv):
    alias = {}
    with open(argv[1]) as f:
        for line in f:
            a, r = line.rstrip("\n").split("\t", 1)
            alias[a] = r
    if argv[2:] == ["--text"]:
        for line in sys.stdin:
            for a, r in alias.items():
                line = line.replace(a, r)
            sys.stdout.write(line)
        return 0
    lines = sys.stdin.read().splitlines(keepends=True)
    out, i, left_old, left_new = [], 0, 0, 0
    while i < len(lines):
        l = lines[i]
        if left_old > 0 or left_new > 0:
            if l.startswith("-"):
                left_old -= 1
            elif l.startswith("+"):
                left_new -= 1
                l = re.sub(r"(?<=.)[ \t]+(\r?\n)?$", lambda m: m.group(1) or "", l)
            elif not l.startswith("\\"):
                left_old -= 1
                left_new -= 1
            out.append(l)
        elif l.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ "):
            path = l[4:].rstrip("\n").split("\t")[0]
            path = alias.get(path, path)
            if path.startswith("./"):
                path = path[2:]
            # a name with white space ends with a tab, as GNU diff's does
            # before its time stamp, so that patch(1) and git apply read it
            end = "\t" if re.search(r"\s", path) else ""
            out.append("diff -u -p a/%s b/%s\n--- a/%s%s\n+++ b/%s%s\n"
                       % (path, path, path, end, path, end))
            i += 1
        else:
            m = re.match(r"^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@", l)
            if m:
                left_old = int(m.group(1) if m.group(1) is not None else 1)
                left_new = int(m.group(2) if m.group(2) is not None else 1)
            if not l.startswith("diff -u -p "):
                out.append(l)
        i += 1
    sys.stdout.write("".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
