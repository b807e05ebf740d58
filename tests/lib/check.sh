# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-only
# Result lines of a test suite, as tests/check.sh counts them:
#   PASS: NAME  |  FAIL: NAME  |  SKIP: NAME (WHY)
# Source it from a suite's run.sh after setting suite=NAME; a test's NAME
# prints as SUITE/NAME, an empty NAME as SUITE (the suite as a whole).
# fail sets rc=1: end the suite with 'exit "$rc"'.
#
# One policy for a test that cannot run because something is not installed:
# SKIP on a developer's machine, FAIL under CI (CI set, and not "false" or
# "0"), where a missing package is a broken set-up, not a reason to go green.
# shellcheck disable=SC2317,SC2154,SC2034

: "${rc:=0}"

# result VERDICT NAME [WHY] - one result line
result()
{
	local name=${suite:?set suite= before using tests/lib/check.sh}${2:+/$2}
	echo "$1: $name${3:+ ($3)}"
}

pass() { result PASS "$1" "${2:-}"; }

fail()
{
	result FAIL "$1" "${2:-}"
	rc=1
}

skip() { result SKIP "$1" "$2"; }

# in_ci - true when running under CI
in_ci()
{
	case ${CI:-} in
	'' | false | 0) return 1 ;;
	esac
}

# missing NAME WHY - a test that cannot run for a missing dependency
missing()
{
	if in_ci; then
		fail "$1" "$2"
	else
		skip "$1" "$2"
	fi
}

# unavailable WHY - the whole suite cannot run: SKIP and exit 0, or FAIL and
# exit 1 under CI
unavailable()
{
	missing '' "$1"
	exit "$rc"
}

# need COMMAND PACKAGE - the suite needs COMMAND (from Debian's PACKAGE)
need()
{
	command -v "$1" >/dev/null || unavailable "$1 missing: apt-get install $2"
}

# check SUITE NAME CMD... - run one test function: PASS/FAIL line, and the
# tail of its output when it fails. Uses $t (a temp dir). The test functions
# are called only through check.
check()
{
	local suite=$1 name=$2
	shift 2
	if "$@" >"$t/log" 2>&1; then
		pass "$name"
	else
		sed 's/^/  /' "$t/log" | tail -n 20
		fail "$name"
	fi
}
