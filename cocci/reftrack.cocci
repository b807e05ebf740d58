// SPDX-License-Identifier: GPL-2.0-only
/// Turn the reftrack GCC plugin's hidden instrumentation into a source patch:
/// reference-count every pointer to a tracked struct as the plugin does, and
/// allocate tracked objects from the reftrack heap (include/refconv/reftrack.h,
/// or include/linux/reftrack.h in the kernel).
///
/// Tracked types: REFTRACK_STRUCT(S), struct REFTRACK(S) S, the __reftrack__
/// attribute, a "track S" spec line, and typedef names of those structs.
/// The plugin's model (its README, "Transformations"), made visible:
///  - p = q; becomes S_addref(q); S_removeref(p); p = q; for locals, fields
///    (through any pointer, *pp included) and globals, not for array
///    elements (the plugin does not count arrays); p = p; is left alone;
///    p = NULL; only releases; when q is read through p, or the assignment
///    is inside an expression (a loop header, a condition, a chain), it is
///    S_assign(&p, q), which does the same three steps in that order;
///  - p = f(...); (a call) becomes S_removeref(p); p = f(...); S_addref(p);:
///    the callee's returned reference is handed to the caller's variable;
///  - a call passes a counted reference: f(S_getref(p)) (the caller's
///    addref) for each parameter of f that points to the same tracked type,
///    when f is defined in the run and is no destructor, REFTRACK_IGNORE
///    nor named by a "borrow f" spec line; f releases its parameter on
///    every return, REFTRACK_PARAM(S, p); a function outside the run
///    borrows the caller's reference (it would not release one);
///  - a non-static local pointer is counted by a guard declared right after
///    it, REFTRACK_LOCAL(S, x) (takes a reference to its initial value) or
///    REFTRACK_LOCAL_NULL(S, x) (starts it as NULL): the guard releases x
///    whenever x goes out of scope, on every way out of its block (return,
///    break, continue, goto, the end of the block), as the plugin's cleanup
///    does;
///  - allocations stored in a tracked pointer use the rc_* allocator (zeroed:
///    a field's first store releases the old value, which must be NULL);
///    q = realloc(p, n) with q != p moves p's reference to the new object
///    (p follows it when the call succeeds, instead of dangling);
///  - free(p) releases the references the object's tracked fields hold, then
///    the reference p holds, and clears p: the plugin has no answer for
///    free() (it leaves fields to destructors); a program written for plain
///    malloc/free expects free() to end the object and what it alone
///    points to;
///  - #include "hrcmm.h" / "lkrcmm.h" (the plugin's heaps) becomes
///    #include <refconv/hrcmm.h> / <linux/reftrack.h>, which provide the
///    plugin's API (REFTRACK_PROLOG, REFTRACK_DEF_CTOR, print_mem_stats ...)
///    on refconv's runtime.
///
/// Why guards (the compiler's cleanup attribute) and not explicit releases:
/// the plugin releases locals on every exit of their scope, which explicit
/// releases can follow only with one rule per path kind and per local, and
/// a return value that reads a local would need a temporary; the guard is
/// one declaration per local, right after it, so declarations stay before
/// statements (-Wdeclaration-after-statement). Linux 6.1 has no
/// linux/cleanup.h (__free() came in 6.5): refconv's headers define the
/// guard macros themselves, on __attribute__((__cleanup__)) as __free() is.
///
/// Unions holding a tracked pointer keep their type unconverted (the
/// conversion cannot know which member is live), and so do a cast of a
/// tracked pointer to void * (an uncounted copy) and a tracked
/// pointer moved by arithmetic (p++, p += n: the plugin would count the
/// interior address); report mode says where.
//
// The decision spans files (a struct in a header, uses in .c files, a
// function defined in one file and called in another), so the driver runs
// decide-reftrack.py names (tracked types by text: spatch does not parse the
// attribute forms), a collect pass recording every site, veto and function,
// decide-reftrack.py decide, then this script in the requested mode over the
// decided files. A function that already has a REFTRACK_LOCAL or
// REFTRACK_PARAM guard is left alone (idempotence); the program's own
// S_addref()/S_removeref() calls stay, as the plugin leaves them.
//
// Collect records (KIND FILE LINE COL FIELD...; scripts/lib/README; S is a
// tracked struct tag):
//   fn NAME             a function definition
//   param S FN K WHAT   parameter K of function FN points to S
//   veto S WHY          a use that keeps S unconverted
//   alloc S WHAT, store S WHAT, free S WHAT, local S WHAT
//                       a site the apply pass converts, and how
//
// Confidence: Moderate
// Copyright: (C) 2026 The refconv developers.
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: reftrack, reference count, rc_malloc, addref, removeref
// Prefilter: REFTRACK|__reftrack__|[a-z]alloc|free
// URL: https://github.com/acbits/reftrack-plugin

virtual collect
virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import os, re, sys
if not os.environ.get("REFCONV_PYLIB"):
    sys.stderr.write("reftrack.cocci: run it with scripts/run-cocci.sh or \"make coccicheck\"\n")
    os._exit(2)
sys.path.insert(0, os.environ["REFCONV_PYLIB"])
import refconv_cocci as rc
rc.require_driver("reftrack.cocci")

TAGS = {}        # struct tag -> (addref, removeref)
TYPEDEFS = {}    # typedef name -> struct tag
FIELDS = {}      # struct tag -> [(field, tag of the pointee)]
FIELDTAG = {}    # field name -> tag, for names that always point to one
MEMBERS = {}     # struct type X -> [(path, tag)]: X.path holds a tracked pointer
NOCOUNT = set()  # functions the plugin does not instrument (ignored, heap)
DTORS = set()    # destructors and "borrow" functions: parameters not counted
for r in rc.rows("tracked"):
    if r[0] == "tag":
        TAGS[r[1]] = (r[2], r[3])
    elif r[0] == "typedef":
        TYPEDEFS[r[1]] = r[2]
    elif r[0] == "field":
        FIELDS.setdefault(r[1], []).append((r[2], r[3]))
    elif r[0] == "fieldtag":
        FIELDTAG[r[1]] = r[2]
    elif r[0] == "member":
        MEMBERS.setdefault(r[1], []).append((r[2], r[3]))
    elif r[0] == "ignore":
        NOCOUNT.add(r[1])
    elif r[0] in ("dtor", "borrow"):
        DTORS.add(r[1])
