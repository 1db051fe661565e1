#!/usr/bin/env bash
# A protocol-112 flood on the LAN of the running two-router lab (issue 8
# item 2): while a client flow crosses the virtual gateway, a namespace on
# the LAN sends for 10 s ~20 000 frames/s (FLOOD_PPS) to 224.0.0.18, which
# both the MASTER and the BACKUP receive: adverts for vhid 1 with better
# priority from garbage sources and a wrong HMAC, garbage with a wrong CARP
# checksum, garbage too short for CARP; and ~500 frames/s of ordinary routed
# protocol-112 traffic (TTL 64, and TTL 255 as a carppeer pair behind the
# router would send) to the server through the virtual gateway.
# Asserts:
#  - 0 CARP state changes on either router (transition counters unchanged);
#  - the MASTER's advertisement intervals, from a capture of its frames on the
#    bridge: jitter (mean deviation from advbase, 1 s, as RFC 3550 defines
#    jitter) under 10 ms, and no interval more than 50 ms off. The largest
#    deviation is printed: idle it is ~2 ms; on this shared 2-core VM other
#    routers' SCHED_FIFO control lcores (other labs running at the same
#    time) can delay one advert by ~10 ms, which is noise, not a regression
#    (the regression this catches was 285 ms);
#  - every routed protocol-112 frame reaches the server (captured there);
#  - every flood frame is counted under its reason on each router: carpstats
#    badauth / badsum / badlen, or the punt's drop counters (rate limit,
#    ring full); exactly per reason when nothing was rate-limited or lost.
#  The only slack in both counts is what was lost outside the router: the
#  port's rx_missed (its af_packet ring full) and the kernel's drops on the
#  veths between the flooder and the router (a backlog overflow when the
#  2-core VM is loaded), both read and printed;
#  - the client flow is delivered.
# The achieved flood rate (the sender is Python on a shared 2-core VM) is
# printed.
#   sudo tests/carp/test_flood.sh [BUILD_DIR]
# shellcheck disable=SC2154,SC2034,SC2119,SC2004 # sent_*, flow_* come from eval, counters from namerefs; keys of associative arrays need $ in $(( ))
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init flood "${1:-build}"
command -v tshark >/dev/null || tl_fail "tshark not installed (scripts/packages.sh installs it)"
FLOOD_PPS=${FLOOD_PPS:-20000}
FLOOD_S=10
ROUTED_PPS=500
LAB_ROLES+=(fl) # the flooder's namespace, removed with the lab

lt_up
lt_wait_states 15 "${LT_A_MASTER[@]}"
tl_log "A MASTER, B BACKUP after ${LT_AFTER}s"
lab_wire fl eth0 02:00:00:0a:01:66 fl-lan brL
lab_nsx fl ip addr add 192.0.2.66/24 dev eth0

