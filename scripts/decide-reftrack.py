#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decide which tracked types cocci/reftrack.cocci converts.

Called by scripts/run-cocci.sh around the collect pass:

    decide-reftrack.py names WORK < FILES   tracked types -> WORK/names,
                                            files worth collecting -> WORK/candidates
    decide-reftrack.py decide WORK          WORK/collect.* -> WORK/decisions,
                                            WORK/files

Tracked types are found by text, because spatch cannot parse the plugin's
attribute forms and a header is not seen by the .c files that use it:
REFTRACK_STRUCT(S), struct REFTRACK(S) S, struct __attribute__((__reftrack__
(...))) S, and "track S" spec lines; "typedef struct S T" makes T tracked
too. A type is converted only when no collected site vetoes it (the reasons
are in cocci/reftrack.cocci): converting part of a type's uses would mix
counted and uncounted pointers to the same objects, which frees objects that
an uncounted pointer still uses.
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import refconv_spec  # noqa: E402
from decide_common import main, records as _records, text as _text, write_lines as _write  # noqa: E402

ID = r"[A-Za-z_]\w*"
MAX_LOCALS = 6  # cocci/reftrack.cocci has one release rule per local
TAGGED = [
    re.compile(r"\bREFTRACK_STRUCT\s*\(\s*(%s)\s*\)" % ID),
    re.compile(r"\bstruct\s+REFTRACK(?:_CUSTOM)?\s*\([^)]*\)\s*(%s)" % ID),
    re.compile(r"\bstruct\s+__attribute__\s*\(\(\s*__reftrack__\s*\([^)]*\)\s*\)\)\s*(%s)" % ID),
]
HELPERS = re.compile(r"\bREFTRACK_(?:STRUCT|EPILOG|EPILOG_WITH_DTOR|CUSTOM)\s*\(\s*(%s)\s*\)" % ID)
TYPEDEF = re.compile(r"\btypedef\s+struct\s+(?:REFTRACK\s*\([^)]*\)\s*)?(%s)\s*(%s)\s*;" % (ID, ID))
# typedef struct [tag] { ... } Name;  (anonymous or tagged, tracked by attribute)
TYPEDEF_BODY = re.compile(r"\btypedef\s+struct\s+(REFTRACK\s*\([^)]*\)\s*)?(%s)?\s*\{[^{}]*\}\s*(%s)\s*;"
                          % (ID, ID))

STRUCT_BODY = re.compile(r"(?:\bREFTRACK_STRUCT\s*\(\s*(%s)\s*\)|\bstruct\s+(?:\w+\s*\([^)]*\)\s*)*"
                         r"(?:__attribute__\s*\(\(.*?\)\)\s*)?(%s))\s*\{([^{}]*)\}" % (ID, ID))
FIELD = re.compile(r"(?:^|(?<=[;{]))\s*(?:const\s+)?(?:struct\s+(%s)|(%s))\s*\*\s*(%s)\s*;" % (ID, ID, ID))


def _fields(texts, tags, typedefs):
    """(S, F, T) for every pointer field F of struct S: T is the tag it
    points to when tracked, else ''."""
    out = set()
    for t in texts:
        for m in STRUCT_BODY.finditer(t):
            s = m.group(1) or m.group(2)
            for fm in FIELD.finditer(m.group(3)):
                tag = fm.group(1) or typedefs.get(fm.group(2))
                out.add((s, fm.group(3), tag if tag in tags else ""))
    return out


