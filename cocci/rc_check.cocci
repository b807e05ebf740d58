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
/// The spec's "accessors" option is not implemented: accesses become
/// RC_CHK_ACCESS() and report mode says so once per struct.
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
// Keywords: RC_CHK, reference count checking, perf, ASan, LSan
// Prefilter: struct[[:space:]]

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import os, sys
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

@depends on patch@
identifier def.T;
identifier defn.N;
@@
  struct
- T
+ N
  { ... };

@script:python depends on report || org@
T << def.T;
p << def.p;
@@
tell(p, "WARNING: struct %s is reference-count checked: DECLARE_RC_STRUCT(%s)" % (T, T))
if T in ACCESSORS:
    tell(p, "INFO: struct %s accessors kept: accessor functions are not "
         "generated; fields go through RC_CHK_ACCESS()" % T)

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
// field accesses through a checked pointer

@acc@
identifier T : script:python() { is_type(T) };
struct T *x;
identifier f;
position p;
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
