# Shared by the libxfrm netns scripts: the driver, and a background event
# listener whose output a test reads once it has exited.
XD_BIN="$BUILDDIR/test/netns/libxfrm/xfrm_driver"
TMPD=$(mktemp -d)
trap '_netns_cleanup; rm -rf "$TMPD"' EXIT

# xd NS ARGS...: run the driver in namespace NS.
xd() {
	local ns=$1
	shift
	ip netns exec "$ns" "$XD_BIN" "$@"
}

# listen_start NS COUNT SECONDS: the listener writes $TMPD/events and is
# subscribed when this returns.
listen_start() {
	rm -f "$TMPD/ready" "$TMPD/events"
	xd "$1" listen "$2" "$3" "$TMPD/ready" >"$TMPD/events" 2>"$TMPD/listen.err" &
	LISTEN_PID=$!
	local i
	for i in $(seq 50); do
		[ -e "$TMPD/ready" ] && return 0
		sleep 0.1
	done
	return 1
}

listen_wait() {
	wait "$LISTEN_PID" || { cat "$TMPD/listen.err" "$TMPD/events" >&2; false; }
}

# has_event LINE: the listener printed exactly LINE.
has_event() {
	grep -qxF -- "$1" "$TMPD/events" || { echo "missing event: $1" >&2; cat "$TMPD/events" >&2; false; }
}

# has_event_re REGEX: the listener printed a line matching REGEX.
has_event_re() {
	grep -q -- "$1" "$TMPD/events" || { echo "no event matching: $1" >&2; cat "$TMPD/events" "$TMPD/listen.err" >&2; false; }
}

# out_has TEXT CMD...: CMD's output contains TEXT.
out_has() {
	local text=$1
	shift
	"$@" 2>&1 | grep -qF -- "$text" || { echo "no '$text' in: $*" >&2; "$@" >&2; false; }
}

# out_is TEXT CMD...: CMD's output is exactly TEXT.
out_is() {
	local text=$1 got
	shift
	got=$("$@" 2>&1)
	[ "$got" = "$text" ] || { printf 'expected: %s\ngot:      %s\n' "$text" "$got" >&2; false; }
}
