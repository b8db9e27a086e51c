#!/bin/bash
# VM-tier smoke test: the guest kernel has what the host lacks and the daemons
# need (PF_KEY, ESP, MIP6 route2/hao, ip6tnl), and ESP really carries traffic
# between two namespaces.
# vm-timeout: 300
# shellcheck disable=SC2317  # functions below are called through check
. "$SRCDIR/test/vm/lib.sh"

ENC="enc cbc(aes) 0x00112233445566778899aabbccddeeff"
AUTH="auth hmac(sha1) 0x0123456789abcdef0123456789abcdef01234567"

# a. PF_KEY
check pfkey-module modprobe af_key
check pfkey-socket pfkey_open
check pfkey-register-esp pfkey_open register

# b. an ESP transport SA with cbc(aes) + hmac(sha1)
esp_sa() {
  # shellcheck disable=SC2086
  ip xfrm state add src 2001:db8:a::1 dst 2001:db8:a::2 proto esp spi 0x1001 reqid 1 \
    mode transport $ENC $AUTH &&
  ip xfrm state get src 2001:db8:a::1 dst 2001:db8:a::2 proto esp spi 0x1001 |
    grep -q 'enc cbc(aes)' &&
  ip xfrm state | grep -q 'auth-trunc hmac(sha1)\|auth hmac(sha1)'
}
check esp-transport-sa esp_sa

# c. MIP6 states: type 2 routing header and home address option, mode ro
mip6_sa() {
  local proto=$1
  ip xfrm state add src 2001:db8:b::1 dst 2001:db8:b::2 proto "$proto" mode ro \
    coa 2001:db8:c::1 &&
  ip xfrm state | grep -A3 "proto $proto" | grep -q 'coa 2001:db8:c::1'
}
check mip6-rh2-state mip6_sa route2
check mip6-hao-state mip6_sa hao

# d. an IPv6-in-IPv6 tunnel device
ip6tnl() {
  ip -6 tunnel add mip6tnl0 mode ip6ip6 local 2001:db8:d::1 remote 2001:db8:d::2 &&
  ip link set mip6tnl0 up &&
  ip -d link show mip6tnl0 | grep -q ip6tnl
}
check ip6tnl-ip6ip6 ip6tnl

# e. ping6 both ways between namespaces ha and mn through ESP transport SAs;
#    the byte counters of all four SAs (two per namespace) must grow
HA=2001:db8:1::1 MN=2001:db8:1::2
ha="" mn=""   # namespace names, set by netns_new

esp_pair() {   # NS LOCAL PEER: SAs both ways and policies requiring them
  local ns=$1 me=$2 peer=$3 out_spi in_spi
  if [ "$me" = "$HA" ]; then out_spi=0x2001 in_spi=0x2002; else out_spi=0x2002 in_spi=0x2001; fi
  # shellcheck disable=SC2086
  ip -n "$ns" xfrm state add src "$me" dst "$peer" proto esp spi "$out_spi" reqid 1 \
    mode transport $ENC $AUTH &&
  ip -n "$ns" xfrm state add src "$peer" dst "$me" proto esp spi "$in_spi" reqid 2 \
    mode transport $ENC $AUTH &&
  ip -n "$ns" xfrm policy add src "$me/128" dst "$peer/128" dir out \
    tmpl src "$me" dst "$peer" proto esp reqid 1 mode transport &&
  ip -n "$ns" xfrm policy add src "$peer/128" dst "$me/128" dir in \
    tmpl src "$peer" dst "$me" proto esp reqid 2 mode transport
}

sa_bytes() {   # NS SRC DST SPI
  ip -n "$1" -s xfrm state get src "$2" dst "$3" proto esp spi "$4" |
    sed -n 's/^[[:space:]]*\([0-9][0-9]*\)(bytes),.*/\1/p' | head -1
}

sa_counters() {   # bytes of both SAs as seen in each namespace
  echo "$(sa_bytes "$ha" "$HA" "$MN" 0x2001) $(sa_bytes "$ha" "$MN" "$HA" 0x2002)" \
       "$(sa_bytes "$mn" "$MN" "$HA" 0x2002) $(sa_bytes "$mn" "$HA" "$MN" 0x2001)"
}

esp_ping() {
  local before after b a
  read -r -a before <<<"$(sa_counters)"
  echo "bytes before (ha out, ha in, mn out, mn in): ${before[*]}"
  ip netns exec "$ha" ping -6 -c 2 -i 0.2 -W 2 "$MN" || return 1
  ip netns exec "$mn" ping -6 -c 2 -i 0.2 -W 2 "$HA" || return 1
  read -r -a after <<<"$(sa_counters)"
  echo "bytes after: ${after[*]}"
  [ ${#before[@]} -eq 4 ] && [ ${#after[@]} -eq 4 ] || return 1
  for i in 0 1 2 3; do
    b=${before[$i]} a=${after[$i]}
    [ "$a" -gt "$b" ] || return 1
  done
}

setup_ns() {
  netns_new ha && netns_new mn &&
  netns_veth "$ha" ha0 "$mn" mn0 &&
  ip -n "$ha" addr add "$HA/64" dev ha0 nodad &&
  ip -n "$mn" addr add "$MN/64" dev mn0 nodad &&
  esp_pair "$ha" "$HA" "$MN" && esp_pair "$mn" "$MN" "$HA"
}
check esp-netns-setup setup_ns
check esp-ping6-counters esp_ping

finish
