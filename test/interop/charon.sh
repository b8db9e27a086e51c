# shellcheck shell=bash
# strongSwan's charon as an IKEv1 peer in a network namespace.  Source it:
#   . "$SRCDIR/test/interop/charon.sh"
#
# Several instances run side by side, one per namespace, each in its own
# directory INST (an absolute path; keep it under /tmp inside the VM so that
# the host root chroot sees it at the same path):
#   INST/strongswan.conf  written by charon_start (explicit plugin list, a
#                         filelog, install_routes = no, the vici socket below)
#   INST/run/             bind-mounted over /run for this charon only, so its
#                         compiled-in /var/run/charon.pid is private
#   INST/charon.vici      the vici socket swanctl talks to
#   INST/charon.log       the filelog (IKE at level $CHARON_IKE_LEVEL, default
#                         4: the Phase 1 keys are logged, which tshark needs)
#   INST/swanctl/         SWANCTL_DIR: swanctl.conf, x509/, x509ca/, private/
#                         (written by swanctl_conf)
#
#   swanctl_conf INST KEY=VALUE...  write INST/swanctl/
#   charon_start INST NS            start charon in NS, wait for its vici socket
#   charon_load INST                swanctl --load-all
#   charon_initiate INST [CHILD]    swanctl --initiate --child CHILD (default
#                                   the conn name); returns when established
#   charon_wait_child INST [CHILD] [SECS]  poll --list-sas until CHILD_SA is
#                                   INSTALLED (for a trap or a peer's initiation)
#   charon_sas INST                 swanctl --list-sas
#   charon_terminate INST [CHILD]   tear the IKE_SA down (and its CHILD_SAs)
#   charon_stop INST                stop charon (SIGTERM, then SIGKILL)
#   charon_log_mark INST            the filelog's line count, for charon_mmqm_ms
#   charon_mmqm_ms INST [MARK]      from the log, after line MARK: "TOTAL MM QM",
#                                   milliseconds of Main Mode + Quick Mode, of
#                                   Main Mode, of Quick Mode (to the SAs installed)
#   charon_ike_keys INST            "ICOOKIE,Ka" for tshark's IKEv1 decryption
#
# swanctl_conf takes the KEY=VALUE parameters of test/interop/common.sh, as
# racoon_conf (test/interop/racoon_conf.sh) does.
#
# charon and swanctl run through interop_exec (common.sh): from the host root
# in the VM.  CHARON_IKE_LEVEL, CHARON_PLUGINS and CHARON_SWANCTL_PLUGINS
# override the defaults below.

# shellcheck source=test/interop/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CHARON_IKE_LEVEL=${CHARON_IKE_LEVEL:-4}
CHARON_PLUGINS=${CHARON_PLUGINS:-"random nonce aes sha1 sha2 hmac pem pkcs1 pkcs8 x509 revocation constraints pubkey openssl gmp kernel-netlink socket-default vici"}
CHARON_SWANCTL_PLUGINS=${CHARON_SWANCTL_PLUGINS:-"pem pkcs1 x509"}

swanctl_cmd() {   # INST ARGS...
  local inst=$1
  shift
  interop_exec env SWANCTL_DIR="$inst/swanctl" STRONGSWAN_CONF="$inst/strongswan.conf" \
    /usr/sbin/swanctl "$@" --uri "unix://$inst/charon.vici"
}

# The subject of a PEM certificate, written as strongSwan and racoon read a DN.
cert_subject() {
  interop_exec openssl x509 -in "$1" -noout -subject \
    -nameopt esc_2253,esc_ctrl,esc_msb,utf8,sep_comma_plus_space | sed 's/^subject=//'
}

