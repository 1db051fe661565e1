#!/usr/bin/env bash
# shellcheck disable=SC2034,SC2004 # LAB_CFGS is read by lab.sh
# Unicast adverts (carppeer) between the two lab routers: each carp
# interface names the other router's address on its carpdev, so every
# advert is IPv4 protocol 112, TTL 255, to one of the receiver's own
# addresses. The workers must punt exactly those (fwd_local_input) while
# forwarding other protocol-112 traffic (issue 8 item 2): A becomes MASTER,
# B stays BACKUP for longer than its master-down interval, hears A
# (master_addr), and every advert it received reached lib/carp
# (carp_queued, ipackets), none dropped as carp_badttl or local_unsupported.
#   sudo tests/carp/test_carppeer.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init cpeer "${1:-build}"

# config/lab with a carppeer on both carp interfaces of each host
declare -A PEER_LAN=([hostA]=192.0.2.3 [hostB]=192.0.2.2) PEER_SRV=([hostA]=198.51.100.3 [hostB]=198.51.100.2)
for h in hostA hostB; do
	sed -e "s|pass = \"lab-lan-pass\";|pass = \"lab-lan-pass\"; carppeer = \"${PEER_LAN[$h]}\";|" \
		-e "s|pass = \"lab-srv-pass\";|pass = \"lab-srv-pass\"; carppeer = \"${PEER_SRV[$h]}\";|" \
		"$(lab_cfg "$h")" >"$TL_TMP/$h.cfg"
	[[ $(grep -c carppeer "$TL_TMP/$h.cfg") == 2 ]] || tl_fail "could not add carppeer to $(lab_cfg "$h")"
	out=$("$LAB_BIN" -c "$TL_TMP/$h.cfg" --check 2>&1) || tl_fail "$h.cfg fails --check: $out"
	LAB_CFGS[$h]=$TL_TMP/$h.cfg
done

lt_up
lt_wait_states 15 "${LT_A_MASTER[@]}"
tl_log "A MASTER, B BACKUP after ${LT_AFTER}s, adverts unicast"
stat() { # HOST KEY: /carp/stats
	lab_tel "$1" /carp/stats | "$TL_PY" -c \
		'import json,sys; print(json.load(sys.stdin)["/carp/stats"][sys.argv[1]])' "$2"
}
q0=$(lt_router_stat hostB carp_queued)
i0=$(stat hostB ipackets)
# longer than B's master-down interval (3 x (1 + 100/256) s): B keeps
# hearing A only if A's unicast adverts reach its lib/carp
lt_hold "$(lt_calc "$(lt_master_down 1 100) + 1")" "${LT_A_MASTER[@]}"
dq=$(($(lt_router_stat hostB carp_queued) - q0))
di=$(($(stat hostB ipackets) - i0))
((dq >= 8)) || tl_fail "hostB queued $dq adverts in 5 s of two vhids' unicast adverts"
# The two counters come from separate telemetry calls while adverts keep
# arriving (one a second per vhid): an advert can fall between the reads at
# either end, so they may differ by at most the two vhids' adverts.
((di >= dq - 2 && di <= dq + 2)) || tl_fail "hostB: $dq adverts punted but lib/carp counted $di ipackets"
for k in drop_carp_badttl drop_local_unsupported drop_carp_no_consumer; do
	v=$(lt_router_stat hostB "$k")
	((v == 0)) || tl_fail "hostB $k = $v: unicast adverts refused"
done
[[ $(lt_get hostB carp0 1 master_addr) == 192.0.2.2 ]] ||
	tl_fail "hostB carp0: master_addr '$(lt_get hostB carp0 1 master_addr)', expected A's 192.0.2.2"
tl_log "B BACKUP throughout, $dq unicast adverts punted and counted ($di ipackets), master_addr 192.0.2.2"
tl_log "PASS"
