#!/usr/bin/env bash
# libxfrm policies on the host kernel: add (MH type selectors, tunnel
# templates, reqid, priority, levels, sub type), read back against
# `ip xfrm policy`, update, delete, dump, flush; the POLICY events; the
# error message naming the policy.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
. "$SRCDIR/test/netns/libxfrm/helpers.bash"

HOA=2001:db8:ffff::1
HA=2001:db8:ffff::1000
COA1=2001:db8:1::5

netns_new a
listen_start "$a" 5 10 || echo "listener did not start" >&2

check "add MH type 5 transport policy" \
	xd "$a" policy add src $HOA/128 dst $HA/128 proto 135 type 5 dir out priority 2 \
	tmpl proto esp mode transport reqid 8 level required
check "add sub-type tunnel policy with optional template" \
	xd "$a" policy add src ::/0 dst $HOA/128 dir in ptype sub priority 10 \
	tmpl src $HA dst $COA1 proto esp mode tunnel reqid 3 level use
check "update: priority 4, reqid 9" \
	xd "$a" policy update src $HOA/128 dst $HA/128 proto 135 type 5 dir out priority 4 \
	tmpl proto esp mode transport reqid 9
check "delete the sub policy" xd "$a" policy delete src ::/0 dst $HOA/128 dir in ptype sub
check "flush main" xd "$a" policy flush
listen_wait
check "event newpolicy" has_event "newpolicy policy src $HOA/128 dst $HA/128 proto 135 type 5 dir out ptype main priority 2 action ipsec tmpl proto esp mode transport reqid 8 level required"
check "event newpolicy (sub, tunnel, use)" has_event "newpolicy policy src ::/0 dst $HOA/128 dir in ptype sub priority 10 action ipsec tmpl src $HA dst $COA1 proto esp mode tunnel reqid 3 level use"
check "event updpolicy" has_event "updpolicy policy src $HOA/128 dst $HA/128 proto 135 type 5 dir out ptype main priority 4 action ipsec tmpl proto esp mode transport reqid 9 level required"
check "event delpolicy" has_event "delpolicy policy src ::/0 dst $HOA/128 dir in ptype sub priority 10 action ipsec tmpl src $HA dst $COA1 proto esp mode tunnel reqid 3 level use"
check "event flushpolicy" has_event "flushpolicy ptype main"

# Read back what libxfrm wrote, through iproute2.
xd "$a" policy add src $HOA/128 dst $HA/128 proto 135 type 5 dir out priority 2 \
	tmpl proto esp mode transport reqid 8 level required
xd "$a" policy add src ::/0 dst $HOA/128 dir in ptype sub priority 10 \
	tmpl src $HA dst $COA1 proto esp mode tunnel reqid 3 level use
xd "$a" policy add src $HOA/128 dst ::/0 dir fwd priority 7 \
	tmpl src $COA1 dst $HA proto esp mode tunnel reqid 4
xd "$a" policy add src 192.0.2.0/24 dst 198.51.100.7/32 proto 6 dport 500 dir out priority 100 action block
ipx() { ip -n "$a" xfrm policy list "$@"; }
check "ip sees the MH selector" out_has "src $HOA/128 dst $HA/128 proto mobility-header type 5" ipx
check "ip sees dir out priority 2" out_has "dir out priority 2" ipx
check "ip sees the transport template" out_has "proto esp reqid 8 mode transport" ipx
check "ip sees the sub policy's tunnel endpoints" out_has "tmpl src $HA dst $COA1" ipx ptype sub
check "ip sees level use" out_has "level use" ipx ptype sub
check "ip sees the fwd policy" out_has "dir fwd priority 7" ipx
check "ip sees the IPv4 port selector" out_has "src 192.0.2.0/24 dst 198.51.100.7/32 proto tcp dport 500" ipx
check "ip sees action block" out_has "action block" ipx

# Read back with libxfrm what iproute2 wrote.
ip -n "$a" xfrm policy add src $HA/128 dst $HOA/128 proto 135 type 6 dir in priority 3 \
	tmpl proto esp mode transport reqid 11 level use
check "get a policy iproute2 added" out_is \
	"policy src $HA/128 dst $HOA/128 proto 135 type 6 dir in ptype main priority 3 action ipsec tmpl proto esp mode transport reqid 11 level use" \
	xd "$a" policy get src $HA/128 dst $HOA/128 proto 135 type 6 dir in
check "get the sub policy" out_is \
	"policy src ::/0 dst $HOA/128 dir in ptype sub priority 10 action ipsec tmpl src $HA dst $COA1 proto esp mode tunnel reqid 3 level use" \
	xd "$a" policy get src ::/0 dst $HOA/128 dir in ptype sub
check "get the block policy" out_is \
	"policy src 192.0.2.0/24 dst 198.51.100.7/32 proto 6 dport 500 dir out ptype main priority 100 action discard" \
	xd "$a" policy get src 192.0.2.0/24 dst 198.51.100.7/32 proto 6 dport 500 dir out
check "dump lists all 5 policies (both types)" \
	test "$(xd "$a" policy dump | grep -c '^policy ')" -eq 5

check "duplicate add fails, naming the policy" out_is \
	"xfrm_driver: policy $HOA/128 -> $HA/128 proto 135 type 5 dir out: File exists" \
	xd "$a" policy add src $HOA/128 dst $HA/128 proto 135 type 5 dir out priority 2 \
	tmpl proto esp mode transport reqid 8
check "get of a missing policy fails with ENOENT" out_is \
	"xfrm_driver: policy $HOA/128 -> $HA/128 proto 135 type 7 dir out: No such file or directory" \
	xd "$a" policy get src $HOA/128 dst $HA/128 proto 135 type 7 dir out
check "kernel's reason is kept (optional tunnel template on out)" out_has \
	"Invalid argument (Mode in optional template not allowed in outbound policy)" \
	xd "$a" policy add src $HOA/128 dst ::/0 dir out tmpl src $COA1 dst $HA proto esp mode tunnel level use

# A multi-part dump: 10,000 policies (iproute2 batch), each read once.
for i in $(seq 1 10000); do
	printf 'xfrm policy add src 2001:db8:eeee::%x/128 dst ::/0 dir out priority 5 tmpl src %s dst %s proto esp mode tunnel reqid %d\n' \
		"$i" $COA1 $HA "$i"
done >"$TMPD/batch"
ip -n "$a" -batch "$TMPD/batch"
check "dump of 10,000 more policies returns each once" \
	test "$(xd "$a" policy dump | grep '^policy src 2001:db8:eeee::' | sort -u | wc -l)" -eq 10000

check "delete by selector" xd "$a" policy delete src $HOA/128 dst ::/0 dir fwd
check "deleted policy is gone from ip" sh -c "! ip -n '$a' xfrm policy list | grep -q 'dir fwd'"
check "flush sub" xd "$a" policy flush sub
check "sub policies gone" test -z "$(ip -n "$a" xfrm policy list ptype sub)"
check "flush main" xd "$a" policy flush
check "main policies gone" test -z "$(ip -n "$a" xfrm policy list)"
finish
