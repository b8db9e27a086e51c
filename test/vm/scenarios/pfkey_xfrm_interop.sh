#!/bin/sh
# VM scenario: what `ip xfrm` (netlink) installs, setkey -D / -DP (PF_KEY)
# shows the same way: SAs with their keys, policies without a priority
# (no "prio" part), per-direction policies, and deletion by setkey of what
# ip installed.
SETKEY=${SETKEY:-$(command -v setkey || echo "$BUILDDIR/libpfkey/setkey/setkey")}
# iproute2's ip, not a busybox applet of the same name
if [ -z "$IP" ]; then
	for c in /usr/sbin/ip /sbin/ip /usr/bin/ip /bin/ip; do
		[ -x "$c" ] && "$c" xfrm state >/dev/null 2>&1 && { IP=$c; break; }
	done
fi
T=${TMPDIR:-/tmp}/pfkey_xfrm_interop.$$
mkdir -p "$T"
fails=0
check() { name=$1; shift; if "$@" >/dev/null 2>&1; then echo "PASS: $name"; else echo "FAIL: $name"; fails=$((fails + 1)); fi; }
has() { grep -qF -- "$2" "$1"; }

for m in af_key xfrm_user esp4 esp6 xfrm6_tunnel; do modprobe $m 2>/dev/null; done
if ! "$SETKEY" -D >/dev/null 2>&1 || [ -z "$IP" ]; then
	echo "SKIP: $(basename "$0" .sh) (no PF_KEY in this kernel, or no iproute2 ip)"
	exit 0
fi
"$SETKEY" -F; "$SETKEY" -FP

"$IP" xfrm state add src 2001:db8::1 dst 2001:db8::2 proto esp spi 0x4000 reqid 9 mode tunnel \
	enc 'cbc(aes)' 0x000102030405060708090a0b0c0d0e0f auth-trunc 'hmac(sha256)' \
	0x000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f 128 replay-window 32
"$IP" xfrm policy add src 2001:db8:1::/64 dst 2001:db8:2::/64 dir out \
	tmpl src 2001:db8::1 dst 2001:db8::2 proto esp reqid 9 mode tunnel
"$IP" xfrm policy add src 2001:db8:2::/64 dst 2001:db8:1::/64 dir in priority 5 \
	tmpl src 2001:db8::2 dst 2001:db8::1 proto esp reqid 20000 mode tunnel level use

"$SETKEY" -D > "$T/D"
check interop_D_addrs has "$T/D" "2001:db8::1 2001:db8::2 "
check interop_D_line2 has "$T/D" "	esp mode=tunnel spi=16384(0x00004000) reqid=9(0x00000009)"
check interop_D_enc has "$T/D" "	E: aes-cbc  00010203 04050607 08090a0b 0c0d0e0f"
check interop_D_auth has "$T/D" "	A: hmac-sha256  00010203 04050607 08090a0b 0c0d0e0f 00010203 04050607 08090a0b 0c0d0e0f"
check interop_D_replay has "$T/D" "replay=32 flags=0x00000000 state=mature "

"$SETKEY" -DP > "$T/DP"
check interop_DP_out_sel has "$T/DP" "2001:db8:1::/64[any] 2001:db8:2::/64[any] 255"
check interop_DP_out_noprio has "$T/DP" "	out ipsec"
check interop_DP_out_req has "$T/DP" "	esp/tunnel/2001:db8::1-2001:db8::2/unique:9"
check interop_DP_in_prio has "$T/DP" "	in prio high + 1073741819 ipsec"
check interop_DP_in_use has "$T/DP" "	esp/tunnel/2001:db8::2-2001:db8::1/use"
check interop_DP_two test "$(grep -c '^	spid=' "$T/DP")" -eq 2

printf 'delete 2001:db8::1 2001:db8::2 esp 0x4000;\nspddelete 2001:db8:1::/64 2001:db8:2::/64 any -P out;\nspddelete -k 2001:db8:2::/64 2001:db8:1::/64 any -P in;\n' > "$T/del"
"$SETKEY" -k -f "$T/del" > "$T/del.out" 2>&1; rc=$?
# "spddelete -k" is not a command option: the parser names the column.
check interop_del_syntax has "$T/del.out" "$T/del:3:11: syntax error"
check interop_del_state sh -c "! '$IP' xfrm state | grep -q 'spi 0x00004000'"
check interop_del_out sh -c "! '$IP' xfrm policy | grep -q 'dir out'"
check interop_in_kept sh -c "'$IP' xfrm policy | grep -q 'dir in'"
printf 'spddelete 2001:db8:2::/64 2001:db8:1::/64 any -P in;\n' | "$SETKEY" -k -c
check interop_del_in sh -c "! '$IP' xfrm policy | grep -q 'dir in'"

"$SETKEY" -F; "$SETKEY" -FP
rm -rf "$T"
[ "$fails" -eq 0 ]
