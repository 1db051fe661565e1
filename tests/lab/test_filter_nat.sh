#!/usr/bin/env bash
# The stateful filter with real Linux TCP stacks: lab host A alone
# (tests/lab/filter_nat.cfg, rules filter_nat_pf.conf), the client
# 192.0.2.100 behind it, the server 198.51.100.100 outside, NAT to carp1's
# 198.51.100.1.
#  1. curl fetches a page from python's http.server on port 8080 through the
#     NAT: the server logs the CARP address as the client; /pf/states holds
#     the connection's two states (in on lan0, out on srv0 translated);
#     /pf/rules' packet counts of rules 4 and 6 equal the packets the
#     client and the server sent on it, as both captured them;
#  2. port 8081 (the server listens there too) is blocked: curl times out;
#     20 UDP datagrams to a blocked port move pf_blocked by exactly 20;
#  3. a CARP advertisement from the LAN passes the filter's carp rule first
#     (rule 1 counts it), as pf filters CARP on the carpdevs.
#   sudo tests/lab/test_filter_nat.sh [BUILD_DIR]   (~30 s)
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init fnat "${1:-build}"
LAB_HOSTS=(hostA)
LAB_ROLES=(client server hostA sw)
LAB_CFGS[hostA]=$TL_ROOT/tests/lab/filter_nat.cfg
((EUID == 0)) || tl_skip "needs root (network namespaces)"
command -v dumpcap >/dev/null || tl_fail "dumpcap not installed (scripts/packages.sh)"
"$LAB_BIN" -c "${LAB_CFGS[hostA]}" --check >/dev/null || tl_fail "filter_nat.cfg fails --check"
lt_up
lt_wait_states 10 hostA:carp0:1=MASTER hostA:carp1:2=MASTER
pf() { lab_tel hostA "$@"; }

# the server: http.server on 8080 and 8081, logging each client address
mkdir -p "$TL_TMP/www"
echo "hello through the filter" >"$TL_TMP/www/index.html"
for port in 8080 8081; do
	lab_nsx server "$TL_PY" -m http.server "$port" --bind 198.51.100.100 --directory "$TL_TMP/www" \
		>"$TL_TMP/http$port.log" 2>&1 &
done
for ((i = 0; ; i++)); do
	listening=$(lab_nsx server ss -ltnH)
	[[ $listening == *:8080\ * && $listening == *:8081\ * ]] && break
	((i < 100)) || tl_fail "http.server does not listen: $(cat "$TL_TMP"/http*.log)"
	sleep 0.1
done
# the first echo waits for ARP (dropped: neighbour_unresolved); any reply will do
lab_nsx client ping -c 3 -i 0.5 -w 5 198.51.100.100 >/dev/null || { pf /pf/rules; pf /pf/states; tl_fail "client cannot ping the server through the filter"; }

