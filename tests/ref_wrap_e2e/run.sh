#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# budget: 60
# cocci/ref_wrap.cocci end to end with REF_DEBUG: examples/ref_wrap/cache.c is converted
# with the driver (scripts/run-cocci.sh --in-place on a copy), built against
# include/ and runtime/librefconv.a with -DREF_DEBUG, and run:
#   convert          the field became a wrapper, with acquire/release/ptr
#   clean            prints what the original prints, no REF_DEBUG report
#   missing_release  one ref_release() removed: the leak is reported at exit
#                    at the ref_acquire() line of the converted file
#   double_release   one ref_release() doubled: the second is reported with
#                    the acquire site and the first release
# and tty.c (members of an anonymous struct, "put_pid(x); x = get_pid(y);"
# into full and empty holders, and with the object already held), built
# with ASan and UBSan as well:
#   replace          converted to ref_replace(); prints what the original
#                    prints, and REF_DEBUG reports no leak and no overwrite
#
# Usage: tests/ref_wrap_e2e/run.sh   (from anywhere; builds in a temp dir)
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
suite=ref_wrap_e2e
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"
here=$top/tests/ref_wrap_e2e
cc=${CC:-cc}
b=$(mktemp -d)
trap 'rm -rf "$b"' EXIT

# replace - tty.c converted to ref_replace() and run under ASan, UBSan and
# REF_DEBUG; every exit of the suite runs it (it needs no other test)
replace()
{
	mkdir "$b/tty" "$b/tty_orig"
	cp "$here/tty.c" "$b/tty_orig/"
	cp "$here/tty.c" "$b/tty/"
	cp "$here/tty.spec" "$b/tty/refconv.spec"
	"$cc" -std=gnu11 -Wall -Wextra -Werror -o "$b/tty_orig/prog" "$b/tty_orig/tty.c"
	"$b/tty_orig/prog" >"$b/tty.expected"
	tsrc=$b/tty/tty.c
	if "$top/scripts/run-cocci.sh" -q -j 1 -m patch --in-place "$top/cocci/ref_wrap.cocci" \
		"$b/tty" >/dev/null 2>"$b/tty.err" &&
		grep -q 'ref_replace(pid, &tty->ctrl.pgrp, pgrp);' "$tsrc" &&
		grep -q 'ref_replace(pid, &tty->ctrl.session, session);' "$tsrc" &&
		! grep -q 'put_pid(tty->' "$tsrc" &&
		(cd "$b/tty" && "$cc" -std=gnu11 -Wall -Wextra -Werror -g -DREF_DEBUG \
			-fsanitize=address,undefined -fno-sanitize-recover=all \
			-I "$top/include" tty.c "$top/runtime/librefconv.a" -lpthread -o prog) \
			2>>"$b/tty.err" &&
		(cd "$b/tty" && ./prog) >"$b/tty.out" 2>>"$b/tty.err" &&
		cmp -s "$b/tty.out" "$b/tty.expected" && ! grep -q 'ref_debug' "$b/tty.err"; then
		pass replace
	else
		sed 's/^/  /' "$b/tty.err"
		diff -u "$b/tty.expected" "$b/tty.out" 2>/dev/null | sed 's/^/  /' || true
		fail replace
	fi
}

need spatch coccinelle
need "$cc" gcc
need make make
if ! make -s -C "$top/runtime" >"$b/make.log" 2>&1; then
	sed 's/^/  /' "$b/make.log" | tail -n 20
	fail '' "make -C runtime failed"
	replace
	exit "$rc"
fi

# build SRC OUT - the program with REF_DEBUG against the runtime, compiled
# in its directory so that __FILE__ (the reported sites) is its base name
build()
{
	(cd "$(dirname "$1")" && "$cc" -std=gnu11 -Wall -Wextra -Werror -g -DREF_DEBUG \
		-I "$top/include" "$(basename "$1")" "$top/runtime/librefconv.a" -lpthread \
		-o "$2") 2>"$b/cc.log" || { sed 's/^/  /' "$b/cc.log"; return 1; }
}

mkdir "$b/orig" "$b/conv"
cp "$top/examples/ref_wrap/cache.c" "$b/orig/"
cp "$top/examples/ref_wrap/cache.c" "$here/refconv.spec" "$b/conv/"
"$cc" -std=gnu11 -Wall -Wextra -Werror -o "$b/orig/prog" "$b/orig/cache.c"
"$b/orig/prog" >"$b/expected"

src=$b/conv/cache.c
if "$top/scripts/run-cocci.sh" -q -j 1 -m patch --in-place "$top/cocci/ref_wrap.cocci" \
	"$b/conv" >/dev/null 2>"$b/err" && grep -q 'struct obj_ref cur;' "$src" &&
	grep -q 'ref_acquire(obj, &c->cur, o);' "$src" &&
	grep -q 'ref_release(obj, &c->cur);' "$src" && grep -q 'ref_ptr(obj, &c->cur)' "$src" &&
	! grep -qE '[^&]c->cur' "$src"; then
	pass convert
else
	sed 's/^/  /' "$b/err"
	fail convert
	# nothing to run the other tests on
	replace
	exit "$rc"
fi
acq=$(grep -n 'ref_acquire(obj, &c->cur, o);' "$src" | cut -d: -f1)
rel=$(grep -n 'ref_release(obj, &c->cur);' "$src" | cut -d: -f1)

# run NAME SRC - build and run, output in $b/NAME.out and $b/NAME.err
run()
{
	build "$2" "$b/$1" || return 1
	(cd "$b/conv" && "$b/$1") >"$b/$1.out" 2>"$b/$1.err" || true
}

if run clean "$src" && cmp -s "$b/clean.out" "$b/expected" && [ ! -s "$b/clean.err" ]; then
	pass clean
else
	sed 's/^/  /' "$b/clean.err" 2>/dev/null || true
	fail clean
fi

sed "${rel}s/.*/\t(void)c;/" "$src" >"$b/conv/missing.c"
if run missing "$b/conv/missing.c" &&
	grep -q "^missing.c:$acq: WARNING: ref_debug: leaked obj reference to .* acquired here" "$b/missing.err"; then
	pass missing_release
else
	echo "  expected a leak reported at missing.c:$acq; stderr was:"
	sed 's/^/  /' "$b/missing.err" 2>/dev/null || true
	fail missing_release
fi

sed "${rel}p" "$src" >"$b/conv/double.c"
if run double "$b/conv/double.c" &&
	grep -q "^double.c:$((rel + 1)): WARNING: ref_debug: double release of obj reference: acquired at double.c:$acq, first released at double.c:$rel" "$b/double.err"; then
	pass double_release
else
	echo "  expected a double release at double.c:$((rel + 1)); stderr was:"
	sed 's/^/  /' "$b/double.err" 2>/dev/null || true
	fail double_release
fi
replace
exit "$rc"
