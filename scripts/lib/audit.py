# SPDX-License-Identifier: GPL-2.0-only
"""The occurrence audit: a field is converted only when every occurrence of
its name in member position, in every file of the tree that can see the
field's struct, is a position the collect pass analysed.

spatch skips what it cannot parse (a function with an unknown macro, the
#else branch of an expression, a macro body) without a word, and the
prefilter drops files that never spell the conversion's API. Neither may
let a field convert with a use nobody looked at, so the audit reads the
tree's text itself:

  - an occurrence is "->F", ".F" (also across a line break), a token pasted
    into F ("->dir##_ref" for a field ending in "_ref"), outside comments
    and string literals, in every #if branch and #define body;
  - it counts for struct S only in a file that can see S's definition: the
    defining file, the files that include it (directly or not), and the
    headers those files include (a header that nothing in the tree includes
    could be included anywhere, so it always counts);
  - it is analysed when a collect record sits at exactly its position (the
    F token: spatch's position of "E->F@p").

The include index is textual and errs towards seeing more: "<x>" is every
file of the tree that ends in include/x (any architecture, uapi, and
asm-generic for asm/), a quoted name is looked up beside the includer first
and then as "<x>" and then by its tail.
"""

import bisect
import collections
import os
import re
import subprocess
import tempfile

INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"]+)[>"]', re.M)
# comments, string and character literals: blanked before searching
NOISE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
# a paste in member position: "->dir##_ref", "->sess_##name"
PASTE = re.compile(r"(?:->|\.)[ \t]*(\w*)[ \t]*##[ \t]*(\w*)")
# a #define: name, parameter list (None for an object-like macro), body
DEFINE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+(\w+)(?:\(([^)]*)\))?((?:\\\n|[^\n])*)", re.M)


def _read(path):
    """PATH's bytes as latin-1 text: one character per byte, as spatch
    counts columns."""
    try:
        with open(path, "rb") as f:
            return f.read().decode("latin-1")
    except OSError:
        return ""


def _blank(m):
    return re.sub(r"[^\n]", " ", m.group(0))


def code_of(t):
    """T with comments and literals blanked, lines and columns kept."""
    return NOISE.sub(_blank, t)


def _grep_files(args, files, words=None):
    """The files of FILES that grep ARGS -l selects (batched, NUL-safe);
    WORDS: fixed strings to search for as words, passed in a file (there
    may be more than a command line holds)."""
    if not files:
        return []
    tmp = None
    if words is not None:
        fd, tmp = tempfile.mkstemp(prefix="refconv-words.")
        with os.fdopen(fd, "w") as f:
            f.writelines(w + "\n" for w in sorted(words))
        args = ["-wF", "-f", tmp] + args
    try:
        cmd = ["xargs", "-0", "-r", "-n", "2000", "grep", "-lZ"] + args
        out = subprocess.run(cmd, input="\0".join(files).encode(),
                             stdout=subprocess.PIPE, check=False).stdout
    finally:
        if tmp:
            os.unlink(tmp)
    return [f for f in out.decode("latin-1").split("\0") if f]


