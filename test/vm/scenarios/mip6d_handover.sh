#!/bin/bash
# mip6d end to end on the Debian kernel (MIP6, ip6tnl, ESP): seed 000's
# testbed.  Namespaces: ha and cn on the home link 2001:db8:ffff::/64 (a
# bridge in hl), two access routers ar1/ar2 with foreign links
# 2001:db8:1::/64 and 2001:db8:2::/64 routed to the home link, and mn with
# one interface per link (mh0 home, m1, m2), moved by taking links down and
# up.  RAs every 0.5-1.5 s (ra_send, as radvd in the anchor's testbed).
#  1. no IPsec: at home; registers from AR1's link (BU/BA, bc on the HA,
#     CN -> HoA ping across the tunnel); hands over to AR2's; comes home
#     (de-registration completes: the anchor never did); SIGTERM cleans up.
#  2. IPsec (UseMnHaIPsec, Mh + TunnelPayload, static ESP SAs as an admin
#     would add them with ip xfrm state): the same moves, with every MIGRATE
#     and its KMADDRESS caught by libxfrm's listener on both nodes, and the
#     kernel's PF_KEY SADB_X_MIGRATE broadcasts of the handover (setkey -x
#     in each namespace) checked field by field against the anchor's
#     (reference/anchor-behaviour.md): 4 on the MN, 5 on the HA.
# vm-timeout: 480
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"

. "$SRCDIR/test/vm/scenarios/mip6d_topology.bash"
check modules-ip6_tunnel-bridge-esp6 modules
check topology setup

. "$SRCDIR/test/vm/scenarios/mip6d_pfkey.bash"
# The handover's messages (KMADDRESS naming CoA2) on NODE are exactly the
# expected lines, in any order.
pfkey_set() { # NODE EXPECTED-LINES
  pfkey_expect "$W/$1.pfkey" "$COA2" "$2"
}
only_broadcasts() {
  local n
  for n in ha mn; do
    pfkey_migrates "$W/$n.pfkey" | grep -v ' seq=0 pid=0$' | grep . && return 1
  done
  return 0
}
pfkey_checks() {
  local z=::/0 h=$HOA/128 a=$HA/128 mh="ulp=135 esp transport reqid=0" any="ulp=0 esp tunnel reqid=0"
  check "phase 2: PF_KEY: the kernel's broadcasts (seq 0, pid 0) only" only_broadcasts
  check "phase 2: PF_KEY: MN's 4 SADB_X_MIGRATE at the handover (selectors, dirs, endpoints, KMADDRESS CoA2/HA)" \
    pfkey_set mn "out $h>$a $mh ::>:: $COA2>$HA km=$COA2>$HA
in $a>$h $mh ::>:: $HA>$COA2 km=$COA2>$HA
out $h>$z $any $COA1>$HA $COA2>$HA km=$COA2>$HA
in $z>$h $any $HA>$COA1 $HA>$COA2 km=$COA2>$HA"
  check "phase 2: PF_KEY: HA's 5 SADB_X_MIGRATE at the handover (selectors, dirs, endpoints, KMADDRESS HA/CoA2)" \
    pfkey_set ha "in $h>$a $mh ::>:: $COA2>$HA km=$HA>$COA2
out $a>$h $mh ::>:: $HA>$COA2 km=$HA>$COA2
in $h>$z $any $COA1>$HA $COA2>$HA km=$HA>$COA2
fwd $h>$z $any $COA1>$HA $COA2>$HA km=$HA>$COA2
out $z>$h $any $HA>$COA1 $HA>$COA2 km=$HA>$COA2"
  echo "phase 2: SADB_X_MIGRATE received: MN $(pfkey_migrates "$W/mn.pfkey" | wc -l), HA $(pfkey_migrates "$W/ha.pfkey" | wc -l)"
}

run_moves() { # PHASE LOGSUFFIX
  local p=$1 s=$2
  check "$p: MN at home at start" wait_for 5 at_home
  move mh0 m1
  check "$p: registered from AR1's link (BU/BA), bc on the HA" wait_for 20 registered_at $COA1
  check "$p: HoA on the MN's tunnel" bash -c "ip -n mn addr show mip6mn0 | grep -q '$HOA/128'"
  check "$p: CN -> HoA ping crosses the tunnel" wait_for 10 ping_hoa
  if [ "$p" = "phase 1" ]; then
    check "$p: ... through the HA's tunnel device" tunnel_used
  else
    check "$p: ... under ESP (tunnel SA HA->CoA1 counters)" esp_used $HA $COA1 0x2002
  fi
  move m1 m2
  check "$p: handover to AR2's link registered" wait_for 20 registered_at $COA2
  check "$p: CN -> HoA ping after the handover" wait_for 10 ping_hoa
  check "$p: HA tunnel retargeted to CoA2" bash -c "ip -n ha -d link show mip6ha0 | grep -q 'remote $COA2'"
  move m2 mh0
  # 15 s, well inside the 60 s lifetime: expiry cannot stand in for it.
  check "$p: back home: de-registered, bc empty" wait_for 15 at_home
  check "$p: ... by the HA's BA to the de-registration" \
    grep -q "BA status 0 seq [0-9]* lifetime 0 to $HOA" "$W/ha$s.log"
  check "$p: HoA back on mh0, tunnel gone" bash -c \
    "ip -n mn addr show mh0 | grep -q '$HOA/64' && ! ip -n mn link show mip6mn0 2>/dev/null"
  check "$p: HA proxy entry withdrawn" bash -c "! ip -n ha -6 neigh show proxy | grep -q '$HOA'"
  check "$p: CN -> HoA ping at home" wait_for 10 ping_hoa
}

