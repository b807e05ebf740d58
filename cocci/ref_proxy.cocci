// SPDX-License-Identifier: GPL-2.0-only
/// Turn a pointer to a revocable resource into a ref_proxy weak reference.
///
/// For each spec line "proxy TYPE FIELD", where FIELD of struct TYPE points
/// to a resource that its provider may remove at any time (a hot-unpluggable
/// device), and the pointer is set up with "x->FIELD = res;" and revoked with
/// "x->FIELD = NULL;" (include/linux/ref_proxy.h, include/refconv/ref_proxy.h):
///  - "RT *FIELD;" -> "struct ref_proxy_provider *FIELD_provider;" and
///    "struct ref_proxy *FIELD;" (the consumer handle);
///  - the set-up -> ref_proxy_provider_alloc() + ref_proxy_alloc(), failing
///    with -ENOMEM the way the function already fails (return, or
///    "ret = -E; goto label;");
///  - the revocation -> ref_proxy_provider_free(), which waits for the
///    accesses in flight; kfree() of the struct frees both handles;
///  - each statement that uses x->FIELD -> REF_PROXY_GET(x->FIELD, FIELD) {
///    if (!FIELD) <revoked>; <the statement on the local FIELD> }, one block
///    per statement, where <revoked> is "return -ENODEV;" in an int function,
///    "ret = -ENODEV; goto label;" where the function fails that way, and
///    "return;" or "goto label;" in a void function ("return f(x->FIELD);"
///    returns from inside the block and takes the revoked path after it,
///    so that the compiler sees every path return); "ret = f(x->FIELD);"
///    with ret the returned variable becomes "ret = FIELD ? f(FIELD) :
///    -ENODEV" in effect, and an existing "if (!x->FIELD)" test is the
///    revoked path itself. REF_PROXY_GET puts the access on every way out of
///    its block (cleanup attribute), so return and goto inside it are safe.
/// A field is converted only if it is revoked somewhere and every use of it
/// is one of these: report mode lists each use that keeps it a plain
/// pointer, and why - the pointer is copied (to a local, a global, another
/// field), returned, has its address taken, is released through the field,
/// is used in a declaration, a loop condition or next to break/continue, it
/// is never set to NULL, or the function has no
/// obvious revoked value (other return types, several error labels, a lock
/// held without an error label).
///
/// "proxy TYPE FIELD revoked-by FLAG" is the hot-unplug driver's shape
/// (drivers/usb/usb-skeleton.c): FIELD holds the owner's own reference
/// (usb_get_intf() in probe, usb_put_intf() in delete) and stays a plain
/// pointer for the owner's calls, and "x->FLAG = 1;" marks the removal.
/// The struct gets FIELD_provider and FIELD_proxy beside FIELD, set up
/// right after "x->FIELD = R;" (failing as the function fails, or through
/// the label of the next goto where it has several); the store becomes the
/// revocation; each "if (x->FLAG) S" that leaves the function becomes
/// REF_PROXY_GET(x->FIELD_proxy, FIELD) { if (!FIELD) S ... }, the block
/// running to the end of the locked region the test is in, unless that
/// region sleeps (wait_event*(), a blocking USB transfer: the revocation's
/// synchronize_srcu() would wait on it), takes another lock or has a goto
/// or label; in a void function with no lock after the test, to the end of
/// the function; otherwise it is the test alone. Inside a block the field's uses
/// become the local, but not the owner's calls (get/put, autopm,
/// unregister...) nor copies. The flag member goes away when nothing else
/// reads it; otherwise it and its store stay and the revocation follows.
//
// The definition is usually in a header and the uses in .c files, so the
// driver runs a collect pass, scripts/decide-ref_proxy.py decides per field,
// and the apply pass converts the fields decided. Run it through
// scripts/run-cocci.sh.
//
// Collect records (KIND FILE LINE COL FIELD...; scripts/lib/README):
//   def T F RT          "RT *F;" in struct T
//   use T F             E->F, E a struct T *
//   site T F FORM WHY   the statement around the use, as the first rule
//                       that claims it classifies it (setup, revoke, check,
//                       assign, wrap, return, bad), and why it cannot be
//                       rewritten, if it cannot
//   free T F            kfree(E), kvfree(E) or free(E) of a struct T *E
//   fguard, fstore, fread, fsetup, fconv T F ...
//                       the flag form's sites (scripts/decide-ref_proxy.py)
//
// Confidence: Moderate
// Copyright: (C) 2026 The refconv developers.
// Options: --no-includes --include-headers --smpl-spacing
// Requires: 1.1.1
// Keywords: ref_proxy, SRCU, revocable, hot-unplug, weak reference
// Prefilter: ->|struct

virtual collect
virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import os, re, sys
if not os.environ.get("REFCONV_PYLIB"):
    sys.stderr.write("ref_proxy.cocci: run it with scripts/run-cocci.sh or \"make coccicheck\"\n")
    os._exit(2)
sys.path.insert(0, os.environ["REFCONV_PYLIB"])
import refconv_cocci as rc
rc.require_driver("ref_proxy.cocci")
import refconv_spec

SPEC = refconv_spec.load()["proxy"]
PAIRS = set((a[0], a[1]) for a in SPEC)
# "proxy T F revoked-by FLAG": (T, F) -> FLAG
FLAGS = {(a[0], a[1]): a[3] for a in SPEC if a[2:3] == ("revoked-by",)}
FLAGNAMES = set(FLAGS.values())
FIELDS = set(f for (_, f) in PAIRS)
TYPES = set(t for (t, _) in PAIRS)
# (TYPE, FIELD) -> resource type, for the fields the decide step converts
OK = {(r[0], r[1]): r[2] for r in rc.rows("fields")}
# the fields of OK: the NULL form's patch rules look for nothing else (a
# function with many uses of another field makes them slow)
OKFIELDS = set(f for (_, f) in OK)
# flag-revoked fields converted: (TYPE, FIELD) -> (RT, FLAG, whether the
# flag member goes away)
FOK = {(r[0], r[1]): (r[2], r[3], r[4] == "drop") for r in rc.rows("flagfields")}
# fields that already are consumer handles: nothing to say about them
PAIRS.difference_update((r[0], r[1]) for r in rc.rows("converted"))
SITES = rc.Sites()

