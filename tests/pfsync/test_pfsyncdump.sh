#!/usr/bin/env bash
# pfsyncdump on the committed vectors (tests/pfsync/data/pfsync_vectors.pcap,
# written by pfsync_frames.py, an encoder independent of lib/pfsync): the
# exact text for every message type, authentication, replay and each
# malformed frame; and lib/pfsync's encoder rebuilding every clean vector
# byte for byte.
#   tests/pfsync/test_pfsyncdump.sh [BUILD_DIR]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/pfsync_lib.sh"
pfsync_init "${1:-build}" dump

run() { # OUT args...: stdout+stderr to OUT, returns pfsyncdump's rc
	local out=$1
	shift
	"$PFSYNCDUMP" "$@" >"$out" 2>&1
}

# --- the committed pcap is exactly what the script writes --------------------
/usr/bin/python3 "$FRAMES" vectors "$TMP/vectors.pcap" || tl_fail "pfsync_frames.py failed"
if cmp -s "$TMP/vectors.pcap" "$VECTORS_PCAP"; then
	pass "committed pfsync_vectors.pcap matches pfsync_frames.py"
else
	interop_fail "committed pfsync_vectors.pcap differs from pfsync_frames.py's output"
fi

# --- every vector, with the key ----------------------------------------------
run "$TMP/all.out" -r "$VECTORS_PCAP" -k "$VECTOR_KEY"
expect_rc 1 $? "vectors with drops: exit 1" "$TMP/all.out"
cat >"$TMP/want.out" <<'WANT'
22:13:20.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 552 auth=unsigned
    act INS ST count 2
	all tcp 192.0.2.1:50001 -> 198.51.100.20:443 (stack 10.0.0.5:1025 -> 198.51.100.20:443) out ESTABLISHED:ESTABLISHED
	em1 udp [2001:db8::10]:40000 -> [2001:db8:1::53]:53 in MULTIPLE:SINGLE
22:13:21.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 152 auth=unsigned
    act INS ST ACK count 1
	id: 6100000000000009 creatorid: 01020304
    act UPD ST COMP count 1
	id: 5f00000000000001 creatorid: 0a0b0c0d timeout tcp.established
    act DEL ST COMP count 2
	id: 5f00000000000007 creatorid: 0a0b0c0d
	id: 5f00000000000008 creatorid: 0a0b0c0d
22:13:22.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 36 auth=unsigned
    act UPD ST REQ count 1
	id: 0000000000000000 creatorid: 00000000 (bulk update request)
22:13:23.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 320 auth=unsigned
    act BULK UPD STAT count 1
	creatorid: 0a0b0c0d endtime: 1 status: start
    act UPD ST count 1
	all tcp 192.0.2.1:50001 -> 198.51.100.20:443 (stack 10.0.0.5:1025 -> 198.51.100.20:443) out ESTABLISHED:ESTABLISHED
    act BULK UPD STAT count 1
	creatorid: 0a0b0c0d endtime: 0 status: end
22:13:24.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 312 auth=unsigned
    act CLR ST count 1
	creatorid: 01020304 interface: em0
    act DEL ST count 1
	em1 udp [2001:db8::10]:40000 -> [2001:db8:1::53]:53 in MULTIPLE:SINGLE
22:13:25.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 76 auth=unsigned
    act UPD TDB count 1
	spi: 0x00001001 rpl: 77 cur_bytes: 1048576
22:13:26.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 36 auth=ok counter=0x62f3f95a00000001
    act DEL ST COMP count 1
	id: 5f00000000000009 creatorid: 0a0b0c0d
22:13:27.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 36 auth=replay counter=0x62f3f95a00000001
    act DEL ST COMP count 1
	id: 5f00000000000009 creatorid: 0a0b0c0d
22:13:28.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 36 auth=bad
    act DEL ST COMP count 1
	id: 5f0000000000000a creatorid: 0a0b0c0d
22:13:29.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 60 auth=unsigned
    act UNKNOWN id 20 count 2 len 8 (skipped)
    act EOF count 0 len 0 (skipped)
    act DEL ST COMP count 1
	id: 5f0000000000000b creatorid: 0a0b0c0d
22:13:30.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 36 auth=unsigned [badttl: packets with TTL not 255]
    act DEL ST COMP count 1
	id: 0000000000000001 creatorid: 0a0b0c0d
22:13:31.000000 192.0.2.2 > 224.0.0.240: PFSYNCv5 len 36 [badver: packets with pfsync version not 6]
22:13:32.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 60 [badlen: header or subheader length beyond the packet]
22:13:33.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 40 auth=unsigned
    act DEL ST COMP count 1
	id: 0000000000000002 creatorid: 0a0b0c0d
    [badact: unknown action with no length to skip it by]
22:13:34.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 36 auth=unsigned
    [badlen: header or subheader length beyond the packet]
