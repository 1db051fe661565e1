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
tl_init filter
tl_binary "${1:-$TL_ROOT/build}"
tl_hugepages
here=$TL_ROOT/tests/dpdk
cfg=$here/filter.cfg

"$TL_PY" "$here/gen_filter_frames.py" "$TL_TMP/in0.pcap" "$TL_TMP/in1.pcap" "$TL_TMP/expect.json"
"$TL_BIN" -c "$cfg" --check >"$TL_TMP/check.log" 2>&1 ||
	tl_fail "$cfg does not pass --check: $(tail -n 5 "$TL_TMP/check.log")"

# Two tx queues per port (worker, control lcore): one tx_pcap file each.
out0=$TL_TMP/out0w.pcap,$TL_TMP/out0c.pcap
out1=$TL_TMP/out1w.pcap,$TL_TMP/out1c.pcap
tl_start "$TL_TMP/router.log" "$TL_BIN" -l 0,1 --no-pci --huge-unlink -m 256 \
	--file-prefix "$TL_PREFIX" \
	--vdev "net_pcap0,rx_pcap=$TL_TMP/in0.pcap,tx_pcap=${out0/,/,tx_pcap=}" \
	--vdev "net_pcap1,rx_pcap=$TL_TMP/in1.pcap,tx_pcap=${out1/,/,tx_pcap=}" \
	-- -c "$cfg"
router=$TL_PID
TL_ON_FAIL+=("echo '--- router log:'; tail -n 40 '$TL_TMP/router.log'")

tl_wait_telemetry "$TL_PREFIX" 30 "$router"
"$TL_PY" "$here/drain.py" "$TL_PREFIX" "$TL_TMP/expect.json" >"$TL_TMP/stats.json" ||
	tl_fail "router did not consume the input pcaps"
"$TL_PY" "$here/check_pf.py" "$TL_PREFIX" || tl_fail "/pf telemetry differs (above)"
# scripts/pfctl's views of the same run, line for line
pfctl=$TL_ROOT/scripts/pfctl
[[ $("$pfctl" -f "$TL_PREFIX" -ss) == "all tcp 198.51.100.9:80 <- 192.0.2.10:40000    ESTABLISHED:SYN_SENT
all tcp 198.51.100.1:61000 (192.0.2.10:40000) -> 198.51.100.9:80    ESTABLISHED:SYN_SENT" ]] ||
	tl_fail "pfctl -ss: $("$pfctl" -f "$TL_PREFIX" -ss)"
"$pfctl" -f "$TL_PREFIX" -vsr >"$TL_TMP/vsr" || tl_fail "pfctl -vsr failed"
grep -qx '@0 block all' "$TL_TMP/vsr" && grep -qx '@2 match out on wan inet from lan:network nat-to wan port 61000' "$TL_TMP/vsr" &&
	grep -Eqx '  \[ Evaluations: 36 +Packets: 34 +Bytes: 1360 +States: 0 +\]' "$TL_TMP/vsr" ||
	tl_fail "pfctl -vsr: $(cat "$TL_TMP/vsr")"
"$pfctl" -f "$TL_PREFIX" -si >"$TL_TMP/si" || tl_fail "pfctl -si failed"
grep -Eqx '  current entries +2' "$TL_TMP/si" && grep -Eqx '  state-mismatch +1' "$TL_TMP/si" &&
	grep -Eqx '  match +36' "$TL_TMP/si" || tl_fail "pfctl -si: $(cat "$TL_TMP/si")"

rc=0
tl_stop "$router" 15 || rc=$?
((rc == 0)) || tl_fail "carp-router exited with status $rc on SIGTERM"

"$TL_PY" "$here/check_frames.py" "$TL_TMP/expect.json" "$out0" "$out1" \
	--stats "$TL_TMP/stats.json" ||
	tl_fail "output frames or counters differ (above)"
tl_log "PASS"
