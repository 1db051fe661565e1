#!/usr/bin/env bash
# Failover drills on the two-router lab (docs/drills.md): each brings the lab
# up (tests/lib/lab.sh), drives a numbered UDP flow client -> server through
# the virtual gateway (1000 datagrams/s; 200 flows for lb-node-loss),
# injects a fault and prints detection, takeover, packets lost, duplicates,
# reordering and time to converge, with a plot. Exits 1 when the result
# breaks the scenario's expectation or the router lacks a feature the drill
# needs (printed), 2 on usage errors.
#   sudo scripts/drill.sh SCENARIO [--short] [--fast] [--out DIR] [--build DIR]
# SCENARIO: crash link-down planned-demote preempt-back split-brain-heal
#           lb-node-loss restart-both reload pfsync-crash pfsync-crash-nosync
#           pfsync-planned
# --short: less traffic before and after the fault (CI); --fast: sub-second
# timers (config/drills/host*-fast.cfg, advbase 0; not lb-node-loss); DIR: where
# SCENARIO.png and SCENARIO.txt go (default out/drills); --build: default build.
# shellcheck disable=SC2154 # flow_* and drill_* come from eval (tests/lib)
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIOS="crash link-down planned-demote preempt-back split-brain-heal lb-node-loss restart-both reload
pfsync-crash pfsync-crash-nosync pfsync-planned"
usage() {
	sed -n '9,15p' "$0" | sed 's/^# *//' >&2
	exit 2
}
scen=${1:-}
[[ " ${SCENARIOS//$'\n'/ } " == *" $scen "* && -n $scen ]] || usage
shift
short=0 fast=0 out=out/drills build=build
while (($#)); do
	case $1 in
	--short) short=1 ;;
	--fast) fast=1 ;;
	--out) out=${2:?--out needs a directory} && shift ;;
	--build) build=${2:?--build needs a directory} && shift ;;
	*) usage ;;
	esac
	shift
done
mkdir -p "$out"
out=$(cd "$out" && pwd)

. tests/lib/labtest.sh
. tests/lib/drill_lab.sh
. tests/lib/tcp_drill.sh
. tests/lib/pfsync_lab.sh
# seconds of traffic before the fault and after convergence
if ((short)); then PRE=1 POST=2; else PRE=3 POST=4; fi
RATE=1000
MD=$(lt_master_down 1 100) # host B's master-down interval: 3 x (1 + 100/256) s
set_name=
[[ $scen == lb-node-loss ]] && set_name=lb
if ((fast)); then
	[[ $scen == lb-node-loss || $scen == reload ]] && usage
	# the lab's functions take each host's configuration from lab_cfg
	lab_cfg() { echo "$TL_ROOT/config/drills/$1-fast.cfg"; }
	MD=$(lt_master_down 0 26)
	scen_out=$scen-fast
fi
# a reload builds its route table beside the live one (64 MiB of rte_lpm)
[[ $scen == reload ]] && LAB_MEM=160
lt_init drill "$build" "$set_name"
NAME=${scen_out:-$scen} # the report's and plot's name
TL_NAME=drill-$NAME

# up: the lab, A elected (the active/standby pair), ARP warmed up.
up_active_standby() {
	lt_up
	lt_wait_states 15 "${LT_A_MASTER[@]}"
	tl_log "lab $LAB_P: A MASTER, B BACKUP of vhids 1 and 2 after ${LT_AFTER}s"
	lab_nsx client ping -c 2 -i 0.2 -W 2 198.51.100.100 >/dev/null || true
}

# reach SECS COND...: like wait_converged, but a miss is a broken
# expectation (reported with the figures), not an abort; returns 1 then.
reach() {
	local secs=$1 c conds=() res
	shift
	for c in "$@"; do conds+=("$(lt_cond "$c")"); done
	if ! res=$(lab_watch wait --timeout "$secs" "${conds[@]}"); then
		DRILL_BROKEN+=("states not reached within ${secs}s: $res (wanted: $*)")
		return 1
	fi
	local at
	at=$(drill_settled_at "$@")
	drill_event converged "${at:-$(awk '{print $6}' <<<"$res")}"
}

