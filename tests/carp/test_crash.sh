#!/usr/bin/env bash
# Crash of the master: with a numbered UDP flow client -> server running
# through the virtual gateway, SIGKILL host A (MASTER of both vhids). Host B
# must be MASTER of both within its master-down interval, 3 x (1 + 100/256)
# = 4.17 s (+ a polling margin), measured from the kill by polling telemetry;
# the flow must come back: every datagram lost belongs to one hole that
# opens when A stops delivering (at most 0.5 s before the kill: what A still
# had queued dies with it) and closes by B's takeover + 1 s; prints the loss
# window.
#   sudo tests/carp/test_crash.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init crash "${1:-build}"
lt_up
lt_wait_states 15 "${LT_A_MASTER[@]}"
tl_log "A MASTER, B BACKUP after ${LT_AFTER}s"
lab_nsx client ping -c 2 -i 0.2 -W 2 198.51.100.100 >/dev/null || true # ARP warm-up

md=$(lt_master_down 1 100)
lt_flow_start 12 1000
sleep 3
lab_router_kill hostA
t_kill=$LAB_KILLED_AT
tl_log "SIGKILL hostA at $t_kill"
lt_wait_states "$(lt_calc "$md + $LT_MARGIN + 1")" hostB:carp0:1=MASTER hostB:carp1:2=MASTER
takeover=$(lt_calc "$LT_CHANGED - $t_kill") # by the router's own transition time
tl_log "hostB MASTER of vhids 1 and 2 ${takeover}s after the kill (master-down interval ${md}s; polling saw it $(lt_calc "$LT_AT - $LT_CHANGED")s later)"
lt_true "$takeover <= $md + $LT_MARGIN" ||
	tl_fail "takeover took ${takeover}s, more than the master-down interval ${md}s + ${LT_MARGIN}s"
reason=$(lt_get hostB carp0 1 reason)
[[ $reason == "master-down timer expired" ]] || tl_fail "hostB carp0 reason '$reason', expected 'master-down timer expired'"

lt_flow_finish --after "$(lt_calc "$LT_CHANGED + 1")" --window "$(lt_calc "$t_kill - $LT_QUIET")" "$(lt_calc "$LT_CHANGED + 1")"
((flow_duplicates == 0)) || tl_fail "$flow_duplicates duplicate datagrams"
((flow_after > 0)) || tl_fail "no datagram delivered after the takeover: traffic did not resume"
((flow_lost_outside == 0)) ||
	tl_fail "$flow_lost_outside datagrams lost outside the failover window [A's last delivery >= kill - ${LT_QUIET}s, takeover + 1 s]"
tl_log "loss window ${flow_gap_s}s ($flow_lost datagrams at 1000/s), takeover ${takeover}s, first datagram after the loss sent $(lt_calc "$flow_gap_to - $LT_CHANGED")s after B's transition, $flow_after delivered after takeover + 1 s"
tl_log "PASS"
