#!/bin/bash
# racoond against racoond on Debian's kernel (PF_KEY backend): seed 000's
# testbed (HA 2001:db8:ffff::1000 on the home link, the MN at care-of
# address 2001:db8:1::2 with home address 2001:db8:ffff::1 on lo), a
# racoond in each namespace with a configuration from
# test/interop/racoon_conf.sh (the MN initiates, the HA answers as seed
# 000's `remote anonymous`), and the policies mip6d would install: MH
# (proto 135) HoA <-> HA in transport mode, plus a host-to-host transport
# ESP policy CoA <-> HA for ping.
#   a. PSK: ping6 makes the kernel ACQUIRE, Main Mode + Quick Mode, two ESP
#      SAs on each side, ping6 crosses as ESP, racoonctl show-sa isakmp lists
#      the peer; SIGTERM of the MN's racoond removes its SAs (and its Delete
#      removes the HA's).
#      With PSK also: SIGHUP keeps the Phase 1 SA, racoonctl delete-sa
#      isakmp removes it on both sides, establish-sa isakmp makes it again.
#   b. The same with RSA certificates (test/interop/mkcerts.sh, seed 000's
#      DNs, asn1dn identifiers).
# Prints "# timing:" lines: ACQUIRE to ISAKMP-SA and to IPsec-SA established
# in the initiator's log.
# vm-timeout: 240
# vm-host-root: yes
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"
. "$SRCDIR/test/interop/racoond.sh"
. "$SRCDIR/test/interop/racoon_conf.sh"

HA=2001:db8:ffff::1000 HOA=2001:db8:ffff::1 COA=2001:db8:1::2
W=/tmp/racoond-pair
RACOOND=$BUILDDIR/racoond/racoond
CTL=$BUILDDIR/racoond/ctl/racoonctl
rm -rf "$W"
mkdir -p "$W"

