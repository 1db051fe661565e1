#!/usr/bin/env bash
# Benchmark matrix (issue 13), not a test: routes x destinations x flows x
# CARP mode, each cell run by dpdk-testpmd io, l3fwd-lpm and carp-router, one
# worker lcore each, on the same net_pcap replay -> net_null devices and the
# same generated input (gen_routes.py, gen_cell.py; l3fwd loads the same
# routes). Prints per cell Mpps, cycles/packet (TSC Hz / pps, whole core) and
# the ratios to l3fwd and testpmd io; with CALLGRIND=1 also instructions per
# packet of carp-router's and l3fwd's worker loop (valgrind --tool=callgrind,
# --toggle-collect on fwd_worker_main / lpm_main_loop, divided by the
# packets the sink port sent), which a loaded machine does not change.
#   sudo scripts/bench.sh matrix [short|full] [SECONDS]
#   short: 7 cells, 1 s each; full: all 48 cells, 5 s each.
# Env: CELLS="ROUTES:DEST:FLOWS:CARP ..." (e.g. "10000:lan:512:off") picks
# cells; CALLGRIND=1 (short) / 0; CG_SECONDS (callgrind window, 20);
# BUILD_DIR, SCRATCH, OUT (markdown table, default $SCRATCH/matrix.md);
# CG_BUILD_DIR (build-cg): carp-router for callgrind, built -Dnative=false
# (valgrind has no AVX-512; DPDK's own -march=corei7, as l3fwd gets), or
# CG_BIN, a carp-router binary (e.g. an older commit's, for before/after).
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh
tl_init bench-matrix
MODE=${1:-short}
case $MODE in
short) SECONDS_RUN=${2:-1} CALLGRIND=${CALLGRIND:-1}
	CELLS=${CELLS:-8:nh8:512:off 10000:nh8:512:off 10000:lan:512:off 10000:lan:65536:off 10000:nh8:512:ip 10000:nh8:512:arp8 10000:nh8:512:arp32} ;;
full) SECONDS_RUN=${2:-5} CALLGRIND=${CALLGRIND:-0}
	if [[ -z ${CELLS:-} ]]; then
		for r in 8 10000 1000000; do for d in nh8 lan; do for f in 512 65536; do
			for c in off ip arp8 arp32; do CELLS+=" $r:$d:$f:$c"; done
		done; done; done
	fi ;;
*) tl_fail "mode '$MODE': short or full" ;;
esac
BUILD_DIR=${BUILD_DIR:-build}
SCRATCH=${SCRATCH:-/var/tmp/carp-bench}
OUT=${OUT:-$SCRATCH/matrix.md}
CG_SECONDS=${CG_SECONDS:-20}
here=scripts/bench

bash scripts/setup.sh >"$TL_TMP/setup.log" 2>&1 || { cat "$TL_TMP/setup.log"; tl_fail "setup failed"; }
tl_binary "$BUILD_DIR"
CG_BUILD_DIR=${CG_BUILD_DIR:-build-cg}
if [[ $CALLGRIND == 1 && -z ${CG_BIN:-} ]]; then
	[[ -f $CG_BUILD_DIR/build.ninja ]] || meson setup "$CG_BUILD_DIR" -Dnative=false >&2
	ninja -C "$CG_BUILD_DIR" app/carp-router >&2
	CG_BIN=$(cd "$CG_BUILD_DIR" && pwd)/app/carp-router
fi
l3fwd=$(bash "$here/build_l3fwd.sh" "$SCRATCH")
mhz=$(awk '/^cpu MHz/ { print $4; exit }' /proc/cpuinfo)
echo "R2001:db8::/32 1" >"$TL_TMP/routes6.cfg"
trap '' PIPE

# cmd NAME DIR EAL...: the command line of forwarder NAME on cell DIR's input.
cmd() {
	local name=$1 dir=$2
	shift 2
	local vdevs=(--vdev "net_pcap0,rx_pcap=$dir/bench.pcap,infinite_rx=1,tx_pcap=/dev/null,tx_pcap=/dev/null" --vdev net_null0,no-rx=1)
	case $name in
	testpmd-io) echo dpdk-testpmd -l 0,1 "$@" --file-prefix "$TL_PREFIX-tp" "${vdevs[@]}" -- --forward-mode=io --auto-start --stats-period 3600 ;;
	l3fwd-lpm) echo "$l3fwd" -l 1 "$@" --file-prefix "$TL_PREFIX-l3" "${vdevs[@]}" -- -p 0x3 -P "--config=(0,0,1),(1,0,1)" --parse-ptype "--rule_ipv4=$dir/routes4.cfg" "--rule_ipv6=$TL_TMP/routes6.cfg" ;;
	carp-router) echo "${BIN:-$TL_BIN}" --lcores 0@0,1@1,2@0 "$@" --file-prefix "$TL_PREFIX-cr" "${vdevs[@]}" -- -c "$dir/carp-router.cfg" ;;
	esac
}
prefix_of() { [[ $1 =~ --file-prefix\ ([^ ]+) ]] && echo "${BASH_REMATCH[1]}"; }

# rate NAME DIR EAL...: PPS of the sink port over SECONDS_RUN after a warm-up.
rate() {
	local c pid pps cpp
	c=$(cmd "$@")
	tl_start "$TL_TMP/$1.log" $c
	pid=$TL_PID
	read -r pps cpp < <("$TL_PY" "$here/rate.py" "$(prefix_of "$c")" 1 "$SECONDS_RUN" 2) ||
		{ tail -n 20 "$TL_TMP/$1.log" >&2; pps=0; }
	tl_stop "$pid" >/dev/null || true
	echo "$pps"
}

