#!/usr/bin/python3
"""UDP datagrams of chosen sizes, for the fragmentation lab test
(tests/lab/test_fragments.sh). Each line printed is "LEN SHA256" of a payload.

    frag_udp.py recv PORT COUNT [IDLE_S]  prints "listening", then one line per
        datagram received, until COUNT of them or IDLE_S (default 3) s of silence
    frag_udp.py send ADDR PORT SIZE...    one datagram of random bytes per SIZE
    frag_udp.py send-df ADDR PORT SIZE    DF set (IP_PMTUDISC_DO), then after the
        router's ICMP: "pmtu N" (the path MTU the kernel learned) and
        "again: ERROR" for a second send of the same size
    frag_udp.py lone ADDR PORT            one first fragment (MF set) whose rest
        never follows: a raw IPv4 packet, 64 bytes of UDP
"""
import hashlib
import os
import socket
import struct
import sys
import time

IP_MTU_DISCOVER = getattr(socket, "IP_MTU_DISCOVER", 10)
IP_PMTUDISC_DO = getattr(socket, "IP_PMTUDISC_DO", 2)
IP_MTU = getattr(socket, "IP_MTU", 14)


def line(data):
    return "%d %s" % (len(data), hashlib.sha256(data).hexdigest())


def recv(port, count, idle):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.bind(("0.0.0.0", port))
    s.settimeout(idle)
    print("listening", flush=True)
    for _ in range(count):
        try:
            data, _ = s.recvfrom(65535)
        except socket.timeout:
            break
        print(line(data), flush=True)


def send(addr, port, sizes):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for n in sizes:
        data = os.urandom(n)
        s.sendto(data, (addr, port))
        print(line(data), flush=True)
        time.sleep(0.05)


def send_df(addr, port, size):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO)
    s.connect((addr, port))
    first = s.getsockopt(socket.IPPROTO_IP, IP_MTU)
    s.send(os.urandom(size))
    for _ in range(50):  # until the router's ICMP fragmentation needed is in (5 s)
        time.sleep(0.1)
        if s.getsockopt(socket.IPPROTO_IP, IP_MTU) != first:
            break
    print("pmtu %d" % s.getsockopt(socket.IPPROTO_IP, IP_MTU), flush=True)
    try:
        s.send(os.urandom(size))
        print("again: sent", flush=True)
    except OSError as e:
        print("again: %s" % os.strerror(e.errno), flush=True)


def lone(addr, port):
    udp = struct.pack("!HHHH", 40000, port, 8 + 1000, 0) + os.urandom(56)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), os.getpid() & 0xFFFF,
                     0x2000, 64, socket.IPPROTO_UDP, 0, b"\0" * 4, socket.inet_aton(addr))
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    s.sendto(ip + udp, (addr, 0))  # the kernel fills in source and checksum


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "recv":
        recv(int(args[0]), int(args[1]), float(args[2]) if len(args) > 2 else 3.0)
    elif cmd == "send":
        send(args[0], int(args[1]), [int(a) for a in args[2:]])
    elif cmd == "send-df":
        send_df(args[0], int(args[1]), int(args[2]))
    elif cmd == "lone":
        lone(args[0], int(args[1]))
    else:
        sys.exit("frag_udp.py: unknown command %s" % cmd)


if __name__ == "__main__":
    main()
