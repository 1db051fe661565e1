# shellcheck shell=bash disable=SC2154 # tcp_* come from eval (tcp_conns.py report)
# Long-lived TCP connections across a failover, for the stateful drills
# (pfsync-crash, pfsync-planned, ... and scripts/compare.sh's Linux
# reference): source after tests/lib/labtest.sh. Functions are prefixed
# tcpd_. The endpoints run in the lab's P-client and P-server namespaces
# (tests/lib/tcp_conns.py), whatever forwards between them: carp-router or
# the Linux pair (tests/lib/linux_fw.sh).
#
#   tcpd_init [DIR]                 a fresh run; files go to DIR (default $TL_TMP/tcp)
#   tcpd_server_start               echo (7000) + bulk (7001) server in P-server
#   tcpd_capture_start [ROLE...]    capture every RST on ROLE's eth0 (default: client
#                                   server), independent of what the endpoints report
#   tcpd_client_start N [ARGS...]   N connections P-client -> $TCPD_DST, one 32-byte
#                                   message each per 100 ms, echoed; ARGS are
#                                   tcp_conns.py client options: --bulk-bytes B
#                                   --bulk-mbps R (a paced download, size + CRC checked),
#                                   --dead-after S (no echo for S s = lost; default 15)
#   tcpd_wait_established SECS      every connection echoed once (then the bulk starts),
#                                   else fail
#   tcpd_status [KEY]               the client's live status (JSON, or one field:
#                                   alive dead stalled bulk bulk_got ...)
#   tcpd_fault [EPOCH]              the fault's instant (default now): report times
#                                   (gap_from, first_death, rst_*_first) count from it
#   tcpd_wait_bulk SECS             until the download ended, ok or failed (1: still running)
#   tcpd_wait_flowing SECS          until no live connection waits > 1 s for an echo
#                                   (1: some still stalled)
#   tcpd_wait_until SECS COND       until the Python condition COND on the live status
#                                   s holds, e.g. 's["dead"] == 200' (1: timed out)
#   tcpd_finish                     stop captures, client, server; joins everything into
#                                   $TCPD_DIR/summary.json and sets tcp_* (list below)
#   tcpd_print                      the figures, one per line
#   tcpd_expect AWK-EXPR MESSAGE    an expectation on tcp_* (drill_expect when
#                                   tests/lib/drill_lab.sh is loaded, so drill_finish
#                                   reports it; else kept for tcpd_verdict)
#   tcpd_expect_lost N              at most N connections lost
#   tcpd_expect_rst N               at most N RSTs captured at the two ends
#   tcpd_expect_gap_ms MS           longest echo gap of any connection <= MS
#   tcpd_expect_bulk                the download completed, size and CRC right
#   tcpd_verdict                    fail (tl_fail) if an expectation broke (kept
#                                   across tcpd_init: one verdict for several runs)
#
# Typical drill:
#   tcpd_init; tcpd_server_start; tcpd_capture_start
#   tcpd_client_start 200 --bulk-bytes 268435456 --bulk-mbps 200
#   tcpd_wait_established 20; sleep 2
#   tcpd_fault; <fault>; tcpd_wait_bulk 60; tcpd_wait_flowing 20; sleep 2
#   tcpd_finish; tcpd_expect_lost 0; tcpd_expect_rst 0; tcpd_expect_gap_ms 800
#   tcpd_expect_bulk; tcpd_verdict
# (800 ms suits sub-second timers: the gap is set by TCP's retransmission
# backoff, 0.2, 0.6, 1.4, 3.0, 6.2 s after the first lost segment, not by the
# takeover itself; docs/drills.md "stateful failover: the Linux reference".)
#
# tcp_* after tcpd_finish (tcp_conns.py report): conns established alive lost,
# lost_reset lost_epipe lost_closed lost_timeout lost_timeout_kernel lost_other,
# sent echoed bad_echoes, gap_max_ms gap_conn gap_from gap_to gap_median_ms,
# first_death, bulk (ok/failed/none) bulk_ok bulk_how bulk_bytes bulk_mbps
# bulk_secs bulk_stall_ms, rst_total rst_client_sent rst_client_recv
# rst_server_sent rst_server_recv rst_*_first, client_/server_ out_rsts
# estab_resets retrans_segs rto_timeouts abort_on_timeout (the namespaces' TCP
# counters over the run), server_accepted server_resets server_peers (the
# addresses the server saw: the NAT's).

