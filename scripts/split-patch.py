#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Split one refconv patch into a per-subsystem series of format-patch files.

    split-patch.py --by maintainers|dir --tree TREE --out DIR
                   [--cocci FILE]... [--work DIR] PATCH

Files that must change together stay in one patch: every file of one unit
(a converted field or type: its definition and all its uses, from the
decide steps' WORK/*/groups, see scripts/lib/README) goes to the subsystem
of the unit's definition, and a patch comes after the patches whose units it
needs (WORK/*/needs), so each patch of the series builds on its own. Subsystems come from the tree's
MAINTAINERS file (F:/X: patterns, the longest matching pattern wins) with
--by maintainers; files no section matches, and every file with --by dir,
fall back to their top directories (two levels: drivers/md, fs/nfsd).

Each output file is in git format-patch form: From (git config, else a
refconv address), Date, Subject "[PATCH n/N] <prefix>: <the units' subject>"
(the conversion's words, e.g. "use refcount_t for kcopyd_job.sub_jobs"), a
body made of the semantic patch's /// lines and the units of the patch, a
diffstat, and the diff. Applied in order, the series equals the
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


class Groups:
    """The decide steps' WORK/<name>/groups and needs files (see
    scripts/lib/README): which files must change together, the subject of
    each unit, and which unit's patch must come before another's."""

    def __init__(self, work):
        self.units = []        # (unit, subject, [files]) in the files' order
        self.needs = []        # (unit, needed unit)
        for name in self.conversions(work):
            d = os.path.join(work, name)
            for r in self.rows(os.path.join(d, "groups")):
                if len(r) >= 3:
                    self.units.append((r[0], r[1], r[2:]))
            for r in self.rows(os.path.join(d, "needs")):
                if len(r) >= 2:
                    self.needs.append((r[0], r[1]))

    @staticmethod
    def conversions(work):
        if not work or not os.path.isdir(work):
            return []
        return sorted(d for d in os.listdir(work)
                      if os.path.isdir(os.path.join(work, d)))

    @staticmethod
    def rows(path):
        if not os.path.exists(path):
            return []
        with open(path, errors="replace") as fh:
            return [l.rstrip("\n").split("\t") for l in fh if l.strip()]

    def link(self, files):
        """{file: representative}: every file of a unit goes with the unit's
        first file that the patch changes (its definition)."""
        parent = {f: f for f in files}

        def find(f):
            while parent[f] != f:
                parent[f] = parent[parent[f]]
                f = parent[f]
            return f

        rep = {}
        for _, _, fs in self.units:
            mine = [f for f in fs if f in parent]
            if not mine:
                continue
            a = find(mine[0])
            for f in mine[1:]:
                b = find(f)
                if a != b:
                    parent[b] = a
            rep.setdefault(a, mine[0])
        return {f: rep.get(find(f), find(f)) for f in files}

    def of(self, paths):
        """(unit, subject) of the units whose files are in PATHS."""
        return [(u, s) for u, s, fs in self.units if any(f in paths for f in fs)]

    def order(self, patches):
        """PATCHES ({key: paths}, in the default order) with every patch
        after the patches holding the units it needs; a cycle keeps the
        default order."""
        where = {}
        for key, paths in patches.items():
            for u, _ in self.of(paths):
                where.setdefault(u, key)
        after = collections.defaultdict(set)
        for u, need in self.needs:
            a, b = where.get(u), where.get(need)
            if a is not None and b is not None and a != b:
                after[a].add(b)
        done, out = set(), collections.OrderedDict()

        def visit(key, stack):
            if key in done or key in stack:
                return
            for b in sorted(after[key], key=list(patches).index):
                visit(b, stack | {key})
            done.add(key)
            out[key] = patches[key]

        for key in patches:
            visit(key, frozenset())
        return out


def subject_of(units):
    """One subject for the units of a patch: the unit's own subject, or the
    words the subjects share around what differs ("convert a.x and b.y from
    atomic_t to refcount_t"), shortened to "a.x and N more" past 75
    characters."""
    subjects = sorted(set(s for _, s in units))
    if len(subjects) == 1:
        return subjects[0]
    words = [s.split() for s in subjects]
    head = 0
    while all(len(w) > head and w[head] == words[0][head] for w in words):
        head += 1
    tail = 0
    while all(len(w) > head + tail and w[-1 - tail] == words[0][-1 - tail]
              for w in words):
        tail += 1
    rest = [" ".join(w[head:len(w) - tail]) for w in words]
    pre, post = " ".join(words[0][:head]), " ".join(words[0][len(words[0]) - tail:])
    mid = "%s and %s" % (", ".join(rest[:-1]), rest[-1])
    text = " ".join(x for x in (pre, mid, post) if x)
    if len(text) > 75:
        mid = "%s and %d more" % (rest[0], len(rest) - 1)
        text = " ".join(x for x in (pre, mid, post) if x)
    return text


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

    units = Groups(a.work)
    rep = units.link(list(files))
    maint = Maintainers(os.path.join(a.tree, "MAINTAINERS")) if a.by == "maintainers" else None
    groups = collections.OrderedDict()
    for f in sorted(files):
        r = rep[f]
        sec = maint.section(r) if maint else None
        key = sec[0] if sec else top_dir(r)
        groups.setdefault(key, []).append(f)
    groups = units.order(groups)

    body = description(a.cocci)
    who = author(a.tree)
    date = email.utils.formatdate(localtime=True)
    n = len(groups)
    for i, (key, paths) in enumerate(groups.items(), 1):
        prefix = git_prefix(a.tree, paths) or path_prefix(rep[paths[0]])
        mine_units = units.of(paths)
        if mine_units:
            what = subject_of(mine_units)
        else:
            what = "apply %s" % ", ".join(os.path.basename(c) for c in a.cocci) or "refconv"
        subject = "[PATCH %d/%d] %s: %s" % (i, n, prefix, what)
        text = ["From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001",
                "From: %s" % who, "Date: %s" % date, "Subject: %s" % subject, ""]
        text += [wrap(p) + "\n" for p in body]
        if len(mine_units) > 1:
            text.append("In this patch:\n")
            text += ["  %s" % s for s in sorted(set(s for _, s in mine_units))]
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
