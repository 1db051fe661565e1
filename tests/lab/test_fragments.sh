#!/usr/bin/env bash
# Fragmented IPv4 through the VIP on af_packet ports (issue 8 item 10).
# The PMD's sockets make the kernel reassemble fragments before the ring
# (docs/fast-path.md, "Fragments"), so host A (MASTER) gets whole datagrams
# and must send them on as RFC 791 fragments. The server's segment runs at
# MTU 1400 (host A's srv0 and the server), the client's at 1500, so each
# datagram is cut anew for the egress link. Through the virtual gateways:
#  1. client -> server and server -> client, UDP payloads of 1473, 3000 and
#     8000 bytes (fragmented by the sender's kernel): each received intact
#     (length and SHA-256 compared), none lost;
#  2. a 1450-byte datagram with DF set, client -> server (1478 > 1400): not
#     delivered, host A answers ICMP fragmentation needed, so the client's
#     kernel learns path MTU 1400 and refuses a second send;
#  3. a lone first fragment (its rest never sent): never delivered, counted
#     by host A's namespace as a reassembly timeout (ipfrag_time 2 s);
#  4. a 9000-byte datagram, longer than the lab's af_packet frames (framesz
#     8192 holds 8112): reassembled by the kernel, cut by the ring, dropped
#     as rx_truncated;
#  and host A's counters account for all of it: forwarded 6, fragmented 6
#  into 22 fragments, mtu_exceeded 1 with 1 ICMP unreachable, rx_truncated 1;
#  every frame its
#  ports delivered ended under a counter (frames_ended = port rx); the kernel
#  took in every fragment the two hosts' kernels made, plus the lone one.
#   sudo tests/lab/test_fragments.sh [BUILD_DIR]   (~40 s)
# shellcheck disable=SC2154,SC2016,SC2034 # d_* come from eval; awk programs are literal; LAB_CFGS is read by lab.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init fragments "${1:-build}"

SRV_MTU=1400
SIZES=(1473 3000 8000)
UDP=tests/lib/frag_udp.py
sed "s/\(name = \"srv0\"; device = \"net_af_packet1\";\)/\1 mtu = $SRV_MTU;/" \
	"$(lab_cfg hostA)" >"$TL_TMP/hostA.cfg"
grep -q "mtu = $SRV_MTU;" "$TL_TMP/hostA.cfg" || tl_fail "could not set srv0's mtu in $TL_TMP/hostA.cfg"
LAB_CFGS[hostA]=$TL_TMP/hostA.cfg
lt_up
lt_wait_states 20 "${LT_A_MASTER[@]}"
lab_nsx hostA sysctl -qw net.ipv4.ipfrag_time=2
lab_nsx server ip link set eth0 mtu $SRV_MTU # one MTU per link

# Neighbours resolved both ways (the first packet to each next hop is dropped
# while the router asks ARP), so the counted window holds only the test's.
lab_nsx client ping -c 4 -i 0.2 -W 1 198.51.100.100 >/dev/null || true
lab_nsx client ping -c 1 -W 2 198.51.100.100 >/dev/null || tl_fail "no ping through host A"

snmp() { lab_nsx "$1" awk '/^Ip:/ { n++; if (n == 1) split($0, k); else for (i = 2; i <= NF; i++) if (k[i] == "FragCreates") print $i }' /proc/net/snmp; }
stats() { lab_tel hostA /router/stats >"$TL_TMP/$1.json"; }
frag_c0=$(snmp client) frag_s0=$(snmp server)
stats before

