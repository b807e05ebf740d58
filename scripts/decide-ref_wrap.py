#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decide which pointer fields cocci/ref_wrap.cocci turns into struct ref
wrappers, and where DECLARE_REF goes.

Called by scripts/run-cocci.sh around the collect pass (the work directory's
common files are described in scripts/lib/README):

    decide-ref_wrap.py names WORK < FILES   names, universe, candidates,
                                            declared
    decide-ref_wrap.py decide WORK          sites, groups, needs, files,
                                            files.patch, fields, anchors

A field "struct TYPE *f;" of struct H (spec line "ref TYPE GET PUT")
converts when every access to it that the collect pass saw is typed as
struct H (or is an access of another struct's field of the same name that
is typed as that struct; x->f, x.f, or x->a.f for a member of H's
anonymous struct a), and is an acquire with GET, a release with PUT, a
replace (PUT then a GET store), a store of NULL or a read; when it is
acquired somewhere; when its struct can see DECLARE_REF; and when no file
it changes also uses a same-named member that stays. A use through an
expression of unknown type keeps every struct with a field of that name.

The collect records (KIND FILE LINE COL ...), as cocci/ref_wrap.cocci
writes them:
    def      H f TYPE     the field "struct TYPE *f;" of struct H ("a.f"
                          for a member of H's anonymous struct a)
    embed    O I          struct I embedded by value in struct O
    decl     HELPER       GET's or PUT's definition
    proto    HELPER       GET's or PUT's prototype
    acc      H f          an access typed as struct H
    any      f            any access to a field named f
    current  f            current->f
    accn     H a.f        x->a.f typed as struct H (a anonymous)
    other    Q            Q(), neither GET nor PUT, takes, stores or puts
    acquire, release, init, condtest, write, addr, put, move, far,
    transfer, putcopy, helper, replace
                          the form of the access at that position
    putread  LINE2 COL2   a bare put, and a later access in the same file
    ilist    H f          .f set in an initializer list of a struct H
    copy     H            a struct H value copied whole

This conversion's own tables:
    members   FILE LINE f        (names) every "struct TYPE *f;" member
                                 declaration of the text: one the collect
                                 pass did not see is named by the verdict
    declared  TYPE               (names) wrappers an earlier run declared:
                                 DECLARE_REF is not added again
    fields    H  f  TYPE         the fields converted: struct H's f
                                 becomes struct TYPE_ref
    anchors   TYPE  put  FILE  LINE
              TYPE  struct  FILE  H
                                 DECLARE_REF(TYPE, ...) goes after the
                                 definition of GET or PUT at FILE:LINE, or
                                 right before struct H in FILE
"""

import bisect
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import decide_common  # noqa: E402
import refconv_spec  # noqa: E402

GOOD = {"acquire", "release", "init", "replace"}
# a call that is not the spec's GET or PUT but is named like one: another
# kind of reference (mmget/mmput beside mmgrab/mmdrop), or an allocator
OTHER = re.compile(r"get|grab|put|drop|release|unref|free|destroy|hold", re.I)
# blocking kinds, first match wins, and what report mode says
BLOCKERS = [
    ("helper", "used inside %(get)s's or %(put)s's own definition"),
    ("addr", "its address is taken"),
    ("putcopy", "its reference is put through a copy of the pointer: "
     "ref_release() would not see it"),
    ("putread", "read again after this put: ref_release() would empty "
     "the wrapper, the put left the pointer"),
    ("put", "put inside an expression: ref_release() is a statement"),
    ("other", "%(other)s() is not the spec's %(get)s/%(put)s: a reference of "
     "another kind, or one taken or dropped in a way this conversion does "
     "not pair"),
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

# what replaces each kind of use
NEW = {"acquire": "ref_acquire()", "release": "ref_release()",
       "replace": "ref_replace()",
       "init": "ref_init()", "read": "ref_ptr()"}


def refs():
    """TYPE -> (GET, PUT), from the spec's "ref" lines."""
    return {a[0]: (a[1], a[2]) for a in refconv_spec.load()["ref"]}


def names(path, files):
    """The names step: the pointer fields to struct TYPE declared in the run
    (names), the files naming one or a helper (candidates), and the types an
    earlier run declared a wrapper for (declared)."""
    work = decide_common.Work(path)
    work.write("universe", files)
    r = refs()
    if not r:
        work.write("names", [])
        work.write("candidates", [])
        return
    decl = re.compile(r"\bstruct\s+(?:%s)\s*\*\s*([A-Za-z_]\w*)\s*;" % "|".join(sorted(r)))
    texts = {f: decide_common.text(f) for f in files}
    found = set()
    for t in texts.values():
        found.update(decl.findall(t))
    work.write("names", sorted(found))
    # every member declaration the text shows, so that one the collect
    # pass did not see is still named
    work.write_rows("members", [(f, str(line), name) for f in files
                                if decl.search(texts[f])
                                for line, name in _members(texts[f], decl)])
    helpers = set(r) | set(h for v in r.values() for h in v)
    word = re.compile(r"\b(?:%s)\b" % "|".join(sorted(found | helpers)))
    work.write("candidates", [f for f in files if word.search(texts[f])])
    # an earlier run's DECLARE_REF: do not declare the wrapper again
    declared = re.compile(r"\bDECLARE_REF\s*\(\s*(%s)\s*," % "|".join(sorted(r)))
    work.write("declared", sorted(set(
        m.group(1) for t in texts.values() for m in declared.finditer(t))))


def _members(text, decl):
    """(line, name) of each match of DECL in TEXT that is a member of a
    struct or union (every brace around it opens one), comments and strings
    blanked first."""
    text = re.sub(r"/\*.*?\*/|//[^\n]*|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'",
                  lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    opens = []      # offsets of the braces open at a point: True for an aggregate
    where = {}
    for m in re.finditer(r"[{}]", text):
        if m.group(0) == "{":
            head = text[max(0, m.start() - 200):m.start()]
            opens.append(re.search(r"\b(?:struct|union)(?:\s+[A-Za-z_]\w*)?\s*$",
                                   head) is not None)
        elif opens:
            opens.pop()
        where[m.end()] = bool(opens) and all(opens)
    out = []
    marks = sorted(where)
    for m in decl.finditer(text):
        k = bisect.bisect_right(marks, m.start())
        if k and where[marks[k - 1]]:
            out.append((text.count("\n", 0, m.start()) + 1, m.group(1)))
    return out


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
    """Sort key of a (file, line, col) position."""
    return (pos[0], int(pos[1]), int(pos[2]))


def _where(pos):
    return "%s:%s" % (pos[0], pos[1])


def _unit(key):
    """The decided thing, as groups and sites name it."""
    return "struct %s.%s" % key


class Seen:
    """What the collect pass saw, by position (file, line, col)."""

    def __init__(self):
        self.defs = {}      # (H, f) -> (TYPE, pos)
        self.defpos = set()  # (file, line, f) of every def record
        self.decls = {}     # helper -> [(file, line)]
        self.protos = set()  # (file, line) of the declarations that are prototypes
        self.typed = {}     # pos -> (H, f)
        self.anyuse = {}    # pos -> f
        self.kinds = {}     # pos -> set of kinds
        self.copies = {}    # H -> first position where a struct H value is copied
        self.ilists = {}    # (H, f) -> first initializer list naming .f
        self.current = {}   # pos -> f, for current->f
        self.putreads = []  # (put site, a later access)
        self.nested = {}    # pos -> (H, "a.f"), x->a.f with a an anonymous struct
        self.embeds = {}    # I -> [(O, pos)]: struct I embedded in struct O
        self.others = {}    # pos -> a get or put that is not the spec's

    def add(self, r):
        """One collect record."""
        kind, pos, rest = r[0], tuple(r[1:4]), r[4:]
        if kind == "def":
            h, f, t = rest
            self.defpos.add((pos[0], pos[1], f.rsplit(".", 1)[-1]))
            if h != t:      # struct TYPE's own links (a parent): not a holder
                self.defs.setdefault((h, f), (t, pos))
        elif kind in ("decl", "proto"):
            self.decls.setdefault(rest[0], []).append((pos[0], int(pos[1])))
            if kind == "proto":
                self.protos.add((pos[0], int(pos[1])))
        elif kind == "acc":
            self.typed[pos] = (rest[0], rest[1])
        elif kind == "accn":
            self.nested[pos] = (rest[0], rest[1])
        elif kind == "embed":
            self.embeds.setdefault(rest[1], []).append((rest[0], pos))
        elif kind == "other":
            if OTHER.search(rest[0]):
                self.others.setdefault(pos, rest[0])
                self.kinds.setdefault(pos, set()).add("other")
        elif kind == "any":
            self.anyuse[pos] = rest[0]
        elif kind == "current":
            self.current[pos] = rest[0]
        elif kind == "putread":
            self.putreads.append((pos, (pos[0], rest[0], rest[1])))
        elif kind == "copy":
            self.copies[rest[0]] = min(self.copies.get(rest[0], pos), pos, key=_order)
        elif kind == "ilist":
            k = (rest[0], rest[1])
            self.ilists[k] = min(self.ilists.get(k, pos), pos, key=_order)
        else:
            self.kinds.setdefault(pos, set()).add(kind)

    def finish(self):
        """Derived facts: a put read again later (unless the later access is
        a store), and current->f typed as task_struct's in kernel files."""
        for put, later in self.putreads:
            if "write" not in self.kinds.get(later, set()):
                self.kinds.setdefault(put, set()).add("putread")
        for pos, key in self.nested.items():
            if key in self.defs:
                self.typed[pos] = key
        for pos, f in self.current.items():
            if pos not in self.typed and _kernel(pos[0]):
                self.typed[pos] = ("task_struct", f)

    def byname(self):
        """f -> [(H, f)] of the fields defined with that name (the last
        member name of a nested "a.f")."""
        out = {}
        for (h, f) in self.defs:
            out.setdefault(f.rsplit(".", 1)[-1], []).append((h, f))
        return out


def read_seen(work):
    """The collect records of WORK as a Seen."""
    seen = Seen()
    for r in work.records():
        seen.add(r)
    seen.finish()
    return seen


class Verdicts:
    """Why each kept field is kept, and the uses of each field."""

    def __init__(self, seen, spec):
        self.seen = seen
        self.spec = spec
        self.why = {}       # (H, f) -> (reason, pos)
        self.uses = {}      # (H, f) -> [(pos, kind)]
        self.acquired = set()
        self.structwide = set()
        self.lines = {}     # file -> its lines, for the files with uses

    def block(self, key, reason, pos):
        """Keep KEY for REASON at POS, unless it is kept already."""
        if key in self.seen.defs and key not in self.why:
            self.why[key] = (reason, pos)

    def reason(self, blocker, key, pos=None):
        """The report text of BLOCKER for the field KEY (at POS)."""
        get, put = self.spec[self.seen.defs[key][0]]
        return dict(BLOCKERS)[blocker] % {"get": get, "put": put,
                                          "other": self.seen.others.get(pos)}

    def ok(self):
        """The fields converted, sorted."""
        return sorted(k for k in self.seen.defs if k not in self.why)

    def converts(self, t):
        """Whether some field of type T converts."""
        return any(self.seen.defs[k][0] == t for k in self.ok())


def block_structwide(v):
    """What a struct does as a whole keeps only that struct's fields."""
    seen = v.seen
    for key in sorted(seen.defs):
        if key[0] in seen.copies:
            v.block(key, "struct %s values are copied whole: the copy would "
                    "hold the reference without a get" % key[0], seen.copies[key[0]])
        if key in seen.ilists:
            v.block(key, "set in an initializer list", seen.ilists[key])
        for outer, _ in sorted(seen.embeds.get(key[0], [])):
            if outer in seen.copies:
                v.block(key, "struct %s, which embeds struct %s, is copied "
                        "whole: the copy would hold the reference without a "
                        "get" % (outer, key[0]), seen.copies[outer])
    v.structwide = set(v.why)


def use_kind(v, owner, pos, kinds):
    """The kind of the use of OWNER at POS, or None when it keeps OWNER."""
    first = [b for b in FIRST if b in kinds]
    if first:
        v.block(owner, v.reason(first[0], owner), pos)
        return None
    if kinds & GOOD:
        kind = next(k for k in ("replace", "acquire", "release", "init") if k in kinds)
        if kind in ("acquire", "replace"):
            v.acquired.add(owner)
        return kind
    if "condtest" in kinds and _kernel(pos[0]):
        return "release"    # part of the kernel's ref_release()
    for b, _ in BLOCKERS:
        if b in kinds:
            v.block(owner, v.reason(b, owner, pos), pos)
            return None
    return "read"


def classify_uses(v):
    """Every access: its kind, or the reason it keeps its field; an access
    of unknown type keeps every field of its name."""
    seen = v.seen
    byname = seen.byname()
    for pos in sorted(seen.anyuse, key=_order):
        owner = seen.typed.get(pos)
        if owner is None:
            for key in byname.get(seen.anyuse[pos], []):
                v.block(key, "used through an expression of unknown type", pos)
            continue
        if owner not in seen.defs:
            continue
        if pos[0] not in v.lines:
            v.lines[pos[0]] = decide_common.text(pos[0]).split("\n")
        kind = use_kind(v, owner, pos, seen.kinds.get(pos, set()))
        v.uses.setdefault(owner, []).append((pos, kind))


def spread_blocks(v):
    """A use that keeps a field keeps it in every struct with the same
    TYPE-field pair: one borrowed "x->f = e;" is enough to doubt them all."""
    defs = v.seen.defs
    for key in sorted(set(v.why) - v.structwide):
        reason, pos = v.why[key]
        for other in sorted(defs):
            if other[1] == key[1] and defs[other][0] == defs[key][0] and other not in v.why:
                v.why[other] = ("as %s.%s, %s" % (key[0], key[1], reason), pos)


def block_unacquired(v):
    """A field never acquired holds no reference of its own."""
    for key in v.seen.defs:
        if key not in v.why and key not in v.acquired:
            v.block(key, "never acquired with %s in the run"
                    % v.spec[v.seen.defs[key][0]][0], v.seen.defs[key][1])


BASE = re.compile(r"((?:\b\w+(?:\[[^\]]*\])?\s*(?:->|\.)\s*)+)$")


def _spelling(v, pos):
    """The access chain before the member name at POS ("tty->ctrl."), ""
    when it is not a plain chain of names (a call, a cast, a macro)."""
    if pos[0] not in v.lines:
        v.lines[pos[0]] = decide_common.text(pos[0]).split("\n")
    lines = v.lines[pos[0]]
    src = lines[int(pos[1]) - 1] if int(pos[1]) <= len(lines) else ""
    m = BASE.search(src[:int(pos[2])])
    return re.sub(r"\s+", "", m.group(1)) if m else ""


def block_namesakes(v):
    """The apply pass changes every access spelled like a converted one in
    the files it changes: a field is kept when one of its files also has an
    access spelled the same way (or one it cannot spell) to a same-named
    member of a struct whose field stays, or becomes another wrapper."""
    seen = v.seen
    changed = True
    while changed:
        changed = False
        ok = v.ok()
        okset = set(ok)
        for key in ok:
            t = seen.defs[key][0]
            name = key[1].rsplit(".", 1)[-1]
            mine = {}
            for p, _ in v.uses.get(key, []):
                mine.setdefault(p[0], set()).add(_spelling(v, p))
            for pos, other in sorted(seen.typed.items(), key=lambda x: _order(x[0])):
                if pos[0] not in mine or other == key or \
                        other[1].rsplit(".", 1)[-1] != name:
                    continue
                if other in okset and seen.defs[other][0] == t:
                    continue
                sp = _spelling(v, pos)
                if sp and "" not in mine[pos[0]] and sp not in mine[pos[0]]:
                    continue
                v.block(key, "%s also uses %s.%s, spelled like it here, and "
                        "that field is not converted to the same wrapper: "
                        "the patch could not tell the two apart"
                        % (pos[0], other[0], other[1]), pos)
                changed = True
                break


def first_holder(v, t):
    """("struct", file, H, None) for the first converting holder of type T,
    or None."""
    holders = sorted((v.seen.defs[k][1], k) for k in v.seen.defs
                     if v.seen.defs[k][0] == t and k not in v.why)
    if not holders:
        return None
    pos, (h, _) = holders[0]
    return ("struct", pos[0], h, None)


def initial_anchors(v, declared):
    """TYPE -> where DECLARE_REF goes: after PUT's declaration (or GET's,
    when later in that file), else before the first converting holder."""
    anchors = {}
    for t in sorted(v.spec):
        if t in declared:
            continue
        get, put = v.spec[t]
        seen = sorted(v.seen.decls.get(put, []), key=lambda d: (not d[0].endswith(".h"), d))
        if seen:
            afile, aline = seen[0]
            gl = [l for (fl, l) in v.seen.decls.get(get, []) if fl == afile and l > aline]
            anchors[t] = ("put", afile, max(gl + [aline]), None)
        else:
            a = first_holder(v, t)
            if a:
                anchors[t] = a
    return anchors


def block_unseen(v, anchors):
    """A struct that cannot see DECLARE_REF keeps its field: defined before
    it in the same file, or in a file that does not include its file."""
    for key in sorted(v.seen.defs):
        if key in v.why:
            continue
        t, pos = v.seen.defs[key]
        a = anchors.get(t)
        if a is None:
            continue
        put = v.spec[t][1]
        if a[0] == "put":
            if pos[0] == a[1]:
                if int(pos[1]) < a[2]:
                    v.block(key, "defined before %s's declaration (%s:%d), where "
                            "DECLARE_REF goes" % (put, a[1], a[2]), pos)
            elif not _includes(pos[0], a[1]):
                v.block(key, "DECLARE_REF goes into %s, which %s does not include"
                        % (a[1], pos[0]), pos)
        elif pos[0] != a[1] and not _includes(pos[0], a[1]):
            v.block(key, "DECLARE_REF goes before struct %s in %s, which %s "
                    "does not include" % (a[2], a[1], pos[0]), pos)


def move_proto_anchors(v, anchors):
    """After a prototype spatch adds nothing: DECLARE_REF goes before the
    first converted struct after it, in that file, or the type's fields are
    kept."""
    defs = v.seen.defs
    for t, a in list(anchors.items()):
        if a[0] != "put" or (a[1], a[2]) not in v.seen.protos:
            continue
        later = sorted((int(defs[k][1][1]), k[0]) for k in defs
                       if defs[k][0] == t and k not in v.why
                       and defs[k][1][0] == a[1] and int(defs[k][1][1]) > a[2])
        if later:
            anchors[t] = ("struct", a[1], later[0][1], "proto")
            continue
        for k in defs:
            if defs[k][0] == t:
                v.block(k, "%s is only declared by a prototype (%s:%d) and no "
                        "struct after it converts: write DECLARE_REF by hand"
                        % (v.spec[t][1], a[1], a[2]), defs[k][1])
        del anchors[t]


def repick_struct_anchors(v, anchors):
    """A struct anchor whose holder was kept after all: the next holder."""
    for t, a in list(anchors.items()):
        if a[0] == "struct" and a[3] is None:
            a = first_holder(v, t)
            if a:
                anchors[t] = a
            else:
                del anchors[t]


def place_anchors(v, declared):
    """Where DECLARE_REF goes per TYPE, keeping the fields that cannot see
    it."""
    anchors = initial_anchors(v, declared)
    block_unseen(v, anchors)
    move_proto_anchors(v, anchors)
    repick_struct_anchors(v, anchors)
    return anchors


def site_candidates(v):
    """(pos, kind, key, message) for every position reported, possibly
    several at one position."""
    out = []
    for key in sorted(v.seen.defs):
        t, dpos = v.seen.defs[key]
        what = "%s.%s" % key
        if key in v.why:
            reason, bpos = v.why[key]
            for pos in [dpos] + [u for u, _ in v.uses.get(key, [])]:
                out.append((pos, "kept", key, "INFO: %s kept: %s%s" % (
                    what, reason, "" if pos == bpos else " (%s)" % _where(bpos))))
        else:
            out.append((dpos, "def", key, "WARNING: %s holds a reference: use "
                        "struct %s_ref" % (what, t)))
            for pos, kind in v.uses.get(key, []):
                out.append((pos, kind, key, "WARNING: %s holds a reference: use %s"
                            % (what, NEW[kind])))
    # uses of unknown type next to a field they keep
    byname = v.seen.byname()
    for pos, f in v.seen.anyuse.items():
        if pos not in v.seen.typed:
            for key in byname.get(f, []):
                if v.why.get(key, (None, None))[1] == pos:
                    out.append((pos, "kept", key, "INFO: %s.%s kept: used "
                                "through an expression of unknown type" % key))
    return out


def sites(v):
    """The sites rows, one per position: where several messages meet, the
    last in sort order, as the apply pass always told."""
    best = {}
    for pos, kind, key, msg in site_candidates(v):
        if pos not in best or msg > best[pos][2]:
            best[pos] = (kind, key, msg)
    return [(best[p][0],) + p + (_unit(best[p][1]), best[p][2])
            for p in sorted(best, key=_order)]


def field_files(v, key):
    """The files a converted field changes, its definition's first."""
    dfile = v.seen.defs[key][1][0]
    return [dfile] + sorted(set(p[0] for p, _ in v.uses.get(key, [])) - {dfile})


def groups(v, anchors):
    """(groups rows, needs rows): each converted field with the files of its
    definition and uses. DECLARE_REF goes with the first field whose files
    hold it, else it is a unit of its own; a field whose files do not hold
    it needs that unit's patch first."""
    fields = [(key, field_files(v, key)) for key in v.ok()]
    declaring = {}
    for key, files in fields:
        t = v.seen.defs[key][0]
        if t in anchors and anchors[t][1] in files:
            declaring.setdefault(t, _unit(key))
    rows = [(_unit(key), "use struct ref for %s.%s" % key, files) for key, files in fields]
    for t, a in sorted(anchors.items()):
        if v.converts(t) and t not in declaring:
            declaring[t] = "struct %s_ref" % t
            rows.append((declaring[t], "declare struct %s_ref" % t, [a[1]]))
    needs = []
    for key, files in fields:
        t = v.seen.defs[key][0]
        if t in declaring and anchors[t][1] not in files:
            needs.append((_unit(key), declaring[t]))
    return rows, needs


def changed_files(v, anchors):
    """The files the patch pass changes."""
    ok = v.ok()
    changed = set(v.seen.defs[k][1][0] for k in ok)
    changed.update(p[0] for k in ok for p, _ in v.uses.get(k, []))
    changed.update(a[1] for t, a in anchors.items() if v.converts(t))
    return sorted(changed)


def unseen(work, seen):
    """The member declarations the text shows and the collect pass did not
    see (a struct spatch could not parse, a member nested deeper than one
    anonymous struct, a union): "FILE:LINE f", sorted."""
    return sorted("%s:%s %s" % tuple(r) for r in work.rows("members")
                  if tuple(r) not in seen.defpos)


def verdict(v, missed=()):
    """The one line the driver prints."""
    ok = v.ok()
    line = "ref_wrap: %d field(s) converted" % len(ok)
    if ok:
        line += " (%s)" % ", ".join("%s.%s" % k for k in ok)
    kept = sorted(k for k in v.seen.defs if k in v.why)
    if kept:
        line += "; kept: " + "; ".join("%s.%s: %s (%s)" % (
            k[0], k[1], v.why[k][0], _where(v.why[k][1])) for k in kept)
    if missed:
        line += "; not analysed (a member declaration spatch did not match: " \
            "kept): " + "; ".join(missed)
    return line


def decide_fields(v, declared):
    """Every rule that keeps a field, in order; returns the anchors."""
    block_structwide(v)
    classify_uses(v)
    spread_blocks(v)
    block_unacquired(v)
    block_namesakes(v)
    return place_anchors(v, declared)


def write_decisions(work, v, anchors):
    """The decide step's files."""
    st = sites(v)
    work.write_sites(st)
    rows, needs = groups(v, anchors)
    work.write_groups(rows)
    work.write_rows("needs", needs)
    work.write("files", sorted(set(s[1] for s in st)))
    work.write("files.patch", changed_files(v, anchors))
    work.write_rows("fields", [(h, f, v.seen.defs[(h, f)][0]) for (h, f) in v.ok()])
    work.write_rows("anchors", [(t,) + a[:3] for t, a in sorted(anchors.items())
                                if v.converts(t)])


def decide(path):
    """The decide step."""
    work = decide_common.Work(path)
    v = Verdicts(read_seen(work), refs())
    anchors = decide_fields(v, set(work.lines("declared")))
    write_decisions(work, v, anchors)
    print(verdict(v, unseen(work, v.seen)))


if __name__ == "__main__":
    sys.exit(decide_common.main(sys.argv, names, decide))
