#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decide which "proxy TYPE FIELD" fields cocci/ref_proxy.cocci converts.

Called by scripts/run-cocci.sh around the collect pass (the work directory's
common files are described in scripts/lib/README):

    decide-ref_proxy.py names WORK < FILES   universe, candidates
    decide-ref_proxy.py decide WORK          sites, groups, files, files.patch,
                                             fields, converted

The field's type changes to the consumer handle, so a use left as it was
would not compile: a field converts only when its definition was seen, it
points to a resource (not already a ref_proxy handle), it is revoked
somewhere ("x->FIELD = NULL;"), and every use of it
that the collect pass saw is one the apply pass rewrites (a set-up, a
revocation, a revoked test or a statement it can wrap). Otherwise the first
blocking use's reason is recorded, and report mode shows it at every use.

The collect records (KIND FILE LINE COL ...), as cocci/ref_proxy.cocci
writes them:
    def   TYPE FIELD RT       "RT *FIELD;" in struct TYPE
    use   TYPE FIELD          any x->FIELD, x a struct TYPE *
    site  TYPE FIELD FORM WHY the statement form of the use at that position
                              (setup, revoke, check, assign, wrap, return,
                              bad) and, if it cannot be rewritten, why
    free  TYPE FIELD          kfree(x) (kvfree, free) of a struct TYPE

This conversion's own tables, read by the apply pass:
    fields     TYPE  FIELD  RT   the fields converted, with the resource type
    converted  TYPE  FIELD       fields that already are consumer handles:
                                 nothing is said about them
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import decide_common  # noqa: E402
import refconv_spec  # noqa: E402

# what report mode says at a use of a converted field, by form
CHANGE = {"setup": "set-up of %s.%s: ref_proxy provider and consumer",
          "revoke": "revocation of %s.%s: ref_proxy_provider_free()",
          "check": "revoked test of %s.%s: REF_PROXY_GET() block",
          "assign": "access to %s.%s: REF_PROXY_GET() block, -ENODEV when revoked"}
ACCESS = "access to %s.%s: REF_PROXY_GET() block"


def pairs():
    """The (TYPE, FIELD) pairs of the spec's "proxy" lines."""
    return [(a[0], a[1]) for a in refconv_spec.load()["proxy"]]


def names(path, files):
    """The names step: the files that name a spec field, or free a spec
    type (the free releases the proxy too)."""
    work = decide_common.Work(path)
    work.write("universe", files)
    ps = pairs()
    if not ps:
        work.write("candidates", [])
        return
    field = re.compile(r"\b(?:%s)\b" % "|".join(sorted(set(f for (_, f) in ps))))
    holder = re.compile(r"\b(?:%s)\b" % "|".join(sorted(set(t for (t, _) in ps))))
    free = re.compile(r"\b(?:kfree|kvfree|free)\s*\(")
    texts = {f: decide_common.text(f) for f in files}
    work.write("candidates", [f for f in files if field.search(texts[f]) or (
        holder.search(texts[f]) and free.search(texts[f]))])


def _order(pos):
    """Sort key of a (file, line, col) position."""
    return (pos[0], int(pos[1]), int(pos[2]))


class Seen:
    """What the collect pass saw, per (TYPE, FIELD)."""

    def __init__(self):
        self.defs = {}      # pair -> {RT}
        self.defsites = {}  # pair -> [pos]
        self.uses = {}      # pair -> {pos}
        self.forms = {}     # pair -> {pos: (form, why)}
        self.frees = {}     # pair -> [pos]

    def add(self, r):
        """One collect record."""
        kind, pos, pair = r[0], tuple(r[1:4]), (r[4], r[5])
        if kind == "def":
            self.defs.setdefault(pair, set()).add(r[6])
            self.defsites.setdefault(pair, []).append(pos)
        elif kind == "use":
            self.uses.setdefault(pair, set()).add(pos)
        elif kind == "site":
            # the first classification of a use wins, as in the script
            self.forms.setdefault(pair, {}).setdefault(pos, (r[6], r[7]))
        elif kind == "free":
            self.frees.setdefault(pair, []).append(pos)


def read_seen(work):
    """The collect records of WORK as a Seen."""
    seen = Seen()
    for r in work.records():
        seen.add(r)
    return seen


def definition_problem(seen, pair):
    """Why the definition of PAIR rules it out, or None."""
    rts = seen.defs.get(pair, set())
    if not rts:
        return "no definition of struct %s with a pointer field %s was seen" % pair
    if len(rts) > 1:
        return "struct %s is defined more than once with different %s types" % pair
    return None


def use_problem(seen, pair):
    """Why a use of PAIR cannot be rewritten (the first, in file order), or
    None."""
    forms = seen.forms.get(pair, {})
    for u in sorted(seen.uses.get(pair, set()), key=_order):
        form, reason = forms.get(u, ("", ""))
        if not form:
            return "the use at %s:%s is in no statement form the conversion " \
                "rewrites" % (u[0], u[1])
        if reason:
            return "%s (%s:%s)" % (reason, u[0], u[1])
    return None


