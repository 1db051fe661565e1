#!/usr/bin/python3
"""Compare a scraped exposition with the router's telemetry.

    check_metrics.py BEFORE.json SCRAPE.txt AFTER.json

BEFORE and AFTER are telemetry snapshots (tests/metrics/test_exporter.sh
takes them with snapshot()) just before and just after the scrape. A counter
must lie between its two snapshot values; a value that does not move (a
CARP state, a gauge of the configuration) must equal both. Parsing uses
prometheus_client's own parser. Prints one line per failure; exit 1 if any.
"""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def samples(text):
    out = {}
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def get(m, name, **labels):
    return m.get((name, tuple(sorted(labels.items()))))


def between(m, name, lo, hi, **labels):
    v = get(m, name, **labels)
    if v is None:
        fail(f"{name}{labels} missing")
    elif not lo <= v <= hi:
        fail(f"{name}{labels} = {v}, telemetry moved from {lo} to {hi}")


def equal(m, name, want, **labels):
    v = get(m, name, **labels)
    if v != want:
        fail(f"{name}{labels} = {v}, telemetry says {want}")


def main():
    before = json.load(open(sys.argv[1]))
    m = samples(open(sys.argv[2]).read())
    after = json.load(open(sys.argv[3]))
    equal(m, "carp_router_up", 1)

    # per port rx/tx
    b, a = before["/router/stats"], after["/router/stats"]
    for i, port in enumerate(a["ports"]):
        for key in ("port_rx_packets", "port_rx_bytes", "port_tx_packets", "port_tx_bytes",
                    "port_tx_dropped", "port_rx_missed"):
            between(m, f"carp_router_{key}_total", b[key][i], a[key][i], port=port)
    between(m, "carp_router_forwarded_packets_total", b["forwarded"], a["forwarded"])
    # every drop reason, by name
    reasons = [k for k in a if k.startswith("drop_")]
    if len(reasons) < 20:
        fail(f"only {len(reasons)} drop reasons in telemetry")
    for k in reasons:
        between(m, "carp_router_drops_total", b[k], a[k], reason=k[len("drop_"):])
    # the packet pool: gauges that move, but in use + free is the pool's size
    pool = [get(m, "carp_router_mbufs", state=s) for s in ("in_use", "free")]
    if None in pool or sum(pool) != a["mbufs_total"]:
        fail(f"carp_router_mbufs in_use, free = {pool}, want a sum of {a['mbufs_total']}")
    between(m, "carp_router_events_total", b["icmp_echo_replies_sent"],
            a["icmp_echo_replies_sent"], event="icmp_echo_replies_sent")

    # per lcore
    bl, al = before["/router/lcores"], after["/router/lcores"]
    for i, lc in enumerate(al["lcores"]):
        between(m, "carp_router_lcore_packets_total", bl["packets"][i], al["packets"][i],
                lcore=str(lc))
        between(m, "carp_router_lcore_busy_cycles_total", bl["cycles_busy"][i],
                al["cycles_busy"][i], lcore=str(lc))
        between(m, "carp_router_lcore_cycles_total", bl["cycles_total"][i],
                al["cycles_total"][i], lcore=str(lc))
        v = get(m, "carp_router_lcore_busy_ratio", lcore=str(lc))
        if v is None or not 0 <= v <= 1:
            fail(f"lcore {lc} busy ratio {v}")
        if get(m, "carp_router_lcore_cycles_per_packet", lcore=str(lc)) is None:
            fail(f"lcore {lc} cycles per packet missing")
    equal(m, "carp_router_tsc_hz", al["tsc_hz"])

    # CARP: state per vhid as a labelled gauge, demotion, carpstats
    for name, info in after["carp_info"].items():
        for vhid, r in info["vhids"].items():
            for s in ("INIT", "BACKUP", "MASTER"):
                equal(m, "carp_router_carp_state", 1 if r["state"] == s else 0,
                      interface=name, vhid=vhid, state=s)
            equal(m, "carp_router_carp_advskew", r["advskew"], interface=name, vhid=vhid)
            between(m, "carp_router_carp_transitions_total",
                    before["carp_info"][name]["vhids"][vhid]["transitions"], r["transitions"],
                    interface=name, vhid=vhid)
        equal(m, "carp_router_carp_interface_demote", info["demote"], interface=name)
    for group, g in after["/carp/groups"].items():
        equal(m, "carp_router_carp_group_demote", g["demote"], group=group)
        for src, v in g["ledger"].items():
            equal(m, "carp_router_carp_group_demote_source", v, group=group, source=src)
    bs, as_ = before["/carp/stats"], after["/carp/stats"]
    for key in ("ipackets", "opackets", "badauth", "badvhid", "adv_tx", "hook_runs"):
        between(m, "carp_router_carpstats_total", bs[key], as_[key], counter=key)

    ifs = after.get("/ifstated/info")
    if ifs:
        for s in ifs["states"]:
            equal(m, "carp_router_ifstated_state", 1 if s == ifs["state"] else 0, state=s)
        between(m, "carp_router_ifstated_transitions_total",
                before["/ifstated/info"]["transitions"], ifs["transitions"])
        for k, t in ifs["tests"].items():
            equal(m, "carp_router_ifstated_test_status", t["status"], state=t["state"],
                  test=t["command"])
            between(m, "carp_router_ifstated_test_runs_total",
                    before["/ifstated/info"]["tests"][k]["runs"], t["runs"],
                    state=t["state"], test=t["command"])
    print(f"check_metrics: {len(m)} samples, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
