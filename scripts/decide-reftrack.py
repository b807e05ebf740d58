#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decide which tracked types cocci/reftrack.cocci converts.

Called by scripts/run-cocci.sh around the collect pass (the work directory's
common files are described in scripts/lib/README):

    decide-reftrack.py names WORK < FILES   names, universe, candidates,
                                            tracked, reftrack.cocci
    decide-reftrack.py decide WORK          sites, groups, files, files.patch,
                                            types, params

Tracked types are found by text, because spatch cannot parse the plugin's
attribute forms and a header is not seen by the .c files that use it:
REFTRACK_STRUCT(S), struct REFTRACK(S) S, struct __attribute__((__reftrack__
(...))) S, and "track S" spec lines; "typedef struct S T" makes T tracked
too. A type is converted only when no collected site vetoes it (the reasons
are in cocci/reftrack.cocci): converting part of a type's uses would mix
counted and uncounted pointers to the same objects, which frees objects that
an uncounted pointer still uses.

The collect records (KIND FILE LINE COL ...), as cocci/reftrack.cocci writes
them (S is a tracked struct tag):
    fn       NAME          a function definition
    param    S FN K WHAT   parameter K of function FN points to S
    veto     S WHY         a use that keeps S unconverted
    alloc, store, free, local
             S WHAT        a site the apply pass converts, and what it does

This conversion's own tables:
    tracked   (names; read by the collect and apply passes)
              tag S ADDREF REMOVEREF FILE
                                        a tracked struct, its helpers and
                                        the file that defines it
              typedef T S               a typedef name of one
              field S F T               a pointer field F of S to tracked T
              fieldtag F T              a field name whose every struct
                                        agrees it points to tracked T
              member X PATH T           a local of struct type X holds
                                        tracked T at X.PATH: released
                                        when it goes out of scope
              ignore F                  a REFTRACK_IGNORE/REFTRACK_HEAP_FN
                                        function: not instrumented
              dtor F                    a REFTRACK_DESTRUCTOR_FN function:
                                        its parameter is not released
              borrow F                  a "borrow F" spec line: F's
                                        parameters are not counted
    types     S                 (decide) the tracked types converted
    params    FN K S            (decide) parameter K of FN is counted: its
                                callers addref the argument, FN releases it
The names step also writes the run's reftrack.cocci, with the per-field
release rules repeated for as many fields as a tracked struct has.
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import decide_common  # noqa: E402
import refconv_spec  # noqa: E402

ID = r"[A-Za-z_]\w*"
TAGGED = [
    re.compile(r"\bREFTRACK_STRUCT\s*\(\s*(%s)\s*\)" % ID),
    re.compile(r"\bstruct\s+REFTRACK(?:_CUSTOM)?\s*\([^)]*\)\s*(%s)" % ID),
    re.compile(r"\bstruct\s+__attribute__\s*\(\(\s*__reftrack__\s*\([^)]*\)\s*\)\)\s*(%s)" % ID),
]
# functions the plugin does not instrument, and destructors
NOCOUNT = re.compile(r"\bREFTRACK_(?:IGNORE|HEAP_FN)\b[^;{}()]*?(%s)\s*\(" % ID)
DTOR = re.compile(r"\bREFTRACK_DESTRUCTOR_FN\b[^;{}()]*?(%s)\s*\(" % ID)
# struct REFTRACK [S] { (the plugin's object-like REFTRACK, generic helpers)
PLAIN = re.compile(r"\bstruct\s+REFTRACK\s+(%s)\s*\{" % ID)
HELPERS = re.compile(r"\bREFTRACK_(?:STRUCT|EPILOG|EPILOG_WITH_DTOR|CUSTOM)\s*\(\s*(%s)\s*\)" % ID)
TYPEDEF = re.compile(r"\btypedef\s+struct\s+(?:REFTRACK\s*\([^)]*\)\s*)?(%s)\s*(%s)\s*;" % (ID, ID))
TYPEDEF_ALIAS = re.compile(r"\btypedef\s+(%s)\s+(%s)\s*;" % (ID, ID))
# typedef struct [tag] { ... } Name;  (anonymous or tagged, tracked by attribute)
TYPEDEF_BODY = re.compile(r"\btypedef\s+struct\s+(REFTRACK\s*\([^)]*\)\s*)?(%s)?\s*\{[^{}]*\}\s*(%s)\s*;"
                          % (ID, ID))

