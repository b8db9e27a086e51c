#!/bin/sh
# VM scenario: setkey over PF_KEY installs ESP SAs and policies; setkey -D
# and -DP show them in ipsec-tools' layout, and `ip xfrm` (netlink) sees the
# same SAD and SPD.  Also: get/delete/deleteall/spddelete, errors naming
# file:line:column with the kernel's reason, and --keep-going.
SETKEY=${SETKEY:-$(command -v setkey || echo "$BUILDDIR/libpfkey/setkey/setkey")}
# iproute2's ip, not a busybox applet of the same name
if [ -z "$IP" ]; then
	for c in /usr/sbin/ip /sbin/ip /usr/bin/ip /bin/ip; do
		[ -x "$c" ] && "$c" xfrm state >/dev/null 2>&1 && { IP=$c; break; }
	done
fi
T=${TMPDIR:-/tmp}/pfkey_sa_spd.$$
mkdir -p "$T"
fails=0
check() { name=$1; shift; if "$@" >/dev/null 2>&1; then echo "PASS: $name"; else echo "FAIL: $name"; fails=$((fails + 1)); fi; }
has() { grep -qF -- "$2" "$1"; }

for m in af_key xfrm_user esp4 esp6 xfrm4_tunnel xfrm6_tunnel; do modprobe $m 2>/dev/null; done
if ! "$SETKEY" -D >/dev/null 2>&1 || [ -z "$IP" ]; then
	echo "SKIP: $(basename "$0" .sh) (no PF_KEY in this kernel, or no iproute2 ip)"
	exit 0
fi
check pfkey_setkey_flush "$SETKEY" -F
check pfkey_setkey_flush_spd "$SETKEY" -FP

cat > "$T/conf" <<'CONF'
# two ESP SAs in transport mode, one IPv6 tunnel SA, policies for both
add 192.0.2.1 192.0.2.2 esp 0x1000 -m transport -r 4 -lh 3600 -ls 2880
	-E aes-cbc 0x00112233445566778899aabbccddeeff
	-A hmac-sha1 0x0011223344556677889900112233445566778899;
add 192.0.2.2 192.0.2.1 esp 0x1001 -m transport
	-E 3des-cbc "123456789012345678901234" -A hmac-sha256 0x000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f;
add 2001:db8::1 2001:db8::2 esp 0x2000 -m tunnel -u 7
	-E rijndael-cbc 0x000102030405060708090a0b0c0d0e0f -A hmac-sha512 0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff;
spdadd 192.0.2.1 192.0.2.2 any -P out ipsec esp/transport//require;
spdadd 192.0.2.2 192.0.2.1 any -P in ipsec esp/transport//require;
spdadd 2001:db8:1::/64[any] 2001:db8:2::/64[80] tcp -P out prio def + 10 ipsec esp/tunnel/2001:db8::1-2001:db8::2/unique:7;
CONF
check pfkey_setkey_f "$SETKEY" -f "$T/conf"

"$SETKEY" -D > "$T/D" 2>&1
check pfkey_D_header_v4 has "$T/D" "192.0.2.1 192.0.2.2 "
check pfkey_D_line2 has "$T/D" "	esp mode=transport spi=4096(0x00001000) reqid=0(0x00000000)"
check pfkey_D_enc_key has "$T/D" "	E: aes-cbc  00112233 44556677 8899aabb ccddeeff"
check pfkey_D_auth_key has "$T/D" "	A: hmac-sha1  00112233 44556677 88990011 22334455 66778899"
check pfkey_D_3des has "$T/D" "	E: 3des-cbc  31323334 35363738 39303132 33343536 37383930 31323334"
check pfkey_D_state has "$T/D" "	seq=0x00000000 replay=4 flags=0x00000000 state=mature "
check pfkey_D_lifetimes has "$T/D" "	diff: "
check pfkey_D_hard_soft grep -q "hard: 3600(s)	soft: 2880(s)" "$T/D"
check pfkey_D_tunnel6 has "$T/D" "	esp mode=tunnel spi=8192(0x00002000) reqid=7(0x00000007)"
check pfkey_D_sha512_wraps grep -q "^ 00112233 44556677 8899aabb ccddeeff 00112233 44556677 8899aabb ccddeeff$" "$T/D"
check pfkey_D_sadb_seq grep -q "^	sadb_seq=[0-9]* pid=[0-9]* refcnt=[0-9]*$" "$T/D"

"$SETKEY" -DP > "$T/DP" 2>&1
check pfkey_DP_sel has "$T/DP" "192.0.2.1[any] 192.0.2.2[any] 255"
check pfkey_DP_dir has "$T/DP" "	out prio def ipsec"
check pfkey_DP_req has "$T/DP" "	esp/transport//require"
check pfkey_DP_fwd_copy has "$T/DP" "	fwd prio def ipsec"
check pfkey_DP_v6_sel has "$T/DP" "2001:db8:1::/64[any] 2001:db8:2::/64[80] tcp"
check pfkey_DP_v6_prio has "$T/DP" "	out prio def + 10 ipsec"
check pfkey_DP_v6_req has "$T/DP" "	esp/tunnel/2001:db8::1-2001:db8::2/unique:7"
check pfkey_DP_spid grep -q "^	spid=[0-9]* seq=[0-9]* pid=[0-9]*$" "$T/DP"
check pfkey_DP_created grep -q "^	created: .*  lastused: " "$T/DP"

