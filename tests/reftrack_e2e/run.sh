#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# End-to-end tests of cocci/reftrack.cocci: each program under progs/ (a .c
# file, or a directory of .c/.h files) is built and run as it is, converted
# by the driver (scripts/run-cocci.sh -m patch --in-place on a copy), built
# against include/ and runtime/librefconv.a, and run again, both under
# AddressSanitizer (leak detection on) and UndefinedBehaviorSanitizer.
# A program passes when the conversion changed it, the converted program
# prints exactly what the original printed, both exit 0, and neither the
# sanitizers nor the reftrack runtime report anything on stderr.
#
# Usage: tests/e2e/run.sh [program...]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$top/tests/e2e
cc=${CC:-cc}
cflags=(-std=gnu11 -Wall -Wextra -Werror -g -O1 -fno-omit-frame-pointer
	-fsanitize=address -fsanitize=undefined
	-fno-sanitize-recover=undefined -I "$top/include")
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

if ! command -v spatch >/dev/null; then
	echo "SKIP: e2e (spatch missing: apt-get install coccinelle)"
	exit 0
fi
if ! make -s -C "$top/runtime" >/dev/null 2>"${TMPDIR:-/tmp}/refconv-e2e-make.$$"; then
	cat "${TMPDIR:-/tmp}/refconv-e2e-make.$$"
	rm -f "${TMPDIR:-/tmp}/refconv-e2e-make.$$"
	echo "FAIL: e2e (make -C runtime failed)"
	exit 1
fi
rm -f "${TMPDIR:-/tmp}/refconv-e2e-make.$$"
lib=$top/runtime/librefconv.a

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# build_run DIR NAME - build the .c files of DIR into NAME, run it; output
# in NAME.out, NAME.err, exit status in NAME.rc
build_run()
{
	local dir=$1 name=$2 srcs=()
	mapfile -d '' -t srcs < <(find "$dir" -name '*.c' -print0 | sort -z)
	if ! "$cc" "${cflags[@]}" -o "$work/$name" "${srcs[@]}" "$lib" -lurcu-memb -pthread \
		2>"$work/$name.cc"; then
		echo "  $name does not build:"
		sed 's/^/    /' "$work/$name.cc" | head -n 30
		return 1
	fi
	local rc=0
	(cd "$dir" && timeout 60 "$work/$name") >"$work/$name.out" 2>"$work/$name.err" || rc=$?
	echo "$rc" >"$work/$name.rc"
}

# check PROG - one program; prints PASS or FAIL with the reason first
check()
{
	local prog=$1 name src tree
	name=$(basename "${prog%.c}")
	tree=$work/$name.tree
	mkdir -p "$tree"
	if [ -d "$prog" ]; then
		cp -R "$prog/." "$tree/"
	else
		cp "$prog" "$tree/"
	fi
	src=$work/$name.orig
	cp -R "$tree" "$src"
	build_run "$src" "$name.before" || { echo "FAIL: e2e/$name"; return 1; }
	if [ "$(cat "$work/$name.before.rc")" != 0 ] || [ -s "$work/$name.before.err" ]; then
		echo "  the unconverted program fails (exit $(cat "$work/$name.before.rc")):"
		head -n 20 "$work/$name.before.err" | sed 's/^/    /'
		echo "FAIL: e2e/$name"
		return 1
	fi
	if ! "$top/scripts/run-cocci.sh" -q -j 1 -m patch --in-place \
		"$top/cocci/reftrack.cocci" "$tree" >"$work/$name.patch" 2>"$work/$name.drv"; then
		echo "  the driver failed:"
		sed 's/^/    /' "$work/$name.drv"
		echo "FAIL: e2e/$name"
		return 1
	fi
	if [ ! -s "$work/$name.patch" ]; then
		echo "  the conversion changed nothing"
		echo "FAIL: e2e/$name"
		return 1
	fi
	build_run "$tree" "$name.after" || {
		sed 's/^/    /' "$work/$name.patch" | head -n 60
		echo "FAIL: e2e/$name"
		return 1
	}
	local fail=0
	if [ "$(cat "$work/$name.after.rc")" != 0 ]; then
		echo "  the converted program exits $(cat "$work/$name.after.rc")"
		fail=1
	fi
	if [ -s "$work/$name.after.err" ]; then
		echo "  the converted program reports on stderr (sanitizer or reftrack runtime):"
		head -n 30 "$work/$name.after.err" | sed 's/^/    /'
		fail=1
	fi
	if ! cmp -s "$work/$name.before.out" "$work/$name.after.out"; then
		echo "  output differs (- unconverted, + converted):"
		diff -u "$work/$name.before.out" "$work/$name.after.out" | tail -n +3 | head -n 20 |
			sed 's/^/    /' || true
		fail=1
	fi
	if [ "$fail" = 1 ]; then
		echo "  the patch was:"
		sed 's/^/    /' "$work/$name.patch" | head -n 80
		echo "FAIL: e2e/$name"
		return 1
	fi
	echo "PASS: e2e/$name"
}

progs=()
if [ $# -gt 0 ]; then
	for p in "$@"; do
		progs+=("$here/progs/${p%.c}$([ -d "$here/progs/${p%.c}" ] || echo .c)")
	done
else
	for p in "$here"/progs/*; do
		progs+=("$p")
	done
fi
rc=0
for p in "${progs[@]}"; do
	check "$p" || rc=1
done
exit "$rc"
