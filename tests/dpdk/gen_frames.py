#!/usr/bin/python3
"""Craft the input frames of test_forwarding.sh and what the router must do
with each of them.

    gen_frames.py IN.pcap EXPECT.json

The router (see forwarding.cfg) has port 0 "lan" 192.0.2.1/24 and port 1
"wan" 198.51.100.1/24 on net_pcap vdevs; every frame enters on port 0.
EXPECT.json lists each frame the router must send (port, how strictly to
match, the bytes), how many frames each drop reason must count and how often
each fast-path event must happen (names from lib/fwd/fwd_counters.h).
"""
import json
import sys

import logging

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)  # mixed linktype note for the runt
from scapy.all import ARP, ICMP, IP, TCP, UDP, Ether, Raw, wrpcap

# net_pcap vdevs take 02:70:63:61:70:NN, NN counting pcap vdevs in creation
# order; test_forwarding.sh checks this against /ethdev/info before trusting it.
ROUTER_MAC = ["02:70:63:61:70:00", "02:70:63:61:70:01"]
ROUTER_IP = ["192.0.2.1", "198.51.100.1"]
HOST_MAC, HOST_IP = "02:00:00:00:00:10", "192.0.2.10"   # the sender, on lan
GW_LAN_MAC = "02:00:00:00:00:02"     # 192.0.2.2: next hop of 203.0.113.16/28
GW_WAN_MAC = "02:00:00:00:01:02"     # 198.51.100.2: next hop of 203.0.113.0/25
SERVER_MAC = "02:00:00:00:01:09"     # 198.51.100.9: directly connected on wan
OTHER_MAC = "02:00:00:00:00:99"      # some other host on lan, not the router

frames = []   # input, all on port 0
expect = []   # output frames
drops = {}    # drop reason -> frames the router must count under it
events = {}   # fast-path event (FWD_EVENTS name) -> how often it must happen


def event(name):
    events[name] = events.get(name, 0) + 1


def to_router(l3, dst_mac=ROUTER_MAC[0]):
    return Ether(src=HOST_MAC, dst=dst_mac) / l3


def forwarded(frame, port, next_hop_mac, what):
    """The frame as the router must send it: new MACs, TTL - 1, checksum."""
    out = frame.copy()
    out[Ether].src = ROUTER_MAC[port]
    out[Ether].dst = next_hop_mac
    out[IP].ttl -= 1
    del out[IP].chksum
    event("forwarded")
    expect.append({"what": what, "port": port, "match": "exact",
                   "frame": bytes(Ether(bytes(out))).hex()})


def transit(dst, port, next_hop_mac, what, l4=None, **ip):
    f = to_router(IP(src=HOST_IP, dst=dst, **ip) / (l4 or UDP(sport=4000, dport=5000) / Raw(b"x" * 18)))
    f = Ether(bytes(f))
    frames.append(f)
    forwarded(f, port, next_hop_mac, what)


def icmp_error(frame, icmp_type, code, reason, what):
    dropped(reason, frame)
    event("icmp_time_exceeded_sent" if icmp_type == 11 else "icmp_unreachable_sent")
    expect.append({"what": what, "port": 0, "match": "icmp_error",
                   "eth_dst": HOST_MAC, "eth_src": ROUTER_MAC[0],
                   "ip_src": ROUTER_IP[0], "ip_dst": HOST_IP,
                   "type": icmp_type, "code": code,
                   "orig": bytes(frame[IP]).hex()})


def dropped(reason, frame):
    frames.append(frame)
    drops[reason] = drops.get(reason, 0) + 1


def checksum_edge_id():
    """An IP id for which the forwarded header's checksum is 0x0000: the case
    where a wrong incremental update (RFC 1141) gives 0xffff (RFC 1624 s.3)."""
    # With id 0 the checksum is ~S; putting S's complement in the id makes
    # the one's complement sum 0xffff, so the checksum becomes 0.
    hdr = IP(src=HOST_IP, dst="203.0.113.7", ttl=63, id=0) / UDP(sport=1, dport=2)
    ident = IP(bytes(hdr)).chksum
    assert IP(bytes(IP(src=HOST_IP, dst="203.0.113.7", ttl=63, id=ident) / UDP(sport=1, dport=2))).chksum == 0
    return ident


