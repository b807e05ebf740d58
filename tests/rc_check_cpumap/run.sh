#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# budget: 60
# cocci/rc_check.cocci end to end on a model of libperf's cpu map (Linux 6.1,
# before perf's own RC_CHK): the map of the golden case
# tests/cocci/rc_check/pos_cpumap/ and the driver program main.c here are
# converted with the driver, built with the runtime under AddressSanitizer (reference count
# checking on) and run once clean and once per injected mistake. Each
# mistake must be reported by the sanitizer at the right place:
#   missed_put     a leak whose allocation stack is the get
#   double_put     the second put touches what the first put freed
#   use_after_put  a use after free in the read after the put
# and the clean run must be silent and print what the unconverted program
# prints (also with checking off). The same is done once more with the
# spec's accessors option (PASS: rc_check_cpumap/accessors/...). The unconverted build is run on the same
# mistakes to show what the checker adds: it misses the use after put and
# blames no get for the leak.
#
# Usage: tests/rc_check_cpumap/run.sh   (from anywhere; builds in a temp dir)
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
suite=rc_check_cpumap
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"
here=$top/tests/rc_check_cpumap
map=$top/tests/cocci/rc_check/pos_cpumap
b=$(mktemp -d)
trap 'rm -rf "$b"' EXIT

CC=${CC:-gcc}
san=(-fsanitize=address -fno-omit-frame-pointer)
cflags=(-std=gnu11 -Wall -Wextra -Werror -g -O0 -I"$top/include" -pthread)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
need spatch coccinelle
need "$CC" gcc
need make make

# 1. the conversion, as a user runs it
mkdir "$b/src"
cp "$map/cpumap.c" "$map/cpumap.h" "$here/main.c" "$b/src/"
cp -r "$b/src" "$b/conv"
if ! "$top/scripts/run-cocci.sh" -q -j 1 -m patch --in-place --spec "$top/tests/cocci/rc_check/pos_cpumap.spec" \
	"$top/cocci/rc_check.cocci" "$b/conv" >"$b/patch" 2>"$b/err"; then
	sed 's/^/  /' "$b/err"
	fail convert
else
	# what must have changed, and what must be gone
	missing=()
	grep -q '^DECLARE_RC_STRUCT(perf_cpu_map) {' "$b/conv/cpumap.h" || missing+=("DECLARE_RC_STRUCT in cpumap.h")
	for m in 'ADD_RC_CHK(cpus,' 'return RC_CHK_GET(result, map);' 'RC_CHK_PUT(map);' \
		'RC_CHK_FREE(map);' 'RC_CHK_EQUAL(a, b)' 'RC_CHK_ACCESS(cpus)->nr'; do
		grep -qF -- "$m" "$b/conv/cpumap.c" || missing+=("'$m' in cpumap.c")
	done
	grep -qF 'RC_CHK_EQUAL(merged, a)' "$b/conv/main.c" || missing+=("RC_CHK_EQUAL in main.c")
	if grep -nE '(cpus|map|orig|other|[ab])->(nr|map|refcnt)' "$b/conv/cpumap.c" "$b/conv/main.c"; then
		missing+=("no unchecked field access left (lines above)")
	fi
	if [ "${#missing[@]}" -eq 0 ]; then
		pass convert
	else
		printf '  missing after conversion: %s\n' "${missing[@]}"
		fail convert
	fi
fi
if "$top/scripts/run-cocci.sh" -q -j 1 -m patch --spec "$top/tests/cocci/rc_check/pos_cpumap.spec" \
	"$top/cocci/rc_check.cocci" "$b/conv" >"$b/again" 2>&1 && [ ! -s "$b/again" ]; then
	pass idempotent
else
	echo "  a second run still changes (or fails):"
	head -n 20 "$b/again" | sed 's/^/  /'
	fail idempotent
fi

