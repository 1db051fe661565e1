#!/usr/bin/env bash
# Fuzz lib/carp's CARP decoder and carpdump's decode/diagnose path with
# libFuzzer + ASan + UBSan for a bounded time.
#   tests/fuzz/test_fuzz.sh [BUILD_DIR]      (BUILD_DIR unused: built here)
# Env: FUZZ_SECONDS (default 30), FUZZ_KEEP=1 keeps the scratch folder.
# Compiles the target with clang straight from the sources (no meson
# option needed), seeds it with the spec's vector frames and broken
# variants (tests/interop/vectors.py), runs it, and fails on any crash,
# sanitizer report, invariant failure or timeout. A crashing input is kept
# as tests/fuzz/crash-* for reproduction (git-ignored).
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/fuzz.sh"
tl_init h2-fuzz
[[ -n ${FUZZ_KEEP:-} ]] && TL_KEEP_TMP=1

root=$TL_ROOT
bin=$TL_TMP/fuzz_carp_decode
# lib/carp is pure C: all of it compiles without DPDK; carpdump's decode and
# diagnosis files are the tool's testable core.
tl_fuzz_build "$bin" "$root"/lib/carp/*.c "$root"/tools/carpdump/carpdump_addr.c \
	"$root"/tools/carpdump/carpdump_decode.c "$root"/tools/carpdump/carpdump_diag.c \
	"$root"/tests/fuzz/fuzz_carp_decode.c \
	-- -I"$root/lib/carp" -I"$root/tools/carpdump" -lcrypto

mkdir -p "$TL_TMP/seeds"
/usr/bin/python3 "$root/tests/interop/vectors.py" corpus "$TL_TMP/seeds" ||
	tl_fail "vectors.py could not write the seed corpus"
tl_fuzz_run "$bin" "$TL_TMP/seeds" "${FUZZ_SECONDS:-30}" 512 "$root/tests/fuzz/"
