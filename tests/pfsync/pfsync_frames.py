#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Independent pfsync v6 encoder for the tests, written from the layouts in
/work/shared/pfsync-spec.md (sections 1.2 and 1.3), not from lib/pfsync.
scapy frames the packets (Ethernet, IPv4) and writes the pcap.

  pfsync_frames.py vectors OUT.pcap      the committed test vectors
  pfsync_frames.py compare A.pcap B.pcap frames of B equal A's, byte for byte
                                         (B: pfsync-emit --reencode A)
  pfsync_frames.py corpus DIR            one file per vector's IP payload
                                         (fuzz seeds)
"""
import hashlib
import hmac
import os
import struct
import sys

from scapy.all import IP, Ether, Raw, rdpcap, wrpcap  # noqa: E402

KEY = bytes(range(32))           # the vectors' HMAC key: 000102...1f
OTHER_KEY = b"\xff" * 32
ME, PEER = 0x0A0B0C0D, 0x01020304
T0 = 1700000000                   # 2023-11-14 22:13:20 UTC
SRC, GROUP = "192.0.2.2", "224.0.0.240"
SRC_MAC, GROUP_MAC = "02:00:00:00:00:02", "01:00:5e:00:00:f0"

# action numbers and message sizes (spec 1.2)
CLR, INS_ACK, UPD_C, UPD_REQ, DEL, DEL_C, BUS, EOF, INS, UPD, TDB = 0, 2, 4, 5, 6, 7, 10, 12, 13, 14, 15
SIZE = {CLR: 20, INS_ACK: 12, UPD_C: 84, UPD_REQ: 12, DEL: 264, DEL_C: 12, BUS: 12, INS: 264,
        UPD: 264, TDB: 52}


def ip4(a):
    return bytes(int(x) for x in a.split("."))


def scrub(flags=0, ttl=0, valid=0, ts_mod=0):
    b = struct.pack("!HBBI", flags, ttl, valid, ts_mod)
    assert len(b) == 8
    return b


def peer(seqlo=0, seqhi=0, seqdiff=0, max_win=0, mss=0, state=0, wscale=0, sc=None):
    # scrub 0:8, seqlo 8, seqhi 12, seqdiff 16, max_win 20, mss 22, state 24, wscale 25, pad 26:6
    b = (sc or scrub()) + struct.pack("!IIIHHBB", seqlo, seqhi, seqdiff, max_win, mss, state,
                                      wscale) + bytes(6)
    assert len(b) == 32
    return b


def key(a0, a1, p0, p1, rdomain=0, af=2):
    # addr[2] 0:32, port[2] 32:4, rdomain 36:2, af 38:1, pad 39
    b = a0.ljust(16, b"\0") + a1.ljust(16, b"\0") + struct.pack("!HHHBB", p0, p1, rdomain, af, 0)
    assert len(b) == 40
    return b


def state(sid, ifname, k0, k1, src, dst, creatorid, proto, direction, timeout, af=2,
          rule=0xFFFFFFFF, creation=0, expire=0, packets=(0, 0), nbytes=(0, 0), flags=0,
          rt=0, rt_addr=b"", rtableid=(0, 0), max_mss=0, log=0, sync_flags=0, min_ttl=0,
          set_tos=0, set_prio=(0, 0)):
    b = struct.pack("!Q", sid) + ifname.encode().ljust(16, b"\0") + k0 + k1 + src + dst
    b += rt_addr.ljust(16, b"\0")
    b += struct.pack("!IIIII", rule, 0xFFFFFFFF, 0xFFFFFFFF, creation, expire)
    for v in packets + nbytes:  # two u64 each as hi/lo big-endian words
        b += struct.pack("!II", v >> 32, v & 0xFFFFFFFF)
    b += struct.pack("!Iii", creatorid, rtableid[0], rtableid[1])
    b += struct.pack("!HBBBBBBBBBBHBB", max_mss, af, proto, direction, log, rt, timeout,
                     sync_flags, 0, min_ttl, set_tos, flags, set_prio[0], set_prio[1])
    assert len(b) == 264
    # spot checks against the spec table's offsets
    assert b[236:240] == struct.pack("!I", creatorid) and b[250] == af and b[255] == timeout
    return b


def ref(i, creatorid):
    return struct.pack("!QI", i, creatorid)


def upd_c(sid, src, dst, creatorid, timeout, expire=0, state_flags=0):
    b = struct.pack("!Q", sid) + src + dst + struct.pack("!IIBBH", creatorid, expire, timeout,
                                                         state_flags, 0)
    assert len(b) == 84
    return b


def bus(creatorid, endtime, status):
    return struct.pack("!IIB3x", creatorid, endtime, status)


def clr(ifname, creatorid):
    return ifname.encode().ljust(16, b"\0") + struct.pack("!I", creatorid)


def tdb(spi, rpl, cur_bytes):
    dst = bytes([16, 2, 0, 0]) + ip4("198.51.100.1") + bytes(20)  # sockaddr_in in 28 bytes
    b = struct.pack("!I", spi) + dst + struct.pack("!QQBBH", rpl, cur_bytes, 50, 0, 0)
    assert len(b) == 52
    return b


def sub(action, msgs, mlen=None, count=None):
    """Subheader (action, len in 32-bit words, count) + messages."""
    body = b"".join(msgs)
    if mlen is None:
        mlen = SIZE.get(action, 0)
    if count is None:
        count = len(msgs)
    return struct.pack("!BBH", action, mlen // 4, count) + body


def frame(*subs, version=6, cksum=b"\0" * 16, hdr_len=None):
    body = b"".join(subs)
    n = 20 + len(body) if hdr_len is None else hdr_len
    return struct.pack("!BBH", version, 0, n) + cksum + body


def sign(pfs, k, counter, src=SRC, dst=GROUP):
    """Counter in pfcksum[0..7], HMAC-SHA256 tag (8 bytes) in [8..15] over
    src || dst || frame with the tag zeroed."""
    unsigned = pfs[:4] + struct.pack("!Q", counter) + bytes(8) + pfs[20:]
    tag = hmac.new(k, ip4(src) + ip4(dst) + unsigned, hashlib.sha256).digest()[:8]
    return pfs[:4] + struct.pack("!Q", counter) + tag + pfs[20:]


def tcp_state(flags=0):
    k_wire = key(ip4("198.51.100.20"), ip4("192.0.2.1"), 443, 50001)
    k_stack = key(ip4("198.51.100.20"), ip4("10.0.0.5"), 443, 1025)
    return state(0x5F00000000000001, "all", k_wire, k_stack,
                 peer(1000000, 1065535, 77, 65535, 1460, 4, 7, scrub(1, 64, 1, 12345)),
                 peer(2000000, 2029200, 0, 29200, 1460, 4, 7), ME, 6, 2, 2, rule=3,
                 creation=100, expire=86300, packets=(12, 10), nbytes=(3400, 9000), flags=flags,
                 max_mss=1400)


def udp6_state():
    a = bytes.fromhex("20010db8000000000000000000000010")
    b = bytes.fromhex("20010db8000100000000000000000053")
    k = key(a, b, 40000, 53, af=24)
    return state(0x5F00000000000002, "em1", k, k, peer(state=2), peer(state=1), ME, 17, 1, 8,
                 af=24, creation=5, expire=55, packets=(1, 0), nbytes=(80, 0), flags=0x0002)


def vectors():
    """(name, IP payload (pfsync), ttl) in capture order."""
    v = []
    v.append(("ins", frame(sub(INS, [tcp_state(0x0010), udp6_state()])), 255))
    v.append(("iack-updc-delc", frame(
        sub(INS_ACK, [ref(0x6100000000000009, PEER)]),
        sub(UPD_C, [upd_c(0x5F00000000000001, peer(1001448, 1065535, 77, 65535, 1460, 4, 7,
                                                      scrub(1, 64, 1, 12345)),
                          peer(2000000, 2029200, 0, 29200, 1460, 4, 7), ME, 2)]),
        sub(DEL_C, [ref(0x5F00000000000007, ME), ref(0x5F00000000000008, ME)])), 255))
    v.append(("bulk-request", frame(sub(UPD_REQ, [ref(0, 0)])), 255))
    v.append(("bulk", frame(sub(BUS, [bus(ME, 1, 1)]), sub(UPD, [tcp_state()]),
                            sub(BUS, [bus(ME, 0, 2)])), 255))
    v.append(("clr-del", frame(sub(CLR, [clr("em0", PEER)]), sub(DEL, [udp6_state()])), 255))
    v.append(("tdb", frame(sub(TDB, [tdb(0x1001, 77, 1 << 20)])), 255))
    signed = sign(frame(sub(DEL_C, [ref(0x5F00000000000009, ME)])), KEY, (T0 * 1000 << 22) | 1)
    v.append(("signed", signed, 255))
    v.append(("replayed", signed, 255))
    v.append(("wrong-key", sign(frame(sub(DEL_C, [ref(0x5F0000000000000A, ME)])), OTHER_KEY,
                                (T0 * 1000 << 22) | 2), 255))
    # skipped: unknown action 20 (2 x 8 bytes), EOF (len 0 count 0), then a DEL_C
    v.append(("skip-unknown-eof", frame(sub(20, [bytes(8), bytes(8)], mlen=8), sub(EOF, []),
                                        sub(DEL_C, [ref(0x5F0000000000000B, ME)])), 255))
    v.append(("badttl", frame(sub(DEL_C, [ref(1, ME)])), 64))
    v.append(("badver", frame(sub(DEL_C, [ref(1, ME)]), version=5), 255))
    v.append(("badlen-header", frame(sub(DEL_C, [ref(1, ME)]), hdr_len=60), 255))
    v.append(("badact", frame(sub(DEL_C, [ref(2, ME)]), sub(30, [], mlen=8, count=0)), 255))
    v.append(("badlen-subheader", frame(sub(DEL_C, [ref(3, ME)], count=2)), 255))
    bad = bytearray(tcp_state())
    bad[255] = 20  # timeout >= PFTM_MAX
    v.append(("badval", frame(sub(INS, [bytes(bad), udp6_state()])), 255))
    return v


def write_vectors(path):
    pkts = []
    for i, (_, pfs, ttl) in enumerate(vectors()):
        p = Ether(src=SRC_MAC, dst=GROUP_MAC) / IP(src=SRC, dst=GROUP, ttl=ttl, tos=0x10,
                                                   flags="DF", id=0x2000 + i, proto=240) / Raw(pfs)
        p.time = T0 + i
        pkts.append(p)
    wrpcap(path, pkts)


def compare(a_path, b_path):
    """Every frame of B (re-encoded by lib/pfsync) equals the frame of A
    with the same IP id, byte for byte. Prints one line per frame."""
    a = {bytes(p)[18:20]: bytes(p) for p in rdpcap(a_path)}
    b = rdpcap(b_path)
    bad = 0
    for p in b:
        raw = bytes(p)
        want = a.get(raw[18:20])
        ok = want is not None and want == raw
        bad += not ok
        print("%s frame id 0x%s %d bytes" % ("same" if ok else "DIFFERENT", raw[18:20].hex(),
                                             len(raw)))
    print("%d frames compared, %d different" % (len(b), bad))
    return 1 if bad or not b else 0


def corpus(d):
    os.makedirs(d, exist_ok=True)
    for i, (name, pfs, ttl) in enumerate(vectors()):
        ip = bytes(IP(src=SRC, dst=GROUP, ttl=ttl, tos=0x10, flags="DF", id=i, proto=240) /
                   Raw(pfs))
        with open(os.path.join(d, "%02d-%s" % (i, name)), "wb") as f:
            f.write(ip)


def main(argv):
    if len(argv) == 3 and argv[1] == "vectors":
        write_vectors(argv[2])
        return 0
    if len(argv) == 4 and argv[1] == "compare":
        return compare(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "corpus":
        corpus(argv[2])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
