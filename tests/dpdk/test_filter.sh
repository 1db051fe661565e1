#!/usr/bin/env bash
# End to end, the stateful filter: the real carp-router on net_pcap vdevs
# with filter.cfg (rules filter_pf.conf), fed gen_filter_frames.py's frames
# on both ports; asserts the NAT'd SYN and the SYN|ACK translated back byte
# for byte (check_frames.py), that nothing else left, and that pf_blocked
# and pf_state_mismatch counted exactly the frames sent for them, and that
# /pf/info, /pf/rules and /pf/states (paged) say so too (check_pf.py).
#   tests/dpdk/test_filter.sh [BUILD_DIR]
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/pcap_router.sh"
tl_init filter
tl_binary "${1:-$TL_ROOT/build}"
tl_hugepages
here=$TL_ROOT/tests/dpdk
cfg=$here/filter.cfg

"$TL_PY" "$here/gen_filter_frames.py" "$TL_TMP/in0.pcap" "$TL_TMP/in1.pcap" "$TL_TMP/expect.json"
pcap_router_start filter "$cfg" "$TL_TMP/in0.pcap" "$TL_TMP/in1.pcap" "$TL_TMP/expect.json"
"$TL_PY" "$here/check_pf.py" "$PR_PREFIX" || tl_fail "/pf telemetry differs (above)"
# scripts/pfctl's views of the same run, line for line
pfctl=$TL_ROOT/scripts/pfctl
[[ $("$pfctl" -f "$PR_PREFIX" -ss) == "all tcp 198.51.100.9:80 <- 192.0.2.10:40000    ESTABLISHED:SYN_SENT
all tcp 198.51.100.1:61000 (192.0.2.10:40000) -> 198.51.100.9:80    ESTABLISHED:SYN_SENT" ]] ||
	tl_fail "pfctl -ss: $("$pfctl" -f "$PR_PREFIX" -ss)"
"$pfctl" -f "$PR_PREFIX" -vsr >"$TL_TMP/vsr" || tl_fail "pfctl -vsr failed"
grep -qx '@0 block all' "$TL_TMP/vsr" && grep -qx '@2 match out on wan inet from lan:network nat-to wan port 61000' "$TL_TMP/vsr" &&
	grep -Eqx '  \[ Evaluations: 36 +Packets: 34 +Bytes: 1360 +States: 0 +\]' "$TL_TMP/vsr" ||
	tl_fail "pfctl -vsr: $(cat "$TL_TMP/vsr")"
"$pfctl" -f "$PR_PREFIX" -si >"$TL_TMP/si" || tl_fail "pfctl -si failed"
grep -Eqx '  current entries +2' "$TL_TMP/si" && grep -Eqx '  state-mismatch +1' "$TL_TMP/si" &&
	grep -Eqx '  match +36' "$TL_TMP/si" || tl_fail "pfctl -si: $(cat "$TL_TMP/si")"

pcap_router_stop

"$TL_PY" "$here/check_frames.py" "$TL_TMP/expect.json" "$PR_OUT0" "$PR_OUT1" \
	--stats "$PR_DIR/stats.json" ||
	tl_fail "output frames or counters differ (above)"
tl_log "PASS"