STRUCT_BODY = re.compile(r"(?:\bREFTRACK_STRUCT\s*\(\s*(%s)\s*\)|\bstruct\s+(?:\w+\s*\([^)]*\)\s*)*"
                         r"(?:__attribute__\s*\(\(.*?\)\)\s*)?(%s))\s*\{([^{}]*)\}" % (ID, ID))
# typedef struct [tag] { ... } Name; (the body's struct is Name's)
ANON_BODY = re.compile(r"\btypedef\s+struct\s*(?:%s\s*)?\{([^{}]*)\}\s*(%s)\s*;" % (ID, ID))
# a struct member that is a struct: struct S x; or T x; (no pointer)
MEMBER = re.compile(r"(?:^|(?<=[;{]))\s*(?:const\s+)?(?:struct\s+(%s)|(%s))\s+(%s)\s*;" % (ID, ID, ID))
FIELD = re.compile(r"(?:^|(?<=[;{]))\s*(?:const\s+)?(?:struct\s+(%s)|(%s))\s*\*\s*(%s)\s*;" % (ID, ID, ID))

# the collect records of a site the apply pass converts
ACTIONS = ("alloc", "store", "free", "local")
# the block of cocci/reftrack.cocci repeated once per tracked field
PER_FIELD = "per tracked field"


def _fields(texts, tags, typedefs):
    """(S, F, T) for every pointer field F of struct S: T is the tag it
    points to when tracked, else ''."""
    out = set()
    for s, body in struct_bodies(texts):
        for fm in FIELD.finditer(body):
            tag = fm.group(1) or typedefs.get(fm.group(2))
            out.add((s, fm.group(3), tag if tag in tags else ""))
    return out


def struct_bodies(texts):
    """(name, body) of every struct definition: its tag, or the typedef
    name of a tagless one."""
    for t in texts:
        for m in STRUCT_BODY.finditer(t):
            yield m.group(1) or m.group(2), m.group(3)
        for m in ANON_BODY.finditer(t):
            yield m.group(2), m.group(1)


def member_rows(texts, tags, typedefs):
    """(X, PATH, T): a local of struct type X (a tag or a typedef name)
    holds a pointer to tracked T at X.PATH, directly or in a struct member
    (not in an array: the plugin releases those members when the local
    goes out of scope)."""
    direct, nested = {}, {}
    for name, body in struct_bodies(texts):
        for fm in FIELD.finditer(body):
            t = fm.group(1) or typedefs.get(fm.group(2))
            if t in tags:
                direct.setdefault(name, []).append((fm.group(3), t))
        for mm in MEMBER.finditer(body):
            nested.setdefault(name, []).append((mm.group(3), mm.group(1) or mm.group(2)))

    def paths(x, depth=0):
        out = list(direct.get(x, []))
        for f, y in nested.get(x, []) if depth < 8 else []:
            out += [(f + "." + p, t) for p, t in paths(y, depth + 1)]
        return out
    names = set(direct) | set(nested)
    return [("member", x, p, t) for x in sorted(names) for p, t in paths(x)
            if x not in tags]


