#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decide what cocci/rc_check.cocci converts and reports, and the accessor
functions of "rc_check TYPE accessors" spec lines.

Called by scripts/run-cocci.sh between the collect and the apply pass
(the work directory's files are described in scripts/lib/README):

    decide-rc_check.py names WORK < FILES   names (the field names of the
                                            checked structs), universe,
                                            candidates (the files that name
                                            a checked TYPE or one of them)
    decide-rc_check.py decide WORK          collect.* -> sites, groups,
                                            files, files.patch, accessors

The struct is often defined in a header and read in .c files: only the whole
tree tells which fields are read outside the type's functions, and so which
accessors the definition gets. The functions that implement a TYPE are those
named TYPE__*, and those with a get, a put, an allocation or a free of it.

Sites, UNIT "struct TYPE": "def" (DECLARE_RC_STRUCT), "accessor" (at a
field that gets TYPE__field()), "get", "put", "alloc", "free", "eq", "read"
(p->f -> TYPE__f(p)), "access" (RC_CHK_ACCESS()), and "kept" (INFO: a read
that stays RC_CHK_ACCESS(), an object not behind a pointer, sizeof outside
an allocation, an access through an expression of unknown type). A kept
read has two records: the INFO and its "access".

The conversion's own table, read by the apply pass in patch mode: for each
(TYPE, field) read outside the type's functions, one line of
WORK/accessors, tab-separated:

    TYPE FIELD define RTYPE PARAM   add TYPE__FIELD() after the definition
    TYPE FIELD reuse CONST WHERE    TYPE__FIELD() exists, takes one struct
                                    TYPE *, returns the field's type and, if
                                    defined in the tree, reads FIELD of it:
                                    CONST 1 when its parameter is const;
                                    WHERE "*" when a header declares it,
                                    else file:line,...
    TYPE FIELD keep REASON          reads stay RC_CHK_ACCESS(p)->FIELD
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import decide_common  # noqa: E402
import refconv_spec  # noqa: E402

BASE = set("""char short int long signed unsigned float double _Bool bool
void""".split())
QUALS = {"const", "volatile", "restrict"}
# typedefs that are scalars in the kernel and in libc
SCALARS = set("""size_t ssize_t ptrdiff_t intptr_t uintptr_t off_t loff_t
pid_t uid_t gid_t mode_t dev_t ino_t time_t clock_t sector_t blkcnt_t gfp_t
phys_addr_t dma_addr_t resource_size_t
u8 u16 u32 u64 s8 s16 s32 s64 __u8 __u16 __u32 __u64 __s8 __s16 __s32 __s64
__le16 __le32 __le64 __be16 __be32 __be64
int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t""".split())
# C words that cannot name the accessor's parameter
CWORDS = set("""auto break case char const continue default do double else
enum extern float for goto if inline int long register restrict return short
signed sizeof static struct switch typedef union unsigned void volatile while
bool""".split())
# why an access is not a read, by collect record, in the apply rules' order:
# a later write replaces an earlier one, the others only fill in
NONREAD = (("assigned", True, "assigned here"),
           ("incdec", True, "incremented or decremented here"),
           ("addrof", False, "its address is taken"),
           ("lvarg", False, "an argument of %s(), which may need an lvalue"))
# the sites of the apply rules that report a whole record each, in order
CHANGES = (("get", "get", "WARNING: get of struct %(T)s in %(fn)s(): return RC_CHK_GET()"),
           ("put", "put", "WARNING: put of struct %(T)s in %(fn)s(): RC_CHK_PUT() when it "
            "is not the last"),
           ("alloc", "alloc", "WARNING: new struct %(T)s: ADD_RC_CHK() gives it its "
            "checked pointer"),
           ("alloca", "alloc", "WARNING: new struct %(T)s: ADD_RC_CHK() gives it its "
            "checked pointer"),
           ("free", "free", "WARNING: free of struct %(T)s: RC_CHK_FREE()"),
           ("eq", "eq", "WARNING: comparison of struct %(T)s pointers: RC_CHK_EQUAL()"))
IMPL_KINDS = ("get", "put", "alloc", "alloca", "free")


class Spec:
    """The spec's rc_check lines: the checked types, those with accessors."""

    def __init__(self):
        lines = refconv_spec.load()["rc_check"]
        self.types = sorted(set(a[0] for a in lines))
        self.accessors = sorted(set(a[0] for a in lines if len(a) > 1))


# --- names -------------------------------------------------------------------

def struct_words(t, types):
    """The words of the bodies of "struct T {...}" in text T, for T in
    TYPES: a superset of their field names."""
    words = set()
    for m in re.finditer(r"\bstruct\s+(?:%s)\s*\{" % "|".join(map(re.escape, types)), t):
        depth, i = 1, m.end()
        while depth and i < len(t):
            depth += {"{": 1, "}": -1}.get(t[i], 0)
            i += 1
        words.update(re.findall(r"[A-Za-z_]\w*", t[m.end():i]))
    return words


def names(path, files):
    """The field names of the checked structs, and the files worth
    collecting: those that name a checked TYPE (a typed use, a definition,
    an accessor TYPE__*), or reach one of its field names with "->" (an
    access spatch cannot type)."""
    work, spec = decide_common.Work(path), Spec()
    work.write("universe", files)
    if not spec.types:
        work.write("names", [])
        work.write("candidates", [])
        return
    texts = dict((f, decide_common.text(f)) for f in files)
    fields = set()
    for t in texts.values():
        fields |= struct_words(t, spec.types)
    work.write("names", sorted(fields))
    word = re.compile(r"\b(?:%s)" % "|".join(re.escape(t) for t in spec.types))
    arrow = re.compile(r"->\s*(?:%s)\b" % "|".join(sorted(fields))) if fields else None
    work.write("candidates", [f for f in files if word.search(texts[f])
                              or (arrow and arrow.search(texts[f]))])


# --- the facts of the collect records ----------------------------------------

class Facts:
    """The collect records of one run: by kind, each (pos, fields...) in the
    order read, and what the apply rules knew of them."""

    def __init__(self, records):
        self.by_kind = {}
        for r in records:
            self.by_kind.setdefault(r[0], []).append((tuple(r[1:4]),) + tuple(r[4:]))
        self.field_types = {}   # (T, f) -> set of declared types
        self.of_name = {}       # f -> the checked structs with a field f
        self.afields = {}       # (file, T) -> {f: pos}
        for pos, t, f, typ in self.of("field"):
            self.field_types.setdefault((t, f), set()).add(typ)
            self.of_name.setdefault(f, set()).add(t)
            self.afields.setdefault((pos[0], t), {})[f] = pos
        self.impl = set((rec[0][0], rec[-1], rec[1]) for k in IMPL_KINDS for rec in self.of(k))
        self.nonread = {}
        for kind, replace, why in NONREAD:
            for rec in self.of(kind):
                text = why % rec[1] if "%s" in why else why
                if replace:
                    self.nonread[rec[0]] = text
                else:
                    self.nonread.setdefault(rec[0], text)
        self.constp = set(rec[0] for rec in self.of("constp"))

    def of(self, kind):
        return self.by_kind.get(kind, [])

    def implements(self, t, pos, fn):
        """Whether function FN, at POS, implements TYPE T."""
        return fn.startswith(t + "__") or (pos[0], fn, t) in self.impl

    def outside_reads(self):
        """(T, f) -> the number of reads outside the type's functions."""
        reads = {}
        for pos, t, f, fn in self.of("read"):
            if not self.implements(t, pos, fn) and pos not in self.nonread:
                reads[(t, f)] = reads.get((t, f), 0) + 1
        return reads


# --- accessors ---------------------------------------------------------------

def norm(t):
    """A C type as one canonical string: single spaces, '*' attached."""
    t = re.sub(r"\s+", " ", t.strip())
    t = re.sub(r"\s*\*\s*", "*", t)
    return t.replace("*", " *").replace(" * *", " **").strip()


def unqualified(t):
    """T without its top-level qualifiers (they mean nothing on a return)."""
    t = norm(t)
    if "*" in t:
        head, tail = t.rsplit("*", 1)
        tail = " ".join(w for w in tail.split() if w not in QUALS)
        return norm(head + "*" + (" " + tail if tail else ""))
    return " ".join(w for w in t.split() if w not in QUALS)


def kind(types):
    """How a field of the declared TYPES (spatch's strings) can be read:
    'scalar', or why it cannot be returned by an accessor."""
    if any("[" in t for t in types):
        return "an array field"
    t = norm(sorted(types, key=len)[-1])
    if "(" in t:
        return "a function pointer field"
    if "*" in t:
        return "scalar"
    words = [w for w in t.split() if w not in QUALS]
    if words and words[0] in ("struct", "union"):
        return "a %s field" % words[0]
    if words and words[0] == "enum":
        return "scalar"
    if words and all(w in BASE for w in words):
        return "scalar" if words != ["void"] else "a void field"
    if len(words) == 1 and words[0] in SCALARS:
        return "scalar"
    return "of type %s, which may not be a scalar" % " ".join(words)


def param_name(t):
    """The accessor's parameter: the last word of TYPE (perf_cpu_map: map)."""
    last = t.rstrip("_").rsplit("_", 1)[-1]
    if re.match(r"^[A-Za-z_]\w*$", last) and last not in CWORDS:
        return last
    return "p"


def takes_type(params, t):
    """None when PARAMS is not one struct T * parameter, else whether it is
    const."""
    m = re.match(r"^(const\s+)?struct\s+%s\s*\*\s*(?:const\s+)?(\w+)?$" % re.escape(t),
                 params.strip())
    if not m:
        return None
    return bool(m.group(1))


def existing_accessor(facts, t, f, decls):
    """The decision for (T, f) when functions named T__f exist (DECLS:
    (pos, ret, params, def|proto)): ("reuse", CONST, WHERE) or ("keep",
    REASON)."""
    name = "%s__%s" % (t, f)
    types_of = facts.field_types.get((t, f))
    k = kind(types_of) if types_of else None
    fnreads = set((rec[1], rec[2]) for rec in facts.of("fnread"))
    consts = set(takes_type(d[2], t) for d in decls)
    rets = set(unqualified(d[1]) for d in decls)
    if None in consts or len(rets) != 1:
        return ("keep", "%s() exists and is not an accessor (one struct %s * "
                "parameter)" % (name, t))
    if any(d[3] == "def" for d in decls) and (name, f) not in fnreads:
        return ("keep", "%s() does not read %s of its parameter" % (name, f))
    if k is not None and k != "scalar":
        return ("keep", "it is %s" % k)
    if types_of and rets != {unqualified(sorted(types_of, key=len)[-1])}:
        return ("keep", "%s() returns %s, not the field's type" % (name, next(iter(rets))))
    where = "*" if any(d[0][0].endswith(".h") for d in decls) else \
        ",".join("%s:%s" % (d[0][0], d[0][1]) for d in decls)
    return ("reuse", "%d" % all(consts), where)


def new_accessor(facts, t, f):
    """The decision for (T, f) when no function T__f exists: ("define",
    RTYPE, PARAM) or ("keep", REASON)."""
    types_of = facts.field_types.get((t, f))
    if not types_of:
        return ("keep", "the definition of struct %s with %s was not seen "
                "(converted already, or outside the tree)" % (t, f))
    k = kind(types_of)
    if k != "scalar":
        return ("keep", "it is %s" % k)
    return ("define", unqualified(sorted(types_of, key=len)[-1]), param_name(t))


def decide_accessors(facts):
    """(T, f) -> decision, for every field read outside its type's
    functions."""
    fns = {}
    for pos, t, name, ret, params, how in facts.of("fn"):
        fns.setdefault((t, name), []).append((pos, ret, params, how))
    out = {}
    for (t, f) in sorted(facts.outside_reads()):
        decls = fns.get((t, "%s__%s" % (t, f)))
        out[(t, f)] = existing_accessor(facts, t, f, decls) if decls else new_accessor(facts, t, f)
    return out


# --- sites -------------------------------------------------------------------

def read_reason(facts, decisions, t, f, pos):
    """None when the read of struct T.f at POS becomes T__f(p), else why
    it stays RC_CHK_ACCESS(p)->f."""
    if pos in facts.nonread:
        return facts.nonread[pos]
    d = decisions.get((t, f))
    if d is None:
        return "no decision for it (not seen by the collect pass)"
    if d[0] == "define":
        return None
    if d[0] == "keep":
        return d[1]
    # reuse: declared before this point, and const-correct
    if d[1] == "0" and pos in facts.constp:
        return "%s__%s() takes a non-const struct %s * and this pointer is " \
            "const" % (t, f, t)
    if d[2] != "*":
        here = [w for w in d[2].split(",")
                if w.rsplit(":", 1)[0] == pos[0] and int(w.rsplit(":", 1)[1]) < int(pos[1])]
        if not here:
            return "%s__%s() is not declared before this point" % (t, f)
    return None


class Sites:
    """The sites in the order the apply rules report them, and the
    positions told so far (a later rule that reports only "fresh"
    positions skips them)."""

    def __init__(self):
        self.rows = []
        self.told = set()

    def add(self, kind, pos, t, msg):
        """A site of KIND at POS of struct T (once: a rule that matches a
        definition twice reports its sites twice)."""
        row = (kind,) + pos + ("struct %s" % t, msg)
        if row not in self.rows:
            self.rows.append(row)
        self.told.add(pos)


def definition_sites(sites, facts, decisions, spec):
    """The accessors each definition gets (in field order), then the
    definitions."""
    for pos, t in facts.of("def"):
        if t not in spec.accessors:
            continue
        here = facts.afields.get((pos[0], t), {})
        acc = sorted((here[f], f) for (tt, f), d in decisions.items()
                     if tt == t and d[0] == "define" and f in here)
        for q, f in sorted(acc, key=lambda a: (int(a[0][1]), int(a[0][2]))):
            sites.add("accessor", q, t, "WARNING: struct %s.%s is read outside the "
                      "type's functions: accessor %s__%s() added" % (t, f, t, f))
    for pos, t in facts.of("def"):
        sites.add("def", pos, t, "WARNING: struct %s is reference-count checked: "
                  "DECLARE_RC_STRUCT(%s)" % (t, t))


def change_sites(sites, facts):
    """Gets, puts, allocations, frees and comparisons."""
    for rec_kind, kind_, msg in CHANGES:
        for rec in facts.of(rec_kind):
            sites.add(kind_, rec[0], rec[1], msg % {"T": rec[1], "fn": rec[-1]})


def access_sites(sites, facts, decisions):
    """Reads outside the type's functions (an accessor, or why not), then
    every other access: RC_CHK_ACCESS()."""
    reads = set()
    for pos, t, f, fn in facts.of("read"):
        if facts.implements(t, pos, fn):
            continue
        why = read_reason(facts, decisions, t, f, pos)
        if why is None:
            reads.add(pos)
            sites.add("read", pos, t, "WARNING: read of struct %s.%s: %s__%s()" % (t, f, t, f))
        else:
            sites.add("kept", pos, t, "INFO: access to struct %s.%s kept as "
                      "RC_CHK_ACCESS(), not %s__%s(): %s" % (t, f, t, f, why))
    for pos, t, f in facts.of("acc"):
        if pos not in reads:
            sites.add("access", pos, t, "WARNING: access to struct %s.%s: "
                      "RC_CHK_ACCESS()" % (t, f))


def kept_sites(sites, facts):
    """Objects not behind a pointer, accesses spatch cannot type, and
    sizeof(struct TYPE) outside an allocation."""
    for pos, t, x in facts.of("kobj"):
        sites.add("kept", pos, t, "INFO: struct %s object %s kept: not behind a "
                  "pointer, it cannot be checked" % (t, x))
    sites.told.update(rec[0] for rec in facts.of("kszalloc"))
    fresh = [rec for rec in facts.of("untyped")
             if rec[0] not in sites.told and rec[2] in facts.of_name]
    for pos, e, fl in fresh:
        ts = "/".join(sorted(facts.of_name[fl]))
        sites.add("kept", pos, ts, "INFO: access %s->%s kept: spatch cannot infer "
                  "the type of %s (struct %s?)" % (e, fl, e, ts))
    fresh = [rec for rec in facts.of("ksize") if rec[0] not in sites.told]
    for pos, t in fresh:
        sites.add("kept", pos, t, "INFO: sizeof(struct %s) kept: outside an "
                  "allocation it is the size of the indirection when checking" % t)


def decide_sites(facts, decisions, spec):
    """Every site, in the order of the apply rules."""
    sites = Sites()
    definition_sites(sites, facts, decisions, spec)
    change_sites(sites, facts)
    access_sites(sites, facts, decisions)
    kept_sites(sites, facts)
    return sites.rows


# --- outputs -----------------------------------------------------------------

def type_groups(facts, rows):
    """(unit, subject, files) of each type with a change: the file of its
    definition first."""
    files = {}
    for r in rows:
        if r[0] != "kept":
            files.setdefault(r[4], [])
            if r[1] not in files[r[4]]:
                files[r[4]].append(r[1])
    defs = dict(("struct %s" % t, pos[0]) for pos, t in reversed(facts.of("def")))
    out = []
    for unit in sorted(files):
        fs = files[unit]
        if unit in defs:
            fs = [defs[unit]] + [f for f in fs if f != defs[unit]]
        out.append((unit, "add the reference-count checker to %s" % unit, fs))
    return out


def accessor_rows(decisions):
    """The lines of WORK/accessors."""
    return [(t, f) + d for (t, f), d in sorted(decisions.items())]


def verdict(spec, decisions):
    """The summary line of the run."""
    if not spec.accessors:
        return "rc_check: no accessors asked for"

    def functions(how):
        return ["%s__%s()" % k for k, d in sorted(decisions.items()) if d[0] == how]

    added, reused = functions("define"), functions("reuse")
    kept = ["%s.%s" % k for k, d in sorted(decisions.items()) if d[0] == "keep"]
    line = "rc_check: accessors of %s" % ", ".join("struct " + t for t in spec.accessors)
    line += ": %d added%s" % (len(added), " (%s)" % ", ".join(added) if added else "")
    if reused:
        line += "; reused: " + ", ".join(reused)
    if kept:
        line += "; reads kept as RC_CHK_ACCESS(): " + ", ".join(kept)
    return line


def decide(path):
    """collect.* -> the accessors, and every site to convert or report."""
    work, spec = decide_common.Work(path), Spec()
    facts = Facts(work.records())
    decisions = decide_accessors(facts)
    rows = decide_sites(facts, decisions, spec)
    work.write_sites(rows)
    work.write_groups(type_groups(facts, rows))
    work.write("files", sorted(set(r[1] for r in rows)))
    work.write("files.patch", sorted(set(r[1] for r in rows if r[0] != "kept")))
    work.write_rows("accessors", accessor_rows(decisions))
    print(verdict(spec, decisions))


if __name__ == "__main__":
    sys.exit(decide_common.main(sys.argv, names, decide))
