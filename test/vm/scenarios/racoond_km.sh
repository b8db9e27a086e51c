#!/bin/bash
# VM scenario: racoond's kernel interface on Debian's kernel.  racoond picks
# PF_KEY by itself, builds its SPD cache from the dump and the SPDADD
# broadcasts, resolves an ACQUIRE's policy id through it, and decodes the
# kernel's SADB_X_MIGRATE with KMADDRESS field by field; km's operations
# (GETSPI, UPDATE, ADD, GET, DUMP, DELETE, SPDADD, SPDDELETE) on real ESP
# SAs give the same results over PF_KEY and XFRM; racoonctl shows the SAD
# as setkey -D does.
# vm-timeout: 300
. "$SRCDIR/test/vm/lib.sh"

RACOOND=$BUILDDIR/racoond/racoond
CTL=$BUILDDIR/racoond/ctl/racoonctl
KD=$BUILDDIR/test/netns/racoond/kmdrv
XD=$BUILDDIR/test/netns/libxfrm/xfrm_driver
SETKEY=$BUILDDIR/libpfkey/setkey/setkey
T=/tmp/racoond_km
mkdir -p $T

for m in af_key xfrm_user esp6 esp4 xfrm6_tunnel xfrm4_tunnel; do modprobe $m 2>/dev/null; done
if ! "$SETKEY" -D >/dev/null 2>&1; then
	skip racoond_km "no PF_KEY in this kernel"
	finish
fi

log_has() {
	local i
	for i in $(seq 50); do
		grep -qE -- "$1" $T/log && return 0
		sleep 0.1
	done
	echo "not in the log: $1"
	return 1
}

L=2001:db8:1::1 R=2001:db8:1::2
ip addr add $L/64 dev lo nodad

cat > $T/racoon.conf <<EOC
path pidfile "$T/racoon.pid";
listen { adminsock "$T/racoon.sock"; }
EOC
# A policy before the start: it reaches racoond through the SPD dump.
ip xfrm policy add src 2001:db8:aa::/64 dst 2001:db8:bb::/64 dir out \
	tmpl src $L dst $R proto esp mode tunnel reqid 7 level required

check "racoond starts" "$RACOOND" -f $T/racoon.conf -d -l $T/log
check "PF_KEY chosen by itself" log_has "kernel interface pfkey"
check "SPD dump -> SPD_ADD" log_has "SPD_ADD 2001:db8:aa::/64\[any\] 2001:db8:bb::/64\[any\] any dir out index [1-9]"

# A policy added now arrives as an SPDADD broadcast; traffic it matches
# makes an ACQUIRE that names it by id only.
ip xfrm policy add src $L/128 dst $R/128 dir out tmpl src $L dst $R proto esp mode tunnel reqid 9 level required
idx=$(ip xfrm policy get src $L/128 dst $R/128 dir out | sed -n 's/.* index \([0-9]*\).*/\1/p')
check "SPDADD broadcast -> SPD_ADD" log_has "SPD_ADD $L/128\[any\] $R/128\[any\] any dir out index $idx"
ping -6 -c1 -W1 $R >/dev/null 2>&1
check "ACQUIRE over PF_KEY, policy found by id" log_has "ACQUIRE seq [0-9]+ $L -> $R policy index $idx"
check "ACQUIRE policy has its template (reqid 9)" log_has "tmpl esp tunnel $L -> $R reqid 9"

# SADB_X_MIGRATE with KMADDRESS, as the kernel broadcasts it after mip6d's
# XFRM_MSG_MIGRATE.
ip xfrm state flush
# Debian's 6.1 finds the policy by exact selector (newer kernels by flow).
"$XD" migrate src 2001:db8:aa::/64 dst 2001:db8:bb::/64 dir out km 2001:db8:1::3 $R \
	m $L $R 2001:db8:1::3 $R proto esp mode tunnel reqid 7 >/dev/null
check "X_MIGRATE: selector and direction" log_has "km: MIGRATE 2001:db8:aa::/64\[any\] 2001:db8:bb::/64\[any\] any dir out entries 1"
check "X_MIGRATE: KMADDRESS local and remote" log_has "kmaddress local 2001:db8:1::3 remote $R"
check "X_MIGRATE: old and new pair, proto, mode, reqid" \
	log_has "\[0\] esp tunnel reqid 7 old $L -> $R new 2001:db8:1::3 -> $R"

