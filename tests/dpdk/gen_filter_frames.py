#!/usr/bin/python3
"""Craft the input frames of test_filter.sh and what the router must do with
them (the format of gen_frames.py, read by drain.py and check_frames.py).

    gen_filter_frames.py IN0.pcap IN1.pcap EXPECT.json

filter.cfg: port 0 "lan" 192.0.2.1/24, port 1 "wan" 198.51.100.1/24, rules
filter_pf.conf (block all; pass in on lan to port 80; nat-to wan port 61000).
Port 0 gets the client's SYN to the server's port 80 (forwarded on wan with
source 198.51.100.1:61000) and one to port 22 (blocked by rule 0). Port 1
gets 32 frames the rules block first, so its reply comes in the worker's
second burst of port 1, after port 0's first: the SYN|ACK to 61000
(forwarded to the client's own address and port), then a RST with a wrong
sequence number (state mismatch) and a SYN to the router itself (blocked:
the filter sees traffic to the router too).
"""
import json
import sys

from scapy.all import IP, TCP, Ether, wrpcap

ROUTER_MAC = ["02:70:63:61:70:00", "02:70:63:61:70:01"]
ROUTER_IP = ["192.0.2.1", "198.51.100.1"]
CLIENT_MAC, CLIENT = "02:00:00:00:00:10", "192.0.2.10"
SERVER_MAC, SERVER = "02:00:00:00:01:09", "198.51.100.9"
NAT_PORT = 61000

lan, wan, expect = [], [], []
drops, events = {}, {}


def count(table, name):
    table[name] = table.get(name, 0) + 1


def frame(src_mac, port, ip_src, ip_dst, **tcp):
    return Ether(bytes(Ether(src=src_mac, dst=ROUTER_MAC[port]) /
                       IP(src=ip_src, dst=ip_dst, ttl=64, id=7) / TCP(window=8192, **tcp)))


def forwarded(f, port, mac, what, **rewrite):
    """f as the router sends it: MACs, TTL - 1, translated fields, checksums."""
    out = f.copy()
    out[Ether].src, out[Ether].dst = ROUTER_MAC[port], mac
    out[IP].ttl -= 1
    for k, v in rewrite.items():
        setattr(out[IP] if k in ("src", "dst") else out[TCP], k, v)
    del out[IP].chksum
    del out[TCP].chksum
    count(events, "forwarded")
    expect.append({"what": what, "port": port, "match": "exact",
                   "frame": bytes(Ether(bytes(out))).hex()})


def build():
    syn = frame(CLIENT_MAC, 0, CLIENT, SERVER, sport=40000, dport=80, flags="S", seq=1000)
    lan.append(syn)
    forwarded(syn, 1, SERVER_MAC, "SYN out on wan, source NAT'd to 198.51.100.1:61000",
              src=ROUTER_IP[1], sport=NAT_PORT)
    lan.append(frame(CLIENT_MAC, 0, CLIENT, SERVER, sport=40001, dport=22, flags="S", seq=1))
    count(drops, "pf_blocked")

    for i in range(32):  # no state, no pass rule: block all
        wan.append(frame(SERVER_MAC, 1, SERVER, CLIENT, sport=9999, dport=7000 + i, flags="S"))
        count(drops, "pf_blocked")
    synack = frame(SERVER_MAC, 1, SERVER, ROUTER_IP[1], sport=80, dport=NAT_PORT, flags="SA",
                   seq=5000, ack=1001)
    wan.append(synack)
    forwarded(synack, 0, CLIENT_MAC, "SYN|ACK back to the client, destination translated back",
              dst=CLIENT, dport=40000)
    wan.append(frame(SERVER_MAC, 1, SERVER, ROUTER_IP[1], sport=80, dport=NAT_PORT, flags="R",
                     seq=5000 + 70000))
    count(drops, "pf_state_mismatch")
    wan.append(frame(SERVER_MAC, 1, SERVER, ROUTER_IP[1], sport=5555, dport=23, flags="S"))
    count(drops, "pf_blocked")


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    build()
    for frames in (lan, wan):
        for i, f in enumerate(frames):
            f.time = 1700000000 + i / 1000  # fixed times: the same pcap every run
    wrpcap(sys.argv[1], lan, linktype=1)
    wrpcap(sys.argv[2], wan, linktype=1)
    with open(sys.argv[3], "w") as f:
        json.dump({"frames_in": len(lan), "frames_in_wan": len(wan), "port_macs": ROUTER_MAC,
                   "expect": expect, "drops": drops, "events": events}, f, indent=1)
    print(f"gen_filter_frames: {len(lan)} + {len(wan)} frames in, {len(expect)} expected out")


if __name__ == "__main__":
    main()
