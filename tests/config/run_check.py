#!/usr/bin/python3
"""Input frames and telemetry assertions for test_run.sh.

    run_check.py frames OUT.pcap          write the lan0 input (6 frames)
    run_check.py telemetry PREFIX CONFIG  query /router/* and assert every value

The router runs config/static-neighbours.cfg on net_pcap vdevs: lan0 is
net_pcap0 (MAC 02:70:63:61:70:00, net_pcap's fixed address for port 0).
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from telemetry import Telemetry  # noqa: E402

LAN_MAC = "02:70:63:61:70:00"
HOST_MAC = "02:00:00:00:00:0a"  # 192.0.2.10, a static neighbour in the config
ARPER_MAC = "02:00:00:00:00:14"  # 192.0.2.20, learned from its ARP request
N_FRAMES = 6


def frames(out):
    from scapy.all import ARP, ICMP, IP, UDP, Ether, wrpcap

    eth = Ether(src=HOST_MAC, dst=LAN_MAC)
    bad = IP(src="192.0.2.10", dst="203.0.113.5") / UDP(sport=1, dport=2)
    bad = bad.__class__(bytes(bad))
    bad.chksum ^= 0xFFFF
    pkts = [
        eth / IP(src="192.0.2.10", dst="192.0.2.1") / ICMP(type=8, id=1, seq=1) / b"ping",
        eth / IP(src="192.0.2.10", dst="203.0.113.5", ttl=64) / UDP(sport=1000, dport=2000) / (b"x" * 18),
        eth / IP(src="192.0.2.10", dst="10.9.9.9") / UDP(sport=1000, dport=2000) / (b"x" * 18),
        eth / bad,
        Ether(src=ARPER_MAC, dst="ff:ff:ff:ff:ff:ff")
        / ARP(op=1, hwsrc=ARPER_MAC, psrc="192.0.2.20", pdst="192.0.2.1"),
        eth / IP(src="192.0.2.10", dst="203.0.113.5", ttl=1) / UDP(sport=1000, dport=2000) / (b"x" * 18),
    ]
    assert len(pkts) == N_FRAMES
    wrpcap(out, pkts)


failures = []


def expect(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")


def telemetry(prefix, config):
    tel = Telemetry(prefix, wait=20)
    q = lambda cmd: tel.query(cmd)[cmd]  # noqa: E731
    deadline = time.monotonic() + 20
    # The socket answers before the router has published its state (the
    # handlers reply null until then): wait for a real reply, then for the
    # worker to have counted every frame.
    while time.monotonic() < deadline:
        lcores = q("/router/lcores")
        if lcores is not None and lcores["packets"] == [N_FRAMES]:
            break
        time.sleep(0.2)
    time.sleep(0.5)  # let the main thread's neighbour service drain what was learned

    info = q("/router/info")
    expect("info.config", info["config"], config)
    expect("info.polling", info["polling"], "busy")
    expect("info.main_lcore", info["main_lcore"], 0)
    expect("info.workers", info["workers"], [1])
    expect("info.ports", info["ports"], ["lan0", "srv0"])
    expect("info.port_devices", info["port_devices"], ["net_pcap0", "net_pcap1"])
    expect("info.port_macs", [m.lower() for m in info["port_macs"]], [LAN_MAC, "02:70:63:61:70:01"])
    expect("info.port_rx_queues", info["port_rx_queues"], [1, 1])
    expect("info.port_tx_queues", info["port_tx_queues"], [2, 2])
    expect("info.port_mtus", info["port_mtus"], [1500, 1500])
    expect("info.version", info["version"].count("."), 2)

    st = q("/router/stats")
    expect("stats.ports", st["ports"], ["lan0", "srv0"])
    expect("stats.port_rx_packets", st["port_rx_packets"], [N_FRAMES, 0])
    # lan0: echo reply, ARP reply, unreachable, time exceeded; srv0: the forwarded one
    expect("stats.port_tx_packets", st["port_tx_packets"], [4, 1])
    expect("stats.forwarded", st["forwarded"], 1)
    expect("stats.drops_total", st["drops_total"], 3)
    expect("stats.drop_no_route", st["drop_no_route"], 1)
    expect("stats.drop_bad_checksum", st["drop_bad_checksum"], 1)
    expect("stats.drop_ttl_exceeded", st["drop_ttl_exceeded"], 1)
    expect("stats.icmp_echo_replies_sent", st["icmp_echo_replies_sent"], 1)
    expect("stats.arp_replies_sent", st["arp_replies_sent"], 1)
    expect("stats.icmp_unreachable_sent", st["icmp_unreachable_sent"], 1)
    expect("stats.icmp_time_exceeded_sent", st["icmp_time_exceeded_sent"], 1)
    expect("stats.lcores", st["lcores"], [1])
    expect("stats.lcore_packets", st["lcore_packets"], [N_FRAMES])
    expect("stats.lcore_drops", st["lcore_drops"], [3])
    # The packet pool, against DPDK's own view of it: after the six frames
    # (replies, an ARP learned, drops) every mbuf is back; none leaked.
    pool = tel.query("/mempool/info,rtr_mbufs")["/mempool/info"]
    expect("stats.mbufs_total", st["mbufs_total"], pool["size"])
    expect("stats.mbufs_total>0", st["mbufs_total"] > 0, True)
    expect("stats.mbufs_in_use", st["mbufs_in_use"], 0)
    expect("stats.mbufs_free", st["mbufs_free"], pool["size"])

    rt = q("/router/routes")
    expect("routes", rt, {
        "count": 5,
        "prefix": ["192.0.2.1/32", "192.0.2.0/24", "198.51.100.1/32", "198.51.100.0/24",
                   "203.0.113.0/24"],
        "type": ["local", "connected", "local", "connected", "gateway"],
        "via": ["", "", "", "", "198.51.100.2"],
        "port": ["lan0", "lan0", "srv0", "srv0", "srv0"],
    })

    nb = q("/router/neighbors")
    rows = sorted(zip(nb["ip"], [m.lower() for m in nb["mac"]], nb["port"], nb["state"]))
    expect("neighbors", rows, [
        ("192.0.2.10", HOST_MAC, "lan0", "static"),
        ("192.0.2.20", ARPER_MAC, "lan0", "reachable"),
        ("198.51.100.2", "02:00:00:00:01:02", "srv0", "static"),
    ])
    expect("neighbors.count", nb["count"], 3)

    lc = q("/router/lcores")
    expect("lcores.lcores", lc["lcores"], [1])
    expect("lcores.packets", lc["packets"], [N_FRAMES])
    expect("lcores.rx_queues", lc["rx_queues"], ["lan0:0 srv0:0"])
    expect("lcores.busy_polls>0", lc["busy_polls"][0] > 0, True)
    expect("lcores.cycles_per_packet>0", lc["cycles_per_packet"][0] > 0, True)
    expect("lcores.busy_percent<=100", lc["busy_percent"][0] <= 100, True)
    expect("lcores.cycles_total>=cycles_busy", lc["cycles_total"][0] >= lc["cycles_busy"][0], True)
    tel.close()

    for f in failures:
        print(f"FAIL: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "frames":
        frames(sys.argv[2])
        sys.exit(0)
    if len(sys.argv) == 4 and sys.argv[1] == "telemetry":
        sys.exit(telemetry(sys.argv[2], sys.argv[3]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
