#!/usr/bin/env bash
# Build carp-router with meson + ninja.
#   scripts/build.sh          -> $BUILD_DIR (default: build)
#   scripts/build.sh --asan   -> also $ASAN_DIR (default: $BUILD_DIR-asan),
#                                ASan + UBSan, the build unit tests must pass under
# An existing build dir is reused and reconfigured.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
ASAN_DIR=${ASAN_DIR:-$BUILD_DIR-asan}

build() { # DIR [meson options...]
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
	ninja -C "$dir"
}

build "$BUILD_DIR"
if [[ ${1:-} == --asan ]]; then
	build "$ASAN_DIR" -Db_sanitize=address,undefined
fi
