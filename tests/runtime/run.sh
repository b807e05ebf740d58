#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# budget: 120
# Runtime test suite: unit tests of librefconv under ASan+UBSan+LSan, the
# debug trackers' reports, RC_CHK's sanitizer reports, and the concurrent
# parts under ThreadSanitizer. One PASS/FAIL/SKIP line per test.
#
# Usage: tests/runtime/run.sh   (from anywhere; builds in a temporary dir)
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
suite=runtime
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"
src=$top/tests/runtime
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT

CC=${CC:-gcc}
asan_flags=('-fsanitize=address,undefined' -fno-sanitize-recover=all -fno-omit-frame-pointer)
tsan_flags=(-fsanitize=thread)
cflags=(-std=gnu11 -Wall -Wextra -Werror -g -O1 -I"$top/include" -pthread)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export TSAN_OPTIONS=halt_on_error=1:exitcode=66
need "$CC" gcc
need make make

# build_lib NAME FLAGS... - librefconv.a built with FLAGS in $build/NAME
build_lib()
{
	local name=$1
	shift
	if make -s -C "$top/runtime" O="$build/$name" CC="$CC" \
		EXTRA_CFLAGS="-O1 $*" "$build/$name/librefconv.a" >"$build/$name.log" 2>&1; then
		pass "build/lib-$name"
	else
		sed 's/^/    /' "$build/$name.log"
		fail "build/lib-$name"
	fi
}

# build_test OUT LIB SOURCE FLAGS... - a test program linked with a runtime
# build; a program that does not build fails here and its tests are skipped
build_test()
{
	local out=$1 lib=$2 source=$3
	shift 3
	if "$CC" "${cflags[@]}" "$@" "$src/$source" "$build/$lib/librefconv.a" -lurcu-memb \
		-o "$build/$out" >"$build/$out.log" 2>&1; then
		pass "build/$out"
	else
		sed 's/^/    /' "$build/$out.log"
		fail "build/$out"
		printf '#!/bin/sh\nexit 0\n' >"$build/$out"	# lists no tests
		chmod +x "$build/$out"
	fi
}

# TSan needs a fixed memory layout; on kernels with a high mmap_rnd_bits it
# aborts with "unexpected memory mapping" unless ASLR is off for the child.
# shellcheck disable=SC2317 # called as run_all's RUNNER
tsan_run()
{
	if setarch "$(uname -m)" -R true 2>/dev/null; then
		setarch "$(uname -m)" -R "$@"
	else
		"$@"
	fi
}

# run_all PROG [RUNNER] - every test of a harness program, each in its own
# process; it passes if it exits 0 (sanitizers exit non-zero on a finding).
# Tests named bad_* misbehave on purpose: expect_report runs them.
run_all()
{
	local prog=$1 runner=${2:-} t
	for t in $("$build/$prog" --list | grep -v '^bad_'); do
		if $runner "$build/$prog" "$t" >"$build/out" 2>&1; then
			pass "$prog/$t"
		else
			sed 's/^/    /' "$build/out" | tail -n 30
			fail "$prog/$t"
		fi
	done
}

# expect_report PROG TEST STATUS PATTERN... - run one test that is meant to
# misbehave; it passes if the exit status is STATUS (0 or "nonzero") and
# stderr matches every extended regex PATTERN. "@SITE@" in a pattern is
# replaced by the file:line the test printed on stdout as "expect: file:line".
expect_report()
{
	local prog=$1 t=$2 want=$3 st=0 site pat
	shift 3
	"$build/$prog" "$t" >"$build/stdout" 2>"$build/stderr" || st=$?
	if [ "$want" = nonzero ] && [ "$st" -eq 0 ] || { [ "$want" != nonzero ] && [ "$st" -ne "$want" ]; }; then
		sed 's/^/    /' "$build/stderr" | tail -n 20
		echo "    exit status $st, expected $want"
		fail "$prog/$t"
		return
	fi
	# the site goes into a regex: escape its metacharacters
	# shellcheck disable=SC2016 # literal $ in the bracket expression
	site=$(sed -n 's/^expect: //p' "$build/stdout" | sed 's/[][\\.*^$(){}?+|]/\\&/g')
	for pat in "$@"; do
		pat=${pat//@SITE@/$site}
		if ! grep -Eq -- "$pat" "$build/stderr"; then
			sed 's/^/    /' "$build/stderr" | tail -n 20
			echo "    stderr does not match: $pat"
			fail "$prog/$t"
			return
		fi
	done
	pass "$prog/$t"
}

build_lib asan "${asan_flags[@]}"
build_lib tsan "${tsan_flags[@]}"
build_test unit asan unit.c "${asan_flags[@]}"
build_test unit_debug asan unit_debug.c "${asan_flags[@]}" -DREF_DEBUG -DREFTRACK_DEBUG
build_test rc_check asan rc_check.c "${asan_flags[@]}"
build_lib plain
build_test rc_check_off plain rc_check.c
build_test tsan_tests tsan tsan.c "${tsan_flags[@]}"

# The library itself: warnings are errors, both archive and shared object.
if make -s -C "$top/runtime" O="$build/lib" >"$build/lib.log" 2>&1 &&
	[ -f "$build/lib/librefconv.a" ] && [ -f "$build/lib/librefconv.so" ]; then
	pass "build/librefconv"
else
	cat "$build/lib.log"
	fail "build/librefconv"
fi

# make install honours DESTDIR and PREFIX; the pkg-config file works.
dest="$build/dest dir"
if make -s -C "$top/runtime" O="$build/lib" install DESTDIR="$dest" PREFIX=/opt/rc \
	>"$build/install.log" 2>&1 &&
	PKG_CONFIG_PATH="$dest/opt/rc/lib/pkgconfig" pkg-config --cflags --libs refconv \
		>"$build/pc" 2>&1 && grep -q -- '-lrefconv' "$build/pc" &&
	[ -f "$dest/opt/rc/include/refconv/ref_proxy.h" ] &&
	[ -L "$dest/opt/rc/lib/librefconv.so" ]; then
	pass "install/destdir"
else
	cat "$build/install.log" "$build/pc" 2>/dev/null || true
	fail "install/destdir"
fi

run_all unit
run_all unit_debug
run_all rc_check
run_all rc_check_off

expect_report unit_debug bad_ref_debug_leak 0 \
	'@SITE@: WARNING: ref_debug: leaked obj reference to 0x[0-9a-f]+ acquired here'
expect_report unit_debug bad_reftrack_debug_leak 0 \
	'@SITE@: WARNING: reftrack: leaked object 0x[0-9a-f]+ \(24 bytes, 0 reference\(s\)\) allocated here'
expect_report rc_check bad_missed_put nonzero 'LeakSanitizer: detected memory leaks' ' in map__get '
expect_report rc_check bad_double_put nonzero \
	'AddressSanitizer: (heap-use-after-free|attempting double-free)' ' in map__put '
expect_report rc_check bad_use_after_put nonzero 'AddressSanitizer: heap-use-after-free' \
	'freed by thread .*' ' in map__put '

run_all tsan_tests tsan_run

exit "$rc"