# wait_converged SECS COND...: the states hold; marks "converged" at the
# last of their transitions (router clocks), else when the poll saw them.
wait_converged() {
	lt_wait_states "$@"
	local at
	at=$(drill_settled_at "${@:2}")
	drill_event converged "${at:-$LT_AT}"
}

# detected HOST IFACE VHID: marks "detection" at that vhid's last change
# (telemetry), else at the poll that saw it.
detected() {
	local t
	t=$(drill_transition_at "$@") || t=${LT_AT:-}
	# a transition from before the fault (none happened) detects nothing
	[[ -n $t ]] && lt_true "$t >= $(drill_ref)" && drill_event detection "$t"
	return 0
}

expect_reason() { # HOST IFACE VHID REASON
	local r
	r=$(lt_get "$1" "$2" "$3" reason)
	[[ $r == "$4" ]] || DRILL_BROKEN+=("$1 $2 vhid $3: last transition reason '$r', expected '$4'")
}

# ---- scenarios ----

# crash: SIGKILL of the master. Expect: B MASTER of both vhids, loss window
# <= master-down interval + 100 ms, no duplicate, traffic back.
drill_crash() {
	up_active_standby
	lt_flow_start "$(lt_calc "$PRE + $MD + 1 + $POST")" "$RATE"
	sleep "$PRE"
	drill_kill "SIGKILL A" hostA
	wait_converged "$(lt_calc "$MD + $LT_MARGIN + 2")" hostB:carp0:1=MASTER hostB:carp1:2=MASTER
	detected hostB carp0 1
	expect_reason hostB carp0 1 "master-down timer expired"
	DRILL_CHECK=check_crash
	drill_finish "$NAME" "$out" --after "$(lt_calc "$(drill_ev converged) + 1")"
}
check_crash() {
	drill_expect "$flow_gap_s <= $MD + 0.1" "loss window ${flow_gap_s}s > master-down interval ${MD}s + 0.1s"
	drill_expect "$flow_duplicates == 0" "$flow_duplicates duplicates"
	drill_expect "$flow_after > 0" "no datagram delivered after the takeover"
}

# link-down: A's lan0 loses carrier. Expect: every vhid of A moves (B MASTER
# of carp0 on lan0 and of carp1 on srv0, whose link stayed up), A's link
# demotion in the ledger, loss window <= master-down + 100 ms; then link up
# and A preempts both back.
drill_link_down() {
	up_active_standby
	lt_flow_start "$(lt_calc "$PRE + $MD + 2 + $POST + 5")" "$RATE"
	sleep "$PRE"
	drill_event "A lan0 down"
	lab_link hostA lan0 down
	local moved=0 link
	reach "$(lt_calc "$MD + $LT_MARGIN + 2")" hostB:carp0:1=MASTER hostB:carp1:2=MASTER \
		'hostA:carp0:1=INIT|BACKUP' hostA:carp1:2=BACKUP && moved=1
	detected hostA carp0 1
	expect_reason hostA carp0 1 "carpdev link down"
	link=$(lt_group hostA carp link)
	[[ $link =~ ^[1-9][0-9]*$ ]] || DRILL_BROKEN+=("hostA group carp: link ledger '$link' while lan0 is down (link as the router sees it: $(lt_get hostA carp0 1 link))")
	sleep "$POST"
	drill_event "A lan0 up"
	lab_link hostA lan0 up
	if ((moved)); then
		lt_wait_states 10 "${LT_A_MASTER[@]}"
		drill_event "A back" "$LT_AT"
	fi
	DRILL_CHECK=check_crash
	drill_finish "$NAME" "$out" --after "$(lt_calc "$(drill_ev "A lan0 up") + 1")"
}

