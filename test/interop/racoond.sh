# shellcheck shell=bash
# Stopping the racoond of a scenario:
#   . "$SRCDIR/test/interop/racoond.sh"
#   racoond_stop DIR [SIGNAL]
# sends SIGNAL (default TERM) to the racoond whose pid file is DIR/racoon.pid
# and waits up to 5 s for it to exit; one still running then gets SIGKILL and
# the call fails (a racoond that ignores SIGTERM is a bug).  No pid file or
# no such process: success.

racoond_stop() {
  local pid
  pid=$(cat "$1/racoon.pid" 2>/dev/null) || return 0
  kill "-${2:-TERM}" "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null
  return 1
}
