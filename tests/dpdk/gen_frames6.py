#!/usr/bin/python3
"""Craft the IPv6 input frames of test_forwarding6.sh and what the router
must do with each of them (same EXPECT.json format as gen_frames.py, read
by drain.py and check_frames.py).

    gen_frames6.py IN.pcap EXPECT.json

The router (forwarding6.cfg): port 0 "lan" 2001:db8:1::1/64 + fe80::1,
port 1 "wan" 2001:db8:2::1/64 + its EUI-64 link-local; every frame enters
on port 0. Every frame the router sends is predicted byte for byte by
scapy (its own checksums, its own encoders), so they are all "exact".
"""
import json
import sys

import logging

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (ICMPv6DestUnreach, ICMPv6EchoReply, ICMPv6EchoRequest,  # noqa: E402
                       ICMPv6ND_NA, ICMPv6ND_NS, ICMPv6ND_RS, ICMPv6NDOptDstLLAddr,
                       ICMPv6NDOptSrcLLAddr, ICMPv6PacketTooBig, ICMPv6ParamProblem,
                       ICMPv6TimeExceeded, IPv6, IPv6ExtHdrFragment, IPv6ExtHdrHopByHop,
                       IPv6ExtHdrRouting, TCP, UDP, Ether, HBHOptUnknown, PadN, Padding, Raw,
                       wrpcap)

ROUTER_MAC = ["02:70:63:61:70:00", "02:70:63:61:70:01"]
LAN_IP, LAN_LL = "2001:db8:1::1", "fe80::1"
WAN_IP = "2001:db8:2::1"
HOST_MAC, HOST_IP, HOST_LL = "02:00:00:00:00:10", "2001:db8:1::10", "fe80::10"
GW_LAN_MAC = "02:00:00:00:00:02"   # fe80::2 on lan: next hop of 2001:db8:20:1::/64
GW_WAN_MAC = "02:00:00:00:01:02"   # 2001:db8:2::2: next hop of 2001:db8:20::/48
SERVER_MAC, SERVER_IP = "02:00:00:00:01:09", "2001:db8:2::9"
ALL_NODES_MAC = "33:33:00:00:00:01"

frames, expect, drops, events = [], [], {}, {}


def event(name, n=1):
    events[name] = events.get(name, 0) + n


def out(frame, port, what):
    expect.append({"what": what, "port": port, "match": "exact",
                   "frame": bytes(frame).hex()})


def send(l3, dst_mac=ROUTER_MAC[0], src_mac=HOST_MAC):
    f = Ether(bytes(Ether(src=src_mac, dst=dst_mac, type=0x86DD) / l3))
    frames.append(f)
    return f


def dropped(reason, l3, **kw):
    drops[reason] = drops.get(reason, 0) + 1
    return send(l3, **kw)


def udp(n=18):
    return UDP(sport=4000, dport=5000) / Raw(b"x" * n)


def transit(l3, port, mac, what, pad=b""):
    f = send(l3 / Padding(pad) if pad else l3)
    o = Ether(src=ROUTER_MAC[port], dst=mac) / IPv6(bytes(f[IPv6])[:40 + f[IPv6].plen])
    o[IPv6].hlim -= 1
    out(o, port, what)
    event("forwarded6")


def icmp6_error(reason, l3, err, what, src=LAN_IP, dst=HOST_IP, eth_dst=HOST_MAC, quote=None):
    f = dropped(reason, l3)
    orig = bytes(f[IPv6])[:40 + f[IPv6].plen]
    o = Ether(src=ROUTER_MAC[0], dst=eth_dst) / IPv6(src=src, dst=dst, hlim=64) / err / \
        Raw(orig[:quote or 1232])
    out(o, 0, what)
    event({1: "icmp6_unreachable_sent", 2: "icmp6_too_big_sent", 3: "icmp6_time_exceeded_sent",
           4: "icmp6_param_problem_sent"}[err.type])


def build_transit():
    for i, l4 in enumerate((udp(), TCP(sport=1000, dport=80, flags="S"),
                            ICMPv6EchoRequest(id=7, seq=5, data=b"ping"))):
        transit(IPv6(src=HOST_IP, dst="2001:db8:20::5", hlim=64 - i) / l4, 1, GW_WAN_MAC,
                f"2001:db8:20::/48 via 2001:db8:2::2 ({l4.name})")
    transit(IPv6(src=HOST_IP, dst="2001:db8:20:1::5") / udp(), 0, GW_LAN_MAC,
            "longest prefix /64 via link-local fe80::2 back out of lan")
    transit(IPv6(src=HOST_IP, dst=SERVER_IP, tc=0x28, fl=0x12345) / udp(), 1, SERVER_MAC,
            "connected 2001:db8:2::/64, traffic class and flow label kept")
    transit(IPv6(src=HOST_IP, dst=SERVER_IP) / UDP(sport=1, dport=2), 1, SERVER_MAC,
            "Ethernet padding not forwarded", pad=b"\0" * 8)
    transit(IPv6(src=HOST_IP, dst=SERVER_IP) / IPv6ExtHdrHopByHop(options=[PadN(optdata=b"\0" * 4)])
            / udp(), 1, SERVER_MAC, "hop-by-hop PadN: forwarded")
    transit(IPv6(src=HOST_IP, dst=SERVER_IP) / IPv6ExtHdrFragment(offset=100, id=9, nh=17)
            / Raw(b"f" * 24), 1, SERVER_MAC, "non-first fragment: forwarded as transit")
    transit(IPv6(src=HOST_IP, dst=SERVER_IP, hlim=2) / udp(), 1, SERVER_MAC, "hop limit 2 -> 1")


