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

import atexit
import bisect
import collections
import hashlib
import os
import pickle
import re
import subprocess
import tempfile

import cache as _cache

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
    s = m.group(0)
    if "\n" not in s:
        return " " * len(s)
    return re.sub(r"[^\n]", " ", s)


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


class Memo:
    """Per-file results of the audit's scans of the tree's text, kept under
    the run's cache ($REFCONV_CACHE, scripts/run-cocci.sh --cache) between
    runs: a scan's result for a file depends only on the file's content
    and on what the scan looks for (its TAG), so a rerun reads only the
    files that changed. Keyed by content digests from the cache's stat
    index; a store under a version of this file's own text, written by
    rename (two runs may race: the loser's results are only recomputed).
    Without a cache every scan runs."""

    def __init__(self, files):
        self.dir = os.environ.get("REFCONV_CACHE", "")
        self.digest, self.store, self.dirty = {}, {}, False
        if not self.dir:
            return
        with open(__file__, "rb") as f:
            version = hashlib.sha256(f.read()).hexdigest()[:16]
        self.path = os.path.join(self.dir, "audit", version)
        self.digest = {os.fsdecode(k): v for k, v in _cache.digests(
            self.dir, os.getcwd(), [os.fsencode(f) for f in files]).items()}
        try:
            with open(self.path, "rb") as f:
                self.store = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            self.store = {}
        atexit.register(self.save)

    def map(self, tag, files, compute, default=None):
        """{file: result} for FILES: COMPUTE(files) -> {file: result} over
        the files the memo has no TAG result for (DEFAULT for a file
        COMPUTE leaves out)."""
        out, todo = {}, []
        for f in files:
            e = self.store.get(self.digest.get(f))
            if e is not None and tag in e:
                out[f] = e[tag]
            else:
                todo.append(f)
        if todo:
            got = compute(todo)
            for f in todo:
                out[f] = got.get(f, default)
                d = self.digest.get(f)
                if d:
                    self.store.setdefault(d, {})[tag] = out[f]
                    self.dirty = True
        return out

    def grep(self, tag, args, files, words=None):
        """_grep_files(ARGS, FILES, WORDS) through the memo."""
        hit = self.map(tag, files, lambda fs: dict.fromkeys(
            _grep_files(args, fs, words), True), False)
        return [f for f in files if hit[f]]

    def graph_answers(self, key):
        """The dict of answers kept for the include graph KEY (those of
        other graphs are dropped: the tree has moved on)."""
        for k in [k for k in self.store if isinstance(k, tuple) and k[1] != key]:
            del self.store[k]
        return self.store.setdefault(("graph", key), {})

    def save(self):
        if self.dirty:
            _cache._atomic_write(self.path, pickle.dumps(self.store, pickle.HIGHEST_PROTOCOL))
            self.dirty = False


def _tag(kind, *sets):
    """A scan's tag: its kind and a digest of what it looks for."""
    h = hashlib.sha256()
    for s in sets:
        h.update("\0".join(sorted(s)).encode() + b"\1")
    return kind + ":" + h.hexdigest()[:20]


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
        self._defining = {}
        self.at = {}
        self.memo = Memo(self.files)
        self._incs = None
        self._answers = None

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
        with_inc, incs = self._includes()
        for f in with_inc:
            src = self.realname(f)
            for line, quoted, name in incs[f]:
                for dst in self._resolve(src, quoted, name, by_include, by_base, exists):
                    if dst != src:
                        self._graph[src].add(dst)
                        self.at[src].append((line, dst))
        return self._graph

    def _includes(self):
        """(files with an #include, {file: [(line, quoted, name)]})."""
        if self._incs is None:
            with_inc = self.memo.grep("include?", ["-E", r"^[[:space:]]*#[[:space:]]*include"],
                                      self.files)
            self._incs = with_inc, self.memo.map("include", with_inc, _includes, [])
        return self._incs

    def graph_key(self):
        """A digest of what the include graph is made of: the tree's file
        names and its #include lines."""
        with_inc, incs = self._includes()
        h = hashlib.sha256("\0".join(sorted(self.realname(f) for f in self.files)).encode())
        for f in with_inc:
            h.update(("\1%s\0%r" % (f, incs[f])).encode())
        return h.hexdigest()

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
        includes too, or that no .c file includes. The answers depend on
        the include graph alone: they are kept in the memo for the graph
        they were computed on."""
        f, d = self.realname(f), self.realname(defpos[0])
        key = (f, d, int(defpos[1]) if d.endswith(".c") else 0, bool(in_macro))
        if self._answers is None:
            self._answers = self.memo.graph_answers(self.graph_key())
        if key not in self._answers:
            self._answers[key] = self._sees(f, d, key[2], in_macro)
            self.memo.dirty = True
        return self._answers[key]

    def _sees(self, f, d, line, in_macro):
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
            return f in self.included_after(d, line)
        if f.startswith("include/") or "/include/" in f:
            return False
        return shared

    def in_macro(self, f, line):
        """Whether LINE of F (a run name) is inside a #define."""
        if f not in self._defines:
            self._defines[f] = self.memo.map("defines", [f], lambda fs: {
                x: _define_lines(code_of(_read(x))) for x in fs})[f]
        spans = self._defines[f]
        k = bisect.bisect_right(spans, (int(line), float("inf"))) - 1
        return k >= 0 and spans[k][0] <= int(line) <= spans[k][1]

    def function_macros(self):
        """The names of every function-like macro the tree defines."""
        if self._fmacros is None:
            self._defining = self.memo.map("function-macros", self.files, _function_macros, [])
            self._fmacros = set()
            for names in self._defining.values():
                self._fmacros.update(names)
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
        hits = set(self.memo.grep(_tag("words", names), [], self.files, words=names))
        aliases = self.aliases(names, hits)
        if aliases:
            hits |= set(self.memo.grep(_tag("words", aliases), [], self.files,
                                       words=set(aliases)))
        look = names | set(aliases)
        member = re.compile(r"(?:->|\.)\s*(%s)\b" % "|".join(sorted(look)))
        bare = re.compile(r"[(,]\s*(%s)\s*(?=[,)])" % "|".join(sorted(names)))
        # a paste in member position (PASTE) is on one line
        pastes = set(self.memo.grep("paste?", [
            "-E", r"(->|\.)[[:blank:]]*[[:alnum:]_]*[[:blank:]]*##"], self.files))
        scans = self.memo.map(_tag("occurrences", look, names), sorted(hits | pastes), lambda fs: {
            f: _scan(code_of(_read(f)), member, bare, f in pastes) for f in fs}, ([], [], []))
        calls = []          # (macro, index, name, file, line, col)
        for f in sorted(hits | pastes):
            members, pasted, bares = scans[f]
            for n, line, col, in_define in members:
                if n in names:
                    out[n].append((f, line, col, "macro" if in_define else "member"))
                for a in aliases.get(n, ()):
                    out[a].append((f, line, col, "alias"))
            for head, tail, line, col in pasted:
                for n in names:
                    if n.startswith(head) or n.endswith(tail):
                        out[n].append((f, line, col, "paste"))
            calls.extend((macro, k, n, f, line, col) for macro, k, n, line, col in bares)
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
        found = self.memo.map(_tag("aliases", names), sorted(files), lambda fs: {
            f: [(m.group(1), m.group(2)) for m in body.finditer(code_of(_read(f)))
                if m.group(1) != m.group(2)] for f in fs}, [])
        for f in sorted(files):
            for alias, name in found[f]:
                out[alias].append(name)
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
        files = [f for f in self.files if not set(known).isdisjoint(self._defining[f])]
        found = self.memo.map(_tag("member-params", known), files, lambda fs: {
            f: _member_params(code_of(_read(f)), set(known)) for f in fs}, [])
        for f in files:
            for macro, used in found[f]:
                params[macro] = sorted(set(params.get(macro, [])) | set(used))
        return params