INTS = {"int", "long", "long int", "ssize_t", "s32", "s64", "__s32", "__s64"}
LOCKS = {"mutex_lock", "mutex_lock_interruptible", "mutex_lock_killable",
         "spin_lock", "spin_lock_irq", "spin_lock_irqsave", "spin_lock_bh",
         "read_lock", "write_lock", "down", "down_interruptible",
         "down_read", "down_write", "rcu_read_lock", "srcu_read_lock",
         "pthread_mutex_lock", "pthread_rwlock_rdlock",
         "pthread_rwlock_wrlock"}
# a function name that matches nothing: what the patch-mode scripts bind
# for a function that a variant does not apply to (include_match(False)
# would drop the match for the other variants' rules too)
NOFN = "refconv_no_such_function_"
# per function of the file being processed, keyed (file, function)
RET = {}
RETVARS = {}
LABELS = {}
# (line, label) of each goto, per function
GOTOS = {}
ERRPAIRS = {}
LOCKED = set()
NAMES = {}
# positions a classification rule has claimed
DONE = set()
# (file, line, column) of frees that the revocation reaches on every path
REVFREE = set()
# the mode: collect, report or org (None: patch, context)
MODE = [None]
INC = rc.LastInclude()
# whether patch mode changes the file being processed
CHANGED = [False]

def cand(t, f):
    """A field of the NULL form ("x->FIELD = NULL;" revokes it)."""
    return (t, f) in PAIRS and (t, f) not in FLAGS

def fcand(t, fl):
    """The spec fields of struct T that the flag FL revokes."""
    return sorted(f for (tt, f), x in FLAGS.items() if tt == t and x == fl and (t, f) in PAIRS)

def isflag(fl):
    return fl in FLAGNAMES

def drops(t, fl):
    """Whether the flag member FL of struct T goes away."""
    return any(x[1] == fl and x[2] for (tt, _), x in FOK.items() if tt == t)

# calls through which the owner holds and drops its own reference: they keep
# the plain pointer, also inside an access, and are never made conditional
OWNER = ("get", "put", "autopm", "unregister", "deregister", "notifier",
         "free", "release", "kill")

def owner_call(fn):
    return any(w in fn for w in OWNER)

# sleeping waits that an access must not span: the revocation's
# synchronize_srcu() would wait for the event too
SLEEPS = ("wait_event", "wait_for_completion", "usb_bulk_msg",
          "usb_control_msg", "usb_interrupt_msg", "msleep", "ssleep",
          "usleep_range", "schedule", "pthread_cond_wait", "sleep")

def sleeps(fn):
    return any(fn.startswith(w) for w in SLEEPS)

UNLOCKS = {"mutex_unlock", "spin_unlock", "spin_unlock_irq",
           "spin_unlock_irqrestore", "spin_unlock_bh", "read_unlock",
           "write_unlock", "up", "up_read", "up_write", "rcu_read_unlock",
           "srcu_read_unlock", "pthread_mutex_unlock", "pthread_rwlock_unlock"}

def guard_why(s):
    """Why the statement S run when the flag is set is not a revoked path
    that a REF_PROXY_GET block may wrap, or None."""
    t = str(s)
    if not re.search(r"\b(return|goto)\b", t):
        return "does not leave the function: the flag decides something else"
    if re.search(r"\b(\w*(delete|free|release|put)\w*)\s*\(", t):
        return "releases the holder: it cannot run inside an access"
    return None

def okf(t, f):
    return (t, f) in OK

def okfield(f):
    return f in OKFIELDS

def isfield(f):
    return f in FIELDS

def istype(t):
    return t in TYPES

def changes(p):
    """Whether patch mode changes the site at P (context marks it)."""
    return SITES.kind(p) not in (None, "kept")

def fkey(p):
    return (p[0].file, p[0].current_element)

def fresh(p):
    return rc.key(p) not in DONE

def revoked(p, err):
    """The revoked path of the function at P: (statement text, None) or
    (None, why not)."""
    k = fkey(p)
    ret = RET.get(k, "")
    labels = LABELS.get(k, set())
    pairs = ERRPAIRS.get(k, set())
    if ret in INTS:
        if not labels:
            if k in LOCKED:
                return None, "a lock is held and the function has no error label"
            return "return -%s;" % err, None
        if len(pairs) == 1 and labels == set(l for (_, l) in pairs):
            x, l = next(iter(pairs))
            return "{ %s = -%s; goto %s; }" % (x, err, l), None
        return None, "several error labels or no \"ret = -E; goto label;\": " \
            "the revoked path needs a hand-picked exit"
    if ret == "void" and err == "ENODEV":
        if not labels:
            if k in LOCKED:
                return None, "a lock is held and the function has no error label"
            return "return;", None
        if len(labels) == 1:
            return "goto %s;" % next(iter(labels)), None
        return None, "several labels: the revoked path needs a hand-picked exit"
    return None, "%s() returns %s: no obvious revoked value" \
        % (p[0].current_element, ret or "an unknown type")

def setup_failure(p):
    """The way the set-up at P fails: the function's own revoked path for
    -ENOMEM or, where it has several error labels, "ret = -ENOMEM; goto L;"
    with L the label of the first goto after P (what the next failure would
    release is what is allocated here) and ret the variable it returns.
    (statement text, None) or (None, why not)."""
    rs, why = revoked(p, "ENOMEM")
    if rs is not None:
        return rs, why
    k = fkey(p)
    xs = RETVARS.get(k, set())
    later = sorted(g for g in GOTOS.get(k, []) if g[0] > int(p[0].line))
    if RET.get(k, "") not in INTS or len(xs) != 1 or not later:
        return None, why
    return "{ %s = -ENOMEM; goto %s; }" % (next(iter(xs)), later[0][1]), None

