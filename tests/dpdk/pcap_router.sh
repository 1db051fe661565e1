# Sourced by tests/dpdk/test_*.sh after tests/lib/common.sh, tl_init,
# tl_binary and tl_hugepages: one run of carp-router on net_pcap vdevs.
#
# pcap_router_check TAG CFG IN.pcap EXPECT.json [TABLES.py]
#   Every frame of IN.pcap enters on port 0 (lan); port 1 (wan) reads an
#   empty pcap. Waits until the router has taken them all in (drain.py),
#   stops it cleanly (tx_pcap files are complete only once the ports are
#   closed), then asserts every output frame and counter (check_frames.py).
#   Each port has two tx queues (the worker's and the control lcore's):
#   net_pcap gives one per tx_pcap file, so the checker reads both.
#   TABLES.py (tests/dpdk/), if given, checks the router's tables over
#   telemetry while it still runs: TABLES.py PREFIX, exit 0 when right.
#
# pcap_router_tshark TAG: after pcap_router_check, tshark must decode every
#   frame the router sent with no expert info at all (malformed, bad
#   checksum, even a note).
#
# pcap_router_start TAG CFG IN0.pcap IN1.pcap EXPECT.json / pcap_router_stop
#   The same in two steps, with an input for each port, so a test can query
#   the running router between them (drained: port 0 took IN0 in). Sets
#   PR_DIR (logs, stats.json), PR_PREFIX (its telemetry), PR_OUT0/PR_OUT1
#   (each port's tx_pcap files, comma separated, as check_frames.py reads).

pcap_router_start() {
	local tag=$1 cfg=$2 in0=$3 in1=$4 expect=$5
	PR_DIR=$TL_TMP/$tag
	PR_PREFIX=$TL_PREFIX-$tag
	PR_OUT0=$PR_DIR/out0w.pcap,$PR_DIR/out0c.pcap
	PR_OUT1=$PR_DIR/out1w.pcap,$PR_DIR/out1c.pcap
	mkdir -p "$PR_DIR"
	"$TL_BIN" -c "$cfg" --check >"$PR_DIR/check.log" 2>&1 ||
		tl_fail "$cfg does not pass --check: $(tail -n 5 "$PR_DIR/check.log")"
	tl_start "$PR_DIR/router.log" "$TL_BIN" -l 0,1 --no-pci --huge-unlink -m 256 \
		--file-prefix "$PR_PREFIX" \
		--vdev "net_pcap0,rx_pcap=$in0,tx_pcap=${PR_OUT0/,/,tx_pcap=}" \
		--vdev "net_pcap1,rx_pcap=$in1,tx_pcap=${PR_OUT1/,/,tx_pcap=}" \
		-- -c "$cfg"
	PR_PID=$TL_PID
	PR_TAG=$tag
	TL_ON_FAIL+=("echo '--- $tag router log:'; tail -n 40 '$PR_DIR/router.log'")
	tl_wait_telemetry "$PR_PREFIX" 30 "$PR_PID"
	"$TL_PY" "$TL_ROOT/tests/dpdk/drain.py" "$PR_PREFIX" "$expect" >"$PR_DIR/stats.json" ||
		tl_fail "$tag: router did not consume the input pcap"
}

pcap_router_stop() {
	local rc=0
	tl_stop "$PR_PID" 15 || rc=$?
	((rc == 0)) || tl_fail "$PR_TAG: carp-router exited with status $rc on SIGTERM"
}

pcap_router_check() {
	local tag=$1 cfg=$2 in=$3 expect=$4 tables=${5:-}
	[[ -f $TL_TMP/none.pcap ]] ||
		"$TL_PY" -c "from scapy.all import wrpcap; wrpcap('$TL_TMP/none.pcap', [], linktype=1)"
	pcap_router_start "$tag" "$cfg" "$in" "$TL_TMP/none.pcap" "$expect"
	if [[ -n $tables ]]; then
		"$TL_PY" "$TL_ROOT/tests/dpdk/$tables" "$PR_PREFIX" || tl_fail "$tag: tables differ (above)"
	fi
	pcap_router_stop
	"$TL_PY" "$TL_ROOT/tests/dpdk/check_frames.py" "$expect" "$PR_OUT0" "$PR_OUT1" \
		--stats "$PR_DIR/stats.json" || tl_fail "$tag: output frames or counters differ (above)"
}

pcap_router_tshark() {
	local dir=$TL_TMP/$1 f
	command -v tshark >/dev/null || tl_fail "tshark not installed (scripts/packages.sh)"
	: >"$dir/expert"
	for f in "$dir"/out*.pcap; do
		tshark -n -o udp.check_checksum:TRUE -o tcp.check_checksum:TRUE -r "$f" -q \
			-z expert,note 2>/dev/null | grep -v '^\s*$' >>"$dir/expert" || true
	done
	[[ ! -s $dir/expert ]] || tl_fail "$1: tshark expert info on the router's frames: $(cat "$dir/expert")"
	tl_log "$1: tshark finds no expert info in $(cat "$dir"/out*.pcap | wc -c) bytes of output"
}
