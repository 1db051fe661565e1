#!/usr/bin/env bash
# One carp-router with a carp section on an af_packet port in a namespace of
# its own, its carpdev's veth peer in a second namespace where the adverts are
# captured. Asserts (contract sections 2, 4-6, issue 4 items 2, 4-9):
#  - BACKUP -> MASTER after the master-down interval (3 x 1 s), reason
#    "master-down timer expired", timed by the hook's own timestamps;
#  - adverts on the wire, authenticated with the passphrase and the VIP;
#  - the MAC filter fallback (af_packet refuses secondary MACs) is logged once
#    and shown in /carp/info;
#  - carpctl demote carp +128: /carp/groups ledger and the demote byte of the
#    next advert; carpctl advskew: the advskew byte; carpctl state backup:
#    forced BACKUP; errors exit 1 with the router's message, usage exits 2;
#  - the hook runs with IFACE VHID OLD NEW;
#  - SIGTERM: a bow-out advert (advbase 255, advskew 255) leaves before exit.
#   sudo tests/carpctl/test_single_carp.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh
. tests/carpctl/single_lib.sh
tl_init csingle
BUILD=$(cd "${1:-build}" && pwd)
tl_binary "$BUILD"
CARPDUMP=$BUILD/tools/carpdump/carpdump
CARPCTL=$TL_ROOT/scripts/carpctl
[[ -x $CARPDUMP ]] || tl_fail "no $CARPDUMP (build first)"
command -v tshark >/dev/null || tl_fail "tshark not installed"
tl_hugepages

PASS=single-pass
VIP=192.0.2.1
tl_netns_add r
tl_netns_add p
tl_veth r lan0 p peer0
ip -n "$(tl_ns r)" link set lan0 arp off

cat >"$TL_TMP/hook.sh" <<EOF
#!/bin/sh
echo "\$(date +%s.%N) \$*" >>"$TL_TMP/hook.out"
echo "hook saw \$*"
EOF
chmod +x "$TL_TMP/hook.sh"
cat >"$TL_TMP/router.cfg" <<EOF
log_level = "info";
polling = "adaptive";
workers = [ 1 ];
control_lcore = 2;
ports = ( { name = "lan0"; device = "net_af_packet0"; addresses = [ "192.0.2.2/24" ]; } );
carp = {
	hook = "$TL_TMP/hook.sh";
	hook_timeout_ms = 2000;
	interfaces = ( { name = "carp0"; carpdev = "lan0"; vhid = 1; advbase = 1; advskew = 0;
	                 pass = "$PASS"; addresses = [ "$VIP/24" ]; } );
};
EOF

# capture everything of protocol 112 the router sends, from before its start
sr_capture

sr_router "$TL_TMP/router.cfg"

info() { # info FIELD...: a value of /carp/info,carp0 (vhid 1 fields first)
	tel /carp/info,carp0 | "$TL_PY" -c '
import json, sys
i = json.load(sys.stdin)["/carp/info"]
v = i["vhids"]["1"]
for k in sys.argv[1:]:
    x = v.get(k, v.get("last_transition", {}).get(k, i.get(k)))
    print(json.dumps(x) if isinstance(x, (list, dict)) else x)' "$@"
}
wait_state() { # wait_state STATE SECS
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		[[ $(info state) == "$1" ]] && return 0
		sleep 0.1
	done
	tl_fail "carp0 vhid 1 not $1 after $2 s (state $(info state), reason '$(info reason)')"
}
ctl() { "$CARPCTL" -f "$TL_PREFIX" "$@"; }
now() { date +%s.%N; }

# 1. election alone: BACKUP, then MASTER when the master-down timer expires
wait_state MASTER 10
[[ $(info reason) == "master-down timer expired" ]] ||
	tl_fail "reason '$(info reason)', expected 'master-down timer expired'"
[[ $(info from) == BACKUP ]] || tl_fail "last transition from '$(info from)', expected BACKUP"
[[ $(info master_addr) == 192.0.2.2 ]] || tl_fail "master_addr '$(info master_addr)'"
for _ in $(seq 30); do grep -q "BACKUP MASTER" "$TL_TMP/hook.out" 2>/dev/null && break; sleep 0.1; done
t_backup=$(awk '$4 == "INIT" && $5 == "BACKUP" {print $1; exit}' "$TL_TMP/hook.out")
t_master=$(awk '$4 == "BACKUP" && $5 == "MASTER" {print $1; exit}' "$TL_TMP/hook.out")
[[ -n $t_backup && -n $t_master ]] || tl_fail "hook did not record INIT->BACKUP->MASTER: $(cat "$TL_TMP/hook.out")"
grep -q "^[0-9.]* carp0 1 INIT BACKUP$" "$TL_TMP/hook.out" || tl_fail "hook arguments: $(cat "$TL_TMP/hook.out")"
# master-down interval = 3 x (advbase + advskew/256) = 3 s; hooks run off the
# control lcore, so allow their scheduling on top of the ~1 ms timer
md=$(awk -v a="$t_backup" -v b="$t_master" 'BEGIN { printf "%.3f", b - a }')
awk -v d="$md" 'BEGIN { exit !(d >= 2.9 && d <= 3.6) }' ||
	tl_fail "BACKUP -> MASTER after ${md}s, expected the 3 s master-down interval"
