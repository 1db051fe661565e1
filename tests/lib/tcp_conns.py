#!/usr/bin/python3
"""Long-lived TCP connections through a router, measured from both ends: what
a user's SSH sessions and downloads see across a failover (docs/drills.md).
Stdlib only; one process per side, one epoll loop, no thread per connection.

    tcp_conns.py server --out FILE [--port 7000] [--bulk-port 7001]
        echo server on PORT (every byte back, unchanged) and bulk source on
        BULK_PORT; prints "listening"; on SIGTERM/SIGINT writes its view
        (connections accepted, how each ended, peer addresses) to FILE.
    tcp_conns.py client DST --out FILE [--conns 200] [--interval 0.1]
                     [--bulk-bytes N] [--bulk-mbps R] [--dead-after S]
                     [--duration S] [--status FILE]
        N connections to DST:PORT, each sending a 32-byte numbered message
        every INTERVAL s and expecting its echo, plus (N > 0 bytes) one bulk
        download of N bytes paced at R Mbit/s (0: unpaced) whose size and
        CRC32 are checked at the end. Prints "established K of N" once every
        connection has had its first echo (or failed), "bulk ok ..." or
        "bulk failed ..." when the download ends; every 0.5 s writes a live
        status to --status; stops on SIGTERM/SIGINT or after --duration and
        writes the per-connection record and totals to FILE.
    tcp_conns.py report --client FILE --server FILE [--capture NAME=PCAP ...]
                        [--fault T] [--json OUT]
        joins both views and the RST captures (classic pcap, e.g. dumpcap -P
        with filter "tcp[tcpflags] & tcp-rst != 0"; NAME client or server)
        and prints shell assignments tcp_KEY=VALUE (eval them); --json
        writes the same as one JSON object.

A connection is lost when it died: ECONNRESET (an RST reached the client),
EPIPE, the server closed it, or no echo for --dead-after s (default 15) while
messages were outstanding ("timeout"). Its echo gap is the time between two
consecutive echoes (about INTERVAL in steady state); the open gap of a dead
or stalled connection runs to its death or the end. Times are epoch seconds
(CLOCK_REALTIME), comparable with `date +%s.%N`.
"""
import argparse
import errno
import heapq
import json
import os
import random
import selectors
import signal
import socket
import struct
import sys
import time
import zlib

MSG = struct.Struct("!4sIII8xQ")  # magic, connection, seq, reserved, pad, send time ns: 32 B
MAGIC = b"CRT1"
BULK_REQ = struct.Struct("!4sQI")  # magic, bytes wanted, pace in kbit/s (0 unpaced)
BULK_MAGIC = b"CRB1"
CRC = struct.Struct("!I")  # trailer after the bulk payload: CRC32 of what was sent
BLOCK = 1 << 20  # the bulk payload: a seeded random MiB, each copy stamped with its number
RECV = 1 << 18
STATUS_EVERY = 0.5
SO_RCVBUFFORCE = getattr(socket, "SO_RCVBUFFORCE", 33)


def now():
    return time.time()


def how_died(exc):
    """The way a socket error ended a connection, in the report's words."""
    if isinstance(exc, ConnectionResetError):
        return "reset"
    if isinstance(exc, BrokenPipeError):
        return "epipe"
    if isinstance(exc, TimeoutError):
        return "timeout-kernel"
    return errno.errorcode.get(exc.errno, str(exc.errno)).lower() if exc.errno else "error"


def tcp_mib():
    """This namespace's TCP counters (/proc/net/snmp, netstat), for deltas."""
    out = {}
    for path in ("/proc/net/snmp", "/proc/net/netstat"):
        try:
            lines = open(path).read().splitlines()
        except OSError:
            continue
        for names, values in zip(lines[0::2], lines[1::2]):
            proto, keys = names.split(":", 1)
            if proto not in ("Tcp", "TcpExt"):
                continue
            for k, v in zip(keys.split(), values.split(":", 1)[1].split()):
                out[f"{proto}.{k}"] = int(v)
    return out


