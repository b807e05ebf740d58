#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# budget: 240
# The driver's promises to its users: clear errors that lose nothing (the
# whole command line checked before any file is written, -o replaced only at
# the end, paths taken against the caller's directory), exit statuses that
# tell bad usage from a broken environment, the coccicheck interface (chain
# falls through and collects once, DEBUG_FILE refused if it exists), parse
# failures named, the summary's phase times, atomic in-place runs, file
# names with spaces, trees that are not git repositories, report and org
# output sorted, and a patch series that applies in order and equals the
# single patch.
# shellcheck disable=SC2317 # test functions are called through check
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
drv=$top/scripts/run-cocci.sh
cocci=$top/cocci/refcount.cocci
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
rc=0
# shellcheck source=tests/lib/check.sh disable=SC1091 # followed with -x, as tests/lint does
. "$top/tests/lib/check.sh"


# a fresh copy of the examples in a directory whose name has a space
fresh()
{
	rm -rf "$t/ex tree"
	cp -r "$top/examples" "$t/ex tree"
	mv "$t/ex tree/kernel/drivers/widget/widget_file.c" "$t/ex tree/kernel/drivers/widget/widget file.c"
}

spec_error()
{
	printf 'track foo\ngrab mm_struct mm_count\n' >"$t/bad.spec"
	local out status=0
	out=$("$drv" --spec "$t/bad.spec" "$cocci" "$top/examples" 2>&1) || status=$?
	[ "$status" = 2 ] && grep -q "bad.spec:2: 'grab' takes" <<<"$out"
}
check driver spec_error_names_file_and_line spec_error

# the proxy forms: a keyword with the wrong words after it, or no keyword,
# is refused; each right form is accepted
spec_proxy_forms()
{
	local bad good
	for bad in 'a b revoked-by' 'a b provider c d' 'a b by c' 'a b revoked-by c d'; do
		printf 'proxy %s\n' "$bad" >"$t/p.spec"
		python3 "$top/scripts/lib/refconv_spec.py" check "$t/p.spec" 2>/dev/null && return 1
	done
	for good in 'a b' 'a b revoked-by c' 'a b provider c d e'; do
		printf 'proxy %s\n' "$good" >"$t/p.spec"
		python3 "$top/scripts/lib/refconv_spec.py" check "$t/p.spec" || return 1
	done
}
check driver spec_proxy_forms spec_proxy_forms

debug_file_refused()
{
	: >"$t/debug"
	! "$drv" --debug-file "$t/debug" "$cocci" "$top/examples" 2>"$t/err" &&
		grep -q "exists; refusing" "$t/err"
}
check driver debug_file_refused debug_file_refused

chain_falls_through()
{
	# a field kept atomic_t: patch mode has nothing, report mode says why
	mkdir -p "$t/chain"
	cp "$top/tests/cocci/refcount/neg_inc_return.c" "$t/chain/"
	"$drv" -q -m chain "$cocci" "$t/chain" >"$t/out"
	grep -q 'INFO: .* stays atomic_t: atomic_inc_return' "$t/out" && ! grep -q '^diff' "$t/out"
}
check driver chain_falls_through chain_falls_through

inplace_spaces_idempotent()
{
	fresh
	"$drv" -q -m patch -i "$cocci" "$t/ex tree" >/dev/null
	grep -q 'refcount_read(&w->users)' "$t/ex tree/kernel/drivers/widget/widget file.c" &&
		[ -z "$(find "$t/ex tree" -name '*.refconv-new')" ] &&
		[ -z "$("$drv" -q -m patch "$cocci" "$t/ex tree")" ]
}
check driver inplace_spaces_idempotent inplace_spaces_idempotent

parse_failure_named()
{
	fresh
	cat >"$t/ex tree/kernel/drivers/widget/broken.c" <<'C'
#include <linux/atomic.h>
#include "widget.h"
int broken(struct widget *w) { return atomic_read(&w->users) +* ; }
C
	"$drv" -m report "$cocci" "$t/ex tree" >"$t/out" 2>"$t/err"
	grep -q '^  kernel/drivers/widget/broken.c$' "$t/err" &&
		grep -q ' 1 parse failures' "$t/err"
}
check driver parse_failure_named parse_failure_named

