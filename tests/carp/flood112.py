#!/usr/bin/python3
"""Protocol-112 flood for tests/carp/test_flood.sh.

    flood112.py send --iface IF --pps R --duration S --vhid V --gw-mac MAC
                     --routed-dst A --routed-pps R2 --out FILE
        From IF, for S seconds, R frames/s of adverts no router may accept,
        and R2 frames/s of ordinary routed protocol-112 traffic:
          badauth  CARP v2 adverts for vhid V to 224.0.0.18, TTL 255, better
                   priority (advskew 0, demote 0, advbase 1) from garbage
                   sources, valid checksum, wrong HMAC: carpstats badauth
          badsum   TTL 255 to 224.0.0.18, 36-60 random bytes whose CARP
                   checksum is wrong: badsum
          badlen   TTL 255 to 224.0.0.18, 0-35 random bytes: badlen
          routed   TTL 64 and 255 alternately, to the virtual gateway's MAC,
                   IP destination A (a host behind the router), 36 bytes:
                   forwarded
        in equal shares of R (badauth, badsum, badlen, round robin) and R2.
        Writes the number of frames actually sent per kind, the time taken
        and the achieved rate to FILE (JSON).
    flood112.py report FILE
        prints FILE as shell assignments (eval them): sent_KIND, flood_pps,
        flood_s, send_errors.

scapy builds the Ethernet and IP framing only: the CARP header is built
here (scapy's CARP layer has wrong defaults and a wrong HMAC helper,
carp-spec.md 2.7), and the HMAC is wrong on purpose. Frames are prebuilt and
sent from a raw packet socket, paced in small bursts.
"""
import argparse
import json
import random
import socket
import struct
import time

from scapy.all import IP, Ether, raw

CARP_GROUP = "224.0.0.18"
CARP_GROUP_MAC = "01:00:5e:00:00:12"
VARIANTS = 256  # distinct frames per kind


def cksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack(f"!{len(b) // 2}H", b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def carp_bad_hmac(rng, vhid):
    """A CARP v2 advert with a correct checksum and a random digest."""
    hdr = bytearray(struct.pack("!BBBBBBH", 0x21, vhid, 0, 7, 0, 1, 0))
    hdr += rng.randbytes(8) + rng.randbytes(20)  # counter, digest
    struct.pack_into("!H", hdr, 6, cksum(bytes(hdr)))
    return bytes(hdr)


def garbage(rng, lo, hi):
    """lo..hi random bytes; the version nibble is never 2 or 3, so no
    receiver can take them for VRRP (same protocol, spec 1.3)."""
    b = bytearray(rng.randbytes(rng.randint(lo, hi)))
    if b:
        b[0] = rng.randint(0x40, 0xFF)
    return bytes(b)


def bad_sum(rng):
    while True:
        b = garbage(rng, 36, 60)
        if cksum(b[:36]) != 0:  # the receiver checks the first 36 bytes
            return b


def frame(src_mac, dst_mac, src, dst, ttl, payload):
    return raw(Ether(src=src_mac, dst=dst_mac) / IP(src=src, dst=dst, ttl=ttl, proto=112) / payload)


def build(a, src_mac):
    rng = random.Random(112)
    garbage_src = lambda: f"203.0.113.{rng.randint(1, 254)}"
    kinds = {
        "badauth": [frame(src_mac, CARP_GROUP_MAC, garbage_src(), CARP_GROUP, 255,
                          carp_bad_hmac(rng, a.vhid)) for _ in range(VARIANTS)],
        "badsum": [frame(src_mac, CARP_GROUP_MAC, garbage_src(), CARP_GROUP, 255, bad_sum(rng))
                   for _ in range(VARIANTS)],
        "badlen": [frame(src_mac, CARP_GROUP_MAC, garbage_src(), CARP_GROUP, 255,
                         garbage(rng, 0, 35)) for _ in range(VARIANTS)],
        # TTL 64, and 255 as a carppeer between two other hosts would send
        "routed": [frame(src_mac, a.gw_mac, a.src, a.routed_dst, 64 if i % 2 else 255,
                         struct.pack("!4sI", b"R112", i) + bytes(28)) for i in range(VARIANTS)],
    }
    return kinds


def cmd_send(a):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((a.iface, 0))
    src_mac = ":".join(f"{b:02x}" for b in s.getsockname()[4][:6])
    kinds = build(a, src_mac)
    flood = ["badauth", "badsum", "badlen"]
    sent = {k: 0 for k in kinds}
    errors = 0
    # one schedule slot = one flood frame; a routed frame every `every` slots
    every = max(1, round(a.pps / a.routed_pps)) if a.routed_pps > 0 else 0
    total = int(a.pps * a.duration)
    burst = 32
    start = time.monotonic()
    i = 0
    while i < total:
        ahead = start + i / a.pps - time.monotonic()
        if ahead > 0:
            time.sleep(ahead)
        for j in range(i, min(i + burst, total)):
            k = flood[j % 3]
            todo = [(k, kinds[k][(j // 3) % VARIANTS])]
            if every and j % every == 0:
                todo.append(("routed", kinds["routed"][(j // every) % VARIANTS]))
            for name, f in todo:
                try:
                    s.send(f)
                    sent[name] += 1
                except OSError:
                    errors += 1
        i += burst
    took = time.monotonic() - start
    flood_sent = sum(sent[k] for k in flood)
    out = {"sent": sent, "errors": errors, "seconds": round(took, 3),
           "flood_pps": round(flood_sent / took), "src_mac": src_mac}
    with open(a.out, "w") as f:
        json.dump(out, f)
    print(json.dumps(out))
    return 0


def cmd_report(a):
    d = json.load(open(a.file))
    for k, v in d["sent"].items():
        print(f"sent_{k}={int(v)}")
    print(f"flood_pps={int(d['flood_pps'])} flood_s={float(d['seconds'])} "
          f"send_errors={int(d['errors'])}")
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("send")
    s.add_argument("--iface", required=True)
    s.add_argument("--pps", type=float, default=20000)
    s.add_argument("--duration", type=float, default=10)
    s.add_argument("--vhid", type=int, default=1)
    s.add_argument("--src", default="192.0.2.66", help="source of the routed frames")
    s.add_argument("--gw-mac", required=True)
    s.add_argument("--routed-dst", required=True)
    s.add_argument("--routed-pps", type=float, default=500)
    s.add_argument("--out", required=True)
    r = sub.add_parser("report")
    r.add_argument("file")
    a = p.parse_args()
    return cmd_send(a) if a.cmd == "send" else cmd_report(a)


if __name__ == "__main__":
    raise SystemExit(main())
