#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decide which pointer fields cocci/ref_wrap.cocci turns into struct ref
wrappers, and where DECLARE_REF goes.

Called by scripts/run-cocci.sh between the collect and the apply pass:

    decide-ref_wrap.py names WORK < FILES   candidate field names -> WORK/names,
                                            files to collect -> WORK/candidates
    decide-ref_wrap.py decide WORK          WORK/collect.* -> WORK/fields,
                                            WORK/anchors, WORK/messages, WORK/files

A field "struct TYPE *f;" of struct H (spec line "ref TYPE GET PUT")
converts when every access to it that the collect pass saw is typed as
struct H (or is an access of another struct's field of the same name that
is typed as that struct), is a pointer access (x->f), and is an acquire
with GET, a release with PUT, a store of NULL or a read; when it is
acquired somewhere; and when its struct can see DECLARE_REF. A use through
an expression of unknown type keeps every struct with a field of that name.
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import decide_common  # noqa: E402
import refconv_spec  # noqa: E402

GOOD = {"acquire", "release", "init"}
# blocking kinds, first match wins, and what report mode says
BLOCKERS = [
    ("helper", "used inside %(get)s's or %(put)s's own definition"),
    ("addr", "its address is taken"),
    ("putcopy", "its reference is put through a copy of the pointer: "
     "ref_release() would not see it"),
    ("putread", "read again after this put: ref_release() would empty "
     "the wrapper, the put left the pointer"),
    ("put", "put inside an expression: ref_release() is a statement"),
    ("move", "assigned from another holder's field: a copy or a move, "
     "which this conversion does not turn into ref_move()"),
    ("transfer", "stored from a local that holds a reference %(get)s took "
     "earlier: a hand-over, which ref_acquire() does not express"),
    ("far", "stored with %(get)s on the same pointer, but not next to it: "
     "move them together"),
    ("write", "stored without %(get)s: a borrowed pointer"),
]

# blockers that win over an acquire or a release at the same site
FIRST = ["helper", "putread"]


def refs():
    return {a[0]: (a[1], a[2]) for a in refconv_spec.load()["ref"]}


def names(work, files):
    decide_common.write_lines(work, "universe", files)
    r = refs()
    if not r:
        decide_common.write_lines(work, "names", [])
        decide_common.write_lines(work, "candidates", [])
        return
    decl = re.compile(r"\bstruct\s+(?:%s)\s*\*\s*([A-Za-z_]\w*)\s*;" % "|".join(sorted(r)))
    found, texts = set(), {}
    for f in files:
        t = decide_common.text(f)
        texts[f] = t
        found.update(decl.findall(t))
    decide_common.write_lines(work, "names", sorted(found))
    helpers = set(r) | set(h for v in r.values() for h in v)
    words = sorted(found | helpers)
    word = re.compile(r"\b(?:%s)\b" % "|".join(words))
    decide_common.write_lines(work, "candidates",
                              [f for f in files if word.search(texts[f])])
    # an earlier run's DECLARE_REF: do not declare the wrapper again
    declared = re.compile(r"\bDECLARE_REF\s*\(\s*(%s)\s*," % "|".join(sorted(r)))
    decide_common.write_lines(work, "declared", sorted(set(
        m.group(1) for t in texts.values() for m in declared.finditer(t))))


def _read(work, name):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [l.rstrip("\n") for l in f if l.strip()]


def _includes(path, target):
    """Whether PATH #includes a file named like TARGET."""
    base = re.escape(os.path.basename(target))
    return re.search(r'^\s*#\s*include\s*[<"](?:[^>"]*/)?%s[>"]' % base,
                     decide_common.text(path), re.M) is not None


def _kernel(path):
    """Whether PATH is kernel code: it includes some <linux/...>."""
    return re.search(r"^\s*#\s*include\s*<linux/", decide_common.text(path),
                     re.M) is not None


def _order(pos):
    return (pos[0], int(pos[1]), int(pos[2]))


def _where(pos):
    return "%s:%s" % (pos[0], pos[1])


