#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# budget: 600
# The collect cache changes how long a run takes, never what it prints:
# on examples/ (every conversion) and on drivers/md of Debian's
# linux-source-6.1 as a tree of its own, a run that fills the cache, a run
# served from it, and a run after a .c file and a widely included header
# were edited all print what a run without the cache prints; M= decides
# over the whole tree, so its report is exactly the whole run's lines below
# M=; and entries are never half-written.
# shellcheck disable=SC2317 # test functions are called through check
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
drv=$top/scripts/run-cocci.sh
src=/usr/src/linux-source-6.1.tar.xz
suite=cache
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"

need spatch coccinelle
need parallel parallel

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# run NAME CACHE-OPTION... - the driver in report mode over $tree, output
# in $t/NAME, the summary line in $t/NAME.err
run()
{
	local name=$1
	shift
	"$drv" "$@" -m "$mode" "$cocci" "$tree" >"$t/$name" 2>"$t/$name.err"
}

same()
{
	cmp -s "$t/$1" "$t/$2" || { diff -u "$t/$1" "$t/$2" | head -n 20; return 1; }
}

# the examples: every conversion in patch mode, each with its spec
cp -r "$top/examples" "$t/ex"
tree=$t/ex cocci=$top/cocci mode=patch
run ex.cold --cache "$t/c1"
run ex.warm --cache "$t/c1"
run ex.none --no-cache

examples_cold_warm_none()
{
	[ -s "$t/ex.cold" ] && same ex.none ex.cold && same ex.none ex.warm &&
		grep -q 'all from the run cache' "$t/ex.warm.err"
}
check cache examples_cold_warm_none examples_cold_warm_none

# an edit that changes a decision: the widget's count is read where its
# sign matters, so it stays atomic_t; the other files' records come from
# the collect cache
w=$t/ex/kernel/drivers/widget/widget.c
examples_after_edit()
{
	printf '\nint widget_negative(struct widget *w)\n{\n\treturn atomic_read(&w->users) < 0;\n}\n' >>"$w"
	run ex.edit --cache "$t/c1" && run ex.edit.none --no-cache &&
		same ex.edit.none ex.edit && ! same ex.cold ex.edit >/dev/null &&
		grep -q 'candidates ([1-9][0-9]* from the cache)' "$t/ex.edit.err"
}
check cache examples_after_edit examples_after_edit

# entries are renamed into place: no temporary is left behind
entries_complete()
{
	[ -z "$(find "$t/c1" -name '.new.*')" ] &&
		! grep -L '^refconv-collect 1 [01]$' -r "$t/c1/collect" --include='*' -m 1 |
		grep -q .
}
check cache entries_complete entries_complete

# failing_spatch DIR - a spatch in DIR that fails on a file named fails.c
# (exit 1, as spatch does on a file it cannot handle), dies of SIGKILL on
# one named killed.c and says that kernel/slow.c hit the timeout
failing_spatch()
{
	local real
	real=$(command -v spatch)
	mkdir -p "$1"
	# the driver names the files in --file-groups lists
	cat >"$1/spatch" <<EOF
#!/bin/bash
all="\$*" prev=
for a in "\$@"; do
	[ "\$prev" != --file-groups ] || all+=" \$(cat "\$a")"
	prev=\$a
done
case "\$all" in
*killed.c*) kill -KILL \$\$ ;;
*fails.c*) echo "fails.c: no" >&2; exit 1 ;;
*slow.c*) echo "EXN: Common.Timeout in kernel/slow.c" >&2 ;;
esac
exec "$real" "\$@"
EOF
	chmod +x "$1/spatch"
}

