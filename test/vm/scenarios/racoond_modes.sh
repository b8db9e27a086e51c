#!/bin/bash
# racoond against racoond beyond racoond_pair.sh's Main Mode transport case,
# on seed 000's testbed (HA 2001:db8:ffff::1000, MN CoA 2001:db8:1::2), PSK,
# configurations from test/interop/racoon_conf.sh, the MN initiating:
#   a. Aggressive Mode (exchange_mode aggressive on both sides), transport:
#      ping6 crosses as ESP.
#   b. Tunnel mode CoA <-> HA for the subnets 2001:db8:a::/64 (MN, an
#      address on lo) and 2001:db8:b::/64 (HA): ping6 between the inner
#      addresses crosses, the tunnel SAs' byte counters grow.
#   c. Rekey: sainfo lifetime 30 s (soft expiry at 80 %), ping6 -i 0.2 for
#      66 s: new SPIs appear, and at most one echo is lost (the count is
#      printed as "# rekey:").
#   d. SIGTERM of the initiator: its Deletes remove the responder's SAs.
# vm-timeout: 240
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"
. "$SRCDIR/test/interop/racoond.sh"
. "$SRCDIR/test/interop/racoon_conf.sh"

HA=2001:db8:ffff::1000 COA=2001:db8:1::2
MN_IN=2001:db8:a::1 HA_IN=2001:db8:b::1
W=/tmp/racoond-modes
RACOOND=$BUILDDIR/racoond/racoond
CTL=$BUILDDIR/racoond/ctl/racoonctl
rm -rf "$W"
mkdir -p "$W"

save_logs() {
  [ -n "${VM_RESULTS:-}" ] || return 0
  mkdir -p "$VM_RESULTS/racoond-modes"
  local f
  for f in "$W"/*/*/racoond.log; do
    [ -f "$f" ] || continue
    cp "$f" "$VM_RESULTS/racoond-modes/$(basename "$(dirname "$(dirname "$f")")")-$(basename "$(dirname "$f")").log"
  done
  return 0
}
stop_all() {
  local d
  for d in "$W"/*/*/; do racoond_stop "$d"; done
  save_logs
}
trap 'stop_all; vm_cleanup' EXIT

check modules modprobe -a af_key xfrm_user esp6 veth

ha="" mn=""
mac() { ip -n "$1" link show eth0 | awk '/link\/ether/ { print $2 }'; }
# Permanent neighbour entries: the host-to-host policies catch neighbour
# discovery too.
testbed() {
  netns_new ha && netns_new mn && netns_veth "$ha" eth0 "$mn" eth0 &&
  ip -n "$ha" addr add "$HA/64" dev eth0 nodad &&
  ip -n "$mn" addr add "$COA/64" dev eth0 nodad &&
  ip -n "$mn" addr add "$MN_IN/128" dev lo &&
  ip -n "$ha" addr add "$HA_IN/128" dev lo &&
  ip -n "$ha" route add 2001:db8:1::/64 dev eth0 &&
  ip -n "$mn" route add 2001:db8:ffff::/64 dev eth0 &&
  ip -n "$ha" route add 2001:db8:a::/64 via "$COA" dev eth0 &&
  ip -n "$mn" route add 2001:db8:b::/64 via "$HA" dev eth0 &&
  ip -n "$mn" neigh replace "$HA" lladdr "$(mac "$ha")" dev eth0 nud permanent &&
  ip -n "$ha" neigh replace "$COA" lladdr "$(mac "$mn")" dev eth0 nud permanent
}
check testbed testbed

