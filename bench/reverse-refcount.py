#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Turn a kernel tree's refcount_t back into atomic_t, in place.

    reverse-refcount.py TREE FIELDS CALLS   rewrites the .c/.h files of TREE,
                                            writes FIELDS and CALLS (below)

The upstream recall benchmark (bench/upstream.sh) runs refconv's refcount
conversion on the result: the fields the kernel developers converted by
hand are the answers it should find.  The reversal is token-wise and
mechanical: outside comments, strings and character literals, the type
refcount_t becomes atomic_t and each call of refcount.h's API becomes its
atomic_t equivalent, arguments kept byte for byte (also their line breaks,
so every line keeps its number and the original tree is the expected
output line for line).  The calls of refconv's table keep their name:

    refcount_X(...)         -> atomic_X(...)   set read inc add inc_not_zero
                               dec_and_test sub_and_test dec_and_lock
                               dec_and_mutex_lock, REFCOUNT_INIT -> ATOMIC_INIT
    refcount_dec_and_lock_irqsave(r, l, &f) -> atomic_dec_and_lock_irqsave(r, l, f)
    refcount_dec_not_one(r) -> atomic_add_unless(r, -1, 1)

and the others become what the atomic_t API spells them, which refconv
rightly cannot prove safe (so the fields using them are not eligible):

    refcount_dec(r)              -> atomic_dec(r)
    refcount_dec_if_one(r)       -> (atomic_cmpxchg(r, 1, 0) == 1)
    refcount_add_not_zero(n, r)  -> atomic_add_unless(r, n, 0)
    __refcount_X(..., oldp)      -> the atomic_fetch_X() storing the old value

include/linux/refcount.h, lib/refcount.c and their tools/ copies are left
alone.  FIELDS lines: "struct S.F<TAB>FILE:LINE" for each refcount_t struct
member (S: the innermost named struct or union; "typedef T.F" in a
typedef'd anonymous struct); CALLS lines: "FILE:LINE<TAB>CALL<TAB>F" for each
reversed call, F the member its counter argument ends in (->F, .F; "-" if
none).  Locals, globals and parameters are reversed too and counted on
stderr.
"""

import collections
import os
import re
import sys

SKIP = {"include/linux/refcount.h", "lib/refcount.c",
        "tools/include/linux/refcount.h", "tools/lib/refcount.c"}

# refconv's table: the atomic_t name is the same
SAME = {"set", "read", "inc", "add", "inc_not_zero", "dec_and_test",
        "sub_and_test", "dec_and_lock", "dec_and_mutex_lock", "dec"}
# the index of the counter among the arguments (default 0)
COUNTER_ARG = {"add": 1, "sub_and_test": 1, "add_not_zero": 1,
               "__refcount_add": 1, "__refcount_sub_and_test": 1,
               "__refcount_add_not_zero": 1}

TOKEN = re.compile(r"""
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<ident>[A-Za-z_]\w*)
  | (?P<punct>->|[(){};,\[\]=.])
  | (?P<other>\s+|.)
""", re.S | re.X)
MEMBER = re.compile(r"(?:->|\.)\s*([A-Za-z_]\w*)\s*\)*\s*$")


def tokens(text):
    """(kind, text, offset) of TEXT's tokens."""
    for m in TOKEN.finditer(text):
        yield m.lastgroup, m.group(), m.start()


def args_of(text, start):
    """The arguments of the call whose "(" is at START, as a list of
    (begin, end) offsets, and the offset after its ")"; None if unbalanced."""
    depth, begin, out = 0, start + 1, []
    for kind, tok, off in tokens(text[start:]):
        off += start
        if kind != "punct":
            continue
        if tok in "([{":
            depth += 1
        elif tok in ")]}":
            depth -= 1
            if depth == 0:
                out.append((begin, off))
                return out, off + 1
        elif tok == "," and depth == 1:
            out.append((begin, off))
            begin = off + 1
    return None


