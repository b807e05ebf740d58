#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Lint: every .cocci parses in each of its modes and carries the kernel's
# header convention; every shell script is shellcheck-clean; the python
# helpers compile.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$top"
rc=0

pass() { echo "PASS: lint/$1"; }
fail()
{
	echo "FAIL: lint/$1"
	rc=1
}

for c in cocci/*.cocci; do
	[ -f "$c" ] || continue
	n=$(basename "$c" .cocci)
	problems=()
	head -n 1 "$c" | grep -q '^// SPDX-License-Identifier: ' || problems+=("no SPDX first line")
	grep -q '^/// ' "$c" || problems+=("no /// description")
	for h in Confidence Options Requires Keywords; do
		grep -q "^// $h:" "$c" || problems+=("no // $h: line")
	done
	for m in patch context org report; do
		grep -qE "^virtual[[:space:]]+$m\$" "$c" || problems+=("no virtual $m")
		out=$(spatch --parse-cocci "$c" -D "$m" 2>&1) ||
			problems+=("spatch --parse-cocci -D $m fails: $(tail -n 3 <<<"$out" | tr '\n' ' ')")
	done
	ls tests/cocci/"$n"/*.res >/dev/null 2>&1 || problems+=("no golden case that converts")
	neg=0
	for f in tests/cocci/"$n"/*.c; do
		[ -f "$f" ] && [ ! -f "${f%.c}.res" ] && neg=1
	done
	[ "$neg" = 1 ] || problems+=("no negative golden case (a .c without .res)")
	if [ "${#problems[@]}" -eq 0 ]; then
		pass "cocci/$n"
	else
		printf '  %s: %s\n' "$c" "${problems[@]}"
		fail "cocci/$n"
	fi
done

mapfile -t shells < <(
	{
		find scripts tests .ci -type f -name '*.sh' 2>/dev/null
		[ -f .ci/run ] && echo .ci/run
	} | sort -u
)
for s in "${shells[@]}"; do
	if out=$(shellcheck -x "$s" 2>&1); then
		pass "shellcheck/$s"
	else
		printf '%s\n' "$out" | head -n 20
		fail "shellcheck/$s"
	fi
done

for p in scripts/*.py; do
	[ -f "$p" ] || continue
	if python3 -m py_compile "$p" 2>/dev/null; then
		pass "python/$p"
	else
		fail "python/$p"
	fi
done
find scripts -name __pycache__ -type d -exec rm -rf {} +
exit "$rc"
