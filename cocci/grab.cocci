// SPDX-License-Identifier: GPL-2.0-only
/// Replace open-coded reference gets and puts of a struct with its helpers.
///
/// For each spec line "grab TYPE FIELD GET [PUT]":
///  - atomic_inc() or refcount_inc() of &X->FIELD, &(X)->FIELD,
///    &(X->FIELD) or &X.FIELD, where spatch knows X is a struct TYPE
///    (pointer) - casts and calls around X included - becomes GET(X) or
///    GET(&X);
///  - "if ([unlikely](atomic_dec_and_test(&X->FIELD))) release(X);" (or
///    refcount_dec_and_test) becomes PUT(X), but only when PUT's own
///    definition, seen somewhere in the run, is exactly that statement with
///    the same release function: otherwise PUT would do something else.
/// GET's and PUT's own definitions are left alone. Kept, and said so in
/// report mode: FIELD of another struct that happens to have the same name,
/// X whose type neither spatch nor the tree's text settles, and dec_and_test
/// uses that are not the plain release idiom (the result is used, or the
/// branch does more). Where spatch cannot type X (a global declared in a
/// header, a macro such as current, a member of a struct defined in a
/// header), the decide step types it from the text of the whole tree
/// (scripts/lib/texttypes.py) and converts only when every declaration it
/// can see agrees.
//
// PUT's definition usually lives in a header while the idioms are in .c
// files, so the driver runs a collect pass over the files that name a spec
// field (every get, put and kept use, and PUT's body), scripts/decide-grab.py
// keeps the PUTs whose body is the idiom and decides each site, and the
// patch/report pass converts or reports them. Run it through
// scripts/run-cocci.sh.
//
// Confidence: High
// Copyright: (C) 2026 The refconv developers.
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: mmgrab, reference count, get, put, helper
// Prefilter: (atomic|refcount)_(inc|dec_and_test)[[:space:]]*\(

virtual collect
virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import os, sys
if not os.environ.get("REFCONV_PYLIB"):
    sys.stderr.write("grab.cocci: run it with scripts/run-cocci.sh or \"make coccicheck\"\n")
    os._exit(2)
sys.path.insert(0, os.environ["REFCONV_PYLIB"])
import refconv_cocci as rc
import refconv_spec
rc.require_driver("grab.cocci")

# (TYPE, FIELD) -> (GET, PUT or None), from the spec
GRAB = {}
for a in refconv_spec.load()["grab"]:
    GRAB[(a[0], a[1])] = (a[2], a[3] if len(a) > 3 else None)
FIELDS = set(f for (_, f) in GRAB)
HELPERS = set(h for v in GRAB.values() for h in v if h)
TYPES = set(t for (t, _) in GRAB)
# WORK/sites: "get" and "put" (WARNING), "kept" (INFO)
SITES = rc.Sites()
# WORK/puts: (TYPE, FIELD) -> the release function of PUT's own body
PUTS = dict(((r[0], r[1]), r[2]) for r in rc.rows("puts"))
# WORK/typed: (file, function, E, "->" or ".") -> the TYPE the decide step
# read from the tree's text for an E spatch could not type
TYPED = dict(((r[0], r[1], r[2], r[3]), r[4]) for r in rc.rows("typed"))
# the virtual rules of the run: "collect", "patch", "report", "org"
VIRT = set()

def is_field(f):
    return f in FIELDS

def is_helper(h):
    return h in HELPERS

def is_type(t):
    return t in TYPES

def wanted(p, *kinds):
    """Whether a match at P is worth the rule's scripts: every one when
    collecting or patching, else the sites of KINDS."""
    return "collect" in VIRT or "patch" in VIRT or SITES.has(p, *kinds)

def helper_body(p):
    """Whether P is in the definition of a GET or PUT."""
    return p[0].current_element in HELPERS

def get_ok(S, F, p):
    """Whether patch mode turns the increment of struct S.F at P into GET."""
    return (S, F) in GRAB and not helper_body(p)

def put_ok(S, F, R, p):
    """Whether patch mode turns the release idiom of struct S.F with R at P
    into PUT: PUT's own body is the idiom with R (WORK/puts)."""
    return GRAB.get((S, F), (0, None))[1] is not None and \
        PUTS.get((S, F)) == R and not helper_body(p)

def wanted_untyped(p):
    """wanted() for the uses spatch could not type: the kept ones, and the
    gets the decide step typed (the only ones context mode shows)."""
    if "context" in VIRT:
        return SITES.has(p, "get")
    return wanted(p, "kept", "get")

def typed_get(E, F, p, op):
    """GET for the increment of F on the untyped E at P (OP: "->" or "."),
    when the decide step typed E as a spec struct; else None."""
    t = TYPED.get((p[0].file, p[0].current_element, E, op))
    if t is None or not get_ok(t, F, p):
        return None
    return GRAB[(t, F)][0]

def mode():
    return "report" if "report" in VIRT else "org"

