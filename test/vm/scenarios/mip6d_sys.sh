#!/bin/bash
# VM tier for mip6d/sys: what the host kernel lacks.
#  - ip6ip6 tunnels (tunnel.c): created, read back, traffic between two
#    namespaces crosses them, endpoints moved in place at a "handover"
#    (same ifindex), deleted.
#  - proxy ND on the Debian kernel (proxynd.c): the returning mobile node's
#    DAD probe for its HoA is answered by the home agent, by the kernel from
#    the proxy entry and by the daemon's own answer (the anchor's
#    return-home failure).
#  - the Mobility Header socket (mhsock.c): an MH with a Home Address
#    option sent from the care-of address arrives with the HoA as source and
#    the HAO reported; an MH with a Type 2 Routing Header sent to the CoA
#    arrives with the routing header reported; a plain MH round trip.
# vm-timeout: 240
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"

D=$BUILDDIR/test/netns/mip6d-sys/sysdrv
HA=2001:db8:1::1 COA1=2001:db8:1::2 COA2=2001:db8:1::3
HOA=2001:db8:ffff::1 HA_IN=2001:db8:ffff::1000
ha="" mn=""

check ip6_tunnel-module modprobe ip6_tunnel
check xfrm_user-module modprobe xfrm_user

setup() {
  netns_new ha && netns_new mn &&
  netns_veth "$ha" ha0 "$mn" mn0 &&
  ip -n "$ha" addr add "$HA/64" dev ha0 nodad &&
  ip -n "$mn" addr add "$COA1/64" dev mn0 nodad &&
  ip -n "$mn" addr add "$COA2/64" dev mn0 nodad
}
check netns-setup setup

