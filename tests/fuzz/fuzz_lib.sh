# Shared by the tests/fuzz/test_fuzz_*.sh scripts (source, do not run): build
# a libFuzzer target with clang + ASan + UBSan straight from the sources (no
# meson option needed), run every seed once, fuzz for a bounded time, fail on
# any crash, sanitizer report, invariant failure ("fuzz invariant failed",
# fuzz_check.h) or timeout. A crashing input is kept as tests/fuzz/crash-*
# (git-ignored) for reproduction. FUZZ_KEEP=1 keeps the scratch folder.
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

fz_init() { # NAME
	tl_init "$1"
	[[ -n ${FUZZ_KEEP:-} ]] && TL_KEEP_TMP=1
	root=$TL_ROOT
	command -v clang >/dev/null ||
		tl_fail "clang not installed (scripts/setup.sh installs clang and libclang-rt-14-dev)"
	export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}:abort_on_error=1
	export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
}

# fz_build NAME CFLAG... -- SOURCE... [-lLIB...]: compile $TL_TMP/NAME
fz_build() {
	local name=$1 flags=()
	shift
	while [[ $1 != -- ]]; do
		flags+=("$1")
		shift
	done
	shift
	tl_log "building $name"
	if ! clang -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wmissing-prototypes -D_GNU_SOURCE \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		"${flags[@]}" "$@" -o "$TL_TMP/$name" >"$TL_TMP/$name.build.log" 2>&1; then
		cat "$TL_TMP/$name.build.log"
		tl_fail "could not build the fuzz target $name"
	fi
}

# fz_run NAME SEED_DIR SECONDS MAX_LEN [LIBFUZZER_OPTION...]: every seed
# once, then fuzz
fz_run() {
	local name=$1 seeds=$2 secs=$3 maxlen=$4 bin=$TL_TMP/$1 rc runs
	shift 4
	mkdir -p "$TL_TMP/$name.work"
	if ! "$bin" "$seeds"/* >"$TL_TMP/$name.seeds.log" 2>&1; then
		tail -n 40 "$TL_TMP/$name.seeds.log"
		tl_fail "$name: a seed input crashed the target"
	fi
	tl_log "$name: $(ls "$seeds" | wc -l) seed inputs ran clean; fuzzing for $secs s"
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="$maxlen" \
		-print_final_stats=1 -artifact_prefix="$root/tests/fuzz/" "$@" \
		"$TL_TMP/$name.work" "$seeds" >"$TL_TMP/$name.log" 2>&1
	rc=$?
	runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$TL_TMP/$name.log" | grep -o '[0-9]*$')
	if ((rc != 0)) || grep -Eq 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|fuzz invariant failed|deadly signal' "$TL_TMP/$name.log"; then
		grep -E -A30 'ERROR|runtime error|invariant|deadly' "$TL_TMP/$name.log" | head -60
		tl_fail "$name: fuzzer found a problem (exit $rc); input saved under tests/fuzz/ (crash-*/timeout-*)"
	fi
	[[ -n $runs ]] && ((runs > 0)) || {
		tail -n 20 "$TL_TMP/$name.log"
		tl_fail "$name: fuzzer did not run"
	}
	tl_log "PASS: $name: $runs executions in $secs s, no crash, no sanitizer report"
}
