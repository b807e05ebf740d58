#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The grab benchmark: a get helper inlined back into its callers, then
# grab.cocci asked to turn the open-coded gets back into the helper.
#
# SRC (a Linux source tree) is copied, each "GET(X);" of the files that
# name GET becomes "atomic_inc(&X->FIELD);" (bench/inline-get.py; GET's own
# body already is one, and must stay), and grab.cocci runs with the spec
# "grab TYPE FIELD GET PUT" in report mode and in patch mode. Prints the
# inlined sites, how many grab converts back (the report's WARNINGs, which
# must be the patch's GET() lines) and why it keeps the others. The whole
# tree is given: the types grab reads from the text (globals and struct
# members declared in headers, the current macro) live in its headers.
#
# Usage: bench/grab.sh [-j J] [-o OUT] SRC [TYPE FIELD GET PUT]
#   (default: mm_struct mm_count mmgrab mmdrop, seed 001's case)
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$top/bench/lib.sh"
usage() { echo "usage: ${0##*/} [-j J] [-o OUT] SRC [TYPE FIELD GET PUT]" >&2; exit 2; }
bench_opts "$@"
shift "$nopts"
[ $# -eq 1 ] || [ $# -eq 5 ] || usage
src=$(cd "$1" && pwd)
type=${2:-mm_struct} field=${3:-mm_count} get=${4:-mmgrab} put=${5:-mmdrop}

bench_out tree
cp -a "$src/." "$out/tree/"
(cd "$src" && grep -rlw --include='*.[ch]' "$get" . | sed 's|^\./||' | LC_ALL=C sort) >"$out/files"
xargs -d '\n' "$top/bench/inline-get.py" "$out/tree" "$get" "$field" <"$out/files" >"$out/inlined"
echo "grab $type $field $get $put" >"$out/spec"
"$top/scripts/run-cocci.sh" -j "$jobs" --no-cache -m report -s "$out/spec" --work "$out/work" \
	"$top/cocci/grab.cocci" "$out/tree" >"$out/report" 2>"$out/run.err" ||
	{ tail -n 5 "$out/run.err" >&2; exit 1; }
"$top/scripts/run-cocci.sh" -j "$jobs" --no-cache -m patch -s "$out/spec" \
	"$top/cocci/grab.cocci" "$out/tree" >"$out/patch" 2>"$out/patch.err" ||
	{ tail -n 5 "$out/patch.err" >&2; exit 1; }

# the report's line for each inlined site: FILE:LINE:... WARNING (converted)
# or INFO ... kept: WHY
awk -F: 'NR == FNR { want[$1 ":" $2] = 1; next }
	($1 ":" $2) in want { print }' "$out/inlined" "$out/report" >"$out/sites"
n=$(wc -l <"$out/inlined")
conv=$(grep -c ': WARNING: ' "$out/sites" || true)
patched=$(grep -cE "^\+[[:space:]]*$get\(" "$out/patch" || true)
echo "grab: $n $get() calls inlined, $conv converted back, $((n - conv)) kept; the patch has $patched $get() calls"
sed -n 's/.* kept: //p' "$out/sites" | LC_ALL=C sort | uniq -c |
	sort -k1,1nr -k2 | sed 's/^ *\([0-9]*\) /grab: kept: \1 /'
missing=$(awk -F: 'NR == FNR { seen[$1 ":" $2] = 1; next } !(($1 ":" $2) in seen)' "$out/sites" "$out/inlined")
[ -z "$missing" ] || printf '%s\n' "$missing" | sed 's/^/grab: not reported: /'