swanctl_conf() {   # INST KEY=VALUE...
  local inst=$1 d
  shift
  local -A p
  interop_params "$@" || return 1
  d=$inst/swanctl
  # every directory swanctl --load-all reads, so that it does not complain
  mkdir -p "$d"/{x509,x509ca,x509ocsp,x509aa,x509ac,x509crl,pubkey,private,rsa,ecdsa,bliss,pkcs8,pkcs12} ||
    return 1
  local esp_pfs=${p[esp]} ts_suffix="" local_auth remote_auth secrets=""
  [ "${p[proto]}" = any ] || ts_suffix="[${p[proto]}]"
  if [ "${p[auth]}" = psk ]; then
    local my_id=${p[my_id]:-${p[local]}} peer_id=${p[peer_id]:-${p[remote]}}
    local_auth="auth = psk
      id = \"$my_id\""
    remote_auth="auth = psk
      id = \"$peer_id\""
    secrets="  ike-${p[name]} {
    id-1 = \"$my_id\"
    id-2 = \"$peer_id\"
    secret = \"${p[psk]}\"
  }"
  else
    cp "${p[cert]}" "$d/x509/" && cp "${p[key]}" "$d/private/" && cp "${p[ca]}" "$d/x509ca/" ||
      return 1
    local my_id=${p[my_id]:-$(cert_subject "${p[cert]}")}
    local_auth="auth = pubkey
      certs = $(basename "${p[cert]}")
      id = \"$my_id\""
    if [ -n "${p[peer_id]}" ]; then
      remote_auth="auth = pubkey
      id = \"${p[peer_id]}\"
      cacerts = $(basename "${p[ca]}")"
    else
      remote_auth="auth = pubkey
      cacerts = $(basename "${p[ca]}")"
    fi
  fi
  local start_action=none
  [ "${p[start]}" = trap ] && start_action="trap"
  local reqid_line=""
  [ "${p[reqid]}" = 0 ] || reqid_line="reqid = ${p[reqid]}"
  cat > "$d/swanctl.conf" <<EOF
# Written by test/interop/charon.sh swanctl_conf: ${p[auth]}, ${p[mode]}, ${p[local]} -> ${p[remote]}
connections {
  ${p[name]} {
    version = 1
    aggressive = no
    local_addrs = ${p[local]}
    remote_addrs = ${p[remote]}
    proposals = ${p[ike]}
    rekey_time = ${p[ike_lifetime]}s
    reauth_time = 0
    over_time = 60s
    dpd_delay = 0
    encap = no
    mobike = no
    fragmentation = ${p[frag]}
    send_certreq = yes
    send_cert = always
    local {
      $local_auth
    }
    remote {
      $remote_auth
    }
    children {
      ${p[name]} {
        mode = ${p[mode]}
        local_ts = ${p[local_ts]}$ts_suffix
        remote_ts = ${p[remote_ts]}$ts_suffix
        esp_proposals = $esp_pfs
        rekey_time = ${p[child_lifetime]}s
        start_action = $start_action
        $reqid_line
      }
    }
  }
}
secrets {
$secrets
}
EOF
}

charon_start() {   # INST NS
  local inst=$1 ns=$2
  mkdir -p "$inst/run" "$inst/swanctl" || return 1
  rm -f "$inst/charon.vici" "$inst/run/charon.pid"
  local plugins=$CHARON_PLUGINS
  cat > "$inst/strongswan.conf" <<EOF
# Written by test/interop/charon.sh charon_start for namespace $ns
charon {
  load = $plugins
  install_routes = no
  install_virtual_ip = no
  retransmit_tries = 3
  retransmit_timeout = 2.0
  plugins {
    vici {
      socket = unix://$inst/charon.vici
    }
  }
  syslog {
    daemon {
      default = -1
    }
    auth {
      default = -1
    }
  }
  filelog {
    charon {
      path = $inst/charon.log
      time_format = %H:%M:%S
      time_add_ms = yes
      default = 1
      ike = $CHARON_IKE_LEVEL
      knl = 2
      cfg = 2
      net = 1
      enc = 1
      flush_line = yes
      append = no
    }
  }
}
swanctl {
  load = $CHARON_SWANCTL_PLUGINS
}
EOF
  interop_spawn "$inst" "$ns" "$INTEROP_ROOT" "$inst/charon.out" \
    env STRONGSWAN_CONF="$inst/strongswan.conf" /usr/lib/ipsec/charon || return 1
  for _ in $(seq 1 100); do
    [ -S "$inst/charon.vici" ] && return 0
    kill -0 "$(cat "$inst/spawn.pid")" 2>/dev/null || break
    sleep 0.1
  done
  echo "charon_start: no vici socket at $inst/charon.vici" >&2
  cat "$inst/charon.out" >&2
  return 1
}

