#!/bin/bash
# NEMO (RFC 3963) end to end on the Debian kernel: seed 000's testbed
# (mip6d_topology.bash) where the mobile node is a mobile router (MR,
# IsMobRtr, explicit mode, mobile network prefix 2001:db8:ffff:10::/64 on
# its link lan0) with a host behind it (namespace "host"), and the HA
# accepts mobile routers (HaAcceptMobRtr, the prefix authorised by
# BindingAclPolicy).
#  1. no IPsec: mip6d turns forwarding on (accept_ra 2 on its interfaces)
#     and adds the rules of the prefix; BU with R and the prefix option, BA
#     with R; the HA routes the prefix into the tunnel (table 252); host <->
#     CN pings through MR and HA, from AR1's link, then AR2's; back home the
#     HA's route of the prefix is gone; SIGTERM puts everything back.
#  2. IPsec (Mh + TunnelPayload, static ESP SAs): the same moves; the
#     prefix's traffic crosses the ESP tunnel SAs both ways, the host still
#     reaches its router in clear on lan0 (bypass policies); at the
#     handover the kernel's PF_KEY SADB_X_MIGRATE broadcasts (setkey -x)
#     carry, besides the anchor's 4 (MR) and 5 (HA), the prefix's tunnel
#     policies with their FWD one (UMIP migrated IN twice instead): 7 on
#     the MR, 8 on the HA, checked field by field.
#  3. implicit mode (MobRtrUseExplicitMode disabled): BUs with R and no
#     prefix option, the HA binds the prefix of its BindingAclPolicy.
# vm-timeout: 600
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"

. "$SRCDIR/test/vm/scenarios/mip6d_topology.bash"
. "$SRCDIR/test/vm/scenarios/mip6d_pfkey.bash"
MNP=2001:db8:ffff:10::/64 MRLAN=2001:db8:ffff:10::1 HOST=2001:db8:ffff:10::2

check modules-ip6_tunnel-bridge-esp6 modules
check topology setup
mobile_network() {
  netns_new hostns host && netns_veth mn lan0 host eth0 &&
  ip -n mn addr add "$MRLAN/64" dev lan0 nodad && ip -n host addr add "$HOST/64" dev eth0 nodad &&
  ip -n host -6 route add default via "$MRLAN"
}
check "mobile network link lan0 with a host" mobile_network

cat >"$W/ha-nemo.conf" <<CONF
NodeConfig HA;
DebugLevel 2;
Interface "home0";
HaAcceptMobRtr enabled;
HaServedPrefix 2001:db8:ffff::/48;
BindingAclPolicy $HOA ($MNP) allow;
DefaultBindingAclPolicy deny;
CONF
cat >"$W/mn-nemo.conf" <<CONF
NodeConfig MN;
DebugLevel 2;
OptimisticHandoff enabled;
MnMaxHaBindingLife 60;
MobRtrUseExplicitMode enabled;
Interface "mh0" { MnIfPreference 1; }
Interface "m1" { MnIfPreference 2; }
Interface "m2" { MnIfPreference 3; }
MnHomeLink "mh0" {
	HomeAgentAddress $HA;
	HomeAddress $HOA/64 ($MNP);
	IsMobRtr enabled;
}
CONF
# shellcheck disable=SC2154  # ipsec_set: mip6d_topology.bash
{ cat "$W/ha-nemo.conf"; echo "$ipsec_set"; } >"$W/ha-nemo2.conf"
{ cat "$W/mn-nemo.conf"; echo "$ipsec_set"; } >"$W/mn-nemo2.conf"

