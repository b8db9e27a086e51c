#!/bin/bash
# The interop harness proved with charon against charon: two namespaces laid
# out as seed 000's testbed (HA 2001:db8:ffff::1000 on the home link, the MN
# at care-of address 2001:db8:1::2 on a foreign link, home address
# 2001:db8:ffff::1), a charon in each (test/interop/charon.sh), IKEv1 Main
# Mode + Quick Mode:
#   a. PSK, transport mode, initiated with swanctl
#   b. RSA certificates from test/interop/mkcerts.sh (seed 000's DNs), transport
#   c. certificates, tunnel mode HoA <-> ::/0 with start_action = trap: the
#      MN's ping6 from its HoA makes the kernel ACQUIRE (IKE fragmentation
#      off, while b. has it on)
# Each: the CHILD_SAs are in both kernels and ping6 crosses as ESP (byte
# counters of the SAs grow).  Then the racoon.conf generator
# (test/interop/racoon_conf.sh) for the same parameters, checked with
# racoond -t, and its policies loaded with ip -batch.
# Prints "# timing:" lines: Main Mode + Quick Mode from the initiator's log
# (INTEROP_BENCH_RUNS more negotiations per authentication, default 3).
# vm-timeout: 240
# vm-host-root: yes
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"
. "$SRCDIR/test/interop/charon.sh"
. "$SRCDIR/test/interop/racoon_conf.sh"

HA=2001:db8:ffff::1000 HOA=2001:db8:ffff::1 COA=2001:db8:1::2
W=/tmp/interop
runs=${INTEROP_BENCH_RUNS:-3}
t_begin=$EPOCHREALTIME

if [ ! -x /host/usr/lib/ipsec/charon ] || [ ! -x /host/usr/sbin/swanctl ]; then
  skip interop "no charon/swanctl in the host root (strongswan-charon, strongswan-swanctl)"
  finish
fi

save_logs() {
  [ -n "${VM_RESULTS:-}" ] || return 0
  mkdir -p "$VM_RESULTS/interop"
  cp "$W"/ha/charon.log "$VM_RESULTS/interop/ha-charon.log" 2>/dev/null
  cp "$W"/mn/charon.log "$VM_RESULTS/interop/mn-charon.log" 2>/dev/null
  return 0
}
stop_all() {
  save_logs
  charon_stop "$W/mn"
  charon_stop "$W/ha"
}

# ESP uses the xfrm netlink API; the crypto modules load on demand, which
# takes seconds for the first SA: do it here, not inside the first timing.
check modules modprobe -a xfrm_user esp6 veth
warm_crypto() {
  ip xfrm state add src 2001:db8::1 dst 2001:db8::2 proto esp spi 0x100 mode transport \
    enc 'cbc(aes)' 0x00112233445566778899aabbccddeeff \
    auth-trunc 'hmac(sha1)' 0x0123456789abcdef0123456789abcdef01234567 96 &&
  ip xfrm state flush
}
check crypto-warmup warm_crypto

ha="" mn=""
testbed() {
  netns_new ha && netns_new mn && netns_veth "$ha" eth0 "$mn" eth0 &&
  ip -n "$ha" addr add "$HA/64" dev eth0 nodad &&
  ip -n "$mn" addr add "$COA/64" dev eth0 nodad &&
  ip -n "$mn" addr add "$HOA/128" dev lo &&
  ip -n "$ha" route add 2001:db8:1::/64 dev eth0 &&
  ip -n "$mn" route add 2001:db8:ffff::/64 dev eth0
}
check testbed testbed

mkcerts() {
  host_run bash "$SRCDIR/test/interop/mkcerts.sh" --keys "$SRCDIR/test/interop/keys" "$W/certs" &&
  . "$W/certs/dn.env" &&
  grep -q "CN=ha1" <(cert_subject "$HA_CERT")
}
t0=$EPOCHREALTIME
check mkcerts mkcerts
echo "# timing: mkcerts.sh $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"

start_both() { charon_start "$W/ha" "$ha" && charon_start "$W/mn" "$mn"; }
check charon-start start_both
trap 'stop_all; vm_cleanup' EXIT

