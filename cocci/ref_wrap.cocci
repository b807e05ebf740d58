// SPDX-License-Identifier: GPL-2.0-only
/// Turn pointer fields that hold a reference into typed struct ref wrappers.
///
/// For each spec line "ref TYPE GET PUT" (seed 001; include/linux/ref_wrap.h,
/// include/refconv/ref_wrap.h), a field "struct TYPE *f;" of another struct
/// H whose every use is one of the forms below becomes "struct TYPE_ref f;",
/// the wrapper that DECLARE_REF(TYPE, struct TYPE, GET, PUT) declares:
///  - "x->f = y; GET(y);", "GET(y); x->f = y;" (next to each other) or
///    "x->f = GET(y);" -> ref_acquire(TYPE, &x->f, y);
///  - "PUT(x->f); x->f = NULL;" or "PUT(x->f);" -> ref_release(TYPE, &x->f);
///    (which also empties the wrapper);
///  - "if (x->f) PUT(x->f);" with or without the "x->f = NULL;" after it ->
///    ref_release(TYPE, &x->f); in kernel code (a file that includes some
///    <linux/...>): the kernel's ref_release() does nothing on an empty
///    wrapper. The userspace ref_release() calls PUT like the code it
///    replaces, PUT(NULL) on an empty wrapper, so userspace code keeps the
///    test: if (ref_ptr(TYPE, &x->f)) ref_release(TYPE, &x->f);
///  - "x->f = NULL;" elsewhere -> ref_init(TYPE, &x->f);
///  - any other use of x->f is a read -> ref_ptr(TYPE, &x->f).
/// DECLARE_REF is emitted once per run: right after PUT's definition (or
/// GET's, if later in that file) in the file that declares it; after a
/// prototype (where spatch 1.1.1 cannot add) right before the first
/// converted struct that follows it in that file; when the run declares
/// neither (they come from headers outside it), right before the first
/// converted struct. A DECLARE_REF(TYPE, ...) already in the run is reused.
/// With REF_DEBUG the wrappers record where each reference was acquired: a
/// reference never released is reported at exit with that site, a second
/// release with both sites.
/// A field is kept, and report mode says why at each use, when it is also
/// stored without a GET next to the store (a borrowed pointer), from another
/// holder's field (a copy or a move), or from a local that took its reference
/// earlier ("y = GET(z); ... x->f = y;", a hand-over); its address is taken;
/// it is put inside an expression or through a copy of the pointer ("p =
/// x->f; ... PUT(p);"); it is read again after a bare "PUT(x->f);"
/// (ref_release() empties the wrapper, the put did not clear the pointer); it
/// is used inside GET's or PUT's own definition; it is set in an initializer
/// list; struct H values are copied whole (assignment, memcpy, kmemdup); it
/// is a member of a struct value (x.f); it is used through an expression
/// whose type spatch cannot infer (which keeps every struct with a field of
/// that name); it is never acquired with GET; or its struct cannot see
/// DECLARE_REF (defined before PUT's declaration, or in a file that does not
/// include the one that declares it). A use that keeps a field keeps the same
/// TYPE-field pair in every struct; what one struct does as a whole (copied,
/// set in an initializer, defined too early) keeps only that struct. TYPE's
/// own fields (struct TYPE *parent) are not holders and are left alone; in
/// kernel code current->f is a task_struct field.
//
// The struct is usually defined in a header and used in .c files, so the
// driver runs a collect pass, scripts/decide-ref_wrap.py decides per field,
// and the apply pass converts the fields decided. Run it through
// scripts/run-cocci.sh.
//
// Collect records (KIND FILE LINE COL FIELD...; scripts/lib/README):
//   def H f TYPE        "struct TYPE *f;" in struct H
//   decl HELPER, proto HELPER
//                       GET's or PUT's definition, prototype
//   acc H f, any f, current f
//                       E->f or E.f typed as a struct H, any E->f or E.f,
//                       current->f
//   acquire, release, init, condtest, write, addr, put, move, far,
//   transfer, putcopy, helper
//                       the form of the access to f at that position
//   putread LINE2 COL2  a bare PUT(E->f), and E->f read at LINE2:COL2
//   ilist H f, copy H   .f in a struct H initializer; a struct H value
//                       copied whole
//
// Confidence: Moderate
// Copyright: (C) 2026 The refconv developers.
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: struct ref, ref_acquire, ref_release, REF_DEBUG, mmgrab
// Prefilter: struct

