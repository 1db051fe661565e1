#!/usr/bin/env bash
# The TCP failover harness (tests/lib/tcp_conns.py, tcp_drill.sh) measures
# what the stateful drills rely on, through the Linux router pair
# (tests/lib/linux_fw.sh: kernel forwarding, strict nftables, SNAT to
# 198.51.100.1; host A holds both virtual addresses, no VRRP, no sync):
#  1. steady: 200 echo connections and a 64 MB download, no fault -> all
#     alive, 0 lost, 0 RST captured or sent, download complete, the server
#     saw only the NAT address, longest echo gap well under the loss timeout;
#  2. flush, drop: host A's conntrack table flushed under the same load ->
#     every connection stalls (mid-stream segments are invalid and dropped):
#     all 200 lost by timeout, 0 RST, download failed, gap >= the timeout;
#  3. flush, reject: the same with invalid TCP answered by an RST -> all
#     lost by reset, the client capture and the client's TCP counters count
#     >= 200 RSTs received, the server capture sees the RST its download got.
# So the harness can fail on both counts it claims: connections and RSTs.
#   sudo tests/lab/test_tcp_harness.sh [BUILD_DIR]   (no carp-router needed; ~30 s)
# shellcheck disable=SC2154 # tcp_* come from eval (tcpd_finish), rc from the trap
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
. tests/lib/linux_fw.sh
. tests/lib/tcp_drill.sh
tl_init tcpharness
((EUID == 0)) || tl_skip "needs root (network namespaces)"
ip netns add "tcph$$-probe" 2>/dev/null || tl_skip "cannot create network namespaces"
ip netns del "tcph$$-probe"
for t in nft conntrack dumpcap; do command -v "$t" >/dev/null || tl_fail "$t not installed (scripts/packages.sh)"; done
lab_init "ctcp$$" "" ""
trap 'rc=$?; lab_down; set +e; (exit $rc); tl_cleanup' EXIT

N=200
DEAD=2 # s without an echo that make a connection lost (phases 2 and 3)

lfw_routers
lfw_nft hostA
lfw_nft hostB
lfw_vips hostA
lab_nsx client ping -c 1 -W 2 198.51.100.100 >/dev/null || tl_fail "client cannot reach the server through host A"

# run NAME BULK_MBPS: a fresh harness run with N connections and a 64 MB download.
run() {
	tcpd_init "$TL_TMP/$1"
	tcpd_server_start
	tcpd_capture_start
	tcpd_client_start "$N" --bulk-bytes 64000000 --bulk-mbps "$2" --dead-after "$DEAD"
	tcpd_wait_established 20
	# the download must be under way before a fault
	tcpd_wait_until 10 's["bulk_got"] > 0' || tl_fail "$1: the download did not start: $(tcpd_status)"
}

tl_log "1. steady: no fault"
run steady 400
tcpd_wait_bulk 30 || tl_fail "the download did not end within 30 s: $(tcpd_status)"
sleep 1
tcpd_finish
tcpd_print
tcpd_expect "$tcp_alive == $N && $tcp_lost == 0" "steady: $tcp_lost of $N connections lost"
tcpd_expect_rst 0
tcpd_expect "$tcp_client_out_rsts + $tcp_server_out_rsts + $tcp_client_estab_resets + $tcp_server_estab_resets == 0" \
	"steady: the stacks sent or took RSTs (client $tcp_client_out_rsts/$tcp_client_estab_resets, server $tcp_server_out_rsts/$tcp_server_estab_resets)"
tcpd_expect_bulk
tcpd_expect "$tcp_echoed == $tcp_sent && $tcp_bad_echoes == 0 && $tcp_sent >= $N * 10" \
	"steady: $tcp_echoed of $tcp_sent messages echoed, $tcp_bad_echoes wrong"
tcpd_expect_gap_ms $((DEAD * 1000 / 2))
[[ $tcp_server_peers == "$LFW_VIP_SRV" ]] || TCPD_BROKEN+=("steady: the server saw peers '$tcp_server_peers', not the NAT address $LFW_VIP_SRV")
tcpd_verdict

# flushed NAME: a run under load whose host A forgets every state; it
# waits until the harness has declared every connection and the download lost.
flushed() {
	run "$1" 100
	tcpd_fault
	lab_nsx hostA conntrack -F 2>/dev/null
	tcpd_wait_until $((DEAD + 5)) "s[\"dead\"] == $N and s[\"bulk\"] == \"failed\"" ||
		tl_fail "$1: not every connection lost within $((DEAD + 5)) s of the flush: $(tcpd_status)"
	tcpd_finish
	tcpd_print
	tcpd_expect "$tcp_bulk_ok == 0" "$1: the download completed through a flushed firewall"
}

tl_log "2. flush host A's conntrack table, invalid segments dropped"
flushed flush-drop
tcpd_expect "$tcp_lost == $N && $tcp_lost_timeout == $N" "flush-drop: $tcp_lost lost ($tcp_lost_timeout by timeout) of $N"
tcpd_expect_rst 0
tcpd_expect "$tcp_gap_max_ms >= $DEAD * 1000" "flush-drop: longest gap $tcp_gap_max_ms ms < the ${DEAD} s timeout"
tcpd_verdict

tl_log "3. flush host A's conntrack table, invalid TCP rejected with an RST"
lfw_nft hostA reject
flushed flush-reject
tcpd_expect "$tcp_lost_reset == $N" "flush-reject: $tcp_lost_reset of $N connections lost by reset"
tcpd_expect "$tcp_rst_client_recv >= $N && $tcp_client_estab_resets >= $N" \
	"flush-reject: client received $tcp_rst_client_recv RSTs (capture), $tcp_client_estab_resets resets (stack); want >= $N"
tcpd_expect "$tcp_rst_server_recv >= 1" "flush-reject: the server's capture saw no RST for its download"
tcpd_verdict
tl_log "PASS"
