// SPDX-License-Identifier: GPL-2.0-only
/// Turn the reftrack GCC plugin's hidden instrumentation into a source patch:
/// reference-count every pointer to a tracked struct and allocate tracked
/// objects from the reftrack heap (include/refconv/reftrack.h, or
/// include/linux/reftrack.h in the kernel).
///
/// Tracked types: REFTRACK_STRUCT(S), struct REFTRACK(S) S, the __reftrack__
/// attribute, a "track S" spec line, and typedef names of those structs.
/// For a tracked type the conversion makes these changes:
///  - allocations whose result is stored in a pointer to it (kmalloc,
///    kzalloc, kcalloc, kmalloc_array, krealloc, vmalloc, vzalloc, kvmalloc,
///    kvzalloc, malloc, calloc, realloc) use the rc_* allocator;
///  - p = q; becomes S_addref(q); S_removeref(p); p = q; for locals, fields
///    and globals; when q is read through p, the old value is kept in a
///    temporary and released after the store; p = NULL; releases p;
///  - a local declared with a value takes a reference (S_addref after the
///    declaration), one declared without one starts as NULL;
///  - every function-scope local releases its reference before each return
///    and at the end of the function;
///  - free(p) (kfree, vfree, kvfree) releases the references the object's
///    tracked fields hold, then the reference p held, and clears p; through
///    a parameter only the fields are released: the caller's variable
///    holds the reference and releases it.
///
/// Reference semantics: a fresh rc_* object has count 0; every non-NULL
/// local, field and global pointer of a tracked type owns one reference;
/// parameters borrow the caller's reference (a caller's variable outlives
/// the call) and are not counted; the object is freed when its last
/// reference goes. Releases are inserted before each return rather than
/// through the cleanup attribute: the runtime has no per-type cleanup
/// function, S_removeref(p) takes p and not &p, and an explicit release is
/// what a reviewer can read in the patch.
///
/// A type is converted only if every use of it in the run is one of the
/// above, because a pointer the conversion does not count may outlive the
/// count: the object would be freed under it. Report mode says, per site,
/// what keeps a type unconverted: arrays of tracked pointers, unions, casts
/// (void * included), address-of a tracked pointer or of a field inside a
/// tracked object (lists, container_of), pointer arithmetic, assignments
/// inside expressions (for-loop headers, conditions), stores into untracked
/// lvalues, assignments to parameters, stores from calls whose ownership is
/// unknown, functions returning tracked pointers, locals of inner blocks,
/// passing a tracked pointer to a function the run does not convert.
//
// The decision spans files (a struct in a header, uses in .c files), so the
// driver runs decide-reftrack.py names (tracked types by text: spatch does
// not parse the attribute forms), a collect pass recording every site and
// veto, decide-reftrack.py decide, then this script in the requested mode
// over the decided files. Functions that already call the type's
// addref/removeref or an rc_* allocator are left alone (idempotence), by
// name in their own file only: a static function of the same name in
// another file is converted.
//
// Collect records (KIND FILE LINE COL FIELD...; scripts/lib/README; S is a
// tracked struct tag):
//   fn NAME             a function definition
//   veto S WHY          a use that keeps S unconverted
//   alloc S WHAT, realloc S WHAT, store S WHAT, free S WHAT
//                       a site the apply pass converts, and how
//   local S FN X WHAT   a function-scope local X of FN, counted
//   decl S, asg S, stmt S
//                       a declaration of, an assignment to, an assignment
//                       statement to a pointer to S
//   call S CALLEE       a pointer to S passed to CALLEE
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
for r in rc.rows("tracked"):
    if r[0] == "tag":
        TAGS[r[1]] = (r[2], r[3])
    elif r[0] == "typedef":
        TYPEDEFS[r[1]] = r[2]
    elif r[0] == "field":
        FIELDS.setdefault(r[1], []).append((r[2], r[3]))
    elif r[0] == "fieldtag":
        FIELDTAG[r[1]] = r[2]
CONV = set(r[0] for r in rc.rows("types"))     # tags converted (apply pass)
LOCALS = {}      # function -> {rank: counted local}
for r in rc.rows("locals"):
    LOCALS.setdefault(r[0], {})[int(r[1])] = r[2]
SITES = rc.Sites()
# per file: the functions already converted (patch), the function-scope
# local declarations (collect)
SKIP = set()
TOP = set()
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


