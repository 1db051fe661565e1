#!/usr/bin/env bash
# Benchmark, not a test: one worker lcore each, same input, same run.
#   1. dpdk-testpmd io, DPDK's l3fwd (LPM) and carp-router, each on net_pcap
#      infinite replay of a 64-byte IPv4 mix (512 flows, 8 prefixes)
#      -> net_null,no-rx=1; then l3fwd (LPM6) and carp-router on a 78-byte
#      IPv6 mix the same way (l3fwd-lpm6, carp-router6);
#      carp-router-pf is carp-router with the stateful filter (a state per
#      flow and port, NAT: scripts/bench/pcap-null-pf.conf); its "vs testpmd
#      io" column is against carp-router, the filter off;
#   2. two processes over memif on hugepages: dpdk-testpmd txonly -> memif ->
#      testpmd io, and -> carp-router.
# Rates: egress port opackets over telemetry /ethdev/stats across SECONDS.
# Prints Mpps, cycles/packet (TSC Hz / pps: the whole core, replay PMD
# included) and ratios, as a markdown table also saved to $OUT.
#   sudo scripts/bench.sh [ROUNDS] [SECONDS]      (3 rounds of 5 s; best of them)
# Env: ONLY (subset of the forwarder names below), BUILD_DIR, SCRATCH, OUT.
#   sudo scripts/bench.sh matrix [short|full] [SECONDS]   the issue-13 matrix
#     (routes x destinations x flows x CARP mode): scripts/bench/matrix.sh
set -euo pipefail
[[ ${1:-} != matrix ]] || exec bash "$(dirname "$0")/bench/matrix.sh" "${@:2}"
cd "$(dirname "$0")/.."
. tests/lib/common.sh
tl_init bench
ROUNDS=${1:-3}
SECONDS_RUN=${2:-5}
BUILD_DIR=${BUILD_DIR:-build}
SCRATCH=${SCRATCH:-/var/tmp/carp-bench}
OUT=${OUT:-$SCRATCH/last.md}

bash scripts/setup.sh >"$TL_TMP/setup.log" 2>&1 || { cat "$TL_TMP/setup.log"; tl_fail "setup failed"; }
# ONLY="l3fwd-lpm carp-router" runs a subset.
read -ra NAMES <<<"${ONLY:-testpmd-io l3fwd-lpm carp-router carp-router-pf l3fwd-lpm6 carp-router6 memif-testpmd memif-carp-router}"
[[ " ${NAMES[*]}" != *carp-router* ]] || tl_binary "$BUILD_DIR"
l3fwd=$(bash scripts/bench/build_l3fwd.sh "$SCRATCH")
here=scripts/bench
mhz=$(awk '/^cpu MHz/ { print $4; exit }' /proc/cpuinfo)

# Input, routes and configs, all generated outside the repo.
pcap=$TL_TMP/bench.pcap
"$TL_PY" "$here/gen_pcap.py" "$pcap" 02:70:63:61:70:00 512 # net_pcap0's MAC
awk -F'"' '/prefix =/ { print "R" $2 " 1" }' "$here/pcap-null.cfg" >"$TL_TMP/routes4.cfg"
echo "R2001:db8::/32 1" >"$TL_TMP/routes6.cfg"
pcap6=$TL_TMP/bench6.pcap
"$TL_PY" "$here/gen_pcap.py" "$pcap6" 02:70:63:61:70:00 512 --ipv6
# l3fwd's LPM6 gets the eight /48s carp-router routes (same lookup engine: rte_lpm6)
awk -F'"' '/prefix =/ { print "R" $2 " 1" }' "$here/pcap-null6.cfg" >"$TL_TMP/routes6-8.cfg"
sed 's/net_pcap0/net_memif0/' "$here/pcap-null.cfg" >"$TL_TMP/memif.cfg"
# carp-router-pf: the same with the stateful filter (a state per flow and port, NAT)
{ cat "$here/pcap-null.cfg"; echo "filter = { rules = \"$PWD/$here/pcap-null-pf.conf\"; };"; } >"$TL_TMP/pf.cfg"

