#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# budget: 60
# End-to-end tests of cocci/reftrack.cocci: each program (a .c file, or a
# directory of .c/.h files: those under progs/, and the example and golden
# inputs that are whole programs, used where they are) is built and run as
# it is, converted
# by the driver (scripts/run-cocci.sh -m patch --in-place on a copy), built
# against include/ and runtime/librefconv.a, and run again, both under
# AddressSanitizer (leak detection on) and UndefinedBehaviorSanitizer.
# A program passes when the conversion changed it, the converted program
# prints exactly what the original printed, both exit 0, and neither the
# sanitizers nor the reftrack runtime report anything on stderr.
#
# Usage: tests/reftrack_e2e/run.sh [program...]   (names as in the PASS lines)
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
suite=reftrack_e2e
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"
here=$top/tests/reftrack_e2e
cc=${CC:-cc}
cflags=(-std=gnu11 -Wall -Wextra -Werror -g -O1 -fno-omit-frame-pointer
	-fsanitize=address -fsanitize=undefined
	-fno-sanitize-recover=undefined -I "$top/include")
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

need spatch coccinelle
need "$cc" gcc
need make make

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! make -s -C "$top/runtime" >/dev/null 2>"$work/make.log"; then
	sed 's/^/  /' "$work/make.log" | tail -n 20
	fail '' "make -C runtime failed"
	exit "$rc"
fi
lib=$top/runtime/librefconv.a

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

# check_prog PROG - one program; prints PASS or FAIL with the reason first
check_prog()
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
	build_run "$src" "$name.before" || { fail "$name"; return 1; }
	if [ "$(cat "$work/$name.before.rc")" != 0 ] || [ -s "$work/$name.before.err" ]; then
		echo "  the unconverted program fails (exit $(cat "$work/$name.before.rc")):"
		head -n 20 "$work/$name.before.err" | sed 's/^/    /'
		fail "$name"
		return 1
	fi
	if ! "$top/scripts/run-cocci.sh" -q -j 1 -m patch --in-place \
		"$top/cocci/reftrack.cocci" "$tree" >"$work/$name.patch" 2>"$work/$name.drv"; then
		echo "  the driver failed:"
		sed 's/^/    /' "$work/$name.drv"
		fail "$name"
		return 1
	fi
	if [ ! -s "$work/$name.patch" ]; then
		echo "  the conversion changed nothing"
		fail "$name"
		return 1
	fi
	build_run "$tree" "$name.after" || {
		sed 's/^/    /' "$work/$name.patch" | head -n 60
		fail "$name"
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
		fail "$name"
		return 1
	fi
	pass "$name"
}

# whole programs kept where they already are: the example, and a golden
# input that is a program of its own
progs=("$here"/progs/* "$top/examples/reftrack/stack.c" "$top/tests/cocci/reftrack/pos_hash.c")
if [ $# -gt 0 ]; then
	all=("${progs[@]}")
	progs=()
	for want in "$@"; do
		for p in "${all[@]}"; do
			[ "$(basename "${p%.c}")" = "${want%.c}" ] && progs+=("$p")
		done
	done
	[ "${#progs[@]}" -eq "$#" ] || { echo "unknown program in: $*" >&2; exit 2; }
fi
for p in "${progs[@]}"; do
	check_prog "$p" || true
done
exit "$rc"
