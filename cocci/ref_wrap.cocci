// SPDX-License-Identifier: GPL-2.0-only
/// Turn pointer fields that hold a reference into typed struct ref wrappers.
///
/// For each spec line "ref TYPE GET PUT" (seed 001; include/linux/ref_wrap.h,
/// include/refconv/ref_wrap.h), a field "struct TYPE *f;" of another struct
/// H whose every use is one of the forms below becomes "struct TYPE_ref f;",
/// the wrapper that DECLARE_REF(TYPE, struct TYPE, GET, PUT) declares. The
/// field may also be a member of an anonymous struct inside H ("struct {
/// ... struct TYPE *f; ... } a;", reached as x->a.f: tty->ctrl.pgrp), and
/// x may be a struct value (x.f, o->h.f for a struct H embedded in another
/// one); a struct defined with a trailing __randomize_layout is read too.
///  - "PUT(x->f); x->f = GET(y);", with up to two other puts or GET stores
///    between them (tty code drops two fields, then retakes both) ->
///    ref_replace(TYPE, &x->f, y), which takes the new reference before it
///    drops the old one (y may be the object x->f holds);
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
/// list; struct H values, or values of a struct that embeds struct H, are
/// copied whole (assignment, memcpy, kmemdup); it is taken, stored or put
/// with a call that is not the spec's GET or PUT but is named like a get
/// or a put (mmget()/mmput() for a "ref mm_struct mmgrab mmdrop" spec: a
/// reference of another kind on the same type); a file that uses it also
/// spells an access to a same-named member of a struct that is not
/// converted to the same wrapper the same way (the patch changes accesses
/// by their spelling); it is used through an expression whose type spatch
/// cannot infer (which keeps every struct with a field of
/// that name); it is never acquired with GET; or its struct cannot see
/// DECLARE_REF (defined before PUT's declaration, or in a file that does not
/// include the one that declares it). A use that keeps a field keeps the same
/// TYPE-field pair in every struct; what one struct does as a whole (copied,
/// set in an initializer, defined too early) keeps only that struct. TYPE's
/// own fields (struct TYPE *parent) are not holders and are left alone; in
/// kernel code current->f is a task_struct field. A "struct TYPE *f;"
/// member declaration the text shows but spatch did not match (a struct it
/// cannot parse, a member nested deeper) is named on the verdict line as
/// not analysed, so that no candidate vanishes without a word.
//
// The struct is usually defined in a header and used in .c files, so the
// driver runs a collect pass, scripts/decide-ref_wrap.py decides per field,
// and the apply pass converts the fields decided. Run it through
// scripts/run-cocci.sh.
//
// Collect records (KIND FILE LINE COL FIELD...; scripts/lib/README):
//   def H f TYPE        "struct TYPE *f;" in struct H (f is "a.f" for a
//                       member of the anonymous struct a inside H)
//   embed O I           struct I embedded by value in struct O
//   decl HELPER, proto HELPER
//                       GET's or PUT's definition, prototype
//   acc H f, any f, current f
//                       E->f or E.f typed as a struct H, any E->f or E.f,
//                       current->f
//   accn H a.f          E->a.f or E.a.f with E typed as a struct H
//   acquire, release, init, condtest, write, addr, put, move, far,
//   transfer, putcopy, helper, replace
//                       the form of the access to f at that position
//   other Q             taken, stored or put with Q(), not GET or PUT
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
import os, re, sys
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
# the member names of the converted fields (f of a nested "a.f")
OKNAMES = set(f.rsplit(".", 1)[-1] for (_, f) in OK)
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

USES = ("acquire", "release", "init", "read", "replace")
# (line, col) -> the sites there, for positions in spatch's copy of a file
# it has changed
BYLC = {}
for (_f, _l, _c), _s in SITES.at.items():
    BYLC.setdefault((_l, _c), []).append((_f, _s))

def _site(fname, line, col):
    """The (kind, unit, message) of the site at FNAME:LINE:COL, or None."""
    s = SITES.at.get((fname, line, col))
    if s is None:
        for f, s2 in BYLC.get((line, col), []):
            if rc.samefile(fname, f):
                return s2
    return s