def variant(t, f, p, err, goto):
    """The revoked path for ERR of the function at P, for the patch rules
    of one variant: a "X = -E; goto L;" block exactly when GOTO. None when
    T.F does not convert or the variant does not apply."""
    rs, _ = revoked(p, err)
    if not okf(t, f) or rs is None or rs.startswith("{") != goto:
        return None
    return rs

def variant_fn(fn, rs):
    """FN for a variant's rules, or a name that matches no function when the
    variant does not apply (RS is None)."""
    return cocci.make_ident(fn if rs is not None else NOFN)

def errpair(p):
    """The identifiers X and L of the function's "X = -E; goto L;"."""
    x, l = next(iter(ERRPAIRS[fkey(p)]))
    return cocci.make_ident(x), cocci.make_ident(l)

def assigns_field(e):
    """Whether the expression E is an assignment to a spec field (a set-up
    or a revocation, which are not wrapped)."""
    return re.match(r"^[^=]*->\s*(%s)\s*=(?!=)" % "|".join(map(re.escape, FIELDS)),
                    str(e)) is not None

def local_name(p, f):
    """The local that receives the resource: the field's name unless the
    function already has an identifier of that name."""
    return f if f not in NAMES.get(fkey(p), set()) else f + "_res"

def classify(t, f, p, form, why=None):
    """Record (collect) or tell (report, org) one use of TYPE.FIELD: the
    first rule that claims a position decides its FORM."""
    if not fresh(p):
        return
    DONE.add(rc.key(p))
    if MODE[0] != "collect":
        SITES.tell(p, MODE[0])
        return
    if form in ("wrap", "return") and why is None:
        _, why = revoked(p, "ENODEV")
    elif form == "setup" and why is None:
        _, why = revoked(p, "ENOMEM")
        if why is not None:
            why = "the set-up cannot fail cleanly: " + why
    rc.emit("site", p, t, f, form, why or "")

@script:python@
@@
# once per file
CHANGED[0] = False

@script:python depends on collect@
@@
MODE[0] = "collect"

@script:python depends on report@
@@
MODE[0] = "report"

@script:python depends on org@
@@
MODE[0] = "org"

// ---------------------------------------------------------------------------
// the definition

@def depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
type RT;
position p;
@@
struct T { ... RT *F@p; ... };

@script:python@
T << def.T;
F << def.F;
RT << def.RT;
p << def.p;
@@
if (T, F) in PAIRS:
    if MODE[0] == "collect":
        rc.emit("def", p, T, F, RT)
    else:
        SITES.tell(p, MODE[0])

@defp depends on patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
type RT;
position p : script:python(T, F) { okf(T, F) };
@@
struct T { ... RT *F@p; ... };

@script:python defn@
F << defp.F;
PF;
@@
CHANGED[0] = True
coccinelle.PF = cocci.make_ident(F + "_provider")

@depends on patch@
identifier defp.T, defp.F, defn.PF;
type defp.RT;
@@
struct T { ...
- RT *F;
+ struct ref_proxy_provider *PF;
+ struct ref_proxy *F;
  ...
};

// ---------------------------------------------------------------------------
// what each function looks like: return type and variables, error labels,
// locks, names in use

@fret@
identifier fn;
type RT;
position p;
@@
RT fn@p(...) { ... }

@script:python@
RT << fret.RT;
p << fret.p;
@@
RET[fkey(p)] = " ".join(str(RT).replace("static", "").replace("inline", "").split())

@fretvar@
identifier x;
position p;
@@
return x@p;

@script:python@
x << fretvar.x;
p << fretvar.p;
@@
RETVARS.setdefault(fkey(p), set()).add(x)

@flabel@
identifier L;
position p;
@@
goto L@p;

@script:python@
L << flabel.L;
p << flabel.p;
@@
LABELS.setdefault(fkey(p), set()).add(L)
GOTOS.setdefault(fkey(p), []).append((int(p[0].line), L))

@ferr@
identifier x, L;
expression C;
position p;
@@
x = -C;
goto L@p;

@script:python@
x << ferr.x;
L << ferr.L;
p << ferr.p;
@@
ERRPAIRS.setdefault(fkey(p), set()).add((x, L))

@flock@
identifier lk : script:python() { lk in LOCKS };
position p;
@@
lk@p(...)

@script:python@
p << flock.p;
@@
LOCKED.add(fkey(p))

@fnames0@
identifier fn, x;
type T;
position p;
@@
fn(..., T x@p, ...) { ... }

@script:python@
x << fnames0.x;
p << fnames0.p;
@@
NAMES.setdefault(fkey(p), set()).add(x)

@fnames1@
identifier x;
type T;
position p;
@@
T x@p;

@script:python@
x << fnames1.x;
p << fnames1.p;
@@
NAMES.setdefault(fkey(p), set()).add(x)

@fnames2@
identifier x;
type T;
position p;
@@
T x@p = ...;

@script:python@
x << fnames2.x;
p << fnames2.p;
@@
NAMES.setdefault(fkey(p), set()).add(x)

// ---------------------------------------------------------------------------
// classification of every use of a spec field through a typed pointer: the
// first rule that claims a use decides (collect records it, report tells)

@uall depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
position p;
@@
E->F@p

@script:python depends on collect@
T << uall.T;
F << uall.F;
p << uall.p;
@@
if cand(T, F):
    rc.emit("use", p, T, F)

// the reasons, one rule each, so that each says its own

@bad1 depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
identifier x;
type LT;
position p : script:python() { fresh(p) };
@@
LT x = E->F@p;

