#!/usr/bin/env bash
# CARP election in the two-router lab (config/lab/hostA.cfg + hostB.cfg):
# host A (advskew 0) becomes MASTER of both vhids, host B (advskew 100)
# BACKUP, each with a transition reason and B naming A as the master heard;
# the client reaches the server through the virtual gateway, answered by A's
# virtual MAC and forwarded by A only.
#   sudo tests/carp/test_election.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init election "${1:-build}"
lt_up

# Both boot BACKUP; A's master-down interval (3 s) ends first.
lt_wait_states 15 "${LT_A_MASTER[@]}"
tl_log "A MASTER and B BACKUP for vhids 1 and 2 after ${LT_AFTER}s"
lt_hold 2 "${LT_A_MASTER[@]}"

for hv in "carp0 1" "carp1 2"; do
	for h in hostA hostB; do
		reason=$(lt_get "$h" $hv reason)
		[[ -n $reason && $reason != None && $reason != none ]] ||
			tl_fail "$h $hv: no transition reason ('$reason')"
		tl_log "$h $hv: $(lt_get "$h" $hv state), last transition: $reason"
	done
done
[[ $(lt_get hostA carp0 1 reason) == "master-down timer expired" ]] ||
	tl_fail "hostA carp0: reason '$(lt_get hostA carp0 1 reason)', expected 'master-down timer expired'"
# B's view of the master: the source address of A's advertisements
[[ $(lt_get hostB carp0 1 master_addr) == 192.0.2.2 ]] ||
	tl_fail "hostB carp0: master_addr '$(lt_get hostB carp0 1 master_addr)', expected A's 192.0.2.2"
[[ $(lt_get hostB carp1 2 master_addr) == 198.51.100.2 ]] ||
	tl_fail "hostB carp1: master_addr '$(lt_get hostB carp1 2 master_addr)', expected A's 198.51.100.2"

fwdA=$(lt_router_stat hostA forwarded)
fwdB=$(lt_router_stat hostB forwarded)
# the first echo waits for both routers' ARP (dropped as neighbour_unresolved)
lab_nsx client ping -c 1 -W 2 198.51.100.100 >/dev/null || true
lab_nsx client ping -c 5 -i 0.2 -W 2 198.51.100.100 >"$TL_TMP/ping.log" ||
	tl_fail "ping client -> server through 192.0.2.1 failed: $(cat "$TL_TMP/ping.log")"
grep -q " 0% packet loss" "$TL_TMP/ping.log" || tl_fail "ping lost packets: $(tail -2 "$TL_TMP/ping.log")"
mac=$(lab_nsx client ip neigh show 192.0.2.1 dev eth0 | awk '{print $3}')
[[ $mac == 00:00:5e:00:01:01 ]] || tl_fail "client resolved 192.0.2.1 to '$mac', expected vhid 1's 00:00:5e:00:01:01"
dA=$(($(lt_router_stat hostA forwarded) - fwdA))
dB=$(($(lt_router_stat hostB forwarded) - fwdB))
((dA >= 10)) || tl_fail "hostA forwarded $dA packets for 6 echo requests and replies"
((dB == 0)) || tl_fail "hostB (BACKUP) forwarded $dB packets"
tl_log "ping through the VIP: 0% loss, via 00:00:5e:00:01:01; hostA forwarded $dA, hostB $dB"
tl_log "PASS"
