// SPDX-License-Identifier: GPL-2.0-only
/// Convert atomic_t struct fields used as reference counts to refcount_t.
///
/// refcount_t saturates instead of wrapping and warns on increment from
/// zero and on underflow, which turns reference-count bugs into leaks and
/// warnings instead of use-after-free. A field is converted only when
///  - every occurrence of its name in member position (->F, .F, a token
///    pasted into F, in every #if branch and #define body) in every file of
///    the tree that can see its struct is a use the collect pass analysed
///    (the occurrence audit, scripts/lib/audit.py): a use in a function
///    spatch cannot parse, in a macro body or in an #else branch keeps it;
///  - every use is in the table of Documentation/core-api/refcount-vs-atomic.rst
///    (set, read, inc, add, inc_not_zero, dec_and_test, sub_and_test,
///    dec_and_lock, dec_and_mutex_lock, dec_and_lock_irqsave(.., flags) ->
///    refcount_dec_and_lock_irqsave(.., &flags), add_unless(-1, 1) ->
///    dec_not_one);
///  - every atomic_read is in a context where an unsigned result means the
///    same: ==, !=, !, a condition, && and ||, a comparison with a positive
///    literal or "> 0", an argument of a function that is not min()/max()-
///    like, a value stored in, cast to or returned as an integer of 32 bits
///    or less; never in arithmetic, a ternary arm, "< 0", "<= 0", ">= 0";
///  - it is a reference count: it is set only to literals, one of them
///    non-zero, never both set to 0 and incremented, a lock-based release
///    is not paired with a plain atomic_inc, and some release ends the
///    object's life - it is followed by a free, destroy, release, put,
///    call_rcu or queue_work, or it signals a completion or wait queue whose
///    waiter frees the object or is a teardown function (remove, destroy,
///    exit, unregister, ...). A bare complete() or wake_up() is a countdown;
///  - no release result is ignored (refcount_dec_and_test() is
///    __must_check), no use is ordered by smp_mb__before/after_atomic()
///    (refcount_t orders less), every designated initializer of it is a
///    top-level ATOMIC_INIT(), and its definition's file has a top-level
///    #include <linux/...> for <linux/refcount.h> to go beside;
///  - with -M (M=), every file it changes is below M.
/// Otherwise nothing of the field changes and report mode says which use
/// kept it atomic_t; the decision table (--work) gives the evidence of each
/// converted field.
//
// The decision spans files (struct in a header, uses in .c files), so this
// script runs in three steps driven by scripts/run-cocci.sh: a collect pass
// (-D collect) records every definition and use, scripts/decide-refcount.py
// decides per field over the whole run, and the patch/report/context/org
// pass converts exactly the decided sites. Run it through
// scripts/run-cocci.sh or "make coccicheck"; spatch alone cannot see the
// other files. Only fields whose name appears somewhere in a
// dec_and_test-style call are collected: the others cannot be reference
// counts, are not reported, and cost nothing.
//
// Collect records (KIND FILE LINE COL FIELD...; scripts/lib/README):
//   def S F           atomic_t F declared in struct S
//   acc S F           E->F or E.F, E a struct S (pointer)
//   mem F             E->F or E.F, any E: the positions the audit counts
//   addr F, counter F &E->F, E->F.counter (any E: the decide step ties
//                     them to the structs visible from the file)
//   call FN ARG L C   &E->F passed as argument ARG (0 or 1) of FN at L:C
//   set V, unless     atomic_set(&E->F, V), atomic_add_unless(&E->F, -1, 1)
//   init S F N        .F = ATOMIC_INIT(N) in a struct S initializer (at
//                     ATOMIC_INIT); pinit S N: a positional one
//   desig S F V       .F = V in an initializer (S "-" below the top level;
//                     V "init" for ATOMIC_INIT())
//   rd CONTEXT...     the context of an atomic_read: ok, rel OP E, arg FN,
//                     type T
//   released, arith   a release followed by a free or the like; an
//                     atomic_read result used in arithmetic
//   signal C S        a release followed by complete/wake_up of member C
//                     of a struct S ("-": not typed)
//   waitend C HOW     a wait on member C followed by a free (HOW "free")
//                     or in teardown function HOW; waitty S: its struct
//   ignored, barrier  a release used as a statement; an operation near
//                     smp_mb__before/after_atomic()
//   inczero           an increment of a field of a zero-filled allocation
//                     before anything set it
//
// Confidence: High
// Copyright: (C) 2026 The refconv developers.
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: atomic_t, refcount_t, reference count
// Prefilter: atomic_|ATOMIC_INIT
// URL: Documentation/core-api/refcount-vs-atomic.rst

