#!/usr/bin/env bash
# setkey on a kernel without PF_KEY (this host's): the same commands and the
# same -DP text over XFRM netlink, against what iproute2 installs and reads.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root

S=$BUILDDIR/libpfkey/setkey/setkey
[ -x "$S" ] || { echo "FAIL: setkey not built at $S"; exit 1; }
if [ -e /proc/net/pfkey ]; then
	skip "setkey over XFRM netlink" "this kernel has PF_KEY: auto would not fall back"
	finish
fi

netns_new n
in_n() { ip netns exec "$n" "$@"; }
T=$(mktemp -d)
trap 'rm -rf "$T"; _netns_cleanup' EXIT

HOA=2001:db8:ffff::1
HA=2001:db8:ffff::1000
ip -n "$n" xfrm policy add src $HOA/128 dst $HA/128 proto 135 dir out priority 2000 \
	tmpl proto esp mode transport level required

in_n "$S" -DP >"$T/dp" 2>&1
check "-DP shows a policy ip xfrm installed (selector line)" \
	grep -qx "$HOA $HA mobility-header" "$T/dp"
check "-DP: direction and action" grep -q "^	out prio .* ipsec$" "$T/dp"
check "-DP: request" grep -qx "	esp/transport//require" "$T/dp"

in_n "$S" -v -DP >"$T/v" 2>&1
check "-v names the interface used" grep -q "using XFRM netlink" "$T/v"

printf 'spdadd 2001:db8:1::/64 2001:db8:2::/64 any -P out ipsec esp/tunnel/2001:db8:1::1-2001:db8:2::1/unique:7;\n' |
	in_n "$S" -c
check "-c spdadd: exit 0" test $? -eq 0
ip -n "$n" xfrm policy >"$T/ip"
check "spdadd seen by ip xfrm: selector" grep -q "src 2001:db8:1::/64 dst 2001:db8:2::/64" "$T/ip"
check "spdadd seen by ip xfrm: tunnel template and reqid" \
	sh -c "grep -A3 'src 2001:db8:1::/64' '$T/ip' | grep -q 'proto esp reqid 7 mode tunnel'"

cat >"$T/bad.conf" <<'CONF'
spdadd 2001:db8:3::/64 2001:db8:4::/64 any -P out none;
spdadd 2001:db8:5::/64 2001:db8:6::/64 any -P out ipsec esp/bogus//require;
spdadd 2001:db8:7::/64 2001:db8:8::/64 any -P out none;
CONF
in_n "$S" -f "$T/bad.conf" >"$T/out" 2>&1
rc=$?
check "-f with a syntax error exits non-zero" test $rc -ne 0
check "the error names file:line:column" grep -q "bad.conf:2:[0-9]*: " "$T/out"
check "nothing after the failing line is applied" \
	sh -c "! ip -n '$n' xfrm policy | grep -q 2001:db8:7::/64"

printf 'spddelete 2001:db8:1::/64 2001:db8:2::/64 any -P out;\n' | in_n "$S" -c
check "spddelete removes it" sh -c "! ip -n '$n' xfrm policy | grep -q 2001:db8:1::/64"

in_n "$S" -FP
check "-FP flushes the SPD" sh -c "[ -z \"\$(ip -n '$n' xfrm policy)\" ]"
finish
