#!/usr/bin/env bash
# lib/fwd's IPv6 builders and lib/carp's IPv6 advert, judged by tshark.
#   tests/interop/test_tshark6.sh [BUILD_DIR]
# fwd-pkt6-pcap (a small tool on the pure functions, no EAL) writes NS
# (resolution, probe, DAD), NA (solicited, unsolicited), RA, ICMPv6 time
# exceeded / unreachable (4 codes) / packet too big / parameter problem, an
# echo reply and an IPv6 CARP advert into one pcap. tshark must decode all
# of them with no expert info at all (no malformed packet, no bad checksum,
# not even a note), and with each field as built.
#
# How tshark 4.0 decodes CARP over IPv6: the IPv6 dissector hands next
# header 112 to the same "ip.proto" table as IPv4's protocol field, where
# VRRP is registered; so without help the advert is shown as a malformed
# VRRP packet, and `-d ip.proto==112,carp` (the IPv4 recipe) also fixes
# IPv6. Both halves are asserted below.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/interop_lib.sh"
interop_init "${1:-build}" tshark6
command -v tshark >/dev/null || tl_fail "tshark not installed (scripts/setup.sh installs it)"
TOOL=$BUILD_DIR/tests/interop/fwd-pkt6-pcap
[[ -x $TOOL ]] || tl_fail "$TOOL missing: build the tree first (ninja -C $1)"

PCAP=$TMP/pkt6.pcap
"$TOOL" "$PCAP" >"$TMP/frames" 2>"$TMP/tool.err"
expect_rc 0 $? "fwd-pkt6-pcap writes every frame" "$TMP/tool.err"
expect_count "$TMP/frames" '^[0-9]+ ' 15 "15 frames written"

TS=(tshark -n -d ip.proto==112,carp -o udp.check_checksum:TRUE -r "$PCAP")

# Any expert info (error, warning, note) is a finding; none is expected.
"${TS[@]}" -q -z expert,note 2>/dev/null | grep -v '^\s*$' >"$TMP/expert"
if [[ -s $TMP/expert ]]; then interop_fail "tshark expert info on our frames" "$TMP/expert"; else pass "no expert info (malformed, checksum...) on any frame"; fi
"${TS[@]}" -V 2>/dev/null >"$TMP/verbose"
expect_no_grep "$TMP/verbose" 'Malformed|\[incorrect|Bad checksum' "no malformed packet or bad checksum in the full decode"

# fields NAME FRAME WANT FIELD...: the frame's fields, '|'-separated, exactly WANT
fields() {
	local name=$1 n=$2 want=$3 args=() f
	shift 3
	for f in "$@"; do args+=(-e "$f"); done
	"${TS[@]}" -Y "frame.number==$n" -T fields -E separator='|' "${args[@]}" 2>/dev/null >"$TMP/f$n.$name"
	expect_line "$TMP/f$n.$name" "$want" "frame $n $(sed -n "${n}p" "$TMP/frames" | cut -d' ' -f2): $name"
}

L2L3=(eth.dst eth.src ipv6.src ipv6.dst ipv6.hlim icmpv6.type icmpv6.code icmpv6.checksum.status)
PORT=02:00:00:00:00:01 HOST=02:aa:00:00:00:01 VMAC=00:00:5e:00:01:05
VLL=fe80::200:5eff:fe00:105 VIP=2001:db8:1::5

fields "to the solicited-node group, SLLA" 1 \
	"33:33:ff:00:00:05|$PORT|fe80::ff:fe00:1|ff02::1:ff00:5|255|135|0|1|$VIP|1|$PORT" \
	"${L2L3[@]}" icmpv6.nd.ns.target_address icmpv6.opt.type icmpv6.opt.linkaddr
fields "unicast probe" 2 \
	"$HOST|$PORT|fe80::ff:fe00:1|$VIP|255|135|0|1|$VIP|1" \
	"${L2L3[@]}" icmpv6.nd.ns.target_address icmpv6.opt.type
fields "DAD from ::, no option" 3 \
	"33:33:ff:00:00:05|$PORT|::|ff02::1:ff00:5|255|135|0|1|$VIP|" \
	"${L2L3[@]}" icmpv6.nd.ns.target_address icmpv6.opt.type
fields "answer R S O, TLLA = virtual MAC" 4 \
	"$HOST|$VMAC|$VIP|fe80::aa:ff:fe00:1|255|136|0|1|$VIP|1|1|1|2|$VMAC" \
	"${L2L3[@]}" icmpv6.nd.na.target_address icmpv6.nd.na.flag.r icmpv6.nd.na.flag.s \
	icmpv6.nd.na.flag.o icmpv6.opt.type icmpv6.opt.linkaddr