# km operations on real ESP SAs, over both backends: the same lines.
K1=00112233445566778899aabbccddeeff
K2=00112233445566778899aabbccddeeff00112233
for be in pfkey xfrm; do
	"$KD" --kernel $be backend -- getspi $R $L esp tunnel 21 \
		-- update $R $L esp last tunnel 21 enc 'cbc(aes)' $K1 auth 'hmac(sha1)' $K2 \
		-- add $L $R esp 0x5000 tunnel 21 enc 'cbc(aes)' $K1 auth 'hmac(sha1)' $K2 \
		-- get $L $R esp 0x5000 -- dump esp \
		-- delete $L $R esp 0x5000 -- get $L $R esp 0x5000 \
		-- spdadd 10.9.0.0/16 10.8.0.0/16 out esp tunnel 5 192.0.2.1 192.0.2.2 \
		-- spddelete 10.9.0.0/16 10.8.0.0/16 out -- flush esp >$T/kd.$be 2>&1
	sed -e 's/spi 0x[0-9a-f]*\( mode tunnel reqid 21\)/spi X\1/' -e 's/spi=0x.*/spi=X/' \
		-e 's/index [0-9]*/index N/' -e "s/^backend $be/backend/" -e 's/: km: .*//' $T/kd.$be > $T/kd.$be.norm
	check "km $be: getspi" grep -q "^spi=0x" $T/kd.$be
	check "km $be: update of the larval SA" grep -q "^update ok" $T/kd.$be
	check "km $be: add" grep -q "^add ok" $T/kd.$be
	check "km $be: get reads it back" grep -q "^SA $L $R esp spi 0x00005000 mode tunnel reqid 21 enc cbc(aes) auth hmac(sha1)" $T/kd.$be
	check "km $be: dump lists both SAs" test "$(grep -c '^SA .* esp spi' $T/kd.$be)" -ge 3
	check "km $be: delete, then get fails" grep -q "^get: error 2 " $T/kd.$be
	check "km $be: our spdadd comes back as SPD_ADD" grep -q "^SPD_ADD sel 10.9.0.0/16\[any\] 10.8.0.0/16\[any\] any dir out" $T/kd.$be
	check "km $be: our spddelete comes back as SPD_DELETE" grep -q "^SPD_DELETE sel 10.9.0.0/16" $T/kd.$be
done
check "km: PF_KEY and XFRM give the same results" diff $T/kd.pfkey.norm $T/kd.xfrm.norm

# Lifetimes: a soft then a hard EXPIRE, on both backends.
n=0
for be in pfkey xfrm; do
	n=$((n + 1))
	"$KD" --kernel $be add $L $R esp 0x700$n tunnel 23 enc 'cbc(aes)' $K1 auth 'hmac(sha1)' $K2 \
		soft-add 1 hard-add 2 -- listen 2 8 > $T/exp.$be 2>&1
	check "km $be: soft EXPIRE" grep -q "^EXPIRE soft $L $R esp spi 0x0000700. mode tunnel reqid 23" $T/exp.$be
	check "km $be: hard EXPIRE" grep -q "^EXPIRE hard $L $R esp spi 0x0000700. mode tunnel reqid 23" $T/exp.$be
done
check "racoond: EXPIRE soft and hard logged" bash -c "grep -q 'EXPIRE soft esp $L -> $R' $T/log && grep -q 'EXPIRE hard esp $L -> $R' $T/log"

# racoonctl show-sa esp prints the SAD as setkey -D does.
"$KD" add $L $R esp 0x6000 tunnel 22 enc 'cbc(aes)' $K1 auth 'hmac(sha1)' $K2 >/dev/null 2>&1
"$CTL" -s $T/racoon.sock show-sa esp > $T/ss
"$SETKEY" -D > $T/D
check "show-sa esp: SA line as setkey -D" bash -c "grep -A1 '^$L $R' $T/D | head -2 > $T/D2 && grep -A1 '^$L $R' $T/ss | head -2 | diff - $T/D2"
check "show-sa esp: keys as setkey -D" bash -c "grep -q 'E: aes-cbc' $T/ss && grep -q 'A: hmac-sha1' $T/ss"

# An SA deleted by someone else: SA_DELETE.
"$SETKEY" -c >/dev/null 2>&1 <<EOS
delete $L $R esp 0x6000;
EOS
check "SADB_DELETE by another -> SA_DELETE" log_has "SA_DELETE esp $L -> $R spi 0x00006000"

pid=$(cat $T/racoon.pid)
kill -TERM "$pid"
for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
check "SIGTERM: clean exit, pid file removed" bash -c "! kill -0 $pid 2>/dev/null && [ ! -e $T/racoon.pid ]"
finish