@script:python@
T << bad1.T;
F << bad1.F;
x << bad1.x;
p << bad1.p;
@@
if cand(T, F):
    classify(T, F, p, "bad", "copied to the local %s: the access cannot be "
             "scoped" % x)

@bad2 depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
expression X;
position p : script:python() { fresh(p) };
@@
(
  E->F = E->F@p
|
  X = E->F@p
)

@script:python@
T << bad2.T;
F << bad2.F;
X << bad2.X;
p << bad2.p;
@@
if cand(T, F):
    classify(T, F, p, "bad", "stored elsewhere (%s): it would escape the "
             "access" % X)

@bad3 depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
position p : script:python() { fresh(p) };
@@
return E->F@p;

@script:python@
T << bad3.T;
F << bad3.F;
p << bad3.p;
@@
if cand(T, F):
    classify(T, F, p, "bad", "returned: it would escape the access")

@bad4 depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
position p : script:python() { fresh(p) };
@@
\(&E->F@p\|&(E->F@p)\)

@script:python@
T << bad4.T;
F << bad4.F;
p << bad4.p;
@@
if cand(T, F):
    classify(T, F, p, "bad", "its address is taken")

@bad5 depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
identifier rel : script:python() {
	any(w in rel for w in ("put", "free", "release", "destroy", "unregister"))
};
struct T *E;
position p : script:python() { fresh(p) };
@@
rel(..., E->F@p, ...)

@script:python@
T << bad5.T;
F << bad5.F;
rel << bad5.rel;
p << bad5.p;
@@
if cand(T, F):
    classify(T, F, p, "bad", "released through the field (%s()): the "
             "provider must own the release" % rel)

@bad6 depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
identifier x;
type LT;
expression E1, E2;
statement S1;
position p : script:python() { fresh(p) };
@@
(
  LT x = <+... E->F@p ...+>;
|
  while (<+... E->F@p ...+>) S1
|
  for (E1; <+... E->F@p ...+>; E2) S1
)

@script:python@
T << bad6.T;
F << bad6.F;
p << bad6.p;
@@
if cand(T, F):
    classify(T, F, p, "bad", "used in a declaration or a loop condition: "
             "no statement to scope")

@bad7 depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
statement S1, S2;
position p : script:python() { fresh(p) };
@@
\(if (<+... E->F@p ...+>) S1 else S2\|if (<+... E->F@p ...+>) S1\)

@script:python@
T << bad7.T;
F << bad7.F;
S1 << bad7.S1;
S2 << bad7.S2 = "";
p << bad7.p;
@@
if cand(T, F) and re.search(r"\b(break|continue)\s*;", str(S1) + str(S2)):
    classify(T, F, p, "bad", "the statement has a break or continue, which "
             "REF_PROXY_GET's hidden loop would catch")

// the set-up, the revocation and the revoked test

@cnull depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
position p : script:python() { fresh(p) };
@@
E->F@p = NULL;

@script:python@
T << cnull.T;
F << cnull.F;
p << cnull.p;
@@
if cand(T, F):
    classify(T, F, p, "revoke")

@cset depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
expression R;
position p : script:python() { fresh(p) };
@@
E->F@p = R;

@script:python@
T << cset.T;
F << cset.F;
p << cset.p;
@@
if cand(T, F):
    classify(T, F, p, "setup")

@ccheck depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
statement S;
position p : script:python() { fresh(p) };
@@
(
  if (!E->F@p) S
|
  if (E->F@p == NULL) S
)

@script:python@
T << ccheck.T;
F << ccheck.F;
p << ccheck.p;
@@
if cand(T, F):
    classify(T, F, p, "check")

// accesses: the innermost statement around the use is wrapped

@cassign depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
identifier x;
position p : script:python() { fresh(p) };
@@
x = <+... E->F@p ...+>;

@script:python@
T << cassign.T;
F << cassign.F;
x << cassign.x;
p << cassign.p;
@@
if cand(T, F):
    if x in RETVARS.get(fkey(p), set()) and RET.get(fkey(p)) in INTS:
        classify(T, F, p, "assign")

@cwrap depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
expression e;
statement S1, S2;
position p : script:python() { fresh(p) };
@@
(
  if (<+... E->F@p ...+>) S1 else S2
|
  if (<+... E->F@p ...+>) S1
|
  return <+... E->F@p ...+>;
|
  \(e \& <+... E->F@p ...+>\);
)

@script:python@
T << cwrap.T;
F << cwrap.F;
p << cwrap.p;
@@
if cand(T, F):
    classify(T, F, p, "wrap")

// the holder's release

@cfree depends on !patch@
identifier T : script:python() { istype(T) };
struct T *E;
identifier kf = {kfree, kvfree, free};
position p;
@@
kf@p(E)

@script:python@
T << cfree.T;
p << cfree.p;
@@
if MODE[0] != "collect":
    SITES.tell(p, MODE[0])
else:
    for (t, f) in sorted(PAIRS):
        if t == T:
            rc.emit("free", p, T, f)

// "proxy TYPE FIELD revoked-by FLAG": FIELD stays the owner's plain pointer;
// what the decide step needs is where FLAG is set, tested and read, where
// FIELD is set up, and whether the struct already has the proxy

@fconv depends on !patch@
identifier T : script:python() { istype(T) };
identifier PX;
position p;
@@
struct T { ... struct ref_proxy *PX@p; ... };

@script:python depends on collect@
T << fconv.T;
PX << fconv.PX;
p << fconv.p;
@@
for (t, f) in FLAGS:
    if t == T and PX == f + "_proxy":
        rc.emit("fconv", p, T, f)

@fguard depends on !patch@
identifier T : script:python() { istype(T) };
identifier FL : script:python() { isflag(FL) };
struct T *E;
statement S;
position p;
@@
if (E->FL@p) S