fields "unsolicited to ff02::1, R O, no S" 5 \
	"33:33:00:00:00:01|$VMAC|$VLL|ff02::1|255|136|0|1|$VIP|1|0|1|2|$VMAC" \
	"${L2L3[@]}" icmpv6.nd.na.target_address icmpv6.nd.na.flag.r icmpv6.nd.na.flag.s \
	icmpv6.nd.na.flag.o icmpv6.opt.type icmpv6.opt.linkaddr
fields "RA from the carp link-local: lifetimes, SLLA, MTU, two prefixes" 6 \
	"33:33:00:00:00:01|$VMAC|$VLL|ff02::1|255|134|0|1|64|1800|30000|1000|1,5,3,3|$VMAC|1500|2001:db8:1::,2001:db8:2::|64,48|1,1|1,0|2592000,4294967295|604800,4294967295" \
	"${L2L3[@]}" icmpv6.nd.ra.cur_hop_limit icmpv6.nd.ra.router_lifetime \
	icmpv6.nd.ra.reachable_time icmpv6.nd.ra.retrans_timer icmpv6.opt.type \
	icmpv6.opt.linkaddr icmpv6.opt.mtu icmpv6.opt.prefix icmpv6.opt.prefix.length \
	icmpv6.opt.prefix.flag.l icmpv6.opt.prefix.flag.a icmpv6.opt.prefix.valid_lifetime \
	icmpv6.opt.prefix.preferred_lifetime

# Errors: to the host from 2001:db8:1::1, the whole 148-byte packet quoted
# (the quoted UDP checksum verifies), or 1232 bytes of a 1500-byte one.
# the quoted IPv6 header repeats ipv6.src/dst/hlim/plen: two values each
ERR=(frame.len eth.dst eth.src ipv6.src ipv6.dst ipv6.hlim icmpv6.type icmpv6.code
	icmpv6.checksum.status icmpv6.mtu icmpv6.pointer ipv6.plen udp.checksum.status)
Q="2001:db8:1::1,2001:db8:1::10|2001:db8:1::10,2001:db8:2::20|64,1"
err() { # FRAME NAME TYPE CODE MTU POINTER LEN PLENS UDPSTATUS
	fields "$2" "$1" "$7|$HOST|$PORT|$Q|$3|$4|1|$5|$6|$8|$9" "${ERR[@]}"
}
err 7 "time exceeded, hop limit" 3 0 "" "" 202 148,100 1
err 8 "unreachable, no route (0)" 1 0 "" "" 202 148,100 1
err 9 "unreachable, administratively prohibited (1)" 1 1 "" "" 202 148,100 1
err 10 "unreachable, beyond scope (2)" 1 2 "" "" 202 148,100 1
err 11 "unreachable, address unreachable (3)" 1 3 "" "" 202 148,100 1
err 12 "packet too big, MTU 1280, error of exactly 1280 bytes" 2 0 1280 "" 1294 1240,1460 2
err 13 "parameter problem, pointer 6" 4 1 "" 6 202 148,100 1

fields "echo reply, identifier, sequence, data" 14 \
	"$HOST|$PORT|2001:db8:1::1|2001:db8:1::10|64|129|0|1|0x1234|7|636172702d726f757465722069707636" \
	"${L2L3[@]}" icmpv6.echo.identifier icmpv6.echo.sequence_number data.data

md=$(/usr/bin/python3 "$VECTORS" digest dualstack 5 0102030405060708 192.0.2.5 2001:db8:1::5)
fields "CARP over IPv6: ff02::12, 33:33:00:00:00:12, hop limit 255, digest over v4+v6" 15 \
	"33:33:00:00:00:12|$VMAC|fe80::1|ff02::12|255|2|1|5|10|7|0|1|72623859790382856|$md|1" \
	eth.dst eth.src ipv6.src ipv6.dst ipv6.hlim carp.version carp.type carp.vhid \
	carp.advskew carp.authlen carp.demotion carp.adver_int carp.counter carp.hmac \
	carp.checksum.status
# ... and without the decode-as, tshark calls it VRRP (see the header).
tshark -n -r "$PCAP" -Y frame.number==15 -T fields -e frame.protocols 2>/dev/null >"$TMP/proto15"
expect_line "$TMP/proto15" "eth:ethertype:ipv6:vrrp" "without -d ip.proto==112,carp tshark decodes IPv6 CARP as VRRP"

interop_finish