DTORS |= set(t + "_destroy" for t in TAGS)
ADDS = set(v[0] for v in TAGS.values())
PAIRS = set(TAGS.values())
RMS = set(v[1] for v in TAGS.values())
CONV = set(r[0] for r in rc.rows("types"))     # tags converted (apply pass)
PARAMS = {}      # function -> {index: tag} of its counted parameters
for r in rc.rows("params"):
    PARAMS.setdefault(r[0], {})[int(r[1])] = r[2]
SITES = rc.Sites()
SKIP = set()     # per file: functions already converted
STORED = set()   # per file: stores the typed collect rule saw
STATICS = set()  # per file: (function, static local)
DONE = {}        # per file: pconvK's stores already converted
FRESH = set()    # per file: stores into a local still NULL (pfresh)
INITED = set()   # per file: locals declared with a value ("T x;" in SmPL
                 # also matches "T x = a;": pfresh must not take those)
STMTS = {}       # per file: pstmtK's assignment statements (positions change
                 # with every change: each pexpr rule has its own pstmt)
GUARDS = {}      # per file: (function, local) -> (tag, initialised)
# the per-field rules' index in this file, unexpanded: no struct has that
# many fields (decide-reftrack.py names writes the run's copy, with one
# copy of those rules per field index)
__K__ = 1 << 30
# allocations are zeroed: a tracked field's first store releases the old
# value, which must be NULL
RC = {"kmalloc": "rc_kzalloc", "kmalloc_array": "rc_kcalloc",
      "vmalloc": "rc_vzalloc", "kvmalloc": "rc_kvzalloc"}
ALLOCS = {"kmalloc", "kzalloc", "kcalloc", "kmalloc_array", "krealloc",
          "vmalloc", "vzalloc", "kvmalloc", "kvzalloc", "malloc", "calloc",
          "realloc"}
FREES = {"kfree", "vfree", "kvfree", "free"}


def base_tag(t):
    """Tag of a tracked struct type string ('struct S', 'T'), else None."""
    w = [x for x in str(t).split() if x not in ("const", "volatile")]
    if len(w) == 2 and w[0] == "struct" and w[1] in TAGS:
        return w[1]
    if len(w) == 1 and w[0] in TYPEDEFS:
        return TYPEDEFS[w[0]]
    return None


def tag(t):
    """Tag of a pointer-to-tracked type string ('struct S *'), else None."""
    s = str(t).strip()
    if not s.endswith("*") or s.endswith("**"):
        return None
    return base_tag(s[:-1])


def conv(t):
    return tag(t) in CONV


def helper(t, i):
    return TAGS[tag(t)][i]


def prefix(s):
    """The helpers' prefix of tag S: S, or reftrack for the generic ones."""
    return TAGS[s][0][:-len("_addref")]


def op(t, what):
    """The S_getref, S_assign ... helper of pointer type T."""
    return prefix(tag(t)) + "_" + what


def field_tag(f):
    """Tag a field name points to, when every struct of the run that has a
    pointer field of that name agrees it is tracked (else None)."""
    return FIELDTAG.get(str(f))


def field_conv(f):
    return field_tag(f) in CONV


def field_helpers(f):
    return TAGS[field_tag(f)]


def fnok(fn):
    return fn not in SKIP and fn not in NOCOUNT and not fn.startswith("REFTRACK")


def ok(p):
    return fnok(p[0].current_element)


def field_name(t, k):
    """The K-th tracked field of struct T whose pointee converts."""
    return [f for f, ft in FIELDS.get(t, []) if ft in CONV][k]


def nfields(t):
    return len([f for f, ft in FIELDS.get(t, []) if ft in CONV])


def field_release(t, k):
    """The removeref of the K-th converted field of struct T."""
    return TAGS[dict(FIELDS[t])[field_name(t, k)]][1]


SIMPLE = re.compile(r"^\s*\w+(\s*(->|\.)\s*\w+)*\s*$")


def simple(r):
    """A value that can be read twice: a variable or a chain of fields."""
    return bool(SIMPLE.match(str(r)))


def reads(r, l):
    """Whether expression r reads any variable of lvalue l."""
    words = set(re.findall(r"[A-Za-z_]\w*", str(r)))
    return any(w in words for w in re.findall(r"[A-Za-z_]\w*", str(l)))


def element(l):
    """An array element: the plugin does not count those stores."""
    return str(l).rstrip().endswith("]")


def done(p, k):
    """A store pconvK found already converted (a second run)."""
    return rc.key(p) in DONE.get(k, ())


def fresh(p):
    """A store into a local that holds no reference yet (pfresh)."""
    return rc.key(p) in FRESH


def by_name(l):
    """A field store the by-name rules convert (typed or not)."""
    m = re.search(r"(->|\.)\s*(\w+)\s*$", str(l))
    return bool(m) and field_conv(m.group(2))


def infn(p):
    f = p[0].current_element
    return f != "something_else" and not f.startswith("REFTRACK")


def counted_arg(fn, k):
    return fnok(fn) and fn not in DTORS and k in PARAMS.get(fn, {})


def issite(p):
    return p in SITES


def veto(t, p, why):
    rc.emit("veto", p, t, why)


def callee(r):
    """The function r calls, through a cast or not, else None."""
    m = re.match(r"^\s*(?:\(\s*[\w\s]+\*\s*\)\s*)?(\w+)\s*\(", str(r))
    return m.group(1) if m else None


def store_site(t, p, l, r):
    """A store l = r of a pointer to tracked type t."""
    f = callee(r)
    if element(l):
        return
    if f in ALLOCS:
        rc.emit("alloc", p, t, "%s = %s(): use %s and take a reference"
                % (l, f, "rc_calloc" if f == "malloc" else RC.get(f, "rc_" + f)))
    elif f and f.endswith("realloc") and str(r).split("(", 1)[1].split(",")[0].strip() == str(l):
        rc.emit("store", p, t, "%s = %s(%s, ...): the reference stays with the "
                "object" % (l, f, l))
    elif f:
        rc.emit("store", p, t, "%s = %s(): release the old value, take the "
                "returned reference" % (l, f))
    elif str(r) == "NULL":
        rc.emit("store", p, t, "%s = NULL: release the old value" % l)
    elif str(r) != str(l):
        rc.emit("store", p, t, "%s = %s: addref the new value, removeref the old"
                % (l, r))


