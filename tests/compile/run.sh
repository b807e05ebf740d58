#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# budget: 180
# Every golden output must compile: kernel cases as out-of-tree modules
# against Debian's linux-headers-amd64 (warnings are errors), userspace cases
# (no <linux/...> include) against include/ with -Wall -Wextra -Werror.
# A conversion that produces code the compiler rejects fails here.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
suite=compile
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"
# shellcheck source=tests/lib/kernel.sh
. "$top/tests/lib/kernel.sh"

kdir=$(kernel_build_dir 2>/dev/null) ||
	unavailable "no kernel headers: apt-get install linux-headers-amd64"
need cc gcc

# kbuild does not cope with spaces in paths: build in a fresh temp dir, with
# a copy of the project's headers (kernel outputs may use include/linux/)
b=$(mktemp -d /tmp/refconv-compile.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$b"' EXIT
cp -r "$top/include" "$b/refconv-include"
cases=() objs=() kinds=()
n=0

# output_of FILE - the expected output of an input file
output_of()
{
	if [ -f "$1.res" ]; then
		echo "$1.res"
	elif [ -f "${1%.c}.res" ] && [[ $1 == *.c ]]; then
		echo "${1%.c}.res"
	else
		echo "$1"
	fi
}

: >"$b/Kbuild"
for d in "$top"/tests/cocci/*/; do
	name=$(basename "$d")
	for c in "$d"*.c "$d"*/; do
		[ -e "$c" ] || continue
		n=$((n + 1))
		if [ -d "$c" ]; then
			case=$(basename "$c")
			dst=$b/d$n
			mkdir -p "$dst"
			while IFS= read -r -d '' f; do
				mkdir -p "$dst/$(dirname "$f")"
				cp "$(output_of "$c$f")" "$dst/$f"
			done < <(cd "$c" && find . -type f ! -name '*.res' -printf '%P\0')
		else
			case=$(basename "$c" .c)
			dst=$b/f$n
			mkdir -p "$dst"
			cp "$(output_of "$c")" "$dst/$case.c"
		fi
		list=$(cd "$dst" && find . -name '*.c' -printf '%P\n' | sort)
		cases+=("$name/$case")
		objs+=("$(sed "s|^|${dst##*/}/|; s|\\.c\$|.o|" <<<"$list" | tr '\n' ' ')")
		if (cd "$dst" && find . -name '*.c' -print0 | xargs -0 grep -l '#include <linux/' >/dev/null); then
			kinds+=(kernel)
			{
				echo "ccflags-y := -Werror -I$b/refconv-include"
				# shellcheck disable=SC2016 # $(src) is make's
				find "$dst" -type d -printf '%P\n' | sed 's|^|ccflags-y += -I$(src)/|; s|/$||'
				sed 's|\.c$|.o|; s|^|obj-m += |' <<<"$list"
			} >"$dst/Kbuild"
			echo "obj-m += ${dst##*/}/" >>"$b/Kbuild"
		else
			kinds+=(user)
		fi
	done
done

if grep -q obj-m "$b/Kbuild"; then
	make -k -j2 -C "$kdir" M="$b" modules >"$b/build.log" 2>&1 || true
fi

for i in "${!cases[@]}"; do
	ok=1
	if [ "${kinds[$i]}" = user ]; then
		for o in ${objs[$i]}; do
			src=$b/${o%.o}.c
			if ! cc -std=gnu11 -Wall -Wextra -Werror -I"$top/include" -I"$(dirname "$src")" \
				-c "$src" -o "$b/$o" >"$b/u.log" 2>&1; then
				sed 's/^/  /' "$b/u.log" | head -n 20
				ok=0
			fi
		done
	else
		for o in ${objs[$i]}; do
			if [ ! -f "$b/$o" ]; then
				grep -F "${o%.o}.c" "$b/build.log" | head -n 20 | sed 's/^/  /' || true
				ok=0
			fi
		done
	fi
	if [ "$ok" = 1 ]; then
		pass "${cases[$i]}" "${kinds[$i]}"
	else
		fail "${cases[$i]}" "${kinds[$i]}"
	fi
done
exit "$rc"
