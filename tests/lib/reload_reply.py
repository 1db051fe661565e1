#!/usr/bin/python3
"""Ask a running carp-router to reload, print its answer as lines.

    reload_reply.py PREFIX [info|mem]

Prints "result applied|refused", "generation N", "changes TEXT", then one
"error FILE:LINE: reason" per refusal reason. With "info", prints instead
"generation N" and "loaded EPOCH" from /router/info (nothing sent); with
"mem", "heap_alloc BYTES" (rte_malloc, /eal/heap_info of heap 0) and
"mbufs_in_use N" (the packet pool, from /router/stats).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from telemetry import Telemetry  # noqa: E402


def main():
    tel = Telemetry(sys.argv[1])
    if len(sys.argv) > 2 and sys.argv[2] == "mem":
        heap = tel.query("/eal/heap_info,0")["/eal/heap_info"]
        stats = tel.query("/router/stats")["/router/stats"]
        print(f"heap_alloc {heap['Alloc_size']}")
        print(f"mbufs_in_use {stats['mbufs_in_use']}")
        return 0
    if len(sys.argv) > 2 and sys.argv[2] == "info":
        info = tel.query("/router/info")["/router/info"]
        print(f"generation {info['config_generation']}")
        print(f"loaded {info['config_loaded_s']}")
        return 0
    rep = tel.query("/router/reload")["/router/reload"]
    if not isinstance(rep, dict):
        print(f"result none {rep}")
        return 1
    print(f"result {rep['result']}")
    print(f"generation {rep.get('generation', '')}")
    print(f"changes {rep.get('changes', '')}")
    for e in rep.get("errors", []):
        print(f"error {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