def free_site(t, p, fr, e):
    if re.match(r"^\w+(\s*(->|\.)\s*\w+)?$", e):
        rc.emit("free", p, t, "%s(%s): release the reference instead" % (fr, e))
    else:
        veto(t, p, "%s(%s): only a variable or a field can be released" % (fr, e))


def decl_names(d):
    """The names a declaration declares, in order."""
    t, depth, out = str(d), 0, ""
    for c in t:
        depth += c in "([{"
        depth -= c in ")]}"
        out += c if depth == 0 and c not in ")]}" else ""
    names = []
    for part in out.rstrip().rstrip(";").split(","):
        ids = re.findall(r"[A-Za-z_]\w*", part.split("=")[0])
        if ids:
            names.append(ids[-1])
    return names


def counted(d, p):
    """The guards (macro, S prefix, argument) of the counted locals
    declaration d at p declares, in order (spatch renumbers lines after
    each change: locals are known by function and name)."""
    fn = p[0].current_element
    return [g for x in decl_names(d) for g in GUARDS.get((fn, x), [])]


def guard_of(d, p, k):
    return counted(d, p)[k]


def guard_at(d, p, k, macro):
    """Whether declaration d has a K-th guard, with MACRO (guards for 4
    locals per declaration at most)."""
    gs = counted(d, p)
    return len(gs) > k and gs[k][0] == macro


def members(t):
    """The (path, tag) of the converted tracked pointers a local of struct
    type T holds, else []."""
    w = [x for x in str(t).split() if x not in ("const", "volatile", "struct")]
    return [m for m in MEMBERS.get(w[-1], []) if m[1] in CONV] if len(w) == 1 else []

@script:python@
@@
# once per file: nothing is carried from one file of a batch to the next
SKIP.clear()
GUARDS.clear()
STMTS.clear()
FRESH.clear()
INITED.clear()
STATICS.clear()
STORED.clear()
DONE.clear()

// ---------------------------------------------------------------------------
// collect: function definitions and their counted parameters

@cfn depends on collect@
type R;
identifier fn;
position p;
@@
R fn@p(...) { ... }

@script:python depends on collect@
fn << cfn.fn;
p << cfn.p;
@@
if not fn.startswith("REFTRACK"):
    rc.emit("fn", p, fn)

@cparam depends on collect@
identifier fn, x;
parameter list[n] ps;
type T;
position p;
@@
fn(ps, T x@p, ...) { ... }

@script:python depends on collect@
fn << cparam.fn;
n << cparam.n;
T << cparam.T;
p << cparam.p;
x << cparam.x;
@@
if tag(T) and not fn.startswith("REFTRACK"):
    if fn in DTORS or fn in NOCOUNT:
        why = "parameter %s not counted: %s() is a destructor, ignored or borrows" % (x, fn)
    else:
        why = "parameter %s counted: callers pass a reference, %s() releases it" % (x, fn)
    rc.emit("param", p, tag(T), fn, str(n), why)

// collect: counted locals

@cdecl depends on collect@
type T;
identifier x;
position d;
expression E;
@@
\(T x@d;\|T x@d = E;\)

@script:python depends on collect@
T << cdecl.T;
x << cdecl.x;
d << cdecl.d;
@@
if tag(T) and infn(d) and d[0].current_element != x:
    rc.emit("local", d, tag(T), "local %s counted: released when it goes "
            "out of scope" % x)

// collect: unions that hold a tracked pointer

@cunion depends on collect@
type T;
identifier U, f;
position d;
@@
union U { ... T f@d; ... };

@script:python depends on collect@
T << cunion.T;
f << cunion.f;
d << cunion.d;
@@
if tag(T):
    veto(tag(T), d, "union member %s: the conversion cannot know which "
         "member is live" % f)

// collect: pointer arithmetic stored back (p++, p += n): the count would
// follow the wrong address

@cstep depends on collect@
type T;
T e;
expression E2;
position p;
@@
\(e@p++\|e@p--\|++e@p\|--e@p\|e@p += E2\|e@p -= E2\)

@script:python depends on collect@
T << cstep.T;
p << cstep.p;
e << cstep.e;
@@
if tag(T):
    veto(tag(T), p, "%s is moved by pointer arithmetic: its reference would "
         "follow another address" % e)

// collect: casts to void *, an uncounted copy

@ccast depends on collect disable drop_cast@
type T;
T e;
position p;
@@
  (void *)e@p

@script:python depends on collect@
T << ccast.T;
p << ccast.p;
e << ccast.e;
@@
if tag(T):
    veto(tag(T), p, "%s is cast to void *: that copy is not counted" % e)

// collect: stores

@cstore depends on collect@
type T;
T l;
expression r;
position p;
@@
l@p = r

@script:python depends on collect@
T << cstore.T;
p << cstore.p;
l << cstore.l;
r << cstore.r;
@@
if tag(T) and infn(p):
    STORED.add(rc.key(p))
    store_site(tag(T), p, l, r)

@cstoref depends on collect disable ptr_to_array@
expression E, r;
identifier f;
position p;
@@
\(E@p->f = r\|E@p.f = r\)

@script:python depends on collect@
f << cstoref.f;
p << cstoref.p;
E << cstoref.E;
r << cstoref.r;
@@
if field_tag(f) and infn(p) and rc.key(p) not in STORED:
    store_site(field_tag(f), p, E + "->" + f, r)

// collect: frees of tracked objects

@cfree depends on collect@
type T;
T e;
identifier fr =~ "^(kfree|vfree|kvfree|free)$";
position p;
@@
fr@p(e)

@script:python depends on collect@
T << cfree.T;
p << cfree.p;
e << cfree.e;
fr << cfree.fr;
@@
if tag(T):
    free_site(tag(T), p, fr, e)

@cfreef depends on collect disable ptr_to_array@
expression E;
identifier f;
identifier fr =~ "^(kfree|vfree|kvfree|free)$";
position p;
@@
fr@p(\(E->f\|E.f\))