virtual collect
virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import os, sys
if not os.environ.get("REFCONV_PYLIB"):
    sys.stderr.write("refcount.cocci: run it with scripts/run-cocci.sh or \"make coccicheck\"\n")
    os._exit(2)
sys.path.insert(0, os.environ["REFCONV_PYLIB"])
import refconv_cocci as rc
rc.require_driver("refcount.cocci")

# WORK/names: the candidate field names (declared atomic_t and released with
# a dec_and_test-style call somewhere in the run); WORK/sites: what the
# decide step converts ("def", "rename", "unless", "init") and the fields it
# keeps ("kept", at the field's declaration)
NAMES = set(r[0] for r in rc.rows("names"))
SITES = rc.Sites()

def cand(f):
    """Whether F is a candidate field name (all are without WORK/names)."""
    return not NAMES or f in NAMES

// spatch without -D would stop before the initialize block runs, and say
// nothing about the driver
@script:python depends on !collect && !patch && !context && !org && !report@
@@
pass

// ---------------------------------------------------------------------------
// collect: definitions

@cdef depends on collect@
identifier S;
identifier F : script:python() { cand(F) };
position p;
@@
struct S { ... atomic_t F@p; ... };

@script:python depends on collect@
S << cdef.S;
F << cdef.F;
p << cdef.p;
@@
rc.emit("def", p, S, F)

// collect: atomic_t fields of anonymous structs (typedef struct { ... } T):
// their uses cannot be typed, so they are reported and kept

@canon depends on collect@
identifier F : script:python() { cand(F) };
type T;
position p;
@@
typedef struct { ... atomic_t F@p; ... } T;

@script:python depends on collect@
F << canon.F;
T << canon.T;
p << canon.p;
@@
rc.emit("anon", p, T, F)

// collect: every access to a candidate field through a struct-typed object

@cacc depends on collect@
identifier S;
identifier F : script:python() { cand(F) };
{struct S *, struct S} E;
position p;
@@
\(E->F@p\|E.F@p\)

@script:python depends on collect@
S << cacc.S;
F << cacc.F;
p << cacc.p;
@@
rc.emit("acc", p, S, F)

// collect: every access to a candidate name, typed or not: the positions
// the occurrence audit (scripts/lib/audit.py) counts as analysed

@cmem depends on collect@
identifier F : script:python() { cand(F) };
expression E;
position p;
@@
\(E->F@p\|E.F@p\)

@script:python depends on collect@
F << cmem.F;
p << cmem.p;
@@
rc.emit("mem", p, F)

// collect: address-of accesses, typed or not; the decide step tells them apart

@caddr depends on collect@
identifier F : script:python() { cand(F) };
expression E;
position p;
@@
\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\)

@script:python depends on collect@
F << caddr.F;
p << caddr.p;
@@
rc.emit("addr", p, F)

@ccounter depends on collect@
identifier F : script:python() { cand(F) };
expression E;
position p;
@@
\(E->F@p.counter\|E.F@p.counter\)

@script:python depends on collect@
F << ccounter.F;
p << ccounter.p;
@@
rc.emit("counter", p, F)

// collect: calls taking the field's address as first or second argument

@ccall1 depends on collect@
identifier fn;
identifier F : script:python() { cand(F) };
expression E;
position p, c;
@@
fn@c(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...)

@script:python depends on collect@
fn << ccall1.fn;
p << ccall1.p;
c << ccall1.c;
@@
rc.emit("call", p, fn, 0, c[0].line, c[0].column)

@ccall2 depends on collect@
identifier fn;
identifier F : script:python() { cand(F) };
expression E, e1;
position p, c;
@@
fn@c(e1, \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...)

@script:python depends on collect@
fn << ccall2.fn;
p << ccall2.p;
c << ccall2.c;
@@
rc.emit("call", p, fn, 1, c[0].line, c[0].column)

// collect: the values a field is set to, and add_unless(-1, 1)

