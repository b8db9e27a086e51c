#!/usr/bin/env bash
# libxfrm states on Debian's kernel (the host kernel lacks ESP/AH/IPComp/MIP6):
# ESP/AH/IPComp/AEAD and the MIP6 rh/hao states with their care-of address,
# keys, lifetimes and replay window read back against `ip xfrm state`;
# ALLOCSPI then UPDSA (as an IKE daemon does); counters after real traffic;
# the SA and EXPIRE events.  Runs with SRCDIR and BUILDDIR set, as the netns
# scripts do, and uses the same helpers.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
. "$SRCDIR/test/netns/libxfrm/helpers.bash"

for m in xfrm_user esp6 ah6 ipcomp6 xfrm6_tunnel mip6 authenc echainiv cbc aes_generic sha1_generic \
	sha256_generic hmac gcm ctr ghash_generic seqiv deflate veth; do
	modprobe -q "$m" 2>/dev/null
done

A1=2001:db8:1::1
A2=2001:db8:1::2
HOA=2001:db8:ffff::1
HA=2001:db8:ffff::1000
COA=2001:db8:2::5
K16=0x000102030405060708090a0b0c0d0e0f
K20=0x000102030405060708090a0b0c0d0e0f10111213
K32=0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f

netns_new a
netns_new b
netns_veth "$a" eth0 "$b" eth0
ip -n "$a" addr add $A1/64 dev eth0 nodad
ip -n "$b" addr add $A2/64 dev eth0 nodad
ips() { ip -n "$a" xfrm state "$@"; }
# Processes are slow under TCG: read `ip -s xfrm state` once, check it often.
# (-s adds lifetimes but puts "(N bits)" between a key and its ICV length.)
snap() { { ip -n "$a" xfrm state; ip -n "$a" -s xfrm state; } >"$TMPD/ips"; }
snap_has() { grep -qF -- "$1" "$TMPD/ips" || { echo "no '$1' in:" >&2; cat "$TMPD/ips" >&2; false; }; }

listen_start "$a" 3 120 || echo "listener did not start" >&2
check "add ESP with keys, lifetimes, replay window" \
	xd "$a" state add src $HOA dst $HA proto esp spi 0x1001 mode transport reqid 8 replay 32 \
	enc "cbc(aes)" $K16 auth-trunc "hmac(sha256)" $K32 128 \
	soft-bytes 1000000 hard-bytes 2000000 soft-packets 1000 hard-packets 2000 \
	soft-add 2700 hard-add 3600 soft-use 100 hard-use 200 \
	sel src $HOA/128 dst $HA/128 proto 135
snap
check "ip: ESP spi and reqid" snap_has "proto esp spi 0x00001001 reqid 8 mode transport"
check "ip: replay window" snap_has "replay-window 32"
check "ip: cipher key" snap_has "enc cbc(aes) $K16"
check "ip: truncated auth" snap_has "auth-trunc hmac(sha256) $K32 128"
check "ip: selector" snap_has "sel src $HOA/128 dst $HA/128 proto mobility-header"
check "ip: time lifetimes" snap_has "expire add: soft 2700(sec), hard 3600(sec)"
check "ip: byte lifetimes" snap_has "limit: soft 1000000(bytes), hard 2000000(bytes)"
check "ip: packet lifetimes" snap_has "limit: soft 1000(packets), hard 2000(packets)"
check "ip: use lifetimes" snap_has "expire use: soft 100(sec), hard 200(sec)"
check "get reads everything back" out_is \
	"state src $HOA dst $HA proto esp spi 0x00001001 mode transport reqid 8 replay 32 flags 0 enc cbc(aes) $K16 auth-trunc hmac(sha256) $K32 128 soft 1000000/1000/2700/100 hard 2000000/2000/3600/200 cur 0/0 sel src $HOA/128 dst $HA/128 proto 135" \
	xd "$a" state get src $HOA dst $HA proto esp spi 0x1001
check "update: hard-add 7200" \
	xd "$a" state update src $HOA dst $HA proto esp spi 0x1001 mode transport reqid 8 replay 32 \
	enc "cbc(aes)" $K16 auth-trunc "hmac(sha256)" $K32 128 hard-add 7200
