#!/usr/bin/env bash
# Link down on the master's carpdev: `ip link set lan0 down` inside host A's
# namespace (the veth its af_packet port lan0 uses). Link-down demotion moves
# every vhid of the host together: B must become MASTER of carp0 (on lan0)
# AND carp1 (on srv0, whose link stays up), and A's /carp/groups must show
# the demotion in the "link" ledger entry. Link up again: with preempt A
# takes both back and the ledger entry returns to 0.
#   sudo tests/carp/test_linkdown.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init linkdown "${1:-build}"
lt_up
lt_wait_states 15 "${LT_A_MASTER[@]}"
tl_log "A MASTER, B BACKUP after ${LT_AFTER}s"

[[ $(lt_group hostA carp link) == 0 ]] || tl_fail "hostA: link ledger $(lt_group hostA carp link) before any link change"
md=$(lt_master_down 1 100)
t_down=$(lt_now)
lab_link hostA lan0 down
tl_log "hostA lan0 down"
# The control lcore polls links every 100 ms; /carp/info says what it saw.
for _ in $(seq 20); do
	[[ $(lt_get hostA carp0 1 link) != up ]] && break
	sleep 0.1
done
[[ $(lt_get hostA carp0 1 link) != up ]] ||
	tl_fail "hostA still reports carpdev lan0 link up 2 s after 'ip link set lan0 down': carp-router does not see the af_packet port's kernel interface go down"
# carp0: B stops hearing A on the LAN (master-down); carp1: A's demotion
# must make B preempt on srv0 too. Link polling adds up to 100 ms.
lt_wait_states "$(lt_calc "$md + $LT_MARGIN + 2")" hostB:carp0:1=MASTER hostB:carp1:2=MASTER \
	'hostA:carp0:1=INIT|BACKUP' hostA:carp1:2=BACKUP
tl_log "hostB MASTER of vhids 1 and 2 $(lt_calc "$LT_AT - $t_down")s after link down"
link=$(lt_group hostA carp link)
[[ $link =~ ^[0-9]+$ ]] && ((link > 0)) || tl_fail "hostA /carp/groups: link ledger '$link' after lan0 went down"
tl_log "hostA group carp: demote $(lt_group hostA carp), ledger link $link"
reason=$(lt_get hostA carp0 1 reason)
[[ $reason == "carpdev link down" ]] || tl_fail "hostA carp0: reason '$reason', expected 'carpdev link down'"

lab_link hostA lan0 up
tl_log "hostA lan0 up"
lt_wait_states 10 "${LT_A_MASTER[@]}"
tl_log "A MASTER of both again after ${LT_AFTER}s (preempt)"
link=$(lt_group hostA carp link)
[[ $link == 0 ]] || tl_fail "hostA: link ledger $link after lan0 came back"
lt_hold 2 "${LT_A_MASTER[@]}"
tl_log "PASS"
