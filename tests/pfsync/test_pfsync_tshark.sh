#!/usr/bin/env bash
# Frames from lib/pfsync's encoder (pfsync-emit's scenario: every message
# type) decoded by tshark: the IPv4 layer by Wireshark's own dissector
# (TTL 255, TOS lowdelay, DF, protocol 240, header checksum good), the
# pfsync layer by tools/pfsyncdump/pfsync.lua, an independent decoder
# written from the spec's layouts (tshark 4.0 has no pfsync dissector:
# `tshark -G protocols` lists none). Every field value is checked, and no
# error or warning is raised on any frame.
#   tests/pfsync/test_pfsync_tshark.sh [BUILD_DIR]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/pfsync_lib.sh"
pfsync_init "${1:-build}" tshark
command -v tshark >/dev/null || tl_fail "tshark not installed (scripts/packages.sh installs it)"

if tshark -G protocols 2>/dev/null | grep -qiw pfsync; then
	pass "note: this tshark has a built-in pfsync dissector; the Lua one overrides proto 240"
fi
TS=(tshark -X "lua_script:$LUA" -o ip.check_checksum:TRUE)

"$PFSYNC_EMIT" -w "$TMP/emit.pcap" >"$TMP/emit.log" 2>&1
expect_rc 0 $? "pfsync-emit wrote the scenario" "$TMP/emit.log"
"$PFSYNC_EMIT" -w "$TMP/signed.pcap" -k "$VECTOR_KEY" >>"$TMP/emit.log" 2>&1
expect_rc 0 $? "pfsync-emit wrote the signed scenario" "$TMP/emit.log"

# --- no malformed frame, no error or warning ---------------------------------
"${TS[@]}" -r "$TMP/emit.pcap" -V >"$TMP/v.txt" 2>"$TMP/v.err"
expect_rc 0 $? "tshark -V read every frame" "$TMP/v.err"
expect_count "$TMP/v.txt" "^OpenBSD pfsync$" 6 "six frames dissected as pfsync"
expect_no_grep "$TMP/v.txt" "Malformed|Expert Info \((Error|Warn)" "no malformed frame, no error/warning"
"${TS[@]}" -r "$TMP/emit.pcap" -q -z expert >"$TMP/expert.txt" 2>&1
expect_no_grep "$TMP/expert.txt" "^(Errors|Warns) " "expert summary: no errors, no warnings"

fields() { # PCAP FIELD... -> one line per frame, '|' between fields
	local pcap=$1
	shift
	local args=() f
	for f in "$@"; do args+=(-e "$f"); done
	"${TS[@]}" -r "$pcap" -T fields -E separator='|' "${args[@]}" 2>/dev/null
}
expect_fields() { # WHAT PCAP "FIELD..." EXPECTED-LINES
	local what=$1 pcap=$2 flist=$3 want=$4
	# shellcheck disable=SC2086
	fields "$pcap" $flist >"$TMP/f.txt"
	printf '%s\n' "$want" >"$TMP/f.want"
	if diff -u "$TMP/f.want" "$TMP/f.txt" >"$TMP/f.diff"; then pass "$what"; else interop_fail "$what" "$TMP/f.diff"; fi
}

expect_fields "IPv4: TTL 255, TOS 0x10, DF, proto 240, checksum good" "$TMP/emit.pcap" \
	"ip.ttl ip.dsfield ip.flags.df ip.flags.mf ip.proto ip.checksum.status ip.dst" \
	"$(for i in 1 2 3 4 5 6; do echo "255|0x10|1|0|240|1|224.0.0.240"; done)"

expect_fields "header and subheaders of each frame" "$TMP/emit.pcap" \
	"pfsync.version pfsync.len pfsync.action pfsync.mlen pfsync.count" \
	"6|552|13|66|2
6|152|2,4,7|3,21,3|1,1,2
6|36|5|3|1
6|36|5|3|1
6|584|10,14,10|3,66,3|1,2,1
6|312|0,6|5,66|1,1"

expect_fields "ids and creator ids" "$TMP/emit.pcap" "pfsync.id pfsync.creatorid" \
	"0x5f00000000000001,0x5f00000000000002|0x0a0b0c0d,0x0a0b0c0d
0x6100000000000009,0x5f00000000000001,0x5f00000000000007,0x5f00000000000008|0x01020304,0x0a0b0c0d,0x0a0b0c0d,0x0a0b0c0d
0x0000000000000000|0x00000000
0x6100000000000001|0x01020304
0x5f00000000000001,0x5f00000000000002|0x0a0b0c0d,0x0a0b0c0d,0x0a0b0c0d,0x0a0b0c0d
0x5f00000000000002|0x01020304,0x0a0b0c0d"

