#!/usr/bin/env bash
# mip6d/sys on the host kernel: addresses (nodad, home flag, lifetimes,
# replace, list, DAD state), routes (gateway, device, table, metric, source
# prefix, replace, delete), policy rules (UMIP's 1001/1003/1005 set) and
# link up/down through sysdrv.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
D=$BUILDDIR/test/netns/mip6d-sys/sysdrv

netns_new a
netns_new b
netns_veth "$a" eth0 "$b" eth0
sd() { ip netns exec "$a" "$D" "$@"; }
has() { grep -q -- "$1"; }

check "addr-add nodad home with lifetimes" sd addr-add eth0 2001:db8:1::1/64 nodad home valid 300 preferred 200
check "kernel shows nodad, home and the lifetimes" \
	sh -c "ip -n '$a' -6 addr show dev eth0 | grep -A1 '2001:db8:1::1/64' | tr '\n' ' ' |
	       grep -q 'nodad home.*valid_lft 300sec preferred_lft 200sec'"
check "addr-list reports the flags (0x12) and lifetimes" \
	sh -c "ip netns exec '$a' '$D' addr-list eth0 | grep -q '^eth0 2001:db8:1::1/64 flags 0x12 valid 300 preferred 200'"
check "addr-add of an existing address fails" sh -c "! ip netns exec '$a' '$D' addr-add eth0 2001:db8:1::1/64 2>/dev/null"
check "addr-add replace updates the lifetimes" sd addr-add eth0 2001:db8:1::1/64 nodad valid 600 preferred 500 replace
check "replaced lifetimes seen" sh -c "ip netns exec '$a' '$D' addr-list eth0 | grep -q '2001:db8:1::1/64 .*valid 600 preferred 500'"
check "preferred > valid is rejected" sh -c "! ip netns exec '$a' '$D' addr-add eth0 2001:db8:1::3/64 valid 10 preferred 20 2>/dev/null"
check "nodad address is usable at once" sh -c "ip netns exec '$a' '$D' addr-dad eth0 2001:db8:1::1 | grep -qx done"

# DAD: enable it on a's eth0, b holds the address already.
ip netns exec "$a" sysctl -qw net.ipv6.conf.eth0.accept_dad=1 net.ipv6.conf.eth0.dad_transmits=1
ip -n "$b" addr add 2001:db8:1::42/64 dev eth0 nodad
sd addr-add eth0 2001:db8:1::7/64
check "a fresh address is tentative" sh -c "ip netns exec '$a' '$D' addr-dad eth0 2001:db8:1::7 | grep -qx tentative"
sd addr-add eth0 2001:db8:1::42/64
sleep 2.5
check "a duplicate address ends dadfailed" sh -c "ip netns exec '$a' '$D' addr-dad eth0 2001:db8:1::42 | grep -qx failed"
check "the free one ends usable" sh -c "ip netns exec '$a' '$D' addr-dad eth0 2001:db8:1::7 | grep -qx done"
check "addr-del" sd addr-del eth0 2001:db8:1::7/64
check "deleted address gone" sh -c "! ip -n '$a' -6 addr show dev eth0 | grep -q 2001:db8:1::7/"
check "addr-dad of a missing address fails" sh -c "! ip netns exec '$a' '$D' addr-dad eth0 2001:db8:1::7 2>/dev/null"

ip -n "$b" addr add 2001:db8:1::2/64 dev eth0 nodad
check "route via gateway, table 252, metric 77" sd route-add 2001:db8:5::/64 via 2001:db8:1::2 dev eth0 table 252 metric 77
check "route present in table 252" \
	sh -c "ip -n '$a' -6 route show table 252 | grep -q '2001:db8:5::/64 via 2001:db8:1::2 dev eth0 metric 77'"