EAL=(--no-pci --huge-unlink -m 256)
# Two tx queues on the pcap port (carp-router has one per worker plus the
# control lcore's); the same vdevs for every forwarder. Nothing is sent there.
REPLAY=(--vdev "net_pcap0,rx_pcap=$pcap,infinite_rx=1,tx_pcap=/dev/null,tx_pcap=/dev/null" --vdev net_null0,no-rx=1)
REPLAY6=("${REPLAY[@]/$pcap/$pcap6}")
MEMIF=socket=$TL_TMP/memif.sock,socket-abstract=no
declare -A CMD RESULT OWN
CMD[testpmd-io]="dpdk-testpmd -l 0,1 ${EAL[*]} --file-prefix $TL_PREFIX-tp ${REPLAY[*]} -- --forward-mode=io --auto-start --stats-period 3600"
CMD[l3fwd-lpm]="$l3fwd -l 1 ${EAL[*]} --file-prefix $TL_PREFIX-l3 ${REPLAY[*]} -- -p 0x3 -P --config=(0,0,1),(1,0,1) --parse-ptype --rule_ipv4=$TL_TMP/routes4.cfg --rule_ipv6=$TL_TMP/routes6.cfg"
CMD[carp-router]="${TL_BIN:-} -l 0,1 ${EAL[*]} --file-prefix $TL_PREFIX-cr ${REPLAY[*]} -- -c $here/pcap-null.cfg"
CMD[carp-router-pf]="${TL_BIN:-} -l 0,1 ${EAL[*]} --file-prefix $TL_PREFIX-pf ${REPLAY[*]} -- -c $TL_TMP/pf.cfg"
CMD[l3fwd-lpm6]="$l3fwd -l 1 ${EAL[*]} --file-prefix $TL_PREFIX-l6 ${REPLAY6[*]} -- -p 0x3 -P --config=(0,0,1),(1,0,1) --parse-ptype --rule_ipv4=$TL_TMP/routes4.cfg --rule_ipv6=$TL_TMP/routes6-8.cfg"
CMD[carp-router6]="${TL_BIN:-} -l 0,1 ${EAL[*]} --file-prefix $TL_PREFIX-c6 ${REPLAY6[*]} -- -c $here/pcap-null6.cfg"
prefix_of() { [[ ${CMD[$1]} =~ --file-prefix\ ([^ ]+) ]] && echo "${BASH_REMATCH[1]}"; }

run_replay() { # NAME: start, measure port 1 (the sink), stop; sets PPS
	local name=$1 pid
	tl_start "$TL_TMP/$name.log" ${CMD[$name]}
	pid=$TL_PID
	read -r PPS CPP < <("$TL_PY" "$here/rate.py" "$(prefix_of "$name")" 1 "$SECONDS_RUN") ||
		{ tail -n 20 "$TL_TMP/$name.log"; tl_fail "$name: no rate"; }
	tl_stop "$pid" || true
}

# Interactive testpmd driven through a FIFO (its stdin) so forwarding can be
# stopped without quitting. A write to a dead reader must not kill us.
trap '' PIPE
say() { echo "$2" >&"$1" 2>/dev/null || true; }

# txonly (memif server, forwards on lcore 0) -> memif -> forwarder (client,
# worker on lcore 1) -> net_null. 22.11 memif may crash a process whose peer
# leaves mid-forwarding, so txonly stops sending first and quits last.
MEMIF_CLIENT=(--file-prefix "$TL_PREFIX-mf" --vdev "net_memif0,role=client,$MEMIF,mac=02:70:63:61:70:00"
	--vdev net_null0,no-rx=1)
