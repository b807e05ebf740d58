#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# budget: 60
# Lint: every .cocci parses in each of its modes and carries the kernel's
# header convention; every shell script is shellcheck-clean; the python
# scripts and the Python embedded in the .cocci files are pyflakes-clean (no
# syntax error, no undefined name, no unused import).
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

# python: pyflakes over the scripts, and over the Python embedded in every
# .cocci (tests/lint/cocci_python.py extracts it as spatch runs it)
py=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null && "$p" -c 'import pyflakes' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	fail "python (pyflakes missing: apt-get install python3-pyflakes)"
else
	for p in scripts/*.py scripts/lib/*.py tests/lint/*.py; do
		[ -f "$p" ] || continue
		if out=$("$py" -m pyflakes "$p" 2>&1); then
			pass "python/$p"
		else
			printf '%s\n' "$out" | sed 's/^/  /'
			fail "python/$p"
		fi
	done
	for c in cocci/*.cocci; do
		[ -f "$c" ] || continue
		if out=$("$py" tests/lint/cocci_python.py "$c" 2>&1); then
			pass "python/$c"
		else
			# one line per problem: FAIL: lint/python cocci/X.cocci:LINE: ...
			while IFS= read -r l; do
				fail "python $l"
			done <<<"$out"
		fi
	done
fi
find scripts -name __pycache__ -type d -exec rm -rf {} +
exit "$rc"