@script:python@
T << fguard.T;
FL << fguard.FL;
S << fguard.S;
p << fguard.p;
@@
for f in fcand(T, FL):
    DONE.add(rc.key(p))
    if MODE[0] != "collect":
        SITES.tell(p, MODE[0])
    else:
        rc.emit("fguard", p, T, f, guard_why(S) or "")

@fstore depends on !patch@
identifier T : script:python() { istype(T) };
identifier FL : script:python() { isflag(FL) };
struct T *E;
expression C;
position p;
@@
E->FL@p = C;

@script:python@
T << fstore.T;
FL << fstore.FL;
C << fstore.C;
p << fstore.p;
@@
for f in fcand(T, FL):
    DONE.add(rc.key(p))
    if MODE[0] != "collect":
        SITES.tell(p, MODE[0])
    elif str(C).strip() in ("0", "false"):
        rc.emit("fread", p, T, f)
    else:
        rc.emit("fstore", p, T, f)

@fread depends on collect@
identifier T : script:python() { istype(T) };
identifier FL : script:python() { isflag(FL) };
struct T *E;
position p : script:python() { fresh(p) };
@@
E->FL@p

@script:python@
T << fread.T;
FL << fread.FL;
p << fread.p;
@@
for f in fcand(T, FL):
    rc.emit("fread", p, T, f)

@fsetup depends on !patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
expression R;
position p;
@@
E->F@p = R;

@script:python@
T << fsetup.T;
F << fsetup.F;
R << fsetup.R;
p << fsetup.p;
@@
if (T, F) in FLAGS and (T, F) in PAIRS:
    if MODE[0] != "collect":
        SITES.tell(p, MODE[0])
    elif str(R).strip() == "NULL":
        rc.emit("fsetup", p, T, F, "cleared to NULL as well: use the NULL form "
                "(\"proxy %s %s\")" % (T, F))
    else:
        _, why = setup_failure(p)
        rc.emit("fsetup", p, T, F, "" if why is None else
                "the set-up cannot fail cleanly: " + why)

@finalize:python depends on collect@
@@
rc.finish()

// ---------------------------------------------------------------------------
// context: the sites patch mode changes (the decide step's sites that are
// not "kept"): the field, each use, the holder's release

@depends on context@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
type RT;
position p : script:python() { changes(p) };
@@
struct T { ...
* RT *F@p;
  ... };

@depends on context@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
position p : script:python() { changes(p) };
@@
* E->F@p

@depends on context@
identifier T : script:python() { istype(T) };
struct T *E;
identifier kf = {kfree, kvfree, free};
position p : script:python() { changes(p) };
@@
* kf@p(E)

// ---------------------------------------------------------------------------
// patch: per function and field, the local's name and the revoked paths

@pfn depends on patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { okfield(F) };
identifier fn;
struct T *E;
position p;
@@
fn(...) { <+... E->F@p ...+> }

@script:python pfs@
T << pfn.T;
F << pfn.F;
p << pfn.p;
fn << pfn.fn;
FN;
R;
RT;
X;
PF;
@@
if not okf(T, F):
    coccinelle.FN = cocci.make_ident(NOFN)
else:
    CHANGED[0] = True
    coccinelle.FN = cocci.make_ident(fn)
    coccinelle.R = cocci.make_ident(local_name(p, F))
    coccinelle.RT = cocci.make_type(OK[(T, F)])
    xs = RETVARS.get(fkey(p), set())
    coccinelle.X = cocci.make_ident(sorted(xs)[0] if len(xs) == 1 else "ret")
    coccinelle.PF = cocci.make_ident(F + "_provider")

// the revoked path of the function: a plain statement (prs, prm) or
// "X = -E; goto L;" (prg, pmg). A script that drops a match drops it for
// every later rule, so each variant binds its own names, NOFN where it does
// not apply. The decide step converts no field with a use in a function
// that has neither.

@script:python prs@
T << pfn.T;
F << pfn.F;
p << pfn.p;
fn << pfn.fn;
FNs;
Rs;
RSs;
@@
rs = variant(T, F, p, "ENODEV", False)
coccinelle.FNs = variant_fn(fn, rs)
if rs is not None:
    coccinelle.Rs = cocci.make_ident(local_name(p, F))
    coccinelle.RSs = cocci.make_stmt(rs)

@script:python prg@
T << pfn.T;
F << pfn.F;
p << pfn.p;
fn << pfn.fn;
FNg;
Rg;
Xg;
Lg;
@@
rs = variant(T, F, p, "ENODEV", True)
coccinelle.FNg = variant_fn(fn, rs)
if rs is not None:
    coccinelle.Rg = cocci.make_ident(local_name(p, F))
    coccinelle.Xg, coccinelle.Lg = errpair(p)

@script:python prm@
T << pfn.T;
F << pfn.F;
p << pfn.p;
fn << pfn.fn;
FNm;
PFm;
RMm;
@@
rm = variant(T, F, p, "ENOMEM", False)
coccinelle.FNm = variant_fn(fn, rm)
if rm is not None:
    coccinelle.PFm = cocci.make_ident(F + "_provider")
    coccinelle.RMm = cocci.make_stmt(rm)

@script:python pmg@
T << pfn.T;
F << pfn.F;
p << pfn.p;
fn << pfn.fn;
FNmg;
PFmg;
Xmg;
Lmg;
@@
rm = variant(T, F, p, "ENOMEM", True)
coccinelle.FNmg = variant_fn(fn, rm)
if rm is not None:
    coccinelle.PFmg = cocci.make_ident(F + "_provider")
    coccinelle.Xmg, coccinelle.Lmg = errpair(p)

// the revoked test: the existing branch is the revoked path (the
// replacement after the next rule turns its x->F into the local)

