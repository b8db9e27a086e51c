#!/bin/bash
# racoond against strongSwan's charon (IKEv1) with the interop harness
# (test/interop/): seed 000's testbed (HA 2001:db8:ffff::1000, the MN at
# care-of address 2001:db8:1::2), Main Mode + Quick Mode, transport mode
# CoA <-> HA, racoond on Debian's kernel through PF_KEY.
#   a. racoond initiator (MN, ping6 makes the ACQUIRE) vs charon responder
#      (HA), PSK; then charon's Delete (swanctl --terminate) removes
#      racoond's SAs.
#   b. charon initiator (MN, swanctl --initiate) vs racoond responder (HA,
#      `remote anonymous`), PSK; charon's Delete likewise.
#   c. a. with RSA certificates (test/interop/mkcerts.sh, seed 000's DNs).
#   d. b. with RSA certificates (charon's ID CERT SIG in FRAG payloads).
#   ref. charon against charon, PSK: a reference timing from this boot.
# Each: two ESP SAs in each namespace, ping6 both ways crosses as ESP (the
# byte counters of all four SAs grow).
# Prints "# timing:" lines: Phase 1 + Phase 2 from the initiator's log.
# vm-timeout: 300
# vm-host-root: yes
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"
. "$SRCDIR/test/interop/racoond.sh"
. "$SRCDIR/test/interop/charon.sh"
. "$SRCDIR/test/interop/racoon_conf.sh"

HA=2001:db8:ffff::1000 COA=2001:db8:1::2
W=/tmp/interop-racoond
RACOOND=$BUILDDIR/racoond/racoond
CTL=$BUILDDIR/racoond/ctl/racoonctl
PSK=interop-psk-000
t_begin=$EPOCHREALTIME

if [ ! -x /host/usr/lib/ipsec/charon ] || [ ! -x /host/usr/sbin/swanctl ]; then
  skip interop "no charon/swanctl in the host root (strongswan-charon, strongswan-swanctl)"
  finish
fi
rm -rf "$W"
mkdir -p "$W"

