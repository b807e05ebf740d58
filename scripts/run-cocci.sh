#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run-cocci.sh - run refconv's semantic patches over a source tree.
#
# The interface follows the kernel's scripts/coccicheck: a mode per run
# (patch, report, context, org, or chain), an optional sub-directory, jobs,
# extra spatch flags last, and a debug file that must not exist yet.
#
# Unlike coccicheck it prefilters candidate files itself (with grep, so the
# tree need not be a git repository), runs spatch in parallel batches whose
# outputs never interleave, counts parse failures and timeouts by file name,
# and runs the collect -> decide -> apply steps of conversions that must see
# the whole tree before changing any of it (a .cocci with "virtual collect").
set -euo pipefail

prog=${0##*/}
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage()
{
	cat <<EOF
Usage: $prog [options] COCCI [TREE]

COCCI is a .cocci file or a directory of them (default set: cocci/).
TREE is the source tree to process (default: examples/).

Options:
  -m, --mode MODE      patch, report, context, org or chain (default: report);
                       chain tries patch, report, context, org in turn and
                       stops at the first that produces output
  -M, --subdir DIR     only files below TREE/DIR (the kernel's M=)
  -j, --jobs N         parallel spatch processes (default: number of cores)
  -s, --spec FILE      spec file for conversions that read one
  -i, --in-place       apply the changes to the files; each file is replaced
                       atomically, so an interrupted run leaves it old or new
  -o, --output FILE    write the patch/report to FILE instead of stdout;
                       FILE is replaced only when the run is done
  -t, --timeout SEC    per-file spatch timeout (default: 120)
  -w, --work DIR       keep intermediate files (decision tables) in DIR
      --cache DIR      the collect cache (default: \$XDG_CACHE_HOME/refconv,
                       else ~/.cache/refconv): a file whose content and
                       run inputs are unchanged is not collected again
      --no-cache       neither read nor write the cache
      --hosts FILE     run spatch batches on the ssh logins of FILE (GNU
                       parallel's --sshloginfile format; ":" is this
                       machine); each must have the same spatch and see
                       TREE, refconv and \$TMPDIR at the same paths
      --split-by HOW   with -o DIR: write the patch as a series, one
                       format-patch file per subsystem; HOW is maintainers
                       (MAINTAINERS F:/X: patterns, else top directories) or
                       dir (top directories)
  -v, --verbose        show spatch commands and spatch's messages
  -q, --quiet          no progress and no summary
      --spflags FLAGS  extra spatch flags, appended last
      --debug-file F   write spatch's messages to F (refused if F exists)
  -h, --help           this text

The patch or report goes to stdout (or -o); progress and the closing summary
go to stderr.

Exit status:
  0    spatch ran, whether or not it found anything
  1    spatch failed on some files (they are named on stderr)
  2    bad usage: an unknown option or mode, a missing argument, a COCCI,
       TREE, spec file or sub-directory that is not there or not valid, an
       existing debug file, a series directory that is not empty
  3    the environment: a missing tool (the message names the Debian
       package), a spatch or python3 that does not run, an output, debug
       file or work directory that cannot be written
  130  interrupted
EOF
}

# bad usage: the command line must change
die()
{
	echo "$prog: $*" >&2
	exit 2
}

# the machine must change (a package, a permission), not the command line
die_env()
{
	echo "$prog: $*" >&2
	exit 3
}

# need_arg OPT [ARG...] - OPT's argument must be there and not empty; bash's
# own ${2:?} would exit 1, which means "spatch failed"
need_arg()
{
	if [ "$#" -lt 2 ] || [ -z "$2" ]; then
		die "option '$1' needs an argument"
	fi
}

mode=report subdir='' jobs='' spec='' inplace=0 output='' timeout=120 work=''
verbose=0 quiet=0 spflags='' debug_file='' split='' hosts='' cache=''
nocache=0
while [ $# -gt 0 ]; do
	case $1 in
	-m | --mode) need_arg "$@"; mode=$2; shift ;;
	# -M and --spflags may be empty, as the kernel's M= and SPFLAGS=
	-M | --subdir) [ "$#" -ge 2 ] || need_arg "$1"; subdir=$2; shift ;;
	-j | --jobs) need_arg "$@"; jobs=$2; shift ;;
	-s | --spec) need_arg "$@"; spec=$2; shift ;;
	-i | --in-place) inplace=1 ;;
	-o | --output) need_arg "$@"; output=$2; shift ;;
	-t | --timeout) need_arg "$@"; timeout=$2; shift ;;
	-w | --work) need_arg "$@"; work=$2; shift ;;
	--cache) need_arg "$@"; cache=$2; shift ;;
	--no-cache) nocache=1 ;;
	--hosts) need_arg "$@"; hosts=$2; shift ;;
	--split-by) need_arg "$@"; split=$2; shift ;;
	-v | --verbose) verbose=1 ;;
	-q | --quiet) quiet=1 ;;
	--spflags) [ "$#" -ge 2 ] || need_arg "$1"; spflags=$2; shift ;;
	--debug-file) need_arg "$@"; debug_file=$2; shift ;;
	-h | --help) usage; exit 0 ;;
	--) shift; break ;;
	-*) usage >&2; die "unknown option '$1'" ;;
	*) break ;;
	esac
	shift