def tracked_tags(texts):
    """(tags, tags with their own helpers, typedef name -> tag): the tracked
    struct tags of the run."""
    tags, helpers, typedefs = set(), set(), {}
    for t in texts:
        for r in TAGGED:
            tags.update(r.findall(t))
        helpers.update(HELPERS.findall(t))
        tags.update(PLAIN.findall(t))
        for m in TYPEDEF_BODY.finditer(t):
            if m.group(2) == "REFTRACK" and not m.group(1):
                # typedef struct REFTRACK { } Name: the plugin's plain
                # attribute; spatch sees a struct named REFTRACK
                typedefs[m.group(3)] = "REFTRACK"
                tags.add("REFTRACK")
            elif m.group(1):
                # typedef struct REFTRACK(...) [tag] { } Name: tracked by attribute
                typedefs[m.group(3)] = m.group(2) or m.group(3)
                tags.add(m.group(2) or m.group(3))
    for args in refconv_spec.load()["track"]:
        tags.add(args[0])
    for t in texts:
        for tag, name in TYPEDEF.findall(t):
            if tag in tags:
                typedefs[name] = tag
    # typedef T T2; of a tracked typedef name T, to any depth
    alias = [a for t in texts for a in TYPEDEF_ALIAS.findall(t)]
    while True:
        new = {n: typedefs[o] for o, n in alias if o in typedefs and n not in typedefs}
        if not new:
            break
        typedefs.update(new)
    return tags, helpers, typedefs


def defined_in(texts, tag):
    """The first file whose text defines struct TAG ('' if none does)."""
    for f, t in texts.items():
        for m in STRUCT_BODY.finditer(t):
            if (m.group(1) or m.group(2)) == tag:
                return f
    for f, t in texts.items():
        if any(tag in r.findall(t) for r in TAGGED):
            return f
    return ""


def tracked_rows(texts, tags, helpers, typedefs, fields):
    """The rows of WORK/tracked."""
    rows = []
    for s in sorted(tags):
        if s in helpers:
            rows.append(("tag", s, s + "_addref", s + "_removeref", defined_in(texts, s)))
        else:
            rows.append(("tag", s, "reftrack_addref", "reftrack_removeref",
                         defined_in(texts, s)))
    rows += [("typedef", n, s) for n, s in sorted(typedefs.items())]
    rows += [("ignore", f) for f in sorted({f for t in texts.values()
                                            for f in NOCOUNT.findall(t)})]
    rows += [("dtor", f) for f in sorted({f for t in texts.values()
                                          for f in DTOR.findall(t)})]
    rows += [("borrow", args[0]) for args in refconv_spec.load()["borrow"]]
    # the release of a freed object's references: fields of tracked structs
    rows += [("field",) + f for f in sorted(fields) if f[0] in tags and f[2]]
    # stores through a field whose struct spatch cannot see: by field name,
    # when every struct with a pointer field of that name agrees
    by_name = {}
    for _, f, t in fields:
        by_name.setdefault(f, set()).add(t)
    rows += [("fieldtag", f, min(t)) for f, t in sorted(by_name.items())
             if len(t) == 1 and min(t)]
    return rows


def most_fields(rows):
    """The largest number of tracked pointer fields of one struct."""
    count = {}
    for r in rows:
        if r[0] == "field":
            count[r[1]] = count.get(r[1], 0) + 1
    return max(count.values(), default=0)


def names(path, files):
    """The names step: the tracked types and fields (tracked), their names
    (names), the files that name one (candidates), and the run's semantic
    patch with one set of field release rules per field (reftrack.cocci)."""
    work = decide_common.Work(path)
    work.write("universe", files)
    texts = {f: decide_common.text(f) for f in files}
    tags, helpers, typedefs = tracked_tags(texts.values())
    rows = tracked_rows(texts, tags, helpers, typedefs,
                        _fields(texts.values(), tags, typedefs))
    rows += member_rows(texts.values(), tags, typedefs)
    work.write_rows("tracked", rows)
    words = sorted(tags | set(typedefs))
    work.write("names", sorted(set(words) | set(r[2] for r in rows if r[0] == "field")))
    cand = []
    if words:
        use = re.compile(r"\b(?:%s)\b" % "|".join(words))
        cand = [f for f in files if use.search(texts[f])]
    work.write("candidates", cand)
    smpl = decide_common.run_cocci()
    if smpl:
        decide_common.write_run_cocci(path, decide_common.repeat_block(
            smpl, PER_FIELD, most_fields(rows)))


