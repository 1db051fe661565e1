#!/usr/bin/env bash
# libFuzzer + ASan + UBSan on lib/carp's CARP decoder and carpdump's
# decode/diagnose path, for a bounded time (tests/fuzz/fuzz_lib.sh).
#   tests/fuzz/test_fuzz.sh [BUILD_DIR]      (BUILD_DIR unused: built here)
# Env: FUZZ_SECONDS (default 30). Seeds: tests/interop/vectors.py (the spec's
# vector frames and broken variants).
set -uo pipefail
. "$(dirname "$0")/fuzz_lib.sh"
fz_init fuzz-carp

# lib/carp is pure C: all of it compiles without DPDK; carpdump's decode and
# diagnosis files are the tool's testable core.
fz_build fuzz_carp_decode -I"$root/lib/carp" -I"$root/tools/carpdump" -I"$root/tools/capture" -- \
	"$root"/lib/carp/*.c "$root"/tools/capture/capture_link.c \
	"$root"/tools/carpdump/carpdump_addr.c "$root"/tools/carpdump/carpdump_decode.c \
	"$root"/tools/carpdump/carpdump_diag.c "$root"/tests/fuzz/fuzz_carp_decode.c -lcrypto
mkdir -p "$TL_TMP/seeds"
/usr/bin/python3 "$root/tests/interop/vectors.py" corpus "$TL_TMP/seeds" ||
	tl_fail "vectors.py could not write the seed corpus"
fz_run fuzz_carp_decode "$TL_TMP/seeds" "${FUZZ_SECONDS:-30}" 512
