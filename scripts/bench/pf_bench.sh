#!/usr/bin/env bash
# Benchmark, not a test: the filter stage alone (build/scripts/pf-bench, see
# scripts/bench/pf_bench.c) at 1 k, 100 k and 1 M established TCP
# connections through NAT (2 states each): new connections per second per
# core and cycles per packet of an established connection (in + out).
# EAL without hugepages (1 M connections need about 1 GB of table): 4 KB
# pages, so TLB misses are part of the figures at 100 k and 1 M.
#   scripts/bench/pf_bench.sh [BUILD_DIR]    prints a markdown table
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build}/scripts/pf-bench
[[ -x $bin ]] || { echo "pf_bench: no $bin (build first)" >&2; exit 1; }
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg), $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo
echo "| connections | states | new conn/s per core | cycles per new connection | established cycles per packet | Mpps per core |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
for n in 1000 100000 1000000; do
	out=$("$bin" --no-huge -m 2048 --no-pci --file-prefix "pfbench$$" --log-level=error --no-telemetry -l 1 \
		-- "$n" 5)
	new=$(sed -n 's/.*: new \([0-9]*\) conn\/s (\([0-9]*\) cycles.*/\1 \2/p' <<<"$out")
	est=$(sed -n 's/.*established \([0-9.]*\) cycles per packet (in+out, \([0-9]*\) states.*), \([0-9.]*\) Mpps.*/\1 \2 \3/p' <<<"$out")
	read -r conns cyc <<<"$new"
	read -r cpp states mpps <<<"$est"
	[[ -n $mpps ]] || { echo "pf_bench: unexpected output: $out" >&2; exit 1; }
	echo "| $n | $states | $conns | $cyc | $cpp | $mpps |"
done
