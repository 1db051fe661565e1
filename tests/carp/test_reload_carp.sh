#!/usr/bin/env bash
# Reload of the carp section on the two-router lab: with A MASTER and B
# BACKUP of both vhids, B's file raises carp0's advskew (100 -> 150, not
# crossing A's 0) and turns preempt off; /router/reload applies it
# ("carp0 (changed), carp globals"), /carp/info shows the new advskew and B
# stays BACKUP; carp1 (unchanged) keeps its state, transitions and its
# last transition's age (not reset); A sees no transition at all. Then
# carp1's passphrase changes on A and, 1.3 s later, on B: B counts A's
# adverts as badauth in between (A's key did change), none after, and no
# vhid changes state. A file changing a carp interface's address is refused
# with its FILE:LINE reason and changes nothing. Then a route to 203.0.113.0/24 (via the server) is added to
# both files: the client's ping to 203.0.113.10 through the virtual gateway
# fails before the reload (drop_no_route counts it) and answers after it,
# with no CARP state change. Both routers' generations are asserted.
#   tests/carp/test_reload_carp.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/labtest.sh
LAB_MEM=160 # room for a second route table (64 MiB) during a reload
lt_init rldcarp "${1:-build}"
for h in hostA hostB; do
	cp "$(lab_cfg $h)" "$TL_TMP/$h.cfg"
	LAB_CFGS[$h]=$TL_TMP/$h.cfg
done
rr() { "$TL_PY" "$TL_ROOT/tests/lib/reload_reply.py" "$(lab_prefix "$1")" "${@:2}"; }

lt_up
lt_wait_states 15 "${LT_A_MASTER[@]}"
sleep 1 # a few adverts: the ages below are clearly not just reset
declare -A tr_before
for hv in "hostA carp0 1" "hostA carp1 2" "hostB carp0 1" "hostB carp1 2"; do
	tr_before[$hv]=$(lt_get $hv transitions)
done
age_before=$(lt_get hostB carp1 2 ago_ms)

tl_log "B: carp0 advskew 100 -> 150, preempt off"
sed -i '/name = "carp0"/s/advskew = 100/advskew = 150/; s/preempt = true/preempt = false/' \
	"$TL_TMP/hostB.cfg"
out=$(rr hostB)
[[ $out == $'result applied\ngeneration 2\nchanges carp globals, carp0 (changed)' ]] ||
	tl_fail "hostB reload: $out"
[[ $(lt_get hostB carp0 1 advskew) == 150 ]] ||
	tl_fail "hostB carp0 vhid 1 advskew $(lt_get hostB carp0 1 advskew), want 150"
grep -q 'rtr.carp: \[carp0 vhid 1\] advskew 100 -> 150 (reload)' "$LAB_STATE/hostB.log" ||
	tl_fail "no advskew change in hostB's log"
lt_hold 3 "${LT_A_MASTER[@]}"
for hv in "hostA carp0 1" "hostA carp1 2" "hostB carp0 1" "hostB carp1 2"; do
	now=$(lt_get $hv transitions)
	[[ $now == "${tr_before[$hv]}" ]] || tl_fail "$hv: transitions ${tr_before[$hv]} -> $now across the reload"
done
age_after=$(lt_get hostB carp1 2 ago_ms)
((age_after > age_before + 2000)) ||
	tl_fail "hostB carp1 vhid 2: last transition $age_before ms ago before, $age_after ms after: its state was reset"
tl_log "applied; states, transitions and the unchanged vhid's age kept (${age_before} -> ${age_after} ms)"