series_equals_single()
{
	fresh
	"$drv" -q -m patch "$cocci" "$t/ex tree" >"$t/single.patch"
	"$drv" -q -m patch --split-by dir -o "$t/series" "$cocci" "$t/ex tree"
	[ "$(find "$t/series" -name '*.patch' | wc -l)" -ge 2 ] || return 1
	cp -r "$t/ex tree" "$t/a"
	cp -r "$t/ex tree" "$t/b"
	(cd "$t/a" && patch -s -p1 <"$t/single.patch")
	local p
	for p in "$t"/series/*.patch; do
		grep -q '^Subject: \[PATCH [0-9]/[0-9]\] .*: convert .* to refcount_t$' "$p" || return 1
		(cd "$t/b" && patch -s -p1 --dry-run <"$p" >/dev/null && patch -s -p1 <"$p")
	done
	diff -r "$t/a" "$t/b"
}
check driver series_equals_single series_equals_single

# status CMD... - the exit status of CMD
status()
{
	local st=0
	"$@" || st=$?
	echo "$st"
}

exit_status_usage()
{
	# a missing option argument is bad usage, not "spatch failed"
	[ "$(status "$drv" "$cocci" "$top/examples" -o 2>/dev/null)" = 2 ] &&
		[ "$(status "$drv" -o 2>/dev/null)" = 2 ] &&
		[ "$(status "$drv" --bogus "$cocci" 2>/dev/null)" = 2 ] &&
		[ "$(status "$drv" -m nope "$cocci" 2>/dev/null)" = 2 ] &&
		[ "$(status "$drv" "$t/no such.cocci" 2>/dev/null)" = 2 ]
}
check driver exit_status_usage exit_status_usage

exit_status_missing_tool()
{
	# every command of PATH but spatch
	local d f
	rm -rf "$t/farm"
	mkdir "$t/farm"
	local dirs
	IFS=: read -r -a dirs <<<"$PATH"
	for d in "${dirs[@]}"; do
		for f in "$d"/*; do
			[ "${f##*/}" != spatch ] && [ -x "$f" ] && [ ! -e "$t/farm/${f##*/}" ] &&
				ln -s "$f" "$t/farm/${f##*/}"
		done
	done
	[ "$(PATH=$t/farm status "$drv" "$cocci" "$top/examples" 2>"$t/err")" = 3 ] &&
		grep -q 'spatch not found: apt-get install coccinelle' "$t/err"
}
check driver exit_status_missing_tool exit_status_missing_tool

exit_status_spatch_cannot_run()
{
	mkdir -p "$t/badbin"
	printf '#!/bin/sh\necho "spatch: cannot open shared object file" >&2\nexit 127\n' \
		>"$t/badbin/spatch"
	chmod +x "$t/badbin/spatch"
	[ "$(PATH=$t/badbin:$PATH status "$drv" "$cocci" "$top/examples" 2>"$t/err")" = 3 ] &&
		grep -q 'spatch does not run: spatch: cannot open shared object' "$t/err"
}
check driver exit_status_spatch_cannot_run exit_status_spatch_cannot_run

exit_status_unwritable_output()
{
	: >"$t/plain"
	[ "$(status "$drv" -o "$t/plain/out" "$cocci" "$top/examples" 2>"$t/err")" = 3 ] &&
		grep -q "cannot write" "$t/err" &&
		[ "$(status "$drv" --debug-file "$t/plain/dbg" "$cocci" "$top/examples" 2>/dev/null)" = 3 ]
}
check driver exit_status_unwritable_output exit_status_unwritable_output

help_lists_exit_statuses()
{
	"$drv" --help >"$t/help"
	local s
	for s in 0 1 2 3 130; do
		grep -qE "^  $s +[a-z]" "$t/help" || return 1
	done
}
check driver help_lists_exit_statuses help_lists_exit_statuses

# a one-file tree: a field kept atomic_t, so report mode has a line
small()
{
	rm -rf "$t/small"
	mkdir "$t/small"
	cp "$top/tests/cocci/refcount/neg_inc_return.c" "$t/small/"
}

relative_work_against_caller()
{
	small
	rm -rf "$t/caller dir"
	mkdir "$t/caller dir"
	(cd "$t/caller dir" && "$drv" -q -w work "$cocci" "$t/small" >/dev/null)
	[ -s "$t/caller dir/work/refcount/table" ] && [ ! -e "$t/small/work" ]
}
check driver relative_work_against_caller relative_work_against_caller

