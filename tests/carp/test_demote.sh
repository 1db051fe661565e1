#!/usr/bin/env bash
# Planned takeover by demotion (`carpctl demote carp +128`, like OpenBSD's
# `ifconfig -g carp carpdemote 128`) on host A, under a numbered UDP flow:
# B (preempt) takes both vhids, A's /carp/groups shows 128 from the operator;
# `-128` brings A back by preempt. No datagram may be lost or duplicated
# across both handovers.
#   sudo tests/carp/test_demote.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init demote "${1:-build}"
lt_up
lt_wait_states 15 "${LT_A_MASTER[@]}"
tl_log "A MASTER, B BACKUP after ${LT_AFTER}s"
lab_nsx client ping -c 2 -i 0.2 -W 2 198.51.100.100 >/dev/null || true # ARP warm-up

lt_flow_start 10 1000
sleep 2
out=$(lt_carpctl hostA demote carp +128) || tl_fail "demote carp +128 on hostA failed: $out"
tl_log "hostA: demote carp +128: $out"
# B hears A's demoted advertisements and preempts at its next advertisement
lt_wait_states 5 "${LT_B_MASTER[@]}"
tl_log "B MASTER, A BACKUP ${LT_AFTER}s after the demotion"
[[ $(lt_group hostA carp) == 128 ]] || tl_fail "hostA group carp demote $(lt_group hostA carp), expected 128"
[[ $(lt_group hostA carp operator) == 128 ]] ||
	tl_fail "hostA group carp ledger operator $(lt_group hostA carp operator), expected 128"
sleep 2
out=$(lt_carpctl hostA demote carp -128) || tl_fail "demote carp -128 on hostA failed: $out"
tl_log "hostA: demote carp -128: $out"
lt_wait_states 5 "${LT_A_MASTER[@]}"
tl_log "A MASTER again ${LT_AFTER}s after the demotion was withdrawn"
reason=$(lt_get hostA carp0 1 reason)
[[ $reason == "preempting a slower master" ]] || tl_fail "hostA carp0 reason '$reason', expected 'preempting a slower master'"
[[ $(lt_group hostA carp operator) == 0 ]] || tl_fail "hostA ledger operator $(lt_group hostA carp operator) after -128"

lt_flow_finish
((flow_duplicates == 0)) || tl_fail "$flow_duplicates duplicate datagrams across the planned handovers"
((flow_lost == 0)) || tl_fail "$flow_lost datagrams lost across the planned handovers (longest window ${flow_gap_s}s)"
tl_log "0 lost, 0 duplicates across two planned handovers"
tl_log "PASS"
