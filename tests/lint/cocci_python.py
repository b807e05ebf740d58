#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Lint the Python embedded in .cocci files with pyflakes.

    cocci_python.py FILE.cocci...

prints one line "FILE:LINE: message" per syntax error or pyflakes message
(an undefined name, an unused import, ...) and exits 1 when there is any.

Every @initialize:python@, @finalize:python@ and @script:python@ block and
every script constraint ("X : script:python(A, r.B) { EXPR }", "fresh
identifier X = script:python(A) { EXPR }") is extracted the way spatch 1.1.1
reads it (parsing_cocci/lexer_script.mll: the code ends at the first "@"
outside a string, "//" and "#" comments are dropped, "..." and '...' are
strings) and checked as spatch runs it: all blocks share one namespace, the
initialize blocks' top level first; a script rule is a function of the names
its metavariables bind ("x << rule.y;", and its own "x;"), whose top-level
assignments are globals; a constraint is a function of the constrained
metavariable (not of a fresh identifier) and of its parameters. Line
numbers are those of the .cocci file.
"""

import ast
import re
import sys

import pyflakes.checker

# what spatch defines before any script runs (cocci.ml's python_code)
BUILTINS = {"coccinelle", "coccilib", "cocci", "Cocci", "Iteration"}
HEADER = re.compile(r"^@([^@]*)@\s*$")
SCRIPT_HEADER = re.compile(r"^(script|initialize|finalize):(\w+)\b")
CONSTRAINT = re.compile(r"(\w+(?:\.\w+)?)\s*([:=])\s*script:python\s*\(([^)]*)\)\s*\{")


class Block:
    """One piece of embedded Python: KIND ("initialize", "finalize",
    "script", "constraint"), its code, the .cocci line its code starts on,
    the line that names it, and the names its metavariables bind."""

    def __init__(self, kind, code, line, header_line, params=()):
        self.kind, self.code, self.line = kind, code, line
        self.header_line, self.params = header_line, list(params)


def script_code(text, i):
    """(code, end) of the script code starting at TEXT[i]: spatch's lexer
    drops "//" and "#" comments and ends the code at the first "@" that is
    not in a string."""
    out, in_comment = [], False
    n = len(text)
    while i < n:
        c = text[i]
        if c == "@":
            break
        if text.startswith("//", i) or c == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        if text.startswith("(*", i):
            in_comment = True
        elif text.startswith("*)", i):
            in_comment = False
        if c == '"' or (c == "'" and not in_comment):
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if c == '"' and text.startswith('\\"', j) else 1
            out.append(text[i:j + 1])
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out), i


def smpl_uncomment(text):
    """TEXT without SmPL "//" comments (strings kept)."""
    return re.sub(r'"(?:\\.|[^"\\])*"|//[^\n]*',
                  lambda m: m.group(0) if m.group(0).startswith('"') else "", text)


def braced(text, i):
    """(inside, end) of the braces opening at TEXT[i - 1], strings kept."""
    depth, j = 1, i
    while j < len(text) and depth:
        if text[j] == '"':
            j += 1
            while j < len(text) and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
        elif text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
        j += 1
    return text[i:j - 1], j


def line_of(text, i):
    return text.count("\n", 0, i) + 1


def script_params(decls):
    """The Python names a script rule's metavariable section binds."""
    names = []
    for d in smpl_uncomment(decls).split(";"):
        d = d.strip()
        if not d:
            continue
        lhs = d.split("<<", 1)[0].strip()
        names += [n for n in re.findall(r"\w+", lhs) if n != "_"]
    return names


def constraints(decls, start):
    """The script constraints of a rule's metavariable section DECLS, which
    starts at .cocci line START."""
    decls = smpl_uncomment(decls)
    out = []
    for m in CONSTRAINT.finditer(decls):
        code, _ = braced(decls, m.end())
        params = [p.strip().split(".")[-1] for p in m.group(3).split(",") if p.strip()]
        if m.group(2) == ":":
            params.insert(0, m.group(1).split(".")[-1])
        line = start + line_of(decls, m.end()) - 1
        out.append(Block("constraint", code, line, start + line_of(decls, m.start()) - 1, params))
    return out


def blocks(text):
    """Every piece of embedded Python of the .cocci TEXT, in file order."""
    out = []
    i = 0
    while True:
        m = re.compile(r"^@", re.M).search(text, i)
        if not m:
            return out
        start = m.start()
        eol = text.find("\n", start)
        eol = len(text) if eol < 0 else eol
        head = HEADER.match(text[start:eol])
        if not head:
            i = eol
            continue
        hline = line_of(text, start)
        # the metavariable section ends at the next "@@" line
        end = re.compile(r"^@@\s*$", re.M).search(text, eol)
        if not end:
            return out
        decls = text[eol + 1:end.start()]
        body = end.end() + 1
        kind = SCRIPT_HEADER.match(head.group(1).strip())
        if kind and kind.group(2) == "python":
            code, i = script_code(text, body)
            params = script_params(decls) if kind.group(1) == "script" else []
            out.append(Block(kind.group(1), code, line_of(text, body), hline, params))
        elif kind:
            i = script_code(text, body)[1]
        else:
            out += constraints(decls, hline + 1)
            i = body
    return out


def parse(block):
    """The AST of BLOCK, its line numbers those of the .cocci file."""
    if block.kind == "constraint":
        tree = ast.parse("\n" * (block.line - 1) + "(" + block.code + "\n)", mode="eval")
        return [ast.Return(value=tree.body, lineno=block.line, col_offset=0)]
    return ast.parse("\n" * (block.line - 1) + block.code).body


class Bound(ast.NodeVisitor):
    """The names a piece of code binds in its own scope (not in the
    functions, classes, lambdas and comprehensions it defines)."""

    def __init__(self):
        self.names = set()

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Store):
            self.names.add(node.id)

    def visit_FunctionDef(self, node):
        self.names.add(node.name)

    visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

    def visit_Import(self, node):
        self.names.update((a.asname or a.name).split(".")[0] for a in node.names)

    visit_ImportFrom = visit_Import

    def visit_Lambda(self, node):
        pass

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_Lambda


