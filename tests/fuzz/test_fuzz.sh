#!/usr/bin/env bash
# Fuzz lib/carp's CARP decoder and carpdump's decode/diagnose path, then
# lib/pf's pf.conf parser and packet path, with libFuzzer + ASan + UBSan
# for a bounded time each.
#   tests/fuzz/test_fuzz.sh [BUILD_DIR]      (BUILD_DIR unused: built here)
# Env: FUZZ_SECONDS (default 30, CARP), PF_FUZZ_SECONDS (default 5 per pf
# target), FUZZ_KEEP=1 keeps the scratch folder.
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
srcs=("$root"/lib/carp/*.c "$root"/tools/carpdump/carpdump_addr.c
	"$root"/tools/carpdump/carpdump_decode.c "$root"/tools/carpdump/carpdump_diag.c
	"$root"/tests/fuzz/fuzz_carp_decode.c)
tl_log "building $bin"
if ! clang -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wmissing-prototypes -D_GNU_SOURCE \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-I"$root/lib/carp" -I"$root/tools/carpdump" "${srcs[@]}" -lcrypto \
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
tl_log "carp: $runs executions in $secs s, no crash, no sanitizer report"

# lib/pf: fuzz_pf_parse (seeds: config/pf/*.conf; pf's keywords as a
# dictionary) and fuzz_pf_packet (seeds: tests/fuzz/pf_seeds.py).
pf_secs=${PF_FUZZ_SECONDS:-5}
pf_run() { # NAME SEEDDIR [libFuzzer options...]
	local name=$1 seeds=$2 log=$TL_TMP/$1.log rc runs
	shift 2
	mkdir -p "$TL_TMP/work-$name"
	if ! "$TL_TMP/$name" "$seeds"/* >"$log.seeds" 2>&1; then
		tail -n 40 "$log.seeds"
		tl_fail "$name: a seed input crashed the target"
	fi
	"$TL_TMP/$name" -max_total_time="$pf_secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$root/tests/fuzz/" "$@" \
		"$TL_TMP/work-$name" "$seeds" >"$log" 2>&1
	rc=$?
	runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
	if ((rc != 0)) || grep -Eq 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|fuzz invariant failed|deadly signal' "$log"; then
		grep -E -A30 'ERROR|runtime error|invariant|deadly' "$log" | head -60
		tl_fail "$name found a problem (exit $rc); input saved under tests/fuzz/"
	fi
	[[ -n $runs ]] && ((runs > 0)) || { tail -n 20 "$log"; tl_fail "$name did not run"; }
	tl_log "$name: $runs executions in $pf_secs s, no crash, no invariant broken"
}
pf_build() { # NAME EXTRA_SOURCES...
	local name=$1
	shift
	if ! clang -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wmissing-prototypes -D_GNU_SOURCE \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I"$root/lib/pf" -I"$root/tests/unit/pf" "$root"/lib/pf/*.c \
		"$root/tests/unit/pf/pf_fixture.c" "$@" "$root/tests/fuzz/$name.c" \
		-o "$TL_TMP/$name" >"$TL_TMP/$name.build.log" 2>&1; then
		cat "$TL_TMP/$name.build.log"
		tl_fail "could not build $name"
	fi
}
pf_build fuzz_pf_parse
pf_build fuzz_pf_packet "$root/tests/unit/pf/pf_frames.c"
mkdir -p "$TL_TMP/pf-conf" "$TL_TMP/pf-pkt"
cp "$root"/config/pf/*.conf "$TL_TMP/pf-conf/"
printf 'pass on lan0 proto carp keep state (no-sync)\nblock in quick on wan0 from ! <t>\n' \
	>"$TL_TMP/pf-conf/seed-lines"
grep -oh '"[a-z][a-z0-9.:-]*"' "$root"/lib/pf/pf_parse*.c "$root"/lib/pf/pf_names.c \
	"$root"/lib/pf/pf_timeout.h | sort -u >"$TL_TMP/pf.dict"
printf '"{"\n"}"\n"<>"\n"><"\n"!="\n"$"\n"(lan0)"\n"lan0:network"\n"nat-to"\n"keep state"\n' \
	>>"$TL_TMP/pf.dict"
/usr/bin/python3 "$root/tests/fuzz/pf_seeds.py" "$TL_TMP/pf-pkt" ||
	tl_fail "pf_seeds.py could not write the packet seeds"
pf_run fuzz_pf_parse "$TL_TMP/pf-conf" -max_len=4096 -dict="$TL_TMP/pf.dict"
pf_run fuzz_pf_packet "$TL_TMP/pf-pkt" -max_len=4096
tl_log "PASS: carp, pf.conf parser and pf packet path fuzzed, no crash, no sanitizer report"