@script:python depends on collect@
f << cfreef.f;
p << cfreef.p;
fr << cfreef.fr;
E << cfreef.E;
@@
if field_tag(f):
    free_site(field_tag(f), p, fr, E + "->" + f)

@finalize:python depends on collect@
@@
rc.finish()

// ---------------------------------------------------------------------------
// patch: functions that already have guards are left alone

@pdone depends on patch@
identifier fn;
identifier h =~ "^REFTRACK_(LOCAL|LOCAL_NULL|PARAM|MEMBER)$";
@@
fn(...) { <+... h(...); ...+> }

@script:python depends on pdone@
fn << pdone.fn;
@@
SKIP.add(fn)

@pdone2 depends on patch@
identifier fn;
declarer name REFTRACK_LOCAL, REFTRACK_LOCAL_NULL, REFTRACK_PARAM, REFTRACK_MEMBER;
@@
fn(...) { <+...
(
 REFTRACK_LOCAL(...);
|
 REFTRACK_LOCAL_NULL(...);
|
 REFTRACK_PARAM(...);
|
 REFTRACK_MEMBER(...);
)
...+> }

@script:python depends on pdone2@
fn << pdone2.fn;
@@
SKIP.add(fn)

// patch: the plugin's heap header becomes refconv's

@depends on patch@
@@
- #include "hrcmm.h"
+ #include <refconv/hrcmm.h>

@depends on patch@
@@
- #include "lkrcmm.h"
+ #include <linux/reftrack.h>

// patch: allocators of tracked objects

@palloc depends on patch@
type T : script:python() { conv(T) };
T l;
type T2;
expression E1;
identifier a : script:python() { a in ALLOCS and a != "malloc" and not a.endswith("realloc") };
fresh identifier rca = script:python(a) { RC.get(a, "rc_" + a) };
position s : script:python() { ok(s) };
@@
  l@s =
(
- a
+ rca
  (...)
|
  (T2)
- a
+ rca
  (...)
|
- malloc(E1)
+ rc_calloc(1, E1)
|
  (T2)
- malloc(E1)
+ rc_calloc(1, E1)
)

@pallocd depends on patch@
type T : script:python() { conv(T) };
identifier x;
type T2;
expression E1;
identifier a : script:python() { a in ALLOCS and a != "malloc" and not a.endswith("realloc") };
fresh identifier rca = script:python(a) { RC.get(a, "rc_" + a) };
position s : script:python() { ok(s) };
@@
(
  T x@s =
- a
+ rca
  (...);
|
  T x@s = (T2)
- a
+ rca
  (...);
|
  T x@s =
- malloc(E1)
+ rc_calloc(1, E1)
  ;
|
  T x@s = (T2)
- malloc(E1)
+ rc_calloc(1, E1)
  ;
)

@prealloc depends on patch@
type T : script:python() { conv(T) };
T l, e;
identifier ra =~ "^k?realloc$";
fresh identifier rra = script:python(ra) { "rc_" + ra };
position s : script:python() { ok(s) };
@@
  l@s =
- ra
+ rra
  (e, ...)

@preallocd depends on patch@
type T : script:python() { conv(T) };
T e;
identifier x;
identifier ra =~ "^k?realloc$";
fresh identifier rra = script:python(ra) { "rc_" + ra };
position s : script:python() { ok(s) };
@@
  T x@s =
- ra
+ rra
  (e, ...);

// patch: call arguments, the caller's addref (K: the parameter's index).
// An argument that is not a variable (a call, arithmetic) is wrapped in
// place first, nested calls each wrapping their own

@pargx0 depends on patch@
identifier fn;
expression a : script:python() { not simple(a) and str(a) != "NULL" };
position p : script:python(fn) { ok(p) and counted_arg(fn, 0) };
fresh identifier gr = script:python(fn) { prefix(PARAMS[fn][0]) + "_getref" };
@@
fn(
+ gr(
  a@p
+ )
  ,...)

@pargx1 depends on patch@
identifier fn;
expression e0;
expression a : script:python() { not simple(a) and str(a) != "NULL" };
position p : script:python(fn) { ok(p) and counted_arg(fn, 1) };
fresh identifier gr = script:python(fn) { prefix(PARAMS[fn][1]) + "_getref" };
@@
fn(e0,
+ gr(
  a@p
+ )
  ,...)

// then variables and fields

@parg0 depends on patch@
identifier fn;
expression a : script:python() { simple(a) };
position p : script:python(fn) { ok(p) and counted_arg(fn, 0) };
fresh identifier gr = script:python(fn) { prefix(PARAMS[fn][0]) + "_getref" };
@@
fn(
- a@p
+ gr(a)
  ,...)

@parg1 depends on patch@
identifier fn;
expression e0;
expression a : script:python() { simple(a) };
position p : script:python(fn) { ok(p) and counted_arg(fn, 1) };
fresh identifier gr = script:python(fn) { prefix(PARAMS[fn][1]) + "_getref" };
@@
fn(e0,
- a@p
+ gr(a)
  ,...)

@parg2 depends on patch@
identifier fn;
expression e0, e1;
expression a : script:python() { simple(a) };
position p : script:python(fn) { ok(p) and counted_arg(fn, 2) };
fresh identifier gr = script:python(fn) { prefix(PARAMS[fn][2]) + "_getref" };
@@
fn(e0, e1,
- a@p
+ gr(a)
  ,...)

@parg3 depends on patch@
identifier fn;
expression e0, e1, e2;
expression a : script:python() { simple(a) };
position p : script:python(fn) { ok(p) and counted_arg(fn, 3) };
fresh identifier gr = script:python(fn) { prefix(PARAMS[fn][3]) + "_getref" };
@@
fn(e0, e1, e2,
- a@p
+ gr(a)
  ,...)

// patch: assignments. Statement-level ones first; those inside an
// expression (loop headers, conditions, chains) become S_assign()

@pstmt0 depends on patch@
expression l, r;
position p;
@@
l@p = r;

@script:python depends on pstmt0@
p << pstmt0.p;
@@
STMTS.setdefault(0, set()).add(rc.key(p))

@pexpr depends on patch@
type T : script:python() { conv(T) };
T l : script:python() { not element(l) and not by_name(l) };
expression r;
position q : script:python(l, r) { ok(q) and str(l) != str(r) and rc.key(q) not in STMTS.get(0, ()) };
fresh identifier asg = script:python(T) { op(T, "assign") };
@@
- l@q = r
+ asg(&l, r)

