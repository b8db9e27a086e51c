#!/bin/sh
# Makes test certificates with openssl into $1: a CA, a leaf with a DN in
# the style of seed 000 and a subjectAltName, the leaf in DER, an
# intermediate CA with a leaf under it, and a rogue CA with its own leaf.
set -e
d=$1
cd "$d"
days=30
subj_leaf="/C=FR/ST=FRANCE/O=NATISBAD/OU=IPsec Services/CN=ha.example.org/emailAddress=ha@example.org"

cat > ext.cnf <<EOC
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
[leaf]
basicConstraints = CA:FALSE
subjectAltName = DNS:ha.example.org, email:ha@example.org, IP:192.0.2.1, IP:2001:db8::1
EOC

mk_ca() { # name subject [issuer]
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null
	if [ -z "$3" ]; then
		openssl req -new -x509 -key "$1.key" -subj "$2" -days $days -out "$1.pem" \
			-extensions ca -config ext.cnf 2>/dev/null
	else
		openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" -config ext.cnf 2>/dev/null
		openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial \
			-days $days -extfile ext.cnf -extensions ca -out "$1.pem" 2>/dev/null
	fi
}
mk_leaf() { # name subject issuer
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null
	openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" -config ext.cnf 2>/dev/null
	openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial \
		-days $days -extfile ext.cnf -extensions leaf -out "$1.pem" 2>/dev/null
}

mk_ca ca "/C=FR/O=NATISBAD/CN=Test CA"
mk_leaf leaf "$subj_leaf" ca
openssl x509 -in leaf.pem -outform DER -out leaf.der
openssl pkey -in leaf.key -outform DER -out leaf.key.der
mk_ca inter "/C=FR/O=NATISBAD/CN=Intermediate CA" ca
mk_leaf leaf2 "/C=FR/O=NATISBAD/CN=mn.example.org" inter
mk_ca rogue "/C=FR/O=NATISBAD/CN=Test CA"
mk_leaf rogueleaf "$subj_leaf" rogue

# CRLs of the CA: one empty, one revoking leaf (openssl ca's database in
# ca.db/); the revoking one also under c_rehash's name in crldir/, and a
# file there under that name that is not a CRL in badcrldir/.
mkdir -p ca.db crldir badcrldir
: > ca.db/index.txt
echo 1000 > ca.db/crlnumber
cat > ca.cnf <<EOC
[ca]
default_ca = d
[d]
database = ca.db/index.txt
crlnumber = ca.db/crlnumber
default_md = sha256
default_crl_days = $days
EOC
openssl ca -config ca.cnf -keyfile ca.key -cert ca.pem -gencrl -out ca-empty.crl 2>/dev/null
openssl ca -config ca.cnf -keyfile ca.key -cert ca.pem -revoke leaf.pem 2>/dev/null
openssl ca -config ca.cnf -keyfile ca.key -cert ca.pem -gencrl -out ca-revoked.crl 2>/dev/null
h=$(openssl x509 -hash -noout -in ca.pem)
cp ca-revoked.crl "crldir/$h.r0"
echo "not a CRL" > "badcrldir/$h.r0"
cat ca.pem ca-empty.crl > ca-with-crl.pem
