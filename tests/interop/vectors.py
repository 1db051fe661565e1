#!/usr/bin/python3
"""Write the CARP test frames used by the interop and fuzz tests.

The five valid frames are the OpenBSD-computed vectors of the team's CARP
specification (carp-spec.md section 11, carp-vectors/vectors.json: V1-nopass,
V2-two-vips, V5-bow-out, V6-unicast-carppeer, V8-ipv6). The shared folder is
not part of the repository, so the frames are kept here as hex constants.
The broken variants are derived from them by editing single fields; the VRRP
frames are framed by scapy's VRRP layers (not by our code) so that carpdump's
VRRP recognition is checked against an independent encoder.

usage:
  vectors.py pcap OUT [NAME...]   pcap (Ethernet) with the named frames
                                  (default: the five vectors, in spec order)
  vectors.py empty OUT            pcap with a header and no packet
  vectors.py corpus DIR           one raw frame per file (fuzz seed corpus)
  vectors.py names                list the frame names
  vectors.py digest PASS VHID COUNTER ADDR...
                                  reference HMAC-SHA1 (test oracle, spec 2.3)
"""
import hashlib
import hmac
import ipaddress
import struct
import sys

# name -> (pcap timestamp, frame hex); timestamps as in carp-openbsd-vectors.pcap
VECTORS = {
    "V1-nopass": (1700000000,
        "01005e00001200005e00010108004510003812344000ff70c6fdc0000201e0000012"
        "2101000700017cd60123456789abcdefb67cbe6b347bc5603dadec03979d55bb7ac0c36b"),
    "V2-two-vips": (1700000001,
        "01005e00001200005e00010708004510003812344000ff70c6fcc0000202e0000012"
        "210764070001139cf00dfacecafebabede7532330e753eae2b14ca1f758e53ebb4e72558"),
    "V5-bow-out": (1700000004,
        "01005e00001200005e00010308004510003812344000ff70c6fdc0000201e0000012"
        "2103ff0700ff3b4a1122334455667788abee13b5972cf004d00684177ffa8adf526d9a1b"),
    "V6-unicast-carppeer": (1700000005,
        "02000000000200005e00010908004510003812344000ff70e50dc0000201c0000202"
        "21093207000171c0a5a5a5a5a5a5a5a5b9e751b34e94d069fbac4d79f714e13238931ffd"),
    "V8-ipv6": (1700000007,
        "33330000001200005e00010486dd60000000002470fffe80000000000000000000000000"
        "0001ff020000000000000000000000000012"
        "210414070001359fdeadbeef00c0ffee41fb586cd4034a6697f2e3c15ebc676920c1db9a"),
}
DEFAULT = ["V1-nopass", "V2-two-vips", "V5-bow-out", "V6-unicast-carppeer", "V8-ipv6"]

ETH = 14            # Ethernet header length
IP4 = ETH           # IPv4 header offset
CARP4 = ETH + 20    # CARP header offset in an IPv4 frame without options


def ip4_fix_checksum(frame):
    """Recompute the IPv4 header checksum after a header edit."""
    ihl = (frame[IP4] & 0x0F) * 4
    frame[IP4 + 10:IP4 + 12] = b"\0\0"
    s = 0
    for i in range(0, ihl, 2):
        s += (frame[IP4 + i] << 8) | frame[IP4 + i + 1]
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    frame[IP4 + 10:IP4 + 12] = struct.pack("!H", ~s & 0xFFFF)
    return frame


def vec(name):
    return bytearray.fromhex(VECTORS[name][1])


def v2_ttl64():
    f = vec("V2-two-vips")
    f[IP4 + 8] = 64
    return ip4_fix_checksum(f)


def v2_bad_cksum():
    f = vec("V2-two-vips")
    f[CARP4 + 6] ^= 0x01            # CARP checksum field, digest intact
    return f


def v2_bad_version():
    f = vec("V2-two-vips")
    f[CARP4] = 0x31                 # version 3, type 1; checksum now wrong too
    return f


def v2_truncated():
    return vec("V2-two-vips")[:CARP4 + 20]  # IP total length still says 56


def v2_ihl6():
    """IHL 6 (one option word) without inserting an option: the CARP header
    the parser finds is shifted by 4 bytes and the packet is 4 bytes short."""
    f = vec("V2-two-vips")
    f[IP4] = 0x46
    return ip4_fix_checksum(f)


def v2_ihl4():
    f = vec("V2-two-vips")
    f[IP4] = 0x44                   # IHL below the minimum of 5
    return f


