#!/usr/bin/env bash
# Reload (SIGHUP, /router/reload) of a running router on net_pcap vdevs:
# the router survives SIGHUP, an unchanged or log_level-only file is applied
# and the generation in /router/info counts up; files that change the port
# set, a port's device or queues, the workers, or that fail a --check
# validation (syntax, cross-object, EAL device check) are refused with their
# exact "FILE:LINE: reason", in the reply and in the log, and change nothing
# (generation and routes kept). A file changing routes and static
# neighbours is applied: /router/routes and /router/neighbors show the new
# tables, and going back removes them; a changed interface address is
# applied with its local and connected routes. No hugepages (--no-huge).
# Usage: test_reload.sh [BUILD_DIR]
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
tl_init cfgreload
tl_binary "${1:-}"
cd "$TL_TMP"

printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x01\x00\x00\x00' \
	>empty.pcap
cat >base.cfg <<'CFG'
workers = [ 1 ];
ports = (
	{ name = "lan0"; device = "net_pcap0"; addresses = [ "192.0.2.1/24" ]; },
	{ name = "srv0"; device = "net_pcap1"; addresses = [ "198.51.100.1/24" ]; }
);
routes = (
	{ prefix = "203.0.113.0/24"; via = "198.51.100.2"; }
);
CFG
cp base.cfg reload.cfg
# lcore 2 (on cpu 1) is enabled but unused: a file may name it as a worker
# -m 256: a reload builds its route table (64 MiB of rte_lpm) beside the live one
eal=(--lcores 0,1,2@1 --no-huge -m 256 --no-pci)
vdevs=(--vdev "net_pcap0,rx_pcap=empty.pcap,tx_pcap=lan0-out.pcap"
	--vdev "net_pcap1,rx_pcap=empty.pcap,tx_pcap=srv0-out.pcap")
rr() { "$TL_PY" "$TL_ROOT/tests/lib/reload_reply.py" "$TL_PREFIX" "$@"; }
generation() { rr info | sed -n 's/^generation //p'; }
routes() { tl_telemetry "$TL_PREFIX" /router/routes; }

tl_start run.log "$TL_BIN" "${eal[@]}" --file-prefix "$TL_PREFIX" "${vdevs[@]}" -- -c reload.cfg
pid=$TL_PID
TL_ON_FAIL+=("tail -n 40 $TL_TMP/run.log >&2")
tl_wait_telemetry "$TL_PREFIX" 20 "$pid"
for _ in $(seq 50); do # handlers answer null until the router is published
	g=$(generation 2>/dev/null || true)
	[[ -n $g ]] && break
	sleep 0.2
done
[[ $g == 1 ]] || tl_fail "generation at start is '$g', want 1"
routes_before=$(routes)

# wait_log TEXT: the log gets the exact line TEXT within 10 s.
wait_log() {
	for _ in $(seq 100); do
		grep -qxF -- "$1" run.log && return 0
		sleep 0.1
	done
	tl_fail "no log line '$1'"
}

tl_log "SIGHUP, same file: applied, generation 2, still running"
kill -HUP "$pid"
wait_log "rtr.cfg: reload: reload.cfg applied as generation 2 (changed: nothing)"
tl_alive "$pid" run.log "router after SIGHUP"
[[ $(generation) == 2 ]] || tl_fail "generation after SIGHUP is $(generation), want 2"

tl_log "/router/reload, log_level changed: applied, generation 3"
{ echo 'log_level = "debug";'; cat base.cfg; } >reload.cfg
out=$(rr)
[[ $out == $'result applied\ngeneration 3\nchanges log_level' ]] || tl_fail "reply: $out"
[[ $(generation) == 3 ]] || tl_fail "generation is $(generation), want 3"

# refused FILE_TEXT WANT...: the file is refused with exactly the messages WANT
# (reply and log), generation and routes unchanged, the router alive.
refused() {
	local text=$1 want="" w
	shift
	printf '%s\n' "$text" >reload.cfg
	for w in "$@"; do want+=$'\n'"error $w"; done
	out=$(rr)
	[[ $out == "result refused"$'\n'"generation $gen"$'\n'"changes nothing$want" ]] ||
		tl_fail "reply:"$'\n'"$out"$'\n'"want errors:$want"
	for w in "$@"; do wait_log "rtr.cfg: $w"; done
	tl_alive "$pid" run.log "router after a refused reload"
	[[ $(generation) == "$gen" ]] || tl_fail "generation moved to $(generation) on a refused file"
	[[ $(routes) == "$routes_before" ]] || tl_fail "routes changed on a refused file: $(routes)"
}