// the collect records (KIND FILE LINE COL FIELD...), in rule order:
//   putdef HF S F R       PUT's definition hf(struct S *P) is exactly
//                         "if (dec_and_test(&P->F)) R(P);"
//   def S                 the definition of a spec TYPE
//   get S F FN, getobj S F FN
//                         inc(&X->F) / inc(&X.F), X a struct S (pointer),
//                         in function FN
//   put S F R FN          "if (dec_and_test(&X->F)) R(X);", X a struct S *
//   ptr S F HF FN, obj S F HF FN
//                         any HF(&X->F) / HF(&X.F) of the four functions
//   untyped F E HF FN     HF(&E->F) or HF(&E.F), whatever E's type, in
//                         function FN
// scripts/decide-grab.py turns them into WORK/sites.

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

@script:python depends on context@
@@
VIRT.add("context")

// ---------------------------------------------------------------------------
// collect: PUT definitions whose body is exactly the release idiom, and the
// definitions of the spec's types (the first file of a unit's group)

@cput depends on collect disable ptr_to_array, fld_to_ptr@
identifier hf : script:python() { is_helper(hf) };
identifier S, P, F, R;
position p;
@@
void hf@p(struct S *P)
{
(
	if (unlikely(\(atomic_dec_and_test\|refcount_dec_and_test\)(&P->F)))
		R(P);
|
	if (\(atomic_dec_and_test\|refcount_dec_and_test\)(&P->F))
		R(P);
)
}

@script:python depends on collect@
hf << cput.hf;
S << cput.S;
F << cput.F;
R << cput.R;
p << cput.p;
@@
rc.emit("putdef", p, hf, S, F, R)

@cdef depends on collect@
identifier S : script:python() { is_type(S) };
position p;
@@
struct S@p { ... };

@script:python depends on collect@
S << cdef.S;
p << cdef.p;
@@
rc.emit("def", p, S)

@finalize:python depends on collect@
@@
rc.finish()

// ---------------------------------------------------------------------------
// gets through a pointer: &X->F, &(X)->F, &(X->F)
//
// Report, org and context mode take the decided sites by position. Patch
// mode cannot: once a rule has changed a function, spatch renumbers its
// positions (a get that spanned lines makes the puts below it move up), so
// it decides as the decide step did, from the spec and WORK/puts: a get or
// put of a spec field, not in the body of GET or PUT, the put only with the
// release function of PUT's own body.

@ga disable ptr_to_array, fld_to_ptr@
identifier S;
identifier F : script:python() { is_field(F) };
{struct S *} E;
identifier inc = {atomic_inc, refcount_inc};
position p : script:python() { wanted(p, "get") };
@@
inc@p(\(&E->F\|&(E->F)\))

@script:python depends on collect@
S << ga.S;
F << ga.F;
p << ga.p;
@@
rc.emit("get", p, S, F, p[0].current_element)

@script:python gag depends on patch@
S << ga.S;
F << ga.F;
p << ga.p;
G;
@@
if get_ok(S, F, p):
    coccinelle.G = GRAB[(S, F)][0]
else:
    cocci.include_match(False)

@depends on patch disable ptr_to_array, fld_to_ptr@
identifier F, inc;
expression E;
position ga.p;
identifier gag.G;
@@
(
- inc@p(\(&(E)->F\|&((E)->F)\))
+ G(E)
|
- inc@p(\(&E->F\|&(E->F)\))
+ G(E)
)

@script:python depends on report || org@
p << ga.p;
@@
SITES.tell(p, mode())

// gets on a struct object: &X.F

@gd disable ptr_to_array, fld_to_ptr@
identifier S;
identifier F : script:python() { is_field(F) };
{struct S} E;
identifier inc = {atomic_inc, refcount_inc};
position p : script:python() { wanted(p, "get") };
@@
inc@p(\(&E.F\|&(E.F)\))

@script:python depends on collect@
S << gd.S;
F << gd.F;
p << gd.p;
@@
rc.emit("getobj", p, S, F, p[0].current_element)

@script:python gdg depends on patch@
S << gd.S;
F << gd.F;
p << gd.p;
G;
@@
if get_ok(S, F, p):
    coccinelle.G = GRAB[(S, F)][0]
else:
    cocci.include_match(False)

@depends on patch disable ptr_to_array, fld_to_ptr@
identifier F, inc;
expression E;
position gd.p;
identifier gdg.G;
@@
- inc@p(\(&E.F\|&(E.F)\))
+ G(&E)

@script:python depends on report || org@
p << gd.p;
@@
SITES.tell(p, mode())

// gets on an object spatch could not type but the decide step typed from
// the tree's text (WORK/typed): a global declared in a header, a macro
// (current), a member of a struct defined in a header

@gua depends on patch disable ptr_to_array, fld_to_ptr@
identifier F : script:python() { is_field(F) };
expression E;
identifier inc = {atomic_inc, refcount_inc};
position p;
@@
inc@p(\(&E->F\|&(E->F)\))

@script:python guag depends on patch@
E << gua.E;
F << gua.F;
p << gua.p;
G;
@@
coccinelle.G = typed_get(E, F, p, "->")
if coccinelle.G is None:
    cocci.include_match(False)