sysctl_is() { [ "$(ip netns exec mn cat "/proc/sys/net/ipv6/conf/$1/$2")" = "$3" ]; }
forwarding_is() { sysctl_is all forwarding "$1" && sysctl_is m1 accept_ra "$2"; }
mr_rules() {
  ip -n mn -6 rule | grep -q "^1000:.*from all to $MNP lookup main" &&
  ip -n mn -6 rule | grep -q "^1005:.*from $MNP lookup 252"
}
no_mr_rules() { ! ip -n mn -6 rule | grep -q "$MNP"; }
mnp_route_at_ha() { ip -n ha -6 route show table 252 | grep -q "^$MNP dev mip6ha0"; }
ha_tunnel_to() { ip -n ha -d link show mip6ha0 | grep -q "remote $1" && mnp_route_at_ha; }
bc_mr() { bc | grep -q "\"coa\":\"$1\".*\"flags\":\"[A-Z]*R[A-Z]*\".*\"mnp\":\[\"$MNP\"\]"; }
bul_mr() { bul | grep -q "\"coa\":\"$1\".*\"registered\":true,\"flags\":\"[A-Z]*R"; }
# The HA's log: a BU from COA with R (0x04) and the prefix option, a BA
# with R (0x40) to it.
ha_log_mr() { # LOG COA
  grep -Eq "BU seq [0-9]+ lifetime [0-9]+ flags 0x[0-9a-f]?[4-7cdef] from $2 " "$1" &&
  grep -q "mobile network prefix $MNP" "$1" &&
  grep -Eq "BA status 0 seq [0-9]+ lifetime [1-9][0-9]* to $2 for HoA $HOA flags 0x[4-7c-f]0" "$1"
}
host_to_cn() { ip netns exec host ping -6 -c 3 -i 0.3 -W 2 "$CN" >/dev/null; }
host_to_mr() { ip netns exec host ping -6 -c 2 -i 0.3 -W 2 "$1" >/dev/null; }
cn_to_host() { ip netns exec cn ping -6 -c 3 -i 0.3 -W 2 "$HOST" >/dev/null; }
packets() { # NS SRC DST SPI
  ip -n "$1" -s xfrm state get src "$2" dst "$3" proto esp spi "$4" |
    grep -Eo '[0-9]+\(packets\)' | head -1 | tr -dc 0-9
}
# CN -> host pings cross the HA's tunnel SA HA->COA and, answered, the
# MR's COA->HA: each counts at least the 3 packets.
esp_carries_mnp() { # COA
  local h0 m0 h1 m1
  h0=$(packets ha "$HA" "$1" 0x2002) m0=$(packets mn "$1" "$HA" 0x2001)
  cn_to_host || return 1
  h1=$(packets ha "$HA" "$1" 0x2002) m1=$(packets mn "$1" "$HA" 0x2001)
  echo "HA->$1: $h0 -> $h1 packets; $1->HA: $m0 -> $m1"
  [ $((h1 - h0)) -ge 3 ] && [ $((m1 - m0)) -ge 3 ]
}

run_moves() { # PHASE SUFFIX
  local p=$1 s=$2
  check "$p: MR: forwarding on, accept_ra 2 on m1 (set by mip6d)" forwarding_is 1 2
  check "$p: MR: rules to $MNP lookup main (1000), from it lookup 252 (1005)" mr_rules
  check "$p: MR: route of the mobile network on lan0" \
    bash -c "ip -n mn -6 route show $MNP | grep -q 'dev lan0'"
  check "$p: MR at home at start" wait_for 5 at_home
  move mh0 m1
  check "$p: registered from AR1's link (BU/BA)" wait_for 20 registered_at $COA1
  check "$p: MR's BUL entry registered with R (a BA without R is refused)" bul_mr $COA1
  check "$p: HA's binding: R flag and the prefix $MNP" bc_mr $COA1
  check "$p: HA log: BU with R and the prefix option, BA with R" ha_log_mr "$W/ha-nemo$s.log" $COA1
  check "$p: HA routes $MNP into the tunnel (table 252)" mnp_route_at_ha
  check "$p: HA proxies the HoA as a router" \
    bash -c "ip -n ha -6 neigh show proxy | grep '$HOA' | grep -q router"
  check "$p: host -> CN ping through the MR and the HA" wait_for 10 host_to_cn
  check "$p: CN -> host ping" wait_for 10 cn_to_host
  [ "$p" = "phase 1" ] || check "$p: ... under ESP both ways (tunnel SA counters)" esp_carries_mnp $COA1
  check "$p: host -> MR's lan0 address while away" host_to_mr "$MRLAN"
  check "$p: host -> MR's HoA while away (the answer stays on lan0)" host_to_mr "$HOA"
  move m1 m2
  check "$p: handover to AR2's link registered" wait_for 20 registered_at $COA2
  check "$p: HA's binding after the handover: R and the prefix" bc_mr $COA2
  check "$p: HA tunnel retargeted to CoA2, prefix still routed into it" ha_tunnel_to $COA2
  check "$p: host -> CN ping after the handover" wait_for 10 host_to_cn
  check "$p: CN -> host ping after the handover" wait_for 10 cn_to_host
  [ "$p" = "phase 1" ] || check "$p: ... under ESP both ways at CoA2" esp_carries_mnp $COA2
  move m2 mh0
  check "$p: back home: de-registered, bc empty" wait_for 15 at_home
  check "$p: HA's route of $MNP removed" bash -c "! ip -n ha -6 route show table 252 | grep -q '$MNP'"
  check "$p: HA proxy entry withdrawn" bash -c "! ip -n ha -6 neigh show proxy | grep -q '$HOA'"
}
after_stop() { # PHASE
  check "$1: SIGTERM: both exit 0" stop_daemons
  check "$1: nothing left in the SPD" \
    bash -c "[ -z \"\$(ip -n ha xfrm policy)\" ] && [ -z \"\$(ip -n mn xfrm policy)\" ]"
  check "$1: MR's rules removed" no_mr_rules
  check "$1: MR's forwarding and accept_ra put back" forwarding_is 0 1
}

if check "phase 1: daemons start" start_daemons -nemo; then
  run_moves "phase 1" ""
  after_stop "phase 1"
