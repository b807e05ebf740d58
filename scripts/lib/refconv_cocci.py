# SPDX-License-Identifier: GPL-2.0-only
"""What the Python embedded in refconv's .cocci files shares.

Each .cocci starts its @initialize:python@ block with

    import os, sys
    sys.path.insert(0, os.environ.get("REFCONV_PYLIB", ""))
    import refconv_cocci as rc
    rc.require_driver("NAME.cocci")

and keeps only its own data and rules. The work directory's files are
described in scripts/lib/README.
"""

import os
import re
import sys

WORK = os.environ.get("REFCONV_WORK", "")


def require_driver(script, need_work=True):
    """Stop spatch with one line when SCRIPT runs without scripts/run-cocci.sh.

    The driver sets REFCONV_PYLIB (how this module was found) and, for
    conversions that collect, REFCONV_WORK; plain spatch sets neither and
    would otherwise do nothing, or die with a traceback."""
    if need_work and not WORK:
        sys.stderr.write("%s: run it with scripts/run-cocci.sh or \"make "
                         "coccicheck\": its decisions span files that plain "
                         "spatch does not see\n" % script)
        sys.stderr.flush()
        os._exit(2)


def rows(name):
    """The tab-separated records of WORK/NAME ([] when there is none)."""
    path = os.path.join(WORK, name)
    if not WORK or not os.path.exists(path):
        return []
    with open(path, errors="replace") as f:
        return [l.rstrip("\n").split("\t") for l in f if l.strip()]


def key(p):
    """The (file, line, column) of the first element of position P, as
    strings, the way the work directory's records spell them."""
    return (p[0].file, p[0].line, p[0].column)


def samefile(cur, name):
    """Whether CUR, the file spatch is matching, is NAME: once a rule has
    changed a file, spatch matches a temporary copy whose name ends with
    "-" and the original's base name."""
    return cur == name or cur.endswith("-" + os.path.basename(name))


class Sites:
    """WORK/sites: (file, line, col) -> (kind, unit, message).

    A position may have several records (report lines): at keeps the last,
    messages() and tell() have them all, in the file's order."""

    def __init__(self, name="sites"):
        self.at = {}
        self.all = {}
        self.recs = {}
        self.told = set()
        for r in rows(name):
            self.at[(r[1], r[2], r[3])] = (r[0], r[4], r[5])
            self.all.setdefault((r[1], r[2], r[3]), []).append(r[5])
            self.recs.setdefault((r[1], r[2], r[3]), []).append((r[0], r[4], r[5]))

    def __contains__(self, p):
        return key(p) in self.at

    def kind(self, p):
        s = self.at.get(key(p))
        return s[0] if s else None

    def has(self, p, *kinds):
        """Whether P is a site of one of KINDS."""
        return self.kind(p) in kinds

    def message(self, p):
        s = self.at.get(key(p))
        return s[2] if s else None

    def unit(self, p):
        """The UNIT field of the site at P."""
        s = self.at.get(key(p))
        return s[1] if s else None

    def messages(self, p):
        """Every message at P, in the order of WORK/sites."""
        return self.all.get(key(p), [])

    def tell(self, p, mode):
        """Print every message at P in report or org MODE, once however
        many rules match P."""
        if key(p) in self.told:
            return
        self.told.add(key(p))
        for msg in self.messages(p):
            tell(p, msg, mode)

    def of(self, p, *kinds):
        """The records (kind, unit, message) at P of KINDS (of any kind
        when none is given), in the order of WORK/sites: where a position
        has several, each rule takes those of its own kinds."""
        return [r for r in self.recs.get(key(p), []) if not kinds or r[0] in kinds]

    def tell_of(self, p, mode, *kinds):
        """Print the messages at P of KINDS in report or org MODE (a rule
        that reports its own kinds of a position, in the rules' order)."""
        for r in self.of(p, *kinds):
            tell(p, r[2], mode)


_out = None


def emit(kind, p, *fields):
    """Append a collect record KIND FILE LINE COL FIELDS... for position P
    to WORK/collect.<batch>.<pid> (the driver names each batch in
    REFCONV_BATCH, so that a failed batch's records can be dropped)."""
    global _out
    if not WORK:
        return
    if _out is None:
        batch = os.environ.get("REFCONV_BATCH", "")
        _out = open(os.path.join(WORK, "collect.%s%d" % (batch + "." if batch else "", os.getpid())), "a",
                    buffering=1)
    _out.write("\t".join(str(f) for f in
                         (kind, p[0].file, p[0].line, p[0].column) + fields)
               + "\n")


