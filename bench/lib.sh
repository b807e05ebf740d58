# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-only
# What bench/upstream.sh and bench/grab.sh share: their options and their
# output directory. Source it, then: bench_opts "$@"; shift "$nopts".
# shellcheck disable=SC2034 # jobs, out and nopts are the caller's

# bench_opts ARGS... - -j J into $jobs (default: the cores), -o OUT into
# $out; $nopts is how many words the options took; usage() is the caller's
bench_opts()
{
	local opt OPTIND=1
	jobs=$(nproc 2>/dev/null || echo 1)
	out=
	while getopts j:o: opt; do
		case $opt in
		j) jobs=$OPTARG ;;
		o) out=$OPTARG ;;
		*) usage ;;
		esac
	done
	nopts=$((OPTIND - 1))
}

# bench_out SUB - $out made absolute, refused if it holds SUB already (a
# new OUT each run: nothing stale is scored); without -o, a temporary
# directory removed at exit
bench_out()
{
	if [ -n "$out" ]; then
		[ ! -e "$out/$1" ] || { echo "${0##*/}: $out/$1 exists: give a new OUT" >&2; exit 2; }
		mkdir -p "$out"
		out=$(cd "$out" && pwd)
	else
		out=$(mktemp -d)
		trap 'rm -rf "$out"' EXIT
	fi
	mkdir "$out/$1"
}