def _type(s):
    """The TYPE of a converted use site S, or None."""
    if s is None or s[0] not in USES or not s[1].startswith("struct "):
        return None
    h, _, f = s[1][len("struct "):].partition(".")
    return OK.get((h, f))

def usetype(p):
    """The TYPE of the converted use at P (on the member name), or None."""
    return _type(_site(p[0].file, p[0].line, p[0].column))

def between(x, s):
    """Whether the expression statement S may stand between the put of X
    and its new GET store: a put, a GET store, or the ref_* call one of
    them became, that does not name X."""
    if x.replace(" ", "") in s.replace(" ", ""):
        return False
    return re.match(r"\s*(?:(?:%s)\s*\(|[^;]*=\s*(?:%s)\s*\(|ref_(?:release|acquire|replace)\s*\()"
                    % ("|".join(sorted(PUTS)), "|".join(sorted(GETS))), s) is not None


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
attribute name __randomize_layout;
@@
(
struct H { ... struct T *f@p; ... };
|
struct H { ... struct T *f@p; ... } __randomize_layout;
)

@script:python depends on collect@
H << cdef.H;
f << cdef.f;
T << cdef.T;
p << cdef.p;
@@
rc.emit("def", p, H, f, T)

// a field of an anonymous struct inside struct H (tty->ctrl.pgrp): the
// field is "a.f" of struct H
@cdefn depends on collect@
identifier H, a, f;
identifier T : script:python() { istype(T) };
position p;
attribute name __randomize_layout;
@@
(
struct H { ... struct { ... struct T *f@p; ... } a; ... };
|
struct H { ... struct { ... struct T *f@p; ... } a; ... } __randomize_layout;
)

@script:python depends on collect@
H << cdefn.H;
a << cdefn.a;
f << cdefn.f;
T << cdefn.T;
p << cdefn.p;
@@
rc.emit("def", p, H, a + "." + f, T)

// struct I embedded by value in struct O: copying an O copies the I
@cembed depends on collect@
identifier O, I, a;
position p;
attribute name __randomize_layout;
@@
(
struct O { ... struct I a@p; ... };
|
struct O { ... struct I a@p; ... } __randomize_layout;
)

@script:python depends on collect@
O << cembed.O;
I << cembed.I;
p << cembed.p;
@@
rc.emit("embed", p, O, I)

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

// x->a.f, x.a.f with a the member of struct H that is an anonymous struct
// (spatch types x->a as nothing it can name)
@caccn depends on collect@
identifier H, a;
identifier f : script:python() { isname(f) };
{struct H *, struct H} E;
position p;
@@
\(E->a.f@p\|E.a.f@p\)

@script:python depends on collect@
H << caccn.H;
a << caccn.a;
f << caccn.f;
p << caccn.p;
@@
rc.emit("accn", p, H, a + "." + f)

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
\(E->f@p\|E.f@p\) = y;
G(y);
|
G(y);
\(E->f@p\|E.f@p\) = y;
|
\(E->f@p\|E.f@p\) = G(y);
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
P(\(E->f@p\|E.f@p\));
\(E->f@p2\|E.f@p2\) = NULL;

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
if (\(E->f\|E.f\)) P(\(E->f\|E.f\));
\(E->f@p\|E.f@p\) = NULL;

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
if (\(E->f@p\|E.f@p\)) P(\(E->f\|E.f\));

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
P(\(E->f@p\|E.f@p\));

@script:python depends on collect@
p << crel1.p;
@@
rc.emit("release", p)

// "PUT(x->f); x->f = GET(y);": one replace; with up to two other puts or
// GET stores in between, as tty code drops and retakes two fields
@crepl depends on collect@
identifier f : script:python() { isname(f) };
identifier P : script:python() { isput(P) };
identifier G : script:python() { isget(G) };
identifier P2 : script:python() { isput(P2) };
identifier G2 : script:python() { isget(G2) };
identifier P3 : script:python() { isput(P3) };
identifier G3 : script:python() { isget(G3) };
expression E, y, X2, y2, X3, y3;
position p, p2;
@@
P(\(E->f@p\|E.f@p\));
(
|
P2(X2);
|
X2 = G2(y2);
|
P2(X2);
X2 = G2(y2);
|
P2(X2);
P3(X3);
|
X2 = G2(y2);
X3 = G3(y3);
)
\(E->f@p2\|E.f@p2\) = G(y);