save_logs() {
  [ -n "${VM_RESULTS:-}" ] || return 0
  mkdir -p "$VM_RESULTS/racoond-pair"
  local f
  for f in "$W"/*/*/racoond.log; do
    [ -f "$f" ] || continue
    cp "$f" "$VM_RESULTS/racoond-pair/$(basename "$(dirname "$(dirname "$f")")")-$(basename "$(dirname "$f")").log"
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

# The policies: the generator's host-to-host transport pair (reqid 1), and
# mip6d's MH pair HoA <-> HA (reqid 2).
policies() {   # NS DIR LOCAL_MH REMOTE_MH
  local ns=$1 dir=$2
  ip -n "$ns" xfrm policy flush &&
  ip -n "$ns" -batch "$dir/spd.batch" &&
  ip -n "$ns" xfrm policy add src "$3" dst "$4" proto 135 dir out \
    tmpl proto esp reqid 2 mode transport &&
  ip -n "$ns" xfrm policy add src "$4" dst "$3" proto 135 dir in \
    tmpl proto esp reqid 2 mode transport
}

# racoon_conf's file with a private pid file and admin socket.
private_paths() {   # DIR
  sed -i "1a path pidfile \"$1/racoon.pid\";" "$1/racoon.conf" &&
  sed -i "s|^listen {|listen {\n\tadminsock \"$1/racoon.sock\";|" "$1/racoon.conf" &&
  "$RACOOND" -t -f "$1/racoon.conf" >/dev/null
}

# Starts racoond in NS; it forks once ready (PF_KEY registered, SPD dumped,
# sockets open).
# (An ASan build's reports go to DIR/asan.*: stderr is /dev/null once
# racoond has forked.)
start_racoond() {   # NS DIR
  ASAN_OPTIONS=log_path=$2/asan ip netns exec "$1" "$RACOOND" -f "$2/racoon.conf" -d -l "$2/racoond.log"
}
log_has() {   # LOG ERE: waits up to 5 s
  for _ in $(seq 1 20); do
    grep -Eq "$2" "$1" && return 0
    sleep 0.25
  done
  return 1
}
# No Phase 1 SA with PEER in DIR's racoond (waits up to 5 s).
no_isakmp() {   # DIR PEER
  for _ in $(seq 1 20); do
    ctl "$1" show-sa isakmp | grep -q " $2\.500 " || return 0
    sleep 0.25
  done
  ctl "$1" show-sa isakmp
  return 1
}
# An established Phase 1 SA with PEER (waits up to 10 s).
isakmp_est() {   # DIR PEER
  for _ in $(seq 1 40); do
    show_isakmp "$1" "$2" >/dev/null && return 0
    sleep 0.25
  done
  ctl "$1" show-sa isakmp
  return 1
}

ctl() {   # DIR ARGS...
  local d=$1
  shift
  "$CTL" -s "$d/racoon.sock" "$@"
}

# The ESP states of NS: "MODE REQID BYTES" each.
esp_states() {
  ip -n "$1" -s xfrm state | awk '
    /^src / { if (m != "") print m, r, b; m = ""; r = ""; b = "" }
    /proto esp/ { for (i = 1; i <= NF; i++) { if ($i == "reqid") r = $(i + 1); if ($i == "mode") m = $(i + 1) }; sub(/\(.*/, "", r) }
    /^[ \t]*[0-9]+\(bytes\)/ { split($1, x, "("); b = x[1] }
    END { if (m != "") print m, r, b }'
}
n_esp() { esp_states "$1" | awk -v r="$2" '$1 == "transport" && $2 == r' | wc -l; }

# ping6 from the MN's CoA makes the ACQUIRE; waits for two ESP states of
# reqid 1 in both namespaces.
negotiate() {
  ip netns exec "$mn" ping -6 -c 1 -W 1 "$HA" >/dev/null 2>&1
  for _ in $(seq 1 60); do
    [ "$(n_esp "$mn" 1)" -eq 2 ] && [ "$(n_esp "$ha" 1)" -eq 2 ] && return 0
    sleep 0.25
  done
  echo "MN:"; esp_states "$mn"; echo "HA:"; esp_states "$ha"
  return 1
}

ping_esp() {
  ip netns exec "$mn" ping -6 -c 3 -i 0.2 -W 2 "$HA" || return 1
  local ns
  for ns in "$ha" "$mn"; do
    esp_states "$ns"
    esp_states "$ns" | awk '$3 == 0 { bad = 1 } END { exit bad || NR != 2 }' || return 1
  done
}

show_isakmp() {   # DIR PEER
  local out
  out=$(ctl "$1" show-sa isakmp) || return 1
  echo "$out"
  grep -Eq "^[0-9a-f:]+\.500 +$2\.500 +[0-9a-f]{16}:[0-9a-f]{16} +EST" <<<"$out"
}

# "ACQUIRE->ISAKMP-SA P1 ms, ->IPsec-SA TOTAL ms" from a racoond log.
log_ms() {   # LOG
  awk '
    function ms(t,   a) { split(t, a, /[:.]/); return ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000 + a[4] }
    / km: ACQUIRE / && s == "" { s = ms($2) }
    /ISAKMP-SA established/ && s != "" && p == "" { p = ms($2) }
    /IPsec-SA established/ && p != "" && q == "" { q = ms($2) }
    END { if (q == "") exit 1; printf "Phase 1 %d ms + Phase 2 %d ms = %d ms\n", p - s, q - p, q - s }' "$1"
}

sigterm_cleans() {   # removes the MN's SAs, and its Delete the HA's
  racoond_stop "$W/$1/mn"
  for _ in $(seq 1 20); do
    [ "$(n_esp "$mn" 1)" -eq 0 ] && [ "$(n_esp "$ha" 1)" -eq 0 ] && return 0
    sleep 0.25
  done
  echo "MN:"; esp_states "$mn"; echo "HA:"; esp_states "$ha"
  return 1
}

both_policies() {   # CASE
  policies "$mn" "$W/$1/mn" "$HOA" "$HA" && policies "$ha" "$W/$1/ha" "$HA" "$HOA"
}

run_case() {   # NAME
  local c=$1
  check "$c-policies" both_policies "$c"
  check "$c-start-ha" start_racoond "$ha" "$W/$c/ha"
  check "$c-start-mn" start_racoond "$mn" "$W/$c/mn"
  check "$c-acquire-negotiates" negotiate
  check "$c-ping6-esp" ping_esp
  check "$c-show-sa-isakmp-mn" show_isakmp "$W/$c/mn" "$HA"
  check "$c-show-sa-isakmp-ha" show_isakmp "$W/$c/ha" "$COA"
  check "$c-show-stats" bash -c "'$CTL' -s '$W/$c/mn/racoon.sock' show-stats | grep -q 'ike_ph2_established *1'"
  local t
  t=$(log_ms "$W/$c/mn/racoond.log") || t="?"
  echo "# timing: racoond-racoond $c: $t (initiator's log, from ACQUIRE)"
  if [ "$c" = psk ]; then
    # SIGHUP: the engine switches to the new configuration; the Phase 1 SA
    # still has a remote section and stays.
    kill -HUP "$(cat "$W/$c/mn/racoon.pid")"
    check "$c-sighup-reload" log_has "$W/$c/mn/racoond.log" "configuration reloaded"
    check "$c-sighup-keeps-isakmp-sa" show_isakmp "$W/$c/mn" "$HA"
    check "$c-ping6-after-reload" ip netns exec "$mn" ping -6 -c 1 -W 2 "$HA"
    # racoonctl delete-sa isakmp: gone here, and the peer took the Delete.
    check "$c-delete-sa-isakmp" ctl "$W/$c/mn" delete-sa isakmp "$COA" "$HA"
    check "$c-delete-sa-isakmp-gone" no_isakmp "$W/$c/mn" "$HA"
    check "$c-delete-sa-isakmp-peer-gone" no_isakmp "$W/$c/ha" "$COA"
    # racoonctl establish-sa isakmp: Phase 1 again.
    check "$c-establish-sa-isakmp" ctl "$W/$c/mn" establish-sa isakmp inet6 "$COA" "$HA"
    check "$c-establish-sa-isakmp-est" isakmp_est "$W/$c/mn" "$HA"
  fi
  check "$c-sigterm-removes-sas" sigterm_cleans "$c"
  racoond_stop "$W/$c/ha"
  check "$c-no-asan-report" bash -c "! ls $W/$c/*/asan.* 2>/dev/null || { cat $W/$c/*/asan.*; false; }"
  ip -n "$ha" xfrm state flush
  ip -n "$mn" xfrm state flush
}

# a. PSK
psk_confs() {
  racoon_conf "$W/psk/ha" local="$HA" remote="$COA" psk=racoond-pair-000 reqid=1 role=responder &&
  racoon_conf "$W/psk/mn" local="$COA" remote="$HA" psk=racoond-pair-000 reqid=1 role=initiator &&
  private_paths "$W/psk/ha" && private_paths "$W/psk/mn"
}
check psk-confs psk_confs
run_case psk

# b. RSA certificates, asn1dn identifiers
# shellcheck source=/dev/null
cert_confs() {
  host_run bash "$SRCDIR/test/interop/mkcerts.sh" --keys "$SRCDIR/test/interop/keys" "$W/certs" &&
  . "$W/certs/dn.env" &&
  racoon_conf "$W/cert/ha" auth=cert local="$HA" remote="$COA" cert="$HA_CERT" key="$HA_KEY" \
    ca="$CA_CERT" peer_id="$MN_DN" reqid=1 role=responder &&
  racoon_conf "$W/cert/mn" auth=cert local="$COA" remote="$HA" cert="$MN_CERT" key="$MN_KEY" \
    ca="$CA_CERT" peer_id="$HA_DN" reqid=1 role=initiator &&
  private_paths "$W/cert/ha" && private_paths "$W/cert/mn"
}
check cert-confs cert_confs
run_case cert

finish