def revoke_problem(seen, pair):
    """Why PAIR needs no proxy: it is never revoked."""
    if "revoke" in set(k for (k, _) in seen.forms.get(pair, {}).values()):
        return None
    return "never revoked (no x->%s = NULL;): no removal to protect against" % pair[1]


def is_handle(seen, pair):
    """Whether PAIR already is a ref_proxy consumer handle."""
    rts = seen.defs.get(pair, set())
    return len(rts) == 1 and next(iter(rts)).replace(" ", "") == "structref_proxy"


class Decision:
    """The verdict per pair: converted (with its resource type), kept (with
    the reason) or already a handle."""

    def __init__(self, seen):
        self.ok = {}            # pair -> RT
        self.blocked = {}       # pair -> why
        self.converted = []     # pairs already converted
        for pair in pairs():
            why = definition_problem(seen, pair)
            if why is None and is_handle(seen, pair):
                self.converted.append(pair)
                continue
            why = why or use_problem(seen, pair) or revoke_problem(seen, pair)
            if why is None:
                self.ok[pair] = next(iter(seen.defs[pair]))
            else:
                self.blocked[pair] = why

    def speaks_of(self, pair):
        """Whether report mode says anything about PAIR."""
        return pair in self.ok or pair in self.blocked

    def kept(self, pair, why=None):
        """The report line of a kept PAIR (WHY: the use's own reason)."""
        return "INFO: %s.%s kept: %s" % (pair + (why or self.blocked.get(pair, "not decided"),))


def site_rows(seen, d):
    """(kind, pos, pair, message) of every position report mode speaks of."""
    out = []
    for pair in sorted(seen.defsites):
        if d.speaks_of(pair):
            for pos in seen.defsites[pair]:
                out.append(("def", pos, pair, "WARNING: %s.%s becomes a ref_proxy "
                            "consumer handle" % pair) if pair in d.ok else
                           ("kept", pos, pair, d.kept(pair)))
    for pair in sorted(seen.forms):
        if not d.speaks_of(pair):
            continue
        for pos, (form, why) in seen.forms[pair].items():
            if pair in d.ok:
                out.append((form, pos, pair, "WARNING: " + CHANGE.get(form, ACCESS) % pair))
            else:
                out.append(("kept", pos, pair, d.kept(pair, why)))
    for pair in sorted(seen.frees):
        if pair in d.ok:
            for pos in seen.frees[pair]:
                out.append(("free", pos, pair, "WARNING: release of struct %s: "
                            "frees the proxy of %s" % pair))
    return out


def sites(seen, d):
    """The sites rows in file order; the messages at one position (the
    frees of a struct with several fields) by message."""
    rows = sorted(set(site_rows(seen, d)), key=lambda s: _order(s[1]) + (s[3],))
    return [(k,) + pos + ("struct %s.%s" % pair, msg) for k, pos, pair, msg in rows]


def unit_files(seen, pair):
    """The files a converted PAIR changes, its definition's first."""
    first = sorted(seen.defsites[pair], key=_order)[0][0]
    rest = set(p[0] for p in seen.forms.get(pair, {}))
    rest.update(p[0] for p in seen.frees.get(pair, []))
    return [first] + sorted(rest - {first})


def verdict(seen, d):
    """The one line the driver prints."""
    ok = [p for p in pairs() if p in d.ok]
    line = "ref_proxy: %d field(s) converted" % len(ok)
    if ok:
        line += " (%s)" % ", ".join("%s.%s" % p for p in ok)
        nofree = [p for p in ok if p not in seen.frees]
        if nofree:
            line += "; no kfree() of the holder seen for %s: free its handles " \
                "by hand" % ", ".join("%s.%s" % p for p in nofree)
    if d.converted:
        line += "; already converted: " + ", ".join("%s.%s" % p for p in d.converted)
    blocked = [p for p in pairs() if p in d.blocked]
    if blocked:
        line += "; kept: " + "; ".join("%s.%s: %s" % (p + (d.blocked[p],)) for p in blocked)
    return line


def decide(path):
    """The decide step."""
    work = decide_common.Work(path)
    seen = read_seen(work)
    d = Decision(seen)
    st = sites(seen, d)
    work.write_sites(st)
    units = [("struct %s.%s" % p, "use a ref_proxy for %s.%s" % p, unit_files(seen, p))
             for p in sorted(d.ok)]
    work.write_groups(units)
    work.write("files", sorted(set(s[1] for s in st)))
    work.write("files.patch", sorted(set(f for _, _, fs in units for f in fs)))
    work.write_rows("fields", [p + (d.ok[p],) for p in pairs() if p in d.ok])
    work.write_rows("converted", d.converted)
    print(verdict(seen, d))


if __name__ == "__main__":
    sys.exit(decide_common.main(sys.argv, names, decide))