def rewrite(name, a):
    """The atomic_t spelling of the call NAME(A...) (A: argument texts), or
    None if it is not one of refcount.h's API calls."""
    if name == "REFCOUNT_INIT":
        return "ATOMIC_INIT(%s)" % ",".join(a)
    old = name.startswith("__refcount_")
    op = name[len("__refcount_"):] if old else name[len("refcount_"):]
    if not name.startswith(("refcount_", "__refcount_")):
        return None
    j = ",".join
    if not old:
        if op in SAME:
            return "atomic_%s(%s)" % (op, j(a))
        if op == "dec_and_lock_irqsave" and len(a) == 3:
            f = a[2].strip()
            flags = f[1:].strip() if f.startswith("&") else "*(%s)" % f
            return "atomic_dec_and_lock_irqsave(%s,%s, %s)" % (a[0], a[1], flags)
        if op == "dec_not_one" and len(a) == 1:
            return "atomic_add_unless(%s, -1, 1)" % a[0]
        if op == "dec_if_one" and len(a) == 1:
            return "(atomic_cmpxchg(%s, 1, 0) == 1)" % a[0]
        if op == "add_not_zero" and len(a) == 2:
            return "atomic_add_unless(%s,%s, 0)" % (a[1], a[0])
        return None
    # __refcount_X(..., oldp): the old value is stored through oldp
    o = a[-1].strip()
    o = o[1:].strip() if re.match(r"^&\s*[A-Za-z_]\w*$", o) else "*(%s)" % o
    fetch = {"inc": "(%s = atomic_fetch_inc(%s))",
             "dec": "(%s = atomic_fetch_dec(%s))",
             "dec_and_test": "((%s = atomic_fetch_dec(%s)) == 1)",
             "inc_not_zero": "((%s = atomic_fetch_add_unless(%s, 1, 0)) != 0)"}
    if op in fetch and len(a) == 2:
        return fetch[op] % (o, a[0])
    fetch2 = {"add": "(%s = atomic_fetch_add(%s,%s))",
              "sub_and_test": "((%s = atomic_fetch_sub(%s,%s)) == (%s))",
              "add_not_zero": "((%s = atomic_fetch_add_unless(%s,%s, 0)) != 0)"}
    if op in fetch2 and len(a) == 3:
        if op == "add_not_zero":
            return fetch2[op] % (o, a[1], a[0])
        if op == "sub_and_test":
            return fetch2[op] % (o, a[0], a[1], a[0])
        return fetch2[op] % (o, a[0], a[1])
    return None


def scope_name(toks, i):
    """The struct/union tag of the "{" at toks[i], "" if anonymous, None if
    it does not open a struct or union."""
    j = i - 1
    while j >= 0 and toks[j][0] in ("other", "comment"):
        j -= 1
    if j >= 0 and toks[j][1] in ("struct", "union"):
        return ""
    k = j - 1
    while k >= 0 and toks[k][0] in ("other", "comment"):
        k -= 1
    # struct TAG {, and struct __attribute__(...) TAG { is rare: ignored
    if j >= 0 and toks[j][0] == "ident" and k >= 0 and toks[k][1] in ("struct", "union"):
        return toks[j][1]
    return None


def typedef_name(toks, i):
    """The typedef name after the "}" at toks[i] (typedef struct { } NAME;)."""
    for kind, tok, _ in toks[i + 1:i + 12]:
        if kind == "ident" and not tok.startswith("__"):
            return tok
        if tok == ";":
            break
    return None


def is_preproc_line(text, off):
    """True when OFF is on a line that starts with "#" (a directive)."""
    b = text.rfind("\n", 0, off) + 1
    return text[b:off].lstrip().startswith("#")


