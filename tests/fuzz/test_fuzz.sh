#!/usr/bin/env bash
# Fuzz with libFuzzer + ASan + UBSan for a bounded time:
#  1. lib/carp's CARP decoder and carpdump's decode/diagnose path;
#  2. lib/pfsync's receive path: parsers, pfsyncdump's printer, the engine.
#   tests/fuzz/test_fuzz.sh [BUILD_DIR]      (BUILD_DIR unused: built here)
# Env: FUZZ_SECONDS (default 30, the CARP target), FUZZ_PFSYNC_SECONDS
# (default 15), FUZZ_KEEP=1 keeps the scratch folder.
# Each target is compiled with clang straight from the sources (no meson
# option needed), seeded (tests/interop/vectors.py, tests/pfsync/
# pfsync_frames.py: valid vectors and broken variants), run, and fails on
# any crash, sanitizer report, invariant failure or timeout. A crashing
# input is kept as tests/fuzz/crash-* for reproduction (git-ignored).
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
tl_init h2-fuzz
[[ -n ${FUZZ_KEEP:-} ]] && TL_KEEP_TMP=1

root=$TL_ROOT
command -v clang >/dev/null || tl_fail "clang not installed (scripts/setup.sh installs clang and libclang-rt-14-dev)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

build() { # NAME SOURCES... (-I flags for lib/carp, lib/pfsync, tools/*)
	local name=$1
	shift
	tl_log "building $name"
	if ! clang -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wmissing-prototypes -D_GNU_SOURCE \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I"$root/lib/carp" -I"$root/lib/pfsync" -I"$root/tools/carpdump" \
		-I"$root/tools/capture" -I"$root/tools/pfsyncdump" "$@" -lcrypto \
		-o "$TL_TMP/$name" >"$TL_TMP/$name.build.log" 2>&1; then
		cat "$TL_TMP/$name.build.log"
		tl_fail "could not build the fuzz target $name"
	fi
}

fuzz() { # NAME SECONDS SEEDS_DIR MAX_LEN
	local name=$1 secs=$2 seeds=$3 max_len=$4 bin=$TL_TMP/$1 rc runs
	mkdir -p "$TL_TMP/work-$name"
	# 1. every seed once (valid vectors, broken frames)
	if ! "$bin" "$seeds"/* >"$TL_TMP/$name.seeds.log" 2>&1; then
		tail -n 40 "$TL_TMP/$name.seeds.log"
		tl_fail "$name: a seed input crashed the target"
	fi
	tl_log "$name: $(ls "$seeds" | wc -l) seed inputs ran clean"
	# 2. bounded fuzzing from the seeds
	tl_log "$name: fuzzing for $secs s"
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
		-print_final_stats=1 -artifact_prefix="$root/tests/fuzz/" \
		"$TL_TMP/work-$name" "$seeds" >"$TL_TMP/$name.log" 2>&1
	rc=$?
	runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$TL_TMP/$name.log" | grep -o '[0-9]*$')
	if ((rc != 0)) || grep -Eq 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|fuzz invariant failed|deadly signal' "$TL_TMP/$name.log"; then
		grep -E -A30 'ERROR|runtime error|invariant|deadly' "$TL_TMP/$name.log" | head -60
		tl_fail "$name: fuzzer found a problem (exit $rc); input saved under tests/fuzz/ (crash-*/timeout-*)"
	fi
	[[ -n $runs ]] && ((runs > 0)) || { tail -n 20 "$TL_TMP/$name.log"; tl_fail "$name: fuzzer did not run"; }
	tl_log "PASS: $name: $runs executions in $secs s, no crash, no sanitizer report"
}

# 1. CARP: lib/carp is pure C; carpdump's decode and diagnosis files are
# the tool's testable core.
build fuzz_carp_decode "$root"/lib/carp/*.c "$root"/tools/capture/capture_link.c \
	"$root"/tools/carpdump/carpdump_addr.c "$root"/tools/carpdump/carpdump_decode.c \
	"$root"/tools/carpdump/carpdump_diag.c "$root"/tests/fuzz/fuzz_carp_decode.c
mkdir -p "$TL_TMP/seeds-carp"
/usr/bin/python3 "$root/tests/interop/vectors.py" corpus "$TL_TMP/seeds-carp" ||
	tl_fail "vectors.py could not write the seed corpus"
fuzz fuzz_carp_decode "${FUZZ_SECONDS:-30}" "$TL_TMP/seeds-carp" 512

# 2. pfsync: lib/pfsync and pfsyncdump's printer.
build fuzz_pfsync_decode "$root"/lib/pfsync/*.c "$root"/tools/pfsyncdump/pfsyncdump_fmt.c \
	"$root"/tests/fuzz/fuzz_pfsync_decode.c
mkdir -p "$TL_TMP/seeds-pfsync"
/usr/bin/python3 "$root/tests/pfsync/pfsync_frames.py" corpus "$TL_TMP/seeds-pfsync" ||
	tl_fail "pfsync_frames.py could not write the seed corpus"
# 2048 bytes: a few full states, every kind of subheader
fuzz fuzz_pfsync_decode "${FUZZ_PFSYNC_SECONDS:-15}" "$TL_TMP/seeds-pfsync" 2048
