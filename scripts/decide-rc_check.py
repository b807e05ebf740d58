#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decide the accessor functions of cocci/rc_check.cocci ("rc_check TYPE
accessors" spec lines).

Called by scripts/run-cocci.sh between the collect and the apply pass:

    decide-rc_check.py names WORK < FILES   files naming an accessors TYPE
                                            -> WORK/candidates
    decide-rc_check.py decide WORK          WORK/collect.* -> WORK/accessors,
                                            WORK/files

The struct is often defined in a header and read in .c files: only the whole
tree tells which fields are read outside the type's functions, and so which
accessors the definition gets. For each (TYPE, field) read outside, one line
of WORK/accessors, tab-separated:

    TYPE FIELD define RTYPE PARAM   add TYPE__FIELD() after the definition
    TYPE FIELD reuse CONST WHERE    TYPE__FIELD() exists, takes one struct
                                    TYPE *, returns the field's type and, if
                                    defined in the tree, reads FIELD of it:
                                    CONST 1 when its parameter is const;
                                    WHERE "*" when a header declares it,
                                    else file:line,...
    TYPE FIELD keep REASON          reads stay RC_CHK_ACCESS(p)->FIELD

Without accessors in the spec nothing is collected and the apply pass is the
plain conversion.
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import decide_common  # noqa: E402
import refconv_spec  # noqa: E402

BASE = set("""char short int long signed unsigned float double _Bool bool
void""".split())
QUALS = {"const", "volatile", "restrict"}
# typedefs that are scalars in the kernel and in libc
SCALARS = set("""size_t ssize_t ptrdiff_t intptr_t uintptr_t off_t loff_t
pid_t uid_t gid_t mode_t dev_t ino_t time_t clock_t sector_t blkcnt_t gfp_t
phys_addr_t dma_addr_t resource_size_t
u8 u16 u32 u64 s8 s16 s32 s64 __u8 __u16 __u32 __u64 __s8 __s16 __s32 __s64
__le16 __le32 __le64 __be16 __be32 __be64
int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t""".split())
CWORDS = set("""auto break case char const continue default do double else
enum extern float for goto if inline int long register restrict return short
signed sizeof static struct switch typedef union unsigned void volatile while
bool""".split())


def accessor_types():
    return sorted(set(a[0] for a in refconv_spec.load()["rc_check"] if len(a) > 1))


def norm(t):
    """A C type as one canonical string: single spaces, '*' attached."""
    t = re.sub(r"\s+", " ", t.strip())
    t = re.sub(r"\s*\*\s*", "*", t)
    return t.replace("*", " *").replace(" * *", " **").strip()


def unqualified(t):
    """T without its top-level qualifiers (they mean nothing on a return)."""
    t = norm(t)
    if "*" in t:
        head, tail = t.rsplit("*", 1)
        tail = " ".join(w for w in tail.split() if w not in QUALS)
        return norm(head + "*" + (" " + tail if tail else ""))
    return " ".join(w for w in t.split() if w not in QUALS)


def kind(types):
    """How a field of the declared TYPES (spatch's strings) can be read:
    'scalar', or why it cannot be returned by an accessor."""
    if any("[" in t for t in types):
        return "an array field"
    t = norm(sorted(types, key=len)[-1])
    if "(" in t:
        return "a function pointer field"
    if "*" in t:
        return "scalar"
    words = [w for w in t.split() if w not in QUALS]
    if words and words[0] in ("struct", "union"):
        return "a %s field" % words[0]
    if words and words[0] == "enum":
        return "scalar"
    if words and all(w in BASE for w in words):
        return "scalar" if words != ["void"] else "a void field"
    if len(words) == 1 and words[0] in SCALARS:
        return "scalar"
    return "of type %s, which may not be a scalar" % " ".join(words)


def param_name(t):
    """The accessor's parameter: the last word of TYPE (perf_cpu_map: map)."""
    last = t.rstrip("_").rsplit("_", 1)[-1]
    if re.match(r"^[A-Za-z_]\w*$", last) and last not in CWORDS:
        return last
    return "p"


