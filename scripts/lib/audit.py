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

import collections
import os
import re
import subprocess

INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"]+)[>"]', re.M)
# comments, string and character literals: blanked before searching
NOISE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
PASTE = re.compile(r"(?:->|\.)[ \t]*\w*[ \t]*##[ \t]*(\w+)")


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


def _grep_files(args, files, stdin_pattern=None):
    """The files of FILES that grep ARGS -l selects (batched, NUL-safe)."""
    if not files:
        return []
    cmd = ["xargs", "-0", "-r", "-n", "2000", "grep", "-lZ"] + args
    out = subprocess.run(cmd, input="\0".join(files).encode(),
                         stdout=subprocess.PIPE, check=False).stdout
    return [f for f in out.decode("latin-1").split("\0") if f]


class Tree:
    """The C files of the whole tree (WORK/tree, names as the run uses
    them), their real names (WORK/aliases) and their include graph."""

    def __init__(self, work):
        self.work = work
        self.files = work.lines("tree")
        self.real = {a: r for a, r in work.rows("aliases")}
        self.name = {r: a for a, r in self.real.items()}
        self._graph = None
        self._rev = None
        self._seen = {}
        self._after = {}
        self.at = {}

    def realname(self, f):
        return self.real.get(f, f)

    def runname(self, r):
        return self.name.get(r, r)

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
        if quoted:
            return [r for r in by_base.get(os.path.basename(name), ())
                    if r.endswith("/" + name) or r == name]
        return []

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

    def sees(self, f, defpos):
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
        if d.endswith(".c"):
            return f in self.included_after(d, int(defpos[1]))
        if f.startswith("include/") or "/include/" in f:
            return False
        mine = self.includers(f)
        return bool(mine & self.includers(d)) or not any(x.endswith(".c") for x in mine)

    # --- occurrences ----------------------------------------------------------

    def occurrences(self, names):
        """{F: [(file, line, col, how)]} for the names NAMES: every member
        position of F in the tree (how "member"), and every token paste
        that can make F ("paste", at the ##)."""
        names = set(names)
        out = collections.defaultdict(list)
        if not names:
            return out
        member = re.compile(r"(?:->|\.)\s*(%s)\b" % "|".join(sorted(names)))
        words = _grep_files(["-wF"] + [a for n in sorted(names) for a in ("-e", n)], self.files)
        pastes = set(_grep_files(["-F", "##"], self.files))
        for f in sorted(set(words) | pastes):
            t = code_of(_read(f))
            starts = [0] + [i + 1 for i, c in enumerate(t) if c == "\n"]

            def pos(i):
                line = _bisect(starts, i)
                return line + 1, i - starts[line]

            for m in member.finditer(t):
                line, col = pos(m.start(1))
                out[m.group(1)].append((f, line, col, "member"))
            if f in pastes:
                for m in PASTE.finditer(t):
                    line, col = pos(m.start())
                    for n in names:
                        if n.endswith(m.group(1)):
                            out[n].append((f, line, col, "paste"))
        return out


def _bisect(starts, i):
    lo, hi = 0, len(starts)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if starts[mid] <= i:
            lo = mid
        else:
            hi = mid
    return lo


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
                if not self.tree.sees(f, defpos):
                    continue
                if f not in self.collected and how == "member":
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
    if how == "paste":
        return "use not analysed at %s:%d (a token pasted into the name)" % (f, line)
    return "use not analysed at %s:%d" % (f, line)