def names(work, files):
    """Tracked struct tags and typedef names of the run, WORK/names:
    'tag S ADDREF REMOVEREF' and 'typedef T S'."""
    texts = {f: _text(f) for f in files}
    tags, helpers, typedefs = set(), set(), {}
    for t in texts.values():
        for r in TAGGED:
            tags.update(r.findall(t))
        helpers.update(HELPERS.findall(t))
        for m in TYPEDEF_BODY.finditer(t):
            if m.group(1):
                # typedef struct REFTRACK(...) [tag] { } Name: tracked by attribute
                typedefs[m.group(3)] = m.group(2) or m.group(3)
                tags.add(m.group(2) or m.group(3))
    for args in refconv_spec.load()["track"]:
        tags.add(args[0])
    for t in texts.values():
        for tag, name in TYPEDEF.findall(t):
            if tag in tags:
                typedefs[name] = tag
    rows = []
    for s in sorted(tags):
        if s in helpers:
            rows.append("tag\t%s\t%s_addref\t%s_removeref" % (s, s, s))
        else:
            rows.append("tag\t%s\treftrack_addref\treftrack_removeref" % s)
    rows += ["typedef\t%s\t%s" % (n, s) for n, s in sorted(typedefs.items())]
    fields = _fields(texts.values(), tags, typedefs)
    # the release of a freed object's references: fields of tracked structs
    rows += ["field\t%s\t%s\t%s" % f for f in sorted(fields) if f[0] in tags and f[2]]
    # stores through a field whose struct spatch cannot see: by field name,
    # when every struct with a pointer field of that name agrees
    by_name = {}
    for _, f, t in fields:
        by_name.setdefault(f, set()).add(t)
    rows += ["fieldtag\t%s\t%s" % (f, min(t)) for f, t in sorted(by_name.items())
             if len(t) == 1 and min(t)]
    _write(work, "names", rows)
    words = sorted(tags | set(typedefs))
    cand = []
    if words:
        use = re.compile(r"\b(?:%s)\b" % "|".join(words))
        cand = [f for f in files if use.search(texts[f])]
    _write(work, "candidates", cand)


def decide(work):
    """Types without a veto are converted; every site of them is listed."""
    vetoes, sites, defined, locs = {}, [], set(), {}

    def veto(t, f, l, c, why):
        vetoes.setdefault(t, []).append((f, int(l), c, why))

    for r in _records(work):
        kind = r[0]
        if kind == "veto":          # veto TYPE file line col reason
            veto(*r[1:6])
        elif kind == "site":        # site TYPE file line col what
            sites.append(r)
        elif kind == "fn":          # fn NAME file
            defined.add(r[1])
        elif kind == "local":       # local TYPE file line col FN X
            locs.setdefault(r[5], set()).add((int(r[3]), int(r[4]), r[6], r[2], r[1]))
    stmts = {tuple(r[1:5]) for r in _records(work) if r[0] in ("stmt", "decl")}
    for r in _records(work):
        if r[0] == "asg" and tuple(r[1:5]) not in stmts:   # asg TYPE file line col
            veto(r[1], r[2], r[3], r[4], "assignment inside an expression (a loop "
                 "header, a condition): no statement to put the addref in")
    for r in _records(work):
        if r[0] == "call" and r[5] not in defined:     # call TYPE file line col CALLEE
            veto(r[1], r[2], r[3], r[4], "passed to %s(), which is not converted in "
                 "this run and may keep the pointer uncounted" % r[5])
    # the release rules find a function's locals by its name and a rank
    for fn, xs in locs.items():
        why = None
        if len({x[3] for x in xs}) > 1:
            why = "%s() is defined in several files" % fn
        elif len(xs) > MAX_LOCALS:
            why = "%s() has more than %d tracked locals" % (fn, MAX_LOCALS)
        for l, c, x, f, t in xs if why else []:
            veto(t, f, l, c, why)
    converted = sorted({r[1] for r in sites} - set(vetoes))
    rows = ["type\t%s" % t for t in converted]
    for fn, xs in sorted(locs.items()):
        xs = sorted(x for x in xs if x[4] in converted)
        rows += ["local\t%s\t%d\t%s" % (fn, k, x[2]) for k, x in enumerate(xs)]
    report = set()
    for r in sites:
        if r[1] in converted:
            report.add((r[2], int(r[3]), r[4], "WARNING: %s" % r[5]))
    for t, vs in vetoes.items():
        for f, l, c, why in vs:
            report.add((f, l, c, "INFO: struct %s kept: %s" % (t, why)))
    rows += ["report\t%s\t%d\t%s\t%s" % r for r in sorted(report)]
    _write(work, "decisions", rows)
    _write(work, "files", sorted({r[0] for r in report}))
    print("reftrack: %d tracked type(s) converted (%s), %d kept (%s)"
          % (len(converted), ", ".join(converted) or "none", len(vetoes),
             ", ".join(sorted(vetoes)) or "none"))


if __name__ == "__main__":
    sys.exit(main(sys.argv, names, decide))
