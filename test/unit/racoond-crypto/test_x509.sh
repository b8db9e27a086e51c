#!/bin/sh
# Runs test_x509 over certificates made by mkcerts.sh in a temporary
# directory (no key is committed).
here=$(cd "$(dirname "$0")" && pwd)
bin=./test/unit/racoond-crypto/test_x509
command -v openssl >/dev/null 2>&1 || { echo "SKIP: openssl not found"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$here/mkcerts.sh" "$tmp" || { echo "mkcerts.sh failed"; exit 1; }
CERTDIR=$tmp "$bin"
