# shellcheck shell=bash
# racoon.conf for racoond, written from the parameters charon.sh's
# swanctl_conf takes (test/interop/common.sh), in the syntax of seed 000:
#   . "$SRCDIR/test/interop/racoon_conf.sh"
#   racoon_conf OUT KEY=VALUE...
# writes
#   OUT/racoon.conf   one remote (REMOTE, or anonymous with role=responder),
#                     a proposal, one sainfo for the selectors, padding
#   OUT/psk.txt       "REMOTE SECRET" (auth=psk; mode 600 as racoon wants)
#   OUT/certs/        cert, key and CA (auth=cert), `path certificate`, with the
#                     CA's <hash>.0 link
#   OUT/spd.batch     the policies racoond needs in the kernel (in the real
#                     testbed mip6d installs them; racoon itself installs none
#                     with generate_policy off), for `ip -n NS -batch OUT/spd.batch`
# Check the result with: $BUILDDIR/racoond/racoond -t -f OUT/racoon.conf
# (add --no-file-checks when OUT's files are not where racoond runs).

# shellcheck source=test/interop/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# aes128 -> "aes 128", 3des -> "3des"
racoon_enc() {
  case $1 in
    aes[0-9]*) echo "aes ${1#aes}" ;;
    *) echo "$1" ;;
  esac
}

