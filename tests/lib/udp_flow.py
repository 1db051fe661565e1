#!/usr/bin/python3
"""A bounded, counted UDP flow for labs: every datagram carries a sequence
number, so the receiver can tell lost, duplicated and reordered datagrams.

    udp_flow.py recv ADDR PORT COUNT [IDLE_S]   prints "listening", then on
        COUNT datagrams or IDLE_S (default 3) seconds of silence:
        "udp: received R of COUNT (duplicates D, reordered O)"; exit 0 iff R == COUNT
    udp_flow.py send ADDR PORT COUNT [PPS]      COUNT datagrams at PPS (default 5000)
"""
import socket
import struct
import sys
import time

SO_RCVBUFFORCE = getattr(socket, "SO_RCVBUFFORCE", 33)  # Linux; not exported by Python 3.11
HDR = struct.Struct("!4sI")  # magic, sequence number
MAGIC = b"CRDM"
PAYLOAD = b"\0" * 32


def recv(addr, port, count, idle):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    # A big receive buffer, so a receiver descheduled on a busy machine does
    # not lose datagrams the network delivered (FORCE: past rmem_max, as root).
    try:
        s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 16 << 20)
    except PermissionError:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 << 20)
    s.bind((addr, port))
    s.settimeout(idle)
    print("listening", flush=True)
    seen, dups, reordered, last = set(), 0, 0, -1
    while len(seen) < count:
        try:
            data = s.recv(2048)
        except socket.timeout:
            break
        if len(data) < HDR.size or data[:4] != MAGIC:
            continue
        seq = HDR.unpack_from(data)[1]
        if seq in seen:
            dups += 1
        seen.add(seq)
        reordered += seq < last
        last = max(last, seq)
    print(f"udp: received {len(seen)} of {count} (duplicates {dups}, reordered {reordered})", flush=True)
    return 0 if len(seen) == count else 1


def send(addr, port, count, pps):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    start = time.monotonic()
    for seq in range(count):
        # pace: never run ahead of the schedule (bursts would overflow socket buffers)
        ahead = start + seq / pps - time.monotonic()
        if ahead > 0:
            time.sleep(ahead)
        s.sendto(HDR.pack(MAGIC, seq) + PAYLOAD, (addr, port))
    print(f"udp: sent {count} datagrams in {time.monotonic() - start:.2f} s", flush=True)
    return 0


def main():
    if len(sys.argv) < 5 or sys.argv[1] not in ("send", "recv"):
        raise SystemExit(__doc__)
    mode, addr, port, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    extra = float(sys.argv[5]) if len(sys.argv) > 5 else None
    if mode == "recv":
        return recv(addr, port, count, extra or 3.0)
    return send(addr, port, count, extra or 5000.0)


if __name__ == "__main__":
    sys.exit(main())