class Seen:
    """What the collect pass saw."""

    def __init__(self):
        self.vetoes = {}        # S -> [(file, line, col, why)]
        self.sites = []         # (S, file, line, col, kind, what)
        self.defined = set()    # function names
        self.params = set()     # (FN, K, S): parameter K of FN points to S

    def veto(self, t, f, l, c, why):
        self.vetoes.setdefault(t, []).append((f, int(l), c, why))

    def add(self, r):
        """One collect record."""
        kind, (f, l, c), rest = r[0], r[1:4], r[4:]
        if kind == "veto":
            self.veto(rest[0], f, l, c, rest[1])
        elif kind in ACTIONS:
            self.sites.append((rest[0], f, l, c, kind, rest[1]))
        elif kind == "fn":
            self.defined.add(rest[0])
        elif kind == "param":
            self.params.add((rest[1], int(rest[2]), rest[0]))
            self.sites.append((rest[0], f, l, c, kind, rest[3]))


def read_seen(work):
    """The collect records of WORK as a Seen."""
    seen = Seen()
    for r in work.records():
        seen.add(r)
    return seen


def converted(seen):
    """The types with a site or a counted parameter, and no veto."""
    return sorted(({s[0] for s in seen.sites} | {p[2] for p in seen.params})
                  - set(seen.vetoes))


def heap_includers(work):
    """The candidate files that include the plugin's heap header: the patch
    moves them to refconv's."""
    inc = re.compile(r'^\s*#\s*include\s*"(?:hrcmm|lkrcmm)\.h"', re.M)
    return [f for f in work.lines("candidates") if inc.search(decide_common.text(f))]


def param_rows(seen, conv):
    """(FN, K, S): the counted parameters of the functions the run defines,
    for converted types; a name defined with different ones is left out
    (its calls are not counted either way)."""
    by = {}
    for fn, k, t in seen.params:
        if t in conv:
            by.setdefault(fn, set()).add((k, t))
    return [(fn, k, t) for fn, ps in sorted(by.items()) for k, t in sorted(ps)
            if len({k for k, _ in ps}) == len(ps)]


def site_rows(seen, conv):
    """The sites rows: every site of a converted type, every veto; sorted by
    position, a position's messages by text."""
    rows = {}
    for t, f, l, c, kind, what in seen.sites:
        if t in conv:
            rows.setdefault((f, int(l), c, "WARNING: %s" % what), (kind, t))
    for t, vs in seen.vetoes.items():
        for f, l, c, why in vs:
            rows.setdefault((f, l, c, "INFO: struct %s kept: %s" % (t, why)), ("kept", t))
    return [(rows[k][0], k[0], k[1], k[2], "struct " + rows[k][1], k[3])
            for k in sorted(rows, key=lambda k: (k[0], k[1], int(k[2]), k[3]))]


def group_rows(work, seen, conv):
    """(unit, subject, files) per converted type: the file that defines it
    (from WORK/tracked), then the files of its sites."""
    home = {r[1]: r[4] for r in work.rows("tracked") if r[0] == "tag" and len(r) > 4}
    out = []
    for t in conv:
        files = sorted(set(s[1] for s in seen.sites if s[0] == t))
        first = home.get(t) or files[0]
        out.append(("struct " + t, "track struct %s with the reftrack allocator" % t,
                    [first] + [f for f in files if f != first]))
    return out


def decide(path):
    """Types without a veto are converted; every site of them is listed."""
    work = decide_common.Work(path)
    seen = read_seen(work)
    conv = converted(seen)
    st = site_rows(seen, conv)
    work.write_sites(st)
    work.write_groups(group_rows(work, seen, conv))
    work.write("files", sorted({s[1] for s in st}))
    work.write("files.patch", sorted({s[1] for s in st if s[0] != "kept"}
                                     | set(heap_includers(work) if conv else ())))
    work.write("types", conv)
    work.write_rows("params", param_rows(seen, conv))
    print("reftrack: %d tracked type(s) converted (%s), %d kept (%s)"
          % (len(conv), ", ".join(conv) or "none", len(seen.vetoes),
             ", ".join(sorted(seen.vetoes)) or "none"))


if __name__ == "__main__":
    sys.exit(decide_common.main(sys.argv, names, decide))
