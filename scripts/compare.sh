#!/usr/bin/env bash
# Failover of the Linux reference implementations on the lab's shape, for
# docs/drills.md: keepalived (VRRPv2 advert_int 1, VRRPv3 advert_int 1 and
# 0.1) and ucarp (advbase 1) on two Linux router namespaces with kernel
# forwarding, the same client, server, bridges and flow tooling as the
# carp-router drills; and the stateful pair (nftables + SNAT, keepalived,
# with or without conntrackd) under long-lived TCP. A benchmark that prints
# figures, not a test.
#   sudo scripts/compare.sh [--out DIR] [--runs N] [IMPL...]
# IMPL: vrrp2 vrrp3 vrrp3-fast ucarp conntrackd nosync nosync-loose
#       conntrackd-fast nosync-fast (default: all).
# Per run: host A (advskew 0 / priority 200) is elected, traffic runs
# through the virtual gateway 192.0.2.1, host A "crashes" (daemons SIGKILLed
# and its links down in the same instant: the kernel would otherwise keep
# forwarding), host B takes over. vrrp*/ucarp: a 1000 datagram/s flow;
# printed: takeover (fault -> virtual address on B), traffic back (fault ->
# first datagram delivered after the silence), loss window, datagrams lost,
# duplicates, reordering; a PNG per run in DIR (default out/compare).
# conntrackd/nosync (-fast: advert_int 0.1, else 1; -loose: Linux's default
# mid-stream pickup, lfw_nft's loose profile): tests/lib/linux_fw.sh's
# firewall pair, 200 echo connections and a 256 MB download through the NAT
# (tests/lib/tcp_drill.sh); printed: connections lost, RSTs at each end,
# longest echo gap, download completed, takeover, conntrackd's commit.
# shellcheck disable=SC2154,SC2016 # flow_*/drill_*/tcp_* come from eval; hook scripts are literal
set -euo pipefail
cd "$(dirname "$0")/.."
out=out/compare runs=1 impls=()
while (($#)); do
	case $1 in
	--out) out=${2:?--out needs a directory} && shift ;;
	--runs) runs=${2:?--runs needs a number} && shift ;;
	vrrp2 | vrrp3 | vrrp3-fast | ucarp | conntrackd | nosync | nosync-loose | conntrackd-fast | nosync-fast) impls+=("$1") ;;
	*)
		sed -n '8,10p' "$0" | sed 's/^# *//' >&2
		exit 2
		;;
	esac
	shift