def takes_type(params, t):
    """None when PARAMS is not one struct T * parameter, else whether it is
    const."""
    m = re.match(r"^(const\s+)?struct\s+%s\s*\*\s*(?:const\s+)?(\w+)?$" % re.escape(t),
                 params.strip())
    if not m:
        return None
    return bool(m.group(1))


def names(work, files):
    decide_common.write_lines(work, "universe", files)
    types = accessor_types()
    if not types:
        decide_common.write_lines(work, "candidates", [])
        return
    word = re.compile(r"\b(?:%s)" % "|".join(re.escape(t) for t in types))
    decide_common.write_lines(work, "candidates",
                              [f for f in files if word.search(decide_common.text(f))])


def decide(work):
    types = accessor_types()
    fields = {}   # (T, f) -> set of declared types
    reads = {}    # (T, f) -> number of reads
    fns = {}      # (T, name) -> [(ret, params, file, line, def|proto)]
    fnreads = set()  # (name, f): the function reads f of its parameter
    for r in decide_common.records(work):
        if r[0] == "field" and len(r) >= 4:
            fields.setdefault((r[1], r[2]), set()).add(r[3])
        elif r[0] == "read" and len(r) >= 3:
            reads[(r[1], r[2])] = reads.get((r[1], r[2]), 0) + 1
        elif r[0] == "fn" and len(r) >= 8:
            fns.setdefault((r[1], r[2]), []).append((r[3], r[4], r[5], r[6], r[7]))
        elif r[0] == "fnread" and len(r) >= 3:
            fnreads.add((r[1], r[2]))
    out = []
    added, reused, kept = [], [], []
    for (t, f) in sorted(reads):
        name = "%s__%s" % (t, f)
        types_of = fields.get((t, f))
        k = kind(types_of) if types_of else None
        decls = fns.get((t, name))
        if decls:
            consts = set(takes_type(d[1], t) for d in decls)
            rets = set(unqualified(d[0]) for d in decls)
            if None in consts or len(rets) != 1:
                why = "%s() exists and is not an accessor (one struct %s * " \
                    "parameter)" % (name, t)
            elif any(d[4] == "def" for d in decls) and (name, f) not in fnreads:
                why = "%s() does not read %s of its parameter" % (name, f)
            elif k is not None and k != "scalar":
                why = "it is %s" % k
            elif types_of and rets != {unqualified(sorted(types_of, key=len)[-1])}:
                why = "%s() returns %s, not the field's type" % (name, next(iter(rets)))
            else:
                where = "*" if any(d[2].endswith(".h") for d in decls) else \
                    ",".join("%s:%s" % (d[2], d[3]) for d in decls)
                out.append("%s\t%s\treuse\t%d\t%s" % (t, f, all(consts), where))
                reused.append(name + "()")
                continue
        elif k is None:
            why = "the definition of struct %s with %s was not seen " \
                "(converted already, or outside the tree)" % (t, f)
        elif k != "scalar":
            why = "it is %s" % k
        else:
            rt = unqualified(sorted(types_of, key=len)[-1])
            out.append("%s\t%s\tdefine\t%s\t%s" % (t, f, rt, param_name(t)))
            added.append(name + "()")
            continue
        out.append("%s\t%s\tkeep\t%s" % (t, f, why))
        kept.append("%s.%s" % (t, f))
    decide_common.write_lines(work, "accessors", out)
    with open(os.path.join(work, "universe")) as f:
        files = f.read()
    with open(os.path.join(work, "files"), "w") as f:
        f.write(files)
    if not types:
        print("rc_check: no accessors asked for")
        return
    verdict = "rc_check: accessors of %s" % ", ".join("struct " + t for t in types)
    verdict += ": %d added%s" % (len(added), " (%s)" % ", ".join(added) if added else "")
    if reused:
        verdict += "; reused: " + ", ".join(reused)
    if kept:
        verdict += "; reads kept as RC_CHK_ACCESS(): " + ", ".join(kept)
    print(verdict)


if __name__ == "__main__":
    sys.exit(decide_common.main(sys.argv, names, decide))