MIB_KEYS = {"out_rsts": "Tcp.OutRsts", "estab_resets": "Tcp.EstabResets",
            "retrans_segs": "Tcp.RetransSegs", "rto_timeouts": "TcpExt.TCPTimeouts",
            "abort_on_timeout": "TcpExt.TCPAbortOnTimeout"}


def mib_delta(before, after):
    return {k: after.get(v, 0) - before.get(v, 0) for k, v in MIB_KEYS.items()}


def send_out(loop, sock, out, handler):
    """Send what OUT holds, keep the rest, and ask for writability only while
    something is left. Socket errors other than EAGAIN propagate."""
    try:
        n = sock.send(out)
        del out[:n]
    except BlockingIOError:
        pass
    loop.watch(sock, selectors.EVENT_READ | (selectors.EVENT_WRITE if out else 0), handler)


def write_json(path, obj):
    tmp = f"{path}.tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=1)
    os.replace(tmp, path)


class Loop:
    """An epoll loop with a stop flag set by SIGTERM/SIGINT."""

    def __init__(self):
        self.sel = selectors.DefaultSelector()
        self.stop = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)

    def _stop(self, *_):
        self.stop = True

    def watch(self, sock, events, handler):
        try:
            self.sel.modify(sock, events, handler)
        except KeyError:
            self.sel.register(sock, events, handler)

    def forget(self, sock):
        try:
            self.sel.unregister(sock)
        except (KeyError, ValueError):
            pass

    def run_once(self, timeout):
        for key, mask in self.sel.select(max(0.0, timeout)):
            key.data(mask)


# ---------------------------------------------------------------- server


class Accepted:
    """A connection the server accepted: how and when it ended."""

    def __init__(self, srv, sock, addr):
        self.srv, self.sock, self.addr = srv, sock, addr
        self.accepted_at = now()
        self.end = self.ended_at = None
        sock.setblocking(False)
        srv.loop.watch(sock, selectors.EVENT_READ, self.io)

    def finish(self, how):
        self.end, self.ended_at = how, now()
        self.srv.loop.forget(self.sock)
        self.sock.close()

    def record(self):
        return {"peer": f"{self.addr[0]}:{self.addr[1]}", "accepted_at": self.accepted_at,
                "end": self.end or "open", "ended_at": self.ended_at}


class EchoPeer(Accepted):
    def __init__(self, srv, sock, addr):
        self.out = bytearray()
        self.rx = 0
        self.last_rx = now()
        super().__init__(srv, sock, addr)

    def io(self, mask):
        try:
            if mask & selectors.EVENT_READ:
                data = self.sock.recv(RECV)
                if not data:
                    return self.finish("fin")
                self.rx += len(data)
                self.last_rx = now()
                self.out += data
            send_out(self.srv.loop, self.sock, self.out, self.io)
        except BlockingIOError:
            pass
        except OSError as e:
            self.finish(how_died(e))

    def record(self):
        return dict(super().record(), rx_bytes=self.rx, last_rx=self.last_rx)


