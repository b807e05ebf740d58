#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decide the gets and puts cocci/grab.cocci replaces with the spec's helpers.

Called by scripts/run-cocci.sh between the collect and the apply pass
(the work directory's files are described in scripts/lib/README):

    decide-grab.py names WORK < FILES   names (the spec's fields and
                                        helpers), universe, candidates (the
                                        files that name a field)
    decide-grab.py decide WORK          collect.* -> sites, groups, files,
                                        files.patch, puts

For a spec line "grab TYPE FIELD GET [PUT]", an increment of FIELD on a
struct TYPE becomes GET(x), and "if (atomic_dec_and_test(&x->FIELD))
release(x);" becomes PUT(x) only when a definition of PUT whose whole body is
that statement, on the same struct and field, was collected: otherwise
PUT(x) would not do what the idiom did. Neither changes inside the
definitions of GET and PUT themselves.

Sites: "get" and "put" (WARNING, converted), "kept" (INFO: every other
atomic_inc, refcount_inc, atomic_dec_and_test or refcount_dec_and_test of a
spec field, with the reason). UNIT is "struct TYPE.FIELD" (the field name
alone where spatch cannot infer the type).

An increment whose object spatch could not type (a global declared in a
header, a macro such as current, a member of a struct defined in a header)
is typed from the tree's text (scripts/lib/texttypes.py, which answers only
when every declaration it can see agrees) and converts when that type is
the spec's.