done
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	usage >&2
	exit 2
fi
cocci_arg=$1
tree=${2:-$top/examples}

case $mode in
patch | report | context | org | chain) ;;
*) die "unknown mode '$mode' (patch, report, context, org or chain)" ;;
esac
[[ $jobs =~ ^[0-9]*$ ]] || die "--jobs takes a number"
[[ $timeout =~ ^[0-9]+$ ]] || die "--timeout takes a number of seconds"
# with --hosts and no -j, each login runs as many jobs as it has cores
jslots=$jobs
[ -n "$jslots" ] && [ "$jslots" -gt 0 ] || jslots=100%
[ -n "$jobs" ] && [ "$jobs" -gt 0 ] || jobs=$(nproc 2>/dev/null || echo 1)
[ "$inplace" = 1 ] && [ "$mode" != patch ] && [ "$mode" != chain ] &&
	die "--in-place needs --mode patch"
case $split in
'' | maintainers | dir) ;;
*) die "--split-by takes maintainers or dir" ;;
esac
if [ -n "$split" ]; then
	[ "$mode" = patch ] || die "--split-by needs --mode patch"
	[ -n "$output" ] || die "--split-by needs -o DIR for the series"
fi

command -v spatch >/dev/null || die_env "spatch not found: apt-get install coccinelle"
command -v python3 >/dev/null || die_env "python3 not found: apt-get install python3"
command -v parallel >/dev/null || die_env "parallel not found: apt-get install parallel"
if [ "$inplace" = 1 ]; then
	command -v patch >/dev/null || die_env "patch not found: apt-get install patch"
fi
# a spatch that cannot start would otherwise fail on every file, which
# reads as "spatch failed on the tree"
spatch_out=$(spatch --version 2>&1) ||
	die_env "spatch does not run: $(head -n 3 <<<"$spatch_out")"
spatch_version=$(sed -n 's/^spatch version \([0-9.]*\).*/\1/p' <<<"$spatch_out")
py_out=$(python3 -c 'import sys' 2>&1) ||
	die_env "python3 does not run: $(head -n 3 <<<"$py_out")"

# Nothing is written until everything is checked: a typo must not cost the
# user a file (an -o truncated, a debug file that then refuses the corrected
# rerun, a work directory made inside the tree).

# abs PATH - PATH against the caller's directory: the driver later works in
# the tree
abs()
{
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s\n' "$PWD/$1" ;;
	esac
}

# dir_ok PATH - PATH is, or mkdir -p can make it, a writable directory
dir_ok()
{
	local d=$1
	while [ ! -e "$d" ] && [ ! -L "$d" ]; do
		d=$(dirname "$d")
	done
	[ -d "$d" ] && [ -w "$d" ]
}

# header_field COCCI NAME - value of a "// NAME:" header line
header_field()
{
	sed -n "s|^// $2:[[:space:]]*||p" "$1" | head -n 1
}

has_virtual()
{
	grep -qE "^virtual[[:space:]]+(.*[[:space:],])?$2([[:space:],]|$)" "$1"
}