def build_errors():
    for hl in (1, 0):
        icmp6_error("ip6_hop_limit_exceeded", IPv6(src=HOST_IP, dst=SERVER_IP, hlim=hl) / udp(),
                    ICMPv6TimeExceeded(code=0), f"time exceeded (hop limit {hl})")
    icmp6_error("ip6_no_route", IPv6(src=HOST_IP, dst="2001:db8:99::1") / udp(),
                ICMPv6DestUnreach(code=0), "unreachable: no route")
    big = IPv6(src=HOST_IP, dst=SERVER_IP) / UDP(sport=1, dport=2) / Raw(b"b" * (1501 - 48))
    icmp6_error("ip6_too_big", big, ICMPv6PacketTooBig(mtu=1500),
                "packet too big, MTU 1500, error of 1280 bytes")
    icmp6_error("ip6_link_local_transit", IPv6(src=HOST_LL, dst="2001:db8:20::5") / udp(),
                ICMPv6DestUnreach(code=2), "unreachable: beyond scope of a link-local source",
                src=LAN_LL, dst=HOST_LL)
    icmp6_error("ip6_rh0", IPv6(src=HOST_IP, dst=SERVER_IP) /
                IPv6ExtHdrRouting(type=0, segleft=1, addresses=["2001:db8:2::7"]) / udp(),
                ICMPv6ParamProblem(code=0, ptr=42), "parameter problem: routing header type 0")
    icmp6_error("ip6_option_unknown", IPv6(src=HOST_IP, dst=SERVER_IP) /
                IPv6ExtHdrHopByHop(options=[HBHOptUnknown(otype=0x88, optdata=b"\0\0\0\0")]) / udp(),
                ICMPv6ParamProblem(code=2, ptr=42), "parameter problem: unknown option 10xxxxxx")


def build_drops():
    d = dropped
    d("ip6_link_local_transit", IPv6(src=HOST_IP, dst="fe80::99") / udp())
    d("ip6_multicast", IPv6(src=HOST_IP, dst="ff0e::1") / udp(), dst_mac="33:33:00:00:00:01")
    d("ip6_multicast", IPv6(src=HOST_IP, dst="ff02::1:ff00:77") / udp(), dst_mac="33:33:ff:00:00:77")
    d("ip6_multicast_source", IPv6(src="ff02::1", dst=SERVER_IP) / udp())
    d("ip6_loopback", IPv6(src=HOST_IP, dst="::1") / udp())
    d("ip6_v4mapped", IPv6(src="::ffff:192.0.2.10", dst=SERVER_IP) / udp())
    d("ip6_unspecified_destination", IPv6(src=HOST_IP, dst="::") / udp())
    d("ip6_unspecified_source", IPv6(src="::", dst=SERVER_IP) / udp())
    d("l2_group_transit", IPv6(src=HOST_IP, dst=SERVER_IP) / udp(), dst_mac="ff:ff:ff:ff:ff:ff")
    good = bytes(IPv6(src=HOST_IP, dst=SERVER_IP) / udp())
    d("ip6_truncated", Raw(good[:39]))
    d("ip6_truncated", Raw(good[:4] + b"\x01\x00" + good[6:]))      # payload length 256 > frame
    d("ip6_bad_version", Raw(b"\x40" + good[1:]))
    d("ip6_option_unknown", IPv6(src=HOST_IP, dst=SERVER_IP) /   # 01xxxxxx: silently
      IPv6ExtHdrHopByHop(options=[HBHOptUnknown(otype=0x48, optdata=b"\0\0\0\0")]) / udp())
    d("dst_mac_not_ours", IPv6(src=HOST_IP, dst=SERVER_IP) / udp(), dst_mac="02:00:00:00:00:99")
    # the connected route to 2001:db8:30::/64 has no neighbour: NS, then suppressed
    ns = (Ether(src=ROUTER_MAC[1], dst="33:33:ff:00:00:05") /
          IPv6(src=WAN_IP, dst="ff02::1:ff00:5", hlim=255) / ICMPv6ND_NS(tgt="2001:db8:30::5") /
          ICMPv6NDOptSrcLLAddr(lladdr=ROUTER_MAC[1]))
    out(ns, 1, "NS to the solicited-node group of an unresolved next hop")
    for i in range(2):
        d("ip6_neighbour_unresolved", IPv6(src=HOST_IP, dst="2001:db8:30::5") / udp(i + 1))
    event("ndp_ns_sent")
    event("ndp_ns_suppressed")