@depends on patch@
identifier pfs.FN, pfn.T, pfn.F, pfs.R;
struct T *E;
statement S, S1;
iterator name REF_PROXY_GET;
@@
FN(...) { <...
(
- S
+ REF_PROXY_GET(E->F, R) {
+	S
+ }
&
\(if (!E->F) S1\|if (E->F == NULL) S1\)
)
...> }

// "ret = ...x->F...;" with ret what the function returns

@depends on patch@
identifier pfs.FN, pfn.T, pfn.F, pfs.R, pfs.X;
struct T *E;
expression e;
iterator name REF_PROXY_GET;
@@
FN(...) { <...
- X = \(e \& <+... E->F ...+>\);
+ REF_PROXY_GET(E->F, R) {
+	if (R)
+		X = e;
+	else
+		X = -ENODEV;
+ }
...> }

@depends on patch@
identifier pfs.FN, pfn.T, pfn.F, pfs.R;
struct T *E;
iterator name REF_PROXY_GET;
@@
FN(...) { <...
REF_PROXY_GET(E->F, R) {
	<...
-	E->F
+	R
	...>
}
...> }

// if statements whose condition uses the field, whole

@depends on patch@
identifier prs.FNs, pfn.T, pfn.F, prs.Rs;
statement prs.RSs;
struct T *E;
expression e : script:python() { not assigns_field(e) };
statement S, S1, S2;
iterator name REF_PROXY_GET;
@@
FNs(...) { <...
(
- S
+ REF_PROXY_GET(E->F, Rs) {
+	if (!Rs)
+		RSs
+	S
+ }
&
\(if (<+... E->F ...+>) S1 else S2\|if (<+... E->F ...+>) S1\)
)
...> }

@depends on patch@
identifier prs.FNs, pfn.T, pfn.F, prs.Rs;
struct T *E;
iterator name REF_PROXY_GET;
@@
FNs(...) { <...
REF_PROXY_GET(E->F, Rs) {
	<...
-	E->F
+	Rs
	...>
}
...> }

@depends on patch@
identifier prg.FNg, pfn.T, pfn.F, prg.Rg, prg.Xg, prg.Lg;
struct T *E;
expression e : script:python() { not assigns_field(e) };
statement S, S1, S2;
iterator name REF_PROXY_GET;
@@
FNg(...) { <...
(
- S
+ REF_PROXY_GET(E->F, Rg) {
+	if (!Rg) {
+		Xg = -ENODEV;
+		goto Lg;
+	}
+	S
+ }
&
\(if (<+... E->F ...+>) S1 else S2\|if (<+... E->F ...+>) S1\)
)
...> }

@depends on patch@
identifier prg.FNg, pfn.T, pfn.F, prg.Rg;
struct T *E;
iterator name REF_PROXY_GET;
@@
FNg(...) { <...
REF_PROXY_GET(E->F, Rg) {
	<...
-	E->F
+	Rg
	...>
}
...> }

// return and expression statements (not the set-up or the revocation)

@depends on patch@
identifier prs.FNs, pfn.T, pfn.F, prs.Rs;
statement prs.RSs;
struct T *E;
expression e : script:python() { not assigns_field(e) };
iterator name REF_PROXY_GET;
@@
FNs(...) { <...
(
- return \(e \& <+... E->F ...+>\);
+ REF_PROXY_GET(E->F, Rs) {
+	if (Rs)
+		return e;
+ }
+ RSs
|
- \(e \& <+... E->F ...+>\);
+ REF_PROXY_GET(E->F, Rs) {
+	if (!Rs)
+		RSs
+	e;
+ }
)
...> }

@depends on patch@
identifier prs.FNs, pfn.T, pfn.F, prs.Rs;
struct T *E;
iterator name REF_PROXY_GET;
@@
FNs(...) { <...
REF_PROXY_GET(E->F, Rs) {
	<...
-	E->F
+	Rs
	...>
}
...> }

@depends on patch@
identifier prg.FNg, pfn.T, pfn.F, prg.Rg, prg.Xg, prg.Lg;
struct T *E;
expression e : script:python() { not assigns_field(e) };
iterator name REF_PROXY_GET;
@@
FNg(...) { <...
(
- return \(e \& <+... E->F ...+>\);
+ REF_PROXY_GET(E->F, Rg) {
+	if (Rg)
+		return e;
+ }
+ Xg = -ENODEV;
+ goto Lg;
|
- \(e \& <+... E->F ...+>\);
+ REF_PROXY_GET(E->F, Rg) {
+	if (!Rg) {
+		Xg = -ENODEV;
+		goto Lg;
+	}
+	e;
+ }
)
...> }

@depends on patch@
identifier prg.FNg, pfn.T, pfn.F, prg.Rg;
struct T *E;
iterator name REF_PROXY_GET;
@@
FNg(...) { <...
REF_PROXY_GET(E->F, Rg) {
	<...
-	E->F
+	Rg
	...>
}
...> }

// the set-up and the revocation, last: the wrapping above must not see
// the code they add

@depends on patch@
identifier pfs.FN, pfn.T, pfn.F, pfs.PF;
struct T *E;
@@
FN(...) { <...
- E->F = NULL;
+ ref_proxy_provider_free(E->PF);
+ E->PF = NULL;
...> }

@depends on patch@
identifier prm.FNm, pfn.T, pfn.F, prm.PFm;
statement prm.RMm;
struct T *E;
expression R;
@@
FNm(...) { <...
- E->F = R;
+ E->PFm = ref_proxy_provider_alloc(R);
+ E->F = ref_proxy_alloc(E->PFm);
+ if (!E->F) {
+	ref_proxy_provider_free(E->PFm);
+	E->PFm = NULL;
+	RMm
+ }
...> }

@depends on patch@
identifier pmg.FNmg, pfn.T, pfn.F, pmg.PFmg, pmg.Xmg, pmg.Lmg;
struct T *E;
expression R;
@@
FNmg(...) { <...
- E->F = R;
+ E->PFmg = ref_proxy_provider_alloc(R);
+ E->F = ref_proxy_alloc(E->PFmg);
+ if (!E->F) {
+	ref_proxy_provider_free(E->PFmg);
+	E->PFmg = NULL;
+	Xmg = -ENOMEM;
+	goto Lmg;
+ }
...> }

