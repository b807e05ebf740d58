# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# Shared helpers for tests that build against Debian's kernel headers.
# Source it from bash; it defines functions only.

# kernel_build_dir - print the kbuild directory of the newest installed
# Debian linux-headers-*-amd64, or fail with the package to install.
kernel_build_dir()
{
	local d best=
	for d in /usr/src/linux-headers-*-amd64; do
		[ -f "$d/Makefile" ] && best=$d
	done
	if [ -z "$best" ]; then
		echo "no kernel headers: apt-get install linux-headers-amd64" >&2
		return 1
	fi
	printf '%s\n' "$best"
}

# kernel_release - print the release (e.g. 6.1.0-56-amd64) of those headers.
kernel_release()
{
	local d
	d=$(kernel_build_dir) || return 1
	d=${d##*/linux-headers-}
	printf '%s\n' "$d"
}