version_ge()
{
	[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}

# The semantic patches to run, as absolute paths.
coccis=()
if [ -d "$cocci_arg" ]; then
	for c in "$cocci_arg"/*.cocci; do
		[ -f "$c" ] && coccis+=("$(cd "$(dirname "$c")" && pwd)/$(basename "$c")")
	done
	[ "${#coccis[@]}" -gt 0 ] || die "no .cocci files in '$cocci_arg'"
elif [ -f "$cocci_arg" ]; then
	coccis=("$(cd "$(dirname "$cocci_arg")" && pwd)/$(basename "$cocci_arg")")
else
	die "'$cocci_arg' is neither a .cocci file nor a directory"
fi
for c in "${coccis[@]}"; do
	if has_virtual "$c" collect; then
		n=$(basename "$c" .cocci)
		[ -f "$top/scripts/decide-$n.py" ] ||
			die "$n.cocci collects, but $top/scripts/decide-$n.py is missing"
	fi
done

[ -d "$tree" ] || die "tree '$tree' is not a directory"
tree=$(cd "$tree" && pwd)
# a spec at the top of the tree applies when none is given
[ -z "$spec" ] && [ -f "$tree/refconv.spec" ] && spec=$tree/refconv.spec
if [ -n "$spec" ]; then
	[ -f "$spec" ] || die "spec file '$spec' not found"
	REFCONV_SPEC=$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")
	export REFCONV_SPEC
	msg=$(python3 "$top/scripts/lib/refconv_spec.py" check "$REFCONV_SPEC" 2>&1) || die "$msg"
fi
# the .cocci scripts' python imports the shared helpers from here
export REFCONV_PYLIB=$top/scripts/lib
[ -z "$subdir" ] || [ -d "$tree/$subdir" ] || die "'$subdir' is not a directory below $tree"

if [ -n "$work" ]; then
	work=$(abs "$work")
	dir_ok "$work" || die_env "cannot create or write work directory '$work'"
fi
if [ "$nocache" = 1 ]; then
	cache=''
elif [ -n "$cache" ]; then
	cache=$(abs "$cache")
	dir_ok "$cache" || die_env "cannot create or write cache directory '$cache'"
else
	# the default cache is a convenience: without a writable home the run
	# goes on uncached
	cache=${XDG_CACHE_HOME:-${HOME:-}/.cache}/refconv
	case $cache in
	/*) dir_ok "$cache" || cache='' ;;
	*) cache='' ;;
	esac
fi
if [ -n "$hosts" ]; then
	[ -f "$hosts" ] || die "hosts file '$hosts' not found"
	hosts=$(abs "$hosts")
	command -v ssh >/dev/null || die_env "ssh not found: apt-get install openssh-client"
fi
out_direct=0 out_tmp=''
if [ -n "$split" ]; then
	output=$(abs "$output")
	if [ -d "$output" ] && [ -n "$(ls -A "$output")" ]; then
		die "series directory '$(cd "$output" && pwd)' is not empty"
	fi
	dir_ok "$output" || die_env "cannot create '$output'"
elif [ -n "$output" ]; then
	output=$(abs "$output")
	# through a symlink, not over it
	if [ -L "$output" ]; then
		output=$(readlink -f -- "$output") || die_env "cannot write '$output'"
	fi
	out_dir=$(dirname "$output")
	if [ -d "$output" ]; then
		die_env "cannot write '$output': it is a directory"
	elif [ -e "$output" ] && { [ ! -f "$output" ] || [ ! -O "$output" ] || [ ! -w "$out_dir" ]; }; then
		# a device or a pipe, another user's file (a rename would make it
		# ours) or a directory we may not add to: written in place
		[ -w "$output" ] || die_env "cannot write '$output'"
		out_direct=1
	elif [ ! -d "$out_dir" ] || [ ! -w "$out_dir" ]; then
		die_env "cannot write '$output'"
	fi
fi
if [ -n "$debug_file" ]; then
	debug_file=$(abs "$debug_file")
	[ -e "$debug_file" ] && die "debug file '$debug_file' exists; refusing to overwrite it"
	dbg_dir=$(dirname "$debug_file")
	if [ ! -d "$dbg_dir" ] || [ ! -w "$dbg_dir" ]; then
		die_env "cannot write debug file '$debug_file'"
	fi
fi

# Checked: from here on files may be written.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/refconv.XXXXXX") || die_env "cannot create a temporary directory"
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup()
{
	local f
	# an interrupted --in-place leaves no half-written file behind
	for f in "$tmp"/inplace.*; do
		[ -e "$f" ] && rm -f "$(cat "$f")"
	done
	# nor an -o output half-written
	[ -z "$out_tmp" ] || rm -f "$out_tmp"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ -n "$debug_file" ]; then
	{ : >"$debug_file"; } 2>/dev/null || die_env "cannot write debug file '$debug_file'"
fi
if [ -n "$work" ]; then
	mkdir -p "$work" || die_env "cannot create work directory '$work'"
fi
if [ -n "$cache" ]; then
	mkdir -p "$cache/collect" 2>/dev/null || die_env "cannot create cache directory '$cache'"
fi
# every login of --hosts must run the same spatch and see the tree, refconv
# and this run's temporary directory where this machine does
if [ -n "$hosts" ]; then
	echo "$$ $RANDOM" >"$tmp/stamp"
	# shellcheck disable=SC2016 # expanded on the remote side
	remote=$(parallel --will-cite --nonall --tag --sshloginfile "$hosts" \
		'v=$(spatch --version 2>&1 | sed -n "s/^spatch version \([0-9.]*\).*/\1/p")' \
		"; s=\$(cat $(printf '%q' "$tmp/stamp") 2>/dev/null)" \
		"; [ -f $(printf '%q' "$top/scripts/lib/refconv_cocci.py") ] && t=1 || t=0" \
		"; [ -d $(printf '%q' "$tree") ] && d=1 || d=0" \
		'; echo "$v|$s|$t|$d"' 2>&1) || die_env "--hosts: cannot run on every login: $remote"
	want="$spatch_version|$(cat "$tmp/stamp")|1|1"
	while IFS=$'\t' read -r login got; do
		[ "$got" = "$want" ] ||
			die_env "--hosts: $login does not match this machine (spatch|stamp|refconv|tree: $got, want $want)"
	done <<<"$remote"
fi
if [ -n "$split" ]; then
	mkdir -p "$output" || die_env "cannot create '$output'"
	output=$(cd "$output" && pwd)
fi

# say MESSAGE - progress on stderr (none with -q), kept for a run that
# the run cache answers
say()
{
	[ "$quiet" = 1 ] || echo "$prog: $*" >&2
	printf '%s\n' "$*" >>"$tmp/said"
}

# All C sources of TREE, relative to TREE, NUL-separated ($tmp/tree.real),
# and those below M ($tmp/all.real): a conversion that decides over the run
# sees the whole tree, and changes only files below M.
cd "$tree"
find . \( -name .git -o -name .pc \) -prune -o -type f \
	\( -name '*.c' -o -name '*.h' \) -print0 |
	sed -z 's|^\./||' | sort -z >"$tmp/tree.real"
sub=''
[ -z "$subdir" ] || sub=$(realpath -m --relative-to=. "$subdir")
[ "$sub" = . ] && sub=''
# below SUB (everything when SUB is empty): a NUL-separated filter
below()
{
	awk -v RS='\0' -v ORS='\0' -v p="$sub/" 'p == "/" || index($0, p) == 1'
}
below <"$tmp/tree.real" >"$tmp/all.real"
nscanned=$(tr -cd '\0' <"$tmp/all.real" | wc -c)

# spatch cannot diff a file whose name has a space or a shell character: it
# gets such files through symlinks with safe names, and every output is
# mapped back (scripts/lib/normalize_diff.py)
mkdir "$tmp/alias"
: >"$tmp/aliasmap"
safe='^[A-Za-z0-9._/+,-]+$'
grep -zE "$safe" "$tmp/tree.real" >"$tmp/tree" || true
grep -zE "$safe" "$tmp/all.real" >"$tmp/all" || true
na=0
while IFS= read -r -d '' f; do
	na=$((na + 1))
	a=$tmp/alias/$na.${f##*.}
	ln -s "$tree/$f" "$a"
	printf '%s\t%s\n' "$a" "$f" >>"$tmp/aliasmap"
	printf '%s\0' "$a" >>"$tmp/tree"
	if [ -z "$sub" ] || [[ $f == "$sub/"* ]]; then
		printf '%s\0' "$a" >>"$tmp/all"
	fi
done < <(grep -zvE "$safe" "$tmp/tree.real" || true)

# real_names [--text] - map spatch's output back to the tree's file names
real_names()
{
	python3 "$top/scripts/lib/normalize_diff.py" "$tmp/aliasmap" "$@"
}

status=0 runs=0 cache_hits=0 decide_hits=0 tree_key='' transient=0
failures=()
declare -A phase_seconds=()

# spatch_argv COCCI MODE - the spatch command line of a batch ($argv),
# without the batch's files
spatch_argv()
{
	local opts=() extra=()
	read -r -a opts <<<"$(header_field "$1" Options)"
	[ -n "$spflags" ] && read -r -a extra <<<"$spflags"
	# --no-scanner: the files are chosen already; in a git checkout spatch
	# would otherwise run git grep over the whole repository per process
	argv=(spatch --sp-file "$1" -D "$2" --quiet --parse-error-msg --no-scanner
		--timeout "$timeout" --macro-file "$top/cocci/macros.h"
		"${opts[@]}" "${extra[@]}")
}

# run_spatch COCCI MODE LIST OUT
# Runs spatch over the NUL-separated files in LIST in parallel batches (GNU
# parallel, its joblog giving each batch's exit status) and writes the
# outputs in the order of LIST, for any -j, as OUT. A batch that fails is run
# again file by file; a file that still fails is named, counted with the
# parse failures, and its collect records are dropped: it is not analysed,
# and the occurrence audit blocks every field it uses. Records parse
# failures and timeouts in $tmp/parsefail and $tmp/timeouts.
run_spatch()
{
	local cocci=$1 m=$2 list=$3 out=$4 n batch start=$SECONDS argv
	n=$(tr -cd '\0' <"$list" | wc -c)
	: >"$out"
	[ "$n" -gt 0 ] || return 0
	# about eight batches per job, to balance the load, but at least 20
	# files per batch when there are enough: each spatch process spends
	# most of a second starting up (python, parsing the semantic patch)
	batch=$(((n + jobs * 8 - 1) / (jobs * 8)))
	local even=$(((n + jobs - 1) / jobs))
	[ "$even" -gt 20 ] && even=20
	[ "$batch" -lt "$even" ] && batch=$even
	runs=$((runs + 1))
	local d=$tmp/b$runs
	mkdir "$d"
	# one file per group: files of one group would be matched as one unit
	tr '\0' '\n' <"$list" | sed 's/$/\n/' | split -l $((batch * 2)) -a 5 - "$d/g."
	spatch_argv "$cocci" "$m"
	engine "$d" "${cocci##*/} $m" "$d"/g.*
	# a failed batch, again file by file, its records and output dropped
	local i g f
	while IFS=$'\t' read -r i g _; do
		grep -vE '^(init_defs_builtins|HANDLING):' "$d/$i.err" | tail -n 5 >&2 || true
		rm -f "$d/$i.out" "${REFCONV_WORK:-$tmp}/collect.r$runs.$i."*
		mkdir "$d/$i.again"
		grep . "$g" | split -l 1 -a 5 - "$d/$i.again/g."
		engine "$d/$i.again" "${cocci##*/} $m (again, file by file)" "$d/$i.again"/g.*
		while IFS=$'\t' read -r j f rc; do
			rm -f "${REFCONV_WORK:-$tmp}/collect.r$runs.$i.again.$j."*
			# killed, or not run at all: the next run may fare better
			[ "$rc" -lt 126 ] || transient=1
			f=$(grep . "$f")
			failures+=("${cocci##*/} ($m): spatch failed on $f")
			printf '%s\n' "$f" >>"$tmp/parsefail"
			[ -z "${REFCONV_WORK:-}" ] || printf '%s\n' "$f" >>"$REFCONV_WORK/failed"
			status=1
		done < <(failed "$d/$i.again")
	done < <(failed "$d")
	phase_seconds[$m]=$((${phase_seconds[$m]:-0} + SECONDS - start))
	# outputs and messages in the order of LIST
	local e
	for e in $(seq 1 "$(grep -c . "$d/groups")"); do
		if [ -d "$d/$e.again" ]; then
			cat "$d/$e.again"/*.out
			cat "$d/$e.again"/*.err >>"$d/err"
		else
			cat "$d/$e.out"
			cat "$d/$e.err" >>"$d/err"
		fi
	done >>"$out" 2>/dev/null
	sed -n 's/^ = error in \(.*\); set verbose_parsing.*/\1/p' "$d/err" >>"$tmp/parsefail"
	sed -n 's/^EXN: .*Timeout in \(.*\)$/\1/p' "$d/err" >"$d/timeouts"
	cat "$d/timeouts" >>"$tmp/timeouts"
	# what a collect pass wrote before its time ran out is no analysis
	# either: the file's records are dropped as a failed file's are
	[ "$m" != collect ] || [ -z "${REFCONV_WORK:-}" ] || cat "$d/timeouts" >>"$REFCONV_WORK/failed"
	[ -n "$debug_file" ] && cat "$d/err" >>"$debug_file"
	[ "$verbose" = 1 ] && cat "$d/err" >&2
	rm -rf "$d"
}

# engine DIR WHAT GROUP... - $argv over each group file (spatch's
# --file-groups) with GNU parallel: job I's stdout in DIR/I.out, its stderr
# in DIR/I.err, its collect records in WORK/collect.rRUN.I.<pid>, and
# DIR/joblog; a progress bar on a terminal. With --hosts, jobs run on the
# ssh logins of that file, which see TREE, refconv and the run's temporary
# directory at the same paths.
engine()
{
	local dir=$1 what=$2 popts=() tag
	shift 2
	[ "$quiet" = 0 ] && [ -t 2 ] && popts+=(--bar)
	local slots=$jobs
	if [ -n "$hosts" ]; then
		popts+=(--sshloginfile "$hosts" --workdir "$tree" --env REFCONV_WORK
			--env REFCONV_COCCI --env REFCONV_SPEC --env REFCONV_PYLIB
			--env REFCONV_BATCH)
		slots=$jslots
	fi
	[ "$verbose" = 1 ] && say "running ${argv[*]} over $# batch(es) ($what)"
	printf '%s\n' "$@" >"$dir/groups"
	tag=r$runs
	[[ $dir == */*.again ]] && tag+=.${dir##*/}
	# shellcheck disable=SC2016 # expanded by parallel's shell
	REFCONV_BATCH=$tag parallel --will-cite --joblog "$dir/joblog" -j "$slots" \
		"${popts[@]}" 'REFCONV_BATCH=$REFCONV_BATCH.{#}' \
		"$(printf '%q ' "${argv[@]}")" --file-groups '{}' \
		">$(printf '%q' "$dir")/{#}.out" "2>$(printf '%q' "$dir")/{#}.err" \
		<"$dir/groups" || true
}

# failed DIR - "I<TAB>GROUP<TAB>STATUS" for each job of DIR that did not
# exit 0 (killed by signal N: STATUS 128+N; never run: 255)
failed()
{
	awk -F'\t' 'NR == FNR { if (FNR > 1) rc[$1] = ($8 != 0) ? 128 + $8 : $7; next }
		!(FNR in rc) { print FNR "\t" $0 "\t255"; next }
		rc[FNR] != 0 { print FNR "\t" $0 "\t" rc[FNR] }' "$1/joblog" "$1/groups"
}

# prefilter COCCI LIST - the candidate files of LIST for COCCI: those
# matching its "// Prefilter:" extended regular expression (every file
# without one).
prefilter()
{
	local re
	re=$(header_field "$1" Prefilter)
	if header_field "$1" Options | grep -q -- --include-headers; then
		cat "$2"
	else
		tr '\0' '\n' <"$2" | grep '\.c$' | tr '\n' '\0' || true
	fi >"$tmp/set"
	if [ -n "$re" ]; then
		xargs -0 -r grep -lZE -- "$re" <"$tmp/set" | sort -z || true
	else
		cat "$tmp/set"
	fi
}

# run_decide DECIDE WORK - one decide step, every round's time counted in
# the summary; sets the caller's $verdict. Through the decide cache
# (scripts/lib/cache.py) when nothing it reads has changed.
run_decide()
{
	local t0=$SECONDS k='' lib=$top/scripts/lib
	if [ -n "$cache" ]; then
		[ -n "$tree_key" ] ||
			tree_key=$(python3 "$lib/cache.py" tree-hash "$cache" "$tree" <"$tmp/tree.real")
		k=$(python3 "$lib/cache.py" key "$2" "$tree_key" "$1" "$lib"/*.py \
			"$REFCONV_COCCI" "${REFCONV_SPEC:-}" "spatch $spatch_version")
		if verdict=$(python3 "$lib/cache.py" decide-get "$cache" "$k" "$2"); then
			decide_hits=$((decide_hits + 1))
			phase_seconds[decide]=$((${phase_seconds[decide]:-0} + SECONDS - t0))
			return
		fi
	fi
	# the occurrence audit keeps its per-file scans in the cache too
	verdict=$(REFCONV_CACHE=$cache python3 "$1" decide "$2")
	if [ -n "$k" ]; then
		printf '%s\n' "$verdict" >"$tmp/verdict"
		python3 "$lib/cache.py" decide-put "$cache" "$k" "$2" "$tmp/verdict"
	fi
	phase_seconds[decide]=$((${phase_seconds[decide]:-0} + SECONDS - t0))
}

# prepare COCCI - the steps COCCI's modes share, run once per .cocci even
# when chain mode tries several modes: the candidate files ($tmp/cand,
# $ncand) and, for a .cocci with "virtual collect", names -> collect ->
# decide, whose decisions ($cwork) and narrowed semantic patch ($sp) every
# mode then applies. Such a conversion decides over the whole TREE (its
# names, collect and decide steps see every candidate file); M= limits the
# files it may change (WORK/scope).
prepare()
{
	local cocci=$1 name decide
	name=$(basename "$cocci" .cocci)
	sp=$cocci cwork=''
	unset REFCONV_WORK REFCONV_COCCI
	if ! has_virtual "$cocci" collect; then
		prefilter "$cocci" "$tmp/all" >"$tmp/cand"
		ncand=$(tr -cd '\0' <"$tmp/cand" | wc -c)
		return 0
	fi
	prefilter "$cocci" "$tmp/tree" >"$tmp/cand"
	ncand=$(tr -cd '\0' <"$tmp/cand" | wc -c)
	decide=$top/scripts/decide-$name.py
	cwork=${work:-$tmp/work}/$name
	rm -rf "$cwork"
	mkdir -p "$cwork"
	export REFCONV_WORK=$cwork REFCONV_COCCI=$cocci
	# the whole tree, for the occurrence audit (scripts/lib/audit.py)
	tr '\0' '\n' <"$tmp/tree" >"$cwork/tree"
	cp "$tmp/aliasmap" "$cwork/aliases"
	# the files below M=, the only ones the run may change
	[ -z "$sub" ] || tr '\0' '\n' <"$tmp/all" >"$cwork/scope"
	tr '\0' '\n' <"$tmp/cand" | python3 "$decide" names "$cwork"
	# the names step may narrow the semantic patch itself to the run
	[ -s "$cwork/$name.cocci" ] && sp=$cwork/$name.cocci
	# the names step may narrow the files worth collecting
	[ -f "$cwork/candidates" ] && tr '\n' '\0' <"$cwork/candidates" >"$tmp/cand"
	ncand=$(tr -cd '\0' <"$tmp/cand" | wc -c)
	collect "$cocci" "$sp" "$tmp/cand"
	local verdict
	run_decide "$decide" "$cwork"
	# the decide step may ask for another collect round over more files
	while [ -s "$cwork/more" ]; do
		tr '\n' '\0' <"$cwork/more" >"$tmp/more"
		rm -f "$cwork/more"
		ncand=$((ncand + $(tr -cd '\0' <"$tmp/more" | wc -c)))
		collect "$cocci" "$sp" "$tmp/more"
		run_decide "$decide" "$cwork"
	done
	say "$verdict"
}

# run_key COCCI SP - what every collect record of the run depends on besides
# its file (scripts/lib/cache.py): a names step that only narrowed
# COCCI to the run's names (WORK/narrowed) leaves the key to the names each
# file spells
run_key()
{
	{
		echo "spatch $spatch_version timeout-independent; flags $spflags"
		cat "$1" "$top/cocci/macros.h" "$top"/scripts/lib/*.py "$top/scripts/run-cocci.sh"
		[ -f "$cwork/narrowed" ] || [ "$2" = "$1" ] || cat "$2"
		[ -z "${REFCONV_SPEC:-}" ] || cat "$REFCONV_SPEC"
	} | sha256sum | cut -d' ' -f1
}

# collect COCCI SP LIST - the collect pass of SP over LIST, through the cache
collect()
{
	if [ -z "$cache" ]; then
		run_spatch "$2" collect "$3" "$tmp/collect.out"
		return
	fi
	local t0=$SECONDS counts hits slow
	counts=$(python3 "$top/scripts/lib/cache.py" lookup "$cache" "$cwork" \
		"$(run_key "$1" "$2")" "$tmp/misses" "$tmp/parsefail" "$tmp/timeouts" \
		"$timeout" <"$3")
	read -r hits _ slow <<<"$counts"
	cache_hits=$((cache_hits + hits))
	# a file that timed out with this --timeout before is not retried
	[ "$slow" = 0 ] ||
		say "$slow file(s) timed out with this --timeout in an earlier run (from the cache; a longer --timeout tries again)"
	phase_seconds[cache]=$((${phase_seconds[cache]:-0} + SECONDS - t0))
	run_spatch "$2" collect "$tmp/misses" "$tmp/collect.out"
	t0=$SECONDS
	python3 "$top/scripts/lib/cache.py" store "$cache" "$cwork" \
		"$tmp/parsefail" "$tmp/timeouts" "$timeout"
	phase_seconds[cache]=$((${phase_seconds[cache]:-0} + SECONDS - t0))
}

# apply MODE OUT - the prepared .cocci in one mode
apply()
{
	local m=$1 out=$2
	if [ -z "$cwork" ]; then
		run_spatch "$sp" "$m" "$tmp/cand" "$out"
		return
	fi
	# a mode that only changes files may use the shorter list, if given
	if [ "$m" = patch ] && [ -f "$cwork/files.patch" ]; then
		tr '\n' '\0' <"$cwork/files.patch" >"$tmp/apply"
	else
		tr '\n' '\0' <"$cwork/files" >"$tmp/apply"
	fi
	# M=: only files below it change or are reported
	if [ -n "$sub" ]; then
		awk -v RS='\0' -v ORS='\0' 'NR == FNR { in_m[$0]; next }
			$0 in in_m' "$tmp/all" - <"$tmp/apply" >"$tmp/apply.m"
		mv "$tmp/apply.m" "$tmp/apply"
	fi
	run_spatch "$sp" "$m" "$tmp/apply" "$out"
}

# sort_org - org entries in the order of report lines: by file, line and
# column (then text, as sort(1) breaks ties). An entry is a "* TODO
# [[view:FILE::face=...::linb=L::colb=C..." line with the lines below it
# (coccilib.org.print_link's), which stay with it. Bytes, as LC_ALL=C.
sort_org()
{
	python3 -c '
import re, sys
entries = []
for line in sys.stdin.buffer:
    if not line.endswith(b"\n"):
        line += b"\n"
    if line.startswith(b"* ") or not entries:
        entries.append([line])
    else:
        entries[-1].append(line)
link = re.compile(rb"\* TODO \[\[view:(.*?)::face=[^:]*::linb=(\d+)::colb=(\d+)")
def key(entry):
    m = link.match(entry[0])
    text = b"".join(entry)
    return (m.group(1), int(m.group(2)), int(m.group(3)), text) if m else (b"", 0, 0, text)
for entry in sorted(entries, key=key):
    sys.stdout.buffer.write(b"".join(entry))
'
}

# apply_inplace PATCH - apply a unified diff (paths a/... b/... relative to
# the tree) file by file: each file is patched into a temporary copy and
# renamed over the original, so every file is either old or new.
apply_inplace()
{
	local p=$1 f n=0
	awk -v dir="$tmp/pp" '
		/^diff -u -p / { n++; file = sprintf("%s/%05d", dir, n) }
		{ if (file) print > file }' "$p"
	for f in "$tmp"/pp/*; do
		[ -f "$f" ] || continue
		local target
		target=$(sed -n 's|^+++ b/||p' "$f" | head -n 1 | sed 's/\t$//')
		n=$((n + 1))
		echo "$target.refconv-new" >"$tmp/inplace.$n"
		patch -s -p1 -o "$target.refconv-new" "$target" <"$f" >/dev/null
		chmod --reference="$target" "$target.refconv-new"
		mv -f "$target.refconv-new" "$target"
		rm -f "$tmp/inplace.$n"
	done
}

# write_output FILE - FILE to -o's file, only now that the run is done, and
# through a temporary file renamed over it: an interrupted run leaves the
# old output
write_output()
{
	local mask
	if [ "$out_direct" = 1 ]; then
		cat "$1" >"$output" || die_env "cannot write '$output'"
		return
	fi
	out_tmp=$(mktemp "$(dirname "$output")/.${output##*/}.XXXXXX") ||
		die_env "cannot write '$output'"
	if [ -e "$output" ]; then
		chmod --reference="$output" "$out_tmp"
	else
		# the mode a plain redirection would give it
		mask=$(umask)
		chmod "$(printf '%o' $((0666 & ~mask)))" "$out_tmp"
	fi
	cat "$1" >"$out_tmp" || die_env "cannot write '$output'"
	mv -f "$out_tmp" "$output" || die_env "cannot write '$output'"
	out_tmp=''
}

t0=$SECONDS
mkdir -p "$tmp/pp"
result=$tmp/result
: >"$result"
: >"$tmp/parsefail"
: >"$tmp/timeouts"
ncand=0 total_cand=0
: >"$tmp/said"
: >"$tmp/patch"
# The run cache: a run whose tree, semantic patches, spec, options and
# tools are all unchanged prints what it printed last time, without
# running spatch. Not with --work or --split-by, whose directories the
# user wants written, nor for a tree with files spatch takes through
# per-run aliases.
run_entry=''
if [ -n "$cache" ] && [ -z "$work" ] && [ -z "$split" ] && [ ! -s "$tmp/aliasmap" ]; then
	tree_key=$(python3 "$top/scripts/lib/cache.py" tree-hash "$cache" "$tree" <"$tmp/tree.real")
	k=$({
		printf '%s\n' "refconv-run 1" "$tree_key" "$mode" "$sub" "$spflags" "$timeout" \
			"$spatch_version" "${coccis[@]}"
		cat "${coccis[@]}" "$top"/scripts/*.py "$top"/scripts/*.sh "$top"/scripts/lib/*.py \
			"$top/cocci/macros.h"
		[ -z "${REFCONV_SPEC:-}" ] || cat "$REFCONV_SPEC"
	} | sha256sum | cut -d' ' -f1)
	run_entry=$cache/run/${k:0:2}/$k
fi
from_cache=0
if [ -n "$run_entry" ] && [ -f "$run_entry/said" ]; then
	for f in result patch parsefail timeouts; do
		cp "$run_entry/$f" "$tmp/$f"
	done
	total_cand=$(cat "$run_entry/candidates")
	while IFS= read -r line; do
		say "$line"
	done <"$run_entry/said"
	mapfile -t failures <"$run_entry/failures"
	status=$(cat "$run_entry/status")
	from_cache=1
fi
[ "$from_cache" = 1 ] || for cocci in "${coccis[@]}"; do
	name=${cocci##*/}
	if [ -n "$spatch_version" ]; then
		req=$(header_field "$cocci" Requires)
		if [ -n "$req" ] && ! version_ge "$spatch_version" "$req"; then
			say "warning: $name requires spatch $req (have $spatch_version); skipped"
			continue
		fi
	fi
	if [ "$mode" = chain ]; then
		modes=(patch report context org)
	else
		modes=("$mode")
	fi
	ran=0 ncand=0
	for m in "${modes[@]}"; do
		if ! has_virtual "$cocci" "$m"; then
			[ "$mode" = chain ] || say "warning: $name has no $m mode; skipped"
			continue
		fi
		[ "$ran" = 1 ] || prepare "$cocci"
		ran=1
		[ "$verbose" = 1 ] && say "running $name in $m mode"
		apply "$m" "$tmp/one.raw"
		case $m in
		patch | context) real_names <"$tmp/one.raw" >"$tmp/one" ;;
		*) real_names --text <"$tmp/one.raw" >"$tmp/one" ;;
		esac
		if [ -s "$tmp/one" ]; then
			case $m in
			# report lines sorted by file, then line
			report) LC_ALL=C sort -t: -k1,1 -k2,2n -k3,3n "$tmp/one" ;;
			org) sort_org <"$tmp/one" ;;
			*) cat "$tmp/one" ;;
			esac >>"$result"
			[ "$m" = patch ] && cat "$tmp/one" >>"$tmp/patch"
			break
		fi
	done
	[ "$ran" = 1 ] || say "warning: $name supports none of the modes asked for; skipped"
	total_cand=$((total_cand + ncand))
	unset REFCONV_WORK REFCONV_COCCI
