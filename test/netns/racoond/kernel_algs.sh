#!/bin/bash
# racoond checks its sainfo algorithms against the kernel's (XFRM backend
# on this host: /proc/crypto and modules.alias): an algorithm the kernel
# lacks is a clear error at start (exit 1, file:line), on -t, and makes a
# reload fail (the running configuration stays).  Picks an algorithm the
# host lacks from /proc/crypto, and skips when it has them all.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root

RACOOND=$BUILDDIR/racoond/racoond
T=$(mktemp -d /tmp/racoond-kalgs.XXXXXX)
trap '[ -s "$T/racoon.pid" ] && kill "$(cat "$T/racoon.pid")" 2>/dev/null; _netns_cleanup; rm -rf "$T"' EXIT

netns_new ns
in_ns() { ip netns exec "$ns" "$@"; }
log_has() {
	local i
	for i in $(seq 50); do
		grep -qE -- "$1" "$T/log" && return 0
		sleep 0.1
	done
	echo "not in the log: $1" >&2
	return 1
}

have() {   # NAME INNER: the kernel has it, or can load it
	local alias=/lib/modules/$(uname -r)/modules.alias
	grep -qE "^name +: ($1|$2)\$" /proc/crypto ||
		grep -qE "^alias crypto-($1|$2) " "$alias" 2>/dev/null
}
missing=""
for a in "3des cbc(des3_ede) des3_ede" "blowfish cbc(blowfish) blowfish" \
	 "twofish cbc(twofish) twofish" "camellia cbc(camellia) camellia" "cast128 cbc(cast5) cast5"; do
	read -r conf name inner <<<"$a"
	have "${name//(/\\(}" "$inner" || { missing=$conf; break; }
done
have "cbc\\(aes\\)" aes && have "hmac\\(sha1\\)" sha1 || missing=""
if [ -z "$missing" ]; then
	skip "kernel algorithm check" "the host kernel has every algorithm (or lacks aes/sha1)"
	finish
fi
echo "# the host kernel lacks $missing"

conf() {   # FILE ENC
	cat >"$1" <<EOC
path pidfile "$T/racoon.pid";
listen { adminsock disabled; }
sainfo anonymous {
	encryption_algorithm $2;
	authentication_algorithm hmac_sha1;
	compression_algorithm deflate;
}
EOC
}
conf "$T/bad.conf" "aes, $missing"
conf "$T/good.conf" aes

out=$(in_ns "$RACOOND" -t -f "$T/bad.conf" 2>&1); rc=$?
check "-t: exit 1" test "$rc" -eq 1
check "-t: the missing algorithm at file:line" grep -q "bad.conf:3:1: error: sainfo: the kernel has no ESP transform for $missing" <<<"$out"
check "-t: good file passes" in_ns "$RACOOND" -t -f "$T/good.conf"

out=$(in_ns "$RACOOND" -F -f "$T/bad.conf" 2>&1); rc=$?
check "start: exit 1" test "$rc" -eq 1
check "start: the missing algorithm at file:line" grep -q "bad.conf:3:1: error: sainfo: the kernel has no ESP transform for $missing" <<<"$out"
check "start: says why it stops" grep -q "the kernel lacks algorithms the configuration names" <<<"$out"
check "start: no pid file left" test ! -e "$T/racoon.pid"

cp "$T/good.conf" "$T/racoon.conf"
in_ns "$RACOOND" -f "$T/racoon.conf" -d -l "$T/log"
check "good configuration starts" test $? -eq 0
cp "$T/bad.conf" "$T/racoon.conf"
kill -HUP "$(cat "$T/racoon.pid")"
check "reload naming it: the error logged" log_has "racoon.conf:3:1: error: sainfo: the kernel has no ESP transform for $missing"
check "reload naming it: refused, the running one stays" log_has "configuration not valid; the running one stays"
check "still running" kill -0 "$(cat "$T/racoon.pid")"
kill "$(cat "$T/racoon.pid")"
check "stops cleanly" log_has "racoond stopped"
finish
