#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Golden tests of the semantic patches.
#
# tests/cocci/<name>/ holds the cases of cocci/<name>.cocci. A case is
#   <case>.c             input; <case>.res the expected output (no .res: the
#                        input must come out unchanged)
#   <case>/              a tree run as one unit; <file>.res beside each file
#                        that must change
#   <case>.report        optional: the expected report-mode lines
#   <case>.spec          optional: spec file passed to the driver; without
#                        it, <name>/default.spec if there is one (the spec
#                        most cases of a conversion share)
# Each case is run through scripts/run-cocci.sh, as a user would run it, and
# checks: every input parses perfectly (otherwise spatch skips functions
# silently and the case proves nothing), the patched tree equals the
# expected files byte for byte, a second run changes nothing, and the report
# matches.
#
# Usage: tests/cocci/run.sh [name...]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$top/tests/cocci
driver=$top/scripts/run-cocci.sh

# check_case NAME CASE OUTFILE - run one case, write PASS/FAIL and details
check_case()
{
	local name=$1 case=$2 log=$3 src spec=() tmp f rel exp fail=0
	local cocci=$top/cocci/$name.cocci
	src=$here/$name/$case
	tmp=$(mktemp -d)
	# shellcheck disable=SC2064 # expand now: tmp is local
	trap "rm -rf '$tmp'" RETURN
	mkdir -p "$tmp/tree" "$tmp/orig"
	if [ -d "$src" ]; then
		(cd "$src" && find . -type f ! -name '*.res' -print0 |
			xargs -0 -r cp --parents -t "$tmp/tree")
	else
		cp "$src.c" "$tmp/tree/$case.c"
	fi
	cp -a "$tmp/tree/." "$tmp/orig/"
	if [ -f "$here/$name/$case.spec" ]; then
		spec=(--spec "$here/$name/$case.spec")
	elif [ -f "$here/$name/default.spec" ]; then
		spec=(--spec "$here/$name/default.spec")
	fi

	{
		# 1. every input parses perfectly
		while IFS= read -r -d '' f; do
			local how=--parse-c out
			[[ $f == *.h ]] && how=--parse-h
			out=$(cd "$tmp/orig" && spatch "$how" "$f" 2>&1) || true
			if ! grep -qE 'NB total files = 1; perfect = 1;' <<<"$out"; then
				echo "  $f does not parse perfectly with spatch $how:"
				grep -E '^(BAD|bad|parse error)' <<<"$out" | head -n 10 | sed 's/^/    /' || true
				fail=1
			fi
		done < <(cd "$tmp/orig" && find . -type f \( -name '*.c' -o -name '*.h' \) -print0)

		# 2. the patched tree equals the expected files
		if ! "$driver" -q -j 1 -m patch --in-place "${spec[@]}" "$cocci" "$tmp/tree" \
			>"$tmp/patch" 2>"$tmp/err"; then
			echo "  the driver failed:"
			sed 's/^/    /' "$tmp/err"
			fail=1
		fi
		while IFS= read -r -d '' f; do
			rel=${f#./}
			if [ -d "$src" ]; then
				exp=$src/$rel.res
			else
				exp=$here/$name/$case.res
			fi
			[ -f "$exp" ] || exp=$tmp/orig/$rel
			if ! cmp -s "$exp" "$tmp/tree/$rel"; then
				echo "  $rel differs from ${exp#"$top"/} (- expected, + got):"
				diff -u "$exp" "$tmp/tree/$rel" | tail -n +3 | head -n 40 | sed 's/^/    /' || true
				fail=1
			fi
		done < <(cd "$tmp/orig" && find . -type f -print0)

		# 3. a second run changes nothing
		if "$driver" -q -j 1 -m patch "${spec[@]}" "$cocci" "$tmp/tree" >"$tmp/again" &&
			[ -s "$tmp/again" ]; then
			echo "  not idempotent: a second run still changes:"
			head -n 20 "$tmp/again" | sed 's/^/    /' || true
			fail=1
		fi

		# 4. report mode on the original input
		if [ -f "$here/$name/$case.report" ]; then
			"$driver" -q -j 1 -m report "${spec[@]}" "$cocci" "$tmp/orig" >"$tmp/report" 2>&1 || true
			if ! cmp -s "$here/$name/$case.report" "$tmp/report"; then
				echo "  report differs (- expected, + got):"
				diff -u "$here/$name/$case.report" "$tmp/report" | tail -n +3 | sed 's/^/    /' || true
				fail=1
			fi
		fi
	} >"$log.detail" 2>&1

	if [ "$fail" = 0 ]; then
		echo "PASS: cocci/$name/$case" >"$log"
	else
		cat "$log.detail" >"$log"
		echo "FAIL: cocci/$name/$case" >>"$log"
	fi
	rm -f "$log.detail"
}

if [ "${1:-}" = --case ]; then
	check_case "$2" "$3" "$4"
	exit 0
fi

command -v spatch >/dev/null || { echo "FAIL: cocci (spatch missing: apt-get install coccinelle)"; exit 1; }

names=("$@")
if [ "${#names[@]}" -eq 0 ]; then
	for d in "$here"/*/; do
		names+=("$(basename "$d")")
	done
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rc=0
n=0
for name in "${names[@]}"; do
	if [ ! -f "$top/cocci/$name.cocci" ]; then
		echo "FAIL: cocci/$name (tests/cocci/$name has no cocci/$name.cocci)"
		rc=1
		continue
	fi
	for c in "$here/$name"/*.c "$here/$name"/*/; do
		[ -e "$c" ] || continue
		c=${c%/}
		c=${c##*/}
		c=${c%.c}
		n=$((n + 1))
		printf '%s\0%s\0%s\0' "$name" "$c" "$work/$(printf '%05d' "$n")" >>"$work/list"
	done
done
[ -f "$work/list" ] && xargs -0 -r -n 3 -P "$(nproc 2>/dev/null || echo 1)" "$0" --case <"$work/list"
rm -f "$work/list"

for f in "$work"/*; do
	[ -f "$f" ] || continue
	cat "$f"
	grep -q '^FAIL: ' "$f" && rc=1
done
exit "$rc"