if check "phase 1: daemons start" start_daemons ""; then
  run_moves "phase 1" ""
  check "phase 1: SIGTERM: both exit 0" stop_daemons
  check "phase 1: nothing left in the SPD" bash -c "[ -z \"\$(ip -n ha xfrm policy)\" ] && [ -z \"\$(ip -n mn xfrm policy)\" ]"
fi
grep -c 'BU seq' "$W/mn.log" | sed 's/^/phase 1: BUs sent by the MN: /'

# --- phase 2: IPsec with static keys ----------------------------------------
check "phase 2: static ESP SAs (ip xfrm state)" static_sas
ip netns exec ha "$XD" listen 100 120 "$W/ha.ready" >"$W/ha.migrates" 2>&1 & pids+=($!)
ip netns exec mn "$XD" listen 100 120 "$W/mn.ready" >"$W/mn.migrates" 2>&1 & pids+=($!)
# PF_KEY broadcasts reach only the sender's namespace since the af_key fix
# (in Debian's 6.1.192); before, every MIGRATE went to the initial one.
SETKEY=$BUILDDIR/libpfkey/setkey/setkey
pfkey=no
if modprobe af_key 2>/dev/null && kernel_at_least 6.1.192; then
  pfkey=yes
  for n in ha mn; do
    ip netns exec $n "$SETKEY" -x >"$W/$n.pfkey" 2>&1 & pids+=($!)
  done
fi
listening() { grep -q monitoring "$W/ha.pfkey" && grep -q monitoring "$W/mn.pfkey"; }
[ $pfkey = no ] || check "phase 2: setkey -x listening in ha and mn" wait_for 5 listening
sleep 0.5
if check "phase 2: daemons start" start_daemons 2; then
  run_moves "phase 2" 2
  km() { grep -q -- "$2" "$W/$1.migrates" || { echo "no '$2' in $1's events" >&2; false; }; }
  check "phase 2: MN MIGRATE out MH transport, KMADDRESS CoA1/HA" \
    km mn "migrate src $HOA/128 dst $HA/128 proto 135 dir out ptype main km $COA1 $HA m - - $COA1 $HA proto esp mode transport"
  check "phase 2: MN handover: out tunnel CoA1->CoA2, KMADDRESS CoA2/HA" \
    km mn "migrate src $HOA/128 dst ::/0 dir out ptype main km $COA2 $HA m $COA1 $HA $COA2 $HA proto esp mode tunnel"
  check "phase 2: MN handover: in tunnel" \
    km mn "migrate src ::/0 dst $HOA/128 dir in ptype main km $COA2 $HA m $HA $COA1 $HA $COA2 proto esp mode tunnel"
  check "phase 2: HA handover: in MH transport, KMADDRESS HA/CoA2" \
    km ha "migrate src $HOA/128 dst $HA/128 proto 135 dir in ptype main km $HA $COA2 m - - $COA2 $HA proto esp mode transport"
  check "phase 2: HA handover: fwd tunnel CoA1->CoA2" \
    km ha "migrate src $HOA/128 dst ::/0 dir fwd ptype main km $HA $COA2 m $COA1 $HA $COA2 $HA proto esp mode tunnel"
  check "phase 2: HA handover: out tunnel" \
    km ha "migrate src ::/0 dst $HOA/128 dir out ptype main km $HA $COA2 m $HA $COA1 $HA $COA2 proto esp mode tunnel"
  if [ $pfkey = yes ]; then
    pfkey_checks
  else
    skip "phase 2: PF_KEY SADB_X_MIGRATE" "no af_key, or a kernel before 6.1.192 (broadcasts in the initial namespace)"
  fi
  check "phase 2: tunnel SA moved to CoA2 by the kernel" \
    bash -c "ip -n ha xfrm state | grep -q 'src $COA2 dst $HA'"
  check "phase 2: BUs under ESP (HA's HoA->HA SA counters)" esp_used $HOA $HA 0x1001
  check "phase 2: mip6d logged no ACQUIRE" bash -c "! grep -qi acquire '$W/ha2.log' '$W/mn2.log'"
  check "phase 2: SIGTERM: both exit 0" stop_daemons
  check "phase 2: only the admin's SAs left, no policy" \
    bash -c "[ -z \"\$(ip -n ha xfrm policy)\" ] && [ -z \"\$(ip -n mn xfrm policy)\" ]"
fi
kill "${pids[@]}" 2>/dev/null
finish