def helpers_of(t):
    return TAGS[tag(t)]


def field_tag(f):
    """Tag a field name points to, when every struct of the run that has a
    pointer field of that name agrees it is tracked (else None)."""
    return FIELDTAG.get(str(f))


def field_conv(f):
    return field_tag(f) in CONV


def field_helpers(f):
    return TAGS[field_tag(f)]


def fnok(fn):
    return fn not in SKIP and not fn.startswith("REFTRACK")


def rank(fn, x, k):
    return fnok(fn) and LOCALS.get(fn, {}).get(k) == x


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


def helpers():
    return set(h for v in TAGS.values() for h in v) | {
        "reftrack_addref", "reftrack_removeref", "reftrack_set_dtor"}


SIMPLE = re.compile(r"^\s*\w+(\s*(->|\.)\s*\w+)*\s*$")


def simple(r):
    """A value that can be read twice: a variable or a chain of fields."""
    return bool(SIMPLE.match(str(r)))


def reads(r, l):
    """Whether expression r reads any variable of lvalue l."""
    words = set(re.findall(r"[A-Za-z_]\w*", str(r)))
    return any(w in words for w in re.findall(r"[A-Za-z_]\w*", str(l)))


def infn(p):
    f = p[0].current_element
    return f != "something_else" and not f.startswith("REFTRACK")


def issite(p):
    return p in SITES


def veto(t, p, why):
    rc.emit("veto", p, t, why)


def assign_site(t, p, l, r):
    """A statement l = r; storing a pointer to tracked type t."""
    rc.emit("stmt", p, t)
    m = re.match(r"^\s*(\w+)\s*\(", r)
    if m and m.group(1) not in ALLOCS:
        veto(t, p, "%s is assigned the result of %s(), whose ownership "
             "is unknown" % (l, m.group(1)))
    elif m and m.group(1) in ("realloc", "krealloc"):
        arg = r[r.index("(") + 1:].split(",")[0].strip()
        if arg != l:
            veto(t, p, "%s = %s(%s, ...) moves a reference between "
                 "pointers" % (l, m.group(1), arg))
        elif any(ft for _, ft in FIELDS.get(t, [])):
            veto(t, p, "%s(%s): the grown part would hold uninitialised "
                 "tracked fields" % (m.group(1), l))
        else:
            rc.emit("realloc", p, t, "%s: use rc_%s" % (l, m.group(1)))
    elif m:
        rc.emit("alloc", p, t, "%s = %s(): use %s and take a reference"
                % (l, m.group(1), "rc_calloc" if m.group(1) == "malloc"
                   else RC.get(m.group(1), "rc_" + m.group(1))))
    elif r == "NULL" or simple(r):
        rc.emit("store", p, t, "%s = %s: addref the new value, removeref the old" % (l, r))
    else:
        veto(t, p, "%s = %s: the value is not a variable or a field, "
             "addref would evaluate it twice" % (l, r))


def free_site(t, p, fr, e):
    if re.match(r"^\w+(\s*(->|\.)\s*\w+)?$", e):
        rc.emit("free", p, t, "%s(%s): release the reference instead" % (fr, e))
    else:
        veto(t, p, "%s(%s): only a variable or a field can be released" % (fr, e))


def untracked_store(t, t2, p, e):
    if tag(t) and not tag(t2):
        veto(tag(t), p, "%s is stored into a %s, which is not counted" % (e, t2))

@script:python@
@@
# once per file: nothing is carried from one file of a batch to the next
SKIP.clear()
TOP.clear()

// ---------------------------------------------------------------------------
// collect: function definitions; those returning tracked pointers veto

@cfn depends on collect@
type R;
identifier fn;
position p;
@@
R fn@p(...) { ... }

@script:python depends on collect@
R << cfn.R;
fn << cfn.fn;
p << cfn.p;
@@
if not fn.startswith("REFTRACK"):
    rc.emit("fn", p, fn)
    if tag(R):
        veto(tag(R), p, "%s() returns a tracked pointer: returned references "
             "are not converted" % fn)

// collect: locals. Function-scope ones are counted; inner-block ones veto

@ctop depends on collect@
type T;
identifier fn, x;
position d;
statement S;
expression E;
@@
fn(...) {
... when != S
\(T x@d;\|T x@d = E;\)
...
}