output_kept_on_bad_command_line()
{
	small
	printf 'precious\n' >"$t/out file"
	# a typo in COCCI, in TREE, in -M, in the spec: nothing is written
	! "$drv" -o "$t/out file" "$t/typo.cocci" "$t/small" 2>/dev/null &&
		! "$drv" -o "$t/out file" "$cocci" "$t/no tree" 2>/dev/null &&
		! "$drv" -o "$t/out file" -M nowhere "$cocci" "$t/small" 2>/dev/null &&
		! "$drv" -o "$t/out file" -s "$t/no.spec" "$cocci" "$t/small" 2>/dev/null &&
		[ "$(cat "$t/out file")" = precious ] &&
		! "$drv" -m patch --split-by dir -o "$t/new series" "$t/typo.cocci" "$t/small" 2>/dev/null &&
		[ ! -e "$t/new series" ]
}
check driver output_kept_on_bad_command_line output_kept_on_bad_command_line

output_kept_on_interrupt()
{
	small
	# a spatch that hangs once the run has started; its pids to clean up
	local real p st=0
	real=$(command -v spatch)
	rm -rf "$t/slowbin" "$t/started"
	mkdir "$t/slowbin"
	cat >"$t/slowbin/spatch" <<EOF
#!/bin/sh
case "\$*" in
*--sp-file*) echo \$\$ >>"$t/started"; exec sleep 60 ;;
esac
exec "$real" "\$@"
EOF
	chmod +x "$t/slowbin/spatch"
	printf 'old\n' >"$t/kept out"
	PATH=$t/slowbin:$PATH "$drv" -q -j 1 -o "$t/kept out" "$cocci" "$t/small" 2>/dev/null &
	local pid=$!
	for _ in $(seq 100); do
		[ -s "$t/started" ] && break
		sleep 0.2
	done
	kill -TERM "$pid"
	wait "$pid" || st=$?
	while read -r p; do
		kill "$p" 2>/dev/null || true
	done <"$t/started"
	[ "$st" = 130 ] && [ "$(cat "$t/kept out")" = old ] &&
		[ -z "$(find "$t" -maxdepth 1 -name '.kept out.*')" ]
}
check driver output_kept_on_interrupt output_kept_on_interrupt

output_same_as_stdout()
{
	fresh
	"$drv" -q -m patch "$cocci" "$t/ex tree" >"$t/stdout.patch"
	[ -s "$t/stdout.patch" ] || { echo "no patch on stdout"; return 1; }
	printf 'old\n' >"$t/o.patch"
	chmod 0640 "$t/o.patch"
	"$drv" -q -m patch -o "$t/o.patch" "$cocci" "$t/ex tree"
	cmp "$t/stdout.patch" "$t/o.patch" || return 1
	[ "$(stat -c %a "$t/o.patch")" = 640 ] || { echo "mode of -o not kept"; return 1; }
	# a new file, named relative to the caller, gets the umask's mode
	rm -f "$t/new o.patch"
	(umask 022 && cd "$t" && "$drv" -q -m patch -o "new o.patch" "$cocci" "$t/ex tree")
	cmp "$t/stdout.patch" "$t/new o.patch" || return 1
	[ "$(stat -c %a "$t/new o.patch")" = 644 ] || { echo "new -o file not 644"; return 1; }
}
check driver output_same_as_stdout output_same_as_stdout

debug_file_after_checks()
{
	small
	rm -f "$t/dbg"
	# a wrong tree: no debug file, so the corrected rerun is not refused
	! "$drv" --debug-file "$t/dbg" "$cocci" "$t/no tree" 2>/dev/null && [ ! -e "$t/dbg" ] &&
		"$drv" -q --debug-file "$t/dbg" "$cocci" "$t/small" >/dev/null && [ -e "$t/dbg" ]
}
check driver debug_file_after_checks debug_file_after_checks

# a tree whose field is converted only after a second collect round (b.c
# passes its address on)
more_tree()
{
	rm -rf "$t/more"
	mkdir "$t/more"
	cat >"$t/more/w.h" <<'C'
#include <linux/atomic.h>
struct w { atomic_t refs; int x; };
C
	cat >"$t/more/a.c" <<'C'
#include <linux/slab.h>
#include "w.h"
struct w *w_new(void)
{
	struct w *w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (w)
		atomic_set(&w->refs, 1);
	return w;
}
void w_get(struct w *w)
{
	atomic_inc(&w->refs);
}
void w_put(struct w *w)
{
	if (atomic_dec_and_test(&w->refs))
		kfree(w);
}
C
	cat >"$t/more/b.c" <<'C'
#include "w.h"
extern void watch(atomic_t *v);
void w_watch(struct w *w)
{
	watch(&w->refs);
}
C
}

