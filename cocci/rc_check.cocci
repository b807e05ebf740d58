// SPDX-License-Identifier: GPL-2.0-only
/// Put a reference-counted struct under perf's reference-count checker.
///
/// For each spec line "rc_check TYPE" (include/refconv/rc_check.h): with
/// checking on (ASan/LSan builds), every get makes a new indirection object
/// and every put frees one, so a missed put is reported as a leak, a double
/// put as a double free and a use after put as a use after free; with
/// checking off the macros are the plain pointer operations. Converted:
///  - the definition "struct TYPE { ... };" -> DECLARE_RC_STRUCT(TYPE)
///    { ... }; (preceded by "struct TYPE;", so the tag stays declared);
///  - "struct TYPE *p = ALLOC(...)" and "p = ALLOC(...)" (malloc, calloc,
///    zalloc) -> ADD_RC_CHK(p, ALLOC(...)), with sizeof(*p) and
///    sizeof(struct TYPE) in the size -> sizeof(*RC_CHK_ACCESS(p));
///  - p->f for p of type struct TYPE * -> RC_CHK_ACCESS(p)->f;
///  - the get: a function returning its struct TYPE * parameter after
///    incrementing a field of it -> "return RC_CHK_GET(result, p);";
///  - the put: "if (...dec_and_test(&p->f)...) release;" without an else in
///    a function taking a struct TYPE * -> "... else RC_CHK_PUT(p);";
///  - free(p) -> RC_CHK_FREE(p);
///  - a == b, a != b on two struct TYPE pointers -> RC_CHK_EQUAL(a, b).
/// Kept, and said so in report mode: f accessed through an expression whose
/// type spatch cannot infer, struct TYPE objects that are not behind a
/// pointer (on the stack, embedded, arrays: they cannot be checked), and
/// sizeof(struct TYPE) outside an allocation.
///
/// With "rc_check TYPE accessors", as perf does for struct perf_cpu_map
/// (perf_cpu_map__nr()): outside the functions that implement the type, a
/// read of a scalar field (an arithmetic, enum or pointer type), p->f
/// -> TYPE__f(p), and after the struct definition, once per field read so,
/// in declaration order:
///    static inline FTYPE TYPE__f(const struct TYPE *LAST)
///    { return RC_CHK_ACCESS(LAST)->f; }
/// (LAST: the last word of TYPE). A function TYPE__f that is already
/// declared is used instead when it takes one (const) struct TYPE *,
/// returns the field's type and, if the tree defines it, reads p->f; and
/// only where it is declared earlier (in a header, or above in the same
/// file) and, if its parameter is not const, not through a const pointer. The functions that implement the type are
/// those named TYPE__*, and those this script converts a get, a put, an
/// allocation or a free in. Accesses that stay RC_CHK_ACCESS(p)->f, with the
/// reason in report mode: writes (=, op=, ++, --), &p->f, arguments of
/// upper-case macros and of swap(), xchg() and the like (they may need an
/// lvalue), array, struct, union, function-pointer and bit-fields, fields of
/// a typedef not known to be scalar, and fields of a struct whose definition
/// was not seen (already converted, or outside the tree). Struct and uses
/// may be in different files: the driver runs a collect pass first
/// (scripts/decide-rc_check.py).
//
// The checked pointer is made at allocation, so the allocating function
// itself goes through RC_CHK_ACCESS() (perf keeps a raw RC_STRUCT pointer
// there; the result is the same, and no type name is needed). Callers that
// drop a get's result are not changed: with checking on, they show up as
// leaks, which is the point of the checker.
//
// Confidence: Moderate
// Copyright: (C) 2026 The refconv developers.
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: RC_CHK, reference count checking, perf, ASan, LSan, accessors
// Prefilter: struct[[:space:]]

virtual collect
virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import os, re, sys
sys.path.insert(0, os.environ.get("REFCONV_PYLIB", ""))
import refconv_spec

SPEC = refconv_spec.load()
TYPES = set(a[0] for a in SPEC["rc_check"])
ACCESSORS = set(a[0] for a in SPEC["rc_check"] if len(a) > 1)
VIRT = set()
DONE = set()
# file -> line of its last #include <...> (patch mode)
LASTINC = {}
# field name -> checked structs that have it (report mode)
FIELDS = {}

