#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Split one refconv patch into a per-subsystem series of format-patch files.

    split-patch.py --by maintainers|dir --tree TREE --out DIR
                   [--cocci FILE]... [--work DIR] PATCH

Files that must change together stay in one patch: every file touched for
one converted field (its definition and all its uses, from the decide
step's WORK/*/decisions) goes to the subsystem of the field's definition, so
each patch of the series builds on its own. Subsystems come from the tree's
MAINTAINERS file (F:/X: patterns, the longest matching pattern wins) with
--by maintainers; files no section matches, and every file with --by dir,
fall back to their top directories (two levels: drivers/md, fs/nfsd).

Each output file is in git format-patch form: From (git config, else a
refconv address), Date, Subject "[PATCH n/N] <prefix>: convert ...", a body
made of the semantic patch's /// lines and the decision rows for that
subsystem, a diffstat, and the diff. Applied in order, the series equals the
single patch.
"""

import argparse
import collections
import email.utils
import fnmatch
import os
import re
import subprocess
import sys


def split_files(patch):
    """{path: diff text} in order of appearance, from a unified diff."""
    out = collections.OrderedDict()
    cur = None
    for line in patch.splitlines(keepends=True):
        if line.startswith("diff ") or (line.startswith("--- ") and cur is None):
            cur = []
            out[len(out)] = cur
        if cur is None:
            continue
        cur.append(line)
    files = collections.OrderedDict()
    for chunk in out.values():
        text = "".join(chunk)
        m = re.search(r"^\+\+\+ b/([^\t\n]+)", text, re.M)
        if m:
            files[m.group(1)] = text
    return files


class Maintainers:
    """Sections of a MAINTAINERS file with their F: and X: patterns."""

    def __init__(self, path):
        self.sections = []
        if not os.path.exists(path):
            return
        title, f, x = None, [], []
        with open(path, errors="replace") as fh:
            for line in fh:
                m = re.match(r"^([A-Z]):\s*(.*\S)\s*$", line)
                if m and title:
                    if m.group(1) == "F":
                        f.append(m.group(2))
                    elif m.group(1) == "X":
                        x.append(m.group(2))
                elif line.strip() and not line[0].isspace() and not m:
                    if title and f:
                        self.sections.append((title, f, x))
                    title, f, x = line.strip(), [], []
        if title and f:
            self.sections.append((title, f, x))

    @staticmethod
    def matches(pattern, path):
        if pattern.endswith("/"):
            return path.startswith(pattern)
        if any(c in pattern for c in "*?["):
            # a glob matches within its directory, as in get_maintainer.pl
            return (fnmatch.fnmatchcase(path, pattern) and
                    path.count("/") == pattern.count("/"))
        return path == pattern or path.startswith(pattern.rstrip("/") + "/")

    def section(self, path):
        """(title, matched pattern) with the longest pattern, or None."""
        best = None
        for title, f, x in self.sections:
            if any(self.matches(p, path) for p in x):
                continue
            for p in f:
                if self.matches(p, path) and (best is None or len(p) > len(best[1])):
                    best = (title, p)
        return best


def top_dir(path):
    parts = path.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else parts[0] if len(parts) > 1 else "."


def link_groups(files, work):
    """Files that must stay together: {file: representative}."""
    parent = {f: f for f in files}

    def find(f):
        while parent[f] != f:
            parent[f] = parent[parent[f]]
            f = parent[f]
        return f

    anchor = {}
    for path in sorted(decision_files(work)):
        with open(path) as fh:
            for line in fh:
                r = line.rstrip("\n").split("\t")
                if len(r) < 6 or r[0] == "blocked" or r[1] not in parent:
                    continue
                what = r[-1]
                if r[0] == "def":
                    anchor[what] = r[1]
                first = anchor.setdefault(what, r[1])
                a, b = find(first), find(r[1])
                if a != b:
                    parent[b] = a
    # the definition's file represents the group
    rep = {}
    for what, f in anchor.items():
        if f in parent:
            rep[find(f)] = f
    return {f: rep.get(find(f), find(f)) for f in files}


def decision_files(work):
    if not work or not os.path.isdir(work):
        return []
    return [os.path.join(work, d, "decisions") for d in os.listdir(work)
            if os.path.exists(os.path.join(work, d, "decisions"))]


def table_rows(work):
    rows = []
    if not work or not os.path.isdir(work):
        return rows
    for d in sorted(os.listdir(work)):
        t = os.path.join(work, d, "table")
        if os.path.exists(t):
            with open(t) as fh:
                rows += [l.rstrip("\n").split("\t") for l in fh if not l.startswith("#")]
    return rows


def description(coccis):
    lines = []
    for c in coccis:
        with open(c) as fh:
            for line in fh:
                if line.startswith("///"):
                    lines.append(line[3:].strip())
        lines.append("")
    # paragraphs back together
    text, para = [], []
    for l in lines:
        if l:
            para.append(l)
        elif para:
            text.append(" ".join(para))
            para = []
    return text


def wrap(text, width=72):
    out, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = (line + " " + w).strip()
    if line:
        out.append(line)
    return "\n".join(out)


def diffstat(diffs):
    rows, ins, dels = [], 0, 0
    for path, text in diffs:
        a = sum(1 for l in text.splitlines() if l.startswith("+") and not l.startswith("+++"))
        d = sum(1 for l in text.splitlines() if l.startswith("-") and not l.startswith("---"))
        rows.append((path, a, d))
        ins += a
        dels += d
    w = max(len(p) for p, _, _ in rows)
    out = [" %-*s | %3d %s" % (w, p, a + d, "+" * a + "-" * d) for p, a, d in rows]
    out.append(" %d file%s changed, %d insertion%s(+), %d deletion%s(-)"
               % (len(rows), "s" if len(rows) != 1 else "", ins,
                  "s" if ins != 1 else "", dels, "s" if dels != 1 else ""))
    return "\n".join(out)


def git_prefix(tree, paths):
    """The usual subject prefix of commits touching PATHS, if TREE has git
    history: the most common text before the first ': '."""
    try:
        top = subprocess.run(["git", "-C", tree, "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=30).stdout.strip()
        if not top or os.path.realpath(top) != os.path.realpath(tree):
            return None
        out = subprocess.run(
            ["git", "-C", tree, "log", "--no-merges", "-n", "200", "--format=%s", "--"]
            + paths, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    prefixes = collections.Counter(
        s.split(": ")[0] for s in out.splitlines() if ": " in s and len(s.split(": ")[0]) < 40)
    return prefixes.most_common(1)[0][0] if prefixes else None


def path_prefix(path):
    """A subject prefix from the path of the file that defines what the
    patch converts: its directory's name, or the file's stem for files
    directly in a generic include directory (include/linux/sunrpc/sched.h
    gives "sunrpc", include/linux/iocontext.h gives "iocontext")."""
    d, base = os.path.split(path)
    if not d or d in ("include/linux", "include/net", "include/uapi/linux", "include"):
        return os.path.splitext(base)[0]
    return d.split("/")[-1]


def author(tree):
    def cfg(k):
        try:
            return subprocess.run(["git", "-C", tree, "config", k], capture_output=True,
                                  text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    name, mail = cfg("user.name"), cfg("user.email")
    return "%s <%s>" % (name or "refconv", mail or "refconv@localhost")


def slug(s):
    return re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-").lower()[:52] or "patch"


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--by", choices=("maintainers", "dir"), required=True)
    ap.add_argument("--tree", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--cocci", action="append", default=[])
    ap.add_argument("--work")
    ap.add_argument("patch")
    a = ap.parse_args(argv[1:])

    with open(a.patch) as fh:
        files = split_files(fh.read())
    os.makedirs(a.out, exist_ok=True)
    if not files:
        return 0

    rep = link_groups(list(files), a.work)
    maint = Maintainers(os.path.join(a.tree, "MAINTAINERS")) if a.by == "maintainers" else None
    groups = collections.OrderedDict()
    for f in sorted(files):
        r = rep[f]
        sec = maint.section(r) if maint else None
        key = sec[0] if sec else top_dir(r)
        groups.setdefault(key, []).append(f)

    rows = table_rows(a.work)
    body = description(a.cocci)
    who = author(a.tree)
    date = email.utils.formatdate(localtime=True)
    n = len(groups)
    for i, (key, paths) in enumerate(groups.items(), 1):
        fields = [r[0] for r in rows if len(r) > 3 and r[3] == "converted"
                  and r[1].rsplit(":", 1)[0] in paths]
        prefix = git_prefix(a.tree, paths) or path_prefix(rep[paths[0]])
        if len(fields) == 1:
            what = "convert %s from atomic_t to refcount_t" % fields[0].replace("struct ", "")
        elif fields:
            what = "convert %d reference counts from atomic_t to refcount_t" % len(fields)
        else:
            what = "apply %s" % ", ".join(os.path.basename(c) for c in a.cocci) or "refconv"
        subject = "[PATCH %d/%d] %s: %s" % (i, n, prefix, what)
        text = ["From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001",
                "From: %s" % who, "Date: %s" % date, "Subject: %s" % subject, ""]
        text += [wrap(p) + "\n" for p in body]
        mine = [r for r in rows if len(r) > 4 and r[1].rsplit(":", 1)[0] in paths]
        if mine:
            text.append("Decisions for this subsystem (field, defined at, uses, verdict, reason):\n")
            for r in mine:
                text.append("  %s  %s  %s uses  %s%s" % (r[0], r[1], r[2], r[3],
                                                       ": " + r[4] if r[4] else ""))
            text.append("")
        text.append("Generated with refconv (%s)." % ", ".join(
            os.path.basename(c) for c in a.cocci))
        text.append("---")
        text.append(diffstat([(p, files[p]) for p in paths]))
        text.append("")
        out = "\n".join(text) + "\n" + "".join(files[p] for p in paths) + "-- \nrefconv\n\n"
        name = "%04d-%s-%s.patch" % (i, slug(prefix), slug(what))
        with open(os.path.join(a.out, name), "w") as fh:
            fh.write(out)
        print(os.path.join(a.out, name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
