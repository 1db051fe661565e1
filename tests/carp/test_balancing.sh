#!/usr/bin/env bash
# Active/active with IP balancing (config/lab/host*-lb.cfg: carp0 carpnodes
# 1:0,2:100 on A / 1:100,2:0 on B, carp1 3:0,4:100 / 3:100,4:0). Each host is
# MASTER of one node per segment. 200 UDP flows from 200 client addresses
# (192.0.2.10-99, .101-210) to the server: every datagram delivered exactly
# once, each by the host mastering node (src XOR dst) mod 2 (the server's
# packet socket sees which router's MAC delivered it; each router's
# forwarded counter must match). Then SIGKILL B under traffic: A takes over
# B's nodes within the master-down interval (3 x (1 + 100/256) s), A's own
# flows lose nothing, and all 200 flows are delivered again afterwards.
#   sudo tests/carp/test_balancing.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init balancing "${1:-build}" lb
lt_up
NODES_SPLIT=(hostA:carp0:1=MASTER hostA:carp0:2=BACKUP hostB:carp0:1=BACKUP hostB:carp0:2=MASTER
	hostA:carp1:3=MASTER hostA:carp1:4=BACKUP hostB:carp1:3=BACKUP hostB:carp1:4=MASTER)
lt_wait_states 20 "${NODES_SPLIT[@]}"
tl_log "A MASTER of nodes 1 and 3, B of nodes 2 and 4 after ${LT_AFTER}s"
for h in hostA hostB; do
	b=$(lt_get "$h" carp0 1 balancing)
	[[ $b == ip ]] || tl_fail "$h carp0: balancing '$b', expected ip"
done

srcs=$TL_TMP/sources
{ seq 10 99; seq 101 210; } | sed 's/^/192.0.2./' >"$srcs"
sed 's|.*|addr add &/24 dev eth0|' "$srcs" | lab_nsx client ip -batch - ||
	tl_fail "cannot add the client's 200 addresses"
SPLIT=(--flows 200 --split 198.51.100.100 02:00:00:0a:02:02 02:00:00:0a:02:03)

# Warm-up: one datagram per flow, so both routers have resolved the server
# and the client the gateway before anything is counted.
lt_flow_start 1 200 "$srcs"
lt_flow_finish
fwdA=$(lt_router_stat hostA forwarded)
fwdB=$(lt_router_stat hostB forwarded)

tl_log "--- 200 flows, both hosts up"
lt_flow_start 6 1000 "$srcs"
lt_flow_finish "${SPLIT[@]}"
((flow_duplicates == 0)) || tl_fail "$flow_duplicates datagrams delivered twice"
((flow_lost == 0)) || tl_fail "$flow_lost datagrams lost with both hosts up"
((flow_flows_missing == 0)) || tl_fail "$flow_flows_missing flows never delivered"
((flow_split_bad == 0)) ||
	tl_fail "$flow_split_bad datagrams delivered by the host that does not master their node (by MAC: A ${flow_mac_0200000a0202:-0}, B ${flow_mac_0200000a0203:-0})"
: "${flow_mac_0200000a0202:=0}" "${flow_mac_0200000a0203:=0}"
dA=$(($(lt_router_stat hostA forwarded) - fwdA))
dB=$(($(lt_router_stat hostB forwarded) - fwdB))
# addresses .10-.99/.101-.210 XOR 198.51.100.100: 100 flows hash to each node
((dA == flow_mac_0200000a0202 && dB == flow_mac_0200000a0203)) ||
	tl_fail "forwarded counters A $dA, B $dB; server saw A $flow_mac_0200000a0202, B $flow_mac_0200000a0203"
((dA == flow_received / 2)) || tl_fail "A forwarded $dA of $flow_received, expected half (100 of 200 flows)"
tl_log "exactly once: $flow_received datagrams, A forwarded $dA (node index 0), B $dB (index 1), all as (src XOR dst) mod 2 says"

tl_log "--- SIGKILL hostB under traffic"
md=$(lt_master_down 1 100)
lt_flow_start 14 1000 "$srcs"
sleep 3
lab_router_kill hostB
t_kill=$LAB_KILLED_AT
lt_wait_states "$(lt_calc "$md + $LT_MARGIN + 1")" hostA:carp0:1=MASTER hostA:carp0:2=MASTER \
	hostA:carp1:3=MASTER hostA:carp1:4=MASTER
takeover=$(lt_calc "$LT_CHANGED - $t_kill") # by the router's own transition time
tl_log "A MASTER of all four nodes ${takeover}s after the kill (master-down interval ${md}s)"
lt_true "$takeover <= $md + $LT_MARGIN" || tl_fail "takeover took ${takeover}s > ${md}s + ${LT_MARGIN}s"
lt_flow_finish "${SPLIT[@]}" --after "$(lt_calc "$LT_CHANGED + 1")" \
	--window "$(lt_calc "$t_kill - $LT_QUIET")" "$(lt_calc "$LT_CHANGED + 1")"
((flow_duplicates == 0)) || tl_fail "$flow_duplicates datagrams delivered twice"
((flow_lost_idx0 == 0)) || tl_fail "$flow_lost_idx0 datagrams of A's own flows lost while B died"
((flow_lost_outside == 0)) || tl_fail "$flow_lost_outside datagrams lost outside the failover window"
((flow_flows_after == 200)) || tl_fail "only $flow_flows_after of 200 flows delivered after the takeover"
tl_log "B's flows lost $flow_lost_idx1 datagrams in a ${flow_gap_s}s window; A's lost 0; all 200 flows delivered after takeover + 1 s"
tl_log "PASS"
