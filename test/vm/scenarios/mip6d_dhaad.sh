#!/bin/bash
# mip6d's Dynamic Home Agent Address Discovery on the Debian kernel, seed
# 000's testbed (mip6d_topology.bash): the MN's MnHomeLink says
# HomeAgentAddress :: (UMIP's way to ask for DHAAD).  At home it waits;
# moved to AR1's link it sends a DHAAD Request from its care-of address to
# the home prefix's Home-Agents anycast address, which AR1 resolves on the
# home link (the HA joined it); the HA answers with itself (its own RAs
# with the H flag are on the home link); the MN registers with the HA it
# found, CN reaches the HoA through the tunnel, and the MN comes home and
# de-registers.
# vm-timeout: 240
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"
. "$SRCDIR/test/vm/scenarios/mip6d_topology.bash"
check modules-ip6_tunnel-bridge-esp6 modules
check topology setup

ANYCAST=2001:db8:ffff:0:fdff:ffff:ffff:fffe
cp "$W/ha.conf" "$W/ha3.conf"
sed "s/HomeAgentAddress $HA;/HomeAgentAddress ::;/" "$W/mn.conf" >"$W/mn3.conf"
check "the MN's file asks for DHAAD" grep -q 'HomeAgentAddress ::;' "$W/mn3.conf"

if check "daemons start" start_daemons 3; then
  check "HA joined the Home-Agents anycast address on home0" \
    bash -c "ip netns exec ha cat /proc/net/anycast6 | grep -q 'home0.*20010db8ffff0000fdfffffffffffffe'"
  check "MN at home: no request, no registration yet" \
    bash -c "sleep 1; ! grep -q 'DHAAD Request' '$W/mn3.log' && '$CTL' -s /run/mn.sock bul --json | grep -q '\"bul\":\[\]'"
  move mh0 m1
  check "MN: DHAAD Request from its care-of address to the anycast address" \
    wait_for 15 grep -q "DHAAD Request id [0-9]* from $COA1 to $ANYCAST" "$W/mn3.log"
  check "HA: Reply to the care-of address listing itself" \
    wait_for 10 grep -q "DHAAD Reply to $COA1 from $HA (1 home agents)" "$W/ha3.log"
  check "MN: home agent $HA found" wait_for 10 grep -q "DHAAD: home agent $HA" "$W/mn3.log"
  check "MN: registered with it from AR1's link" wait_for 20 registered_at $COA1
  check "CN reaches the HoA through the tunnel" ping_hoa
  move m1 mh0
  check "back home: de-registered" wait_for 15 at_home
  check "SIGTERM: both exit 0" stop_daemons
fi
finish
