#!/usr/bin/env bash
# VRRP on a running CARP segment (spec 1.3, 10.3): real VRRPv2 and VRRPv3
# adverts (keepalived, VRID 1 = carp0's vhid 1) on the LAN of the running
# two-router lab, A MASTER and B BACKUP of vhid 1:
#  - 0 state changes on either router while VRRP runs;
#  - every VRRP frame the LAN carried (captured on the bridge) is counted by
#    each router under /carp/stats "vrrp"; badver, badlen, badauth, badvhid,
#    badsum do not move. (OpenBSD has no vrrp counter: it would count the
#    20-byte VRRPv2 adverts as badlen, the VRRPv3 ones as badver.)
#  - carpdump on the same LAN names the VRRP frames VRRP (never CARP) and
#    still authenticates router A's CARP adverts of the same vhid 1.
#   sudo tests/interop/test_vrrp.sh [BUILD_DIR]
# keepalived v2 runs in the lab's client namespace (192.0.2.100), v3 in a
# namespace of its own wired to the same bridge (192.0.2.101); 10 crafted
# adverts of each version (scapy, VRID 1) join them, so the count is known.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init vrrp "${1:-build}"
command -v keepalived >/dev/null || tl_fail "keepalived not installed (scripts/packages.sh installs it)"
command -v tshark >/dev/null || tl_fail "tshark not installed (scripts/packages.sh installs it)"
CARPDUMP=$LAB_BUILD/tools/carpdump/carpdump
[[ -x $CARPDUMP ]] || tl_fail "no $CARPDUMP (build first)"

lt_up
lt_wait_states 15 "${LT_A_MASTER[@]}"
tl_log "A MASTER, B BACKUP after ${LT_AFTER}s"

# the VRRPv3 speaker's namespace, on the LAN bridge
tl_netns_add v3
ip -n "$(tl_ns v3)" link add eth0 type veth peer name "v3$$" netns "$(lab_ns sw)"
ip -n "$(lab_ns sw)" link set "v3$$" master brL up
ip -n "$(tl_ns v3)" link set eth0 up
ip -n "$(tl_ns v3)" addr add 192.0.2.101/24 dev eth0

stat() { # HOST KEY: one /carp/stats counter
	lab_tel "$1" /carp/stats | "$TL_PY" -c \
		'import json,sys; print(json.load(sys.stdin)["/carp/stats"][sys.argv[1]])' "$2"
}
COUNTERS=(vrrp badver badlen badauth badvhid badsum)
declare -A before trans0
for h in hostA hostB; do
	for k in "${COUNTERS[@]}"; do before[$h.$k]=$(stat "$h" "$k"); done
	for v in carp0:1 carp1:2; do trans0[$h.$v]=$(lt_get "$h" "${v%:*}" "${v#*:}" transitions); done
done

# every protocol-112 frame on the LAN, as the bridge saw it
tl_start "$TL_TMP/tshark.log" ip netns exec "$(lab_ns sw)" tshark -i brL \
	-f "ip proto 112" -w "$TL_TMP/lan.pcap"
CAP=$TL_PID
for _ in $(seq 50); do grep -q "Capturing on" "$TL_TMP/tshark.log" && break; sleep 0.1; done
grep -q "Capturing on" "$TL_TMP/tshark.log" || tl_fail "tshark did not start: $(cat "$TL_TMP/tshark.log")"

kconf() { # VERSION PRIO VIP
	cat <<CONF
global_defs {
	enable_script_security
	script_user root
}
vrrp_instance v$1 {
	state MASTER
	interface eth0
	virtual_router_id 1
	priority $2
	advert_int 1
	version $1
	virtual_ipaddress {
		$3/24
	}
}
CONF
}
kconf 2 150 192.0.2.77 >"$TL_TMP/k2.conf"
kconf 3 120 192.0.2.78 >"$TL_TMP/k3.conf"
# -n: no fork (the PID is keepalived's); -P: VRRP only
tl_start "$TL_TMP/k2.log" ip netns exec "$(lab_ns client)" keepalived -n -l -P \
	-f "$TL_TMP/k2.conf" -p "$TL_TMP/k2.pid" -r "$TL_TMP/k2v.pid"
K2=$TL_PID
tl_start "$TL_TMP/k3.log" ip netns exec "$(tl_ns v3)" keepalived -n -l -P \
	-f "$TL_TMP/k3.conf" -p "$TL_TMP/k3.pid" -r "$TL_TMP/k3v.pid"
K3=$TL_PID
for k in k2 k3; do
	for _ in $(seq 100); do grep -q "Entering MASTER STATE" "$TL_TMP/$k.log" && break; sleep 0.1; done
	grep -q "Entering MASTER STATE" "$TL_TMP/$k.log" ||
		tl_fail "keepalived $k never became MASTER: $(tail -n 5 "$TL_TMP/$k.log")"
