#!/usr/bin/env bash
# libxfrm MIGRATE on Debian's kernel, with real ESP SAs: the MN's tunnel SA
# CoA1->HA moves to CoA2->HA (keys kept, old state gone) together with its
# policy's template; the transport SA HoA->HA stays where it is (UMIP sends
# old endpoints ::, which match no SA), while the KMADDRESS still reaches the
# listener.  (The host kernel has no ESP, so this lives in the vm tier.)
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
. "$SRCDIR/test/netns/libxfrm/helpers.bash"

for m in xfrm_user esp6 authenc echainiv cbc aes_generic sha1_generic hmac; do
	modprobe -q "$m" 2>/dev/null
done

HOA=2001:db8:ffff::1
HA=2001:db8:ffff::1000
COA1=2001:db8:1::5
COA2=2001:db8:2::5
K16=0x000102030405060708090a0b0c0d0e0f
K20=0x000102030405060708090a0b0c0d0e0f10111213

netns_new mn
xd "$mn" policy add src $HOA/128 dst $HA/128 proto 135 dir out priority 2 tmpl proto esp mode transport reqid 8
xd "$mn" policy add src $HOA/128 dst ::/0 dir out priority 5 tmpl src $COA1 dst $HA proto esp mode tunnel reqid 3
check "transport SA HoA->HA" xd "$mn" state add src $HOA dst $HA proto esp spi 0x5002 mode transport reqid 8 \
	enc "cbc(aes)" $K16 auth "hmac(sha1)" $K20
check "tunnel SA CoA1->HA" xd "$mn" state add src $COA1 dst $HA proto esp spi 0x5001 mode tunnel reqid 3 \
	enc "cbc(aes)" $K16 auth "hmac(sha1)" $K20

listen_start "$mn" 2 120 || echo "listener did not start" >&2
check "MIGRATE transport (old ::)" xd "$mn" migrate src $HOA/128 dst $HA/128 proto 135 dir out \
	km $COA2 $HA m - - $COA2 $HA proto esp mode transport reqid 8
check "MIGRATE tunnel CoA1->CoA2" xd "$mn" migrate src $HOA/128 dst ::/0 dir out \
	km $COA2 $HA m $COA1 $HA $COA2 $HA proto esp mode tunnel reqid 3
check "listener got both" listen_wait
check "transport MIGRATE decoded with KMADDRESS" has_event \
	"migrate src $HOA/128 dst $HA/128 proto 135 dir out ptype main km $COA2 $HA m - - $COA2 $HA proto esp mode transport reqid 8"
check "tunnel MIGRATE decoded with KMADDRESS" has_event \
	"migrate src $HOA/128 dst ::/0 dir out ptype main km $COA2 $HA m $COA1 $HA $COA2 $HA proto esp mode tunnel reqid 3"
check "tunnel SA now CoA2->HA with its keys" out_has \
	"state src $COA2 dst $HA proto esp spi 0x00005001 mode tunnel reqid 3 replay 0 flags 0 enc cbc(aes) $K16 auth-trunc hmac(sha1) $K20 96" \
	xd "$mn" state get src $COA2 dst $HA proto esp spi 0x5001
check "old tunnel SA gone" sh -c "! ip -n '$mn' xfrm state | grep -q 'src $COA1 '"
check "transport SA unchanged" out_has "state src $HOA dst $HA proto esp spi 0x00005002 mode transport" \
	xd "$mn" state get src $HOA dst $HA proto esp spi 0x5002
check "tunnel template now CoA2->HA" out_has "tmpl src $COA2 dst $HA proto esp mode tunnel reqid 3" \
	xd "$mn" policy get src $HOA/128 dst ::/0 dir out
finish