# The SAs of NS: "MODE REQID BYTES" per ESP state.
esp_states() {
  ip -n "$1" -s xfrm state | awk '
    /^src / { if (m != "") print m, r, b; m = ""; r = ""; b = "" }
    /proto esp/ { for (i = 1; i <= NF; i++) { if ($i == "reqid") r = $(i + 1); if ($i == "mode") m = $(i + 1) }; sub(/\(.*/, "", r) }
    /^[ \t]*[0-9]+\(bytes\)/ { split($1, x, "("); b = x[1] }
    END { if (m != "") print m, r, b }'
}

# Two ESP states of MODE and REQID in both namespaces.
sas_installed() {   # MODE REQID
  local ns n
  for ns in "$ha" "$mn"; do
    n=$(esp_states "$ns" | awk -v m="$1" -v r="$2" '$1 == m && $2 == r' | wc -l)
    [ "$n" -eq 2 ] || { echo "$ns: $n ESP states $1 reqid $2"; esp_states "$ns"; return 1; }
  done
}

# ping6 from the MN (SRC) to the HA crosses, and every ESP state of both
# namespaces has carried bytes.
ping_esp() {   # SRC
  ip netns exec "$mn" ping -6 -c 3 -i 0.2 -W 2 -I "$1" "$HA" || return 1
  local ns
  for ns in "$ha" "$mn"; do
    esp_states "$ns"
    esp_states "$ns" | awk '$3 == 0 { bad = 1 } END { exit bad || NR != 2 }' || return 1
  done
}

# "# timing: LABEL: Main Mode + Quick Mode T ms (MM M + QM Q, charon log)",
# and swanctl --initiate's wall time when given.
timing_line() {   # LABEL MARK [T0 T1]
  local t=()
  read -r -a t < <(charon_mmqm_ms "$W/mn" "$2")
  [ "${#t[@]}" -eq 3 ] || t=("?" "?" "?")
  local wall=""
  [ -z "${3:-}" ] ||
    wall=", swanctl --initiate $(awk -v a="$3" -v b="$4" 'BEGIN { printf "%d", (b - a) * 1000 }') ms"
  echo "# timing: $1: Main Mode + Quick Mode ${t[0]} ms (MM ${t[1]} + QM ${t[2]}, charon log)$wall"
}

timing=()
# Main Mode + Quick Mode again RUNS times; prints min and median (ms).
bench() {   # LABEL
  local mark t all=()
  for _ in $(seq 1 "$runs"); do
    charon_terminate "$W/mn" >/dev/null 2>&1
    mark=$(charon_log_mark "$W/mn")
    charon_initiate "$W/mn" >/dev/null 2>&1 || return 1
    t=$(charon_mmqm_ms "$W/mn" "$mark") || return 1
    all+=("${t%% *}")
  done
  timing+=("$1: ${all[*]}")
}

# a. PSK, transport
psk_conf() {
  swanctl_conf "$W/ha" local="$HA" remote="$COA" psk=interop-psk-000 reqid=1 &&
  swanctl_conf "$W/mn" local="$COA" remote="$HA" psk=interop-psk-000 reqid=1 &&
  charon_load "$W/ha" >/dev/null && charon_load "$W/mn" >/dev/null
}
check psk-load psk_conf
mark=$(charon_log_mark "$W/mn")
t0=$EPOCHREALTIME
check psk-transport-initiate charon_initiate "$W/mn"
t1=$EPOCHREALTIME
check psk-transport-responder-child charon_wait_child "$W/ha" ic 5
check psk-transport-sas sas_installed transport 1
check psk-transport-ping6-esp ping_esp "$COA"
timing_line "psk transport" "$mark" "$t0" "$t1"
check psk-bench bench psk

# b. certificates, transport, IKE fragmentation (ID CERT SIG in FRAG payloads)
cert_conf() {   # MODE REQID MN_TS HA_TS START FRAG
  charon_terminate "$W/mn" >/dev/null 2>&1
  swanctl_conf "$W/ha" local="$HA" remote="$COA" auth=cert cert="$HA_CERT" key="$HA_KEY" \
    ca="$CA_CERT" my_id="$HA_DN" peer_id="$MN_DN" mode="$1" reqid="$2" local_ts="$4" \
    remote_ts="$3" frag="$6" &&
  swanctl_conf "$W/mn" local="$COA" remote="$HA" auth=cert cert="$MN_CERT" key="$MN_KEY" \
    ca="$CA_CERT" my_id="$MN_DN" peer_id="$HA_DN" mode="$1" reqid="$2" local_ts="$3" \
    remote_ts="$4" start="$5" frag="$6" &&
  charon_load "$W/ha" >/dev/null && charon_load "$W/mn" >/dev/null
}
dn_ids() {   # the IKE_SA's identities are the certificates' DNs
  local sas
  sas=$(charon_sas "$W/mn") && echo "$sas" &&
  grep -q "local  'C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, CN=arno, E=arno@natisbad.org'" <<< "$sas" &&
  grep -q "remote 'C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, CN=ha1, E=arno@natisbad.org'" <<< "$sas"
}
check cert-load cert_conf transport 2 "$COA/128" "$HA/128" none yes
mark=$(charon_log_mark "$W/mn")
t0=$EPOCHREALTIME
check cert-transport-initiate charon_initiate "$W/mn"
t1=$EPOCHREALTIME
check cert-transport-dn-ids dn_ids
frags() { tail -n +"$((mark + 1))" "$W/mn/charon.log" | grep -c 'generating ID_PROT request 0 \[ FRAG('; }
check cert-transport-ike-fragments [ "$(frags)" -ge 2 ]
check cert-transport-sas sas_installed transport 2
check cert-transport-ping6-esp ping_esp "$COA"
timing_line "cert transport" "$mark" "$t0" "$t1"
check cert-bench bench cert

# c. certificates, tunnel HoA <-> ::/0 (seed 000's tunnelled payload), trap,
#    no IKE fragmentation
check cert-tunnel-load cert_conf tunnel 3 "$HOA/128" "::/0" trap no
trap_policy() { ip -n "$mn" xfrm policy | grep -q "src $HOA/128 dst ::/0"; }
check cert-tunnel-trap-policy trap_policy
mark=$(charon_log_mark "$W/mn")
ip netns exec "$mn" ping -6 -c 1 -W 1 -I "$HOA" "$HA" >/dev/null 2>&1   # ACQUIRE
check cert-tunnel-acquire-child charon_wait_child "$W/mn" ic 20
check cert-tunnel-no-ike-fragments [ "$(frags)" -eq 0 ]
check cert-tunnel-sas sas_installed tunnel 3
check cert-tunnel-ping6-esp ping_esp "$HOA"
timing_line "cert tunnel (trap)" "$mark"
keys() { charon_ike_keys "$W/mn" | grep -Eq '^[0-9a-f]{16},[0-9a-f]{32}$'; }
check ike-keys-for-tshark keys
stop_all

# d. racoon.conf for the same parameters (racoond in the charon's place)
rc() {   # NAME KEY=VALUE...
  local d=$W/racoon/$1
  shift
  racoon_conf "$d" "$@" && "$BUILDDIR/racoond/racoond" -t -f "$d/racoon.conf"
}
if [ -x "$BUILDDIR/racoond/racoond" ]; then
  check racoon-conf-psk-transport-initiator rc psk-i local="$COA" remote="$HA" psk=interop-psk-000 reqid=1
  check racoon-conf-psk-transport-responder rc psk-r local="$HA" remote="$COA" psk=interop-psk-000 \
    reqid=1 role=responder
  check racoon-conf-cert-tunnel-initiator rc cert-i local="$COA" remote="$HA" auth=cert \
    cert="$MN_CERT" key="$MN_KEY" ca="$CA_CERT" peer_id="$HA_DN" mode=tunnel reqid=3 \
    local_ts="$HOA/128" remote_ts=::/0
  check racoon-conf-cert-tunnel-responder rc cert-r local="$HA" remote="$COA" auth=cert \
    cert="$HA_CERT" key="$HA_KEY" ca="$CA_CERT" peer_id="$MN_DN" mode=tunnel reqid=3 \
    local_ts=::/0 remote_ts="$HOA/128" role=responder
else
  skip racoon-conf "no $BUILDDIR/racoond/racoond"
fi
spd() {   # the generated policies load, with the reqid and mode asked for
  ip -n "$mn" xfrm policy flush &&
  ip -n "$mn" -batch "$W/racoon/cert-i/spd.batch" &&
  [ "$(ip -n "$mn" xfrm policy | grep -c 'proto esp reqid 3 mode tunnel')" -eq 3 ] &&
  ip -n "$ha" xfrm policy flush &&
  ip -n "$ha" -batch "$W/racoon/psk-r/spd.batch" &&
  [ "$(ip -n "$ha" xfrm policy | grep -c 'proto esp reqid 1 mode transport')" -eq 2 ]
}
check racoon-spd-batch spd

for t in "${timing[@]}"; do echo "# timing: $runs more runs, Main Mode + Quick Mode ms, $t"; done
echo "# timing: scenario $(awk -v a="$t_begin" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"
finish
