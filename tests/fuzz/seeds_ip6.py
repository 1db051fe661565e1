#!/usr/bin/python3
"""Seed frames for tests/fuzz/fuzz_fwd_ip6 (lib/fwd's IPv6 packet layer).

Built by scapy, independently of lib/fwd: NDP messages of every kind the
parser takes (with options), ICMPv6 echo and errors, and IPv6 packets with
extension header chains (hop-by-hop with router alert/PadN/unknown
options, routing types 0 and 4, fragments first and later, destination
options, AH, ESP, no next header).

usage: seeds_ip6.py DIR    one raw Ethernet frame per file
"""
import os
import sys

from scapy.all import (AH, ESP, UDP, Ether, ICMPv6DestUnreach, ICMPv6EchoRequest,
                       ICMPv6ND_NA, ICMPv6ND_NS, ICMPv6ND_RA, ICMPv6ND_RS,
                       ICMPv6NDOptDstLLAddr, ICMPv6NDOptMTU, ICMPv6NDOptPrefixInfo,
                       ICMPv6NDOptSrcLLAddr, ICMPv6PacketTooBig, IPv6,
                       IPv6ExtHdrDestOpt, IPv6ExtHdrFragment, IPv6ExtHdrHopByHop,
                       IPv6ExtHdrRouting, IPv6ExtHdrSegmentRouting, Pad1, PadN,
                       RouterAlert, HBHOptUnknown, Raw)

H, R, LL = "02:aa:00:00:00:01", "02:00:00:00:00:01", "fe80::aa:ff:fe00:1"


def eth(dst=R):
    return Ether(src=H, dst=dst)


def seeds():
    nd = IPv6(src=LL, dst="ff02::1:ff00:5", hlim=255)
    yield "ns", eth("33:33:ff:00:00:05") / nd / ICMPv6ND_NS(tgt="2001:db8:1::5") / ICMPv6NDOptSrcLLAddr(lladdr=H)
    yield "ns-dad", eth("33:33:ff:00:00:05") / IPv6(src="::", dst="ff02::1:ff00:5", hlim=255) / ICMPv6ND_NS(tgt="2001:db8:1::5")
    yield "na", eth() / IPv6(src=LL, dst="fe80::ff:fe00:1", hlim=255) / ICMPv6ND_NA(R=0, S=1, O=1, tgt=LL) / ICMPv6NDOptDstLLAddr(lladdr=H)
    yield "rs", eth("33:33:00:00:00:02") / IPv6(src=LL, dst="ff02::2", hlim=255) / ICMPv6ND_RS() / ICMPv6NDOptSrcLLAddr(lladdr=H)
    yield "ra", (eth("33:33:00:00:00:01") / IPv6(src=LL, dst="ff02::1", hlim=255) / ICMPv6ND_RA(routerlifetime=1800)
                 / ICMPv6NDOptSrcLLAddr(lladdr=H) / ICMPv6NDOptMTU(mtu=1500)
                 / ICMPv6NDOptPrefixInfo(prefixlen=64, prefix="2001:db8:1::")
                 / ICMPv6NDOptPrefixInfo(prefixlen=48, prefix="2001:db8:2::"))
    ip = IPv6(src="2001:db8:1::10", dst="2001:db8:1::1")
    yield "echo", eth() / ip / ICMPv6EchoRequest(id=1, seq=2, data=b"x" * 24)
    yield "unreach", eth() / ip / ICMPv6DestUnreach(code=3) / IPv6(src="2001:db8:1::1", dst="2001:db8:9::9") / UDP()
    yield "ptb", eth() / ip / ICMPv6PacketTooBig(mtu=1280) / IPv6(src="2001:db8:1::1", dst="2001:db8:9::9") / UDP() / Raw(b"y" * 64)
    tr = IPv6(src="2001:db8:1::10", dst="2001:db8:2::20", hlim=5)
    yield "hbh-ra", eth() / IPv6(src=LL, dst="ff02::16", hlim=1) / IPv6ExtHdrHopByHop(options=[RouterAlert(value=0), PadN(optdata=b"\0\0")]) / Raw(b"\x8f\0\0\0\0\0\0\0")
    yield "hbh-unknown", eth() / tr / IPv6ExtHdrHopByHop(options=[Pad1(), HBHOptUnknown(otype=0x9e, optdata=b"ab")]) / UDP()
    yield "rh0", eth() / tr / IPv6ExtHdrRouting(type=0, segleft=1, addresses=["2001:db8:3::3"]) / UDP()
    yield "srh", eth() / tr / IPv6ExtHdrSegmentRouting(addresses=["2001:db8:3::3", "2001:db8:2::20"], segleft=1) / UDP()
    yield "frag-first", eth() / tr / IPv6ExtHdrFragment(offset=0, m=1, id=7) / UDP() / Raw(b"z" * 32)
    yield "frag-later", eth() / tr / IPv6ExtHdrFragment(offset=185, m=0, id=7, nh=17) / Raw(b"z" * 32)
    yield "dstopt-ah-icmp", eth() / ip / IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0\0\0\0")]) / AH(spi=1, seq=1, icv=b"\0" * 12) / ICMPv6EchoRequest()
    yield "esp", eth() / tr / ESP(spi=1, seq=1, data=b"q" * 16)
    yield "no-next", eth() / IPv6(src="2001:db8:1::10", dst="2001:db8:2::20", nh=59)


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    os.makedirs(argv[1], exist_ok=True)
    for name, p in seeds():
        with open(os.path.join(argv[1], "ip6-" + name), "wb") as f:
            f.write(bytes(p))


if __name__ == "__main__":
    main(sys.argv)
