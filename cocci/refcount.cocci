// SPDX-License-Identifier: GPL-2.0-only
/// Convert atomic_t struct fields used as reference counts to refcount_t.
///
/// refcount_t saturates instead of wrapping and warns on increment from
/// zero and on underflow, which turns reference-count bugs into leaks and
/// warnings instead of use-after-free. A field is converted only when every
/// use of it seen in the run is in the table of
/// Documentation/core-api/refcount-vs-atomic.rst (set, read, inc, add,
/// inc_not_zero, dec_and_test, sub_and_test, dec_and_lock,
/// dec_and_mutex_lock, add_unless(-1, 1) -> dec_not_one), it has a
/// dec_and_test-style release, it is initialised to a non-zero value, it is
/// never both set to 0 and incremented, a lock-based release
/// (dec_and_lock, dec_and_mutex_lock) is not paired with a plain atomic_inc
/// (an object kept at 0 under the lock could be revived), a field that is
/// incremented with atomic_inc or atomic_add has a release followed by
/// something that ends the object's life (a free, destroy, release,
/// call_rcu, queue_work, complete, ...), and atomic_read results are not
/// used in arithmetic. Otherwise nothing of the field changes and report mode says
/// which use kept it atomic_t.
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
//   addr F, counter F &E->F, E->F.counter (any E: the decide step ties
//                     them to the structs visible from the file)
//   call FN ARG L C   &E->F passed as argument ARG (0 or 1) of FN at L:C
//   set V, unless     atomic_set(&E->F, V), atomic_add_unless(&E->F, -1, 1)
//   init S F N        .F = ATOMIC_INIT(N) in a struct S initializer (at
//                     ATOMIC_INIT); pinit S N: a positional one
//   released, arith   a release followed by a free or the like; an
//                     atomic_read result used in arithmetic
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
LAST = rc.LastInclude()

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

// collect: releases followed by something that ends the object's life (a
// free, destroy, release, call_rcu, queue_work, complete, ...); a field that
// is incremented must have one, or it may be counted from 0 again

@creleased exists@
identifier F : script:python() { cand(F) };
expression E;
position p;
identifier fr =~ "free|destroy|release|delete|remove|kill|cleanup|unref|call_rcu|queue_work|schedule_work|complete|wake_up|_del$|^del_";
@@
\(atomic_dec_and_test\|atomic_sub_and_test\|atomic_dec_and_lock\|atomic_dec_and_mutex_lock\)(..., \(&E->F@p\|&E.F@p\|&(E->F@p)\|&(E.F@p)\), ...)
... when any
fr(...);

@script:python depends on collect@
p << creleased.p;
@@
rc.emit("released", p)

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
expression n, v;
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
)

// patch: a file whose struct definition changed needs <linux/refcount.h>

@hasrc depends on def@
@@
(
#include <linux/refcount.h>
|
#include <refconv/refcount.h>
)

// userspace code in the kernel style gets the runtime's header
@uatomic_h depends on def && !hasrc@
@@
#include <refconv/atomic.h>
+ #include <refconv/refcount.h>

@atomic_h depends on def && !hasrc && !uatomic_h@
@@
#include <linux/atomic.h>
+ #include <linux/refcount.h>

@lastinc depends on def && !hasrc && !uatomic_h && !atomic_h@
position p;
@@
#include <linux/...>@p

@script:python@
p << lastinc.p;
@@
LAST.note(p)

@depends on def && !hasrc && !uatomic_h && !atomic_h@
position p : script:python() { LAST.is_last(p) };
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