check "default route through a device in table 252" sd route-add ::/0 dev eth0 table 252
check "default present" sh -c "ip -n '$a' -6 route show table 252 | grep -q '^default dev eth0'"
check "route with a source prefix (subtrees)" sd route-add 2001:db8:6::/64 from 2001:db8:1::1/128 dev eth0
check "source-specific route present" sh -c "ip -n '$a' -6 route | grep -q '2001:db8:6::/64 from 2001:db8:1::1 dev eth0'"
check "duplicate route-add fails" sh -c "! ip netns exec '$a' '$D' route-add 2001:db8:5::/64 via 2001:db8:1::2 dev eth0 table 252 metric 77 2>/dev/null"
check "route-add replace moves it" sd route-add 2001:db8:5::/64 dev eth0 table 252 metric 77 replace
check "replaced route has no gateway" \
	sh -c "ip -n '$a' -6 route show table 252 | grep -q '^2001:db8:5::/64 dev eth0 metric 77'"
check "HoA /128 via the link (HA style)" sd route-add 2001:db8:1::99/128 dev eth0 table 252
check "traffic follows table 252 under rule 1005" sd rule-add 1005 table 252
check "rule 1005 present" sh -c "ip -n '$a' -6 rule | grep -q '^1005:.*from all lookup 252'"
check "rule 1001 from HoA lookup 252" sd rule-add 1001 from 2001:db8:1::1 table 252
check "rule 1003 from HoA blackhole" sd rule-add 1003 from 2001:db8:1::1 blackhole
check "rules 1001 and 1003 present" \
	sh -c "ip -n '$a' -6 rule | grep -q '^1001:.*from 2001:db8:1::1 lookup 252' &&
	       ip -n '$a' -6 rule | grep -q '^1003:.*from 2001:db8:1::1 blackhole'"
check "registered: rule 1001 finds the default in table 252" \
	ip netns exec "$a" ping -6 -c 1 -W 2 -I 2001:db8:1::1 2001:db8:1::2 >/dev/null
check "route-del default by device" sd route-del ::/0 dev eth0 table 252
check "unregistered: rule 1003 blackholes the HoA" \
	sh -c "! ip netns exec '$a' ping -6 -c 1 -W 1 -I 2001:db8:1::1 2001:db8:1::2 >/dev/null 2>&1"
check "rule-del 1003" sd rule-del 1003 from 2001:db8:1::1 blackhole
check "ping from the HoA passes without the blackhole" \
	ip netns exec "$a" ping -6 -c 1 -W 2 -I 2001:db8:1::1 2001:db8:1::2 >/dev/null
check "rule-del 1001 and 1005" sh -c "ip netns exec '$a' '$D' rule-del 1001 from 2001:db8:1::1 table 252 &&
	ip netns exec '$a' '$D' rule-del 1005 table 252"
check "rules gone" sh -c "! ip -n '$a' -6 rule | grep -q '^100[135]:'"
check "route-del by table and metric" sd route-del 2001:db8:5::/64 table 252 metric 77
check "route-del source-specific" sd route-del 2001:db8:6::/64 from 2001:db8:1::1/128
check "deleted routes gone" \
	sh -c "! ip -n '$a' -6 route show table all | grep -q -e '2001:db8:5::/64' -e '2001:db8:6::/64' -e '^default dev eth0 table 252'"
check "route-del of a missing route fails" sh -c "! ip netns exec '$a' '$D' route-del 2001:db8:5::/64 table 252 2>/dev/null"

check "link-down" sd link-down eth0
check "link is down" sh -c "! ip -n '$a' link show eth0 | grep -q '<.*,UP'"
check "link-up" sd link-up eth0
check "link is up" sh -c "ip -n '$a' link show eth0 | grep -q '<.*,UP'"
check "tunnel-add says unsupported on a kernel without ip6tnl (or works)" \
	sh -c "out=\$(ip netns exec '$a' '$D' tunnel-add t0 2001:db8:1::1 2001:db8:1::2 2>&1); echo \"\$out\" | grep -q -e 'not supported' -e ifindex"
finish
