# shellcheck shell=bash disable=SC2154 # flow_* and drill_* come from eval
# Failover drills on the CARP lab (scripts/drill.sh, scripts/carp-demo.sh,
# tests/drills): source after tests/lib/labtest.sh. Functions are prefixed
# drill_. They add to the lab what a drill needs beyond the issue-4 tests:
# event times from telemetry, a CARP-only partition on the switch, and one
# report (detection, takeover, lost, duplicates, reordering, convergence,
# plot) with expectations that make the caller exit non-zero.
#
#   drill_kill NAME HOST...           SIGKILL routers, event NAME at that instant
#   drill_event NAME [EPOCH]          mark an event (default now) for the report and plot;
#                                     the first one is the fault all times are measured from
#   drill_transition_at HOST IF VHID  epoch of that vhid's last state change (telemetry)
#   drill_cut / drill_heal HOST       stop CARP between the routers / HOST hears again
#   drill_expect EXPR MESSAGE         record a broken expectation (awk EXPR false)
#   drill_finish SCENARIO OUTDIR [FLOWS_REPORT_ARGS...]   measure, plot, print, exit status
#                                     (calls function $DRILL_CHECK, if set, to check the figures)

DRILL_EVENTS=()
DRILL_BROKEN=()

drill_event() { DRILL_EVENTS+=("$1=${2:-$(lt_now)}"); }

# drill_kill NAME HOST...: SIGKILL the routers, marking event NAME at the
# instant of the first kill (lab_router_kill would mark it a fork or two
# early); then lab_router_kill reaps and forgets them.
drill_kill() {
	local name=$1 h pids=()
	shift
	for h in "$@"; do pids+=("$(lab_pid "$h")") || lab_fail "drill_kill: $h is not running"; done
	for h in "${pids[@]}"; do disown "$h" 2>/dev/null || true; done # no "Killed" job notice
	drill_event "$name"
	kill -KILL "${pids[@]}"
	for h in "$@"; do lab_pid "$h" >/dev/null && lab_router_kill "$h"; rm -f "$LAB_STATE/$h.pid"; done
	for h in "${pids[@]}"; do lab_pid_gone "$h" 5 || lab_fail "pid $h survived SIGKILL"; done
}

# drill_transition_at HOST IFACE VHID: when the vhid last changed state, from
# /carp/info's last_transition (tests/lib/drill_when.py): exact to the
# control lcore's clock, unlike polling.
drill_transition_at() {
	"$TL_PY" "$TL_ROOT/tests/lib/drill_when.py" "$(lab_prefix "$1"):$2:$3"
}

# drill_settled_at COND...: (HOST:IFACE:VHID=STATE, labtest syntax) the
# latest last-transition time among the conditions' vhids: when the wanted
# states were all reached, by the routers' clocks rather than a poll's.
drill_settled_at() {
	local c args=()
	for c in "$@"; do args+=("$(lab_prefix "${c%%:*}"):${c#*:}"); done
	"$TL_PY" "$TL_ROOT/tests/lib/drill_when.py" "${args[@]}" || true
}

# drill_vhid_count HOST IFACE VHID: the vhid's re-announcement counter
# ("reannounces", else "garps": GARP rounds, which a master that stays master
# only sends when it meets another master); "?" when telemetry has neither.
drill_vhid_count() {
	local f v
	for f in reannounces garps; do
		v=$(lt_get "$1" "$2" "$3" "$f" 2>/dev/null) || continue
		[[ $v =~ ^[0-9]+$ ]] && { echo "$v"; return; }
	done
	echo "?"
}

# drill_cut: a partition for CARP only: the bridges stop flooding multicast
# (CARP advertisements go to 224.0.0.18) to the routers' four switch ports,
# so neither router hears the other; unicast client traffic and broadcast
# ARP still pass. Both become MASTER: a split brain. (Bridge port flag
# mcast_flood: no tc action or netfilter module needed, the lab kernel may
# have none.)
drill_cut() {
	local h
	for h in "${LAB_HOSTS[@]}"; do drill_deaf "$h" off; done
}

# drill_deaf HOST on|off: HOST hears CARP from the other router again (on)
# or not (off); drill_heal HOST = drill_deaf HOST on. Healing one host
# first is a partition healing in one direction before the other.
drill_deaf() {
	local port
	for port in "${1: -1}-lan" "${1: -1}-srv"; do
		lab_nsx sw bridge link set dev "$port" mcast_flood "$2" ||
			lab_fail "bridge link set dev $port mcast_flood $2 failed"
	done
}
drill_heal() { drill_deaf "$1" on; }

# drill_masters IFACE VHID: how many of the two hosts are MASTER of it.
drill_masters() {
	local h n=0
	for h in "${LAB_HOSTS[@]}"; do
		[[ $(lt_get "$h" "$1" "$2" 2>/dev/null) == MASTER ]] && n=$((n + 1))
	done
	echo "$n"
}

# drill_expect AWK-EXPR MESSAGE: the expectation must hold; a broken one is
# reported by drill_finish (after the figures) and makes it exit 1.
drill_expect() {
	lt_true "$1" || DRILL_BROKEN+=("$2")
}

