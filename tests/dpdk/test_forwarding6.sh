#!/usr/bin/env bash
# IPv6 end to end: the real carp-router on net_pcap vdevs (pcap_router.sh)
# with forwarding6.cfg, fed gen_frames6.py's frames: forwarding, ICMPv6
# errors, NDP, echo -- every output frame byte for byte, every drop reason
# and event counted; /router/routes6 and /router/neighbors6 while it runs
# (check_tables6.py: the statics and what NDP taught it); tshark decodes
# every frame the router sent (NA, echo replies, ICMPv6 errors, NS,
# forwarded) without expert info.
#   tests/dpdk/test_forwarding6.sh [BUILD_DIR]
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/pcap_router.sh"
tl_init fwd6
tl_binary "${1:-$TL_ROOT/build}"
tl_hugepages
here=$TL_ROOT/tests/dpdk

"$TL_PY" "$here/gen_frames6.py" "$TL_TMP/in.pcap" "$TL_TMP/expect.json"
pcap_router_check fwd6 "$here/forwarding6.cfg" "$TL_TMP/in.pcap" "$TL_TMP/expect.json" \
	check_tables6.py
pcap_router_tshark fwd6
tl_log "PASS"
