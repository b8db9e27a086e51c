#!/bin/bash
# Dynamic keying: mip6d and racoond together on both nodes, with seed 000's
# mip6d.conf and racoon.conf of the HA and the MN, on the anchor's testbed
# (test/vm/scenarios/mip6d_topology.bash: HA and CN on the home link
# 2001:db8:ffff::/64, AR1/AR2 with RAs, MN HoA 2001:db8:ffff::1).  The
# files are the seed's except for what this machine needs: interface names,
# file paths in a temporary directory, a pid file and admin socket per
# racoond (two on one machine), and the HA mip6d.conf's missing `;` added
# (mip6d refuses the file as written, as UMIP did; checked).  The MN
# racoon.conf's `;` before a sainfo's `{` and the backslash-newlines in the
# DNs stay: racoond reads them (racoon.conf(5)).  Certificates are made at
# test time with seed-style DNs (test/interop/mkcerts.sh, the committed
# keys of test/interop/keys).
#   attach   AR1: the MN's first BU makes the kernel ACQUIRE, racoond (MN)
#            runs Main Mode CoA1 -> HA and Quick Mode HoA <-> HA proto 135
#            transport (support_proxy); mip6d resends the BU on the SA's
#            XFRM event; BU/BA under ESP; binding cache; CN -> HoA ping
#            through the ESP tunnel SA CoA1 <-> HA.
#   handover AR1 -> AR2 (then two more, for figures): MIGRATE moves both
#            racoonds' Phase 1 (no new one), the tunnel SAs move, the ping
#            comes back.
#   passive  the HA's tunnel SAs are deleted (its racoond tells the MN's)
#            while only the CN pings the MN: the HA's racoond, `passive on`,
#            runs Quick Mode over the existing Phase 1 (the anchor could not).
#   larval   the same with the HA's racoond stopped, so that the HA's kernel
#            holds a larval SA for CoA2, then a handover to CoA1: registered
#            with status 0 (the anchor answered 130 and the MN gave up); the
#            ping comes back once the HA's racoond runs again.
#   home     the de-registration goes under ESP; SIGTERM cleans up.
# Prints the figures (not pass/fail): link up -> first reply, handover
# outages, with ping6 CN -> HoA every 50 ms, beside the anchor's.
#   test/vm/run test/vm/scenarios/mip6d_racoond.sh [HANDOVERS]  (odd, default 3)
# vm-timeout: 480
# vm-host-root: yes
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"
. "$SRCDIR/test/interop/racoond.sh"
. "$SRCDIR/test/vm/scenarios/mip6d_topology.bash"

RACOOND=$BUILDDIR/racoond/racoond
RCTL=$BUILDDIR/racoond/ctl/racoonctl
D=$W/dk
rm -rf "$D"
mkdir -p "$D/ha/racoon.conf.d" "$D/mn"

stop_racoond() { racoond_stop "$D/$1"; }   # NODE
cleanup() {
  kill "${pids[@]}" "$PING" "$HAPID" "$MNPID" 2>/dev/null
  stop_racoond mn; stop_racoond ha
  vm_cleanup
}
trap cleanup EXIT

mods() { modules && modprobe -a af_key xfrm_user esp6; }
check modules mods
# The first ESP SA loads cbc(aes) and hmac(sha1) (about 2 s under TCG):
# done here so that the attach figure measures the daemons.
warm_crypto() {
  ip xfrm state add src 2001:db8::1 dst 2001:db8::2 proto esp spi 0x100 mode transport \
    enc 'cbc(aes)' 0x00112233445566778899aabbccddeeff \
    auth-trunc 'hmac(sha1)' 0x0123456789abcdef0123456789abcdef01234567 96 &&
  ip xfrm state flush
}
check crypto-warmup warm_crypto
check topology setup
check certificates host_run bash "$SRCDIR/test/interop/mkcerts.sh" \
  --keys "$SRCDIR/test/interop/keys" "$D/certs"