@script:python depends on collect@
p << crepl.p;
p2 << crepl.p2;
@@
rc.emit("replace", p)
rc.emit("replace", p2)

// get and put calls that are not the spec's pair: another kind of
// reference (mm_struct's mmget/mmput beside mmgrab/mmdrop); the decide
// step keeps the names that look like a get or a put
@cother depends on collect@
identifier f : script:python() { isname(f) };
identifier Q : script:python() { not ishelper(Q) };
expression E, y;
position p;
@@
(
Q(\(E->f@p\|E.f@p\));
|
\(E->f@p\|E.f@p\) = Q(...);
|
Q(y);
\(E->f@p\|E.f@p\) = y;
|
\(E->f@p\|E.f@p\) = y;
Q(y);
)

@script:python depends on collect@
Q << cother.Q;
p << cother.p;
@@
rc.emit("other", p, Q)

@cinit depends on collect@
identifier f : script:python() { isname(f) };
expression E;
position p;
@@
\(E->f@p\|E.f@p\) = NULL;

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
\(E->f@p ao e\|E.f@p ao e\|\(E->f@p\|E.f@p\)++\|\(E->f@p\|E.f@p\)--\|++\(E->f@p\|E.f@p\)\|--\(E->f@p\|E.f@p\)\)

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
\(E->f@p\|E.f@p\) = \(E2->f2\|E2.f2\)

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
\(E->f@p\|E.f@p\) = y;
... when != y = e
G(y);
|
G(y);
... when != y = e
\(E->f@p\|E.f@p\) = y;
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
\(E->f@p\|E.f@p\) = y;

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
P(\(E->f@p\|E.f@p\));
... when != \(E->f\|E.f\) = e
\(E->f@p2\|E.f@p2\)

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
identifier G : script:python() { isget(G) };
expression E, e;
identifier v;
type T;
position p;
@@
(
v = \(E->f@p\|E.f@p\);
|
T v = \(E->f@p\|E.f@p\);
)
... when != v = e
    when != G(v)
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
attribute name __randomize_layout;
@@
(
struct H { ... struct T *f@p; ... };
|
struct H { ... struct T *f@p; ... } __randomize_layout;
)

@depends on context@
identifier rdef.H, rdef.f, rdef.T;
position rdef.p;
attribute name __randomize_layout;
@@
(
struct H { ...
* struct T *f@p;
  ... };
|
struct H { ...
* struct T *f@p;
  ... } __randomize_layout;
)

@script:python depends on report@
p << rdef.p;
@@
SITES.tell(p, "report")

@script:python depends on org@
p << rdef.p;
@@
SITES.tell(p, "org")

@rdefn depends on report || org || context@
identifier H, a, f;
identifier T : script:python() { istype(T) };
position p : script:python() { issite(p) };
attribute name __randomize_layout;
@@
(
struct H { ... struct { ... struct T *f@p; ... } a; ... };
|
struct H { ... struct { ... struct T *f@p; ... } a; ... } __randomize_layout;
)

@depends on context@
identifier rdefn.H, rdefn.a, rdefn.f, rdefn.T;
position rdefn.p;
attribute name __randomize_layout;
@@
(
struct H { ... struct { ...
* struct T *f@p;
  ... } a; ... };
|
struct H { ... struct { ...
* struct T *f@p;
  ... } a; ... } __randomize_layout;
)

@script:python depends on report@
p << rdefn.p;
@@
SITES.tell(p, "report")

@script:python depends on org@
p << rdefn.p;
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
attribute name __randomize_layout;
@@
(
struct H { ... struct T *f@p; ... };
|
struct H { ... struct T *f@p; ... } __randomize_layout;
)

@script:python pdefn@
T << pdef.T;
TR;
@@
CHANGED[0] = True
coccinelle.TR = cocci.make_ident(T + "_ref")

@depends on patch@
identifier pdef.H, pdef.f, pdef.T, pdefn.TR;
attribute name __randomize_layout;
@@
(
struct H { ...
- struct T *f;
+ struct TR f;
  ...
};
|
struct H { ...
- struct T *f;
+ struct TR f;
  ...
} __randomize_layout;
)