// a local's first store after its declaration (or after it was set to
// NULL) has no old value to release: the plugin emits none either

@pstatic0 depends on patch@
type T;
identifier x;
position d;
expression E;
@@
\(static T x@d;\|static T x@d = E;\)

@script:python depends on pstatic0@
d << pstatic0.d;
x << pstatic0.x;
@@
STATICS.add((d[0].current_element, x))

@pinited depends on patch@
type T : script:python() { conv(T) };
identifier x;
expression E0 != NULL;
position d;
@@
T x@d = E0;

@script:python depends on pinited@
d << pinited.d;
@@
INITED.add(rc.key(d))

@pfresh depends on patch@
type T : script:python() { conv(T) };
identifier x;
expression E;
position d : script:python() { rc.key(d) not in INITED };
position p : script:python(x) { (p[0].current_element, x) not in STATICS };
@@
(
 T x@d;
|
 T x = NULL;
|
 x = NULL;
)
... when != x
x@p = E

@script:python depends on pfresh@
p << pfresh.p;
@@
FRESH.add(rc.key(p))

@pconv0 depends on patch@
expression l, r, E;
identifier addf =~ "_addref$";
identifier dropf =~ "_removeref$";
position p;
@@
(
  dropf(l);
  l@p = E;
|
  l@p = E;
  addf(l);
|
  addf(r);
  l@p = r;
)

@script:python depends on pconv0@
p << pconv0.p;
@@
DONE.setdefault(0, set()).add(rc.key(p))

@pasg depends on patch@
type T : script:python() { conv(T) };
T l : script:python() { not element(l) and not by_name(l) };
expression r;
type T2;
identifier f;
position pz : script:python() { ok(pz) and not done(pz, 0) and fresh(pz) };
position p0 : script:python() { ok(p0) and not done(p0, 0) and not fresh(p0) };
position p1f : script:python() { ok(p1f) and not done(p1f, 0) and fresh(p1f) };
position p1 : script:python() { ok(p1) and not done(p1, 0) and not fresh(p1) };
position pa : script:python(l, r) { ok(pa) and not done(pa, 0) and str(l) != str(r) and (reads(r, l) or not simple(r)) };
position pbf : script:python(l, r) { ok(pbf) and not done(pbf, 0) and fresh(pbf) and str(l) != str(r) and not reads(r, l) and simple(r) };
position pb : script:python(l, r) { ok(pb) and not done(pb, 0) and not fresh(pb) and str(l) != str(r) and not reads(r, l) and simple(r) };
fresh identifier add = script:python(T) { helper(T, 0) };
fresh identifier rm = script:python(T) { helper(T, 1) };
fresh identifier asg = script:python(T) { op(T, "assign") };
identifier addf =~ "_addref$";
identifier dropf =~ "_removeref$";
@@
(
  l = \(realloc\|krealloc\|rc_realloc\|rc_krealloc\)(l, ...);
|
  dropf(l);
  l = NULL;
|
  dropf(l);
  l = \(f(...)\|(T2)f(...)\);
|
  l = \(f(...)\|(T2)f(...)\);
  addf(l);
|
  addf(r);
  dropf(l);
  l = r;
|
  addf(r);
  l = r;
|
  l@pz = NULL;
|
+ rm(l);
  l@p0 = NULL;
|
  l@p1f = \(f(...)\|(T2)f(...)\);
+ add(l);
|
+ rm(l);
  l@p1 = \(f(...)\|(T2)f(...)\);
+ add(l);
|
- l@pa = r;
+ asg(&l, r);
|
+ add(r);
  l@pbf = r;
|
+ add(r);
+ rm(l);
  l@pb = r;
)

// the same for fields spatch cannot type (a struct it sees only through a
// macro): by field name, when every struct of the run agrees on its type

@pstmt1 depends on patch@
expression l, r;
position p;
@@
l@p = r;

@script:python depends on pstmt1@
p << pstmt1.p;
@@
STMTS.setdefault(1, set()).add(rc.key(p))

@pexprf depends on patch disable ptr_to_array@
expression E, r;
identifier f : script:python() { field_conv(f) };
position q : script:python(E, f, r) { ok(q) and str(E) + "->" + f != str(r) and rc.key(q) not in STMTS.get(1, ()) };
fresh identifier asg = script:python(f) { prefix(field_tag(f)) + "_assign" };
@@
- E@q->f = r
+ asg(&E->f, r)

@pconv1 depends on patch disable ptr_to_array@
expression E, r, E2;
identifier f;
identifier addf =~ "_addref$";
identifier dropf =~ "_removeref$";
position p;
@@
(
  dropf(E->f);
  E->f@p = E2;
|
  E->f@p = E2;
  addf(E->f);
|
  addf(r);
  E->f@p = r;
)

@script:python depends on pconv1@
p << pconv1.p;
@@
DONE.setdefault(1, set()).add(rc.key(p))

@pasgf depends on patch disable ptr_to_array@
expression E, r;
identifier f : script:python() { field_conv(f) };
type T2;
identifier fc;
position p0 : script:python() { ok(p0) and not done(p0, 1) };
position p1 : script:python() { ok(p1) and not done(p1, 1) };
position pa : script:python(E, f, r) { ok(pa) and not done(pa, 1) and (reads(r, E) or not simple(r)) };
position pb : script:python(E, f, r) { ok(pb) and not done(pb, 1) and str(E) + "->" + f != str(r) and not reads(r, E) and simple(r) };
fresh identifier add = script:python(f) { TAGS[field_tag(f)][0] };
fresh identifier rm = script:python(f) { TAGS[field_tag(f)][1] };
fresh identifier asg = script:python(f) { prefix(field_tag(f)) + "_assign" };
identifier addf =~ "_addref$";
identifier dropf =~ "_removeref$";
@@
(
  E->f = \(realloc\|krealloc\|rc_realloc\|rc_krealloc\)(E->f, ...);
|
  dropf(E->f);
  E->f = NULL;
|
  dropf(E->f);
  E->f = \(fc(...)\|(T2)fc(...)\);
  addf(E->f);
|
  addf(r);
  dropf(E->f);
  E->f = r;
|
+ rm(E->f);
  E->f@p0 = NULL;
|
+ rm(E->f);
  E->f@p1 = \(fc(...)\|(T2)fc(...)\);
+ add(E->f);
|
- E->f@pa = r;
+ asg(&E->f, r);
|
+ add(r);
+ rm(E->f);
  E->f@pb = r;
)

