#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# kernel-compile-check.sh - build kernel directories before and after a
# conversion and fail on any new warning or error.
#
# Usage: scripts/kernel-compile-check.sh [options] TREE DIR...
#
# TREE is an unpacked kernel source (e.g. Debian's linux-source-6.1). It is
# never modified: a copy of it made of hard links is prepared once in the
# build directory (Debian's config from linux-headers-amd64, make
# olddefconfig, make modules_prepare); the conversion replaces files there by
# rename, which leaves TREE's files untouched. For each DIR the copy is reset
# from TREE, "make M=DIR" runs, the conversion is applied to DIR
# (scripts/run-cocci.sh --in-place -M DIR), and "make M=DIR" runs again. The
# warnings and errors of both builds are compared without line numbers (the
# conversion may add a line).
set -euo pipefail

prog=${0##*/}
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cocci=$top/cocci/refcount.cocci
build=${TMPDIR:-/tmp}/refconv-kbuild
jobs=$(nproc 2>/dev/null || echo 1)

usage()
{
	cat <<EOF
Usage: $prog [options] TREE DIR...

  -c, --cocci FILE   the conversion (default: cocci/refcount.cocci)
  -b, --build DIR    where the prepared copy lives (default: $build)
  -j, --jobs N       make and spatch jobs (default: $jobs)
  -h, --help         this text
EOF
}

while [ $# -gt 0 ]; do
	case $1 in
	-c | --cocci) cocci=${2:?}; shift ;;
	-b | --build) build=${2:?}; shift ;;
	-j | --jobs) jobs=${2:?}; shift ;;
	-h | --help) usage; exit 0 ;;
	-*) usage >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
[ $# -ge 2 ] || { usage >&2; exit 2; }
tree=$(cd "$1" && pwd)
shift
if [ ! -f "$tree/Makefile" ] || [ ! -d "$tree/kernel" ]; then
	echo "$prog: $tree is not a kernel tree" >&2
	exit 2
fi
case $build in *' '*) echo "$prog: kbuild cannot use a build directory with spaces" >&2; exit 2 ;; esac

# shellcheck source=tests/lib/kernel.sh
. "$top/tests/lib/kernel.sh"
hdr=$(kernel_build_dir) || exit 2
src=$build/src

if [ ! -f "$build/prepared" ] || [ "$(cat "$build/prepared")" != "$tree" ]; then
	echo "$prog: preparing $src (once)" >&2
	rm -rf "$build"
	mkdir -p "$build"
	cp -al "$tree" "$src"
	cp "$hdr/.config" "$src/.config"
	# Debian signs modules with its own key, which this tree does not have
	sed -i -e 's/^CONFIG_MODULE_SIG_KEY=.*/CONFIG_MODULE_SIG_KEY=""/' \
		-e 's/^CONFIG_SYSTEM_TRUSTED_KEYS=.*/CONFIG_SYSTEM_TRUSTED_KEYS=""/' \
		-e 's/^CONFIG_MODULE_SIG_ALL=y/# CONFIG_MODULE_SIG_ALL is not set/' \
		-e 's/^CONFIG_DEBUG_INFO_BTF=y/# CONFIG_DEBUG_INFO_BTF is not set/' "$src/.config"
	make -s -C "$src" olddefconfig >"$build/prepare.log" 2>&1
	make -s -C "$src" -j"$jobs" modules_prepare >>"$build/prepare.log" 2>&1 ||
		{ tail -n 20 "$build/prepare.log" >&2; exit 1; }
	echo "$tree" >"$build/prepared"
fi

# diagnostics FILE - the warnings and errors of a build log, without line
# and column numbers, one per line, sorted
diagnostics()
{
	grep -E ': (warning|error): ' "$1" | sed -E 's/:[0-9]+:[0-9]+: /: /; s/:[0-9]+: /: /' |
		LC_ALL=C sort -u || true
}

build_dir()
{
	local d=$1 log=$2
	make -s -C "$src" M="$d" clean >/dev/null 2>&1 || true
	make -k -C "$src" -j"$jobs" M="$d" modules >"$log" 2>&1 || true
	find "$src/$d" -name '*.o' | wc -l
}

status=0
for d in "$@"; do
	d=${d%/}
	[ -d "$tree/$d" ] || { echo "$prog: $d is not a directory of $tree" >&2; status=1; continue; }
	rm -rf "${src:?}/$d"
	cp -al "$tree/$d" "$src/$d"
	t0=$SECONDS
	nb=$(build_dir "$d" "$build/before.log")
	"$top/scripts/run-cocci.sh" -q -j "$jobs" -m patch --in-place -M "$d" "$cocci" "$src" \
		>"$build/conv.patch"
	nfiles=$(grep -c '^+++ ' "$build/conv.patch" || true)
	na=$(build_dir "$d" "$build/after.log")
	diagnostics "$build/before.log" >"$build/before.diag"
	diagnostics "$build/after.log" >"$build/after.diag"
	new=$(comm -13 "$build/before.diag" "$build/after.diag")
	if [ -n "$new" ] || [ "$na" -lt "$nb" ]; then
		echo "FAIL: $d: $nfiles file(s) converted; objects $nb before, $na after; new diagnostics:"
		printf '%s\n' "$new" | sed 's/^/  /'
		status=1
	else
		echo "PASS: $d: $nfiles file(s) converted, $na objects built before and after, no new warning ($((SECONDS - t0)) s)"
	fi
	# leave the copy as TREE has it
	rm -rf "${src:?}/$d"
	cp -al "$tree/$d" "$src/$d"
done
exit "$status"
