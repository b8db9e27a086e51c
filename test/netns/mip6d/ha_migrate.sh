#!/usr/bin/env bash
# mip6d's HA glue on the host kernel: BUs fed to the glue (ha_feed) for a
# first registration from CoA1, a handover to CoA2 and a de-registration;
# every MIGRATE (with KMADDRESS) the glue sends is caught by libxfrm's
# listener and compared with anchor-behaviour.md's table; the tunnel
# policies, the proxy ND entry and the route of the HoA exist while bound
# and are gone after; DAD on the home link refuses a HoA in use (134).
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
. "$SRCDIR/test/netns/libxfrm/helpers.bash"
FEED="$BUILDDIR/test/netns/mip6d/ha_feed"

HOA=2001:db8:ffff::1
HA=2001:db8:ffff::1000
COA1=2001:db8:1::5
COA2=2001:db8:2::5

cat >"$TMPD/ha.conf" <<CONF
NodeConfig HA;
Interface "home0";
BindingAclPolicy $HOA allow;
BindingAclPolicy 2001:db8:ffff::7 allow;
DefaultBindingAclPolicy deny;
UseMnHaIPsec enabled;
KeyMngMobCapability enabled;
IPsecPolicySet {
	HomeAgentAddress $HA;
	HomeAddress $HOA/64;
	IPsecPolicy Mh UseESP;
	IPsecPolicy TunnelPayload UseESP;
}
CONF

netns_new ha
netns_new cn
netns_veth "$ha" home0 "$cn" cn0
ip -n "$ha" addr add $HA/64 dev home0 nodad
ip -n "$cn" addr add 2001:db8:ffff::2/64 dev cn0 nodad

listen_start "$ha" 27 15 || echo "listener did not start" >&2
ip netns exec "$ha" "$FEED" "$TMPD/ha.conf" home0 2001:db8:ffff::/64 \
	sh "ip -6 xfrm policy list dir in ptype main > $TMPD/sp0" \
	bu $HA $HOA $COA1 10 60 \
	sh "ip -6 neigh show proxy dev home0 > $TMPD/proxy1; ip -6 route show table 252 > $TMPD/rt1; ip -6 rule > $TMPD/rule1" \
	bu $HA $HOA $COA2 11 60 bc \
	sh "ip xfrm policy > $TMPD/sp2" \
	bu $HA $HOA $HOA 12 0 bc \
	sh "ip -6 neigh show proxy dev home0 > $TMPD/proxy3; ip -6 route show table 252 > $TMPD/rt3; ip xfrm policy > $TMPD/sp3" \
	>"$TMPD/feed" 2>"$TMPD/feed.err"
check "ha_feed ran" test $? -eq 0

check "start: MH transport policies of the IPsecPolicySet installed" \
	grep -q "src $HOA/128 dst $HA/128" "$TMPD/sp0"
check "first registration accepted (BA 0, K, through RH2 to the HoA)" \
	grep -qx "BA status 0 seq 10 lifetime 60 flags 0x80 to $COA1 rth2 $HOA" "$TMPD/feed"
check "MIP6 RH2 state HA->HoA with CoA1 (stand-in)" \
	grep -qx "ro state route2 $HA -> $HOA coa $COA1" "$TMPD/feed"
check "ip6ip6 tunnel HA -> CoA1 (stand-in)" grep -qx "tunnel add mip6ha0 $HA -> $COA1" "$TMPD/feed"
check "proxy ND entry for the HoA on the home link" grep -q "^$HOA " "$TMPD/proxy1"
check "HoA routed in table 252" grep -q "^$HOA " "$TMPD/rt1"
check "handover accepted" grep -qx "BA status 0 seq 11 lifetime 60 flags 0x80 to $COA2 rth2 $HOA" "$TMPD/feed"
check "tunnel retargeted to CoA2" grep -qx "tunnel change $HA -> $COA2" "$TMPD/feed"
check "binding cache holds HoA at CoA2" grep -qx "bce $HOA coa $COA2 state 1" "$TMPD/feed"
check "tunnel OUT policy carries CoA2" grep -q "tmpl src $HA dst $COA2" "$TMPD/sp2"
check "de-registration answered from home (no RH2)" \
	grep -qx "BA status 0 seq 12 lifetime 0 flags 0x80 to $HOA rth2 (none)" "$TMPD/feed"
