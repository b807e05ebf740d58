#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# budget: 240
# cocci/reftrack.cocci against the reftrack GCC plugin it replaces, on the
# plugin's own test programs (repository acbits/reftrack-plugin). Nothing of
# that repository is part of refconv: point PLUGIN_DIR at a checkout whose
# reftrack.so is built; without it the suite is skipped (CI cannot build
# fetched code).
#
# For each program of PLUGIN_DIR/testcases (its Makefile's TARGETS):
#  - the reference: built with the plugin as that Makefile builds it, run;
#  - the conversion: the program (and the local headers it includes) copied
#    into a tree of its own, converted by the driver (patch mode, in place),
#    built against include/ and librefconv WITHOUT the plugin under
#    ASan+UBSan+LSan, run.
# PASS when the converted program exits 0 and prints the reference's lines,
# with pointer values masked and the runtimes' own lines ("reftrack: ..."
# debug/trace lines, the "#alloc=" statistics) left out of both, and its
# stderr has no sanitizer report other than a leak the plugin-built program
# has as well (that one is built a second time, with the plugin and LSan).
#
# Usage: PLUGIN_DIR=DIR tests/reftrack_plugin/run.sh [program...]
#        KEEP=DIR keeps every tree, patch and output in DIR
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
suite=reftrack_plugin
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"

if [ -z "${PLUGIN_DIR:-}" ]; then
	skip '' "PLUGIN_DIR not given"
	exit 0
fi
plugin=$(cd "$PLUGIN_DIR" && pwd)
tc=$plugin/testcases
[ -f "$plugin/reftrack.so" ] || { fail '' "no reftrack.so in PLUGIN_DIR (build the plugin first)"; exit 1; }
[ -f "$tc/Makefile" ] || { fail '' "no testcases/Makefile in PLUGIN_DIR"; exit 1; }

cc=${CC:-gcc}
need spatch coccinelle
need "$cc" gcc
need make make

# the plugin's own flags, as testcases/Makefile sets them
pflags=(-Wall -O3 -I "$plugin" -fplugin="$plugin/reftrack.so"
	-fplugin-arg-reftrack-log_level=5
	-fplugin-arg-reftrack-alloc=reftrack_alloc
	-fplugin-arg-reftrack-free=reftrack_free
	-fplugin-arg-reftrack-addref=reftrack_addref
	-fplugin-arg-reftrack-removeref=reftrack_removeref
	-fplugin-arg-reftrack-replace)
san=(-g -O1 -fno-omit-frame-pointer -fsanitize=address -fsanitize=undefined
	-fno-sanitize-recover=undefined)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

if [ -n "${KEEP:-}" ]; then
	mkdir -p "$KEEP"
	work=$(cd "$KEEP" && pwd)
else
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
fi
if ! make -s -C "$top/runtime" >/dev/null 2>"$work/make.log"; then
	tail -n 20 "$work/make.log" | sed 's/^/  /'
	fail '' "make -C runtime failed"
	exit "$rc"
fi
lib=$top/runtime/librefconv.a

# the programs and their sources: TARGETS of the Makefile, a target with a
# rule of its own (multifile) built from that rule's prerequisites
mapfile -t targets < <(make -s -C "$tc" -pn help 2>/dev/null |
	sed -n 's/^TARGETS := //p' | head -n 1 | tr -s ' \t' '\n' | sed '/^$/d')
