#!/usr/bin/env bash
# pfsync on the lab pair: the stateful filter with NAT to carp1
# (tests/pfsync/pair_pf.conf) on both routers, pfsync over a dedicated
# link sync0 (a veth hostA <-> hostB, 203.0.113.0/24), real Linux TCP
# (tests/lib/tcp_conns.py).
#  1. both routers up: pfsync's bulk update done, demotion 0, the ledger
#     source pfsync of group carp at 0 in /carp telemetry;
#  2. 5 long-lived TCP connections through hostA (MASTER): their states
#     (NAT'd, with hostA's creatorid) appear in hostB's /pf/states, and
#     hostB's pfsync counters show the inserts it received;
#  3. SIGKILL hostA: hostB takes over and every connection flows again;
#  4. hostA restarts: its bulk request (demoted 32 meanwhile, in its log)
#     brings the 10 states from hostB, the demotion returns to 0 and hostA
#     preempts back; every connection survives both moves, no RST seen at
#     either end;
#  5. the frames captured on the sync link decode with pfsyncdump (at least
#     the 10 INS of the 5 connections, the bulk's BUS, nothing a receiver
#     would drop) and with tshark's Lua dissector (every frame v6, TTL 255,
#     checksum good, nothing malformed).
#   sudo tests/pfsync/test_pfsync_failover.sh [BUILD_DIR]   (~60 s)
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
. tests/lib/tcp_drill.sh
. tests/lib/pfsync_lab.sh
lt_init pfs "${1:-build}"
((EUID == 0)) || tl_skip "needs root (network namespaces)"
command -v dumpcap >/dev/null || tl_fail "dumpcap not installed (scripts/packages.sh)"
pfsl_setup
lt_up
lt_wait_states 20 hostA:carp0:1=MASTER hostA:carp1:2=MASTER hostB:carp0:1=BACKUP hostB:carp1:2=BACKUP

info() { pfsl_info "$1"; }
field() { pfsl_field "$1"; }

tl_log "1. pfsync up on both, bulk done, no demotion left"
for h in hostA hostB; do
	for ((i = 0; i < 100; i++)); do
		j=$(info "$h")
		[[ $(field bulk_state <<<"$j") == "done" && $(field demotion <<<"$j") == 0 ]] && break
		sleep 0.1
	done
	[[ $(field link <<<"$j") == up ]] || tl_fail "$h: sync link not up: $j"
	[[ $(field bulk_state <<<"$j") == "done" ]] || tl_fail "$h: bulk not done: $j"
	[[ $(field demotion <<<"$j") == 0 ]] || tl_fail "$h: pfsync still demotes: $j"
	(($(field bulk_ok <<<"$j") + $(field bulk_fail <<<"$j") >= 1)) || tl_fail "$h: no bulk ended: $j"
	lab_tel "$h" /carp/groups | grep -q '"pfsync"' || tl_fail "$h: /carp/groups lacks the ledger source pfsync: $(lab_tel "$h" /carp/groups)"
done

