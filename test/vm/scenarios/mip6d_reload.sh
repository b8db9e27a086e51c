#!/bin/bash
# mip6d's SIGHUP reload with bindings in place, on the Debian kernel and
# seed 000's testbed (mip6d_topology.bash) with IPsec (Mh + TunnelPayload,
# static ESP SAs).  The MN registers from AR1's link; then, on both nodes,
# the TunnelPayload line of the file is changed and SIGHUP sent: the
# binding's tunnel policies take the new reqids in place (same kernel
# index, never deleted: ip xfrm monitor), the transport policies are not
# touched, the binding stays; the line removed, they go; restored, they
# come back with the care-of address and CN reaches the HoA again.  A
# MnHomeLink change is refused by name.
# vm-timeout: 300
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"
. "$SRCDIR/test/vm/scenarios/mip6d_topology.bash"
check modules-ip6_tunnel-bridge-esp6 modules
check topology setup
check "static ESP SAs (ip xfrm state)" static_sas

# The tunnel-mode policy blocks of namespace $1.
tun() {
  ip -n "$1" xfrm policy | awk '/^src /{if (b ~ /mode tunnel/) printf "%s", b; b=""} {b = b $0 "\n"}
    END {if (b ~ /mode tunnel/) printf "%s", b}'
}
tun_idx() { tun "$1" | grep -o 'index [0-9]*' | sort | tr '\n' ' '; }
tun_reqids() { tun "$1" | grep -o 'reqid [0-9]*' | sort -u | tr '\n' ' '; }
mh_idx() { ip -n "$1" xfrm policy | awk '/^src /{p=($0 ~ /proto mobility-header/)} p' | grep -o 'index [0-9]*' | sort | tr '\n' ' '; }
verdicts() { grep -c 'reload: done\|not valid' "$1"; }
hup() { # NS LOGFILE PID: SIGHUP and wait for the verdict
  local n
  n=$(verdicts "$2")
  kill -HUP "$3"
  for _ in $(seq 50); do [ "$(verdicts "$2")" -gt "$n" ] && return 0; sleep 0.1; done
  return 1
}
tp() { # FILE LINE: the TunnelPayload line of FILE becomes LINE (#TP: none)
  sed -i "s/^\t*\(IPsecPolicy TunnelPayload.*\|#TP\)$/$2/" "$1"
}

if check "daemons start" start_daemons 2; then
  move mh0 m1
  check "registered from AR1's link" wait_for 20 registered_at $COA1
  check "CN reaches the HoA" ping_hoa
  HA_TUN=$(tun_idx ha) MN_TUN=$(tun_idx mn) HA_MH=$(mh_idx ha) MN_MH=$(mh_idx mn)
  check "HA: 3 tunnel policies (in, fwd, out)" test "$(tun ha | grep -c '^src ')" -eq 3
  check "MN: 2 tunnel policies (out, in)" test "$(tun mn | grep -c '^src ')" -eq 2
  ip -n ha xfrm monitor policy >"$W/ha.mon" 2>&1 & MON1=$!
  ip -n mn xfrm monitor policy >"$W/mn.mon" 2>&1 & MON2=$!
  sleep 0.3

  tp "$W/ha2.conf" "IPsecPolicy TunnelPayload UseESP 7 8;"
  tp "$W/mn2.conf" "IPsecPolicy TunnelPayload UseESP 7 8;"
  check "HA: SIGHUP applied" hup ha "$W/ha2.log" "$HAPID"
  check "MN: SIGHUP applied" hup mn "$W/mn2.log" "$MNPID"
  check "HA: 3 tunnel policies replaced (per binding 3 put, 0 removed)" \
    grep -q 'per binding 3 put, 0 removed, 0 failed' "$W/ha2.log"
  check "MN: 2 tunnel policies replaced" grep -q 'per binding 2 put, 0 removed, 0 failed' "$W/mn2.log"
  check "HA: tunnel policies carry reqids 7 and 8" test "$(tun_reqids ha)" = "reqid 7 reqid 8 "
  check "MN: tunnel policies carry reqids 7 and 8" test "$(tun_reqids mn)" = "reqid 7 reqid 8 "
  check "HA: ... in place (same kernel indexes)" test "$(tun_idx ha)" = "$HA_TUN"
  check "MN: ... in place (same kernel indexes)" test "$(tun_idx mn)" = "$MN_TUN"
  check "HA: transport (MH) policies untouched" test "$(mh_idx ha)" = "$HA_MH"
  check "MN: transport (MH) policies untouched" test "$(mh_idx mn)" = "$MN_MH"
  check "no policy deleted on either node" bash -c "! grep -q '^Deleted' '$W/ha.mon' '$W/mn.mon'"
  check "the binding stays" registered_at $COA1

  tp "$W/ha2.conf" "#TP"
  tp "$W/mn2.conf" "#TP"
  check "HA: SIGHUP without TunnelPayload" hup ha "$W/ha2.log" "$HAPID"
  check "MN: SIGHUP without TunnelPayload" hup mn "$W/mn2.log" "$MNPID"
  check "HA: tunnel policies removed" test -z "$(tun ha)"
  check "MN: tunnel policies removed" test -z "$(tun mn)"
  check "HA: transport policies still untouched" test "$(mh_idx ha)" = "$HA_MH"

  tp "$W/ha2.conf" "IPsecPolicy TunnelPayload UseESP;"
  tp "$W/mn2.conf" "IPsecPolicy TunnelPayload UseESP;"
  check "HA: SIGHUP with TunnelPayload back" hup ha "$W/ha2.log" "$HAPID"
  check "MN: SIGHUP with TunnelPayload back" hup mn "$W/mn2.log" "$MNPID"
  check "HA: tunnel policies back, towards CoA1" bash -c "[ \$(ip -n ha xfrm policy | grep -c 'tmpl src $HA dst $COA1\|tmpl src $COA1 dst $HA') -eq 3 ]"
  check "MN: tunnel policies back, from CoA1" bash -c "[ \$(ip -n mn xfrm policy | grep -c 'tmpl src $HA dst $COA1\|tmpl src $COA1 dst $HA') -eq 2 ]"
  check "CN reaches the HoA again" ping_hoa

  sed -i "/^MnHomeLink/,/^}/ s|HomeAddress $HOA/64;|HomeAddress 2001:db8:ffff::9/64;|" "$W/mn2.conf"
  check "MN: SIGHUP with another home address" hup mn "$W/mn2.log" "$MNPID"
  check "MN: MnHomeLink change refused by name" grep -q 'reload: MnHomeLink changed: refused' "$W/mn2.log"
  check "MN: still registered with its HoA" registered_at $COA1
  kill "$MON1" "$MON2" 2>/dev/null
  check "SIGTERM: both exit 0" stop_daemons
  check "no policy left on either node" \
    bash -c "[ -z \"\$(ip -n ha xfrm policy)\" ] && [ -z \"\$(ip -n mn xfrm policy)\" ]"
fi
kill "${pids[@]}" 2>/dev/null
finish