@script:python depends on collect@
T << ctop.T;
x << ctop.x;
d << ctop.d;
@@
if tag(T):
    TOP.add(rc.key(d))

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
if tag(T):
    rc.emit("decl", d, tag(T))
if tag(T) and infn(d) and d[0].current_element != x:
    if rc.key(d) in TOP:
        rc.emit("local", d, tag(T), d[0].current_element, x,
                "local %s counted: released before each return" % x)
    else:
        veto(tag(T), d, "local %s of an inner block: its releases on "
             "break, continue and goto paths are not converted" % x)

// collect: arrays of tracked pointers and unions that hold one

@carr depends on collect@
type T;
identifier x;
position d;
@@
T x@d[...];

@script:python depends on collect@
T << carr.T;
x << carr.x;
d << carr.d;
@@
if tag(T):
    veto(tag(T), d, "array %s of tracked pointers: elements are not counted" % x)

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

// collect: escapes into pointers the conversion does not count

@cesc depends on collect disable drop_cast@
type T, T2;
T e;
identifier f;
expression E2;
position p;
@@
(
  &e@p
|
  &e@p->f
|
  &(e@p->f)
|
  (T2)e@p
|
  e@p++
|
  e@p--
|
  ++e@p
|
  --e@p
|
  e@p += E2
|
  e@p -= E2
|
  e@p + E2
|
  e@p - E2
|
  e@p[E2]
)

@script:python depends on collect@
T << cesc.T;
p << cesc.p;
e << cesc.e;
@@
if tag(T):
    veto(tag(T), p, "%s escapes through an address, a cast or pointer "
         "arithmetic: that copy is not counted" % e)

@cconto depends on collect@
type T;
expression E;
identifier f, cof =~ "^(container_of|list_entry|list_first_entry|hlist_entry|list_entry_rcu)$";
position p;
@@
cof@p(E, T, f)

@script:python depends on collect@
T << cconto.T;
p << cconto.p;
@@
t = base_tag(T)
if t:
    veto(t, p, "container_of: a pointer derived from an embedded member is "
         "not counted")

// collect: assignments. Statement-level ones to a tracked lvalue convert;
// anything else involving a tracked pointer vetoes

@casg depends on collect@
type T;
T l;
expression r;
position p;
@@
l@p = r

@script:python depends on collect@
T << casg.T;
p << casg.p;
@@
if tag(T):
    rc.emit("asg", p, tag(T))

@cstmt depends on collect@
type T;
T l;
expression r;
position p;
@@
l@p = r;

@script:python depends on collect@
T << cstmt.T;
p << cstmt.p;
l << cstmt.l;
r << cstmt.r;
@@
if tag(T):
    assign_site(tag(T), p, l, r)

@cstmtf depends on collect disable ptr_to_array@
expression E, r;
identifier f;
position p;
@@
\(E@p->f = r;\|E@p.f = r;\)

@script:python depends on collect@
f << cstmtf.f;
p << cstmtf.p;
E << cstmtf.E;
r << cstmtf.r;
@@
if field_tag(f):
    assign_site(field_tag(f), p, E + "->" + f, r)

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

@cdinit depends on collect@
type T;
identifier x;
expression r;
position p;
@@
T x@p = r;

@script:python depends on collect@
T << cdinit.T;
p << cdinit.p;
r << cdinit.r;
x << cdinit.x;
@@
m = re.match(r"^\s*(\w+)\s*\(", r)
if not tag(T) or not infn(p) or r == "NULL" or simple(r):
    pass
elif m and m.group(1) in ALLOCS and m.group(1) not in ("realloc", "krealloc"):
    pass
else:
    veto(tag(T), p, "%s is initialised by %s: its ownership is unknown"
         % (x, r))

// collect: a return value read through a counted local would be read after
// the local's release

@cret depends on collect@
type T;
identifier fn, x;
statement S;
expression E, R;
position p;
@@
fn(...) {
... when != S
\(T x;\|T x = E;\)
<...
return R@p;
...>
}

@script:python depends on collect@
T << cret.T;
x << cret.x;
R << cret.R;
p << cret.p;
@@
if tag(T) and reads(R, x):
    veto(tag(T), p, "return %s reads local %s, which is released before "
         "the return" % (R, x))

@cuntr depends on collect@
type T, T2;
T e;
T2 l;
position p;
@@
l = e@p

@script:python depends on collect@
T << cuntr.T;
T2 << cuntr.T2;
p << cuntr.p;
e << cuntr.e;
@@
untracked_store(T, T2, p, e)

