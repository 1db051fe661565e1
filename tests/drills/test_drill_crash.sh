#!/usr/bin/env bash
# CI short form of the crash drill (scripts/drill.sh crash --short; expectations
# in docs/drills.md). Exit 0 pass, 1 expectation broken, 77 skipped when the
# router lacks a CARP feature the drill needs (the reason is printed).
#   sudo tests/drills/test_drill_crash.sh [BUILD_DIR]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d /tmp/drill-crash.XXXXXX)
trap 'rm -rf "$out"' EXIT
"$root/scripts/drill.sh" crash --short --build "${1:-$root/build}" --out "$out"
