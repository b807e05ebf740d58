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
from audit import Audit, Tree, code_of, reason as audit_reason  # noqa: E402
from decide_common import Work, main, narrow_cocci, text as _text  # noqa: E402

# function -> index of the argument that is the counter
TABLE = {
    "atomic_set": 0, "atomic_read": 0, "atomic_inc": 0, "atomic_add": 1,
    "atomic_inc_not_zero": 0, "atomic_dec_and_test": 0,
    "atomic_sub_and_test": 1, "atomic_dec_and_lock": 0,
    "atomic_dec_and_lock_irqsave": 0,
    "atomic_dec_and_mutex_lock": 0, "atomic_add_unless": 0,
}
RELEASE = {"atomic_dec_and_test", "atomic_sub_and_test",
           "atomic_dec_and_lock", "atomic_dec_and_mutex_lock",
           "atomic_dec_and_lock_irqsave"}
INCREMENT = {"atomic_inc", "atomic_add"}
LOCKED_RELEASE = {"atomic_dec_and_lock", "atomic_dec_and_mutex_lock",
                  "atomic_dec_and_lock_irqsave"}
ZERO = {"0", "(0)", "0U", "0u"}
# an integer literal (what a count may be set to, or compared with, when the
# decide step must know its value)
LITERAL = re.compile(r"^\(?\s*(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*\s*\)?$")
# refcount_read() returns unsigned int: the types a read may be stored in,
# cast to or returned as without changing its value
# (a narrower one keeps the same low bits either way)
INT32 = {"int", "unsigned int", "unsigned", "signed int", "signed", "bool", "_Bool",
         "u32", "__u32", "s32", "__s32", "uint32_t", "int32_t",
         "short", "short int", "unsigned short", "unsigned short int", "signed short",
         "u16", "__u16", "s16", "__s16", "uint16_t", "int16_t",
         "char", "signed char", "unsigned char", "u8", "__u8", "s8", "__s8",
         "uint8_t", "int8_t"}
# the function-like macros that only print or test their arguments; another
# macro may do arithmetic or test the sign of what it is given (typeof)
SAFE_MACROS = {"printk", "pr_emerg", "pr_alert", "pr_crit", "pr_err", "pr_warn",
               "pr_notice", "pr_info", "pr_cont", "pr_debug", "pr_devel",
               "pr_err_ratelimited", "pr_warn_ratelimited", "pr_info_ratelimited",
               "pr_debug_ratelimited", "pr_warn_once", "pr_info_once", "pr_err_once",
               "dev_emerg", "dev_alert", "dev_crit", "dev_err", "dev_warn", "dev_notice",
               "dev_info", "dev_dbg", "dev_vdbg", "dev_err_ratelimited",
               "dev_warn_ratelimited", "dev_info_ratelimited", "dev_dbg_ratelimited",
               "netdev_err", "netdev_warn", "netdev_info", "netdev_dbg",
               "seq_printf", "WARN_ON", "WARN_ON_ONCE", "WARN", "WARN_ONCE", "BUG_ON",
               "snprintf", "scnprintf", "sprintf", "likely", "unlikely",
               "DRM_DEBUG", "DRM_ERROR", "DRM_INFO", "drm_dbg", "drm_err", "drm_info"}
# the function-like macros whose result depends on the sign of an argument
SIGNED_ARGS = {"min", "max", "min_t", "max_t", "min3", "max3", "clamp", "clamp_t",
               "clamp_val", "abs", "umin", "umax", "min_not_zero"}

# no leading \b: a pattern that starts with a literal is searched for as a
# string, many times faster over a whole tree; _words() checks the boundary
DECL = re.compile(r"atomic_t\s+([A-Za-z_]\w*)\s*[;,\[]")
CALL = re.compile(r"(?:atomic_\w+|ATOMIC_INIT)\s*\(")
MEMBER = re.compile(r"(?:->|\.)\s*([A-Za-z_]\w*)")
# a release call on a field: atomic_dec_and_test(&x->y.F), (&(x)->F, lock) ...
RELEASE_USE = re.compile(
    r"atomic_(?:dec_and_test|sub_and_test|dec_and_lock|dec_and_mutex_lock|dec_and_lock_irqsave)"
    r"\s*\(([^;]*?)(?:->|\.)\s*([A-Za-z_]\w*)\s*\)?\s*[,)]")