done
tl_log "keepalived VRRPv2 and VRRPv3 MASTER of VRID 1 on the LAN"

# keepalived's own rate is uneven here (it may send one advert and stay
# quiet for seconds): add a known number of crafted adverts, 10 of each
# version, same VRID, from the client (scapy computes the VRRPv3 checksum).
ip netns exec "$(lab_ns client)" "$TL_PY" - <<'PY' || tl_fail "scapy could not send the crafted VRRP adverts"
from scapy.all import Ether, IP, sendp
from scapy.layers.vrrp import VRRP, VRRPv3
ip = IP(src="192.0.2.100", dst="224.0.0.18", ttl=255)
eth = Ether(src="02:00:00:0a:01:64", dst="01:00:5e:00:00:12")
v2 = eth / ip / VRRP(vrid=1, priority=90, addrlist=["192.0.2.79"])
v3 = eth / ip / VRRPv3(vrid=1, priority=90, addrlist=["192.0.2.79"])
sendp([v2, v3] * 10, iface="eth0", inter=0.1, verbose=False)
PY
sleep 2 # VRRP while both routers run
tl_alive "$K2" "$TL_TMP/k2.log" "keepalived v2"
tl_alive "$K3" "$TL_TMP/k3.log" "keepalived v3"
tl_stop "$K2" >/dev/null || true
tl_stop "$K3" >/dev/null || true
sleep 1 # the last frames through both routers' rings
tl_stop "$CAP" >/dev/null || true
speakers="ip.src == 192.0.2.100 or ip.src == 192.0.2.101"
sent=$(tshark -r "$TL_TMP/lan.pcap" -Y "$speakers" 2>/dev/null | wc -l)
v2=$(tshark -r "$TL_TMP/lan.pcap" -Y "($speakers) and vrrp.version == 2" 2>/dev/null | wc -l)
v3=$(tshark -r "$TL_TMP/lan.pcap" -Y "($speakers) and vrrp.version == 3" 2>/dev/null | wc -l)
tl_log "the LAN carried $sent VRRP frames ($v2 VRRPv2, $v3 VRRPv3)"
((v2 >= 10 && v3 >= 10)) || tl_fail "too few VRRP adverts on the LAN ($v2 v2, $v3 v3): $(tail -n 5 "$TL_TMP/k2.log" "$TL_TMP/k3.log")"

# carpdump on what the LAN carried: VRRP named VRRP; A's vhid 1 still authenticates
"$CARPDUMP" -r "$TL_TMP/lan.pcap" >"$TL_TMP/dump.txt" 2>&1 || true
grep -Eq '192\.0\.2\.100 > 224\.0\.0\.18: VRRPv2 vrid=1 prio=150 .*\[vrrp: VRRP advertisement \(same protocol 112\), not CARP\]$' \
	"$TL_TMP/dump.txt" || tl_fail "carpdump did not name keepalived's VRRPv2 as VRRP: $(cat "$TL_TMP/dump.txt")"
grep -Eq '192\.0\.2\.101 > 224\.0\.0\.18: VRRPv3 vrid=1 prio=120 .*\[vrrp: ' "$TL_TMP/dump.txt" ||
	tl_fail "carpdump did not name keepalived's VRRPv3 as VRRP: $(cat "$TL_TMP/dump.txt")"
if grep -E '192\.0\.2\.10[01] > .*CARPv2' "$TL_TMP/dump.txt"; then tl_fail "carpdump took VRRP for CARP"; fi
"$CARPDUMP" -r "$TL_TMP/lan.pcap" --vhid 1 --pass lab-lan-pass --addr 192.0.2.1 >"$TL_TMP/auth.txt" 2>&1 || true
grep -Eq '192\.0\.2\.2 > 224\.0\.0\.18: CARPv2-advertise 36: vhid=1 .*auth=ok$' "$TL_TMP/auth.txt" ||
	tl_fail "carpdump --vhid 1 did not authenticate A's advert next to VRRP: $(cat "$TL_TMP/auth.txt")"

for h in hostA hostB; do
	got=$(($(stat "$h" vrrp) - before[$h.vrrp]))
	((got == sent)) || tl_fail "$h counted $got VRRP frames under vrrp, the LAN carried $sent"
	for k in badver badlen badauth badvhid badsum; do
		d=$(($(stat "$h" "$k") - before[$h.$k]))
		((d == 0)) || tl_fail "$h: $k moved by $d while only VRRP was added"
	done
	for v in carp0:1 carp1:2; do
		t=$(lt_get "$h" "${v%:*}" "${v#*:}" transitions)
		[[ $t == "${trans0[$h.$v]}" ]] || tl_fail "$h ${v%:*} vhid ${v#*:}: transitions ${trans0[$h.$v]} -> $t during VRRP"
	done
	tl_log "$h: $got VRRP frames counted under vrrp, 0 state changes"
done
lt_wait_states 0 "${LT_A_MASTER[@]}"
tl_log PASS
