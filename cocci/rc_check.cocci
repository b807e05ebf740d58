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
// The collect pass records every definition, field, get, put, allocation,
// free, comparison, access and kept object (KIND FILE LINE COL FIELD...;
// scripts/lib/README), and scripts/decide-rc_check.py decides the
// accessors and writes the sites with their report lines. Report, org and
// context mode take the sites by position. Patch mode rewrites the reads
// first, by position, while the positions are still those of the collect
// pass; the other rewrites follow one another, and since spatch renumbers
// a function once a rule has changed it, they match by shape and type, as
// the collect pass did. The report scripts inherit the metavariables of
// their rule although they only print the site: spatch runs a script once
// per binding of what it inherits, in the order of those bindings, and org
// mode prints in that order.
//
// Collect records, in rule order:
//   field T F TYPE    field F of struct T has TYPE (at F)
//   read T F FN       P->F, P a struct T * of an accessors TYPE, in FN
//   def T             the definition of struct T
//   get T FN, put T FN
//                     the return of FN's get, the if of FN's put
//   alloc T FN, alloca T FN
//                     struct T *v = ALLOC(...) / v = ALLOC(...) in FN
//   free T FN, eq T   free(p), p == q / p != q on struct T pointers
//   fn T NAME R PS def|proto, fnread NAME F
//                     a function TYPE__NAME(PS) returning R, defined or
//                     declared; one that reads F of its parameter
//   assigned, incdec, addrof, lvarg M, constp
//                     P->F written, ++/--, &P->F, an argument of M(),
//                     through a const pointer
//   acc T F           P->F, P a struct T *
//   kobj T X, kszalloc, ksize T, untyped E F
//                     struct T X not behind a pointer, sizeof(struct T)
//                     in an allocation and elsewhere, E->F of a checked
//                     struct's field name F, E of unknown type
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
if not os.environ.get("REFCONV_PYLIB"):
    sys.stderr.write("rc_check.cocci: run it with scripts/run-cocci.sh or \"make coccicheck\"\n")
    os._exit(2)
sys.path.insert(0, os.environ["REFCONV_PYLIB"])
import refconv_cocci as rc
import refconv_spec
rc.require_driver("rc_check.cocci")

SPEC = refconv_spec.load()
TYPES = set(a[0] for a in SPEC["rc_check"])
ACCESSORS = set(a[0] for a in SPEC["rc_check"] if len(a) > 1)
# WORK/names: the field names of the checked structs (untyped accesses)
NAMES = set(r[0] for r in rc.rows("names"))
# WORK/sites: "def", "accessor", "get", "put", "alloc", "free", "eq",
# "read", "access" (WARNING), "kept" (INFO)
SITES = rc.Sites()
# WORK/accessors, the "define" lines: TYPE -> {field: (rtype, param)}
DEFINE = {}
for _r in rc.rows("accessors"):
    if _r[2] == "define":
        DEFINE.setdefault(_r[0], {})[_r[1]] = (_r[3], _r[4])
# the virtual rules of the run: "collect", "patch", "report", "org"
VIRT = set()
# (file, TYPE) -> {field: (line, column, position)} of its definition here
AFIELDS = {}
# position keys of the definitions that get accessors (patch mode)
ACCDEF = set()
LAST = rc.LastInclude()
# lower-case macros and builtins whose arguments may need to be lvalues
LVALUE_MACROS = set("""swap xchg cmpxchg try_cmpxchg get_user __get_user
smp_load_acquire smp_store_release smp_store_mb do_div typecheck""".split())

def is_type(t):
    return t in TYPES

def is_acc_type(t):
    return t in ACCESSORS

def known_field(f):
    return f in NAMES

def lvalue_macro(m):
    return m in LVALUE_MACROS or (re.match(r"^[A-Z][A-Z0-9_]*$", m) is not None)

def wanted(p, *kinds):
    """Whether a match at P is worth the rule's scripts: every one when
    collecting or patching, else the sites of KINDS."""
    return "collect" in VIRT or "patch" in VIRT or bool(SITES.of(p, *kinds))

def kept_only(p):
    """Whether P is reported only (collecting: every match): a kept read
    is an access too, and the rule of reads says why it is kept."""
    return wanted(p, "kept") and not SITES.of(p, "access")

def tell(p, *kinds):
    """Report the sites of KINDS at P in report and org mode."""
    for mode in ("report", "org"):
        if mode in VIRT:
            SITES.tell_of(p, mode, *kinds)

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

// spatch without -D would stop before the initialize block runs, and say
// nothing about the driver
@script:python depends on !collect && !patch && !context && !org && !report@
@@
pass

@script:python depends on collect@
@@
VIRT.add("collect")

@script:python depends on patch@
@@
VIRT.add("patch")