# --- the accessors option ---
WORK = os.environ.get("REFCONV_WORK", "")
# (TYPE, field) -> decision of scripts/decide-rc_check.py: ("define", rtype,
# param), ("reuse", const, where), ("keep", reason); None without a table
DECISION = None
if WORK and os.path.exists(os.path.join(WORK, "accessors")):
    DECISION = {}
    with open(os.path.join(WORK, "accessors")) as _f:
        for _l in _f:
            _r = _l.rstrip("\n").split("\t")
            DECISION[(_r[0], _r[1])] = tuple(_r[2:])
# (file, TYPE) -> {field: (line, column, position)} of its definition here
AFIELDS = {}
# position keys of the definitions that get accessors
ACCDEF = set()
# (file, function, TYPE): functions this script converts a get, put,
# allocation or free in; with TYPE__* they implement TYPE
IMPL = set()
# position key -> why p->f there is not a read
NONREAD = {}
# position keys of accesses through a const pointer
CONSTP = set()
# position keys of reads that become TYPE__f(p)
READS = set()
# C words that cannot name the accessor's parameter
CWORDS = set("""auto break case char const continue default do double else
enum extern float for goto if inline int long register restrict return short
signed sizeof static struct switch typedef union unsigned void volatile while
bool""".split())
# lower-case macros and builtins whose arguments may need to be lvalues
LVALUE_MACROS = set("""swap xchg cmpxchg try_cmpxchg get_user __get_user
smp_load_acquire smp_store_release smp_store_mb do_div typecheck""".split())
_out = None

def is_acc_type(t):
    return t in ACCESSORS

def emit(*fields):
    global _out
    if not WORK or "collect" not in VIRT:
        return
    if _out is None:
        _out = open(os.path.join(WORK, "collect.%d" % os.getpid()), "a",
                    buffering=1)
    _out.write("\t".join(str(f) for f in fields) + "\n")

def lvalue_macro(m):
    return m in LVALUE_MACROS or (re.match(r"^[A-Z][A-Z0-9_]*$", m) is not None)

def implements(T, p):
    fn = p[0].current_element
    return fn.startswith(T + "__") or (p[0].file, fn, T) in IMPL

def accessor_text(T, fields):
    """The definitions of the accessors of FIELDS [(f, rtype, param)], all
    but the last one's "static inline" (the rule adds it), and the last
    one's parameter and field."""
    text = []
    for f, rt, prm in fields:
        sep = "" if rt.endswith("*") else " "
        text.append("%s%s%s__%s(const struct %s *%s)\n{\n\treturn "
                    "RC_CHK_ACCESS(%s)->%s;\n}" % (rt, sep, T, f, T, prm, prm, f))
    f, rt, prm = fields[-1]
    head = text[-1].split("(")[0]
    return "\n\nstatic inline ".join(text[:-1] + [head]), prm, f

def kept_reason(T, f, p):
    """None when p->f becomes TYPE__f(p), else why not."""
    k = key(p)
    if k in NONREAD:
        return NONREAD[k]
    if DECISION is None:
        return "no decision table: run it through scripts/run-cocci.sh"
    d = DECISION.get((T, f))
    if d is None:
        return "no decision for it (not seen by the collect pass)"
    if d[0] == "define":
        return None
    if d[0] == "keep":
        return d[1]
    # reuse: declared before this point, and const-correct
    if d[1] == "0" and k in CONSTP:
        return "%s__%s() takes a non-const struct %s * and this pointer is " \
            "const" % (T, f, T)
    if d[2] != "*":
        here = [w for w in d[2].split(",")
                if w.rsplit(":", 1)[0] == p[0].file and
                int(w.rsplit(":", 1)[1]) < int(p[0].line)]
        if not here:
            return "%s__%s() is not declared before this point" % (T, f)
    return None

def known_field(f):
    return f in FIELDS

def is_type(t):
    return t in TYPES

def key(p):
    return (p[0].file, p[0].line, p[0].column)

def fresh(p):
    return key(p) not in DONE

def tell(p, msg):
    import coccilib.report, coccilib.org
    DONE.add(key(p))
    if "report" in VIRT:
        coccilib.report.print_report(p[0], msg)
    elif "org" in VIRT:
        coccilib.org.print_todo(p[0], msg)