TCPD_PY=$TL_ROOT/tests/lib/tcp_conns.py
TCPD_DST=${TCPD_DST:-198.51.100.100}
TCPD_BROKEN=()

tcpd_init() {
	TCPD_DIR=${1:-$TL_TMP/tcp}
	rm -rf "$TCPD_DIR"
	mkdir -p "$TCPD_DIR"
	TCPD_CAPS=() TCPD_CAP_PIDS=() TCPD_FAULT='' TCPD_CLIENT='' TCPD_SERVER='' TCPD_N=0
	local v
	for v in "${!tcp_@}"; do unset "$v"; done # nothing left from a previous run
}

tcpd_server_start() {
	tl_start "$TCPD_DIR/server.log" ip netns exec "$(lab_ns server)" "$TL_PY" "$TCPD_PY" server \
		--out "$TCPD_DIR/server.json"
	TCPD_SERVER=$TL_PID
	tcpd_wait_line "$TCPD_DIR/server.log" '^listening' 10 "$TCPD_SERVER" "tcp server" ||
		tl_fail "tcp server did not start: $(cat "$TCPD_DIR/server.log")"
}

# tcpd_wait_line FILE REGEX SECS PID WHAT: until a line of FILE matches.
tcpd_wait_line() {
	local i
	for ((i = 0; i < $3 * 20; i++)); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		tl_alive "$4" "$1" "$5"
		sleep 0.05
	done
	return 1
}

