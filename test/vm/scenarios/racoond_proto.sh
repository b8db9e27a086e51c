#!/bin/bash
# racoond against racoond beyond plain ESP, on seed 000's testbed (HA
# 2001:db8:ffff::1000, MN CoA 2001:db8:1::2), PSK, configurations from
# test/interop/racoon_conf.sh, the MN initiating, transport mode:
#   a. ESP+IPComp bundle (policies: ipcomp level use, then esp): 1200-byte
#      pings cross and the IPComp states' byte counters grow (the inbound
#      one only counts packets that arrived compressed); "# ipcomp:" lines
#      print the HA's counters.  The HA runs the XFRM backend, the MN PF_KEY.
#   b. AH alone: pings cross as AH, both AH states count bytes.
#   c. ESP+AH bundle (policies: esp then ah, both require): pings cross,
#      ESP and AH states on both sides count bytes.
#   d. generate_policy on: the HA has no policy at all, the MN has its own;
#      the ping passes, the HA's in/out policies appear, and go when the
#      MN's racoond stops (its DELETE removes the HA's SAs and policies).
#   e. ESP+IPComp against strongSwan's charon (IKEv1, ipcomp = yes), when
#      the host root has it: racoond initiator (MN) vs charon responder
#      (HA), then charon initiator (MN) vs racoond responder (HA); large
#      pings cross compressed both times.
#   f. AH alone against charon (ah_proposals), both ways likewise.
# Arguments: the cases to run (default abcdef), e.g. `e` while debugging.
# vm-timeout: 480
# vm-host-root: yes
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"
. "$SRCDIR/test/interop/racoond.sh"
. "$SRCDIR/test/interop/racoon_conf.sh"
. "$SRCDIR/test/interop/charon.sh"

HA=2001:db8:ffff::1000 COA=2001:db8:1::2
W=/tmp/racoond-proto
CASES=${1:-abcdef}
want() { [[ $CASES == *"$1"* ]]; }
RACOOND=$BUILDDIR/racoond/racoond
rm -rf "$W"
mkdir -p "$W"

save_logs() {
  [ -n "${VM_RESULTS:-}" ] || return 0
  mkdir -p "$VM_RESULTS/racoond-proto"
  local f
  for f in "$W"/*/*/racoond.log "$W"/*/*/charon.log; do
    [ -f "$f" ] || continue
    cp "$f" "$VM_RESULTS/racoond-proto/$(basename "$(dirname "$(dirname "$f")")")-$(basename "$(dirname "$f")").log"
  done
  return 0
}
stop_all() {
  local d
  for d in "$W"/*/*/; do racoond_stop "$d"; done
  for d in "$W"/[ef][12]/charon; do [ -d "$d" ] && charon_stop "$d" 2>/dev/null; done
  save_logs
}
trap 'stop_all; vm_cleanup' EXIT

check modules modprobe -a af_key xfrm_user esp6 ah6 ipcomp6 deflate veth

ha="" mn=""
mac() { ip -n "$1" link show eth0 | awk '/link\/ether/ { print $2 }'; }
# Permanent neighbour entries: the host-to-host policies catch neighbour
# discovery too.
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

private_paths() {   # DIR
  sed -i "1a path pidfile \"$1/racoon.pid\";" "$1/racoon.conf" &&
  sed -i "s|^listen {|listen {\n\tadminsock \"$1/racoon.sock\";|" "$1/racoon.conf" &&
  "$RACOOND" -t -f "$1/racoon.conf" >/dev/null
}
# The out and in policies of SELF <-> PEER with the templates TMPL (ip's
# "tmpl ..." words, innermost first).
spd() {   # SELF PEER TMPL...
  local self=$1 peer=$2
  shift 2
  echo "xfrm policy add src $self/128 dst $peer/128 dir out $*"
  echo "xfrm policy add src $peer/128 dst $self/128 dir in $*"
}
confs() {   # CASE TMPL...
  local c=$1
  shift
  racoon_conf "$W/$c/ha" local="$HA" remote="$COA" psk="racoond-proto-$c" \
    role=responder &&
  racoon_conf "$W/$c/mn" local="$COA" remote="$HA" psk="racoond-proto-$c" \
    role=initiator &&
  private_paths "$W/$c/ha" && private_paths "$W/$c/mn" &&
  spd "$HA" "$COA" "$@" > "$W/$c/ha/spd.batch" &&
  spd "$COA" "$HA" "$@" > "$W/$c/mn/spd.batch"
}
start_racoond() {   # NS DIR KERNEL
  ASAN_OPTIONS=log_path=$2/asan ip netns exec "$1" "$RACOOND" -f "$2/racoon.conf" -d \
    -l "$2/racoond.log" --kernel "$3"
}
start_pair() {   # CASE HA-KERNEL
  ip -n "$ha" xfrm policy flush && ip -n "$mn" xfrm policy flush &&
  ip -n "$ha" xfrm state flush && ip -n "$mn" xfrm state flush &&
  { [ ! -s "$W/$1/ha/spd.batch" ] || ip -n "$ha" -batch "$W/$1/ha/spd.batch"; } &&
  ip -n "$mn" -batch "$W/$1/mn/spd.batch" &&
  start_racoond "$ha" "$W/$1/ha" "$2" && start_racoond "$mn" "$W/$1/mn" pfkey
}
stop_pair() {   # CASE
  racoond_stop "$W/$1/mn"
  racoond_stop "$W/$1/ha"
}
no_asan() {   # CASE
  ! ls "$W/$1"/*/asan.* 2>/dev/null || { cat "$W/$1"/*/asan.*; false; }
}

