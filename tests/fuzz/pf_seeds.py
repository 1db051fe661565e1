#!/usr/bin/env python3
"""Seed inputs for fuzz_pf_packet: sequences of [control][length LE16][frame].

Control byte: bits 0-2 interface (lan0 0, srv0 1, wan0 2, pfsync0 3, carp0 4,
carp1 5), bit 3 out (else in), bit 4 bare IP (else Ethernet), bits 5-7 seconds
the clock moves. Frames carry correct checksums so the fuzzer starts from
packets the rules and states accept: a TCP connection through nat-to, UDP,
ICMP echo, an ICMP error, IPv6.
    pf_seeds.py DIR
"""
import socket
import struct
import sys

LAN0, SRV0, WAN0 = 0, 1, 2
OUT = 8


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip(src, dst, proto, l4, ckoff):
    v6 = ":" in src
    fam = socket.AF_INET6 if v6 else socket.AF_INET
    s, d = socket.inet_pton(fam, src), socket.inet_pton(fam, dst)
    l4 = bytearray(l4)
    if ckoff is not None:
        pseudo = s + d + struct.pack("!IxxxB" if v6 else "!xBH", *(
            (len(l4), proto) if v6 else (proto, len(l4))))
        if proto == 1:
            pseudo = b""
        l4[ckoff:ckoff + 2] = b"\0\0"
        l4[ckoff:ckoff + 2] = struct.pack("!H", csum(pseudo + bytes(l4)))
    if v6:
        hdr = struct.pack("!IHBB", 6 << 28, len(l4), proto, 64) + s + d
        eth = 0x86DD
    else:
        hdr = bytearray(struct.pack("!BBHHHBBH", 0x45, 0, 20 + len(l4), 1, 0, 64, proto, 0) + s + d)
        hdr[10:12] = struct.pack("!H", csum(bytes(hdr)))
        hdr = bytes(hdr)
        eth = 0x0800
    return b"\x02\0\0\0\0\x01\x02\0\0\0\0\x02" + struct.pack("!H", eth) + hdr + bytes(l4)


def tcp(src, sport, dst, dport, flags, seq=1000, ack=0, payload=b""):
    l4 = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 8000, 0, 0) + payload
    return ip(src, dst, 6, l4, 16)


def udp(src, sport, dst, dport, payload=b"seed"):
    l4 = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    return ip(src, dst, 17, l4, 6)


def icmp(src, dst, typ, ident, v6=False, payload=b"ping"):
    l4 = struct.pack("!BBHHH", typ, 0, 0, ident, 1) + payload
    return ip(src, dst, 58 if v6 else 1, l4, 2)


def icmp_err(src, dst, quote):
    l4 = struct.pack("!BBHI", 3, 3, 0, 0) + quote[14:]
    return ip(src, dst, 1, l4, 2)


def rec(ctl, frame):
    return bytes([ctl]) + struct.pack("<H", len(frame)) + frame


def seeds():
    c, s, vip = "192.0.2.5", "198.51.100.7", "203.0.113.10"
    syn = tcp(c, 40000, s, 80, 0x02)
    yield "tcp-nat", (rec(LAN0, syn) + rec(WAN0 | OUT, syn) +
                      rec(WAN0 | 0x20, tcp(s, 80, vip, 60003, 0x12, 5000, 1001)) +
                      rec(LAN0 | OUT, tcp(s, 80, c, 40000, 0x12, 5000, 1001)) +
                      rec(LAN0 | 0x20, tcp(c, 40000, s, 80, 0x10, 1001, 5001, b"GET /")))
    dns = udp(c, 5353, s, 53)
    yield "udp", rec(LAN0, dns) + rec(WAN0 | OUT, dns) + rec(WAN0, udp(s, 53, vip, 60001))
    ping = icmp(c, s, 8, 0x1234)
    yield "echo", rec(LAN0, ping) + rec(WAN0 | OUT, ping) + rec(WAN0, icmp(s, vip, 0, 1))
    yield "icmp-error", rec(WAN0 | OUT, dns) + rec(WAN0, icmp_err("203.0.113.1", vip, dns))
    c6, s6 = "2001:db8:1::5", "2001:db8:2::7"
    yield "ipv6", (rec(LAN0, tcp(c6, 40000, s6, 443, 0x02)) +
                   rec(WAN0 | OUT, icmp(c6, s6, 128, 7, True)) +
                   rec(SRV0, udp("198.51.100.9", 9, "198.51.100.1", 9)))
    yield "bare-ip", rec(LAN0 | 0x10, syn[14:]) + rec(3, syn)


def main():
    out = sys.argv[1]
    for name, data in seeds():
        with open("%s/%s" % (out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
