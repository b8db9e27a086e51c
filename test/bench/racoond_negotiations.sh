#!/bin/bash
# Negotiations per second of racoond as responder against concurrent
# initiators (certificates, modp2048), beside the crypto bound, in one VM
# boot: builds test/bench/racoond_crypto_bound.c against the build's
# libikecrypto into $BUILDDIR/test/bench/ (so the VM image carries it), then
# runs test/bench/racoond_negotiations.scenario.
#   test/bench/racoond_negotiations.sh [N [R]]
# N initiators (default 4), R rounds (default 3); env BUILDDIR, and
# BENCH_RESULTS=DIR to keep the guest's files (test/vm/run --results).
set -euo pipefail
SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILDDIR=$(realpath -m "${BUILDDIR:-$SRCDIR/build}")
export SRCDIR BUILDDIR
mkdir -p "$BUILDDIR/test/bench"
${CC:-cc} -std=gnu11 -O2 -Wall -Wextra -I"$SRCDIR" -I"$BUILDDIR" \
  -o "$BUILDDIR/test/bench/racoond_crypto_bound" "$SRCDIR/test/bench/racoond_crypto_bound.c" \
  "$BUILDDIR/racoond/crypto/libikecrypto.a" "$BUILDDIR/common/libcommon.a" -lcrypto
exec "$SRCDIR/test/vm/run" ${BENCH_RESULTS:+--results "$BENCH_RESULTS"} \
  "$SRCDIR/test/bench/racoond_negotiations.scenario" "$@"