# the summary line's short names of the blocking reasons, first match wins
REASON_CLASSES = (
    ("atomic_dec:", "plain atomic_dec"),
    ("never released", "no release"),
    ("never set", "no non-zero init"),
    ("set to 0", "set to 0 then incremented"),
    ("not a literal", "countdown"),
    ("revived by", "revival from 0 under a lock"),
    ("negative value", "negative sentinel"),
    ("no release (", "countdown"),
    ("arithmetic", "arithmetic on atomic_read"),
    ("address is passed", "address passed to a function"),
    ("address is taken", "address taken"),
    (".counter", ".counter access"),
    ("plain atomic_t value", "used as a value"),
    ("shares uses", "shares untyped uses"),
    ("several headers", "ambiguous definition"),
    ("one declaration", "multiple declarators"),
    ("atomic_add_unless", "atomic_add_unless"),
    ("use not analysed", "use not analysed"),
    ("sign matters", "signed read"),
    ("is ignored", "ignored result"),
    ("full barrier", "full barrier"),
    ("outside M=", "outside M="),
    ("not ATOMIC_INIT", "other initializer"),
    ("no top-level #include", "no #include"),
    ("anonymous struct", "anonymous struct"),
    ("is a decrement", "negative atomic_add"),
    ("zero-filled allocation", "set to 0 then incremented"),
    ("defined more than once", "ambiguous definition"),
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
    call; decide() then asks for the files in which the occurrence audit
    (scripts/lib/audit.py) finds a use of a field it would convert that
    nobody collected.
    """
    work = Work(path)
    cand = candidate_names(files)
    work.write("names", sorted(cand))
    narrow_cocci(work.path, "cand", cand)
    work.write("universe", files)
    work.write("candidates", first_round(files, cand))


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
        self.evidence = None    # what shows that zero ends the object's life
        self.parent = self      # union-find over untyped uses

    @property
    def what(self):
        if self.s.startswith("typedef "):
            return "%s.%s" % (self.s[len("typedef "):], self.f)
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

    def __init__(self, records, tree=None):
        self.tree = tree
        self.defs = {}                          # (S, F, file) -> Def
        self.typed, self.addr, self.counter, self.mem = {}, {}, {}, {}
        self.calls, self.sets = {}, {}
        self.unless, self.arith, self.released = set(), set(), set()
        self.ignored, self.barrier, self.inczero = set(), set(), set()
        self.adds = {}                                  # pos -> atomic_add's value
        self.signals = collections.defaultdict(set)     # release pos -> members
        self.sigtype = {}                               # (pos, member) -> struct
        self.waittype = {}                              # waiter pos -> struct
        self.waiters = collections.defaultdict(list)    # member -> [(pos, how)]
        self.reads = collections.defaultdict(list)   # pos -> [context]
        self.inits, self.pinits, self.desigs = [], [], []
        for r in records:
            self.add(r[0], tuple(r[1:4]), r[4:])
        self.by_name = collections.defaultdict(list)     # F -> [Def]
        for d in self.defs.values():
            self.by_name[d.f].append(d)

    def add(self, kind, pos, rest):
        """One record: KIND at POS with the fields REST."""
        if kind == "def":
            self.defs.setdefault((rest[0], rest[1], pos[0]), Def(pos, rest[0], rest[1]))
        elif kind == "anon":
            # kept at once: "typedef T" stands for the struct in messages
            d = self.defs.setdefault(("typedef " + rest[0], rest[1], pos[0]),
                                     Def(pos, "typedef " + rest[0], rest[1]))
            d.block("a field of an anonymous struct (typedef %s): its uses cannot be "
                    "told from those of other structs" % rest[0], pos)
        elif kind == "add":
            self.adds[pos] = rest[0]
        elif kind == "acc":
            self.typed[pos] = (rest[0], rest[1])
        elif kind == "addr":
            self.addr[pos] = rest[0]
        elif kind == "counter":
            self.counter[pos] = rest[0]
        elif kind == "mem":
            self.mem[pos] = rest[0]
        elif kind == "rd":
            self.reads[pos].append(tuple(rest))
        elif kind == "signal":
            self.signals[pos].add(rest[0])
        elif kind == "sigtype":
            self.sigtype[(pos, rest[0])] = rest[1]
        elif kind == "waitty":
            self.waittype[pos] = rest[0]
        elif kind == "waitend":
            self.waiters[rest[0]].append((pos, rest[1]))
        elif kind == "inczero":
            self.inczero.add(pos)
        elif kind == "ignored":
            self.ignored.add(pos)
        elif kind == "barrier":
            self.barrier.add(pos)
        elif kind == "desig":
            self.desigs.append((pos, rest[0], rest[1], rest[2]))
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

    def macros(self):
        """The tree's function-like macros (none without an include index)."""
        if self.tree is None or not self.tree.files:
            return frozenset()
        return self.tree.function_macros()

    def ordered(self):
        """The definitions in file order."""
        return sorted(self.defs.values(), key=lambda d: pos_key(d.pos))

    def visible(self, s, f, file, line=None):
        """The definitions of S.F (any struct for S None) that code in FILE
        can refer to: those of FILE (for a typed use), else those of the files FILE can see
        through the tree's includes (a header also sees what the .c files
        that include it define before it), else, without an include index,
        those of headers. A struct defined in several such files cannot be
        told apart: each is blocked."""
        mine = [d for d in self.by_name[f] if s is None or d.s == s]
        local = [d for d in mine if d.pos[0] == file]
        if self.tree is not None and self.tree.files:
            macro = line is not None and self.tree.in_macro(file, line)
            seen = [d for d in mine if d.pos[0] != file
                    and self.tree.sees(file, d.pos, in_macro=macro)]
        else:
            seen = [d for d in mine if d.pos[0].endswith(".h")]
        if s is None:
            # an untyped use may be any of them
            return local + seen
        if local:
            return local
        if s is not None and len(seen) > 1:
            for d in seen:
                d.block("struct %s is defined in several headers" % s, d.pos)
        return seen


# --- per-field facts ---------------------------------------------------------

def why_blocked(fn):
    """Why passing a field's address to FN keeps it atomic_t."""
    if fn == "atomic_dec":
        return ("atomic_dec: refcount_dec must never drop the last "
                "reference, and nothing shows this one cannot")
    if fn.startswith("atomic_") and fn not in TABLE:
        return "%s has no refcount_t counterpart" % fn
    return "its address is passed to %s()" % fn


def read_ok(context, macros=frozenset()):
    """Whether an atomic_read in CONTEXT (a "rd" record's fields) means the
    same when it returns unsigned int: a test for zero or equality, a
    comparison with a positive literal (or "> 0"), an argument of a function
    that is not min()/max()-like, a value kept in a 32-bit integer."""
    kind = context[0]
    if kind == "ok":
        return True
    if kind == "rel" and len(context) == 3:
        m = LITERAL.match(context[2].strip())
        if not m:
            return False
        value = int(m.group(1), 0)
        return value > 0 or context[1] == ">"
    if kind == "arg" and len(context) == 2:
        return context[1] not in SIGNED_ARGS and (
            context[1] in SAFE_MACROS or context[1] not in macros)
    if kind == "type" and len(context) == 2:
        return " ".join(context[1].split()) in INT32
    return False


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
            if fn == "atomic_read" and not any(read_ok(c, facts.macros())
                                               for c in facts.reads.get(pos, ())):
                return fn, None, ("atomic_read used where its sign matters "
                                  "(refcount_read() returns unsigned int)"), None
            if fn == "atomic_add" and facts.adds.get(pos, "").strip("( ").startswith("-"):
                return fn, None, ("atomic_add of %s is a decrement, which refcount_add() "
                                  "does not allow" % facts.adds[pos]), None
            if pos in facts.inczero:
                return fn, None, ("%s on a zero-filled allocation before anything sets "
                                  "the count: refcount_inc() from 0 warns and saturates"
                                  % fn), None
            if pos in facts.ignored:
                return fn, None, ("the result of %s is ignored (refcount_%s() is "
                                  "__must_check)" % (fn, fn[len("atomic_"):])), None
            if pos in facts.barrier:
                return fn, None, ("%s is ordered by an explicit full barrier "
                                  "(smp_mb__*_atomic): refcount_t orders less" % fn), None
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
    every = set(facts.typed) | set(facts.addr) | set(facts.counter) | set(facts.mem)
    for pos in sorted(every, key=pos_key):
        if pos in facts.typed:
            s, f = facts.typed[pos]
            targets = facts.visible(s, f, pos[0], pos[1])
        else:
            f = facts.addr.get(pos) or facts.counter.get(pos) or facts.mem.get(pos)
            targets = facts.visible(None, f, pos[0], pos[1])
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
    # a designated initializer that is not a top-level .F = ATOMIC_INIT(n)
    # would not build once F is a refcount_t, or is one nobody converts
    for pos, s, f, value in facts.desigs:
        if s != "-" and value == "init":
            continue
        for d in facts.visible(None if s == "-" else s, f, pos[0]):
            if value != "init":
                d.block("initialised with %s at %s, not ATOMIC_INIT()"
                        % (value, where(pos)), pos)
            else:
                d.block("ATOMIC_INIT in a nested initializer at %s is not converted "
                        "(not ATOMIC_INIT() at the top level)" % where(pos), pos)


# --- verdicts ----------------------------------------------------------------

def evidence(facts, d):
    """What shows that zero ends the life of D's object: a release whose
    zero path frees the object (or defers its free), or one that signals member C of a completion or
    wait queue whose waiter (in a file that sees D's struct, on a member of
    the same struct where spatch typed both) frees the object or is a
    teardown function. None when nothing does."""
    for pos, op, _ in d.uses:
        if op not in RELEASE:
            continue
        if pos in facts.released:
            return "released at %s" % where(pos)
        for member in sorted(facts.signals.get(pos, ())):
            struct = facts.sigtype.get((pos, member), "-")
            for wpos, how in facts.waiters.get(member, ()):
                other = facts.waittype.get(wpos, "-")
                if struct != "-" and other != "-" and struct != other:
                    continue
                if facts.tree is None or not facts.tree.files or facts.tree.sees(wpos[0], d.pos):
                    return "released at %s, signals ->%s, whose waiter at %s %s" % (
                        where(pos), member, where(wpos),
                        "frees it" if how == "free" else "is in teardown function " + how)
    return None


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
    negative = [p for p, v in values if re.match(r"^\(?\s*-\s*\d", v.strip())]
    if negative:
        return ("set to a negative value at %s (a sentinel): refcount_t cannot "
                "hold it" % where(negative[0]))
    unknown = [p for p, v in values if not LITERAL.match(v.strip())]
    if unknown:
        return ("set to a value that is not a literal at %s: a count armed "
                "to N is a countdown, and a macro may be 0" % where(unknown[0]))
    if not [p for p, v in values if v.strip() not in ZERO]:
        return ("never set to a non-zero value: a zero-filled counter "
                "incremented from 0 would make refcount_inc warn")
    d.evidence = evidence(facts, d)
    if not d.evidence:
        rel = [u[0] for u in d.uses if u[1] in RELEASE]
        return ("no release (%s) is followed by a free, destroy, release, "
                "call_rcu or queue_work, or signals a waiter that ends the "
                "object's life: zero ends no object's life, so this is a "
                "countdown or a flag, not a reference count" % where(rel[0]))
    if incs and LOCKED_RELEASE.intersection(ops):
        lock = sorted(LOCKED_RELEASE.intersection(ops))[0]
        return ("released with %s and incremented at %s: an object kept at 0 "
                "under the lock and revived by the increment would make "
                "refcount_inc warn and saturate" % (lock, where(incs[0])))
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


def decide_fields(facts, work=None, records=(), tree=None):
    """Every definition's verdict, in the order the rules apply: a field
    blocked by the audit or by its output blocks the fields it shares
    untyped uses with, as any other reason does."""
    block_multiple_declarators(facts)
    untyped_links = attach_uses(facts)
    attach_initializers(facts)
    judge(facts)
    if work is not None:
        audit(facts, work, records, tree)
        block_unbuildable(facts, work)
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
    """The decision table's line of D: for a converted field, the reason is
    its reference-count evidence."""
    if d.blocker:
        return (d.what, where(d.pos), len(d.uses), "kept", d.blocker[0])
    return (d.what, where(d.pos), len(d.uses), "converted", d.evidence or "")


def write_outputs(work, defs):
    """sites, groups, files, files.patch and table of the definitions DEFS
    (in file order)."""
    sites = [s for d in defs for s in field_sites(d)]
    # the #include that <linux/refcount.h> goes after, once per file
    for f in sorted(set(d.pos[0] for d in defs if not d.blocker)):
        line, col, how = include_anchor(_text(f))
        if how:
            header = "refconv/refcount.h" if how == "refconv" else "linux/refcount.h"
            sites.append(("include", f, str(line), str(col), how,
                          "INFO: #include <%s> goes after this line" % header))
    work.write_sites(unique_positions(sites))
    work.write_groups([field_group(d) for d in defs if not d.blocker])
    work.write("files", sorted(set(s[1] for s in sites)))
    # patch mode needs only the files that change
    work.write("files.patch", sorted(set(s[1] for s in sites if s[0] != "kept")))
    work.write("table", ["# field\tdefined at\tuses\tverdict\treason (converted: the evidence)"]
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


INCLUDE_LINE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"]*)[>"]')
CONDITIONAL = re.compile(r"^[ \t]*#[ \t]*(if|ifdef|ifndef|endif)\b")


def include_anchor(t):
    """Where <linux/refcount.h> goes in a file of text T, as (line, column,
    how): after <refconv/atomic.h> (how "refconv": userspace code in the
    kernel style gets <refconv/refcount.h>), else after <linux/atomic.h>
    ("atomic"), else after the last #include <linux/...> ("last"). Only
    includes outside every #if but a header's include guard
    count; the column is that of the "<" or '"' (spatch's). (0, 0, None)
    when T already includes a refcount.h; None when there is no anchor."""
    depth, guard, found, last = 0, None, {}, None
    lines = t.splitlines()
    top = {}
    for n, line in enumerate(lines, 1):
        m = CONDITIONAL.match(line)
        if m:
            if m.group(1) == "endif":
                depth -= 1
            else:
                if guard is None:
                    guard = m.group(1) == "ifndef" and depth == 0
                depth += 1
            continue
        m = INCLUDE_LINE.match(line)
        if not m:
            continue
        if m.group(2) in ("linux/refcount.h", "refconv/refcount.h"):
            return (0, 0, None)
        if depth - (1 if guard else 0) > 0:
            continue
        top[n] = (m.start(2) - 1, m.group(1))
        if m.group(1) == "<":
            found.setdefault(m.group(2), n)
            if m.group(2).startswith("linux/"):
                last = n
    if "refconv/atomic.h" in found:
        n = found["refconv/atomic.h"]
        return (n, top[n][0], "refconv")
    if "linux/atomic.h" in found:
        n = found["linux/atomic.h"]
        return (n, top[n][0], "atomic")
    if last is None:
        return None
    return (last, top[last][0], "last")


def block_unbuildable(facts, work):
    """Converted fields whose output would not build, or would change
    files outside M= (WORK/scope, absent without M=): kept."""
    scope = set(work.lines("scope"))
    for d in facts.defs.values():
        if d.blocker:
            continue
        outside = [p for p, _, _ in d.sites if scope and p[0] not in scope]
        if scope and d.pos[0] not in scope:
            outside.insert(0, d.pos)
        if outside:
            d.block("converting it would change %s, outside M=" % where(outside[0]), d.pos)
        elif len(re.findall(r"\bstruct\s+%s\s*\{" % re.escape(d.s),
                            code_of(_text(d.pos[0])))) > 1:
            d.block("struct %s is defined more than once in %s (#if branches): "
                    "converting one definition breaks the other" % (d.s, d.pos[0]), d.pos)
        elif include_anchor(_text(d.pos[0])) is None:
            d.block("%s has no top-level #include <linux/...> to put "
                    "<linux/refcount.h> beside" % d.pos[0], d.pos)


def audit(facts, work, records, tree):
    """The occurrence audit over the fields about to convert: an
    occurrence nobody analysed blocks, a file nobody collected is asked
    for (WORK/more)."""
    fields = [(d.what, d.f, d.pos) for d in facts.defs.values() if not d.blocker]
    blocked, more = Audit(work, records, tree).run(fields)
    for d in facts.defs.values():
        if d.what in blocked:
            d.block(audit_reason(blocked[d.what]), d.pos)
    if more:
        work.write("more", more)


def decide(path):
    """collect.* -> the verdict of every field, and the files of the apply
    pass."""
    work = Work(path)
    records = list(work.records())
    tree = Tree(work)
    facts = Facts(records, tree)
    decide_fields(facts, work, records, tree)
    defs = facts.ordered()
    write_outputs(work, defs)
    print(verdict(defs))


if __name__ == "__main__":
    sys.exit(main(sys.argv, names, decide))
