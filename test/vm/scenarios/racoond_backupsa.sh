#!/bin/bash
# racoond's "path backupsa" and -B on Debian's kernel (PF_KEY backend):
# two racoonds (PSK, test/interop/racoon_conf.sh), the MN initiates over a
# host-to-host transport policy; both append the SAs they install to their
# backupsa file (0600, no warning about it in the log).  The MN's racoond is
# killed with SIGKILL (a crash: nothing flushed) and its SAD flushed (a
# reboot); racoond -B installs the saved SAs again (same SPIs, lifetimes
# left), and ping6 crosses over them without a new negotiation.  A second
# -B start with the SAs still there leaves them as they are.  A SIGTERM of
# the HA deletes its SAs and records it: its -B restart installs nothing.
# vm-timeout: 180
# vm-host-root: yes
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"
. "$SRCDIR/test/interop/racoond.sh"
. "$SRCDIR/test/interop/racoon_conf.sh"

HA=2001:db8:ffff::1000 COA=2001:db8:1::2
W=/tmp/racoond-backupsa
RACOOND=$BUILDDIR/racoond/racoond
rm -rf "$W"
mkdir -p "$W"

save_logs() {
  [ -n "${VM_RESULTS:-}" ] || return 0
  cp "$W/mn/racoond.log" "$VM_RESULTS/backupsa-mn.log" 2>/dev/null
  cp "$W/ha/racoond.log" "$VM_RESULTS/backupsa-ha.log" 2>/dev/null
  return 0
}
trap 'racoond_stop "$W/mn"; racoond_stop "$W/ha"; save_logs; vm_cleanup' EXIT

check modules modprobe -a af_key xfrm_user esp6 veth
warm_crypto() {
  ip xfrm state add src 2001:db8::1 dst 2001:db8::2 proto esp spi 0x100 mode transport \
    enc 'cbc(aes)' 0x00112233445566778899aabbccddeeff \
    auth-trunc 'hmac(sha1)' 0x0123456789abcdef0123456789abcdef01234567 96 &&
  ip xfrm state flush
}
check crypto-warmup warm_crypto

ha="" mn=""
mac() { ip -n "$1" link show eth0 | awk '/link\/ether/ { print $2 }'; }
testbed() {
  netns_new ha && netns_new mn && netns_veth "$ha" eth0 "$mn" eth0 &&
  ip -n "$ha" addr add "$HA/64" dev eth0 nodad &&
  ip -n "$mn" addr add "$COA/64" dev eth0 nodad &&
  ip -n "$ha" route add 2001:db8:1::/64 dev eth0 &&
  ip -n "$mn" route add 2001:db8:ffff::/64 dev eth0 &&
  ip -n "$mn" neigh replace "$HA" lladdr "$(mac "$ha")" dev eth0 nud permanent &&
  ip -n "$ha" neigh replace "$COA" lladdr "$(mac "$mn")" dev eth0 nud permanent
}
check testbed testbed

confs() {   # the generator's files, with private paths and a backupsa file
  local d
  racoon_conf "$W/ha" local="$HA" remote="$COA" psk=racoond-backupsa reqid=1 role=responder &&
  racoon_conf "$W/mn" local="$COA" remote="$HA" psk=racoond-backupsa reqid=1 role=initiator || return 1
  for d in "$W/ha" "$W/mn"; do
    sed -i "1a path pidfile \"$d/racoon.pid\";\npath backupsa \"$d/sa.backup\";" "$d/racoon.conf" &&
    sed -i "s|^listen {|listen {\n\tadminsock \"$d/racoon.sock\";|" "$d/racoon.conf" &&
    "$RACOOND" -t -f "$d/racoon.conf" >/dev/null || return 1
  done
  ip -n "$ha" -batch "$W/ha/spd.batch" && ip -n "$mn" -batch "$W/mn/spd.batch"
}
check confs confs