# IKE proposal ENC-HASH-DH -> "ENC HASH DH"; ESP ENC-INTEG[-DH] likewise.
racoon_split() {
  local IFS=-
  # shellcheck disable=SC2086
  set -- $1
  [ $# -ge 2 ] || { echo "racoon_conf: proposal '$*' is not ENC-HASH[-DH]" >&2; return 1; }
  echo "$1 $2 ${3:-}"
}

# An address selector as racoon's sainfo writes it: a host is an address,
# anything shorter a subnet.
racoon_said() {   # PREFIX PROTO
  local pfx=$1 proto=$2 len
  len=${pfx##*/}
  case $pfx in
    */128|*.*/32) echo "address ${pfx%/*} $proto" ;;
    */*) echo "subnet ${pfx%/*}/$len $proto" ;;
    *) echo "address $pfx $proto" ;;
  esac
}

racoon_conf() {   # OUT KEY=VALUE...
  local out=$1
  shift
  local -A p
  interop_params "$@" || return 1
  mkdir -p "$out" || return 1
  out=$(cd "$out" && pwd)
  local ike_enc ike_hash ike_dh esp_enc esp_auth esp_pfs
  read -r ike_enc ike_hash ike_dh < <(racoon_split "${p[ike]}") || return 1
  read -r esp_enc esp_auth esp_pfs < <(racoon_split "${p[esp]}") || return 1
  [ -n "$ike_dh" ] || { echo "racoon_conf: ike= needs a DH group" >&2; return 1; }
  ike_enc=$(racoon_enc "$ike_enc")
  esp_enc=$(racoon_enc "$esp_enc")
  esp_auth=hmac_$esp_auth

  local paths auth_lines method from=""
  if [ "${p[auth]}" = psk ]; then
    method=pre_shared_key
    paths="path pre_shared_key \"$out/psk.txt\";"
    (umask 077 && printf '%s %s\n' "${p[remote]}" "${p[psk]}" > "$out/psk.txt") || return 1
    if [ -n "${p[my_id]}" ]; then
      auth_lines="my_identifier address \"${p[my_id]}\";"
    else
      auth_lines="my_identifier address;"
    fi
    [ -z "${p[peer_id]}" ] || auth_lines+="
	peers_identifier address \"${p[peer_id]}\";
	verify_identifier on;"
  else
    method=rsasig
    mkdir -p "$out/certs" || return 1
    cp "${p[cert]}" "${p[key]}" "${p[ca]}" "$out/certs/" || return 1
    chmod 600 "$out/certs/$(basename "${p[key]}")"
    local ca_hash
    ca_hash=$(interop_exec openssl x509 -noout -hash -in "${p[ca]}" 2>/dev/null) &&
      ln -sf "$(basename "${p[ca]}")" "$out/certs/$ca_hash.0"
    paths="path certificate \"$out/certs\";"
    if [ -n "${p[my_id]}" ]; then
      auth_lines="my_identifier asn1dn \"${p[my_id]}\";"
    else
      auth_lines="my_identifier asn1dn;"
    fi
    if [ -n "${p[peer_id]}" ]; then
      auth_lines+="
	peers_identifier asn1dn \"${p[peer_id]}\";
	verify_identifier on;"
      from=" from asn1dn \"${p[peer_id]}\""
    fi
    auth_lines+="
	certificate_type x509 \"$(basename "${p[cert]}")\" \"$(basename "${p[key]}")\";
	ca_type x509 \"$(basename "${p[ca]}")\";
	verify_cert on;"
  fi

  local remote_head passive
  if [ "${p[role]}" = responder ]; then
    remote_head="remote anonymous" passive=on
  else
    remote_head="remote ${p[remote]}" passive=off
  fi
  local frag=on
  case ${p[frag]} in no) frag=off ;; force) frag=force ;; esac
  local pfs_line=""
  [ -z "$esp_pfs" ] || pfs_line="pfs_group $esp_pfs;"

  cat > "$out/racoon.conf" <<CONF
# Written by test/interop/racoon_conf.sh: ${p[auth]}, ${p[mode]}, ${p[role]}, ${p[local]} <-> ${p[remote]}
$paths
log debug2;

timer {
	counter 5;
	interval 10 secs;
	persend 1;
	phase1 30 secs;
	phase2 20 secs;
}

listen {
}

$remote_head
{
	exchange_mode main;
	doi ipsec_doi;
	situation identity_only;
	$auth_lines
	lifetime time ${p[ike_lifetime]} sec;
	ike_frag $frag;
	initial_contact on;
	passive $passive;
	proposal_check obey;
	support_proxy on;
	generate_policy off;
	nonce_size 16;
	proposal {
		encryption_algorithm $ike_enc;
		hash_algorithm $ike_hash;
		authentication_method $method;
		dh_group $ike_dh;
		lifetime time ${p[ike_lifetime]} sec;
	}
}

sainfo $(racoon_said "${p[local_ts]}" "${p[proto]}")
	$(racoon_said "${p[remote_ts]}" "${p[proto]}")$from
{
	$pfs_line
	lifetime time ${p[child_lifetime]} sec;
	encryption_algorithm $esp_enc;
	authentication_algorithm $esp_auth;
	compression_algorithm deflate;
}

padding {
	randomize off;
	randomize_length on;
	maximum_length 20;
	exclusive_tail off;
	strict_check off;
}
CONF
  racoon_spd "${p[local]}" "${p[remote]}" "${p[local_ts]}" "${p[remote_ts]}" \
    "${p[proto]}" "${p[mode]}" "${p[reqid]}" > "$out/spd.batch"
}

# The policies (ip -batch lines) for LOCAL_TS <-> REMOTE_TS over LOCAL <-> REMOTE,
# as mip6d or setkey would install them for racoond: out and in (and fwd in
# tunnel mode), each requiring ESP with the given reqid (0: none).
racoon_spd() {   # LOCAL REMOTE LOCAL_TS REMOTE_TS PROTO MODE REQID
  local l=$1 r=$2 lts=$3 rts=$4 proto=$5 mode=$6 reqid=$7 sel_proto="" rq=""
  [ "$proto" = any ] || sel_proto=" proto $proto"
  [ "$reqid" = 0 ] || rq=" reqid $reqid"
  if [ "$mode" = tunnel ]; then
    echo "xfrm policy add src $lts dst $rts$sel_proto dir out tmpl src $l dst $r proto esp$rq mode tunnel"
    echo "xfrm policy add src $rts dst $lts$sel_proto dir in tmpl src $r dst $l proto esp$rq mode tunnel"
    echo "xfrm policy add src $rts dst $lts$sel_proto dir fwd tmpl src $r dst $l proto esp$rq mode tunnel"
  else
    echo "xfrm policy add src $lts dst $rts$sel_proto dir out tmpl proto esp$rq mode transport"
    echo "xfrm policy add src $rts dst $lts$sel_proto dir in tmpl proto esp$rq mode transport"
  fi
}
