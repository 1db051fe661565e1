#!/usr/bin/env bash
# carp-router against a real ucarp (Debian's 1.5.2) on the lab's LAN: the
# router on host A (config/drills/hostA-ucarp.cfg: carp0 vhid 1, one virtual
# address 192.0.2.1, passphrase interop-pass), ucarp on host B (a Linux host)
# with the same vhid, passphrase and address.
#   sudo tests/interop/test_ucarp_router.sh [BUILD_DIR]
# 1. router MASTER (advskew 0), ucarp BACKUP (-k 100): exactly one master,
#    the client reaches the virtual address; SIGKILL the router -> ucarp
#    MASTER, the client reaches the address again (now on B).
# 2. the reverse: ucarp MASTER (-k 0), router BACKUP (advskew 100) hearing
#    192.0.2.3; SIGKILL ucarp -> the router MASTER within its master-down
#    interval ("master-down timer expired").
# 3. wrong passphrase on ucarp: the router counts badauth (/carp/stats), ucarp
#    logs "Bad digest"; both end up MASTER, which is reported, not silent.
# 4. two virtual addresses on our side, ucarp hashing one: the digests cannot
#    agree; both sides count/log it, and carpdump on ucarp's advert names the
#    cause ("the peer hashes a single address (ucarp?)").
# Needs root; exit 77 (skipped) only without hugepages. A router without
# CARP, or whose configuration fails --check, fails.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/interop_lib.sh"
interop_init "${1:-build}" ucarp-router
. "$TL_ROOT/tests/lib/labtest.sh"
LAB_TEST=1 # lab_no_capability (no hugepages) -> exit 77
lab_init "iu$$" "$BUILD_DIR" ""
trap 'rc=$?; lab_down; (exit $rc); tl_cleanup' EXIT

VIP=192.0.2.1 PASS=interop-pass
BASE=$TL_ROOT/config/drills/hostA-ucarp.cfg
command -v ucarp >/dev/null || tl_fail "ucarp not installed (scripts/packages.sh installs it)"
[[ -x $LAB_BIN ]] || tl_fail "no binary $LAB_BIN (build first)"
out=$("$LAB_BIN" -c "$BASE" --check 2>&1) || tl_fail "$BASE fails --check: $out"
tl_hugepages || tl_skip "hugepages unavailable (scripts/hugepages.sh)"

# cfg NAME SED-EXPR...: a variant of the base configuration in the scratch dir.
cfg() {
	local f=$TMP/$1.cfg e
	shift
	cp "$BASE" "$f"
	for e in "$@"; do sed -i "$e" "$f"; done
	"$LAB_BIN" -c "$f" --check >/dev/null 2>&1 || tl_fail "variant $f fails --check: $("$LAB_BIN" -c "$f" --check 2>&1)"
	echo "$f"
}
CFG_MASTER=$(cfg master)
CFG_BACKUP=$(cfg backup 's/advskew = 0;/advskew = 100;/')
CFG_WRONG=$(cfg wrong 's/pass = "interop-pass"/pass = "other-pass"/')
CFG_TWO=$(cfg two 's|addresses = \[ "192.0.2.1/24" \]|addresses = [ "192.0.2.1/24", "192.0.2.4/24" ]|')

# The lab's namespaces; host B is a Linux host for ucarp (ARP on, address).
lab_net_up
ip -n "$(lab_ns hostB)" link set lan0 arp on
lab_nsx hostB ip addr add 192.0.2.3/24 dev lan0
printf '#!/bin/sh\nip addr add "$2"/24 dev "$1"\n' >"$TMP/up.sh"
printf '#!/bin/sh\nip addr del "$2"/24 dev "$1"\n' >"$TMP/down.sh"
chmod +x "$TMP/up.sh" "$TMP/down.sh"
UCARP_N=0