tl_start "$TL_TMP/srv_got" ip netns exec "$(lab_ns server)" "$TL_PY" $UDP recv 9999 ${#SIZES[@]} 3
srv=$TL_PID
tl_start "$TL_TMP/cl_got" ip netns exec "$(lab_ns client)" "$TL_PY" $UDP recv 9998 ${#SIZES[@]} 3
cl=$TL_PID
for f in srv_got cl_got; do
	for _ in $(seq 50); do grep -q listening "$TL_TMP/$f" && break; sleep 0.1; done
	grep -q listening "$TL_TMP/$f" || tl_fail "receiver $f did not start"
done
lab_nsx client "$TL_PY" $UDP send 198.51.100.100 9999 "${SIZES[@]}" >"$TL_TMP/cl_sent"
lab_nsx server "$TL_PY" $UDP send 192.0.2.100 9998 "${SIZES[@]}" >"$TL_TMP/srv_sent"
lab_nsx client "$TL_PY" $UDP send-df 198.51.100.100 9999 1450 >"$TL_TMP/df"
lab_nsx client "$TL_PY" $UDP lone 198.51.100.100 9999
lab_nsx client "$TL_PY" $UDP send 198.51.100.100 9999 9000 >/dev/null
wait "$srv" "$cl" || tl_fail "a receiver failed: $(cat "$TL_TMP/srv_got" "$TL_TMP/cl_got")"
sleep 2.5 # the lone fragment's reassembly queue expires (ipfrag_time 2 s)
stats after
frag_c1=$(snmp client) frag_s1=$(snmp server)

# 1. every datagram intact, each way
for dir in "cl_sent srv_got client -> server" "srv_sent cl_got server -> client"; do
	read -r sent got what <<<"$dir"
	if ! diff <(sort "$TL_TMP/$sent") <(grep -v listening "$TL_TMP/$got" | sort) >"$TL_TMP/diff"; then
		tl_fail "$what: datagrams (length sha256) sent < vs received >: $(cat "$TL_TMP/diff")"
	fi
	tl_log "$what: ${SIZES[*]} bytes received intact"
done
# 2. DF set: ICMP fragmentation needed, the client's kernel learned the MTU
grep -qx "pmtu $SRV_MTU" "$TL_TMP/df" || tl_fail "DF datagram: client's path MTU not $SRV_MTU ($(cat "$TL_TMP/df"))"
grep -qx "again: Message too long" "$TL_TMP/df" || tl_fail "DF datagram: second send not refused ($(cat "$TL_TMP/df"))"
tl_log "DF 1450 bytes: client learned path MTU $SRV_MTU, second send refused"

eval "$("$TL_PY" - "$TL_TMP/before.json" "$TL_TMP/after.json" <<'PY'
import json, sys
a, b = (json.load(open(f))["/router/stats"] for f in sys.argv[1:3])
keys = ["forwarded", "fragmented", "fragments_sent", "drop_mtu_exceeded", "icmp_unreachable_sent",
        "drop_rx_truncated",
        "frames_ended", "drops_total", "kernel_reasm_fragments", "kernel_reasm_datagrams",
        "kernel_reasm_timeouts"]
for k in keys:
    print("d_%s=%d" % (k, b.get(k, -1) - a.get(k, 0) if k in b else -1))
print("d_rx=%d" % (sum(b["port_rx_packets"]) - sum(a["port_rx_packets"])))
print("drops='%s'" % " ".join("%s+%d" % (k, b[k] - a[k]) for k in b
                              if k.startswith("drop_") and b[k] != a[k]))
PY
)"
tl_log "host A: rx $d_rx, frames ended $d_frames_ended, forwarded $d_forwarded, fragmented $d_fragmented into $d_fragments_sent, drops: ${drops:-none}; kernel: $d_kernel_reasm_fragments fragments, $d_kernel_reasm_datagrams datagrams, $d_kernel_reasm_timeouts timeouts"
expect() { # NAME GOT WANT
	[[ $2 == "$3" ]] || tl_fail "host A: $1 moved by $2, expected $3 (drops: ${drops:-none})"
}
expect forwarded "$d_forwarded" 6
expect fragmented "$d_fragmented" 6
# at 1400: 1481 -> 2, 3008 -> 3, 8008 -> 6 pieces (1376 bytes each); at 1500 (1480): the same
expect fragments_sent "$d_fragments_sent" 22
expect drop_mtu_exceeded "$d_drop_mtu_exceeded" 1
expect icmp_unreachable_sent "$d_icmp_unreachable_sent" 1
expect drop_rx_truncated "$d_drop_rx_truncated" 1
expect "frames_ended (= port rx $d_rx)" "$d_frames_ended" "$d_rx"
# 3. the kernel took every fragment the hosts made and the lone one; that one timed out
expect kernel_reasm_fragments "$d_kernel_reasm_fragments" $((frag_c1 - frag_c0 + frag_s1 - frag_s0 + 1))
expect kernel_reasm_datagrams "$d_kernel_reasm_datagrams" 7 # 6 + the one cut
expect kernel_reasm_timeouts "$d_kernel_reasm_timeouts" 1
tl_log "PASS"
