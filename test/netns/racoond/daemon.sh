#!/bin/bash
# racoond on the host kernel, in a throwaway namespace: the XFRM backend is
# chosen by itself (no PF_KEY here), readiness, pid file, admin socket and
# racoonctl, SPD_ADD / ACQUIRE / MIGRATE with KMADDRESS seen in the debug
# log, SIGHUP reload (good and bad file), SIGTERM clean exit, bad
# configuration refused with file:line.
. "$SRCDIR/test/netns/lib.sh"
netns_require_root

RACOOND=$BUILDDIR/racoond/racoond
CTL=$BUILDDIR/racoond/ctl/racoonctl
XD=$BUILDDIR/test/netns/libxfrm/xfrm_driver
KD=$BUILDDIR/test/netns/racoond/kmdrv
T=$(mktemp -d /tmp/racoond-netns.XXXXXX)
trap '_netns_cleanup; rm -rf "$T"' EXIT

netns_new ns
in_ns() { ip netns exec "$ns" "$@"; }
ctl() { in_ns "$CTL" -s "$T/racoon.sock" "$@"; }
# Waits up to 5 s for a pattern in the daemon's log.
log_has() {
	local i
	for i in $(seq 50); do
		grep -qE -- "$1" "$T/log" && return 0
		sleep 0.1
	done
	echo "not in the log: $1" >&2
	return 1
}
alive() { kill -0 "$(cat "$T/racoon.pid" 2>/dev/null)" 2>/dev/null; }

cat >"$T/racoon.conf" <<EOC
path pidfile "$T/racoon.pid";
listen { adminsock "$T/racoon.sock"; }
EOC
cat >"$T/bad.conf" <<EOC
path pidfile "$T/racoon.pid";
remote anonymous { exchange_mode bogus; }
EOC

# A bad configuration: exit 1, the error at file:line.
out=$(in_ns "$RACOOND" -F -f "$T/bad.conf" 2>&1); rc=$?
check "bad configuration exits 1" test "$rc" -eq 1
check "bad configuration error names file:line" grep -q "bad.conf:2:" <<<"$out"
check "bad configuration leaves no pid file" test ! -e "$T/racoon.pid"

# Daemonised start: the parent returns 0 only once the daemon is ready.
# NOTIFY_SOCKET gets READY=1 (sd_notify protocol).
notify_ok=no
if python3 -c 'import socket' 2>/dev/null; then
	in_ns python3 - "$T/notify" "$T/notified" <<'EOP' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1]); s.settimeout(10)
open(sys.argv[2] + ".ready", "w").close()
try:
    while True:
        d = s.recv(4096).decode()
        if "READY=1" in d:
            open(sys.argv[2], "w").write(d); break
except socket.timeout:
    pass
EOP
	for i in $(seq 50); do [ -e "$T/notified.ready" ] && break; sleep 0.1; done
	notify_ok=yes
fi
NOTIFY_SOCKET=$T/notify in_ns "$RACOOND" -f "$T/racoon.conf" -d -l "$T/log"
check "daemon starts (parent exits 0 once ready)" test $? -eq 0
check "pid file names the running daemon" alive
if [ $notify_ok = yes ]; then
	for i in $(seq 50); do [ -s "$T/notified" ] && break; sleep 0.1; done
	check "READY=1 sent to NOTIFY_SOCKET" grep -q "READY=1" "$T/notified"
else
	skip "READY=1 sent to NOTIFY_SOCKET" "no python3 for the listener"
fi
check "XFRM backend chosen by itself" log_has "kernel interface xfrm"
check "ISAKMP sockets on port 500 (IPv4 and IPv6)" \
	bash -c "ip netns exec $ns ss -ulnH | grep -q '0.0.0.0:500 ' && ip netns exec $ns ss -ulnH | grep -q '\[::\]:500 '"
check "bypass policies on the ISAKMP sockets" bash -c "ip -n $ns xfrm policy | grep -q 'socket in'"
check "racoonctl show-stats names the backend" \
	bash -c "ip netns exec $ns $CTL -s $T/racoon.sock show-stats | grep -q 'kernel *xfrm'"
out=$(in_ns "$RACOOND" -F -f "$T/racoon.conf" 2>&1); rc=$?
check "second instance exits 1 saying already running" bash -c "[ $rc -eq 1 ] && grep -q 'already running' <<<'$out'"

