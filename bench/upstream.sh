#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The upstream recall benchmark: the kernel developers' own refcount_t
# conversions as the answers refconv's refcount conversion should find.
#
# A copy of SRC (a Linux source tree, e.g. Debian's linux-source-6.1) has
# every refcount_t and its calls turned back into atomic_t and the atomic
# API (bench/reverse-refcount.py: mechanical, every line keeps its number);
# refconv's refcount conversion runs on the copy in patch mode; and
# bench/upstream-score.py compares the result with SRC: eligible fields,
# recovered ones, the reasons for the rest, recovered lines byte-identical
# to upstream's, and the fields refconv converts that upstream kept atomic_t.
#
# With DIRs, only those directories of SRC are copied and form a tree of
# their own (tests/upstream keeps a few as a ratchet); without, the whole
# tree (about 20 minutes on 2 cores: "make bench-upstream TREE=...").
#
# Usage: bench/upstream.sh [-j J] [-o OUT] SRC [DIR...]
#   OUT keeps the work: rev/ (the reversed tree), fields, calls, work/,
#   patch, run.err, fields.tsv (one line per reversed field) and score.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$top/bench/lib.sh"
usage() { echo "usage: ${0##*/} [-j J] [-o OUT] SRC [DIR...]" >&2; exit 2; }
bench_opts "$@"
shift "$nopts"
[ $# -ge 1 ] || usage
src=$(cd "$1" && pwd)
shift
[ -f "$src/include/linux/refcount.h" ] || { echo "${0##*/}: $src is not a Linux source tree" >&2; exit 2; }

bench_out rev
if [ $# -eq 0 ]; then
	cp -a "$src/." "$out/rev/"
else
	(cd "$src" && cp -a --parents "$@" "$out/rev/")
fi
"$top/bench/reverse-refcount.py" "$out/rev" "$out/fields" "$out/calls"
t0=$(date +%s)
"$top/scripts/run-cocci.sh" -j "$jobs" --no-cache -m patch --work "$out/work" \
	"$top/cocci/refcount.cocci" "$out/rev" >"$out/patch" 2>"$out/run.err" ||
	{ tail -n 5 "$out/run.err" >&2; exit 1; }
grep '^run-cocci.sh: \(refcount\|summary\):' "$out/run.err" >&2 || true
echo "upstream: conversion run: $(($(date +%s) - t0)) s" >&2
"$top/bench/upstream-score.py" "$src" "$out/rev" "$out/work" "$out/patch" "$out" | tee "$out/score"
