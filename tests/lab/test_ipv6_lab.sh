#!/usr/bin/env bash
# IPv6 through a real carp-router, against Linux's own IPv6 stack: the CARP
# lab (tests/lib/lab.sh, af_packet ports) with IPv6 added to the routers'
# ports (config/lab/hostX.cfg + 2001:db8:1::N/64 and 2001:db8:2::N/64) and
# to the client and the server, whose default routes are hostA's EUI-64
# link-locals -- what an RA would give them. Asserts: the client resolves
# and pings hostA's link-local and global address (NS/NA, echo); client ->
# server through hostA with no loss once both sides are resolved, hostA
# forwarding every packet and hostB none; hop limit 1 gets an ICMPv6 time
# exceeded from hostA; hostA's /router/neighbors6 holds the client (global and
# link-local) and the server, learned from their own NDP. IPv4 CARP keeps running meanwhile
# (IPv6 on carp interfaces is not supported yet).
#   sudo tests/lab/test_ipv6_lab.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init ipv6lab "${1:-build}"

for h in hostA hostB; do
	n=${LAB_HOSTNUM[$h]}
	sed -e "s|\"192.0.2.$n/24\" \]|\"192.0.2.$n/24\", \"2001:db8:1::$n/64\" ]|" \
		-e "s|\"198.51.100.$n/24\" \]|\"198.51.100.$n/24\", \"2001:db8:2::$n/64\" ]|" \
		"$(lab_cfg "$h")" >"$TL_TMP/$h.cfg"
	grep -q "2001:db8:2::$n/64" "$TL_TMP/$h.cfg" || tl_fail "could not add IPv6 to $(lab_cfg "$h")"
	"$LAB_BIN" -c "$TL_TMP/$h.cfg" --check >/dev/null || tl_fail "$TL_TMP/$h.cfg fails --check"
	# shellcheck disable=SC2034 # read by lab_up (tests/lib/lab.sh)
	LAB_CFGS["$h"]=$TL_TMP/$h.cfg
done
lt_up

# hostA's ports: lan0 02:00:00:0a:01:02, srv0 02:00:00:0a:02:02 (lab_net_up)
LL_A_LAN=fe80::ff:fe0a:102
LL_A_SRV=fe80::ff:fe0a:202
for role in client server; do
	# the lab disables IPv6 everywhere; these two hosts get it back, without DAD delays
	lab_nsx "$role" sysctl -qw net.ipv6.conf.eth0.accept_dad=0 net.ipv6.conf.eth0.disable_ipv6=0
done
lab_nsx client ip -6 addr add 2001:db8:1::100/64 dev eth0 nodad
lab_nsx client ip -6 route add default via "$LL_A_LAN" dev eth0
lab_nsx server ip -6 addr add 2001:db8:2::100/64 dev eth0 nodad
lab_nsx server ip -6 route add default via "$LL_A_SRV" dev eth0

# ping6 ROLE COUNT DST [ARGS...]: ping's output in $TL_TMP/ping.log; status of ping
ping6() {
	lab_nsx "$1" ping -6 -n -c "$2" -i 0.2 -W 2 "${@:4}" "$3" >"$TL_TMP/ping.log" 2>&1
}
ping6 client 3 "$LL_A_LAN%eth0" || tl_fail "client cannot ping hostA's link-local: $(cat "$TL_TMP/ping.log")"
tl_log "client -> $LL_A_LAN (hostA link-local): $(grep -o '[0-9]* received' "$TL_TMP/ping.log")"
ping6 client 3 2001:db8:1::2 || tl_fail "client cannot ping 2001:db8:1::2: $(cat "$TL_TMP/ping.log")"

fwdA=$(lt_router_stat hostA forwarded6)
fwdB=$(lt_router_stat hostB forwarded6)
# the first echoes wait for hostA's NS to the server and the server's own NS back
ping6 client 3 2001:db8:2::100 || true
ping6 client 20 2001:db8:2::100 || tl_fail "client -> server through hostA: $(cat "$TL_TMP/ping.log")"
grep -q ' 20 received' "$TL_TMP/ping.log" || tl_fail "client -> server lost echoes: $(tail -n 2 "$TL_TMP/ping.log")"
tl_log "client -> 2001:db8:2::100 through hostA: $(grep -o '[0-9]* received' "$TL_TMP/ping.log")"
dA=$(($(lt_router_stat hostA forwarded6) - fwdA))
dB=$(($(lt_router_stat hostB forwarded6) - fwdB))
((dA >= 40)) || tl_fail "hostA forwarded6 moved by $dA, want >= 40 (the 20 echoes and their replies)"
((dB == 0)) || tl_fail "hostB forwarded6 moved by $dB, want 0 (the hosts route through hostA)"
tl_log "forwarded6: hostA +$dA, hostB +$dB"

ping6 client 1 2001:db8:2::100 -t 1 || true
grep -q "From 2001:db8:1::2 .*Time exceeded" "$TL_TMP/ping.log" ||
	tl_fail "hop limit 1: no time exceeded from 2001:db8:1::2: $(cat "$TL_TMP/ping.log")"
tl_log "hop limit 1: $(grep -o 'From .*' "$TL_TMP/ping.log" | head -n 1)"

lab_tel hostA /router/neighbors6 >"$TL_TMP/nb6.json"
"$TL_PY" - "$TL_TMP/nb6.json" <<'PY' || tl_fail "hostA /router/neighbors6: $(cat "$TL_TMP/nb6.json")"
import json, sys
t = json.load(open(sys.argv[1]))["/router/neighbors6"]
rows = {(ip, port): (mac.lower(), st) for ip, port, mac, st in
        zip(t["ip"], t["port"], t["mac"], t["state"])}
# each learned from the host's own NDP: the client's NS for hostA's
# link-local (from its link-local) and for 2001:db8:1::2 (from its global);
# the server's NA to hostA's NS. (Whether the server also solicits hostA's
# srv0 link-local depends on its NUD timers: not asserted.)
want = {("fe80::ff:fe0a:164", "lan0"): "02:00:00:0a:01:64",
        ("2001:db8:1::100", "lan0"): "02:00:00:0a:01:64",
        ("2001:db8:2::100", "srv0"): "02:00:00:0a:02:64"}
ok = all(k in rows and rows[k][0] == mac and rows[k][1] in ("reachable", "stale")
         for k, mac in want.items())
print(rows)
sys.exit(0 if ok else 1)
PY
lt_wait_states 10 "${LT_A_MASTER[@]}"
tl_log "PASS"
