#!/usr/bin/env bash
# The main job: CARP failover you can watch. From scratch (scripts/setup.sh:
# packages, hugepages, build), it starts the two-router lab (scripts/lab.sh's
# functions: client, server, hosts A and B each running carp-router, A the
# preferred master), shows both routers' CARP state, sends 1000 numbered UDP
# datagrams/s client -> server through the virtual gateway 192.0.2.1, kills
# the master (SIGKILL), shows B taking over and traffic resuming, restarts A
# and shows it preempt. Prints detection, takeover and packets lost, and
# writes a PNG of delivered datagrams per 10 ms with the events marked.
#   sudo scripts/carp-demo.sh [--plot FILE.png] [--build DIR]
# Default plot: out/carp-demo.png (its figures next to it, .txt). Takes
# about a minute; everything it starts is stopped and removed on exit, also
# on failure or Ctrl-C.
# shellcheck disable=SC2154 # flow_* come from eval (tests/lib/labtest.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
plot=out/carp-demo.png build=${BUILD_DIR:-build}
while (($#)); do
	case $1 in
	--plot) plot=${2:?--plot needs a file name} && shift ;;
	--build) build=${2:?--build needs a directory} && shift ;;
	*)
		sed -n '10,10p' "$0" | sed 's/^# *//' >&2
		exit 2
		;;
	esac
	shift
done
[[ $plot == *.png ]] || plot=$plot.png

. tests/lib/labtest.sh
. tests/lib/drill_lab.sh
tl_init carp-demo
lab_init "crdemo$$" "$build" ""
trap 'rc=$?; lab_down; (exit $rc); tl_cleanup' EXIT

step() { echo && echo "=== $*"; }
status() {
	local h
	for h in "${LAB_HOSTS[@]}"; do
		if lab_pid "$h" >/dev/null; then
			echo "--- host $h: scripts/carpctl -f $(lab_prefix "$h") status"
			scripts/carpctl -f "$(lab_prefix "$h")" status | sed 's/^/    /'
		else
			echo "--- host $h: not running"
		fi
	done
}

step "setup: packages, hugepages, build ($build)"
BUILD_DIR=$build bash scripts/setup.sh | tail -n 3

step "lab $LAB_P: client 192.0.2.100 -- brL -- hosts A (192.0.2.2) and B (192.0.2.3) -- brS -- server 198.51.100.100"
lab_up
r=$(lab_tel hostA /carp/list)
[[ $r == *'"carp0"'* ]] || tl_fail "this carp-router has no CARP telemetry yet (/carp/list: $r)"
echo "virtual gateways 192.0.2.1 (carp0, vhid 1) and 198.51.100.1 (carp1, vhid 2); A advskew 0, B advskew 100, preempt on"
lt_wait_states 15 "${LT_A_MASTER[@]}"
step "election done after ${LT_AFTER}s: A is MASTER"
status
echo "--- the same through DPDK's own client: echo /carp/info,carp0 | dpdk-telemetry.py -f $(lab_prefix hostA)"
echo /carp/info,carp0 | dpdk-telemetry.py -f "$(lab_prefix hostA)" 2>/dev/null | grep -v '^Connecting\|^{"version"\|^--> ' | sed 's/^/    /' || true
lab_nsx client ping -c 2 -i 0.2 -W 2 198.51.100.100 >/dev/null || true # ARP warm-up

MD=$(lt_master_down 1 100)
step "traffic: 1000 datagrams/s client -> server through 192.0.2.1"
lt_flow_start 20 1000
sleep 3
step "SIGKILL the master (host A)"
drill_kill "SIGKILL A" hostA
lt_wait_states "$(lt_calc "$MD + $LT_MARGIN + 2")" hostB:carp0:1=MASTER hostB:carp1:2=MASTER
drill_event detection "$(drill_transition_at hostB carp0 1 || echo "$LT_AT")"
at=$(drill_settled_at hostB:carp0:1=MASTER hostB:carp1:2=MASTER)
drill_event converged "${at:-$LT_AT}" # B MASTER of both
echo "B is MASTER of both vhids $(lt_calc "$LT_AT - $(drill_ref)")s after the kill (its master-down interval: ${MD}s)"
status
sleep 3
step "restart host A: it preempts (lower advskew, preempt on)"
drill_event "A restarted"
lab_router_start hostA
lab_router_wait hostA
lt_wait_states 15 "${LT_A_MASTER[@]}"
drill_event "A MASTER again" "$LT_AT"
echo "A is MASTER again, reason: $(lt_get hostA carp0 1 reason)"
status
step "waiting for the rest of the traffic"
mkdir -p "$(dirname "$plot")"
out=$(cd "$(dirname "$plot")" && pwd)
demo_check() {
	drill_expect "$flow_after > 0" "no datagram delivered after A came back"
	drill_expect "$flow_duplicates == 0" "$flow_duplicates duplicates"
}
DRILL_CHECK=demo_check
drill_finish "$(basename "$plot" .png)" "$out" --after "$(drill_ev "A MASTER again")"
echo
echo "carp-demo: failover seen: detection ${DRILL_DETECTION}s, takeover ${DRILL_TAKEOVER}s, $flow_lost datagrams lost; plot $out/$(basename "$plot")"
