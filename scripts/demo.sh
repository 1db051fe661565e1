#!/usr/bin/env bash
# The main job, from scratch: set up the machine, build, then route between
# two Linux hosts in network namespaces through carp-router on af_packet
# ports, ping (plain and fragmented) and a counted UDP run through it, and
# dump its stats.
#   sudo scripts/demo.sh [--short]     (--short: fewer packets, for tests)
#
#   [client ns] eth0 192.0.2.10 ---veth--- lan0 [router ns: carp-router] srv0 ---veth--- eth0 198.51.100.10 [server ns]
# Everything it creates (namespaces crdemo-PID-*, the router process) is
# removed on exit, also on failure or Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
PINGS=5 UDP_COUNT=20000 UDP_PPS=10000
[[ ${1:-} == --short ]] && PINGS=3 UDP_COUNT=2000

. tests/lib/common.sh
TL_NS_PREFIX=crdemo-$$-
tl_init crdemo
bash scripts/setup.sh
tl_binary "${BUILD_DIR:-build}"

tl_log "namespaces $(tl_ns client), $(tl_ns router), $(tl_ns server)"
for ns in client router server; do tl_netns_add "$ns"; done
tl_veth client eth0 router lan0
tl_veth server eth0 router srv0
tl_nsx client ip addr add 192.0.2.10/24 dev eth0
tl_nsx client ip route add default via 192.0.2.1
tl_nsx server ip addr add 198.51.100.10/24 dev eth0
tl_nsx server ip route add default via 198.51.100.1
for host in client server; do tl_nsx "$host" ethtool -K eth0 tx off >/dev/null; done
for port in lan0 srv0; do
	# The router's kernel must neither answer ARP nor touch checksums/segments
	# on the ports carp-router owns.
	tl_nsx router ip link set "$port" arp off
	tl_nsx router ethtool -K "$port" tx off gro off gso off tso off >/dev/null
done

# framesz 8192: the kernel hands af_packet whole datagrams (it reassembles
# fragments first, docs/fast-path.md "Fragments"), up to 8112 bytes here.
AFP=framecnt=4096,framesz=8192,blocksz=8192
tl_start "$TL_TMP/router.log" ip netns exec "$(tl_ns router)" "$TL_BIN" -l 0,1 --no-pci \
	--huge-unlink -m 256 --file-prefix "$TL_PREFIX" \
	--vdev net_af_packet0,iface=lan0,$AFP --vdev net_af_packet1,iface=srv0,$AFP \
	-- -c scripts/demo.cfg
router=$TL_PID
TL_ON_FAIL+=("echo '--- carp-router log:'; tail -n 30 '$TL_TMP/router.log'")
tl_wait_telemetry "$TL_PREFIX" 30 "$router"
tl_alive "$router" "$TL_TMP/router.log" carp-router
tl_log "carp-router running (pid $router, file prefix $TL_PREFIX)"

# The first packet to each host waits for ARP (dropped and counted as
# neighbour_unresolved), so one warm-up ping resolves both sides first.
tl_nsx client ping -c 1 -W 2 198.51.100.10 >/dev/null || true
tl_log "ping client -> server through carp-router"
tl_nsx client ping -c "$PINGS" -i 0.2 -W 2 198.51.100.10 | tee "$TL_TMP/ping.log"
grep -q " 0% packet loss" "$TL_TMP/ping.log" || tl_fail "ping lost packets"
tl_log "ping with 4000 bytes (fragments, reassembled by the kernel, split again by carp-router)"
tl_nsx client ping -c "$PINGS" -i 0.2 -W 2 -s 4000 -M dont 198.51.100.10 | tee "$TL_TMP/ping_big.log"
grep -q " 0% packet loss" "$TL_TMP/ping_big.log" || tl_fail "fragmented ping lost packets"

tl_log "UDP: $UDP_COUNT datagrams at $UDP_PPS/s client -> server"
tl_start "$TL_TMP/udp_recv.log" ip netns exec "$(tl_ns server)" "$TL_PY" tests/lib/udp_flow.py \
	recv 198.51.100.10 9000 "$UDP_COUNT" 3
recv=$TL_PID
for _ in $(seq 50); do grep -q listening "$TL_TMP/udp_recv.log" && break; sleep 0.1; done
tl_nsx client "$TL_PY" tests/lib/udp_flow.py send 198.51.100.10 9000 "$UDP_COUNT" "$UDP_PPS"
udp_rc=0
wait "$recv" || udp_rc=$?
cat "$TL_TMP/udp_recv.log" | grep -v '^listening' || true

tl_log "router status (scripts/status.py $TL_PREFIX, from telemetry)"
"$TL_PY" scripts/status.py "$TL_PREFIX"
((udp_rc == 0)) || tl_fail "UDP datagrams lost"
tl_log "demo OK: ping 0% loss, $UDP_COUNT of $UDP_COUNT UDP datagrams"
