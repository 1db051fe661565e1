#!/usr/bin/env bash
# IPv6 end to end: test_forwarding.sh's harness (real carp-router on
# net_pcap vdevs, every output frame byte-checked, every drop reason and
# event counted) with gen_frames6.py's frames and forwarding6.cfg:
# forwarding, ICMPv6 errors, NDP, echo; then /router/routes6 and
# /router/neighbors6 (check_tables6.py: statics and what NDP taught it), and
# tshark decodes every frame the router sent (NA, echo replies, ICMPv6
# errors, NS, forwarded) without expert info.
#   tests/dpdk/test_forwarding6.sh [BUILD_DIR]
set -euo pipefail
export FWD_NAME=fwd6 FWD_FRAMES=gen_frames6.py FWD_CFG=forwarding6.cfg FWD_TABLES=check_tables6.py FWD_TSHARK=1
exec "$(dirname "$0")/test_forwarding.sh" "$@"