tl_log "MASTER after the master-down interval (${md}s between the hooks), reason ok"
grep -q "hook $TL_TMP/hook.sh: hook saw carp0 1 BACKUP MASTER" "$TL_TMP/router.log" ||
	tl_fail "hook output not logged"

# 2. MAC filter: af_packet refuses secondary MACs -> promiscuous once
[[ $(info filter) == promiscuous ]] || tl_fail "filter '$(info filter)', expected promiscuous on af_packet"
[[ $(info vmacs_installed) == '["00:00:5e:00:01:01"]' ]] || tl_fail "vmacs_installed $(info vmacs_installed)"
n=$(grep -c "promiscuous mode instead" "$TL_TMP/router.log" || true)
((n == 1)) || tl_fail "promiscuous fallback logged $n times, expected once"

# 3. operator demotion: ledger, and the demote byte of the next advert
out=$(ctl demote carp +128) || tl_fail "carpctl demote: $out"
t_demote=$(now) # applied when carpctl returns: every later advert carries it
tel /carp/groups | grep -q '"carp": {"demote": 128, "ledger": {"boot": 0, "link": 0, "operator": 128, "senderr": 0, "pfsync": 0}}' ||
	tl_fail "/carp/groups after +128: $(tel /carp/groups)"
status=$(ctl status)
grep -q "carp: MASTER vhid 1 advbase 1 advskew 0 demote 128" <<<"$status" || tl_fail "carpctl status: $status"
grep -q "demoted by: operator 128" <<<"$status" || tl_fail "carpctl status: $status"
tl_log "carpctl status:"$'\n'"$status"
sleep 1.5

# 4. advskew
ctl advskew carp0 1 50 || tl_fail "carpctl advskew failed"
t_skew=$(now)
[[ $(info advskew) == 50 ]] || tl_fail "advskew $(info advskew) after carpctl advskew 50"
sleep 1.5

# 5. forced state and errors
# the write and the read in one telemetry session: milliseconds apart, far
# inside the 3.6 s master-down interval that follows the forced BACKUP
out=$(tel /carp/state,carp0,1,backup /carp/info,carp0)
grep -q '"/carp/state": {"result": "ok"}' <<<"$out" || tl_fail "/carp/state: $out"
grep -q '"state": "BACKUP".*"reason": "forced by operator"' <<<"$out" ||
	tl_fail "after /carp/state backup: $out"
ctl state carp0 1 backup || tl_fail "carpctl state backup failed"
err=$(ctl state carp0 9 backup 2>&1) && tl_fail "state on vhid 9 succeeded"
[[ $err == 'carpctl: carp interface "carp0" has no vhid 9' ]] || tl_fail "error text: $err"
rc=0; ctl state carp0 1 sideways 2>/dev/null || rc=$?
((rc == 2)) || tl_fail "usage error exit $rc, expected 2"
wait_state MASTER 8 # alone again: master-down expires
tl_log "forced BACKUP, back to MASTER alone; errors reported"

# 6. SIGTERM: bow-out before exit
t_term=$(now)
tl_stop "$RTR" 10 || tl_fail "router exited with status $? on SIGTERM"
grep -q "bow-out sent" "$TL_TMP/router.log" || tl_fail "no bow-out log line"
sleep 0.5
tl_stop "$CAP" 5 >/dev/null || true

"$CARPDUMP" -r "$TL_TMP/cap.pcap" --pass "$PASS" --addr "$VIP" >"$TL_TMP/carpdump.txt" ||
	tl_fail "carpdump: adverts not all valid: $(tail -5 "$TL_TMP/carpdump.txt")"
tl_log "$(tail -1 "$TL_TMP/carpdump.txt")"
tshark -r "$TL_TMP/cap.pcap" -d ip.proto==112,carp -T fields -e frame.time_epoch \
	-e carp.demotion -e carp.adver_int -e carp.advskew -e eth.src >"$TL_TMP/adv.txt" 2>/dev/null
# epoch demote advbase advskew src
awk -v t="$t_demote" -v s="$t_skew" '$1 > t && $1 < s {found = 1; if ($2 != 128) bad = 1}
	END { exit !(found && !bad) }' "$TL_TMP/adv.txt" ||
	tl_fail "no advert with demote 128 after the demotion: $(cat "$TL_TMP/adv.txt")"
awk -v t="$t_skew" '$1 > t && $4 == 50 {found = 1} END { exit !found }' "$TL_TMP/adv.txt" ||
	tl_fail "no advert with advskew 50 after carpctl advskew"
last=$(tail -1 "$TL_TMP/adv.txt")
read -r t_last demote advbase advskew src <<<"$last"
awk -v a="$t_last" -v b="$t_term" 'BEGIN { exit !(a >= b) }' && [[ $advbase == 255 && $advskew == 255 ]] ||
	tl_fail "last advert is not a bow-out after SIGTERM: $last"
[[ $src == 00:00:5e:00:01:01 ]] || tl_fail "bow-out from $src, expected the virtual MAC"
grep -q "carp0 1 MASTER INIT" "$TL_TMP/hook.out" || tl_fail "no MASTER -> INIT hook at shutdown: $(cat "$TL_TMP/hook.out")"
tl_log "SIGTERM: bow-out advert (advbase 255 advskew 255) from the vMAC before exit"
tl_log "PASS"
