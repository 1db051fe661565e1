# shellcheck shell=bash disable=SC2034 # LAB_VDEVS, LAB_NET_EXTRA are lab.sh's
# The lab pair with pfsync (tests/pfsync/test_pfsync_failover.sh, the
# pfsync-* drills of scripts/drill.sh): source after tests/lib/labtest.sh,
# before lt_up. Functions are prefixed pfsl_.
#
#   pfsl_setup [nosync]   both routers on tests/pfsync/pair_host{A,B}.cfg (the
#                         stateful filter with NAT to carp1, rules pair_pf.conf)
#                         with a third port sync0: a veth straight from hostA
#                         to hostB (203.0.113.0/24), captured on hostB's side
#                         into $TL_TMP/sync.pcapng; "nosync": the same without
#                         the pfsync section (what pfsync buys)
#   pfsl_capture_stop     end that capture
#   pfsl_info HOST        /pfsync/info (JSON)
#   pfsl_field KEY        a key of /pfsync/info on stdin: top level, counters or rings

pfsl_setup() {
	local h
	for h in hostA hostB; do
		LAB_CFGS[$h]=$TL_ROOT/tests/pfsync/pair_$h.cfg
		if [[ ${1:-} == nosync ]]; then
			sed '/^pfsync = /d' "${LAB_CFGS[$h]}" >"$TL_TMP/nosync_$h.cfg"
			cp "$TL_ROOT/tests/pfsync/pair_pf.conf" "$TL_TMP/"
			LAB_CFGS[$h]=$TL_TMP/nosync_$h.cfg
		fi
		LAB_VDEVS[$h]="--vdev net_af_packet2,iface=sync0,framecnt=2048"
		"$LAB_BIN" -c "${LAB_CFGS[$h]}" --check >/dev/null || tl_fail "${LAB_CFGS[$h]} fails --check"
	done
	LAB_NET_EXTRA=pfsl_wire
}

pfsl_wire() {
	local h
	ip -n "$(lab_ns hostA)" link add sync0 address 02:00:00:0a:03:02 type veth peer name sync0 \
		address 02:00:00:0a:03:03 netns "$(lab_ns hostB)" || lab_fail "cannot create the sync link"
	for h in hostA hostB; do
		ip -n "$(lab_ns "$h")" link set sync0 arp off up
		lab_nsx "$h" ethtool -K sync0 tx off gro off gso off tso off >/dev/null
	done
	ip netns exec "$(lab_ns hostB)" dumpcap -q -i sync0 -f "ip proto 240" -w "$TL_TMP/sync.pcapng" \
		2>/dev/null &
	PFSL_CAP=$!
}

pfsl_capture_stop() {
	kill -INT "$PFSL_CAP" 2>/dev/null || true
	wait "$PFSL_CAP" 2>/dev/null || true
}

pfsl_info() { lab_tel "$1" /pfsync/info; }

pfsl_field() {
	"$TL_PY" -c '
import json, sys
d = json.load(sys.stdin)["/pfsync/info"]
for part in (d, d.get("counters", {}), d.get("rings", {})):
    if sys.argv[1] in part:
        print(part[sys.argv[1]])
        break
else:
    print("missing")' "$1"
}
