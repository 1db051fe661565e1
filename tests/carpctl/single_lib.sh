# Shared by the single-router CARP tests (source after tests/lib/common.sh and
# tl_init): one carp-router in namespace "r" on af_packet port lan0, whose veth
# peer "peer0" sits in namespace "p" where adverts are captured.

# sr_capture: capture every protocol-112 frame on peer0 into $TL_TMP/cap.pcap,
# from before the router starts. Sets CAP to tshark's PID.
sr_capture() {
	tl_start "$TL_TMP/tshark.log" ip netns exec "$(tl_ns p)" tshark -i peer0 \
		-f "ip proto 112" -w "$TL_TMP/cap.pcap"
	CAP=$TL_PID
	for _ in $(seq 50); do
		grep -q "Capturing on" "$TL_TMP/tshark.log" && break
		sleep 0.1
	done
}

# sr_router CFG: start carp-router (main, worker, control lcores on 2 CPUs)
# with CFG and wait for its telemetry. Sets RTR to its PID; on failure the
# router's log tail is printed.
sr_router() {
	tl_start "$TL_TMP/router.log" ip netns exec "$(tl_ns r)" "$TL_BIN" \
		--lcores '0@0,1@1,2@0' --no-pci --huge-unlink -m 128 \
		--file-prefix "$TL_PREFIX" --vdev net_af_packet0,iface=lan0 -- -c "$1"
	RTR=$TL_PID
	TL_ON_FAIL+=("tail -n 40 '$TL_TMP/router.log' >&2")
	tl_wait_telemetry "$TL_PREFIX" 20 "$RTR"
}

tel() { tl_telemetry "$TL_PREFIX" "$@"; }

# field CMD PYEXPR: evaluate PYEXPR on the command's JSON value v.
field() {
	tel "$1" | "$TL_PY" -c "import json,sys; v=json.load(sys.stdin)['${1%%,*}']; print($2)"
}
