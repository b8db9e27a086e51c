# shellcheck shell=bash
# Seed 000's testbed for the mip6d VM scenarios (mip6d_handover.sh,
# mip6d_failures.sh) and the bench (test/bench/mip6d_vm_handover.scenario),
# sourced after test/vm/lib.sh.  Namespaces: ha and cn on the home link
# 2001:db8:ffff::/64 (a bridge in hl), two access routers ar1/ar2 with
# foreign links 2001:db8:1::/64 and 2001:db8:2::/64 routed to the home link,
# and mn with one interface per link (mh0 home, m1, m2), moved by taking
# links down and up.  RAs every 0.5-1.5 s (ra_send, as radvd in the
# anchor's testbed).  Gives setup, the HA and MN configurations in $W
# (ha.conf, mn.conf; ha2.conf, mn2.conf with IPsec), start_daemons/
# stop_daemons, the bul/bc/wait_for/registered_at/at_home/ping_hoa
# predicates, move, and static_sas (ESP SAs as an admin adds them).
# shellcheck disable=SC2034,SC2317  # used by the sourcing scenario
MIP6D=$BUILDDIR/mip6d/mip6d
CTL=$BUILDDIR/mip6d/mip6d-ctl
RA=$BUILDDIR/test/netns/mip6d/ra_send
XD=$BUILDDIR/test/netns/libxfrm/xfrm_driver
HOA=2001:db8:ffff::1 HA=2001:db8:ffff::1000 CN=2001:db8:ffff::2
# EUI-64 care-of addresses from fixed MACs.
COA1=2001:db8:1::ff:fe00:1 COA2=2001:db8:2::ff:fe00:2
W=${VM_RESULTS:-/tmp}/mip6d
mkdir -p "$W"
pids=()

for m in ip6_tunnel bridge xfrm_user esp6 xfrm6_tunnel; do modprobe "$m" 2>/dev/null; done
modules() { modprobe ip6_tunnel && modprobe bridge && modprobe esp6; }

w() { echo 0 > "/proc/sys/net/ipv6/$1" 2>/dev/null; }
setup() {
  local n
  for n in hl ha cn ar1 ar2 mn; do netns_new "$n" "$n" || return 1; done
  ip -n hl link add br0 type bridge && ip -n hl link set br0 up || return 1
  for n in ha cn ar1 ar2 mn; do
    local ifn=home0
    [ "$n" = ar1 ] || [ "$n" = ar2 ] && ifn=up0
    [ "$n" = mn ] && ifn=mh0
    netns_veth "$n" "$ifn" hl "p-$n" && ip -n hl link set "p-$n" master br0 || return 1
  done
  netns_veth ar1 dn0 mn m1 && netns_veth ar2 dn0 mn m2 || return 1
  ip -n mn link set m1 down && ip -n mn link set m2 down
  ip -n mn link set m1 address 02:00:00:00:00:01 && ip -n mn link set m2 address 02:00:00:00:00:02
  ip netns exec mn sh -c 'for f in all default mh0 m1 m2; do
    echo 0 > /proc/sys/net/ipv6/conf/$f/use_tempaddr; done'
  ip -n ha addr add $HA/64 dev home0 nodad && ip -n cn addr add $CN/64 dev cn0 nodad 2>/dev/null ||
    ip -n cn addr add $CN/64 dev home0 nodad || return 1
  ip -n ar1 addr add 2001:db8:ffff::a1/64 dev up0 nodad && ip -n ar1 addr add 2001:db8:1::1/64 dev dn0 nodad &&
  ip -n ar2 addr add 2001:db8:ffff::a2/64 dev up0 nodad && ip -n ar2 addr add 2001:db8:2::1/64 dev dn0 nodad || return 1
  for n in ar1 ar2 ha; do ip netns exec "$n" sh -c 'echo 1 > /proc/sys/net/ipv6/conf/all/forwarding'; done
  ip -n ar1 -6 route add default via $HA && ip -n ar2 -6 route add default via $HA &&
  ip -n ha -6 route add 2001:db8:1::/64 via 2001:db8:ffff::a1 &&
  ip -n ha -6 route add 2001:db8:2::/64 via 2001:db8:ffff::a2 &&
  ip -n cn -6 route add default via $HA || return 1
  ip -n mn addr add $HOA/64 dev mh0 nodad || return 1
  ip netns exec ha "$RA" home0 2001:db8:ffff::/64 $HA & pids+=($!)
  ip netns exec ar1 "$RA" dn0 2001:db8:1::/64 & pids+=($!)
  ip netns exec ar2 "$RA" dn0 2001:db8:2::/64 & pids+=($!)
  true
}