@script:python depends on report@
@@
VIRT.add("report")

@script:python depends on org@
@@
VIRT.add("org")

@script:python depends on collect@
@@
VIRT.add("collect")

@finalize:python@
@@
if _out is not None:
    _out.close()

// ---------------------------------------------------------------------------
// the fields of a type with accessors (all modes: collect records them)

@afld@
identifier T : script:python() { is_acc_type(T) };
identifier f;
type t;
position q;
@@
struct T { ... \(t f@q;\|t f@q[...];\) ... };

@script:python@
T << afld.T;
f << afld.f;
t << afld.t;
q << afld.q;
@@
AFIELDS.setdefault((q[0].file, T), {})[f] = (int(q[0].line), int(q[0].column), q)
emit("field", T, f, t, q[0].file, q[0].line, q[0].column)

// ---------------------------------------------------------------------------
// the definition

@def@
identifier T : script:python() { is_type(T) };
position p;
@@
struct T@p { ... };

@script:python defn@
T << def.T;
N;
@@
coccinelle.N = cocci.make_ident("%s;\nDECLARE_RC_STRUCT(%s)" % (T, T))

@adef@
identifier T : script:python() { is_acc_type(T) };
position p;
@@
struct T@p { ... };

@script:python defacc@
T << adef.T;
p << adef.p;
N;
D;
P;
F;
@@
# the accessors this definition gets, in field declaration order
here = AFIELDS.get((p[0].file, T), {})
acc = sorted(((here[f], f, d[1], d[2]) for (t, f), d in (DECISION or {}).items()
              if t == T and d[0] == "define" and f in here),
             key=lambda a: a[0][:2])
# (no include_match(False) here: it would drop the def rule's match too;
# the rule below selects the definitions by position)
coccinelle.N = cocci.make_ident("%s;\nDECLARE_RC_STRUCT(%s)" % (T, T))
coccinelle.D = coccinelle.P = coccinelle.F = cocci.make_ident(T)
if acc:
    ACCDEF.add(key(p))
    d, prm, f = accessor_text(T, [(f, rt, prm) for _, f, rt, prm in acc])
    coccinelle.D = cocci.make_ident(d)
    coccinelle.P = cocci.make_ident(prm)
    coccinelle.F = cocci.make_ident(f)
    for pos, f, _, _ in acc:
        tell(pos[2], "WARNING: struct %s.%s is read outside the type's "
             "functions: accessor %s__%s() added" % (T, f, T, f))

@depends on patch@
identifier def.T;
identifier defn.N;
position p : script:python() { key(p) not in ACCDEF };
@@
  struct
- T@p
+ N
  { ... };

@depends on patch@
identifier adef.T;
identifier defacc.N, defacc.D, defacc.P, defacc.F;
position p : script:python() { key(p) in ACCDEF };
@@
  struct
- T@p
+ N
  { ... };
+
+ static inline D(const struct T *P)
+ {
+	return RC_CHK_ACCESS(P)->F;
+ }

@script:python depends on report || org@
T << def.T;
p << def.p;
@@
tell(p, "WARNING: struct %s is reference-count checked: DECLARE_RC_STRUCT(%s)" % (T, T))

// ---------------------------------------------------------------------------
// the get: return of the parameter after an increment of one of its fields

@get exists@
identifier T : script:python() { is_type(T) };
identifier fn, m, f;
position p;
@@
struct T *fn(..., struct T *m, ...)
{
  ... when any
(
  refcount_inc(&m->f);
|
  atomic_inc(&m->f);
|
  m->f++;
|
  ++m->f;
|
  m->f += 1;
)
  ... when any
  return m@p;
}

@script:python@
T << get.T;
fn << get.fn;
p << get.p;
@@
IMPL.add((p[0].file, fn, T))

@depends on patch exists@
identifier get.T, get.fn, get.m;
@@
struct T *fn(..., struct T *m, ...)
{
+ struct T *result;
+
  ... when any
- return m;
+ return RC_CHK_GET(result, m);
}

@script:python depends on report || org@
T << get.T;
fn << get.fn;
p << get.p;
@@
tell(p, "WARNING: get of struct %s in %s(): return RC_CHK_GET()" % (T, fn))

