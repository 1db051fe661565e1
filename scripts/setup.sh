#!/usr/bin/env bash
# Prepare a fresh Debian 12 machine for carp-router, as root, non-interactive:
# packages, hugepages, build. Safe to re-run.
#   sudo scripts/setup.sh [--asan]    (--asan: also the ASan/UBSan build)
set -euo pipefail
here=$(dirname "$0")

bash "$here/packages.sh"
bash "$here/hugepages.sh"
bash "$here/build.sh" "$@"
echo "setup: ok"