@depends on patch disable ptr_to_array, fld_to_ptr@
identifier F, inc;
expression E;
position gua.p;
identifier guag.G;
@@
(
- inc@p(\(&(E)->F\|&((E)->F)\))
+ G(E)
|
- inc@p(\(&E->F\|&(E->F)\))
+ G(E)
)

@gud depends on patch disable ptr_to_array, fld_to_ptr@
identifier F : script:python() { is_field(F) };
expression E;
identifier inc = {atomic_inc, refcount_inc};
position p;
@@
inc@p(\(&E.F\|&(E.F)\))

@script:python gudg depends on patch@
E << gud.E;
F << gud.F;
p << gud.p;
G;
@@
coccinelle.G = typed_get(E, F, p, ".")
if coccinelle.G is None:
    cocci.include_match(False)

@depends on patch disable ptr_to_array, fld_to_ptr@
identifier F, inc;
expression E;
position gud.p;
identifier gudg.G;
@@
- inc@p(\(&E.F\|&(E.F)\))
+ G(&E)

// ---------------------------------------------------------------------------
// the release idiom, when PUT is exactly it

@pa disable ptr_to_array, fld_to_ptr@
identifier S, R;
identifier F : script:python() { is_field(F) };
{struct S *} E;
identifier dec = {atomic_dec_and_test, refcount_dec_and_test};
position p : script:python() { wanted(p, "put") };
@@
(
if (unlikely(dec@p(&E->F)))
	R(E);
|
if (dec@p(&E->F))
	R(E);
)

@script:python depends on collect@
S << pa.S;
F << pa.F;
R << pa.R;
p << pa.p;
@@
rc.emit("put", p, S, F, R, p[0].current_element)

@script:python pag depends on patch@
S << pa.S;
F << pa.F;
R << pa.R;
p << pa.p;
P;
@@
if put_ok(S, F, R, p):
    coccinelle.P = GRAB[(S, F)][1]
else:
    cocci.include_match(False)

@depends on patch disable ptr_to_array, fld_to_ptr@
identifier F, R, dec;
expression E;
position pa.p;
identifier pag.P;
@@
(
- if (unlikely(dec@p(&(E)->F)))
-	R(...);
+ P(E);
|
- if (unlikely(dec@p(&E->F)))
-	R(...);
+ P(E);
|
- if (dec@p(&(E)->F))
-	R(...);
+ P(E);
|
- if (dec@p(&E->F))
-	R(...);
+ P(E);
)

@script:python depends on report || org@
p << pa.p;
@@
SITES.tell(p, mode())

// ---------------------------------------------------------------------------
// context: the sites patch mode changes

@depends on context@
position ga.p;
identifier inc;
@@
* inc@p(...)

@depends on context@
position gd.p;
identifier inc;
@@
* inc@p(...)

@depends on context@
position pa.p;
identifier dec;
@@
* dec@p(...)

// ---------------------------------------------------------------------------
// collect, report, org: every other use of FIELD by the four functions (the
// decide step says why each is kept)

@ka depends on collect || report || org disable ptr_to_array, fld_to_ptr@
identifier S;
identifier F : script:python() { is_field(F) };
{struct S *} E;
identifier hf = {atomic_inc, refcount_inc, atomic_dec_and_test, refcount_dec_and_test};
position p : script:python() { wanted(p, "kept") };
@@
hf@p(\(&E->F\|&(E->F)\))

@script:python depends on collect@
S << ka.S;
F << ka.F;
hf << ka.hf;
p << ka.p;
@@
rc.emit("ptr", p, S, F, hf, p[0].current_element)

@script:python depends on report || org@
p << ka.p;
@@
SITES.tell(p, mode())

@kd depends on collect || report || org disable ptr_to_array, fld_to_ptr@
identifier S;
identifier F : script:python() { is_field(F) };
{struct S} E;
identifier hf = {atomic_inc, refcount_inc, atomic_dec_and_test, refcount_dec_and_test};
position p : script:python() { wanted(p, "kept") };
@@
hf@p(&E.F)

@script:python depends on collect@
S << kd.S;
F << kd.F;
hf << kd.hf;
p << kd.p;
@@
rc.emit("obj", p, S, F, hf, p[0].current_element)

@script:python depends on report || org@
p << kd.p;
@@
SITES.tell(p, mode())

@ku depends on collect || report || org || context disable ptr_to_array, fld_to_ptr@
identifier F : script:python() { is_field(F) };
expression E;
identifier hf = {atomic_inc, refcount_inc, atomic_dec_and_test, refcount_dec_and_test};
position p : script:python() { wanted_untyped(p) };
@@
hf@p(\(&E->F\|&E.F\))

@script:python depends on collect@
F << ku.F;
E << ku.E;
hf << ku.hf;
p << ku.p;
@@
rc.emit("untyped", p, F, E, hf, p[0].current_element)

@script:python depends on report || org@
p << ku.p;
@@
SITES.tell(p, mode())

// context: the gets the decide step typed from the text (a get spatch
// typed was starred above, and no longer matches)
@depends on context@
position ku.p;
identifier hf;
@@
* hf@p(...)
