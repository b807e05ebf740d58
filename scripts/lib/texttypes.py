"""The struct type of an expression spatch could not type, read from the
tree's text.

spatch runs with --no-includes, so it cannot type a global declared in a
header (&init_mm), a macro (current -> get_current()), or a member of a
struct defined in a header (uiomr->owning_mm).  This module types the
expressions a decide step is given, from every file of the tree, and
answers only when there is no doubt:

  - an expression is NAME, NAME() or a chain of ->M and .M after one, or a
    cast "(struct S *) X" (parentheses around any of them allowed);
  - NAME is a local or parameter when the enclosing function declares it
    (every declaration of it there must agree), otherwise a file-scope
    variable (every file-scope declaration of NAME in the tree must agree)
    or an object-like macro (every #define of NAME must type alike);
  - NAME() is a function (every prototype or definition of it must return
    the same type) or a function-like macro without parameters;
  - ->M and .M take M's type in every definition of the struct (all of
    them, members of anonymous structs and unions included, must agree).

A type is ("struct S", pointer depth 0 or 1); None means unknown: a shape
outside this list, a name declared with another kind of type, or any
disagreement.  Declarations hidden in macros or written as typedefs are
unknown, so the answer errs towards None.
"""

import re

from audit import _grep_files, _read, code_of
from refconv_cocci import matching

TOKEN = re.compile(r"\s*(->|[A-Za-z_]\w*|\d\w*|[^\w\s])")
# the type of a name whose definitions are being read (a cycle)
CYCLE = ("cycle", None)
# a declaration of NAME: "struct S *NAME" / "struct S NAME", qualifiers and
# attributes between allowed; what follows NAME ends a declarator
DECL = r"\bstruct\s+(\w+)\s*((?:\*|\bconst\b|\bvolatile\b|\b__\w+\b|\s)*)\b%s\s*(?=[;,=)\[]|\basm\b|__)"
FUNC = r"\bstruct\s+(\w+)\s*((?:\*|\bconst\b|\s)*)\b%s\s*\(\s*(?:void)?\s*\)"
DEFINE = r"^[ \t]*#[ \t]*define[ \t]+%s(\(\s*\))?[ \t]+((?:\\\n|[^\n])*)"
MAX_DEPTH = 6
KEYWORDS = {"return", "case", "sizeof", "typeof", "else", "goto", "do"}
MEMBER = re.compile(r"^(?:const |volatile )*struct (\w+) (.+)$")


def _chunks(body):
    """BODY split at its top-level ";"."""
    out, depth, cur = [], 0, []
    for c in body:
        if c == ";" and depth == 0:
            out.append("".join(cur))
            cur = []
            continue
        depth += {"{": 1, "}": -1}.get(c, 0)
        cur.append(c)
    return out


def _parse_members(body):
    """Member -> type of the declarations of a struct or union BODY;
    members of an anonymous inner struct or union are the outer's."""
    out = {}
    for d in _chunks(body):
        d = re.sub(r"\s+", " ", d).strip()
        if "{" in d:
            i, depth = d.index("{"), 0
            for j in range(i, len(d)):
                depth += {"{": 1, "}": -1}.get(d[j], 0)
                if depth == 0:
                    break
            tail = d[j + 1:].strip()
            inner = _parse_members(d[i + 1:j])
            if not tail or tail.startswith("__"):
                for k, v in inner.items():
                    _put(out, k, v)
            for n in re.findall(r"\b(\w+)\s*(?:\[[^]]*\])?\s*(?:,|$)", tail):
                if not n.startswith("__"):
                    _put(out, n, None)
            continue
        m = MEMBER.match(d)
        for decl in (m.group(2) if m else d).split(","):
            n = re.match(r"^\s*((?:\*\s*|const\s+)*)(\w+)\s*$", decl)
            if m and n:
                p = _ptr(n.group(1))
                _put(out, n.group(2), ("struct " + m.group(1), p) if p is not None else None)
            else:
                for w in re.findall(r"(\w+)\s*(?:\[[^]]*\]|:\s*\w+)?\s*\)?\s*(?:\(.*)?$", decl)[:1]:
                    _put(out, w, None)
    return out


def _put(out, k, v):
    """OUT[K] = V, or None when K already has another type (a member
    declared twice, under #ifdef and #else)."""
    out[k] = v if out.get(k, v) == v else None


def _ptr(stars):
    n = stars.count("*")
    return n if n <= 1 else None


def _depth_at(code, off):
    """Brace depth of CODE at OFF."""
    return code.count("{", 0, off) - code.count("}", 0, off)


