#!/usr/bin/env bash
# ifstated in the two-router CARP lab (tests/lib/lab.sh), each router with
# its own ifstated file (written below) next to config/lab's configuration:
#  (a) a service on the master only: global actions, run on every carp0
#      change, start a process (sleep, with a pidfile) in the router's
#      namespace when carp0.link.up and stop it otherwise. After the election
#      A's service runs in A's namespace and B has none; `carpctl demote carp
#      +128` on A fails over: B's ifstated starts B's service, A's stops A's;
#      -128 gives everything back (preempt).
#  (b) a failing external test demotes group carp: states ok -> failed (its
#      init runs `carpctl demote carp +100`, carpctl finding its router
#      through CARP_ROUTER_PREFIX) -> recovered (-100, then straight to ok)
#      when the test passes again. Making A's test fail (a flag file) moves
#      both vhids to B, A's /carp/groups shows operator 100 and its
#      /ifstated/info state failed and the test's exit 1; removing the flag
#      brings A back through recovered to ok. No command may fail.
# Every step is asserted on telemetry (/ifstated/info, /carp/*) and on the
# processes themselves.
#   sudo tests/ifstated/test_ifstated_lab.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
lt_init ifsd "${1:-build}"
CARPCTL=$TL_ROOT/scripts/carpctl

for h in hostA hostB; do
	cat >"$TL_TMP/ifstated-$h.conf" <<EOF
# $h: the lab's ifstated file (tests/ifstated/test_ifstated_lab.sh)
uplink = '"test ! -e $TL_TMP/uplink-down-$h" every 1'

# (a) a service on the master only: global actions, run on each carp0 change
if carp0.link.up
	run "sleep 600 </dev/null >/dev/null 2>&1 & echo \$! > $TL_TMP/svc-$h.pid"
if ! carp0.link.up
	run "test -e $TL_TMP/svc-$h.pid && kill \$(cat $TL_TMP/svc-$h.pid); rm -f $TL_TMP/svc-$h.pid"

# (b) the uplink test: failing demotes group carp, passing again undoes it
init-state ok
state ok {
	if ! \$uplink
		set-state failed
}
state failed {
	init run "$CARPCTL demote carp +100"
	if \$uplink
		set-state recovered
}
state recovered {
	init run "$CARPCTL demote carp -100"
	set-state ok
}
EOF
	{ cat "$(lab_cfg "$h")"; echo "ifstated = \"$TL_TMP/ifstated-$h.conf\";"; } >"$TL_TMP/$h.cfg"
	out=$("$LAB_BIN" -c "$TL_TMP/$h.cfg" --check 2>&1) || tl_fail "$h: --check refuses the lab file: $out"
	LAB_CFGS[$h]=$TL_TMP/$h.cfg
done

# ifs HOST PYEXPR: evaluate PYEXPR on HOST's /ifstated/info value v
ifs() {
	lab_tel "$1" /ifstated/info | "$TL_PY" -c "import json,sys; v=json.load(sys.stdin)['/ifstated/info']; print($2)"
}
# service HOST: "running" when HOST's service runs in HOST's namespace,
# "none" when it has none, else what is wrong
service() {
	local f=$TL_TMP/svc-$1.pid pid
	[[ -e $f ]] || { echo none; return; }
	pid=$(<"$f")
	kill -0 "$pid" 2>/dev/null || { echo "dead($pid)"; return; }
	local have want
	have=$(readlink "/proc/$pid/ns/net")
	want=$(lab_nsx "$1" readlink /proc/self/ns/net)
	[[ $have == "$want" ]] || { echo "elsewhere($pid: $have, $1 is $want)"; return; }
	echo running
}
# wait_svc SECS A_SVC B_SVC: until both services are as given
wait_svc() {
	local i
	for ((i = 0; i < $1 * 10; i++)); do
		[[ $(service hostA) == "$2" && $(service hostB) == "$3" ]] && return 0
		sleep 0.1
	done
	tl_fail "after ${1}s: services A $(service hostA) (want $2), B $(service hostB) (want $3)"
}

lt_up
lt_wait_states 15 "${LT_A_MASTER[@]}"
tl_log "A MASTER, B BACKUP after ${LT_AFTER}s"
wait_svc 5 running none
[[ $(ifs hostA 'v["state"], v["links"]["carp0"]') == "ok up" && $(ifs hostB 'v["state"], v["links"]["carp0"]') == "ok down" ]] ||
	tl_fail "/ifstated/info: A $(ifs hostA 'v'), B $(ifs hostB 'v')"
out=$("$CARPCTL" -f "$(lab_prefix hostA)" ifstated 2>&1) || tl_fail "carpctl ifstated on hostA: $out"
[[ $out == "ifstated: state ok for "* ]] || tl_fail "carpctl ifstated on hostA: $out"
tl_log "(a) A's service running in its namespace, B has none; both ifstated in ok"

# (a) planned failover: B's ifstated starts B's service, A's stops A's
lt_carpctl hostA demote carp +128 >/dev/null || tl_fail "demote carp +128 on hostA"
lt_wait_states 5 "${LT_B_MASTER[@]}"
wait_svc 5 none running
tl_log "(a) after the failover: B runs the service, A's is stopped"
lt_carpctl hostA demote carp -128 >/dev/null || tl_fail "demote carp -128 on hostA"
lt_wait_states 5 "${LT_A_MASTER[@]}"
wait_svc 5 running none
tl_log "(a) and back: A runs it, B's is stopped"

# (b) A's uplink test fails: its ifstated demotes group carp, B takes over
[[ $(ifs hostA '[t["status"] for t in v["tests"].values() if t["state"] == "ok"]') == "[0]" ]] ||
	tl_fail "hostA uplink test not passing: $(ifs hostA 'v["tests"]')"
touch "$TL_TMP/uplink-down-hostA"
lt_wait_states 6 "${LT_B_MASTER[@]}"
tl_log "(b) A's uplink test failing: B MASTER ${LT_AFTER}s after the flag"
[[ $(ifs hostA 'v["state"]') == failed ]] || tl_fail "hostA ifstated: $(ifs hostA 'v')"
[[ $(lt_group hostA carp operator) == 100 ]] ||
	tl_fail "hostA group carp operator demotion $(lt_group hostA carp operator), expected 100"
[[ $(ifs hostA '[t["status"] for t in v["tests"].values() if t["state"] == "ok"]') == "[1]" ]] ||
	tl_fail "hostA /ifstated/info tests: $(ifs hostA 'v["tests"]')"
wait_svc 5 none running
rm -f "$TL_TMP/uplink-down-hostA"
lt_wait_states 6 "${LT_A_MASTER[@]}"
[[ $(lt_group hostA carp operator) == 0 ]] ||
	tl_fail "hostA operator demotion $(lt_group hostA carp operator) after the test passed again"
[[ $(ifs hostA 'v["state"], v["last_transition"]["from"]') == "ok recovered" ]] ||
	tl_fail "hostA ifstated after recovery: $(ifs hostA 'v')"
wait_svc 5 running none
grep -q 'rtr.ifs: running "[^"]*carpctl demote carp +100"' "$LAB_STATE/hostA.log" ||
	tl_fail "hostA's log lacks the demote command"
for h in hostA hostB; do
	[[ $(ifs $h 'v["run_failures"], v["run_timeouts"], v["run_dropped"]') == "0 0 0" ]] ||
		tl_fail "$h ifstated commands failed: $(ifs $h 'v')"
done
tl_log "(b) test passing again: failed -> recovered -> ok, demotion withdrawn, A master with its service"
tl_log "PASS"