virtual collect
virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import os, sys
if not os.environ.get("REFCONV_PYLIB"):
    sys.stderr.write("ref_wrap.cocci: run it with scripts/run-cocci.sh or \"make coccicheck\"\n")
    os._exit(2)
sys.path.insert(0, os.environ["REFCONV_PYLIB"])
import refconv_cocci as rc
rc.require_driver("ref_wrap.cocci")
import refconv_spec

# TYPE -> (GET, PUT)
REFS = {a[0]: (a[1], a[2]) for a in refconv_spec.load()["ref"]}
GETS = set(g for (g, _) in REFS.values())
PUTS = set(p for (_, p) in REFS.values())
HELPERS = GETS | PUTS
NAMES = set(r[0] for r in rc.rows("names"))
# (H, f) -> TYPE, for the fields the decide step converts
OK = {(r[0], r[1]): r[2] for r in rc.rows("fields")}
OKNAMES = set(f for (_, f) in OK)
SITES = rc.Sites()
# TYPE -> ("put", file, line) or ("struct", file, H)
ANCHOR = {r[0]: (r[1], r[2], r[3]) for r in rc.rows("anchors")}
INC = rc.LastInclude()
# whether patch mode changes the file being processed, whether it is kernel
# code
CHANGED = [False]
KERNEL = [False]

def istype(t):
    return t in REFS

def isname(f):
    return f in NAMES

def isget(g):
    return g in GETS

def ishelper(h):
    return h in HELPERS

def isput(p):
    return p in PUTS

def isokname(f):
    return f in OKNAMES

def okf(h, f):
    return (h, f) in OK

def issite(p):
    return p in SITES

def declare(t, out):
    """Bind the identifiers of DECLARE_REF(t, struct t, GET, PUT)."""
    CHANGED[0] = True
    out.TAG = cocci.make_ident(t)
    out.ST = cocci.make_ident("struct " + t)
    out.G = cocci.make_ident(REFS[t][0])
    out.P = cocci.make_ident(REFS[t][1])

def anchor(p, out, kind):
    """DECLARE_REF goes after the KIND of declaration at P: bind its
    identifiers."""
    for t, a in sorted(ANCHOR.items()):
        if a[0] == kind and rc.samefile(p[0].file, a[1]) and a[2] == p[0].line:
            declare(t, out)
            return True
    return False

@script:python@
@@
# once per file
CHANGED[0] = False
KERNEL[0] = False

// ---------------------------------------------------------------------------
// collect: definitions, declarations of GET and PUT, every access, and the
// form each access takes

@cdef depends on collect@
identifier H, f;
identifier T : script:python() { istype(T) };
position p;
@@
struct H { ... struct T *f@p; ... };

@script:python depends on collect@
H << cdef.H;
f << cdef.f;
T << cdef.T;
p << cdef.p;
@@
rc.emit("def", p, H, f, T)

@cfundef depends on collect@
identifier hf : script:python() { ishelper(hf) };
type R;
position p;
@@
R hf@p(...) { ... }

@script:python depends on collect@
hf << cfundef.hf;
p << cfundef.p;
@@
rc.emit("decl", p, hf)

@cproto depends on collect@
identifier hf : script:python() { ishelper(hf) };
type R;
position p;
@@
R hf@p(...);

@script:python depends on collect@
hf << cproto.hf;
p << cproto.p;
@@
rc.emit("proto", p, hf)

@cacc depends on collect@
identifier H;
identifier f : script:python() { isname(f) };
{struct H *, struct H} E;
position p;
@@
\(E->f@p\|E.f@p\)

@script:python depends on collect@
H << cacc.H;
f << cacc.f;
p << cacc.p;
@@
rc.emit("acc", p, H, f)

@cany depends on collect@
identifier f : script:python() { isname(f) };
expression E;
position p;
@@
\(E->f@p\|E.f@p\)

@script:python depends on collect@
f << cany.f;
p << cany.p;
@@
rc.emit("any", p, f)

// the kernel's current is a macro spatch cannot type without includes:
// current->f is a struct task_struct field (the decide step applies this to
// kernel files only)
@ccurrent depends on collect@
identifier f : script:python() { isname(f) };
position p;
@@
current->f@p

@script:python depends on collect@
f << ccurrent.f;
p << ccurrent.p;
@@
rc.emit("current", p, f)

