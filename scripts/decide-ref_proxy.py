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

and, for "proxy TYPE FIELD revoked-by FLAG" (FIELD stays the owner's pointer):
    fguard  TYPE FIELD WHY    "if (x->FLAG) S": S is the revoked path unless
                              WHY says why not
    fstore  TYPE FIELD        "x->FLAG = C;", C not 0: the revocation
    fread   TYPE FIELD        any other use of x->FLAG (the flag stays)
    fsetup  TYPE FIELD WHY    "x->FIELD = R;" and why it cannot fail cleanly
    fconv   TYPE FIELD        struct TYPE already has FIELD_proxy

This conversion's own tables, read by the apply pass:
    fields     TYPE  FIELD  RT   the fields converted, with the resource type
    flagfields TYPE FIELD RT FLAG drop|keep
                                 the flag-revoked fields converted, and whether
                                 the flag member goes away
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
FCHANGE = {"fsetup": "set-up of %s.%s: ref_proxy provider and consumer beside the "
           "owner's pointer",
           "fstore": "revocation of %s.%s: ref_proxy_provider_free()",
           "fguard": "revoked test of %s.%s: REF_PROXY_GET() block"}


def pairs():
    """The (TYPE, FIELD) pairs of the spec's "proxy" lines."""
    return [(a[0], a[1]) for a in refconv_spec.load()["proxy"]]


def flags():
    """(TYPE, FIELD) -> FLAG of the spec's "proxy ... revoked-by FLAG"."""
    return {(a[0], a[1]): a[3] for a in refconv_spec.load()["proxy"]
            if a[2:3] == ("revoked-by",)}


def names(path, files):
    """The names step: the files that name a spec field, or free a spec
    type (the free releases the proxy too)."""
    work = decide_common.Work(path)
    work.write("universe", files)
    ps = pairs()
    if not ps:
        work.write("candidates", [])
        return
    words = set(f for (_, f) in ps) | set(flags().values())
    field = re.compile(r"\b(?:%s)\b" % "|".join(sorted(words)))
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
        self.flag = {}      # pair -> {kind: {pos: why}} of the f* records

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
        elif kind.startswith("f"):
            self.flag.setdefault(pair, {}).setdefault(kind, {}).setdefault(
                pos, r[6] if len(r) > 6 else "")

    def fl(self, pair, kind):
        """{pos: why} of the KIND flag records of PAIR."""
        return self.flag.get(pair, {}).get(kind, {})


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


def flag_problem(seen, pair, flag):
    """Why the flag-revoked PAIR is kept, or None."""
    if not seen.fl(pair, "fstore"):
        return "%s is never set: no removal to protect against" % flag
    for kind, what in (("fsetup", "set-up"), ("fguard", "test of %s" % flag)):
        for pos, why in sorted(seen.fl(pair, kind).items(), key=lambda i: _order(i[0])):
            if why and kind == "fsetup":
                return "%s (%s:%s)" % (why, pos[0], pos[1])
    if not seen.fl(pair, "fsetup"):
        return "no set-up (x->%s = ...;) seen: nowhere to allocate the provider" % pair[1]
    if not [w for w in seen.fl(pair, "fguard").values() if not w]:
        return "no \"if (x->%s) return/goto\" test: no access to protect" % flag
    return None


class Decision:
    """The verdict per pair: converted (with its resource type), kept (with
    the reason) or already a handle."""

    def __init__(self, seen):
        self.ok = {}            # pair -> RT
        self.blocked = {}       # pair -> why
        self.converted = []     # pairs already converted
        self.flagged = {}       # flag pair -> (RT, FLAG, drop|keep)
        fls = flags()
        split = set((a[0], a[1]) for a in refconv_spec.load()["proxy"]
                    if a[2:3] == ("provider",))
        for pair in pairs():
            if pair in split:
                # said at every site rather than converted as the NULL form
                self.blocked[pair] = "the \"provider RTYPE SETUP TEARDOWN\" " \
                    "form is not implemented yet"
                continue
            why = definition_problem(seen, pair)
            if why is None and (is_handle(seen, pair) or seen.fl(pair, "fconv")):
                self.converted.append(pair)
                continue
            if pair in fls:
                why = why or flag_problem(seen, pair, fls[pair])
                if why is None:
                    rt = next(iter(seen.defs[pair]))
                    self.ok[pair] = rt
                    self.flagged[pair] = (rt, fls[pair], "keep" if seen.fl(pair, "fread") or [
                        w for w in seen.fl(pair, "fguard").values() if w] else "drop")
                else:
                    self.blocked[pair] = why
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
                out.append(("def", pos, pair, "WARNING: %s.%s gets a ref_proxy "
                            "provider and consumer, revoked where %s is set"
                            % (pair + (d.flagged[pair][1],))) if pair in d.flagged else
                           ("def", pos, pair, "WARNING: %s.%s becomes a ref_proxy "
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
    for pair in sorted(seen.flag):
        if not d.speaks_of(pair):
            continue
        for kind in ("fsetup", "fstore", "fguard"):
            for pos, why in seen.fl(pair, kind).items():
                if pair not in d.ok:
                    out.append(("kept", pos, pair, d.kept(pair)))
                elif why:
                    out.append(("kept", pos, pair, "INFO: %s.%s: %s stays: %s"
                                % (pair + (d.flagged[pair][1], why))))
                else:
                    out.append((kind, pos, pair, "WARNING: " + FCHANGE[kind] % pair))
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
    for recs in seen.flag.get(pair, {}).values():
        rest.update(p[0] for p in recs)
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
    work.write_rows("fields", [p + (d.ok[p],) for p in pairs()
                               if p in d.ok and p not in d.flagged])
    work.write_rows("flagfields", [p + d.flagged[p] for p in pairs() if p in d.flagged])
    work.write_rows("converted", d.converted)
    print(verdict(seen, d))


if __name__ == "__main__":
    sys.exit(decide_common.main(sys.argv, names, decide))
