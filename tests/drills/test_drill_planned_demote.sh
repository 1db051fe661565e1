#!/usr/bin/env bash
# CI short form of the planned-demote drill (scripts/drill.sh planned-demote --short; expectations
# in docs/drills.md). Exit 0 pass, 1 expectation broken or a CARP feature
# the drill needs missing, 77 skipped only without hugepages.
#   sudo tests/drills/test_drill_planned_demote.sh [BUILD_DIR]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bash "$root/scripts/hugepages.sh" >/dev/null || { echo "SKIP: hugepages unavailable (scripts/hugepages.sh)"; exit 77; }
out=$(mktemp -d /tmp/drill-planned-demote.XXXXXX)
trap 'rm -rf "$out"' EXIT
"$root/scripts/drill.sh" planned-demote --short --build "${1:-$root/build}" --out "$out"