# 2. builds: converted with checking (ASan), converted without, original
# (ASan); the runtime is built once with ASan and once plainly
if ! make -s -j2 -C "$top/runtime" O="$b/lib" CC="$CC" EXTRA_CFLAGS="-O1 ${san[*]}" \
	"$b/lib/librefconv.a" >"$b/lib.log" 2>&1; then
	sed 's/^/  /' "$b/lib.log" | tail -n 20
	fail build
	exit "$rc"
fi
if ! make -s -j2 -C "$top/runtime" O="$b/plainlib" CC="$CC" "$b/plainlib/librefconv.a" \
	>"$b/plainlib.log" 2>&1; then
	sed 's/^/  /' "$b/plainlib.log" | tail -n 20
	fail build
	exit "$rc"
fi
# build OUT DIR LIB FLAGS... - the program in DIR linked with a runtime build
build()
{
	local out=$1 dir=$2 lib=$3
	shift 3
	"$CC" "${cflags[@]}" "$@" "$dir/cpumap.c" "$dir/main.c" "$b/$lib/librefconv.a" \
		-lurcu-memb -o "$b/$out" >"$b/$out.log" 2>&1
}
if build checked "$b/conv" lib "${san[@]}" && build unchecked "$b/conv" plainlib &&
	build orig "$b/src" lib "${san[@]}"; then
	pass build
else
	cat "$b"/*.log | sed 's/^/  /' | head -n 30
	fail build
	exit "$rc"
fi

# run PROG MODE - exit status to $b/PROG.MODE.rc, output beside it
run()
{
	local st=0
	"$b/$1" "$2" >"$b/$1.$2.out" 2>"$b/$1.$2.err" || st=$?
	echo "$st" >"$b/$1.$2.rc"
}
for p in checked unchecked orig; do
	for m in clean missed_put double_put use_after_put; do
		run "$p" "$m"
	done
done

# expect NAME PROG MODE PATTERN... - PROG MODE failed and its stderr
# matches every extended regular expression
expect()
{
	local name=$1 p=$2 m=$3 pat
	shift 3
	if [ "$(cat "$b/$p.$m.rc")" = 0 ]; then
		echo "  $p $m exited 0; sanitizer output expected"
		fail "$name"
		return
	fi
	for pat in "$@"; do
		if ! grep -Eq -- "$pat" "$b/$p.$m.err"; then
			sed 's/^/    /' "$b/$p.$m.err" | head -n 40
			echo "  $p $m: stderr does not match: $pat"
			fail "$name"
			return
		fi
	done
	pass "$name"
}

# the clean run: silent, same output as the original, also without checking
if [ "$(cat "$b/checked.clean.rc")" = 0 ] && [ ! -s "$b/checked.clean.err" ] &&
	cmp -s "$b/orig.clean.out" "$b/checked.clean.out" &&
	cmp -s "$b/orig.clean.out" "$b/unchecked.clean.out" &&
	[ "$(cat "$b/unchecked.clean.rc")" = 0 ] && grep -q '^a+b: 0 1 2 3 4 (nr 5)$' "$b/orig.clean.out"; then
	pass clean
else
	for p in orig checked unchecked; do
		echo "  $p clean: exit $(cat "$b/$p.clean.rc")"
		sed 's/^/    /' "$b/$p.clean.out" "$b/$p.clean.err" | head -n 20
	done
	fail clean
fi

# the line of DIR/main.c where the mistake happens
line_of()
{
	grep -n -A3 "mode, \"$2\"" "$1/main.c" | grep -E "$3" | tail -n 1 | sed 's/-.*//'
}
# mistakes PREFIX PROG DIR - the three mistakes of PROG, built from DIR
mistakes()
{
	local pre=$1 p=$2 dir=$3 dp up
	dp=$(line_of "$dir" double_put 'perf_cpu_map__put\(held\)')
	up=$(line_of "$dir" use_after_put 'perf_cpu_map__nr\(held\)')
	expect "${pre}missed_put" "$p" missed_put 'LeakSanitizer: detected memory leaks' \
		'#[0-9]+ 0x[0-9a-f]+ in perf_cpu_map__get .*cpumap\.c'
	expect "${pre}double_put" "$p" double_put \
		'AddressSanitizer: (attempting double-free|heap-use-after-free)' \
		"#[0-9]+ 0x[0-9a-f]+ in main .*main\\.c:$dp" \
		'freed by thread' '#[0-9]+ 0x[0-9a-f]+ in perf_cpu_map__put .*cpumap\.c' \
		"#[0-9]+ 0x[0-9a-f]+ in main .*main\\.c:$((dp - 1))"
	expect "${pre}use_after_put" "$p" use_after_put 'AddressSanitizer: heap-use-after-free' \
		'#[0-9]+ 0x[0-9a-f]+ in perf_cpu_map__nr .*cpumap\.c' \
		"#[0-9]+ 0x[0-9a-f]+ in main .*main\\.c:$up"
}
mistakes '' checked "$b/conv"

