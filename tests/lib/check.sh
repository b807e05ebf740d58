# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-only
# check SUITE NAME CMD... - run one test function: PASS/FAIL line, and the
# tail of its output when it fails. Uses $t (a temp dir) and sets rc=1 on
# failure. The test functions are called only through check.
# shellcheck disable=SC2317,SC2154,SC2034

check()
{
	local suite=$1 name=$2
	shift 2
	if "$@" >"$t/log" 2>&1; then
		echo "PASS: $suite/$name"
	else
		sed 's/^/  /' "$t/log" | tail -n 20
		echo "FAIL: $suite/$name"
		rc=1
	fi
}