# racoon_conf's file with a private pid file and admin socket.
private_paths() {   # DIR
  sed -i "1a path pidfile \"$1/racoon.pid\";" "$1/racoon.conf" &&
  sed -i "s|^listen {|listen {\n\tadminsock \"$1/racoon.sock\";|" "$1/racoon.conf" &&
  "$RACOOND" -t -f "$1/racoon.conf" >/dev/null
}
# A PSK pair for case C: the HA answers (remote anonymous), the MN initiates.
confs() {   # CASE KEY=VALUE...
  local c=$1
  shift
  racoon_conf "$W/$c/ha" local="$HA" remote="$COA" psk="racoond-modes-$c" reqid=1 \
    role=responder "$@" &&
  racoon_conf "$W/$c/mn" local="$COA" remote="$HA" psk="racoond-modes-$c" reqid=1 \
    role=initiator "$@" &&
  private_paths "$W/$c/ha" && private_paths "$W/$c/mn"
}
start_racoond() {   # NS DIR
  ASAN_OPTIONS=log_path=$2/asan ip netns exec "$1" "$RACOOND" -f "$2/racoon.conf" -d -l "$2/racoond.log"
}
start_pair() {   # CASE
  ip -n "$ha" xfrm policy flush && ip -n "$mn" xfrm policy flush &&
  ip -n "$ha" xfrm state flush && ip -n "$mn" xfrm state flush &&
  ip -n "$ha" -batch "$W/$1/ha/spd.batch" && ip -n "$mn" -batch "$W/$1/mn/spd.batch" &&
  start_racoond "$ha" "$W/$1/ha" && start_racoond "$mn" "$W/$1/mn"
}
stop_pair() {   # CASE
  racoond_stop "$W/$1/mn"
  racoond_stop "$W/$1/ha"
}
no_asan() {   # CASE
  ! ls "$W/$1"/*/asan.* 2>/dev/null || { cat "$W/$1"/*/asan.*; false; }
}
ctl() {   # DIR ARGS...
  local d=$1
  shift
  "$CTL" -s "$d/racoon.sock" "$@"
}

