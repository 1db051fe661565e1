#!/usr/bin/env bash
# Interop with a real ucarp (Debian's 1.5.2) in two network namespaces.
#   tests/interop/test_ucarp.sh [BUILD_DIR]
# (a) ucarp's advertisements, captured live by carpdump in the other
#     namespace, decode and authenticate with lib/carp (right passphrase ->
#     exit 0; wrong passphrase or a second address -> exit 1 with the
#     matching diagnosis);
# (b) ucarp accepts ours: while ucarp is MASTER (advskew 100), carp-emit
#     sends lib/carp-built advertisements (advskew 0). With a wrong
#     passphrase ucarp must log "Bad digest" and stay MASTER; with the right
#     one it must log "Preferred master advertised: going back to BACKUP".
# Needs root. Namespaces h2-ucarp<PID>-a/-b (tests/lib), veth h2ua/h2ub,
# TEST-NET-1 only; the tests/lib EXIT trap stops ucarp and deletes them.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/interop_lib.sh"
interop_init "${1:-build}" ucarp

VIP=192.0.2.254 PASS=ucarppass VHID=10
command -v ucarp >/dev/null || tl_fail "ucarp not installed (scripts/setup.sh installs it)"
tl_netns_add a
tl_netns_add b
tl_veth a h2ua b h2ub
tl_nsx a ip addr add 192.0.2.2/24 dev h2ua
tl_nsx b ip addr add 192.0.2.3/24 dev h2ub

log=$TMP/ucarp.log
# ip netns exec execs ucarp, so the registered PID is ucarp's own
tl_start "$log" ip netns exec "$(tl_ns a)" ucarp -i h2ua -s 192.0.2.2 -v "$VHID" -p "$PASS" -a "$VIP" \
	-u /bin/true -d /bin/true -b 1 -k 100
ucarp_pid=$TL_PID

# --- (a) ucarp's advertisements through our decoder -------------------------
# ucarp becomes MASTER alone after about 3 advertisement intervals; carpdump
# waits for its adverts (bounded by -t).
cd_live() { # OUTFILE carpdump-args...: live capture in the second namespace
	local out=$1
	shift
	tl_nsx b "$CARPDUMP" -i h2ub -t 10 "$@" >"$out" 2>&1
}

cd_live "$TMP/a-right.txt" -c 2 --pass "$PASS" --addr "$VIP"
expect_rc 0 $? "ucarp adverts authenticate with --pass $PASS --addr $VIP" "$TMP/a-right.txt"
expect_grep "$TMP/a-right.txt" "192\.0\.2\.2 > 224\.0\.0\.18: CARPv2-advertise 36: vhid=10 advbase=1 advskew=100 demote=0 counter=0x[0-9a-f]{16} interval=1390ms ttl=255 cksum=ok auth=ok$" \
	"ucarp advert decoded with its fields"
expect_grep "$TMP/a-right.txt" "^[0-9:.]+ 00:00:5e:00:00:0a " "ucarp's advert source MAC 00:00:5e:00:00:<vhid>"
expect_count "$TMP/a-right.txt" "auth=ok" 2 "two adverts read (-c 2)"

# -i any: Linux cooked capture, the MAC comes from the cooked header
cd_live_any() {
	tl_nsx b "$CARPDUMP" -i any -t 10 "$@" >"$TMP/a-any.txt" 2>&1
}
cd_live_any -c 1 --pass "$PASS" --addr "$VIP"
expect_rc 0 $? "ucarp advert authenticates through -i any (cooked capture)" "$TMP/a-any.txt"
expect_grep "$TMP/a-any.txt" "^[0-9:.]+ 00:00:5e:00:00:0a 192\.0\.2\.2 > 224\.0\.0\.18: CARPv2-advertise 36: vhid=10 .* auth=ok$" \
	"cooked capture decoded with the source MAC"

cd_live "$TMP/a-wrong.txt" -c 1 --pass wrongpass --addr "$VIP"
expect_rc 1 $? "ucarp adverts rejected with a wrong passphrase" "$TMP/a-wrong.txt"
expect_grep "$TMP/a-wrong.txt" "auth=BAD" "bad auth reported"
expect_grep "$TMP/a-wrong.txt" "wrong passphrase, or address lists differ" "wrong passphrase diagnosis"

cd_live "$TMP/a-two.txt" -c 1 --pass "$PASS" --addr "$VIP,192.0.2.253"
expect_rc 1 $? "ucarp adverts fail against a two-address list" "$TMP/a-two.txt"
expect_grep "$TMP/a-two.txt" "digest matches address 192\.0\.2\.254 alone: the peer hashes a single address \(ucarp\?\) while we hash 2 addresses" \
	"single-address (ucarp) diagnosis"

# --- (b) ucarp judges our advertisements --------------------------------------
wait_for_log "$log" "Switching to state: MASTER" 10 || interop_fail "ucarp never became MASTER" "$log"
emit() { # PASS COUNT: adverts from lib/carp, advskew 0, one per second
	tl_nsx b "$CARP_EMIT" -i h2ub --vhid "$VHID" --advbase 1 --advskew 0 \
		--pass "$1" --addr "$VIP" --src 192.0.2.3 --count "$2" --interval 1000 >"$TMP/emit.txt" 2>&1
}
emit wrongpass 3
expect_rc 0 $? "carp-emit sent 3 adverts with a wrong passphrase" "$TMP/emit.txt"
expect_grep "$log" "Bad digest" "ucarp rejects a wrong digest (\"Bad digest\")"
# still MASTER: the last state line must be MASTER and no step-down logged
expect_no_grep "$log" "Preferred master advertised" "ucarp stays MASTER on bad digests"
expect_grep <(grep "Switching to state" "$log" | tail -1) "MASTER" "ucarp's last state is MASTER"

emit "$PASS" 3
expect_rc 0 $? "carp-emit sent 3 adverts with the right passphrase" "$TMP/emit.txt"
wait_for_log "$log" "Preferred master advertised: going back to BACKUP state" 3
expect_grep "$log" "Preferred master advertised: going back to BACKUP state" \
	"ucarp steps down before our better advertisement"
expect_grep <(grep "Switching to state" "$log" | tail -1) "BACKUP" "ucarp's last state is BACKUP"

tl_alive "$ucarp_pid" "$log" ucarp
interop_finish "$log"
