#!/bin/bash
# Makes a test CA and two end-entity certificates for the interop tests, with
# distinguished names in the style of seed 000 (C=FR, ST=FRANCE, O=NATISBAD,
# OU=IPsec Services, CN=..., emailAddress=...).
#
#   test/interop/mkcerts.sh [--keys KEYDIR] DIR
#
# With --keys, the RSA keys are taken from KEYDIR (ca_ipsec.key, ha.key,
# mn.key), and made there first if missing: test/interop/keys/ holds a
# committed set, because generating three 2048-bit keys takes a minute in the
# VM (TCG) while signing the certificates takes a few seconds.
# DIR/ca/            ca_ipsec-crt.pem, ca_ipsec.key (the CA)
# DIR/NODE/          for NODE in ha and mn:
#   NODE.crt NODE.key              the end entity's certificate and RSA key (PEM)
#   racoon/                        what racoon.conf's `path certificate` names:
#                                  the seed's file names (ha.crt/ha.key on the HA,
#                                  arno-crt.pem/arno.key on the MN), the CA as
#                                  ca_ipsec-crt.pem and its <hash>.0 link
#   swanctl/{x509,x509ca,private}/ the same for SWANCTL_DIR
# DIR/dn.env         shell assignments (CA_DN HA_DN MN_DN: the subjects as
#                    strongSwan and racoon both write them; HA_CERT ... paths)
#
# The keys are RSA 2048 in the traditional PKCS#1 PEM form, readable by
# racoon-style loaders and by strongSwan's pkcs1 plugin.  Openssl is taken
# from PATH; set OPENSSL to use another.  Runs in about a second.
set -euo pipefail

usage() { echo "usage: mkcerts.sh [--keys KEYDIR] DIR" >&2; exit 2; }
keydir=""
if [ "${1:-}" = --keys ]; then
  [ $# -ge 2 ] || usage
  keydir=$2
  shift 2
fi
[ $# -eq 1 ] || usage
dir=$1
openssl=${OPENSSL:-openssl}
days=3650

# The RDNs of seed 000's peers_identifier lines; CN and email vary per node.
base_subj="/C=FR/ST=FRANCE/O=NATISBAD/OU=IPsec Services"
base_dn="C=FR, ST=FRANCE, O=NATISBAD, OU=IPsec Services"

mkdir -p "$dir"/ca "$dir"/{ha,mn}/{racoon,swanctl/x509,swanctl/x509ca,swanctl/private}
dir=$(cd "$dir" && pwd)

# Every program start costs about half a second in the VM: files are copied
# with shell builtins.  KEY copies are made readable by their owner only.
copy() {   # SRC DST
  local text
  text=$(< "$1") && printf '%s\n' "$text" > "$2"
}
copy_key() {   # SRC DST
  if [ -e "$2" ]; then rm -f "$2" || return 1; fi
  (umask 077 && copy "$1" "$2")
}

genkey() {   # FILE
  "$openssl" genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null |
    (umask 077 && "$openssl" rsa -traditional -out "$1" 2>/dev/null)
}

newkey() {   # FILE: a new key, or KEYDIR's of the same name
  local name=${1##*/}
  if [ -z "$keydir" ]; then
    genkey "$1"
    return
  fi
  if [ ! -f "$keydir/$name" ]; then
    mkdir -p "$keydir"
    genkey "$keydir/$name"
  fi
  copy_key "$keydir/$name" "$1"
}

# CA: self-signed, basicConstraints CA:TRUE, keyCertSign.
newkey "$dir/ca/ca_ipsec.key"
"$openssl" req -new -x509 -days "$days" -sha256 -key "$dir/ca/ca_ipsec.key" \
  -subj "$base_subj/CN=IPsec CA/emailAddress=ca@natisbad.org" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out "$dir/ca/ca_ipsec-crt.pem"
ca_hash=$("$openssl" x509 -noout -hash -in "$dir/ca/ca_ipsec-crt.pem")

serial=1
# NODE CN EMAIL SAN RACOON_CERT RACOON_KEY
node() {
  local n=$1 cn=$2 email=$3 san=$4 rcert=$5 rkey=$6 d
  d=$dir/$n
  newkey "$d/$n.key"
  serial=$((serial + 1))
  # one process per certificate: it costs about a second in the VM
  "$openssl" req -new -x509 -days "$days" -sha256 -key "$d/$n.key" \
    -subj "$base_subj/CN=$cn/emailAddress=$email" \
    -CA "$dir/ca/ca_ipsec-crt.pem" -CAkey "$dir/ca/ca_ipsec.key" -set_serial "$serial" \
    -addext "basicConstraints=CA:FALSE" \
    -addext "keyUsage=critical,digitalSignature,keyEncipherment" \
    -addext "extendedKeyUsage=serverAuth,clientAuth" \
    -addext "subjectAltName=$san" \
    -out "$d/$n.crt" 2>/dev/null
  copy "$d/$n.crt" "$d/racoon/$rcert"
  copy_key "$d/$n.key" "$d/racoon/$rkey"
  copy "$dir/ca/ca_ipsec-crt.pem" "$d/racoon/ca_ipsec-crt.pem"
  ln -sf ca_ipsec-crt.pem "$d/racoon/$ca_hash.0"
  copy "$d/$n.crt" "$d/swanctl/x509/$n.crt"
  copy_key "$d/$n.key" "$d/swanctl/private/$n.key"
  copy "$dir/ca/ca_ipsec-crt.pem" "$d/swanctl/x509ca/ca_ipsec-crt.pem"
}

# Addresses of seed 000: HA 2001:db8:ffff::1000, MN home address 2001:db8:ffff::1.
node ha ha1 arno@natisbad.org "DNS:ha.example, IP:2001:db8:ffff::1000" ha.crt ha.key
node mn arno arno@natisbad.org "email:arno@natisbad.org, DNS:mn.example, IP:2001:db8:ffff::1" \
  arno-crt.pem arno.key

cat > "$dir/dn.env" <<ENV
# Written by test/interop/mkcerts.sh; source it.
CERT_DIR='$dir'
CA_DN='$base_dn, CN=IPsec CA, emailAddress=ca@natisbad.org'
HA_DN='$base_dn, CN=ha1, emailAddress=arno@natisbad.org'
MN_DN='$base_dn, CN=arno, emailAddress=arno@natisbad.org'
CA_CERT='$dir/ca/ca_ipsec-crt.pem'
HA_CERT='$dir/ha/ha.crt'
HA_KEY='$dir/ha/ha.key'
MN_CERT='$dir/mn/mn.crt'
MN_KEY='$dir/mn/mn.key'
HA_RACOON_CERT=ha.crt HA_RACOON_KEY=ha.key
MN_RACOON_CERT=arno-crt.pem MN_RACOON_KEY=arno.key
ENV