start() {   # NS DIR [ARGS]
  local ns=$1 d=$2
  shift 2
  ip netns exec "$ns" "$RACOOND" -f "$d/racoon.conf" -d -l "$d/racoond.log" "$@"
}
# "SPI" of each ESP state of NS, sorted.
spis() { ip -n "$1" xfrm state | awk '/proto esp/ { print $4 }' | sort; }
n_esp() { spis "$1" | wc -l; }
negotiate() {
  ip netns exec "$mn" ping -6 -c 1 -W 1 "$HA" >/dev/null 2>&1
  for _ in $(seq 1 60); do
    [ "$(n_esp "$mn")" -eq 2 ] && [ "$(n_esp "$ha")" -eq 2 ] && return 0
    sleep 0.25
  done
  ip -n "$mn" xfrm state; ip -n "$ha" xfrm state
  return 1
}
# The backupsa file of DIR lists exactly the SPIs NS has.
file_matches() {   # DIR NS
  local f=$1/sa.backup
  [ "$(stat -c %a "$f")" = 600 ] || { ls -l "$f"; return 1; }
  diff <(awk '$1 == "sa" { print $6 }' "$f" | sort) <(spis "$2")
}

check start-ha start "$ha" "$W/ha"
check start-mn start "$mn" "$W/mn"
check negotiate negotiate
check mn-file-has-its-sas file_matches "$W/mn" "$mn"
check ha-file-has-its-sas file_matches "$W/ha" "$ha"
check no-backupsa-warning bash -c "! grep -i 'backupsa.*warn\|WARNING: backupsa' $W/mn/racoond.log $W/ha/racoond.log"

spis "$mn" > "$W/mn-spis"
# A crash (nothing flushed) and a reboot (the SAD is empty).
crash_reboot() {
  racoond_stop "$W/mn" KILL && ip -n "$mn" xfrm state flush && [ "$(n_esp "$mn")" -eq 0 ]
}
check mn-crash-and-reboot crash_reboot
check mn-restart-B start "$mn" "$W/mn" -B
check mn-B-logged grep -q "backupsa $W/mn/sa.backup: 2 SAs installed again, 0 already in the kernel, 0 failed" "$W/mn/racoond.log"
check mn-same-sas-back diff "$W/mn-spis" <(spis "$mn")
check mn-lifetime-left bash -c "ip -n $mn -s xfrm state | grep -Eq 'expire add: soft [0-9]+\(sec\), hard [1-9][0-9]*\(sec\)'"
ping_over_restored() {
  local before
  before=$(grep -c "ISAKMP: " "$W/ha/racoond.log")
  ip netns exec "$mn" ping -6 -c 3 -i 0.2 -W 2 "$HA" || return 1
  # The same SAs carried it, and no new negotiation started.
  diff "$W/mn-spis" <(spis "$mn") || return 1
  [ "$(grep -c "ISAKMP: " "$W/ha/racoond.log")" -eq "$before" ] || { echo "negotiated again"; return 1; }
  ip -n "$mn" -s xfrm state | grep -A14 'proto esp' | grep -Eq '^[[:space:]]+[1-9][0-9]*\(bytes\)' ||
    { ip -n "$mn" -s xfrm state; return 1; }
}
check ping6-over-restored-sas ping_over_restored

# -B again, the SAs still there: left as they are.
check mn-kill-again racoond_stop "$W/mn" KILL
check mn-restart-B-again start "$mn" "$W/mn" -B
check mn-B-already-there grep -q "backupsa $W/mn/sa.backup: 0 SAs installed again, 2 already in the kernel, 0 failed" "$W/mn/racoond.log"
check mn-still-same-sas diff "$W/mn-spis" <(spis "$mn")

# SIGTERM deletes what racoond negotiated and records it: nothing to
# install again.
check ha-sigterm racoond_stop "$W/ha"
check ha-file-records-deletes grep -q "^del " "$W/ha/sa.backup"
check ha-restart-B start "$ha" "$W/ha" -B
check ha-B-installs-nothing grep -q "backupsa $W/ha/sa.backup: 0 SAs installed again, 0 already in the kernel, 0 failed (0 expired, 2 deleted dropped)" "$W/ha/racoond.log"
check ha-file-compacted bash -c "! grep -q '^sa \|^del ' $W/ha/sa.backup"
finish
