#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Tree-wide benchmark: refconv's refcount conversion (collect + decide +
# apply, patch mode) against the kernel's own
#   make coccicheck COCCI=scripts/coccinelle/api/atomic_as_refcounter.cocci MODE=report
# side by side in one run, as a ratio (these machines are noisy: compare
# within a run, never across runs). Also the time by sub-tree, to show how it
# grows with size.
#
# Usage: bench/tree.sh TREE [J]      (make bench-tree TREE=... J=...)
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tree=$(cd "${1:?usage: bench/tree.sh TREE [J]}" && pwd)
jobs=${2:-$(nproc 2>/dev/null || echo 1)}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# wall SECONDS of a command, its output discarded
wall()
{
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>"$out/err" || { tail -n 5 "$out/err" >&2; return 1; }
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{ printf "%.1f", $2 - $1 }'
}

ours()
{
	"$top/scripts/run-cocci.sh" -q -j "$jobs" -m patch ${1:+-M "$1"} \
		"$top/cocci/refcount.cocci" "$tree"
}

kernels()
{
	make -C "$tree" coccicheck MODE=report J="$jobs" ${1:+M="$1"} \
		COCCI="$tree/scripts/coccinelle/api/atomic_as_refcounter.cocci"
}

count()
{
	find "$tree/${1:-.}" \( -name '*.c' -o -name '*.h' \) -print0 |
		xargs -0 grep -lE 'atomic_|ATOMIC_INIT' | wc -l
}

printf '%-12s %8s %10s %10s %7s\n' scope "atomic_*" "refconv" "kernel" ratio
for scope in drivers/md drivers ""; do
	k1=$(wall kernels "$scope")
	o1=$(wall ours "$scope")
	printf '%-12s %8s %9ss %9ss %6.2fx\n' "${scope:-whole tree}" "$(count "$scope")" \
		"$o1" "$k1" "$(echo "$o1 $k1" | awk '{ print $1 / $2 }')"
done
