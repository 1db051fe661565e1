#!/usr/bin/env bash
# Fuzz the configuration loader (libconfig text -> struct cfg -> validation)
# with libFuzzer + ASan + UBSan for a bounded time.
#   tests/config/test_fuzz_cfg.sh [BUILD_DIR]    (BUILD_DIR unused: built here)
# Env: FUZZ_SECONDS (default 20). Seeds: every config/**/*.cfg plus the bad
# files of test_config.sh's kinds. Fails on any crash, sanitizer report,
# leak, invariant failure (tests/unit/config/fuzz_cfg.c) or timeout; a crashing
# input is kept as tests/config/crash-* (git-ignored).
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
tl_init h4-fuzz

secs=${FUZZ_SECONDS:-20}
root=$TL_ROOT
bin=$TL_TMP/fuzz_cfg
command -v clang >/dev/null || tl_fail "clang not installed (scripts/setup.sh installs clang and libclang-rt-14-dev)"

tl_log "building $bin"
if ! clang -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wmissing-prototypes -D_GNU_SOURCE \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -I"$root/app/config" \
	-I"$root/lib/carp" "$root"/app/config/cfg_*.c "$root"/lib/carp/*.c \
	"$root/tests/unit/config/fuzz_cfg.c" -lconfig -lcrypto \
	-o "$bin" >"$TL_TMP/build.log" 2>&1; then
	cat "$TL_TMP/build.log"
	tl_fail "could not build the fuzz target"
fi

mkdir -p "$TL_TMP/seeds" "$TL_TMP/work"
find "$root/config" -name '*.cfg' | while read -r f; do
	cp "$f" "$TL_TMP/seeds/$(echo "${f#"$root"/config/}" | tr / -)"
done
i=0
for body in 'ports = ( { name = "a"; device = "d"; mtu = 70000; } );' \
	'ports = ( { name = "a"; device = "d"; addresses = [ "192.0.2.1/24", "192.0.2.129/25" ]; } );' \
	'ports = ( { name = "a"; device = "d"; addresses = [ "192.0.2.1/24" ]; } ); routes = ( { prefix = "0.0.0.0/0"; via = "10.0.0.1"; } );' \
	'ports = ( { name = "a"; device = "d"; addresses = [ "192.0.2.1/24" ]; } ); neighbours = ( { address = "192.0.2.2"; mac = "02:00:00:00:00:01"; } );' \
	'workers = [ 1, 1 ]; tables = { routes = 16; neighbours = 16; mbufs = 1023; }; carp = 1;' \
	'ports = ( { name = "a"; device = "d"; addresses = [ "192.0.2.1/24" ]; } ); carp = { interfaces = ( { name = "c"; carpdev = "a"; carpnodes = "1:0,1:300"; pass = "01234567890123456789"; addresses = [ "203.0.113.1/24" ]; } ); };' \
	'ports = ( { name = "a"'; do
	printf '%s\n' "$body" >"$TL_TMP/seeds/bad$((i++)).cfg"
done

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}:abort_on_error=1
# libconfig 1.5's scanner leaks its string buffer when a syntax error cuts a
# string token short (strbuf_append, inside libconfig.so). Not ours, and a
# config error ends the process anyway; every other leak still fails.
echo 'leak:libconfig.so' >"$TL_TMP/lsan.supp"
export LSAN_OPTIONS=suppressions=$TL_TMP/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

if ! "$bin" "$TL_TMP"/seeds/* >"$TL_TMP/seeds.log" 2>&1; then
	tail -n 40 "$TL_TMP/seeds.log"
	tl_fail "a seed input crashed the target"
fi
tl_log "$(ls "$TL_TMP/seeds" | wc -l) seed inputs ran clean"

tl_log "fuzzing for $secs s"
# -max_len: configs are small; libconfig recurses per nesting level, so a
# multi-megabyte "((((" input is a stack test of libconfig, not of ours.
"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
	-print_final_stats=1 -artifact_prefix="$root/tests/config/" \
	"$TL_TMP/work" "$TL_TMP/seeds" >"$TL_TMP/fuzz.log" 2>&1
rc=$?
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$TL_TMP/fuzz.log" | grep -o '[0-9]*$')
if ((rc != 0)) || grep -Eq 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|deadly signal' "$TL_TMP/fuzz.log"; then
	grep -E -B5 -A30 'ERROR|runtime error|deadly' "$TL_TMP/fuzz.log" | head -60
	tl_fail "fuzzer found a problem (exit $rc); input saved under tests/config/ (crash-*/timeout-*)"
fi
tl_log "pass: ${runs:-?} inputs in ${secs}s, no crash, leak or invariant failure"
