#!/usr/bin/env bash
# Telemetry write commands against hostile input, through the real socket of
# a running router (issue 8 items 11 and 12): every reply is valid JSON
# (python json.loads on the raw bytes) for non-ASCII, control characters,
# quotes and backslashes; whitespace (space, tab, newline, CR) is refused the
# same way wherever it is; nothing unsafe is echoed; /carp/demote refuses a
# change that would overflow 0..255 instead of clamping (+200 +200 -200).
#   sudo tests/carpctl/test_tel_input.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh
. tests/carpctl/single_lib.sh
tl_init telin
tl_binary "${1:-build}"
tl_hugepages || tl_skip "hugepages unavailable (scripts/hugepages.sh)"

tl_netns_add r
tl_netns_add p
tl_veth r lan0 p peer0
ip -n "$(tl_ns r)" link set lan0 arp off
cat >"$TL_TMP/router.cfg" <<CFG
polling = "adaptive";
workers = [ 1 ];
control_lcore = 2;
ports = ( { name = "lan0"; device = "net_af_packet0"; addresses = [ "192.0.2.2/24" ]; } );
carp = {
	boot_demote = false;
	interfaces = ( { name = "carp0"; carpdev = "lan0"; vhid = 1;
	                 addresses = [ "192.0.2.1/24" ]; } );
};
CFG
sr_router "$TL_TMP/router.cfg"
"$TL_PY" tests/carpctl/tel_input.py "$TL_PREFIX" || tl_fail "telemetry input checks (above)"
tl_alive "$RTR" "$TL_TMP/router.log" carp-router
tl_log PASS
