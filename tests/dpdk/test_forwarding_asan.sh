#!/usr/bin/env bash
# test_forwarding.sh, test_forwarding6.sh, test_filter.sh and test_routes.sh against the ASan/UBSan build of
# carp-router: the same frames and assertions, plus any sanitizer report (the
# process would exit non-zero or not stop cleanly) fails it (a connected
# 0.0.0.0/0 once shifted by 32 per packet: UBSan halts on it). Note: ASan does not see inside
# mbuf/rte_malloc memory (Debian's DPDK is not instrumented), only our code's
# own heap, stack and globals.
#   tests/dpdk/test_forwarding_asan.sh [BUILD_DIR]   (uses BUILD_DIR-asan, or $ASAN_DIR)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
asan=${ASAN_DIR:-$build-asan}
[[ $asan == /* ]] || asan=$root/$asan
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
"$root/tests/dpdk/test_forwarding.sh" "$asan"
"$root/tests/dpdk/test_filter.sh" "$asan"
"$root/tests/dpdk/test_forwarding6.sh" "$asan"
exec "$root/tests/dpdk/test_routes.sh" "$asan"
