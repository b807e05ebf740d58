# SPDX-License-Identifier: GPL-2.0-only
"""The caches of a run, under CACHE (scripts/run-cocci.sh --cache): each
file's collect records, a decide step's outputs, and (kept by the driver)
a whole run's output. None changes what a run prints, only how long it
takes (tests/cache). Every entry is written under a temporary name and
renamed, so a killed run or two runs sharing a cache never leave half an
entry.

The collect cache. A file's records depend on its text, on the run's
program (the .cocci, the rules a names step generated, the macro file,
spatch's version and flags, the spec, scripts/lib) and on the run's names
that occur in the file as words: spatch runs with --no-includes, so
nothing outside the file reaches its records (scripts/lib/README,
"collect"). The key of an entry is the SHA-256 of those inputs, with the
names narrowed per file, so that a name that one new file brings into the
run re-collects only the files that spell it, not the tree. An entry is
CACHE/collect/XX/KEY: a line "refconv-collect 1 PARSE" (PARSE is 1 when
spatch could not parse all of the file), then the file's records; or the
line "refconv-collect 1 timeout SECONDS" for a file that hit a timeout of
SECONDS: a run with a timeout no longer than that takes the timeout from
the cache (the file is reported and not analysed, as in the run that timed
out), a run with a longer one tries again. Files whose spatch failed are
not stored.

The decide cache. A decide step reads the work directory (the records,
names, universe, scope, and what an earlier round wrote), the spec and the
text of the whole tree (the occurrence audit), and runs scripts/lib and its
own script. Its key is the SHA-256 of all of those (the records as a set:
their order depends on the batches); its outputs, CACHE/decide/XX/KEY/, are
the work directory's files after it ran, records aside. The tree's part of
the key is one hash over every file's content, computed through a stat
index (size, mtime, inode) so that an unchanged tree is not read again; a
file changed within two seconds of the index being written is hashed
anyway (git's "racily clean" case).

    cache.py lookup CACHE WORK RUNKEY MISSES PARSEFAIL TIMEOUTS SECONDS < FILES
        FILES (NUL-separated, as spatch is given them): each file with an
        entry has its records appended to WORK/collect.cache (and its name
        to PARSEFAIL when it did not parse, to TIMEOUTS when it timed out
        with a timeout of at least SECONDS, and to WORK/failed: not
        analysed); the others go to MISSES
        (NUL-separated) and their keys to WORK/cache.keys. Prints
        "HITS MISSES TIMEOUTS".
    cache.py store CACHE WORK PARSEFAIL TIMEOUTS SECONDS
        an entry for each file of WORK/cache.keys from the records of
        WORK/collect.r*, unless it failed (WORK/failed); a timeout entry
        for the files of TIMEOUTS
    cache.py tree-hash CACHE ROOT < FILES
        one hash of FILES' names and contents (NUL-separated, relative to
        ROOT)
    cache.py key WORK EXTRA...
        the key of a decide step over WORK, EXTRA (texts, files) included
    cache.py decide-get CACHE KEY WORK
        restore the outputs and print the verdict (exit 1: no entry)
    cache.py decide-put CACHE KEY WORK VERDICT
        store WORK's outputs and the VERDICT file
"""

import glob
import hashlib
import os
import pickle
import re
import shutil
import sys
import tempfile
import time

MAGIC = "refconv-collect 1"
WORD = re.compile(rb"\w+")


def _names(work):
    try:
        with open(os.path.join(work, "names"), "rb") as f:
            return set(l.strip() for l in f if l.strip())
    except OSError:
        return set()


def _entry(cache, key):
    return os.path.join(cache, "collect", key[:2], key)


def _key(runkey, path, names, data):
    h = hashlib.sha256()
    h.update(runkey.encode() + b"\0" + os.fsencode(path) + b"\0")
    h.update(b" ".join(sorted(names & set(WORD.findall(data)))) + b"\0")
    h.update(data)
    return h.hexdigest()