# ucarp_start ADVSKEW [PASS]: ucarp on host B; sets UCARP_PID, UCARP_LOG.
ucarp_start() {
	UCARP_N=$((UCARP_N + 1))
	UCARP_LOG=$TMP/ucarp-$UCARP_N.log
	tl_start "$UCARP_LOG" ip netns exec "$(lab_ns hostB)" ucarp -i lan0 -s 192.0.2.3 -v 1 \
		-p "${2:-$PASS}" -a "$VIP" -u "$TMP/up.sh" -d "$TMP/down.sh" -b 1 -k "$1" -P
	UCARP_PID=$TL_PID
}
ucarp_kill() {
	kill -KILL "$UCARP_PID" 2>/dev/null
	tl_stop "$UCARP_PID" 1 >/dev/null 2>&1
	lab_nsx hostB ip addr del "$VIP/24" dev lan0 2>/dev/null || true # what a dead ucarp leaves
}
ucarp_state() { grep -o "Switching to state: [A-Z]*" "$UCARP_LOG" | tail -n 1 | awk '{print $4}'; }

router_start() { # CONFIG
	lab_router_start hostA "$1"
	lab_router_wait hostA
	local r
	r=$(lab_tel hostA /carp/list)
	[[ $r == *'"carp0"'* ]] || tl_fail "hostA /carp/list lacks carp0 (reply $r)"
}
router_state() { lab_watch get "$(lab_prefix hostA)" carp0 1 "${1:-state}" 2>/dev/null; }
router_stat() {
	lab_tel hostA /carp/stats | "$TL_PY" -c \
		'import json,sys; print(json.load(sys.stdin)["/carp/stats"].get(sys.argv[1], "missing"))' "$1"
}
wait_router() { # STATE SECS
	lab_watch wait --timeout "$2" "$(lab_prefix hostA):carp0:1=$1" >/dev/null
}
# client_reaches_vip: the gateway answers the client within 10 s (the
# client's ARP entry must follow the takeover: GARP, or its own re-probe of
# a stale entry); on failure shows the client's neighbour entry.
client_reaches_vip() {
	local i
	for ((i = 0; i < 10; i++)); do
		lab_nsx client ping -c 1 -W 1 "$VIP" >/dev/null 2>&1 && return 0
	done
	echo "    client's neighbour entry: $(lab_nsx client ip neigh show "$VIP")"
	return 1
}
one_master() { # WHO: exactly one master, held for 3 s
	sleep 3
	local r u
	r=$(router_state) u=$(ucarp_state)
	if [[ $1 == router && $r == MASTER && $u != MASTER ]] || [[ $1 == ucarp && $r == BACKUP && $u == MASTER ]]; then
		pass "exactly one master ($1): carp-router $r, ucarp ${u:-BACKUP/INIT}, held 3 s"
	else
		interop_fail "expected $1 as the only master: carp-router $r, ucarp ${u:-none logged}" "$UCARP_LOG"
	fi
}

echo "--- 1. carp-router MASTER, ucarp BACKUP; then the router crashes"
ucarp_start 100
router_start "$CFG_MASTER"
if wait_router MASTER 10; then pass "carp-router MASTER of vhid 1 (advskew 0 beats ucarp's 100)"; else interop_fail "carp-router not MASTER: $(router_state)"; fi
one_master router
if client_reaches_vip; then pass "client pings $VIP (answered by carp-router)"; else interop_fail "client cannot ping $VIP with carp-router MASTER"; fi
ucarp_ip=$(grep -c "Bad digest" "$UCARP_LOG")
expect_rc 0 "$ucarp_ip" "ucarp logs no \"Bad digest\" for carp-router's adverts"
lab_router_kill hostA
if wait_for_log "$UCARP_LOG" "Switching to state: MASTER" 8; then pass "ucarp MASTER after carp-router was killed"; else interop_fail "ucarp never became MASTER" "$UCARP_LOG"; fi
if client_reaches_vip; then pass "client pings $VIP again (now ucarp's host B)"; else interop_fail "client cannot ping $VIP after the failover to ucarp"; fi
ucarp_kill

echo "--- 2. ucarp MASTER, carp-router BACKUP; then ucarp crashes"
ucarp_start 0
wait_for_log "$UCARP_LOG" "Switching to state: MASTER" 10 || interop_fail "ucarp alone never became MASTER" "$UCARP_LOG"
router_start "$CFG_BACKUP"
if wait_router BACKUP 10; then pass "carp-router BACKUP (advskew 100 loses to ucarp's 0)"; else interop_fail "carp-router not BACKUP: $(router_state)"; fi
one_master ucarp
ma=$(router_state master_addr)
[[ $ma == 192.0.2.3 ]] && pass "carp-router hears ucarp as master (master_addr $ma)" ||
	interop_fail "carp-router master_addr '$ma', expected 192.0.2.3"