@cset depends on collect@
identifier F : script:python() { cand(F) };
expression E, v;
position p;
@@
atomic_set(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), v)

@script:python depends on collect@
p << cset.p;
v << cset.v;
@@
rc.emit("set", p, v)

@cunless depends on collect@
identifier F : script:python() { cand(F) };
expression E;
position p;
@@
atomic_add_unless(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), -1, 1)

@script:python depends on collect@
p << cunless.p;
@@
rc.emit("unless", p)

@cadd depends on collect@
identifier F : script:python() { cand(F) };
expression E, v;
position p;
@@
atomic_add(v, \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\))

@script:python depends on collect@
p << cadd.p;
v << cadd.v;
@@
rc.emit("add", p, v)

@cinit depends on collect@
identifier S, x;
identifier F : script:python() { cand(F) };
expression n;
position c;
@@
struct S x = { ..., .F = ATOMIC_INIT@c(n), ... };

@script:python depends on collect@
S << cinit.S;
F << cinit.F;
n << cinit.n;
c << cinit.c;
@@
rc.emit("init", c, S, F, n)

// collect: what runs when a release reaches zero - the branch of "if
// (atomic_dec_and_test(..))", or what follows "if (!atomic_dec_and_test(..))
// return/break;" - and whether it ends the life of the object whose count
// it is (a free, destroy, release or put of that object, a call_rcu or
// queue_work of one of its members: rc.zero_path()), or signals a
// completion or wait queue member (the evidence is then in its waiter).
// A free of something else (kfree(x->buf)) is no evidence.

@czero1 depends on collect@
identifier F : script:python() { cand(F) };
expression E, e;
statement S, S2;
position p;
@@
(
if (\(atomic_dec_and_test\|atomic_sub_and_test\|atomic_dec_and_lock\|atomic_dec_and_mutex_lock\|atomic_dec_and_lock_irqsave\)(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...)) S else S2
|
if (\(atomic_dec_and_test\|atomic_sub_and_test\|atomic_dec_and_lock\|atomic_dec_and_mutex_lock\|atomic_dec_and_lock_irqsave\)(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...)) S
|
if (e && \(atomic_dec_and_test\|atomic_sub_and_test\|atomic_dec_and_lock\|atomic_dec_and_mutex_lock\|atomic_dec_and_lock_irqsave\)(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...)) S else S2
|
if (e && \(atomic_dec_and_test\|atomic_sub_and_test\|atomic_dec_and_lock\|atomic_dec_and_mutex_lock\|atomic_dec_and_lock_irqsave\)(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...)) S
|
if (\(atomic_dec_and_test\|atomic_sub_and_test\|atomic_dec_and_lock\|atomic_dec_and_mutex_lock\|atomic_dec_and_lock_irqsave\)(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...) && e) S else S2
|
if (\(atomic_dec_and_test\|atomic_sub_and_test\|atomic_dec_and_lock\|atomic_dec_and_mutex_lock\|atomic_dec_and_lock_irqsave\)(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...) && e) S
)

@script:python depends on collect@
p << czero1.p;
E << czero1.E;
S << czero1.S;
@@
for what, member in rc.zero_path(E, S):
    if what == "free":
        rc.emit("released", p)
    else:
        rc.emit("signal", p, member, "-")

@czero2 depends on collect exists@
identifier F : script:python() { cand(F) };
identifier fn;
expression E;
expression list es;
position p;
@@
if (!\(atomic_dec_and_test\|atomic_sub_and_test\|atomic_dec_and_lock\|atomic_dec_and_mutex_lock\|atomic_dec_and_lock_irqsave\)(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...)) \(return ...;\|break;\)
... when any
fn(es);

@script:python depends on collect@
p << czero2.p;
E << czero2.E;
fn << czero2.fn;
es << czero2.es;
@@
for what, member in rc.zero_path(E, "%s(%s)" % (fn, es)):
    if what == "free":
        rc.emit("released", p)
    else:
        rc.emit("signal", p, member, "-")