# The ESP states of NS: "MODE REQID BYTES SPI" each.
esp_states() {
  ip -n "$1" -s xfrm state | awk '
    /^src / { if (m != "") print m, r, b, s; m = ""; r = ""; b = ""; s = "" }
    /proto esp/ { for (i = 1; i <= NF; i++) { if ($i == "reqid") r = $(i + 1); if ($i == "mode") m = $(i + 1); if ($i == "spi") s = $(i + 1) }; sub(/\(.*/, "", r) }
    /^[ \t]*[0-9]+\(bytes\)/ { split($1, x, "("); b = x[1] }
    END { if (m != "") print m, r, b, s }'
}
n_esp() { esp_states "$1" | awk -v m="$2" '$1 == m' | wc -l; }

# PING makes the ACQUIRE; waits for two ESP states of MODE on both sides.
negotiate() {   # MODE PING-ARGS...
  local m=$1
  shift
  ip netns exec "$mn" ping -6 -c 1 -W 1 "$@" >/dev/null 2>&1
  for _ in $(seq 1 60); do
    [ "$(n_esp "$mn" "$m")" -eq 2 ] && [ "$(n_esp "$ha" "$m")" -eq 2 ] && return 0
    sleep 0.25
  done
  echo "MN:"; esp_states "$mn"; echo "HA:"; esp_states "$ha"
  return 1
}
# Three echoes cross; every ESP state of MODE on both sides counted bytes.
ping_esp() {   # MODE PING-ARGS...
  local m=$1 ns
  shift
  ip netns exec "$mn" ping -6 -c 3 -i 0.2 -W 2 "$@" || return 1
  for ns in "$ha" "$mn"; do
    esp_states "$ns"
    esp_states "$ns" | awk -v m="$m" '$1 != m || $3 == 0 { bad = 1 } END { exit bad || NR != 2 }' || return 1
  done
}
# racoonctl show-sa isakmp names the exchange of the Phase 1 SA with PEER.
isakmp_xchg() {   # DIR PEER XCHG
  local out
  out=$(ctl "$1" show-sa isakmp) || return 1
  echo "$out"
  grep -Eq " $2\.500 .* EST [IR] +$3 " <<<"$out"
}

# a. Aggressive Mode, transport
aggr_confs() {
  confs aggr &&
  sed -i 's/exchange_mode main;/exchange_mode aggressive;/' "$W/aggr/ha/racoon.conf" "$W/aggr/mn/racoon.conf" &&
  "$RACOOND" -t -f "$W/aggr/ha/racoon.conf" >/dev/null && "$RACOOND" -t -f "$W/aggr/mn/racoon.conf" >/dev/null
}
check aggr-confs aggr_confs
check aggr-start start_pair aggr
check aggr-acquire-negotiates negotiate transport "$HA"
check aggr-ping6-esp ping_esp transport "$HA"
check aggr-show-sa-aggressive-mn isakmp_xchg "$W/aggr/mn" "$HA" aggressive
check aggr-show-sa-aggressive-ha isakmp_xchg "$W/aggr/ha" "$COA" aggressive
stop_pair aggr
check aggr-no-asan-report no_asan aggr

# b. Tunnel mode between the subnets
check tunnel-confs confs tunnel mode=tunnel local_ts=2001:db8:a::/64 remote_ts=2001:db8:b::/64
# The HA's side of the selectors is the other way round.
tunnel_ha_conf() {
  racoon_conf "$W/tunnel/ha" local="$HA" remote="$COA" psk=racoond-modes-tunnel reqid=1 \
    role=responder mode=tunnel local_ts=2001:db8:b::/64 remote_ts=2001:db8:a::/64 &&
  private_paths "$W/tunnel/ha"
}
check tunnel-ha-conf tunnel_ha_conf
check tunnel-start start_pair tunnel
check tunnel-acquire-negotiates negotiate tunnel -I "$MN_IN" "$HA_IN"
check tunnel-ping6-esp ping_esp tunnel -I "$MN_IN" "$HA_IN"
stop_pair tunnel
check tunnel-no-asan-report no_asan tunnel

# c. Rekey with a 30 s lifetime, a ping every 0.2 s for 66 s
check rekey-confs confs rekey child_lifetime=30
check rekey-start start_pair rekey
check rekey-acquire-negotiates negotiate transport "$HA"
spis=$W/rekey/spis
rekey_run() {
  ip netns exec "$mn" ping -6 -i 0.2 -c 330 -W 2 "$HA" > "$W/rekey/ping.out" 2>&1 &
  local ping=$!
  : > "$spis"
  while kill -0 "$ping" 2>/dev/null; do
    esp_states "$mn" | awk '{ print $4 }' >> "$spis"
    sleep 3
  done
  wait "$ping"
  tail -3 "$W/rekey/ping.out"
}
rekey_run
n_spi=$(sort -u "$spis" | grep -c .)
sent=$(awk '/packets transmitted/ { print $1 }' "$W/rekey/ping.out")
got=$(awk '/packets transmitted/ { print $4 }' "$W/rekey/ping.out")
echo "# rekey: ${n_spi} distinct SPIs on the MN in 66 s; $sent echoes sent, $got answered, $(( ${sent:-0} - ${got:-0} )) lost"
check rekey-new-spis test "$n_spi" -ge 6
check rekey-at-most-one-lost test "$(( ${sent:-0} - ${got:-330} ))" -le 1 -a "${sent:-0}" -eq 330

# d. SIGTERM of the initiator: the responder's SAs go away.
ha_clean() {
  racoond_stop "$W/rekey/mn"
  for _ in $(seq 1 20); do
    [ "$(n_esp "$ha" transport)" -eq 0 ] && ! ctl "$W/rekey/ha" show-sa isakmp | grep -q " $COA\.500 " &&
      return 0
    sleep 0.25
  done
  esp_states "$ha"
  ctl "$W/rekey/ha" show-sa isakmp
  return 1
}
check sigterm-initiator-removes-responder-sas ha_clean
stop_pair rekey
check rekey-no-asan-report no_asan rekey

finish
