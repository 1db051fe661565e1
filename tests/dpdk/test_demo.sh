#!/usr/bin/env bash
# The README's main job, short: scripts/demo.sh --short must route a ping and
# a fragmented one (4000 bytes) with 0% loss and every UDP datagram of the counted flow between the client and
# server namespaces through carp-router on af_packet ports, and leave no
# namespace or process behind.
#   tests/dpdk/test_demo.sh [BUILD_DIR]
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
tl_init demo
build=$(cd "${1:-$TL_ROOT/build}" && pwd)

rc=0
BUILD_DIR=$build bash "$TL_ROOT/scripts/demo.sh" --short >"$TL_TMP/demo.log" 2>&1 || rc=$?
cat "$TL_TMP/demo.log"
((rc == 0)) || tl_fail "demo.sh exited with $rc"
[[ $(grep -Ec '^3 packets transmitted, 3 received, 0% packet loss' "$TL_TMP/demo.log") == 2 ]] ||
	tl_fail "not two 3/3 ping lines (plain, fragmented)"
grep -q '^udp: received 2000 of 2000 (duplicates 0, reordered 0)$' "$TL_TMP/demo.log" ||
	tl_fail "UDP flow incomplete"
# The router itself must have forwarded them (not some other path).
"$TL_PY" - "$TL_TMP/demo.log" <<'PY' || tl_fail "router counters do not show the traffic"
import re, sys
log = open(sys.argv[1]).read()
fwd = [int(n) for n in re.findall(r'^forwarded (\d+), dropped', log, re.M)]
# 2000 UDP + 2 x 3 pings and their replies (+ the warm-up) cross the router
if not fwd or max(fwd) < 2000 + 2 * 6:
    sys.exit(f"forwarded counters {fwd}, want >= 2012")
PY
if ip netns list | grep -q '^crdemo-'; then
	tl_fail "demo left namespaces: $(ip netns list | grep '^crdemo-' | tr '\n' ' ')"
fi
tl_log PASS