// the struct of a signalled member, where spatch knows it
@csignalt depends on collect exists@
identifier F : script:python() { cand(F) };
identifier C, S2;
identifier sig =~ "^(complete|complete_all|wake_up|wake_up_all|wake_up_interruptible|wake_up_interruptible_all)$";
expression E;
{struct S2 *, struct S2} E2;
position p;
@@
\(atomic_dec_and_test\|atomic_sub_and_test\|atomic_dec_and_lock\|atomic_dec_and_mutex_lock\|atomic_dec_and_lock_irqsave\)(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...)
... when any
sig(\(&E2->C\|&E2.C\));

@script:python depends on collect@
p << csignalt.p;
C << csignalt.C;
S2 << csignalt.S2;
@@
rc.emit("sigtype", p, C, S2)

@cwaitfree depends on collect exists@
identifier C, fn;
identifier wt =~ "^(wait_for_completion|wait_event)";
expression E;
expression list es;
position w;
@@
wt(\(&E->C@w\|&E.C@w\|E->C@w\|E.C@w\), ...);
... when any
fn(es);

@script:python depends on collect@
w << cwaitfree.w;
C << cwaitfree.C;
E << cwaitfree.E;
fn << cwaitfree.fn;
es << cwaitfree.es;
@@
if any(what == "free" for what, _ in rc.zero_path(E, "%s(%s)" % (fn, es))):
    rc.emit("waitend", w, C, "free")

// the struct of a waited-on member, where spatch knows it
@cwaitty depends on collect@
identifier C, S2;
identifier wt =~ "^(wait_for_completion|wait_event)";
{struct S2 *, struct S2} E;
position w;
@@
wt(\(&E->C@w\|&E.C@w\|E->C@w\|E.C@w\), ...)

@script:python depends on collect@
w << cwaitty.w;
S2 << cwaitty.S2;
@@
rc.emit("waitty", w, S2)

@cwaitdown depends on collect exists@
identifier C;
identifier fn =~ "remove|destroy|free|release|exit|unregister|cleanup|teardown|fini";
identifier wt =~ "^(wait_for_completion|wait_event)";
expression E;
position w;
@@
fn(...) { ... when any
wt(\(&E->C@w\|&E.C@w\|E->C@w\|E.C@w\), ...);
... when any
}

@script:python depends on collect@
w << cwaitdown.w;
C << cwaitdown.C;
fn << cwaitdown.fn;
@@
rc.emit("waitend", w, C, fn)

// collect: an increment of a field of an object just allocated zero-filled,
// before anything sets it: refcount_inc() from 0 warns and saturates

@cinczero depends on collect exists@
identifier F : script:python() { cand(F) };
identifier fn =~ "zalloc|calloc|^kmem_cache_zalloc$|^devm_kzalloc$";
expression x;
position p;
@@
x = fn(...);
... when != atomic_set(&x->F, ...)
    when != x->F = ...
\(atomic_inc\|atomic_add\|atomic_inc_not_zero\)(..., &x->F@p, ...)

@script:python depends on collect@
p << cinczero.p;
@@
rc.emit("inczero", p)

// collect: a release whose result is ignored (refcount_dec_and_test() is
// __must_check), and an operation ordered by an explicit full barrier

@cignored depends on collect@
identifier F : script:python() { cand(F) };
expression E;
position p;
@@
(
\(atomic_dec_and_test\|atomic_sub_and_test\|atomic_inc_not_zero\)(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\));
|
 (void)\(atomic_dec_and_test\|atomic_sub_and_test\|atomic_inc_not_zero\)(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\));
)

@script:python depends on collect@
p << cignored.p;
@@
rc.emit("ignored", p)

@cbarrier depends on collect exists@
identifier F : script:python() { cand(F) };
identifier fn =~ "^atomic_";
expression E;
position p;
@@
(
fn(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...);
... when any
smp_mb__after_atomic();
|
smp_mb__before_atomic();
... when any
fn(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...);
|
fn(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...) && <+... smp_mb__after_atomic() ...+>
)

@script:python depends on collect@
p << cbarrier.p;
@@
rc.emit("barrier", p)

// collect: designated initializers of a candidate name (the top level of a
// declaration, one level down, an array element), with whether the value is
// ATOMIC_INIT(); compound literals are not matched: the audit blocks them

@cdesig depends on collect@
identifier S, x, G;
identifier F : script:python() { cand(F) };
expression e;
position p;
@@
(
struct S x = { ..., .F@p = e, ... };
|
struct S x = { ..., .G = { ..., .F@p = e, ... }, ... };
|
struct S x[] = { ..., { ..., .F@p = e, ... }, ... };
|
struct S x[...] = { ..., { ..., .F@p = e, ... }, ... };
)