// the local that receives the resource

@depends on patch exists@
identifier pfs.FN, pfs.R;
type pfs.RT;
expression P;
statement S;
iterator name REF_PROXY_GET;
@@
FN(...) {
+ RT *R;
  ... when != RT *R;
  REF_PROXY_GET(P, R) S
  ... when any
}

// a blank line after the declarations, as checkpatch asks, when the local
// is the only one

@depends on patch@
identifier pfs.FN, pfs.R;
type pfs.RT;
statement S;
@@
FN(...) {
  RT *R;
+
  S
  ... when any
}

// ---------------------------------------------------------------------------
// patch, "proxy TYPE FIELD revoked-by FLAG": FIELD stays the owner's plain
// pointer (its get/put, autopm and unregister calls keep using it, on every
// path); the provider and the consumer are new members beside it

// the set-up: the provider and the consumer right after the owner's
// pointer is set, failing the way the function already fails

@pfsu depends on patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
struct T *E;
expression R;
position p : script:python() { SITES.kind(p) == "fsetup" };
@@
E->F@p = R;

@script:python pfsx@
T << pfsu.T;
F << pfsu.F;
E << pfsu.E;
p << pfsu.p;
PF;
PX;
FAIL;
@@
rm, _ = setup_failure(p)
if (T, F) not in FOK or rm is None:
    cocci.include_match(False)
else:
    CHANGED[0] = True
    pf, px = F + "_provider", F + "_proxy"
    coccinelle.PF = cocci.make_ident(pf)
    coccinelle.PX = cocci.make_ident(px)
    coccinelle.FAIL = cocci.make_stmt(
        "if (!%s->%s) {\nref_proxy_provider_free(%s->%s);\n%s->%s = NULL;\n%s\n}"
        % (E, px, E, pf, E, pf, rm.strip("{} ")))

@depends on patch@
identifier pfsu.T, pfsu.F, pfsx.PF, pfsx.PX;
struct T *E;
expression R;
statement pfsx.FAIL;
position pfsu.p;
@@
  E->F@p = R;
+ E->PF = ref_proxy_provider_alloc(E->F);
+ E->PX = ref_proxy_alloc(E->PF);
+ FAIL


// the store that sets the flag revokes (and stays if the flag does)

@pfst depends on patch@
identifier T : script:python() { istype(T) };
identifier FL : script:python() { isflag(FL) };
struct T *E;
expression C;
position p : script:python() { SITES.kind(p) == "fstore" };
@@
E->FL@p = C;

@script:python pfsn@
T << pfst.T;
FL << pfst.FL;
PF;
@@
fs = [f for f in fcand(T, FL) if (T, f) in FOK]
if not fs:
    cocci.include_match(False)
else:
    CHANGED[0] = True
    coccinelle.PF = cocci.make_ident(fs[0] + "_provider")

@depends on patch@
identifier pfst.T, pfst.FL, pfsn.PF;
struct T *E;
expression C;
position p : script:python(T, FL) { SITES.kind(p) == "fstore" and drops(T, FL) };
@@
- E->FL@p = C;
+ ref_proxy_provider_free(E->PF);
+ E->PF = NULL;

@depends on patch@
identifier pfst.T, pfst.FL, pfsn.PF;
struct T *E;
expression C;
position p : script:python(T, FL) { SITES.kind(p) == "fstore" and not drops(T, FL) };
@@
  E->FL@p = C;
+ ref_proxy_provider_free(E->PF);
+ E->PF = NULL;

@fdefp depends on patch@
identifier T : script:python() { istype(T) };
identifier F : script:python() { isfield(F) };
type RT;
position p : script:python(T, F) { (T, F) in FOK };
@@
struct T { ... RT *F@p; ... };

@script:python fdefn@
F << fdefp.F;
PF;
PX;
@@
CHANGED[0] = True
coccinelle.PF = cocci.make_ident(F + "_provider")
coccinelle.PX = cocci.make_ident(F + "_proxy")

@depends on patch@
identifier fdefp.T, fdefp.F, fdefn.PF, fdefn.PX;
type fdefp.RT;
@@
struct T { ...
+ struct ref_proxy_provider *PF;
+ struct ref_proxy *PX;
  RT *F;
  ...
};

// the flag member goes when nothing but its store and tests read it

@depends on patch@
identifier T : script:python() { istype(T) };
identifier FL : script:python(T) { drops(T, FL) };
type FT;
constant c;
@@
struct T { ...
- FT FL:c;
  ...
};

@depends on patch@
identifier T : script:python() { istype(T) };
identifier FL : script:python(T) { drops(T, FL) };
type FT;
@@
struct T { ...
- FT FL;
  ...
};

// the tests "if (x->FLAG) S", S leaving the function: one access from the
// test to the end of the locked region it is in (when the region has no
// sleeping wait and takes no other lock), else around the test alone

@pflg depends on patch@
identifier T : script:python() { istype(T) };
identifier FL : script:python() { isflag(FL) };
identifier fn;
struct T *E;
statement S;
position p : script:python() { SITES.kind(p) == "fguard" };
@@
fn(...) { <+... if (E->FL@p) S ...+> }

@script:python pfls@
T << pflg.T;
FL << pflg.FL;
p << pflg.p;
fn << pflg.fn;
FN;
FNV;
F;
R;
RT;
PX;
@@
fs = [f for f in fcand(T, FL) if (T, f) in FOK]
coccinelle.FN = cocci.make_ident(fn if fs else NOFN)
# a block may end with the function only in a void one: after a return
# inside the block's hidden loop, the compiler sees a path without a value
coccinelle.FNV = cocci.make_ident(fn if fs and RET.get(fkey(p)) == "void" else NOFN)
if fs:
    CHANGED[0] = True
    coccinelle.F = cocci.make_ident(fs[0])
    coccinelle.R = cocci.make_ident(local_name(p, fs[0]))
    coccinelle.RT = cocci.make_type(FOK[(T, fs[0])][0])
    coccinelle.PX = cocci.make_ident(fs[0] + "_proxy")

