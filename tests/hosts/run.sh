#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# budget: 240
# --hosts FILE spreads the spatch batches over ssh logins: two logins to a
# throwaway sshd on a loopback port (its own host and user keys, stopped
# afterwards) must give exactly the output of a local run, for every
# conversion of examples/ and for a collecting conversion with M=; both
# logins must have run batches; a login that cannot be reached is refused
# before anything runs.
# shellcheck disable=SC2317 # test functions are called through check
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
drv=$top/scripts/run-cocci.sh
suite=hosts
# shellcheck source=tests/lib/check.sh
. "$top/tests/lib/check.sh"

need spatch coccinelle
need parallel parallel
need ssh openssh-client
need ssh-keygen openssh-client
[ -x /usr/sbin/sshd ] || unavailable "no /usr/sbin/sshd: apt-get install openssh-server"

t=$(mktemp -d "${TMPDIR:-/tmp}/refconv hosts.XXXXXX")
# shellcheck disable=SC2329 # called by the EXIT trap
stop()
{
	[ ! -f "$t/sshd.pid" ] || kill "$(cat "$t/sshd.pid")" 2>/dev/null || true
	rm -rf "$t"
}
trap stop EXIT

ssh-keygen -q -t ed25519 -N '' -f "$t/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$t/user_key"
cp "$t/user_key.pub" "$t/authorized_keys"
# sshd needs its privilege-separation directory
[ "$(id -u)" != 0 ] || mkdir -p /run/sshd
port=''
for p in $(shuf -i 20000-60000 -n 20); do
	cat >"$t/sshd_config" <<EOF
Port $p
ListenAddress 127.0.0.1
HostKey "$t/host_key"
AuthorizedKeysFile "$t/authorized_keys"
PidFile "$t/sshd.pid"
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
SetEnv LC_ALL=C
EOF
	if /usr/sbin/sshd -f "$t/sshd_config" -E "$t/sshd.log"; then
		for _ in $(seq 50); do
			[ -s "$t/sshd.pid" ] && break
			sleep 0.1
		done
		port=$p
		break
	fi
done
[ -n "$port" ] || { fail start_sshd "no sshd on a loopback port: $(tail -n 3 "$t/sshd.log")"; exit "$rc"; }
cat >"$t/ssh_config" <<EOF
Host one two
  HostName 127.0.0.1
  Port $port
  IdentityFile "$t/user_key"
  IdentitiesOnly yes
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  BatchMode yes
  LogLevel ERROR
EOF
q=$(printf '%q' "$t/ssh_config")
printf '1/ssh -F %s one\n1/ssh -F %s two\n' "$q" "$q" >"$t/hosts"

cp -r "$top/examples" "$t/ex"

examples_same_as_local()
{
	"$drv" -q --no-cache -m patch "$top/cocci" "$t/ex" >"$t/local" &&
		"$drv" -q --no-cache --hosts "$t/hosts" -m patch "$top/cocci" "$t/ex" >"$t/remote" &&
		[ -s "$t/local" ] && cmp "$t/local" "$t/remote"
}
check hosts examples_same_as_local examples_same_as_local

collect_with_subdir_same_as_local()
{
	local c=$top/cocci/refcount.cocci
	"$drv" -q --no-cache -m report -M kernel "$c" "$t/ex" >"$t/local.m" &&
		"$drv" -q --no-cache --hosts "$t/hosts" -m report -M kernel "$c" "$t/ex" >"$t/remote.m" &&
		[ -s "$t/local.m" ] && cmp "$t/local.m" "$t/remote.m"
}
check hosts collect_with_subdir_same_as_local collect_with_subdir_same_as_local

both_logins_ran_batches()
{
	[ "$(grep -c 'Accepted publickey' "$t/sshd.log")" -ge 2 ]
}
check hosts both_logins_ran_batches both_logins_ran_batches

# a login that cannot be reached is refused before anything runs (exit
# status 3, naming --hosts), and a hosts file that is not there is bad usage
unreachable_login_refused()
{
	local e=0
	sed "s/Port $port/Port 1/" "$t/ssh_config" >"$t/ssh_config.bad"
	printf '1/ssh -F %s one\n' "$(printf '%q' "$t/ssh_config.bad")" >"$t/hosts.bad"
	"$drv" -q --no-cache --hosts "$t/hosts.bad" -m report "$top/cocci" "$t/ex" \
		>"$t/bad.out" 2>"$t/bad.err" || e=$?
	[ "$e" = 3 ] && grep -q -- '--hosts:' "$t/bad.err" && [ ! -s "$t/bad.out" ] || return 1
	e=0
	"$drv" -q --hosts "$t/nonexistent" "$top/cocci" "$t/ex" 2>/dev/null || e=$?
	[ "$e" = 2 ]
}
check hosts unreachable_login_refused unreachable_login_refused

exit "$rc"
