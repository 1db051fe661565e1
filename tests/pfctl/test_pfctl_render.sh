#!/usr/bin/env bash
# scripts/pfctl's renderers on fixed /pf/info, /pf/states and /pf/rules
# replies (the shapes the router returns; tests/dpdk/test_filter.sh checks
# them live) and its exit statuses without a router. No root, no DPDK.
#   tests/pfctl/test_pfctl_render.sh [BUILD_DIR]   (BUILD_DIR unused)
set -euo pipefail
cd "$(dirname "$0")/../.."
exec /usr/bin/python3 - <<'PY'
import importlib.machinery, importlib.util, os, subprocess, sys, tempfile, unittest

loader = importlib.machinery.SourceFileLoader("pfctl", "scripts/pfctl")
pfctl = importlib.util.module_from_spec(importlib.util.spec_from_loader("pfctl", loader))
loader.exec_module(pfctl)

INFO = {"status": "enabled", "current_entries": 3, "half_open_tcp": 1, "searches": 120,
        "inserts": 5, "removals": 2, "rule_lookups": 9,
        "counters": {"match": 9, "bad_offset": 0, "fragment": 0, "short": 1, "normalize": 0,
                     "memory": 0, "ip_option": 0, "state_mismatch": 4, "state_insert": 0,
                     "state_limit": 0, "translate": 0},
        "limit_counters": {"max_states_per_rule": 2}}
RULES = {"rules": [0, 1], "lines": [2, 3], "actions": ["block", "pass"],
         "evaluations": [9, 9], "packets_in": [3, 4], "packets_out": [0, 5],
         "bytes_in": [120, 400], "bytes_out": [0, 500], "states_cur": [0, 2],
         "states_tot": [0, 3], "more": 0, "next": 0}


class Render(unittest.TestCase):
    def test_info(self):
        text = pfctl.render_info(INFO).split("\n")
        self.assertEqual(text[0], "Status: Enabled")
        self.assertIn("  current entries                            3", text)
        self.assertIn("  half-open tcp                              1", text)
        self.assertIn("  state-mismatch                             4", text)
        self.assertIn("  max states per rule                        2", text)
        self.assertEqual(text.index("Counters") + 1, text.index("  match                                      9"))

    def test_states_pages(self):
        pages = [{"states": ["a", "b"]}, {"states": []}, {"states": ["c"]}]
        self.assertEqual(pfctl.render_states(pages), "a\nb\nc")

    def test_rules(self):
        with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as f:
            f.write("# comment\nblock all   # the default\npass in on lan0\n")
        texts = pfctl.rule_texts(f.name)
        os.unlink(f.name)
        self.assertEqual(pfctl.render_rules([RULES], texts, False), "@0 block all\n@1 pass in on lan0")
        v = pfctl.render_rules([RULES], texts, True).split("\n")
        self.assertEqual(v[4], "  [ Evaluations: 9        Packets: 9        Bytes: 900        States: 2      ]")
        self.assertEqual(v[5], "  [ State Creations: 3      In: 4        Out: 5        ]")
        # without the file: the action and the line
        self.assertEqual(pfctl.render_rules([RULES], {}, False), "@0 block (line 2)\n@1 pass (line 3)")


class Exit(unittest.TestCase):
    def run_pfctl(self, *args):
        return subprocess.run(["scripts/pfctl", *args], capture_output=True, text=True)

    def test_no_router(self):
        r = self.run_pfctl("-f", f"no-such-router-{os.getpid()}", "-si")
        self.assertEqual(r.returncode, 1)
        self.assertIn("pfctl: cannot reach carp-router with file prefix", r.stderr)

    def test_usage(self):
        self.assertEqual(self.run_pfctl("-s", "nat").returncode, 2)
        self.assertEqual(self.run_pfctl().returncode, 2)


sys.exit(0 if unittest.main(exit=False, verbosity=1).result.wasSuccessful() else 1)
PY
