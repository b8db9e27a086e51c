#!/bin/sh
# racoond's command line: -t exit status and messages, -C output loading
# back, the refusal to run without the IKE engine, option errors.
set -u
R=./racoond/racoond
C="${srcdir:-.}/test/unit/racoond-conf/configs"
T=$(mktemp -d /tmp/racoond-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0

check() {   # check NAME EXPECTED-STATUS CMD...
	name=$1 want=$2
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" = "$want" ]; then
		echo "PASS: $name"
	else
		echo "FAIL: $name (status $got, wanted $want)"
		cat "$T/err"
		fails=$((fails + 1))
	fi
}

grep_err() {   # grep_err NAME PATTERN: the last command's stderr has PATTERN
	if grep -q -- "$2" "$T/err"; then echo "PASS: $1"; else
		echo "FAIL: $1"; cat "$T/err"; fails=$((fails + 1)); fi
}

HA="$C/ha/etc/racoon/racoon.conf"
MN="$C/mn/etc/racoon/racoon.conf"

check "seed 000 HA -t (include under --root)" 0 $R -t --no-file-checks --root "$C/ha" -f "$HA"
check "seed 000 MN -t" 0 $R -t --no-file-checks -f "$MN"
for f in "$C"/seed004/*.conf; do
	check "seed 004 $(basename "$f") -t" 0 $R -t --no-file-checks -f "$f"
done
# Without --no-file-checks, -t opens the certificates the MN file names.
check "seed 000 MN -t with file checks" 1 $R -t -f "$MN"
grep_err "missing certificate named" "arno-crt.pem: No such file"

# A configuration whose files exist passes -t with file checks; -t reads
# them as the daemon does (empty files are not certificates).
mkdir "$T/certs"
: >"$T/certs/me.crt"; : >"$T/certs/me.key"; : >"$T/certs/ca.pem"
cat >"$T/ok.conf" <<CONF
path certificate "$T/certs";
remote anonymous {
	exchange_mode main;
	my_identifier asn1dn;
	certificate_type x509 "me.crt" "me.key";
	ca_type x509 "ca.pem";
	proposal { encryption_algorithm aes; hash_algorithm sha256; authentication_method rsasig; dh_group modp2048; }
}
sainfo anonymous { encryption_algorithm aes 128; authentication_algorithm hmac_sha256; compression_algorithm deflate; }
CONF
check "-t with empty certificate files" 1 $R -t -f "$T/ok.conf"
grep_err "empty certificate located" "ok.conf:5:[0-9]*: error: certificate $T/certs/me.crt: not a PEM or DER certificate"
grep_err "empty key reported" "me.key: not an unencrypted PEM or DER private key"
grep_err "empty CA file reported" "ok.conf:6:[0-9]*: error: CA certificate $T/certs/ca.pem"
if openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=me -days 1 -keyout "$T/certs/me.key" \
	-out "$T/certs/me.crt" >/dev/null 2>&1; then
	cp "$T/certs/me.crt" "$T/certs/ca.pem"
	check "-t with readable certificate files" 0 $R -t -f "$T/ok.conf"
else
	echo "SKIP: -t with readable certificate files (no openssl)"
fi
rm "$T/certs/me.key"
check "-t with a missing key" 1 $R -t -f "$T/ok.conf"
grep_err "missing key reported" "me.key: No such file"

# --show-config prints everything and loads back to the same text.
for f in "$HA" "$MN" "$T/ok.conf"; do
	$R -C --no-file-checks --root "$C/ha" -f "$f" >"$T/c1" 2>/dev/null
	check "-C of $(basename "$f") loads back" 0 $R -C --no-file-checks -f "$T/c1"
	if cmp -s "$T/c1" "$T/out"; then echo "PASS: -C of $(basename "$f") is stable"; else
		echo "FAIL: -C of $(basename "$f") is stable"; fails=$((fails + 1)); fi
done
check "--show-config long form" 0 $R --show-config --no-file-checks -f "$MN"
grep -q "dpd_maxfail 5;" "$T/out" && echo "PASS: -C shows defaults" || {
	echo "FAIL: -C shows defaults"; fails=$((fails + 1)); }

# Errors: file:line:column, all of them, status 1.
printf 'remote anonymous {\n\tproposal { encryption_algorithm aes; }\n}\nlog loud;\n' >"$T/bad.conf"
check "-t on a bad file" 1 $R -t -f "$T/bad.conf"
grep_err "bad value located" "bad.conf:4:5: error: 'loud'"
printf 'log info;\nremote anonymous {\n\tproposal { encryption_algorithm aes; }\n}\n' >"$T/bad2.conf"
check "-t semantic errors" 1 $R -t -f "$T/bad2.conf"
grep_err "exchange_mode missing located" "bad2.conf:2:8: error: remote anonymous: exchange_mode is missing"
grep_err "missing dh_group located" "bad2.conf:3:2: error: remote anonymous: proposal without dh_group"
check "-t on a missing file" 1 $R -t -f "$T/none.conf"
grep_err "missing file named" "none.conf: No such file"

# The daemon never skips its certificate and key files.
check "--no-file-checks needs -t/-C" 1 $R -f "$T/ok.conf" --no-file-checks
grep_err "daemon never skips files" "applies to -t and -C only"

check "-V" 0 $R -V
check "-h" 0 $R -h
check "unknown option" 1 $R -Q
check "-p 0" 1 $R -p 0 -t -f "$MN"
check "-P 70000" 1 $R -P 70000 -t -f "$MN"
check "stray argument" 1 $R -t extra

[ "$fails" = 0 ]
