#!/usr/bin/python3
"""Read and wait for CARP state over a router's telemetry (contract section 6).

    carpwatch.py status PREFIX                 one line per vhid
    carpwatch.py get PREFIX IFACE VHID [FIELD] a vhid's field (default state;
                                               "reason" = last transition's reason)
    carpwatch.py group PREFIX GROUP [SOURCE]   a group's demote counter, or one
                                               ledger entry (boot, link, operator...)
    carpwatch.py wait [--timeout S] [--interval S] COND...
        COND = PREFIX:IFACE:VHID=STATE[|STATE...]; polls every router named
        until every condition holds at the same poll; prints
        "reached after S.SSS s at EPOCH changed EPOCH2" (exit 0; EPOCH2: the
        latest of the vhids' last transitions by the routers' own clocks, from
        last_transition.ago_ms) or the last states seen (exit 1).
        A router that does not answer has state "DOWN".
    carpwatch.py dump PREFIX                   /carp/list, /carp/info of each
                                               interface, /carp/groups, /carp/stats,
                                               /router/stats (for failure reports)
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from telemetry import Telemetry  # noqa: E402


def reply(tel, cmd):
    """The value under the command's key, or the whole reply."""
    r = tel.query(cmd)
    key = cmd.split(",")[0]
    return r.get(key, r) if isinstance(r, dict) else r


def vhid_rows(info):
    """The vhid entries of a /carp/info reply as a list of dicts: telemetry
    nests them as a dict keyed by vhid (DPDK 22.11 has no arrays of dicts);
    a list of dicts (the contract's sketch) is accepted too."""
    v = info.get("vhids") if isinstance(info, dict) else None
    if isinstance(v, dict):
        return [dict(row, vhid=row.get("vhid", k)) for k, row in v.items()]
    if isinstance(v, list):
        return [row for row in v if isinstance(row, dict)]
    return []


def field(row, name):
    """A vhid row's field; 'reason' digs into last_transition."""
    if name in row:
        return row[name]
    lt = row.get("last_transition")
    if isinstance(lt, dict) and name in lt:
        return lt[name]
    return None


def interfaces(tel):
    lst = reply(tel, "/carp/list")
    return lst if isinstance(lst, list) else []


def find_row(tel, iface, vhid):
    info = reply(tel, f"/carp/info,{iface}")
    for row in vhid_rows(info):
        if str(row.get("vhid")) == str(vhid):
            return info, row
    return info, None


def cmd_status(a):
    tel = Telemetry(a.prefix)
    lst = reply(tel, "/carp/list")
    if not isinstance(lst, list):
        print(f"(no CARP telemetry: /carp/list answered {json.dumps(lst)})")
        return 1
    for iface in lst:
        info = reply(tel, f"/carp/info,{iface}")
        for row in vhid_rows(info):
            print(f"{iface}: carp: {field(row, 'state')} carpdev {info.get('carpdev')} "
                  f"vhid {row.get('vhid')} advbase {info.get('advbase')} "
                  f"advskew {row.get('advskew')} demote {info.get('demote')} "
                  f"balancing {info.get('balancing')} master {row.get('master_addr')} "
                  f"reason: {field(row, 'reason')}")
    return 0


def cmd_get(a):
    info, row = find_row(Telemetry(a.prefix), a.iface, a.vhid)
    if row is None:
        print(f"carpwatch: no vhid {a.vhid} on {a.iface}: {json.dumps(info)}", file=sys.stderr)
        return 1
    v = field(row, a.field)
    if v is None and isinstance(info, dict):
        v = info.get(a.field)
    print(v if not isinstance(v, (dict, list)) else json.dumps(v))
    return 0


def cmd_group(a):
    groups = reply(Telemetry(a.prefix), "/carp/groups")
    g = groups.get(a.group) if isinstance(groups, dict) else None
    if not isinstance(g, dict):
        print(f"carpwatch: no group {a.group}: {json.dumps(groups)}", file=sys.stderr)
        return 1
    if a.source is None:
        print(g.get("demote"))
        return 0
    ledger = g.get("ledger", g)
    print(ledger.get(a.source) if isinstance(ledger, dict) else None)
    return 0


def parse_cond(text):
    try:
        where, states = text.split("=", 1)
        prefix, iface, vhid = where.split(":")
        return prefix, iface, vhid, set(states.split("|"))
    except ValueError:
        raise SystemExit(f"carpwatch: bad condition {text!r} (PREFIX:IFACE:VHID=STATE)")


def changed_at(row, asked_at):
    """Epoch time of the row's last transition by the router's own clock
    (the reply's ago_ms/ago_s), or None."""
    lt = row.get("last_transition") if row else None
    if not isinstance(lt, dict):
        return None
    if isinstance(lt.get("ago_ms"), (int, float)):
        return asked_at - lt["ago_ms"] / 1000
    if isinstance(lt.get("ago_s"), (int, float)):
        return asked_at - lt["ago_s"]
    return None


def current(tels, prefix, iface, vhid):
    """(state, epoch of its last transition or None) of one vhid."""
    try:
        if tels.get(prefix) is None:
            tels[prefix] = Telemetry(prefix)
        asked_at = time.time()
        _, row = find_row(tels[prefix], iface, vhid)
        return (field(row, "state"), changed_at(row, asked_at)) if row else ("NOVHID", None)
    except (OSError, ValueError):
        tels[prefix] = None  # reconnect next poll (a restarted router)
        return "DOWN", None


def cmd_wait(a):
    conds = [parse_cond(c) for c in a.cond]
    tels = {}
    start = time.monotonic()
    while True:
        now = [current(tels, p, i, v) for p, i, v, _ in conds]
        seen = [s for s, _ in now]
        if all(s in c[3] for s, c in zip(seen, conds)):
            at = [t for _, t in now if t is not None]
            changed = f"{max(at):.3f}" if at else "unknown"
            print(f"reached after {time.monotonic() - start:.3f} s at {time.time():.3f}"
                  f" changed {changed}")
            return 0
        if time.monotonic() - start > a.timeout:
            states = ", ".join(f"{p}:{i}:{v}={s}" for (p, i, v, _), s in zip(conds, seen))
            print(f"not reached after {a.timeout} s: {states}")
            return 1
        time.sleep(a.interval)


def cmd_dump(a):
    tel = Telemetry(a.prefix)
    cmds = ["/carp/list"] + [f"/carp/info,{i}" for i in interfaces(tel)] + \
        ["/carp/groups", "/carp/stats", "/router/stats"]
    for c in cmds:
        print(c, json.dumps(tel.query(c), indent=1))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("status")
    p.add_argument("prefix")
    p = sub.add_parser("get")
    p.add_argument("prefix")
    p.add_argument("iface")
    p.add_argument("vhid")
    p.add_argument("field", nargs="?", default="state")
    p = sub.add_parser("group")
    p.add_argument("prefix")
    p.add_argument("group")
    p.add_argument("source", nargs="?")
    p = sub.add_parser("wait")
    p.add_argument("--timeout", type=float, default=10.0)
    p.add_argument("--interval", type=float, default=0.02)
    p.add_argument("cond", nargs="+")
    p = sub.add_parser("dump")
    p.add_argument("prefix")
    a = ap.parse_args()
    try:
        return {"status": cmd_status, "get": cmd_get, "group": cmd_group,
                "wait": cmd_wait, "dump": cmd_dump}[a.cmd](a)
    except (OSError, ValueError) as e:
        print(f"carpwatch: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
