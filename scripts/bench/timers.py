#!/usr/bin/python3
"""CARP timer accuracy of a running carp-router, from its telemetry.

    timers.py PREFIX SECONDS

Waits until carp0 vhid 1 is MASTER, resets the window, then after SECONDS
prints one line of key=value figures: adverts sent per second against the
configured interval, the control lcore's worst timer lateness (us) and the
packets the worker forwarded per second over the same window.
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "lib"))
from telemetry import Telemetry  # noqa: E402


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    prefix, secs = sys.argv[1], float(sys.argv[2])
    tel = Telemetry(prefix, wait=30)
    q = lambda cmd: tel.query(cmd).get(cmd.split(",")[0])  # noqa: E731
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        info = q("/carp/info,carp0")
        # the control lcore publishes its view a moment after the socket opens
        if info and info.get("vhids", {}).get("1", {}).get("state") == "MASTER":
            break
        time.sleep(0.2)
    else:
        raise SystemExit("carp0 vhid 1 never became MASTER")

    def sample():
        st, rs = q("/carp/stats"), q("/router/stats")
        return st["adv_tx"], st["timer_late_us_max"], rs["forwarded"], time.monotonic()

    a0, late0, f0, t0 = sample()
    time.sleep(secs)
    a1, late1, f1, t1 = sample()
    dt = t1 - t0
    print(f"adverts_per_s={(a1 - a0) / dt:.3f} timer_late_us_max={late1} "
          f"late_max_grew={'yes' if late1 > late0 else 'no'} forwarded_pps={(f1 - f0) / dt:.0f}")


if __name__ == "__main__":
    main()
