# libFuzzer helpers for tests/*/test_fuzz*.sh (source after common.sh):
#   tl_fuzz_build BIN SOURCE... [-- EXTRA CLANG ARGS]
#   tl_fuzz_run BIN SEED_DIR SECONDS MAX_LEN ARTIFACT_PREFIX
# Built with clang straight from the sources (ASan + UBSan + libFuzzer);
# the run fails on any crash, sanitizer report, leak, "fuzz invariant
# failed" or timeout, keeping the input as ARTIFACT_PREFIX{crash,timeout}-*.

tl_fuzz_build() {
	local bin=$1 srcs=() extra=() blog
	blog=$TL_TMP/$(basename "$1").build.log
	shift
	while (($#)) && [[ $1 != -- ]]; do srcs+=("$1"); shift; done
	(($#)) && shift && extra=("$@")
	command -v clang >/dev/null ||
		tl_fail "clang not installed (scripts/setup.sh installs clang and libclang-rt-14-dev)"
	tl_log "building $bin"
	if ! clang -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wmissing-prototypes -D_GNU_SOURCE \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		"${srcs[@]}" "${extra[@]}" -o "$bin" >"$blog" 2>&1; then
		cat "$blog"
		tl_fail "could not build the fuzz target $(basename "$bin")"
	fi
}

tl_fuzz_run() {
	local bin=$1 seeds=$2 secs=$3 max_len=$4 artifacts=$5 rc runs
	local name log work
	name=$(basename "$bin")
	log=$TL_TMP/$name.log
	work=$TL_TMP/work-$name # one corpus per target
	export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}:abort_on_error=1
	export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
	mkdir -p "$work"
	if ! "$bin" "$seeds"/* >"$TL_TMP/$name.seeds.log" 2>&1; then
		tail -n 40 "$TL_TMP/$name.seeds.log"
		tl_fail "$name: a seed input crashed the target"
	fi
	tl_log "$name: $(ls "$seeds" | wc -l) seed inputs ran clean"
	tl_log "$name: fuzzing for $secs s"
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
		-print_final_stats=1 -artifact_prefix="$artifacts" \
		"$work" "$seeds" >"$log" 2>&1
	rc=$?
	runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
	if ((rc != 0)) || grep -Eq 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|fuzz invariant failed|deadly signal' "$log"; then
		grep -E -B5 -A30 'ERROR|runtime error|invariant|deadly' "$log" | head -60
		tl_fail "$name: fuzzer found a problem (exit $rc); input saved as ${artifacts}crash-*/timeout-*"
	fi
	[[ -n $runs ]] && ((runs > 0)) || { tail -n 20 "$log"; tl_fail "$name: fuzzer did not run"; }
	tl_log "$name: $runs executions in $secs s, no crash, leak, sanitizer report or invariant failure"
}
