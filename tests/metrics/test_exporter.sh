#!/usr/bin/env bash
# The Prometheus exporter (tools/exporter/carp-router-exporter) against a
# real router: one carp-router with a carp section on an af_packet port in a
# namespace, pinged from its veth peer, MASTER of vhid 1 and demoted by the
# operator in group "lan". Asserts:
#  - the HTTP scrape passes `promtool check metrics` (format and naming);
#  - its values match telemetry read just before and after the scrape
#    (tests/metrics/check_metrics.py): per-port rx/tx, each drop reason,
#    per-lcore packets/busy cycles/ratio, CARP state per vhid, demotion per
#    group and source, carpstats, the ifstated state and test status;
#  - with the router stopped, carp_router_up is 0.
#   sudo tests/metrics/test_exporter.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh
. tests/carpctl/single_lib.sh
tl_init metrics
BUILD=$(cd "${1:-build}" && pwd)
tl_binary "$BUILD"
EXPORTER=$TL_ROOT/tools/exporter/carp-router-exporter
command -v promtool >/dev/null || tl_fail "promtool not installed (Debian package prometheus; scripts/packages.sh)"
"$TL_PY" -c "import prometheus_client" 2>/dev/null ||
	tl_fail "python3-prometheus-client not installed (scripts/packages.sh)"
tl_hugepages

tl_netns_add r
tl_netns_add p
tl_veth r lan0 p peer0
ip -n "$(tl_ns p)" addr add 192.0.2.20/24 dev peer0
cat >"$TL_TMP/ifstated.conf" <<EOF
state backup {
	if carp0.link.up && "true" every 1
		set-state master
}
state master {
	if ! carp0.link.up
		set-state backup
}
EOF
cat >"$TL_TMP/router.cfg" <<EOF
polling = "adaptive";
workers = [ 1 ];
control_lcore = 2;
ports = ( { name = "lan0"; device = "net_af_packet0"; addresses = [ "192.0.2.2/24" ]; } );
carp = {
	boot_demote = false;
	interfaces = ( { name = "carp0"; carpdev = "lan0"; vhid = 1; advskew = 10;
	                 pass = "metrics"; addresses = [ "192.0.2.1/24" ]; groups = [ "lan" ]; } );
};
ifstated = "$TL_TMP/ifstated.conf";
EOF
sr_router "$TL_TMP/router.cfg"

for _ in $(seq 60); do
	[[ $(field /carp/info,carp0 'v["vhids"]["1"]["state"]') == MASTER ]] && break
	sleep 0.1
done
[[ $(field /carp/info,carp0 'v["vhids"]["1"]["state"]') == MASTER ]] || tl_fail "carp0 not MASTER after 6 s"
tl_nsx p ping -c 3 -i 0.2 -W 1 192.0.2.2 >/dev/null || tl_fail "the router does not answer ping"
"$TL_PY" "$TL_ROOT/scripts/carpctl" -f "$TL_PREFIX" demote lan +7 >/dev/null

port=$((20000 + $$ % 20000))
tl_start "$TL_TMP/exporter.log" "$EXPORTER" --prefix "$TL_PREFIX" --listen "127.0.0.1:$port"
TL_ON_FAIL+=("tail -n 20 '$TL_TMP/exporter.log' >&2")
scrape() { # scrape FILE: GET /metrics
	"$TL_PY" - "$port" "$1" <<'PY'
import sys, time, urllib.request
for _ in range(50):
    try:
        body = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/metrics", timeout=5).read()
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("exporter not answering")
open(sys.argv[2], "wb").write(body)
PY
}
snapshot() { # snapshot FILE: the telemetry the checker compares with
	"$TL_PY" - "$TL_ROOT" "$TL_PREFIX" "$1" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[1] + "/tests/lib")
from telemetry import Telemetry
t = Telemetry(sys.argv[2])
out = {c: t.query(c)[c] for c in ("/router/stats", "/router/lcores", "/carp/stats", "/carp/groups")}
out["carp_info"] = {n: t.query(f"/carp/info,{n}")["/carp/info"] for n in t.query("/carp/list")["/carp/list"]}
out["/ifstated/info"] = t.query("/ifstated/info").get("/ifstated/info")
json.dump(out, open(sys.argv[3], "w"))
PY
}
scrape "$TL_TMP/warm.txt" # first contact, so the compared scrape is one round trip
snapshot "$TL_TMP/before.json"
scrape "$TL_TMP/metrics.txt"
snapshot "$TL_TMP/after.json"

promtool check metrics <"$TL_TMP/metrics.txt" >"$TL_TMP/promtool.log" 2>&1 ||
	{ cat "$TL_TMP/promtool.log"; tl_fail "promtool check metrics refused the exposition"; }
tl_log "promtool check metrics: clean ($(grep -vc '^#' "$TL_TMP/metrics.txt") samples)"
"$TL_PY" tests/metrics/check_metrics.py "$TL_TMP/before.json" "$TL_TMP/metrics.txt" \
	"$TL_TMP/after.json" || tl_fail "exporter values differ from telemetry"
grep -q '^carp_router_carp_state{interface="carp0",state="MASTER",vhid="1"} 1.0$' "$TL_TMP/metrics.txt" ||
	tl_fail "no MASTER sample for carp0 vhid 1"
grep -q '^carp_router_carp_group_demote_source{group="lan",source="operator"} 7.0$' "$TL_TMP/metrics.txt" ||
	tl_fail "operator demotion of group lan not exported"
grep -q '^carp_router_ifstated_state{state="master"} 1.0$' "$TL_TMP/metrics.txt" ||
	tl_fail "ifstated state master not exported"
grep -q '^carp_router_ifstated_test_status{state="backup",test="true"} 0.0$' "$TL_TMP/metrics.txt" ||
	tl_fail "ifstated test status not exported"

tl_stop "$RTR" >/dev/null || true
scrape "$TL_TMP/down.txt"
grep -q '^carp_router_up 0.0$' "$TL_TMP/down.txt" || tl_fail "carp_router_up is not 0 with the router stopped"
tl_log "PASS: exposition valid, values match telemetry, up=0 when the router is gone"