// ---------------------------------------------------------------------------
// the put: the dec-and-test branch without an else

@put@
identifier T : script:python() { is_type(T) };
identifier fn, m, f;
identifier dec = {refcount_dec_and_test, atomic_dec_and_test};
statement S;
position p;
@@
fn(..., struct T *m, ...)
{
  ... when any
  if@p (<+... dec(&m->f) ...+>) S
  ... when any
}

@script:python@
T << put.T;
fn << put.fn;
p << put.p;
@@
IMPL.add((p[0].file, fn, T))

@depends on patch@
identifier put.T, put.fn, put.m;
expression C;
statement S;
position put.p;
@@
fn(..., struct T *m, ...)
{
  ... when any
- if@p (C) S
+ if (C) S else RC_CHK_PUT(m);
  ... when any
}

@script:python depends on report || org@
T << put.T;
fn << put.fn;
p << put.p;
@@
tell(p, "WARNING: put of struct %s in %s(): RC_CHK_PUT() when it is not the last" % (T, fn))

// ---------------------------------------------------------------------------
// allocation: the checked pointer is made at once

@allocd@
identifier T : script:python() { is_type(T) };
identifier v;
identifier al = {malloc, calloc, zalloc};
position p;
@@
struct T *v = al@p(...);

@alloca@
identifier T : script:python() { is_type(T) };
struct T *v;
identifier al = {malloc, calloc, zalloc};
position p;
@@
v = al@p(...);

@script:python@
T << allocd.T;
p << allocd.p;
@@
IMPL.add((p[0].file, p[0].current_element, T))

@script:python@
T << alloca.T;
p << alloca.p;
@@
IMPL.add((p[0].file, p[0].current_element, T))

@depends on patch@
identifier allocd.T, allocd.v, allocd.al;
@@
  struct T *v = al(..., <+...
- sizeof(*v)
+ sizeof(*RC_CHK_ACCESS(v))
  ...+>, ...);

@depends on patch@
identifier allocd.T, allocd.v, allocd.al;
@@
  struct T *v = al(..., <+...
- sizeof(struct T)
+ sizeof(*RC_CHK_ACCESS(v))
  ...+>, ...);

@depends on patch@
identifier alloca.T, alloca.al;
struct T *v;
@@
  v = al(..., <+...
- sizeof(*v)
+ sizeof(*RC_CHK_ACCESS(v))
  ...+>, ...);

@depends on patch@
identifier alloca.T, alloca.al;
struct T *v;
@@
  v = al(..., <+...
- sizeof(struct T)
+ sizeof(*RC_CHK_ACCESS(v))
  ...+>, ...);

@depends on patch@
identifier allocd.T, allocd.v, allocd.al;
expression list es;
@@
- struct T *v = al(es);
+ struct T *v = ADD_RC_CHK(v, al(es));

@depends on patch@
identifier alloca.T, alloca.al;
struct T *v;
expression list es;
@@
- v = al(es);
+ ADD_RC_CHK(v, al(es));

@script:python depends on report || org@
T << allocd.T;
p << allocd.p;
@@
tell(p, "WARNING: new struct %s: ADD_RC_CHK() gives it its checked pointer" % T)

@script:python depends on report || org@
T << alloca.T;
p << alloca.p;
@@
tell(p, "WARNING: new struct %s: ADD_RC_CHK() gives it its checked pointer" % T)

// ---------------------------------------------------------------------------
// the final free

@fr@
identifier T : script:python() { is_type(T) };
struct T *x;
position p;
@@
free@p(x)

@script:python@
T << fr.T;
p << fr.p;
@@
IMPL.add((p[0].file, p[0].current_element, T))

@depends on patch@
expression x;
position fr.p;
@@
- free@p(x)
+ RC_CHK_FREE(x)

@script:python depends on report || org@
T << fr.T;
p << fr.p;
@@
tell(p, "WARNING: free of struct %s: RC_CHK_FREE()" % T)

// ---------------------------------------------------------------------------
// pointer comparisons

@eq@
identifier T : script:python() { is_type(T) };
struct T *a, b;
binary operator op = {==, !=};
position p;
@@
a op@p b

@depends on patch@
expression a, b;
position eq.p;
@@
(
- a ==@p b
+ RC_CHK_EQUAL(a, b)
|
- a !=@p b
+ !RC_CHK_EQUAL(a, b)
)