class BulkSource(Accepted):
    """Sends the requested bytes of the stamped pattern, paced by a token
    bucket that never saves more than 50 ms of credit (no burst after a
    stall), then the CRC32 of exactly what it sent."""

    def __init__(self, srv, sock, addr):
        self.req = b""
        self.size = self.sent = 0
        self.rate = 0.0  # bytes/s, 0 unpaced
        self.crc = 0
        self.chunk = None
        self.off = 0  # offset inside self.chunk
        self.tokens = 0.0
        self.t_tok = now()
        self.trailer = b""
        self.wake = None  # when the bucket allows the next send
        super().__init__(srv, sock, addr)

    def finish(self, how):
        self.wake = None
        super().finish(how)

    def next_chunk(self):
        k = self.sent // BLOCK
        self.chunk = memoryview(struct.pack("!Q", k) + self.srv.block[8:])
        self.off = self.sent % BLOCK

    def io(self, mask):
        try:
            if mask & selectors.EVENT_READ:
                data = self.sock.recv(RECV)
                if not data:  # the client closed: after the trailer that is success
                    return self.finish("done" if self.trailer is None else "fin-early")
                if self.size == 0:
                    self.req += data
                    if len(self.req) >= BULK_REQ.size:
                        magic, size, kbps = BULK_REQ.unpack_from(self.req)
                        if magic != BULK_MAGIC or size == 0:
                            return self.finish("bad-request")
                        self.size, self.rate = size, kbps * 1000 / 8
                        self.t_tok = now()
                        self.tokens = min(self.rate * 0.05, 1 << 16) if self.rate else 0
            self.pump()
        except BlockingIOError:
            self.want_write()
        except OSError as e:
            self.finish(how_died(e))

    def pump(self):
        while self.size and self.sent < self.size:
            budget = self.size - self.sent
            if self.rate:
                t = now()
                self.tokens = min(self.tokens + (t - self.t_tok) * self.rate, self.rate * 0.05 + 1500)
                self.t_tok = t
                if self.tokens < 1500:
                    self.wake = t + (1500 - self.tokens) / self.rate
                    self.srv.loop.watch(self.sock, selectors.EVENT_READ, self.io)
                    return
                budget = min(budget, int(self.tokens))
            if self.chunk is None or self.off >= BLOCK:
                self.next_chunk()
            piece = self.chunk[self.off:self.off + min(budget, BLOCK - self.off)]
            n = self.sock.send(piece)
            self.crc = zlib.crc32(piece[:n], self.crc)
            self.sent += n
            self.off += n
            if self.rate:
                self.tokens -= n
            if n < len(piece):
                raise BlockingIOError
        if self.size and self.sent >= self.size and self.trailer is not None:
            if not self.trailer:
                self.trailer = CRC.pack(self.crc)
            n = self.sock.send(self.trailer)
            self.trailer = self.trailer[n:]
            if self.trailer:
                raise BlockingIOError
            self.trailer = None  # all sent: wait for the client's close
            self.wake = None
            self.srv.loop.watch(self.sock, selectors.EVENT_READ, self.io)

    def want_write(self):
        self.wake = None
        self.srv.loop.watch(self.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, self.io)

    def record(self):
        return dict(super().record(), size=self.size, sent=self.sent)


class Server:
    def __init__(self, a):
        self.a = a
        self.loop = Loop()
        self.block = random.Random(1).randbytes(BLOCK)
        self.echo, self.bulk, self.local = [], [], set()
        self.listeners = []
        for port, cls in ((a.port, EchoPeer), (a.bulk_port, BulkSource)):
            ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            ls.bind((a.bind, port))
            ls.listen(1024)
            ls.setblocking(False)
            self.loop.watch(ls, selectors.EVENT_READ, self.acceptor(ls, cls))
            self.listeners.append(ls)

    def acceptor(self, ls, cls):
        def accept(_mask):
            while True:
                try:
                    sock, addr = ls.accept()
                except BlockingIOError:
                    return
                self.local.add(sock.getsockname()[0])
                (self.echo if cls is EchoPeer else self.bulk).append(cls(self, sock, addr))
        return accept

    def run(self):
        mib0 = tcp_mib()
        t0 = now()
        print("listening", flush=True)
        while not self.loop.stop:
            t = now()
            wakes = [b.wake for b in self.bulk if b.wake is not None]
            self.loop.run_once(min([0.2] + [w - t for w in wakes]))
            t = now()
            for b in self.bulk:
                if b.wake is not None and b.wake <= t and b.end is None:
                    b.wake = None
                    try:
                        b.pump()
                    except BlockingIOError:
                        b.want_write()
                    except OSError as e:
                        b.finish(how_died(e))
        ends = {}
        for p in self.echo:
            ends[p.end or "open"] = ends.get(p.end or "open", 0) + 1
        write_json(self.a.out, {
            "role": "server", "started": t0, "stopped": now(),
            "local_addrs": sorted(self.local),
            "accepted": len(self.echo), "ends": ends,
            "peer_addrs": sorted({p.addr[0] for p in self.echo + self.bulk}),
            "mib": mib_delta(mib0, tcp_mib()),
            "conns": [p.record() for p in self.echo],
            "bulk": [b.record() for b in self.bulk],
        })
        for s in self.listeners:
            s.close()