tl_log "1. HTTP on 8080 through NAT, both ends captured"
# not lab_nsx (a function: $! would be its subshell, which SIGINT does not stop)
ip netns exec "$(lab_ns client)" dumpcap -q -i eth0 -f "tcp port 8080" -w "$TL_TMP/client.pcapng" 2>/dev/null &
capc=$!
ip netns exec "$(lab_ns server)" dumpcap -q -i eth0 -f "tcp port 8080" -w "$TL_TMP/server.pcapng" 2>/dev/null &
caps=$!
sleep 1.5 # dumpcap up
body=$(lab_nsx client curl -sS --max-time 10 http://198.51.100.100:8080/index.html) ||
	tl_fail "curl through the filter failed"
[[ $body == "hello through the filter" ]] || tl_fail "curl got '$body'"
sleep 1 # the last FIN/ACKs
kill -INT "$capc" "$caps"
wait "$capc" "$caps" 2>/dev/null || true
grep -q '^198\.51\.100\.1 .*"GET /index.html' "$TL_TMP/http8080.log" ||
	tl_fail "the server did not see the CARP address as the client: $(cat "$TL_TMP/http8080.log")"
sent_c=$(tshark -r "$TL_TMP/client.pcapng" -Y "ip.src == 192.0.2.100 && tcp.dstport == 8080" 2>/dev/null | wc -l)
sent_s=$(tshark -r "$TL_TMP/server.pcapng" -Y "ip.src == 198.51.100.100 && tcp.srcport == 8080" 2>/dev/null | wc -l)
seen_s=$(tshark -r "$TL_TMP/server.pcapng" -Y "ip.src == 198.51.100.1 && tcp.dstport == 8080" 2>/dev/null | wc -l)
((sent_c >= 5 && sent_s >= 4)) || tl_fail "captures too small: client sent $sent_c, server $sent_s"
((seen_s == sent_c)) || tl_fail "the server received $seen_s of the client's $sent_c packets"
tl_log "client sent $sent_c packets, server $sent_s"

"$TL_PY" - "$(lab_prefix hostA)" "$sent_c" "$sent_s" <<'PY' || tl_fail "/pf counters do not match the captures (above)"
import sys
sys.path.insert(0, "tests/lib")
from telemetry import Telemetry
tel = Telemetry(sys.argv[1], wait=5)
sent_c, sent_s = int(sys.argv[2]), int(sys.argv[3])
r = tel.query("/pf/rules")["/pf/rules"]
st = tel.query("/pf/states")["/pf/states"]
bad = []
def want(what, got, exp):
    print(f"{'ok' if got == exp else 'FAIL':5} {what} = {got}, want {exp}")
    if got != exp:
        bad.append(what)
want("rule 4 (pass in on lan0 port 8080) packets in", r["packets_in"][4], sent_c)
want("rule 4 packets out (the server's, out to the client)", r["packets_out"][4], sent_s)
want("rule 4 states made", r["states_tot"][4], 1)
want("rule 6 (pass out on srv0 tcp) packets out", r["packets_out"][6], sent_c)
want("rule 6 packets in (the server's)", r["packets_in"][6], sent_s)
want("rule 6 states made", r["states_tot"][6], 1)
tcp = [s for s in st["states"] if " tcp " in s]
want("tcp states", len(tcp), 2)
nat = [s for s in tcp if s.startswith("all tcp 198.51.100.1:") and "(192.0.2.100:" in s
       and s.split("    ")[0].endswith("-> 198.51.100.100:8080")]
want("the NAT'd state (198.51.100.1:PORT (192.0.2.100:PORT) -> server:8080)", len(nat), 1)
sys.exit(1 if bad else 0)
PY

tl_log "2. port 8081 is blocked and counted"
blocked() { pf /router/stats | "$TL_PY" -c 'import json,sys; print(json.load(sys.stdin)["/router/stats"]["drop_pf_blocked"])'; }
b0=$(blocked)
if lab_nsx client curl -sS --max-time 3 http://198.51.100.100:8081/ >/dev/null 2>&1; then
	tl_fail "port 8081 answered through the filter"
fi
b1=$(blocked)
((b1 > b0)) || tl_fail "pf_blocked did not move for the blocked connection ($b0 -> $b1)"
! grep -q GET "$TL_TMP/http8081.log" || tl_fail "the server on 8081 saw a request"
lab_nsx client "$TL_PY" -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(20):
    s.sendto(b"x" * 10, ("198.51.100.100", 9999))'
for ((i = 0; i < 20; i++)); do
	b2=$(blocked)
	((b2 - b1 >= 20)) && break
	sleep 0.1
done
((b2 - b1 == 20)) || tl_fail "20 datagrams to a blocked port moved pf_blocked by $((b2 - b1))"
tl_log "blocked: the TCP connection ($((b1 - b0)) SYNs), 20 datagrams counted exactly"

tl_log "3. CARP goes through the filter too: one advertisement on lan0, counted by rule 1"
c0=$(pf /pf/rules | "$TL_PY" -c 'import json,sys; print(json.load(sys.stdin)["/pf/rules"]["packets_in"][1])')
# a forged advert (vhid 9, no such vhid here: the control lcore drops it after the filter)
lab_nsx client "$TL_PY" -c '
import logging; logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import Ether, IP, Raw, sendp
sendp(Ether(dst="01:00:5e:00:00:12") / IP(src="192.0.2.100", dst="224.0.0.18", ttl=255, proto=112)
      / Raw(bytes([0x21, 9, 0, 1, 0, 1]) + bytes(30)), iface="eth0", verbose=False)'
for ((i = 0; i < 30; i++)); do
	c1=$(pf /pf/rules | "$TL_PY" -c 'import json,sys; print(json.load(sys.stdin)["/pf/rules"]["packets_in"][1])')
	((c1 > c0)) && break
	sleep 0.1
done
((c1 - c0 == 1)) || tl_fail "rule 1 (pass on lan0 proto carp) counted $((c1 - c0)) adverts, want 1"
tl_log "PASS"
