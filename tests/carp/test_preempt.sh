#!/usr/bin/env bash
# Preempt: host A crashes (SIGKILL), B becomes MASTER; A restarts and, with
# preempt on (config/lab/hostA.cfg), takes both vhids back from the slower
# master ("preempting a slower master"). With preempt off
# (config/lab/host*-nopreempt.cfg) the restarted A stays BACKUP and B keeps
# both vhids.
#   sudo tests/carp/test_preempt.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init preempt "${1:-build}"
md=$(lt_master_down 1 100)

# crash_and_restart: A MASTER -> kill A -> B MASTER -> restart A
crash_and_restart() {
	lt_up
	lt_wait_states 15 "${LT_A_MASTER[@]}"
	tl_log "A MASTER, B BACKUP after ${LT_AFTER}s"
	lab_router_kill hostA
	lt_wait_states "$(lt_calc "$md + $LT_MARGIN + 1")" hostB:carp0:1=MASTER hostB:carp1:2=MASTER
	tl_log "A killed: B MASTER of both after ${LT_AFTER}s"
	lab_router_start hostA
	lab_router_wait hostA
	tl_log "hostA restarted (pid $(lab_pid hostA))"
}

tl_log "--- preempt on"
crash_and_restart
lt_wait_states 15 "${LT_A_MASTER[@]}"
tl_log "A MASTER of both again ${LT_AFTER}s after its telemetry came up"
for hv in "carp0 1" "carp1 2"; do
	reason=$(lt_get hostA $hv reason)
	[[ $reason == "preempting a slower master" ]] ||
		tl_fail "hostA $hv: reason '$reason', expected 'preempting a slower master'"
done
lt_hold 2 "${LT_A_MASTER[@]}"
lab_down

tl_log "--- preempt off"
LAB_SET=nopreempt
lt_require_carp_config
crash_and_restart
# A is back as BACKUP; give it several master-down intervals to (wrongly) take over.
lt_wait_states 15 "${LT_B_MASTER[@]}"
lt_hold "$(lt_calc "2 * $md")" "${LT_B_MASTER[@]}"
tl_log "without preempt B stays MASTER and A BACKUP for $(lt_calc "2 * $md")s"
tl_log "PASS"