class Tree:
    """The C files of the whole tree (WORK/tree, names as the run uses
    them), their real names (WORK/aliases) and their include graph."""

    def __init__(self, work):
        self.work = work
        self.files = work.lines("tree")
        self.real = {a: r for a, r in work.rows("aliases")}
        self._graph = None
        self._rev = None
        self._seen = {}
        self._after = {}
        self._defines = {}
        self._fmacros = None
        self.at = {}

    def realname(self, f):
        return self.real.get(f, f)

    # --- the include graph ---------------------------------------------------

    def _index(self):
        """Tail -> files, for "<x>" (after an include/ component) and for
        quoted names (any tail)."""
        by_include = collections.defaultdict(list)
        by_base = collections.defaultdict(list)
        for f in self.files:
            r = self.realname(f)
            by_base[os.path.basename(r)].append(r)
            parts = r.split("/")
            for i, p in enumerate(parts[:-1]):
                if p == "include":
                    rest = parts[i + 1:]
                    by_include["/".join(rest)].append(r)
                    if rest[0] == "uapi":
                        by_include["/".join(rest[1:])].append(r)
                    elif rest[0] == "asm-generic":
                        by_include["/".join(["asm"] + rest[1:])].append(r)
        return by_include, by_base

    def _resolve(self, src, quoted, name, by_include, by_base, exists):
        name = os.path.normpath(name)
        if quoted:
            near = os.path.normpath(os.path.join(os.path.dirname(src), name))
            if near in exists:
                return [near]
        hits = by_include.get(name)
        if hits:
            return hits
        # a directory a Makefile adds with -I: any file with that tail
        return [r for r in by_base.get(os.path.basename(name), ())
                if r.endswith("/" + name) or r == name]

    def graph(self):
        """Real name -> the real names it includes (self.at: real name ->
        [(line, included real name)] in file order)."""
        if self._graph is not None:
            return self._graph
        by_include, by_base = self._index()
        exists = set(self.realname(f) for f in self.files)
        self._graph = collections.defaultdict(set)
        self.at = collections.defaultdict(list)
        with_inc = _grep_files(["-E", r"^[[:space:]]*#[[:space:]]*include"], self.files)
        for f in with_inc:
            src = self.realname(f)
            t = _read(f)
            line, last = 1, 0
            for m in INCLUDE.finditer(t):
                line += t.count("\n", last, m.start())
                last = m.start()
                for dst in self._resolve(src, m.group(1) == '"', m.group(2),
                                         by_include, by_base, exists):
                    if dst != src:
                        self._graph[src].add(dst)
                        self.at[src].append((line, dst))
        return self._graph

    def includers(self, r):
        """Real names that include R, directly or not, with R itself."""
        if self._rev is None:
            self._rev = collections.defaultdict(set)
            for src, dsts in self.graph().items():
                for d in dsts:
                    self._rev[d].add(src)
        if r in self._seen:
            return self._seen[r]
        seen, todo = {r}, [r]
        while todo:
            for s in self._rev.get(todo.pop(), ()):
                if s not in seen:
                    seen.add(s)
                    todo.append(s)
        self._seen[r] = seen
        return seen

    def included_after(self, r, line):
        """Real names that R includes, directly or not, through an #include
        below LINE."""
        key = (r, line)
        if key not in self._after:
            graph = self.graph()
            seen = set(d for l, d in self.at.get(r, ()) if l > line)
            todo = list(seen)
            while todo:
                for d in graph.get(todo.pop(), ()):
                    if d not in seen:
                        seen.add(d)
                        todo.append(d)
            self._after[key] = seen
        return self._after[key]

    def sees(self, f, defpos, in_macro=False):
        """Whether code in F (a run name) can see a definition at DEFPOS
        (file, line): F is its file or includes it; F is a header included
        by its .c file below the definition; or F is a header of a
        directory's own (not below an include/ directory: those are
        self-contained) that a file including the definition's header
        includes too, or that no .c file includes."""
        f, d = self.realname(f), self.realname(defpos[0])
        if f == d or f in self.includers(d):
            return True
        if not f.endswith(".h"):
            return False
        mine = self.includers(f)
        # a translation unit includes both, or nothing in the tree includes F
        shared = bool(mine & self.includers(d)) or not any(x.endswith(".c") for x in mine)
        if in_macro:
            # a macro expands where it is used: order does not matter
            return shared
        if d.endswith(".c"):
            return f in self.included_after(d, int(defpos[1]))
        if f.startswith("include/") or "/include/" in f:
            return False
        return shared

    def in_macro(self, f, line):
        """Whether LINE of F (a run name) is inside a #define."""
        if f not in self._defines:
            t = code_of(_read(f))
            spans = []
            for a, b in _define_spans(t):
                spans.append((t.count("\n", 0, a) + 1, t.count("\n", 0, b) + 1))
            self._defines[f] = spans
        spans = self._defines[f]
        k = bisect.bisect_right(spans, (int(line), float("inf"))) - 1
        return k >= 0 and spans[k][0] <= int(line) <= spans[k][1]

    def function_macros(self):
        """The names of every function-like macro the tree defines."""
        if self._fmacros is None:
            out = subprocess.run(
                ["xargs", "-0", "-r", "-n", "2000", "grep", "-hoE",
                 r"^[[:space:]]*#[[:space:]]*define[[:space:]]+[A-Za-z_][A-Za-z0-9_]*\("],
                input="\0".join(self.files).encode(), stdout=subprocess.PIPE,
                check=False).stdout.decode("latin-1")
            self._fmacros = set(re.findall(r"define\s+(\w+)\(", out))
        return self._fmacros

    # --- occurrences ----------------------------------------------------------

    def occurrences(self, names):
        """{F: [(file, line, col, how)]} for the names NAMES: every member
        position of F in the tree (how "member", or "macro" inside a
        #define), every token paste that can make F ("paste"), every
        member position of an object-like macro whose body is F or a member
        path ending in it (an alias: "#define act_users act_refcnt"), and
        every argument F of a function-like macro that puts that parameter
        after -> or . ("argument": "#define OBJ_GET(o, f)
        atomic_inc(&(o)->f)")."""
        names = set(names)
        out = collections.defaultdict(list)
        if not names:
            return out
        hits = set(_grep_files([], self.files, words=names))
        aliases = self.aliases(names, hits)
        if aliases:
            hits |= set(_grep_files([], self.files, words=set(aliases)))
        look = names | set(aliases)
        member = re.compile(r"(?:->|\.)\s*(%s)\b" % "|".join(sorted(look)))
        bare = re.compile(r"[(,]\s*(%s)\s*(?=[,)])" % "|".join(sorted(names)))
        pastes = set(_grep_files(["-F", "##"], self.files))
        calls = []          # (macro, index, name, file, line, col)
        for f in sorted(hits | pastes):
            t = code_of(_read(f))
            starts = [0] + [i + 1 for i, c in enumerate(t) if c == "\n"]
            defines = _define_spans(t)

            def pos(i):
                line = _bisect(starts, i)
                return line + 1, i - starts[line]

            for m in member.finditer(t):
                line, col = pos(m.start(1))
                n = m.group(1)
                if n in names:
                    out[n].append((f, line, col,
                                   "macro" if _inside(defines, m.start(1)) else "member"))
                for a in aliases.get(n, ()):
                    out[a].append((f, line, col, "alias"))
            if f in pastes:
                for m in PASTE.finditer(t):
                    line, col = pos(m.start())
                    for n in names:
                        if n.startswith(m.group(1)) or n.endswith(m.group(2)):
                            out[n].append((f, line, col, "paste"))
            for m in bare.finditer(t):
                call = _enclosing_call(t, m.start())
                if call:
                    line, col = pos(call[2])
                    calls.append((call[0], call[1], m.group(1), f, line, col))
        params = self.member_params(set(c[0] for c in calls))
        for macro, k, n, f, line, col in calls:
            if k in params.get(macro, ()):
                out[n].append((f, line, col, "argument"))
        return out

    def aliases(self, names, files):
        """{alias: [field]}: object-like macros of FILES whose body is a
        name of NAMES or a member path that ends in one."""
        body = re.compile(r"^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+\(?\s*(?:\w+\s*(?:\.|->)\s*)*"
                          r"(%s)\s*\)?\s*$" % "|".join(sorted(names)), re.M)
        out = collections.defaultdict(list)
        for f in files:
            for m in body.finditer(code_of(_read(f))):
                if m.group(1) != m.group(2):
                    out[m.group(1)].append(m.group(2))
        return dict(out)

    def member_params(self, macros):
        """{macro: [indices of its parameters used after -> or ., or
        pasted]} for the function-like macros among MACROS that the tree
        defines."""
        if not macros:
            return {}
        known = sorted(set(macros) & self.function_macros())
        params = {}
        if not known:
            return params
        files = _grep_files([], self.files, words=set(known))
        want = set(known)
        for f in files:
            t = code_of(_read(f))
            for m in DEFINE.finditer(t):
                if m.group(1) not in want or m.group(2) is None:
                    continue
                body = m.group(3).replace("\\\n", " ")
                ps = [p.strip() for p in m.group(2).split(",")]
                used = [k for k, p in enumerate(ps) if p and p != "..." and re.search(
                    r"(?:->|\.)\s*%s\b|##\s*%s\b|\b%s\s*##" % ((re.escape(p),) * 3), body)]
                if used:
                    params[m.group(1)] = sorted(set(params.get(m.group(1), [])) | set(used))
        return params