@cuntr2 depends on collect@
type T, T2;
T e;
identifier x;
position p;
@@
T2 x = e@p;

@script:python depends on collect@
T << cuntr2.T;
T2 << cuntr2.T2;
p << cuntr2.p;
e << cuntr2.e;
@@
untracked_store(T, T2, p, e)

@cparam depends on collect@
type T;
identifier fn, x;
expression r;
position p;
@@
fn(..., T x, ...) { <... x@p = r ...> }

@script:python depends on collect@
T << cparam.T;
x << cparam.x;
p << cparam.p;
@@
if tag(T):
    veto(tag(T), p, "parameter %s is assigned: parameters borrow the "
         "caller's reference" % x)

// collect: tracked pointers passed to functions

@ccall depends on collect@
type T;
T e;
identifier fn;
position p;
@@
fn(..., e@p, ...)

@script:python depends on collect@
T << ccall.T;
p << ccall.p;
fn << ccall.fn;
e << ccall.e;
@@
if tag(T) and fn not in FREES and fn not in ALLOCS and fn not in helpers() \
        and not fn.startswith("rc_"):
    rc.emit("call", p, tag(T), fn)

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

@finalize:python depends on collect@
@@
rc.finish()

// ---------------------------------------------------------------------------
// patch: functions that already call reftrack helpers are left alone

@pdone depends on patch@
identifier fn, h;
@@
fn(...) { <... h(...) ...> }

@script:python depends on pdone@
h << pdone.h;
fn << pdone.fn;
@@
if h in helpers() or h.startswith("rc_"):
    SKIP.add(fn)

// patch: releases of function-scope locals before each return and at the
// end. First, while the declarations are still the function's first lines.

@ploc0 depends on patch@
type T : script:python() { conv(T) };
identifier fn, x;
position s : script:python(x) { rank(s[0].current_element, x, 0) };
statement S;
expression E;
fresh identifier rm = script:python(T) { helper(T, 1) };
@@
fn(...) {
... when != S
\(T x@s;\|T x@s = E;\)
<...
+ rm(x);
  return ...;
...>
}

@pend0 depends on patch@
type T : script:python() { conv(T) };
identifier fn, x;
position s : script:python(x) { rank(s[0].current_element, x, 0) };
fresh identifier rm = script:python(T) { helper(T, 1) };
statement S, S2;
expression E;
@@
fn(...) {
... when != S
\(T x@s;\|T x@s = E;\)
... when any
(
  return ...;
|
  S2
+ rm(x);
)
}

@ploc1 depends on patch@
type T : script:python() { conv(T) };
identifier fn, x;
position s : script:python(x) { rank(s[0].current_element, x, 1) };
statement S;
expression E;
fresh identifier rm = script:python(T) { helper(T, 1) };
@@
fn(...) {
... when != S
\(T x@s;\|T x@s = E;\)
<...
+ rm(x);
  return ...;
...>
}

@pend1 depends on patch@
type T : script:python() { conv(T) };
identifier fn, x;
position s : script:python(x) { rank(s[0].current_element, x, 1) };
fresh identifier rm = script:python(T) { helper(T, 1) };
statement S, S2;
expression E;
@@
fn(...) {
... when != S
\(T x@s;\|T x@s = E;\)
... when any
(
  return ...;
|
  S2
+ rm(x);
)
}

@ploc2 depends on patch@
type T : script:python() { conv(T) };
identifier fn, x;
position s : script:python(x) { rank(s[0].current_element, x, 2) };
statement S;
expression E;
fresh identifier rm = script:python(T) { helper(T, 1) };
@@
fn(...) {
... when != S
\(T x@s;\|T x@s = E;\)
<...
+ rm(x);
  return ...;
...>
}

@pend2 depends on patch@
type T : script:python() { conv(T) };
identifier fn, x;
position s : script:python(x) { rank(s[0].current_element, x, 2) };
fresh identifier rm = script:python(T) { helper(T, 1) };
statement S, S2;
expression E;
@@
fn(...) {
... when != S
\(T x@s;\|T x@s = E;\)
... when any
(
  return ...;
|
  S2
+ rm(x);
)
}

