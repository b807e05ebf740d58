#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Score refconv's refcount conversion against the kernel's own refcount_t.

    upstream-score.py ORIG REV WORK PATCH OUT

ORIG is the kernel tree as released, REV the same tree after
bench/reverse-refcount.py (with its FIELDS and CALLS files in OUT), WORK
the --work directory and PATCH the patch of the conversion run on REV.
Writes OUT/fields.tsv (one line per reversed field: key, definition,
class, why, its upstream call sites) and prints the figures.

A field is eligible when every call upstream made on it is one of refconv's
table (refcount_t's set, read, inc, add, inc_not_zero, dec_and_test,
sub_and_test, dec_and_lock, dec_and_mutex_lock, dec_and_lock_irqsave,
dec_not_one, REFCOUNT_INIT) and refconv's decide step did not keep it for
a lifecycle reason (a countdown, no release, no non-zero initial value,
set to 0 then incremented, revived from 0 under a lock): the same rules the
conversion applies.  Upstream chose refcount_t for every one of them, so a
field the lifecycle rules exclude is also a gap of their evidence search:
the recall before those rules is printed too.  A call is attributed to the refcount_t fields of its
member's name whose struct the calling file can see (the audit's include
index); a call that sees none is attributed to every field of that name.

A recovered site is a line of the patch that rewrites a line upstream
wrote with refcount_t: it is byte-identical when the patched line equals
upstream's.  A line the patch changes that upstream left alone belongs to
an extra field (one upstream kept atomic_t).
"""

import collections
import importlib.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "scripts", "lib"))
from audit import Tree  # noqa: E402
from decide_common import Work  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "decide_refcount", os.path.join(HERE, "..", "scripts", "decide-refcount.py"))
decide_refcount = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(decide_refcount)

TABLE = {"refcount_set", "refcount_read", "refcount_inc", "refcount_add",
         "refcount_inc_not_zero", "refcount_dec_and_test", "refcount_sub_and_test",
         "refcount_dec_and_lock", "refcount_dec_and_mutex_lock",
         "refcount_dec_and_lock_irqsave", "refcount_dec_not_one", "REFCOUNT_INIT"}
# decide-refcount's reason classes that say "not a reference count"
LIFECYCLE = {"no release", "no non-zero init", "set to 0 then incremented",
             "countdown", "revival from 0 under a lock"}
HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@")


def lines_of(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return f.read().split("\n")


def attribute(fields, calls, tree):
    """Field key -> [(site, call)]: each call given to the fields of its
    member's name visible from its file (all of them if none is)."""
    by_name = collections.defaultdict(list)
    for key, where in fields:
        by_name[key.rsplit(".", 1)[1]].append((key, where))
    out = collections.defaultdict(list)
    for site, call, member in calls:
        cands = by_name.get(member, [])
        f = site.rsplit(":", 1)[0]
        seen = [k for k, w in cands if tree.sees(f, tuple(w.rsplit(":", 1)))] or \
            [k for k, _ in cands]
        for k in seen:
            out[k].append((site, call))
    return out


def changed_lines(patch):
    """(file, old line number, new text) of each line the patch rewrites in
    place, and the count of lines it only adds."""
    out, added, f, n = [], 0, None, 0
    minus, plus = [], []

    def flush():
        nonlocal added
        if len(minus) == len(plus):
            out.extend((f, m, p) for m, p in zip(minus, plus))
        else:
            added += max(0, len(plus) - len(minus))
        minus.clear()
        plus.clear()

    for line in lines_of(patch):
        if line.startswith("+++ "):
            f = line[4:].split("\t")[0].split("/", 1)[1]
        elif line.startswith("--- "):
            continue
        elif HUNK.match(line):
            flush()
            n = int(HUNK.match(line).group(1))
        elif line.startswith("-"):
            if plus:
                flush()
            minus.append(n)
            n += 1
        elif line.startswith("+"):
            plus.append(line[1:])
        else:
            flush()
            n += 1
    flush()
    return out, added


