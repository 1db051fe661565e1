#!/usr/bin/env bash
# End to end on net_pcap vdevs: routes of prefix length 0, 1, 31 and 32,
# connected (out of a port, no gateway) and through a gateway
# (gen_routes.py says what each frame must become). A connected default
# route used to drop every packet as ip_multicast (UINT32_MAX << 32); a
# subnet broadcast is now counted as subnet_broadcast.
#   tests/dpdk/test_routes.sh [BUILD_DIR [SCENARIO...]]   (default: c0 g0 c1 g1)
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/pcap_router.sh"
tl_init routes
tl_binary "${1:-$TL_ROOT/build}"
tl_hugepages

scenarios=("${@:2}")
((${#scenarios[@]})) || scenarios=(c0 g0 c1 g1)
for s in "${scenarios[@]}"; do
	mkdir -p "$TL_TMP/$s"
	"$TL_PY" "$TL_ROOT/tests/dpdk/gen_routes.py" "$s" "$TL_TMP/$s"
	pcap_router_check "$s" "$TL_TMP/$s/router.cfg" "$TL_TMP/$s/in.pcap" "$TL_TMP/$s/expect.json"
	tl_log "$s ok"
done
tl_log "PASS"