@script:python depends on collect@
S << cdesig.S;
G << cdesig.G = "";
F << cdesig.F;
e << cdesig.e;
p << cdesig.p;
@@
rc.emit("desig", p, S if not G else "-", F,
        "init" if e.replace(" ", "").startswith("ATOMIC_INIT(") else e)

// collect: the context of every atomic_read of a candidate name, for the
// decide step's whitelist (refcount_read() returns unsigned int)

@crd depends on collect@
identifier F : script:python() { cand(F) };
expression E, e, e2;
binary operator eq = {==, !=, &&, ||};
position p;
@@
(
atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\)) eq e
|
e eq atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\))
|
!atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\))
|
atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\)) ? e : e2
)

@script:python depends on collect@
p << crd.p;
@@
rc.emit("rd", p, "ok")

@crdcond depends on collect@
identifier F : script:python() { cand(F) };
expression E, e1, e2;
statement S1, S2;
position p;
@@
(
if (atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\))) S1 else S2
|
if (atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\))) S1
|
while (atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\))) S1
|
for (e1; atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\)); e2) S1
|
for (; atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\)); e2) S1
|
for (e1; atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\)); ) S1
|
for (; atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\)); ) S1
|
atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\));
)

@script:python depends on collect@
p << crdcond.p;
@@
rc.emit("rd", p, "ok")

@crel depends on collect@
identifier F : script:python() { cand(F) };
expression E, e;
binary operator rel = {<, <=, >, >=};
position p;
@@
atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\)) rel e

@script:python depends on collect@
p << crel.p;
rel << crel.rel;
e << crel.e;
@@
rc.emit("rd", p, "rel", rel.strip(), e)

@crelr depends on collect@
identifier F : script:python() { cand(F) };
expression E, e;
binary operator rel = {<, <=, >, >=};
position p;
@@
e rel atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\))

@script:python depends on collect@
p << crelr.p;
rel << crelr.rel;
e << crelr.e;
@@
# the same test with the read on the left
rc.emit("rd", p, "rel", {"<": ">", "<=": ">=", ">": "<", ">=": "<="}[rel.strip()], e)

@crdarg depends on collect@
identifier F : script:python() { cand(F) };
identifier fn;
expression E;
position p;
@@
fn(..., atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\)), ...)

@script:python depends on collect@
p << crdarg.p;
fn << crdarg.fn;
@@
rc.emit("rd", p, "arg", fn)

@crdstore depends on collect@
identifier F : script:python() { cand(F) };
expression E;
type T;
T e;
position p;
@@
(
e = atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\))
|
 (T)atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\))
)

@script:python depends on collect@
p << crdstore.p;
T << crdstore.T;
@@
rc.emit("rd", p, "type", T)

@crddecl depends on collect@
identifier F : script:python() { cand(F) };
identifier x;
expression E;
type T;
position p;
@@
T x = atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\));

@script:python depends on collect@
p << crddecl.p;
T << crddecl.T;
@@
rc.emit("rd", p, "type", T)

@crdret depends on collect@
identifier F : script:python() { cand(F) };
identifier fn;
expression E;
type T;
position p;
@@
T fn(...) { <+... return atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\)); ...+> }

@script:python depends on collect@
p << crdret.p;
T << crdret.T;
@@
rc.emit("rd", p, "type", T)

// collect: positional initializers; the decide step attributes them when
// the struct has a single atomic_t field

@cpinit depends on collect@
identifier S, x;
expression n;
position c;
@@
struct S x = { ..., ATOMIC_INIT@c(n), ... };

@script:python depends on collect@
S << cpinit.S;
n << cpinit.n;
c << cpinit.c;
@@
rc.emit("pinit", c, S, n)

// collect: atomic_read results used in arithmetic

@carith depends on collect@
binary operator bo = {+,-,*,/,%,<<,>>,&,|,^};
assignment operator ao = {+=,-=,*=,/=,%=,<<=,>>=,&=,|=,^=};
identifier F : script:python() { cand(F) };
expression E, e;
position p;
@@
(
atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\)) bo e
|
e bo atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\))
|
e ao atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\))
|
 (-atomic_read(\(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\)))
)