def echo(src, dst, reply_src, what, dst_mac=ROUTER_MAC[0], seq=1):
    send(IPv6(src=src, dst=dst, hlim=33) / ICMPv6EchoRequest(id=0x4242, seq=seq, data=b"abcdefgh"),
         dst_mac=dst_mac)
    out(Ether(src=ROUTER_MAC[0], dst=HOST_MAC) / IPv6(src=reply_src, dst=src, hlim=64) /
        ICMPv6EchoReply(id=0x4242, seq=seq, data=b"abcdefgh"), 0, what)
    event("icmp6_echo_replies_sent")


def na(src, dst, tgt, eth_dst, what, S=1):
    out(Ether(src=ROUTER_MAC[0], dst=eth_dst) / IPv6(src=src, dst=dst, hlim=255) /
        ICMPv6ND_NA(R=1, S=S, O=1, tgt=tgt) / ICMPv6NDOptDstLLAddr(lladdr=ROUTER_MAC[0]), 0, what)
    event("ndp_na_sent")


def build_local():
    echo(HOST_IP, LAN_IP, LAN_IP, "echo reply from 2001:db8:1::1", seq=1)
    echo(HOST_LL, LAN_LL, LAN_LL, "echo reply from the link-local fe80::1", seq=2)
    echo(HOST_IP, WAN_IP, WAN_IP, "echo reply from wan's address, out of lan", seq=3)
    echo(HOST_LL, "ff02::1", LAN_LL, "echo to ff02::1 answered from fe80::1", ALL_NODES_MAC, 4)
    new_mac, new_ip = "02:00:00:00:00:11", "2001:db8:1::11"
    send(IPv6(src=new_ip, dst="ff02::1:ff00:1", hlim=255) / ICMPv6ND_NS(tgt=LAN_IP) /
         ICMPv6NDOptSrcLLAddr(lladdr=new_mac), dst_mac="33:33:ff:00:00:01", src_mac=new_mac)
    na(LAN_IP, new_ip, LAN_IP, new_mac, "NA to a new host's NS (solicited, router, override)")
    event("neigh6_learn_queued")
    send(IPv6(src=HOST_LL, dst="ff02::1:ff00:1", hlim=255) / ICMPv6ND_NS(tgt=LAN_LL) /
         ICMPv6NDOptSrcLLAddr(lladdr=HOST_MAC), dst_mac="33:33:ff:00:00:01")
    na(LAN_LL, HOST_LL, LAN_LL, HOST_MAC, "NA for the link-local (static neighbour: not learned)")
    send(IPv6(src="::", dst="ff02::1:ff00:1", hlim=255) / ICMPv6ND_NS(tgt=LAN_IP),
         dst_mac="33:33:ff:00:00:01")
    na(LAN_IP, "ff02::1", LAN_IP, ALL_NODES_MAC, "DAD NS from :: answered to ff02::1", S=0)
    send(IPv6(src="2001:db8:1::12", dst=LAN_IP, hlim=255) / ICMPv6ND_NA(S=1, tgt="2001:db8:1::12") /
         ICMPv6NDOptDstLLAddr(lladdr="02:00:00:00:00:12"))
    event("neigh6_learn_queued")
    event("ndp_na_consumed")
    d = dropped
    d("ndp_bad_hop_limit", IPv6(src=HOST_IP, dst=LAN_IP, hlim=64) / ICMPv6ND_NS(tgt=LAN_IP))
    d("ndp_not_for_us", IPv6(src=HOST_IP, dst=LAN_IP, hlim=255) / ICMPv6ND_NS(tgt="2001:db8:1::77"))
    d("ndp_ignored", IPv6(src=HOST_LL, dst="ff02::2", hlim=255) / ICMPv6ND_RS(),
      dst_mac="33:33:00:00:00:02")
    d("icmp6_bad_checksum", IPv6(src=HOST_IP, dst=LAN_IP, hlim=255) / ICMPv6ND_NS(tgt=LAN_IP, cksum=1))
    d("ip6_local_unsupported", IPv6(src=HOST_IP, dst=LAN_IP) / udp())
    d("ip6_local_fragment", IPv6(src=HOST_IP, dst=LAN_IP) / IPv6ExtHdrFragment(m=1, nh=58)
      / ICMPv6EchoRequest())
    d("ip6_unspecified_source", IPv6(src="::", dst=LAN_IP) / ICMPv6EchoRequest())


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    build_transit()
    build_errors()
    build_drops()
    build_local()
    for i, f in enumerate(frames):
        f.time = 1700000000 + i / 1000
    wrpcap(sys.argv[1], frames, linktype=1)
    with open(sys.argv[2], "w") as f:
        json.dump({"frames_in": len(frames), "port_macs": ROUTER_MAC,
                   "expect": expect, "drops": drops, "events": events}, f, indent=1)
    print(f"gen_frames6: {len(frames)} frames in, {len(expect)} expected out, "
          f"{sum(drops.values())} to drop")


if __name__ == "__main__":
    main()