@ploc3 depends on patch@
type T : script:python() { conv(T) };
identifier fn, x;
position s : script:python(x) { rank(s[0].current_element, x, 3) };
statement S;
expression E;
fresh identifier rm = script:python(T) { helper(T, 1) };
@@
fn(...) {
... when != S
\(T x@s;\|T x@s = E;\)
<...
+ rm(x);
  return ...;
...>
}

@pend3 depends on patch@
type T : script:python() { conv(T) };
identifier fn, x;
position s : script:python(x) { rank(s[0].current_element, x, 3) };
fresh identifier rm = script:python(T) { helper(T, 1) };
statement S, S2;
expression E;
@@
fn(...) {
... when != S
\(T x@s;\|T x@s = E;\)
... when any
(
  return ...;
|
  S2
+ rm(x);
)
}

@ploc4 depends on patch@
type T : script:python() { conv(T) };
identifier fn, x;
position s : script:python(x) { rank(s[0].current_element, x, 4) };
statement S;
expression E;
fresh identifier rm = script:python(T) { helper(T, 1) };
@@
fn(...) {
... when != S
\(T x@s;\|T x@s = E;\)
<...
+ rm(x);
  return ...;
...>
}

@pend4 depends on patch@
type T : script:python() { conv(T) };
identifier fn, x;
position s : script:python(x) { rank(s[0].current_element, x, 4) };
fresh identifier rm = script:python(T) { helper(T, 1) };
statement S, S2;
expression E;
@@
fn(...) {
... when != S
\(T x@s;\|T x@s = E;\)
... when any
(
  return ...;
|
  S2
+ rm(x);
)
}

@ploc5 depends on patch@
type T : script:python() { conv(T) };
identifier fn, x;
position s : script:python(x) { rank(s[0].current_element, x, 5) };
statement S;
expression E;
fresh identifier rm = script:python(T) { helper(T, 1) };
@@
fn(...) {
... when != S
\(T x@s;\|T x@s = E;\)
<...
+ rm(x);
  return ...;
...>
}

@pend5 depends on patch@
type T : script:python() { conv(T) };
identifier fn, x;
position s : script:python(x) { rank(s[0].current_element, x, 5) };
fresh identifier rm = script:python(T) { helper(T, 1) };
statement S, S2;
expression E;
@@
fn(...) {
... when != S
\(T x@s;\|T x@s = E;\)
... when any
(
  return ...;
|
  S2
+ rm(x);
)
}

// patch: assignment statements to tracked locals, fields and globals

@pasg depends on patch@
type T : script:python() { conv(T) };
idexpression T l;
expression r;
identifier a : script:python() { a in ALLOCS and a != "malloc" };
expression E1;
identifier ra =~ "^k?realloc$";
fresh identifier add = script:python(T) { helpers_of(T)[0] };
fresh identifier rm = script:python(T) { helpers_of(T)[1] };
fresh identifier rc = script:python(a) { RC.get(a, "rc_" + a) };
fresh identifier rrc = script:python(ra) { "rc_" + ra };
fresh identifier old = "rt_old";
position s : script:python() { ok(s) };
position p : script:python(l, r) { ok(p) and reads(r, l) };
position q : script:python(l, r) { ok(q) and not reads(r, l) };
@@
(
  l@s =
- ra
+ rrc
  (l, ...);
|
+ rm(l);
  l@s = NULL;
|
+ rm(l);
  l@s =
- a
+ rc
  (...);
+ add(l);
|
+ rm(l);
  l@s =
- malloc(E1)
+ rc_calloc(1, E1)
  ;
+ add(l);
|
- l@p = r;
+ {
+ T old = l;
+
+ l = r;
+ add(l);
+ rm(old);
+ }
|
+ add(r);
+ rm(l);
  l@q = r;
)

@pasgf depends on patch disable ptr_to_array@
expression E;
identifier f : script:python() { field_conv(f) };
expression r;
identifier a : script:python() { a in ALLOCS and a != "malloc" };
expression E1;
identifier ra =~ "^k?realloc$";
fresh identifier add = script:python(f) { field_helpers(f)[0] };
fresh identifier rm = script:python(f) { field_helpers(f)[1] };
fresh identifier rc = script:python(a) { RC.get(a, "rc_" + a) };
fresh identifier rrc = script:python(ra) { "rc_" + ra };
fresh identifier old = "rt_old";
position s : script:python() { ok(s) };
position p : script:python(E, r) { ok(p) and reads(r, E) };
position q : script:python(E, r) { ok(q) and not reads(r, E) };
@@
(
  E->f@s =
- ra
+ rrc
  (E->f, ...);
|
+ rm(E->f);
  E->f@s = NULL;
|
+ rm(E->f);
  E->f@s =
- a
+ rc
  (...);
+ add(E->f);
|
+ rm(E->f);
  E->f@s =
- malloc(E1)
+ rc_calloc(1, E1)
  ;
+ add(E->f);
|
- E->f@p = r;
+ {
+ typeof(E->f) old = E->f;
+
+ E->f = r;
+ add(E->f);
+ rm(old);
+ }
|
+ add(r);
+ rm(E->f);
  E->f@q = r;
)

