#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# deps.sh - make sure the Debian packages a target needs are installed.
#
# Usage: scripts/deps.sh coccicheck|check
#
# Missing packages are installed with apt-get when running as root (as on a
# fresh Debian 12 machine or in CI); otherwise the exact apt-get command is
# printed and the script fails. This is the project's one list of packages.
set -euo pipefail

case ${1:-} in
coccicheck)
	packages=(coccinelle python3 patch parallel)
	;;
check)
	packages=(coccinelle python3 python3-pyflakes patch make gcc clang
		shellcheck parallel pkg-config liburcu-dev linux-headers-amd64
		linux-image-amd64 qemu-system-x86 busybox-static cpio
		linux-source-6.1 openssh-server openssh-client)
	;;
*)
	echo "usage: ${0##*/} coccicheck|check" >&2
	exit 2
	;;
esac

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
	echo "${0##*/}: missing Debian packages; install them with:" >&2
	echo "  apt-get install ${missing[*]}" >&2
	exit 1
fi
echo "${0##*/}: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