# planned-demote: `carpctl demote carp +128` on A, the maintenance handover.
# Expect: B MASTER of both, 0 lost, 0 duplicates.
drill_planned_demote() {
	up_active_standby
	lt_flow_start "$(lt_calc "$PRE + 2 + $POST")" "$RATE"
	sleep "$PRE"
	drill_event "demote A +128"
	local reply
	reply=$(lt_carpctl hostA demote carp +128) || tl_fail "carpctl demote carp +128 on hostA: $reply"
	wait_converged 5 "${LT_B_MASTER[@]}"
	detected hostB carp0 1
	[[ $(lt_group hostA carp operator) == 128 ]] ||
		DRILL_BROKEN+=("hostA ledger operator $(lt_group hostA carp operator), expected 128")
	DRILL_CHECK=check_lossless
	drill_finish "$NAME" "$out"
}
check_lossless() {
	drill_expect "$flow_lost == 0" "$flow_lost datagrams lost (longest window ${flow_gap_s}s) in a planned handover"
	drill_expect "$flow_duplicates == 0" "$flow_duplicates duplicates"
}

# preempt-back: A crashed, B took over; A starts again and, with preempt and
# the lower advskew, takes both vhids back. Expect: A MASTER for "preempting
# a slower master", no duplicate, a loss window of at most 100 ms (the new
# master re-teaches the switch with its first frames).
drill_preempt_back() {
	up_active_standby
	lab_router_kill hostA
	lt_wait_states "$(lt_calc "$MD + $LT_MARGIN + 2")" hostB:carp0:1=MASTER hostB:carp1:2=MASTER
	tl_log "A killed, B MASTER; traffic starts, then A restarts"
	lt_flow_start "$(lt_calc "$PRE + 12 + $POST")" "$RATE"
	sleep "$PRE"
	drill_event "A restarted"
	lab_router_start hostA
	lab_router_wait hostA
	wait_converged 15 "${LT_A_MASTER[@]}"
	detected hostA carp0 1
	expect_reason hostA carp0 1 "preempting a slower master"
	DRILL_CHECK=check_preempt
	drill_finish "$NAME" "$out"
}
check_preempt() {
	drill_expect "$flow_gap_s <= 0.1" "loss window ${flow_gap_s}s > 0.1s at the preempting handover"
	drill_expect "$flow_duplicates == 0" "$flow_duplicates duplicates"
}

# split-brain-heal: CARP (only) cut between the routers: both become
# MASTER. Heal in two steps, as a real partition often heals: first A hears
# B (the winner meets a worse master and must re-announce), then B hears A
# and steps down. Expect: exactly one MASTER per vhid afterwards (A, held
# for 2 s), A's re-announcements counted, B's reason names the better master.
drill_split_brain_heal() {
	up_active_standby
	lt_flow_start "$(lt_calc "$PRE + $MD + 2 + 4 + $POST")" "$RATE"
	sleep "$PRE"
	local re0
	re0=$(reannounced hostA)
	drill_event "CARP cut"
	drill_cut
	lt_wait_states "$(lt_calc "$MD + $LT_MARGIN + 2")" hostA:carp0:1=MASTER hostA:carp1:2=MASTER \
		hostB:carp0:1=MASTER hostB:carp1:2=MASTER
	detected hostB carp0 1
	tl_log "split brain: both MASTER of vhids 1 and 2 after $(drill_since detection)s"
	sleep 2
	drill_event "heal B->A"
	drill_heal hostA
	sleep 2
	drill_event "heal A->B"
	drill_heal hostB
	wait_converged 6 "${LT_A_MASTER[@]}"
	lt_hold 2 "${LT_A_MASTER[@]}"
	local v re1
	for v in carp0:1 carp1:2; do
		[[ $(drill_masters "${v%:*}" "${v#*:}") == 1 ]] || DRILL_BROKEN+=("${v%:*} vhid ${v#*:}: not exactly one MASTER after the heal")
	done
	re1=$(reannounced hostA)
	tl_log "hostA re-announcements (GARP rounds, reannounces) before the cut: $re0, after the heal: $re1"
	lt_true "${re1:-0} > ${re0:-0}" || DRILL_BROKEN+=("hostA (the winner) did not re-announce: counters $re0 -> $re1")
	tl_log "hostB carp0 last transition: $(lt_get hostB carp0 1 reason)"
	DRILL_CHECK=check_heal
	drill_finish "$NAME" "$out" --after "$(lt_calc "$(drill_ev converged) + 0.5")"
}
# reannounced HOST: carp0 vhid 1 + carp1 vhid 2 re-announcement counters.
reannounced() {
	local a b
	a=$(drill_vhid_count "$1" carp0 1) b=$(drill_vhid_count "$1" carp1 2)
	[[ $a =~ ^[0-9]+$ && $b =~ ^[0-9]+$ ]] || {
		echo "?"
		return
	}
	echo $((a + b))
}
check_heal() {
	drill_expect "$flow_after > 0" "no datagram delivered after the heal"
}