badauth0=$(router_stat badauth)
expect_rc 0 "$badauth0" "carp-router authenticates ucarp's adverts (badauth 0)"
if client_reaches_vip; then pass "client pings $VIP (answered by ucarp's host)"; else interop_fail "client cannot ping $VIP with ucarp MASTER"; fi
md=$(lt_master_down 1 100)
t0=$(lt_now)
ucarp_kill
if wait_router MASTER "$(lt_calc "$md + 1.5")"; then
	pass "carp-router MASTER $(lt_calc "$(lt_now) - $t0")s after ucarp was killed (master-down ${md}s)"
else
	interop_fail "carp-router not MASTER $(lt_calc "$md + 1.5")s after ucarp died: $(router_state)"
fi
r=$(router_state reason)
[[ $r == "master-down timer expired" ]] && pass "reason: $r" || interop_fail "reason '$r', expected 'master-down timer expired'"
if client_reaches_vip; then pass "client pings $VIP again (now carp-router)"; else interop_fail "client cannot ping $VIP after the failover to carp-router"; fi
lab_router_stop hostA

echo "--- 3. wrong passphrase on ucarp: rejected and counted on both sides"
router_start "$CFG_WRONG"
ucarp_start 100
# ucarp rejects ours, so it becomes MASTER after 3 x 1.39 s and advertises
wait_for_log "$UCARP_LOG" "Switching to state: MASTER" 8 || interop_fail "ucarp never became MASTER" "$UCARP_LOG"
sleep 3
b=$(router_stat badauth)
[[ $b =~ ^[0-9]+$ ]] && ((b >= 2)) && pass "carp-router counts ucarp's adverts as badauth ($b)" ||
	interop_fail "carp-router badauth '$b' after 3 s of adverts from ucarp MASTER with another passphrase"
expect_grep "$UCARP_LOG" "Bad digest" "ucarp rejects carp-router's adverts (\"Bad digest\")"
sleep 2
echo "    states in this misconfiguration: carp-router $(router_state), ucarp $(ucarp_state) (both MASTER is expected: each rejects the other)"
ucarp_kill
lab_router_stop hostA

echo "--- 4. two virtual addresses on our side, one on ucarp's: detected and explained"
router_start "$CFG_TWO"
ucarp_start 100
wait_for_log "$UCARP_LOG" "Switching to state: MASTER" 8 || interop_fail "ucarp never became MASTER" "$UCARP_LOG"
# both advertise now: check every advert as carp-router's configuration would
lab_nsx client "$CARPDUMP" -i eth0 -t 4 --vhid 1 --pass "$PASS" --addr "$VIP,192.0.2.4" >"$TMP/two.txt" 2>&1
expect_grep "$TMP/two.txt" "192\.0\.2\.3 > 224\.0\.0\.18: CARPv2-advertise .* auth=BAD" "carpdump: ucarp's advert fails against our two-address list"
expect_grep "$TMP/two.txt" "digest matches address 192\.0\.2\.1 alone: the peer hashes a single address \(ucarp\?\) while we hash 2 addresses" \
	"carpdump names the cause (single-address HMAC)"
expect_grep "$TMP/two.txt" "192\.0\.2\.2 > 224\.0\.0\.18: CARPv2-advertise .* auth=ok" "carpdump: carp-router's own advert authenticates with both addresses"
b=$(router_stat badauth)
[[ $b =~ ^[0-9]+$ ]] && ((b >= 2)) && pass "carp-router counts ucarp's adverts as badauth ($b): detected, not silent" ||
	interop_fail "carp-router badauth '$b' with a two-address configuration facing ucarp"
expect_grep "$UCARP_LOG" "Bad digest" "ucarp rejects our two-address digest (\"Bad digest\")"
echo "    states: carp-router $(router_state), ucarp $(ucarp_state): a reported split brain (badauth counter, ucarp log, carpdump diagnosis)"
ucarp_kill
lab_router_stop hostA
interop_finish "$LAB_STATE/hostA.log"