done

# Stored unless the outcome may differ next time (a killed spatch). A file
# spatch fails on fails again (the same text, the same spatch), and a
# timeout is the result of that --timeout (part of the key), as in the
# collect cache: such a run is stored with its failures and status.
if [ -n "$run_entry" ] && [ "$from_cache" = 0 ] && [ "$transient" = 0 ]; then
	mkdir -p "$(dirname "$run_entry")"
	new=$(mktemp -d "$(dirname "$run_entry")/.new.XXXXXX")
	for f in result patch parsefail timeouts said; do
		cp "$tmp/$f" "$new/$f"
	done
	echo "$total_cand" >"$new/candidates"
	printf '%s' "${failures[@]/%/$'\n'}" >"$new/failures"
	echo "$status" >"$new/status"
	mv -T "$new" "$run_entry" 2>/dev/null || rm -rf "$new"
fi
if [ "$inplace" = 1 ] && [ -s "$tmp/patch" ]; then
	apply_inplace "$tmp/patch"
fi
if [ -n "$split" ]; then
	if [ -s "$tmp/patch" ]; then
		cargs=()
		for c in "${coccis[@]}"; do
			cargs+=(--cocci "$c")
		done
		python3 "$top/scripts/split-patch.py" --by "$split" --tree "$tree" \
			--out "$output" --work "${work:-$tmp/work}" "${cargs[@]}" "$tmp/patch" >"$tmp/series"
		say "series of $(wc -l <"$tmp/series") patch(es) in $output"
	fi
