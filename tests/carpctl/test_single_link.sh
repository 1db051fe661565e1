#!/usr/bin/env bash
# Link tracking and the boot interlock of one carp-router (contract section
# 2, issue 4 item 5): its carpdev (af_packet on a veth) starts without
# carrier, so group carp keeps the boot demotion (128) until the 5 s bound
# ends it, the interface stays INIT with the link demotion (1); carrier up
# -> BACKUP -> MASTER; carrier down -> INIT "carpdev link down", link
# demotion back. af_packet always reports its link up: the control lcore
# reads the kernel interface's flags.
#   sudo tests/carpctl/test_single_link.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh
. tests/carpctl/single_lib.sh
tl_init clink1
tl_binary "${1:-build}"
tl_hugepages

tl_netns_add r
tl_netns_add p
tl_veth r lan0 p peer0
ip -n "$(tl_ns p)" link set peer0 down # no carrier on lan0
cat >"$TL_TMP/router.cfg" <<EOF
log_level = "info";
polling = "adaptive";
workers = [ 1 ];
control_lcore = 2;
ports = ( { name = "lan0"; device = "net_af_packet0"; addresses = [ "192.0.2.2/24" ]; } );
carp = {
	interfaces = ( { name = "carp0"; carpdev = "lan0"; vhid = 1; pass = "link-pass";
	                 addresses = [ "192.0.2.1/24" ]; } );
};
EOF
sr_router "$TL_TMP/router.cfg"

wait_for() { # wait_for SECS WHAT CMD PYEXPR WANT
	local i got
	for ((i = 0; i < $1 * 10; i++)); do
		got=$(field "$3" "$4")
		[[ $got == "$5" ]] && return 0
		sleep 0.1
	done
	tl_fail "$2: got '$got', expected '$5' after $1 s"
}
state() { field /carp/info,carp0 "v['vhids']['1']['state'] + ' ' + v['link'] + ' ' + v['vhids']['1']['last_transition']['reason']"; }
ledger() { field /carp/groups "v['carp']['ledger']['boot'], v['carp']['ledger']['link']"; }

grep -q "boot interlock: group carp demoted by 128 until every carpdev is up" "$TL_TMP/router.log" ||
	tl_fail "no boot interlock at start"
[[ $(state) == "INIT down carpdev link down" ]] || tl_fail "without carrier: $(state)"
wait_for 8 "boot interlock after 5 s" /carp/groups "v['carp']['ledger']['boot']" 0
grep -q "boot interlock over (5 s passed, some carpdev is still down)" "$TL_TMP/router.log" ||
	tl_fail "boot interlock end not logged"
[[ $(ledger) == "0 1" ]] || tl_fail "ledger boot, link: $(ledger), expected 0 1"
[[ $(field /carp/info,carp0 "v['demote']") == 1 ]] || tl_fail "advertised demote $(field /carp/info,carp0 "v['demote']")"
tl_log "no carrier: INIT, link demotion 1, boot demotion ended after the 5 s bound"

ip -n "$(tl_ns p)" link set peer0 up
wait_for 2 "link up seen" /carp/info,carp0 "v['link']" up
[[ $(ledger) == "0 0" ]] || tl_fail "ledger after link up: $(ledger)"
wait_for 6 "MASTER after link up" /carp/info,carp0 "v['vhids']['1']['state']" MASTER
tl_log "carrier up: $(state)"

ip -n "$(tl_ns p)" link set peer0 down
wait_for 2 "link down seen" /carp/info,carp0 "v['link']" down
[[ $(state) == "INIT down carpdev link down" ]] || tl_fail "after carrier loss: $(state)"
[[ $(ledger) == "0 1" ]] || tl_fail "ledger after link down: $(ledger)"
grep -q "rtr.ctl: port lan0: link down" "$TL_TMP/router.log" || tl_fail "link down not logged"
# default carp log 2 (LOG_CRIT, as OpenBSD): state changes are logged with the reason
grep -q "\[carp0 vhid 1\] state BACKUP -> INIT (carpdev link down)" "$TL_TMP/router.log" ||
	tl_fail "state change not logged at the default carp log level"
tl_log "carrier down: $(state), link demotion 1"
tl_stop "$RTR" 10 || tl_fail "router exit status $? on SIGTERM"
tl_log "PASS"