@script:python depends on report@
@@
VIRT.add("report")

@script:python depends on org@
@@
VIRT.add("org")

@finalize:python depends on collect@
@@
rc.finish()

// ---------------------------------------------------------------------------
// the fields of the checked structs

@fld@
identifier T : script:python() { is_type(T) };
identifier f;
type t;
position q;
@@
struct T { ... \(t f@q;\|t f@q[...];\) ... };

@script:python@
T << fld.T;
f << fld.f;
t << fld.t;
q << fld.q;
@@
if "collect" in VIRT:
    rc.emit("field", q, T, f, t)
elif T in ACCESSORS:
    AFIELDS.setdefault((q[0].file, T), {})[f] = (int(q[0].line), int(q[0].column), q)

// ---------------------------------------------------------------------------
// accessors: the reads outside the type's functions, first in patch mode

@rd@
identifier T : script:python() { is_acc_type(T) };
struct T *x;
identifier f;
position p : script:python() { wanted(p, "read", "kept") };
@@
x->f@p

@script:python depends on collect@
T << rd.T;
f << rd.f;
p << rd.p;
@@
rc.emit("read", p, T, f, p[0].current_element)

// (include_match(False) would drop other rules' matches: the reads are
// selected by position)
@script:python racc depends on patch@
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
position p : script:python() { bool(SITES.of(p, "read")) };
@@
(
- (t)x->f@p
+ (t)A(x)
|
- x->f@p
+ A(x)
)

// ---------------------------------------------------------------------------
// the definition

@def@
identifier T : script:python() { is_type(T) };
position p : script:python() { wanted(p, "def") };
@@
struct T@p { ... };

@script:python depends on collect@
T << def.T;
p << def.p;
@@
rc.emit("def", p, T)

@script:python defn depends on patch@
T << def.T;
N;
@@
coccinelle.N = cocci.make_ident("%s;\nDECLARE_RC_STRUCT(%s)" % (T, T))

@adef depends on patch || report || org@
identifier T : script:python() { is_acc_type(T) };
position p;
@@
struct T@p { ... };

@script:python defacc depends on patch || report || org@
T << adef.T;
p << adef.p;
N;
D;
P;
F;
@@
# the accessors this definition gets, in field declaration order
here = AFIELDS.get((p[0].file, T), {})
acc = sorted(((here[f], f, rt, prm) for f, (rt, prm) in DEFINE.get(T, {}).items()
              if f in here), key=lambda a: a[0][:2])
# (no include_match(False) here: it would drop the def rule's match too;
# the rule below selects the definitions by position)
coccinelle.N = cocci.make_ident("%s;\nDECLARE_RC_STRUCT(%s)" % (T, T))
coccinelle.D = coccinelle.P = coccinelle.F = cocci.make_ident(T)
if acc:
    ACCDEF.add(rc.key(p))
    d, prm, f = accessor_text(T, [(f, rt, prm) for _, f, rt, prm in acc])
    coccinelle.D = cocci.make_ident(d)
    coccinelle.P = cocci.make_ident(prm)
    coccinelle.F = cocci.make_ident(f)
    for pos, _, _, _ in acc:
        tell(pos[2], "accessor")

@depends on patch@
identifier def.T;
identifier defn.N;
position p : script:python() { rc.key(p) not in ACCDEF };
@@
  struct
- T@p
+ N
  { ... };

@depends on patch@
identifier adef.T;
identifier defacc.N, defacc.D, defacc.P, defacc.F;
position p : script:python() { rc.key(p) in ACCDEF };
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
tell(p, "def")

// ---------------------------------------------------------------------------
// the get: return of the parameter after an increment of one of its fields

@get exists@
identifier T : script:python() { is_type(T) };
identifier fn, m, f;
position p : script:python() { wanted(p, "get") };
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

@script:python depends on collect@
T << get.T;
fn << get.fn;
p << get.p;
@@
rc.emit("get", p, T, fn)

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
tell(p, "get")

// ---------------------------------------------------------------------------
// the put: the dec-and-test branch without an else

@put@
identifier T : script:python() { is_type(T) };
identifier fn, m, f;
identifier dec = {refcount_dec_and_test, atomic_dec_and_test};
statement S;
position p : script:python() { wanted(p, "put") };
@@
fn(..., struct T *m, ...)
{
  ... when any
  if@p (<+... dec(&m->f) ...+>) S
  ... when any
}

@script:python depends on collect@
T << put.T;
fn << put.fn;
p << put.p;
@@
rc.emit("put", p, T, fn)

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
tell(p, "put")

// ---------------------------------------------------------------------------
// allocation: the checked pointer is made at once

