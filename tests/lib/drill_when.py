#!/usr/bin/python3
"""When did a vhid last change state? Epoch seconds from a router's
/carp/info last_transition (ago_ms, or ago_s), taken against the clock at
the moment the reply arrived, so a slow start of this interpreter on a busy
machine does not shift the answer.

    drill_when.py PREFIX:IFACE:VHID [...]   prints the latest of their
                                            transition times (exit 1 if none known)
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from carpwatch import field, find_row  # noqa: E402
from telemetry import Telemetry  # noqa: E402


def transition_at(tels, prefix, iface, vhid):
    if prefix not in tels:
        tels[prefix] = Telemetry(prefix)
    _, row = find_row(tels[prefix], iface, vhid)
    now = time.time()
    if row is None:
        return None
    ms, s = field(row, "ago_ms"), field(row, "ago_s")
    if isinstance(ms, (int, float)):
        return now - ms / 1000.0
    if isinstance(s, (int, float)):
        return now - s
    return None


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    tels, latest = {}, None
    for arg in sys.argv[1:]:
        try:
            prefix, iface, vhid = arg.split("=")[0].split(":")
        except ValueError:
            raise SystemExit(f"drill_when: bad argument {arg!r} (PREFIX:IFACE:VHID)")
        try:
            t = transition_at(tels, prefix, iface, vhid)
        except (OSError, ValueError) as e:
            print(f"drill_when: {prefix}: {e}", file=sys.stderr)
            continue
        if t is not None and (latest is None or t > latest):
            latest = t
    if latest is None:
        return 1
    print(f"{latest:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