@pasgd depends on patch disable ptr_to_array@
expression E;
identifier f : script:python() { field_conv(f) };
expression r;
identifier a : script:python() { a in ALLOCS and a != "malloc" };
expression E1;
identifier ra =~ "^k?realloc$";
fresh identifier add = script:python(f) { field_helpers(f)[0] };
fresh identifier rm = script:python(f) { field_helpers(f)[1] };
fresh identifier rc = script:python(a) { RC.get(a, "rc_" + a) };
fresh identifier rrc = script:python(ra) { "rc_" + ra };
fresh identifier old = "rt_old";
position s : script:python() { ok(s) };
position p : script:python(E, r) { ok(p) and reads(r, E) };
position q : script:python(E, r) { ok(q) and not reads(r, E) };
@@
(
  E.f@s =
- ra
+ rrc
  (E.f, ...);
|
+ rm(E.f);
  E.f@s = NULL;
|
+ rm(E.f);
  E.f@s =
- a
+ rc
  (...);
+ add(E.f);
|
+ rm(E.f);
  E.f@s =
- malloc(E1)
+ rc_calloc(1, E1)
  ;
+ add(E.f);
|
- E.f@p = r;
+ {
+ typeof(E.f) old = E.f;
+
+ E.f = r;
+ add(E.f);
+ rm(old);
+ }
|
+ add(r);
+ rm(E.f);
  E.f@q = r;
)

// patch: declarations of function-scope locals

@pdecl depends on patch@
type T : script:python() { conv(T) };
identifier x !~ "^rt_old";
position s : script:python(x) { ok(s) and infn(s) and s[0].current_element != x };
expression E;
identifier a : script:python() { a in ALLOCS and a != "malloc" };
expression E1;
fresh identifier add = script:python(T) { helper(T, 0) };
fresh identifier rc = script:python(a) { RC.get(a, "rc_" + a) };
@@
(
  T x@s = NULL;
|
  T x@s =
- a
+ rc
  (...);
+ add(x);
|
  T x@s =
- malloc(E1)
+ rc_calloc(1, E1)
  ;
+ add(x);
|
  T x@s = E;
+ add(x);
|
- T x@s;
+ T x = NULL;
)

// patch: frees release the fields' references, then the pointer's; a
// parameter's reference belongs to the caller. One set of rules per field
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

@pfreep depends on patch@
type T : script:python() { conv(T) };
identifier fn : script:python() { fnok(fn) };
identifier x;
identifier fr =~ "^(kfree|vfree|kvfree|free)$";
@@
fn(..., T x, ...) { <...
- fr(x);
...> }

@pfree depends on patch@
type T : script:python() { conv(T) };
idexpression T e;
position s : script:python() { ok(s) };
identifier fr =~ "^(kfree|vfree|kvfree|free)$";
fresh identifier rm = script:python(T) { helper(T, 1) };
@@
- fr@s(e);
+ rm(e);
+ e = NULL;

@pfreeg depends on patch disable ptr_to_array@
expression E;
identifier g : script:python() { field_conv(g) };
position s : script:python() { ok(s) };
identifier fr =~ "^(kfree|vfree|kvfree|free)$";
fresh identifier rm = script:python(g) { field_helpers(g)[1] };
@@
- fr@s(E->g);
+ rm(E->g);
+ E->g = NULL;

@pfreegd depends on patch disable ptr_to_array@
expression E;
identifier g : script:python() { field_conv(g) };
position s : script:python() { ok(s) };
identifier fr =~ "^(kfree|vfree|kvfree|free)$";
fresh identifier rm = script:python(g) { field_helpers(g)[1] };
@@
- fr@s(E.g);
+ rm(E.g);
+ E.g = NULL;

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
