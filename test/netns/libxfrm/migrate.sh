#!/usr/bin/env bash
# libxfrm MIGRATE on the host kernel: the anchor's handover CoA1 -> CoA2
# (anchor-behaviour.md), on the MN's four policies and the HA's five.  A
# listener in the same namespace receives each MIGRATE, decodes it (KMADDRESS
# included) and the test checks it field by field; the tunnel templates must
# have moved, the transport ones not.  Then a two-entry MIGRATE and the
# kernel's refusals.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
. "$SRCDIR/test/netns/libxfrm/helpers.bash"

HOA=2001:db8:ffff::1
HA=2001:db8:ffff::1000
COA1=2001:db8:1::5
COA2=2001:db8:2::5

# --- MN: 4 MIGRATEs, KMADDRESS local = CoA2, remote = HA ---
netns_new mn
xd "$mn" policy add src $HOA/128 dst $HA/128 proto 135 dir out priority 2 tmpl proto esp mode transport
xd "$mn" policy add src $HA/128 dst $HOA/128 proto 135 dir in priority 2 tmpl proto esp mode transport
xd "$mn" policy add src $HOA/128 dst ::/0 dir out priority 5 tmpl src $COA1 dst $HA proto esp mode tunnel
xd "$mn" policy add src ::/0 dst $HOA/128 dir in priority 5 tmpl src $HA dst $COA1 proto esp mode tunnel

listen_start "$mn" 4 10 || echo "listener did not start" >&2
check "MN: migrate out MH transport" xd "$mn" migrate src $HOA/128 dst $HA/128 proto 135 dir out \
	km $COA2 $HA m - - $COA2 $HA proto esp mode transport
check "MN: migrate in MH transport" xd "$mn" migrate src $HA/128 dst $HOA/128 proto 135 dir in \
	km $COA2 $HA m - - $HA $COA2 proto esp mode transport
check "MN: migrate out tunnel CoA1->CoA2" xd "$mn" migrate src $HOA/128 dst ::/0 dir out \
	km $COA2 $HA m $COA1 $HA $COA2 $HA proto esp mode tunnel
check "MN: migrate in tunnel CoA1->CoA2" xd "$mn" migrate src ::/0 dst $HOA/128 dir in \
	km $COA2 $HA m $HA $COA1 $HA $COA2 proto esp mode tunnel
check "MN: listener got 4 MIGRATEs" listen_wait
check "MN: decoded out transport (selector, dir, KMADDRESS, entry)" has_event \
	"migrate src $HOA/128 dst $HA/128 proto 135 dir out ptype main km $COA2 $HA m - - $COA2 $HA proto esp mode transport reqid 0"
check "MN: decoded in transport" has_event \
	"migrate src $HA/128 dst $HOA/128 proto 135 dir in ptype main km $COA2 $HA m - - $HA $COA2 proto esp mode transport reqid 0"
check "MN: decoded out tunnel" has_event \
	"migrate src $HOA/128 dst ::/0 dir out ptype main km $COA2 $HA m $COA1 $HA $COA2 $HA proto esp mode tunnel reqid 0"
check "MN: decoded in tunnel" has_event \
	"migrate src ::/0 dst $HOA/128 dir in ptype main km $COA2 $HA m $HA $COA1 $HA $COA2 proto esp mode tunnel reqid 0"
check "MN: out tunnel template now CoA2->HA" out_is \
	"policy src $HOA/128 dst ::/0 dir out ptype main priority 5 action ipsec tmpl src $COA2 dst $HA proto esp mode tunnel reqid 0 level required" \
	xd "$mn" policy get src $HOA/128 dst ::/0 dir out
check "MN: in tunnel template now HA->CoA2 (iproute2)" \
	out_has "tmpl src $HA dst $COA2" ip -n "$mn" xfrm policy get src ::/0 dst $HOA/128 dir in
check "MN: transport template unchanged" out_is \
	"policy src $HOA/128 dst $HA/128 proto 135 dir out ptype main priority 2 action ipsec tmpl proto esp mode transport reqid 0 level required" \
	xd "$mn" policy get src $HOA/128 dst $HA/128 proto 135 dir out
check "MN: repeating the CoA1 move fails with ENODATA, named" out_is \
	"xfrm_driver: migrate policy $HOA/128 -> ::/0 dir out: No data available" \
	xd "$mn" migrate src $HOA/128 dst ::/0 dir out km $COA2 $HA m $COA1 $HA $COA2 $HA proto esp mode tunnel
check "MN: MIGRATE of a missing policy fails with ENOENT" out_has \
	"No such file or directory" \
	xd "$mn" migrate src 2001:db8:9::1/128 dst ::/0 dir out m $COA1 $HA $COA2 $HA proto esp mode tunnel

