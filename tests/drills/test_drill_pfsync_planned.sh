#!/usr/bin/env bash
# CI short form of the pfsync-planned drill (scripts/drill.sh pfsync-planned --short; expectations
# in docs/drills.md). Exit 0 pass, 1 expectation broken or a feature
# the drill needs missing, 77 skipped only without hugepages.
#   sudo tests/drills/test_drill_pfsync_planned.sh [BUILD_DIR]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bash "$root/scripts/hugepages.sh" >/dev/null || { echo "SKIP: hugepages unavailable (scripts/hugepages.sh)"; exit 77; }
out=$(mktemp -d /tmp/drill-pfsync-planned.XXXXXX)
trap 'rm -rf "$out"' EXIT
"$root/scripts/drill.sh" pfsync-planned --short --build "${1:-$root/build}" --out "$out"