# --- seed 000's files --------------------------------------------------------
cat >"$W/hadk.conf" <<'CONF'
# Sample UMIP configuration file for a MIPv6 Home Agent
NodeConfig HA;
# Set DebugLevel to 0 if you do not want debug messages
DebugLevel 10;
# Replace eth0 with the interface connected to the home link
Interface "home0";
# Binding information
BindingAclPolicy 2001:db8:ffff:0::1 allow;
DefaultBindingAclPolicy deny;
# Enable IPsec static keying
UseMnHaIPsec enabled;
KeyMngMobCapability enabled; ## DYNAMIC KEYING ##
# IPsec Security Policies information
IPsecPolicySet {
HomeAgentAddress 2001:db8:ffff:0::1000;
HomeAddress 2001:db8:ffff:0::1/64;
IPsecPolicy Mh UseESP; ## DYNAMIC KEYING ##
IPsecPolicy TunnelPayload UseESP; ## DYNAMIC KEYING ##
}
CONF
# The seed's interfaces are eth0 (home) and wlan0; here mh0 is the home
# link and m1, m2 the links of AR1 and AR2.
cat >"$W/mndk.conf" <<'CONF'
# Sample UMIP configuration file for a MIPv6 Mobile Node
NodeConfig MN;
# Set DebugLevel to 0 if you do not want debug messages
DebugLevel 10;
# Enable the optimistic handovers
OptimisticHandoff enabled;
# Disable RO with other MNs (it is not compatible
# with IPsec Tunnel Payload)
DoRouteOptimizationMN disabled;
# The Binding Lifetime (in sec.)
MnMaxHaBindingLife 60;
# List here the interfaces that you will use
# on your mobile node. The available one with
# the smallest preference number will be used.
Interface "mh0" {
MnIfPreference 1;
}
Interface "m1" {
MnIfPreference 2;
}
Interface "m2" {
MnIfPreference 3;
}
# Replace eth0 with one of your interface used on
# your mobile node
MnHomeLink "mh0" {
HomeAgentAddress 2001:db8:ffff:0::1000;
HomeAddress 2001:db8:ffff:0::1/64;
}
# Enable IPsec static keying
UseMnHaIPsec enabled;
KeyMngMobCapability enabled; ## DYNAMIC KEYING ##
# IPsec Security Policies information
IPsecPolicySet {
HomeAgentAddress 2001:db8:ffff:0::1000;
HomeAddress 2001:db8:ffff:0::1/64 ;
IPsecPolicy Mh UseESP; ## DYNAMIC KEYING ##
IPsecPolicy TunnelPayload UseESP; ## DYNAMIC KEYING ##
}
CONF

