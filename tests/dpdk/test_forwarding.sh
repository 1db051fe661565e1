#!/usr/bin/env bash
# End to end: the real carp-router on net_pcap vdevs (rx_pcap in, tx_pcap
# out) on hugepages, fed the frames of gen_frames.py; asserts every output
# frame (check_frames.py) and that each drop reason and fast-path event
# counter moved by exactly the number of frames sent for it.
#   tests/dpdk/test_forwarding.sh [BUILD_DIR]
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/pcap_router.sh"
tl_init fwd
tl_binary "${1:-$TL_ROOT/build}"
tl_hugepages
here=$TL_ROOT/tests/dpdk
cfg=$here/forwarding.cfg

"$TL_PY" "$here/gen_frames.py" "$TL_TMP/in.pcap" "$TL_TMP/expect.json"
pcap_router_check fwd "$cfg" "$TL_TMP/in.pcap" "$TL_TMP/expect.json"
tl_log "PASS"