@depends on patch@
identifier pfls.FN, pflg.T, pflg.FL, pfls.R, pfls.PX;
struct T *E;
statement S;
identifier slp : script:python() { sleeps(slp) };
identifier lk : script:python() { lk in LOCKS };
identifier ul : script:python() { ul in UNLOCKS };
identifier L;
expression list es;
iterator name REF_PROXY_GET;
@@
FN(...) { <...
+ REF_PROXY_GET(E->PX, R) {
  if (
- E->FL
+ !R
  ) S
  ... when != slp(...)
      when != lk(...)
      when != goto L;
      when != L:
+ }
- ul(es);
+ ul(es);
...> }

// a test in a void function's own statements, with no unlock, lock, wait,
// goto or label after it: the access runs to the end of the function

@depends on patch@
identifier pfls.FNV, pflg.T, pflg.FL, pfls.R, pfls.PX;
struct T *E;
statement S, S2;
identifier slp : script:python() { sleeps(slp) };
identifier lk : script:python() { lk in LOCKS or lk in UNLOCKS };
identifier L;
iterator name REF_PROXY_GET;
@@
FNV(...) {
  ... when != E->FL
+ REF_PROXY_GET(E->PX, R) {
  if (
- E->FL
+ !R
  ) S
  ... when != slp(...)
      when != lk(...)
      when != goto L;
      when != L:
- S2
+ S2
+ }
}

@depends on patch@
identifier pfls.FN, pflg.T, pflg.FL, pfls.R, pfls.PX;
struct T *E;
statement S;
iterator name REF_PROXY_GET;
@@
FN(...) { <...
+ REF_PROXY_GET(E->PX, R) {
  if (
- E->FL
+ !R
  ) S
+ }
...> }

// inside an access, the resource is the block's local; the owner's calls
// and anything that would let the pointer escape keep the owner's pointer

@depends on patch@
identifier pfls.FN, pflg.T, pfls.F, pfls.R, pfls.PX;
identifier own : script:python() { owner_call(own) };
struct T *E;
expression X;
iterator name REF_PROXY_GET;
@@
FN(...) { <...
REF_PROXY_GET(E->PX, R) {
	<...
(
	own(..., E->F, ...)
|
	X = E->F
|
-	E->F
+	R
)
	...>
}
...> }

@depends on patch exists@
identifier pfls.FN, pfls.R;
type pfls.RT;
expression P;
statement S;
iterator name REF_PROXY_GET;
@@
FN(...) {
+ RT *R;
  ... when != RT *R;
  REF_PROXY_GET(P, R) S
  ... when any
}

@depends on patch@
identifier pfls.FN, pfls.R;
type pfls.RT;
statement S;
@@
FN(...) {
  RT *R;
+
  S
  ... when any
}

// the holder's release frees both handles (revoking if still needed)

@pfree depends on patch@
identifier T : script:python() { istype(T) };
struct T *E;
identifier kf = {kfree, kvfree, free};
@@
kf(E);

@script:python pff@
T << pfree.T;
F;
PF;
@@
fs = sorted(f for (t, f) in OK if t == T)
ffs = sorted(f for (t, f) in FOK if t == T)
if not fs and not ffs:
    cocci.include_match(False)
else:
    # a flag-revoked field's consumer is FIELD_proxy; FIELD is the owner's
    CHANGED[0] = True
    f = fs[0] if fs else ffs[0]
    coccinelle.F = cocci.make_ident(f if fs else f + "_proxy")
    coccinelle.PF = cocci.make_ident(f + "_provider")

// a free that every path from the function's entry reaches through the
// revocation only needs the consumer freed: a second, NULL-safe
// ref_proxy_provider_free() would read like a double free in review

@revfree depends on patch@
identifier pfree.T, pfree.kf, pff.F, pff.PF, fn;
struct T *E;
position p;
@@
fn(...) {
  ... when != kf(E)
  ref_proxy_provider_free(E->PF);
  E->PF = NULL;
  ... when != E->PF = ...
      when != kf(E)
  kf@p(E);
  ... when any
}

@script:python@
p << revfree.p;
@@
REVFREE.add(rc.key(p))

// one rule for both: a rule that changes a function makes spatch re-parse
// it, and positions taken before no longer match

@depends on patch@
identifier pfree.T, pfree.kf, pff.F, pff.PF;
struct T *E;
position p : script:python() { rc.key(p) in REVFREE };
@@
(
+ ref_proxy_free(E->F);
  kf@p(E);
|
+ ref_proxy_provider_free(E->PF);
+ ref_proxy_free(E->F);
  kf(E);
)

// the runtime's header, after the file's last #include <...>

@haslinux depends on patch@
@@
#include <linux/...>

@hasinc depends on patch@
@@
\(#include <linux/ref_proxy.h>\|#include <refconv/ref_proxy.h>\)

@inc depends on patch && !hasinc && (defp || pfn || pfree || fdefp || pflg || pfst)@
position p;
@@
#include <...>@p

@script:python@
p << inc.p;
@@
INC.note(p)

@depends on patch && !hasinc && haslinux && inc@
position p : script:python() { CHANGED[0] and INC.is_last(p) };
@@
#include <...>@p
+ #include <linux/ref_proxy.h>

@depends on patch && !hasinc && !haslinux && inc@
position p : script:python() { CHANGED[0] and INC.is_last(p) };
@@
#include <...>@p
+ #include <refconv/ref_proxy.h>