def main():
    # absolute: the include index is read from inside REV
    orig, rev, work, patch, out = (os.path.abspath(a) for a in sys.argv[1:6])
    fields = [tuple(l.split("\t")) for l in Work(out).lines("fields")]
    calls = [tuple(l.split("\t")) for l in Work(out).lines("calls")]
    table = {r[0]: r for r in Work(os.path.join(work, "refcount")).rows("table")
             if not r[0].startswith("#")}
    cwd = os.getcwd()
    os.chdir(rev)
    sites = attribute(fields, calls, Tree(Work(os.path.join(work, "refcount"))))
    os.chdir(cwd)

    classes, rows = collections.Counter(), []
    recovered = set()
    for key, where in fields:
        s = sites.get(key, [])
        bad = [(site, c) for site, c in s if c not in TABLE]
        t = table.get(key)
        if not s:
            cls, why = "not eligible", "no call on it (used through a helper or not at all)"
        elif bad:
            cls, why = "not eligible", "upstream uses %s at %s" % (bad[0][1], bad[0][0])
        elif t and t[3] == "converted":
            cls, why = "recovered", t[4]
            recovered.add(key)
        elif t and decide_refcount.reason_class(t[4]) in LIFECYCLE:
            cls, why = "not eligible", "lifecycle: " + t[4]
        elif t:
            cls, why = "missed", t[4]
        else:
            cls, why = "missed", "never collected"
        if cls == "not eligible":
            short = ("lifecycle: " + decide_refcount.reason_class(t[4])
                     if why.startswith("lifecycle") else re.sub(r" at .*", "", why))
        else:
            short = "never collected" if why == "never collected" else \
                decide_refcount.reason_class(why) if cls == "missed" else ""
        classes[(cls, short)] += 1
        rows.append((key, where, cls, why, " ".join(site + ":" + c for site, c in s)))
    with open(os.path.join(out, "fields.tsv"), "w") as f:
        f.writelines("\t".join(r) + "\n" for r in rows)
    extra = sorted(k for k, r in table.items() if r[3] == "converted" and k not in dict(fields))

    # the patch's rewritten lines against upstream's
    o_cache, r_cache = {}, {}
    same = differ = extra_lines = 0
    differing = []
    changed, added = changed_lines(patch)
    for f, n, new in changed:
        if f not in o_cache:
            o_cache[f] = lines_of(os.path.join(orig, f))
            r_cache[f] = lines_of(os.path.join(rev, f))
        up, was = o_cache[f][n - 1], r_cache[f][n - 1]
        if up == was:
            extra_lines += 1
        elif new == up:
            same += 1
        else:
            differ += 1
            differing.append("%s:%d" % (f, n))

    n_el = sum(n for (c, _), n in classes.items() if c != "not eligible")
    n_tab = n_el + sum(n for (c, w), n in classes.items() if w.startswith("lifecycle"))
    n_rec = classes[("recovered", "")]

    def pct(n, d):
        return "%.0f%%" % (100.0 * n / d) if d else "-"
    print("upstream: %d refcount_t fields reversed, %d eligible, %d recovered (%s)"
          % (len(fields), n_el, n_rec, pct(n_rec, n_el)))
    print("upstream: before the lifecycle rules: %d with every call in the table, %d recovered (%s)"
          % (n_tab, n_rec, pct(n_rec, n_tab)))
    for (c, why), n in sorted(classes.items(), key=lambda x: (x[0][0], -x[1], x[0][1])):
        if c != "recovered":
            print("upstream: %s: %d %s" % (c, n, why))
    print("upstream: recovered sites: %d lines, %d byte-identical to upstream%s"
          % (same + differ, same, " (%.1f%%)" % (100.0 * same / (same + differ))
             if same + differ else ""))
    for d in differing:
        print("upstream: differs from upstream at %s" % d)
    print("upstream: extra fields (upstream kept atomic_t): %d, %d lines" % (len(extra), extra_lines))
    for k in extra:
        print("upstream: extra: %s" % k)
    for key, where, cls, why, _ in rows:
        if cls == "recovered":
            print("upstream: recovered: %s" % key)
    print("upstream: lines only added (#include): %d" % added)


if __name__ == "__main__":
    main()