# The IPsec states of NS: "PROTO BYTES SPI" each (ip's comp for IPComp).
states() {
  ip -n "$1" -s xfrm state | awk '
    /^src / { if (p != "") print p, b, s; p = ""; b = ""; s = "" }
    /^[ \t]*proto / { p = $2; for (i = 1; i <= NF; i++) if ($i == "spi") s = $(i + 1) }
    /^[ \t]*[0-9]+\(bytes\)/ { split($1, x, "("); b = x[1] }
    END { if (p != "") print p, b, s }'
}
n_proto() { states "$1" | awk -v p="$2" '$1 == p' | wc -l; }

# A ping makes the ACQUIRE; waits for two states of each PROTO on both sides.
negotiate() {   # PROTO...
  local p ok
  ip netns exec "$mn" ping -6 -c 1 -W 1 "$HA" >/dev/null 2>&1
  for _ in $(seq 1 80); do
    ok=1
    for p in "$@"; do
      [ "$(n_proto "$mn" "$p")" -eq 2 ] && [ "$(n_proto "$ha" "$p")" -eq 2 ] || ok=0
    done
    [ "$ok" = 1 ] && return 0
    sleep 0.25
  done
  echo "MN:"; states "$mn"; echo "HA:"; states "$ha"
  return 1
}
# Three echoes of SIZE bytes cross; every state of each PROTO on both
# sides counted bytes.
ping_protos() {   # SIZE PROTO...
  local size=$1 ns p
  shift
  ip netns exec "$mn" ping -6 -c 3 -i 0.2 -W 2 -s "$size" "$HA" || return 1
  for ns in "$ha" "$mn"; do
    states "$ns"
    for p in "$@"; do
      states "$ns" | awk -v p="$p" '$1 == p { n++; if ($2 == 0) bad = 1 } END { exit bad || n != 2 }' ||
        return 1
    done
  done
}

# a. ESP+IPComp (the HA on XFRM netlink, the MN on PF_KEY)
if want a; then
  check comp-confs confs comp "tmpl proto comp mode transport level use" \
    "tmpl proto esp mode transport"
  check comp-start start_pair comp xfrm
  check comp-acquire-negotiates negotiate comp esp
  check comp-large-pings-compressed ping_protos 1200 comp esp
  # The figures: an inbound IPComp state counts only packets that arrived
  # compressed (small ones travel without an IPComp header).
  states "$ha" | awk '{ print "# ipcomp: HA state " $1 " spi " $3 ": " $2 " bytes" }'
  stop_pair comp
  check comp-no-asan-report no_asan comp
fi

# b. AH alone
if want b; then
  check ah-confs confs ah "tmpl proto ah mode transport"
  check ah-start start_pair ah pfkey
  check ah-acquire-negotiates negotiate ah
  check ah-ping6 ping_protos 56 ah
  stop_pair ah
  check ah-no-asan-report no_asan ah
fi

# c. ESP+AH bundle
if want c; then
  check ahesp-confs confs ahesp "tmpl proto esp mode transport" "tmpl proto ah mode transport"
  check ahesp-start start_pair ahesp pfkey
  check ahesp-acquire-negotiates negotiate esp ah
  check ahesp-ping6 ping_protos 56 esp ah
  stop_pair ahesp
  check ahesp-no-asan-report no_asan ahesp
fi

# d. generate_policy: the HA starts with an empty SPD
gen_confs() {
  confs gen "tmpl proto esp mode transport" &&
  : > "$W/gen/ha/spd.batch" &&
  sed -i 's/generate_policy off;/generate_policy on;/' "$W/gen/ha/racoon.conf" &&
  "$RACOOND" -t -f "$W/gen/ha/racoon.conf" >/dev/null
}
# Policies with a direction (racoond's per-socket bypasses are not counted).
n_pol() { ip -n "$1" xfrm policy | grep -cE '^[[:space:]]+dir (in|out|fwd) '; }
gen_policies() {
  ip -n "$ha" xfrm policy
  [ "$(n_pol "$ha")" -eq 2 ] &&
  ip -n "$ha" xfrm policy | grep -A3 "^src $COA/128 dst $HA/128" | grep -q "dir in" &&
  ip -n "$ha" xfrm policy | grep -A3 "^src $HA/128 dst $COA/128" | grep -q "dir out"
}
gen_gone() {
  racoond_stop "$W/gen/mn"
  for _ in $(seq 1 20); do
    [ "$(n_pol "$ha")" -eq 0 ] && [ "$(n_proto "$ha" esp)" -eq 0 ] && return 0
    sleep 0.25
  done
  ip -n "$ha" xfrm policy
  states "$ha"
  return 1
}
if want d; then
  check gen-confs gen_confs
  check gen-start start_pair gen pfkey
  check gen-ha-spd-empty test "$(n_pol "$ha")" -eq 0
  check gen-acquire-negotiates negotiate esp
  check gen-ping6 ping_protos 56 esp
  check gen-ha-policies-generated gen_policies
  check gen-policies-removed-with-sas gen_gone
  stop_pair gen
  check gen-no-asan-report no_asan gen
