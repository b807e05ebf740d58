#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# budget: 900
# Golden tests of the semantic patches.
#
# tests/cocci/<name>/ holds the cases of cocci/<name>.cocci. A case is
#   <case>.c             input; <case>.res the expected output (no .res: the
#                        input must come out unchanged)
#   <case>/              a tree run as one unit; <file>.res beside each file
#                        that must change
#   <case>.report        optional: the expected report-mode lines
#   <case>.subdir        optional: the directory of the case tree passed as
#                        -M (the kernel's M=)
#   <case>.unparsed      optional: the files of the case that must NOT parse
#                        perfectly (the case is about what spatch skips)
#   <case>.spec          optional: spec file passed to the driver; without
#                        it, <name>/default.spec if there is one (the spec
#                        most cases of a conversion share)
# Each case is run through scripts/run-cocci.sh, as a user would run it.
# PASS/FAIL: cocci/<name>/<case>: every input parses perfectly (otherwise
# spatch skips functions silently and the case proves nothing), the patched
# tree equals the expected files byte for byte, a second run succeeds and
# changes nothing, and the report matches and is sorted.
# A case whose patch is not empty also has
#   .../context          context mode succeeds and shows a diff
#   .../org              org mode succeeds, has TODO lines sorted by file,
#                        line and column
# and a directory case
#   .../jobs             the patch with -j 2 is byte for byte the one of -j 1
#
# Usage: tests/cocci/run.sh [name...]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$top/tests/cocci
driver=$top/scripts/run-cocci.sh
suite=cocci
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"

# sorted_sites FILE - fail unless the file:line:col keys of FILE (one per
# line, tab-separated) are in order: by file, then line, then column
sorted_sites()
{
	LC_ALL=C sort -t "$(printf '\t')" -k1,1 -k2,2n -k3,3n -c "$1" 2>&1 | sed 's/^/    /'
	return "${PIPESTATUS[0]}"
}

# check_case NAME CASE OUTFILE - run one case; its result lines, each after
# the details of its failure, go to OUTFILE
check_case()
{
	local name=$1 case=$2 log=$3 src spec=() tmp f rel exp
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
	# a case run as with the kernel's M=
	[ -f "$src.subdir" ] && spec+=(-M "$(cat "$src.subdir")")
	: >"$log"

	# drive TREE OUT OPTION... - the driver on TREE; stdout to OUT, stderr
	# to OUT.err; on failure says so with the end of stderr
	drive()
	{
		local tree=$1 out=$2 a nc=(--no-cache)
		shift 2
		# no cache unless asked for: every other check must see spatch's
		# own records
		for a in "$@"; do
			[ "$a" != --cache ] || nc=()
		done
		"$driver" -q "${nc[@]}" "$@" "${spec[@]}" "$cocci" "$tree" >"$out" 2>"$out.err" && return 0
		echo "  the driver failed ($*${spec[*]:+ ${spec[*]}}):"
		tail -n 20 "$out.err" | sed 's/^/    /'
		return 1
	}
	# verdict TEST DETAILS - PASS, or FAIL after the details when there are
	# any (every failed check writes why)
	verdict()
	{
		local test=$name/$case${1:+/$1}
		if [ -s "$2" ]; then
			cat "$2"
			fail "$test"
		else
			pass "$test"
		fi >>"$log"
	}

	{
		# 1. every input parses perfectly, but the files <case>.unparsed
		# names: those must not (a case about uses spatch cannot see)
		local unparsed=''
		[ -f "$src.unparsed" ] && unparsed=$(sed 's|^|./|' "$src.unparsed")
		while IFS= read -r -d '' f; do
			local how=--parse-c out
			[[ $f == *.h ]] && how=--parse-h
			out=$(cd "$tmp/orig" && spatch "$how" "$f" 2>&1) || true
			if grep -qxF -- "$f" <<<"$unparsed"; then
				grep -qE 'NB total files = 1; perfect = 1;' <<<"$out" &&
					echo "  $f parses perfectly, but $case.unparsed says it must not"
			elif ! grep -qE 'NB total files = 1; perfect = 1;' <<<"$out"; then
				echo "  $f does not parse perfectly with spatch $how:"
				grep -E '^(BAD|bad|parse error)' <<<"$out" | head -n 10 | sed 's/^/    /' || true
			fi
		done < <(cd "$tmp/orig" && find . -type f \( -name '*.c' -o -name '*.h' \) -print0)

		# 2. the patched tree equals the expected files
		drive "$tmp/tree" "$tmp/patch" -j 1 -m patch --in-place || true
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
			fi
		done < <(cd "$tmp/orig" && find . -type f -print0)

		# 3. a second run succeeds and changes nothing (a crash prints no
		# patch either)
		if drive "$tmp/tree" "$tmp/again" -j 1 -m patch && [ -s "$tmp/again" ]; then
			echo "  not idempotent: a second run still changes:"
			head -n 20 "$tmp/again" | sed 's/^/    /' || true
		fi

		# 4. report mode on the original input: as expected, and sorted
		if [ -f "$here/$name/$case.report" ]; then
			drive "$tmp/orig" "$tmp/report" -j 1 -m report || true
			if ! cmp -s "$here/$name/$case.report" "$tmp/report"; then
				echo "  report differs (- expected, + got):"
				diff -u "$here/$name/$case.report" "$tmp/report" | tail -n +3 | sed 's/^/    /' || true
			fi
			sed 's/^\([^:]*\):\([0-9]*\):\([0-9]*\).*/\1\t\2\t\3/' "$tmp/report" >"$tmp/report.keys"
			sorted_sites "$tmp/report.keys" >"$tmp/sort" ||
				{ echo "  report lines not sorted by file, line, column:"; cat "$tmp/sort"; }
		fi
	} >"$tmp/golden" 2>&1
	verdict '' "$tmp/golden"

	if [ -s "$tmp/patch" ]; then
		# 5. context mode: what patch mode changes, as a diff
		if drive "$tmp/orig" "$tmp/context" -j 1 -m context; then
			grep -q '^@@ ' "$tmp/context" ||
				echo "  context mode shows no diff, though patch mode changes the case"
		fi >"$tmp/ctx" 2>&1
		verdict context "$tmp/ctx"

		# 6. org mode: TODO lines, sorted like the report
		if drive "$tmp/orig" "$tmp/org" -j 1 -m org; then
			if [ ! -s "$tmp/org" ]; then
				echo "  org mode prints nothing, though patch mode changes the case"
			elif grep -nv '^\* TODO \[\[view:.*::face=[^:]*::linb=[0-9]*::colb=[0-9]*::cole=[0-9]*\]\[.*\]\]$' \
				"$tmp/org" >"$tmp/bad"; then
				echo "  org lines not in the form '* TODO [[view:FILE::face=F::linb=L::colb=C::cole=E][MSG]]':"
				head -n 10 "$tmp/bad" | sed 's/^/    /'
			else
				sed 's/^\* TODO \[\[view:\(.*\)::face=[^:]*::linb=\([0-9]*\)::colb=\([0-9]*\)::.*/\1\t\2\t\3/' \
					"$tmp/org" >"$tmp/org.keys"
				sorted_sites "$tmp/org.keys" >"$tmp/sort" ||
					{ echo "  org lines not sorted by file, line, column:"; cat "$tmp/sort"; }
			fi
		fi >"$tmp/orgd" 2>&1
		verdict org "$tmp/orgd"
	fi

	# 7. a directory case: parallel batches give the same patch as one job,
	# and so does a run whose records all come from the cache that run filled
	if [ -d "$src" ]; then
		same_patch jobs "$tmp/j2" "the patch of -j 2 differs from the one of -j 1 (- -j 1, + -j 2)"
		same_patch cache "$tmp/warm" "the patch from the collect cache differs from the one without (- cold, + warm)"
	fi
}

