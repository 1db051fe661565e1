#!/usr/bin/python3
"""Query a DPDK process over its telemetry socket.

    telemetry.py [--wait SECS] [--pretty] PREFIX CMD [CMD...]

PREFIX is the process's --file-prefix; the socket is
/var/run/dpdk/PREFIX/dpdk_telemetry.v2 (SOCK_SEQPACKET). Prints one JSON reply
per command, one per line (--pretty: indented). Importable: Telemetry(prefix, wait).query(cmd).
"""
import argparse
import json
import socket
import sys
import time


def socket_path(prefix):
    return f"/var/run/dpdk/{prefix}/dpdk_telemetry.v2"


class Telemetry:
    def __init__(self, prefix, wait=0.0):
        path = socket_path(prefix)
        deadline = time.monotonic() + wait
        while True:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            try:
                self.sock.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError) as e:
                self.sock.close()
                if time.monotonic() >= deadline:
                    raise OSError(f"telemetry socket {path}: {e.strerror}") from e
                time.sleep(0.1)
        # The server greets first with its limits: {"version":..,"pid":..,"max_output_len":..}
        greeting = json.loads(self.sock.recv(4096))
        self.max_len = int(greeting["max_output_len"])
        self.pid = greeting.get("pid")

    def query(self, cmd):
        self.sock.send(cmd.encode())
        reply = self.sock.recv(self.max_len)
        if not reply:
            raise OSError(f"telemetry: connection closed on {cmd}")
        return json.loads(reply)

    def close(self):
        self.sock.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wait", type=float, default=0.0,
                    help="seconds to wait for the socket to appear")
    ap.add_argument("--pretty", action="store_true", help="indent the JSON")
    ap.add_argument("prefix")
    ap.add_argument("cmd", nargs="+")
    args = ap.parse_args()
    try:
        tel = Telemetry(args.prefix, args.wait)
        for cmd in args.cmd:
            print(json.dumps(tel.query(cmd), indent=2 if args.pretty else None))
        tel.close()
    except (OSError, ValueError) as e:
        print(f"telemetry.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