def build():
    # Longest prefix: /25 via wan, the /28 inside it back out of lan.
    transit("203.0.113.5", 1, GW_WAN_MAC, "udp to 203.0.113.0/25 -> wan gw")
    transit("203.0.113.20", 0, GW_LAN_MAC, "udp to 203.0.113.16/28 -> lan gw")
    transit("203.0.113.31", 0, GW_LAN_MAC, "last address of the /28 -> lan gw")
    transit("203.0.113.32", 1, GW_WAN_MAC, "first address after the /28 -> wan gw")
    transit("198.51.100.9", 1, SERVER_MAC, "tcp to connected wan host",
            l4=TCP(sport=40000, dport=80, flags="S", seq=1000))
    transit("198.51.100.9", 1, SERVER_MAC, "icmp echo transit with ttl 2",
            l4=ICMP(id=7, seq=3) / Raw(b"ping" * 8), ttl=2)
    transit("203.0.113.7", 1, GW_WAN_MAC, "checksum becomes 0x0000 after ttl-1",
            l4=UDP(sport=1, dport=2), ttl=64, id=checksum_edge_id())
    transit("203.0.113.5", 1, GW_WAN_MAC, "ttl 255, df, tos, 1000-byte payload",
            l4=UDP(sport=4001, dport=5001) / Raw(bytes(range(250)) * 4), ttl=255, flags="DF", tos=0xb8)

    # ARP request for the router's address -> reply.
    frames.append(Ether(src=HOST_MAC, dst="ff:ff:ff:ff:ff:ff") /
                  ARP(op=1, hwsrc=HOST_MAC, psrc=HOST_IP, hwdst="00:00:00:00:00:00", pdst=ROUTER_IP[0]))
    reply = Ether(src=ROUTER_MAC[0], dst=HOST_MAC) / ARP(
        op=2, hwsrc=ROUTER_MAC[0], psrc=ROUTER_IP[0], hwdst=HOST_MAC, pdst=HOST_IP)
    event("arp_replies_sent")
    expect.append({"what": "arp reply for 192.0.2.1", "port": 0, "match": "exact",
                   "frame": bytes(reply).hex()})

    # ICMP echo to the router -> echo reply with the same id, seq, payload.
    payload = bytes(range(48))
    frames.append(to_router(IP(src=HOST_IP, dst=ROUTER_IP[0], id=0x1234) /
                            ICMP(type=8, id=0x4242, seq=1) / Raw(payload)))
    event("icmp_echo_replies_sent")
    expect.append({"what": "icmp echo reply from 192.0.2.1", "port": 0, "match": "echo_reply",
                   "eth_dst": HOST_MAC, "eth_src": ROUTER_MAC[0],
                   "ip_src": ROUTER_IP[0], "ip_dst": HOST_IP,
                   "icmp": bytes(ICMP(type=0, id=0x4242, seq=1) / Raw(payload)).hex()})

    # TTL 1 -> time exceeded (11/0); no route -> net unreachable (3/0).
    icmp_error(Ether(bytes(to_router(IP(src=HOST_IP, dst="203.0.113.5", ttl=1) /
                                     UDP(sport=4002, dport=5002) / Raw(b"t" * 20)))),
               11, 0, "ttl_exceeded", "time exceeded for ttl 1")
    icmp_error(Ether(bytes(to_router(IP(src=HOST_IP, dst="203.0.113.200") /
                                     UDP(sport=4003, dport=5003) / Raw(b"u" * 20)))),
               3, 0, "no_route", "net unreachable for 203.0.113.200 (no route)")

    # Malformed: a different count per reason (names of lib/fwd's
    # FWD_DROP_REASONS), so a frame counted under the wrong reason shows. Each is otherwise valid (checksum right unless that
    # is the fault) so that only one check can reject it.
    good = bytes(IP(src=HOST_IP, dst="203.0.113.5") / UDP(sport=4004, dport=5004) / Raw(b"m" * 26))

    def ip_with(ihl=None, tot_len=None, chksum=None, ident=0):
        hdr = IP(src=HOST_IP, dst="203.0.113.5", id=ident, ihl=ihl, len=tot_len, chksum=chksum)
        return bytes(hdr / UDP(sport=4004, dport=5004) / Raw(b"m" * 26))

    raw_eth = bytes(Ether(src=HOST_MAC, dst=ROUTER_MAC[0], type=0x0800))
    dropped("runt", Raw(raw_eth[:10]))                                    # not even an Ethernet header
    for cut in (12, 19):
        dropped("truncated", Ether(raw_eth + good[:cut]))              # IPv4 header cut short
    for i, ihl in enumerate((4, 3, 0)):
        dropped("bad_ihl", Ether(raw_eth + ip_with(ihl=ihl, ident=i)))
    for i, tot_len in enumerate((len(good) + 1, 400, 19, 0)):          # > frame, >> frame, < header
        dropped("bad_total_length", Ether(raw_eth + ip_with(tot_len=tot_len, ident=i)))
    for i in range(5):
        ok = IP(ip_with(ident=10 + i)).chksum
        dropped("bad_checksum", Ether(raw_eth + ip_with(chksum=(ok + 1 + i) & 0xffff, ident=10 + i)))
    for ethertype in (0x86DD, 0x86DD, 0x86DD, 0x88B5, 0x88B5, 0x88CC):  # IPv6 (later), local exp., LLDP
        dropped("not_ipv4_ethertype", Ether(src=HOST_MAC, dst=ROUTER_MAC[0], type=ethertype) / Raw(good))
    for i in range(7):  # unicast to another host: raw ports see it, the router must not route it
        dropped("dst_mac_not_ours", Ether(bytes(to_router(IP(src=HOST_IP, dst="203.0.113.5", id=i) /
                                                           UDP() / Raw(b"n" * 18), dst_mac=OTHER_MAC))))


def write(pcap, expect_json, who="gen_frames"):
    """Writes the frames built so far and what the router must do with them."""
    for i, f in enumerate(frames):
        f.time = 1700000000 + i / 1000  # fixed times: the same pcap every run
    wrpcap(pcap, frames, linktype=1)  # DLT_EN10MB, also for the runt
    with open(expect_json, "w") as f:
        json.dump({"frames_in": len(frames), "port_macs": ROUTER_MAC,
                   "expect": expect, "drops": drops, "events": events}, f, indent=1)
    print(f"{who}: {len(frames)} frames in, {len(expect)} expected out, "
          f"{sum(drops.values())} to drop")


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    build()
    write(sys.argv[1], sys.argv[2])


if __name__ == "__main__":
    main()