# snap HOST: the counters this test reads, as NAME=VALUE lines
snap() {
	"$TL_PY" - "$(lab_prefix "$1")" <<'PY'
import sys
sys.path.insert(0, "tests/lib")
from telemetry import Telemetry
t = Telemetry(sys.argv[1])
c = t.query("/carp/stats")["/carp/stats"]
r = t.query("/router/stats")["/router/stats"]
for k in ("badauth", "badsum", "badlen", "badttl", "badvhid", "hdrops", "ipackets", "loop"):
    print(f"carp_{k}={c[k]}")
for k, v in r.items():
    if k.startswith("drop_") or k.startswith("punt_"):
        print(f"{k}={v}")
for k in ("forwarded",):
    print(f"{k}={r[k]}")
print(f"lan_rx_missed={r['port_rx_missed'][0]}")
PY
}
declare -A T0
load() { # ARRAY HOST
	local -n arr=$1
	local line
	while IFS= read -r line; do arr[${line%%=*}]=${line#*=}; done < <(snap "$2")
}
# kdrops ROLE:DEV...: frames the kernel dropped on these veth ends (rx and
# tx dropped), i.e. lost between the flooder and a router or between a
# router and the server, outside the router (a backlog overflow on a
# loaded machine); the router's own losses are its counters.
kdrops() {
	local n=0 rd td x
	for x in "$@"; do
		rd=$(ip netns exec "$(lab_ns "${x%%:*}")" cat "/sys/class/net/${x#*:}/statistics/rx_dropped")
		td=$(ip netns exec "$(lab_ns "${x%%:*}")" cat "/sys/class/net/${x#*:}/statistics/tx_dropped")
		n=$((n + rd + td))
	done
	echo "$n"
}
PATH_A=(sw:A-lan hostA:lan0) PATH_B=(sw:B-lan hostB:lan0) PATH_SRV=(hostA:srv0 sw:A-srv server:eth0)
K0A=$(kdrops "${PATH_A[@]}") K0B=$(kdrops "${PATH_B[@]}") K0S=$(kdrops "${PATH_SRV[@]}")
for h in hostA hostB; do
	for v in carp0:1 carp1:2; do T0[$h.$v]=$(lt_get "$h" "${v%:*}" "${v#*:}" transitions); done
done
declare -A SA SB
load SA hostA
load SB hostB

# the MASTER's adverts on the bridge; the routed frames at the server
tl_start "$TL_TMP/cap_adv.log" ip netns exec "$(lab_ns sw)" tshark -i brL \
	-f "ether src 00:00:5e:00:01:01 and ip proto 112" -w "$TL_TMP/adv.pcap"
CAP_ADV=$TL_PID
tl_start "$TL_TMP/cap_srv.log" ip netns exec "$(lab_ns server)" tshark -i eth0 \
	-f "ip proto 112 and dst host 198.51.100.100" -w "$TL_TMP/srv.pcap"
CAP_SRV=$TL_PID
for c in cap_adv cap_srv; do
	for _ in $(seq 100); do grep -q "Capturing on" "$TL_TMP/$c.log" && break; sleep 0.1; done
	grep -q "Capturing on" "$TL_TMP/$c.log" || tl_fail "tshark ($c) did not start: $(cat "$TL_TMP/$c.log")"
done

lt_flow_start $((FLOOD_S + 4)) 200
sleep 2
# nice: the routers' workers and the kernel's softirq threads go first
ip netns exec "$(lab_ns fl)" nice -n 19 "$TL_PY" tests/carp/flood112.py send --iface eth0 \
	--pps "$FLOOD_PPS" --duration "$FLOOD_S" --vhid 1 --gw-mac 00:00:5e:00:01:01 \
	--routed-dst 198.51.100.100 --routed-pps "$ROUTED_PPS" --out "$TL_TMP/flood.json" \
	>"$TL_TMP/flood.log" 2>&1 || tl_fail "flooder failed: $(cat "$TL_TMP/flood.log")"
eval "$("$TL_PY" tests/carp/flood112.py report "$TL_TMP/flood.json")"
tl_log "flood: $sent_badauth badauth, $sent_badsum badsum, $sent_badlen badlen in ${flood_s}s" \
	"= $flood_pps frames/s achieved (asked $FLOOD_PPS), $sent_routed routed, $send_errors send errors"
lt_flow_finish
sleep 1.5 # one more advert after the flood, then the captures stop
tl_stop "$CAP_ADV" >/dev/null || true
tl_stop "$CAP_SRV" >/dev/null || true

# 0 state changes
lt_wait_states 0 "${LT_A_MASTER[@]}"
for h in hostA hostB; do
	for v in carp0:1 carp1:2; do
		t=$(lt_get "$h" "${v%:*}" "${v#*:}" transitions)
		[[ $t == "${T0[$h.$v]}" ]] || tl_fail "$h $v: transitions ${T0[$h.$v]} -> $t during the flood"
	done
done
tl_log "0 state changes on both routers"

# the MASTER's advertisement interval: advbase 1 s, advskew 0
"$TL_PY" - "$TL_TMP/adv.pcap" >"$TL_TMP/jitter.txt" <<'PY' || tl_fail "MASTER advert jitter: $(cat "$TL_TMP/jitter.txt")"
import subprocess, sys
out = subprocess.run(["tshark", "-r", sys.argv[1], "-T", "fields", "-e", "frame.time_epoch",
                      "-Y", "ip.dst == 224.0.0.18"], capture_output=True, text=True, check=True)
t = [float(x) for x in out.stdout.split()]
iv = [b - a for a, b in zip(t, t[1:])]
dev = [abs(x - 1.0) for x in iv]
jit = sum(dev) / len(dev) if dev else float("inf")
worst = max(dev) if dev else float("inf")
print(f"{len(t)} adverts, intervals {min(iv):.4f}-{max(iv):.4f} s, jitter {jit * 1000:.1f} ms, "
      f"largest deviation {worst * 1000:.1f} ms" if iv else f"{len(t)} adverts captured")
sys.exit(0 if len(t) >= 12 and jit < 0.010 and worst < 0.050 else 1)
PY
tl_log "MASTER adverts: $(cat "$TL_TMP/jitter.txt")"

# routed protocol 112 delivered: all of them, but for what the kernel
# dropped outside the router (counted on the veths) or hostA's port missed
declare -A EA EB
load EA hostA
load EB hostB
KA=$(($(kdrops "${PATH_A[@]}") - K0A)) KB=$(($(kdrops "${PATH_B[@]}") - K0B))
KS=$(($(kdrops "${PATH_SRV[@]}") - K0S))
missedA=$((EA[lan_rx_missed] - SA[lan_rx_missed]))
got=$(tshark -r "$TL_TMP/srv.pcap" 2>/dev/null | wc -l)
tl_log "routed protocol 112 (TTL 64 and 255): $got of $sent_routed delivered" \
	"(kernel drops outside the routers: flooder->A $KA, flooder->B $KB, A->server $KS; A rx_missed $missedA)"
((got <= sent_routed && got + KA + KS + missedA >= sent_routed)) ||
	tl_fail "server received $got of $sent_routed routed protocol-112 frames, not explained by $KA + $KS kernel drops and $missedA missed"

# every flood frame under its reason, on each router
flood=$((sent_badauth + sent_badsum + sent_badlen))
check_counts() { # HOST BEFORE AFTER KERNEL_DROPS
	local h=$1 kd=$4
	local -n b=$2 e=$3
	local d_auth=$((e[carp_badauth] - b[carp_badauth])) d_sum=$((e[carp_badsum] - b[carp_badsum]))
	local d_len=$((e[carp_badlen] - b[carp_badlen])) missed=$((e[lan_rx_missed] - b[lan_rx_missed]))
	local punt=0 k
	for k in "${!e[@]}"; do
		case $k in
		drop_carp_punt_rate | drop_carp_ring_full | drop_carp_no_consumer)
			punt=$((punt + e[$k] - b[$k])) ;;
		esac
	done
	local counted=$((d_auth + d_sum + d_len + punt))
	tl_log "$h: badauth +$d_auth badsum +$d_sum badlen +$d_len, punt drops +$punt, rx_missed +$missed," \
		"kernel drops before the port +$kd (flood $flood)"
	((counted <= flood && counted + missed + kd >= flood)) ||
		tl_fail "$h: $counted flood frames counted + $missed missed + $kd dropped by the kernel, $flood sent"
	if ((punt == 0 && missed == 0 && kd == 0)); then
		((d_auth == sent_badauth && d_sum == sent_badsum && d_len == sent_badlen)) ||
			tl_fail "$h: per reason +$d_auth/+$d_sum/+$d_len, sent $sent_badauth/$sent_badsum/$sent_badlen"
	fi
}
check_counts hostA SA EA "$KA"
check_counts hostB SB EB "$KB"

# the client's flow crossed the virtual gateway during the flood
((flow_received > 0)) || tl_fail "the client flow was not delivered"
tl_log "client flow: $flow_received of $((flow_received + flow_lost)) delivered during the flood"
tl_log "PASS"
