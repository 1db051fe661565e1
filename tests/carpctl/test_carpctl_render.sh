#!/usr/bin/env bash
# scripts/carpctl's renderers on fixed /carp/info and /carp/groups replies
# (the shapes the router returns, tests/carpctl/test_single_carp.sh checks
# them live) and its exit statuses without a router. No root, no DPDK.
#   tests/carpctl/test_carpctl_render.sh [BUILD_DIR]   (BUILD_DIR unused)
set -euo pipefail
cd "$(dirname "$0")/../.."
exec /usr/bin/python3 - <<'PY'
import importlib.machinery, importlib.util, io, contextlib, sys, unittest

loader = importlib.machinery.SourceFileLoader("carpctl", "scripts/carpctl")
spec = importlib.util.spec_from_loader("carpctl", loader)
carpctl = importlib.util.module_from_spec(spec)
loader.exec_module(carpctl)

MASTER = {"name": "carp0", "carpdev": "lan0", "balancing": "none", "advbase": 1, "demote": 0,
          "admin": "up", "link": "up", "addresses": ["192.0.2.1/24"], "mac": "00:00:5e:00:01:01",
          "filter": "promiscuous", "vmacs_installed": ["00:00:5e:00:01:01"],
          "demote_sources": {"boot": 0, "link": 0, "operator": 0, "senderr": 0},
          "vhids": {"1": {"vhid": 1, "state": "MASTER", "advskew": 0, "master_since_ms": 12300,
                          "master_addr": "192.0.2.2", "transitions": 2,
                          "last_transition": {"from": "BACKUP", "to": "MASTER",
                                              "reason": "master-down timer expired",
                                              "ago_ms": 12300}}}}

NODES = {"name": "carp1", "carpdev": "srv0", "balancing": "ip", "advbase": 1, "demote": 1,
         "admin": "up", "link": "down", "addresses": ["198.51.100.1/24"],
         "filter": "mac", "vmacs_installed": ["01:00:5e:00:01:03"],
         "demote_sources": {"boot": 0, "link": 1, "operator": 0, "senderr": 0},
         "vhids": {"4": {"vhid": 4, "state": "INIT", "advskew": 100, "master_addr": "",
                         "transitions": 1,
                         "last_transition": {"from": "BACKUP", "to": "INIT",
                                             "reason": "carpdev link down", "ago_ms": 1500}},
                   "3": {"vhid": 3, "state": "BACKUP", "advskew": 0,
                         "master_addr": "198.51.100.3", "transitions": 0,
                         "last_transition": {"from": "INIT", "to": "INIT", "reason": "none",
                                             "ago_ms": 0}}}}


