#!/usr/bin/python3
"""Counted UDP flows for the CARP lab: many flows (one per source address),
every datagram numbered per flow and globally and stamped with its send time
(CLOCK_REALTIME, comparable with `date +%s.%N` on the same machine), so a
receiver can tell, per flow, what was lost, duplicated or reordered and when.

    flows.py send DST PORT --pps R --duration S [--src A ...] [--src-file F]
        one flow per source address (default: one flow, kernel's choice),
        round robin, R datagrams/s in all; prints "sent N ... from T0 to T1
        (E send errors)"
    flows.py recv PORT --out FILE [--iface IF] [--idle S] [--duration S]
        prints "listening"; stops on SIGTERM/SIGINT, after S s without a
        datagram (once one arrived; default 3, 0 = never) or after --duration; writes
        every datagram seen to FILE (JSON). With --iface, datagrams are read
        from a packet socket on IF, so each records the Ethernet source MAC
        (which router delivered it); a UDP socket still drains the port.
    flows.py report FILE [--sent N] [--flows N] [--after T] [--window T0 T1]
                         [--split DST MAC0 MAC1]
        prints shell assignments flow_KEY=VALUE (eval them): received, duplicates,
        reordered (within a flow), lost (of --sent, else inside the flows' holes),
        gap_s (longest loss window of any flow, by send times), gap_from/gap_to,
        after (received datagrams sent after T), flows_seen, flows_after
        (flows with a datagram sent after T), lost_outside (lost datagrams
        in holes not inside [T0, T1]: inside means the datagram before the
        hole arrived at or after T0 and the missing ones (send times
        interpolated) were sent by T1; a hole at a flow's start or end
        counts), with --split: split_ok/split_bad (datagrams
        delivered by MAC[(src XOR DST) mod 2], the IP-balancing node's
        master, or not), lost_idx0/lost_idx1 (lost datagrams of the flows
        hashing to node index 0 / 1; give --sent and --flows) and per MAC
        counts mac_XXXXXXXXXXXX; a human summary on stderr.
"""
import argparse
import json
import signal
import socket
import struct
import sys
import time

PKT = struct.Struct("!4sHIIQ")  # magic, flow, flow seq, global seq, send time ns
MAGIC = b"CRF1"
PAD = b"\0" * 22


def cmd_send(a):
    srcs = list(a.src)
    if a.src_file:
        srcs += [l.split()[0] for l in open(a.src_file) if l.strip()]
    socks = []
    for s in srcs or [None]:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        if s:
            sock.bind((s, 0))
        socks.append(sock)
    n, fseq, errors = int(a.pps * a.duration), [0] * len(socks), 0
    start = time.monotonic()
    t0 = time.time()
    for g in range(n):
        ahead = start + g / a.pps - time.monotonic()
        if ahead > 0:
            time.sleep(ahead)  # paced, never bursts ahead of schedule
        f = g % len(socks)
        data = PKT.pack(MAGIC, f, fseq[f], g, time.time_ns()) + PAD
        fseq[f] += 1
        try:
            socks[f].sendto(data, (a.dst, a.port))
        except OSError:
            errors += 1  # e.g. ENOBUFS: counted as lost, and said
    print(f"sent {n} datagrams in {len(socks)} flows from {t0:.3f} to {time.time():.3f}"
          f" ({errors} send errors)", flush=True)
    return 0


def parse_frame(frame, port):
    """(src MAC, src IP, UDP payload) of an Ethernet/IPv4/UDP frame to port."""
    if len(frame) < 42 or frame[12:14] != b"\x08\x00" or frame[23] != 17:
        return None
    ihl = (frame[14] & 15) * 4
    udp = 14 + ihl
    if struct.unpack_from("!H", frame, udp + 2)[0] != port:
        return None
    mac = ":".join(f"{b:02x}" for b in frame[6:12])
    return mac, socket.inet_ntoa(frame[26:30]), frame[udp + 8:]


def cmd_recv(a):
    drain = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    drain.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    drain.bind(("0.0.0.0", a.port))
    s = drain
    if a.iface:
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        s.bind((a.iface, 0))
        drain.setblocking(False)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    s.settimeout(0.2)
    print("listening", flush=True)
    recs, last, end = [], None, time.monotonic() + a.duration if a.duration else None
    while not stop:
        now = time.monotonic()
        if (a.idle and last is not None and now - last > a.idle) or (end and now > end):
            break
        try:
            data, addr = s.recvfrom(2048)
        except (socket.timeout, InterruptedError):
            continue
        mac, src = None, addr[0]
        if a.iface:
            if addr[2] == socket.PACKET_OUTGOING:
                continue
            try:
                while True:
                    drain.recv(2048)
            except BlockingIOError:
                pass
            parsed = parse_frame(data, a.port)
            if parsed is None:
                continue
            mac, src, data = parsed
        if len(data) < PKT.size or data[:4] != MAGIC:
            continue
        _, flow, fseq, gseq, tns = PKT.unpack_from(data)
        last = time.monotonic()
        recs.append([src, flow, fseq, gseq, tns / 1e9, time.time(), mac])
    with open(a.out, "w") as f:
        json.dump({"records": recs}, f)
    print(f"received {len(recs)} datagrams", flush=True)
    return 0