@cacq depends on collect@
identifier f : script:python() { isname(f) };
identifier G : script:python() { isget(G) };
expression E, y;
position p;
@@
(
E->f@p = y;
G(y);
|
G(y);
E->f@p = y;
|
E->f@p = G(y);
)

@script:python depends on collect@
p << cacq.p;
@@
rc.emit("acquire", p)

@crel depends on collect@
identifier f : script:python() { isname(f) };
identifier P : script:python() { isput(P) };
expression E;
position p, p2;
@@
P(E->f@p);
E->f@p2 = NULL;

@script:python depends on collect@
p << crel.p;
p2 << crel.p2;
@@
rc.emit("release", p)
rc.emit("release", p2)

@ccondrel depends on collect@
identifier f : script:python() { isname(f) };
identifier P : script:python() { isput(P) };
expression E;
position p;
@@
if (E->f) P(E->f);
E->f@p = NULL;

@script:python depends on collect@
p << ccondrel.p;
@@
rc.emit("release", p)

@ccondtest depends on collect@
identifier f : script:python() { isname(f) };
identifier P : script:python() { isput(P) };
expression E;
position p;
@@
if (E->f@p) P(E->f);

@script:python depends on collect@
p << ccondtest.p;
@@
rc.emit("condtest", p)

@crel1 depends on collect@
identifier f : script:python() { isname(f) };
identifier P : script:python() { isput(P) };
expression E;
position p;
@@
P(E->f@p);

@script:python depends on collect@
p << crel1.p;
@@
rc.emit("release", p)

@cinit depends on collect@
identifier f : script:python() { isname(f) };
expression E;
position p;
@@
E->f@p = NULL;

@script:python depends on collect@
p << cinit.p;
@@
rc.emit("init", p)

@cwrite depends on collect@
identifier f : script:python() { isname(f) };
expression E, e;
assignment operator ao;
position p;
@@
\(E->f@p ao e\|E.f@p ao e\|E->f@p++\|E->f@p--\|++E->f@p\|--E->f@p\)

@script:python depends on collect@
p << cwrite.p;
@@
rc.emit("write", p)

@caddr depends on collect@
identifier f : script:python() { isname(f) };
expression E;
position p;
@@
\(&E->f@p\|&E.f@p\|&(E->f@p)\|&(E.f@p)\)

@script:python depends on collect@
p << caddr.p;
@@
rc.emit("addr", p)

@cput depends on collect@
identifier f : script:python() { isname(f) };
identifier P : script:python() { isput(P) };
expression E;
position p;
@@
P(\(E->f@p\|E.f@p\))

@script:python depends on collect@
p << cput.p;
@@
rc.emit("put", p)

@cinitlist depends on collect@
identifier f : script:python() { isname(f) };
identifier H, x;
expression e;
position p;
@@
struct H x = { ..., .f@p = e, ... };

@script:python depends on collect@
H << cinitlist.H;
f << cinitlist.f;
p << cinitlist.p;
@@
rc.emit("ilist", p, H, f)

// a store of another holder's field: a move, not an acquire
@cmove depends on collect@
identifier f : script:python() { isname(f) };
identifier f2 : script:python() { isname(f2) };
expression E, E2;
position p;
@@
\(E->f@p = E2->f2\|E->f@p = E2.f2\)

@script:python depends on collect@
p << cmove.p;
@@
rc.emit("move", p)

// stored, with GET of the same pointer elsewhere on the path: not adjacent
@cfar depends on collect exists@
identifier f : script:python() { isname(f) };
identifier G : script:python() { isget(G) };
expression E, y, e;
position p;
@@
(
E->f@p = y;
... when != y = e
G(y);
|
G(y);
... when != y = e
E->f@p = y;
)

@script:python depends on collect@
p << cfar.p;
@@
rc.emit("far", p)

// a reference taken into a local earlier and handed over to the field
@cxfer depends on collect exists@
identifier f : script:python() { isname(f) };
identifier G : script:python() { isget(G) };
expression E, e;
identifier y;
type T;
position p;
@@
(
y = G(...);
|
T y = G(...);
)
... when != y = e
E->f@p = y;

@script:python depends on collect@
p << cxfer.p;
@@
rc.emit("transfer", p)

