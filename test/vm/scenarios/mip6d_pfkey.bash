# shellcheck shell=bash
# SADB_X_MIGRATE messages caught by `setkey -x` in a namespace, one line each
# (a promiscuous PF_KEY socket gets each broadcast twice, back to back: uniq):
#   DIR SRC/PLEN>DST/PLEN ulp=P esp MODE reqid=R OLDSRC>OLDDST NEWSRC>NEWDST km=LOCAL>REMOTE seq=S pid=P
# The anchor's "any" upper protocol: the kernel copies the selector's
# protocol, 0, into sadb_address_proto.  Sourced by mip6d_handover.sh and mip6d_nemo.sh.
pfkey_migrates() { # FILE
  awk '
    function flush() {
      if (m) print dir " " src ">" dst " ulp=" ulp " " rq[1] " " rq[2] " km=" km " " sp
      m = 0; n = 0; km = "-"
    }
    /^sadb_msg\{/ { flush(); m = ($0 ~ /SADB_X_MIGRATE/); next }
    m && /^  len=/ { sp = $3 " " $4 }
    m && /^sadb_address\{/ {
      a = ""; p = ""; l = ""
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^addr=/) a = substr($i, 6)
        if ($i ~ /^proto=/) p = substr($i, 7)
        if ($i ~ /^prefixlen=/) l = substr($i, 11)
      }
      if ($0 ~ /SRC/) { src = a "/" l; ulp = p } else dst = a "/" l
    }
    m && /^sadb_x_policy\{/ {
      d = $3; sub(/dir=/, "", d)
      dir = d == 1 ? "in" : d == 2 ? "out" : d == 3 ? "fwd" : "dir" d
    }
    m && /^  sadb_x_ipsecrequest\{/ {
      s = "-"; t = "-"
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^proto=/) pr = substr($i, 7)
        if ($i ~ /^mode=/) md = substr($i, 6)
        if ($i ~ /^reqid=/) rid = substr($i, 7)
        if ($i ~ /^src=/) s = substr($i, 5)
        if ($i ~ /^dst=/) t = substr($i, 5)
      }
      n++
      rq[n] = s ">" t
      if (n == 1) { ulp = ulp " " (pr == 50 ? "esp" : "proto" pr) " " (md == 1 ? "transport" : md == 2 ? "tunnel" : "mode" md) " reqid=" rid; }
    }
    m && /^  local=/ { l = $1; r = $2; sub(/local=/, "", l); sub(/remote=/, "", r); km = l ">" r }
    END { flush() }' "$1" | uniq
}
# The messages of FILE whose KMADDRESS names ADDR, without the broadcast's
# "seq=0 pid=0", are exactly the expected lines, in any order.
pfkey_expect() { # FILE ADDR EXPECTED-LINES
  local got want
  got=$(pfkey_migrates "$1" | grep " km=[^ ]*$2" | sed 's/ seq=0 pid=0$//' | sort)
  want=$(printf '%s\n' "$3" | sort)
  [ "$got" = "$want" ] && return 0
  echo "expected:"; echo "$want"; echo "got (all SADB_X_MIGRATE):"; pfkey_migrates "$1"
  false
}
