#!/usr/bin/python3
"""Packet rate of a running DPDK process, from its telemetry /ethdev/stats.

    rate.py PREFIX TX_PORT [SECONDS] [WARMUP]      (5 s after a 2 s warm-up)

Waits for the telemetry socket, lets the process warm up, then samples the
TX_PORT's opackets twice SECONDS apart and prints packets/s as an integer.
For carp-router it also prints the worker's own busy cycles per packet over
the same window (/router/lcores: cycles_busy and packets deltas), else "-".
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "lib"))
from telemetry import Telemetry  # noqa: E402


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    prefix, port = sys.argv[1], int(sys.argv[2])
    secs = float(sys.argv[3]) if len(sys.argv) > 3 else 5.0
    warmup = float(sys.argv[4]) if len(sys.argv) > 4 else 2.0
    tel = Telemetry(prefix, wait=30)

    def sample():
        lc = tel.query("/router/lcores").get("/router/lcores") or {}
        busy = (sum(lc["cycles_busy"]), sum(lc["packets"])) if "cycles_busy" in lc else None
        return tel.query(f"/ethdev/stats,{port}")["/ethdev/stats"]["opackets"], time.monotonic(), busy

    time.sleep(warmup)
    n0, t0, b0 = sample()
    time.sleep(secs)
    n1, t1, b1 = sample()
    cpp = "-"
    if b0 and b1 and b1[1] > b0[1]:
        cpp = f"{(b1[0] - b0[0]) / (b1[1] - b0[1]):.1f}"
    print(int((n1 - n0) / (t1 - t0)), cpp)


if __name__ == "__main__":
    main()
