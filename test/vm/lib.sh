# shellcheck shell=bash
# Helpers for VM-tier scenarios (test/vm/scenarios/*.sh), sourced with
#   . "$SRCDIR/test/vm/lib.sh"
# Same conventions as test/netns/lib.sh: each check prints "PASS: NAME",
# "FAIL: NAME" or "SKIP: NAME (reason)", and finish exits 1 if any failed.
# Inside the VM we are root in the initial namespaces of a throwaway machine,
# so namespaces may have fixed names.
#
#   check NAME CMD...          run CMD (in this shell: it may set variables);
#                              its output is shown only when it fails
#   skip NAME REASON
#   finish                     summary line, exit status 1 if a check failed
#   netns_new VAR [NAME]       create namespace NAME (default: VAR's name),
#                              store its name in $VAR, lo up; removed at exit
#   netns_veth NSA IFA NSB IFB veth pair IFA in NSA, IFB in NSB, both up
#   kernel_at_least MAJ.MIN.PATCH   true if the Debian package version of the
#                              running kernel (from /proc/version) is at least it
#   host_run CMD...            run CMD from the host's root file system (needs
#                              the header "# vm-host-root: yes"): chroot /host
#                              with the guest's /proc /sys /dev /run /tmp and
#                              VM_RESULTS bound in, cwd /; the rest is
#                              read-only.  In a namespace:
#                              ip netns exec NS chroot /host CMD...

vm_pass=0 vm_fail=0 vm_skip=0
vm_netns=()

vm_out=$(mktemp)

# CMD runs in this shell (not a subshell) so that helpers can set variables.
check() {
  local name=$1 rc
  shift
  if "$@" >"$vm_out" 2>&1; then rc=0; else rc=$?; fi
  if [ "$rc" -eq 0 ]; then
    echo "PASS: $name"
    vm_pass=$((vm_pass + 1))
  else
    echo "FAIL: $name (exit $rc: $*)"
    sed 's/^/    | /' "$vm_out"
    vm_fail=$((vm_fail + 1))
  fi
  return 0
}

skip() {
  echo "SKIP: $1 ($2)"
  vm_skip=$((vm_skip + 1))
}

finish() {
  echo "# $vm_pass passed, $vm_fail failed, $vm_skip skipped"
  [ "$vm_fail" -eq 0 ]
  exit
}

vm_cleanup() {
  local ns
  for ns in "${vm_netns[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -f "$vm_out"
}
trap vm_cleanup EXIT

netns_new() {
  local var=$1 name=${2:-$1}
  ip netns add "$name" || return 1
  vm_netns+=("$name")
  ip -n "$name" link set lo up || return 1
  printf -v "$var" '%s' "$name"
}

netns_veth() {
  ip link add "$2" netns "$1" type veth peer name "$4" netns "$3" || return 1
  ip -n "$1" link set "$2" up && ip -n "$3" link set "$4" up
}

kernel_at_least() {
  local have
  have=$(sed -n 's/.*Debian \([0-9][0-9.]*\)-.*/\1/p' /proc/version)
  [ -n "$have" ] || return 1
  [ "$(printf '%s\n%s\n' "$1" "$have" | sort -V | head -1)" = "$1" ]
}

host_run() {
  if [ ! -d /host/usr ]; then
    echo "host_run: no host root; add the header '# vm-host-root: yes'" >&2
    return 1
  fi
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin chroot /host "$@"
}
