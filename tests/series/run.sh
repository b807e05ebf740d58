#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# budget: 120
# A patch series over a tree of several subsystems (tests/series/tree, with
# its own MAINTAINERS) must be one a maintainer can send: split by
# MAINTAINERS and by directory, every patch applies in order and the tree
# builds after each one (a struct change travels with its users in other
# subsystems, a declaration comes before its users), the series equals the
# single patch, and the subjects name the conversion, not another one.
# shellcheck disable=SC2317 # test functions are called through check
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
drv=$top/scripts/run-cocci.sh
cocci=$top/cocci/ref_wrap.cocci
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
rc=0
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"

# builds DIR - every .c file of DIR compiles against refconv's headers
builds()
{
	local f
	while IFS= read -r -d '' f; do
		gcc -std=gnu11 -Wall -Wextra -Werror -fsyntax-only \
			-I "$top/include" -I "$1" "$f" || { echo "does not build: ${f#"$1"/}"; return 1; }
	done < <(find "$1" -name '*.c' -print0 | sort -z)
}

# series HOW - split by HOW; each patch applies and builds; the result is
# the single patch's
series()
{
	local how=$1 p n=0
	rm -rf "${t:?}/$how" && mkdir -p "$t/$how"
	cp -r "$top/tests/series/tree" "$t/$how/orig"
	cp -r "$t/$how/orig" "$t/$how/single"
	cp -r "$t/$how/orig" "$t/$how/step"
	builds "$t/$how/orig" || return 1
	# check runs this without errexit: every step says how it fails
	"$drv" -q -m patch --in-place "$cocci" "$t/$how/single" >/dev/null || return 1
	"$drv" -q -m patch --split-by "$how" -o "$t/$how/series" "$cocci" "$t/$how/orig" || return 1
	for p in "$t/$how/series"/*.patch; do
		n=$((n + 1))
		echo "$(basename "$p"): $(sed -n 's/^Subject: //p' "$p")"
		(cd "$t/$how/step" && patch -s -p1 --dry-run <"$p" >/dev/null &&
			patch -s -p1 <"$p" >/dev/null) || { echo "$p does not apply in order"; return 1; }
		builds "$t/$how/step" || { echo "the tree does not build after $(basename "$p")"; return 1; }
		grep -qE '^Subject: \[PATCH [0-9]+/[0-9]+\] [^ ]+: .*struct ([a-z0-9_]+_)?ref( |$)' "$p" ||
			{ echo "$(basename "$p"): the subject does not name the conversion"; return 1; }
		! grep -q 'refcount_t' "$p" || { echo "$(basename "$p") speaks of refcount_t"; return 1; }
	done
	[ "$n" -ge 3 ] || { echo "expected at least 3 patches (one per subsystem), got $n"; return 1; }
	diff -r "$t/$how/single" "$t/$how/step" || { echo "the series differs from the single patch"; return 1; }
}

by_maintainers()
{
	series maintainers
	# storage/cache.c reads session.owner: it travels with net/
	grep -l 'storage/cache.c' "$t/maintainers/series"/*.patch | grep -q 'session' ||
		{ echo "storage/cache.c is not in the session layer's patch"; return 1; }
	grep -q '^Subject: \[PATCH 1/3\] users:' "$t/maintainers/series"/0001-*.patch ||
		{ echo "the declaration's patch is not first"; return 1; }
}
check series split_by_maintainers_applies_and_builds by_maintainers

by_dir()
{
	series dir
}
check series split_by_dir_applies_and_builds by_dir

exit "$rc"