@script:python depends on report || org@
T << eq.T;
p << eq.p;
@@
tell(p, "WARNING: comparison of struct %s pointers: RC_CHK_EQUAL()" % T)

// ---------------------------------------------------------------------------
// accessors: functions named TYPE__* that exist (collect)

@afn depends on collect@
type R;
identifier fn : script:python() { "__" in fn };
parameter list ps;
position p;
@@
R fn@p(ps) { ... }

@script:python@
R << afn.R;
fn << afn.fn;
ps << afn.ps;
p << afn.p;
@@
for T in ACCESSORS:
    if fn.startswith(T + "__"):
        emit("fn", T, fn, R, ps, p[0].file, p[0].line, "def")

@afnf depends on collect@
type R;
identifier fn : script:python() { "__" in fn };
identifier T, P, f;
position p;
@@
R fn@p(struct T *P) { <+... P->f ...+> }

@script:python@
fn << afnf.fn;
f << afnf.f;
p << afnf.p;
@@
emit("fnread", fn, f, p[0].file, p[0].line)

@aproto depends on collect@
type R;
identifier fn : script:python() { "__" in fn };
parameter list ps;
position p;
@@
R fn@p(ps);

@script:python@
R << aproto.R;
fn << aproto.fn;
ps << aproto.ps;
p << aproto.p;
@@
for T in ACCESSORS:
    if fn.startswith(T + "__"):
        emit("fn", T, fn, R, ps, p[0].file, p[0].line, "proto")

// accessors: accesses that are not reads

@nonread@
identifier T : script:python() { is_acc_type(T) };
struct T *x;
identifier f;
assignment operator aop;
expression E;
position p;
@@
x->f@p aop E

@script:python@
p << nonread.p;
@@
NONREAD[key(p)] = "assigned here"

@incdec@
identifier T : script:python() { is_acc_type(T) };
struct T *x;
identifier f;
position p;
@@
(
  x->f@p++
|
  x->f@p--
|
  ++x->f@p
|
  --x->f@p
)

@script:python@
p << incdec.p;
@@
NONREAD[key(p)] = "incremented or decremented here"

@addrof@
identifier T : script:python() { is_acc_type(T) };
struct T *x;
identifier f;
position p;
@@
(
  &x->f@p
|
  &(x->f@p)
)

@script:python@
p << addrof.p;
@@
NONREAD.setdefault(key(p), "its address is taken")

@lvarg@
identifier T : script:python() { is_acc_type(T) };
struct T *x;
identifier f;
identifier m : script:python() { lvalue_macro(m) };
position p;
@@
m(..., x->f@p, ...)

@script:python@
m << lvarg.m;
p << lvarg.p;
@@
NONREAD.setdefault(key(p), "an argument of %s(), which may need an lvalue" % m)

@constp@
identifier T : script:python() { is_acc_type(T) };
const struct T *x;
identifier f;
position p;
@@
x->f@p

@script:python@
p << constp.p;
@@
CONSTP.add(key(p))

// accessors: the reads outside the type's functions

@rd@
identifier T : script:python() { is_acc_type(T) };
struct T *x;
identifier f;
position p;
@@
x->f@p

@script:python@
T << rd.T;
f << rd.f;
p << rd.p;
@@
why = kept_reason(T, f, p)
if implements(T, p):
    pass
elif "collect" in VIRT:
    if key(p) not in NONREAD:
        emit("read", T, f, p[0].file, p[0].line)
elif why is None:
    READS.add(key(p))
    tell(p, "WARNING: read of struct %s.%s: %s__%s()" % (T, f, T, f))
else:
    # the WARNING of the RC_CHK_ACCESS() conversion follows
    tell(p, "INFO: access to struct %s.%s kept as RC_CHK_ACCESS(), not "
         "%s__%s(): %s" % (T, f, T, f, why))

// (include_match(False) would drop other rules' matches: the reads are
// selected by position)
@script:python racc@
T << rd.T;
f << rd.f;
A;
@@
coccinelle.A = cocci.make_ident("%s__%s" % (T, f))

