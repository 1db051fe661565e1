#!/usr/bin/env bash
# Clean shutdown of the master (issue 4 item 9): SIGTERM to host A under a
# numbered UDP flow. A bows out (advertisement with advbase/advskew 255)
# before it exits, so B takes both vhids at once, far inside the 4.17 s
# master-down interval a crash costs; traffic resumes. B's reason is the rule
# the bow-out advertisement meets (as in OpenBSD, which has no rule of its
# own for it): "preempting a slower master" with preempt on (the lab), else
# "bow-out received" or "master advertises slower ..."; never
# "master-down timer expired", which would mean the bow-out was missed.
#   sudo tests/carp/test_shutdown.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init shutdown "${1:-build}"
lt_up
lt_wait_states 15 "${LT_A_MASTER[@]}"
tl_log "A MASTER, B BACKUP after ${LT_AFTER}s"
lab_nsx client ping -c 2 -i 0.2 -W 2 198.51.100.100 >/dev/null || true # ARP warm-up

BOUND=1.0 # s: a bow-out handover is immediate; a missed one takes 4.17 s
lt_flow_start 8 1000
sleep 2
t_term=$(lt_now)
lab_router_stop hostA
tl_log "hostA stopped by SIGTERM (exit took $(lt_calc "$(lt_now) - $t_term")s)"
lt_wait_states 6 hostB:carp0:1=MASTER hostB:carp1:2=MASTER
handover=$(lt_calc "$LT_CHANGED - $t_term")
for hv in "carp0 1" "carp1 2"; do
	reason=$(lt_get hostB $hv reason)
	[[ $reason == "preempting a slower master" ]] ||
		tl_fail "hostB $hv: reason '$reason', expected 'preempting a slower master' (the bow-out met with preempt on)"
done
lt_true "$handover <= $BOUND" || tl_fail "handover took ${handover}s after SIGTERM, more than ${BOUND}s"
tl_log "hostB MASTER of both ${handover}s after SIGTERM: $reason"
lt_flow_finish --after "$(lt_calc "$LT_CHANGED + 1")"
((flow_duplicates == 0)) || tl_fail "$flow_duplicates duplicate datagrams"
((flow_after > 0)) || tl_fail "no datagram delivered after the handover"
lt_true "$flow_gap_s <= $BOUND" || tl_fail "loss window ${flow_gap_s}s, more than ${BOUND}s"
tl_log "loss window ${flow_gap_s}s ($flow_lost datagrams at 1000/s)"
tl_log "PASS"
