#!/usr/bin/python3
"""The /pf telemetry of test_filter.sh's run, against what its frames must
have done (gen_filter_frames.py, filter_pf.conf).

    check_pf.py PREFIX

Prints each mismatch; exits 1 if any.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from telemetry import Telemetry  # noqa: E402

# Two states: in on lan (rule 1), out on wan with the NAT (rule 3), after the
# client's SYN and the server's SYN|ACK (pf: the client ESTABLISHED, the server SYN_SENT).
STATES = [
    "all tcp 198.51.100.9:80 <- 192.0.2.10:40000    ESTABLISHED:SYN_SENT",
    "all tcp 198.51.100.1:61000 (192.0.2.10:40000) -> 198.51.100.9:80    ESTABLISHED:SYN_SENT",
]
# 36 first packets the rules decided: the SYN in and out, the SYN to 22, 32
# fillers, the SYN to the router; the quick-less walk evaluates every rule.
# Not half-open: the client's side is established (lib/pf's pf_state_halfopen).
INFO = {"current_entries": 2, "half_open_tcp": 0, "inserts": 2, "removals": 0,
        "rule_lookups": 36, "rules": 4, "workers": 1}
COUNTERS = {"match": 36, "state_mismatch": 1, "memory": 0, "translate": 0}
# per rule: evaluations, packets in/out, states (the RST that mismatched is not counted)
RULES = {"evaluations": [36, 36, 36, 36], "packets_in": [34, 1, 0, 1],
         "packets_out": [0, 1, 0, 1], "states_cur": [0, 1, 0, 1], "states_tot": [0, 1, 0, 1],
         "actions": ["block", "pass", "match", "pass"], "lines": [2, 3, 4, 5]}


def main():
    tel = Telemetry(sys.argv[1], wait=5)
    errors = []

    def want(what, got, exp):
        print(f"{'ok' if got == exp else 'FAIL':5} {what} = {got!r}, want {exp!r}")
        if got != exp:
            errors.append(what)

    info = tel.query("/pf/info")["/pf/info"]
    for k, v in INFO.items():
        want(f"/pf/info {k}", info.get(k), v)
    for k, v in COUNTERS.items():
        want(f"/pf/info counters {k}", info["counters"].get(k), v)
    rules = tel.query("/pf/rules")["/pf/rules"]
    for k, v in RULES.items():
        want(f"/pf/rules {k}", rules.get(k), v)
    want("/pf/rules more", rules.get("more"), 0)
    page1 = tel.query("/pf/states,0,1")["/pf/states"]
    want("/pf/states,0,1 count", page1.get("count"), 1)
    want("/pf/states,0,1 more", page1.get("more"), 1)
    page2 = tel.query(f"/pf/states,{page1['next']},1")["/pf/states"]
    want("/pf/states page 2 more", page2.get("more"), 0)
    want("/pf/states (two pages)", sorted(page1["states"] + page2["states"]), sorted(STATES))
    want("/pf/states rules", sorted(page1["rules"] + page2["rules"]), [1, 3])
    want("/pf/states packets", page1["packets"] + page2["packets"], [2, 2])
    whole = tel.query("/pf/states")["/pf/states"]
    want("/pf/states count", whole.get("count"), 2)
    want("/pf/states bad parameter", tel.query("/pf/states,x")["/pf/states"],
         "usage: /pf/states[,START[,LIMIT]]")
    want("/pf/rules bad parameter", tel.query("/pf/rules,0,0")["/pf/rules"],
         "usage: /pf/rules[,START[,LIMIT]]")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