// a cast is rewritten with its operand, or spatch would print "(int) A(x)"
@depends on patch@
identifier rd.T, rd.f, racc.A;
struct T *x;
type t;
position p : script:python() { key(p) in READS };
@@
(
- (t)x->f@p
+ (t)A(x)
|
- x->f@p
+ A(x)
)

@depends on context@
identifier rd.T, rd.f;
struct T *x;
position p : script:python() { key(p) in READS };
@@
* x->f@p

// ---------------------------------------------------------------------------
// field accesses through a checked pointer

@acc@
identifier T : script:python() { is_type(T) };
struct T *x;
identifier f;
position p : script:python() { key(p) not in READS };
@@
x->f@p

@depends on patch@
expression x;
identifier f;
position acc.p;
@@
- x->f@p
+ RC_CHK_ACCESS(x)->f

@script:python depends on report || org@
T << acc.T;
f << acc.f;
p << acc.p;
@@
tell(p, "WARNING: access to struct %s.%s: RC_CHK_ACCESS()" % (T, f))

// ---------------------------------------------------------------------------
// the header, after the file's last #include <...>

@hasinc depends on patch@
@@
#include <refconv/rc_check.h>

@inc depends on patch && !hasinc && (def || get || put || allocd || alloca || fr || eq || acc)@
position p;
@@
#include <...>@p

@script:python@
p << inc.p;
@@
LASTINC[p[0].file] = max(LASTINC.get(p[0].file, 0), int(p[0].line))

@depends on patch && !hasinc@
position inc.p : script:python() { int(p[0].line) == LASTINC.get(p[0].file) };
@@
#include <...>@p
+ #include <refconv/rc_check.h>

// ---------------------------------------------------------------------------
// context: the sites patch mode changes

@depends on context@
identifier T;
position def.p;
@@
* struct T@p { ... };

@depends on context@
expression E;
position get.p;
@@
* return E@p;

@depends on context@
position put.p;
expression C;
statement S;
@@
* if@p (C) S

@depends on context@
identifier al;
position allocd.p;
@@
* al@p(...)

@depends on context@
identifier al;
position alloca.p;
@@
* al@p(...)

@depends on context@
position fr.p;
@@
* free@p(...)

@depends on context@
expression a, b;
binary operator op;
position eq.p;
@@
* a op@p b

@depends on context@
expression x;
identifier f;
position acc.p;
@@
* x->f@p

// ---------------------------------------------------------------------------
// report, org: what stays unchecked, with the reason

@kobj depends on report || org@
identifier T : script:python() { is_type(T) };
identifier x;
position p;
@@
(
  struct T x@p;
|
  struct T x@p[...];
|
  struct T x@p = ...;
)

@script:python@
T << kobj.T;
x << kobj.x;
p << kobj.p;
@@
tell(p, "INFO: struct %s object %s kept: not behind a pointer, it cannot "
     "be checked" % (T, x))

@kszalloc depends on report || org@
identifier T : script:python() { is_type(T) };
identifier v;
identifier al = {malloc, calloc, zalloc};
position p;
@@
(
  struct T *v = al(..., <+... sizeof@p(struct T) ...+>, ...);
|
  v = al(..., <+... sizeof@p(struct T) ...+>, ...);
)

@script:python@
p << kszalloc.p;
@@
DONE.add(key(p))

@fld depends on report || org@
identifier T : script:python() { is_type(T) };
identifier f;
type t;
@@
struct T { ... \(t f;\|t f[...];\) ... };

@script:python@
T << fld.T;
f << fld.f;
@@
FIELDS.setdefault(f, set()).add(T)

@untyped depends on report || org@
expression E;
identifier fl : script:python() { known_field(fl) };
position p : script:python() { fresh(p) };
@@
E->fl@p

@script:python@
E << untyped.E;
fl << untyped.fl;
p << untyped.p;
@@
tell(p, "INFO: access %s->%s kept: spatch cannot infer the type of %s "
     "(struct %s?)" % (E, fl, E, "/".join(sorted(FIELDS[fl]))))

@ksize depends on report || org@
identifier T : script:python() { is_type(T) };
position p : script:python() { fresh(p) };
@@
sizeof@p(struct T)

@script:python@
T << ksize.T;
p << ksize.p;
@@
tell(p, "INFO: sizeof(struct %s) kept: outside an allocation it is the "
     "size of the indirection when checking" % T)
