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
/// X whose type spatch cannot infer (a macro such as current, a global
/// declared in a header not given to spatch), and dec_and_test uses that are
/// not the plain release idiom (the result is used, or the branch does more).
//
// PUT's definition usually lives in a header while the idioms are in .c
// files, so the driver runs a collect pass over the files that name a PUT,
// scripts/decide-grab.py keeps the PUTs whose body is the idiom, and the
// patch/report pass converts. Run it through scripts/run-cocci.sh.
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
sys.path.insert(0, os.environ.get("REFCONV_PYLIB", ""))
import refconv_spec

SPEC = refconv_spec.load()
WORK = os.environ.get("REFCONV_WORK", "")
# (TYPE, FIELD) -> (GET, PUT or None)
GRAB = {}
for a in SPEC["grab"]:
    GRAB[(a[0], a[1])] = (a[2], a[3] if len(a) > 3 else None)
FIELDS = set(f for (_, f) in GRAB)
HELPERS = set(h for v in GRAB.values() for h in v if h)
# (TYPE, FIELD) -> the release function PUT calls, from the decide step
PUTS = {}
if WORK and os.path.exists(os.path.join(WORK, "puts")):
    with open(os.path.join(WORK, "puts")) as f:
        for l in f:
            t, fld, rel = l.split()
            PUTS[(t, fld)] = rel
DONE = set()
_out = None

def key(p):
    return (p[0].file, p[0].line, p[0].column)

def is_helper(h):
    return h in HELPERS

def is_field(f):
    return f in FIELDS

def fresh(p):
    return key(p) not in DONE

def helper_body(p):
    return p[0].current_element in HELPERS

def get_ok(S, F, p):
    return (S, F) in GRAB and not helper_body(p)

def put_ok(S, F, R, p):
    return GRAB.get((S, F), (0, None))[1] is not None and \
        PUTS.get((S, F)) == R and not helper_body(p)

def tell(p, msg, mode):
    import coccilib.report, coccilib.org
    DONE.add(key(p))
    if msg is None:
        return
    if mode == "report":
        coccilib.report.print_report(p[0], msg)
    elif mode == "org":
        coccilib.org.print_todo(p[0], msg)

def kept(S, F, hf, p):
    what = "%s of struct %s.%s" % (hf, S, F)
    if (S, F) not in GRAB:
        return "INFO: %s kept: not a grab field of the spec" % what
    get, put = GRAB[(S, F)]
    if helper_body(p):
        # the definition of the helper is not a site
        return None
    if "dec" not in hf:
        return "INFO: %s kept: not a plain increment" % what
    if put is None:
        return "INFO: %s kept: the spec names no put helper" % what
    if (S, F) not in PUTS:
        return "INFO: %s kept: no definition of %s() that is exactly the " \
            "release idiom was seen" % (what, put)
    return "INFO: %s kept: not \"if (%s(...)) %s(x);\"" % (what, hf, PUTS[(S, F)])

def mode():
    return "report" if "report" in VIRT else "org"

def emit(*fields):
    global _out
    if not WORK:
        return
    if _out is None:
        _out = open(os.path.join(WORK, "collect.%d" % os.getpid()), "a",
                    buffering=1)
    _out.write("\t".join(str(f) for f in fields) + "\n")

VIRT = set()

@script:python depends on report@
@@
VIRT.add("report")

// ---------------------------------------------------------------------------
// collect: PUT definitions whose body is exactly the release idiom

@cput depends on collect disable ptr_to_array, fld_to_ptr@
identifier hf : script:python() { is_helper(hf) };
identifier S, P, F, R;
@@
void hf(struct S *P)
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
@@
emit("put", hf, S, F, R)

@finalize:python depends on collect@
@@
if _out is not None:
    _out.close()

// ---------------------------------------------------------------------------
// gets through a pointer: &X->F, &(X)->F, &(X->F)

@ga depends on !collect disable ptr_to_array, fld_to_ptr@
identifier S;
identifier F : script:python() { is_field(F) };
{struct S *} E;
identifier inc = {atomic_inc, refcount_inc};
position p;
@@
inc@p(\(&E->F\|&(E->F)\))

@script:python gag@
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
S << ga.S;
F << ga.F;
p << ga.p;
G << gag.G;
@@
tell(p, "WARNING: open-coded get of struct %s.%s: use %s()" % (S, F, G), mode())

// gets on a struct object: &X.F

@gd depends on !collect disable ptr_to_array, fld_to_ptr@
identifier S;
identifier F : script:python() { is_field(F) };
{struct S} E;
identifier inc = {atomic_inc, refcount_inc};
position p;
@@
inc@p(\(&E.F\|&(E.F)\))

@script:python gdg@
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
S << gd.S;
F << gd.F;
p << gd.p;
G << gdg.G;
@@
tell(p, "WARNING: open-coded get of struct %s.%s: use %s()" % (S, F, G), mode())

// ---------------------------------------------------------------------------
// the release idiom, when PUT is exactly it

@pa depends on !collect disable ptr_to_array, fld_to_ptr@
identifier S, R;
identifier F : script:python() { is_field(F) };
{struct S *} E;
identifier dec = {atomic_dec_and_test, refcount_dec_and_test};
position p;
@@
(
if (unlikely(dec@p(&E->F)))
	R(E);
|
if (dec@p(&E->F))
	R(E);
)

@script:python pag@
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
S << pa.S;
F << pa.F;
p << pa.p;
P << pag.P;
@@
tell(p, "WARNING: open-coded put of struct %s.%s: use %s()" % (S, F, P), mode())

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
// report, org: the sites kept, with the reason

@ka depends on report || org disable ptr_to_array, fld_to_ptr@
identifier S;
identifier F : script:python() { is_field(F) };
{struct S *} E;
identifier hf = {atomic_inc, refcount_inc, atomic_dec_and_test, refcount_dec_and_test};
position p : script:python() { fresh(p) };
@@
hf@p(\(&E->F\|&(E->F)\))

@script:python@
S << ka.S;
F << ka.F;
hf << ka.hf;
p << ka.p;
@@
tell(p, kept(S, F, hf, p), mode())

@kd depends on report || org disable ptr_to_array, fld_to_ptr@
identifier S;
identifier F : script:python() { is_field(F) };
{struct S} E;
identifier hf = {atomic_inc, refcount_inc, atomic_dec_and_test, refcount_dec_and_test};
position p : script:python() { fresh(p) };
@@
hf@p(&E.F)

@script:python@
S << kd.S;
F << kd.F;
hf << kd.hf;
p << kd.p;
@@
tell(p, kept(S, F, hf, p), mode())

@ku depends on report || org disable ptr_to_array, fld_to_ptr@
identifier F : script:python() { is_field(F) };
expression E;
identifier hf = {atomic_inc, refcount_inc, atomic_dec_and_test, refcount_dec_and_test};
position p : script:python() { fresh(p) };
@@
hf@p(\(&E->F\|&E.F\))

@script:python@
F << ku.F;
E << ku.E;
hf << ku.hf;
p << ku.p;
@@
tell(p, "INFO: %s of %s kept: spatch cannot infer the type of %s" % (hf, F, E), mode())