cat >"$D/ha/racoon.conf" <<CONF
path certificate "$D/certs/ha/racoon/";
path script "$D/ha/scripts";
path backupsa "$D/ha/racoon_sa_dump.log";
path pidfile "$D/ha/racoon.pid";
#log debug2;
#privsep {} will be seen later.
timer {
# All timers are set to their default values.
counter 5;
interval 10 secs;
persend 1;
phase1 30 secs;
phase2 20 secs;
#natt_keepalive 20 secs;
}
listen {
adminsock "/run/racoon-ha.sock";
}
gss_id_enc utf-16le ;
remote anonymous {
exchange_mode main;
doi ipsec_doi;
situation identity_only;
my_identifier asn1dn ;
peers_identifier asn1dn "C=FR, ST=FRANCE, O=NATISBAD, \\
OU=IPsec Services, CN=*, emailAddress=*";
verify_identifier on;
certificate_type x509 "ha.crt" "ha.key";
ca_type x509 "ca_ipsec-crt.pem";
verify_cert on;
lifetime time 24 hour;
ike_frag on;
# esp_frag fraglen;
initial_contact on;
passive on;
proposal_check obey;
support_proxy on;
nonce_size 16;
proposal {
encryption_algorithm aes; # only for Oakley
hash_algorithm sha1;
authentication_method rsasig;
dh_group modp2048;
lifetime time 4 hours ;
}
}
padding {
randomize off;
randomize_length on ; # set it in the future
maximum_length 20 ; # set it in the future
exclusive_tail off ;
strict_check off;
}
include "$D/ha/racoon.conf.d/one.user.racoon.conf";
#include "/etc/racoon/racoon.conf.d/another.user.conf";
CONF
cat >"$D/ha/racoon.conf.d/one.user.racoon.conf" <<'CONF'
sainfo address 2001:db8:ffff:0::1000[0] 135
address 2001:db8:ffff:0::1[0] 135
from asn1dn "C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, \
CN=arno, emailAddress=arno@natisbad.org"
{
pfs_group modp2048;
lifetime time 4 hours;
encryption_algorithm aes 128;
authentication_algorithm hmac_sha1;
compression_algorithm deflate;
}
sainfo subnet ::/0[0] 0
address 2001:db8:ffff:0::1[0] 0
from asn1dn "C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, \
CN=arno, emailAddress=arno@natisbad.org"
{
pfs_group modp2048;
lifetime time 4 hours;
encryption_algorithm aes 128;
authentication_algorithm hmac_sha1;
compression_algorithm deflate;
}
CONF
cat >"$D/mn/racoon.conf" <<CONF
path certificate "$D/certs/mn/racoon/";
path script "$D/mn/scripts";
path backupsa "$D/mn/racoon_sa_dump.log";
path pidfile "$D/mn/racoon.pid";
gss_id_enc utf-16le ;
timer {
# All timers are set to their default values.
counter 5;
interval 5 secs;
persend 1;
phase1 300 secs;
phase2 600 secs;
#natt_keepalive 20 secs;
}
listen {
adminsock "/run/racoon-mn.sock";
}
remote 2001:db8:ffff:0::1000
{
exchange_mode main;
doi ipsec_doi;
situation identity_only;
my_identifier asn1dn ;
peers_identifier asn1dn "C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, \\
CN=ha1, emailAddress=arno@natisbad.org";
certificate_type x509 "arno-crt.pem" "arno.key";
ca_type x509 "ca_ipsec-crt.pem";
verify_identifier on;
verify_cert on;
lifetime time 24 hour;
ike_frag on;
initial_contact on;
passive off;
proposal_check obey;
support_proxy on;
generate_policy off;
nonce_size 16;
proposal {
encryption_algorithm aes ;
hash_algorithm sha1;
authentication_method rsasig;
dh_group modp2048;
lifetime time 4 hours ;
}
}
sainfo address 2001:db8:ffff:0::1[0] 135
address 2001:db8:ffff:0::1000[0] 135
from asn1dn "C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, \\
CN=ha1, emailAddress=arno@natisbad.org";
{
pfs_group modp2048;
lifetime time 2 hours;
encryption_algorithm aes 128;
authentication_algorithm hmac_sha1;
compression_algorithm deflate;
}
sainfo address 2001:db8:ffff:0::1[0] 0
subnet ::/0[0] 0
from asn1dn "C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services, \\
CN=ha1, emailAddress=arno@natisbad.org";
{
pfs_group modp2048;
lifetime time 2 hours;
encryption_algorithm aes 128;
authentication_algorithm hmac_sha1;
compression_algorithm deflate;
}
padding {
randomize off;
randomize_length on;
maximum_length 20;
exclusive_tail off;
strict_check off;
}
CONF

# The seed's HA file as written lacks the `;` after HomeAgentAddress:
# refused, with the line where it belongs.
seed_typo() {
  local out
  sed 's/^HomeAgentAddress 2001:db8:ffff:0::1000;$/HomeAgentAddress 2001:db8:ffff:0::1000/' \
    "$W/hadk.conf" >"$D/ha-as-written.conf"
  if out=$("$MIP6D" -t --offline -c "$D/ha-as-written.conf" 2>&1); then return 1; fi
  echo "$out"
  grep -q 'ha-as-written.conf:15:' <<<"$out"
}
check "config: seed HA mip6d.conf as written is refused at line 15 (missing ;)" seed_typo
check "config: mip6d -t, HA (seed file, ; added)" ip netns exec ha "$MIP6D" -t -c "$W/hadk.conf"
check "config: mip6d -t, MN (seed file)" ip netns exec mn "$MIP6D" -t -c "$W/mndk.conf"
check "config: racoond -t, HA (seed files)" "$RACOOND" -t -f "$D/ha/racoon.conf"
check "config: racoond -t, MN (seed file)" "$RACOOND" -t -f "$D/mn/racoon.conf"