[ "${#targets[@]}" -gt 0 ] || { fail '' "no TARGETS in testcases/Makefile"; exit 1; }
if [ $# -gt 0 ]; then
	targets=("$@")
fi

# sources T - the .c files of target T, one a line
sources()
{
	local deps
	deps=$(sed -n "s/^$1:\(.*\)/\1/p" "$tc/Makefile" | head -n 1)
	if [ -n "$deps" ]; then
		for o in $deps; do
			echo "${o%.o}.c"
		done
	else
		echo "$1.c"
	fi
}

# headers FILE... - the local headers the files include, the plugin's own
# heap headers excepted (the conversion replaces them)
headers()
{
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$@" |
		sort -u | grep -v -x -e hrcmm.h -e lkrcmm.h -e reftrack.h || true
}

# filter - the program's own lines: no runtime lines, pointers masked
filter()
{
	grep -v -e '^reftrack:' -e '^#alloc=' |
		sed -E 's/(0x)+[0-9a-fA-F]+/PTR/g; s/\(nil\)/PTR/g' || true
}

# leaks FILE - the number of LeakSanitizer reports in FILE
leaks() { grep -c 'ERROR: LeakSanitizer' "$1" || true; }

# sanitized FILE - true when FILE holds a sanitizer report
sanitized() { grep -q -E '^(=+[0-9]+=+)?ERROR: |runtime error:|^SUMMARY: ' "$1"; }

npass=0
for t in "${targets[@]}"; do
	d=$work/$t
	rm -rf "$d"
	mkdir -p "$d/tree" "$d/plugin"
	mapfile -t srcs < <(sources "$t")
	for s in "${srcs[@]}"; do
		cp "$tc/$s" "$d/tree/"
	done
	(cd "$tc" && headers "${srcs[@]}") | while read -r h; do
		cp "$tc/$h" "$d/tree/"
	done

	# the reference, and the plugin-built program under LSan for its leaks
	(cd "$tc" && "$cc" "${pflags[@]}" -o "$d/plugin/$t" "${srcs[@]}") 2>"$d/plugin/cc.log" ||
		{ fail "$t" "the plugin does not build it"; continue; }
	(cd "$tc" && "$cc" "${pflags[@]}" "${san[@]}" -o "$d/plugin/$t.san" "${srcs[@]}") \
		2>>"$d/plugin/cc.log" || true
	(cd "$d/plugin" && timeout 60 "./$t") >"$d/plugin/out" 2>"$d/plugin/err" ||
		{ fail "$t" "the plugin-built program fails"; continue; }
	plugin_leaks=0
	if [ -x "$d/plugin/$t.san" ]; then
		(cd "$d/plugin" && timeout 60 "./$t.san") >/dev/null 2>"$d/plugin/san.err" || true
		plugin_leaks=$(leaks "$d/plugin/san.err")
	fi

	# the conversion, built without the plugin
	if ! "$top/scripts/run-cocci.sh" -q -j 1 -m patch --in-place --no-cache \
		"$top/cocci/reftrack.cocci" "$d/tree" >"$d/patch" 2>"$d/driver.log"; then
		fail "$t" "the driver failed: $(tail -n 1 "$d/driver.log")"
		continue
	fi
	if [ ! -s "$d/patch" ]; then
		fail "$t" "not converted: $(grep -m 1 . "$d/driver.log" || echo "no patch")"
		continue
	fi
	(cd "$d/tree" && "$cc" -std=gnu11 -Wall -Wextra -I "$top/include" "${san[@]}" \
		-o "$d/conv" "${srcs[@]}" "$lib" -lurcu-memb -pthread) 2>"$d/cc.log" ||
		{ fail "$t" "the converted program does not build: $(grep -m 1 'error' "$d/cc.log" || true)"; continue; }
	crc=0
	(cd "$d/tree" && timeout 60 ../conv) >"$d/out" 2>"$d/err" || crc=$?

	filter <"$d/plugin/out" >"$d/plugin/lines"
	filter <"$d/out" >"$d/lines"
	why=
	if ! cmp -s "$d/plugin/lines" "$d/lines"; then
		why="output differs: $(diff "$d/plugin/lines" "$d/lines" | grep -m 1 '^[<>]' || true)"
	elif sanitized "$d/err"; then
		conv_leaks=$(leaks "$d/err")
		if [ "$conv_leaks" -gt 0 ] && [ "$plugin_leaks" -gt 0 ] &&
			! grep -v -e LeakSanitizer "$d/err" | grep -q -E 'ERROR: AddressSanitizer|runtime error:'; then
			why=
		else
			why="sanitizer: $(grep -m 1 -E 'ERROR: |runtime error:' "$d/err" || true)"
		fi
	elif [ "$crc" != 0 ]; then
		why="exits $crc"
	fi
	if [ -n "$why" ]; then
		fail "$t" "$why"
	else
		npass=$((npass + 1))
		pass "$t"
	fi
done
echo "$npass of ${#targets[@]} programs print what the plugin-built program prints"
exit "$rc"