# ---------------------------------------------------------------- client


class EchoConn:
    def __init__(self, cl, cid):
        self.cl, self.id = cl, cid
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setblocking(False)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.state = "connecting"
        self.t_start = now()
        self.t_up = self.t_first_echo = None
        self.sent = self.echoed = 0
        self.out, self.inbuf = bytearray(), bytearray()
        self.last_echo = None
        self.gap_ms, self.gap_from, self.gap_to = 0.0, None, None
        self.rtt_max_ms = 0.0
        self.died_at = self.how = None
        self.bad = 0  # echoes out of order or not ours
        self.lport = None
        self.sock.connect_ex((cl.a.dst, cl.a.port))
        cl.loop.watch(self.sock, selectors.EVENT_WRITE, self.io)

    def alive(self):
        return self.state in ("connecting", "up")

    def die(self, how, t=None):
        if not self.alive():
            return
        t = t or now()
        self.note_gap(t)
        self.state, self.how, self.died_at = "dead", how, t
        self.cl.loop.forget(self.sock)  # kept open until the end: a close now could send an RST
        if self.cl.established_printed:
            print(f"conn {self.id} lost ({how}) at {t:.3f}", flush=True)

    def note_gap(self, t):
        """Close the gap running since the last echo (or since the first send)."""
        ref = self.last_echo or self.t_up
        if ref is None:
            return
        g = (t - ref) * 1000
        if g > self.gap_ms:
            self.gap_ms, self.gap_from, self.gap_to = g, ref, t

    def send_msg(self, t):
        self.out += MSG.pack(MAGIC, self.id, self.sent, 0, int(t * 1e9))
        self.sent += 1
        self.flush()

    def flush(self):
        try:
            send_out(self.cl.loop, self.sock, self.out, self.io)
        except OSError as e:
            self.die(how_died(e))

    def io(self, mask):
        if self.state == "connecting":
            err = self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                return self.die("connect-" + errno.errorcode.get(err, str(err)).lower())
            self.state, self.t_up = "up", now()
            self.lport = self.sock.getsockname()[1]
            self.cl.loop.watch(self.sock, selectors.EVENT_READ, self.io)
            self.cl.schedule(self)  # the first message goes out at its phase
            return
        try:
            if mask & selectors.EVENT_READ:
                data = self.sock.recv(RECV)
                if not data:
                    return self.die("closed")
                self.inbuf += data
                self.parse(now())
        except BlockingIOError:
            pass
        except OSError as e:
            return self.die(how_died(e))
        if self.alive() and (self.out or mask & selectors.EVENT_WRITE):
            self.flush()  # also drops the write interest once the buffer is empty

    def parse(self, t):
        while len(self.inbuf) >= MSG.size:
            magic, cid, seq, _, t_ns = MSG.unpack_from(self.inbuf)
            del self.inbuf[:MSG.size]
            if magic != MAGIC or cid != self.id or seq != self.echoed:
                self.bad += 1
                continue
            self.echoed += 1
            self.rtt_max_ms = max(self.rtt_max_ms, (t - t_ns / 1e9) * 1000)
            self.note_gap(t)
            self.last_echo = t
            if self.t_first_echo is None:
                self.t_first_echo = t
                self.cl.first_echo_seen()

    def record(self):
        return {"id": self.id, "lport": self.lport, "state": self.state, "how": self.how,
                "died_at": self.died_at, "connected_at": self.t_up,
                "sent": self.sent, "echoed": self.echoed, "bad": self.bad,
                "gap_ms": round(self.gap_ms, 1), "gap_from": self.gap_from, "gap_to": self.gap_to,
                "rtt_max_ms": round(self.rtt_max_ms, 1)}