# ipp NAME DIR FN EAL...: callgrind instructions per forwarded packet inside FN
# (the worker loop, rx and tx PMD calls included). The sink's opackets are
# read just before and just after zeroing the counters, and again around
# the dump CG_SECONDS later; the midpoints bound the window (valgrind runs
# one thread at a time and the busy lcores delay the telemetry thread; the
# stderr line shows by how much; --fair-sched=yes starves the worker).
sent() { "$TL_PY" tests/lib/telemetry.py --wait "${2:-0}" "$1" "/ethdev/stats,1" |
	"$TL_PY" -c 'import json,sys; print(json.load(sys.stdin)["/ethdev/stats"]["opackets"])'; }
ipp() {
	local name=$1 dir=$2 fn=$3 c p pid a0 a1 b0 b1 ir i out=$TL_TMP/cg.$1.out
	shift 3
	c=$(BIN=${CG_BIN:-} cmd "$name" "$dir" "$@")
	p=$(prefix_of "$c")
	rm -f "$out"*
	tl_start "$TL_TMP/cg.$name.log" valgrind --tool=callgrind --collect-atstart=no \
		"--toggle-collect=$fn" "--callgrind-out-file=$out" $c
	pid=$TL_PID
	# until it forwards (CARP takes a few seconds to become MASTER under valgrind)
	for ((i = 0; i < 120; i++)); do (($(sent "$p" 300 || echo 0) > 0)) && break; sleep 1; done
	if sleep 5 && a0=$(sent "$p") && callgrind_control -z "$pid" >/dev/null &&
		a1=$(sent "$p") && sleep "$CG_SECONDS" && b0=$(sent "$p") &&
		callgrind_control -d "$pid" >/dev/null && b1=$(sent "$p"); then
		ir=$(cat "$out".* 2>/dev/null | awk '/^summary:|^totals:/ { print $2; exit }')
		cp "$(ls "$out".* | tail -n 1)" "$SCRATCH/cg.$name.$(basename "$dir").out" 2>/dev/null || true
	fi
	tl_stop "$pid" 60 >/dev/null || true
	echo "ipp $name: opackets $a0/$a1 at zero, $b0/$b1 at dump, $ir instructions" >&2
	awk -v i="${ir:-0}" -v s="$(((${b0:-0} + ${b1:-0} - ${a0:-0} - ${a1:-0}) / 2))" \
		'BEGIN { if (s > 0 && i > 0) printf "%.0f\n", i / s; else print "-" }'
}

declare -A ROUTEFILE
EAL_HUGE=(--no-pci --huge-unlink -m 256)
# A million routes: carp-router's LPM wants ~1.1 GB of tbl8s (one group per
# rule), more than the shared hugepages; every forwarder then runs --no-huge.
EAL_BIG=(--no-pci --no-huge -m 2560)
{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo) @ $mhz MHz TSC, DPDK $(pkg-config --modversion libdpdk), scripts/bench.sh matrix $MODE $SECONDS_RUN, carp-router $(git describe --always --dirty)"
	echo
	echo "| routes | dest | flows | carp | testpmd io Mpps | l3fwd Mpps | carp-router Mpps | carp-router cycles/pkt | l3fwd cycles/pkt | vs l3fwd | vs testpmd io | carp-router instr/pkt | l3fwd instr/pkt |"
	echo "| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} | tee "$TL_TMP/matrix.md"
for cell in $CELLS; do
	IFS=: read -r nr dest flows carp <<<"$cell"
	if [[ -z ${ROUTEFILE[$nr]:-} ]]; then
		ROUTEFILE[$nr]=$TL_TMP/routes.$nr
		"$TL_PY" "$here/gen_routes.py" "$nr" "${ROUTEFILE[$nr]}" >&2
	fi
	dir=$TL_TMP/cell.$nr.$dest.$flows.$carp
	"$TL_PY" "$here/gen_cell.py" "${ROUTEFILE[$nr]}" "$dest" "$flows" "$carp" "$dir" >&2
	eal=("${EAL_HUGE[@]}")
	((nr < 100000)) || eal=("${EAL_BIG[@]}")
	tp=$(rate testpmd-io "$dir" "${eal[@]}")
	l3=$(rate l3fwd-lpm "$dir" "${eal[@]}")
	cr=$(rate carp-router "$dir" "${eal[@]}")
	cgc=- cgl=-
	if [[ $CALLGRIND == 1 ]]; then
		# valgrind cannot use hugepages: both run --no-huge
		cgc=$(ipp carp-router "$dir" fwd_worker_main --no-pci --no-huge -m 2560)
		cgl=$(ipp l3fwd-lpm "$dir" lpm_main_loop --no-pci --no-huge -m 2560)
	fi
	awk -v r="$nr" -v d="$dest" -v f="$flows" -v c="$carp" -v tp="$tp" -v l3="$l3" -v cr="$cr" \
		-v hz="$mhz" -v cgc="$cgc" -v cgl="$cgl" 'function cyc(p) { return p ? sprintf("%.1f", hz * 1e6 / p) : "-" }
		function rat(a, b) { return b ? sprintf("%.2fx", a / b) : "-" }
		BEGIN { printf "| %s | %s | %s | %s | %.2f | %.2f | %.2f | %s | %s | %s | %s | %s | %s |\n",
			r, d, f, c, tp / 1e6, l3 / 1e6, cr / 1e6, cyc(cr), cyc(l3), rat(cr, l3), rat(cr, tp), cgc, cgl }' |
		tee -a "$TL_TMP/matrix.md"
done
mkdir -p "$(dirname "$OUT")"
cp "$TL_TMP/matrix.md" "$OUT"
tl_log "table saved to $OUT"
