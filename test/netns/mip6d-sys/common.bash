# Shared by the mip6d-sys netns scripts (sourced after lib.sh).
D=$BUILDDIR/test/netns/mip6d-sys/sysdrv
_bg_dir=$(mktemp -d)
trap '_netns_cleanup; rm -rf "$_bg_dir"' EXIT

# bg NAME NS ARGS...: runs sysdrv ARGS in NS in the background, output in
# $_bg_dir/NAME, and returns once it printed "ready" (or after 3 s).
bg() {
	local name=$1 ns=$2 i
	shift 2
	ip netns exec "$ns" "$D" "$@" >"$_bg_dir/$name" 2>&1 &
	eval "_bg_pid_$name=$!"
	for i in $(seq 30); do
		grep -q '^ready' "$_bg_dir/$name" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
# bg_wait NAME: waits for it to end; its output is in $_bg_dir/NAME.
bg_wait() {
	local pid
	eval "pid=\$_bg_pid_$1"
	wait "$pid"
}
