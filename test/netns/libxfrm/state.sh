#!/usr/bin/env bash
# libxfrm states on the host kernel.  It has no ESP/AH/IPComp/MIP6 types,
# so full SAs are tested in the vm tier (test/vm/scenarios/libxfrm_states.sh);
# here: ALLOCSPI (a larval state needs no type), get/dump/delete/flush of
# such states, the SA events, an ACQUIRE triggered by traffic, and the error
# message naming the state.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
. "$SRCDIR/test/netns/libxfrm/helpers.bash"

A1=2001:db8:1::1
A2=2001:db8:1::2

netns_new a
netns_new b
netns_veth "$a" eth0 "$b" eth0
ip -n "$a" addr add $A1/64 dev eth0 nodad
ip -n "$b" addr add $A2/64 dev eth0 nodad

out=$(xd "$a" state allocspi src $A1 dst $A2 proto esp mode tunnel reqid 5 min 0x1000 max 0x1fff)
spi=${out#spi }
check "allocspi returns an SPI in range" test $((spi)) -ge $((0x1000)) -a $((spi)) -le $((0x1fff))
check "iproute2 sees the reserved SPI" out_has "proto esp spi $spi reqid 5 mode tunnel" ip -n "$a" xfrm state
check "get reads it back" out_has \
	"state src $A1 dst $A2 proto esp spi $spi mode tunnel reqid 5 replay 0 flags 0" \
	xd "$a" state get src $A1 dst $A2 proto esp spi $spi
xd "$a" state allocspi src $A2 dst $A1 proto esp mode transport reqid 6 >/dev/null
check "dump lists both" test "$(xd "$a" state dump | grep -c '^state ')" -eq 2
listen_start "$a" 2 10 || echo "listener did not start" >&2
check "delete one" xd "$a" state delete src $A1 dst $A2 proto esp spi $spi
check "deleted state is gone" sh -c "! ip -n '$a' xfrm state | grep -q 'spi $spi'"
check "deleting it again fails, naming the state" out_is \
	"xfrm_driver: state esp spi $(printf 0x%08x $((spi))) $A1 -> $A2: No such process" \
	xd "$a" state delete src $A1 dst $A2 proto esp spi $spi
check "flush" xd "$a" state flush
check "no state left" test -z "$(ip -n "$a" xfrm state)"
check "listener got DELSA and FLUSHSA" listen_wait
check "DELSA event decoded" has_event_re "^delsa state src $A1 dst $A2 proto esp spi $(printf 0x%08x $((spi))) mode tunnel reqid 5 "
check "FLUSHSA event decoded" has_event "flushsa proto none"

# ACQUIRE: a tunnel policy without SA, and traffic that needs it.
xd "$a" policy add src $A1/128 dst $A2/128 dir out priority 100 \
	tmpl src $A1 dst $A2 proto esp mode tunnel reqid 9
listen_start "$a" 1 10 || echo "listener did not start" >&2
ip netns exec "$a" ping -6 -c 1 -W 1 $A2 >/dev/null 2>&1
check "listener got the ACQUIRE" listen_wait
check "ACQUIRE decoded: proto, endpoints, mode, reqid" \
	has_event_re "^acquire proto esp src $A1 dst $A2 mode tunnel reqid 9 flow src $A1/128 dst $A2/128 proto "
check "ACQUIRE carries the policy" grep -qF \
	"| policy src $A1/128 dst $A2/128 dir out ptype main priority 100 action ipsec tmpl src $A1 dst $A2 proto esp mode tunnel reqid 9 level required" \
	"$TMPD/events"
xd "$a" state flush
xd "$a" policy flush
finish