@script:python depends on collect@
p << carith.p;
@@
rc.emit("arith", p)

@finalize:python depends on collect@
@@
rc.finish()

// ---------------------------------------------------------------------------
// patch: the field declaration

@def depends on patch@
identifier S, F;
position p : script:python() { SITES.has(p, "def") };
@@
struct S { ...
- atomic_t
+ refcount_t
  F@p;
  ... };

// patch: every call site in one rule, because spatch renumbers the positions
// of a function once a rule has changed it, and the decided positions are
// those of the original file

@depends on patch@
expression n, v, l, f;
position c : script:python() { SITES.has(c, "rename", "unless", "init") };
@@
(
- ATOMIC_INIT@c(n)
+ REFCOUNT_INIT(n)
|
- atomic_add_unless@c(v, -1, 1)
+ refcount_dec_not_one(v)
|
- atomic_set@c
+ refcount_set
  (...)
|
- atomic_read@c
+ refcount_read
  (...)
|
- atomic_inc@c
+ refcount_inc
  (...)
|
- atomic_add@c
+ refcount_add
  (...)
|
- atomic_inc_not_zero@c
+ refcount_inc_not_zero
  (...)
|
- atomic_dec_and_test@c
+ refcount_dec_and_test
  (...)
|
- atomic_sub_and_test@c
+ refcount_sub_and_test
  (...)
|
- atomic_dec_and_lock@c
+ refcount_dec_and_lock
  (...)
|
- atomic_dec_and_mutex_lock@c
+ refcount_dec_and_mutex_lock
  (...)
|
- atomic_dec_and_lock_irqsave@c(v, l, f)
+ refcount_dec_and_lock_irqsave(v, l, &f)
)

// patch: a file whose struct definition changed gets <linux/refcount.h>
// after the #include the decide step chose ("include" sites, UNIT how:
// after <linux/atomic.h>, else after the last top-level <linux/...>;
// userspace code in the kernel style gets <refconv/refcount.h> after
// <refconv/atomic.h>). spatch 1.1.1 adds after the last #include a pattern
// matches, never after an earlier one, hence one rule per anchor.

@depends on patch@
position p : script:python() { SITES.has(p, "include") and SITES.unit(p) == "refconv" };
@@
#include <refconv/atomic.h>@p
+ #include <refconv/refcount.h>

@depends on patch@
position p : script:python() { SITES.has(p, "include") and SITES.unit(p) == "atomic" };
@@
#include <linux/atomic.h>@p
+ #include <linux/refcount.h>

@depends on patch@
position p : script:python() { SITES.has(p, "include") and SITES.unit(p) == "last" };
@@
#include <linux/...>@p
+ #include <linux/refcount.h>

// ---------------------------------------------------------------------------
// report, context, org: the same sites, and the fields kept as atomic_t

@rdef depends on report || org || context@
identifier S, F;
position p : script:python() { SITES.has(p, "def", "kept") };
@@
struct S { ... atomic_t F@p; ... };

@ranon depends on report || org@
identifier F;
type T;
position p : script:python() { SITES.has(p, "kept") };
@@
typedef struct { ... atomic_t F@p; ... } T;

@script:python depends on report@
p << ranon.p;
@@
rc.tell(p, SITES.message(p), "report")

@script:python depends on org@
p << ranon.p;
@@
rc.tell(p, SITES.message(p), "org")

@depends on context@
identifier rdef.S, rdef.F;
position rdef.p : script:python() { SITES.has(p, "def") };
@@
struct S { ...
* atomic_t F@p;
  ... };

@script:python depends on report@
p << rdef.p;
@@
rc.tell(p, SITES.message(p), "report")

@script:python depends on org@
p << rdef.p;
@@
rc.tell(p, SITES.message(p), "org")

@rcall depends on report || org || context@
identifier fn;
position c : script:python() { SITES.has(c, "rename", "unless", "init") };
@@
fn@c(...)

@depends on context@
identifier rcall.fn;
position rcall.c;
@@
* fn@c(...)

@script:python depends on report@
c << rcall.c;
@@
rc.tell(c, SITES.message(c), "report")

@script:python depends on org@
c << rcall.c;
@@
rc.tell(c, SITES.message(c), "org")
