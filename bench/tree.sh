#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Tree-wide benchmark: refconv's refcount conversion (collect + decide +
# apply, patch mode) against the kernel's own
#   make coccicheck COCCI=scripts/coccinelle/api/atomic_as_refcounter.cocci MODE=report
# side by side in one run, as ratios to the kernel's time (these machines
# are noisy: compare within a run, never across runs).
#
# For each scope (drivers/md, drivers, the whole tree; SCOPES= to choose),
# refconv runs on that part of TREE as a tree of its own, with a cache of
# its own: cold (empty cache), warm (nothing changed), after one .c was
# edited, and after a header most of drivers/md includes was edited. For the
# whole tree also M=drivers/md warm (deciding over the whole tree), against
# the kernel's own M=drivers/md run. Every edit is undone (also on ^C).
# The warm run's patch must be the cold run's, byte for byte; with
# HOSTS=FILE (GNU parallel's --sshloginfile format) one more run without
# the cache, its batches on those logins, must print that patch too.
#
# Usage: bench/tree.sh TREE [J]      (make bench-tree TREE=... J=... [HOSTS=...])
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tree=$(cd "${1:?usage: bench/tree.sh TREE [J]}" && pwd)
jobs=${2:-$(nproc 2>/dev/null || echo 1)}
scopes=${SCOPES:-drivers/md drivers .}
hosts=${HOSTS:-}
[ -z "$hosts" ] || hosts=$(realpath "$hosts")
[ -x /usr/bin/time ] || { echo "${0##*/}: /usr/bin/time not found: apt-get install time" >&2; exit 3; }
out=$(mktemp -d)
edited=()
restore()
{
	local f
	for f in "${edited[@]}"; do
		[ ! -f "$out/saved/$f" ] || cp -p "$out/saved/$f" "$tree/$f"
	done
	rm -rf "$out"
}
trap restore EXIT
trap 'exit 130' INT TERM

# wall SECONDS of a command, its output in $out/last
wall()
{
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >"$out/last" 2>"$out/err" || { tail -n 5 "$out/err" >&2; return 1; }
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{ printf "%.1f", $2 - $1 }'
}

# ours SCOPE CACHE [M] - refconv on TREE/SCOPE as its own tree (CACHE
# "none": without a cache, over $hosts)
ours()
{
	local copt=(--cache "$2")
	[ "$2" != none ] || copt=(--no-cache ${hosts:+--hosts "$hosts"})
	# GNU time's %M of the driver: the largest resident set of any process
	# it waited for (each spatch); exit 1 is "spatch failed on some files"
	/usr/bin/time -f %M -o "$out/rss" \
		"$top/scripts/run-cocci.sh" -q -j "$jobs" -m patch "${copt[@]}" ${3:+-M "$3"} \
		"$top/cocci/refcount.cocci" "$tree/$1" || [ $? = 1 ]
}

# same NAME A B - whether patches A and B (in $out) are identical, said
same()
{
	if cmp -s "$out/$2" "$out/$3"; then
		echo "  $1: identical ($(grep -c '^+++ ' "$out/$2") files)"
	else
		echo "  $1: DIFFERENT"
		diff -u "$out/$2" "$out/$3" | head -n 20
	fi
}

kernels()
{
	make -C "$tree" coccicheck MODE=report J="$jobs" ${1:+M="$1"} \
		COCCI="$tree/scripts/coccinelle/api/atomic_as_refcounter.cocci"
}

# edit FILE - append a comment to FILE (relative to TREE), undone at exit
edit()
{
	if [ ! -f "$out/saved/$1" ]; then
		mkdir -p "$out/saved/$(dirname "$1")"
		cp -p "$tree/$1" "$out/saved/$1"
		edited+=("$1")
	fi
	echo "/* touched by bench/tree.sh */" >>"$tree/$1"
}

undo()
{
	cp -p "$out/saved/$1" "$tree/$1"
}

ratio()
{
	echo "$1 $2" | awk '{ printf "%.2fx", $1 / $2 }'
}

c=drivers/md/dm-kcopyd.c h=drivers/md/md.h
git=plain
[ ! -d "$tree/.git" ] || git=git
echo "refcount.cocci (patch) vs atomic_as_refcounter.cocci (report), J=$jobs, $git tree"
printf '%-12s %8s %8s %8s %8s %8s %8s\n' scope kernel cold warm "one .c" header files
for scope in $scopes; do
	s=${scope#.}
	s=${s#/}
	k=$(wall kernels "$s")
	cache=$out/cache.${s//\//_}
	cold=$(wall ours "${s:-.}" "$cache")
	cp "$out/last" "$out/cold.patch"
	rss=$(($(cat "$out/rss") / 1024))
	warm=$(wall ours "${s:-.}" "$cache")
	cp "$out/last" "$out/warm.patch"
	edit "$c"
	dotc=$(wall ours "${s:-.}" "$cache")
	undo "$c"
	edit "$h"
	hdr=$(wall ours "${s:-.}" "$cache")
	undo "$h"
	n=$(find "$tree/$s" \( -name '*.c' -o -name '*.h' \) | wc -l)
	printf '%-12s %7ss %8s %8s %8s %8s %8s\n' "${s:-whole tree}" "$k" "$(ratio "$cold" "$k")" \
		"$(ratio "$warm" "$k")" "$(ratio "$dotc" "$k")" "$(ratio "$hdr" "$k")" "$n"
	if [ -z "$s" ]; then
		km=$(wall kernels drivers/md)
		# warm again first: the edits above left the cache one file behind
		wall ours . "$cache" >/dev/null
		om=$(wall ours . "$cache" drivers/md)
		printf '%-12s %7ss %8s (M=drivers/md warm, deciding over the whole tree: %ss)\n' \
			"M=drivers/md" "$km" "$(ratio "$om" "$km")" "$om"
	fi
	peak=$(du -sh "$cache" | cut -f1)
	echo "  seconds: cold $cold, warm $warm, one .c $dotc, header $hdr; cache $peak;" \
		"largest process of the cold run: $rss MiB"
	same "warm patch vs cold" cold.patch warm.patch
	if [ -n "$hosts" ]; then
		far=$(wall ours "${s:-.}" none)
		cp "$out/last" "$out/hosts.patch"
		echo "  without the cache, over $(grep -c . "$hosts") login(s) of $hosts: $far s"
		same "that patch vs cold" cold.patch hosts.patch
	fi
done
