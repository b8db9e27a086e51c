#!/usr/bin/env bash
# mip6d/sys sysctl on the host kernel: the knobs the daemon changes are
# read, set, and put back to what they were by the saved-value restore.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
D=$BUILDDIR/test/netns/mip6d-sys/sysdrv

netns_new a
netns_new b
netns_veth "$a" eth0 "$b" eth0
sd() { ip netns exec "$a" "$D" "$@"; }

for kv in forwarding:1 accept_ra:0 proxy_ndp:1 autoconf:0 accept_dad:1 neigh/proxy_delay:0; do
	key=${kv%%:*}
	val=${kv#*:}
	if [ "${key#neigh/}" != "$key" ]; then
		path=net.ipv6.neigh.eth0.${key#neigh/}
	else
		path=net.ipv6.conf.eth0.$key
	fi
	before=$(ip netns exec "$a" sysctl -n "$path")
	[ "$before" = "$val" ] && ip netns exec "$a" sysctl -qw "$path=$((val + 2))" && before=$((val + 2))
	check "sysctl-get $key agrees with sysctl(8)" sh -c "[ \"\$(ip netns exec '$a' '$D' sysctl-get eth0 $key)\" = '$before' ]"
	out=$(sd sysctl-cycle eth0 "$key" "$val")
	check "$key set to $val while saved" sh -c "echo '$out' | grep -qx 'during $val'"
	check "$key restored to $before" sh -c "echo '$out' | grep -qx 'after $before' &&
		[ \"\$(ip netns exec '$a' sysctl -n $path)\" = '$before' ]"
done
check "all and default are valid names" sh -c "ip netns exec '$a' '$D' sysctl-get all forwarding >/dev/null &&
	ip netns exec '$a' '$D' sysctl-get default forwarding >/dev/null"
check "a missing interface is an error" sh -c "! ip netns exec '$a' '$D' sysctl-get nosuch0 forwarding 2>/dev/null"
check "a key with a path is refused" sh -c "! ip netns exec '$a' '$D' sysctl-get eth0 ../all/forwarding 2>/dev/null"
finish
