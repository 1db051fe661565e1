#!/usr/bin/env bash
# CI short form of the reload drill (scripts/drill.sh reload --short: 4
# reloads of each router, 2 refused files, under traffic; expectations in
# docs/drills.md). Exit 0 pass, 1 expectation broken, 77 skipped only
# without hugepages.
#   sudo tests/drills/test_drill_reload.sh [BUILD_DIR]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bash "$root/scripts/hugepages.sh" >/dev/null || { echo "SKIP: hugepages unavailable (scripts/hugepages.sh)"; exit 77; }
out=$(mktemp -d /tmp/drill-reload.XXXXXX)
trap 'rm -rf "$out"' EXIT
"$root/scripts/drill.sh" reload --short --build "${1:-$root/build}" --out "$out"
