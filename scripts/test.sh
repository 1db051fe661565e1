#!/usr/bin/env bash
# THE test command (README, .ci/run): set up everything, then run every test.
#   sudo scripts/test.sh
# Items: each meson unit test (plain build and ASan/UBSan build), each
# multi-threaded one (meson suite "threads") in the ThreadSanitizer build, and each
# executable tests/*/test_*.sh (run with the build dir as $1 and a timeout;
# exit 0 pass, 77 skip with the reason on its last line, else fail; a skip is
# only for a missing machine capability: no hugepages, no clang, ...).
# Prints each CUnit run summary, PASS/FAIL/SKIP per item and, last, exactly
# "N passed, N failed, N skipped".
# Env: BUILD_DIR (build), ASAN_DIR ($BUILD_DIR-asan), TSAN_DIR ($BUILD_DIR-tsan),
# TEST_TIMEOUT (300 s/script).
set -uo pipefail # no -e: one failing test must not stop the run
cd "$(dirname "$0")/.."

export BUILD_DIR=${BUILD_DIR:-build}
export ASAN_DIR=${ASAN_DIR:-$BUILD_DIR-asan}
export TSAN_DIR=${TSAN_DIR:-$BUILD_DIR-tsan}
TEST_TIMEOUT=${TEST_TIMEOUT:-300}
# UBSan only reports and carries on unless told to stop; a report must fail.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

start=$SECONDS
results=() # "STATUS<TAB>item<TAB>seconds"
npass=0
nfail=0
nskip=0

record() { # STATUS ITEM SECONDS
	results+=("$1"$'\t'"$2"$'\t'"$3")
	case $1 in
	PASS) npass=$((npass + 1)) ;;
	FAIL | TIMEOUT) nfail=$((nfail + 1)) ;;
	SKIP) nskip=$((nskip + 1)) ;;
	esac
}

summary() {
	echo
	echo "== results ($((SECONDS - start)) s) =="
	local r status item secs
	for r in "${results[@]}"; do
		IFS=$'\t' read -r status item secs <<<"$r"
		printf '%-7s %s (%s s)\n' "$status" "$item" "$secs"
	done
	echo "$npass passed, $nfail failed, $nskip skipped"
	((nfail == 0))
	exit
}

step() { # ITEM CMD... : a set-up step, recorded only when it fails
	local t=$SECONDS
	echo "== $1"
	if ! "${@:2}"; then
		record FAIL "$1" $((SECONDS - t))
		return 1
	fi
}

unit_tests() { # BUILD DIR SUITE [meson test options...]: one item per meson test
	local dir=$1 suite=$2 t=$SECONDS
	shift 2
	echo "== unit tests ($suite) in $dir"
	rm -f "$dir/meson-logs/testlog.json"
	meson test -C "$dir" --suite "$suite" --print-errorlogs "$@"
	local rc=$?
	if [[ ! -s $dir/meson-logs/testlog.json ]]; then
		# meson writes no log when there is nothing to run; rc != 0 means it broke
		if ((rc != 0)); then record FAIL "unit tests in $dir (meson test rc $rc)" $((SECONDS - t)); fi
		echo "(no unit tests registered in $dir yet)"
		return
	fi
	local line
	while IFS=$'\t' read -r status name secs; do
		record "$status" "$dir: $name" "$secs"
	done < <(/usr/bin/python3 - "$dir/meson-logs/testlog.json" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line)
    r = t["result"]
    s = {"OK": "PASS", "EXPECTEDFAIL": "PASS", "SKIP": "SKIP", "TIMEOUT": "TIMEOUT"}.get(r, "FAIL")
    print(f"{s}\t{t['name']}\t{t['duration']:.0f}")
PY
	)
	# CUnit's own run summary of each unit test (suites, tests, asserts)
	/usr/bin/python3 - "$dir/meson-logs/testlog.json" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line)
    out = t.get("stdout") or ""
    at = out.find("Run Summary:")
    if at >= 0:
        print(f"-- {t['name']}: CUnit")
        print("\n".join(l for l in out[at:].splitlines() if l.strip()))
PY
}

script_tests() { # every executable tests/*/test_*.sh, sorted, one at a time
	local logs=$BUILD_DIR/test-logs f name rc t
	mkdir -p "$logs"
	local files=()
	mapfile -t files < <(LC_ALL=C ls -1 tests/*/test_*.sh 2>/dev/null)
	if ((${#files[@]} == 0)); then
		echo "(no scripted tests tests/*/test_*.sh yet)"
		return
	fi
	for f in "${files[@]}"; do
		name=${f#tests/}
		if [[ ! -x $f ]]; then
			echo "== $f is not executable: ignored (chmod +x to enable it)"
			continue
		fi
		echo "== $f (timeout ${TEST_TIMEOUT}s, log $logs/${name//\//_}.log)"
		t=$SECONDS
		timeout -k 10 "$TEST_TIMEOUT" "$f" "$PWD/$BUILD_DIR" </dev/null \
			>"$logs/${name//\//_}.log" 2>&1
		rc=$?
		if ((rc == 0)); then
			record PASS "$f" $((SECONDS - t))
		elif ((rc == 77)); then # automake/meson convention: skipped, says why
			record SKIP "$f ($(tail -n 1 "$logs/${name//\//_}.log"))" $((SECONDS - t))
		else
			tail -n 40 "$logs/${name//\//_}.log" | sed 's/^/    | /'
			if ((rc == 124 || rc == 137)); then
				record TIMEOUT "$f" $((SECONDS - t))
			else
				record FAIL "$f (rc $rc)" $((SECONDS - t))
			fi
		fi
	done
}

step "setup: packages, hugepages, build ($BUILD_DIR)" bash scripts/setup.sh || summary
asan_ok=1
step "build with ASan/UBSan ($ASAN_DIR)" bash scripts/build.sh --asan || asan_ok=0
tsan_ok=1 # only what suite "threads" runs is built there
step "build with ThreadSanitizer ($TSAN_DIR)" bash scripts/build.sh --tsan || tsan_ok=0

unit_tests "$BUILD_DIR" unit
((asan_ok)) && unit_tests "$ASAN_DIR" unit --timeout-multiplier 4
((tsan_ok)) && unit_tests "$TSAN_DIR" threads --timeout-multiplier 4 --no-rebuild
script_tests
summary
