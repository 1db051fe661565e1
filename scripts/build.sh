#!/usr/bin/env bash
# Build carp-router with meson + ninja.
#   scripts/build.sh          -> $BUILD_DIR (default: build)
#   scripts/build.sh --asan   -> also $ASAN_DIR (default: $BUILD_DIR-asan),
#                                ASan + UBSan, the build unit tests must pass under
# An existing build dir is reused (ninja re-runs meson when meson.build changes).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
ASAN_DIR=${ASAN_DIR:-$BUILD_DIR-asan}

build() { # DIR [meson options...]
	local dir=$1
	shift
	if [[ -f $dir/meson-private/coredata.dat && ! -f $dir/build.ninja ]]; then
		echo "build: reconfiguring $dir (last configure did not finish)"
		meson setup --reconfigure "$dir" "$@"
	elif [[ ! -f $dir/build.ninja ]]; then
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
