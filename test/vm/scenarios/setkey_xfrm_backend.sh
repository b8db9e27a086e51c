#!/bin/bash
# VM scenario: setkey --backend=xfrm (XFRM netlink through libxfrm, for
# kernels without PF_KEY) does the same work as the PF_KEY backend: what one
# installs, the other shows the same way in -D / -DP (times, sequence
# numbers and policy ids aside); migrate and deletions work too.
. "$SRCDIR/test/vm/lib.sh"
SETKEY=${SETKEY:-$(command -v setkey || echo "$BUILDDIR/libpfkey/setkey/setkey")}
T=${TMPDIR:-/tmp}/setkey_xfrm_backend.$$
mkdir -p "$T"
has() { grep -qF -- "$2" "$1"; }
# The lines both backends must print identically.
stable() { grep -v -E '^	(created|current|diff|last|allocated|sadb_seq|spid|refcnt|lifetime)' "$1" | sort; }

for m in af_key xfrm_user esp4 esp6 ah4 ipcomp xfrm_ipcomp deflate xfrm4_tunnel xfrm6_tunnel; do modprobe $m 2>/dev/null; done
if ! "$SETKEY" --backend=pfkey -D >/dev/null 2>&1; then
	skip "$(basename "$0" .sh)" "no PF_KEY in this kernel to compare with"
	finish
fi
"$SETKEY" -F; "$SETKEY" -FP

cat > "$T/conf" <<'CONF'
add 192.0.2.1 192.0.2.2 esp 0x1000 -m transport -r 4 -lh 3600 -ls 2880
	-E aes-cbc 0x00112233445566778899aabbccddeeff -A hmac-sha1 0x0011223344556677889900112233445566778899;
add 2001:db8::1 2001:db8::2 esp 0x2000 -m tunnel -u 7
	-E 3des-cbc 0x000102030405060708090a0b0c0d0e0f1011121314151617 -A hmac-sha256 0x000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f;
add 192.0.2.1 192.0.2.2 ah 0x500 -A hmac-md5 0x00112233445566778899aabbccddeeff;
add 192.0.2.1 192.0.2.2 ipcomp 0x600 -C deflate;
add 198.51.100.7[4500] 192.0.2.1[4501] esp-udp 0x700 -m tunnel -u 16385 -E aes-cbc 0x000102030405060708090a0b0c0d0e0f;
spdadd 192.0.2.1 192.0.2.2 any -P out ipsec esp/transport//require;
spdadd 192.0.2.2 192.0.2.1 any -P in ipsec esp/transport//require;
spdadd 2001:db8:1::/64[any] 2001:db8:2::/64[80] tcp -P out prio def + 10 ipsec esp/tunnel/2001:db8::1-2001:db8::2/unique:7;
spdadd 2001:db8::1 2001:db8::2 mh 5 -P out prio high ipsec ipcomp/transport//use esp/transport//require;
spdadd 10.0.0.0/8 10.1.0.0/16 any -P fwd discard;
CONF
check xfrm_backend_install "$SETKEY" --backend=xfrm -f "$T/conf"
"$SETKEY" --backend=pfkey -D > "$T/D.pfkey"
"$SETKEY" --backend=xfrm -D > "$T/D.xfrm"
check xfrm_backend_sad_count test "$(grep -c ' mode=' "$T/D.xfrm")" -eq 5
check xfrm_backend_sad_same diff <(stable "$T/D.pfkey") <(stable "$T/D.xfrm")
"$SETKEY" --backend=pfkey -DP > "$T/DP.pfkey"
"$SETKEY" --backend=xfrm -DP > "$T/DP.xfrm"
check xfrm_backend_spd_count test "$(grep -c '^	spid=' "$T/DP.xfrm")" -eq 6
check xfrm_backend_spd_same diff <(stable "$T/DP.pfkey") <(stable "$T/DP.xfrm")
check xfrm_backend_fwd_twin has "$T/DP.xfrm" "	fwd prio def ipsec"

# what PF_KEY installed, the XFRM backend shows the same way
"$SETKEY" -F; "$SETKEY" -FP
check pfkey_backend_install "$SETKEY" --backend=pfkey -f "$T/conf"
"$SETKEY" --backend=xfrm -D > "$T/D2.xfrm"
"$SETKEY" --backend=pfkey -D > "$T/D2.pfkey"
check pfkey_installed_sad_same diff <(stable "$T/D2.pfkey") <(stable "$T/D2.xfrm")
"$SETKEY" --backend=xfrm -DP > "$T/DP2.xfrm"
"$SETKEY" --backend=pfkey -DP > "$T/DP2.pfkey"
check pfkey_installed_spd_same diff <(stable "$T/DP2.pfkey") <(stable "$T/DP2.xfrm")

# get, delete, deleteall, spddelete, migrate, flush over XFRM
printf 'get 192.0.2.1 192.0.2.2 esp 0x1000;\n' | "$SETKEY" --backend=xfrm -c > "$T/get"
check xfrm_backend_get has "$T/get" "	esp mode=transport spi=4096(0x00001000) reqid=0(0x00000000)"
cat > "$T/ops" <<'CONF'
delete 192.0.2.1 192.0.2.2 ah 0x500;
deleteall 192.0.2.1 192.0.2.2 ipcomp;
spddelete 192.0.2.2 192.0.2.1 any -P in;
migrate 2001:db8:1::/64 2001:db8:2::/64[80] tcp -P out esp/tunnel/2001:db8::1-2001:db8::2/7 2001:db8::1-2001:db8::9
	kmaddress 2001:db8::1 2001:db8::9;
CONF
check xfrm_backend_ops "$SETKEY" --backend=xfrm -f "$T/ops"
"$SETKEY" --backend=pfkey -D > "$T/D3"
"$SETKEY" --backend=pfkey -DP > "$T/DP3"
check xfrm_backend_deleted_ah sh -c "! grep -q '	ah mode' '$T/D3'"
check xfrm_backend_deleted_ipcomp sh -c "! grep -q '	ipcomp mode' '$T/D3'"
check xfrm_backend_spddelete_twin sh -c "! grep -q '^192.0.2.2\[any\] 192.0.2.1\[any\]' '$T/DP3'"
check xfrm_backend_migrated_policy has "$T/DP3" "	esp/tunnel/2001:db8::1-2001:db8::9/unique:7"
check xfrm_backend_migrated_sa has "$T/D3" "2001:db8::1 2001:db8::9 "
printf 'add 192.0.2.1 192.0.2.2 esp 0x1000 -E aes-cbc 0x00112233445566778899aabbccddeeff;\n' > "$T/dup"
"$SETKEY" --backend=xfrm -f "$T/dup" > "$T/dup.out" 2>&1; rc=$?
check xfrm_backend_error_status test "$rc" -ne 0
check xfrm_backend_error_text has "$T/dup.out" "$T/dup:1:1: add: File exists"
check xfrm_backend_flush "$SETKEY" --backend=xfrm -F
check xfrm_backend_flush_spd "$SETKEY" --backend=xfrm -FP
check xfrm_backend_empty sh -c "'$SETKEY' --backend=xfrm -D | grep -qx 'No SAD entries.' && '$SETKEY' --backend=xfrm -DP | grep -qx 'No SPD entries.'"

rm -rf "$T"
finish
