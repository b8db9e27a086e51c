#!/bin/bash
# Handover figures of mip6d in the VM (not pass/fail): boots the VM tier
# with test/bench/mip6d_vm_handover.scenario and prints link up -> first
# reply at the first registration and the ping outage at 5 handovers,
# without IPsec and with static ESP SAs, beside the anchor's figures.
#   test/bench/mip6d_vm_handover.sh [test/vm/run options, e.g. --results DIR]
# Environment: BUILDDIR as for test/vm/run.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec "$here/../vm/run" "$@" "$here/mip6d_vm_handover.scenario"
