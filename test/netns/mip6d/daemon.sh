#!/usr/bin/env bash
# mip6d as a daemon on the host kernel: -t on the seed configurations; an
# HA in a namespace installs its IPsecPolicySet's transport policies and
# the "lookup 252" rule, readies the home link for proxy ND, writes its pid
# file, answers mip6d-ctl (status, bc, text and JSON; bul refused), keeps
# running over SIGHUP, and on SIGTERM removes every policy and rule,
# restores the sysctls and removes its pid file and socket.  An MN on its
# home link reports itself at home.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root
MIP6D="$BUILDDIR/mip6d/mip6d"
CTL="$BUILDDIR/mip6d/mip6d-ctl"
CONFIGS="$SRCDIR/test/unit/mip6d/configs"
TMPD=$(mktemp -d)
out_has_pol() { ip -n "$2" xfrm policy | grep -q "$1"; }
trap '_netns_cleanup; rm -rf "$TMPD"' EXIT

check "-t --offline: seed 000 MN valid" "$MIP6D" -t --offline -c "$CONFIGS/seed000-mn.conf"
"$MIP6D" -t --offline -c "$CONFIGS/seed000-ha.conf" 2>/dev/null
check "-t: seed 000 HA (missing ';') refused" test $? -eq 1

HOA=2001:db8:ffff::1
HA=2001:db8:ffff::1000
cat >"$TMPD/ha.conf" <<CONF
NodeConfig HA;
DebugLevel 1;
Interface "home0";
UseMnHaIPsec enabled;
KeyMngMobCapability enabled;
IPsecPolicySet {
	HomeAgentAddress $HA;
	HomeAddress $HOA/64;
	IPsecPolicy Mh UseESP;
	IPsecPolicy TunnelPayload UseESP;
}
CONF
netns_new ha
netns_new cn
netns_veth "$ha" home0 "$cn" cn0
ip -n "$ha" addr add $HA/64 dev home0 nodad
check "-t: the HA file is valid in its namespace" ip netns exec "$ha" "$MIP6D" -t -c "$TMPD/ha.conf"

ip netns exec "$ha" "$MIP6D" -n -c "$TMPD/ha.conf" -p "$TMPD/pid" -s "$TMPD/sock" 2>"$TMPD/log" &
PID=$!
for i in $(seq 50); do [ -S "$TMPD/sock" ] && break; sleep 0.1; done
check "control socket created" test -S "$TMPD/sock"
check "pid file holds the daemon's pid" test "$(cat "$TMPD/pid" 2>/dev/null)" = "$PID"
check "a second instance is refused (pid file)" \
	bash -c "! ip netns exec '$ha' '$MIP6D' -n -c '$TMPD/ha.conf' -p '$TMPD/pid' -s '$TMPD/sock2' 2>/dev/null"
check "transport policy IN HoA->HA MH installed" \
	out_has_pol "src $HOA/128 dst $HA/128" "$ha"
check "transport policy OUT HA->HoA MH installed" \
	out_has_pol "src $HA/128 dst $HOA/128" "$ha"
check "rule from all lookup 252" bash -c "ip -n '$ha' -6 rule | grep -q 'lookup 252'"
check "proxy_ndp on the home link" test "$(ip netns exec "$ha" sysctl -n net.ipv6.conf.home0.proxy_ndp)" = 1
check "mip6d-ctl status: role HA" bash -c "'$CTL' -s '$TMPD/sock' status | grep -qx 'role HA'"
check "mip6d-ctl status --json" bash -c "'$CTL' -s '$TMPD/sock' status --json | grep -q '\"role\":\"HA\"'"
check "mip6d-ctl bc: empty" bash -c "'$CTL' -s '$TMPD/sock' bc | grep -qx 'binding cache empty'"
check "mip6d-ctl bc --json" test "$("$CTL" -s "$TMPD/sock" bc --json)" = '{"bindings":[]}'
check "mip6d-ctl bul refused on an HA (exit 1)" bash -c "! '$CTL' -s '$TMPD/sock' bul 2>/dev/null"
check "mip6d-ctl: unknown command (exit 2)" bash -c "'$CTL' -s '$TMPD/sock' foo 2>/dev/null; test \$? -eq 2"
kill -HUP "$PID"
sleep 0.3
check "SIGHUP: still running, reload logged" bash -c "kill -0 $PID && grep -q 'reload: done' '$TMPD/log'"
kill -TERM "$PID"
wait "$PID"
check "SIGTERM: exit status 0" test $? -eq 0
check "SIGTERM: every policy removed" test -z "$(ip -n "$ha" xfrm policy)"
check "SIGTERM: rule removed" bash -c "! ip -n '$ha' -6 rule | grep -q 'lookup 252'"
check "SIGTERM: proxy_ndp restored" test "$(ip netns exec "$ha" sysctl -n net.ipv6.conf.home0.proxy_ndp)" = 0
check "SIGTERM: pid file and socket removed" test ! -e "$TMPD/pid" -a ! -e "$TMPD/sock"

# An MN at home: its HoA's prefix on the home link interface.
cat >"$TMPD/mn.conf" <<CONF
NodeConfig MN;
Interface "cn0" { MnIfPreference 1; }
MnHomeLink "cn0" {
	HomeAgentAddress $HA;
	HomeAddress $HOA/64;
}
UseMnHaIPsec enabled;
IPsecPolicySet {
	HomeAgentAddress $HA;
	HomeAddress $HOA/64;
	IPsecPolicy Mh UseESP;
	IPsecPolicy TunnelPayload UseESP;
}
CONF
ip -n "$cn" addr add $HOA/64 dev cn0 nodad
ip netns exec "$cn" "$MIP6D" -n -c "$TMPD/mn.conf" -p "" -s "$TMPD/mnsock" 2>"$TMPD/mnlog" &
PID=$!
for i in $(seq 50); do [ -S "$TMPD/mnsock" ] && break; sleep 0.1; done
check "MN: bul shows the entry at home" \
	bash -c "'$CTL' -s '$TMPD/mnsock' bul --json | grep -q '\"state\":\"home\"'"
check "MN: transport policy OUT HoA->HA installed" out_has_pol "src $HOA/128 dst $HA/128" "$cn"
kill -TERM "$PID"
wait "$PID"
check "MN: SIGTERM removes its policies" test -z "$(ip -n "$cn" xfrm policy)"
check "MN: the HoA is still on the home interface" bash -c "ip -n '$cn' addr show cn0 | grep -q '$HOA/64'"
finish
