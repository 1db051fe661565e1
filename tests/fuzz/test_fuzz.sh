#!/usr/bin/env bash
# Fuzz with libFuzzer + ASan + UBSan for a bounded time:
#   fuzz_carp_decode  lib/carp's CARP decoder and carpdump's decode/diagnose
#   fuzz_fwd_ip6      lib/fwd's IPv6 extension header walker, NDP parser and
#                     ICMPv6/NDP builders (pure functions, DPDK headers only)
#   tests/fuzz/test_fuzz.sh [BUILD_DIR]      (BUILD_DIR unused: built here)
# Env: FUZZ_SECONDS (default 30: fuzz_carp_decode), FUZZ_IP6_SECONDS
# (default 15: fuzz_fwd_ip6, ~250k executions a second), FUZZ_KEEP=1 keeps
# the scratch folder. Compiles each target with clang straight from the sources (no
# meson option needed), seeds it (tests/interop/vectors.py: the spec's
# vector frames and broken variants; tests/fuzz/seeds_ip6.py: scapy-built
# NDP, ICMPv6 and extension header chains), runs it, and fails on any
# crash, sanitizer report, invariant failure or timeout. A crashing input
# is kept as tests/fuzz/crash-* for reproduction (git-ignored).
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
tl_init h2-fuzz
[[ -n ${FUZZ_KEEP:-} ]] && TL_KEEP_TMP=1

secs=${FUZZ_SECONDS:-30}
secs6=${FUZZ_IP6_SECONDS:-15}
root=$TL_ROOT
command -v clang >/dev/null || tl_fail "clang not installed (scripts/setup.sh installs clang and libclang-rt-14-dev)"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# build NAME CFLAGS-WORD... -- SOURCES...: compile $TL_TMP/NAME
build() {
	local name=$1 flags=()
	shift
	while [[ $1 != -- ]]; do flags+=("$1"); shift; done
	shift
	tl_log "building $name"
	if ! clang -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wmissing-prototypes -D_GNU_SOURCE \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		"${flags[@]}" "$@" -o "$TL_TMP/$name" >"$TL_TMP/$name.build.log" 2>&1; then
		cat "$TL_TMP/$name.build.log"
		tl_fail "could not build the fuzz target $name"
	fi
}

# run NAME SEED_DIR SECONDS MAX_LEN: every seed once, then fuzz
run() {
	local name=$1 seeds=$2 secs=$3 maxlen=$4 bin=$TL_TMP/$1 rc runs
	mkdir -p "$TL_TMP/$name.work"
	if ! "$bin" "$seeds"/* >"$TL_TMP/$name.seeds.log" 2>&1; then
		tail -n 40 "$TL_TMP/$name.seeds.log"
		tl_fail "$name: a seed input crashed the target"
	fi
	tl_log "$name: $(ls "$seeds" | wc -l) seed inputs ran clean; fuzzing for $secs s"
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="$maxlen" \
		-print_final_stats=1 -artifact_prefix="$root/tests/fuzz/" \
		"$TL_TMP/$name.work" "$seeds" >"$TL_TMP/$name.log" 2>&1
	rc=$?
	runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$TL_TMP/$name.log" | grep -o '[0-9]*$')
	if ((rc != 0)) || grep -Eq 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|fuzz invariant failed|deadly signal' "$TL_TMP/$name.log"; then
		grep -E -A30 'ERROR|runtime error|invariant|deadly' "$TL_TMP/$name.log" | head -60
		tl_fail "$name: fuzzer found a problem (exit $rc); input saved under tests/fuzz/ (crash-*/timeout-*)"
	fi
	[[ -n $runs ]] && ((runs > 0)) || { tail -n 20 "$TL_TMP/$name.log"; tl_fail "$name: fuzzer did not run"; }
	tl_log "$name: $runs executions in $secs s, no crash, no sanitizer report"
}

# 1. lib/carp is pure C: all of it compiles without DPDK; carpdump's decode
# and diagnosis files are the tool's testable core.
build fuzz_carp_decode -I"$root/lib/carp" -I"$root/tools/carpdump" -- \
	"$root"/lib/carp/*.c "$root"/tools/carpdump/carpdump_addr.c \
	"$root"/tools/carpdump/carpdump_decode.c "$root"/tools/carpdump/carpdump_diag.c \
	"$root"/tests/fuzz/fuzz_carp_decode.c -lcrypto
mkdir -p "$TL_TMP/seeds"
/usr/bin/python3 "$root/tests/interop/vectors.py" corpus "$TL_TMP/seeds" ||
	tl_fail "vectors.py could not write the seed corpus"
run fuzz_carp_decode "$TL_TMP/seeds" "$secs" 512

# 2. lib/fwd's IPv6 layer: DPDK's headers (types, byte order), no DPDK library.
dpdk_cflags=$(pkg-config --cflags libdpdk 2>/dev/null) ||
	tl_fail "libdpdk's pkg-config file not found (scripts/setup.sh installs dpdk-dev)"
# shellcheck disable=SC2086 # word splitting of pkg-config output is intended
build fuzz_fwd_ip6 $dpdk_cflags -I"$root/lib/fwd" -I"$root/lib/carp" -- \
	"$root"/lib/fwd/fwd_ip6_addr.c "$root"/lib/fwd/fwd_ip6_ext.c "$root"/lib/fwd/fwd_icmp6.c \
	"$root"/lib/fwd/fwd_ndp_parse.c "$root"/lib/fwd/fwd_ndp_build.c "$root"/lib/carp/carp_ip6.c \
	"$root"/tests/fuzz/fuzz_fwd_ip6.c
mkdir -p "$TL_TMP/seeds6"
/usr/bin/python3 "$root/tests/fuzz/seeds_ip6.py" "$TL_TMP/seeds6" 2>"$TL_TMP/seeds6.log" ||
	{ cat "$TL_TMP/seeds6.log"; tl_fail "seeds_ip6.py could not write the seed corpus"; }
run fuzz_fwd_ip6 "$TL_TMP/seeds6" "$secs6" 2048
tl_log "PASS"
