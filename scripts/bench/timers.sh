#!/usr/bin/env bash
# Benchmark, not a test: are CARP timers on time while a worker forwards at
# full rate? One carp-router, lcores 0 (main) and 2 (control) on CPU 0, the
# busy-polling worker (lcore 1) on CPU 1; carp0 (advbase 0, advskew 26:
# an advertisement every 101.6 ms) is MASTER on the net_null sink port.
# Run twice: idle (no input) and under load (net_pcap infinite replay of the
# benchmark mix). Prints adverts/s against the expected 9.846/s, the worst
# timer lateness and the forwarding rate.
#   sudo scripts/bench/timers.sh [SECONDS]        (default 20)
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh
tl_init timers
SECS=${1:-20}
tl_binary "${BUILD_DIR:-build}"
tl_hugepages
here=scripts/bench

pcap=$TL_TMP/bench.pcap
"$TL_PY" "$here/gen_pcap.py" "$pcap" 02:70:63:61:70:00 512
empty=$TL_TMP/empty.pcap # a pcap with no packet: the idle run's input
printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\0\0\0\0\0\0\0\0\xff\xff\0\0\x01\0\0\0' >"$empty"
cfg=$TL_TMP/timers.cfg
sed 's/^workers = .*/&\ncontrol_lcore = 2;/' "$here/pcap-null.cfg" >"$cfg"
cat >>"$cfg" <<'CFG'
carp = {
	interfaces = ( { name = "carp0"; carpdev = "out"; vhid = 1; advbase = 0; advskew = 26;
	                 pass = "timers"; addresses = [ "198.51.100.10/24" ]; } );
};
CFG

run() { # NAME INPUT_VDEV
	local prefix=$TL_PREFIX-$1
	tl_start "$TL_TMP/$1.log" "$TL_BIN" --lcores '0@0,1@1,2@0' --no-pci --huge-unlink -m 512 \
		--file-prefix "$prefix" --vdev "$2" --vdev net_null0,no-rx=1 -- -c "$cfg"
	local pid=$TL_PID
	printf '%-6s %s\n' "$1" "$("$TL_PY" "$here/timers.py" "$prefix" "$SECS")"
	tl_stop "$pid" 10 >/dev/null || true
}

echo "expected adverts_per_s=$(awk 'BEGIN { printf "%.3f", 1e6 / int(26 * 1e6 / 256) }')"
run idle "net_pcap0,rx_pcap=$empty,tx_pcap=/dev/null,tx_pcap=/dev/null"
run load "net_pcap0,rx_pcap=$pcap,infinite_rx=1,tx_pcap=/dev/null,tx_pcap=/dev/null"