def _grep_records(opts, pattern, files):
    """(file, output) for each line grep -H -Z OPTS -E PATTERN prints over
    FILES: the matching line, "LINE:TEXT" with -n, the match with -o."""
    out = subprocess.run(
        ["xargs", "-0", "-r", "-n", "2000", "grep", "-HZE"] + opts + [pattern],
        input="\0".join(files).encode(), stdout=subprocess.PIPE,
        check=False).stdout.decode("latin-1")
    for rec in out.split("\n"):
        f, _, rest = rec.partition("\0")
        if rest:
            yield f, rest


def _includes(files):
    """{file: [(line, quoted, name)]} of the #include lines of FILES (grep
    reads them: most of the tree's files have some)."""
    found = collections.defaultdict(list)
    for f, rest in _grep_records(["-n"], r"^[[:space:]]*#[[:space:]]*include", files):
        line, _, text = rest.partition(":")
        m = INCLUDE.match(text)
        if m:
            found[f].append((int(line), m.group(1) == '"', m.group(2)))
    return found


def _line_starts(t):
    """The offsets in T at which its lines start."""
    starts, i = [0], t.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = t.find("\n", i + 1)
    return starts


def _define_lines(t):
    """[(first line, last line)] of every #define of T."""
    return [(t.count("\n", 0, a) + 1, t.count("\n", 0, b) + 1) for a, b in _define_spans(t)]


def _function_macros(files):
    """{file: [names of the function-like macros it defines]} of FILES."""
    found = collections.defaultdict(list)
    for f, m in _grep_records(
            ["-o"], r"^[[:space:]]*#[[:space:]]*define[[:space:]]+[A-Za-z_][A-Za-z0-9_]*\(", files):
        name = re.search(r"define\s+(\w+)\(", m)
        if name:
            found[f].append(name.group(1))
    return found


def _member_params(t, want):
    """[(macro, [indices])]: the function-like macros of WANT that code T
    defines, with their parameters used after -> or ., or pasted."""
    out = []
    for m in DEFINE.finditer(t):
        if m.group(1) not in want or m.group(2) is None:
            continue
        body = m.group(3).replace("\\\n", " ")
        ps = [p.strip() for p in m.group(2).split(",")]
        used = [k for k, p in enumerate(ps) if p and p != "..." and re.search(
            r"(?:->|\.)\s*%s\b|##\s*%s\b|\b%s\s*##" % ((re.escape(p),) * 3), body)]
        if used:
            out.append((m.group(1), used))
    return out


def _scan(t, member, bare, pasted):
    """The occurrences in code T: [(name, line, col, inside a #define)] of
    MEMBER, [(head, tail, line, col)] of the token pastes in member position
    when PASTED, and [(macro, argument index, name, line, col of the
    macro)] of the bare arguments BARE finds."""
    starts = _line_starts(t)
    defines = _define_spans(t)

    def pos(i):
        line = _bisect(starts, i)
        return line + 1, i - starts[line]

    members, pastes, bares = [], [], []
    for m in member.finditer(t):
        line, col = pos(m.start(1))
        members.append((m.group(1), line, col, _inside(defines, m.start(1))))
    if pasted:
        for m in PASTE.finditer(t):
            line, col = pos(m.start())
            pastes.append((m.group(1), m.group(2), line, col))
    for m in bare.finditer(t):
        call = _enclosing_call(t, m.start())
        if call:
            line, col = pos(call[2])
            bares.append((call[0], call[1], m.group(1), line, col))
    return members, pastes, bares


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


