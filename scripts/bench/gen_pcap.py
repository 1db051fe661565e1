#!/usr/bin/python3
"""Write the benchmark input: 64-byte Ethernet frames (60 bytes + FCS on the
wire) carrying IPv4/UDP from 192.0.2.0/24 hosts to hosts in eight /27s of
203.0.113.0/24, one frame per flow, flows shuffled so consecutive frames hit
different routes, as a mixed real link would.

    gen_pcap.py OUT.pcap DST_MAC [FLOWS]     (FLOWS default 512)
"""
import random
import sys

from scapy.all import IP, UDP, Ether, Raw, wrpcap

SRC_MAC = "02:00:00:00:00:10"


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    out, dst_mac = sys.argv[1], sys.argv[2]
    flows = int(sys.argv[3]) if len(sys.argv) > 3 else 512
    rng = random.Random(1)  # same pcap every run
    frames = []
    for i in range(flows):
        src = f"192.0.2.{10 + i % 200}"
        dst = f"203.0.113.{(i % 8) * 32 + 1 + rng.randrange(30)}"
        udp = UDP(sport=1024 + rng.randrange(60000), dport=rng.choice((53, 123, 443, 4789, 5000)))
        f = Ether(src=SRC_MAC, dst=dst_mac) / IP(src=src, dst=dst, ttl=64, id=i) / udp
        frames.append(f / Raw(b"\0" * (60 - len(f))))
    rng.shuffle(frames)
    assert all(len(f) == 60 for f in frames)
    wrpcap(out, frames)
    print(f"gen_pcap: {flows} flows of 64-byte IPv4/UDP to 8 prefixes -> {out}")


if __name__ == "__main__":
    main()