# lb-node-loss: active/active, IP balancing (config set lb), 200 flows split
# by (src XOR dst) mod 2. SIGKILL B: A takes B's nodes. Expect: no datagram
# delivered twice, A's own flows lose nothing, B's flows back within the
# master-down interval + 100 ms, all 200 flows delivered afterwards.
drill_lb_node_loss() {
	lt_up
	local split=(hostA:carp0:1=MASTER hostB:carp0:2=MASTER hostA:carp1:3=MASTER hostB:carp1:4=MASTER
		hostA:carp0:2=BACKUP hostB:carp0:1=BACKUP hostA:carp1:4=BACKUP hostB:carp1:3=BACKUP)
	lt_wait_states 20 "${split[@]}"
	local srcs=$TL_TMP/sources
	{ seq 10 99; seq 101 210; } | sed 's/^/192.0.2./' >"$srcs"
	sed 's|.*|addr add &/24 dev eth0|' "$srcs" | lab_nsx client ip -batch - || tl_fail "cannot add the client's 200 addresses"
	lt_flow_start 1 200 "$srcs" # warm-up: every ARP resolved before counting
	lt_flow_finish >/dev/null
	lt_flow_start "$(lt_calc "$PRE + $MD + 1 + $POST")" 2000 "$srcs"
	sleep "$PRE"
	drill_kill "SIGKILL B" hostB
	wait_converged "$(lt_calc "$MD + $LT_MARGIN + 2")" hostA:carp0:1=MASTER hostA:carp0:2=MASTER \
		hostA:carp1:3=MASTER hostA:carp1:4=MASTER
	detected hostA carp0 2
	DRILL_CHECK=check_lb DRILL_BACK=lost
	drill_finish "$NAME" "$out" --flows 200 --split 198.51.100.100 02:00:00:0a:02:02 02:00:00:0a:02:03 \
		--after "$(lt_calc "$(drill_ev converged) + 1")"
}
check_lb() {
	drill_expect "$flow_duplicates == 0" "$flow_duplicates datagrams delivered twice"
	drill_expect "${flow_lost_idx0:-1} == 0" "${flow_lost_idx0:-?} datagrams of A's own flows lost"
	drill_expect "$drill_lost_span_s <= $MD + 0.1" "B's flows lost datagrams over ${drill_lost_span_s}s > ${MD}s + 0.1s"
	drill_expect "$flow_flows_after == 200" "only $flow_flows_after of 200 flows delivered after the takeover"
	tl_log "B's flows lost $flow_lost_idx1 datagrams over ${drill_lost_span_s}s; A's lost ${flow_lost_idx0:-?}"
}

# restart-both: both routers die at once (power loss) and start again
# together. Expect: both come back, exactly one MASTER per vhid (A), held
# for 2 s without flapping, traffic flows again.
drill_restart_both() {
	up_active_standby
	lt_flow_start "$(lt_calc "$PRE + 14 + $POST")" "$RATE"
	sleep "$PRE"
	drill_kill "SIGKILL A+B" hostA hostB
	drill_event "restart A+B"
	lab_router_start hostA
	lab_router_start hostB
	lab_router_wait hostA
	lab_router_wait hostB
	wait_converged 15 "${LT_A_MASTER[@]}"
	detected hostA carp0 1
	lt_hold 2 "${LT_A_MASTER[@]}"
	local v
	for v in carp0:1 carp1:2; do
		[[ $(drill_masters "${v%:*}" "${v#*:}") == 1 ]] || DRILL_BROKEN+=("${v%:*} vhid ${v#*:}: not exactly one MASTER")
	done
	DRILL_CHECK=check_restart
	drill_finish "$NAME" "$out" --after "$(lt_calc "$(drill_ev converged) + 1")"
}
check_restart() {
	drill_expect "$flow_after > 0" "no datagram delivered after both restarted"
	drill_expect "$flow_duplicates == 0" "$flow_duplicates duplicates"
}