# same_patch TEST OUT WHY - (in check_case) a -j 2 patch run over the
# original input, with the case's cache, must print $tmp/patch
same_patch()
{
	if drive "$tmp/orig" "$2" -j 2 -m patch --cache "$tmp/cache" && ! cmp -s "$tmp/patch" "$2"; then
		echo "  $3:"
		diff -u "$tmp/patch" "$2" | tail -n +3 | head -n 40 | sed 's/^/    /' || true
	fi >"$tmp/$1.diff" 2>&1
	verdict "$1" "$tmp/$1.diff"
}

if [ "${1:-}" = --case ]; then
	check_case "$2" "$3" "$4"
	exit 0
fi

need spatch coccinelle

names=("$@")
if [ "${#names[@]}" -eq 0 ]; then
	for d in "$here"/*/; do
		names+=("$(basename "$d")")
	done
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
: >"$work/heavy"
: >"$work/light"
for name in "${names[@]}"; do
	if [ ! -f "$top/cocci/$name.cocci" ]; then
		fail "$name" "tests/cocci/$name has no cocci/$name.cocci"
		continue
	fi
	for c in "$here/$name"/*.c "$here/$name"/*/; do
		[ -e "$c" ] || continue
		c=${c%/}
		c=${c##*/}
		c=${c%.c}
		n=$((n + 1))
		# cases that convert run more modes, directory cases one more
		# run: start them first so that no core idles at the end
		list=light
		if [ -d "$here/$name/$c" ] || [ -f "$here/$name/$c.res" ]; then
			list=heavy
		fi
		out=$work/$(printf '%05d' "$n")
		printf '%s\0%s\0%s\0' "$name" "$c" "$out" >>"$work/$list"
		printf '%s\t%s\t%s\n' "$out" "$name" "$c" >>"$work/index"
	done
done
cat "$work/heavy" "$work/light" |
	xargs -0 -r -n 3 -P "$(nproc 2>/dev/null || echo 1)" "$0" --case || true

# results in the order of the cases, whatever order they ran in
[ -f "$work/index" ] || exit "$rc"
while IFS=$'\t' read -r out name c; do
	if ! grep -qE '^(PASS|FAIL): ' "$out" 2>/dev/null; then
		cat "$out" 2>/dev/null || true
		fail "$name/$c" "the test itself stopped without a result"
		continue
	fi
	cat "$out"
	grep -q '^FAIL: ' "$out" && rc=1
done <"$work/index"
exit "$rc"
