#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decide which atomic_t fields cocci/refcount.cocci converts.

Called by scripts/run-cocci.sh between the collect and the apply pass
(the work directory's files are described in scripts/lib/README):

    decide-refcount.py names WORK < FILES   names (candidate field names),
                                            universe, candidates (the files
                                            to collect first), refcount.cocci
                                            (narrowed to the names)
    decide-refcount.py decide WORK          collect.* -> sites, groups,
                                            files, files.patch, table, and
                                            once more: the files to collect too

A field is converted only when every use seen anywhere in the run is in the
kernel's refcount-vs-atomic table and it looks like a reference count; the
rules are spelled out in cocci/refcount.cocci.  Uses through an expression
whose type spatch could not infer are tied to every struct that has an
atomic_t field of that name, and those structs are then converted together
or not at all: converting one half would leave a use that no longer compiles,
or worse, compiles against the wrong counter.

Sites: "def" (the field's declaration), "rename" (atomic_X -> refcount_X at
the call), "unless" (atomic_add_unless(-1, 1) -> refcount_dec_not_one),
"init" (ATOMIC_INIT -> REFCOUNT_INIT), and "kept" at the declaration of a
field that stays atomic_t. UNIT is "struct S.F".
"""

import collections
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from decide_common import Work, main, narrow_cocci, text as _text  # noqa: E402

# function -> index of the argument that is the counter
TABLE = {
    "atomic_set": 0, "atomic_read": 0, "atomic_inc": 0, "atomic_add": 1,
    "atomic_inc_not_zero": 0, "atomic_dec_and_test": 0,
    "atomic_sub_and_test": 1, "atomic_dec_and_lock": 0,
    "atomic_dec_and_mutex_lock": 0, "atomic_add_unless": 0,
}
RELEASE = {"atomic_dec_and_test", "atomic_sub_and_test",
           "atomic_dec_and_lock", "atomic_dec_and_mutex_lock"}
INCREMENT = {"atomic_inc", "atomic_add"}
LOCKED_RELEASE = {"atomic_dec_and_lock", "atomic_dec_and_mutex_lock"}
ZERO = {"0", "(0)", "0U", "0u"}

# no leading \b: a pattern that starts with a literal is searched for as a
# string, many times faster over a whole tree; _words() checks the boundary
DECL = re.compile(r"atomic_t\s+([A-Za-z_]\w*)\s*[;,\[]")
CALL = re.compile(r"(?:atomic_\w+|ATOMIC_INIT)\s*\(")
MEMBER = re.compile(r"(?:->|\.)\s*([A-Za-z_]\w*)")
# a release call on a field: atomic_dec_and_test(&x->y.F), (&(x)->F, lock) ...
RELEASE_USE = re.compile(
    r"atomic_(?:dec_and_test|sub_and_test|dec_and_lock|dec_and_mutex_lock)"
    r"\s*\(([^;]*?)(?:->|\.)\s*([A-Za-z_]\w*)\s*\)?\s*[,)]")

# the summary line's short names of the blocking reasons, first match wins
REASON_CLASSES = (
    ("atomic_dec:", "plain atomic_dec"),
    ("never released", "no release"),
    ("never set", "no non-zero init"),
    ("set to 0", "set to 0 then incremented"),
    ("revived by", "revival from 0 under a lock"),
    ("no release (", "release frees nothing"),
    ("arithmetic", "arithmetic on atomic_read"),
    ("address is passed", "address passed to a function"),
    ("address is taken", "address taken"),
    (".counter", ".counter access"),
    ("plain atomic_t value", "used as a value"),
    ("shares uses", "shares untyped uses"),
    ("several headers", "ambiguous definition"),
    ("one declaration", "multiple declarators"),
    ("atomic_add_unless", "atomic_add_unless"),
)


# --- names -------------------------------------------------------------------

def _words(pattern, t):
    """Matches of PATTERN in T that start a word."""
    for m in pattern.finditer(t):
        i = m.start()
        if i and (t[i - 1].isalnum() or t[i - 1] == "_"):
            continue
        yield m


def _call_members(t):
    """Member names in the arguments of atomic_*() and ATOMIC_INIT() calls,
    up to the end of the statement."""
    for m in _words(CALL, t):
        end = t.find(";", m.end())
        for n in MEMBER.findall(t, m.end(), end if end >= 0 else len(t)):
            yield n


def candidate_names(files):
    """The names declared atomic_t and released with a dec_and_test-style
    call somewhere in FILES."""
    declared, released = set(), set()
    for path in files:
        t = _text(path)
        declared.update(m.group(1) for m in _words(DECL, t))
        released.update(m.group(2) for m in RELEASE_USE.finditer(t))
    return declared & released


def first_round(files, cand):
    """The files of FILES that declare a name of CAND or pass it to an
    atomic_*() call."""
    first = []
    for f in files if cand else []:
        t = _text(f)
        if (any(m.group(1) in cand for m in _words(DECL, t))
                or any(n in cand for n in _call_members(t))):
            first.append(f)
    return first


def names(path, files):
    """Candidate field names and the files worth collecting first.

    A field can only be converted if it is declared atomic_t and released
    with a dec_and_test-style call somewhere, so only names that appear in
    both ways are collected (a field whose name never meets a release call is
    a plain counter: nothing about it could change). The first collect round
    takes the files that declare such a name or pass it to an atomic_*()
    call; decide() then asks for a second round over the files that take
    the address of, or reach into .counter of, a field it would convert.
    """
    work = Work(path)
    cand = candidate_names(files)
    work.write("names", sorted(cand))
    narrow_cocci(work.path, "cand", cand)
    work.write("universe", files)
    work.write("candidates", first_round(files, cand))


def second_round(work, converted):
    """Ask the driver to collect the files that use a field about to be
    converted outside atomic_*() calls (&x->f passed on, x->f.counter), once."""
    if work.exists("round2") or not converted or not work.exists("universe"):
        return
    work.write("round2", [])
    done = set(work.lines("candidates"))
    alt = "|".join(sorted(converted))
    use = re.compile(r"&[^;,()]*?(?:->|\.)\s*(?:%s)\b|(?:->|\.)\s*(?:%s)\s*\.\s*counter"
                     % (alt, alt))
    more = []
    for f in work.lines("universe"):
        if f in done:
            continue
        t = _text(f)
        # the plain substring test first: the pattern is slow on big files
        if any(n in t for n in converted) and use.search(t):
            more.append(f)
    if more:
        work.write("more", more)


# --- the facts of the collect records ----------------------------------------

def pos_key(pos):
    """A position (file, line, col) of strings, ordered as in the file."""
    return (pos[0], int(pos[1]), int(pos[2]))


def where(pos):
    return "%s:%s" % (pos[0], pos[1])


class Def:
    """One atomic_t field definition, struct S.F at POS, and what the run
    says about it."""

    def __init__(self, pos, s, f):
        self.pos, self.s, self.f = pos, s, f
        self.uses = []          # (pos, op, value)
        self.sites = []         # (pos, kind, new)
        self.blocker = None     # (reason, pos)
        self.parent = self      # union-find over untyped uses

    @property
    def what(self):
        return "struct %s.%s" % (self.s, self.f)

    def root(self):
        d = self
        while d.parent is not d:
            d = d.parent
        return d

    def block(self, reason, pos):
        """Keep the field atomic_t for REASON, the earliest one seen."""
        if self.blocker is None or pos_key(pos) < pos_key(self.blocker[1]):
            self.blocker = (reason, pos)


class Facts:
    """The collect records of one run, by kind."""

    def __init__(self, records):
        self.defs = {}                          # (S, F, file) -> Def
        self.typed, self.addr, self.counter = {}, {}, {}
        self.calls, self.sets = {}, {}
        self.unless, self.arith, self.released = set(), set(), set()
        self.inits, self.pinits = [], []
        for r in records:
            self.add(r[0], tuple(r[1:4]), r[4:])
        self.by_name = collections.defaultdict(list)     # F -> [Def]
        for d in self.defs.values():
            self.by_name[d.f].append(d)

    def add(self, kind, pos, rest):
        """One record: KIND at POS with the fields REST."""
        if kind == "def":
            self.defs.setdefault((rest[0], rest[1], pos[0]), Def(pos, rest[0], rest[1]))
        elif kind == "acc":
            self.typed[pos] = (rest[0], rest[1])
        elif kind == "addr":
            self.addr[pos] = rest[0]
        elif kind == "counter":
            self.counter[pos] = rest[0]
        elif kind == "call":
            self.calls[pos] = (rest[0], int(rest[1]), (pos[0], rest[2], rest[3]))
        elif kind == "set":
            self.sets[pos] = rest[0]
        elif kind == "unless":
            self.unless.add(pos)
        elif kind == "arith":
            self.arith.add(pos)
        elif kind == "released":
            self.released.add(pos)
        elif kind == "init":
            self.inits.append((pos, rest[0], rest[1], rest[2]))
        elif kind == "pinit":
            self.pinits.append((pos, rest[0], rest[1]))

    def ordered(self):
        """The definitions in file order."""
        return sorted(self.defs.values(), key=lambda d: pos_key(d.pos))

    def visible(self, s, f, file):
        """The definitions of S.F (any struct for S None) that code in FILE
        can refer to: those of FILE, else those of headers. A struct defined
        in several headers cannot be told apart: each is blocked."""
        local = [d for d in self.by_name[f] if d.pos[0] == file and (s is None or d.s == s)]
        if local:
            return local
        hdr = [d for d in self.by_name[f] if d.pos[0].endswith(".h") and (s is None or d.s == s)]
        if s is not None and len(hdr) > 1:
            for d in hdr:
                d.block("struct %s is defined in several headers" % s, d.pos)
        return hdr


# --- per-field facts ---------------------------------------------------------

def why_blocked(fn):
    """Why passing a field's address to FN keeps it atomic_t."""
    if fn == "atomic_dec":
        return ("atomic_dec: refcount_dec must never drop the last "
                "reference, and nothing shows this one cannot")
    if fn.startswith("atomic_") and fn not in TABLE:
        return "%s has no refcount_t counterpart" % fn
    return "its address is passed to %s()" % fn


def classify(facts, pos):
    """(op, value, blocking reason or None, site or None) of the use at POS."""
    if pos in facts.counter:
        return "counter", None, "its .counter is accessed directly", None
    if pos in facts.calls:
        fn, arg, cpos = facts.calls[pos]
        if fn == "atomic_add_unless":
            if pos in facts.unless:
                return fn, None, None, (cpos, "unless", "refcount_dec_not_one")
            return fn, None, ("atomic_add_unless with arguments other than "
                              "(-1, 1) has no refcount_t counterpart"), None
        if TABLE.get(fn) == arg:
            if fn == "atomic_read" and pos in facts.arith:
                return fn, None, "atomic_read result used in arithmetic", None
            new = "refcount_" + fn[len("atomic_"):]
            return fn, facts.sets.get(pos), None, (cpos, "rename", new)
        return fn, None, why_blocked(fn), None
    if pos in facts.addr:
        return "addr", None, "its address is taken", None
    return "value", None, "used as a plain atomic_t value", None


def block_multiple_declarators(facts):
    """Two atomic_t fields in one declaration (atomic_t a, b;) stay."""
    lines = collections.Counter((d.pos[0], d.pos[1], d.s) for d in facts.defs.values())
    for d in facts.defs.values():
        if lines[(d.pos[0], d.pos[1], d.s)] > 1:
            d.block("declared together with other fields in one declaration",
                    d.pos)


def attach_uses(facts):
    """Every access to the definitions it may refer to, with its site or its
    blocking reason; returns the untyped accesses that reach several
    definitions, [(defs, pos)]."""
    untyped_links = []
    for pos in sorted(set(facts.typed) | set(facts.addr) | set(facts.counter), key=pos_key):
        if pos in facts.typed:
            s, f = facts.typed[pos]
            targets = facts.visible(s, f, pos[0])
        else:
            f = facts.addr.get(pos) or facts.counter.get(pos)
            targets = facts.visible(None, f, pos[0])
            if len(targets) > 1:
                untyped_links.append((targets, pos))
        if not targets:
            continue
        op, value, reason, site = classify(facts, pos)
        for d in targets:
            d.uses.append((pos, op, value))
            if reason:
                note = "" if pos in facts.typed else " (through an expression of unknown type)"
                d.block("%s at %s%s" % (reason, where(pos), note), pos)
            elif site:
                d.sites.append(site)
    return untyped_links


def attach_initializers(facts):
    """ATOMIC_INIT in struct initializers: designated ones belong to their
    field; a positional one to the struct's only atomic_t field, or it
    cannot be told apart."""
    for pos, s, f, n in facts.inits:
        for d in facts.visible(s, f, pos[0]):
            d.uses.append((pos, "ATOMIC_INIT", n))
            d.sites.append((pos, "init", "REFCOUNT_INIT"))
    designated = set(p for p, _, _, _ in facts.inits)
    for pos, s, n in facts.pinits:
        if pos in designated:
            continue
        cands = [d for d in facts.defs.values() if d.s == s and d in facts.visible(s, d.f, pos[0])]
        for d in cands:
            if len(cands) == 1:
                d.uses.append((pos, "ATOMIC_INIT", n))
                d.sites.append((pos, "init", "REFCOUNT_INIT"))
            else:
                d.block("positional ATOMIC_INIT at %s cannot be matched to one of "
                        "struct %s's atomic_t fields" % (where(pos), s), pos)


# --- verdicts ----------------------------------------------------------------

def not_a_refcount(facts, d):
    """Why D, all of whose uses are in the table, does not look like a
    reference count (None when it does)."""
    ops = [u[1] for u in d.uses]
    values = [(u[0], u[2]) for u in d.uses
              if u[1] in ("atomic_set", "ATOMIC_INIT") and u[2] is not None]
    zero = [p for p, v in values if v.strip() in ZERO]
    incs = [u[0] for u in d.uses if u[1] in INCREMENT]
    if not RELEASE.intersection(ops):
        return ("never released with atomic_dec_and_test or a variant: "
                "a counter, not a reference count")
    if not [p for p, v in values if v.strip() not in ZERO]:
        return ("never set to a non-zero value: a zero-filled counter "
                "incremented from 0 would make refcount_inc warn")
    if incs and not [u for u in d.uses if u[1] in RELEASE and u[0] in facts.released]:
        rel = [u[0] for u in d.uses if u[1] in RELEASE]
        return ("incremented at %s, but no release (%s) is followed by a free, "
                "destroy, release, call_rcu, queue_work or complete: a count "
                "that reaches 0 and is incremented again would make "
                "refcount_inc warn and saturate" % (where(incs[0]), where(rel[0])))
    if incs and LOCKED_RELEASE.intersection(ops):
        return ("released with atomic_dec_and_lock and incremented with "
                "atomic_inc at %s: an object kept at 0 under the lock and "
                "revived by atomic_inc would make refcount_inc warn and "
                "saturate" % where(incs[0]))
    if zero and incs:
        return ("set to 0 at %s and incremented at %s: refcount_inc from "
                "0 warns and saturates" % (where(zero[0]), where(incs[0])))
    return None


def judge(facts):
    """Block the fields that do not look like reference counts (a concrete
    blocking use found before is the better reason, so it is kept)."""
    for d in facts.defs.values():
        if not d.blocker:
            why = not_a_refcount(facts, d)
            if why:
                d.block(why, d.pos)


def tie_untyped(facts, untyped_links):
    """Structs sharing untyped uses of a field name stand or fall together."""
    for targets, _ in untyped_links:
        for d in targets[1:]:
            a, b = targets[0].root(), d.root()
            if a is not b:
                b.parent = a
    groups = collections.defaultdict(list)
    for d in facts.defs.values():
        groups[d.root()].append(d)
    for members in groups.values():
        bad = [d for d in members if d.blocker and not d.blocker[0].startswith("shares")]
        if not bad:
            continue
        first = min(bad, key=lambda d: pos_key(d.pos))
        for d in members:
            if not d.blocker:
                d.block("shares uses of ->%s through expressions of unknown type "
                        "with %s, which stays atomic_t" % (d.f, first.what), d.pos)


def decide_fields(facts):
    """Every definition's verdict, in the order the rules apply."""
    block_multiple_declarators(facts)
    untyped_links = attach_uses(facts)
    attach_initializers(facts)
    judge(facts)
    tie_untyped(facts, untyped_links)


# --- outputs -----------------------------------------------------------------

def field_sites(d):
    """The sites of definition D: (kind, file, line, col, unit, message)."""
    if d.blocker:
        return [("kept",) + tuple(d.pos) + (
            d.what, "INFO: %s stays atomic_t: %s" % (d.what, d.blocker[0]))]
    out = [("def",) + tuple(d.pos) + (
        d.what, "WARNING: %s is a reference count: use refcount_t" % d.what)]
    for pos, kind, new in d.sites:
        out.append((kind,) + tuple(pos) + (
            d.what, "WARNING: %s is a reference count: use %s" % (d.what, new)))
    return out


def unique_positions(sites):
    """SITES without the later records of a position already listed (an
    untyped use reaching two fields is converted once)."""
    seen, out = set(), []
    for s in sites:
        if s[1:4] not in seen:
            seen.add(s[1:4])
            out.append(s)
    return out


def field_group(d):
    """(unit, subject, files) of a converted definition: its file first."""
    files = [d.pos[0]]
    for pos, _, _ in d.sites:
        if pos[0] not in files:
            files.append(pos[0])
    # the kernel's own subjects for these conversions
    return (d.what, "convert %s from atomic_t to refcount_t"
            % d.what.replace("struct ", ""), files)


def table_row(d):
    """The decision table's line of D."""
    verdict, reason = ("kept", d.blocker[0]) if d.blocker else ("converted", "")
    return (d.what, where(d.pos), len(d.uses), verdict, reason)


def write_outputs(work, defs):
    """sites, groups, files, files.patch and table of the definitions DEFS
    (in file order)."""
    sites = [s for d in defs for s in field_sites(d)]
    work.write_sites(unique_positions(sites))
    work.write_groups([field_group(d) for d in defs if not d.blocker])
    work.write("files", sorted(set(s[1] for s in sites)))
    # patch mode needs only the files that change
    work.write("files.patch", sorted(set(s[1] for s in sites if s[0] != "kept")))
    work.write("table", ["# field\tdefined at\tuses\tverdict\treason"]
               + ["\t".join(str(x) for x in table_row(d)) for d in defs])


def reason_class(reason):
    """A short name for a blocking reason, for the summary line."""
    m = re.match(r"(atomic_\w+) has no refcount_t", reason)
    if m:
        return m.group(1)
    for key, short in REASON_CLASSES:
        if key in reason:
            return short
    return "other"


def verdict(defs):
    """The summary line of the run."""
    conv = sum(1 for d in defs if not d.blocker)
    kept = collections.Counter(reason_class(d.blocker[0]) for d in defs if d.blocker)
    detail = ", ".join("%d %s" % (n, k) for k, n in sorted(kept.items()))
    return ("refcount: %d field(s) converted, %d kept as atomic_t%s"
            % (conv, len(defs) - conv, " (" + detail + ")" if detail else ""))


def decide(path):
    """collect.* -> the verdict of every field, and the files of the apply
    pass."""
    work = Work(path)
    facts = Facts(work.records())
    decide_fields(facts)
    defs = facts.ordered()
    write_outputs(work, defs)
    second_round(work, set(d.f for d in defs if not d.blocker))
    print(verdict(defs))


if __name__ == "__main__":
    sys.exit(main(sys.argv, names, decide))