gen=3
tl_log "refused: lcores, port set, devices, mtu (restart needed)"
refused "$(sed 's/^workers = .*/workers = [ 2 ];/' base.cfg)" \
	'reload.cfg:1: workers cannot change live (restart the router)'
refused "$(sed 's/"srv0"/"srv1"/' base.cfg)" \
	'reload.cfg:4: ports: the port set cannot change live (restart the router)'
refused "$(sed 's/net_pcap0/net_pcapX/; s/net_pcap1/net_pcap0/; s/net_pcapX/net_pcap1/' base.cfg)" \
	'reload.cfg:3: port "lan0": device cannot change live (restart the router)' \
	'reload.cfg:4: port "srv0": device cannot change live (restart the router)'
refused "$(sed 's/name = "lan0";/& mtu = 1400;/' base.cfg)" \
	'reload.cfg:3: port "lan0": mtu cannot change live (restart the router)'

tl_log "refused: what --check refuses (syntax, cross-object, EAL's devices and lcores)"
refused "$(sed '2s/(/(;/' base.cfg)" 'reload.cfg:2: syntax error'
refused "$(sed 's/via = "198.51.100.2"/via = "203.0.113.9"/' base.cfg)" \
	'reload.cfg:7: route 203.0.113.0/24: gateway 203.0.113.9 is not on a connected subnet'
refused "$(sed 's/net_pcap0/net_pcap9/' base.cfg)" \
	'reload.cfg:3: port "lan0": device "net_pcap9" not found (EAL probed: net_pcap0, net_pcap1)'
refused "$(sed 's/^workers = .*/workers = [ 5 ];/' base.cfg)" \
	'reload.cfg:1: workers: lcore 5 is not enabled (EAL -l/--lcores)'

tl_log "routes and static neighbours: applied, the tables swapped"
{
	sed 's/203.0.113.0\/24/203.0.113.128\/25/' base.cfg
	echo 'neighbours = ( { address = "198.51.100.7"; mac = "02:00:00:00:00:07"; } );'
} >reload.cfg
out=$(rr)
[[ $out == $'result applied\ngeneration 4\nchanges log_level, routes, neighbours' ]] ||
	tl_fail "reply: $out"
routes_before=$(routes)
[[ $routes_before == *'"203.0.113.128/25"'* && $routes_before != *'"203.0.113.0/24"'* ]] ||
	tl_fail "routes after the reload: $routes_before"
neigh=$(tl_telemetry "$TL_PREFIX" /router/neighbors)
[[ $neigh == *'"198.51.100.7"'* && $neigh == *'"static"'* ]] || tl_fail "neighbours: $neigh"
gen=4

tl_log "an interface address: applied, its local and connected routes with it"
sed -i 's/192.0.2.1\/24/192.0.2.5\/24/' reload.cfg
out=$(rr)
[[ $out == $'result applied\ngeneration 5\nchanges addresses' ]] || tl_fail "reply: $out"
routes_before=$(routes)
[[ $routes_before == *'"192.0.2.5/32"'* && $routes_before != *'"192.0.2.1/32"'* ]] ||
	tl_fail "routes after the address change: $routes_before"
gen=5

tl_log "SIGHUP with a refused file: logged, still running"
rm reload.cfg
kill -HUP "$pid"
wait_log "rtr.cfg: reload.cfg: cannot open: No such file or directory"
wait_log "rtr.cfg: reload refused: reload.cfg unchanged, generation 5 running"
tl_alive "$pid" run.log "router after SIGHUP with no file"
[[ $(generation) == 5 ]] || tl_fail "generation moved to $(generation) without a file"

tl_log "back to the first file: applied, generation 6; SIGTERM stops with 0"
cp base.cfg reload.cfg
out=$(rr)
[[ $out == $'result applied\ngeneration 6\nchanges addresses, routes, neighbours' ]] ||
	tl_fail "reply: $out"
[[ $(routes) == *'"203.0.113.0/24"'* ]] || tl_fail "routes not back: $(routes)"
[[ $(tl_telemetry "$TL_PREFIX" /router/neighbors) != *'"198.51.100.7"'* ]] ||
	tl_fail "the removed static neighbour is still there"
rc=0
tl_stop "$pid" || rc=$?
((rc == 0)) || tl_fail "exit status $rc after SIGTERM, want 0"
tl_log "pass"
