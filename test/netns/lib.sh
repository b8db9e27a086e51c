# Helpers for netns tests: throwaway network namespaces on the host kernel.
# Source it from a test script; every namespace made here is removed when the
# script exits, whether it passes, fails or is interrupted.
#
#   netns_new VAR            create a namespace, store its name in $VAR
#   netns_veth NSA IFA NSB IFB   veth pair between two namespaces, links up
#   check NAME CMD...        run CMD; print PASS: NAME or FAIL: NAME
#   skip NAME REASON         print SKIP: NAME (REASON)
#   finish                   exit 1 if any check failed, else 0

# Results go to fd 3 (the script's stdout), so `check NAME cmd >/dev/null`
# silences the command, not the verdict.
exec 3>&1
_netns_list=()
_netns_failed=0
_netns_passed=0

_netns_cleanup() {
	local ns
	for ns in "${_netns_list[@]}"; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
}
trap _netns_cleanup EXIT
trap 'exit 130' INT TERM

netns_require_root() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: $(basename "$0") (needs root)"
		exit 77
	fi
}

netns_new() {
	local name="mi$$_${#_netns_list[@]}_$RANDOM"
	ip netns add "$name" || return 1
	_netns_list+=("$name")
	ip -n "$name" link set lo up
	# No DAD: tests must not wait for it unless they test it.
	ip netns exec "$name" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
	printf -v "$1" '%s' "$name"
}

netns_veth() {
	local nsa=$1 ifa=$2 nsb=$3 ifb=$4
	ip link add "tmp$$a" type veth peer name "tmp$$b" || return 1
	ip link set "tmp$$a" netns "$nsa" name "$ifa" &&
	ip link set "tmp$$b" netns "$nsb" name "$ifb" &&
	ip -n "$nsa" link set "$ifa" up &&
	ip -n "$nsb" link set "$ifb" up
}

check() {
	local name=$1
	shift
	if "$@"; then
		echo "PASS: $name" >&3
		_netns_passed=$((_netns_passed + 1))
	else
		echo "FAIL: $name" >&3
		_netns_failed=$((_netns_failed + 1))
	fi
}

skip() {
	echo "SKIP: $1 ($2)" >&3
}

finish() {
	[ "$_netns_failed" -eq 0 ]
	exit $?
}
