#!/usr/bin/env bash
# The netns tier works: two namespaces joined by veth ping6 each other, and an
# XFRM policy installed in one is seen there and nowhere else.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root

netns_new a
netns_new b
netns_veth "$a" eth0 "$b" eth0
ip -n "$a" addr add 2001:db8:ffff::1/64 dev eth0 nodad
ip -n "$b" addr add 2001:db8:ffff::2/64 dev eth0 nodad

check "ping6 a->b over veth" ip netns exec "$a" ping -6 -c 2 -i 0.2 -W 2 2001:db8:ffff::2 >/dev/null
check "ping6 b->a over veth" ip netns exec "$b" ping -6 -c 2 -i 0.2 -W 2 2001:db8:ffff::1 >/dev/null

ip -n "$a" xfrm policy add src 2001:db8:ffff::1/128 dst 2001:db8:ffff::2/128 proto 135 dir out \
	tmpl proto esp mode transport level required
check "xfrm policy visible in its namespace" \
	sh -c "ip -n '$a' xfrm policy | grep -q 'src 2001:db8:ffff::1/128 dst 2001:db8:ffff::2/128'"
check "xfrm policy absent from the other namespace" \
	sh -c "! ip -n '$b' xfrm policy | grep -q 2001:db8:ffff::1/128"
check "xfrm policy absent from the initial namespace" \
	sh -c "! ip xfrm policy | grep -q 'src 2001:db8:ffff::1/128 dst 2001:db8:ffff::2/128'"
finish
