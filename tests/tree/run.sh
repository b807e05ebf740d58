#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# budget: 180
# End to end on real kernel code, small enough for every "make check":
# fs/configfs and drivers/md of Debian's linux-source-6.1 go through collect
# -> decide -> apply; the configfs patch must apply, a second run must change
# nothing, the reports must be sorted and name what the 6.1 code is known to
# contain (configfs' two reference counts; drivers/md's countdown and its
# revivable count), and the per-subsystem series must apply in order and
# equal the single patch.
# The whole-tree run and the compile checks are "make bench-tree" and
# "make kernel-compile-check" (minutes, not for every run).
# shellcheck disable=SC2317 # test functions are called through check
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
drv=$top/scripts/run-cocci.sh
cocci=$top/cocci/refcount.cocci
src=/usr/src/linux-source-6.1.tar.xz
suite=tree
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"

[ -f "$src" ] || unavailable "no $src: apt-get install linux-source-6.1"
need spatch coccinelle

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
tar -C "$t" -xJf "$src" linux-source-6.1/drivers/md linux-source-6.1/fs/configfs \
	linux-source-6.1/MAINTAINERS
k=$t/linux-source-6.1

"$drv" -m patch -M fs/configfs "$cocci" "$k" >"$t/cfs.patch" 2>"$t/cfs.err"
"$drv" -q -m report -M fs/configfs "$cocci" "$k" >"$t/cfs.report"
"$drv" -m report -M drivers/md "$cocci" "$k" >"$t/md.report" 2>"$t/md.err"
cp -r "$k" "$t/orig"

applies()
{
	[ -s "$t/cfs.patch" ] && (cd "$k" && patch -p1 -s --dry-run <"$t/cfs.patch")
}
check tree patch_applies applies

summary_names_parse_failures()
{
	grep -q '^run-cocci.sh: summary: .* parse failures' "$t/md.err" &&
		grep -q '^  drivers/md/dm-io.c$' "$t/md.err"
}
check tree summary_names_parse_failures summary_names_parse_failures

report_sorted_and_known()
{
	LC_ALL=C sort -t: -k1,1 -k2,2n -k3,3n -c "$t/cfs.report" &&
		LC_ALL=C sort -t: -k1,1 -k2,2n -k3,3n -c "$t/md.report" &&
		grep -q 'WARNING: struct configfs_fragment.frag_count is a reference count: use refcount_t' "$t/cfs.report" &&
		grep -q 'WARNING: struct configfs_dirent.s_count is a reference count: use refcount_t' "$t/cfs.report" &&
		grep -q 'INFO: struct kcopyd_job.sub_jobs stays atomic_t: set to a value that is not a literal at drivers/md/dm-kcopyd.c:770' "$t/md.report" &&
		grep -q 'INFO: struct mddev.active stays atomic_t: released with atomic_dec_and_lock and incremented at drivers/md/md.c:649: an object kept at 0 under the lock and revived' "$t/md.report" &&
		! grep -q WARNING "$t/md.report"
}
check tree report_sorted_and_known report_sorted_and_known

second_run_empty()
{
	"$drv" -q -m patch -i -M fs/configfs "$cocci" "$k" >/dev/null &&
		[ -z "$("$drv" -q -m patch -M fs/configfs "$cocci" "$k")" ]
}
check tree second_run_empty second_run_empty

series_in_order()
{
	"$drv" -q -m patch --split-by maintainers -o "$t/series" -M fs/configfs "$cocci" "$t/orig"
	local p
	for p in "$t"/series/*.patch; do
		(cd "$t/orig" && patch -p1 -s <"$p")
	done
	diff -r "$k/fs/configfs" "$t/orig/fs/configfs"
}
check tree series_applies_in_order_and_equals_patch series_in_order

exit "$rc"