22:13:35.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 552 auth=unsigned
    act INS ST count 2
	all tcp 192.0.2.1:50001 -> 198.51.100.20:443 (stack 10.0.0.5:1025 -> 198.51.100.20:443) out ESTABLISHED:ESTABLISHED [badval]
	em1 udp [2001:db8::10]:40000 -> [2001:db8:1::53]:53 in MULTIPLE:SINGLE
pfsyncdump: 16 frames, 6 with drops, 1 authenticated, 11 unsigned, 1 bad, 1 replayed
WANT
if diff -u "$TMP/want.out" "$TMP/all.out" >"$TMP/all.diff"; then
	pass "every vector decoded, line for line"
else
	interop_fail "decoded text differs" "$TMP/all.diff"
fi

# --- -v / -vv details of the first frame --------------------------------------
run "$TMP/v.out" -r "$VECTORS_PCAP" -c 1 -vv
expect_rc 0 $? "-c 1 -vv: one clean frame" "$TMP/v.out"
while IFS= read -r line; do
	expect_line "$TMP/v.out" "$line" "-vv: ${line:0:70}"
done <<'WANT'
22:13:20.000000 192.0.2.2 > 224.0.0.240: PFSYNCv6 len 552 ttl 255 id 0x2000
	   age 00:01:40, expires in 23:58:20, 12:10 pkts, 3400:9000 bytes, rule 3, timeout tcp.established, flags ack
	   id: 5f00000000000001 creatorid: 0a0b0c0d
	   src ESTABLISHED seq 1000000:1065535 (+77) max_win 65535 mss 1460 wscale 7 scrub ttl 64 ts_mod 12345 timestamp
	   dst ESTABLISHED seq 2000000:2029200 max_win 29200 mss 1460 wscale 7
	   rt 0 rtableid 0:0 max_mss 1400 min_ttl 0 set_tos 0x00 set_prio 0:0 sync_flags 0x00 log 0
	   age 00:00:05, expires in 00:00:55, 1:0 pkts, 80:0 bytes, timeout udp.multiple, flags sloppy
pfsyncdump: 1 frames, 0 with drops
WANT
expect_count "$TMP/v.out" "PFSYNCv6" 1 "-c 1 stops after one frame"

# --- without a key nothing about authentication is printed; exit codes -------
run "$TMP/nokey.out" -r "$VECTORS_PCAP" -c 7
expect_rc 0 $? "first seven vectors are clean without -k" "$TMP/nokey.out"
expect_no_grep "$TMP/nokey.out" "auth=" "no auth= without -k"
run "$TMP/k7.out" -r "$VECTORS_PCAP" -c 7 -k "$VECTOR_KEY"
expect_rc 1 $? "with -k, unsigned frames fail the run" "$TMP/k7.out"
/usr/bin/python3 -c "from scapy.all import wrpcap; wrpcap('$TMP/empty.pcap', [], linktype=1)"
run "$TMP/empty.out" -r "$TMP/empty.pcap"
expect_rc 1 $? "no frame: exit 1" "$TMP/empty.out"
expect_line "$TMP/empty.out" "pfsyncdump: no pfsync frame read" "no frame: message"
run "$TMP/u1.out" -r "$VECTORS_PCAP" -k 0011
expect_rc 2 $? "short key: usage error" "$TMP/u1.out"
expect_line "$TMP/u1.out" "pfsyncdump: -k: a key is 16 to 64 bytes as hex" "short key: message"
run "$TMP/u2.out" -r "$VECTORS_PCAP" -i lo
expect_rc 2 $? "-r and -i: usage error" "$TMP/u2.out"
expect_line "$TMP/u2.out" "pfsyncdump: give exactly one of -r FILE or -i IFNAME" "-r and -i: message"
run "$TMP/u3.out" -r "$TMP/missing.pcap"
expect_rc 1 $? "missing file: exit 1" "$TMP/u3.out"

# --- lib/pfsync's encoder rebuilds the independent encoder's frames ----------
"$PFSYNC_EMIT" -w "$TMP/re.pcap" --reencode "$VECTORS_PCAP" >"$TMP/re.log" 2>&1
expect_rc 0 $? "pfsync-emit --reencode" "$TMP/re.log"
expect_line "$TMP/re.log" "pfsync-emit: 10 frames re-encoded, 6 skipped (not clean pfsync)" \
	"re-encoded the 10 clean vectors"
/usr/bin/python3 "$FRAMES" compare "$VECTORS_PCAP" "$TMP/re.pcap" >"$TMP/cmp.out" 2>&1
expect_rc 0 $? "re-encoded frames equal the originals" "$TMP/cmp.out"
expect_line "$TMP/cmp.out" "10 frames compared, 0 different" "10 frames, byte for byte"

interop_finish
