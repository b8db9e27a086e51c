#!/bin/sh
# RSA signatures over raw hashes, checked against openssl pkeyutl both
# ways (PKCS#1 v1.5 type 1 padding, no DigestInfo), with a key made now.
bin=./test/unit/racoond-crypto/rsasig
command -v openssl >/dev/null 2>&1 || { echo "SKIP: openssl not found"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # name command...
	name=$1; shift
	if "$@" >/dev/null 2>&1; then echo "PASS: $name"; else echo "FAIL: $name"; fail=1; fi
}
refuse() { # name command...
	name=$1; shift
	if "$@" >/dev/null 2>&1; then echo "FAIL: $name"; fail=1; else echo "PASS: $name"; fi
}

for bits in 1024 2048 3072; do
	k=$tmp/k$bits
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:$bits -out $k.key 2>/dev/null
	openssl req -new -x509 -key $k.key -subj "/C=FR/CN=rsa$bits" -days 1 -out $k.pem 2>/dev/null
	openssl pkey -in $k.key -pubout -out $k.pub
	for hl in 16 20 32 48 64; do
		h=$tmp/h$hl
		head -c $hl /dev/urandom > $h
		# ours -> openssl
		check "sign$bits-$hl ours" $bin sign $k.key $h $k.sig$hl
		check "verify$bits-$hl openssl" openssl pkeyutl -verify -pubin -inkey $k.pub -in $h \
			-sigfile $k.sig$hl -pkeyopt rsa_padding_mode:pkcs1
		# openssl -> ours
		check "sign$bits-$hl openssl" openssl pkeyutl -sign -inkey $k.key -in $h \
			-out $k.osig$hl -pkeyopt rsa_padding_mode:pkcs1
		check "verify$bits-$hl ours" $bin verify $k.pem $h $k.osig$hl
		cmp -s $k.sig$hl $k.osig$hl && echo "PASS: same-bytes$bits-$hl" || {
			echo "FAIL: same-bytes$bits-$hl"; fail=1; }
	done
	# Tampered hash and a DigestInfo signature are refused.
	head -c 20 /dev/urandom > $tmp/other
	refuse "wrong-hash$bits ours" $bin verify $k.pem $tmp/other $k.osig20
	refuse "wrong-hash$bits openssl" openssl pkeyutl -verify -pubin -inkey $k.pub \
		-in $tmp/other -sigfile $k.sig20 -pkeyopt rsa_padding_mode:pkcs1
	check "digestinfo$bits sign" openssl pkeyutl -sign -inkey $k.key -in $tmp/h20 \
		-out $k.di -pkeyopt rsa_padding_mode:pkcs1 -pkeyopt digest:sha1
	refuse "digestinfo$bits ours" $bin verify $k.pem $tmp/h20 $k.di
done
exit $fail
