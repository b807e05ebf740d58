#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that the kernel and userspace headers of each API declare one API.

Every conversion's runtime exists twice: include/refconv/X.h (librefconv)
and include/linux/X.h (refconv.ko). For each X this lists the public names
of both headers and compares them:

  - macros, object-like and function-like, with their parameter count, as
    gcc's preprocessor reports them (gcc -E -dD), under every configuration
    the header tests (no knob defined, each knob alone, all of them), so
    names defined under REF_DEBUG, REFTRACK_DEBUG etc. count too;
  - functions (prototypes and inline definitions) with their parameter
    count, typedefs, enumerators, and struct/union/enum tags (defined or
    forward-declared at file scope), read from the preprocessed text by a
    small C declaration parser.

The headers' own #include lines are dropped before preprocessing, so only
what the header itself declares is listed and no kernel build environment
is needed. Names with a leading or trailing underscore are internal
(__rc_alloc, reftrack_get_) and not compared, nor is the include guard.

A header without a counterpart in the repository is compared with the
kernel's own header when the runtime mirrors a kernel API (refcount_t,
atomic_t: see MIRRORS): every userspace name must exist there with the same
parameter count; kernel names userspace lacks are not listed.

Differences that are intended are listed in tests/api/allowlist, one per
line: "API KIND NAME REASON", KIND one of
  kernel-only  NAME is declared by the kernel header only
  user-only    NAME is declared by the userspace header only
  arity        NAME takes a different number of parameters on each side
  kind         NAME is a callable on one side and a type/value on the other
  unpaired     (NAME "-") the API has one header only, on purpose
with tags written struct:NAME, union:NAME, enum:NAME.
An allowlist line that matches no difference is stale and fails the check,
so the list always says exactly how the two sides differ.

Usage: check_api.py [--kernel-build DIR] [--verbose] [API...]
Prints "PASS: api/X", "FAIL: api/X" or "SKIP: api/X (why)" per API, and
exits 1 if any failed.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "..", ".."))
USER_DIR = "include/refconv"
KERNEL_DIR = "include/linux"

# Userspace headers that mirror part of an API the kernel provides itself:
# the kernel source files (below the kernel's source tree) that declare it.
MIRRORS = {
    "refcount": ["include/linux/refcount.h"],
    "atomic": ["include/linux/types.h",
               "include/linux/atomic/atomic-instrumented.h",
               "include/linux/spinlock.h"],
}

KINDS = ("kernel-only", "user-only", "arity", "kind", "unpaired")

# Words that are never the name a declaration declares.
KEYWORDS = {
    "auto", "break", "case", "char", "const", "continue", "default", "do",
    "double", "else", "enum", "extern", "float", "for", "goto", "if",
    "inline", "int", "long", "register", "restrict", "return", "short",
    "signed", "sizeof", "static", "struct", "switch", "typedef", "union",
    "unsigned", "void", "volatile", "while", "_Bool", "_Atomic",
    "_Noreturn", "_Thread_local", "_Alignas", "__inline", "__inline__",
    "__restrict", "__extension__", "__typeof__", "typeof", "__volatile__",
    "__const",
}
# "IDENT (...)" pairs that are not a function declarator but an attribute
# (or the like) before or after one; dropped before a declaration is read.
ATTRIBUTE_CALLS = {"__attribute__", "__attribute", "__asm__", "asm",
                   "__asm", "_Alignas", "__declspec",
                   # the kernel's, left unexpanded without their headers
                   "__printf", "__scanf", "__aligned", "__section",
                   "__alloc_size", "__realloc_size", "__acquires",
                   "__releases", "__cond_acquires", "__cond_releases",
                   "__must_hold"}

TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<id>[A-Za-z_]\w*)
  | (?P<num>\.?\d(?:[eEpP][+-]|[\w.])*)
  | (?P<str>"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')
  | (?P<punct>\.\.\.|->|[^\s\w])
""", re.X)


def internal(name):
    return name.startswith("_") or name.endswith("_")


class Decl:
    """What one side declares under one name."""

    def __init__(self):
        self.cats = set()      # callable, value, type
        self.arities = set()   # for callables: "2", "1+" (variadic)
        self.where = []        # "file:line what"

    def add(self, cat, arity, where):
        self.cats.add(cat)
        if arity is not None:
            self.arities.add(arity)
        if where not in self.where:
            self.where.append(where)


class Api:
    def __init__(self, label):
        self.label = label
        self.names = {}        # name -> Decl ("struct x" for tags)
        self.unparsed = []

    def add(self, name, cat, arity, where):
        if internal(name.split()[-1]):
            return
        self.names.setdefault(name, Decl()).add(cat, arity, where)


def knobs(text, defined):
    """Macros a header tests in #if/#ifdef/#ifndef but does not define; not
    the ones it calls in an #if (__has_feature(x)): -D cannot make those."""
    found, called = set(), set()
    for m in re.finditer(r"^\s*#\s*(?:el)?if(n?def)?\b(.*)$", text, re.M):
        if m.group(1):
            found.update(re.findall(r"[A-Za-z_]\w*", m.group(2))[:1])
        else:
            found.update(re.findall(r"defined\s*\(?\s*([A-Za-z_]\w*)",
                                    m.group(2)))
            called.update(re.findall(r"([A-Za-z_]\w*)\s*\(", m.group(2)))
    return sorted(found - defined - called)


def strip_includes(text):
    # keep the line count, so gcc's line numbers are the header's own
    return re.sub(r"^[ \t]*#[ \t]*include\b.*$", "", text, flags=re.M)


def preprocess(path, text, defines):
    """Run gcc -E -dD over the header; return [(line, text)] of its lines."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "header.h")
        with open(src, "w") as f:
            f.write(strip_includes(text))
        cmd = ["gcc", "-E", "-dD", "-nostdinc", "-std=gnu11", "-x", "c"]
        cmd += ["-D" + d for d in defines] + [src]
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode:
            raise RuntimeError("gcc -E %s failed: %s" % (path, out.stderr.strip()))
    lines, cur, lineno = [], None, 0
    for raw in out.stdout.split("\n"):
        m = re.match(r'^# (\d+) "(.*)"', raw)
        if m:
            lineno = int(m.group(1))
            cur = m.group(2)
            continue
        if cur == src:
            lines.append((lineno, raw))
        lineno += 1
    return lines


def macro_defs(lines):
    """#define/#undef lines of the header -> {name: (arity or None, line)}."""
    defs = {}
    for lineno, raw in lines:
        m = re.match(r"^#define ([A-Za-z_]\w*)(\(([^)]*)\))?", raw)
        if m:
            arity = None
            if m.group(2):
                params = [p.strip() for p in m.group(3).split(",") if p.strip()]
                if params and params[-1].endswith("..."):
                    arity = "%d+" % (len(params) - 1)
                else:
                    arity = str(len(params))
            defs[m.group(1)] = (arity, lineno)
            continue
        m = re.match(r"^#undef ([A-Za-z_]\w*)", raw)
        if m:
            defs.pop(m.group(1), None)
    return defs


def tokens(lines):
    """C tokens of the non-directive lines: [(kind, text, line)]."""
    out = []
    for lineno, raw in lines:
        if raw.startswith("#"):
            continue
        for m in TOKEN.finditer(raw):
            if m.lastgroup != "ws":
                out.append((m.lastgroup, m.group(), lineno))
    return out


def group_end(toks, i):
    """Index just past the bracket group opening at toks[i]."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = []
    while i < len(toks):
        t = toks[i][1]
        if t in pairs:
            stack.append(pairs[t])
        elif stack and t == stack[-1]:
            stack.pop()
            if not stack:
                return i + 1
        i += 1
    raise ValueError("unbalanced brackets")


def split_decls(toks):
    """Top-level declarations: token lists, function bodies left out."""
    decls, cur, i = [], [], 0
    while i < len(toks):
        t = toks[i][1]
        if t == ";":
            decls.append(cur)
            cur = []
            i += 1
        elif (t == "{" and cur and cur[-1][0] == "group"
              and cur[-1][1][0][1] == "("):
            # a function definition (possibly with trailing attributes:
            # they were dropped, see strip_attributes)
            decls.append(cur + [("punct", "{}", toks[i][2])])
            cur = []
            i = group_end(toks, i)
        elif t in "([{":
            j = group_end(toks, i)
            cur.append(("group", toks[i:j], toks[i][2]))
            i = j
        else:
            cur.append(toks[i])
            i += 1
    if cur:
        decls.append(cur)
    return decls


def strip_attributes(decl):
    """Drop __attribute__((...)), asm(...) and the like from a declaration;
    a _Static_assert(...) declares nothing."""
    out, i = [], 0
    while i < len(decl):
        t = decl[i]
        paren = (i + 1 < len(decl) and decl[i + 1][0] == "group"
                 and decl[i + 1][1][0][1] == "(")
        if t[0] == "id" and t[1] == "_Static_assert":
            return []
        if t[0] == "id" and t[1] in ATTRIBUTE_CALLS and paren:
            i += 2
            continue
        out.append(t)
        i += 1
    return out


def params_arity(group):
    """Number of parameters in a "( ... )" token group."""
    inner = group[1:-1]
    if not inner or [t[1] for t in inner] == ["void"]:
        return "0"
    n, depth = 1, 0
    for t in inner:
        if t[1] in "([{":
            depth += 1
        elif t[1] in ")]}":
            depth -= 1
        elif t[1] == "," and depth == 0:
            n += 1
    if inner[-1][1] == "...":
        return "%d+" % (n - 1)
    return str(n)


def tag_decls(decl, api, path):
    """struct/union/enum tags a declaration defines or forward-declares, and
    the enumerators of the enums it defines."""
    for i, t in enumerate(decl):
        if t[1] not in ("struct", "union", "enum") or i + 1 >= len(decl):
            continue
        nxt = decl[i + 1]
        body = decl[i + 2] if i + 2 < len(decl) else None
        if nxt[0] == "id":
            defined = body is not None and body[0] == "group" and body[1][0][1] == "{"
            forward = len(decl) == 2
            if defined or forward:
                api.add("%s %s" % (t[1], nxt[1]), "type", None,
                        "%s:%d" % (path, nxt[2]))
        elif nxt[0] == "group" and nxt[1][0][1] == "{":
            body = nxt
        else:
            body = None
        if t[1] == "enum" and body is not None and body[0] == "group" \
                and body[1][0][1] == "{":
            inner = body[1][1:-1]
            expect = True
            depth = 0
            for tok in inner:
                if tok[1] in "([{":
                    depth += 1
                elif tok[1] in ")]}":
                    depth -= 1
                elif tok[1] == "," and depth == 0:
                    expect = True
                elif expect and tok[0] == "id":
                    api.add(tok[1], "value", None, "%s:%d" % (path, tok[2]))
                    expect = False


def parse_decl(decl, api, path):
    """Record what one top-level declaration declares."""
    if not decl:
        return
    words = [t[1] for t in decl if t[0] != "group"]
    tag_decls(decl, api, path)
    # drop struct/union/enum bodies: their members are not file-scope names
    flat = [t for t in decl if not (t[0] == "group" and t[1][0][1] == "{")]
    if "typedef" in words:
        name = None
        for t in flat:
            if t[0] == "group" and t[1][0][1] == "(":
                inner = [x for x in t[1][1:-1] if x[0] == "id"]
                if [x[1] for x in t[1][1:2]] == ["*"] and inner:
                    name = inner[-1]
                    break
        if name is None:
            ids = [t for t in flat if t[0] == "id" and t[1] not in KEYWORDS]
            name = ids[-1] if ids else None
        if name is None:
            api.unparsed.append("%s:%d: typedef" % (path, decl[0][2]))
            return
        api.add(name[1], "type", None, "%s:%d typedef" % (path, name[2]))
        return
    for k, t in enumerate(flat):
        if (t[0] == "id" and t[1] not in KEYWORDS
                and k + 1 < len(flat) and flat[k + 1][0] == "group"
                and flat[k + 1][1][0][1] == "("):
            arity = params_arity(flat[k + 1][1])
            what = "inline" if flat[-1][1] == "{}" else "prototype"
            api.add(t[1], "callable", arity,
                    "%s:%d %s" % (path, t[2], what))
            return
    if "=" in words:
        flat = flat[:[t[1] for t in flat].index("=")]
    ids = [t for t in flat if t[0] == "id" and t[1] not in KEYWORDS]
    if flat and flat[0][1] in ("struct", "union", "enum") and len(ids) <= 1:
        return          # a tag definition or forward declaration
    if ids:
        api.add(ids[-1][1], "value", None, "%s:%d variable" % (path, ids[-1][2]))
        return
    api.unparsed.append("%s:%d: %s" % (path, decl[0][2], " ".join(words[:8])))


def guard_of(text):
    m = re.search(r"^\s*#\s*ifndef\s+(\w+)\s*\n\s*#\s*define\s+(\w+)", text, re.M)
    return m.group(1) if m and m.group(1) == m.group(2) else None


def extract(paths, label, rel):
    """The public names the given header files declare."""
    api = Api(label)
    for path in paths:
        with open(path) as f:
            text = f.read()
        shown = rel(path)
        defs = set(re.findall(r"^\s*#\s*define\s+(\w+)", text, re.M))
        ks = knobs(text, defs)
        configs = [[]] + [[k] for k in ks] + ([ks] if len(ks) > 1 else [])
        guard = guard_of(text)
        for config in configs:
            lines = preprocess(shown, text, config)
            for name, (arity, lineno) in macro_defs(lines).items():
                if name == guard:
                    continue
                api.add(name, "callable" if arity is not None else "value",
                        arity, "%s:%d #define" % (shown, lineno))
            for decl in split_decls(tokens(lines)):
                parse_decl(strip_attributes(decl), api, shown)
    return api


def load_allowlist(path, shown):
    """{(api, kind, name): (line, reason)} and the lines that are wrong."""
    entries, errors = {}, []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 3)
            if len(parts) < 4:
                errors.append("%s:%d: want API KIND NAME REASON" % (shown, n))
                continue
            api, kind, name, reason = parts
            name = re.sub(r"^(struct|union|enum):", r"\1 ", name)
            if kind not in KINDS:
                errors.append("%s:%d: unknown kind %s (one of %s)"
                              % (shown, n, kind, ", ".join(KINDS)))
                continue
            key = (api, kind, name)
            if key in entries:
                errors.append("%s:%d: duplicate of line %d"
                              % (shown, n, entries[key][0]))
                continue
            entries[key] = (n, reason)
    return entries, errors


def fmt(decl):
    return ", ".join(decl.where)


def arity_text(decl):
    return "/".join(sorted(decl.arities)) or "-"


def compare(user, kern, subset):
    """Differences between the two sides: [(kind, name, message)]."""
    diffs = []
    for name in sorted(set(user.names) | set(kern.names)):
        u, k = user.names.get(name), kern.names.get(name)
        if u and not k:
            diffs.append(("user-only", name, "%s: only in %s (%s)"
                          % (name, user.label, fmt(u))))
        elif k and not u:
            if not subset:
                diffs.append(("kernel-only", name, "%s: only in %s (%s)"
                              % (name, kern.label, fmt(k))))
        elif u.cats != k.cats:
            diffs.append(("kind", name, "%s: %s in %s (%s), %s in %s (%s)"
                          % (name, "/".join(sorted(u.cats)), user.label, fmt(u),
                             "/".join(sorted(k.cats)), kern.label, fmt(k))))
        elif u.arities != k.arities:
            diffs.append(("arity", name,
                          "%s: %s parameter(s) in %s (%s), %s in %s (%s)"
                          % (name, arity_text(u), user.label, fmt(u),
                             arity_text(k), kern.label, fmt(k))))
    return diffs


def kernel_source(kdir):
    """The kernel source tree of a kbuild directory (Debian splits them)."""
    if not kdir:
        return None
    if os.path.isfile(os.path.join(kdir, "include/linux/kref.h")):
        return kdir
    try:
        with open(os.path.join(kdir, "Makefile")) as f:
            for line in f:
                m = re.match(r"^include\s+(\S+)/Makefile\s*$", line)
                if m and os.path.isfile(os.path.join(m.group(1),
                                                     "include/linux/kref.h")):
                    return m.group(1)
    except OSError:
        pass
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kernel-build", metavar="DIR",
                    help="kbuild directory of the kernel headers, for the "
                         "APIs that mirror the kernel's own (refcount, atomic)")
    ap.add_argument("--allowlist", default=os.path.join(TOP, "tests/api/allowlist"))
    ap.add_argument("--top", default=TOP, help="repository to check")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="list every name found, per side")
    ap.add_argument("apis", nargs="*")
    args = ap.parse_args()
    top = args.top
    ksrc = kernel_source(args.kernel_build)

    def rel(p):
        r = os.path.relpath(p, top)
        return r if not r.startswith("..") else "<kernel>/" + os.path.relpath(p, ksrc)

    allow, errors = load_allowlist(args.allowlist,
                                   os.path.relpath(args.allowlist, top))
    used = set()
    names = set()
    for d in (USER_DIR, KERNEL_DIR):
        for f in os.listdir(os.path.join(top, d)):
            if f.endswith(".h"):
                names.add(f[:-2])
    failed = False
    for x in sorted(names):
        if args.apis and x not in args.apis:
            continue
        upath = os.path.join(top, USER_DIR, x + ".h")
        kpath = os.path.join(top, KERNEL_DIR, x + ".h")
        subset = False
        problems = []
        if not os.path.exists(kpath) and x in MIRRORS:
            if not ksrc:
                print("SKIP: api/%s (no kernel headers to compare with: "
                      "apt-get install linux-headers-amd64)" % x)
                used.update(k for k in allow if k[0] == x)
                continue
            kpaths = [os.path.join(ksrc, p) for p in MIRRORS[x]]
            klabel = "the kernel's " + "+".join(MIRRORS[x])
            subset = True
        elif not (os.path.exists(kpath) and os.path.exists(upath)):
            key = (x, "unpaired", "-")
            have = rel(upath if os.path.exists(upath) else kpath)
            others = [n for k, (n, _) in allow.items() if k[0] == x and k != key]
            if key in allow and not others:
                used.add(key)
                print("api: %s: %s has no counterpart (allowlisted: %s)"
                      % (x, have, allow[key][1]))
                print("PASS: api/%s" % x)
            elif key in allow:
                used.add(key)
                for n in sorted(others):
                    print("api: %s: allowlist line %d: stale: %s has no "
                          "counterpart to differ from" % (x, n, have))
                print("FAIL: api/%s" % x)
                failed = True
            else:
                print("api: %s: %s has no counterpart in %s/ (add it, or "
                      "allowlist \"%s unpaired - REASON\")"
                      % (x, have, KERNEL_DIR if have.startswith(USER_DIR)
                         else USER_DIR, x))
                print("FAIL: api/%s" % x)
                failed = True
            continue
        else:
            kpaths = [kpath]
            klabel = rel(kpath)
        try:
            user = extract([upath], rel(upath), rel)
            kern = extract(kpaths, klabel, rel)
        except (RuntimeError, ValueError, OSError) as e:
            print("api: %s: %s" % (x, e))
            print("FAIL: api/%s" % x)
            failed = True
            continue
        for side in (user, kern):
            for u in side.unparsed:
                problems.append("cannot classify declaration at " + u)
            if args.verbose:
                for n, d in sorted(side.names.items()):
                    print("api: %s: %s: %s %s %s" % (x, side.label, n,
                          "/".join(sorted(d.cats)), arity_text(d)))
        for kind, name, msg in compare(user, kern, subset):
            key = (x, kind, name)
            if key in allow:
                used.add(key)
                if args.verbose:
                    print("api: %s: allowed: %s (%s)" % (x, msg, allow[key][1]))
            else:
                problems.append("%s [allowlist: %s %s %s REASON]"
                                % (msg, x, kind, name.replace(" ", ":")))
        for key, (n, _) in sorted(allow.items(), key=lambda kv: kv[1][0]):
            if key[0] == x and key not in used:
                problems.append("%s:%d: stale allowlist entry: no %s difference "
                                "for %s" % (os.path.relpath(args.allowlist, top),
                                            n, key[1], key[2]))
        for p in problems:
            print("api: %s: %s" % (x, p))
        print("%s: api/%s" % ("FAIL" if problems else "PASS", x))
        failed = failed or bool(problems)
    for key, (n, _) in sorted(allow.items(), key=lambda kv: kv[1][0]):
        if key[0] not in names and (not args.apis or key[0] in args.apis):
            errors.append("%s:%d: no API named %s"
                          % (os.path.relpath(args.allowlist, top), n, key[0]))
    if errors:
        for e in errors:
            print("api: " + e)
        print("FAIL: api/allowlist")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