elif [ -n "$output" ]; then
	write_output "$result"
else
	cat "$result"
fi

nchanged=0
[ -s "$tmp/patch" ] && nchanged=$(sed -n 's|^+++ b/||p' "$tmp/patch" | sort -u | wc -l)
# only files of the tree count: once a rule has changed a function, spatch
# re-parses it from a temporary file and may report that file too
tr '\0' '\n' <"$tmp/tree.real" >"$tmp/all.lines"
for f in parsefail timeouts; do
	real_names --text <"$tmp/$f" | sort -u | grep -Fx -f "$tmp/all.lines" >"$tmp/$f.u" || true
	mv "$tmp/$f.u" "$tmp/$f"
done
nparse=$(wc -l <"$tmp/parsefail")
ntimeout=$(wc -l <"$tmp/timeouts")
if [ "$quiet" = 0 ]; then
	if [ "$nparse" -gt 0 ]; then
		say "files spatch could not parse completely (functions in them were skipped):"
		sed 's/^/  /' "$tmp/parsefail" >&2
	fi
	if [ "$ntimeout" -gt 0 ]; then
		say "files that hit the ${timeout}s timeout (not converted):"
		sed 's/^/  /' "$tmp/timeouts" >&2
	fi
	phases=
	for p in cache collect decide patch report context org; do
		[ -n "${phase_seconds[$p]:-}" ] && phases+="${phases:+, }$p ${phase_seconds[$p]} s"
	done
	cached=''
	[ -z "$cache" ] || [ "$from_cache" = 1 ] || cached=" ($cache_hits from the cache)"
	[ "$decide_hits" = 0 ] || phases+="${phases:+, }$decide_hits decide step(s) from the cache"
	[ "$from_cache" = 0 ] || phases+="${phases:+, }all from the run cache"
	say "summary: $nscanned files scanned, $total_cand candidates$cached, $nchanged changed," \
		"$nparse parse failures, $ntimeout timeouts, $((SECONDS - t0)) s${phases:+ ($phases)}"
fi
for f in "${failures[@]}"; do
	echo "$prog: error: $f" >&2
done
exit "$status"