def _enclosing_call(t, i):
    """(name, argument index, start of the name) of the call whose argument
    list holds what follows T[I] (a "(" or "," of that list), or None."""
    depth, k = 0, 0
    j = i
    limit = max(0, i - 4000)
    while j > limit:
        c = t[j]
        if c in ")]}":
            depth += 1
        elif c in "([{":
            if depth == 0:
                if c != "(":
                    return None
                base = max(0, j - 200)
                m = re.search(r"(\w+)\s*$", t[base:j])
                if not m:
                    return None
                return m.group(1), k, base + m.start(1)
            depth -= 1
        elif c == "," and depth == 0:
            k += 1
        j -= 1
    return None


def _define_spans(t):
    """(start, end) of every #define (with its continuation lines) in T."""
    return [(m.start(), m.end()) for m in DEFINE.finditer(t)]


def _inside(spans, i):
    """Whether I is in one of SPANS ((start, end), sorted, disjoint)."""
    k = bisect.bisect_right(spans, (i, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


def _bisect(starts, i):
    """The index of the last of STARTS (sorted) that is <= I."""
    return bisect.bisect_right(starts, i) - 1


class Audit:
    """The audit of one decide round. FIELDS: [(unit, name, deffile)] about
    to convert; RECORDS: the collect records so far."""

    def __init__(self, work, records, tree=None):
        self.work = work
        self.tree = tree or Tree(work)
        self.analysed = set((r[1], r[2], r[3]) for r in records if len(r) >= 4)
        self.collected = set(work.lines("candidates")) | set(work.lines("collected"))

    def run(self, fields):
        """FIELDS: [(unit, name, defpos)], DEFPOS the (file, line, ...) of
        the definition. ({unit: (file, line, how)} of the first occurrence
        of each unit that nobody analysed, [files to collect first]). A
        file that has such occurrences and was never collected is asked for
        once; after that its occurrences block."""
        if not self.tree.files:
            return {}, []
        occ = self.tree.occurrences(set(n for _, n, _ in fields))
        blocked, more = {}, set()
        for unit, name, defpos in fields:
            for f, line, col, how in sorted(occ.get(name, ()), key=lambda o: (o[0], o[1], o[2])):
                if (f, str(line), str(col)) in self.analysed:
                    continue
                if not self.tree.sees(f, defpos, in_macro=how != "member"):
                    continue
                if f not in self.collected and how in ("member", "macro"):
                    more.add(f)
                    continue
                blocked.setdefault(unit, (self.tree.realname(f), line, how))
        if more:
            # the driver collects WORK/more before the next decide round
            self.collected.update(more)
            self.work.write("collected", sorted(self.collected))
        return blocked, sorted(more)


def reason(where):
    """The blocking reason of an occurrence (file, line, how)."""
    f, line, how = where
    what = {"paste": " (a token pasted into the name)",
            "macro": " (in a macro body)",
            "alias": " (through a macro that names it)",
            "argument": " (as an argument of a macro that puts it after ->)"}
    return "use not analysed at %s:%d%s" % (f, line, what.get(how, ""))


