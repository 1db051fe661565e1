#!/usr/bin/env bash
# One carp-router with a unicast carppeer and a hook that hangs:
#  - the peer's MAC is unknown at first: the control lcore ARPs for it from
#    the carpdev's address (arp_peer_requests), the first advert fails
#    (adv_tx_errors), then every advert goes unicast to the peer's MAC and
#    address, authenticated;
#  - the hook sleeps for 30 s: it is killed at hook_timeout_ms (counted in
#    hook_timeouts, logged) and CARP goes on regardless: MASTER after the
#    master-down interval, adverts every second.
#   sudo tests/carpctl/test_single_peer.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh
. tests/carpctl/single_lib.sh
tl_init cpeer1
BUILD=$(cd "${1:-build}" && pwd)
tl_binary "$BUILD"
CARPDUMP=$BUILD/tools/carpdump/carpdump
[[ -x $CARPDUMP ]] || tl_fail "no $CARPDUMP (build first)"
tl_hugepages

tl_netns_add r
tl_netns_add p
tl_veth r lan0 p peer0
ip -n "$(tl_ns r)" link set lan0 arp off
ip -n "$(tl_ns p)" addr add 192.0.2.50/24 dev peer0
peer_mac=$(ip -n "$(tl_ns p)" -o link show peer0 | grep -o 'link/ether [0-9a-f:]*' | awk '{print $2}')
printf '#!/bin/sh\necho "hanging on $*"\nsleep 30\n' >"$TL_TMP/hang.sh"
chmod +x "$TL_TMP/hang.sh"
cat >"$TL_TMP/router.cfg" <<EOF
log_level = "info";
polling = "adaptive";
workers = [ 1 ];
control_lcore = 2;
ports = ( { name = "lan0"; device = "net_af_packet0"; addresses = [ "192.0.2.2/24" ]; } );
carp = {
	log = 1; # below LOG_CRIT: no state-change lines (checked at the end)
	hook = "$TL_TMP/hang.sh";
	hook_timeout_ms = 300;
	interfaces = ( { name = "carp0"; carpdev = "lan0"; vhid = 7; pass = "peer-pass";
	                 addresses = [ "192.0.2.1/24" ]; carppeer = "192.0.2.50"; } );
};
EOF
sr_capture
sr_router "$TL_TMP/router.cfg"
stat() { field /carp/stats "v['$1']"; }
state() { field /carp/info,carp0 "v['vhids']['7']['state']"; }

for _ in $(seq 100); do [[ $(state) == MASTER ]] && break; sleep 0.1; done
[[ $(state) == MASTER ]] || tl_fail "not MASTER after 10 s: $(state)"
sleep 3.5 # a few adverts; the INIT->BACKUP and BACKUP->MASTER hooks time out meanwhile
((($(stat arp_peer_requests)) >= 1)) || tl_fail "no ARP request for the carppeer"
((($(stat hook_timeouts)) >= 2)) || tl_fail "hook_timeouts $(stat hook_timeouts), expected >= 2"
grep -q "hook $TL_TMP/hang.sh: hanging on carp0 7 INIT BACKUP" "$TL_TMP/router.log" || tl_fail "hook output not logged"
grep -q "INIT -> BACKUP killed after [0-9]* ms (timeout)" "$TL_TMP/router.log" || tl_fail "hook timeout not logged"
! grep -q "\[carp0 vhid 7\] state " "$TL_TMP/router.log" || tl_fail "carp log = 1 still logged a state change"
tl_log "carppeer ARPed ($(stat arp_peer_requests)), $(stat adv_tx) adverts sent, $(stat adv_tx_errors) before it resolved; hook_timeouts $(stat hook_timeouts)"
tl_stop "$RTR" 10 || tl_fail "router exit status $? on SIGTERM"
sleep 0.3
tl_stop "$CAP" 5 >/dev/null || true

tshark -r "$TL_TMP/cap.pcap" -d ip.proto==112,carp -T fields -e frame.time_epoch -e eth.dst \
	-e ip.dst -e carp.vhid >"$TL_TMP/adv.txt" 2>/dev/null
n=$(wc -l <"$TL_TMP/adv.txt")
((n >= 4)) || tl_fail "$n adverts captured, expected at least 4: $(cat "$TL_TMP/adv.txt")"
bad=$(awk -v m="$peer_mac" '$2 != m || $3 != "192.0.2.50" || $4 != 7' "$TL_TMP/adv.txt")
[[ -z $bad ]] || tl_fail "adverts not unicast to the peer $peer_mac/192.0.2.50: $bad"
"$CARPDUMP" -r "$TL_TMP/cap.pcap" --pass peer-pass --addr 192.0.2.1 >"$TL_TMP/carpdump.txt" ||
	tl_fail "carpdump: $(tail -3 "$TL_TMP/carpdump.txt")"
tl_log "$n adverts, all unicast to $peer_mac (192.0.2.50) and authenticated"
tl_log "PASS"