fi

# --- phase 2: IPsec with static keys ----------------------------------------
check "phase 2: static ESP SAs (ip xfrm state)" static_sas
SETKEY=$BUILDDIR/libpfkey/setkey/setkey
pfkey=no
if modprobe af_key 2>/dev/null && kernel_at_least 6.1.192; then
  pfkey=yes
  for n in ha mn; do
    ip netns exec $n "$SETKEY" -x >"$W/$n-nemo.pfkey" 2>&1 & pids+=($!)
  done
  listening() { grep -q monitoring "$W/ha-nemo.pfkey" && grep -q monitoring "$W/mn-nemo.pfkey"; }
  check "phase 2: setkey -x listening in ha and mn" wait_for 5 listening
  sleep 0.5
fi
if check "phase 2: daemons start" start_daemons -nemo2; then
  run_moves "phase 2" 2
  if [ $pfkey = yes ]; then
    z=::/0 h=$HOA/128 a=$HA/128 mh="ulp=135 esp transport reqid=0" any="ulp=0 esp tunnel reqid=0"
    check "phase 2: PF_KEY: MR's 7 SADB_X_MIGRATE at the handover (HoA's 4 and the prefix's out, in, fwd)" \
      pfkey_expect "$W/mn-nemo.pfkey" "$COA2" "out $h>$a $mh ::>:: $COA2>$HA km=$COA2>$HA
in $a>$h $mh ::>:: $HA>$COA2 km=$COA2>$HA
out $h>$z $any $COA1>$HA $COA2>$HA km=$COA2>$HA
in $z>$h $any $HA>$COA1 $HA>$COA2 km=$COA2>$HA
out $MNP>$z $any $COA1>$HA $COA2>$HA km=$COA2>$HA
in $z>$MNP $any $HA>$COA1 $HA>$COA2 km=$COA2>$HA
fwd $z>$MNP $any $HA>$COA1 $HA>$COA2 km=$COA2>$HA"
    check "phase 2: PF_KEY: HA's 8 SADB_X_MIGRATE at the handover (HoA's 5 and the prefix's in, fwd, out)" \
      pfkey_expect "$W/ha-nemo.pfkey" "$COA2" "in $h>$a $mh ::>:: $COA2>$HA km=$HA>$COA2
out $a>$h $mh ::>:: $HA>$COA2 km=$HA>$COA2
in $h>$z $any $COA1>$HA $COA2>$HA km=$HA>$COA2
fwd $h>$z $any $COA1>$HA $COA2>$HA km=$HA>$COA2
out $z>$h $any $HA>$COA1 $HA>$COA2 km=$HA>$COA2
in $MNP>$z $any $COA1>$HA $COA2>$HA km=$HA>$COA2
fwd $MNP>$z $any $COA1>$HA $COA2>$HA km=$HA>$COA2
out $z>$MNP $any $HA>$COA1 $HA>$COA2 km=$HA>$COA2"
    echo "phase 2: SADB_X_MIGRATE received: MR $(pfkey_migrates "$W/mn-nemo.pfkey" | wc -l), HA $(pfkey_migrates "$W/ha-nemo.pfkey" | wc -l)"
  else
    skip "phase 2: PF_KEY SADB_X_MIGRATE" "no af_key, or a kernel before 6.1.192 (broadcasts in the initial namespace)"
  fi
  after_stop "phase 2"
fi
# --- phase 3: implicit mode, no IPsec -----------------------------------------
sed 's/MobRtrUseExplicitMode enabled/MobRtrUseExplicitMode disabled/' "$W/mn-nemo.conf" >"$W/mn-nemo3.conf"
cp "$W/ha-nemo.conf" "$W/ha-nemo3.conf"
home_unrouted() { at_home && ! ip -n ha -6 route show table 252 | grep -q "$MNP"; }
implicit_bu() { # LOG COA
  grep -Eq "BU seq [0-9]+ lifetime [0-9]+ flags 0x[0-9a-f]?[4-7cdef] from $2 " "$1" &&
  ! grep -q "mobile network prefix" "$1"
}
if check "phase 3: daemons start (MobRtrUseExplicitMode disabled)" start_daemons -nemo3; then
  check "phase 3: MR at home at start" wait_for 5 at_home
  move mh0 m1
  check "phase 3: registered from AR1's link" wait_for 20 registered_at $COA1
  check "phase 3: BU with R and no prefix option" implicit_bu "$W/ha-nemo3.log" $COA1
  check "phase 3: HA's binding holds the prefix of its BindingAclPolicy" bc_mr $COA1
  check "phase 3: CN -> host ping" wait_for 10 cn_to_host
  move m1 mh0
  check "phase 3: back home: de-registered, HA's route of the prefix removed" \
    wait_for 15 home_unrouted
  after_stop "phase 3"
fi
kill "${pids[@]}" 2>/dev/null
finish