// read again after a bare put: ref_release() empties the wrapper, the
// plain put left the (stale) pointer in place
@cputread depends on collect exists@
identifier f : script:python() { isname(f) };
identifier P : script:python() { isput(P) };
expression E, e;
position p, p2;
@@
P(E->f@p);
... when != E->f = e
E->f@p2

@script:python depends on collect@
p << cputread.p;
p2 << cputread.p2;
@@
# the decide step drops p2 when it is the left side of a store
if (p[0].line, p[0].column) != (p2[0].line, p2[0].column):
    rc.emit("putread", p, p2[0].line, p2[0].column)

// the field's reference put through a copy of the pointer
@cputcopy depends on collect exists@
identifier f : script:python() { isname(f) };
identifier P : script:python() { isput(P) };
expression E, e;
identifier v;
type T;
position p;
@@
(
v = E->f@p;
|
T v = E->f@p;
)
... when != v = e
P(v);

@script:python depends on collect@
p << cputcopy.p;
@@
rc.emit("putcopy", p)

// GET's and PUT's own definitions are not converted
@chelper depends on collect@
identifier hf : script:python() { ishelper(hf) };
identifier f : script:python() { isname(f) };
expression E;
type R;
position p;
@@
R hf(...) { <+... \(E->f@p\|E.f@p\) ...+> }

@script:python depends on collect@
p << chelper.p;
@@
rc.emit("helper", p)

// struct values copied whole (the wrapper would be copied without a get)
@ccopy depends on collect@
identifier H, x;
struct H *E;
struct H E2;
expression e;
position p;
@@
(
 *E@p = e
|
E2@p = e
|
memcpy(E@p, ...)
|
memcpy(&E2@p, ...)
|
memcpy(e, E@p, ...)
|
memcpy(e, &E2@p, ...)
|
kmemdup(E@p, ...)
|
kmemdup(&E2@p, ...)
)

@script:python depends on collect@
H << ccopy.H;
p << ccopy.p;
@@
rc.emit("copy", p, H)

@ccopyd depends on collect@
identifier H, x;
struct H *E;
struct H E2;
position p;
@@
(
struct H x@p = *E;
|
struct H x@p = E2;
)

@script:python depends on collect@
H << ccopyd.H;
p << ccopyd.p;
@@
rc.emit("copy", p, H)

@finalize:python depends on collect@
@@
rc.finish()

// ---------------------------------------------------------------------------
// report, org, context: the decide step wrote a line per site

@rdef depends on report || org || context@
identifier H, f;
identifier T : script:python() { istype(T) };
position p : script:python() { issite(p) };
@@
struct H { ... struct T *f@p; ... };

@depends on context@
identifier rdef.H, rdef.f, rdef.T;
position rdef.p;
@@
struct H { ...
* struct T *f@p;
  ... };

@script:python depends on report@
p << rdef.p;
@@
SITES.tell(p, "report")

@script:python depends on org@
p << rdef.p;
@@
SITES.tell(p, "org")

@ruse depends on report || org || context@
identifier f : script:python() { isname(f) };
expression E;
position p : script:python() { issite(p) };
@@
\(E->f@p\|E.f@p\)

@depends on context@
identifier ruse.f;
expression ruse.E;
position ruse.p;
@@
* \(E->f@p\|E.f@p\)

@script:python depends on report@
p << ruse.p;
@@
SITES.tell(p, "report")

@script:python depends on org@
p << ruse.p;
@@
SITES.tell(p, "org")

// ---------------------------------------------------------------------------
// patch: the field, the acquires, releases and inits, then the reads

// kernel code includes some <linux/...>; rules after a script that drops a
// match (include_match(False)) see a rule before it as unmatched, so the
// rules at the end read KERNEL instead
@iskernel depends on patch@
@@
#include <linux/...>

@script:python depends on iskernel@
@@
KERNEL[0] = True

@pdef depends on patch@
identifier H, T, f;
position p : script:python(H, f) { okf(H, f) };
@@
struct H { ... struct T *f@p; ... };

@script:python pdefn@
T << pdef.T;
TR;
@@
CHANGED[0] = True
coccinelle.TR = cocci.make_ident(T + "_ref")

@depends on patch@
identifier pdef.H, pdef.f, pdef.T, pdefn.TR;
@@
struct H { ...
- struct T *f;
+ struct TR f;
  ...
};

@pfield depends on patch@
identifier H;
identifier f : script:python() { isokname(f) };
struct H *E;
@@
E->f