class BulkSink:
    def __init__(self, cl, size, mbps):
        self.cl, self.size = cl, size
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setblocking(False)
        self.state = "connecting"
        self.got = 0
        self.crc = 0
        self.tail = bytearray()
        self.buf = bytearray(RECV)
        self.t_start = now()
        self.t_first = self.t_end = None
        self.last_rx = None
        self.stall_ms, self.stall_from = 0.0, None
        self.how = None
        self.req = BULK_REQ.pack(BULK_MAGIC, size, int(mbps * 1000))
        self.sock.connect_ex((cl.a.dst, cl.a.bulk_port))
        cl.loop.watch(self.sock, selectors.EVENT_WRITE, self.io)

    def running(self):
        return self.state in ("connecting", "running")

    def end(self, state, how, t=None):
        t = t or now()
        if self.last_rx:
            self.note_stall(t)
        self.state, self.how, self.t_end = state, how, t
        self.cl.loop.forget(self.sock)
        if state == "ok":  # nothing unread: a clean FIN, never an RST
            self.sock.close()
        mb = self.got / 1e6
        secs = t - (self.t_first or self.t_start)
        msg = f"bulk {state} {how} bytes {self.got} of {self.size} secs {secs:.3f}"
        print(msg + (f" mbps {mb * 8 / secs:.1f}" if secs > 0 else ""), flush=True)

    def note_stall(self, t):
        g = (t - self.last_rx) * 1000
        if g > self.stall_ms:
            self.stall_ms, self.stall_from = g, self.last_rx

    def io(self, mask):
        try:
            if self.state == "connecting":
                err = self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if err:
                    return self.end("failed", "connect-" + errno.errorcode.get(err, str(err)).lower())
                self.sock.send(self.req)  # 16 bytes into an empty buffer
                self.state = "running"
                self.last_rx = now()
                self.cl.loop.watch(self.sock, selectors.EVENT_READ, self.io)
                return
            n = self.sock.recv_into(self.buf)
        except BlockingIOError:
            return
        except OSError as e:
            return self.end("failed", how_died(e))
        t = now()
        if n == 0:
            return self.end("failed", "closed-early")
        self.note_stall(t)
        self.last_rx = t
        self.t_first = self.t_first or t
        view = memoryview(self.buf)[:n]
        body = min(n, self.size - self.got) if self.got < self.size else 0
        self.crc = zlib.crc32(view[:body], self.crc)
        self.got += body
        self.tail += view[body:]
        if len(self.tail) > CRC.size:
            return self.end("failed", "too-long")
        if self.got == self.size and len(self.tail) == CRC.size:
            if CRC.unpack(self.tail)[0] != self.crc:
                return self.end("failed", "crc-mismatch")
            self.end("ok", "size-and-crc")

    def record(self):
        secs = (self.t_end or now()) - (self.t_first or self.t_start)
        return {"state": self.state, "how": self.how, "size": self.size, "got": self.got,
                "started": self.t_start, "ended": self.t_end, "secs": round(secs, 3),
                "mbps": round(self.got * 8 / 1e6 / secs, 1) if secs > 0 else 0.0,
                "stall_ms": round(self.stall_ms, 1), "stall_from": self.stall_from}