# the full states (INS x2, UPD x2 in the bulk, DEL): keys, peers, counters
expect_fields "states (and CLR's interface em0): interface, keys (NAT'd TCP/IPv4, UDP/IPv6), ports" "$TMP/emit.pcap" \
	"pfsync.ifname pfsync.wire.addr0 pfsync.wire.addr1 pfsync.stack.addr1 pfsync.wire.addr0v6 pfsync.wire.addr1v6 pfsync.wire.port0 pfsync.wire.port1 pfsync.stack.port1 pfsync.af pfsync.proto pfsync.direction" \
	"all,em1|198.51.100.20|192.0.2.1|10.0.0.5|2001:db8::10|2001:db8:1::53|443,40000|50001,53|1025,53|2,24|6,17|2,1
|||||||||||
|||||||||||
|||||||||||
all,em1|198.51.100.20|192.0.2.1|10.0.0.5|2001:db8::10|2001:db8:1::53|443,40000|50001,53|1025,53|2,24|6,17|2,1
em0,em1||||2001:db8::10|2001:db8:1::53|40000|53|53|24|17|1"

expect_fields "peers: sequence windows, scrub, states" "$TMP/emit.pcap" \
	"pfsync.src.seqlo pfsync.src.seqhi pfsync.src.seqdiff pfsync.src.max_win pfsync.src.mss pfsync.src.wscale pfsync.src.state pfsync.src.pfss_ts_mod pfsync.src.pfss_ttl pfsync.dst.seqlo pfsync.dst.max_win pfsync.dst.state" \
	"1000000,0|1065535,0|77,0|65535,0|1460,0|7,0|4,2|12345,0|64,0|2000000,0|29200,0|4,1
1001448|1065535|77|65535|1460|7|4|12345|64|2000000|29200|4
|||||||||||
|||||||||||
1001448,0|1065535,0|77,0|65535,0|1460,0|7,0|4,2|12345,0|64,0|2000000,0|29200,0|4,1
0|0|0|0|0|0|2|0|0|0|0|1"

expect_fields "state fields (UPD_C: expire 0, timeout, flags): rule, age, expiry, counters, timeout, flags, max_mss" "$TMP/emit.pcap" \
	"pfsync.rule pfsync.anchor pfsync.creation pfsync.expire pfsync.packets0 pfsync.packets1 pfsync.bytes0 pfsync.bytes1 pfsync.timeout pfsync.state_flags pfsync.max_mss" \
	"3,4294967295|4294967295,4294967295|100,5|86300,55|12,1|10,0|3400,80|9000,0|2,8|0x0010,0x0002|1400,0
|||0|||||2|0x0000|
||||||||||
||||||||||
3,4294967295|4294967295,4294967295|100,5|86300,55|12,1|10,0|3400,80|9000,0|2,8|0x0000,0x0002|1400,0
4294967295|4294967295|5|55|1|0|80|0|8|0x0002|0"

expect_fields "BUS start (2 states announced) and end; CLR of em0" "$TMP/emit.pcap" \
	"pfsync.endtime pfsync.bus_status" \
	"|
|
|
|
2,0|1,2
|"

# --- signed frames: counter and tag where OpenBSD has pfcksum ----------------
expect_fields "signed: counters 1..6 from the sender's epoch, tag present" "$TMP/signed.pcap" \
	"pfsync.auth.counter" \
	"$(for i in 1 2 3 4 5 6; do printf '0x62f3f95a0000000%d\n' "$i"; done)"
"${TS[@]}" -r "$TMP/signed.pcap" -V >"$TMP/sv.txt" 2>/dev/null
expect_count "$TMP/sv.txt" "Authentication tag \\(HMAC-SHA256/64\\): [0-9a-f]{16}$" 6 "signed: six 8-byte tags"
expect_no_grep "$TMP/sv.txt" "Malformed|Expert Info \\((Error|Warn)" "signed: no malformed frame"
# and pfsyncdump verifies every one with the key
"$PFSYNCDUMP" -r "$TMP/signed.pcap" -k "$VECTOR_KEY" >"$TMP/sd.out" 2>&1
expect_rc 0 $? "pfsyncdump authenticates every signed frame" "$TMP/sd.out"
expect_line "$TMP/sd.out" "pfsyncdump: 6 frames, 0 with drops, 6 authenticated, 0 unsigned, 0 bad, 0 replayed" \
	"pfsyncdump: 6 authenticated"

interop_finish