# what the original program shows for the same mistakes: no get named in
# the leak, and the use after put goes unnoticed (the map is still alive)
if grep -q 'LeakSanitizer' "$b/orig.missed_put.err" &&
	! grep -q 'in perf_cpu_map__get' "$b/orig.missed_put.err" &&
	[ "$(cat "$b/orig.use_after_put.rc")" = 0 ] && [ ! -s "$b/orig.use_after_put.err" ]; then
	pass unchecked-misses
else
	echo "  the original program was expected to blame no get and to miss the use after put"
	sed 's/^/    /' "$b/orig.missed_put.err" "$b/orig.use_after_put.err" | head -n 30
	fail unchecked-misses
fi
# 3. the same with "rc_check perf_cpu_map accessors": main.c reads nr
# through the existing perf_cpu_map__nr(), nothing is defined twice, and
# the checker still catches every mistake
echo 'rc_check perf_cpu_map accessors' >"$b/acc.spec"
cp -r "$b/src" "$b/acc"
if ! "$top/scripts/run-cocci.sh" -q -j 1 -m patch --in-place --spec "$b/acc.spec" \
	"$top/cocci/rc_check.cocci" "$b/acc" >"$b/acc.patch" 2>"$b/acc.err"; then
	sed 's/^/  /' "$b/acc.err"
	fail accessors/convert
elif grep -qF 'perf_cpu_map__nr(map))' "$b/acc/main.c" &&
	! grep -nE '(map|held)->nr' "$b/acc/main.c" &&
	[ "$(grep -c 'perf_cpu_map__nr(' "$b/acc/cpumap.h")" = 1 ] &&
	grep -qF 'RC_CHK_ACCESS(cpus)->nr' "$b/acc/cpumap.c" &&
	"$top/scripts/run-cocci.sh" -q -j 1 -m patch --spec "$b/acc.spec" \
		"$top/cocci/rc_check.cocci" "$b/acc" >"$b/acc.again" 2>&1 && [ ! -s "$b/acc.again" ]; then
	pass accessors/convert
else
	echo "  main.c should call perf_cpu_map__nr(map), cpumap.h declare it once," \
		"cpumap.c keep RC_CHK_ACCESS(), a second run change nothing:"
	head -n 20 "$b/acc.again" | sed 's/^/  /'
	fail accessors/convert
fi
if build accessors "$b/acc" lib "${san[@]}"; then
	for m in clean missed_put double_put use_after_put; do
		run accessors "$m"
	done
	if [ "$(cat "$b/accessors.clean.rc")" = 0 ] && [ ! -s "$b/accessors.clean.err" ] &&
		cmp -s "$b/orig.clean.out" "$b/accessors.clean.out"; then
		pass accessors/clean
	else
		sed 's/^/    /' "$b/accessors.clean.out" "$b/accessors.clean.err" | head -n 20
		fail accessors/clean
	fi
	mistakes accessors/ accessors "$b/acc"
else
	sed 's/^/  /' "$b/accessors.log" | head -n 30
	fail accessors/build
fi
exit "$rc"