cat >"$W/ha.conf" <<CONF
NodeConfig HA;
DebugLevel 2;
Interface "home0";
BindingAclPolicy $HOA allow;
DefaultBindingAclPolicy deny;
CONF
cat >"$W/mn.conf" <<CONF
NodeConfig MN;
DebugLevel 2;
OptimisticHandoff enabled;
MnMaxHaBindingLife 60;
Interface "mh0" { MnIfPreference 1; }
Interface "m1" { MnIfPreference 2; }
Interface "m2" { MnIfPreference 3; }
MnHomeLink "mh0" {
	HomeAgentAddress $HA;
	HomeAddress $HOA/64;
}
CONF

start_daemons() { # SUFFIX
  ip netns exec ha "$MIP6D" -n -c "$W/ha$1.conf" -p "" -s /run/ha.sock 2>>"$W/ha$1.log" & HAPID=$!
  ip netns exec mn "$MIP6D" -n -c "$W/mn$1.conf" -p "" -s /run/mn.sock 2>>"$W/mn$1.log" & MNPID=$!
  local i
  for i in $(seq 50); do [ -S /run/ha.sock ] && [ -S /run/mn.sock ] && return 0; sleep 0.1; done
  return 1
}
stop_daemons() {
  kill -TERM "$HAPID" "$MNPID" 2>/dev/null
  wait "$HAPID"; local a=$?
  wait "$MNPID"; local b=$?
  [ $a -eq 0 ] && [ $b -eq 0 ]
}
bul() { "$CTL" -s /run/mn.sock bul --json; }
bc() { "$CTL" -s /run/ha.sock bc --json; }
# wait_for SECONDS CMD...: until CMD succeeds.
wait_for() {
  local end=$((SECONDS + $1)); shift
  while [ $SECONDS -lt $end ]; do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  "$@"
}
registered_at() { bul | grep -q "\"coa\":\"$1\".*\"registered\":true" && bc | grep -q "\"coa\":\"$1\""; }
at_home() { bul | grep -q '"state":"home","registered":false' && bc | grep -qx '{"bindings":\[\]}'; }
ping_hoa() { ip netns exec cn ping -6 -c 3 -i 0.3 -W 2 $HOA >/dev/null; }
tunnel_used() { [ "$(ip -n ha -s link show mip6ha0 | awk '/TX:/{getline; print $2}')" -gt 0 ]; }
esp_used() { # SRC DST SPI
  ip -n ha -s xfrm state get src "$1" dst "$2" proto esp spi "$3" | grep -Eq ' [1-9][0-9]*\(packets\)'
}
move() { # DOWN UP
  ip -n mn link set "$1" down && ip -n mn link set "$2" up
}

# IPsec (UseMnHaIPsec, Mh + TunnelPayload) with static ESP SAs.
ipsec_set="UseMnHaIPsec enabled;
KeyMngMobCapability enabled;
IPsecPolicySet {
	HomeAgentAddress $HA;
	HomeAddress $HOA/64;
	IPsecPolicy Mh UseESP;
	IPsecPolicy TunnelPayload UseESP;
}"
{ cat "$W/ha.conf"; echo "$ipsec_set"; } >"$W/ha2.conf"
{ cat "$W/mn.conf"; echo "$ipsec_set"; } >"$W/mn2.conf"
K1=0x0123456789abcdef0123456789abcdef A1=0x00112233445566778899aabbccddeeff00112233
sa() { # NS SRC DST SPI MODE
  ip -n "$1" xfrm state add src "$2" dst "$3" proto esp spi "$4" mode "$5" \
    enc 'cbc(aes)' $K1 auth 'hmac(sha1)' $A1
}
static_sas() {
  local n
  for n in ha mn; do
    sa $n $HOA $HA 0x1001 transport && sa $n $HA $HOA 0x1002 transport &&
    sa $n $COA1 $HA 0x2001 tunnel && sa $n $HA $COA1 0x2002 tunnel || return 1
  done
}
