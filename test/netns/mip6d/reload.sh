#!/usr/bin/env bash
# mip6d's SIGHUP reload on the host kernel: an HA in a namespace, its
# mip6d.conf edited and SIGHUP sent.  The SPD follows the new
# IPsecPolicySet by difference: a removed HoA's policies go, an added HoA's
# come, the unchanged HoA's policies are never deleted (ip xfrm monitor
# sees no event for them) and keep their kernel index; a changed reqid is
# replaced in place.  A file with an error is reported with file:line and
# changes nothing; a NodeConfig or Interface change is refused by name and
# the rest still applies; the rule and sysctls do not move; SIGTERM removes
# what the reload installed.
# shellcheck disable=SC2154  # $ha, $cn... are set by netns_new
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
MIP6D="$BUILDDIR/mip6d/mip6d"
TMPD=$(mktemp -d)
MONPID=
trap '[ -n "$MONPID" ] && kill "$MONPID" 2>/dev/null; _netns_cleanup; [ -n "$KEEP" ] && cp "$TMPD/log" /tmp/reload.log; rm -rf "$TMPD"' EXIT

HA=2001:db8:ffff::1000
HOA1=2001:db8:ffff::1
HOA2=2001:db8:ffff::2
HOA3=2001:db8:ffff::3

conf() {  # conf HOA-LINES REQIDS [EXTRA]
	cat >"$TMPD/ha.conf" <<CONF
NodeConfig HA;
DebugLevel 1;
Interface "home0";
UseMnHaIPsec enabled;
$3
IPsecPolicySet {
	HomeAgentAddress $HA;
$1
	IPsecPolicy Mh UseESP $2;
}
CONF
}
pols() { ip -n "$ha" xfrm policy; }
# The policy blocks (policy lines with their templates) that name $1.
block() { pols | awk -v a="$1/128 " '/^src /{p=index($0, a)>0} p'; }
idx() { block "$1" | grep -o 'index [0-9]*' | sort | tr '\n' ' '; }
reqids() { block "$1" | grep -o 'reqid [0-9]*' | sort -u | tr '\n' ' '; }
nrel() { grep -c 'reload: done\|not valid' "$TMPD/log"; }
hup() {  # SIGHUP, then waits for the daemon's verdict in the log
	local n
	n=$(nrel)
	kill -HUP "$PID"
	for _ in $(seq 50); do
		[ "$(nrel)" -gt "$n" ] && break
		sleep 0.1
	done
}

netns_new ha
netns_new cn
netns_veth "$ha" home0 "$cn" cn0
ip -n "$ha" addr add $HA/64 dev home0 nodad

conf "	HomeAddress $HOA1/64;
	HomeAddress $HOA2/64;" "10 11"
ip netns exec "$ha" "$MIP6D" -n -c "$TMPD/ha.conf" -p "" -s "$TMPD/sock" 2>"$TMPD/log" &
PID=$!
for _ in $(seq 50); do [ -S "$TMPD/sock" ] && break; sleep 0.1; done
check "started with HoA1's policies" test "$(block $HOA1 | grep -c '^src ')" -ge 2
check "started with HoA2's policies" test "$(block $HOA2 | grep -c '^src ')" -ge 2
IDX1=$(idx $HOA1)
RULES=$(ip -n "$ha" -6 rule)
PROXY=$(ip netns exec "$ha" sysctl -n net.ipv6.conf.home0.proxy_ndp)

ip -n "$ha" xfrm monitor policy >"$TMPD/mon" 2>&1 &
MONPID=$!
sleep 0.2
conf "	HomeAddress $HOA1/64;
	HomeAddress $HOA3/64;" "10 11" "HaMaxBindingLife 600;"
hup
sleep 0.2
check "reload: done logged" grep -q 'reload: done' "$TMPD/log"
check "HoA2's policies removed" bash -c "! ip -n '$ha' xfrm policy | grep -q '$HOA2/128'"
check "HoA3's policies installed (IN and OUT)" \
	test "$(block $HOA3 | grep -c '^src ')" -ge 2
check "HoA1's policies kept with their kernel index" test "$(idx $HOA1)" = "$IDX1"
check "no kernel event touched HoA1's policies" bash -c "! grep -q '$HOA1/128' '$TMPD/mon'"
check "... nor the NS/NA bypass policies" bash -c "! grep -q 'ipv6-icmp' '$TMPD/mon'"
check "the monitor saw HoA2 deleted and HoA3 added" \
	bash -c "grep -q 'Deleted src $HOA2/128\|Deleted src $HA/128 dst $HOA2/128' '$TMPD/mon' && grep -q '$HOA3/128' '$TMPD/mon'"
check "the reload counted 2 put and 2 removed" grep -q 'at start 2 put, 2 removed' "$TMPD/log"
kill "$MONPID" 2>/dev/null; wait "$MONPID" 2>/dev/null; MONPID=

conf "	HomeAddress $HOA1/64;
	HomeAddress $HOA3/64;" "20 21"
hup
check "changed reqids replace HoA1's policies in place" test "$(reqids $HOA1)" = "reqid 20 reqid 21 "
check "... and keep their index" test "$(idx $HOA1)" = "$IDX1"

BEFORE=$(pols)
printf 'NodeConfig HA;\nInterface "home0"\nHaMaxBindingLife 10;\n' >"$TMPD/ha.conf"
hup
check "a file with an error is reported with file:line" \
	grep -q "reload: $TMPD/ha.conf:[0-9]*:[0-9]*: error" "$TMPD/log"
check "... the running configuration is kept" grep -q 'not valid, keeping the running' "$TMPD/log"
check "... and the SPD did not change" test "$(pols)" = "$BEFORE"

conf "	HomeAddress $HOA1/64;" "20 21" "Interface \"lo\";
MnHomeLink \"home0\" { HomeAgentAddress $HA; HomeAddress $HOA1/64; }"
sed -i 's/^NodeConfig HA;/NodeConfig MN;/' "$TMPD/ha.conf"
hup
check "NodeConfig change refused by name" grep -q 'reload: NodeConfig changed: refused' "$TMPD/log"
check "Interface change refused by name" grep -q 'reload: Interface changed: refused' "$TMPD/log"
check "MnHomeLink refused by name" grep -q 'reload: MnHomeLink changed: refused' "$TMPD/log"
check "... the rest applied: HoA3's policies removed" bash -c "! ip -n '$ha' xfrm policy | grep -q '$HOA3/128'"
check "... HoA1's kept" test "$(idx $HOA1)" = "$IDX1"
check "still running as HA" kill -0 "$PID"
check "policy routing rules did not move" test "$(ip -n "$ha" -6 rule)" = "$RULES"
check "proxy_ndp did not move" test "$(ip netns exec "$ha" sysctl -n net.ipv6.conf.home0.proxy_ndp)" = "$PROXY"

kill -TERM "$PID"
wait "$PID"
check "SIGTERM: exit status 0" test $? -eq 0
check "SIGTERM: every policy removed, reloaded ones included" test -z "$(pols)"
finish