def decide(work):
    spec = refs()
    declared = set(_read(work, "declared"))
    defs = {}       # (H, f) -> (TYPE, (file, line, col))
    decls = {}      # helper -> [(file, line)]
    protos = set()  # (file, line) of the declarations that are prototypes
    typed = {}      # pos -> (H, f)
    anyuse = {}     # pos -> f
    kinds = {}      # pos -> set of kinds
    copies = {}     # H -> first position where a struct H value is copied
    ilists = {}     # (H, f) -> first initializer list naming .f
    current = {}    # pos -> f, for current->f
    putreads = []   # (put site, a later access that is not a store?)
    for r in decide_common.records(work):
        if r[0] == "def" and r[1] == r[3]:
            continue    # struct TYPE's own links (a parent): not a holder
        if r[0] == "def":
            defs.setdefault((r[1], r[2]), (r[3], (r[4], r[5], r[6])))
        elif r[0] in ("decl", "proto"):
            decls.setdefault(r[1], []).append((r[2], int(r[3])))
            if r[0] == "proto":
                protos.add((r[2], int(r[3])))
        elif r[0] == "acc":
            typed[(r[3], r[4], r[5])] = (r[1], r[2])
        elif r[0] == "any":
            anyuse[(r[2], r[3], r[4])] = r[1]
        elif r[0] == "current":
            current[(r[2], r[3], r[4])] = r[1]
        elif r[0] == "putread":
            putreads.append(((r[1], r[2], r[3]), (r[1], r[4], r[5])))
        elif r[0] == "copy":
            pos = (r[2], r[3], r[4])
            copies[r[1]] = min(copies.get(r[1], pos), pos, key=_order)
        elif r[0] == "ilist":
            pos = (r[3], r[4], r[5])
            ilists[(r[1], r[2])] = min(ilists.get((r[1], r[2]), pos), pos, key=_order)
        else:
            kinds.setdefault((r[1], r[2], r[3]), set()).add(r[0])
    for put, later in putreads:
        if "write" not in kinds.get(later, set()):
            kinds.setdefault(put, set()).add("putread")
    for pos, f in current.items():
        if pos not in typed and _kernel(pos[0]):
            typed[pos] = ("task_struct", f)
    byname = {}
    for (h, f) in defs:
        byname.setdefault(f, []).append((h, f))
    why = {}        # (H, f) -> (reason, pos)
    uses = {}       # (H, f) -> [(pos, kind)]
    acquired = set()

    def block(key, reason, pos):
        if key in defs and key not in why:
            why[key] = (reason, pos)

    for key in sorted(defs):
        if key[0] in copies:
            block(key, "struct %s values are copied whole: the copy would "
                  "hold the reference without a get" % key[0], copies[key[0]])
        if key in ilists:
            block(key, "set in an initializer list", ilists[key])

    structwide = set(why)   # kept for what struct H does, not for a use
    text_cache = {}
    for pos in sorted(anyuse, key=lambda p: (p[0], int(p[1]), int(p[2]))):
        f = anyuse[pos]
        k = kinds.get(pos, set())
        owner = typed.get(pos)
        if owner is None:
            for key in byname.get(f, []):
                block(key, "used through an expression of unknown type", pos)
            continue
        if owner not in defs:
            continue
        t = defs[owner][0]
        text_cache.setdefault(pos[0], decide_common.text(pos[0]).split("\n"))
        first = [b for b in FIRST if b in k]
        if first:
            block(owner, dict(BLOCKERS)[first[0]] % {"get": spec[t][0], "put": spec[t][1]},
                  pos)
            kind = None
        elif k & GOOD:
            kind = "acquire" if "acquire" in k else ("release" if "release" in k else "init")
            if kind == "acquire":
                acquired.add(owner)
        elif "condtest" in k and _kernel(pos[0]):
            kind = "release"    # part of the kernel's ref_release()
        else:
            kind = "read"
            for b, reason in BLOCKERS:
                if b in k:
                    block(owner, reason % {"get": spec[t][0], "put": spec[t][1]}, pos)
                    kind = None
                    break
        uses.setdefault(owner, []).append((pos, kind))
    # x.f accesses: the acc record does not tell "->" from "."; the source does
    for owner, us in uses.items():
        for pos, kind in us:
            lines = text_cache[pos[0]]
            src = lines[int(pos[1]) - 1] if int(pos[1]) <= len(lines) else ""
            col = int(pos[2])
            if not src[:col].rstrip().endswith("->"):
                block(owner, "a member of a struct value (x.%s): the "
                      "conversion rewrites x->%s only" % (owner[1], owner[1]), pos)
    # a use that keeps a field keeps it in every struct with the same
    # TYPE-field pair: one borrowed "x->f = e;" is enough to doubt them all
    for key in sorted(set(why) - structwide):
        reason, pos = why[key]
        for other in sorted(defs):
            if other[1] == key[1] and defs[other][0] == defs[key][0] and other not in why:
                why[other] = ("as %s.%s, %s" % (key[0], key[1], reason), pos)
    for key in defs:
        if key not in why and key not in acquired:
            block(key, "never acquired with %s in the run" % spec[defs[key][0]][0],
                  defs[key][1])

    # where DECLARE_REF goes, per TYPE
    anchors = {}
    for t in sorted(spec):
        if t in declared:
            continue
        get, put = spec[t]
        seen = sorted(decls.get(put, []), key=lambda d: (not d[0].endswith(".h"), d))
        if seen:
            afile, aline = seen[0]
            # after GET's declaration too, when it is later in that file
            gl = [l for (fl, l) in decls.get(get, []) if fl == afile and l > aline]
            anchors[t] = ("put", afile, max(gl + [aline]), None)
        else:
            holders = sorted((defs[k][1], k) for k in defs
                             if defs[k][0] == t and k not in why)
            if holders:
                pos, (h, _) = holders[0]
                anchors[t] = ("struct", pos[0], h, None)
    for key in sorted(defs):
        if key in why:
            continue
        t, pos = defs[key]
        a = anchors.get(t)
        if a is None:
            continue
        if a[0] == "put":
            if pos[0] == a[1]:
                if int(pos[1]) < a[2]:
                    block(key, "defined before %s's declaration (%s:%d), where "
                          "DECLARE_REF goes" % (spec[t][1], a[1], a[2]), pos)
            elif not _includes(pos[0], a[1]):
                block(key, "DECLARE_REF goes into %s, which %s does not include"
                      % (a[1], pos[0]), pos)
        elif pos[0] != a[1] and not _includes(pos[0], a[1]):
            block(key, "DECLARE_REF goes before struct %s in %s, which %s "
                  "does not include" % (a[2], a[1], pos[0]), pos)
    # after a prototype spatch adds nothing: DECLARE_REF goes before the
    # first converted struct after it, in that file
    for t, a in list(anchors.items()):
        if a[0] == "put" and (a[1], a[2]) in protos:
            later = sorted((int(defs[k][1][1]), k[0]) for k in defs
                           if defs[k][0] == t and k not in why
                           and defs[k][1][0] == a[1] and int(defs[k][1][1]) > a[2])
            if later:
                anchors[t] = ("struct", a[1], later[0][1], "proto")
            else:
                for k in defs:
                    if defs[k][0] == t:
                        block(k, "%s is only declared by a prototype (%s:%d) "
                              "and no struct after it converts: write "
                              "DECLARE_REF by hand" % (spec[t][1], a[1], a[2]),
                              defs[k][1])
                del anchors[t]
    # a struct anchor whose holder was blocked after all: pick the next one
    for t, a in list(anchors.items()):
        if a[0] == "struct" and a[3] is None:
            holders = sorted((defs[k][1], k) for k in defs
                             if defs[k][0] == t and k not in why)
            if holders:
                pos, (h, _) = holders[0]
                anchors[t] = ("struct", pos[0], h, None)
            else:
                del anchors[t]

    ok = sorted(k for k in defs if k not in why)
    msgs = []
    new = {"acquire": "ref_acquire()", "release": "ref_release()",
           "init": "ref_init()", "read": "ref_ptr()"}
    for key in sorted(defs):
        t, dpos = defs[key]
        what = "%s.%s" % key
        if key in why:
            reason, bpos = why[key]
            for pos in [dpos] + [u for u, _ in uses.get(key, [])]:
                msgs.append((pos, "INFO: %s kept: %s%s"
                             % (what, reason, "" if pos == bpos else
                                " (%s)" % _where(bpos))))
        else:
            msgs.append((dpos, "WARNING: %s holds a reference: use struct %s_ref"
                         % (what, t)))
            for pos, kind in uses.get(key, []):
                msgs.append((pos, "WARNING: %s holds a reference: use %s"
                             % (what, new[kind])))
    # uses of unknown type next to a field they keep
    for pos, f in anyuse.items():
        if pos not in typed:
            for key in byname.get(f, []):
                if why.get(key, (None, None))[1] == pos:
                    msgs.append((pos, "INFO: %s.%s kept: used through an "
                                 "expression of unknown type" % key))
    decide_common.write_lines(work, "fields",
                              ["%s\t%s\t%s" % (h, f, defs[(h, f)][0]) for (h, f) in ok])
    decide_common.write_lines(work, "anchors", [
        "%s\t%s\t%s\t%s" % (t, a[0], a[1], a[2]) for t, a in sorted(anchors.items())
        if any(defs[k][0] == t for k in ok)])
    decide_common.write_lines(work, "messages", sorted(set(
        "%s\t%s\t%s\t%s" % (p[0], p[1], p[2], m) for p, m in msgs)))
    decide_common.write_lines(work, "files", _read(work, "universe"))
    changed = set(defs[k][1][0] for k in ok)
    changed.update(p[0] for k in ok for p, _ in uses.get(k, []))
    changed.update(a[1] for t, a in anchors.items() if any(defs[k][0] == t for k in ok))
    decide_common.write_lines(work, "files.patch", sorted(changed))
    verdict = "ref_wrap: %d field(s) converted" % len(ok)
    if ok:
        verdict += " (%s)" % ", ".join("%s.%s" % k for k in ok)
    kept = sorted(k for k in defs if k in why)
    if kept:
        verdict += "; kept: " + "; ".join("%s.%s: %s (%s)" % (k[0], k[1], why[k][0],
                                                             _where(why[k][1]))
                                          for k in kept)
    print(verdict)


if __name__ == "__main__":
    sys.exit(decide_common.main(sys.argv, names, decide))