save_logs() {
  [ -n "${VM_RESULTS:-}" ] || return 0
  mkdir -p "$VM_RESULTS/interop-racoond"
  local f
  for f in "$W"/*/racoond.log "$W"/*/charon.log; do
    [ -f "$f" ] && cp "$f" "$VM_RESULTS/interop-racoond/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  return 0
}
stop_all() {
  local d
  for d in "$W"/*/; do racoond_stop "$d"; done
  charon_stop "$W/ha-charon"
  charon_stop "$W/mn-charon"
  save_logs
}
trap 'stop_all; vm_cleanup' EXIT

check modules modprobe -a af_key xfrm_user esp6 veth
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
  ip -n "$ha" route add 2001:db8:1::/64 dev eth0 &&
  ip -n "$mn" route add 2001:db8:ffff::/64 dev eth0 &&
  static_neighbours
}
# The host-to-host policies (any protocol) catch neighbour discovery too:
# permanent neighbour entries, so that IKE and ESP reach the peer.
mac() { ip -n "$1" link show eth0 | awk '/link\/ether/ { print $2 }'; }
static_neighbours() {
  ip -n "$mn" neigh replace "$HA" lladdr "$(mac "$ha")" dev eth0 nud permanent &&
  ip -n "$ha" neigh replace "$COA" lladdr "$(mac "$mn")" dev eth0 nud permanent
}
check testbed testbed

# racoond: the generated configuration with a private pid file and admin
# socket, its policies loaded into NS, started (it forks once ready).
racoond_up() {   # NS DIR KEY=VALUE...
  local ns=$1 d=$2
  shift 2
  racoon_conf "$d" "$@" &&
  sed -i "1a path pidfile \"$d/racoon.pid\";" "$d/racoon.conf" &&
  sed -i "s|^listen {|listen {\n\tadminsock \"$d/racoon.sock\";|" "$d/racoon.conf" &&
  ip -n "$ns" xfrm policy flush &&
  ip -n "$ns" -batch "$d/spd.batch" &&
  ip netns exec "$ns" "$RACOOND" -f "$d/racoon.conf" -d -l "$d/racoond.log"
}
racoond_down() {   # NS DIR
  racoond_stop "$2"
  ip -n "$1" xfrm policy flush
  ip -n "$1" xfrm state flush
}
charon_up() {   # INST NS KEY=VALUE...
  local inst=$1 ns=$2
  shift 2
  swanctl_conf "$inst" "$@" || return 1
  if [ ! -S "$inst/charon.vici" ]; then charon_start "$inst" "$ns" || return 1; fi
  charon_load "$inst" >/dev/null
}

esp_states() {
  ip -n "$1" -s xfrm state | awk '
    /^src / { if (m != "") print m, r, b; m = ""; r = ""; b = "" }
    /proto esp/ { for (i = 1; i <= NF; i++) { if ($i == "reqid") r = $(i + 1); if ($i == "mode") m = $(i + 1) }; sub(/\(.*/, "", r) }
    /^[ \t]*[0-9]+\(bytes\)/ { split($1, x, "("); b = x[1] }
    END { if (m != "") print m, r, b }'
}
n_esp() { esp_states "$1" | awk '$1 == "transport"' | wc -l; }
sas_both() {   # N: N ESP states in each namespace (waits up to 15 s)
  for _ in $(seq 1 60); do
    [ "$(n_esp "$mn")" -eq "$1" ] && [ "$(n_esp "$ha")" -eq "$1" ] && return 0
    sleep 0.25
  done
  echo "MN:"; esp_states "$mn"; echo "HA:"; esp_states "$ha"
  return 1
}
sas_gone() {   # NS: no ESP state left (waits up to 5 s)
  for _ in $(seq 1 20); do
    [ "$(n_esp "$1")" -eq 0 ] && return 0
    sleep 0.25
  done
  esp_states "$1"
  return 1
}
# ping6 MN -> HA and HA -> MN; every ESP state has carried bytes.
ping_both() {
  ip netns exec "$mn" ping -6 -c 2 -i 0.2 -W 2 "$HA" &&
  ip netns exec "$ha" ping -6 -c 2 -i 0.2 -W 2 "$COA" || return 1
  local ns
  for ns in "$ha" "$mn"; do
    esp_states "$ns"
    esp_states "$ns" | awk '$3 == 0 { bad = 1 } END { exit bad || NR != 2 }' || return 1
  done
}
show_isakmp() {   # DIR PEER
  local out
  out=$("$CTL" -s "$1/racoon.sock" show-sa isakmp) || return 1
  echo "$out"
  grep -Eq "^[0-9a-f:]+\.500 +$2\.500 +[0-9a-f]{16}:[0-9a-f]{16} +EST" <<<"$out"
}
# "Phase 1 P ms + Phase 2 Q ms = T ms" from racoond's log, from START (an
# ERE) to ISAKMP-SA and IPsec-SA established.
racoond_ms() {   # LOG START
  awk -v start="$2" '
    function ms(t,   a) { split(t, a, /[:.]/); return ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000 + a[4] }
    $0 ~ start && s == "" { s = ms($2) }
    /ISAKMP-SA established/ && s != "" && p == "" { p = ms($2) }
    /IPsec-SA established/ && p != "" && q == "" { q = ms($2) }
    END { if (q == "") exit 1; printf "Phase 1 %d ms + Phase 2 %d ms = %d ms\n", p - s, q - p, q - s }' "$1"
}
charon_ms() {   # INST MARK
  local t=()
  read -r -a t < <(charon_mmqm_ms "$1" "$2")
  [ "${#t[@]}" -eq 3 ] || t=("?" "?" "?")
  echo "Main Mode ${t[1]} ms + Quick Mode ${t[2]} ms = ${t[0]} ms"
}

# a. racoond initiator (MN) vs charon responder (HA), PSK
check a-charon-ha charon_up "$W/ha-charon" "$ha" local="$HA" remote="$COA" psk=$PSK reqid=1
check a-racoond-mn racoond_up "$mn" "$W/a-mn" local="$COA" remote="$HA" psk=$PSK reqid=1
ip netns exec "$mn" ping -6 -c 1 -W 1 "$HA" >/dev/null 2>&1   # ACQUIRE
check a-sas sas_both 2
check a-charon-child charon_wait_child "$W/ha-charon" ic 5
check a-ping6-both-ways-esp ping_both
check a-show-sa-isakmp show_isakmp "$W/a-mn" "$HA"
echo "# timing: racoond -> charon psk: $(racoond_ms "$W/a-mn/racoond.log" ' km: ACQUIRE ' || echo '?') (racoond's log, from ACQUIRE)"
check a-charon-delete charon_terminate "$W/ha-charon"
check a-racoond-sas-gone-after-delete sas_gone "$mn"
racoond_down "$mn" "$W/a-mn"

# b. charon initiator (MN) vs racoond responder (HA), PSK
charon_stop "$W/ha-charon"
ip -n "$ha" xfrm policy flush
ip -n "$ha" xfrm state flush
check b-racoond-ha racoond_up "$ha" "$W/b-ha" local="$HA" remote="$COA" psk=$PSK reqid=1 role=responder
check b-charon-mn charon_up "$W/mn-charon" "$mn" local="$COA" remote="$HA" psk=$PSK reqid=1
mark=$(charon_log_mark "$W/mn-charon")
check b-charon-initiate charon_initiate "$W/mn-charon"
check b-sas sas_both 2
check b-ping6-both-ways-esp ping_both
check b-show-sa-isakmp show_isakmp "$W/b-ha" "$COA"
echo "# timing: charon -> racoond psk: $(charon_ms "$W/mn-charon" "$mark") (charon's log); racoond responder $(racoond_ms "$W/b-ha/racoond.log" 'ISAKMP: [0-9]+ bytes' || echo '?')"
check b-charon-delete charon_terminate "$W/mn-charon"
check b-racoond-sas-gone sas_gone "$ha"
racoond_down "$ha" "$W/b-ha"
charon_stop "$W/mn-charon"
ip -n "$mn" xfrm policy flush
ip -n "$mn" xfrm state flush