@pstmt2 depends on patch@
expression l, r;
position p;
@@
l@p = r;

@script:python depends on pstmt2@
p << pstmt2.p;
@@
STMTS.setdefault(2, set()).add(rc.key(p))

@pexprd depends on patch disable ptr_to_array@
expression E, r;
identifier f : script:python() { field_conv(f) };
position q : script:python(E, f, r) { ok(q) and str(E) + "." + f != str(r) and rc.key(q) not in STMTS.get(2, ()) };
fresh identifier asg = script:python(f) { prefix(field_tag(f)) + "_assign" };
@@
- E@q.f = r
+ asg(&E.f, r)

@pconv2 depends on patch disable ptr_to_array@
expression E, r, E2;
identifier f;
identifier addf =~ "_addref$";
identifier dropf =~ "_removeref$";
position p;
@@
(
  dropf(E.f);
  E.f@p = E2;
|
  E.f@p = E2;
  addf(E.f);
|
  addf(r);
  E.f@p = r;
)

@script:python depends on pconv2@
p << pconv2.p;
@@
DONE.setdefault(2, set()).add(rc.key(p))

@pasgd depends on patch disable ptr_to_array@
expression E, r;
identifier f : script:python() { field_conv(f) };
type T2;
identifier fc;
position p0 : script:python() { ok(p0) and not done(p0, 2) };
position p1 : script:python() { ok(p1) and not done(p1, 2) };
position pa : script:python(E, f, r) { ok(pa) and not done(pa, 2) and (reads(r, E) or not simple(r)) };
position pb : script:python(E, f, r) { ok(pb) and not done(pb, 2) and str(E) + "." + f != str(r) and not reads(r, E) and simple(r) };
fresh identifier add = script:python(f) { TAGS[field_tag(f)][0] };
fresh identifier rm = script:python(f) { TAGS[field_tag(f)][1] };
fresh identifier asg = script:python(f) { prefix(field_tag(f)) + "_assign" };
identifier addf =~ "_addref$";
identifier dropf =~ "_removeref$";
@@
(
  E.f = \(realloc\|krealloc\|rc_realloc\|rc_krealloc\)(E.f, ...);
|
  dropf(E.f);
  E.f = NULL;
|
  dropf(E.f);
  E.f = \(fc(...)\|(T2)fc(...)\);
  addf(E.f);
|
  addf(r);
  dropf(E.f);
  E.f = r;
|
+ rm(E.f);
  E.f@p0 = NULL;
|
+ rm(E.f);
  E.f@p1 = \(fc(...)\|(T2)fc(...)\);
+ add(E.f);
|
- E.f@pa = r;
+ asg(&E.f, r);
|
+ add(r);
+ rm(E.f);
  E.f@pb = r;
)

// patch: parameters are released on every return of the callee (the
// caller took the reference); destructors and ignored functions excepted

@pparam0 depends on patch@
identifier fn, x;
type T : script:python() { conv(T) };
position p : script:python(fn) { fnok(fn) and fn not in DTORS };
fresh identifier g = script:python(T, x) { "REFTRACK_PARAM(%s, %s)" % (prefix(tag(T)), x) };
@@
fn@p(T x, ...) {
+ g;
  ...
}

@pparam1 depends on patch@
identifier fn, x;
type T : script:python() { conv(T) };
type T0;
identifier x0;
position p : script:python(fn) { fnok(fn) and fn not in DTORS };
fresh identifier g = script:python(T, x) { "REFTRACK_PARAM(%s, %s)" % (prefix(tag(T)), x) };
@@
fn@p(T0 x0, T x, ...) {
+ g;
  ...
}

@pparam2 depends on patch@
identifier fn, x;
type T : script:python() { conv(T) };
type T0, T1;
identifier x0, x1;
position p : script:python(fn) { fnok(fn) and fn not in DTORS };
fresh identifier g = script:python(T, x) { "REFTRACK_PARAM(%s, %s)" % (prefix(tag(T)), x) };
@@
fn@p(T0 x0, T1 x1, T x, ...) {
+ g;
  ...
}

// patch: counted locals get a guard right after their declaration. The
// declarators are found one by one; the guards of one declaration are
// added after it together (spatch cannot change one declarator of several)

@plocal depends on patch@
type T : script:python() { conv(T) };
identifier x;
position d : script:python(x) { ok(d) and infn(d) and d[0].current_element != x };
expression E;
@@
\(T x@d;\|T x@d = E;\)

@script:python depends on plocal@
T << plocal.T;
x << plocal.x;
d << plocal.d;
E << plocal.E = "";
@@
GUARDS[(d[0].current_element, x)] = [
    ("REFTRACK_LOCAL" if E else "REFTRACK_LOCAL_NULL", prefix(tag(T)), x)]

@pmember depends on patch@
type T : script:python() { bool(members(T)) };
identifier x;
position d : script:python(x) { ok(d) and infn(d) };
initializer I;
@@
\(T x@d;\|T x@d = I;\)

@script:python depends on pmember@
T << pmember.T;
x << pmember.x;
d << pmember.d;
@@
GUARDS[(d[0].current_element, x)] = [
    ("REFTRACK_MEMBER", prefix(t), x + "." + p) for p, t in members(T)]

@pstatic depends on patch@
type T;
identifier x;
position d;
expression E;
@@
\(static T x@d;\|static T x@d = E;\|extern T x@d;\)

@script:python depends on pstatic@
d << pstatic.d;
x << pstatic.x;
@@
GUARDS.pop((d[0].current_element, x), None)

@pguard0_local depends on patch@
declaration D;
position d : script:python(D) { guard_at(D, d, 0, "REFTRACK_LOCAL") };
declarer name REFTRACK_LOCAL;
fresh identifier t = script:python(D, d) { guard_of(D, d, 0)[1] };
fresh identifier x = script:python(D, d) { guard_of(D, d, 0)[2] };
@@
  D@d
+ REFTRACK_LOCAL(t, x);