charon_load() {   # INST
  swanctl_cmd "$1" --load-all --noprompt
}

charon_initiate() {   # INST [CHILD]
  local inst=$1 child=${2:-ic}
  swanctl_cmd "$inst" --initiate --child "$child" --timeout 30 --loglevel 0
}

charon_sas() {   # INST
  swanctl_cmd "$1" --list-sas
}

charon_wait_child() {   # INST [CHILD] [SECS]
  local inst=$1 child=${2:-ic} secs=${3:-20}
  for _ in $(seq 1 $((secs * 2))); do
    swanctl_cmd "$inst" --list-sas --raw 2>/dev/null |
      grep -q "child-sas {.*name=$child .*state=INSTALLED" && return 0
    sleep 0.5
  done
  echo "charon_wait_child: no INSTALLED CHILD_SA $child after ${secs}s" >&2
  swanctl_cmd "$inst" --list-sas >&2
  return 1
}

charon_terminate() {   # INST [NAME]
  swanctl_cmd "$1" --terminate --ike "${2:-ic}" --timeout 10 --loglevel 0
}

charon_stop() {   # INST
  local inst=$1 pid
  pid=$(cat "$inst/run/charon.pid" 2>/dev/null || cat "$inst/spawn.pid" 2>/dev/null) || pid=
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$inst/run/charon.pid"; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null
  return 0
}

# The number of lines in the filelog: a mark for charon_mmqm_ms.
charon_log_mark() {   # INST
  wc -l < "$1/charon.log"
}

# "TOTAL MM QM" in milliseconds, from the filelog (time_format %H:%M:%S plus
# milliseconds) after line MARK: from "initiating Main Mode" to the next
# "IKE_SA ... established" (Main Mode) to the next "CHILD_SA ... established"
# (Quick Mode and the SAs installed), as the initiator sees them.
charon_mmqm_ms() {   # INST [MARK]
  awk -v mark="${2:-0}" '
    function ms(t,   a) { split(t, a, /[:.]/); return ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000 + a[4] }
    function d(a, b) { return b >= a ? b - a : b - a + 86400000 }
    NR <= mark { next }
    /initiating Main Mode/ && s == "" { s = ms($1) }
    /IKE_SA .* established/ && s != "" && m == "" { m = ms($1) }
    /CHILD_SA .* established/ && m != "" { c = ms($1); print d(s, c), d(s, m), d(m, c); found = 1; exit }
    END { if (!found) exit 1 }
  ' "$1/charon.log"
}

# "ICOOKIE,KEY" (hex) of the newest IKEv1 SA in the filelog, the form of
# tshark's -o 'uat:ikev1_decryption_table:"ICOOKIE","KEY"'.  Needs
# CHARON_IKE_LEVEL 4 (the level at which charon logs its keys).
charon_ike_keys() {   # INST
  local inst=$1 icookie
  icookie=$(swanctl_cmd "$inst" --list-sas 2>/dev/null |
    sed -n 's/.*IKEv1, \([0-9a-f]*\)_i.*/\1/p' | tail -1)
  [ -n "$icookie" ] || return 1
  awk -v c="$icookie" '
    /encryption key Ka =>/ { split($0, a, "=> "); n = a[2] + 0; key = ""; next }
    n > 0 && /\[IKE\] +[0-9]+: / {
      sub(/.*\[IKE\] +[0-9]+: /, "")
      for (i = 1; i <= 16 && n > 0; i++) { key = key tolower(substr($0, (i - 1) * 3 + 1, 2)); n-- }
      if (n == 0) last = key
    }
    END { if (last == "") exit 1; print c "," last }
  ' "$inst/charon.log"
}