def finish():
    """Close the collect records (from @finalize:python@)."""
    global _out
    if _out is not None:
        _out.close()
        _out = None


def tell(p, msg, mode):
    """Print MSG at position P in report or org MODE (nothing for None)."""
    import coccilib.org
    import coccilib.report
    if msg is None:
        return
    if mode == "report":
        coccilib.report.print_report(p[0], msg)
    elif mode == "org":
        coccilib.org.print_todo(p[0], msg)


class LastInclude:
    """The line of the last #include of each file, for rules that add the
    runtime's header after it: note() from a rule matching every
    #include <...>@p, then is_last() in the constraint of the adding rule."""

    def __init__(self):
        self.line = {}

    def note(self, p):
        f = p[0].file
        self.line[f] = max(self.line.get(f, 0), int(p[0].line))

    def is_last(self, p):
        return int(p[0].line) == self.line.get(p[0].file)


# --- what ends an object's life ----------------------------------------------

# calls that free or tear down what they are given, and calls that defer it
# (given a member of the object: &x->rcu, &x->work)
FREEING = re.compile(r"free|destroy|release|delete|remove|kill|cleanup|unref|_put$")
DEFERRING = re.compile(r"^(call_rcu|kfree_rcu|queue_work|queue_rcu_work|schedule_work|"
                       r"queue_delayed_work|mod_delayed_work|schedule_delayed_work)$")
SIGNALLING = re.compile(r"^(complete|complete_all|wake_up|wake_up_all|wake_up_interruptible|"
                        r"wake_up_interruptible_all)$")
CALL = re.compile(r"\b(\w+)\s*\(")


def _plain(e):
    """E without blanks, casts, a leading & and outer parentheses."""
    e = re.sub(r"\s+", "", e)
    e = re.sub(r"^\((?:const)?(?:struct|union)?\w+\*+\)", "", e)
    while True:
        e = e.lstrip("&")
        if e.startswith("(") and _closing(e, 0) == len(e) - 1:
            e = e[1:-1]
            continue
        e = re.sub(r"\(([A-Za-z_]\w*)\)", r"\1", e)
        return e


def matching(t, i, pair="()"):
    """The index of the PAIR[1] that closes the PAIR[0] at T[I], -1 if
    none does."""
    depth = 0
    for j in range(i, len(t)):
        if t[j] == pair[0]:
            depth += 1
        elif t[j] == pair[1]:
            depth -= 1
            if depth == 0:
                return j
    return -1


def _closing(t, i):
    """The index of the parenthesis that closes the one at T[I]."""
    return matching(t, i)


def _args(t, i):
    """The top-level arguments of the call whose "(" is at T[I]."""
    end = _closing(t, i)
    if end < 0:
        return []
    out, depth, start = [], 0, i + 1
    for j in range(i + 1, end):
        if t[j] in "([{":
            depth += 1
        elif t[j] in ")]}":
            depth -= 1
        elif t[j] == "," and depth == 0:
            out.append(t[start:j])
            start = j + 1
    out.append(t[start:end])
    return [a for a in out if a.strip()]


def _prefixes(obj):
    """OBJ and the objects it is a member of: x->a.b -> x->a.b, x->a, x."""
    e = _plain(obj)
    out = [e]
    for m in re.finditer(r"->|\.", e):
        out.append(e[:m.start()])
    return out


def ends_life(obj, name, args):
    """Whether calling NAME with ARGS (texts) ends the life of OBJ, the
    object whose count reached zero (or one it is a member of): a freeing
    call given that object, or a deferring one given one of its members."""
    objs = _prefixes(obj)
    for a in args:
        a = _plain(a)
        if FREEING.search(name) and a in objs:
            return True
        if DEFERRING.match(name) and any(a.startswith(o + "->") or a.startswith(o + ".")
                                         for o in objs):
            return True
    return False


def calls(code):
    """(name, [argument texts]) of every call in the text CODE."""
    for m in CALL.finditer(code):
        yield m.group(1), _args(code, m.end() - 1)


def zero_path(obj, code):
    """What the code run when OBJ's count reached zero (the text CODE) does:
    ("free", None) when it ends OBJ's life, ("signal", member) for each
    completion or wait queue member it signals."""
    for name, args in calls(code):
        if ends_life(obj, name, args):
            yield "free", None
        elif SIGNALLING.match(name) and args:
            m = re.search(r"(?:->|\.)(\w+)$", _plain(args[0]))
            if m:
                yield "signal", m.group(1)
