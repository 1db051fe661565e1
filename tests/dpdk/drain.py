#!/usr/bin/python3
"""Wait until a router on net_pcap vdevs has taken in and processed a whole
input pcap, then print its /router/stats reply (JSON) for the checker.

    drain.py PREFIX EXPECT.json [TIMEOUT_S]

Checks first that the ports have the MACs the frames were built for. "Done"
means port 0 received frames_in frames and /router/stats then stayed the
same across three reads 100 ms apart (the worker finished the last burst).
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from telemetry import Telemetry  # noqa: E402


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    prefix, spec = sys.argv[1], json.load(open(sys.argv[2]))
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
    tel = Telemetry(prefix, wait=timeout)
    for port, want in enumerate(spec["port_macs"]):
        got = tel.query(f"/ethdev/info,{port}")["/ethdev/info"]["mac_addr"]
        if got.lower() != want:
            raise SystemExit(f"drain: port {port} has MAC {got}, frames were built for {want}")

    deadline = time.monotonic() + timeout
    rx = 0
    while rx < spec["frames_in"]:
        rx = tel.query("/ethdev/stats,0")["/ethdev/stats"]["ipackets"]
        if time.monotonic() > deadline:
            raise SystemExit(f"drain: port 0 received {rx} of {spec['frames_in']} frames in {timeout}s")
        time.sleep(0.05)
    same, last = 0, None
    while same < 3:
        stats = tel.query("/router/stats")
        same = same + 1 if stats == last else 0
        last = stats
        if time.monotonic() > deadline:
            raise SystemExit("drain: /router/stats still changing")
        time.sleep(0.1)
    print(json.dumps(last))


if __name__ == "__main__":
    main()
