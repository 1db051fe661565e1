#!/usr/bin/env bash
# libFuzzer + ASan + UBSan on lib/pfsync's receive path (parsers, engine) and
# pfsyncdump's printer, for a bounded time (tests/fuzz/fuzz_lib.sh).
#   tests/fuzz/test_fuzz_pfsync.sh [BUILD_DIR]      (BUILD_DIR unused)
# Env: FUZZ_PFSYNC_SECONDS (default 15). Seeds: tests/pfsync/pfsync_frames.py.
set -uo pipefail
. "$(dirname "$0")/fuzz_lib.sh"
fz_init fuzz-pfsync

fz_build fuzz_pfsync_decode -I"$root/lib/pfsync" -I"$root/tools/pfsyncdump" -I"$root/tools/capture" -- \
	"$root"/lib/pfsync/*.c "$root"/tools/pfsyncdump/pfsyncdump_fmt.c \
	"$root"/tests/fuzz/fuzz_pfsync_decode.c -lcrypto
mkdir -p "$TL_TMP/seeds"
/usr/bin/python3 "$root/tests/pfsync/pfsync_frames.py" corpus "$TL_TMP/seeds" ||
	tl_fail "pfsync_frames.py could not write the seed corpus"
# 2048 bytes: a few full states, every kind of subheader
fz_run fuzz_pfsync_decode "$TL_TMP/seeds" "${FUZZ_PFSYNC_SECONDS:-15}" 2048
