#!/usr/bin/python3
"""Check what the router sent against gen_frames.py's expectations.

    check_frames.py EXPECT.json OUT0 OUT1 [--stats STATS.json]

OUTn: the pcap files port n wrote, comma separated (one per tx queue).

Every expected frame must appear exactly once on its port and nothing else
may appear (order is not asserted: replies may leave on another tx queue).
"exact" frames must match byte for byte; only zero padding up to the 60-byte
Ethernet minimum is allowed. Router-originated IPv4 (echo reply, ICMP errors)
must match exactly except the fields the router chooses: IP id, TTL (> 0),
DF, TOS, and for ICMP errors how much of the original datagram is quoted
(at least its header + 8 bytes, as received, RFC 792/1812).
With --stats (a /router/stats reply): each drop reason must equal the number
of frames sent for it, every other drop reason must be 0, drops_total their
sum, and each listed fast-path event must equal its count.
Prints each mismatch; exits 1 if any.
"""
import json
import struct
import sys

from scapy.utils import RawPcapReader, checksum

ETH_MIN = 60


def mac(b):
    return ":".join(f"{x:02x}" for x in b)


def strip_pad(frame, length):
    """Frame without Ethernet padding, or None if the padding is not zeros."""
    if len(frame) > length and (len(frame) > ETH_MIN or any(frame[length:])):
        return None
    return frame[:length]


def check_exact(exp, frame):
    want = bytes.fromhex(exp["frame"])
    got = strip_pad(frame, len(want))
    if got == want:
        return None
    if got is None or len(got) != len(want):
        return f"{len(frame)} bytes, want {len(want)}"
    at = next(i for i in range(len(want)) if got[i] != want[i])
    return f"byte {at}: {got[at]:#04x}, want {want[at]:#04x}"


def router_ipv4(exp, frame):
    """Common checks of a router-originated IPv4/ICMP frame; returns the ICMP
    message or raises ValueError with the reason."""
    if len(frame) < 14 + 20:
        raise ValueError(f"short frame ({len(frame)} bytes)")
    if mac(frame[0:6]) != exp["eth_dst"] or mac(frame[6:12]) != exp["eth_src"]:
        raise ValueError(f"MACs {mac(frame[6:12])} -> {mac(frame[0:6])}")
    if frame[12:14] != b"\x08\x00":
        raise ValueError(f"ethertype {frame[12:14].hex()}")
    ip = frame[14:]
    ver_ihl, _tos, tot_len, _id, frag, ttl, proto = struct.unpack("!BBHHHBB", ip[:10])
    src, dst = ".".join(map(str, ip[12:16])), ".".join(map(str, ip[16:20]))
    problems = []
    if ver_ihl != 0x45:
        problems.append(f"version/ihl {ver_ihl:#x}")
    if tot_len < 20 or strip_pad(frame, 14 + tot_len) is None:
        problems.append(f"total length {tot_len} for a {len(frame)}-byte frame")
    if frag & 0xbfff:
        problems.append(f"fragment bits {frag:#x}")
    if ttl == 0 or proto != 1:
        problems.append(f"ttl {ttl} proto {proto}")
    if checksum(ip[:20]) != 0:
        problems.append("bad IPv4 header checksum")
    if (src, dst) != (exp["ip_src"], exp["ip_dst"]):
        problems.append(f"{src} -> {dst}")
    icmp = ip[20:tot_len]
    if len(icmp) < 8 or checksum(icmp) != 0:
        problems.append("bad ICMP checksum")
    if problems:
        raise ValueError(", ".join(problems))
    return icmp


def check_echo_reply(exp, frame):
    try:
        icmp = router_ipv4(exp, frame)
    except ValueError as e:
        return str(e)
    return None if icmp == bytes.fromhex(exp["icmp"]) else "ICMP message differs"


def check_icmp_error(exp, frame):
    try:
        icmp = router_ipv4(exp, frame)
    except ValueError as e:
        return str(e)
    orig = bytes.fromhex(exp["orig"])
    if (icmp[0], icmp[1]) != (exp["type"], exp["code"]):
        return f"ICMP type/code {icmp[0]}/{icmp[1]}"
    if any(icmp[4:8]):
        return "unused field not zero"
    quote = icmp[8:]
    if len(quote) < min(len(orig), 28):
        return f"quotes {len(quote)} bytes, less than header + 8"
    if quote != orig[:len(quote)]:
        return "quoted datagram differs from the one received"
    return None


def check_counters(spec, reply):
    """/router/stats is flat: drop_<reason> per reason, drops_total, and one
    key per fast-path event (app/tel_main.c)."""
    stats = reply.get("/router/stats")
    if not isinstance(stats, dict):
        return [f"not a /router/stats reply: {str(reply)[:200]}"]
    drops = {k[len("drop_"):]: v for k, v in stats.items() if k.startswith("drop_")}
    if not drops:
        return ["no drop_* counters in /router/stats"]
    want = dict(spec["drops"], total=sum(spec["drops"].values()))
    got = dict(drops, total=stats.get("drops_total"))
    errors = []
    # every reason is checked: those not sent must have stayed at 0
    rows = [("drop", n, got.get(n), want.get(n, 0)) for n in sorted(set(got) | set(want))]
    rows += [("event", n, stats.get(n), w) for n, w in sorted(spec["events"].items())]
    for kind, name, n, w in rows:
        print(f"{'ok' if n == w else 'FAIL':5} {kind} {name} = {n}, want {w}")
        if n != w:
            errors.append(f"{kind} {name} = {n}, want {w}")
    return errors


CHECKS = {"exact": check_exact, "echo_reply": check_echo_reply,
          "icmp_error": check_icmp_error}


def main():
    args = sys.argv[1:]
    stats = None
    if "--stats" in args:
        i = args.index("--stats")
        stats = json.load(open(args[i + 1]))
        del args[i:i + 2]
    if len(args) < 2:
        raise SystemExit(__doc__)
    spec = json.load(open(args[0]))
    out = [[bytes(f) for p in files.split(",") for f, _ in RawPcapReader(p)] for files in args[1:]]
    errors = check_counters(spec, stats) if stats is not None else []
    for exp in spec["expect"]:
        port, check = exp["port"], CHECKS[exp["match"]]
        reasons = []
        for i, frame in enumerate(out[port]):
            why = check(exp, frame)
            if why is None:
                del out[port][i]
                print(f"ok    port {port}: {exp['what']}")
                break
            reasons.append(why)
        else:
            errors.append(f"port {port}: missing {exp['what']}"
                          + (f" (closest mismatches: {'; '.join(sorted(set(reasons), key=lambda r: not r.startswith('byte'))[:3])})" if reasons else ""))
    for port, frames in enumerate(out):
        for frame in frames:
            errors.append(f"port {port}: unexpected frame {frame.hex()}")
    for e in errors:
        print(f"FAIL  {e}")
    missing = sum(e.startswith("port") and "missing" in e for e in errors)
    print(f"check_frames: {len(spec['expect']) - missing}/{len(spec['expect'])} expected frames"
          f" found, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
