# shellcheck shell=bash
# What test/interop/charon.sh and test/interop/racoon_conf.sh share:
#
# interop_exec CMD...  runs a program of INTEROP_ROOT: in the VM with
#   "# vm-host-root: yes" that is the host's root at /host (chroot; charon,
#   swanctl and openssl are not in the guest), elsewhere /.
#
# interop_spawn INST NS ROOT OUT CMD...  starts CMD in the background in
#   namespace NS with INST/run bind-mounted over ROOT's /run (a private pid
#   file, sockets), chrooted into ROOT unless it is /; stdout and stderr to
#   OUT, its pid in INST/spawn.pid.  For charon and, later, racoond.
#
# interop_params KEY=VALUE...  the parameters of swanctl_conf and racoon_conf,
#   so that one scenario line describes both ends:
#
#   name=ic                 connection and child name
#   local=ADDR remote=ADDR  IKE endpoints (required)
#   auth=psk|cert           Main Mode authentication (default psk)
#   psk=SECRET              the pre-shared key (auth=psk)
#   cert=FILE key=FILE ca=FILE   PEM files (auth=cert); copied into x509/,
#                           private/, x509ca/
#   my_id=ID peer_id=ID     identities; default the IP address with psk (Main
#                           Mode looks PSKs up by IP), the certificate's subject
#                           DN and any DN signed by the CA with cert
#   mode=transport|tunnel   child mode (default transport)
#   local_ts=PFX remote_ts=PFX   child selectors (default LOCAL/128 and
#                           REMOTE/128, /32 for IPv4)
#   proto=N                 upper-layer protocol of the selectors (default any)
#   reqid=N                 fixed reqid (default 0: charon picks one)
#   start=none|trap         charon: trap installs trap policies and an ACQUIRE
#                           starts the negotiation (default none: charon_initiate);
#                           racoon: ignored (its SPD comes from racoon_spd)
#   ike=aes128-sha1-modp2048 esp=aes128-sha1-modp2048   proposals (seed 000's);
#                           esp's DH group is the PFS group
#   ike_lifetime=SECS child_lifetime=SECS  (defaults 24 h and 4 h as seed 000)
#   frag=yes|no|force       IKE fragmentation (default yes, seed 000's
#                           `ike_frag on`): charon then splits Main Mode's
#                           ID CERT SIG message over IPv6 into two FRAG payloads
#   role=initiator|responder   racoon: `passive off` and `remote REMOTE`, or
#                           `passive on` and `remote anonymous` (seed 000's HA);
#                           charon answers and initiates whatever its role
#
# Reads KEY=VALUE arguments into the caller's associative array `p`, with the
# defaults both generators share.  Unknown keys are an error.
interop_params() {
  p=([name]=ic [auth]=psk [mode]=transport [reqid]=0 [start]=none [proto]=any
     [ike]=aes128-sha1-modp2048 [esp]=aes128-sha1-modp2048
     [ike_lifetime]=86400 [child_lifetime]=14400 [role]=initiator [frag]=yes
     [local]="" [remote]="" [psk]="" [cert]="" [key]="" [ca]="" [my_id]="" [peer_id]=""
     [local_ts]="" [remote_ts]="")
  local kv
  for kv in "$@"; do
    case $kv in
      *=*) ;;
      *) echo "interop_params: '$kv' is not KEY=VALUE" >&2; return 1 ;;
    esac
    if [ -z "${p[${kv%%=*}]+set}" ]; then
      echo "interop_params: unknown key '${kv%%=*}'" >&2
      return 1
    fi
    p[${kv%%=*}]=${kv#*=}
  done
  [ -n "${p[local]}" ] && [ -n "${p[remote]}" ] ||
    { echo "interop_params: local= and remote= are required" >&2; return 1; }
  case ${p[auth]} in
    psk) [ -n "${p[psk]}" ] || { echo "interop_params: auth=psk needs psk=" >&2; return 1; } ;;
    cert) [ -f "${p[cert]}" ] && [ -f "${p[key]}" ] && [ -f "${p[ca]}" ] ||
            { echo "interop_params: auth=cert needs cert=, key=, ca= files" >&2; return 1; } ;;
    *) echo "interop_params: auth must be psk or cert" >&2; return 1 ;;
  esac
  case ${p[mode]} in transport|tunnel) ;; *)
    echo "interop_params: mode must be transport or tunnel" >&2; return 1 ;; esac
  case ${p[frag]} in yes|no|force) ;; *)
    echo "interop_params: frag must be yes, no or force" >&2; return 1 ;; esac
  case ${p[role]} in initiator|responder) ;; *)
    echo "interop_params: role must be initiator or responder" >&2; return 1 ;; esac
  local host=128
  case ${p[local]} in *:*) ;; *) host=32 ;; esac
  [ -n "${p[local_ts]}" ] || p[local_ts]=${p[local]}/$host
  [ -n "${p[remote_ts]}" ] || p[remote_ts]=${p[remote]}/$host
}


INTEROP_ROOT=${INTEROP_ROOT:-$( [ -d /host/usr/lib/ipsec ] && echo /host || echo / )}

interop_exec() {
  if [ "$INTEROP_ROOT" = / ]; then
    "$@"
  else
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin chroot "$INTEROP_ROOT" "$@"
  fi
}

interop_spawn() {   # INST NS ROOT OUT CMD...
  local inst=$1 ns=$2 root=$3 out=$4 chroot=()
  shift 4
  mkdir -p "$inst/run" || return 1
  [ "$root" = / ] || chroot=(chroot "$root")
  # ip netns exec gives a private mount namespace: the bind stays with CMD.
  ip netns exec "$ns" bash -c '
    mount --bind "$1" "$2/run" || exit 1
    shift 2
    exec "$@"' interop-spawn "$inst/run" "${root%/}" \
    "${chroot[@]}" "$@" > "$out" 2>&1 &
  echo $! > "$inst/spawn.pid"
}
