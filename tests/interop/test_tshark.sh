#!/usr/bin/env bash
# Advertisements built by lib/carp (through carp-emit) must decode in
# Wireshark's CARP dissector with every field right and the checksum good.
#   tests/interop/test_tshark.sh [BUILD_DIR]
# For several parameter sets (IPv4 multicast, unicast carppeer, bow-out,
# demoted sub-second, IPv6) carp-emit writes a pcap; tshark's field output is
# compared with the parameters, and the HMAC with an independent reference
# (Python's hmac, vectors.py digest). carpdump must authenticate the same
# file (exit 0).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/interop_lib.sh"
interop_init "${1:-build}" tshark
command -v tshark >/dev/null || tl_fail "tshark not installed (scripts/setup.sh installs it)"

FIELDS=(carp.version carp.type carp.vhid carp.advskew carp.authlen carp.demotion
	carp.adver_int carp.counter carp.hmac carp.checksum.status
	eth.src eth.dst ip.src ip.dst ip.ttl ip.dsfield ip.flags.df ipv6.src ipv6.dst ipv6.hlim)

tshark_fields() { # PCAP: one line per frame, fields separated by '|'
	local args=() f
	for f in "${FIELDS[@]}"; do args+=(-e "$f"); done
	tshark -n -d ip.proto==112,carp -r "$1" -T fields -E separator='|' "${args[@]}" 2>/dev/null
}

# check NAME VHID ADVBASE ADVSKEW DEMOTE COUNTER PASS ADDRS SRC DST SRCMAC DSTMAC [carp-emit extra args]
check() {
	local name=$1 vhid=$2 base=$3 skew=$4 demote=$5 counter=$6 pw=$7 addrs=$8
	local src=$9 dst=${10} smac=${11} dmac=${12}
	shift 12
	local pcap=$TMP/$name.pcap
	if ! "$CARP_EMIT" -w "$pcap" --vhid "$vhid" --advbase "$base" --advskew "$skew" \
		--demote "$demote" --counter "$counter" --pass "$pw" --addr "$addrs" \
		--src "$src" --dst "$dst" "$@" >"$TMP/$name.emit" 2>&1; then
		interop_fail "$name: carp-emit failed" "$TMP/$name.emit"
		return
	fi
	local md
	md=$(/usr/bin/python3 "$VECTORS" digest "$pw" "$vhid" "$counter" ${addrs//,/ })
	# IPv4: TOS 0x10, DF, TTL 255 (spec 1.1, 12); IPv6: hop limit 255
	local ipf="$src|$dst|255|0x10|1|||"
	[[ $src == *:* ]] && ipf="|||||$src|$dst|255"
	local want
	want="2|1|$vhid|$skew|7|$demote|$base|$(printf '%u' "0x$counter")|$md|1|$smac|$dmac|$ipf"
	tshark_fields "$pcap" >"$TMP/$name.fields"
	expect_line "$TMP/$name.fields" "$want" "$name: tshark fields (vhid, skew, authlen, demote, advbase, counter, hmac, checksum good, MACs, IP)"
	"$CARPDUMP" -r "$pcap" --pass "$pw" --addr "$addrs" >"$TMP/$name.cd" 2>&1
	expect_rc 0 $? "$name: carpdump authenticates lib/carp's advert" "$TMP/$name.cd"
}

check ipv4-multicast 7 1 100 0 f00dfacecafebabe mekmitasdigoat 198.51.100.20,192.0.2.10 \
	192.0.2.2 224.0.0.18 00:00:5e:00:01:07 01:00:5e:00:00:12
check unicast-peer 9 1 50 0 a5a5a5a5a5a5a5a5 peer 192.0.2.9 \
	192.0.2.1 192.0.2.2 00:00:5e:00:01:09 02:00:00:00:00:02 --dst-mac 02:00:00:00:00:02
check bow-out 3 255 255 0 1122334455667788 pw 192.0.2.50 \
	192.0.2.1 224.0.0.18 00:00:5e:00:01:03 01:00:5e:00:00:12
check demoted-subsecond 255 0 1 32 fedcba9876543210 'a passphrase of 23 byte' 203.0.113.7,192.0.2.77,198.51.100.1 \
	192.0.2.4 224.0.0.18 00:00:5e:00:01:ff 01:00:5e:00:00:12
check ipv6 4 1 20 0 deadbeef00c0ffee v6pass 2001:db8::10,2001:db8::1 \
	fe80::1 ff02::12 00:00:5e:00:01:04 33:33:00:00:00:12
check dual-stack-in-ipv6 12 2 0 0 0000000000000001 dual 192.0.2.12,2001:db8::12 \
	fe80::2 ff02::12 00:00:5e:00:01:0c 33:33:00:00:00:12

# The V2 parameters (spec vector V2) with the vector's IP ID give the
# vector's frame byte for byte.
"$CARP_EMIT" -w "$TMP/v2-emit.pcap" --vhid 7 --advbase 1 --advskew 100 --counter f00dfacecafebabe \
	--pass mekmitasdigoat --addr 198.51.100.20,192.0.2.10 --src 192.0.2.2 --ip-id 0x1234 \
	--time 1700000001 >"$TMP/v2.emit" 2>&1
/usr/bin/python3 "$VECTORS" pcap "$TMP/v2-vec.pcap" V2-two-vips
if cmp -s "$TMP/v2-emit.pcap" "$TMP/v2-vec.pcap"; then
	pass "carp-emit with vector V2's inputs writes V2's frame byte for byte"
else
	interop_fail "carp-emit V2 frame differs from the spec vector"
	od -Ax -tx1 "$TMP/v2-emit.pcap" | head -8
fi

interop_finish
