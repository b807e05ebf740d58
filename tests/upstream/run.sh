#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# budget: 150
# The upstream recall benchmark (bench/upstream.sh) on a small part of
# Debian's linux-source-6.1, as a ratchet: fs/configfs, drivers/md and a few
# kernel/ files whose refcount_t the kernel developers wrote by hand are
# turned back into atomic_t, refconv's refcount conversion runs on them, and
# the figures must stay exactly these (a change either way is a decision:
# update them here and in bench/RESULTS.md). The whole tree is
# "make bench-upstream TREE=..." (minutes, not for every run).
# shellcheck disable=SC2317 # test functions are called through check
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
src=/usr/src/linux-source-6.1.tar.xz
suite=upstream
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"

[ -f "$src" ] || unavailable "no $src: apt-get install linux-source-6.1"
need spatch coccinelle

# the fields, by kind: recovered, kept by one of refconv's blocking rules
# although eligible, not eligible (a call outside the table, a lifecycle
# rule), and converted although upstream kept them atomic_t
parts=(fs/configfs drivers/md include/linux/refcount.h kernel/audit_tree.c
	kernel/audit_watch.c kernel/kcov.c kernel/seccomp.c kernel/trace/trace_events_user.c)

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
tar -C "$t" -xJf "$src" "${parts[@]/#/linux-source-6.1/}"
"$top/bench/upstream.sh" -j 1 -o "$t/out" "$t/linux-source-6.1" >"$t/score" 2>"$t/err" ||
	{ tail -n 5 "$t/err"; fail run; exit "$rc"; }

# lines LABEL - the field names of the score's "upstream: LABEL: F" lines
lines()
{
	sed -n "s/^upstream: $1: //p" "$t/score" | LC_ALL=C sort
}

# the reversal is complete and keeps every line where it was
reversed()
{
	! grep -rnE --include='*.[ch]' '\brefcount_t\b|\b(__)?refcount_[a-z_]+[[:space:]]*\(|REFCOUNT_INIT' \
		"$t/out/rev" | grep -v '/include/linux/refcount.h:' &&
		grep -qE 'atomic_t[[:space:]]+refcount;' "$t/out/rev/kernel/kcov.c" &&
		[ "$(wc -l <"$t/linux-source-6.1/drivers/md/dm.c")" = "$(wc -l <"$t/out/rev/drivers/md/dm.c")" ]
}
check upstream reversal_complete reversed

headline()
{
	grep -qx 'upstream: 14 refcount_t fields reversed, 9 eligible, 8 recovered (89%)' "$t/score" &&
		grep -qx 'upstream: before the lifecycle rules: 13 with every call in the table, 8 recovered (62%)' "$t/score"
}
check upstream headline_counts headline

recovered_named()
{
	diff <(lines recovered) - <<'EOF'
struct audit_tree.count
struct audit_watch.count
struct dm_cache_metadata.ref_count
struct dm_chunk_work.refcount
struct dm_dev_internal.count
struct kcov.refcount
struct path_info.refcount
struct thin_c.refcount
EOF
}
check upstream recovered_fields_named recovered_named

kept_by_reason()
{
	diff <(awk -F'\t' '$3 != "recovered" { print $1 ": " $3 ": " $4 }' "$t/out/fields.tsv" |
		sed 's/ (\([^ ]*:[0-9]*\)) is followed by .*/ at \1/' | LC_ALL=C sort) - <<'EOF'
struct cached_dev.count: missed: used as a plain atomic_t value at drivers/md/bcache/btree.c:526 (through an expression of unknown type)
struct dmz_bioctx.ref: not eligible: lifecycle: no release at drivers/md/dm-zoned-target.c:85
struct seccomp_filter.refs: not eligible: lifecycle: no release at kernel/seccomp.c:538
struct seccomp_filter.users: not eligible: lifecycle: no release at kernel/seccomp.c:528
struct table_device.count: not eligible: lifecycle: no release at drivers/md/dm.c:811
struct user_event.refcnt: not eligible: upstream uses refcount_dec at kernel/trace/trace_events_user.c:1096
EOF
}
check upstream kept_fields_and_why kept_by_reason

byte_identical()
{
	grep -qx 'upstream: recovered sites: 33 lines, 33 byte-identical to upstream (100.0%)' "$t/score" &&
		! grep -q '^upstream: differs from upstream' "$t/score"
}
check upstream recovered_sites_byte_identical byte_identical

extra_named()
{
	diff <(lines extra) - <<'EOF'
struct configfs_dirent.s_count
struct configfs_fragment.frag_count
EOF
}
check upstream extra_fields_named extra_named

exit "$rc"