The conversion's own tables, read by the apply pass in patch mode:

    puts   TYPE FIELD RELEASE: PUT's body is exactly the release idiom of
           struct TYPE.FIELD with RELEASE(x); no line for a PUT whose body
           is not (or was not seen, or differs between definitions)
    typed  FILE FUNCTION EXPR OP TYPE: in FUNCTION of FILE, the untyped
           EXPR (spatch's print of it) of "&EXPR OP FIELD" is a struct TYPE
           (a pointer for "->"), as typed here
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from decide_common import Work, main, text  # noqa: E402
from audit import Tree  # noqa: E402
import refconv_spec  # noqa: E402
from texttypes import TextTypes  # noqa: E402

# the collect records of each apply rule, in the apply pass's order: a
# position is reported by the first rule that tells it
GET_KINDS = ("get", "getobj")
KEPT_KINDS = ("ptr", "obj", "untyped")


class Spec:
    """The spec's grab lines: (TYPE, FIELD) -> (GET, PUT or None)."""

    def __init__(self):
        self.lines = refconv_spec.load()["grab"]
        self.grab = {}
        for a in self.lines:
            self.grab[(a[0], a[1])] = (a[2], a[3] if len(a) > 3 else None)
        self.fields = set(f for (_, f) in self.grab)
        self.helpers = set(h for v in self.grab.values() for h in v if h)

    def get(self, s, f):
        return self.grab[(s, f)][0]

    def put(self, s, f):
        return self.grab.get((s, f), (None, None))[1]


def names(path, files):
    """The spec's fields and helpers, and the files that name a field (the
    only ones where a get, a put or PUT's definition can be)."""
    work, spec = Work(path), Spec()
    work.write("names", sorted(spec.fields | spec.helpers))
    work.write("universe", files)
    first = []
    if spec.fields:
        word = re.compile(r"\b(?:%s)\b" % "|".join(sorted(spec.fields)))
        first = [f for f in files if word.search(text(f))]
    work.write("candidates", first)


class Facts:
    """The collect records, by kind, each (pos, fields...) in the order
    read; PUT definitions; the files defining each spec type."""

    def __init__(self, records):
        self.by_kind = {}
        self.putdefs = {}       # (PUT, TYPE, FIELD) -> {release functions}
        self.defs = {}          # TYPE -> [file]
        for r in records:
            kind, pos, rest = r[0], tuple(r[1:4]), r[4:]
            if kind == "putdef":
                self.putdefs.setdefault((rest[0], rest[1], rest[2]), set()).add(rest[3])
            elif kind == "def":
                self.defs.setdefault(rest[0], []).append(pos[0])
            else:
                self.by_kind.setdefault(kind, []).append((pos,) + tuple(rest))

    def of(self, kind):
        return self.by_kind.get(kind, [])


def decide_puts(spec, facts):
    """(TYPE, FIELD) -> the release function of PUT's own body, for the PUTs
    defined as the release idiom with one release function; and the PUTs
    substituted and kept, as "PUT()" in the spec's order."""
    puts, ok, missing = {}, [], []
    for a in spec.lines:
        if len(a) < 4:
            continue
        rel = facts.putdefs.get((a[3], a[0], a[1]), set())
        if len(rel) == 1:
            puts[(a[0], a[1])] = next(iter(rel))
            ok.append("%s()" % a[3])
        else:
            missing.append("%s()" % a[3])
    return puts, ok, missing


def kept_reason(spec, puts, s, f, hf, fn):
    """The INFO line of HF(&x->F) on a struct S in function FN that is not
    converted, or None for one in GET's or PUT's own body."""
    what = "%s of struct %s.%s" % (hf, s, f)
    if (s, f) not in spec.grab:
        return "INFO: %s kept: not a grab field of the spec" % what
    if fn in spec.helpers:
        return None
    if "dec" not in hf:
        return "INFO: %s kept: not a plain increment" % what
    put = spec.put(s, f)
    if put is None:
        return "INFO: %s kept: the spec names no put helper" % what
    if (s, f) not in puts:
        return "INFO: %s kept: no definition of %s() that is exactly the " \
            "release idiom was seen" % (what, put)
    return "INFO: %s kept: not \"if (%s(...)) %s(x);\"" % (what, hf, puts[(s, f)])


def converted(spec, puts, kind, rec):
    """The site (kind, unit, message) of the get or put record REC, or None
    when it is not converted."""
    if kind in GET_KINDS:
        _, s, f, fn = rec
        if (s, f) not in spec.grab or fn in spec.helpers:
            return None
        return ("get", "struct %s.%s" % (s, f), "WARNING: open-coded get of "
                "struct %s.%s: use %s()" % (s, f, spec.get(s, f)))
    _, s, f, r, fn = rec
    if spec.put(s, f) is None or puts.get((s, f)) != r or fn in spec.helpers:
        return None
    return ("put", "struct %s.%s" % (s, f), "WARNING: open-coded put of "
            "struct %s.%s: use %s()" % (s, f, spec.put(s, f)))


def typed_get(spec, types, rec):
    """(TYPE, OP) when the untyped record REC is an increment of a spec
    field on an object the tree's text types as that field's struct (a
    pointer for "->"), else None; OP is the operator before the field, read
    from the source at the record's position."""
    pos, f, e, hf, fn = rec[:5]
    if "inc" not in hf or fn in spec.helpers:
        return None
    line = text(pos[0]).split("\n")[int(pos[1]) - 1:int(pos[1])]
    m = re.search(r"(->|\.)\s*%s\s*\)" % re.escape(f), "".join(line)[int(pos[2]):])
    if not m:
        return None
    t = types.type_of(e, pos[0], fn)
    if t is None or not t[0].startswith("struct ") or t[1] != (1 if m.group(1) == "->" else 0):
        return None
    s = t[0].split(" ", 1)[1]
    return (s, m.group(1)) if (s, f) in spec.grab else None


def kept(spec, puts, kind, rec):
    """The site (kind, unit, message) of the kept use REC, or (None, None,
    None) for one that is not reported."""
    if kind == "untyped":
        _, f, e, hf = rec[:4]
        return ("kept", f, "INFO: %s of %s kept: spatch cannot infer the type "
                "of %s" % (hf, f, e))
    _, s, f, hf, fn = rec
    return ("kept", "struct %s.%s" % (s, f), kept_reason(spec, puts, s, f, hf, fn))


def decide_sites(spec, puts, facts, types):
    """{pos: (kind, unit, message or None)}: what the first apply rule that
    matches each position says there (gets, the struct gets, puts, then the
    kept uses through a pointer, on an object, of unknown type - or typed
    from the text: a get), and the typed table's rows."""
    told, typed = {}, []
    for kind in GET_KINDS + ("put",):
        for rec in facts.of(kind):
            site = converted(spec, puts, kind, rec)
            if site and rec[0] not in told:
                told[rec[0]] = site
    for kind in KEPT_KINDS:
        fresh = dict((rec[0], rec) for rec in facts.of(kind) if rec[0] not in told)
        for pos, rec in fresh.items():
            t = typed_get(spec, types, rec) if kind == "untyped" else None
            if t:
                s, f = t[0], rec[1]
                told[pos] = ("get", "struct %s.%s" % (s, f), "WARNING: open-coded get of "
                             "struct %s.%s: use %s()" % (s, f, spec.get(s, f)))
                typed.append((pos[0], rec[4], rec[2], t[1], s))
            else:
                told[pos] = kept(spec, puts, kind, rec)
    return told, sorted(set(typed))


def pos_key(pos):
    return (pos[0], int(pos[1]), int(pos[2]))


def unit_groups(spec, facts, sites):
    """(unit, subject, files) of every unit with a converted site: the file
    defining its struct first, when the run saw it."""
    units = {}
    for pos in sorted(sites, key=pos_key):
        kind, unit, _ = sites[pos]
        if kind in ("get", "put"):
            units.setdefault(unit, ([], set()))
            if pos[0] not in units[unit][0]:
                units[unit][0].append(pos[0])
            units[unit][1].add(kind)
    out = []
    for unit in sorted(units):
        files, kinds = units[unit]
        s, f = unit.split(" ", 1)[1].split(".")
        defs = sorted(facts.defs.get(s, []))
        files = defs[:1] + [x for x in files if x not in defs[:1]]
        helpers = [spec.get(s, f) + "()"] if "get" in kinds else []
        helpers += [spec.put(s, f) + "()"] if "put" in kinds else []
        out.append((unit, "use %s for %s" % ("/".join(helpers), unit), files))
    return out


def write_outputs(work, puts, sites, groups, typed):
    """sites, groups, files, files.patch, puts and typed."""
    rows = [(s[0],) + pos + (s[1], s[2])
            for pos, s in sorted(sites.items(), key=lambda i: pos_key(i[0]))
            if s[2] is not None]
    work.write_sites(rows)
    work.write_groups(groups)
    work.write("files", sorted(set(r[1] for r in rows)))
    work.write("files.patch", sorted(set(r[1] for r in rows if r[0] != "kept")))
    work.write_rows("puts", [(t, f, r) for (t, f), r in sorted(puts.items())])
    work.write_rows("typed", typed)


def verdict(spec, ok, missing):
    """The summary line of the run."""
    line = "grab: %d grab line(s)" % len(spec.lines)
    if ok:
        line += "; puts substituted: " + ", ".join(ok)
    if missing:
        line += "; puts kept (no definition that is exactly the release idiom): " \
            + ", ".join(missing)
    return line


def scope(tree, f):
    """The files a .c file F may see declarations in: itself and what it
    includes, directly or not (None for a header: any file may include
    it, so any declaration may count)."""
    if not f.endswith(".c"):
        return None
    r = tree.realname(f)
    return [r] + sorted(tree.included_after(r, 0))


def decide(path):
    """collect.* -> the sites of every get, put and kept use."""
    work, spec = Work(path), Spec()
    facts = Facts(work.records())
    puts, ok, missing = decide_puts(spec, facts)
    tree = Tree(work)
    types = TextTypes(tree.files, lambda f, g, line: tree.sees(f, (g, line)),
                      lambda f: scope(tree, f))
    sites, typed = decide_sites(spec, puts, facts, types)
    write_outputs(work, puts, sites, unit_groups(spec, facts, sites), typed)
    print(verdict(spec, ok, missing))


if __name__ == "__main__":
    sys.exit(main(sys.argv, names, decide))