# setkey and ip xfrm agree: the same SPIs, and the same (src dst dir) policies.
grep -o 'spi=[0-9]*(0x[0-9a-f]*)' "$T/D" | sed 's/.*(\(0x[0-9a-f]*\))/\1/' | sort > "$T/spi.setkey"
"$IP" xfrm state | awk '/proto esp spi/ {print $4}' | sort > "$T/spi.ip"
check pfkey_xfrm_same_spis cmp "$T/spi.setkey" "$T/spi.ip"
check pfkey_xfrm_three_sas test "$(wc -l < "$T/spi.ip")" -eq 3
awk '/^[^\t]/ {sel=$1" "$2} /^\t(in|out|fwd)/ {print sel, $1}' "$T/DP" | sed 's/\[[^]]*\]//g' | sort > "$T/pol.setkey"
"$IP" xfrm policy | awk '/^src/ {s=$2; d=$4} /^\tdir/ {print s, d, $2}' | sed 's#/32 # #; s#/32 # #; s#/128 # #; s#/128 # #' | sort > "$T/pol.ip"
check pfkey_xfrm_same_policies cmp "$T/pol.setkey" "$T/pol.ip"
check pfkey_xfrm_enc_key sh -c "'$IP' xfrm state | grep -q 'enc cbc(aes) 0x00112233445566778899aabbccddeeff'"
check pfkey_xfrm_prio_policy sh -c "'$IP' xfrm policy | grep -q 'priority 2147483638'"
check pfkey_xfrm_reqid sh -c "'$IP' xfrm state | grep -q 'reqid 7 mode tunnel'"

# get prints one SA in -D format
printf 'get 192.0.2.1 192.0.2.2 esp 0x1000;\n' | "$SETKEY" -c > "$T/get" 2>&1
check pfkey_get has "$T/get" "	esp mode=transport spi=4096(0x00001000) reqid=0(0x00000000)"

# a command the kernel refuses: its reason, file:line:column, exit status 1,
# and nothing after it applied
cat > "$T/bad" <<'CONF'
spdadd 10.9.0.1 10.9.0.2 any -P out none;
add 192.0.2.1 192.0.2.2 esp 0x1000 -E aes-cbc 0x00112233445566778899aabbccddeeff;
spdadd 10.9.0.3 10.9.0.4 any -P out none;
CONF
"$SETKEY" -f "$T/bad" > "$T/bad.out" 2>&1; rc=$?
check pfkey_kernel_error_status test "$rc" -ne 0
check pfkey_kernel_error_text has "$T/bad.out" "$T/bad:2:1: add: File exists"
"$SETKEY" -DP > "$T/DP2"
check pfkey_stop_after_error sh -c "grep -q '10.9.0.1' '$T/DP2' && ! grep -q '10.9.0.3' '$T/DP2'"
"$SETKEY" -K -f "$T/bad" > "$T/bad2.out" 2>&1; rc=$?
check pfkey_keep_going_status test "$rc" -ne 0
"$SETKEY" -DP > "$T/DP3"
check pfkey_keep_going_applies has "$T/DP3" "10.9.0.3[any] 10.9.0.4[any] 255"

# a syntax error names file:line:column
printf 'spdadd 10.9.0.5 10.9.0.6 any -P out none;\nspdadd 10.0.0.1 10.0.0.2 any -P out ipsec esp/sideways//require;\n' > "$T/syn"
"$SETKEY" -f "$T/syn" > "$T/syn.out" 2>&1; rc=$?
check pfkey_syntax_error_status test "$rc" -ne 0
check pfkey_syntax_error_pos has "$T/syn.out" "$T/syn:2:47: syntax error"
check pfkey_before_syntax_error_applied sh -c "'$SETKEY' -DP | grep -q '10.9.0.5'"

# delete, deleteall, spddelete (with the fwd twin), flush
printf 'delete 192.0.2.1 192.0.2.2 esp 0x1000;\n' | "$SETKEY" -c
check pfkey_delete sh -c "! '$IP' xfrm state | grep -q 'spi 0x00001000'"
printf 'deleteall 192.0.2.2 192.0.2.1 esp;\n' | "$SETKEY" -c
check pfkey_deleteall sh -c "! '$IP' xfrm state | grep -q 'spi 0x00001001'"
printf 'spddelete 192.0.2.2 192.0.2.1 any -P in;\n' | "$SETKEY" -c
check pfkey_spddelete_in_and_fwd sh -c "! '$SETKEY' -DP | grep -q '^192.0.2.2\[any\] 192.0.2.1\[any\]'"
check pfkey_flush_sad "$SETKEY" -F
check pfkey_flush_spd "$SETKEY" -FP
check pfkey_empty_sad sh -c "'$SETKEY' -D | grep -qx 'No SAD entries.'"
check pfkey_empty_spd sh -c "'$SETKEY' -DP | grep -qx 'No SPD entries.'"

rm -rf "$T"
[ "$fails" -eq 0 ]