# reload: traffic through the virtual gateway while both routers reload
# RELOADS times (--short: 4), alternating two valid files that differ in a
# route (203.0.113.0/25 or .128/25 via the server) and in carp0's advskew
# (A 0/10, B 100/120: never crossing), plus REFUSED refused files (--short:
# 2; a syntax error, a VIP address, workers, an MTU, an unreachable gateway in
# turn). Expect: every valid file applied (generation +1, the file's route in
# /router/routes and not the other's, the client's ping to an address behind
# it answered through the virtual gateway, carp0's advskew the file's), every
# refused one refused with its FILE:LINE reason (generation kept); 0
# datagrams lost, 0 duplicates, no CARP transition; mbufs in use and the
# rte_malloc heap back to what they were before the first reload.
drill_reload() {
	local reloads=50 refused=10 n h v
	((short)) && reloads=4 refused=2
	declare -A skew1=([hostA]=0 [hostB]=100) skew2=([hostA]=10 [hostB]=120) gen
	for h in hostA hostB; do
		cp "$(lab_cfg $h)" "$TL_TMP/$h.cfg"
		LAB_CFGS[$h]=$TL_TMP/$h.cfg
		for v in 1 2; do
			local pfx=203.0.113.0/25 sk=${skew1[$h]}
			((v == 2)) && pfx=203.0.113.128/25 sk=${skew2[$h]}
			sed "/name = \"carp0\"/s/advskew = ${skew1[$h]}/advskew = $sk/" "$(lab_cfg $h)" >"$TL_TMP/$h-$v.cfg"
			echo "routes = ( { prefix = \"$pfx\"; via = \"198.51.100.100\"; } );" >>"$TL_TMP/$h-$v.cfg"
		done
		gen[$h]=1
	done
	up_active_standby
	lab_nsx server ip addr add 203.0.113.10/32 dev lo
	lab_nsx server ip addr add 203.0.113.200/32 dev lo
	local tr0 tr1 mem0 mem1
	tr0=$(reload_transitions)
	mem0="$(reload_mem hostA) $(reload_mem hostB)"
	lt_flow_start "$(lt_calc "$PRE + ($reloads + $refused) * 0.8 + 2 + $POST")" "$RATE"
	sleep "$PRE"
	drill_event "first reload"
	local bad=0 every=$((reloads / refused))
	for ((n = 1; n <= reloads; n++)); do
		if ((bad < refused && n % every == 0)); then
			reload_refused $((bad++))
		fi
		v=$((2 - n % 2))
		for h in hostA hostB; do reload_valid "$h" "$v"; done
	done
	drill_event "last reload"
	sleep "$POST"
	drill_finish_reload "$tr0" "$mem0" "$reloads" "$refused"
}
# reload_transitions: the four vhids' transition counters.
reload_transitions() {
	local hv
	for hv in "hostA carp0 1" "hostA carp1 2" "hostB carp0 1" "hostB carp1 2"; do
		printf '%s ' "$(lt_get $hv transitions)"
	done
}
# reload_mem HOST: "HEAP_ALLOC MBUFS_IN_USE" of the router.
reload_mem() {
	"$TL_PY" tests/lib/reload_reply.py "$(lab_prefix "$1")" mem | awk '{printf "%s ", $2}'
}
# reload_valid HOST V: file V applied, its route and advskew in effect.
reload_valid() {
	local h=$1 v=$2 out want pfx=203.0.113.0/25 other=203.0.113.128/25 dst=203.0.113.10 sk routes
	((v == 2)) && pfx=203.0.113.128/25 other=203.0.113.0/25 dst=203.0.113.200
	cp "$TL_TMP/$h-$v.cfg" "$TL_TMP/$h.cfg"
	out=$("$TL_PY" tests/lib/reload_reply.py "$(lab_prefix "$h")")
	local changes="routes, carp0 (changed)"
	((gen[$h] == 1)) && changes=routes # the lab's file has file 1's advskew
	gen[$h]=$((gen[$h] + 1))
	want="result applied"$'\n'"generation ${gen[$h]}"$'\n'"changes $changes"
	[[ $out == "$want" ]] || {
		DRILL_BROKEN+=("$h file $v: reload answered '${out//$'\n'/; }'")
		gen[$h]=$(sed -n 's/^generation //p' <<<"$out")
		return
	}
	routes=$(lab_tel "$h" /router/routes)
	[[ $routes == *"\"$pfx\""* && $routes != *"\"$other\""* ]] ||
		DRILL_BROKEN+=("$h file $v: /router/routes without $pfx or still with $other")
	sk=$(lt_get "$h" carp0 1 advskew)
	[[ $sk == "${skew1[$h]}" && $v == 1 || $sk == "${skew2[$h]}" && $v == 2 ]] ||
		DRILL_BROKEN+=("$h file $v: carp0 advskew $sk")
	if [[ $h == hostA ]]; then # A forwards: the new route carries the client's ping
		lab_nsx client ping -c 1 -W 1 "$dst" >/dev/null ||
			DRILL_BROKEN+=("file $v: no answer from $dst behind the new route")
	fi
}
# reload_refused K: the K-th refused file, on both routers; nothing changes.
reload_refused() {
	local k=$1 h out first line
	for h in hostA hostB; do
		case $((k % 5)) in
		0) sed '0,/^ports = (/s//ports = (;/' "$TL_TMP/$h-1.cfg" >"$TL_TMP/$h.cfg" ;;
		1) sed 's|"198.51.100.1/24"|"198.51.100.9/24"|' "$TL_TMP/$h-1.cfg" >"$TL_TMP/$h.cfg" ;;
		2) sed 's/^workers = .*/workers = [ 2 ];/' "$TL_TMP/$h-1.cfg" >"$TL_TMP/$h.cfg" ;;
		3) sed '0,/rx_desc = 512;/s//rx_desc = 512; mtu = 1400;/' "$TL_TMP/$h-1.cfg" >"$TL_TMP/$h.cfg" ;;
		4) sed 's/via = "198.51.100.100"/via = "192.0.2.254"; port = "srv0"/' "$TL_TMP/$h-1.cfg" >"$TL_TMP/$h.cfg" ;;
		esac
		out=$("$TL_PY" tests/lib/reload_reply.py "$(lab_prefix "$h")")
		first=$(sed -n 's/^error //p' <<<"$out" | head -1)
		line=$(sed -n '2p' <<<"$out")
		[[ $out == "result refused"* && $line == "generation ${gen[$h]}" && $first == "$TL_TMP/$h.cfg:"[0-9]*": "* ]] ||
			DRILL_BROKEN+=("$h refused file $k: reload answered '${out//$'\n'/; }'")
	done
}
drill_finish_reload() {
	local tr0=$1 mem0=$2 tr1 mem1
	tr1=$(reload_transitions)
	mem1="$(reload_mem hostA) $(reload_mem hostB)"
	[[ $tr1 == "$tr0" ]] || DRILL_BROKEN+=("CARP transitions (A carp0 carp1, B carp0 carp1) $tr0-> $tr1")
	read -r ha0 ma0 hb0 mb0 <<<"$mem0"
	read -r ha1 ma1 hb1 mb1 <<<"$mem1"
	tl_log "rte_malloc heap in use A $ha0 -> $ha1, B $hb0 -> $hb1 bytes; mbufs in use A $ma0 -> $ma1, B $mb0 -> $mb1"
	# the first reload replaces the ctx's own table with an allocated one
	# (struct fwd_routes with the ports' addresses: ~3.3 KiB, once); a leak
	# of a table is 64 MiB, of 100 bytes per reload 10 KiB
	lt_true "$ha1 <= $ha0 + 8192 && $hb1 <= $hb0 + 8192" ||
		DRILL_BROKEN+=("rte_malloc heap grew: A $ha0 -> $ha1, B $hb0 -> $hb1 bytes")
	[[ $ma1 == "$ma0" && $mb1 == "$mb0" ]] ||
		DRILL_BROKEN+=("mbufs in use: A $ma0 -> $ma1, B $mb0 -> $mb1")
	tl_log "$3 reloads of each router and $4 refused files: generations A ${gen[hostA]}, B ${gen[hostB]}"
	DRILL_CHECK=check_lossless
	drill_event converged "$(lt_now)"
	drill_finish "$NAME" "$out"
}

