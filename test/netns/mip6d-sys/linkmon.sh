#!/usr/bin/env bash
# mip6d/sys linkmon on the host kernel: a listener in a namespace sees a
# link come up and go down, addresses added (tentative, then not) and
# removed with their flags, routes added and removed, and nothing from
# another namespace.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
. "$SRCDIR/test/netns/mip6d-sys/common.bash"

netns_new a
netns_new b
ip netns exec "$a" sysctl -qw net.ipv6.conf.default.accept_dad=1 net.ipv6.conf.all.accept_dad=1
bg mon "$a" linkmon 3500
bg other "$b" linkmon 3500
ip -n "$a" link add v0 type veth peer name v1
ip -n "$a" link set v1 up
ip -n "$a" link set v0 up
idx=$(ip netns exec "$a" cat /sys/class/net/v0/ifindex)
ip -n "$a" addr add 2001:db8:7::1/64 dev v0
ip -n "$a" addr add 2001:db8:7::2/64 dev v0 nodad home
ip -n "$a" -6 route add 2001:db8:8::/64 via 2001:db8:7::9 dev v0 table 252
sleep 2.5
ip -n "$a" addr del 2001:db8:7::2/64 dev v0
ip -n "$a" -6 route del 2001:db8:8::/64 table 252
ip -n "$a" link set v0 down
bg_wait mon
bg_wait other
out=$_bg_dir/mon
check "link up seen with name and index" grep -q "^link new idx $idx name v0 up" "$out"
check "address added tentative" grep -q "^addr new idx $idx 2001:db8:7::1/64 flags 0x[0-9a-f]* tentative" "$out"
check "then without the tentative flag (DAD done)" \
	grep -Eq "^addr new idx $idx 2001:db8:7::1/64 flags 0x[0-9a-f]*\$" "$out"
home_flags=$(awk '/^addr new idx [0-9]+ 2001:db8:7::2\/64 / {print $7; exit}' "$out")
check "nodad home address with IFA_F_NODAD|IFA_F_HOMEADDRESS" \
	test -n "$home_flags" -a $((${home_flags:-0} & 0x12)) -eq 18
check "address removal seen" grep -q "^addr del idx $idx 2001:db8:7::2/64" "$out"
check "route add in table 252 seen" grep -q "^route new idx $idx 2001:db8:8::/64 table 252" "$out"
check "route removal seen" grep -q "^route del idx $idx 2001:db8:8::/64 table 252" "$out"
check "link down seen" sh -c "grep '^link new idx $idx name v0' '$out' | tail -1 | grep -q ' down'"
check "the other namespace saw none of it" sh -c "! grep -q -e v0 -e 2001:db8:7:: '$_bg_dir/other'"
check "no overrun" sh -c "! grep -q overrun '$out'"
finish