def v2_trailer():
    """16 bytes after the CARP header (Ethernet padding or extra payload):
    receivers ignore them (spec 1.1)."""
    f = vec("V2-two-vips")
    f += b"\xee" * 16
    f[IP4 + 2:IP4 + 4] = struct.pack("!H", 20 + 36 + 16)
    return ip4_fix_checksum(f)


def v2_digest_flip():
    """Digest bit flipped and checksum recomputed: decodes, fails auth."""
    f = vec("V2-two-vips")
    f[CARP4 + 16] ^= 0x80
    f[CARP4 + 6:CARP4 + 8] = b"\0\0"
    s = sum((f[CARP4 + i] << 8) | f[CARP4 + i + 1] for i in range(0, 36, 2))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    f[CARP4 + 6:CARP4 + 8] = struct.pack("!H", ~s & 0xFFFF)
    return f


def v2_vlan():
    """V2 inside an 802.1Q tag (VLAN 5): the capture filter must let it in."""
    f = vec("V2-two-vips")
    return f[:12] + bytearray(b"\x81\x00\x00\x05") + f[12:]


def v8_truncated():
    return vec("V8-ipv6")[:ETH + 40 + 30]


def vrrp(version, naddrs):
    from scapy.layers.inet import IP
    from scapy.layers.l2 import Ether
    from scapy.layers.vrrp import VRRP, VRRPv3
    addrs = ["192.0.2.%d" % (10 + i) for i in range(naddrs)]
    layer = VRRP if version == 2 else VRRPv3
    p = (Ether(src="00:00:5e:00:01:07", dst="01:00:5e:00:00:12")
         / IP(src="192.0.2.3", dst="224.0.0.18", ttl=255)
         / layer(vrid=7, priority=100, addrlist=addrs))
    return bytearray(bytes(p))


VARIANTS = {
    "V2-ttl64": v2_ttl64,
    "V2-bad-cksum": v2_bad_cksum,
    "V2-bad-version": v2_bad_version,
    "V2-truncated": v2_truncated,
    "V2-ihl6": v2_ihl6,
    "V2-ihl4": v2_ihl4,
    "V2-trailer": v2_trailer,
    "V2-digest-flip": v2_digest_flip,
    "V2-vlan": v2_vlan,
    "V8-truncated": v8_truncated,
    "VRRPv2-1addr": lambda: vrrp(2, 1),
    "VRRPv2-5addr": lambda: vrrp(2, 5),   # 36 bytes, like CARP
    "VRRPv2-7addr": lambda: vrrp(2, 7),   # count byte 7, like CARP's authlen
    "VRRPv3-1addr": lambda: vrrp(3, 1),
}


def frame(name):
    if name in VECTORS:
        return vec(name)
    if name in VARIANTS:
        return VARIANTS[name]()
    sys.exit("vectors.py: unknown frame name '%s'" % name)


def write_pcap(path, names):
    with open(path, "wb") as out:
        # classic pcap, little endian, v2.4, snaplen 65535, LINKTYPE_ETHERNET
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, name in enumerate(names):
            data = frame(name)
            ts = VECTORS[name][0] if name in VECTORS else 1700000100 + i
            out.write(struct.pack("<IIII", ts, 0, len(data), len(data)))
            out.write(data)


def reference_digest(passphrase, vhid, counter_hex, addrs):
    """Independent oracle for the tests (Python's hmac, not lib/carp): the
    OpenBSD MESSAGE of spec 2.3 without lladdr and link-local addresses:
    0x02 0x01 vhid, IPv4 ascending, IPv6 ascending, counter; key = first
    19 passphrase bytes."""
    ips = sorted({ipaddress.ip_address(a) for a in addrs},
                 key=lambda a: (a.version, a.packed))
    msg = bytes([2, 1, vhid]) + b"".join(a.packed for a in ips)
    msg += bytes.fromhex(counter_hex)
    return hmac.new(passphrase.encode()[:19], msg, hashlib.sha1).hexdigest()


def main(argv):
    if len(argv) >= 3 and argv[1] == "pcap":
        write_pcap(argv[2], argv[3:] or DEFAULT)
    elif len(argv) == 3 and argv[1] == "empty":
        write_pcap(argv[2], [])
    elif len(argv) == 3 and argv[1] == "corpus":
        for name in list(VECTORS) + list(VARIANTS):
            with open("%s/%s" % (argv[2], name), "wb") as out:
                out.write(frame(name))
    elif len(argv) >= 6 and argv[1] == "digest":
        print(reference_digest(argv[2], int(argv[3]), argv[4], argv[5:]))
    elif len(argv) == 2 and argv[1] == "names":
        print("\n".join(list(VECTORS) + list(VARIANTS)))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