check "binding cache empty after de-registration" grep -qx "bc 0" "$TMPD/feed"
check "proxy entry removed" test ! -s "$TMPD/proxy3"
check "route removed" test ! -s "$TMPD/rt3"
check "tunnel policies removed" bash -c "! grep -q 'src $HOA/128 dst ::/0' '$TMPD/sp3'"
check "everything removed at exit" test -z "$(ip -n "$ha" xfrm policy)"

check "listener got the 27 events (9 MIGRATEs, policies)" listen_wait
KM1="km $HA $COA1"
KM2="km $HA $COA2"
KMH="km $HA $HOA"
# First registration: only the transport notifications (the tunnel
# policies are installed with CoA1 directly: no placeholder).
check "first reg: in MH transport, KMADDRESS HA/CoA1" has_event \
	"migrate src $HOA/128 dst $HA/128 proto 135 dir in ptype main $KM1 m - - $COA1 $HA proto esp mode transport reqid 0"
check "first reg: out MH transport" has_event \
	"migrate src $HA/128 dst $HOA/128 proto 135 dir out ptype main $KM1 m - - $HA $COA1 proto esp mode transport reqid 0"
# Handover: the anchor's five, KMADDRESS local = HA, remote = CoA2.
check "handover: in MH transport ::->CoA2" has_event \
	"migrate src $HOA/128 dst $HA/128 proto 135 dir in ptype main $KM2 m - - $COA2 $HA proto esp mode transport reqid 0"
check "handover: out MH transport" has_event \
	"migrate src $HA/128 dst $HOA/128 proto 135 dir out ptype main $KM2 m - - $HA $COA2 proto esp mode transport reqid 0"
check "handover: in tunnel CoA1->CoA2" has_event \
	"migrate src $HOA/128 dst ::/0 dir in ptype main $KM2 m $COA1 $HA $COA2 $HA proto esp mode tunnel reqid 0"
check "handover: fwd tunnel CoA1->CoA2" has_event \
	"migrate src $HOA/128 dst ::/0 dir fwd ptype main $KM2 m $COA1 $HA $COA2 $HA proto esp mode tunnel reqid 0"
check "handover: out tunnel CoA1->CoA2" has_event \
	"migrate src ::/0 dst $HOA/128 dir out ptype main $KM2 m $HA $COA1 $HA $COA2 proto esp mode tunnel reqid 0"
check "return home: in MH transport to the HoA" has_event \
	"migrate src $HOA/128 dst $HA/128 proto 135 dir in ptype main $KMH m - - $HOA $HA proto esp mode transport reqid 0"
check "return home: out MH transport to the HoA" has_event \
	"migrate src $HA/128 dst $HOA/128 proto 135 dir out ptype main $KMH m - - $HA $HOA proto esp mode transport reqid 0"
check "exactly 9 MIGRATEs" test "$(grep -c '^migrate' "$TMPD/events")" -eq 9
check "MIGRATEs before each BA (order: handover's 5 after BA 10's 2)" \
	test "$(grep '^migrate' "$TMPD/events" | sed -n 3p | grep -c "$KM2")" -eq 1

# DAD: a neighbour already uses 2001:db8:ffff::7 on the home link.
ip -n "$cn" addr add 2001:db8:ffff::7/64 dev cn0 nodad
ip netns exec "$ha" "$FEED" "$TMPD/ha.conf" home0 2001:db8:ffff::/64 \
	bu $HA 2001:db8:ffff::7 $COA1 20 60 bc >"$TMPD/feed2" 2>"$TMPD/feed2.err"
check "DAD: a HoA in use on the home link is refused (134)" \
	grep -q "^BA status 134 seq 20 " "$TMPD/feed2"
check "DAD: no binding left" grep -qx "bc 0" "$TMPD/feed2"
# ACL: a HoA not allowed.
ip netns exec "$ha" "$FEED" "$TMPD/ha.conf" home0 2001:db8:ffff::/64 \
	bu $HA 2001:db8:ffff::9 $COA1 30 60 >"$TMPD/feed3" 2>"$TMPD/feed3.err"
check "ACL: DefaultBindingAclPolicy deny answers 129" grep -q "^BA status 129 seq 30 " "$TMPD/feed3"
finish