# c. racoond initiator (MN) vs charon responder (HA), RSA certificates
# shellcheck source=/dev/null
mkcerts() {
  host_run bash "$SRCDIR/test/interop/mkcerts.sh" --keys "$SRCDIR/test/interop/keys" "$W/certs" &&
  . "$W/certs/dn.env"
}
check c-mkcerts mkcerts
rm -f "$W/ha-charon/charon.vici"
check c-charon-ha charon_up "$W/ha-charon" "$ha" local="$HA" remote="$COA" auth=cert \
  cert="$HA_CERT" key="$HA_KEY" ca="$CA_CERT" my_id="$HA_DN" peer_id="$MN_DN" reqid=1
check c-racoond-mn racoond_up "$mn" "$W/c-mn" local="$COA" remote="$HA" auth=cert \
  cert="$MN_CERT" key="$MN_KEY" ca="$CA_CERT" peer_id="$HA_DN" reqid=1
ip netns exec "$mn" ping -6 -c 1 -W 1 "$HA" >/dev/null 2>&1   # ACQUIRE
check c-sas sas_both 2
check c-charon-child charon_wait_child "$W/ha-charon" ic 5
check c-ping6-both-ways-esp ping_both
dn_ids() {
  local sas
  sas=$(charon_sas "$W/ha-charon") && echo "$sas" &&
  grep -q "remote 'C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, CN=arno, E=arno@natisbad.org'" <<< "$sas"
}
check c-charon-sees-mn-dn dn_ids
echo "# timing: racoond -> charon cert: $(racoond_ms "$W/c-mn/racoond.log" ' km: ACQUIRE ' || echo '?') (racoond's log, from ACQUIRE)"
racoond_down "$mn" "$W/c-mn"
charon_stop "$W/ha-charon"

# d. charon initiator (MN) vs racoond responder (HA), RSA certificates:
#    charon splits its ID CERT SIG message into FRAG payloads
ip -n "$ha" xfrm state flush
ip -n "$ha" xfrm policy flush
check d-racoond-ha racoond_up "$ha" "$W/d-ha" local="$HA" remote="$COA" auth=cert \
  cert="$HA_CERT" key="$HA_KEY" ca="$CA_CERT" peer_id="$MN_DN" reqid=1 role=responder
rm -f "$W/mn-charon/charon.vici"
check d-charon-mn charon_up "$W/mn-charon" "$mn" local="$COA" remote="$HA" auth=cert \
  cert="$MN_CERT" key="$MN_KEY" ca="$CA_CERT" my_id="$MN_DN" peer_id="$HA_DN" reqid=1
mark=$(charon_log_mark "$W/mn-charon")
check d-charon-initiate charon_initiate "$W/mn-charon"
frags() { tail -n +"$((mark + 1))" "$W/mn-charon/charon.log" | grep -c 'generating ID_PROT request 0 \[ FRAG('; }
check d-charon-sent-fragments [ "$(frags)" -ge 2 ]
check d-sas sas_both 2
check d-ping6-both-ways-esp ping_both
echo "# timing: charon -> racoond cert: $(charon_ms "$W/mn-charon" "$mark") (charon's log); racoond responder $(racoond_ms "$W/d-ha/racoond.log" 'ISAKMP: [0-9]+ bytes' || echo '?')"
check d-charon-delete charon_terminate "$W/mn-charon"
check d-racoond-sas-gone sas_gone "$ha"
racoond_down "$ha" "$W/d-ha"
charon_stop "$W/mn-charon"
ip -n "$mn" xfrm policy flush
ip -n "$mn" xfrm state flush

# ref. charon against charon, PSK: the reference from this boot
ip -n "$ha" xfrm state flush
ip -n "$ha" xfrm policy flush
rm -f "$W/ha-charon/charon.vici" "$W/mn-charon/charon.vici"
check ref-charon-ha charon_up "$W/ha-charon" "$ha" local="$HA" remote="$COA" psk=$PSK reqid=1
check ref-charon-mn charon_up "$W/mn-charon" "$mn" local="$COA" remote="$HA" psk=$PSK reqid=1
mark=$(charon_log_mark "$W/mn-charon")
check ref-charon-initiate charon_initiate "$W/mn-charon"
echo "# timing: charon -> charon psk: $(charon_ms "$W/mn-charon" "$mark") (charon's log)"

echo "# timing: scenario $(awk -v a="$t_begin" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"
finish