def assigned(stmts):
    """The names the top level of STMTS binds."""
    v = Bound()
    for s in stmts:
        v.visit(s)
    return v.names


def function(block, stmts):
    """BLOCK's statements as the function spatch in effect runs."""
    args = ast.arguments(posonlyargs=[], args=[ast.arg(arg=p) for p in block.params],
                         kwonlyargs=[], kw_defaults=[], defaults=[])
    body = list(stmts)
    if block.kind == "script":
        glob = sorted(assigned(stmts) - set(block.params))
        if glob:
            body.insert(0, ast.Global(names=glob, lineno=block.header_line, col_offset=0))
    if not body:
        body = [ast.Pass(lineno=block.header_line, col_offset=0)]
    return ast.FunctionDef(name="%s_%d" % (block.kind, block.header_line), args=args,
                           body=body, decorator_list=[], returns=None,
                           lineno=block.header_line, col_offset=0)


def lint(path):
    """The problems of the Python embedded in the .cocci PATH, as
    (line, message)."""
    with open(path, errors="replace") as f:
        text = f.read()
    problems, init, funcs, final = [], [], [], []
    whole = True
    for b in blocks(text):
        try:
            stmts = parse(b)
        except SyntaxError as e:
            problems.append((e.lineno or b.line, "syntax error in the %s block of line %d: %s"
                             % (b.kind, b.header_line, e.msg)))
            # without it, every name it defines would be undefined too
            whole = whole and b.kind not in ("initialize", "finalize")
            continue
        if b.kind == "initialize":
            init += stmts
        elif b.kind == "finalize":
            final += stmts
        else:
            funcs.append(function(b, stmts))
    if whole:
        tree = ast.fix_missing_locations(ast.Module(body=init + funcs + final, type_ignores=[]))
        checker = pyflakes.checker.Checker(tree, filename=path, builtins=BUILTINS)
        for m in checker.messages:
            problems.append((m.lineno, m.message % m.message_args))
    return sorted(problems)


def main(argv):
    bad = 0
    for path in argv[1:]:
        for line, msg in lint(path):
            print("%s:%d: %s" % (path, line, msg))
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv))