# a file spatch fails on fails again: the run is stored with its failure
# and exit status, and a rerun says and returns the same; a run in which
# spatch was killed is not stored
failed_runs_in_the_run_cache()
{
	local st1=0 st2=0 st3=0 st4=0
	failing_spatch "$t/failbin"
	cp -r "$top/examples" "$t/fx"
	printf '%s\n' '#include <linux/slab.h>' 'struct x { atomic_t ref; };' \
		'void x_put(struct x *x)' '{' '	if (atomic_dec_and_test(&x->ref))' \
		'		kfree(x);' '}' >"$t/fx/kernel/fails.c"
	tree=$t/fx cocci=$top/cocci/refcount.cocci mode=patch
	PATH=$t/failbin:$PATH run fx.cold --cache "$t/c3" || st1=$?
	PATH=$t/failbin:$PATH run fx.warm --cache "$t/c3" || st2=$?
	mv "$t/fx/kernel/fails.c" "$t/fx/kernel/killed.c"
	PATH=$t/failbin:$PATH run kx.cold --cache "$t/c3" || st3=$?
	PATH=$t/failbin:$PATH run kx.warm --cache "$t/c3" || st4=$?
	[ "$st1" = 1 ] && [ "$st2" = 1 ] && [ "$st3" = 1 ] && [ "$st4" = 1 ] &&
		same fx.cold fx.warm && grep -q 'all from the run cache' "$t/fx.warm.err" &&
		grep 'error: .*fails\.c' "$t/fx.cold.err" >"$t/fx.cold.failed" &&
		grep 'error: .*fails\.c' "$t/fx.warm.err" >"$t/fx.warm.failed" &&
		same fx.cold.failed fx.warm.failed &&
		grep -q 'error: .*killed\.c' "$t/kx.warm.err" &&
		! grep -q 'all from the run cache' "$t/kx.warm.err"
}
check cache failed_runs_in_the_run_cache failed_runs_in_the_run_cache

# a timeout is the file's result for that --timeout: a rerun (the run
# cache missed: another file changed) takes it from the collect cache and
# decides as the run that timed out did; a longer --timeout tries again
timeouts_in_the_collect_cache()
{
	rm -f "$t/fx/kernel/killed.c"
	cat >"$t/fx/kernel/slow.c" <<'EOF'
#include <linux/slab.h>

struct y {
	atomic_t ref;
};

struct y *y_new(void)
{
	struct y *y = kzalloc(sizeof(*y), GFP_KERNEL);

	if (y)
		atomic_set(&y->ref, 1);
	return y;
}

void y_get(struct y *y)
{
	atomic_inc(&y->ref);
}

void y_put(struct y *y)
{
	if (atomic_dec_and_test(&y->ref))
		kfree(y);
}
EOF
	PATH=$t/failbin:$PATH run sx.cold --cache "$t/c4" &&
		PATH=$t/failbin:$PATH run sx.none --no-cache && same sx.none sx.cold &&
		echo '/* another file changed */' >>"$t/fx/kernel/drivers/widget/widget.c" &&
		PATH=$t/failbin:$PATH run sx.ref --no-cache &&
		run sx.warm --cache "$t/c4" && same sx.ref sx.warm &&
		grep -q '1 file(s) timed out with this --timeout' "$t/sx.warm.err" &&
		grep -q '1 timeouts' "$t/sx.warm.err" &&
		run sx.longer --cache "$t/c4" --timeout 300 &&
		grep -q ' 0 timeouts' "$t/sx.longer.err" &&
		grep -q '1 timeouts' "$t/sx.cold.err" && ! same sx.ref sx.longer >/dev/null
}
check cache timeouts_in_the_collect_cache timeouts_in_the_collect_cache

[ -f "$src" ] || unavailable "no $src: apt-get install linux-source-6.1"
tar -C "$t" -xJf "$src" linux-source-6.1/drivers/md
tree=$t/linux-source-6.1/drivers/md cocci=$top/cocci/refcount.cocci mode=report
run md.cold --cache "$t/c2"
run md.warm --cache "$t/c2"
run md.sub --cache "$t/c2" -M bcache

md_cold_warm()
{
	[ -s "$t/md.cold" ] && same md.cold md.warm
}
check cache md_cold_warm md_cold_warm

md_subdir_is_the_whole_run_below_it()
{
	grep '^bcache/' "$t/md.cold" >"$t/md.cold.bcache"
	[ -s "$t/md.sub" ] && same md.cold.bcache md.sub
}
check cache md_subdir_is_the_whole_run_below_it md_subdir_is_the_whole_run_below_it

md_after_edit()
{
	# a countdown armed to a literal, and a line more at the top of the
	# header that most of drivers/md includes
	sed -i 's/atomic_set(&job->sub_jobs, SPLIT_COUNT)/atomic_set(\&job->sub_jobs, 8)/' "$tree/dm-kcopyd.c"
	sed -i '1i /* touched */' "$tree/md.h"
	run md.edit --cache "$t/c2" && run md.edit.none --no-cache &&
		same md.edit.none md.edit && ! same md.cold md.edit >/dev/null
}
check cache md_after_edit md_after_edit
grep -h '^run-cocci.sh: summary' "$t"/md.*.err | sed 's/^/  /'

exit "$rc"
