#!/usr/bin/env bash
# Failover of the Linux reference implementations on the lab's shape, for
# docs/drills.md: keepalived (VRRPv2 advert_int 1, VRRPv3 advert_int 1 and
# 0.1) and ucarp (advbase 1) on two Linux router namespaces with kernel
# forwarding, the same client, server, bridges and flow tooling as the
# carp-router drills. A benchmark that prints figures, not a test.
#   sudo scripts/compare.sh [--out DIR] [--runs N] [IMPL...]
# IMPL: vrrp2 vrrp3 vrrp3-fast ucarp (default: all four).
# Per run: host A (advskew 0 / priority 200) is elected, a 1000 datagram/s
# flow client -> server runs through the virtual gateway 192.0.2.1, host A
# "crashes" (daemon SIGKILLed and both its links down in the same instant:
# the kernel would otherwise keep forwarding), host B takes over. Printed:
# takeover (fault -> virtual address on B), traffic back (fault -> first
# datagram delivered after the silence), loss window, datagrams lost,
# duplicates, reordering; a PNG per run in DIR (default out/compare).
# shellcheck disable=SC2154,SC2016 # flow_*/drill_* come from eval; hook scripts are literal
set -euo pipefail
cd "$(dirname "$0")/.."
out=out/compare runs=1 impls=()
while (($#)); do
	case $1 in
	--out) out=${2:?--out needs a directory} && shift ;;
	--runs) runs=${2:?--runs needs a number} && shift ;;
	vrrp2 | vrrp3 | vrrp3-fast | ucarp) impls+=("$1") ;;
	*)
		sed -n '7,8p' "$0" | sed 's/^# *//' >&2
		exit 2
		;;
	esac
	shift
done
((${#impls[@]})) || impls=(vrrp2 vrrp3 vrrp3-fast ucarp)
mkdir -p "$out"
out=$(cd "$out" && pwd)

. tests/lib/labtest.sh # lab_* network, lt_flow_* flows (no routers started)
tl_init compare
LAB_P=cmp$$
lab_init "$LAB_P" "" ""
trap 'rc=$?; lab_down; (exit $rc); tl_cleanup' EXIT
VIP=192.0.2.1 RATE=1000
for t in ucarp keepalived; do command -v "$t" >/dev/null || tl_fail "$t not installed (scripts/packages.sh)"; done

# The lab's namespaces and bridges, with hosts A and B as kernel routers.
linux_routers() {
	lab_net_up
	local h n
	for h in "${LAB_HOSTS[@]}"; do
		n=${LAB_HOSTNUM[$h]}
		ip -n "$(lab_ns "$h")" link set lan0 arp on
		ip -n "$(lab_ns "$h")" link set srv0 arp on
		lab_nsx "$h" ip addr add "192.0.2.$n/24" dev lan0
		lab_nsx "$h" ip addr add "198.51.100.$n/24" dev srv0
		lab_nsx "$h" sysctl -qw net.ipv4.ip_forward=1
		# resolve the server now, not on the first forwarded datagram
		lab_nsx "$h" ping -c 1 -W 1 198.51.100.100 >/dev/null || tl_fail "$h cannot reach the server"
	done
}

# The daemon pair for IMPL; sets MD (master-down interval, s).
start_daemons() {
	local impl=$1 h n prio skew ver adv
	case $impl in
	vrrp2) ver=2 adv=1 ;;
	vrrp3) ver=3 adv=1 ;;
	vrrp3-fast) ver=3 adv=0.1 ;;
	ucarp) adv=1 ;;
	esac
	for h in "${LAB_HOSTS[@]}"; do
		n=${LAB_HOSTNUM[$h]}
		if [[ $impl == ucarp ]]; then
			skew=$([[ $h == hostA ]] && echo 0 || echo 100)
			printf '#!/bin/sh\nip addr add "$2"/24 dev "$1"\n' >"$TL_TMP/up.sh"
			printf '#!/bin/sh\nip addr del "$2"/24 dev "$1"\n' >"$TL_TMP/down.sh"
			chmod +x "$TL_TMP/up.sh" "$TL_TMP/down.sh"
			tl_start "$TL_TMP/$impl-$h.log" ip netns exec "$(lab_ns "$h")" ucarp -i lan0 \
				-s "192.0.2.$n" -v 1 -p comparepass -a "$VIP" -u "$TL_TMP/up.sh" \
				-d "$TL_TMP/down.sh" -b 1 -k "$skew" -P
			MD=$(lt_master_down 1 100) # B's: 3 x (advbase + advskew/256)
		else
			prio=$([[ $h == hostA ]] && echo 200 || echo 100)
			cat >"$TL_TMP/$impl-$h.conf" <<-EOF
				global_defs {
				    router_id $LAB_P-$h
				    vrrp_version $ver
				    vrrp_garp_master_delay 1
				}
				vrrp_instance lan {
				    state BACKUP
				    interface lan0
				    virtual_router_id 1
				    priority $prio
				    advert_int $adv
				    virtual_ipaddress {
				        $VIP/24 dev lan0
				    }
				}
			EOF
			tl_start "$TL_TMP/$impl-$h.log" ip netns exec "$(lab_ns "$h")" keepalived -n -l -D -P \
				-f "$TL_TMP/$impl-$h.conf" -p "$TL_TMP/$impl-$h.pid" -r "$TL_TMP/$impl-$h.vrrp.pid"
			# RFC 3768/5798: 3 x advert + skew, skew = (256 - priority) / 256 x advert
			MD=$(lt_calc "3 * $adv + (256 - 100) / 256 * $adv")
		fi
	done
}

