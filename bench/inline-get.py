#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Inline a get helper back into its call sites, in place.

    inline-get.py TREE GET FIELD FILE...

Each call GET(X); in the FILEs (relative to TREE) becomes
atomic_inc(&X->FIELD); as the code read before the helper existed, so that
grab.cocci's "grab TYPE FIELD GET PUT" has the open-coded sites to turn
back into GET(X) (bench/grab.sh).  X is kept byte for byte: &V becomes
&V.FIELD, a postfix expression (names, ->, ., calls, [i]) E becomes
&E->FIELD, anything else &(X)->FIELD.  GET's own definition, its
declarations and mentions in comments and strings are left alone; every
rewritten call is printed as FILE:LINE.
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "lib"))
from refconv_cocci import matching  # noqa: E402

NOISE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
POSTFIX = re.compile(r"^[A-Za-z_]\w*(?:\s*(?:->|\.)\s*[A-Za-z_]\w*|\s*\[[^][]*\]|\s*\([^()]*\))*$")
ADDR = re.compile(r"^&\s*([A-Za-z_]\w*(?:\s*(?:->|\.)\s*[A-Za-z_]\w*)*)$")


def blank(t):
    """T with comments and literals blanked (same offsets)."""
    return NOISE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), t)


def counter(x, field):
    """&X->FIELD, spelled as a kernel developer would."""
    x = x.strip()
    m = ADDR.match(x)
    if m:
        return "&%s.%s" % (m.group(1), field)
    if POSTFIX.match(x):
        return "&%s->%s" % (x, field)
    return "&(%s)->%s" % (x, field)


def inline(text, get, field):
    """TEXT with its GET(X); statements inlined, and their line numbers."""
    code = blank(text)
    call = re.compile(r"\b%s\s*\(" % re.escape(get))
    out, pos, lines = [], 0, []
    for m in call.finditer(code):
        before = code[:m.start()].rstrip()
        # a statement: after ; { } or a label/else/)
        if before and before[-1] not in ";{}):" and not before.endswith("else"):
            continue
        # the definition or a declaration: a type precedes the name
        line_start = code.rfind("\n", 0, m.start()) + 1
        if re.search(r"\b(?:void|inline|static|extern)\b", code[line_start:m.start()]):
            continue
        end = matching(code, m.end() - 1)
        if end < 0 or not re.match(r"\s*;", code[end + 1:]):
            continue
        x = text[m.end():end]
        out.append(text[pos:m.start()] + "atomic_inc(%s)" % counter(x, field))
        pos = end + 1
        lines.append(text.count("\n", 0, m.start()) + 1)
    out.append(text[pos:])
    return "".join(out), lines


def main():
    tree, get, field = sys.argv[1:4]
    for f in sys.argv[4:]:
        path = os.path.join(tree, f)
        with open(path, encoding="utf-8", errors="surrogateescape") as fh:
            text = fh.read()
        new, lines = inline(text, get, field)
        if lines:
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as fh:
                fh.write(new)
        for n in lines:
            print("%s:%d" % (f, n))


if __name__ == "__main__":
    main()
