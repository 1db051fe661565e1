# Test scaffolding over the CARP lab (tests/lib/lab.sh): source, do not run.
#   . "$(dirname "$0")/../lib/labtest.sh"
#   lt_init election "${1:-build}" [CONFIG_SET]   # unique prefix, traps
#   lt_up; lt_wait_states 15 hostA:carp0:1=MASTER hostB:carp0:1=BACKUP ...
# On failure the trap prints both routers' /carp/* and /router/stats and log
# tails, then removes the lab. Exit 77 (skipped) only when the machine lacks
# hugepages; a feature of carp-router that is missing or broken fails.

# shellcheck source=lab.sh
. "$(dirname "${BASH_SOURCE[0]}")/lab.sh"

LT_MARGIN=0.5 # s of slack on a timer for polling and a loaded 2-CPU machine
# A killed router may have stopped delivering up to this long before its
# kill (a worker starved of CPU on a loaded machine): the failover window of
# allowed loss opens here. What it still had queued dies with it.
LT_QUIET=0.5

# lt_init NAME BUILD_DIR [CONFIG_SET]
lt_init() {
	tl_init "$1"
	trap lt_cleanup EXIT
	LAB_TEST=1
	lab_init "c${1:0:4}$$" "$2" "${3:-}"
	tl_log "lab prefix $LAB_P, binary $LAB_BIN"
	[[ -x $LAB_BIN ]] || tl_fail "no binary $LAB_BIN (build first: scripts/build.sh)"
	lt_require_carp_config
}

lt_cleanup() {
	local rc=$?
	trap - EXIT
	if ((rc != 0 && rc != 77)) && [[ -n ${LAB_P:-} && -d ${LAB_STATE:-/nonexistent} ]]; then
		echo "[$TL_NAME] ===== state at failure =====" >&2
		lab_dump >&2
	fi
	[[ -n ${LAB_P:-} ]] && lab_down
	# under set -e, (exit RC) would end the trap here: tl_cleanup (processes,
	# namespaces, scratch dir) would never run after a failure
	set +e
	(exit "$rc")
	tl_cleanup
}

# Each host's configuration passes --check.
lt_require_carp_config() {
	local h out
	for h in "${LAB_HOSTS[@]}"; do
		out=$("$LAB_BIN" -c "$(lab_cfg "$h")" --check 2>&1) ||
			tl_fail "$(lab_cfg "$h") fails --check: $out"
	done
}

# lt_up: the lab, with both routers answering /carp/list.
lt_up() {
	lab_up
	local reply
	reply=$(lab_tel hostA /carp/list) || tl_fail "telemetry of hostA does not answer"
	[[ $reply == *'"carp0"'* ]] || tl_fail "hostA /carp/list lacks carp0 (reply $reply)"
	return 0
}

# lt_cond HOST:IFACE:VHID=STATE -> PREFIX:IFACE:VHID=STATE (carpwatch syntax)
lt_cond() { echo "$LAB_P-$1"; }

# lt_wait_states SECS COND...: until all hold at once; sets LT_AT (epoch seen
# by polling), LT_AFTER (s since the call) and LT_CHANGED (epoch of the last
# of the transitions by the routers' clocks, or LT_AT if they do not say);
# fails with the states seen.
lt_wait_states() {
	local secs=$1 c conds=() out
	shift
	for c in "$@"; do conds+=("$(lt_cond "$c")"); done
	out=$(lab_watch wait --timeout "$secs" "${conds[@]}") ||
		tl_fail "states not reached within ${secs}s: $out (wanted: $*)"
	LT_AFTER=$(awk '{print $3}' <<<"$out")
	LT_AT=$(awk '{print $6}' <<<"$out")
	LT_CHANGED=$(awk '{print $8}' <<<"$out")
	[[ $LT_CHANGED =~ ^[0-9.]+$ ]] || LT_CHANGED=$LT_AT
}

# lt_hold SECS COND...: the conditions still hold after SECS (no flapping).
lt_hold() {
	local secs=$1
	shift
	sleep "$secs"
	lt_wait_states 0 "$@"
}

lt_get() { lab_watch get "$(lab_prefix "$1")" "${@:2}"; } # HOST IFACE VHID [FIELD]
lt_group() { lab_watch group "$(lab_prefix "$1")" "${@:2}"; } # HOST GROUP [SOURCE]
lt_now() { date +%s.%N; }
lt_calc() { awk "BEGIN { printf \"%.3f\", $* }"; } # lt_calc EXPR
lt_true() { awk "BEGIN { exit !($*) }"; }        # lt_true EXPR: awk condition

# lt_master_down ADVBASE ADVSKEW: the master-down interval in s (spec: 3 x
# (advbase + advskew/256)).
lt_master_down() { lt_calc "3 * ($1 + $2 / 256)"; }