// a member of an anonymous struct inside H (tty->ctrl.pgrp)
@pdefa depends on patch@
identifier H, T, a, f;
position p : script:python(H, a, f) { okf(H, a + "." + f) };
attribute name __randomize_layout;
@@
(
struct H { ... struct { ... struct T *f@p; ... } a; ... };
|
struct H { ... struct { ... struct T *f@p; ... } a; ... } __randomize_layout;
)

@script:python pdefan@
T << pdefa.T;
TR;
@@
CHANGED[0] = True
coccinelle.TR = cocci.make_ident(T + "_ref")

@depends on patch@
identifier pdefa.H, pdefa.a, pdefa.f, pdefa.T, pdefan.TR;
position pdefa.p;
attribute name __randomize_layout;
@@
(
struct H { ... struct { ...
- struct T *f@p;
+ struct TR f;
  ... } a; ...
};
|
struct H { ... struct { ...
- struct T *f@p;
+ struct TR f;
  ... } a; ...
} __randomize_layout;
)

// every use the decide step converts, by its position: X is the whole
// access (x->f, x->a.f, x.f), and the rules below change the accesses
// spelled like X. They cannot check positions again: once a rule changed a
// function, spatch matches a reparsed copy of it with other line numbers.
// The decide step keeps a field whose files use a same-named field of a
// struct that stays, so the same spelling never means two fields.
@pfield depends on patch@
identifier f : script:python() { isokname(f) };
expression X, E;
position p : script:python() { usetype(p) is not None };
@@
\(X \& \(E->f@p\|E.f@p\)\)

@script:python pnames@
p << pfield.p;
TAG;
ST;
G;
P;
@@
declare(usetype(p), coccinelle)

// "if (x->f) PUT(x->f);": the kernel's ref_release() skips an empty
// wrapper, the userspace one calls put like the code it replaces

@depends on patch && iskernel@
expression pfield.X;
identifier pnames.TAG, pnames.P;
@@
(
- if (X) P(X);
- X = NULL;
+ ref_release(TAG, &X);
|
- if (X) P(X);
+ ref_release(TAG, &X);
)

@depends on patch && !iskernel@
expression pfield.X;
identifier pnames.TAG, pnames.P;
@@
  if (X)
- P(X);
+ ref_release(TAG, &X);
(
- X = NULL;
|
)

// "PUT(x->f); x->f = GET(y);", with up to two other puts or GET stores
// in between (the collect pass's forms, or what this rule made of them):
// ref_replace() takes the new reference before it drops the old one

@depends on patch@
expression pfield.X, y;
identifier pnames.TAG, pnames.G, pnames.P;
expression e2 : script:python(X) { between(X, e2) };
expression e3 : script:python(X) { between(X, e3) };
@@
- P(X);
(
|
  e2;
|
  e2;
  e3;
)
- X = G(y);
+ ref_replace(TAG, &X, y);

@depends on patch@
expression pfield.X, y;
identifier pnames.TAG, pnames.G, pnames.P;
@@
(
- X = y;
- G(y);
+ ref_acquire(TAG, &X, y);
|
- G(y);
- X = y;
+ ref_acquire(TAG, &X, y);
|
- X = G(y);
+ ref_acquire(TAG, &X, y);
|
- P(X);
- X = NULL;
+ ref_release(TAG, &X);
|
- P(X);
+ ref_release(TAG, &X);
)

// the NULL stores left once the releases are done (a rule of its own: in
// the same disjunction, the store after PUT would match twice)

@depends on patch@
expression pfield.X;
identifier pnames.TAG;
@@
- X = NULL;
+ ref_init(TAG, &X);

@depends on patch@
expression pfield.X;
identifier pnames.TAG;
@@
(
  &X
|
- X
+ ref_ptr(TAG, &X)
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
attribute name __randomize_layout;
@@
(
struct H@p { ... };
|
struct H@p { ... } __randomize_layout;
)

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
attribute name __randomize_layout;
@@
(
+ DECLARE_REF(TAG, ST, G, P);
+
  struct H { ... };
|
+ DECLARE_REF(TAG, ST, G, P);
+
  struct H { ... } __randomize_layout;
)

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