def _lines(path):
    try:
        with open(path, errors="surrogateescape") as f:
            return [l.rstrip("\n") for l in f if l.strip()]
    except OSError:
        return []


def _timed_out(head):
    """The timeout of an entry's first line HEAD, or None."""
    m = re.match(re.escape(MAGIC) + r" timeout (\d+)$", head)
    return int(m.group(1)) if m else None


def lookup(cache, work, runkey, misses, parsefail, timeouts, seconds):
    names = _names(work)
    hits = miss = slow = 0
    files = [f for f in sys.stdin.buffer.read().decode(
        errors="surrogateescape").split("\0") if f]
    with open(os.path.join(work, "collect.cache"), "a", errors="surrogateescape") as rec, \
            open(misses, "wb") as out, \
            open(os.path.join(work, "cache.keys"), "a", errors="surrogateescape") as keys, \
            open(parsefail, "a", errors="surrogateescape") as pf, \
            open(timeouts, "a", errors="surrogateescape") as to:
        for path in files:
            key = None
            # an absolute name is a per-run alias of a file whose name
            # spatch cannot take (scripts/run-cocci.sh): never cached
            if not os.path.isabs(path):
                try:
                    with open(path, "rb") as f:
                        key = _key(runkey, path, names, f.read())
                except OSError:
                    pass
            entry = None
            if key:
                try:
                    with open(_entry(cache, key), errors="surrogateescape") as f:
                        entry = f.read().split("\n")
                except OSError:
                    pass
            limit = _timed_out(entry[0]) if entry else None
            if limit is not None and limit >= int(seconds):
                hits += 1
                slow += 1
                to.write(path + "\n")
                # not analysed, as in the run that timed out
                with open(os.path.join(work, "failed"), "a", errors="surrogateescape") as f:
                    f.write(path + "\n")
                continue
            if limit is None and entry and entry[0].startswith(MAGIC + " "):
                hits += 1
                if entry[0].endswith(" 1"):
                    pf.write(path + "\n")
                rec.writelines(l + "\n" for l in entry[1:] if l)
                continue
            miss += 1
            out.write(os.fsencode(path) + b"\0")
            if key:
                keys.write("%s\t%s\n" % (key, path))
    print(hits, miss, slow)


def store(cache, work, parsefail, timeouts, seconds):
    keys = [l.split("\t", 1) for l in _lines(os.path.join(work, "cache.keys"))]
    try:
        os.remove(os.path.join(work, "cache.keys"))
    except OSError:
        pass
    if not keys:
        return
    skip = set(_lines(os.path.join(work, "failed")))
    slow = set(_lines(timeouts))
    unparsed = set(_lines(parsefail))
    wanted = set(p for _, p in keys)
    recs = {}
    for path in sorted(glob.glob(os.path.join(work, "collect.r*"))):
        for l in _lines(path):
            r = l.split("\t")
            if len(r) > 1 and r[1] in wanted:
                recs.setdefault(r[1], []).append(l)
    for key, path in keys:
        if path in skip and path not in slow:
            continue
        entry = _entry(cache, key)
        try:
            with open(entry, errors="surrogateescape") as f:
                # a timeout entry is replaced by what a longer timeout gave
                if _timed_out(f.readline().rstrip("\n")) is None:
                    continue
        except OSError:
            pass
        os.makedirs(os.path.dirname(entry), exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".new.", dir=os.path.dirname(entry))
        with os.fdopen(fd, "w", errors="surrogateescape") as f:
            if path in slow:
                f.write("%s timeout %d\n" % (MAGIC, int(seconds)))
            else:
                f.write("%s %d\n" % (MAGIC, path in unparsed))
                f.writelines(l + "\n" for l in recs.get(path, []))
        os.replace(tmp, entry)


