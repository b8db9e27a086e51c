#!/bin/sh
# VM scenario: the other SA kinds setkey installs over PF_KEY, each checked
# in setkey -D and in `ip xfrm state`: AH, IPComp, ESP in UDP (NAT-T), an
# AEAD cipher, IPv6 transport; and policies with ports, ICMPv6 type and MH
# type selectors, bundles, priorities.
SETKEY=${SETKEY:-$(command -v setkey || echo "$BUILDDIR/libpfkey/setkey/setkey")}
# iproute2's ip, not a busybox applet of the same name
if [ -z "$IP" ]; then
	for c in /usr/sbin/ip /sbin/ip /usr/bin/ip /bin/ip; do
		[ -x "$c" ] && "$c" xfrm state >/dev/null 2>&1 && { IP=$c; break; }
	done
fi
T=${TMPDIR:-/tmp}/pfkey_protocols.$$
mkdir -p "$T"
fails=0
check() { name=$1; shift; if "$@" >/dev/null 2>&1; then echo "PASS: $name"; else echo "FAIL: $name"; fails=$((fails + 1)); fi; }
has() { grep -qF -- "$2" "$1"; }

for m in af_key xfrm_user esp4 esp6 ah4 ah6 ipcomp ipcomp6 xfrm_ipcomp deflate; do modprobe $m 2>/dev/null; done
if ! "$SETKEY" -D >/dev/null 2>&1 || [ -z "$IP" ]; then
	echo "SKIP: $(basename "$0" .sh) (no PF_KEY in this kernel, or no iproute2 ip)"
	exit 0
fi
"$SETKEY" -F; "$SETKEY" -FP

cat > "$T/conf" <<'CONF'
add 192.0.2.1 192.0.2.2 ah 0x500 -A hmac-sha256 0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f;
add 192.0.2.1 192.0.2.2 ipcomp 0x600 -C deflate;
add 198.51.100.7[4500] 192.0.2.1[4501] esp-udp 0x700 -m tunnel -u 16385
	-E aes-cbc 0x000102030405060708090a0b0c0d0e0f -A hmac-sha1 0x0001020304050607080900010203040506070809;
add 2001:db8::1 2001:db8::2 esp 0x800 -m transport -E twofish-cbc 0x000102030405060708090a0b0c0d0e0f -A hmac-sha512 0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff;
spdadd 2001:db8::1[any] 2001:db8::2[443] tcp -P out prio high ipsec ipcomp/transport//use esp/transport//require;
spdadd 2001:db8::1 2001:db8::2 icmp6 135,0 -P out prio low - 3 none;
spdadd 2001:db8::1 2001:db8::2 mh 5 -P out ipsec esp/transport//require;
spdadd 10.0.0.0/8 10.1.0.0/16 any -P fwd prio 100 discard;
CONF
"$SETKEY" -k -f "$T/conf" > "$T/conf.out" 2>&1; rc=$?
check pfkey_proto_config test "$rc" -eq 0
[ "$rc" -eq 0 ] || cat "$T/conf.out"

"$SETKEY" -D > "$T/D"
check pfkey_ah_D has "$T/D" "	ah mode=transport spi=1280(0x00000500) reqid=0(0x00000000)"
check pfkey_ah_key has "$T/D" "	A: hmac-sha256  00010203 04050607 08090a0b 0c0d0e0f 10111213 14151617 18191a1b 1c1d1e1f"
check pfkey_ah_xfrm sh -c "'$IP' xfrm state | grep -q 'auth-trunc hmac(sha256)'"
check pfkey_ipcomp_D has "$T/D" "	ipcomp mode=transport spi=1536(0x00000600) reqid=0(0x00000000)"
check pfkey_ipcomp_C has "$T/D" "	C: deflate "
check pfkey_ipcomp_xfrm sh -c "'$IP' xfrm state | grep -q 'comp deflate'"
check pfkey_natt_D_addrs has "$T/D" "198.51.100.7[4500] 192.0.2.1[4501] "
check pfkey_natt_D_type has "$T/D" "	esp-udp mode=tunnel spi=1792(0x00000700) reqid=16385(0x00004001)"
check pfkey_natt_xfrm sh -c "'$IP' xfrm state | grep -q 'encap type espinudp sport 4500 dport 4501'"
check pfkey_twofish_D has "$T/D" "	E: twofish-cbc  00010203 04050607 08090a0b 0c0d0e0f"
check pfkey_twofish_xfrm sh -c "'$IP' xfrm state | grep -q 'enc cbc(twofish)'"
check pfkey_v6_D has "$T/D" "2001:db8::1 2001:db8::2 "

# Linux's PF_KEY has no AEAD (af_key looks ciphers up among plain
# encryption algorithms only): the kernel's refusal is reported.
printf 'add 2001:db8::1 2001:db8::2 esp 0x801 -E aes-gcm-16 0x000102030405060708090a0b0c0d0e0f10111213;\n' > "$T/aead"
"$SETKEY" -f "$T/aead" > "$T/aead.out" 2>&1; rc=$?
check pfkey_aead_refused test "$rc" -ne 0
check pfkey_aead_reason has "$T/aead.out" "$T/aead:1:1: add: Function not implemented"

"$SETKEY" -DP > "$T/DP"
check pfkey_ports_DP has "$T/DP" "2001:db8::1[any] 2001:db8::2[443] tcp"
check pfkey_bundle_DP sh -c "grep -A3 '\[443\] tcp' '$T/DP' | tr '\n' '|' | grep -q 'out prio high ipsec|	ipcomp/transport//use|	esp/transport//require'"
check pfkey_icmp6_DP has "$T/DP" "2001:db8::1 2001:db8::2 ipv6-icmp 135,0"
check pfkey_icmp6_prio has "$T/DP" "	out prio low - 3 none"
check pfkey_mh_DP has "$T/DP" "2001:db8::1 2001:db8::2 mobility-header 5,0"
check pfkey_discard_DP has "$T/DP" "	fwd prio def + 100 discard"
check pfkey_mh_xfrm sh -c "'$IP' xfrm policy | grep -q 'proto mobility-header type 5'"
check pfkey_icmp6_xfrm sh -c "'$IP' xfrm policy | grep -q 'proto ipv6-icmp type 135'"
check pfkey_port_xfrm sh -c "'$IP' xfrm policy | grep -q 'proto tcp dport 443'"

"$SETKEY" -F; "$SETKEY" -FP
rm -rf "$T"
[ "$fails" -eq 0 ]