# --- helpers -----------------------------------------------------------------
start_racoond() {   # NODE: forks once ready
  ASAN_OPTIONS=log_path=$D/$1/asan ip netns exec "$1" "$RACOOND" -f "$D/$1/racoon.conf" -d \
    -l "$D/$1/racoond.log"
}
# (Sockets in /run: VM_RESULTS is a 9p share, which holds no sockets.)
rctl() { "$RCTL" -s "/run/racoon-$1.sock" "${@:2}"; }
# An established Phase 1 LOCAL <-> REMOTE in NODE's racoond.
isakmp_at() {   # NODE LOCAL REMOTE
  local out
  out=$(rctl "$1" show-sa isakmp) || return 1
  echo "$out"
  grep -Eq "^$2\.500 +$3\.500 +[0-9a-f]{16}:[0-9a-f]{16} +EST" <<<"$out"
}
n_log() { grep -c -- "$2" "$D/$1/racoond.log"; }
# Packets counted by the ESP SAs SRC -> DST of NS.
esp_pkts() {   # NS SRC DST
  ip -n "$1" -s xfrm state list src "$2" dst "$3" proto esp |
    sed -n 's/.* \([0-9][0-9]*\)(packets).*/\1/p' | awk '{ s += $1 } END { print s + 0 }'
}
esp_grew() {   # NS SRC DST BEFORE
  local n
  n=$(esp_pkts "$1" "$2" "$3")
  echo "ESP $2 -> $3 in $1: $4 -> $n packets"
  [ "$n" -gt "$4" ]
}
esp_mode() {   # NS SRC DST MODE: an ESP SA SRC -> DST in MODE
  ip -n "$1" xfrm state list src "$2" dst "$3" proto esp | grep -q "mode $4"
}
now() { echo "$EPOCHREALTIME"; }
reply_times() { sed -n 's/^\[\([0-9.]*\)\] .*bytes from.*/\1/p' "$D/ping.log"; }
reply_after() {   # T: a reply stamped after T
  reply_times | awk -v t="$1" '$1 > t { f = 1 } END { exit !f }'
}
first_after() {   # T: seconds from T to the first reply after it that ends a gap
  reply_times | awk -v t="$1" '$1 > t && $1 - p > 0.15 { printf "%.2f\n", $1 - t; f = 1; exit }
    { p = $1 } END { if (!f) print "none" }'
}
outage() {   # FROM TO: largest gap between replies, the later in (FROM, TO)
  reply_times | awk -v a="$1" -v b="$2" '
    p != "" && $1 > a && $1 < b { if ($1 - p > g) g = $1 - p; f = 1 }
    { p = $1 }
    END { if (f) printf "%.2f\n", g; else print "none" }'
}
# Seconds from mip6d's (MN) "movement: care-of address COA" after T to the
# next reply: the part of an outage that is not movement detection (log
# times and ping's are both UTC; seconds of the day).
coa_to_reply() {   # T COA
  local m
  m=$(grep "movement: care-of address $2\$" "$W/mndk.log" |
    awk -v t="$1" '{ split($2, a, ":"); s = a[1] * 3600 + a[2] * 60 + a[3] }
      s > t % 86400 { print s; exit }')
  [ -n "$m" ] || { echo none; return; }
  reply_times | awk -v m="$m" '$1 % 86400 > m { printf "%.2f\n", $1 % 86400 - m; f = 1; exit }
    END { if (!f) print "none" }'
}
# "P1 ms + QM ms" of the first negotiation in the MN's racoond log.
ike_ms() {
  awk '
    function ms(t,   a) { split(t, a, /[:.]/); return ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000 + a[4] }
    / km: ACQUIRE / && s == "" { s = ms($2) }
    /ISAKMP-SA established/ && s != "" && p == "" { p = ms($2) }
    /IPsec-SA established/ && p != "" && q == "" { q = ms($2) }
    END { if (q == "") exit 1; printf "ACQUIRE -> Phase 1 %d ms, -> Quick Mode %d ms\n", p - s, q - p }' \
    "$D/mn/racoond.log"
}

# --- start: racoond, then mip6d (the seed's order) ----------------------------
check "start: racoond HA" start_racoond ha
check "start: racoond MN" start_racoond mn
check "start: mip6d HA and MN" start_daemons dk
[ "$vm_fail" -eq 0 ] || finish
check "start: MN at home" wait_for 10 at_home
mh_policy() {
  ip -n mn xfrm policy list src "$HOA/128" dst "$HA/128" proto 135 dir out
  ip -n mn xfrm policy list src "$HOA/128" dst "$HA/128" proto 135 dir out |
    grep -q 'proto esp reqid 0 mode transport'
}
check "start: mip6d's MH policy HoA -> HA (proto 135, ESP transport, reqid 0)" mh_policy
ip netns exec cn ping -6 -D -i 0.05 "$HOA" >"$D/ping.log" 2>&1 & PING=$!
check "start: CN -> HoA ping at home" wait_for 5 reply_after 0

# --- attach to AR1: bootstrap -------------------------------------------------
ip -n mn link set mh0 down
T_ATTACH=$(now)
ip -n mn link set m1 up
check "attach: registered from CoA1, bc on the HA" wait_for 40 registered_at "$COA1"
check "attach: MN's racoond got an ACQUIRE for the MH policy (proto 135)" \
  grep -Eq "ACQUIRE policy $HOA/128[^ ]* $HA/128[^ ]* 135 dir out" "$D/mn/racoond.log"
check "attach: MN's Phase 1 CoA1 -> HA established" isakmp_at mn "$COA1" "$HA"
check "attach: HA's Phase 1 HA <-> CoA1 established (responder)" isakmp_at ha "$HA" "$COA1"
check "attach: Quick Mode HoA <-> HA transport SAs on the MN" bash -c \
  "$(declare -f esp_mode); esp_mode mn $HOA $HA transport && esp_mode mn $HA $HOA transport"
check "attach: ... and on the HA" bash -c \
  "$(declare -f esp_mode); esp_mode ha $HOA $HA transport && esp_mode ha $HA $HOA transport"
check "attach: mip6d (MN) resent the BU on the SA's XFRM event" \
  grep -q "SA towards the HA installed: BU sent again" "$W/mndk.log"
check "attach: BU under ESP (HA's SA HoA -> HA counted packets)" esp_grew ha "$HOA" "$HA" 0
check "attach: BA under ESP (MN's SA HA -> HoA counted packets)" esp_grew mn "$HA" "$HOA" 0
check "attach: CN -> HoA ping comes back" wait_for 30 reply_after "$T_ATTACH"
check "attach: ... through the ESP tunnel SA HA -> CoA1" esp_grew ha "$HA" "$COA1" 0
check "attach: ... and CoA1 -> HA" esp_grew ha "$COA1" "$HA" 0
ATTACH=$(first_after "$T_ATTACH")
ATTACH_COA=$(coa_to_reply "$T_ATTACH" "$COA1")
IKE=$(ike_ms) || IKE="?"
sleep 2

# --- handovers ----------------------------------------------------------------
OUTAGES=() AFTER_COA=()
handover() {   # FROM TO COA PHASE
  local t
  ip -n mn link set "$1" down
  t=$(now)
  ip -n mn link set "$2" up
  check "$4: registered from the new CoA" wait_for 20 registered_at "$3"
  check "$4: CN -> HoA ping comes back" wait_for 20 reply_after "$t"
  sleep 2
  OUTAGES+=("$(outage "$t" "$(now)")")
  AFTER_COA+=("$(coa_to_reply "$t" "$3")")
}
handover m1 m2 "$COA2" "handover 1 (AR1 -> AR2)"
check "handover 1: MN's Phase 1 moved to CoA2 -> HA" isakmp_at mn "$COA2" "$HA"
check "handover 1: HA's Phase 1 moved to HA <-> CoA2" isakmp_at ha "$HA" "$COA2"
check "handover 1: no new Phase 1 (one ISAKMP-SA established on each side)" bash -c \
  "[ \$(grep -c 'ISAKMP-SA established' $D/mn/racoond.log) -eq 1 ] &&
   [ \$(grep -c 'ISAKMP-SA established' $D/ha/racoond.log) -eq 1 ]"
check "handover 1: tunnel SAs moved to CoA2 on the HA" bash -c \
  "$(declare -f esp_mode); esp_mode ha $COA2 $HA tunnel && esp_mode ha $HA $COA2 tunnel"
check "handover 1: ... and on the MN" bash -c \
  "$(declare -f esp_mode); esp_mode mn $COA2 $HA tunnel && esp_mode mn $HA $COA2 tunnel"
check "handover 1: ping under ESP tunnel SA HA -> CoA2" esp_grew ha "$HA" "$COA2" 0
# More handovers for the figures (the first argument: the number of
# handovers, 3 by default; test/bench/mip6d_racoond_vm.sh asks for more),
# ending on AR2's link.
NH=${1:-3}
[ $((NH % 2)) -eq 1 ] || NH=$((NH + 1))
for i in $(seq 2 2 "$NH"); do
  handover m2 m1 "$COA1" "handover $i (AR2 -> AR1)"
  handover m1 m2 "$COA2" "handover $((i + 1)) (AR1 -> AR2)"
done
check "handovers: still one Phase 1 on each side" bash -c \
  "[ \$(grep -c 'ISAKMP-SA established' $D/mn/racoond.log) -eq 1 ] &&
   [ \$(grep -c 'ISAKMP-SA established' $D/ha/racoond.log) -eq 1 ]"

# --- the passive HA renegotiates a lost tunnel SA ----------------------------
P2_HA=$(n_log ha 'IPsec-SA established')
# One ip process deletes the four tunnel SAs by SPI: a second one could
# catch the larval SA of the renegotiation that the first deletion starts.
lose_tunnel_sas() {
  local s a b
  for a in "$HA $COA2" "$COA2 $HA"; do
    read -r a b <<<"$a"
    for s in $(ip -n ha xfrm state list src "$a" dst "$b" proto esp | sed -n 's/.* spi \(0x[0-9a-f]*\) .*/\1/p'); do
      echo "xfrm state delete src $a dst $b proto esp spi $s"
    done
  done >"$D/lose.batch"
  cat "$D/lose.batch"
  [ "$(wc -l <"$D/lose.batch")" -ge 2 ] && ip -n ha -batch "$D/lose.batch"
}
check "passive: the HA's two tunnel SAs deleted (ip xfrm state delete)" lose_tunnel_sas
T_LOST=$(now)
check "passive: CN -> HoA ping comes back" wait_for 40 reply_after "$T_LOST"
check "passive: the HA's racoond negotiated (ACQUIRE HA -> CoA2, Quick Mode)" bash -c \
  "[ \$(grep -c 'IPsec-SA established' $D/ha/racoond.log) -gt $P2_HA ] &&
   grep -q 'km: ACQUIRE seq [0-9]* $HA -> $COA2' $D/ha/racoond.log"
check "passive: over the existing Phase 1 (still one ISAKMP-SA established each)" bash -c \
  "[ \$(grep -c 'ISAKMP-SA established' $D/mn/racoond.log) -eq 1 ] &&
   [ \$(grep -c 'ISAKMP-SA established' $D/ha/racoond.log) -eq 1 ]"
check "passive: no 'no configuration found' nor passive refusal on the HA" bash -c \
  "! grep -E 'no configuration found|passive remote' $D/ha/racoond.log"
PASSIVE=$(first_after "$T_LOST")

# --- a handover while the HA holds a larval SA for the old CoA -----------------
# The anchor's registration lost to status 130.  The HA's racoond is
# stopped, its tunnel SAs are deleted again, and the CN's ping makes the
# kernel hold a larval state HA -> CoA2 (the ACQUIRE waits in racoond's
# socket); then the MN moves to CoA1.  The HA's tunnel MIGRATE meets the
# larval state (the kernel refuses it, ENODATA); the binding must still be
# accepted, and once racoond runs again it negotiates the tunnel to CoA1.
HARC=$(cat "$D/ha/racoon.pid")
kill -STOP "$HARC"
check "larval: the HA's two tunnel SAs deleted again (HA's racoond stopped)" lose_tunnel_sas
larval_state() {
  ip -n ha xfrm state list src "$HA" dst "$COA2" proto esp | grep -q 'spi 0x00000000'
}
check "larval: the CN's ping left a larval state HA -> CoA2" wait_for 10 larval_state
ip -n mn link set m2 down
ip -n mn link set m1 up
check "larval: handover to CoA1 registered (BA status 0)" wait_for 20 registered_at "$COA1"
check "larval: the HA never answered status 130" bash -c "! grep 'BA status 130' '$W/hadk.log'"
grep -E "kernel step [0-9]+ failed" "$W/hadk.log" | sed 's/^.*: WARN/larval: HA: WARN/'
kill -CONT "$HARC"
T_CONT=$(now)
check "larval: CN -> HoA ping comes back once the HA's racoond runs again" \
  wait_for 60 reply_after "$T_CONT"
check "larval: ... under a tunnel SA HA -> CoA1 negotiated by the HA" bash -c \
  "grep -q 'ISAKMP-SA 1 moved to $HA <-> $COA1' $D/ha/racoond.log &&
   [ \$(grep -c 'ISAKMP-SA established' $D/ha/racoond.log) -eq 1 ]"
LARVAL=$(first_after "$T_CONT")

# --- return home -------------------------------------------------------------
BU_ESP=$(esp_pkts ha "$HOA" "$HA")
T_HOME=$(now)
move m1 mh0
check "home: de-registered, bc empty" wait_for 15 at_home
check "home: ... by the HA's BA to the de-registration" \
  grep -q "BA status 0 seq [0-9]* lifetime 0 to $HOA" "$W/hadk.log"
check "home: the de-registration BU went under ESP" esp_grew ha "$HOA" "$HA" "$BU_ESP"
check "home: CN -> HoA ping at home" wait_for 10 reply_after "$T_HOME"

# --- what the logs must not hold ----------------------------------------------
check "logs: mip6d logged no ACQUIRE" bash -c "! grep -i acquire '$W/hadk.log' '$W/mndk.log'"
check "logs: no racoond error" bash -c "! grep -E ' (error|ERROR|err):' $D/ha/racoond.log $D/mn/racoond.log"

kill "$PING" 2>/dev/null
check "stop: mip6d SIGTERM, both exit 0" stop_daemons
check "stop: racoond SIGTERM (HA, MN)" bash -c "$(declare -f racoond_stop stop_racoond); D=$D; stop_racoond mn && stop_racoond ha"
# (The kernel's own larval states, SPI 0, live their 30 s.)
left() {
  local out
  out=$(ip -n ha xfrm policy; ip -n mn xfrm policy
        ip -n ha xfrm state list proto esp | grep -A1 '^src' | grep -B1 'spi 0x[0-9a-f]*[1-9a-f]'
        ip -n mn xfrm state list proto esp | grep -A1 '^src' | grep -B1 'spi 0x[0-9a-f]*[1-9a-f]')
  echo "$out"
  [ -z "$out" ]
}
check "stop: no policy nor ESP SA left (but larval ones)" left
check "stop: no ASan report" bash -c "! ls $D/*/asan.* 2>/dev/null || { cat $D/*/asan.*; false; }"

echo "mip6d + racoond, dynamic keying (TCG VM, RAs 0.5-1.5 s, ping6 CN -> HoA every 50 ms):"
echo "  first attach, link up -> first reply: ${ATTACH} s   (anchor 14.5-15.0 s)"
echo "  ... of which care-of address seen by mip6d -> first reply: ${ATTACH_COA} s"
echo "  handover outages: ${OUTAGES[*]} s   (anchor 0.91-1.33 s)"
echo "  ... of which care-of address seen by mip6d -> first reply: ${AFTER_COA[*]} s"
echo "  lost tunnel SA, HA renegotiates: deletion -> first reply ${PASSIVE} s   (anchor: never)"
echo "  larval SA at a handover, HA's racoond resumed -> first reply: ${LARVAL} s"
echo "  MN's racoond at the attach: $IKE"
[ -z "${VM_RESULTS:-}" ] || cp "$D"/*/racoond.log "$W/" 2>/dev/null
finish
