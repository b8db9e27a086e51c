#!/bin/bash
# mip6d against the original's failures (reference/anchor-behaviour.md), on
# seed 000's testbed (mip6d_topology.bash), each its own check:
#  a. return home from a foreign link, 3 times in a row (the anchor never
#     completed one): each de-registration is acknowledged, the HA releases
#     the HoA (proxy entry gone), the HoA is back on mh0, CN reaches it;
#  b. with IPsec (static SAs), CN pings the HoA every 50 ms during the first
#     registration (the anchor lost 1 in 4 to a larval SA: MIGRATE failed,
#     BA status 130, the MN gave up): the BUL ends registered, and any
#     failure status is followed by a retry;
#  c. repeated registrations: 10 away/register/home cycles without IPsec,
#     then 10 AR1/AR2 handovers under IPsec, not one failure; counted.
# vm-timeout: 600
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"
. "$SRCDIR/test/vm/scenarios/mip6d_topology.bash"
check modules-ip6_tunnel-bridge-esp6 modules
check topology setup

hoa_on_mh0() { ip -n mn addr show mh0 | grep -q "$HOA/64" && ! ip -n mn link show mip6mn0 2>/dev/null; }
no_proxy() { ! ip -n ha -6 neigh show proxy | grep -q "$HOA"; }
# dereg_acked LOG N: the HA has answered N de-registrations with status 0.
dereg_acked() { [ "$(grep -c "BA status 0 seq [0-9]* lifetime 0 to $HOA" "$1")" -eq "$2" ]; }
failed_bas() { grep -c 'BA status [1-9]' "$1"; }

# --- phase 1: no IPsec --------------------------------------------------------
if check "phase 1: daemons start" start_daemons ""; then
  check "a: MN at home at start" wait_for 5 at_home
  for i in 1 2 3; do
    move mh0 m1
    check "a$i: registered from AR1's link" wait_for 20 registered_at $COA1
    move m1 mh0
    check "a$i: back home: de-registered, bc empty" wait_for 15 at_home
    check "a$i: ... the HA acknowledged de-registration #$i (BA status 0, lifetime 0)" \
      wait_for 5 dereg_acked "$W/ha.log" $i
    check "a$i: HA released the HoA (proxy entry gone)" no_proxy
    check "a$i: HoA back on mh0, tunnel gone" hoa_on_mh0
    check "a$i: CN reaches the HoA at home" wait_for 10 ping_hoa
  done

  ok=0
  for i in $(seq 10); do
    if [ $((i % 2)) -eq 1 ]; then ifn=m1 coa=$COA1; else ifn=m2 coa=$COA2; fi
    move mh0 $ifn
    wait_for 20 registered_at $coa >/dev/null 2>&1 || { echo "c: cycle $i: no registration from $coa"; continue; }
    move $ifn mh0
    wait_for 15 at_home >/dev/null 2>&1 || { echo "c: cycle $i: no de-registration"; continue; }
    ok=$((ok + 1))
  done
  echo "c: away/register/home cycles without IPsec: $ok/10"
  check "c: 10 of 10 away/register/home cycles (no IPsec)" test $ok -eq 10
  check "c: no failure status in any BA (no IPsec)" test "$(failed_bas "$W/mn.log")" -eq 0
  check "phase 1: SIGTERM: both exit 0" stop_daemons
fi

# --- phase 2: IPsec with static keys -----------------------------------------
check "phase 2: static ESP SAs (ip xfrm state)" static_sas
if check "phase 2: daemons start" start_daemons 2; then
  check "b: MN at home at start" wait_for 5 at_home
  ip netns exec cn ping -6 -D -i 0.05 $HOA >"$W/b.ping" 2>&1 & PING=$!
  sleep 1
  tmove=$EPOCHREALTIME
  move mh0 m1
  check "b: first registration under 50 ms CN pings succeeds" wait_for 20 registered_at $COA1
  sleep 2
  kill "$PING" 2>/dev/null; wait "$PING" 2>/dev/null
  nf=$(failed_bas "$W/mn2.log")
  echo "b: BAs with a failure status during the first registration: $nf"
  check "b: BUL still registered 2 s later (mip6d-ctl bul --json)" \
    bash -c "'$CTL' -s /run/mn.sock bul --json | grep -q '\"coa\":\"$COA1\".*\"registered\":true'"
  if [ "$nf" -gt 0 ]; then
    check "b: the MN retried after the failure status (last BA status 0)" \
      bash -c "grep 'BA status' '$W/mn2.log' | tail -1 | grep -q 'BA status 0 '"
  fi
  # Replies stamped after the move came through the tunnel.
  replies_after() { sed -n 's/^\[\([0-9.]*\)\] .*bytes from.*/\1/p' "$W/b.ping" | awk -v t="$tmove" '$1 > t { n++ } END { print n + 0; exit !n }'; }
  check "b: CN's 50 ms pings answered through the tunnel after the move" replies_after
  check "b: no kernel step (policy, MIGRATE, tunnel) failed on the HA" bash -c "! grep 'kernel step' '$W/ha2.log'"

  ok=0 cur=m1
  for i in $(seq 10); do
    if [ $cur = m1 ]; then nxt=m2 coa=$COA2; else nxt=m1 coa=$COA1; fi
    move $cur $nxt
    cur=$nxt
    wait_for 20 registered_at $coa >/dev/null 2>&1 || { echo "c: handover $i: no registration from $coa"; continue; }
    ok=$((ok + 1))
  done
  echo "c: AR1/AR2 handovers under IPsec: $ok/10"
  check "c: 10 of 10 handovers under IPsec registered" test $ok -eq 10
  check "c: CN -> HoA ping after the last handover (ESP tunnel)" wait_for 10 ping_hoa
  check "c: no failure status in any BA of the 10 handovers (IPsec)" test "$(failed_bas "$W/mn2.log")" -eq "$nf"
  move $cur mh0
  check "c: home again: de-registered under IPsec" wait_for 15 at_home
  check "phase 2: SIGTERM: both exit 0" stop_daemons
  check "phase 2: no policy left" \
    bash -c "[ -z \"\$(ip -n ha xfrm policy)\" ] && [ -z \"\$(ip -n mn xfrm policy)\" ]"
fi
echo "BUs sent by the MN: $(grep -c 'BU seq' "$W/mn.log") without IPsec, $(grep -c 'BU seq' "$W/mn2.log") with"
kill "${pids[@]}" 2>/dev/null
finish
