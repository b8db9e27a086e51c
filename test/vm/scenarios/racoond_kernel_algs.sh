#!/bin/bash
# racoond checks its sainfo algorithms against PF_KEY's SADB_REGISTER
# answer on Debian's kernel.  The kernel is kept from loading twofish (the
# kernel's module helper is replaced by a wrapper refusing it) before
# anything registers on PF_KEY, so the answer lacks it: racoond -t and
# racoond's start refuse a sainfo naming twofish with its file:line, and
# accept aes.
# vm-timeout: 120
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"

RACOOND=$BUILDDIR/racoond/racoond
W=/tmp/racoond-kalgs
rm -rf "$W"
mkdir -p "$W"
orig=$(cat /proc/sys/kernel/modprobe)
trap 'echo "$orig" > /proc/sys/kernel/modprobe; vm_cleanup' EXIT

cat > "$W/modprobe" <<EOS
#!/bin/sh
case "\$*" in *twofish*) exit 1 ;; esac
exec $orig "\$@"
EOS
chmod +x "$W/modprobe"
check no-twofish bash -c "echo $W/modprobe > /proc/sys/kernel/modprobe && ! grep -q twofish /proc/crypto"
check modules modprobe -a af_key xfrm_user

conf() {   # FILE ENC
  cat > "$1" <<EOC
path pidfile "$W/racoon.pid";
listen { adminsock disabled; }
sainfo anonymous {
	encryption_algorithm $2;
	authentication_algorithm hmac_sha256;
	compression_algorithm deflate;
}
EOC
}
conf "$W/bad.conf" "aes 256, twofish"
conf "$W/good.conf" "aes 256"

t_bad() {
  local out rc
  out=$("$RACOOND" -t -f "$W/bad.conf" 2>&1); rc=$?
  echo "$out"
  [ "$rc" -eq 1 ] && grep -q "bad.conf:3:1: error: sainfo: the kernel has no ESP transform for twofish" <<<"$out"
}
check t-refuses-twofish t_bad
check t-accepts-aes "$RACOOND" -t -f "$W/good.conf"
start_bad() {
  local out rc
  out=$("$RACOOND" -F -f "$W/bad.conf" 2>&1); rc=$?
  echo "$out"
  [ "$rc" -eq 1 ] && grep -q "the kernel has no ESP transform for twofish" <<<"$out" &&
    grep -q "kernel interface pfkey" <<<"$out" && [ ! -e "$W/racoon.pid" ]
}
check start-refuses-twofish start_bad
start_good() {
  "$RACOOND" -f "$W/good.conf" -l "$W/log" && kill -0 "$(cat "$W/racoon.pid")" &&
    kill "$(cat "$W/racoon.pid")"
}
check start-accepts-aes start_good
finish