def _state(work):
    """The files of WORK a decide step reads or writes: all but the
    collect records, which are hashed as a set and never stored."""
    for name in sorted(os.listdir(work)):
        p = os.path.join(work, name)
        if not name.startswith("collect.") and os.path.isfile(p):
            yield name, p


def _atomic_write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".new.", dir=os.path.dirname(path))
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def digests(cache, root, files):
    """{name: SHA-256 hex digest} of the FILES (byte strings, relative to
    ROOT) that exist, through CACHE's stat index: a file whose size, mtime
    and inode are those the index holds is not read again, unless it changed
    within two seconds of the index being written (git's "racily clean"
    case). The index is rewritten when something changed."""
    idx_path = os.path.join(cache, "stat.index")
    try:
        with open(idx_path, "rb") as f:
            written, index = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError):
        written, index = 0, {}
    new, out = {}, {}
    now = time.time()
    for rel in files:
        path = os.path.join(os.fsencode(root), rel)
        try:
            st = os.stat(path)
        except OSError:
            continue
        stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
        old = index.get(path)
        if old and old[0] == stamp and st.st_mtime < written - 2:
            digest = old[1]
        else:
            try:
                with open(path, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                continue
        new[path] = (stamp, digest)
        out[rel] = digest
    if any(index.get(p) != v for p, v in new.items()):
        index.update(new)
        _atomic_write(idx_path, pickle.dumps((now, index)))
    return out


def tree_hash(cache, root):
    files = [f for f in sys.stdin.buffer.read().split(b"\0") if f]
    known = digests(cache, root, files)
    h = hashlib.sha256()
    for rel in files:
        h.update(rel + b"\0" + known.get(rel, "-").encode() + b"\0")
    print(h.hexdigest())


def key(work, extra):
    h = hashlib.sha256()
    for e in extra:
        if os.path.isfile(e):
            with open(e, "rb") as f:
                h.update(b"file\0" + hashlib.sha256(f.read()).digest())
        else:
            h.update(b"text\0" + e.encode() + b"\0")
    for name, p in _state(work):
        with open(p, "rb") as f:
            h.update(name.encode() + b"\0" + hashlib.sha256(f.read()).digest())
    recs = []
    for p in glob.glob(os.path.join(work, "collect.*")):
        with open(p, "rb") as f:
            recs.extend(l for l in f.read().split(b"\n") if l)
    recs.sort()
    h.update(b"records\0")
    for r in recs:
        h.update(r + b"\n")
    print(h.hexdigest())


def _decide_entry(cache, k):
    return os.path.join(cache, "decide", k[:2], k)


def decide_get(cache, k, work):
    entry = _decide_entry(cache, k)
    if not os.path.isdir(entry):
        return 1
    for name in os.listdir(entry):
        src = os.path.join(entry, name)
        if name == ".verdict":
            with open(src) as f:
                sys.stdout.write(f.read())
        else:
            shutil.copyfile(src, os.path.join(work, name))
    return 0


def decide_put(cache, k, work, verdict):
    entry = _decide_entry(cache, k)
    if os.path.isdir(entry):
        return 0
    os.makedirs(os.path.dirname(entry), exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".new.", dir=os.path.dirname(entry))
    for name, p in _state(work):
        shutil.copyfile(p, os.path.join(tmp, name))
    shutil.copyfile(verdict, os.path.join(tmp, ".verdict"))
    try:
        os.rename(tmp, entry)
    except OSError:
        # another run stored the same entry first
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def main(argv):
    cmds = {"lookup": (lookup, 7), "store": (store, 5), "tree-hash": (tree_hash, 2),
            "decide-get": (decide_get, 3), "decide-put": (decide_put, 4)}
    if len(argv) >= 3 and argv[1] == "key":
        key(argv[2], argv[3:])
        return 0
    fn, n = cmds.get(argv[1] if len(argv) > 1 else "", (None, 0))
    if fn is None or len(argv) != n + 2:
        sys.stderr.write(__doc__)
        return 2
    return fn(*argv[2:]) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