class Render(unittest.TestCase):
    def test_master(self):
        self.assertEqual(carpctl.render_status(MASTER),
                         "carp0: carpdev lan0\n"
                         "\tcarp: MASTER vhid 1 advbase 1 advskew 0 demote 0\n"
                         "\tinet 192.0.2.1/24\n"
                         "\tlast transition: BACKUP -> MASTER 12.3 s ago (master-down timer expired)\n"
                         "\tmaster: this host (192.0.2.2) for 12.3 s\n"
                         "\tfilter: promiscuous, vmacs: 00:00:5e:00:01:01")

    def test_carpnodes_link_down(self):
        self.assertEqual(carpctl.render_status(NODES),
                         "carp1: carpdev srv0 balancing ip (no carrier)\n"
                         "\tcarp: BACKUP vhid 3 advbase 1 advskew 0 demote 1\n"
                         "\tcarp: INIT vhid 4 advbase 1 advskew 100 demote 1\n"
                         "\tinet 198.51.100.1/24\n"
                         "\tvhid 3 master: 198.51.100.3 (last advertisement heard)\n"
                         "\tvhid 4 last transition: BACKUP -> INIT 1.5 s ago (carpdev link down)\n"
                         "\tdemoted by: link 1\n"
                         "\tfilter: mac, vmacs: 01:00:5e:00:01:03")

    def test_groups(self):
        g = {"lan": {"demote": 128, "ledger": {"boot": 0, "link": 0, "operator": 128, "senderr": 0}},
             "carp": {"demote": 0, "ledger": {"boot": 0, "link": 0, "operator": 0, "senderr": 0}}}
        self.assertEqual(carpctl.render_groups(g),
                         "carp: carpdemote 0 (-)\nlan: carpdemote 128 (operator 128)")

    def test_pfsync(self):
        i = {"status": "up", "syncdev": "sync0", "syncpeer": "203.0.113.3", "maxupd": 128,
             "defer": "off", "auth": "off", "link": "up", "bulk_state": "bulk", "bulk_tries": 1,
             "bulk_expected": 400, "bulk_received": 120, "bulk_sending": "no", "bulk_sent": 0,
             "bulk_total": 0, "demotion": 32, "states_known": 120, "deferred": 0,
             "pending": {"iack": 0, "upd_c": 3, "ins": 0},
             "counters": {"ipackets": 25, "badif": 2, "badttl": 0},
             "rings": {"ev_queued": 0, "cmd_applied": 120}}
        self.assertEqual(carpctl.render_pfsync(i),
                         "pfsync0: syncdev sync0 syncpeer 203.0.113.3 maxupd 128 defer off auth off\n"
                         "\tstatus: up, sync link up\n"
                         "\tbulk update: bulk (tries 1, received 120 of 400 announced)\n"
                         "\tbulk sending: no (0 of 0 states)\n"
                         "\tcarp demotion held: 32 (group carp, ledger source pfsync)\n"
                         "\tstates known: 120, deferred packets: 0\n"
                         "\tpending: upd_c 3\n"
                         "pfsync:\n\t25 ipackets\n\t2 badif\n\t120 cmd_applied (rings)")
        self.assertEqual(carpctl.render_pfsync({"status": "not running"}), "pfsync0: not running")


class Exit(unittest.TestCase):
    def run_main(self, argv):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                rc = carpctl.main(argv)
            except SystemExit as e:
                rc = e.code
        return rc, err.getvalue()

    def test_ifstated(self):
        info = {"file": "/etc/carp-router/ifstated.conf", "state": "master",
                "states": ["backup", "master"], "entered_ms_ago": 4200,
                "last_transition": {"from": "backup", "to": "master", "ago_ms": 4200},
                "transitions": 2, "loops": 0, "runs": 2, "run_failures": 1, "run_timeouts": 0,
                "links": {"carp0": "up", "lan0": "up"},
                "tests": {"1": {"state": "master", "command": "ping -c1 198.51.100.254",
                                "every_s": 5, "status": 1, "running": 1, "runs": 3, "kills": 1},
                          "0": {"state": "", "command": "true", "every_s": 10, "status": -1,
                                "running": 0, "runs": 0, "kills": 0}}}
        self.assertEqual(carpctl.render_ifstated(info), "\n".join([
            "ifstated: state master for 4.2 s (/etc/carp-router/ifstated.conf)",
            "\tlast transition: backup -> master 4.2 s ago, 2 in all",
            "\tlinks: carp0 up, lan0 up",
            "\tcommands: 2 run, 1 failed, 0 timed out",
            "\ttest \"true\" every 10 s (state global): not run yet; 0 runs, 0 killed",
            "\ttest \"ping -c1 198.51.100.254\" every 5 s (state master): false (exit 1), "
            "running; 3 runs, 1 killed"]))

    def test_usage(self):
        self.assertEqual(self.run_main(["state", "carp0", "1", "sideways"])[0], 2)
        self.assertEqual(self.run_main([])[0], 2)

    def test_no_router(self):
        rc, err = self.run_main(["-f", "carpctl-test-none", "demote", "carp", "-128"])
        self.assertEqual(rc, 1)
        self.assertIn("cannot reach carp-router with file prefix 'carpctl-test-none'", err)


if __name__ == "__main__":
    r = unittest.main(argv=["carpctl-render"], exit=False, verbosity=2).result
    sys.exit(0 if r.wasSuccessful() else 1)
PY
