#!/usr/bin/env bash
# Build carp-router with meson + ninja.
#   scripts/build.sh          -> $BUILD_DIR (default: build)
#   scripts/build.sh --asan   -> also $ASAN_DIR (default: $BUILD_DIR-asan),
#                                ASan + UBSan, the build unit tests must pass under
#   scripts/build.sh --tsan   -> also $TSAN_DIR (default: $BUILD_DIR-tsan),
#                                ThreadSanitizer, for the multi-threaded tests
#                                (meson suite "threads") and the binary; DPDK's
#                                own libraries are not instrumented: tsan.supp
# An existing build dir is reused and reconfigured.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
ASAN_DIR=${ASAN_DIR:-$BUILD_DIR-asan}
TSAN_DIR=${TSAN_DIR:-$BUILD_DIR-tsan}

build() { # DIR [meson options...]; ninja targets from $TARGETS_OF (a function), else all
	local dir=$1
	shift
	if [[ -f $dir/meson-private/coredata.dat ]]; then
		# Always re-read meson.build (under a second): the top level builds a
		# component only once its meson.build exists, and ninja alone would
		# not notice a newly added one.
		meson setup --reconfigure "$dir" "$@" >"$dir/reconfigure.log" ||
			{ cat "$dir/reconfigure.log"; return 1; }
	else
		echo "build: configuring $dir"
		meson setup "$dir" "$@"
	fi
	echo "build: compiling $dir"
	# shellcheck disable=SC2046 # one target per word
	ninja -C "$dir" $([[ -n ${TARGETS_OF:-} ]] && "$TARGETS_OF" "$dir")
}

threads_targets() { # DIR: what the tests of meson suite "threads" run, and the
	# binary (tests/dpdk/test_two_workers.sh runs it with two workers)
	grep -q '^build app/carp-router:' "$1/build.ninja" && echo app/carp-router
	meson introspect --tests "$1" | /usr/bin/python3 -c '
import json, os, sys
d = os.path.realpath(sys.argv[1])
for t in json.load(sys.stdin):
    if "carp-router:threads" in t["suite"]:
        p = os.path.realpath(t["cmd"][0])
        if p.startswith(d + "/"):
            print(os.path.relpath(p, d))
' "$1" | sort -u
}

build "$BUILD_DIR"
case ${1:-} in
--asan) build "$ASAN_DIR" -Db_sanitize=address,undefined ;;
--tsan) TARGETS_OF=threads_targets build "$TSAN_DIR" -Db_sanitize=thread ;;
esac
