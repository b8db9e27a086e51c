#!/bin/sh
# VM scenario: dumps larger than one socket buffer.  The kernel hands out a
# large SAD or SPD dump in pieces as the reader drains its socket; setkey
# must show every entry, and exactly once.
SETKEY=${SETKEY:-$(command -v setkey || echo "$BUILDDIR/libpfkey/setkey/setkey")}
T=${TMPDIR:-/tmp}/pfkey_dump_large.$$
N=2000
mkdir -p "$T"
fails=0
check() { name=$1; shift; if "$@" >/dev/null 2>&1; then echo "PASS: $name"; else echo "FAIL: $name"; fails=$((fails + 1)); fi; }

for m in af_key esp4; do modprobe $m 2>/dev/null; done
if ! "$SETKEY" -D >/dev/null 2>&1; then
	echo "SKIP: $(basename "$0" .sh) (no PF_KEY in this kernel)"
	exit 0
fi
"$SETKEY" -F; "$SETKEY" -FP

i=1
while [ $i -le $N ]; do
	printf 'add 10.%d.%d.1 10.%d.%d.2 esp %d -m tunnel -E aes-cbc 0x000102030405060708090a0b0c0d0e0f -A hmac-sha1 0x0001020304050607080900010203040506070809;\n' \
		$((i / 250)) $((i % 250)) $((i / 250)) $((i % 250)) $((i + 4096))
	printf 'spdadd 10.%d.%d.0/24 10.200.%d.0/24 any -P out ipsec esp/tunnel/10.%d.%d.1-10.%d.%d.2/require;\n' \
		$((i / 250)) $((i % 250)) $((i % 250)) $((i / 250)) $((i % 250)) $((i / 250)) $((i % 250))
	i=$((i + 1))
done > "$T/conf"
check dump_large_load "$SETKEY" -k -f "$T/conf"

"$SETKEY" -D > "$T/D"; rc=$?
check dump_large_sad_status test "$rc" -eq 0
check dump_large_sad_count test "$(grep -c '^	esp mode=tunnel spi=' "$T/D")" -eq $N
check dump_large_sad_unique test "$(grep -o 'spi=[0-9]*' "$T/D" | sort -u | wc -l)" -eq $N
check dump_large_sad_last test "$(tail -n 1 "$T/D" | grep -c '^	sadb_seq=0 ')" -eq 1

"$SETKEY" -DP > "$T/DP"; rc=$?
check dump_large_spd_status test "$rc" -eq 0
check dump_large_spd_count test "$(grep -c '^	out prio def ipsec$' "$T/DP")" -eq $N
check dump_large_spd_unique test "$(grep -o '^[0-9.]*/24\[any\] 10.200' "$T/DP" | sort -u | wc -l)" -eq $N

check dump_large_flush "$SETKEY" -F
check dump_large_flush_spd "$SETKEY" -FP
check dump_large_empty sh -c "'$SETKEY' -D | grep -qx 'No SAD entries.'"
rm -rf "$T"
[ "$fails" -eq 0 ]
