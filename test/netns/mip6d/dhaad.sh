#!/usr/bin/env bash
# DHAAD on the host kernel (no MIP6 needed for the discovery itself): an
# HA in a namespace joins the Home-Agents anycast address of its home
# prefix and learns a second home agent from RAs with the H flag on the
# home link; an MN whose MnHomeLink says HomeAgentAddress :: sends a
# Request from its care-of address, reached through the HA's other
# interface, gets the Reply with the home agents by preference, and starts
# its home registration with the first one.
# shellcheck disable=SC2154  # $ha, $cn... are set by netns_new
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
MIP6D="$BUILDDIR/mip6d/mip6d"
CTL="$BUILDDIR/mip6d/mip6d-ctl"
RA="$BUILDDIR/test/netns/mip6d/ra_send"
TMPD=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; _netns_cleanup; [ -n "$KEEP" ] && cp "$TMPD"/*.log /tmp/; rm -rf "$TMPD"' EXIT

HA=2001:db8:ffff::1000 HA2=2001:db8:ffff::2000 HOA=2001:db8:ffff::1
COA=2001:db8:1::5 ANYCAST=2001:db8:ffff:0:fdff:ffff:ffff:fffe

netns_new ha
netns_new ha2
netns_new mn
netns_veth "$ha" home0 "$ha2" home0
netns_veth "$ha" ext0 "$mn" m1
ip -n "$mn" link add mh0 type veth peer name mh0p
ip -n "$ha" addr add $HA/64 dev home0 nodad
ip -n "$ha2" addr add $HA2/64 dev home0 nodad
ip -n "$ha" addr add 2001:db8:1::1/64 dev ext0 nodad
ip -n "$mn" addr add $COA/64 dev m1 nodad
ip -n "$mn" -6 route add default via 2001:db8:1::1
ip netns exec "$ha" sysctl -qw net.ipv6.conf.all.forwarding=1

cat >"$TMPD/ha.conf" <<CONF
NodeConfig HA;
DebugLevel 2;
Interface "home0";
CONF
cat >"$TMPD/mn.conf" <<CONF
NodeConfig MN;
DebugLevel 2;
Interface "m1" { MnIfPreference 2; }
MnHomeLink "mh0" {
	HomeAgentAddress ::;
	HomeAddress $HOA/64;
}
CONF
# A second home agent on the home link, advertising itself (preference 0).
ip netns exec "$ha2" "$RA" home0 2001:db8:ffff::/64 $HA2 & pids+=($!)
ip netns exec "$ha" "$MIP6D" -n -c "$TMPD/ha.conf" -p "" -s "$TMPD/ha.sock" 2>"$TMPD/ha.log" &
HAPID=$!
pids+=("$HAPID")
for _ in $(seq 50); do [ -S "$TMPD/ha.sock" ] && break; sleep 0.1; done
check "HA: answering on the Home-Agents anycast address" \
	grep -q "DHAAD: answering on $ANYCAST" "$TMPD/ha.log"
check "HA: the anycast address is joined on the home link" \
	bash -c "ip netns exec '$ha' cat /proc/net/anycast6 | grep -q 'home0.*20010db8ffff0000fdfffffffffffffe'"
for _ in $(seq 40); do grep -q 'home agents list: .* from fe80' "$TMPD/ha.log" && break; sleep 0.1; done
check "HA: the other home agent's RA is in the list" grep -q 'home agents list: .* from fe80' "$TMPD/ha.log"

ip netns exec "$mn" "$MIP6D" -n -c "$TMPD/mn.conf" -p "" -s "$TMPD/mn.sock" 2>"$TMPD/mn.log" &
MNPID=$!
pids+=("$MNPID")
for _ in $(seq 60); do grep -q 'DHAAD: home agent' "$TMPD/mn.log" && break; sleep 0.1; done
check "MN: Request sent from the care-of address to the anycast address" \
	grep -q "DHAAD Request id [0-9]* from $COA to $ANYCAST" "$TMPD/mn.log"
check "HA: Reply sent to the care-of address, listing 2 home agents" \
	grep -q "DHAAD Reply to $COA from $HA (2 home agents)" "$TMPD/ha.log"
check "MN: the first home agent listed is taken" \
	grep -q "DHAAD: home agent $HA (reply from $HA)" "$TMPD/mn.log"
check "MN: its home registration goes to it" \
	bash -c "'$CTL' -s '$TMPD/mn.sock' bul --json | grep -q '\"ha\":\"$HA\"'"
# (No ip6tnl on the host kernel: the registration itself is the VM's.)
check "MN: the registration starts from the care-of address" \
	grep -q "movement: care-of address $COA" "$TMPD/mn.log"

kill -TERM "$MNPID"
wait "$MNPID"
check "MN: SIGTERM exit status 0" test $? -eq 0
kill -TERM "$HAPID"
wait "$HAPID"
check "HA: SIGTERM exit status 0" test $? -eq 0
check "HA: the anycast address is left at exit" \
	bash -c "! ip netns exec '$ha' cat /proc/net/anycast6 | grep -q fdfffffffffffffe"
finish