# log_python SEC - a python3 that logs the decide script's steps to
# $t/steps, and takes SEC more seconds over every decide step but the first
log_python()
{
	local real
	real=$(command -v python3)
	rm -rf "$t/pybin" "$t/steps"
	mkdir "$t/pybin"
	cat >"$t/pybin/python3" <<EOF
#!/bin/sh
case "\$1" in
*/decide-*.py)
	grep -q '^decide' "$t/steps" 2>/dev/null && [ "\$2" = decide ] && sleep $1
	echo "\$2" >>"$t/steps" ;;
esac
exec "$real" "\$@"
EOF
	chmod +x "$t/pybin/python3"
}

decide_time_every_round()
{
	more_tree
	log_python 2
	PATH=$t/pybin:$PATH "$drv" --no-cache -m report "$cocci" "$t/more" >/dev/null 2>"$t/err"
	[ "$(grep -c '^decide$' "$t/steps")" -ge 2 ] || { echo "no second collect round"; return 1; }
	local s
	s=$(sed -n 's/.*summary: .*, decide \([0-9]*\) s.*/\1/p' "$t/err")
	if [ -z "$s" ] || [ "$s" -lt 2 ]; then
		cat "$t/err"
		return 1
	fi
}
check driver decide_time_every_round decide_time_every_round

chain_decides_once()
{
	# patch mode has nothing, report mode has the line: the collect and
	# decide steps of the patch try serve the report
	small
	log_python 0
	PATH=$t/pybin:$PATH "$drv" -q --no-cache -m chain "$cocci" "$t/small" >"$t/chain.out"
	if [ "$(grep -c '^names$' "$t/steps")" != 1 ] || [ "$(grep -c '^decide$' "$t/steps")" != 1 ]; then
		cat "$t/steps"
		return 1
	fi
	"$drv" -q -m report "$cocci" "$t/small" >"$t/report.out"
	[ -s "$t/report.out" ] && cmp "$t/report.out" "$t/chain.out"
}
check driver chain_decides_once chain_decides_once

# linb_colb FILE - "line column" of each org entry's first line
linb_colb()
{
	sed -n 's/^\* TODO \[\[view:.*::linb=\([0-9]*\)::colb=\([0-9]*\)::.*/\1 \2/p' "$1"
}

org_sorted()
{
	# ref_wrap's rules tell the sites of one field rule by rule
	rm -rf "$t/org"
	mkdir "$t/org"
	cp "$top/tests/cocci/ref_wrap/pos_two_holders.c" "$t/org/"
	printf 'ref foo foo_get foo_put\n' >"$t/org.spec"
	"$drv" -q -m org --spec "$t/org.spec" "$top/cocci/ref_wrap.cocci" "$t/org" >"$t/org.out"
	[ "$(grep -c '^\* TODO ' "$t/org.out")" -ge 2 ] &&
		linb_colb "$t/org.out" >"$t/org.pos" &&
		sort -n -k1,1 -k2,2 -c "$t/org.pos"
}
check driver org_sorted org_sorted

org_entries_sorted_whole()
{
	# two rules, each an entry of two lines (print_todo, print_link):
	# bar's rule runs first, foo's calls are above and below bar's
	rm -rf "$t/orgm"
	mkdir "$t/orgm"
	cat >"$t/orgm.cocci" <<'SMPL'
virtual org

@initialize:python@
@@
import coccilib.org

@b@
position p;
@@
bar@p();

@script:python depends on org@
p << b.p;
@@
coccilib.org.print_todo(p[0], "bar")
coccilib.org.print_link(p[0], "bar link")

@f@
position p;
@@
foo@p();

@script:python depends on org@
p << f.p;
@@
coccilib.org.print_todo(p[0], "foo")
coccilib.org.print_link(p[0], "foo link")
SMPL
	cat >"$t/orgm/calls.c" <<'C'
void foo(void);
void bar(void);
void f(void)
{
	foo();
	bar();
	foo();
}
C
	"$drv" -q -m org "$t/orgm.cocci" "$t/orgm" >"$t/orgm.out"
	cat "$t/orgm.out"
	[ "$(sed 's/.*\]\[\(.*\)\]\]$/\1/' "$t/orgm.out" | tr '\n' ,)" = \
		"foo,foo link,bar,bar link,foo,foo link," ] &&
		[ "$(linb_colb "$t/orgm.out" | tr '\n' ,)" = "5 1,6 1,7 1," ]
}
check driver org_entries_sorted_whole org_entries_sorted_whole

exit "$rc"
