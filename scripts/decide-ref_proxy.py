#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decide which "proxy TYPE FIELD" fields cocci/ref_proxy.cocci converts.

Called by scripts/run-cocci.sh between the collect and the apply pass:

    decide-ref_proxy.py names WORK < FILES   files naming a spec field -> WORK/candidates
    decide-ref_proxy.py decide WORK          WORK/collect.* -> WORK/fields,
                                             WORK/blocked, WORK/files

The field's type changes to the consumer handle, so a use left as it was
would not compile: a field converts only when its definition was seen, it
points to a resource (not already a ref_proxy handle), it is revoked
somewhere ("x->FIELD = NULL;"), and every use of it
that the collect pass saw is one the apply pass rewrites (a set-up, a
revocation, a revoked test or a statement it can wrap). Otherwise the first
blocking use's reason is recorded, and report mode shows it at every use.
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import decide_common  # noqa: E402
import refconv_spec  # noqa: E402


def pairs():
    return [(a[0], a[1]) for a in refconv_spec.load()["proxy"]]


def names(work, files):
    decide_common.write_lines(work, "universe", files)
    fields = sorted(set(f for (_, f) in pairs()))
    if not fields:
        decide_common.write_lines(work, "candidates", [])
        return
    word = re.compile(r"\b(?:%s)\b" % "|".join(fields))
    decide_common.write_lines(work, "candidates",
                              [f for f in files if word.search(decide_common.text(f))])


def decide(work):
    defs, uses, sites, frees = {}, {}, {}, set()
    for r in decide_common.records(work):
        if r[0] == "def":
            defs.setdefault((r[1], r[2]), set()).add(r[3])
        elif r[0] == "use":
            uses.setdefault((r[1], r[2]), set()).add((r[3], r[4], r[5]))
        elif r[0] == "site":
            # the first classification of a use wins, as in the script
            sites.setdefault((r[1], r[2]), {}).setdefault((r[3], r[4], r[5]),
                                                         (r[6], r[7]))
        elif r[0] == "free":
            frees.add((r[1], r[2]))
    ok, blocked, converted = [], [], []
    for t, f in pairs():
        why = None
        rts = defs.get((t, f), set())
        if not rts:
            why = "no definition of struct %s with a pointer field %s was seen" % (t, f)
        elif len(rts) > 1:
            why = "struct %s is defined more than once with different %s types" % (t, f)
        elif next(iter(rts)).replace(" ", "") == "structref_proxy":
            converted.append("%s\t%s" % (t, f))
            continue
        if why is None:
            s = sites.get((t, f), {})
            for u in sorted(uses.get((t, f), set()), key=lambda u: (u[0], int(u[1]), int(u[2]))):
                kind, reason = s.get(u, ("", ""))
                if not kind:
                    why = "the use at %s:%s is in no statement form the " \
                        "conversion rewrites" % (u[0], u[1])
                elif reason:
                    why = "%s (%s:%s)" % (reason, u[0], u[1])
                if why:
                    break
        if why is None and "revoke" not in set(k for (k, _) in sites.get((t, f), {}).values()):
            why = "never revoked (no x->%s = NULL;): no removal to protect against" % f
        if why is None:
            ok.append("%s\t%s\t%s" % (t, f, next(iter(rts))))
        else:
            blocked.append("%s\t%s\t%s" % (t, f, why))
    decide_common.write_lines(work, "fields", ok)
    decide_common.write_lines(work, "blocked", blocked)
    decide_common.write_lines(work, "converted", converted)
    with open(os.path.join(work, "universe")) as f:
        files = [l.rstrip("\n") for l in f if l.strip()]
    decide_common.write_lines(work, "files", files)
    verdict = "ref_proxy: %d field(s) converted" % len(ok)
    if ok:
        verdict += " (%s)" % ", ".join("%s.%s" % tuple(l.split("\t")[:2]) for l in ok)
        nofree = [l.split("\t")[:2] for l in ok if tuple(l.split("\t")[:2]) not in frees]
        if nofree:
            verdict += "; no kfree() of the holder seen for %s: free its " \
                "handles by hand" % ", ".join("%s.%s" % tuple(x) for x in nofree)
    if converted:
        verdict += "; already converted: " + ", ".join(
            "%s.%s" % tuple(l.split("\t")) for l in converted)
    if blocked:
        verdict += "; kept: " + "; ".join("%s.%s: %s" % tuple(l.split("\t"))
                                          for l in blocked)
    print(verdict)


if __name__ == "__main__":
    sys.exit(decide_common.main(sys.argv, names, decide))