run_memif() { # NAME: sets PPS
	local name=$1 tx fwd txfd fwdfd=
	rm -f "$TL_TMP"/*.fifo "$TL_TMP/memif.sock"
	mkfifo "$TL_TMP/tx.fifo" "$TL_TMP/fwd.fifo"
	TL_STDIN=$TL_TMP/tx.fifo tl_start "$TL_TMP/txonly.log" dpdk-testpmd -l 0,1 --main-lcore 1 \
		"${EAL[@]}" --file-prefix "$TL_PREFIX-tx" --vdev "net_memif0,role=server,$MEMIF,mac=02:00:00:00:aa:01" \
		-- -i --forward-mode=txonly --rxq=2 --txq=1 --txpkts=60 --tx-ip=192.0.2.10,203.0.113.5 \
		--txonly-multi-flow --eth-peer=0,02:70:63:61:70:00
	tx=$TL_PID
	exec {txfd}>"$TL_TMP/tx.fifo"
	tl_wait_telemetry "$TL_PREFIX-tx"
	if [[ $name == memif-testpmd ]]; then
		TL_STDIN=$TL_TMP/fwd.fifo tl_start "$TL_TMP/$name.log" dpdk-testpmd -l 0,1 "${EAL[@]}" \
			"${MEMIF_CLIENT[@]}" -- -i --forward-mode=io
		fwd=$TL_PID
		exec {fwdfd}>"$TL_TMP/fwd.fifo"
		tl_wait_telemetry "$TL_PREFIX-mf"
		say "$fwdfd" start
	else
		tl_start "$TL_TMP/$name.log" "$TL_BIN" -l 0,1 "${EAL[@]}" "${MEMIF_CLIENT[@]}" \
			-- -c "$TL_TMP/memif.cfg"
		fwd=$TL_PID
		tl_wait_telemetry "$TL_PREFIX-mf"
	fi
	say "$txfd" start
	read -r PPS CPP < <("$TL_PY" "$here/rate.py" "$TL_PREFIX-mf" 1 "$SECONDS_RUN") ||
		{ tail -n 20 "$TL_TMP/$name.log"; tl_fail "$name: no rate"; }
	say "$txfd" stop
	sleep 1
	if [[ -n $fwdfd ]]; then
		say "$fwdfd" stop
		say "$fwdfd" quit
		exec {fwdfd}>&-
	fi
	tl_stop "$fwd" || true
	say "$txfd" quit
	exec {txfd}>&-
	tl_stop "$tx" || true
}

for ((r = 1; r <= ROUNDS; r++)); do
	for name in "${NAMES[@]}"; do
		if [[ $name == memif-* ]]; then run_memif "$name"; else run_replay "$name"; fi
		RESULT[$name]+="$PPS "
		OWN[$name]+="$CPP "
		awk -v r="$r" -v n="$name" -v p="$PPS" -v c="$CPP" \
			'BEGIN { printf "round %d %-18s %6.2f Mpps  (worker busy cycles/packet: %s)\n", r, n, p / 1e6, c }'
	done
done

# Best of the rounds: on a shared 2-core machine a round is only ever slowed
# down by others, never sped up. best: highest rate; least: fewest cycles.
best() { tr ' ' '\n' | awk 'NF { v = $1 + 0; if (!seen++ || v > m) m = v } END { print m }'; }
least() { tr ' ' '\n' | awk 'NF { v = $1 + 0; if (!seen++ || v < m) m = v } END { print m }'; }
{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo) @ $mhz MHz TSC, DPDK $(pkg-config --modversion libdpdk), best of $ROUNDS rounds of ${SECONDS_RUN} s"
	echo
	echo "| forwarder (1 worker lcore) | Mpps | cycles/packet | own busy cycles/packet | vs l3fwd | vs testpmd io |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: |"
	for name in "${NAMES[@]}"; do
		m=$(best <<<"${RESULT[$name]}")
		base=${RESULT[l3fwd-lpm]:-} ref=${RESULT[testpmd-io]:-}
		[[ $name == *6 ]] && base=${RESULT[l3fwd-lpm6]:-}
		[[ $name == memif-* ]] && base= && ref=${RESULT[memif-testpmd]:-}
		[[ $name == carp-router-pf ]] && ref=${RESULT[carp-router]:-} # "vs testpmd io": vs filter off
		own=$(least <<<"${OWN[$name]//-/}")
		awk -v n="$name" -v p="$m" -v hz="$mhz" -v b="$(best <<<"$base")" -v r="$(best <<<"$ref")" -v o="${own:--}" \
			'BEGIN { printf "| %s | %.2f | %s | %s | %s | %s |\n", n, p / 1e6, p ? sprintf("%.1f", hz * 1e6 / p) : "-", o,
				b ? sprintf("%.2fx", p / b) : "-", r ? sprintf("%.2fx", p / r) : "-" }'
	done
	# Rounds pair the forwarders in time, so per-round ratios cancel part of
	# the machine's noise: their median is the steadier comparison.
	echo
	for pair in carp-router:l3fwd-lpm carp-router6:l3fwd-lpm6 carp-router:testpmd-io l3fwd-lpm:testpmd-io carp-router-pf:carp-router carp-router-pf:l3fwd-lpm memif-carp-router:memif-testpmd; do
		a=${pair%%:*} b=${pair##*:}
		[[ -n ${RESULT[$a]:-} && -n ${RESULT[$b]:-} ]] || continue
		awk -v a="$a" -v b="$b" -v x="${RESULT[$a]}" -v y="${RESULT[$b]}" 'BEGIN {
			n = split(x, u, " "); split(y, v, " "); line = ""
			for (i = 1; i <= n; i++) { if (u[i] > mu) mu = u[i]; if (v[i] > mv) mv = v[i] }
			# a round where either side barely ran (< 1 % of its best) compares nothing
			for (i = 1; i <= n; i++) if (u[i] > mu / 100 && v[i] > mv / 100) { r[++k] = u[i] / v[i]; line = line sprintf(" %.2f", r[k]) }
			for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (r[j] < r[i]) { t = r[i]; r[i] = r[j]; r[j] = t }
			if (k) printf "%s / %s per round:%s (median %.2fx)  \n", a, b, line, k % 2 ? r[(k + 1) / 2] : (r[k / 2] + r[k / 2 + 1]) / 2 }'
	done
} | tee "$TL_TMP/table.md"
cp "$TL_TMP/table.md" "$OUT"
tl_log "table saved to $OUT"
