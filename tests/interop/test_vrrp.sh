#!/usr/bin/env bash
# VRRP on a CARP segment (spec 1.3, 10.3), with a real VRRP speaker:
# keepalived (VRRPv2 vrid 7 and VRRPv3 vrid 8) in one namespace, carp-emit
# (CARP vhid 9) beside it; carpdump, live in the other namespace, must name
# the VRRP packets as VRRP (never as CARP) and still authenticate the CARP
# group picked with --vhid.
#   tests/interop/test_vrrp.sh [BUILD_DIR]
# Needs root. Namespaces h2-vrrp<PID>-a/-b (tests/lib), TEST-NET-1 only.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/interop_lib.sh"
interop_init "${1:-build}" vrrp
command -v keepalived >/dev/null || tl_fail "keepalived not installed (scripts/setup.sh installs it)"

tl_netns_add a
tl_netns_add b
tl_veth a h2va b h2vb
tl_nsx a ip addr add 192.0.2.2/24 dev h2va
tl_nsx b ip addr add 192.0.2.3/24 dev h2vb

cat >"$TMP/keepalived.conf" <<'EOF'
global_defs {
	enable_script_security
	script_user root
}
vrrp_instance h2v2 {
	state MASTER
	interface h2va
	virtual_router_id 7
	priority 150
	advert_int 1
	version 2
	virtual_ipaddress {
		192.0.2.77/24
	}
}
vrrp_instance h2v3 {
	state MASTER
	interface h2va
	virtual_router_id 8
	priority 120
	advert_int 1
	version 3
	virtual_ipaddress {
		192.0.2.78/24
	}
}
EOF
log=$TMP/keepalived.log
# -n: no fork, so the registered PID is keepalived's parent; -P: VRRP only
tl_start "$log" ip netns exec "$(tl_ns a)" keepalived -n -l -P -f "$TMP/keepalived.conf" \
	-p "$TMP/keepalived.pid" -r "$TMP/vrrp.pid"
kpid=$TL_PID
for inst in h2v2 h2v3; do
	wait_for_log "$log" "\($inst\) Entering MASTER STATE" 10 ||
		interop_fail "keepalived $inst never became MASTER" "$log"
done

# VRRP alone: every packet named as VRRP, none valid, exit 1
tl_nsx b "$CARPDUMP" -i h2vb -t 10 -c 4 >"$TMP/vrrp.txt" 2>&1
expect_rc 1 $? "a VRRP-only segment is not valid CARP" "$TMP/vrrp.txt"
expect_grep "$TMP/vrrp.txt" "192\.0\.2\.2 > 224\.0\.0\.18: VRRPv2 vrid=7 prio=150 addrs=1 len=20 \[vrrp: VRRP advertisement \(same protocol 112\), not CARP\]$" \
	"keepalived VRRPv2 named as VRRP"
expect_grep "$TMP/vrrp.txt" "192\.0\.2\.2 > 224\.0\.0\.18: VRRPv3 vrid=8 prio=120 addrs=1 len=12 \[vrrp: " \
	"keepalived VRRPv3 named as VRRP"
expect_no_grep "$TMP/vrrp.txt" "CARPv2" "no VRRP packet taken for CARP"
expect_line "$TMP/vrrp.txt" "carpdump: 4 packets, 0 valid CARP advertisements" "summary: 4 packets, none CARP"

# CARP vhid 9 among them: --vhid 9 authenticates it, VRRP skipped
tl_start "$TMP/emit.txt" ip netns exec "$(tl_ns a)" "$CARP_EMIT" -i h2va --vhid 9 --advskew 10 \
	--pass vrrpneighbour --addr 192.0.2.99 --src 192.0.2.2 --count 8 --interval 500
tl_nsx b "$CARPDUMP" -i h2vb -t 10 -c 3 --vhid 9 --pass vrrpneighbour --addr 192.0.2.99 \
	>"$TMP/carp.txt" 2>&1
expect_rc 0 $? "CARP vhid 9 authenticates next to VRRP" "$TMP/carp.txt"
expect_count "$TMP/carp.txt" "vhid=9 advbase=1 advskew=10 .* cksum=ok auth=ok$" 3 "three vhid-9 adverts, auth=ok"
expect_no_grep "$TMP/carp.txt" "VRRP" "--vhid 9 skips VRRP vrid 7/8"

tl_alive "$kpid" "$log" keepalived
interop_finish "$log"