# ---- stateful failover with pfsync (issue 12 §8; tests/lib/pfsync_lab.sh) ----
# Long-lived TCP connections (one echo per 100 ms each) and a paced bulk
# download through the stateful filter and NAT to carp1, real Linux stacks
# (tests/lib/tcp_drill.sh); the report is tcp_conns.py's, in $out/NAME.txt.
if ((short)); then PFS_CONNS=50 PFS_BULK=33554432; else PFS_CONNS=200 PFS_BULK=134217728; fi

pfsync_up() { # [nosync]
	((fast)) && usage # the pfsync pair has its own configurations (advbase 1)
	pfsl_setup "$@"
	up_active_standby
	tcpd_init "$TL_TMP/tcp"
	tcpd_server_start
	tcpd_capture_start
	tcpd_client_start "$PFS_CONNS" --bulk-bytes "$PFS_BULK" --bulk-mbps 100 --dead-after 15
	tcpd_wait_established 30
	sleep "$PRE"
}

pfsync_finish() { # the expectations hold: 0 lost, 0 RST, the download complete
	tcpd_wait_bulk 90 || true
	tcpd_wait_flowing 20 || true
	sleep 2
	tcpd_finish
	tcpd_expect_lost 0
	tcpd_expect_rst 0
	tcpd_expect_bulk
	{
		echo "drill $NAME: $PFS_CONNS TCP connections + a ${PFS_BULK}-byte download, master-down ${MD}s"
		tcpd_print
		local b
		for b in "${DRILL_BROKEN[@]}"; do echo "EXPECTATION BROKEN: $b"; done
	} | tee "$out/$NAME.txt"
	((${#DRILL_BROKEN[@]} == 0)) || tl_fail "${#DRILL_BROKEN[@]} expectation(s) broken ($out/$NAME.txt)"
	tl_log "PASS ($out/$NAME.txt)"
}

# pfsync-crash: SIGKILL the master. Expect every connection to survive on B
# (its states came by pfsync), 0 RST at either end, the download complete.
drill_pfsync_crash() {
	pfsync_up
	tcpd_fault
	drill_kill "SIGKILL A" hostA
	wait_converged "$(lt_calc "$MD + $LT_MARGIN + 2")" hostB:carp0:1=MASTER hostB:carp1:2=MASTER
	pfsync_finish
}

# pfsync-crash-nosync: the same without pfsync, to show what it buys: B has
# no state, its filter drops (or NATs anew) every packet of the old
# connections. Expect connections lost (the figures are the point).
drill_pfsync_crash_nosync() {
	pfsync_up nosync
	tcpd_fault
	drill_kill "SIGKILL A" hostA
	wait_converged "$(lt_calc "$MD + $LT_MARGIN + 2")" hostB:carp0:1=MASTER hostB:carp1:2=MASTER
	tcpd_wait_until 30 's["dead"] > 0' || true
	tcpd_finish
	drill_expect "$tcp_lost > 0" "no connection lost without pfsync: the drill shows nothing"
	{
		echo "drill $NAME: $PFS_CONNS TCP connections + a ${PFS_BULK}-byte download, no pfsync"
		tcpd_print
	} | tee "$out/$NAME.txt"
	((${#DRILL_BROKEN[@]} == 0)) || tl_fail "${DRILL_BROKEN[*]}"
}

# pfsync-planned: demote A's group carp (maintenance): B preempts. Expect 0
# connections lost, 0 RST, the download complete.
drill_pfsync_planned() {
	pfsync_up
	tcpd_fault
	drill_event "demote A"
	lab_tel hostA /carp/demote,carp,+50 >/dev/null
	wait_converged "$(lt_calc "$MD + $LT_MARGIN + 4")" hostB:carp0:1=MASTER hostB:carp1:2=MASTER
	pfsync_finish
}

"drill_${scen//-/_}"
