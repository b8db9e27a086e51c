#!/bin/sh
# VM scenario: setkey's migrate command sends SADB_X_MIGRATE with KMADDRESS
# over PF_KEY; the kernel moves the policy and the SA, and a PF_KEY
# listener (setkey -x) sees the kernel's SADB_X_MIGRATE broadcast carrying
# the KMADDRESS and the old/new request pairs.
SETKEY=${SETKEY:-$(command -v setkey || echo "$BUILDDIR/libpfkey/setkey/setkey")}
# iproute2's ip, not a busybox applet of the same name
if [ -z "$IP" ]; then
	for c in /usr/sbin/ip /sbin/ip /usr/bin/ip /bin/ip; do
		[ -x "$c" ] && "$c" xfrm state >/dev/null 2>&1 && { IP=$c; break; }
	done
fi
T=${TMPDIR:-/tmp}/setkey_migrate.$$
mkdir -p "$T"
fails=0
check() { name=$1; shift; if "$@" >/dev/null 2>&1; then echo "PASS: $name"; else echo "FAIL: $name"; fails=$((fails + 1)); fi; }
has() { grep -qF -- "$2" "$1"; }

for m in af_key xfrm_user esp6 xfrm6_tunnel; do modprobe $m 2>/dev/null; done
if ! "$SETKEY" -D >/dev/null 2>&1 || [ -z "$IP" ]; then
	echo "SKIP: $(basename "$0" .sh) (no PF_KEY in this kernel, or no iproute2 ip)"
	exit 0
fi
"$SETKEY" -F; "$SETKEY" -FP

HA=2001:db8:a::1 HOA=2001:db8:a::100 OCOA=2001:db8:e::1 NCOA=2001:db8:f::1
cat > "$T/conf" <<CONF
add $HA $OCOA esp 0x3000 -m tunnel -u 7 -E aes-cbc 0x000102030405060708090a0b0c0d0e0f -A hmac-sha1 0x0001020304050607080900010203040506070809;
spdadd $HA $HOA any -P out ipsec esp/tunnel/$HA-$OCOA/unique:7;
CONF
check setkey_migrate_setup "$SETKEY" -k -f "$T/conf"

"$SETKEY" -x > "$T/x" 2>&1 &
mon=$!
i=0
while [ $i -lt 50 ] && ! grep -q monitoring "$T/x" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done

printf 'migrate %s %s any -P out esp/tunnel/%s-%s/unique:7 %s-%s kmaddress %s %s;\n' \
	$HA $HOA $HA $OCOA $HA $NCOA $HA $NCOA > "$T/mig"
"$SETKEY" -f "$T/mig" > "$T/mig.out" 2>&1; rc=$?
check setkey_migrate_status test "$rc" -eq 0
sleep 1
kill "$mon" 2>/dev/null
wait "$mon" 2>/dev/null

check setkey_migrate_policy_moved sh -c "'$IP' xfrm policy | grep -q 'tmpl src $HA dst $NCOA'"
check setkey_migrate_sa_moved sh -c "'$IP' xfrm state | grep -q 'src $HA dst $NCOA'"
"$SETKEY" -DP > "$T/DP"
check setkey_migrate_DP has "$T/DP" "	esp/tunnel/$HA-$NCOA/unique:7"
"$SETKEY" -D > "$T/D"
check setkey_migrate_D has "$T/D" "$HA $NCOA "

# What the listener saw: our request (promiscuous copy) and the kernel's
# broadcast (seq 0, pid 0), both SADB_X_MIGRATE with KMADDRESS.
check setkey_x_migrate_seen has "$T/x" "type=24(SADB_X_MIGRATE)"
check setkey_x_broadcast_seq0 sh -c "grep -A1 'type=24(SADB_X_MIGRATE)' '$T/x' | grep -q 'seq=0 pid=0'"
check setkey_x_kmaddress has "$T/x" "sadb_x_kmaddress{ reserved=0x00000000 }"
check setkey_x_broadcast_has_kmaddress awk '/^sadb_msg\{/ {b = 0} /seq=0 pid=0/ {b = 1} b && /sadb_x_kmaddress/ {f = 1} END {exit !f}' "$T/x"
check setkey_x_kmaddress_addrs has "$T/x" "  local=$HA remote=$NCOA"
check setkey_x_old_pair has "$T/x" "proto=50 mode=2 level=3 reqid=7 src=$HA dst=$OCOA"
check setkey_x_new_pair has "$T/x" "proto=50 mode=2 level=3 reqid=7 src=$HA dst=$NCOA"
check setkey_x_policy_dir has "$T/x" "sadb_x_policy{ type=2 dir=2 id=0 priority=0 }"

# A migrate the kernel refuses (no such policy) is reported, exit status 1.
printf 'migrate 2001:db8:9::1 2001:db8:9::2 any -P out esp/tunnel/%s-%s/unique:7 %s-%s;\n' \
	$HA $OCOA $HA $NCOA > "$T/bad"
"$SETKEY" -f "$T/bad" > "$T/bad.out" 2>&1; rc=$?
check setkey_migrate_refused_status test "$rc" -ne 0
check setkey_migrate_refused_text grep -q "$T/bad:1:1: migrate: " "$T/bad.out"

"$SETKEY" -F; "$SETKEY" -FP
rm -rf "$T"
[ "$fails" -eq 0 ]
