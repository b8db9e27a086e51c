#!/usr/bin/env bash
# mip6d/sys on the host kernel: proxy neighbour entries, unsolicited NAs
# taking over an address, DAD probes (free, duplicate, defended by a proxy
# entry or by the daemon's own answer), RA and RS through the ICMPv6
# socket.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
. "$SRCDIR/test/netns/mip6d-sys/common.bash"

netns_new ha
netns_new cn
netns_veth "$ha" eth0 "$cn" eth0
ip -n "$ha" addr add 2001:db8:ffff::1000/64 dev eth0 nodad
ip -n "$cn" addr add 2001:db8:ffff::2/64 dev eth0 nodad
ha_mac=$(ip -n "$ha" link show eth0 | awk '/link\/ether/ {print $2}')
HOA=2001:db8:ffff::1

check "pneigh-add" ip netns exec "$ha" "$D" pneigh-add eth0 $HOA
check "proxy entry present" sh -c "ip -n '$ha' -6 neigh show proxy | grep -q '^$HOA dev eth0 proxy'"
check "pneigh-add router" ip netns exec "$ha" "$D" pneigh-add eth0 2001:db8:ffff::5 router
check "router proxy entry present" sh -c "ip -n '$ha' -6 neigh show proxy | grep -q '^2001:db8:ffff::5 dev eth0 router proxy'"
check "pneigh-del" ip netns exec "$ha" "$D" pneigh-del eth0 2001:db8:ffff::5
check "proxy entry gone" sh -c "! ip -n '$ha' -6 neigh show proxy | grep -q 2001:db8:ffff::5"

# Unsolicited NA: seen on the wire, and it overrides a stale neighbour entry.
bg na "$cn" icmp-recv eth0 136 1500
check "na-send to all-nodes" ip netns exec "$ha" "$D" na-send eth0 $HOA
bg_wait na
check "the NA arrives with hop limit 255, Override and the TLLA" \
	sh -c "grep -q 'type 136 src fe80::.* dst ff02::1 hop 255 len 32 target $HOA flags 0x20 lladdr $ha_mac' '$_bg_dir/na'"
ip -n "$cn" neigh replace $HOA lladdr 02:00:00:00:00:01 dev eth0 nud stale
ip netns exec "$ha" "$D" na-send eth0 $HOA
sleep 0.2
check "the NA takes over the HoA in the neighbour's cache" \
	sh -c "ip -n '$cn' -6 neigh show $HOA | grep -q 'lladdr $ha_mac'"
ip -n "$cn" neigh replace $HOA lladdr 02:00:00:00:00:01 dev eth0 nud stale
ip netns exec "$ha" "$D" na-send eth0 $HOA nooverride
sleep 0.2
check "without Override the entry is kept" \
	sh -c "ip -n '$cn' -6 neigh show $HOA | grep -q 'lladdr 02:00:00:00:00:01'"
ip -n "$cn" neigh del $HOA dev eth0

# DAD probes from the HA.
check "dad-probe: a free address" sh -c "ip netns exec '$ha' '$D' dad-probe eth0 2001:db8:ffff::77 500 | grep -qx free"
check "dad-probe: an address in use is duplicate" \
	sh -c "ip netns exec '$ha' '$D' dad-probe eth0 2001:db8:ffff::2 1000 | grep -qx duplicate"
check "dad-probe: two transmits, still free" \
	sh -c "ip netns exec '$ha' '$D' dad-probe eth0 2001:db8:ffff::78 300 2 | grep -qx free"

# The MN's DAD on return home, answered by the HA's kernel from the proxy
# entry: needs forwarding and proxy_ndp; proxy_delay 0 answers at once.
check "proxy-prepare" ip netns exec "$ha" "$D" proxy-prepare eth0
check "proxy-prepare set forwarding, proxy_ndp, proxy_delay" \
	sh -c "[ \"\$(ip netns exec '$ha' sysctl -n net.ipv6.conf.all.forwarding net.ipv6.conf.eth0.forwarding \
	       net.ipv6.conf.eth0.proxy_ndp net.ipv6.neigh.eth0.proxy_delay | tr '\n' ' ')\" = '1 1 1 0 ' ]"
check "kernel defends the proxied HoA against a DAD probe" \
	sh -c "ip netns exec '$cn' '$D' dad-probe eth0 $HOA 1000 | grep -qx duplicate"
ip netns exec "$ha" sysctl -qw net.ipv6.conf.eth0.proxy_ndp=0
check "no proxy_ndp: the kernel leaves it undefended" \
	sh -c "ip netns exec '$cn' '$D' dad-probe eth0 $HOA 500 | grep -qx free"
ip netns exec "$ha" "$D" pneigh-del eth0 $HOA
bg def "$ha" defend eth0 $HOA 2000 join
check "the daemon's own answer defends the HoA" \
	sh -c "ip netns exec '$cn' '$D' dad-probe eth0 $HOA 1000 | grep -qx duplicate"
bg_wait def
check "the defender answered the probe" sh -c "grep -qx 'answered 1' '$_bg_dir/def'"
bg def2 "$ha" defend eth0 $HOA 1500
check "without joining the solicited-node group the probe is not seen" \
	sh -c "ip netns exec '$cn' '$D' dad-probe eth0 $HOA 500 | grep -qx free"
bg_wait def2
check "the defender saw nothing" sh -c "grep -qx 'answered 0' '$_bg_dir/def2'"
bg na2 "$cn" icmp-recv eth0 136 1500
bg def3 "$ha" defend eth0 $HOA 1200 join
ip netns exec "$cn" ping -6 -c 1 -W 1 $HOA >/dev/null 2>&1
bg_wait def3
bg_wait na2
check "a unicast-target NS gets a solicited NA back" \
	sh -c "grep -q 'type 136 .* target $HOA flags 0x60 lladdr $ha_mac' '$_bg_dir/na2'"

# Router Advertisements and Solicitations.
bg ra "$cn" icmp-recv eth0 134 1500
check "ra-send" ip netns exec "$ha" "$D" ra-send eth0 2001:db8:ffff::/64
bg_wait ra
check "the RA is received with source, destination, interface and hop limit" \
	sh -c "grep -q '^type 134 src fe80::.* dst ff02::1 hop 255 len 56' '$_bg_dir/ra'"
bg rs "$ha" icmp-recv eth0 133 1500
check "rs-send" ip netns exec "$cn" "$D" rs-send eth0
bg_wait rs
check "the RS reaches all-routers" sh -c "grep -q '^type 133 src fe80::.* dst ff02::2 hop 255 len 16' '$_bg_dir/rs'"
bg quiet "$cn" icmp-recv eth0 134 800
ip netns exec "$ha" "$D" na-send eth0 $HOA
ip netns exec "$ha" "$D" rs-send eth0
bg_wait quiet
check "the ICMPv6 filter keeps other types out (an NA and an RS, no RA)" \
	sh -c "! grep -q '^type' '$_bg_dir/quiet'"
finish
