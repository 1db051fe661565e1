#!/usr/bin/python3
"""After gen_frames6.py's frames: /router/routes6 and /router/neighbors6 of
the running router (forwarding6.cfg) hold exactly the configured routes, the
static neighbours and the two the router learned from an NS and an NA.

    check_tables6.py PREFIX
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from telemetry import Telemetry  # noqa: E402

ROUTES = {  # prefix -> (type, via, port)
    "2001:db8:1::1/128": ("local", "", "lan"),
    "2001:db8:1::/64": ("connected", "", "lan"),
    "2001:db8:2::1/128": ("local", "", "wan"),
    "2001:db8:2::/64": ("connected", "", "wan"),
    "2001:db8:20::/48": ("gateway", "2001:db8:2::2", "wan"),
    "2001:db8:20:1::/64": ("gateway", "fe80::2", "lan"),
    "2001:db8:30::/64": ("connected", "", "wan"),
}
NEIGHBOURS = {  # (ip, port) -> (mac, state)
    ("2001:db8:1::10", "lan"): ("02:00:00:00:00:10", "static"),
    ("fe80::10", "lan"): ("02:00:00:00:00:10", "static"),
    ("fe80::2", "lan"): ("02:00:00:00:00:02", "static"),
    ("2001:db8:2::2", "wan"): ("02:00:00:00:01:02", "static"),
    ("2001:db8:2::9", "wan"): ("02:00:00:00:01:09", "static"),
    ("2001:db8:1::11", "lan"): ("02:00:00:00:00:11", "reachable"),   # from its NS
    ("2001:db8:1::12", "lan"): ("02:00:00:00:00:12", "reachable"),   # from its NA
}


def rows(reply, cmd, cols):
    t = reply[cmd]
    return list(zip(*(t[c] for c in cols))), t["count"]


def main():
    tel = Telemetry(sys.argv[1])
    errors = []
    got, n = rows(tel.query("/router/routes6"), "/router/routes6", ("prefix", "type", "via", "port"))
    table = {p: (t, v, port) for p, t, v, port in got}
    if table != ROUTES or n != len(ROUTES):
        errors.append(f"/router/routes6 = {table} (count {n}), want {ROUTES}")
    deadline = time.monotonic() + 5  # the writer drains the learn ring every few ms
    while True:
        got, n = rows(tel.query("/router/neighbors6"), "/router/neighbors6",
                      ("ip", "port", "mac", "state"))
        table = {(ip, port): (mac, st) for ip, port, mac, st in got}
        if table == NEIGHBOURS or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    if table != NEIGHBOURS or n != len(NEIGHBOURS):
        errors.append(f"/router/neighbors6 = {table} (count {n}), want {NEIGHBOURS}")
    for e in errors:
        print(f"FAIL  {e}")
    print(f"check_tables6: {len(ROUTES)} routes, {len(NEIGHBOURS)} neighbours, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
