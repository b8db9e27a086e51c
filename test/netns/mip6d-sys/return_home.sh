#!/usr/bin/env bash
# The home link through a mobile node's absence and return, with the
# system layer's primitives only: the HA takes the HoA over (proxy entry,
# unsolicited override NA) and defends it against a DAD probe; on the
# de-registration it withdraws the proxy, the returning MN finds the HoA
# free, configures it and takes it back with its own NA; a correspondent on
# the link follows each step in its neighbour cache and keeps reaching the
# HoA.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
D=$BUILDDIR/test/netns/mip6d-sys/sysdrv

netns_new sw
netns_new ha
netns_new cn
netns_new mn
ip -n "$sw" link add br0 type bridge
ip -n "$sw" link set br0 up
for n in ha cn mn; do
	eval ns=\$$n
	netns_veth "$sw" "p$n" "$ns" eth0
	ip -n "$sw" link set "p$n" master br0
done
HOA=2001:db8:ffff::1
ip -n "$ha" addr add 2001:db8:ffff::1000/64 dev eth0 nodad
ip -n "$cn" addr add 2001:db8:ffff::2/64 dev eth0 nodad
mac() { ip -n "$1" link show eth0 | awk '/link\/ether/ {print $2}'; }
ha_mac=$(mac "$ha")
mn_mac=$(mac "$mn")

# The CN knew the MN at home before it left.
ip -n "$cn" neigh replace "$HOA" lladdr "$mn_mac" dev eth0 nud stale

# The MN is away: the HA registers it.
check "HA: proxy-prepare the home link" ip netns exec "$ha" "$D" proxy-prepare eth0
check "HA: no one holds the HoA (DAD probe free)" \
	sh -c "ip netns exec '$ha' '$D' dad-probe eth0 $HOA 500 | grep -qx free"
check "HA: proxy entry for the HoA" ip netns exec "$ha" "$D" pneigh-add eth0 $HOA
check "HA: unsolicited override NA" ip netns exec "$ha" "$D" na-send eth0 $HOA
sleep 0.3
check "CN now sends the HoA's traffic to the HA" \
	sh -c "ip -n '$cn' -6 neigh show $HOA dev eth0 | grep -q 'lladdr $ha_mac'"
check "CN's NS for the HoA is answered by the HA (proxy)" \
	sh -c "ip -n '$cn' neigh flush dev eth0 && ip netns exec '$cn' ping -6 -c 1 -W 1 $HOA >/dev/null 2>&1;
	       ip -n '$cn' -6 neigh show $HOA dev eth0 | grep -q 'lladdr $ha_mac'"

# The MN comes back: its DAD probe is defended while the binding lives.
check "MN: the HoA is defended while registered" \
	sh -c "ip netns exec '$mn' '$D' dad-probe eth0 $HOA 1000 | grep -qx duplicate"
# De-registration: the HA withdraws before it acknowledges.
check "HA: proxy entry withdrawn" ip netns exec "$ha" "$D" pneigh-del eth0 $HOA
check "MN: the HoA is free once de-registered" \
	sh -c "ip netns exec '$mn' '$D' dad-probe eth0 $HOA 1000 | grep -qx free"
check "MN: HoA back on the home interface" \
	ip netns exec "$mn" "$D" addr-add eth0 $HOA/64 nodad home
check "MN: override NA for its HoA" ip netns exec "$mn" "$D" na-send eth0 $HOA
sleep 0.3
check "CN sends to the MN again" sh -c "ip -n '$cn' -6 neigh show $HOA dev eth0 | grep -q 'lladdr $mn_mac'"
check "CN reaches the HoA at home" ip netns exec "$cn" ping -6 -c 1 -W 2 $HOA >/dev/null
finish
