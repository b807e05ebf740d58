#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# budget: 240
# Kernel runtime self-test: build refconv.ko (runtime/linux) and
# refconv_ktest.ko (tests/kernel) against Debian's kernel headers, boot the
# matching Debian kernel under qemu (TCG) with a busybox initramfs that loads
# them, and turn the console into one PASS:/FAIL: line per case.
#
# Environment: CI (set: missing packages fail instead of skip, as in
# tests/lib/check.sh),
# REFCONV_KTEST_TIMEOUT (qemu deadline, s; default 120),
# REFCONV_KTEST_KEEP (set: keep the work directory and say where).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
suite=kernel
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"
# shellcheck source=../lib/kernel.sh disable=SC1091
. "$top/tests/lib/kernel.sh"

timeout_s=${REFCONV_KTEST_TIMEOUT:-120}
packages="apt-get install linux-headers-amd64 linux-image-amd64 qemu-system-x86 busybox-static cpio"

# lacking WHY - the tools are missing: skip, or fail under CI
lacking()
{
	unavailable "$1; $packages"
}

kdir=$(kernel_build_dir 2>/dev/null) || lacking "no Debian kernel headers"
krel=$(kernel_release)
vmlinuz=/boot/vmlinuz-$krel
[ -r "$vmlinuz" ] || lacking "no readable $vmlinuz matching the headers"
command -v qemu-system-x86_64 >/dev/null || lacking "no qemu-system-x86_64"
command -v cpio >/dev/null || lacking "no cpio"
[ -x /bin/busybox ] || lacking "no /bin/busybox"
if command -v readelf >/dev/null &&
	readelf -l /bin/busybox 2>/dev/null | grep -q 'program interpreter'; then
	lacking "/bin/busybox is dynamically linked (need busybox-static)"
fi

# kbuild cannot cope with spaces: build in a temporary directory without any.
work=$(mktemp -d -t refconv-ktest.XXXXXX)
case $work in
*[[:space:]]*)
	rmdir "$work"
	work=$(env -u TMPDIR mktemp -d -t refconv-ktest.XXXXXX)
	;;
esac
if [ -n "${REFCONV_KTEST_KEEP:-}" ]; then
	trap 'echo "kernel: work directory kept: $work"' EXIT
else
	trap 'rm -rf "$work"' EXIT
fi

# Copy the sources (not any stray build output) keeping the repository
# layout, so the Kbuild files' relative include path works in the copy.
src=$work/src
for d in include/linux runtime/linux tests/kernel; do
	mkdir -p "$src/$d"
	find "$top/$d" -maxdepth 1 -type f \( -name '*.[ch]' -o -name Kbuild \) \
		-exec cp {} "$src/$d/" \;
done

build_log=$work/build.log
build()
{
	make -C "$kdir" -j2 W=1 M="$src/runtime/linux" modules &&
		make -C "$kdir" -j2 W=1 M="$src/tests/kernel" \
			KBUILD_EXTRA_SYMBOLS="$src/runtime/linux/Module.symvers" modules
}
if ! build >"$build_log" 2>&1; then
	echo "kernel: module build failed against $kdir:"
	grep -v 'Skipping BTF' "$build_log" | tail -n 40
	fail build
	exit "$rc"
fi
pass build

# Initramfs: static busybox, the two modules, and an /init that loads them,
# unloads them after a clean run (exercising the exit paths), powers off.
root=$work/root
mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev"
cp /bin/busybox "$root/bin/busybox"
cp "$src/runtime/linux/refconv.ko" "$src/tests/kernel/refconv_ktest.ko" "$root/"
cat >"$root/init" <<'EOF'
#!/bin/busybox sh
bb=/bin/busybox
$bb mount -t proc proc /proc
$bb mount -t sysfs sys /sys
$bb mount -t devtmpfs dev /dev
$bb dmesg -n 8
if $bb insmod /refconv.ko && $bb insmod /refconv_ktest.ko; then
	if $bb dmesg | $bb grep -q 'refconv-ktest: [0-9]* passed, 0 failed'; then
		$bb rmmod refconv_ktest && $bb rmmod refconv &&
			echo "refconv-init: unloaded"
	fi
else
	echo "refconv-init: insmod failed"
fi
$bb poweroff -f
EOF
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$work/initrd.gz"

# TCG only: KVM hangs on the machines this runs on.
console=$work/console.log
start=$(date +%s%N)
qemu_rc=0
timeout "$timeout_s" qemu-system-x86_64 -accel tcg -smp 2 -m 512 \
	-nographic -no-reboot -kernel "$vmlinuz" -initrd "$work/initrd.gz" \
	-append "console=ttyS0 panic=-1 oops=panic quiet loglevel=4" \
	</dev/null >"$console" 2>&1 || qemu_rc=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
tr -d '\r' <"$console" >"$console.txt"
console=$console.txt

case $qemu_rc in
0) ;;
124) echo "kernel: qemu killed after ${timeout_s} s" ;;
*) echo "kernel: qemu exited $qemu_rc" ;;
esac
echo "kernel: $krel booted under qemu-tcg, boot to power-off $((elapsed_ms / 1000)).$((elapsed_ms % 1000 / 100)) s"

# Diagnostics of a failed run first (assertions, timeouts), then one line per case.
if grep -q 'refconv-ktest: [a-z0-9_]*: FAIL$' "$console"; then
	echo "kernel: diagnostics of the self-test:"
	grep 'refconv-ktest: ' "$console" | grep -Ev ': (PASS|FAIL)$' | sed 's/^/kernel: | /'
fi
results=$(sed -n 's/.*refconv-ktest: \([a-z0-9_]*\): \(PASS\|FAIL\)$/\2 \1/p' "$console")
npass=0 nfail=0
while read -r verdict name; do
	[ -n "$verdict" ] || continue
	if [ "$verdict" = PASS ]; then
		pass "$name"
		npass=$((npass + 1))
	else
		fail "$name"
		nfail=$((nfail + 1))
	fi
done <<<"$results"

summary=$(grep -Eo 'refconv-ktest: [0-9]+ passed, [0-9]+ failed' "$console" | tail -n 1 || true)
if [ -z "$summary" ]; then
	echo "kernel: no summary line; console tail:"
	tail -n 40 "$console" | sed 's/^/kernel: | /'
	fail summary
elif [ "$summary" != "refconv-ktest: $npass passed, $nfail failed" ] || [ "$nfail" -ne 0 ]; then
	echo "kernel: module says '${summary#refconv-ktest: }', console shows $npass PASS and $nfail FAIL lines"
	fail summary
else
	pass summary
fi

if grep -q 'refconv-init: unloaded' "$console" && ! grep -q 'reference(s) leaked' "$console"; then
	pass unload
elif [ "$rc" -eq 0 ]; then
	grep -E 'refconv-init|ref_debug: ' "$console" | sed 's/^/kernel: /' || true
	fail unload
else
	skip unload "cases failed; modules left loaded"
fi

# Saturation cases warn from lib/refcount.c on purpose; nothing else may.
bad=$(grep -E 'BUG:|Oops|general protection|Kernel panic|WARNING: CPU' "$console" |
	grep -v 'at lib/refcount.c:' || true)
if [ -n "$bad" ]; then
	printf 'kernel: %s\n' "$bad"
	fail log_clean
else
	pass log_clean
fi

exit "$rc"
