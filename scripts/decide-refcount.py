#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decide which atomic_t fields cocci/refcount.cocci converts.

Called by scripts/run-cocci.sh between the collect and the apply pass:

    decide-refcount.py names WORK < FILES     candidate field names -> WORK/names,
                                            files to collect first -> WORK/candidates
    decide-refcount.py decide WORK          WORK/collect.* -> WORK/decisions,
                                            WORK/table, WORK/files (and
                                            WORK/files.patch, those that
                                            change), and once
                                            WORK/more: files to collect too

A field is converted only when every use seen anywhere in the run is in the
kernel's refcount-vs-atomic table and it looks like a reference count; the
rules are spelled out in cocci/refcount.cocci.  Uses through an expression
whose type spatch could not infer are tied to every struct that has an
atomic_t field of that name, and those structs are then converted together
or not at all: converting one half would leave a use that no longer compiles,
or worse, compiles against the wrong counter.
"""

import collections
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from decide_common import main, narrow_cocci, text as _text  # noqa: E402

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


def _alt(words):
    return "|".join(sorted(words))


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


def names(work, files):
    """Candidate field names and the files worth collecting first.

    A field can only be converted if it is declared atomic_t and released
    with a dec_and_test-style call somewhere, so only names that appear in
    both ways are collected (a field whose name never meets a release call is
    a plain counter: nothing about it could change). The first collect round
    takes the files that declare such a name or pass it to an atomic_*()
    call; decide() then asks for a second round over the files that take
    the address of, or reach into .counter of, a field it would convert.
    """
    declared, released = set(), set()
    for path in files:
        t = _text(path)
        declared.update(m.group(1) for m in _words(DECL, t))
        released.update(m.group(2) for m in RELEASE_USE.finditer(t))
    cand = declared & released
    with open(os.path.join(work, "names"), "w") as out:
        out.writelines(n + "\n" for n in sorted(cand))
    narrow_cocci(work, "cand", cand)
    with open(os.path.join(work, "universe"), "w") as out:
        out.writelines(f + "\n" for f in files)
    first = []
    if cand:
        for f in files:
            t = _text(f)
            if (any(m.group(1) in cand for m in _words(DECL, t))
                    or any(n in cand for n in _call_members(t))):
                first.append(f)
    with open(os.path.join(work, "candidates"), "w") as out:
        out.writelines(f + "\n" for f in first)


def second_round(work, converted):
    """Ask the driver to collect the files that use a field about to be
    converted outside atomic_*() calls (&x->f passed on, x->f.counter), once."""
    marker = os.path.join(work, "round2")
    if os.path.exists(marker) or not converted:
        return
    open(marker, "w").close()
    with open(os.path.join(work, "candidates")) as f:
        done = set(l.rstrip("\n") for l in f)
    with open(os.path.join(work, "universe")) as f:
        universe = [l.rstrip("\n") for l in f]
    alt = _alt(converted)
    use = re.compile(r"&[^;,()]*?(?:->|\.)\s*(?:%s)\b|(?:->|\.)\s*(?:%s)\s*\.\s*counter"
                     % (alt, alt))
    more = []
    for f in universe:
        if f in done:
            continue
        t = _text(f)
        # the plain substring test first: the pattern is slow on big files
        if any(n in t for n in converted) and use.search(t):
            more.append(f)
    if more:
        with open(os.path.join(work, "more"), "w") as out:
            out.writelines(f + "\n" for f in more)


def why_blocked(fn):
    if fn == "atomic_dec":
        return ("atomic_dec: refcount_dec must never drop the last "
                "reference, and nothing shows this one cannot")
    if fn.startswith("atomic_") and fn not in TABLE:
        return "%s has no refcount_t counterpart" % fn
    return "its address is passed to %s()" % fn


class Def:
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
        if self.blocker is None or pos_key(pos) < pos_key(self.blocker[1]):
            self.blocker = (reason, pos)


def pos_key(pos):
    return (pos[0], int(pos[1]), int(pos[2]))


def where(pos):
    return "%s:%s" % (pos[0], pos[1])


def decide(work):
    rows = []
    for path in sorted(glob.glob(os.path.join(work, "collect.*"))):
        with open(path) as f:
            rows += [l.rstrip("\n").split("\t") for l in f if l.strip()]

    defs = {}                                   # (S, F, file) -> Def
    typed, addr, counter, calls = {}, {}, {}, {}
    sets, unless, arith, inits, pinits, released = {}, set(), set(), [], [], set()
    for r in rows:
        kind, pos, rest = r[0], tuple(r[1:4]), r[4:]
        if kind == "def":
            defs.setdefault((rest[0], rest[1], pos[0]), Def(pos, rest[0], rest[1]))
        elif kind == "acc":
            typed[pos] = (rest[0], rest[1])
        elif kind == "addr":
            addr[pos] = rest[0]
        elif kind == "counter":
            counter[pos] = rest[0]
        elif kind == "call":
            calls[pos] = (rest[0], int(rest[1]), (pos[0], rest[2], rest[3]))
        elif kind == "set":
            sets[pos] = rest[0]
        elif kind == "unless":
            unless.add(pos)
        elif kind == "arith":
            arith.add(pos)
        elif kind == "released":
            released.add(pos)
        elif kind == "init":
            inits.append((pos, rest[0], rest[1], rest[2]))
        elif kind == "pinit":
            pinits.append((pos, rest[0], rest[1]))

    by_name = collections.defaultdict(list)     # F -> [Def]
    for d in defs.values():
        by_name[d.f].append(d)

    # Two atomic_t fields in one declaration (atomic_t a, b;)
    lines = collections.Counter((d.pos[0], d.pos[1], d.s) for d in defs.values())
    for d in defs.values():
        if lines[(d.pos[0], d.pos[1], d.s)] > 1:
            d.block("declared together with other fields in one declaration",
                    d.pos)

    def visible(s, f, file):
        """The definitions of S.F that code in FILE can refer to."""
        local = [d for d in by_name[f] if d.pos[0] == file and (s is None or d.s == s)]
        if local:
            return local
        hdr = [d for d in by_name[f] if d.pos[0].endswith(".h") and (s is None or d.s == s)]
        if s is not None and len(hdr) > 1:
            for d in hdr:
                d.block("struct %s is defined in several headers" % s, d.pos)
        return hdr

    def classify(pos):
        """(op, value, blocking reason or None, site or None) of one use."""
        if pos in counter:
            return "counter", None, "its .counter is accessed directly", None
        if pos in calls:
            fn, arg, cpos = calls[pos]
            if fn == "atomic_add_unless":
                if pos in unless:
                    return fn, None, None, (cpos, "unless", "refcount_dec_not_one")
                return fn, None, ("atomic_add_unless with arguments other than "
                                  "(-1, 1) has no refcount_t counterpart"), None
            if TABLE.get(fn) == arg:
                if fn == "atomic_read" and pos in arith:
                    return fn, None, "atomic_read result used in arithmetic", None
                new = "refcount_" + fn[len("atomic_"):]
                return fn, sets.get(pos), None, (cpos, "rename", new)
            return fn, None, why_blocked(fn), None
        if pos in addr:
            return "addr", None, "its address is taken", None
        return "value", None, "used as a plain atomic_t value", None

    untyped_links = []
    for pos in sorted(set(typed) | set(addr) | set(counter), key=pos_key):
        if pos in typed:
            s, f = typed[pos]
            targets = visible(s, f, pos[0])
        else:
            f = addr.get(pos) or counter.get(pos)
            targets = visible(None, f, pos[0])
            if len(targets) > 1:
                untyped_links.append((targets, pos))
        if not targets:
            continue
        op, value, reason, site = classify(pos)
        for d in targets:
            d.uses.append((pos, op, value))
            if reason:
                note = "" if pos in typed else " (through an expression of unknown type)"
                d.block("%s at %s%s" % (reason, where(pos), note), pos)
            elif site:
                d.sites.append(site)

    for pos, s, f, n in inits:
        for d in visible(s, f, pos[0]):
            d.uses.append((pos, "ATOMIC_INIT", n))
            d.sites.append((pos, "init", "REFCOUNT_INIT"))

    # ATOMIC_INIT in a positional initializer: it belongs to the struct's
    # only atomic_t field, or cannot be told apart.
    designated = set(p for p, _, _, _ in inits)
    for pos, s, n in pinits:
        if pos in designated:
            continue
        cands = [d for d in defs.values() if d.s == s and d in visible(s, d.f, pos[0])]
        for d in cands:
            if len(cands) == 1:
                d.uses.append((pos, "ATOMIC_INIT", n))
                d.sites.append((pos, "init", "REFCOUNT_INIT"))
            else:
                d.block("positional ATOMIC_INIT at %s cannot be matched to one of "
                        "struct %s's atomic_t fields" % (where(pos), s), pos)

    # Does each field look like a reference count? (A concrete blocking use
    # found above is the better reason, so it is kept.)
    for d in defs.values():
        if d.blocker:
            continue
        ops = [u[1] for u in d.uses]
        values = [(u[0], u[2]) for u in d.uses
                  if u[1] in ("atomic_set", "ATOMIC_INIT") and u[2] is not None]
        zero = [p for p, v in values if v.strip() in ZERO]
        incs = [u[0] for u in d.uses if u[1] in INCREMENT]
        if not RELEASE.intersection(ops):
            d.block("never released with atomic_dec_and_test or a variant: "
                    "a counter, not a reference count", d.pos)
        elif not [p for p, v in values if v.strip() not in ZERO]:
            d.block("never set to a non-zero value: a zero-filled counter "
                    "incremented from 0 would make refcount_inc warn", d.pos)
        elif incs and not [u for u in d.uses if u[1] in RELEASE and u[0] in released]:
            rel = [u[0] for u in d.uses if u[1] in RELEASE]
            d.block("incremented at %s, but no release (%s) is followed by a free, "
                    "destroy, release, call_rcu, queue_work or complete: a count "
                    "that reaches 0 and is incremented again would make "
                    "refcount_inc warn and saturate" % (where(incs[0]), where(rel[0])),
                    d.pos)
        elif incs and LOCKED_RELEASE.intersection(ops):
            d.block("released with atomic_dec_and_lock and incremented with "
                    "atomic_inc at %s: an object kept at 0 under the lock and "
                    "revived by atomic_inc would make refcount_inc warn and "
                    "saturate" % where(incs[0]), d.pos)
        elif zero and incs:
            d.block("set to 0 at %s and incremented at %s: refcount_inc from "
                    "0 warns and saturates" % (where(zero[0]), where(incs[0])),
                    d.pos)

    # Structs sharing untyped uses of a field name stand or fall together.
    for targets, pos in untyped_links:
        for d in targets[1:]:
            a, b = targets[0].root(), d.root()
            if a is not b:
                b.parent = a
    groups = collections.defaultdict(list)
    for d in defs.values():
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

    decisions, table, files = [], [], set()
    for d in sorted(defs.values(), key=lambda d: pos_key(d.pos)):
        if d.blocker:
            reason, _ = d.blocker
            decisions.append(("blocked",) + d.pos + (d.what, reason))
            table.append((d.what, where(d.pos), len(d.uses), "kept", reason))
            files.add(d.pos[0])
            continue
        decisions.append(("def",) + d.pos + ("refcount_t", d.what))
        files.add(d.pos[0])
        for pos, kind, new in d.sites:
            decisions.append((kind,) + tuple(pos) + (new, d.what))
            files.add(pos[0])
        table.append((d.what, where(d.pos), len(d.uses), "converted", ""))

    seen = set()
    with open(os.path.join(work, "decisions"), "w") as out:
        for row in decisions:
            if row[1:4] in seen:
                continue
            seen.add(row[1:4])
            out.write("\t".join(str(x) for x in row) + "\n")
    with open(os.path.join(work, "table"), "w") as out:
        out.write("# field\tdefined at\tuses\tverdict\treason\n")
        for row in table:
            out.write("\t".join(str(x) for x in row) + "\n")
    with open(os.path.join(work, "files"), "w") as out:
        for f in sorted(files):
            out.write(f + "\n")
    # patch mode needs only the files that change
    changing = set(r[1] for r in decisions if r[0] != "blocked")
    with open(os.path.join(work, "files.patch"), "w") as out:
        for f in sorted(changing):
            out.write(f + "\n")

    if os.path.exists(os.path.join(work, "universe")):
        second_round(work, set(d.f for d in defs.values() if not d.blocker))
    conv = sum(1 for r in table if r[3] == "converted")
    kept = collections.Counter(reason_class(r[4]) for r in table if r[3] == "kept")
    detail = ", ".join("%d %s" % (n, k) for k, n in sorted(kept.items()))
    print("refcount: %d field(s) converted, %d kept as atomic_t%s"
          % (conv, len(table) - conv, " (" + detail + ")" if detail else ""))


def reason_class(reason):
    """A short name for a blocking reason, for the summary line."""
    m = re.match(r"(atomic_\w+) has no refcount_t", reason)
    if m:
        return m.group(1)
    for key, short in (("atomic_dec:", "plain atomic_dec"),
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
                       ("atomic_add_unless", "atomic_add_unless")):
        if key in reason:
            return short
    return "other"


if __name__ == "__main__":
    sys.exit(main(sys.argv, names, decide))
