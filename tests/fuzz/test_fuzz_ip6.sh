#!/usr/bin/env bash
# libFuzzer + ASan + UBSan on lib/fwd's IPv6 extension header walker, NDP
# parser and ICMPv6/NDP builders (round-trip invariants), for a bounded time
# (tests/fuzz/fuzz_lib.sh).
#   tests/fuzz/test_fuzz_ip6.sh [BUILD_DIR]      (BUILD_DIR unused)
# Env: FUZZ_IP6_SECONDS (default 15, ~250k executions a second). Seeds:
# tests/fuzz/seeds_ip6.py (scapy-built NDP, ICMPv6, extension header chains).
set -uo pipefail
. "$(dirname "$0")/fuzz_lib.sh"
fz_init fuzz-ip6

# Pure functions: DPDK's headers (types, byte order), no DPDK library.
dpdk_cflags=$(pkg-config --cflags libdpdk 2>/dev/null) ||
	tl_fail "libdpdk's pkg-config file not found (scripts/setup.sh installs dpdk-dev)"
# shellcheck disable=SC2086 # word splitting of pkg-config output is intended
fz_build fuzz_fwd_ip6 $dpdk_cflags -I"$root/lib/fwd" -I"$root/lib/carp" -- \
	"$root"/lib/fwd/fwd_ip6_addr.c "$root"/lib/fwd/fwd_ip6_ext.c "$root"/lib/fwd/fwd_icmp6.c \
	"$root"/lib/fwd/fwd_ndp_parse.c "$root"/lib/fwd/fwd_ndp_build.c "$root"/lib/carp/carp_ip6.c \
	"$root"/tests/fuzz/fuzz_fwd_ip6.c
mkdir -p "$TL_TMP/seeds"
/usr/bin/python3 "$root/tests/fuzz/seeds_ip6.py" "$TL_TMP/seeds" 2>"$TL_TMP/seeds.log" ||
	{ cat "$TL_TMP/seeds.log"; tl_fail "seeds_ip6.py could not write the seed corpus"; }
fz_run fuzz_fwd_ip6 "$TL_TMP/seeds" "${FUZZ_IP6_SECONDS:-15}" 2048