tl_log "both: a new passphrase on carp1, applied live (A first: B rejects A's adverts until its own reload)"
badauth() {
	lab_tel "$1" /carp/stats | "$TL_PY" -c 'import json,sys; print(json.load(sys.stdin)["/carp/stats"]["badauth"])'
}
ba0=$(badauth hostB)
for h in hostA hostB; do sed -i 's/lab-srv-pass/other-pass/' "$TL_TMP/$h.cfg"; done
out=$(rr hostA)
[[ $out == $'result applied\ngeneration 2\nchanges carp1 (changed)' ]] || tl_fail "hostA reload: $out"
# A advertises every 1 s; B takes over only after 3 x (1 + 100/256) s without a valid advert
sleep 1.3
out=$(rr hostB)
[[ $out == $'result applied\ngeneration 3\nchanges carp1 (changed)' ]] || tl_fail "hostB reload: $out"
ba1=$(badauth hostB)
((ba1 > ba0)) || tl_fail "hostB badauth $ba0 -> $ba1: A's adverts did not change key with its reload"
for h in hostA hostB; do
	grep -q 'rtr.carp: \[carp1\] pass changed (reload)' "$LAB_STATE/$h.log" ||
		tl_fail "no pass change in $h's log"
done
lt_hold 5 "${LT_A_MASTER[@]}" # B would have taken over if it did not accept A's new key
ba2=$(badauth hostB)
[[ $ba2 == "$ba1" ]] || tl_fail "hostB badauth $ba1 -> $ba2 after both reloads: the keys differ"
tl_log "pass applied on both; B rejected $((ba1 - ba0)) adverts between the two reloads, none after"

tl_log "B: a new carp1 address is refused, nothing changes"
cp "$TL_TMP/hostB.cfg" "$TL_TMP/hostB.good"
sed -i 's|"198.51.100.1/24"|"198.51.100.9/24"|' "$TL_TMP/hostB.cfg"
line=$(grep -n '198.51.100.9/24' "$TL_TMP/hostB.cfg" | cut -d: -f1)
line=$((line - 1)) # the interface's group starts on the line before
out=$(rr hostB)
want="result refused
generation 3
changes nothing
error $TL_TMP/hostB.cfg:$line: carp interface \"carp1\": addresses, groups or lladdr cannot change live yet"
[[ $out == "$want"* ]] || tl_fail "hostB reload:"$'\n'"$out"$'\n'"want:"$'\n'"$want"
[[ $(rr hostB info | head -1) == "generation 3" ]] || tl_fail "hostB generation moved"
[[ $(rr hostA info | head -1) == "generation 2" ]] || tl_fail "hostA generation moved"
lt_hold 1 "${LT_A_MASTER[@]}"

tl_log "both: a new route, used by the fast path after the reload"
cp "$TL_TMP/hostB.good" "$TL_TMP/hostB.cfg"
lab_nsx server ip addr add 203.0.113.10/32 dev lo
ping1() { lab_nsx client ping -c 1 -W 1 203.0.113.10 >/dev/null 2>&1; }
nr_before=$(lt_router_stat hostA drop_no_route)
ping1 && tl_fail "203.0.113.10 answered before any router had a route to it"
nr_after=$(lt_router_stat hostA drop_no_route)
((nr_after > nr_before)) || tl_fail "hostA drop_no_route did not move ($nr_before -> $nr_after)"
for h in hostA hostB; do
	echo 'routes = ( { prefix = "203.0.113.0/24"; via = "198.51.100.100"; } );' >>"$TL_TMP/$h.cfg"
done
want_a=$'result applied\ngeneration 3\nchanges routes'
want_b=$'result applied\ngeneration 4\nchanges routes'
[[ $(rr hostA) == "$want_a" ]] || tl_fail "hostA reload: $(rr hostA info)"
[[ $(rr hostB) == "$want_b" ]] || tl_fail "hostB reload: $(rr hostB info)"
for _ in 1 2 3; do ping1 && break; done || tl_fail "203.0.113.10 does not answer after the reload"
lt_hold 1 "${LT_A_MASTER[@]}"
for hv in "hostA carp0 1" "hostA carp1 2" "hostB carp0 1" "hostB carp1 2"; do
	now=$(lt_get $hv transitions)
	[[ $now == "${tr_before[$hv]}" ]] || tl_fail "$hv: transitions ${tr_before[$hv]} -> $now across the reloads"
done
tl_log "PASS"
