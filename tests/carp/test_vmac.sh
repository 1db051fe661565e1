#!/usr/bin/env bash
# Virtual MACs on the NIC (issue 4 item 4) on af_packet ports, which cannot
# filter: /carp/info shows filter "promiscuous" and the flip timings, the log
# says so once per port, and the vMACs are installed on every host whose
# carp interface is up, master or not (docs/carp.md: filters go in at
# interface start so NIC reprogramming stays off the takeover path; the
# fast path accepts by mastership, see test_balancing). After the master's
# crash the new master still holds them and answers ARP for the VIP with the
# virtual MAC.
#   sudo tests/carp/test_vmac.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init vmac "${1:-build}"
lt_up
lt_wait_states 15 "${LT_A_MASTER[@]}"

expect_vmacs() { # HOST IFACE VHID WANT: the installed virtual MACs, space-separated
	local got
	got=$(lt_get "$1" "$2" "$3" vmacs_installed) || tl_fail "$1 $2: no /carp/info"
	got=$(tr -d '[]",' <<<"$got" | xargs)
	[[ $got == "$4" ]] || tl_fail "$1 $2 ($(lt_get "$1" "$2" "$3" state)): vmacs_installed '$got', expected '$4'"
}

for h in hostA hostB; do
	for hv in "carp0 1" "carp1 2"; do
		f=$(lt_get "$h" $hv filter)
		[[ $f == promiscuous ]] || tl_fail "$h $hv: filter '$f' on af_packet, expected promiscuous"
		for k in vmac_flip_us_last vmac_flip_us_max; do
			[[ $(lt_get "$h" $hv "$k") =~ ^[0-9]+$ ]] || tl_fail "$h $hv: no $k"
		done
	done
	for port in lan0 srv0; do
		n=$(grep -c "port $port: filter refused .*promiscuous mode instead" "$LAB_STATE/$h.log" || true)
		((n == 1)) || tl_fail "$h log: $n lines about $port's promiscuous fallback, expected 1"
	done
	expect_vmacs "$h" carp0 1 00:00:5e:00:01:01
	expect_vmacs "$h" carp1 2 00:00:5e:00:01:02
done
tl_log "both hosts: filter promiscuous (logged once per port), vMACs installed, flip times exposed"

lab_router_kill hostA
lt_wait_states 7 hostB:carp0:1=MASTER hostB:carp1:2=MASTER
expect_vmacs hostB carp0 1 00:00:5e:00:01:01
expect_vmacs hostB carp1 2 00:00:5e:00:01:02
lab_nsx client ip neigh flush dev eth0
lab_nsx client ping -c 1 -W 2 192.0.2.1 >/dev/null || tl_fail "hostB (MASTER) does not answer ping to the VIP 192.0.2.1"
mac=$(lab_nsx client ip neigh show 192.0.2.1 dev eth0 | awk '{print $3}')
[[ $mac == 00:00:5e:00:01:01 ]] || tl_fail "after takeover the client resolved 192.0.2.1 to '$mac', expected 00:00:5e:00:01:01"
tl_log "after A's crash: B MASTER answers ARP for 192.0.2.1 with 00:00:5e:00:01:01 and echo on the VIP"
tl_log "PASS"