# --- HA: 5 MIGRATEs, KMADDRESS local = HA, remote = CoA2, with reqids ---
netns_new ha
xd "$ha" policy add src $HOA/128 dst $HA/128 proto 135 dir in priority 2 tmpl proto esp mode transport reqid 1
xd "$ha" policy add src $HA/128 dst $HOA/128 proto 135 dir out priority 2 tmpl proto esp mode transport reqid 2
xd "$ha" policy add src $HOA/128 dst ::/0 dir in priority 5 tmpl src $COA1 dst $HA proto esp mode tunnel reqid 3
xd "$ha" policy add src $HOA/128 dst ::/0 dir fwd priority 5 tmpl src $COA1 dst $HA proto esp mode tunnel reqid 3
xd "$ha" policy add src ::/0 dst $HOA/128 dir out priority 5 tmpl src $HA dst $COA1 proto esp mode tunnel reqid 4

listen_start "$ha" 5 10 || echo "listener did not start" >&2
xd "$ha" migrate src $HOA/128 dst $HA/128 proto 135 dir in km $HA $COA2 m - - $COA2 $HA proto esp mode transport reqid 1
xd "$ha" migrate src $HA/128 dst $HOA/128 proto 135 dir out km $HA $COA2 m - - $HA $COA2 proto esp mode transport reqid 2
xd "$ha" migrate src $HOA/128 dst ::/0 dir in km $HA $COA2 m $COA1 $HA $COA2 $HA proto esp mode tunnel reqid 3
xd "$ha" migrate src $HOA/128 dst ::/0 dir fwd km $HA $COA2 m $COA1 $HA $COA2 $HA proto esp mode tunnel reqid 3
xd "$ha" migrate src ::/0 dst $HOA/128 dir out km $HA $COA2 m $HA $COA1 $HA $COA2 proto esp mode tunnel reqid 4
check "HA: listener got 5 MIGRATEs" listen_wait
check "HA: decoded in transport reqid 1" has_event \
	"migrate src $HOA/128 dst $HA/128 proto 135 dir in ptype main km $HA $COA2 m - - $COA2 $HA proto esp mode transport reqid 1"
check "HA: decoded out transport reqid 2" has_event \
	"migrate src $HA/128 dst $HOA/128 proto 135 dir out ptype main km $HA $COA2 m - - $HA $COA2 proto esp mode transport reqid 2"
check "HA: decoded in tunnel" has_event \
	"migrate src $HOA/128 dst ::/0 dir in ptype main km $HA $COA2 m $COA1 $HA $COA2 $HA proto esp mode tunnel reqid 3"
check "HA: decoded fwd tunnel" has_event \
	"migrate src $HOA/128 dst ::/0 dir fwd ptype main km $HA $COA2 m $COA1 $HA $COA2 $HA proto esp mode tunnel reqid 3"
check "HA: decoded out tunnel" has_event \
	"migrate src ::/0 dst $HOA/128 dir out ptype main km $HA $COA2 m $HA $COA1 $HA $COA2 proto esp mode tunnel reqid 4"
check "HA: fwd template moved" out_has "tmpl src $COA2 dst $HA" ip -n "$ha" xfrm policy get src $HOA/128 dst ::/0 dir fwd
check "HA: out template moved" out_has "tmpl src $HA dst $COA2" ip -n "$ha" xfrm policy get src ::/0 dst $HOA/128 dir out

# --- two entries in one MIGRATE, sub policy type ---
netns_new two
xd "$two" policy add src 2001:db8:aa::/64 dst 2001:db8:bb::/64 dir out ptype sub \
	tmpl src 2001:db8:1::1 dst 2001:db8:1::2 proto esp mode tunnel reqid 1 \
	tmpl src 2001:db8:2::1 dst 2001:db8:2::2 proto esp mode tunnel reqid 2
listen_start "$two" 1 10 || echo "listener did not start" >&2
check "two entries: MIGRATE accepted" xd "$two" migrate src 2001:db8:aa::5/128 dst 2001:db8:bb::6/128 dir out ptype sub \
	km 2001:db8:1::9 2001:db8:1::2 \
	m 2001:db8:1::1 2001:db8:1::2 2001:db8:1::9 2001:db8:1::2 proto esp mode tunnel reqid 1 \
	m 2001:db8:2::1 2001:db8:2::2 2001:db8:2::9 2001:db8:2::2 proto esp mode tunnel reqid 2
check "two entries: listener got it" listen_wait
check "two entries: both entries decoded (kernel repeats XFRMA_MIGRATE)" has_event \
	"migrate src 2001:db8:aa::5/128 dst 2001:db8:bb::6/128 dir out ptype sub km 2001:db8:1::9 2001:db8:1::2 m 2001:db8:1::1 2001:db8:1::2 2001:db8:1::9 2001:db8:1::2 proto esp mode tunnel reqid 1 m 2001:db8:2::1 2001:db8:2::2 2001:db8:2::9 2001:db8:2::2 proto esp mode tunnel reqid 2"
check "two entries: both templates moved" out_has \
	"tmpl src 2001:db8:1::9 dst 2001:db8:1::2 proto esp mode tunnel reqid 1 level required tmpl src 2001:db8:2::9 dst 2001:db8:2::2 proto esp mode tunnel reqid 2 level required" \
	xd "$two" policy get src 2001:db8:aa::/64 dst 2001:db8:bb::/64 dir out ptype sub
finish