tcpd_capture_start() {
	local roles=("$@") r f
	((${#roles[@]})) || roles=(client server)
	for r in "${roles[@]}"; do
		f=$TCPD_DIR/rst-$r.pcap
		tl_start "$TCPD_DIR/dumpcap-$r.log" ip netns exec "$(lab_ns "$r")" dumpcap -q -P -i eth0 \
			-f 'tcp[tcpflags] & tcp-rst != 0' -w "$f"
		TCPD_CAP_PIDS+=("$TL_PID")
		TCPD_CAPS+=("$r=$f")
		tcpd_wait_line "$TCPD_DIR/dumpcap-$r.log" '^Capturing on' 10 "$TL_PID" "dumpcap on $r" ||
			tl_fail "dumpcap on $r did not start: $(cat "$TCPD_DIR/dumpcap-$r.log")"
	done
}

tcpd_client_start() {
	TCPD_N=$1
	shift
	tl_start "$TCPD_DIR/client.log" ip netns exec "$(lab_ns client)" "$TL_PY" "$TCPD_PY" client \
		"$TCPD_DST" --conns "$TCPD_N" --status "$TCPD_DIR/status.json" --out "$TCPD_DIR/client.json" "$@"
	TCPD_CLIENT=$TL_PID
}

tcpd_wait_established() {
	tcpd_wait_line "$TCPD_DIR/client.log" '^established' "$1" "$TCPD_CLIENT" "tcp client" ||
		tl_fail "tcp client: connections not established within $1 s"
	local line
	line=$(grep -m1 '^established' "$TCPD_DIR/client.log")
	[[ $line == "established $TCPD_N of $TCPD_N "* ]] ||
		tl_fail "tcp client: $line (first losses: $(grep -m3 '^conn' "$TCPD_DIR/client.log" | tr '\n' ' '))"
	tl_log "tcp: $TCPD_N connections established and echoing"
}

tcpd_status() {
	[[ -s $TCPD_DIR/status.json ]] || return 1
	"$TL_PY" -c 'import json, sys
s = json.load(open(sys.argv[1]))
print(json.dumps(s) if len(sys.argv) < 3 else s[sys.argv[2]])' "$TCPD_DIR/status.json" "$@"
}

tcpd_fault() { TCPD_FAULT=${1:-$(lt_now)}; }

# tcpd_wait_until SECS PYTHON-CONDITION-ON-s: poll the live status.
tcpd_wait_until() {
	local i
	for ((i = 0; i < $1 * 10; i++)); do
		"$TL_PY" -c "import json, sys; s = json.load(open(sys.argv[1])); sys.exit(0 if $2 else 1)" \
			"$TCPD_DIR/status.json" 2>/dev/null && return 0
		tl_alive "$TCPD_CLIENT" "$TCPD_DIR/client.log" "tcp client"
		sleep 0.1
	done
	return 1
}

tcpd_wait_bulk() { tcpd_wait_until "$1" 's["bulk"] not in ("connecting", "running")'; }
tcpd_wait_flowing() { tcpd_wait_until "$1" 's["stalled"] == 0'; }

tcpd_finish() {
	local pid rc
	for pid in "${TCPD_CAP_PIDS[@]}"; do tl_stop "$pid" 5 >/dev/null || true; done
	rc=0
	tl_stop "$TCPD_CLIENT" 10 || rc=$?
	((rc == 0 || rc == 143)) || tl_fail "tcp client exited $rc: $(tail -n 20 "$TCPD_DIR/client.log")"
	[[ -s $TCPD_DIR/client.json ]] || tl_fail "tcp client wrote no summary: $(tail -n 20 "$TCPD_DIR/client.log")"
	rc=0
	tl_stop "$TCPD_SERVER" 10 || rc=$?
	[[ -s $TCPD_DIR/server.json ]] || tl_fail "tcp server wrote no summary (rc $rc): $(tail -n 20 "$TCPD_DIR/server.log")"
	local args=(--client "$TCPD_DIR/client.json" --server "$TCPD_DIR/server.json" --json "$TCPD_DIR/summary.json")
	local c
	for c in "${TCPD_CAPS[@]}"; do args+=(--capture "$c"); done
	[[ -n $TCPD_FAULT ]] && args+=(--fault "$TCPD_FAULT")
	local out
	out=$("$TL_PY" "$TCPD_PY" report "${args[@]}") || tl_fail "tcp_conns.py report failed"
	eval "$out"
	((${#TCPD_CAPS[@]})) || tcp_rst_total='n/a'
}

tcpd_print() {
	printf '  %-22s %s\n' \
		"connections" "$tcp_alive of $tcp_conns alive at the end, $tcp_lost lost (reset $tcp_lost_reset, epipe $tcp_lost_epipe, closed $tcp_lost_closed, timeout $tcp_lost_timeout, other $((tcp_lost_timeout_kernel + tcp_lost_other)))" \
		"RSTs captured" "$tcp_rst_total (client sent ${tcp_rst_client_sent:-?} received ${tcp_rst_client_recv:-?}; server sent ${tcp_rst_server_sent:-?} received ${tcp_rst_server_recv:-?})" \
		"RSTs by the stacks" "client sent $tcp_client_out_rsts, server sent $tcp_server_out_rsts; established resets client $tcp_client_estab_resets server $tcp_server_estab_resets" \
		"longest echo gap" "$tcp_gap_max_ms ms (connection $tcp_gap_conn, from ${tcp_gap_from} to ${tcp_gap_to}${TCPD_FAULT:+ s after the fault})" \
		"messages" "$tcp_echoed echoed of $tcp_sent sent, $tcp_bad_echoes wrong" \
		"retransmissions" "client $tcp_client_retrans_segs, server $tcp_server_retrans_segs (RTO timeouts $tcp_client_rto_timeouts / $tcp_server_rto_timeouts)" \
		"bulk" "$tcp_bulk ($tcp_bulk_how): $tcp_bulk_bytes bytes in $tcp_bulk_secs s, $tcp_bulk_mbps Mbit/s, longest stall $tcp_bulk_stall_ms ms" \
		"server saw peers" "$tcp_server_peers"
}

tcpd_expect() {
	if declare -F drill_expect >/dev/null; then
		drill_expect "$1" "$2"
	else
		lt_true "$1" || TCPD_BROKEN+=("$2")
	fi
}
tcpd_expect_lost() { tcpd_expect "$tcp_lost <= $1" "$tcp_lost connections lost (allowed $1): reset $tcp_lost_reset, timeout $tcp_lost_timeout, epipe $tcp_lost_epipe, closed $tcp_lost_closed"; }
tcpd_expect_rst() { tcpd_expect "$tcp_rst_total <= $1" "$tcp_rst_total RSTs captured at the ends (allowed $1)"; }
tcpd_expect_gap_ms() { tcpd_expect "$tcp_gap_max_ms <= $1" "longest echo gap $tcp_gap_max_ms ms > $1 ms (connection $tcp_gap_conn)"; }
tcpd_expect_bulk() { tcpd_expect "$tcp_bulk_ok == 1" "bulk transfer $tcp_bulk ($tcp_bulk_how, $tcp_bulk_bytes bytes)"; }

tcpd_verdict() {
	((${#TCPD_BROKEN[@]})) || return 0
	local b
	for b in "${TCPD_BROKEN[@]}"; do echo "  EXPECTATION BROKEN: $b"; done
	tl_fail "${#TCPD_BROKEN[@]} expectation(s) broken"
}