# SPD events.
ip -n "$ns" addr add 2001:db8:1::1/64 dev lo
ip -n "$ns" xfrm policy add src 2001:db8:aa::/64 dst 2001:db8:bb::/64 dir out \
	tmpl src 2001:db8:1::1 dst 2001:db8:1::2 proto esp mode tunnel reqid 7 level required
check "ip xfrm policy add -> SPD_ADD in the debug log" \
	log_has "SPD_ADD 2001:db8:aa::/64\[any\] 2001:db8:bb::/64\[any\] any dir out"
check "SPD_ADD carries the template" log_has "tmpl esp tunnel 2001:db8:1::1 -> 2001:db8:1::2 reqid 7"

# ACQUIRE: traffic matching a policy without SA.
ip -n "$ns" xfrm policy add src 2001:db8:1::1/128 dst 2001:db8:1::2/128 dir out \
	tmpl src 2001:db8:1::1 dst 2001:db8:1::2 proto esp mode tunnel reqid 9 level required
in_ns ping -6 -c1 -W1 2001:db8:1::2 >/dev/null 2>&1
check "matching traffic -> ACQUIRE in the debug log" log_has "ACQUIRE seq [0-9]+ 2001:db8:1::1 -> 2001:db8:1::2 policy index [1-9]"
check "ACQUIRE carries its policy" log_has "ACQUIRE policy 2001:db8:1::1/128"

# MIGRATE with KMADDRESS (as mip6d sends it).
ip -n "$ns" xfrm state flush
in_ns "$XD" migrate src 2001:db8:aa::5/128 dst 2001:db8:bb::6/128 dir out km 2001:db8:1::3 2001:db8:1::2 \
	m 2001:db8:1::1 2001:db8:1::2 2001:db8:1::3 2001:db8:1::2 proto esp mode tunnel reqid 7 >/dev/null
check "MIGRATE received" log_has "km: MIGRATE 2001:db8:aa::5/128\[any\] 2001:db8:bb::6/128\[any\] any dir out entries 1"
check "MIGRATE carries KMADDRESS" log_has "kmaddress local 2001:db8:1::3 remote 2001:db8:1::2"
check "MIGRATE entry decoded" log_has "\[0\] esp tunnel reqid 7 old 2001:db8:1::1 -> 2001:db8:1::2 new 2001:db8:1::3 -> 2001:db8:1::2"

# ISAKMP datagrams: the wildcard socket learns the local address (PKTINFO)
# and hands the datagram to the engine's seam; a runt is counted.
in_ns bash -c "printf '%064d' 0 > /dev/udp/2001:db8:1::1/500"
check "datagram reaches the engine seam with its local address" \
	log_has "ISAKMP: 64 bytes 2001:db8:1::1\[[0-9]+\] -> 2001:db8:1::1\[500\]"
in_ns bash -c "printf 'runt' > /dev/udp/127.0.0.1/500"
check "runt datagram counted" \
	bash -c "ip netns exec $ns $CTL -s $T/racoon.sock show-stats | grep -q 'isakmp_too_short *1'"

# show-sa: the kernel SAD (larval states are all this kernel can hold).
spi=$(in_ns "$KD" getspi 2001:db8:1::2 2001:db8:1::1 esp tunnel 5 2>/dev/null | sed -n 's/^spi=0x0*//p')
check "racoonctl show-sa esp lists the SAD (setkey -D format)" \
	bash -c "ip netns exec $ns $CTL -s $T/racoon.sock show-sa esp | grep -q 'spi=[0-9]*(0x0*$spi)'"
check "racoonctl -j show-sa esp is JSON" \
	bash -c "ip netns exec $ns $CTL -s $T/racoon.sock -j show-sa esp | grep -q '\"spi\":$((16#$spi))'"
check "racoonctl show-sa isakmp: empty Phase 1 table" \
	bash -c "ip netns exec $ns $CTL -s $T/racoon.sock show-sa isakmp | grep -q '^Source  *Destination  *Cookies'"
check "racoonctl -j show-sa isakmp: []" bash -c "[ \"\$(ip netns exec $ns $CTL -s $T/racoon.sock -j ss isakmp)\" = '[]' ]"
check "racoonctl flush-sa esp" bash -c "ip netns exec $ns $CTL -s $T/racoon.sock flush-sa esp && \
	ip netns exec $ns $CTL -s $T/racoon.sock show-sa esp | grep -q 'No SAD entries'"
