#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run every test suite (tests/<suite>/run.sh) and print one closing line
# "N passed, N failed[, N skipped]".
#
# A suite prints "PASS: name", "FAIL: name" or "SKIP: name (why)" for each of its
# tests, anything else as diagnostics, and exits non-zero when something failed.
# A suite that exits non-zero without printing a FAIL line counts as one failure,
# so a crashing suite can never look green.
#
# Each run.sh declares its time budget in seconds on a "# budget: N" line
# (what it takes on two cores, with room to spare); a suite that runs longer
# gets a WARNING line, not a failure, so that a slow-down is seen before the
# suite becomes too slow to run.
#
# Usage: tests/check.sh [suite...]   (default: every suite, in alphabetical order)
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

suites=("$@")
if [ "${#suites[@]}" -eq 0 ]; then
	for s in tests/*/run.sh; do
		suites+=("$(basename "$(dirname "$s")")")
	done
fi

passed=0 failed=0 skipped=0
log=$(mktemp)
# the suites' runs share one collect cache that starts empty: a test never
# sees the user's cache, nor leaves its trees in it
XDG_CACHE_HOME=$(mktemp -d)
export XDG_CACHE_HOME
trap 'rm -rf "$log" "$XDG_CACHE_HOME"' EXIT

for s in "${suites[@]}"; do
	script=tests/$s/run.sh
	if [ ! -x "$script" ]; then
		echo "FAIL: $s (no executable $script)"
		failed=$((failed + 1))
		continue
	fi
	budget=$(sed -n 's/^# budget: \([0-9][0-9]*\)\( .*\)\{0,1\}$/\1/p' "$script" | head -n 1)
	echo "=== suite $s${budget:+ (budget $budget s)}"
	start=$SECONDS
	rc=0
	"$script" 2>&1 | tee "$log" || rc=$?
	p=$(grep -c '^PASS: ' "$log" || true)
	f=$(grep -c '^FAIL: ' "$log" || true)
	k=$(grep -c '^SKIP: ' "$log" || true)
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL: $s (suite exited $rc without naming a failed test)"
		f=1
	fi
	took=$((SECONDS - start)) of="no budget"
	[ -z "$budget" ] || of="budget $budget s"
	echo "=== suite $s: $p passed, $f failed, $k skipped ($took s, $of)"
	if [ -z "$budget" ]; then
		echo "WARNING: suite $s declares no '# budget: N' line in $script"
	elif [ "$took" -gt "$budget" ]; then
		echo "WARNING: suite $s took $took s, over its budget of $budget s"
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + k))
done

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
