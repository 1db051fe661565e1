#!/usr/bin/python3
"""Write N distinct IPv4 prefixes with a DFZ-like length distribution, one
"A.B.C.D/LEN" a line: mostly /24, a few /8-/22, some /25-/32 (the weights
below). N <= 8 gives the eight /27s of 203.0.113.0/24 (scripts/bench.sh's
table). Larger tables are drawn from unicast space outside the ranges the
benchmark uses itself (192.0.2/24 in, 198.51.100/24 out, 198.18.0.0/15 the
connected LAN, 203.0.113/24) so no generated route shadows them. They are
only ever replayed from a pcap into net_null, never sent on a wire.

    gen_routes.py N OUT        (same N, same file: fixed seed)
"""
import ipaddress
import random
import sys

# Share of each length, roughly a 2025 full table (~60 % /24, /22-/23 next)
# plus the /25-/32 an IGP or customer routes add.
WEIGHTS = {8: 1, 10: 1, 11: 2, 12: 3, 13: 5, 14: 8, 15: 12, 16: 60, 17: 35, 18: 60, 19: 110,
           20: 180, 21: 220, 22: 700, 23: 650, 24: 5900, 25: 40, 26: 40, 27: 35, 28: 30,
           29: 35, 30: 40, 31: 5, 32: 60}
AVOID = [(int(n.network_address), int(n.broadcast_address)) for n in map(ipaddress.ip_network, ("0.0.0.0/8", "10.0.0.0/8", "127.0.0.0/8",
                                            "192.0.2.0/24", "198.18.0.0/15", "198.51.100.0/24",
                                            "203.0.113.0/24"))]


def generate(n, rng):
    if n <= 8:
        return [f"203.0.113.{32 * i}/27" for i in range(n)]
    lens = list(WEIGHTS)
    weights = [WEIGHTS[x] for x in lens]
    seen = set()
    out = []
    while len(out) < n:
        plen = rng.choices(lens, weights)[0]
        addr = rng.randrange(1 << 24, 224 << 24) & ~((1 << (32 - plen)) - 1) & 0xFFFFFFFF
        last = addr | ((1 << (32 - plen)) - 1)
        if (addr, plen) in seen or any(addr <= hi and last >= lo for lo, hi in AVOID):
            continue
        seen.add((addr, plen))
        out.append(f"{ipaddress.IPv4Address(addr)}/{plen}")
    return out


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    n = int(sys.argv[1])
    prefixes = generate(n, random.Random(n))
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(prefixes) + "\n")
    hist = {}
    for p in prefixes:
        hist[int(p.split("/")[1])] = hist.get(int(p.split("/")[1]), 0) + 1
    share24 = 100 * hist.get(24, 0) / n
    print(f"gen_routes: {n} prefixes ({share24:.0f} % /24, lengths {min(hist)}-{max(hist)}) -> {sys.argv[2]}")


if __name__ == "__main__":
    main()
