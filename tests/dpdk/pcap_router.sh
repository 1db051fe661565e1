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

pcap_router_check() {
	local tag=$1 cfg=$2 in=$3 expect=$4 tables=${5:-}
	local here=$TL_ROOT/tests/dpdk dir=$TL_TMP/$tag prefix=$TL_PREFIX-$tag rc=0
	mkdir -p "$dir"
	[[ -f $TL_TMP/none.pcap ]] ||
		"$TL_PY" -c "from scapy.all import wrpcap; wrpcap('$TL_TMP/none.pcap', [], linktype=1)"
	"$TL_BIN" -c "$cfg" --check >"$dir/check.log" 2>&1 ||
		tl_fail "$cfg does not pass --check: $(tail -n 5 "$dir/check.log")"
	local out0=$dir/out0w.pcap,$dir/out0c.pcap out1=$dir/out1w.pcap,$dir/out1c.pcap
	tl_start "$dir/router.log" "$TL_BIN" -l 0,1 --no-pci --huge-unlink -m 256 \
		--file-prefix "$prefix" \
		--vdev "net_pcap0,rx_pcap=$in,tx_pcap=${out0/,/,tx_pcap=}" \
		--vdev "net_pcap1,rx_pcap=$TL_TMP/none.pcap,tx_pcap=${out1/,/,tx_pcap=}" \
		-- -c "$cfg"
	local router=$TL_PID
	TL_ON_FAIL+=("echo '--- $tag router log:'; tail -n 40 '$dir/router.log'")

	tl_wait_telemetry "$prefix" 30 "$router"
	"$TL_PY" "$here/drain.py" "$prefix" "$expect" >"$dir/stats.json" ||
		tl_fail "$tag: router did not consume the input pcap"
	if [[ -n $tables ]]; then
		"$TL_PY" "$here/$tables" "$prefix" || tl_fail "$tag: tables differ (above)"
	fi
	tl_stop "$router" 15 || rc=$?
	((rc == 0)) || tl_fail "$tag: carp-router exited with status $rc on SIGTERM"
	"$TL_PY" "$here/check_frames.py" "$expect" "$out0" "$out1" --stats "$dir/stats.json" ||
		tl_fail "$tag: output frames or counters differ (above)"
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