check "ip: updated lifetime" out_has "hard 7200(sec)" ip -n "$a" -s xfrm state get src $HOA dst $HA proto esp spi 0x1001
check "delete" xd "$a" state delete src $HOA dst $HA proto esp spi 0x1001
check "listener: NEWSA, UPDSA, DELSA" listen_wait
check "NEWSA event has the keys" has_event_re "^newsa state src $HOA dst $HA proto esp spi 0x00001001 .* enc cbc(aes) $K16 "
check "UPDSA event" has_event_re "^updsa state src $HOA dst $HA proto esp spi 0x00001001 "
check "DELSA event" has_event_re "^delsa state src $HOA dst $HA proto esp spi 0x00001001 "

check "add AH" xd "$a" state add src $A1 dst $A2 proto ah spi 0x2001 mode tunnel reqid 3 auth "hmac(sha1)" $K20
check "add AEAD" xd "$a" state add src $A1 dst $A2 proto esp spi 0x2002 mode tunnel aead "rfc4106(gcm(aes))" $K20 128
check "add IPComp" xd "$a" state add src $A1 dst $A2 proto ipcomp spi 0x2003 mode tunnel comp deflate
check "add MIP6 hao state with care-of address" \
	xd "$a" state add src $HOA dst $HA proto hao mode ro coa $COA sel src $HOA/128 dst $HA/128
check "add MIP6 rh state with care-of address" \
	xd "$a" state add src $HA dst $HOA proto route2 mode ro coa $COA sel src $HA/128 dst $HOA/128
snap
check "ip: AH" snap_has "auth-trunc hmac(sha1) $K20 96"
check "ip: AEAD" snap_has "aead rfc4106(gcm(aes)) $K20 128"
check "ip: IPComp" snap_has "comp deflate"
check "ip: route2 state" snap_has "proto route2"
check "ip: hao coa" out_has "coa $COA" ip -n "$a" xfrm state get src $HOA dst $HA proto hao
check "get AEAD" out_has "aead rfc4106(gcm(aes)) $K20 128" xd "$a" state get src $A1 dst $A2 proto esp spi 0x2002
check "get hao" out_has "proto hao spi 0x00000000 mode ro reqid 0 replay 0 flags 0 coa $COA" \
	xd "$a" state get src $HOA dst $HA proto hao
# 5 added here, and the proto 41 state the kernel adds for tunnel IPComp.
check "dump lists 6 states" test "$(xd "$a" state dump | grep -c '^state ')" -eq 6
check "delete rh state" xd "$a" state delete src $HA dst $HOA proto route2
check "flush" xd "$a" state flush
check "all gone" test -z "$(ips)"

# The IKE daemon's way: reserve an SPI, then complete the larval state.
spi=$(xd "$a" state allocspi src $A2 dst $A1 proto esp mode transport reqid 7)
spi=${spi#spi }
check "allocspi then update completes the state" \
	xd "$a" state update src $A2 dst $A1 proto esp spi "$spi" mode transport reqid 7 replay 64 \
	enc "cbc(aes)" $K16 auth "hmac(sha1)" $K20
check "ip: completed state" out_has "proto esp spi $(printf 0x%08x $((spi))) reqid 7 mode transport" ips
xd "$a" state flush

# Counters after real traffic: ESP a -> b, replies in clear.
for ns in "$a" "$b"; do
	xd "$ns" state add src $A1 dst $A2 proto esp spi 0x3001 mode transport reqid 1 replay 32 \
		enc "cbc(aes)" $K16 auth "hmac(sha1)" $K20
done
xd "$a" policy add src $A1/128 dst $A2/128 dir out tmpl proto esp mode transport reqid 1
ip netns exec "$a" ping -6 -c 3 -i 0.2 -W 2 $A2 >/dev/null
# At least 3 packets and some bytes on each side's SA.
counted() { xd "$1" state get src $A1 dst $A2 proto esp spi 0x3001 | grep -Eq ' cur [1-9][0-9]*/([3-9]|[1-9][0-9]+) '; }
check "counters: sender's SA counted packets" counted "$a"
check "counters: receiver's SA counted packets" counted "$b"
xd "$a" state flush
xd "$a" policy flush

# EXPIRE: soft after 1 s, hard after 2 s.
listen_start "$a" 3 120 || echo "listener did not start" >&2
xd "$a" state add src $A1 dst $A2 proto esp spi 0x4001 mode transport enc "cbc(aes)" $K16 auth "hmac(sha1)" $K20 \
	soft-add 1 hard-add 2
check "listener: NEWSA, soft and hard EXPIRE" listen_wait
check "soft EXPIRE decoded" has_event_re "^expire state src $A1 dst $A2 proto esp spi 0x00004001 "
check "hard EXPIRE decoded" has_event_re "^expire hard state src $A1 dst $A2 proto esp spi 0x00004001 "
finish