out=$(ctl delete-sa isakmp 2001:db8:1::1 2001:db8:1::2 2>&1); rc=$?
check "racoonctl delete-sa isakmp: no such SA, exit 1" bash -c "[ $rc -eq 1 ] && grep -q 'no ISAKMP-SA' <<<'$out'"
out=$(ctl establish-sa isakmp inet6 2001:db8:1::1 2001:db8:1::2 2>&1); rc=$?
check "racoonctl establish-sa without a remote section: refused" \
	bash -c "[ $rc -eq 1 ] && grep -q 'no remote section' <<<'$out'"
check "racoonctl establish-sa esp: refused (traffic starts Phase 2)" \
	bash -c "! ip netns exec $ns $CTL -s $T/racoon.sock establish-sa esp inet6 2001:db8:1::1/128 2001:db8:1::2/128 any 2>/dev/null"
check "racoonctl show-stats has the engine's counters" \
	bash -c "ip netns exec $ns $CTL -s $T/racoon.sock show-stats | grep -q '^ike_rx '"
check "racoonctl bad argument: exit 1" bash -c "! ip netns exec $ns $CTL -s $T/racoon.sock show-sa bogus 2>/dev/null"
if [ $notify_ok = yes ]; then
	in_ns python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.connect(sys.argv[1])
s.sendall(b"\x00\x00\x00\x03garbage"); s.close()' "$T/racoon.sock"
	check "malformed admin request counted" \
		bash -c "ip netns exec $ns $CTL -s $T/racoon.sock show-stats | grep -q 'admin_bad_requests *1'"
fi

# Reload: SIGHUP and racoonctl; a broken file keeps the running one.
kill -HUP "$(cat "$T/racoon.pid")"
check "SIGHUP reloads" log_has "configuration reloaded"
cp "$T/racoon.conf" "$T/good.conf"
cp "$T/bad.conf" "$T/racoon.conf"
ctl reload-config >/dev/null 2>&1
check "reload of a bad file: refused, file:line logged" log_has "racoon.conf:2:"
check "daemon still serves after a failed reload" bash -c "ip netns exec $ns $CTL -s $T/racoon.sock show-stats | grep -q 'reload_failures *1'"
cp "$T/good.conf" "$T/racoon.conf"
check "racoonctl reload-config" bash -c "ip netns exec $ns $CTL -s $T/racoon.sock reload-config | grep -q reloaded"

# SIGTERM: clean exit, pid file and admin socket gone.
pid=$(cat "$T/racoon.pid")
kill -TERM "$pid"
for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
check "SIGTERM: daemon exits" bash -c "! kill -0 $pid 2>/dev/null"
check "SIGTERM: pid file removed" test ! -e "$T/racoon.pid"
check "SIGTERM: admin socket removed" test ! -e "$T/racoon.sock"
check "SIGTERM: logged" log_has "racoond stopped"

# listen {}: explicit addresses and ports, and a NAT-T socket that strips
# the non-ESP marker.
cat >"$T/listen.conf" <<EOC
path pidfile "$T/racoon.pid";
listen { isakmp 2001:db8:1::1 [5500]; isakmp_natt 127.0.0.1 [5501]; adminsock "$T/racoon.sock"; }
EOC
: > "$T/log"
in_ns "$RACOOND" -f "$T/listen.conf" -d -l "$T/log"
check "listen{}: daemon starts" test $? -eq 0
check "listen{}: only the addresses given" \
	bash -c "[ \"\$(ip netns exec $ns ss -ulnH | awk '{print \$4}' | sort | tr '\n' ' ')\" = '127.0.0.1:5501 [2001:db8:1::1]:5500 ' ]"
in_ns bash -c "printf '\\0\\0\\0\\0%060d' 0 > /dev/udp/127.0.0.1/5501"
check "NAT-T: non-ESP marker stripped" log_has "ISAKMP: 60 bytes 127.0.0.1\[[0-9]+\] -> 127.0.0.1\[5501\]"
in_ns bash -c "printf '%032d' 0 > /dev/udp/2001:db8:1::1/5500"
check "bound socket: datagram reaches the seam" log_has "ISAKMP: 32 bytes 2001:db8:1::1\[[0-9]+\] -> 2001:db8:1::1\[5500\]"
kill -INT "$(cat "$T/racoon.pid")"
check "SIGINT: clean exit" log_has "racoond stopped"

finish