# The active/standby election: A MASTER of both vhids, B BACKUP of both.
LT_A_MASTER=(hostA:carp0:1=MASTER hostA:carp1:2=MASTER hostB:carp0:1=BACKUP hostB:carp1:2=BACKUP)
LT_B_MASTER=(hostB:carp0:1=MASTER hostB:carp1:2=MASTER hostA:carp0:1=BACKUP hostA:carp1:2=BACKUP)

# lt_router_stat HOST KEY: one number of /router/stats (e.g. forwarded).
lt_router_stat() {
	lab_tel "$1" /router/stats | "$TL_PY" -c \
		'import json,sys; print(json.load(sys.stdin)["/router/stats"][sys.argv[1]])' "$2"
}

# lt_carpctl HOST ARGS...: scripts/carpctl when present, else the telemetry
# write command it wraps (contract section 6); prints the reply.
lt_carpctl() {
	local h=$1
	shift
	if [[ -x $TL_ROOT/scripts/carpctl ]]; then
		"$TL_ROOT/scripts/carpctl" -f "$(lab_prefix "$h")" "$@"
		return
	fi
	local out
	case $1 in
	demote) out=$(lab_tel "$h" "/carp/demote,$2,$3") ;;
	state | advskew) out=$(lab_tel "$h" "/carp/$1,$2,$3,$4") ;;
	*) tl_fail "lt_carpctl: no scripts/carpctl for '$*'" ;;
	esac
	echo "$out"
	[[ $out == *'"result": "ok"'* ]]
}

# ---- flows (tests/lib/flows.py) ----

# lt_flow_start SECS PPS [SRC_FILE]: a receiver on the server (packet socket,
# so it sees which router delivered each datagram; it never stops on silence,
# a failover is silent for seconds) and a paced sender on the client, both in
# the background.
lt_flow_start() {
	local secs=$1 pps=$2 src=()
	[[ -n ${3:-} ]] && src=(--src-file "$3")
	rm -f "$TL_TMP/flow.json"
	tl_start "$TL_TMP/flow_recv.log" ip netns exec "$(lab_ns server)" "$TL_PY" \
		"$TL_ROOT/tests/lib/flows.py" recv 9000 --iface eth0 --idle 0 \
		--duration "$(lt_calc "$secs + 60")" --out "$TL_TMP/flow.json"
	LT_RECV=$TL_PID
	for _ in $(seq 50); do grep -q listening "$TL_TMP/flow_recv.log" && break; sleep 0.1; done
	grep -q listening "$TL_TMP/flow_recv.log" || tl_fail "flow receiver did not start"
	tl_start "$TL_TMP/flow_send.log" ip netns exec "$(lab_ns client)" "$TL_PY" \
		"$TL_ROOT/tests/lib/flows.py" send 198.51.100.100 9000 --pps "$pps" --duration "$secs" "${src[@]}"
	LT_SEND=$TL_PID
	LT_FLOW_START=$(lt_now)
}

# lt_flow_finish [REPORT ARGS...]: wait for both ends, then set flow_* (flows.py
# report) with --sent from the sender.
lt_flow_finish() {
	wait "$LT_SEND" || tl_fail "flow sender failed: $(cat "$TL_TMP/flow_send.log")"
	sleep 0.5 # the last datagrams' way through a router
	kill -TERM "$LT_RECV"
	wait "$LT_RECV" || tl_fail "flow receiver failed: $(cat "$TL_TMP/flow_recv.log")"
	local sent
	sent=$(awk '/^sent/ {print $2}' "$TL_TMP/flow_send.log")
	[[ -n $sent ]] || tl_fail "flow sender printed no count: $(cat "$TL_TMP/flow_send.log")"
	local v h
	for h in "${LAB_HOSTS[@]}"; do
		lab_pid "$h" >/dev/null || continue
		tl_log "$h /router/stats: $(lab_tel "$h" /router/stats | "$TL_PY" -c 'import json,sys
d = json.load(sys.stdin)["/router/stats"]
print("rx", d["port_rx_packets"], "missed", d["port_rx_missed"], "forwarded", d["forwarded"],
      "drops", {k: v for k, v in d.items() if k.startswith("drop_") and v})')"
	done
	for v in "${!flow_@}"; do unset "$v"; done # nothing left from a previous run
	eval "$("$TL_PY" "$TL_ROOT/tests/lib/flows.py" report "$TL_TMP/flow.json" --sent "$sent" "$@")"
	tl_log "flow: $(grep -o '([0-9]* send errors)' "$TL_TMP/flow_send.log"), sent $sent, received $flow_received, lost $flow_lost, duplicates $flow_duplicates, longest loss window ${flow_gap_s}s"
}