fi

# e, f. Against charon
PSK=racoond-proto-charon
# charon's configuration edited by SED-EXPR (the child's protocols),
# charon started in NS.
charon_child() {   # INST NS SED-EXPR CHECK-RE KEY=VALUE...
  local inst=$1 ns=$2 expr=$3 re=$4
  shift 4
  swanctl_conf "$inst" "$@" &&
  sed -i "$expr" "$inst/swanctl/swanctl.conf" &&
  grep -q "$re" "$inst/swanctl/swanctl.conf" &&
  charon_start "$inst" "$ns" && charon_load "$inst" >/dev/null
}
COMP_SED='s/^\([[:space:]]*esp_proposals = .*\)$/\1\n        ipcomp = yes/'
AH_SED='s/^\([[:space:]]*\)esp_proposals = .*$/\1ah_proposals = sha1-modp2048/'
# racoond alone in NS (the peer is charon), its policies with TMPL.
TMPL=()
racoond_alone() {   # NS DIR KEY=VALUE...
  local ns=$1 d=$2 self peer
  shift 2
  racoon_conf "$d" "$@" && private_paths "$d" &&
  self=$(awk '/^# Written/ { print $(NF - 2) }' "$d/racoon.conf") &&
  peer=$(awk '/^# Written/ { print $NF }' "$d/racoon.conf") &&
  spd "$self" "$peer" "${TMPL[@]}" > "$d/spd.batch" &&
  ip -n "$ns" -batch "$d/spd.batch" &&
  start_racoond "$ns" "$d" pfkey
}
flush_both() {
  ip -n "$ha" xfrm policy flush && ip -n "$mn" xfrm policy flush &&
  ip -n "$ha" xfrm state flush && ip -n "$mn" xfrm state flush
}
# X1: racoond initiator (MN) vs charon responder (HA); X2: charon
# initiator (MN) vs racoond responder (HA).  Pings of SIZE, the states of
# PROTO... on both sides count bytes.
with_charon() {   # X SED-EXPR CHECK-RE SIZE PROTO...
  local x=$1 expr=$2 re=$3 size=$4
  shift 4
  flush_both
  check "${x}1-charon-ha" charon_child "$W/${x}1/charon" "$ha" "$expr" "$re" local="$HA" \
    remote="$COA" psk=$PSK reqid=1
  check "${x}1-racoond-mn" racoond_alone "$mn" "$W/${x}1/mn" local="$COA" remote="$HA" psk=$PSK \
    role=initiator
  check "${x}1-acquire-negotiates" negotiate "$@"
  check "${x}1-pings" ping_protos "$size" "$@"
  states "$ha" | awk -v x="$x" '{ print "# " x "1 charon HA: state " $1 " spi " $3 ": " $2 " bytes" }'
  racoond_stop "$W/${x}1/mn"
  charon_stop "$W/${x}1/charon"
  check "${x}1-no-asan-report" no_asan "${x}1"

  flush_both
  check "${x}2-racoond-ha" racoond_alone "$ha" "$W/${x}2/ha" local="$HA" remote="$COA" psk=$PSK \
    role=responder
  check "${x}2-charon-mn" charon_child "$W/${x}2/charon" "$mn" "$expr" "$re" local="$COA" \
    remote="$HA" psk=$PSK reqid=1
  check "${x}2-charon-initiate" charon_initiate "$W/${x}2/charon"
  check "${x}2-sas" negotiate "$@"
  check "${x}2-pings" ping_protos "$size" "$@"
  states "$ha" | awk -v x="$x" '{ print "# " x "2 racoond HA: state " $1 " spi " $3 ": " $2 " bytes" }'
  racoond_stop "$W/${x}2/ha"
  charon_stop "$W/${x}2/charon"
  check "${x}2-no-asan-report" no_asan "${x}2"
}
if ! want e && ! want f; then
  :
elif [ -x /host/usr/lib/ipsec/charon ] && [ -x /host/usr/sbin/swanctl ]; then
  if want e; then
    TMPL=("tmpl proto comp mode transport level use" "tmpl proto esp mode transport")
    with_charon e "$COMP_SED" 'ipcomp = yes' 1200 comp esp
  fi
  if want f; then
    TMPL=("tmpl proto ah mode transport")
    with_charon f "$AH_SED" 'ah_proposals' 56 ah
  fi
else
  skip charon "no charon/swanctl in the host root (strongswan-charon, strongswan-swanctl)"
fi

finish
