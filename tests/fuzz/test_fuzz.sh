#!/usr/bin/env bash
# Fuzz with libFuzzer + ASan + UBSan for a bounded time:
#  1. lib/carp's CARP decoder and carpdump's decode/diagnose path;
#  2. lib/pfsync's receive path: parsers, pfsyncdump's printer, the engine.
#   tests/fuzz/test_fuzz.sh [BUILD_DIR]      (BUILD_DIR unused: built here)
# Env: FUZZ_SECONDS (default 30, the CARP target), FUZZ_PFSYNC_SECONDS
# (default 15), FUZZ_KEEP=1 keeps the scratch folder.
# Each target is compiled with clang straight from the sources (no meson
# option needed), seeded (tests/interop/vectors.py, tests/pfsync/
# pfsync_frames.py: valid vectors and broken variants), run, and fails on
# any crash, sanitizer report, invariant failure or timeout
# (tests/lib/fuzz.sh). A crashing input is kept as tests/fuzz/crash-* for
# reproduction (git-ignored).
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/fuzz.sh"
tl_init h2-fuzz
[[ -n ${FUZZ_KEEP:-} ]] && TL_KEEP_TMP=1

root=$TL_ROOT
incs=(-I"$root/lib/carp" -I"$root/lib/pfsync" -I"$root/tools/carpdump"
	-I"$root/tools/capture" -I"$root/tools/pfsyncdump")

# 1. CARP: lib/carp is pure C; carpdump's decode and diagnosis files are
# the tool's testable core.
tl_fuzz_build "$TL_TMP/fuzz_carp_decode" "$root"/lib/carp/*.c "$root"/tools/capture/capture_link.c \
	"$root"/tools/carpdump/carpdump_addr.c "$root"/tools/carpdump/carpdump_decode.c \
	"$root"/tools/carpdump/carpdump_diag.c "$root"/tests/fuzz/fuzz_carp_decode.c \
	-- "${incs[@]}" -lcrypto
mkdir -p "$TL_TMP/seeds-carp"
/usr/bin/python3 "$root/tests/interop/vectors.py" corpus "$TL_TMP/seeds-carp" ||
	tl_fail "vectors.py could not write the seed corpus"
tl_fuzz_run "$TL_TMP/fuzz_carp_decode" "$TL_TMP/seeds-carp" "${FUZZ_SECONDS:-30}" 512 "$root/tests/fuzz/"

# 2. pfsync: lib/pfsync and pfsyncdump's printer.
tl_fuzz_build "$TL_TMP/fuzz_pfsync_decode" "$root"/lib/pfsync/*.c \
	"$root"/tools/pfsyncdump/pfsyncdump_fmt.c "$root"/tests/fuzz/fuzz_pfsync_decode.c \
	-- "${incs[@]}" -lcrypto
mkdir -p "$TL_TMP/seeds-pfsync"
/usr/bin/python3 "$root/tests/pfsync/pfsync_frames.py" corpus "$TL_TMP/seeds-pfsync" ||
	tl_fail "pfsync_frames.py could not write the seed corpus"
# 2048 bytes: a few full states, every kind of subheader
tl_fuzz_run "$TL_TMP/fuzz_pfsync_decode" "$TL_TMP/seeds-pfsync" "${FUZZ_PFSYNC_SECONDS:-15}" 2048 \
	"$root/tests/fuzz/"
tl_log "PASS"
