#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# budget: 30
# API parity: include/refconv/X.h and include/linux/X.h declare the same
# public names (functions, macros, types, struct tags) with the same
# parameter counts, except for the differences tests/api/allowlist lists
# with a reason; refcount.h and atomic.h are compared with the kernel's own
# headers when linux-headers-amd64 is installed. One PASS/FAIL/SKIP line
# per API (see check_api.py).
#
# Usage: tests/api/run.sh [API...]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
suite=api
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"
# shellcheck source=../lib/kernel.sh disable=SC1091
. "$top/tests/lib/kernel.sh"

need python3 python3
need gcc gcc

args=()
if kdir=$(kernel_build_dir 2>/dev/null); then
	args+=(--kernel-build "$kdir")
else
	# check_api.py skips the comparison with the kernel's own headers:
	# under CI that is a failure
	if in_ci; then
		fail kernel-headers "no kernel headers: apt-get install linux-headers-amd64"
	fi
fi
python3 "$here/check_api.py" "${args[@]}" "$@" || rc=1
exit "$rc"
