#!/usr/bin/python3
"""One-screen status of a running carp-router, from its telemetry.

    scripts/status.py FILE_PREFIX

Reads /router/info, /router/stats, /router/neighbors and /router/lcores
(columns, see docs/operations.md) and prints them as small tables; drop
reasons and events are listed only when non-zero.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lib"))
from telemetry import Telemetry  # noqa: E402


def table(header, rows):
    cols = [header] + [[str(c) for c in r] for r in rows]
    width = [max(len(r[i]) for r in cols) for i in range(len(header))]
    for r in cols:
        print("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, width))).rstrip())


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    tel = Telemetry(sys.argv[1], wait=5)
    info = tel.query("/router/info")["/router/info"]
    st = tel.query("/router/stats")["/router/stats"]
    nb = tel.query("/router/neighbors")["/router/neighbors"]
    lc = tel.query("/router/lcores")["/router/lcores"]

    print(f"carp-router {info['version']} ({info['dpdk']}), config {info['config']}, "
          f"up {info['uptime_s']} s, {info['polling']} polling, workers {info['workers']}")
    print("ports:")
    table(["name", "device", "mac", "link", "rx pkts", "tx pkts", "rx missed", "tx dropped"],
          zip(info["ports"], info["port_devices"], info["port_macs"], info["port_links"],
              st["port_rx_packets"], st["port_tx_packets"], st["port_rx_missed"], st["port_tx_dropped"]))
    drops = {k[5:]: v for k, v in st.items() if k.startswith("drop_") and v}
    skip = {"ports", "forwarded", "drops_total", "frames_ended", "lcores", "lcore_packets",
            "lcore_drops"}
    events = {k: v for k, v in st.items()
              if not k.startswith(("drop_", "port_", "kernel_")) and k not in skip and v}
    kernel = {k[7:]: v for k, v in st.items() if k.startswith("kernel_")}
    print(f"forwarded {st['forwarded']}, dropped {st['drops_total']}"
          + (": " + ", ".join(f"{k} {v}" for k, v in drops.items()) if drops else ""))
    if "frames_ended" in st:
        print(f"frames ended {st['frames_ended']} of {sum(st['port_rx_packets'])} received")
    if events:
        print("events: " + ", ".join(f"{k} {v}" for k, v in events.items()))
    if kernel:
        print("kernel (af_packet) " + ", ".join(f"{k} {v}" for k, v in kernel.items()))
    print(f"neighbours ({nb['count']}):")
    table(["ip", "mac", "port", "state", "age ms"],
          zip(nb["ip"], nb["mac"], nb["port"], nb["state"], nb["age_ms"]))
    print("worker lcores:")
    table(["lcore", "packets", "busy polls", "cycles/pkt", "busy %", "rx queues"],
          zip(lc["lcores"], lc["packets"], lc["busy_polls"], lc["cycles_per_packet"],
              lc["busy_percent"], lc["rx_queues"]))
    tel.close()


if __name__ == "__main__":
    main()