def _function_span(code, func):
    """(start, end) of the body of function FUNC in CODE, parameters
    included, or None."""
    for m in re.finditer(r"\b%s\s*\(" % re.escape(func), code):
        if _depth_at(code, m.start()) != 0:
            continue
        i = matching(code, m.end() - 1)
        rest = re.match(r"[^;{]*\{", code[i + 1:]) if i >= 0 else None
        if not rest:
            continue
        k = matching(code, i + rest.end(), "{}")
        if k >= 0:
            return (m.start(), k + 1)
    return None


class TextTypes:
    """Types of expressions over the tree's FILES (paths to read)."""

    def __init__(self, files, sees=None, scope=None):
        self.files = list(files)
        # sees(F, G, LINE): whether code in F can see a declaration in G at
        # LINE (audit.Tree.sees); by default every file sees every other
        self.sees = sees or (lambda f, g, line: True)
        # scope(F): the files whose declarations code in F may see (F and
        # what it includes), or None for every file: a cheap preselection
        self.scope = scope or (lambda f: None)
        self._code = {}
        self._with = {}
        self._members = {}
        self._names = {}

    def code(self, f):
        if f not in self._code:
            self._code[f] = code_of(_read(f))
        return self._code[f]

    def _files_with(self, ere, f):
        """The files of F's scope with a line that ERE (grep -E, and
        Python's re alike) matches: a cheap preselection (a declaration
        split across lines before its name is not seen)."""
        scope = self.scope(f)
        if scope is None:
            if ere not in self._with:
                self._with[ere] = _grep_files(["-E", ere], self.files)
            return self._with[ere]
        r = re.compile(ere, re.M)
        return [g for g in scope if r.search(self.code(g))]

    @staticmethod
    def _agree(types):
        """The one type of TYPES (a list), None if unknown or mixed, CYCLE
        if every one is a cycle (or there is none: a cycle's start must not
        be typed by nothing)."""
        s = set(types) - {CYCLE}
        if not s:
            return CYCLE if types else None
        return s.pop() if len(s) == 1 and None not in s else None

    # --- names --------------------------------------------------------------

    def _decls(self, text, name, base=0):
        """Types of the declarations of NAME in TEXT (None for one that is
        not "struct S [*]"), with their offsets."""
        out = []
        for m in re.finditer(DECL % re.escape(name), text):
            p = _ptr(m.group(2))
            out.append((("struct " + m.group(1), p) if p is not None else None, base + m.start()))
        return out

    @staticmethod
    def _other_decl(text, name):
        """Whether TEXT may declare NAME with a type that is not a struct:
        NAME after a word or "*" and before the end of a declarator (an
        expression such as "a * NAME;" counts too: it errs towards unknown)."""
        for m in re.finditer(r"(\w+|\*)\s*\b%s\s*(?=[;,=)\[])" % re.escape(name), text):
            if m.group(1) not in KEYWORDS:
                return True
        return False

    def of_name(self, name, f, func, depth=0):
        """The type of identifier NAME used in function FUNC of file F."""
        code = self.code(f)
        span = _function_span(code, func) if func else None
        if span:
            body = code[span[0]:span[1]]
            local = self._decls(body, name)
            if local:
                return self._agree([t for t, _ in local])
            if self._other_decl(body, name):
                return None
        return self.of_global(name, f, depth)

    def _visible(self, f, g, code, off):
        return f == g or self.sees(f, g, code.count("\n", 0, off) + 1)

    def of_global(self, name, f, depth=0):
        """The type of NAME at file scope: a variable or an object-like
        macro, the same in every file that code in F can see."""
        key = ("g", name, f)
        if key not in self._names:
            self._names[key] = CYCLE
            types = []
            for g in self._files_with(r"struct[^;(={}]*\b%s\b|define\s+%s\b" % (name, name), f):
                code = self.code(g)
                types += [t for t, off in self._decls(code, name)
                          if _depth_at(code, off) == 0 and self._visible(f, g, code, off)]
                for m in re.finditer(DEFINE % re.escape(name), code, re.M):
                    if m.group(1) or not self._visible(f, g, code, m.start()):
                        continue
                    types.append(self._of(m.group(2).replace("\\\n", " "), f, None, depth + 1))
            t = self._agree(types)
            self._names[key] = None if t is CYCLE else t
        return self._names[key]

    def of_call(self, name, f, depth=0):
        """The type NAME() returns in F: a function or a parameterless
        macro."""
        key = ("f", name, f)
        if key not in self._names:
            self._names[key] = CYCLE
            types = []
            for g in self._files_with(r"\b%s\b" % name, f):
                code = self.code(g)
                for m in re.finditer(FUNC % re.escape(name), code):
                    if _depth_at(code, m.start()) == 0 and self._visible(f, g, code, m.start()):
                        p = _ptr(m.group(2))
                        types.append(("struct " + m.group(1), p) if p is not None else None)
                for m in re.finditer(DEFINE % re.escape(name), code, re.M):
                    if not self._visible(f, g, code, m.start()):
                        continue
                    if m.group(1):
                        types.append(self._of(m.group(2).replace("\\\n", " "), f, None, depth + 1))
                    else:
                        types.append(None)
            t = self._agree(types)
            self._names[key] = None if t is CYCLE else t
        return self._names[key]

    # --- members ------------------------------------------------------------

    def members(self, tag, f):
        """Member -> type in the definitions of struct TAG that code in F
        can see ({} if none); a member whose definitions disagree maps to
        None."""
        key = (tag, f)
        if key in self._members:
            return self._members[key]
        self._members[key] = {}
        found = []
        for g in self._files_with(r"struct\s+%s\s*(\{|$)" % tag, f):
            code = self.code(g)
            for m in re.finditer(r"\bstruct\s+%s\s*\{" % re.escape(tag), code):
                if self._visible(f, g, code, m.start()):
                    found.append(self._body_members(code, m.end()))
        out = {}
        for d in found:
            for k, v in d.items():
                _put(out, k, v)
        self._members[key] = out
        return out

    @staticmethod
    def _body_members(code, start):
        """Member -> type of the struct body starting at START (after "{")."""
        depth, i = 1, start
        while i < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[i], 0)
            i += 1
        # both branches of an #if count: the directives go, not the lines
        body = re.sub(r"^[ \t]*#(?:\\\n|[^\n])*", "", code[start:i - 1], flags=re.M)
        return _parse_members(body)

    # --- expressions --------------------------------------------------------

    def type_of(self, expr, f, func):
        """The type of EXPR (C text, or spatch's spaced print of it) in
        function FUNC of file F; None when unknown."""
        t = self._of(expr, f, func, 0)
        return None if t is CYCLE else t

    def _of(self, expr, f, func, depth):
        if depth > MAX_DEPTH:
            return None
        toks, pos = [], 0
        expr = expr.strip()
        while pos < len(expr):
            m = TOKEN.match(expr, pos)
            if not m:
                return None
            toks.append(m.group(1))
            pos = m.end()
        t, rest = self._unary(toks, f, func, depth)
        return t if not rest else None

    @staticmethod
    def _skip(toks):
        """TOKS after one operand of a cast: a name or call, or a
        parenthesised expression, and its ->M/.M chain."""
        def balanced(i):
            depth = 0
            for j in range(i, len(toks)):
                depth += {"(": 1, ")": -1}.get(toks[j], 0)
                if depth == 0:
                    return j + 1
            return len(toks) + 1
        if not toks:
            return None
        if toks[0] == "(":
            i = balanced(0)
        elif re.match(r"^\w+$", toks[0]):
            i = balanced(1) if toks[1:2] == ["("] else 1
        else:
            return None
        while toks[i:i + 1] in (["->"], ["."]) and i + 1 < len(toks):
            i += 2
        return toks[i:] if i <= len(toks) else None

    def _unary(self, toks, f, func, depth):
        if toks[:1] == ["&"]:
            t, rest = self._unary(toks[1:], f, func, depth)
            if t is CYCLE:
                return t, rest
            return ((t[0], 1) if t and t[1] == 0 else None), rest
        return self._postfix(toks, f, func, depth)

    def _primary(self, toks, f, func, depth):
        if not toks:
            return None, toks
        if toks[0] == "(":
            # a cast "(struct S *) X": the operand's own type does not matter
            if len(toks) > 3 and toks[1] == "struct":
                j = 3
                while j < len(toks) and toks[j] in ("*", "const"):
                    j += 1
                if j < len(toks) and toks[j] == ")":
                    rest = self._skip(toks[j + 1:])
                    if rest is None:
                        return None, toks
                    p = _ptr(" ".join(toks[3:j]))
                    return (("struct " + toks[2], p) if p is not None else None), rest
            t, rest = self._unary(toks[1:], f, func, depth)
            if rest[:1] != [")"]:
                return None, toks
            return t, rest[1:]
        if re.match(r"^[A-Za-z_]\w*$", toks[0]):
            if toks[1:3] == ["(", ")"]:
                return self.of_call(toks[0], f, depth), toks[3:]
            return self.of_name(toks[0], f, func, depth), toks[1:]
        return None, toks

    def _postfix(self, toks, f, func, depth):
        t, rest = self._primary(toks, f, func, depth)
        while rest[:1] in (["->"], ["."]) and len(rest) > 1:
            op, m = rest[0], rest[1]
            rest = rest[2:]
            if t is CYCLE:
                continue
            if t is None or (op == "->") != (t[1] == 1):
                return None, rest
            t = self.members(t[0].split(" ", 1)[1], f).get(m)
        return t, rest