# --- tunnels ---------------------------------------------------------------
ha_idx="" mn_idx=""
tunnel_add() {
  local out
  out=$(ip netns exec ha "$D" tunnel-add ip6tnl-mn "$HA" "$COA1") || return 1
  ha_idx=${out#ifindex }
  out=$(ip netns exec mn "$D" tunnel-add ip6tnl-ha "$COA1" "$HA") || return 1
  mn_idx=${out#ifindex }
  echo "ha ifindex $ha_idx, mn ifindex $mn_idx"
  [ -n "$ha_idx" ] && [ -n "$mn_idx" ] &&
  ip -n ha -d link show ip6tnl-mn | grep -q 'ip6tnl ip6ip6 remote 2001:db8:1::2 local 2001:db8:1::1' &&
  ip -n ha link show ip6tnl-mn | grep -q '<.*UP'
}
check tunnel-add tunnel_add

tunnel_show() {
  local out
  out=$(ip netns exec ha "$D" tunnel-show ip6tnl-mn) || return 1
  echo "$out"
  [ "$out" = "local $HA remote $COA1 hoplimit 64 flags 0x9 link 0" ]
}
check tunnel-show-reads-back tunnel_show
check tunnel-add-same-name-fails sh -c "! ip netns exec ha '$D' tunnel-add ip6tnl-mn $HA $COA2 2>/dev/null"

route_setup() {
  # The HA routes the HoA through the tunnel (table 252 under rule 1005, as
  # UMIP); the MN has its HoA on the tunnel and a default route through it
  # in table 252 under "from HoA lookup 252".
  ip netns exec ha "$D" addr-add ip6tnl-mn "$HA_IN/128" nodad &&
  ip netns exec ha "$D" route-add "$HOA/128" dev ip6tnl-mn table 252 &&
  ip netns exec ha "$D" rule-add 1005 table 252 &&
  ip netns exec mn "$D" addr-add ip6tnl-ha "$HOA/128" nodad home &&
  ip netns exec mn "$D" route-add ::/0 dev ip6tnl-ha table 252 &&
  ip netns exec mn "$D" rule-add 1001 from "$HOA" table 252
}
check tunnel-routes route_setup

tx_packets() { ip -n "$1" -s link show "$2" | awk '/TX:/ {getline; print $2; exit}'; }

ping_through() {
  local before after
  before=$(tx_packets ha ip6tnl-mn)
  ip netns exec mn ping -6 -c 3 -i 0.2 -W 2 -I "$HOA" "$HA_IN" || return 1
  after=$(tx_packets ha ip6tnl-mn)
  echo "ha tunnel tx packets: $before -> $after"
  [ "$after" -ge $((before + 3)) ]
}
check tunnel-traffic-crosses ping_through

handover() {
  ip netns exec mn "$D" tunnel-change ip6tnl-ha "$COA2" "$HA" &&
  ip netns exec ha "$D" tunnel-change ip6tnl-mn "$HA" "$COA2" &&
  ip -n mn addr del "$COA1/64" dev mn0 &&
  [ "$(ip netns exec ha cat /sys/class/net/ip6tnl-mn/ifindex)" = "$ha_idx" ] &&
  [ "$(ip netns exec mn cat /sys/class/net/ip6tnl-ha/ifindex)" = "$mn_idx" ] &&
  [ "$(ip netns exec ha "$D" tunnel-show ip6tnl-mn)" = "local $HA remote $COA2 hoplimit 64 flags 0x9 link 0" ]
}
check tunnel-change-keeps-device handover
check tunnel-routes-survive-change sh -c "ip -n ha -6 route show table 252 | grep -q '^$HOA dev ip6tnl-mn'"
check tunnel-traffic-after-change ping_through

tunnel_del() {
  ip netns exec mn "$D" tunnel-del ip6tnl-ha &&
  ip netns exec ha "$D" tunnel-del ip6tnl-mn &&
  ! ip -n ha link show ip6tnl-mn 2>/dev/null &&
  ! ip -n mn link show ip6tnl-ha 2>/dev/null
}
check tunnel-del tunnel_del
check tunnel-del-missing-fails sh -c "! ip netns exec ha '$D' tunnel-del ip6tnl-mn 2>/dev/null"

# --- Mobility Header socket ------------------------------------------------
# mh_recv NS FILE MS: receiver in the background; returns once it is ready.
mh_pid=""
mh_recv() {
  local i
  ip netns exec "$1" "$D" mh-recv "$3" >"$2" 2>&1 &
  mh_pid=$!
  for i in $(seq 40); do grep -q '^ready' "$2" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

ip -n mn addr add "$COA1/64" dev mn0 nodad
mh_plain() {
  mh_recv ha /tmp/mh1 1500 || return 1
  ip netns exec mn "$D" mh-send "$HA" src "$COA1" || return 1
  wait "$mh_pid"
  cat /tmp/mh1
  grep -q "^mh type 0 len 8 src $COA1 dst $HA ifindex [1-9]" /tmp/mh1
}
check mh-plain-round-trip mh_plain

mh_hao_setup() {
  # The receiver needs, as UMIP installs them, a wildcard route-optimisation
  # state for the HAO (found by xfrm6_input_addr) and an inbound MH policy
  # with an optional hao template (without one, a secpath holding a
  # non-transport state is refused).
  { ip -n ha xfrm state add src :: dst :: proto hao spi 0 mode ro coa :: flag wildrecv 2>/dev/null ||
    ip -n ha xfrm state add src :: dst :: proto hao mode ro coa :: flag wildrecv; } &&
  ip -n ha xfrm policy add src ::/0 dst ::/0 proto 135 dir in tmpl proto hao mode ro level use
}
check mh-hao-wildrecv-state mh_hao_setup

mh_hao() {
  mh_recv ha /tmp/mh2 1500 || return 1
  # From the CoA, carrying the HoA in the Home Address option.
  ip netns exec mn "$D" mh-send "$HA" src "$COA1" hao "$HOA" || return 1
  wait "$mh_pid"
  cat /tmp/mh2
  # The kernel swapped the addresses: source HoA, option CoA.
  grep -q "^mh type 0 len 8 src $HOA dst $HA ifindex [1-9][0-9]* hao $COA1\$" /tmp/mh2
}
check mh-send-hao-received-with-hoa mh_hao

mh_rth2_setup() {
  ip -n mn addr add "$HOA/128" dev mn0 nodad home &&
  { ip -n mn xfrm state add src :: dst :: proto route2 spi 0 mode ro coa :: flag wildrecv 2>/dev/null ||
    ip -n mn xfrm state add src :: dst :: proto route2 mode ro coa :: flag wildrecv; } &&
  ip -n mn xfrm policy add src ::/0 dst ::/0 proto 135 dir in tmpl proto route2 mode ro level use
}
check mh-rth2-setup mh_rth2_setup

mh_rth2() {
  mh_recv mn /tmp/mh3 1500 || return 1
  # HA -> CoA with the HoA in a Type 2 Routing Header (how a BA leaves).
  ip netns exec ha "$D" mh-send "$COA1" src "$HA" rth2 "$HOA" || return 1
  wait "$mh_pid"
  cat /tmp/mh3
  # Processed: destination now the HoA, the header holds the CoA.
  grep -q "^mh type 0 len 8 src $HA dst $HOA ifindex [1-9][0-9]* rth2 $COA1\$" /tmp/mh3
}
check mh-send-rth2-received mh_rth2

# --- proxy ND defence ------------------------------------------------------
HOA2=2001:db8:1::77
proxy_setup() {
  ip netns exec ha "$D" proxy-prepare ha0 &&
  ip netns exec ha "$D" pneigh-add ha0 "$HOA2"
}
check proxy-prepare-and-entry proxy_setup
check proxy-kernel-defends-dad-probe \
  sh -c "ip netns exec mn '$D' dad-probe mn0 $HOA2 1000 | grep -qx duplicate"
proxy_delay_default() {
  ip netns exec ha sysctl -qw net.ipv6.neigh.ha0.proxy_delay=80 &&
  ip netns exec mn "$D" dad-probe mn0 "$HOA2" 1500 | grep -qx duplicate
}
check proxy-kernel-defends-with-default-delay proxy_delay_default
check proxy-withdrawn-address-is-free \
  sh -c "ip netns exec ha '$D' pneigh-del ha0 $HOA2 &&
         ip netns exec mn '$D' dad-probe mn0 $HOA2 500 | grep -qx free"
daemon_defends() {
  local out=/tmp/defend i
  ip netns exec ha "$D" defend ha0 "$HOA2" 2500 join >"$out" 2>&1 &
  for i in $(seq 30); do grep -q '^ready' "$out" 2>/dev/null && break; sleep 0.1; done
  ip netns exec mn "$D" dad-probe mn0 "$HOA2" 1000 | grep -qx duplicate || return 1
  wait
  grep -qx 'answered 1' "$out"
}
check proxy-daemon-answer-defends daemon_defends

finish
