#!/bin/bash
# Dynamic keying figures of mip6d + racoond in the VM (not pass/fail): runs
# test/vm/scenarios/mip6d_racoond.sh (seed 000's configurations, racoond on
# both nodes, ping6 CN -> HoA every 50 ms) with more handovers, and prints
# its figures beside the anchor's: link up -> first reply at the first
# registration (Phase 1 and Quick Mode included), the outage of each
# AR1/AR2 handover, and the renegotiation by the passive HA of a lost
# tunnel SA.
#   test/bench/mip6d_racoond_vm.sh [HANDOVERS] (odd, default 9)
# Environment: BUILDDIR as for test/vm/run.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$here/../vm/run" "$here/../vm/scenarios/mip6d_racoond.sh" "${1:-9}" >"$out"
rc=$?
sed -n '/^mip6d + racoond/,/^# /p' "$out"
grep -c '^FAIL' "$out" | sed 's/^/checks failed: /'
exit $rc
