#!/usr/bin/env bash
# Build DPDK's l3fwd example (Debian's dpdk-doc sources) in a scratch dir
# outside the repo, for scripts/bench.sh. l3fwd asks every port for Rx
# checksum offload, which net_pcap/net_null/memif lack, and refuses to start:
# the scratch copy masks its requested Rx offloads with the port's
# rx_offload_capa (two lines), and its LPM is sized for the matrix's million
# routes (max rules 1024 -> 2^21, tbl8 groups 256 -> 2^16; scripts/bench/
# matrix.sh). Prints the binary's path.
#   scripts/bench/build_l3fwd.sh [SCRATCH_DIR]   (default /var/tmp/carp-bench)
set -euo pipefail
scratch=${1:-/var/tmp/carp-bench}
src=/usr/share/dpdk/examples
ex=$scratch/examples-v3 # v3: LPM sized for the matrix
bin=$ex/l3fwd/build/l3fwd

if [[ ! -x $bin ]]; then
	[[ -f $src/l3fwd/main.c ]] || { echo "build_l3fwd: no $src/l3fwd (install dpdk-doc)" >&2; exit 1; }
	rm -rf "$ex"
	mkdir -p "$scratch"
	cp -r "$src" "$ex" # l3fwd includes ../common
	main=$ex/l3fwd/main.c
	lpm=$ex/l3fwd/l3fwd_lpm.c
	sed -i 's/^\(\t\tlocal_port_conf.rx_adv_conf.rss_conf.rss_hf &=\)$/\t\tlocal_port_conf.rxmode.offloads \&= dev_info.rx_offload_capa;\n\1/' "$main"
	sed -i 's/^\(\t\t\trxq_conf.offloads = port_conf.rxmode.offloads\);$/\1 \& dev_info.rx_offload_capa;/' "$main"
	[[ $(grep -c 'rx_offload_capa' "$main") -eq 2 ]] ||
		{ echo "build_l3fwd: could not patch $main (DPDK version changed?)" >&2; exit 1; }
	sed -i -e 's/^\(#define IPV4_L3FWD_LPM_MAX_RULES *\)1024$/\1(1 << 21)/' \
		-e 's/^\(#define IPV4_L3FWD_LPM_NUMBER_TBL8S *\)(1 << 8)$/\1(1 << 16)/' "$lpm"
	[[ $(grep -c '^#define IPV4_L3FWD_LPM_\(MAX_RULES *(1 << 21)\|NUMBER_TBL8S *(1 << 16)\)' "$lpm") -eq 2 ]] ||
		{ echo "build_l3fwd: could not patch $lpm (DPDK version changed?)" >&2; exit 1; }
	make -s -C "$ex/l3fwd" >&2
fi
echo "$bin"