def fields_of(text):
    """(owner, field, offset) of the refcount_t struct members in TEXT;
    owner is "struct TAG" of the innermost named struct (a typedef name for
    a typedef'd anonymous one), and kind counts of the other declarations."""
    toks = [t for t in tokens(text) if t[0] not in ("other", "comment")]
    stack, out, kinds = [], [], collections.Counter()
    paren = 0
    for i, (kind, tok, off) in enumerate(toks):
        if tok == "(":
            paren += 1
        elif tok == ")":
            paren = max(0, paren - 1)
        elif tok == "{":
            stack.append((scope_name(toks, i), len(out)))
        elif tok == "}" and stack:
            name, first = stack.pop()
            if name == "" and not stack:
                # typedef struct { refcount_t r; } foo_t;
                td = typedef_name(toks, i)
                for n in range(first, len(out)):
                    if out[n][0] == "?":
                        out[n] = ("typedef " + td if td else "?",) + out[n][1:]
        elif kind == "ident" and tok == "refcount_t" and not is_preproc_line(text, off):
            owners = [s for s, _ in stack if s is not None]
            in_struct = stack and stack[-1][0] is not None
            if paren:
                kinds["parameter"] += 1
            elif in_struct:
                named = [s for s in owners if s]
                owner = "struct " + named[-1] if named else "?"
                # the declarators up to ";": NAME, NAME[...] ...
                depth = 0
                for kind2, tok2, off2 in toks[i + 1:]:
                    if tok2 in "([":
                        depth += 1
                    elif tok2 in ")]":
                        depth -= 1
                    elif tok2 == ";" and depth == 0:
                        break
                    elif kind2 == "ident" and depth == 0 and not tok2.startswith("__"):
                        out.append((owner, tok2, off2))
                        kinds["field"] += 1
            elif any(s is None for s, _ in stack):
                kinds["local"] += 1
            else:
                kinds["global or declaration"] += 1
    return out, kinds


def reverse(text):
    """TEXT with refcount_t reversed, and the calls as (offset, name, counter
    member or None)."""
    out, calls, pos = [], [], 0
    it = list(tokens(text))
    i = 0
    while i < len(it):
        kind, tok, off = it[i]
        i += 1
        if off < pos or kind != "ident":
            continue
        if tok == "refcount_t":
            out.append(text[pos:off] + "atomic_t")
            pos = off + len(tok)
            continue
        if not (tok.startswith(("refcount_", "__refcount_")) or tok == "REFCOUNT_INIT"):
            continue
        j = i
        while j < len(it) and it[j][0] == "other" and it[j][1].isspace():
            j += 1
        if j >= len(it) or it[j][1] != "(":
            continue
        parsed = args_of(text, it[j][2])
        if not parsed:
            continue
        spans, end = parsed
        a = [text[b:e] for b, e in spans]
        new = rewrite(tok, a)
        if new is None:
            continue
        # the arguments may contain calls to reverse too
        new = rewrite(tok, [reverse(s)[0] for s in a])
        idx = COUNTER_ARG.get(tok, COUNTER_ARG.get(tok.replace("refcount_", "", 1), 0))
        m = MEMBER.search(a[idx]) if idx < len(a) else None
        calls.append((off, tok, m.group(1) if m else None))
        out.append(text[pos:off] + new)
        pos = end
    out.append(text[pos:])
    return "".join(out), calls


def main():
    tree, fields_out, calls_out = sys.argv[1:4]
    defs, sites = [], []
    kinds, ops = collections.Counter(), collections.Counter()
    changed = 0
    for root, dirs, files in os.walk(tree):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, tree)
            if rel in SKIP:
                continue
            with open(path, encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
            if "refcount_" not in text and "REFCOUNT_INIT" not in text:
                continue
            new, calls = reverse(text)
            if new == text:
                continue
            fs, k = fields_of(text)
            kinds.update(k)
            for owner, field, off in fs:
                defs.append("%s.%s\t%s:%d" % (owner, field, rel, text.count("\n", 0, off) + 1))
            for off, tok, member in calls:
                ops[tok] += 1
                sites.append("%s:%d\t%s\t%s" % (rel, text.count("\n", 0, off) + 1, tok, member or "-"))
            # every line keeps its number: the original is the expected output
            assert new.count("\n") == text.count("\n"), rel
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(new)
            changed += 1
    with open(fields_out, "w") as f:
        f.write("".join(d + "\n" for d in defs))
    with open(calls_out, "w") as f:
        f.write("".join(s + "\n" for s in sites))
    print("reverse-refcount: %d files, %d fields (%s); calls: %s" % (
        changed, len(defs), ", ".join("%d %s" % (n, k) for k, n in sorted(kinds.items())),
        ", ".join("%d %s" % (n, k) for k, n in ops.most_common())), file=sys.stderr)


if __name__ == "__main__":
    main()
