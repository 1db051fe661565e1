#!/usr/bin/env bash
# Fuzz lib/carp's CARP decoder and carpdump's decode/diagnose path with
# libFuzzer + ASan + UBSan for a bounded time.
#   tests/fuzz/test_fuzz.sh [BUILD_DIR]      (BUILD_DIR unused: built here)
# Env: FUZZ_SECONDS (default 30), FUZZ_KEEP=1 keeps the scratch folder.
# Compiles the target with clang straight from the sources (no meson
# option needed), seeds it with the spec's vector frames and broken
# variants (tests/interop/vectors.py), runs it, and fails on any crash,
# sanitizer report, invariant failure or timeout. A crashing input is kept
# as tests/fuzz/crash-* for reproduction (git-ignored).
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
tl_init h2-fuzz
[[ -n ${FUZZ_KEEP:-} ]] && TL_KEEP_TMP=1

secs=${FUZZ_SECONDS:-30}
root=$TL_ROOT
bin=$TL_TMP/fuzz_carp_decode
command -v clang >/dev/null || tl_fail "clang not installed (scripts/setup.sh installs clang and libclang-rt-14-dev)"

# lib/carp is pure C: all of it compiles without DPDK; carpdump's decode and
# diagnosis files are the tool's testable core.
srcs=("$root"/lib/carp/*.c "$root"/tools/capture/capture_link.c "$root"/tools/carpdump/carpdump_addr.c
	"$root"/tools/carpdump/carpdump_decode.c "$root"/tools/carpdump/carpdump_diag.c
	"$root"/tests/fuzz/fuzz_carp_decode.c)
tl_log "building $bin"
if ! clang -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wmissing-prototypes -D_GNU_SOURCE \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-I"$root/lib/carp" -I"$root/tools/carpdump" -I"$root/tools/capture" "${srcs[@]}" -lcrypto \
	-o "$bin" >"$TL_TMP/build.log" 2>&1; then
	cat "$TL_TMP/build.log"
	tl_fail "could not build the fuzz target"
fi

mkdir -p "$TL_TMP/seeds" "$TL_TMP/work"
/usr/bin/python3 "$root/tests/interop/vectors.py" corpus "$TL_TMP/seeds" ||
	tl_fail "vectors.py could not write the seed corpus"
nseeds=$(ls "$TL_TMP/seeds" | wc -l)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# 1. every seed once (valid vectors, broken frames, VRRP)
if ! "$bin" "$TL_TMP"/seeds/* >"$TL_TMP/seeds.log" 2>&1; then
	tail -n 40 "$TL_TMP/seeds.log"
	tl_fail "a seed input crashed the target"
fi
tl_log "$nseeds seed inputs ran clean"

# 2. bounded fuzzing from the seeds
tl_log "fuzzing for $secs s"
"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=512 \
	-print_final_stats=1 -artifact_prefix="$root/tests/fuzz/" \
	"$TL_TMP/work" "$TL_TMP/seeds" >"$TL_TMP/fuzz.log" 2>&1
rc=$?
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$TL_TMP/fuzz.log" | grep -o '[0-9]*$')
if ((rc != 0)) || grep -Eq 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|fuzz invariant failed|deadly signal' "$TL_TMP/fuzz.log"; then
	grep -E -A30 'ERROR|runtime error|invariant|deadly' "$TL_TMP/fuzz.log" | head -60
	tl_fail "fuzzer found a problem (exit $rc); input saved under tests/fuzz/ (crash-*/timeout-*)"
fi
[[ -n $runs ]] && ((runs > 0)) || { tail -n 20 "$TL_TMP/fuzz.log"; tl_fail "fuzzer did not run"; }
tl_log "PASS: $runs executions in $secs s, no crash, no sanitizer report"