class Client:
    def __init__(self, a):
        self.a = a
        self.loop = Loop()
        self.conns = []
        self.heap = []
        self.first_echoes = 0
        self.established_printed = False
        self.bulk = None

    def schedule(self, c):
        # spread the connections' ticks over one interval
        phase = self.a.interval * c.id / max(1, self.a.conns)
        heapq.heappush(self.heap, (c.t_up + phase, c.id))

    def first_echo_seen(self):
        self.first_echoes += 1

    def settled_start(self):
        return all(c.t_first_echo is not None or not c.alive() for c in self.conns)

    def status(self, t, final=False):
        alive = [c for c in self.conns if c.alive()]
        stalled = [c for c in alive if c.sent > c.echoed and t - (c.last_echo or c.t_up or t) > 1.0]
        s = {"t": t, "conns": len(self.conns), "established": self.first_echoes,
             "alive": len(alive), "dead": len(self.conns) - len(alive), "stalled": len(stalled),
             "bulk": self.bulk.state if self.bulk else "none",
             "bulk_got": self.bulk.got if self.bulk else 0, "final": final}
        if self.a.status:
            write_json(self.a.status, s)
        return s

    def run(self):
        a = self.a
        mib0 = tcp_mib()
        t0 = now()
        for i in range(a.conns):
            self.conns.append(EchoConn(self, i))
        next_status = next_dead = t0
        bulk_started = a.bulk_bytes == 0
        end_at = t0 + a.duration if a.duration else None
        while not self.loop.stop and not (end_at and now() >= end_at):
            t = now()
            nxt = min([t + 0.05] + ([self.heap[0][0]] if self.heap else []))
            self.loop.run_once(nxt - t)
            t = now()
            while self.heap and self.heap[0][0] <= t:
                due, cid = heapq.heappop(self.heap)
                c = self.conns[cid]
                if c.state != "up":
                    continue
                c.send_msg(t)
                # descheduled for more than a tick: resume from now, no burst
                heapq.heappush(self.heap, (due + a.interval if due + a.interval > t else t + a.interval, cid))
            if not self.established_printed and (self.settled_start() or t - t0 > a.connect_timeout):
                for c in self.conns:
                    if c.t_first_echo is None and c.alive():
                        c.die("no-first-echo", t)
                self.established_printed = True
                ok = sum(1 for c in self.conns if c.alive())
                print(f"established {ok} of {a.conns} at {t:.3f}", flush=True)
                if not bulk_started:
                    self.bulk = BulkSink(self, a.bulk_bytes, a.bulk_mbps)
                    bulk_started = True
            if t >= next_dead:
                next_dead = t + 0.1
                for c in self.conns:
                    if c.state == "up" and c.sent > c.echoed and t - (c.last_echo or c.t_up) > a.dead_after:
                        c.die("timeout", t)
                b = self.bulk
                if b and b.state == "running" and t - b.last_rx > a.dead_after:
                    b.end("failed", "timeout", t)
            if t >= next_status:
                next_status = t + STATUS_EVERY
                self.status(t)
        t_stop = now()
        self.drain(t_stop)
        for c in self.conns:  # the gap still open at the stop
            if c.alive() and c.sent > c.echoed:
                c.note_gap(t_stop)
        if self.bulk and self.bulk.running():
            self.bulk.end("failed", "unfinished-at-stop", t_stop)
        mib = mib_delta(mib0, tcp_mib())
        self.status(t_stop, final=True)
        write_json(a.out, self.summary(t0, t_stop, mib))
        self.close_all()

    def drain(self, t_stop):
        """After the stop no message is sent; wait up to --drain s for echoes
        still on their way, so a clean stop does not count as a gap."""
        end = t_stop + self.a.drain
        while now() < end and any(c.state == "up" and c.sent > c.echoed for c in self.conns):
            self.loop.run_once(0.02)

    def close_all(self):
        for c in self.conns:
            if c.state == "up":
                try:
                    c.sock.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
        end = now() + 1.0  # read the server's FIN so no unread byte turns the close into an RST
        while now() < end:
            live = [c for c in self.conns if c.state == "up"]
            if not live:
                break
            for key, _ in self.loop.sel.select(0.05):
                c = next((c for c in live if c.sock is key.fileobj), None)
                if c is None:
                    continue
                try:
                    if not c.sock.recv(RECV):
                        c.state = "closed"
                        self.loop.forget(c.sock)
                except OSError:
                    c.state = "closed"
                    self.loop.forget(c.sock)
        for c in self.conns:
            c.sock.close()
        if self.bulk:
            self.bulk.sock.close()

    def summary(self, t0, t_stop, mib):
        conns = self.conns
        lost = [c for c in conns if c.state == "dead"]
        by_how = {}
        for c in lost:
            by_how[c.how] = by_how.get(c.how, 0) + 1
        worst = max(conns, key=lambda c: c.gap_ms) if conns else None
        gaps = sorted(c.gap_ms for c in conns)
        return {
            "role": "client", "dst": self.a.dst, "started": t0, "stopped": t_stop,
            "interval_s": self.a.interval, "dead_after_s": self.a.dead_after,
            "local_addrs": sorted({c.sock.getsockname()[0] for c in conns if c.lport}),
            "conns": len(conns), "established": self.first_echoes,
            "alive": len(conns) - len(lost), "lost": len(lost), "lost_by": by_how,
            "sent": sum(c.sent for c in conns), "echoed": sum(c.echoed for c in conns),
            "bad_echoes": sum(c.bad for c in conns),
            "gap_max_ms": round(worst.gap_ms, 1) if worst else 0.0,
            "gap_conn": worst.id if worst else None,
            "gap_from": worst.gap_from if worst else None,
            "gap_to": worst.gap_to if worst else None,
            "gap_median_ms": round(gaps[len(gaps) // 2], 1) if gaps else 0.0,
            "first_death": min((c.died_at for c in lost), default=None),
            "mib": mib,
            "bulk": self.bulk.record() if self.bulk else None,
            "per_conn": [c.record() for c in conns],
        }


# ---------------------------------------------------------------- report


def pcap_rsts(path, local):
    """(sent, received, first epoch) RST segments in a classic pcap: sent =
    source address is one of LOCAL (the capturing end's own addresses)."""
    sent = recv = 0
    first = None
    try:
        data = open(path, "rb").read()
    except OSError:
        return None
    if len(data) < 24:
        return None
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        raise SystemExit(f"{path}: not a classic pcap (capture with dumpcap -P)")
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    linktype = struct.unpack(end + "I", data[20:24])[0]
    rec = struct.Struct(end + "IIII")
    off = 24
    while off + rec.size <= len(data):
        sec, frac, incl, _ = rec.unpack_from(data, off)
        pkt = data[off + rec.size:off + rec.size + incl]
        off += rec.size + incl
        if linktype == 1:  # Ethernet, skipping VLAN tags
            l3, etype = 14, pkt[12:14]
            while etype == b"\x81\x00" and len(pkt) >= l3 + 4:
                etype, l3 = pkt[l3 + 2:l3 + 4], l3 + 4
        elif linktype == 113:  # Linux cooked
            l3, etype = 16, pkt[14:16]
        else:
            raise SystemExit(f"{path}: link type {linktype} not handled")
        if etype != b"\x08\x00" or len(pkt) < l3 + 20 or pkt[l3 + 9] != 6:
            continue
        ihl = (pkt[l3] & 15) * 4
        if len(pkt) < l3 + ihl + 14 or not pkt[l3 + ihl + 13] & 0x04:
            continue
        src = socket.inet_ntoa(pkt[l3 + 12:l3 + 16])
        if src in local:
            sent += 1
        else:
            recv += 1
        t = sec + frac / (1e9 if nano else 1e6)
        first = t if first is None else min(first, t)
    return sent, recv, first


def cmd_report(a):
    cl = json.load(open(a.client))
    sv = json.load(open(a.server)) if a.server else None
    r = {k: cl[k] for k in ("conns", "established", "alive", "lost", "sent", "echoed",
                            "bad_echoes", "gap_max_ms", "gap_conn", "gap_median_ms")}
    for how in ("reset", "epipe", "closed", "timeout", "timeout-kernel"):
        r["lost_" + how.replace("-", "_")] = cl["lost_by"].get(how, 0)
    r["lost_other"] = r["lost"] - sum(r["lost_" + h.replace("-", "_")] for h in
                                      ("reset", "epipe", "closed", "timeout", "timeout-kernel"))
    fault = a.fault
    rel = (lambda t: round(t - fault, 3) if t is not None else "") if fault else (lambda t: t or "")
    r["gap_from"], r["gap_to"] = rel(cl["gap_from"]), rel(cl["gap_to"])
    r["first_death"] = rel(cl["first_death"])
    b = cl.get("bulk")
    r["bulk"] = b["state"] if b else "none"
    r["bulk_ok"] = 1 if b and b["state"] == "ok" else 0
    r["bulk_how"] = b["how"] if b else ""
    r["bulk_bytes"] = b["got"] if b else 0
    r["bulk_mbps"] = b["mbps"] if b else 0
    r["bulk_secs"] = b["secs"] if b else 0
    r["bulk_stall_ms"] = b["stall_ms"] if b else 0
    for k, v in cl["mib"].items():
        r["client_" + k] = v
    if sv:
        r["server_accepted"] = sv["accepted"]
        r["server_resets"] = sv["ends"].get("reset", 0)
        r["server_peers"] = ",".join(sv["peer_addrs"])
        for k, v in sv["mib"].items():
            r["server_" + k] = v
    r["rst_total"] = 0
    local = {"client": set(cl["local_addrs"]), "server": set(sv["local_addrs"]) if sv else set()}
    for spec in a.capture:
        name, _, path = spec.partition("=")
        got = pcap_rsts(path, local.get(name, set()))
        if got is None:
            raise SystemExit(f"capture {name}: cannot read {path}")
        r[f"rst_{name}_sent"], r[f"rst_{name}_recv"], first = got
        r[f"rst_{name}_first"] = rel(first)
        r["rst_total"] += got[0] + got[1]
    if a.json:
        write_json(a.json, r)
    for k, v in r.items():
        print(f"tcp_{k}={v}" if isinstance(v, (int, float)) else f"tcp_{k}='{v}'")


# ---------------------------------------------------------------- main


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("server")
    s.add_argument("--bind", default="0.0.0.0")
    s.add_argument("--port", type=int, default=7000)
    s.add_argument("--bulk-port", type=int, default=7001)
    s.add_argument("--out", required=True)
    c = sub.add_parser("client")
    c.add_argument("dst")
    c.add_argument("--port", type=int, default=7000)
    c.add_argument("--bulk-port", type=int, default=7001)
    c.add_argument("--conns", type=int, default=200)
    c.add_argument("--interval", type=float, default=0.1)
    c.add_argument("--bulk-bytes", type=int, default=0)
    c.add_argument("--bulk-mbps", type=float, default=0.0)
    c.add_argument("--dead-after", type=float, default=15.0)
    c.add_argument("--connect-timeout", type=float, default=10.0)
    c.add_argument("--duration", type=float, default=0.0)
    c.add_argument("--drain", type=float, default=1.0)
    c.add_argument("--status")
    c.add_argument("--out", required=True)
    r = sub.add_parser("report")
    r.add_argument("--client", required=True)
    r.add_argument("--server")
    r.add_argument("--capture", action="append", default=[])
    r.add_argument("--fault", type=float)
    r.add_argument("--json")
    a = p.parse_args()
    if a.cmd == "server":
        Server(a).run()
    elif a.cmd == "client":
        Client(a).run()
    else:
        cmd_report(a)


if __name__ == "__main__":
    sys.exit(main())
