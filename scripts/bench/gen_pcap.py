#!/usr/bin/python3
"""Write the benchmark input: 64-byte Ethernet frames (60 bytes + FCS on the
wire) carrying IPv4/UDP from 192.0.2.0/24 hosts to hosts in eight /27s of
203.0.113.0/24, one frame per flow, flows shuffled so consecutive frames hit
different routes, as a mixed real link would. With --ipv6: 78-byte frames
(the smallest IPv6/UDP frame l3fwd's LPM6 mode is measured with: 74 + FCS)
from 2001:db8:1::/64 hosts to hosts in eight /48s 2001:db8:100::/48 ..
2001:db8:107::/48, the same way.

    gen_pcap.py OUT.pcap DST_MAC [FLOWS] [--ipv6]    (FLOWS default 512)
"""
import random
import sys

from scapy.all import IP, UDP, Ether, IPv6, Raw, wrpcap

SRC_MAC = "02:00:00:00:00:10"


def main():
    args = [a for a in sys.argv[1:] if a != "--ipv6"]
    v6 = len(args) != len(sys.argv) - 1
    if len(args) < 2:
        raise SystemExit(__doc__)
    out, dst_mac = args[0], args[1]
    flows = int(args[2]) if len(args) > 2 else 512
    size = 74 if v6 else 60
    rng = random.Random(1)  # same pcap every run
    frames = []
    for i in range(flows):
        host = 1 + rng.randrange(30)
        udp = UDP(sport=1024 + rng.randrange(60000), dport=rng.choice((53, 123, 443, 4789, 5000)))
        if v6:
            l3 = IPv6(src=f"2001:db8:1::{10 + i % 200:x}", dst=f"2001:db8:{0x100 + i % 8:x}::{host:x}",
                      hlim=64)
        else:
            l3 = IP(src=f"192.0.2.{10 + i % 200}", dst=f"203.0.113.{(i % 8) * 32 + host}", ttl=64, id=i)
        f = Ether(src=SRC_MAC, dst=dst_mac) / l3 / udp
        frames.append(f / Raw(b"\0" * (size - len(f))))
    rng.shuffle(frames)
    assert all(len(f) == size for f in frames)
    wrpcap(out, frames)
    print(f"gen_pcap: {flows} flows of {size + 4}-byte IPv{6 if v6 else 4}/UDP to 8 prefixes -> {out}")


if __name__ == "__main__":
    main()
