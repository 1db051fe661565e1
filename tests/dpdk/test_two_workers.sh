#!/usr/bin/env bash
# The binary with TWO workers (issue 8 item 6): two net_null ports with
# rx_queues = 2 (RSS on IPv4, which net_null offers), workers = [1, 2], the
# main thread on lcore 0, and EAL --lcores putting the three on the CPUs we
# may use (two on the lab machine). Run with the plain build, the ASan/UBSan
# build ($ASAN_DIR, default BUILD_DIR-asan) and the ThreadSanitizer build
# ($TSAN_DIR, default BUILD_DIR-tsan), each when it has the binary
# (scripts/test.sh builds all three). net_null delivers an endless stream
# of frames addressed to no one, so both workers are busy the whole time.
# Asserts, per build: /router/lcores shows lcores 1 and 2 polling
# "lan0:0 srv0:0" and "lan0:1 srv0:1" (round robin over the four queues)
# and each received packets; drop_dst_mac_not_ours moved; SIGTERM stops
# the router with status 0 (a sanitizer report makes it exit non-zero:
# UBSan and TSan halt on the first, TSan with tsan.supp for DPDK's
# uninstrumented internals); final stats of lcore 2 logged. The
# neighbour/QSBR side with two workers is the unit test fwd_workers.
# No hugepages (--no-huge).
#   tests/dpdk/test_two_workers.sh [BUILD_DIR]
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
tl_init twowk
build=$(cd "${1:-$TL_ROOT/build}" && pwd)
asan=${ASAN_DIR:-$build-asan}
[[ $asan == /* ]] || asan=$TL_ROOT/$asan
tsan=${TSAN_DIR:-$build-tsan}
[[ $tsan == /* ]] || tsan=$TL_ROOT/$tsan
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:suppressions=$TL_ROOT/tsan.supp}
cd "$TL_TMP"

cat >two.cfg <<'EOF'
polling = "adaptive";
workers = [ 1, 2 ];
tables = { routes = 64; neighbours = 64; };
ports = (
	{ name = "lan0"; device = "net_null0"; rx_queues = 2; addresses = [ "192.0.2.1/24" ]; },
	{ name = "srv0"; device = "net_null1"; rx_queues = 2; addresses = [ "198.51.100.1/24" ]; }
);
EOF

# the CPUs this process may run on, at most two: "0,1"
cpus=$("$TL_PY" -c 'import os; print(",".join(map(str, sorted(os.sched_getaffinity(0))[:2])))')

run() { # BUILD_DIR TAG
	local bin=$1/app/carp-router tag=$2 prefix=$TL_PREFIX-$2 pid rc=0
	[[ -x $bin ]] || tl_fail "no binary $bin (scripts/build.sh)"
	tl_log "$tag: $bin"
	tl_start "$tag.log" "$bin" "--lcores=(0-2)@($cpus)" --no-huge -m 256 --no-pci \
		--file-prefix "$prefix" --vdev net_null0 --vdev net_null1 -- -c two.cfg
	pid=$TL_PID
	TL_ON_FAIL+=("tail -n 30 $TL_TMP/$tag.log >&2")
	tl_wait_telemetry "$prefix" 30 "$pid"
	sleep 1
	tl_telemetry "$prefix" /router/lcores /router/stats >"$tag.json"
	"$TL_PY" - "$tag.json" <<'PY' || tl_fail "$tag: telemetry (above)"
import json, sys
replies = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
lc = replies[0]["/router/lcores"]
st = replies[1]["/router/stats"]
bad = []
if lc["lcores"] != [1, 2]:
    bad.append(f"lcores {lc['lcores']}, want [1, 2]")
if lc["rx_queues"] != ["lan0:0 srv0:0", "lan0:1 srv0:1"]:
    bad.append(f"rx_queues {lc['rx_queues']}")
if not all(p > 0 for p in lc["packets"]):
    bad.append(f"packets per worker {lc['packets']}: both must receive")
print(f"packets per worker {lc['packets']}, drop_dst_mac_not_ours {st.get('drop_dst_mac_not_ours')}")
if st.get("drop_dst_mac_not_ours", 0) <= 0:
    bad.append("drop_dst_mac_not_ours did not move")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
	tl_stop "$pid" 20 || rc=$?
	((rc == 0)) || tl_fail "$tag: exit status $rc after SIGTERM, want 0"
	if grep -E "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|WARNING: ThreadSanitizer" "$tag.log"; then
		tl_fail "$tag: sanitizer report"
	fi
	grep -q '^rtr.app: lcore 2: ' "$tag.log" || tl_fail "$tag: no final stats of lcore 2"
}

run "$build" plain
for b in "asan:$asan" "tsan:$tsan"; do
	if [[ -x ${b#*:}/app/carp-router ]]; then
		run "${b#*:}" "${b%%:*}"
	else
		tl_log "no binary in ${b#*:} (scripts/build.sh --${b%%:*}): not run there"
	fi
done
tl_log "PASS"