# drill_ev NAME: the epoch of the last event NAME.
drill_ev() {
	local e v=
	for e in "${DRILL_EVENTS[@]}"; do [[ ${e%=*} == "$1" ]] && v=${e##*=}; done
	echo "$v"
}
# drill_ref: the epoch of the first event, the fault every time is measured from.
drill_ref() {
	local e=${DRILL_EVENTS[0]:-}
	echo "${e##*=}"
}
# drill_since NAME: seconds from the first event (the fault) to event NAME
# (empty if either is missing; always status 0, callers run under set -e).
drill_since() {
	local f t
	f=$(drill_ref) t=$(drill_ev "$1")
	if [[ -n $f && -n $t ]]; then lt_calc "$t - $f"; fi
}

# drill_finish SCENARIO OUTDIR [flows.py report args]: ends the flow
# (lt_flow_finish), computes the series, writes OUTDIR/SCENARIO.png and
# OUTDIR/SCENARIO.txt (the figures as KEY=VALUE), prints the report, and
# exits 1 when an expectation broke. Events expected: fault, and where they
# apply detection (first state change caused by the fault), converged
# (every wanted state held); takeover is when traffic came back (below).
drill_finish() {
	local scen=$1 out=$2
	shift 2
	lt_flow_finish "$@"
	local fault ev evargs=()
	fault=$(drill_ref)
	mkdir -p "$out"
	local dp=("$TL_PY" "$TL_ROOT/tests/lib/drill_plot.py" "$TL_TMP/flow.json" --after "$fault")
	eval "$("${dp[@]}")" || tl_fail "drill_plot.py failed"
	# takeover: traffic back, i.e. the arrival of the datagram that ended the
	# longest hole in the sequence after the fault; a lossless handover has
	# none, then it is the new master's state change. With IP balancing only
	# the lost node's flows stop and their holes interleave with delivered
	# datagrams: DRILL_BACK=lost takes the end of the last hole instead.
	DRILL_TAKEOVER=
	local back=$drill_hole_back
	[[ ${DRILL_BACK:-} == lost ]] && back=$drill_lost_back
	if ((flow_lost > 0)) && [[ -n $back ]]; then
		DRILL_TAKEOVER=$(lt_calc "$back - $fault")
		drill_event "traffic back" "$back"
	elif [[ -n $(drill_ev detection) ]]; then
		DRILL_TAKEOVER=$(drill_since detection)
	fi
	for ev in "${DRILL_EVENTS[@]}"; do evargs+=(--event "$ev"); done
	"${dp[@]}" --png "$out/$scen.png" "${evargs[@]}" \
		--title "drill $scen: datagrams delivered client -> server through the virtual gateway" >/dev/null ||
		tl_fail "drill_plot.py could not draw $out/$scen.png"
	DRILL_DETECTION=$(drill_since detection)
	DRILL_CONVERGED=$(drill_since converged)
	if [[ -n $DRILL_CONVERGED && -n $DRILL_TAKEOVER ]] && lt_true "$DRILL_TAKEOVER > $DRILL_CONVERGED"; then
		DRILL_CONVERGED=$DRILL_TAKEOVER # converged = states settled AND traffic flowing
	fi
	# the scenario's expectations on the figures (flow_*, drill_*, DRILL_*)
	[[ -n ${DRILL_CHECK:-} ]] && "$DRILL_CHECK"
	{
		echo "scenario=$scen"
		echo "detection_s=${DRILL_DETECTION:-n/a}"
		echo "takeover_s=${DRILL_TAKEOVER:-n/a}"
		echo "lost=$flow_lost"
		echo "duplicates=$flow_duplicates"
		echo "reordered=$flow_reordered"
		echo "loss_window_s=$flow_gap_s"
		echo "lost_span_s=$drill_lost_span_s"
		echo "converged_s=${DRILL_CONVERGED:-n/a}"
		echo "received=$flow_received"
		for ev in "${DRILL_EVENTS[@]}"; do echo "event_${ev%%=*}=$(lt_calc "${ev##*=} - $fault")"; done | tr ' ' '_'
	} >"$out/$scen.txt"
	echo "================ drill $scen ================"
	printf '  %-22s %s\n' \
		"detection" "${DRILL_DETECTION:-n/a} s after the fault" \
		"takeover" "${DRILL_TAKEOVER:-n/a} s (traffic delivered again)" \
		"packets lost" "$flow_lost of $((flow_received + flow_lost)) (longest loss window ${flow_gap_s} s)" \
		"duplicates" "$flow_duplicates" \
		"reordered" "$flow_reordered" \
		"converged" "${DRILL_CONVERGED:-n/a} s after the fault" \
		"plot" "$out/$scen.png" \
		"figures" "$out/$scen.txt"
	if ((${#DRILL_BROKEN[@]})); then
		local b
		for b in "${DRILL_BROKEN[@]}"; do echo "  EXPECTATION BROKEN: $b"; done
		tl_fail "drill $scen: ${#DRILL_BROKEN[@]} expectation(s) broken"
	fi
	echo "  all expectations held"
}