done
((${#impls[@]})) || impls=(vrrp2 vrrp3 vrrp3-fast ucarp conntrackd nosync nosync-loose conntrackd-fast nosync-fast)
mkdir -p "$out"
out=$(cd "$out" && pwd)

. tests/lib/labtest.sh  # lab_* network, lt_flow_* flows (no routers started)
. tests/lib/linux_fw.sh  # lfw_*: the Linux router pair
. tests/lib/tcp_drill.sh # tcpd_*: long-lived TCP across the failover
tl_init compare
LAB_P=cmp$$
lab_init "$LAB_P" "" ""
trap 'rc=$?; lab_down; set +e; (exit $rc); tl_cleanup' EXIT
VIP=192.0.2.1 RATE=1000
for t in ucarp keepalived nft conntrackd conntrack dumpcap; do
	command -v "$t" >/dev/null || tl_fail "$t not installed (scripts/packages.sh)"
done

# The daemon pair for IMPL; sets MD (master-down interval, s).
start_daemons() {
	local impl=$1 h n skew ver adv
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
			LFW_VRRP_INSTANCES=lan lfw_keepalived "$h" "$adv" "$ver"
			MD=$(lfw_vrrp_master_down "$adv")
		fi
	done
}

results=()
one_run() { # IMPL RUN
	local impl=$1 run=$2 t_fault t_vip png
	lfw_routers
	start_daemons "$impl"
	lfw_wait_vip hostA 20 >/dev/null || tl_fail "$impl: host A never got $VIP (logs in $TL_TMP)"
	sleep 1
	lfw_has_vip hostB && tl_fail "$impl: both hosts hold $VIP before the fault"
	lab_nsx client ping -c 1 -W 1 "$VIP" >/dev/null || true # the client's ARP entry for the gateway
	lfw_vip_monitor hostB
	lt_flow_start "$(lt_calc "$MD + 6")" "$RATE"
	sleep 2
	lfw_crash hostA
	t_fault=$LFW_CRASHED_AT
	lfw_wait_vip hostB "$(lt_calc "$MD + 5")" >/dev/null || tl_fail "$impl: host B never took $VIP over"
	t_vip=$(lfw_vip_added_at hostB) || tl_fail "$impl: no address event for $VIP in $TL_TMP/addr-hostB.log"
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

# The stateful scenario (docs/drills.md "stateful failover: the Linux
# reference"): TCP_N echo connections and a TCP_BULK-byte download paced at
# TCP_MBPS through host A's NAT; a connection is lost after TCP_DEAD s
# without an echo.
TCP_N=200 TCP_BULK=256000000 TCP_MBPS=200 TCP_DEAD=10
stateful_rows=() # not tcp_*: tcpd_init clears those

# notify_at HOST STATE STEP: when ctsync_notify.sh finished STEP on HOST.
notify_at() {
	awk -v s="$2" -v p="$3" '$1 == s && $2 == p { t = $6 } END { if (t) print t }' "$TL_TMP/notify-$1.log" 2>/dev/null
}

tcp_run() { # IMPL RUN
	local impl=$1 run=$2 adv=1 sync=0 profile=strict h i t_fault t_vip synced=n/a commit=n/a
	[[ $impl == *-fast ]] && adv=0.1
	[[ $impl == *-loose ]] && profile=loose
	[[ $impl == conntrackd* ]] && sync=1
	MD=$(lfw_vrrp_master_down "$adv")
	rm -f "$TL_TMP"/notify-*.log
	lfw_routers sync
	for h in "${LAB_HOSTS[@]}"; do
		lfw_nft "$h" "$profile"
		((sync)) && lfw_conntrackd "$h"
	done
	for h in "${LAB_HOSTS[@]}"; do lfw_keepalived "$h" "$adv" 3 "$( ((sync)) && echo ctsync)"; done
	lfw_wait_vip hostA 20 "$LFW_VIP_SRV" srv0 >/dev/null || tl_fail "$impl: host A never got $LFW_VIP_SRV (logs in $TL_TMP)"
	lfw_wait_vip hostA 5 >/dev/null || tl_fail "$impl: host A has $LFW_VIP_SRV but not $VIP"
	if ((sync)); then # A's own notify (flush, resync from the kernel) is done before traffic
		for ((i = 0; i < 100; i++)); do [[ -n $(notify_at hostA primary bulk) ]] && break; sleep 0.1; done
		[[ -n $(notify_at hostA primary bulk) ]] || tl_fail "$impl: host A's notify never finished ($TL_TMP/notify-hostA.log)"
	fi
	sleep 1
	lfw_has_vip hostB && tl_fail "$impl: both hosts hold $VIP before the fault"
	lab_nsx client ping -c 1 -W 1 "$VIP" >/dev/null || true
	lfw_vip_monitor hostB
	tcpd_init "$TL_TMP/tcp-$impl-$run"
	tcpd_server_start
	tcpd_capture_start
	tcpd_client_start "$TCP_N" --bulk-bytes "$TCP_BULK" --bulk-mbps "$TCP_MBPS" --dead-after "$TCP_DEAD"
	tcpd_wait_established 30
	if ((sync)); then # the connections and the download in B's external cache
		for ((i = 0; i < 100; i++)); do
			synced=$(lfw_ctd hostB -e 2>/dev/null | grep -c ESTABLISHED || true)
			((synced >= TCP_N + 1)) && break
			sleep 0.1
		done
	fi
	sleep 2
	lfw_crash hostA
	t_fault=$LFW_CRASHED_AT
	tcpd_fault "$t_fault"
	lfw_wait_vip hostB "$(lt_calc "$MD + 5")" "$LFW_VIP_SRV" srv0 >/dev/null ||
		tl_fail "$impl: host B never took $LFW_VIP_SRV over"
	tcpd_wait_bulk $((TCP_DEAD + 60)) || tl_log "$impl run $run: the download still runs: $(tcpd_status)"
	tcpd_wait_flowing $((TCP_DEAD + 5)) || tl_log "$impl run $run: connections still stalled: $(tcpd_status)"
	sleep 2
	tcpd_finish
	t_vip=$(for v in "$VIP" "$LFW_VIP_SRV"; do lfw_vip_added_at hostB "$v"; done | sort -n | tail -n 1)
	[[ -n $t_vip ]] || tl_fail "$impl: no address event on host B in $TL_TMP/addr-hostB.log"
	local takeover
	takeover=$(lt_calc "$t_vip - $t_fault")
	if ((sync)); then
		commit=$(notify_at hostB primary commit)
		commit=${commit:+$(lt_calc "$commit - $t_fault")}
	fi
	tl_log "$impl run $run: master-down ${MD}s, both addresses on B after ${takeover}s," \
		"conntrackd commit done at ${commit} s, states on B before the fault $synced"
	tcpd_print
	cp "$TCPD_DIR/summary.json" "$out/$impl-$run.json"
	stateful_rows+=("$(printf '| %-15s | %3s | %6s | %8s | %6s | %6s | %5s | %5s | %-19s | %7s | %7s | %9s | %-6s | %6s |' \
		"$impl" "$run" "$MD" "$takeover" "$commit" "$synced" "$tcp_alive" "$tcp_lost" \
		"r$tcp_lost_reset t$tcp_lost_timeout o$((tcp_lost_epipe + tcp_lost_closed + tcp_lost_timeout_kernel + tcp_lost_other))" \
		"$((tcp_rst_client_sent + tcp_rst_client_recv))" "$((tcp_rst_server_sent + tcp_rst_server_recv))" \
		"$(lt_calc "$tcp_gap_max_ms / 1000")" "$tcp_bulk" "$tcp_bulk_mbps")")
	for pid in "${TL_PIDS[@]}"; do tl_stop "$pid" 2 >/dev/null || true; done
	lab_down
}

for impl in "${impls[@]}"; do
	for ((r = 1; r <= runs; r++)); do
		case $impl in
		conntrackd* | nosync*) tcp_run "$impl" "$r" ;;
		*) one_run "$impl" "$r" ;;
		esac
	done
done
if ((${#results[@]})); then
	echo
	echo "| impl       | run | master-down s | takeover s | traffic back s | loss window s |  lost | dups | reorder |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
	printf '%s\n' "${results[@]}"
fi
if ((${#stateful_rows[@]})); then
	echo
	echo "TCP: $TCP_N echo connections (100 ms), ${TCP_BULK}-byte download at $TCP_MBPS Mbit/s, lost = no echo for ${TCP_DEAD} s or an error"
	echo "| impl            | run | master-down s | takeover s | commit s | states on B | alive | lost | lost by (reset/timeout/other) | RST client | RST server | longest gap s | bulk | bulk Mbit/s |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
	printf '%s\n' "${stateful_rows[@]}"
fi