has_vip() { ip -n "$(lab_ns "$1")" -4 -o addr show dev lan0 | grep -q " $VIP/"; }

# wait_vip HOST SECS: until HOST holds the virtual address; prints the epoch.
wait_vip() {
	local end
	end=$(lt_calc "$(lt_now) + $2")
	while lt_true "$(lt_now) < $end"; do
		has_vip "$1" && { lt_now; return 0; }
		sleep 0.005
	done
	return 1
}

# vip_monitor HOST: log HOST's address changes with timestamps (ip -ts), so
# the takeover time is the kernel's, not a poll's.
vip_monitor() {
	tl_start "$TL_TMP/addr-$1.log" ip -n "$(lab_ns "$1")" -ts monitor address
}

# vip_added_at HOST: epoch of the first logged addition of the virtual address.
vip_added_at() {
	local ts
	ts=$(grep -v Deleted "$TL_TMP/addr-$1.log" | grep -m1 " $VIP/" | sed -n 's/^\[\([^]]*\)\].*/\1/p')
	[[ -n $ts ]] && date -d "$ts" +%s.%N
}

# crash HOST: the host stops forwarding (both links down in one command:
# the fault's instant) and its daemon dies.
crash() {
	local pid
	printf 'link set lan0 down\nlink set srv0 down\n' | ip -n "$(lab_ns "$1")" -batch -
	for pid in $(ip netns pids "$(lab_ns "$1")"); do kill -KILL "$pid" 2>/dev/null || true; done
	for pid in "${TL_PIDS[@]}"; do lab_pid_alive "$pid" || wait "$pid" 2>/dev/null || true; done # no "Killed" notice
}

results=()
one_run() { # IMPL RUN
	local impl=$1 run=$2 t_fault t_vip png
	linux_routers
	start_daemons "$impl"
	wait_vip hostA 20 >/dev/null || tl_fail "$impl: host A never got $VIP (logs in $TL_TMP)"
	sleep 1
	has_vip hostB && tl_fail "$impl: both hosts hold $VIP before the fault"
	lab_nsx client ping -c 1 -W 1 "$VIP" >/dev/null || true # the client's ARP entry for the gateway
	vip_monitor hostB
	lt_flow_start "$(lt_calc "$MD + 6")" "$RATE"
	sleep 2
	t_fault=$(lt_now)
	crash hostA
	wait_vip hostB "$(lt_calc "$MD + 5")" >/dev/null || tl_fail "$impl: host B never took $VIP over"
	t_vip=$(vip_added_at hostB) || tl_fail "$impl: no address event for $VIP in $TL_TMP/addr-hostB.log"
	lt_flow_finish >/dev/null
	png=$out/$impl-$run.png
	eval "$("$TL_PY" tests/lib/drill_plot.py "$TL_TMP/flow.json" --after "$t_fault" --png "$png" \
		--event "A crashed=$t_fault" --event "VIP on B=$t_vip" \
		--title "$impl: master crash, 1000 datagrams/s client -> server")"
	local takeover back
	takeover=$(lt_calc "$t_vip - $t_fault")
	back=$(lt_calc "$drill_hole_back - $t_fault") # the datagram that ended the longest hole
	tl_log "$impl run $run: master-down ${MD}s, takeover ${takeover}s, traffic back ${back}s, loss window ${flow_gap_s}s," \
		"lost $flow_lost, duplicates $flow_duplicates, reordered $flow_reordered; plot $png"
	results+=("$(printf '| %-10s | %3s | %13s | %10s | %14s | %13s | %5s | %4s | %7s |' "$impl" "$run" \
		"$MD" "$takeover" "$back" "$flow_gap_s" "$flow_lost" "$flow_duplicates" "$flow_reordered")")
	for pid in "${TL_PIDS[@]}"; do tl_stop "$pid" 2 >/dev/null || true; done
	lab_down
}

for impl in "${impls[@]}"; do
	for ((r = 1; r <= runs; r++)); do one_run "$impl" "$r"; done
done
echo
echo "| impl       | run | master-down s | takeover s | traffic back s | loss window s |  lost | dups | reorder |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${results[@]}"
