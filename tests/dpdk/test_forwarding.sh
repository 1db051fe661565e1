#!/usr/bin/env bash
# End to end: the real carp-router on net_pcap vdevs (rx_pcap in, tx_pcap
# out) on hugepages, fed the frames of gen_frames.py; asserts every output
# frame (check_frames.py) and that each drop reason and fast-path event
# counter moved by exactly the number of frames sent for it.
#   tests/dpdk/test_forwarding.sh [BUILD_DIR]
# FWD_FRAMES / FWD_CFG / FWD_TABLES (test_forwarding6.sh): another frame
# generator, config and table checker under the same harness.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
tl_init "${FWD_NAME:-fwd}"
tl_binary "${1:-$TL_ROOT/build}"
tl_hugepages
here=$TL_ROOT/tests/dpdk
cfg=$here/${FWD_CFG:-forwarding.cfg}

"$TL_PY" "$here/${FWD_FRAMES:-gen_frames.py}" "$TL_TMP/in.pcap" "$TL_TMP/expect.json"
"$TL_PY" -c "from scapy.all import wrpcap; wrpcap('$TL_TMP/none.pcap', [], linktype=1)"
"$TL_BIN" -c "$cfg" --check >"$TL_TMP/check.log" 2>&1 ||
	tl_fail "$cfg does not pass --check: $(tail -n 5 "$TL_TMP/check.log")"

# All frames enter on lan (port 0); wan (port 1) reads an empty pcap. Each
# port has two tx queues (the worker's and the control lcore's): net_pcap
# gives one per tx_pcap file, so the checker reads both files of a port.
out0=$TL_TMP/out0w.pcap,$TL_TMP/out0c.pcap
out1=$TL_TMP/out1w.pcap,$TL_TMP/out1c.pcap
tl_start "$TL_TMP/router.log" "$TL_BIN" -l 0,1 --no-pci --huge-unlink -m 256 \
	--file-prefix "$TL_PREFIX" \
	--vdev "net_pcap0,rx_pcap=$TL_TMP/in.pcap,tx_pcap=${out0/,/,tx_pcap=}" \
	--vdev "net_pcap1,rx_pcap=$TL_TMP/none.pcap,tx_pcap=${out1/,/,tx_pcap=}" \
	-- -c "$cfg"
router=$TL_PID
TL_ON_FAIL+=("echo '--- router log:'; tail -n 40 '$TL_TMP/router.log'")

tl_wait_telemetry "$TL_PREFIX" 30 "$router"
"$TL_PY" "$here/drain.py" "$TL_PREFIX" "$TL_TMP/expect.json" >"$TL_TMP/stats.json" ||
	tl_fail "router did not consume the input pcap"
# FWD_TABLES: a checker of the router's tables while it still runs.
if [[ -n ${FWD_TABLES:-} ]]; then
	"$TL_PY" "$here/$FWD_TABLES" "$TL_PREFIX" || tl_fail "tables differ (above)"
fi

# tx_pcap files are complete only after the ports are closed: clean stop.
rc=0
tl_stop "$router" 15 || rc=$?
((rc == 0)) || tl_fail "carp-router exited with status $rc on SIGTERM"

"$TL_PY" "$here/check_frames.py" "$TL_TMP/expect.json" "$out0" "$out1" \
	--stats "$TL_TMP/stats.json" ||
	tl_fail "output frames or counters differ (above)"
# FWD_TSHARK=1: tshark must decode every frame the router sent with no
# expert info at all (malformed, bad checksum, even a note).
if [[ -n ${FWD_TSHARK:-} ]]; then
	command -v tshark >/dev/null || tl_fail "tshark not installed (scripts/packages.sh)"
	IFS=, read -ra outs <<<"$out0,$out1"
	for f in "${outs[@]}"; do
		tshark -n -o udp.check_checksum:TRUE -o tcp.check_checksum:TRUE -r "$f" -q \
			-z expert,note 2>/dev/null | grep -v '^\s*$' >>"$TL_TMP/expert" || true
	done
	[[ ! -s $TL_TMP/expert ]] || tl_fail "tshark expert info on the router's frames: $(cat "$TL_TMP/expert")"
	tl_log "tshark: no expert info on $(cat "${outs[@]}" | wc -c) bytes of output"
fi
tl_log "PASS"
