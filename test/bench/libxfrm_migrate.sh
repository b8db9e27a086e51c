#!/usr/bin/env bash
# Runs test/bench/libxfrm_migrate in a throwaway network namespace.
#   BUILDDIR=build test/bench/libxfrm_migrate.sh [-n POLICIES] [-t SECONDS]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${BUILDDIR:-$top/build}/test/bench/libxfrm_migrate
[ -x "$bin" ] || { echo "build first: $bin is missing" >&2; exit 1; }
ns=bench$$_$RANDOM
ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT
ip netns exec "$ns" "$bin" "$@"
