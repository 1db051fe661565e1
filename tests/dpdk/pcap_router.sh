# The real carp-router on two net_pcap vdevs, shared by the tests/dpdk
# scripts: source, do not run (after tests/lib/common.sh, tl_init, tl_binary).
#
#   pr_start CFG IN0.pcap IN1.pcap EXPECT.json
#       start it (lcores 0,1, hugepages), wait for its telemetry, then until it
#       has consumed IN0 (drain.py); its /router/stats go to $TL_TMP/stats.json
#   pr_stop
#       SIGTERM; fails unless it exits 0 (the tx pcaps are complete only then)
#
# Each port has two tx queues (worker, control lcore) and net_pcap writes one
# tx_pcap file per queue: PR_OUT0 / PR_OUT1 name both files of a port,
# comma separated, as check_frames.py reads them.

pr_start() {
	local cfg=$1 in0=$2 in1=$3 expect=$4
	PR_OUT0=$TL_TMP/out0w.pcap,$TL_TMP/out0c.pcap
	PR_OUT1=$TL_TMP/out1w.pcap,$TL_TMP/out1c.pcap
	"$TL_BIN" -c "$cfg" --check >"$TL_TMP/check.log" 2>&1 ||
		tl_fail "$cfg does not pass --check: $(tail -n 5 "$TL_TMP/check.log")"
	tl_start "$TL_TMP/router.log" "$TL_BIN" -l 0,1 --no-pci --huge-unlink -m 256 \
		--file-prefix "$TL_PREFIX" \
		--vdev "net_pcap0,rx_pcap=$in0,tx_pcap=${PR_OUT0/,/,tx_pcap=}" \
		--vdev "net_pcap1,rx_pcap=$in1,tx_pcap=${PR_OUT1/,/,tx_pcap=}" \
		-- -c "$cfg"
	PR_PID=$TL_PID
	TL_ON_FAIL+=("echo '--- router log:'; tail -n 40 '$TL_TMP/router.log'")
	tl_wait_telemetry "$TL_PREFIX" 30 "$PR_PID"
	"$TL_PY" "$TL_ROOT/tests/dpdk/drain.py" "$TL_PREFIX" "$expect" >"$TL_TMP/stats.json" ||
		tl_fail "router did not consume the input pcap"
}

pr_stop() {
	local rc=0
	tl_stop "$PR_PID" 15 || rc=$?
	((rc == 0)) || tl_fail "carp-router exited with status $rc on SIGTERM"
}