tl_log "2. TCP through hostA: the states reach hostB"
tcpd_init
tcpd_server_start
tcpd_capture_start
tcpd_client_start 5 --dead-after 10
tcpd_wait_established 20
for ((i = 0; i < 50; i++)); do
	nb=$(lab_tel hostB /pf/states | "$TL_PY" -c '
import json, sys
st = json.load(sys.stdin)["/pf/states"]["states"]
print(sum(1 for s in st if " tcp " in s and ":7000" in s))')
	((nb >= 10)) && break
	sleep 0.1
done
lab_tel hostB /pf/states >"$TL_TMP/hostB_states.json"
((nb >= 10)) || tl_fail "hostB holds $nb TCP states of the 5 connections (want 10: in and NAT'd out): $(cat "$TL_TMP/hostB_states.json")"
grep -q '198\.51\.100\.1:[0-9]* (192\.0\.2\.100:[0-9]*) -> 198\.51\.100\.100:7000' "$TL_TMP/hostB_states.json" ||
	tl_fail "hostB lacks the NAT'd states: $(cat "$TL_TMP/hostB_states.json")"
jb=$(info hostB)
(($(field ipackets <<<"$jb") > 0)) || tl_fail "hostB received no pfsync packet: $jb"
(($(field badif <<<"$jb") == 0)) || tl_fail "hostB counted badif: $jb"
(($(field cmd_applied <<<"$jb") >= 10)) || tl_fail "hostB applied fewer than 10 peer states: $jb"
tl_log "hostB holds $nb TCP states from hostA"

tl_log "3. SIGKILL hostA: the connections survive on hostB"
sleep 1
tcpd_fault
lab_router_kill hostA
lt_wait_states 10 hostB:carp0:1=MASTER hostB:carp1:2=MASTER
tcpd_wait_flowing 20 || tl_fail "connections stalled on hostB: $(tcpd_status)"

tl_log "4. hostA restarts: demoted until its bulk from hostB is in, then preempts back"
lab_router_start hostA "${LAB_CFGS[hostA]}"
lab_router_wait hostA
for ((i = 0; i < 150; i++)); do
	j=$(info hostA)
	[[ $(field bulk_state <<<"$j") == "done" ]] && break
	sleep 0.1
done
(($(field bulk_ok <<<"$j") == 1 && $(field bulk_received <<<"$j") >= 10)) ||
	tl_fail "hostA's bulk did not bring the 10 states: $j"
(($(field states_known <<<"$j") >= 10 && $(field demotion <<<"$j") == 0)) || tl_fail "hostA after its bulk: $j"
grep -q "pfsync: carp demotion +32 (pfsync start)" "$LAB_STATE/hostA.log" &&
	grep -q "group carp: pfsync demotion -32, pfsync holds 0" "$LAB_STATE/hostA.log" ||
	tl_fail "hostA's log lacks the pfsync demotion and its release: $(grep pfsync "$LAB_STATE/hostA.log")"
lt_wait_states 15 hostA:carp0:1=MASTER hostA:carp1:2=MASTER hostB:carp0:1=BACKUP hostB:carp1:2=BACKUP
tcpd_wait_flowing 20 || tl_fail "connections stalled after hostA preempted: $(tcpd_status)"
sleep 2
tcpd_finish
tcpd_print
tcpd_expect_lost 0
tcpd_expect_rst 0
tcpd_verdict

tl_log "5. the sync link's frames decode"
pfsl_capture_stop
dec=$("$LAB_BUILD/tools/pfsyncdump/pfsyncdump" -r "$TL_TMP/sync.pcapng" 2>&1) || tl_fail "pfsyncdump: $dec"
ins=$(awk '/act INS ST count/ {n += $NF} END {print n + 0}' <<<"$dec")
((ins >= 10)) || tl_fail "pfsyncdump shows $ins INS messages, want the 10 states of 5 connections: $(head -30 <<<"$dec")"
grep -q "act BULK UPD STAT" <<<"$dec" || tl_fail "pfsyncdump shows no bulk update status (BUS): $(head -30 <<<"$dec")"
! grep -q "\[bad\|\[hdrops\|skipped" <<<"$dec" || tl_fail "pfsyncdump flags our frames: $(grep "\[bad\|\[hdrops\|skipped" <<<"$dec" | head)"
tl_log "pfsyncdump decodes $(grep -c . <<<"$dec") lines"
# tshark with the Lua dissector (tshark 4.0 has none): every frame version 6, IPv4 TTL 255,
# its checksum good, nothing malformed
ts=(tshark -X "lua_script:$TL_ROOT/tools/pfsyncdump/pfsync.lua" -o ip.check_checksum:TRUE -r "$TL_TMP/sync.pcapng")
frames=$("${ts[@]}" 2>/dev/null | wc -l)
v6=$("${ts[@]}" -Y "pfsync.version == 6 && ip.ttl == 255 && ip.checksum.status == 1" 2>/dev/null | wc -l)
bad=$("${ts[@]}" -Y "_ws.malformed || _ws.expert.severity >= warning" 2>/dev/null | wc -l)
((frames > 0 && v6 == frames && bad == 0)) ||
	tl_fail "tshark: $frames frames, $v6 pfsync v6 with TTL 255 and a good checksum, $bad malformed or warned"
tl_log "tshark decodes all $frames frames as pfsync v6, TTL 255, checksum good"
tl_log "PASS"