@allocd@
identifier T : script:python() { is_type(T) };
identifier v;
identifier al = {malloc, calloc, zalloc};
position p : script:python() { wanted(p, "alloc") };
@@
struct T *v = al@p(...);

@alloca@
identifier T : script:python() { is_type(T) };
struct T *v;
identifier al = {malloc, calloc, zalloc};
position p : script:python() { wanted(p, "alloc") };
@@
v = al@p(...);

@script:python depends on collect@
T << allocd.T;
p << allocd.p;
@@
rc.emit("alloc", p, T, p[0].current_element)

@script:python depends on collect@
T << alloca.T;
p << alloca.p;
@@
rc.emit("alloca", p, T, p[0].current_element)

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
tell(p, "alloc")

@script:python depends on report || org@
T << alloca.T;
p << alloca.p;
@@
tell(p, "alloc")

// ---------------------------------------------------------------------------
// the final free

@fr@
identifier T : script:python() { is_type(T) };
struct T *x;
position p : script:python() { wanted(p, "free") };
@@
free@p(x)

@script:python depends on collect@
T << fr.T;
p << fr.p;
@@
rc.emit("free", p, T, p[0].current_element)

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
tell(p, "free")

// ---------------------------------------------------------------------------
// pointer comparisons

@eq@
identifier T : script:python() { is_type(T) };
struct T *a, b;
binary operator op = {==, !=};
position p : script:python() { wanted(p, "eq") };
@@
a op@p b

@script:python depends on collect@
T << eq.T;
p << eq.p;
@@
rc.emit("eq", p, T)

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
tell(p, "eq")

// ---------------------------------------------------------------------------
// accessors: the reads (matched above), what the decide step needs to judge
// them, and the functions named TYPE__* that exist

@script:python depends on report || org@
T << rd.T;
f << rd.f;
p << rd.p;
@@
tell(p, "read", "kept")

@depends on context@
identifier rd.T, rd.f;
struct T *x;
position p : script:python() { bool(SITES.of(p, "read")) };
@@
* x->f@p

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
        rc.emit("fn", p, T, fn, R, ps, "def")

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
rc.emit("fnread", p, fn, f)

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
        rc.emit("fn", p, T, fn, R, ps, "proto")

// accesses that are not reads

@nonread depends on collect@
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
rc.emit("assigned", p)

@incdec depends on collect@
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
rc.emit("incdec", p)

@addrof depends on collect@
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
rc.emit("addrof", p)

@lvarg depends on collect@
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
rc.emit("lvarg", p, m)

@constp depends on collect@
identifier T : script:python() { is_acc_type(T) };
const struct T *x;
identifier f;
position p;
@@
x->f@p

@script:python@
p << constp.p;
@@
rc.emit("constp", p)

// ---------------------------------------------------------------------------
// field accesses through a checked pointer (the reads are rewritten in
// patch mode already)

@acc@
identifier T : script:python() { is_type(T) };
struct T *x;
identifier f;
position p : script:python() { wanted(p, "access") };
@@
x->f@p

@script:python depends on collect@
T << acc.T;
f << acc.f;
p << acc.p;
@@
rc.emit("acc", p, T, f)

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
tell(p, "access")

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
LAST.note(p)

@depends on patch && !hasinc@
position inc.p : script:python() { LAST.is_last(p) };
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
// collect, report, org: what stays unchecked, with the reason

@kobj depends on collect || report || org@
identifier T : script:python() { is_type(T) };
identifier x;
position p : script:python() { wanted(p, "kept") };
@@
(
  struct T x@p;
|
  struct T x@p[...];
|
  struct T x@p = ...;
)

@script:python depends on collect@
T << kobj.T;
x << kobj.x;
p << kobj.p;
@@
rc.emit("kobj", p, T, x)

@script:python depends on report || org@
T << kobj.T;
x << kobj.x;
p << kobj.p;
@@
tell(p, "kept")

@kszalloc depends on collect@
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
rc.emit("kszalloc", p)

@untyped depends on collect || report || org@
expression E;
identifier fl : script:python() { known_field(fl) };
position p : script:python() { kept_only(p) };
@@
E->fl@p

@script:python depends on collect@
E << untyped.E;
fl << untyped.fl;
p << untyped.p;
@@
rc.emit("untyped", p, E, fl)

@script:python depends on report || org@
E << untyped.E;
fl << untyped.fl;
p << untyped.p;
@@
tell(p, "kept")

@ksize depends on collect || report || org@
identifier T : script:python() { is_type(T) };
position p : script:python() { wanted(p, "kept") };
@@
sizeof@p(struct T)

@script:python depends on collect@
T << ksize.T;
p << ksize.p;
@@
rc.emit("ksize", p, T)

@script:python depends on report || org@
T << ksize.T;
p << ksize.p;
@@
tell(p, "kept")
