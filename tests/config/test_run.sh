#!/usr/bin/env bash
# The binary running: config/static-neighbours.cfg on net_pcap vdevs fed six
# frames (echo request, transit, no route, bad checksum, ARP request, TTL 1);
# every /router/* telemetry command is asserted value by value
# (run_check.py), then SIGINT must stop it cleanly (exit 0, final stats
# logged); a second run must stop on SIGTERM the same way, and a start with
# a missing device must fail with file:line and exit 1.
# No hugepages needed (--no-huge). Usage: test_run.sh [BUILD_DIR]
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
tl_init cfgrun
tl_binary "${1:-}"
here=$(cd "$(dirname "$0")" && pwd)
cd "$TL_TMP"

"$TL_PY" "$here/run_check.py" frames lan0-in.pcap
printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x01\x00\x00\x00' \
	>empty.pcap
cfg=$TL_ROOT/config/static-neighbours.cfg
eal=(-l 0,1 --no-huge -m 128 --no-pci)
# one tx_pcap per tx queue: 1 worker + the control lcore's queue
vdevs=(--vdev "net_pcap0,rx_pcap=lan0-in.pcap,tx_pcap=lan0-out0.pcap,tx_pcap=lan0-out1.pcap"
	--vdev "net_pcap1,rx_pcap=empty.pcap,tx_pcap=srv0-out0.pcap,tx_pcap=srv0-out1.pcap")

# stop_expect PID LOG SIGNAL TEXT: send SIGNAL, require exit 0 within 10 s and
# the stop line and final stats in the log.
stop_expect() {
	local pid=$1 log=$2 sig=$3 text=$4 rc=0 i
	kill "-$sig" "$pid"
	for ((i = 0; i < 100; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2>/dev/null && tl_fail "still running 10 s after SIG$sig"
	wait "$pid" || rc=$?
	((rc == 0)) || {
		tail -n 20 "$log" >&2
		tl_fail "exit status $rc after SIG$sig, want 0"
	}
	grep -q "rtr.app: $text received: stopping" "$log" || tl_fail "no stop line for SIG$sig in $log"
	grep -q '^rtr.app: port lan0: rx [0-9]* pkts' "$log" || tl_fail "no final port stats in $log"
	grep -q '^rtr.app: lcore 1: ' "$log" || tl_fail "no final lcore stats in $log"
}

tl_log "run 1: traffic, telemetry, SIGINT"
tl_start run1.log "$TL_BIN" "${eal[@]}" --file-prefix "$TL_PREFIX" "${vdevs[@]}" -- -c "$cfg"
pid=$TL_PID
TL_ON_FAIL+=("tail -n 30 $TL_TMP/run1.log >&2")
tl_wait_telemetry "$TL_PREFIX" 20 "$pid"
"$TL_PY" "$here/run_check.py" telemetry "$TL_PREFIX" "$cfg" || tl_fail "telemetry values (above)"
stop_expect "$pid" run1.log INT Interrupt
grep -q '^rtr.app: port lan0: rx 6 pkts' run1.log || tl_fail "final stats: lan0 did not log rx 6"
grep -q '^rtr.app: forwarded 1, dropped 3$' run1.log || tl_fail "final stats: not 'forwarded 1, dropped 3'"
TL_PIDS=()

tl_log "run 2: adaptive polling, SIGTERM"
sed 's/^workers = .*/polling = "adaptive";\n&/' "$cfg" >adaptive.cfg
tl_start run2.log "$TL_BIN" "${eal[@]}" --file-prefix "$TL_PREFIX-2" "${vdevs[@]}" -- -c adaptive.cfg
pid=$TL_PID
tl_wait_telemetry "$TL_PREFIX-2" 20 "$pid"
# the handlers reply null until the router has published its state
for _ in $(seq 50); do
	polling=$(tl_telemetry "$TL_PREFIX-2" /router/info | "$TL_PY" -c 'import json,sys; v=json.load(sys.stdin)["/router/info"]; print(v["polling"] if v else "")')
	[[ -n $polling ]] && break
	sleep 0.2
done
[[ $polling == adaptive ]] || tl_fail "polling is '$polling', want adaptive"
stop_expect "$pid" run2.log TERM Terminated
TL_PIDS=()

tl_log "run 3: a missing device refuses to start"
rc=0
"$TL_BIN" "${eal[@]}" --file-prefix "$TL_PREFIX-3" --vdev net_null0,no-rx=1 -- -c "$cfg" \
	>run3.log 2>&1 || rc=$?
((rc == 1)) || tl_fail "exit $rc with a missing device, want 1"
grep -qx "$cfg:13: port \"lan0\": device \"net_pcap0\" not found (EAL probed: net_null0)" run3.log ||
	tl_fail "no file:line for the missing device: $(grep -v EAL: run3.log)"
grep -q 'ports started' run3.log && tl_fail "ports were started despite the error"
tl_log "pass"