@pguard0_local_null depends on patch@
declaration D;
position d : script:python(D) { guard_at(D, d, 0, "REFTRACK_LOCAL_NULL") };
declarer name REFTRACK_LOCAL_NULL;
fresh identifier t = script:python(D, d) { guard_of(D, d, 0)[1] };
fresh identifier x = script:python(D, d) { guard_of(D, d, 0)[2] };
@@
  D@d
+ REFTRACK_LOCAL_NULL(t, x);

@pguard0_member depends on patch@
declaration D;
position d : script:python(D) { guard_at(D, d, 0, "REFTRACK_MEMBER") };
declarer name REFTRACK_MEMBER;
fresh identifier t = script:python(D, d) { guard_of(D, d, 0)[1] };
fresh identifier x = script:python(D, d) { guard_of(D, d, 0)[2] };
@@
  D@d
+ REFTRACK_MEMBER(t, x);

@pguard1_local depends on patch@
declaration D;
position d : script:python(D) { guard_at(D, d, 1, "REFTRACK_LOCAL") };
declarer name REFTRACK_LOCAL;
fresh identifier t = script:python(D, d) { guard_of(D, d, 1)[1] };
fresh identifier x = script:python(D, d) { guard_of(D, d, 1)[2] };
@@
  D@d
+ REFTRACK_LOCAL(t, x);

@pguard1_local_null depends on patch@
declaration D;
position d : script:python(D) { guard_at(D, d, 1, "REFTRACK_LOCAL_NULL") };
declarer name REFTRACK_LOCAL_NULL;
fresh identifier t = script:python(D, d) { guard_of(D, d, 1)[1] };
fresh identifier x = script:python(D, d) { guard_of(D, d, 1)[2] };
@@
  D@d
+ REFTRACK_LOCAL_NULL(t, x);

@pguard1_member depends on patch@
declaration D;
position d : script:python(D) { guard_at(D, d, 1, "REFTRACK_MEMBER") };
declarer name REFTRACK_MEMBER;
fresh identifier t = script:python(D, d) { guard_of(D, d, 1)[1] };
fresh identifier x = script:python(D, d) { guard_of(D, d, 1)[2] };
@@
  D@d
+ REFTRACK_MEMBER(t, x);

@pguard2_local depends on patch@
declaration D;
position d : script:python(D) { guard_at(D, d, 2, "REFTRACK_LOCAL") };
declarer name REFTRACK_LOCAL;
fresh identifier t = script:python(D, d) { guard_of(D, d, 2)[1] };
fresh identifier x = script:python(D, d) { guard_of(D, d, 2)[2] };
@@
  D@d
+ REFTRACK_LOCAL(t, x);

@pguard2_local_null depends on patch@
declaration D;
position d : script:python(D) { guard_at(D, d, 2, "REFTRACK_LOCAL_NULL") };
declarer name REFTRACK_LOCAL_NULL;
fresh identifier t = script:python(D, d) { guard_of(D, d, 2)[1] };
fresh identifier x = script:python(D, d) { guard_of(D, d, 2)[2] };
@@
  D@d
+ REFTRACK_LOCAL_NULL(t, x);

@pguard2_member depends on patch@
declaration D;
position d : script:python(D) { guard_at(D, d, 2, "REFTRACK_MEMBER") };
declarer name REFTRACK_MEMBER;
fresh identifier t = script:python(D, d) { guard_of(D, d, 2)[1] };
fresh identifier x = script:python(D, d) { guard_of(D, d, 2)[2] };
@@
  D@d
+ REFTRACK_MEMBER(t, x);

@pguard3_local depends on patch@
declaration D;
position d : script:python(D) { guard_at(D, d, 3, "REFTRACK_LOCAL") };
declarer name REFTRACK_LOCAL;
fresh identifier t = script:python(D, d) { guard_of(D, d, 3)[1] };
fresh identifier x = script:python(D, d) { guard_of(D, d, 3)[2] };
@@
  D@d
+ REFTRACK_LOCAL(t, x);

@pguard3_local_null depends on patch@
declaration D;
position d : script:python(D) { guard_at(D, d, 3, "REFTRACK_LOCAL_NULL") };
declarer name REFTRACK_LOCAL_NULL;
fresh identifier t = script:python(D, d) { guard_of(D, d, 3)[1] };
fresh identifier x = script:python(D, d) { guard_of(D, d, 3)[2] };
@@
  D@d
+ REFTRACK_LOCAL_NULL(t, x);

@pguard3_member depends on patch@
declaration D;
position d : script:python(D) { guard_at(D, d, 3, "REFTRACK_MEMBER") };
declarer name REFTRACK_MEMBER;
fresh identifier t = script:python(D, d) { guard_of(D, d, 3)[1] };
fresh identifier x = script:python(D, d) { guard_of(D, d, 3)[2] };
@@
  D@d
+ REFTRACK_MEMBER(t, x);

// patch: q = rc_realloc(p, n) with q != p: p's reference moved with the
// object, p follows it (it would dangle, and its release free the object)

@prealloc2 depends on patch@
type T : script:python() { conv(T) };
T l, e;
identifier ra =~ "^rc_k?realloc$";
position s : script:python(l, e) { ok(s) and str(l) != str(e) };
@@
  l@s = ra(e, ...);
+ if (l)
+ 	e = l;

// the same for a local initialised so, after its guard

@prealloc2d depends on patch@
type T : script:python() { conv(T) };
identifier x;
T e;
identifier ra =~ "^rc_k?realloc$";
position s : script:python(x, e) { ok(s) and x != str(e) };
declarer name REFTRACK_LOCAL;
@@
  T x@s = ra(e, ...);
  REFTRACK_LOCAL(...);
+ if (x)
+ 	e = x;

// patch: frees release the fields' references, then the pointer's. One set of rules per field
// index __K__: decide-reftrack.py names writes the run's copy of this file
// with the block below once for each index the run's structs need (here,
// unexpanded, __K__ is larger than any struct's count: the block matches
// nothing).

// BEGIN per tracked field
@pfreef__K__ depends on patch@
type T : script:python() { conv(T) and nfields(tag(T)) > __K__ };
T e;
position s : script:python() { ok(s) };
identifier fr =~ "^(kfree|vfree|kvfree|free)$";
fresh identifier f = script:python(T) { field_name(tag(T), __K__) };
fresh identifier rm = script:python(T) { field_release(tag(T), __K__) };
@@
+ if (e)
+ 	rm(e->f);
  fr@s(e);