def holes(got, expected):
    """Missing runs of one flow: (last seq before or None, first seq after or
    None, count) for sequence numbers 0..expected-1 (None: unknown)."""
    order = sorted(got)
    runs = []
    if order and expected is not None and order[0] > 0:
        runs.append((None, order[0], order[0]))
    for p, q in zip(order, order[1:]):
        if q - p > 1:
            runs.append((p, q, q - p - 1))
    if expected is not None:
        tail = expected - 1 - (order[-1] if order else -1)
        if tail > 0:
            runs.append((order[-1] if order else None, None, tail))
    return runs


def cmd_report(a):
    recs = json.load(open(a.file))["records"]
    seen, dups, reordered = set(), 0, 0
    per_flow, last, flows_after, after = {}, {}, set(), 0  # flow -> {fseq: send time}
    split_ok, split_bad, by_mac, flow_idx = 0, 0, {}, {}
    if a.split:
        dst = struct.unpack("!I", socket.inet_aton(a.split[0]))[0]
    for src, flow, fseq, gseq, tsend, trecv, mac in recs:
        if a.split:
            idx = (struct.unpack("!I", socket.inet_aton(src))[0] ^ dst) % 2
            ok = mac == a.split[1 + idx].lower()
            split_ok += ok
            split_bad += not ok
            by_mac[mac] = by_mac.get(mac, 0) + 1
            flow_idx[flow] = idx
        if gseq in seen:
            dups += 1
            continue
        seen.add(gseq)
        per_flow.setdefault(flow, {})[fseq] = (tsend, trecv)
        reordered += fseq < last.get(flow, -1)  # within its own flow only
        last[flow] = max(last.get(flow, -1), fseq)
        if a.after is not None and tsend >= a.after:
            after += 1
            flows_after.add(flow)
    nflows = a.flows or max(len(per_flow), 1)
    lost = a.sent - len(seen) if a.sent is not None else None
    # Loss windows per flow, by send times of the datagrams around each hole;
    # a hole at either end of a flow has no bound there: outside any window.
    gap, gfrom, gto, outside, lost_in_holes, lost_flow = 0.0, 0.0, 0.0, 0, 0, {}
    for f in range(nflows) if a.flows else per_flow:
        got = per_flow.get(f, {})
        expected = len(range(f, a.sent, nflows)) if a.sent is not None else None
        for p, q, n in holes(got, expected):
            lost_in_holes += n
            lost_flow[f] = lost_flow.get(f, 0) + n
            if p is None or q is None:
                outside += n
                continue
            (t0, r0), (t1, _) = got[p], got[q]
            if t1 - t0 > gap:
                gap, gfrom, gto = t1 - t0, t0, t1
            # Inside the window: the datagram before the hole ARRIVED at or
            # after T0 (what a router still had queued when it died is lost
            # with it, however early it was sent), and the missing ones,
            # sent evenly between t0 and t1, were all sent by T1.
            d = (t1 - t0) / (n + 1)
            if a.window and not (r0 >= a.window[0] and t1 - d <= a.window[1] + d / 2):
                outside += n
    out = {
        "received": len(seen), "duplicates": dups, "reordered": reordered,
        "lost": lost if lost is not None else lost_in_holes, "gap_s": f"{gap:.3f}",
        "gap_from": f"{gfrom:.3f}", "gap_to": f"{gto:.3f}", "after": after,
        "flows_seen": len(per_flow), "flows_after": len(flows_after), "lost_outside": outside,
    }
    if a.flows is not None:
        out["flows_missing"] = a.flows - len(per_flow)
    if a.split:
        out["split_ok"], out["split_bad"] = split_ok, split_bad
        for i in (0, 1):
            out[f"lost_idx{i}"] = sum(n for f, n in lost_flow.items() if flow_idx.get(f) == i)
        for m, n in sorted(by_mac.items()):
            out["mac_" + str(m).replace(":", "")] = n
    for k, v in out.items():
        print(f"flow_{k}={v}")
    print("flows: " + ", ".join(f"{k} {v}" for k, v in out.items()), file=sys.stderr)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("send")
    p.add_argument("dst")
    p.add_argument("port", type=int)
    p.add_argument("--pps", type=float, default=1000.0)
    p.add_argument("--duration", type=float, required=True)
    p.add_argument("--src", action="append", default=[])
    p.add_argument("--src-file")
    p = sub.add_parser("recv")
    p.add_argument("port", type=int)
    p.add_argument("--out", required=True)
    p.add_argument("--iface")
    p.add_argument("--idle", type=float, default=3.0)
    p.add_argument("--duration", type=float)
    p = sub.add_parser("report")
    p.add_argument("file")
    p.add_argument("--sent", type=int)
    p.add_argument("--flows", type=int)
    p.add_argument("--split", nargs=3, metavar=("DST", "MAC0", "MAC1"))
    p.add_argument("--after", type=float)
    p.add_argument("--window", type=float, nargs=2)
    a = ap.parse_args()
    return {"send": cmd_send, "recv": cmd_recv, "report": cmd_report}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