@script:python pnames@
H << pfield.H;
f << pfield.f;
TAG;
ST;
G;
P;
@@
t = OK.get((H, f))
if t is None:
    cocci.include_match(False)
else:
    declare(t, coccinelle)

// "if (x->f) PUT(x->f);": the kernel's ref_release() skips an empty
// wrapper, the userspace one calls put like the code it replaces

@depends on patch && iskernel@
identifier pfield.H, pfield.f, pnames.TAG, pnames.P;
struct H *E;
@@
(
- if (E->f) P(E->f);
- E->f = NULL;
+ ref_release(TAG, &E->f);
|
- if (E->f) P(E->f);
+ ref_release(TAG, &E->f);
)

@depends on patch && !iskernel@
identifier pfield.H, pfield.f, pnames.TAG, pnames.P;
struct H *E;
@@
  if (E->f)
- P(E->f);
+ ref_release(TAG, &E->f);
(
- E->f = NULL;
|
)

@depends on patch@
identifier pfield.H, pfield.f, pnames.TAG, pnames.G, pnames.P;
struct H *E;
expression y;
@@
(
- E->f = y;
- G(y);
+ ref_acquire(TAG, &E->f, y);
|
- G(y);
- E->f = y;
+ ref_acquire(TAG, &E->f, y);
|
- E->f = G(y);
+ ref_acquire(TAG, &E->f, y);
|
- P(E->f);
- E->f = NULL;
+ ref_release(TAG, &E->f);
|
- P(E->f);
+ ref_release(TAG, &E->f);
)

// the NULL stores left once the releases are done (a rule of its own: in
// the same disjunction, the store after PUT would match twice)

@depends on patch@
identifier pfield.H, pfield.f, pnames.TAG;
struct H *E;
@@
- E->f = NULL;
+ ref_init(TAG, &E->f);

@depends on patch@
identifier pfield.H, pfield.f, pnames.TAG;
struct H *E;
@@
(
  &E->f
|
- E->f
+ ref_ptr(TAG, &E->f)
)

// ---------------------------------------------------------------------------
// patch: DECLARE_REF once per run, after PUT's (or GET's) definition or
// before the first converted struct (spatch 1.1.1 adds nothing after a
// prototype, and fresh identifiers in code that replaces one are not
// bound: the decide step then picks the first converted struct after it)

@pfundef depends on patch@
identifier hf : script:python() { ishelper(hf) };
type R;
position p;
@@
R hf@p(...) { ... }

@script:python pfundefs@
p << pfundef.p;
TAG;
ST;
G;
P;
@@
if not anchor(p, coccinelle, "put"):
    cocci.include_match(False)

@depends on patch@
identifier pfundef.hf, pfundefs.TAG, pfundefs.ST, pfundefs.G, pfundefs.P;
type pfundef.R;
position pfundef.p;
declarer name DECLARE_REF;
@@
  R hf@p(...) { ... }
+
+ DECLARE_REF(TAG, ST, G, P);

@pstr depends on patch@
identifier H;
position p;
@@
struct H@p { ... };

@script:python pstrs@
H << pstr.H;
p << pstr.p;
TAG;
ST;
G;
P;
@@
hit = [t for t, a in sorted(ANCHOR.items())
       if a[0] == "struct" and rc.samefile(p[0].file, a[1]) and a[2] == H]
if hit:
    declare(hit[0], coccinelle)
else:
    cocci.include_match(False)

@depends on patch@
identifier pstr.H, pstrs.TAG, pstrs.ST, pstrs.G, pstrs.P;
declarer name DECLARE_REF;
@@
+ DECLARE_REF(TAG, ST, G, P);
+
  struct H { ... };

// the runtime's header, after the file's last #include <...>

@hasinc depends on patch@
@@
\(#include <linux/ref_wrap.h>\|#include <refconv/ref_wrap.h>\)

@inc depends on patch && !hasinc@
position p;
@@
#include <...>@p

@script:python@
p << inc.p;
@@
INC.note(p)

@depends on patch && !hasinc && inc@
position p : script:python() { CHANGED[0] and KERNEL[0] and INC.is_last(p) };
@@
#include <...>@p
+ #include <linux/ref_wrap.h>

@depends on patch && !hasinc && inc@
position p : script:python() { CHANGED[0] and not KERNEL[0] and INC.is_last(p) };
@@
#include <...>@p
+ #include <refconv/ref_wrap.h>