@pfreeg__K__ depends on patch disable ptr_to_array@
expression E;
identifier g : script:python() { field_conv(g) and nfields(field_tag(g)) > __K__ };
position s : script:python() { ok(s) };
identifier fr =~ "^(kfree|vfree|kvfree|free)$";
fresh identifier f = script:python(g) { field_name(field_tag(g), __K__) };
fresh identifier rm = script:python(g) { field_release(field_tag(g), __K__) };
@@
+ if (E->g)
+ 	rm(E->g->f);
  fr@s(E->g);

@pfreegd__K__ depends on patch disable ptr_to_array@
expression E;
identifier g : script:python() { field_conv(g) and nfields(field_tag(g)) > __K__ };
position s : script:python() { ok(s) };
identifier fr =~ "^(kfree|vfree|kvfree|free)$";
fresh identifier f = script:python(g) { field_name(field_tag(g), __K__) };
fresh identifier rm = script:python(g) { field_release(field_tag(g), __K__) };
@@
+ if (E.g)
+ 	rm(E.g->f);
  fr@s(E.g);

// END per tracked field

@pfree depends on patch@
type T : script:python() { conv(T) };
idexpression T e;
position s : script:python() { ok(s) };
identifier fr =~ "^(kfree|vfree|kvfree|free)$";
fresh identifier rm = script:python(T) { helper(T, 1) };
identifier rm2 : script:python(T) { rm2 == helper(T, 1) };
@@
(
- fr@s(e);
  rm2(e);
  e = NULL;
|
- fr@s(e);
+ rm(e);
+ e = NULL;
)

@pfreeg depends on patch disable ptr_to_array@
expression E;
identifier g : script:python() { field_conv(g) };
position s : script:python() { ok(s) };
identifier fr =~ "^(kfree|vfree|kvfree|free)$";
fresh identifier rm = script:python(g) { field_helpers(g)[1] };
identifier rm2 : script:python(g) { rm2 == field_helpers(g)[1] };
@@
(
- fr@s(E->g);
  rm2(E->g);
  E->g = NULL;
|
- fr@s(E->g);
+ rm(E->g);
+ E->g = NULL;
)

@pfreegd depends on patch disable ptr_to_array@
expression E;
identifier g : script:python() { field_conv(g) };
position s : script:python() { ok(s) };
identifier fr =~ "^(kfree|vfree|kvfree|free)$";
fresh identifier rm = script:python(g) { field_helpers(g)[1] };
identifier rm2 : script:python(g) { rm2 == field_helpers(g)[1] };
@@
(
- fr@s(E.g);
  rm2(E.g);
  E.g = NULL;
|
- fr@s(E.g);
+ rm(E.g);
+ E.g = NULL;
)

// patch: an addref right before a removeref of the same pointer (a call's
// result taken, then released for the next store) cancels out: nothing
// can read the count between them

@ppair depends on patch@
expression x;
identifier addf =~ "_addref$";
identifier dropf =~ "_removeref$";
position p1, p2;
@@
addf@p1(x);
dropf@p2(x);

@script:python depends on ppair@
addf << ppair.addf;
dropf << ppair.dropf;
@@
if (addf, dropf) not in PAIRS:
    cocci.include_match(False)

@depends on ppair@
expression ppair.x;
identifier ppair.addf, ppair.dropf;
position ppair.p1, ppair.p2;
@@
- addf@p1(x);
- dropf@p2(x);

// ---------------------------------------------------------------------------
// report, org, context: every decided site and every vetoed one

@rexp depends on report || org@
position p : script:python() { issite(p) };
expression E;
@@
E@p

@script:python depends on report@
p << rexp.p;
@@
SITES.tell(p, "report")

@script:python depends on org@
p << rexp.p;
@@
SITES.tell(p, "org")

@rdecl depends on report || org@
position p : script:python() { issite(p) };
type T;
identifier x;
expression E;
@@
\(T x@p;\|T x@p = E;\)

@script:python depends on report@
p << rdecl.p;
@@
SITES.tell(p, "report")

@script:python depends on org@
p << rdecl.p;
@@
SITES.tell(p, "org")

@rarr depends on report || org@
position p : script:python() { issite(p) };
type T;
identifier x;
@@
T x@p[...];

@script:python depends on report@
p << rarr.p;
@@
SITES.tell(p, "report")

@script:python depends on org@
p << rarr.p;
@@
SITES.tell(p, "org")

@rfn depends on report || org@
position p : script:python() { issite(p) };
type R;
identifier fn;
@@
R fn@p(...) { ... }

@script:python depends on report@
p << rfn.p;
@@
SITES.tell(p, "report")

@script:python depends on org@
p << rfn.p;
@@
SITES.tell(p, "org")

@rparam depends on report || org@
position p : script:python() { issite(p) };
type T;
identifier fn, x;
@@
fn(..., T x@p, ...) { ... }

@script:python depends on report@
p << rparam.p;
@@
SITES.tell(p, "report")

@script:python depends on org@
p << rparam.p;
@@
SITES.tell(p, "org")

@rmem depends on report || org@
position p : script:python() { issite(p) };
type T;
identifier U, f;
@@
union U { ... T f@p; ... };

@script:python depends on report@
p << rmem.p;
@@
SITES.tell(p, "report")

@script:python depends on org@
p << rmem.p;
@@
SITES.tell(p, "org")

@depends on context@
position p : script:python() { issite(p) };
expression E;
@@
* E@p

// a counted parameter

@depends on context@
position p : script:python() { issite(p) };
type T;
identifier fn, x;
@@
fn(...,
*  T x@p
   , ...) { ... }

// the declarations report mode speaks of (a counted local, a local or an
// array that keeps its type, a union member) are not expressions

@depends on context@
position p : script:python() { issite(p) };
type T;
identifier x;
expression E;
@@
(
* T x@p;
|
* T x@p = E;
|
* T x@p[...];
)

@depends on context@
position p : script:python() { issite(p) };
type T;
identifier U, f;
@@
union U { ...
* T f@p;
  ... };
