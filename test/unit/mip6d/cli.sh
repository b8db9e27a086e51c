#!/bin/sh
# mip6d's command line: -t exits 0 or 1, --show-config output parses back,
# the daemon refuses a missing file.
set -u
: "${srcdir:=.}"
MIP6D=./mip6d/mip6d
CONFIGS="$srcdir/test/unit/mip6d/configs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
	name=$1; shift
	if "$@"; then echo "PASS: $name"; else echo "FAIL: $name"; fail=1; fi
}

check "-t on seed 000 MN" $MIP6D -t --offline -c "$CONFIGS/seed000-mn.conf"
$MIP6D -t --offline -c "$CONFIGS/seed000-ha.conf" 2>"$tmp/err"
check "-t on seed 000 HA exits 1" test $? -eq 1
check "the missing ';' is named" grep -q "seed000-ha.conf:15:39: error: expected ';' after '2001:db8:ffff:0::1000'" "$tmp/err"
$MIP6D -t -c "$tmp/none.conf" 2>"$tmp/err"
check "-t on a missing file exits 1" test $? -eq 1
check "the missing file is named" grep -q "none.conf': No such file" "$tmp/err"
$MIP6D --show-config -c "$CONFIGS/seed000-mn.conf" >"$tmp/shown.conf"
check "--show-config exits 0" test $? -eq 0
check "--show-config prints defaults" grep -q "^InitialBindackTimeoutFirstReg 1.5;" "$tmp/shown.conf"
$MIP6D --show-config -c "$tmp/shown.conf" >"$tmp/shown2.conf"
check "--show-config output parses back the same" cmp -s "$tmp/shown.conf" "$tmp/shown2.conf"
printf 'NodeConfig HA;\nInterface "nosuchif9";\n' >"$tmp/ha.conf"
$MIP6D -t -c "$tmp/ha.conf" 2>"$tmp/err"
check "-t checks HA interfaces exist" test $? -eq 1
check "the missing interface is named" grep -q 'ha.conf:2:11: error: home agent interface "nosuchif9" does not exist' "$tmp/err"
check "--offline skips the system checks" $MIP6D -t --offline -c "$tmp/ha.conf"
printf 'NodeConfig HA;\nInterface "nosuchif9";\nHaMaxBindingLife 999999;\n' >"$tmp/ha2.conf"
$MIP6D -t -c "$tmp/ha2.conf" 2>"$tmp/err"
check "a file error and a missing interface are both reported" \
	test "$(grep -c 'error:' "$tmp/err")" -eq 2
$MIP6D -n -p "" -s "$tmp/sock" -c "$tmp/none.conf" 2>"$tmp/err"
check "the daemon refuses a missing -c file" test $? -eq 1
check "... and names it" grep -q "none.conf': No such file" "$tmp/err"
check "-d takes a level" $MIP6D -t --offline -d 3 -c "$CONFIGS/seed000-mn.conf"
$MIP6D -V >"$tmp/out"
check "-V prints the version" grep -q "^mip6d" "$tmp/out"
exit $fail
