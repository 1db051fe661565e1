#!/usr/bin/env bash
# libFuzzer + ASan + UBSan on lib/pf, for a bounded time (tests/fuzz/fuzz_lib.sh):
#   fuzz_pf_parse   the pf.conf parser, each accepted ruleset checked against
#                   its rte_acl expansion (seeds: config/pf/*.conf, pf's
#                   keywords as a dictionary)
#   fuzz_pf_packet  the packet path: state table and key table agree after
#                   every frame, checksums stay right after NAT (seeds:
#                   tests/fuzz/pf_seeds.py)
#   tests/fuzz/test_fuzz_pf.sh [BUILD_DIR]      (BUILD_DIR unused)
# Env: PF_FUZZ_SECONDS (default 5 per target).
set -uo pipefail
. "$(dirname "$0")/fuzz_lib.sh"
fz_init fuzz-pf
secs=${PF_FUZZ_SECONDS:-5}

for t in fuzz_pf_parse fuzz_pf_packet; do
	extra=()
	[[ $t == fuzz_pf_packet ]] && extra=("$root/tests/unit/pf/pf_frames.c")
	fz_build "$t" -I"$root/lib/pf" -I"$root/tests/unit/pf" -- "$root"/lib/pf/*.c \
		"$root/tests/unit/pf/pf_fixture.c" "${extra[@]}" "$root/tests/fuzz/$t.c"
done

mkdir -p "$TL_TMP/pf-conf" "$TL_TMP/pf-pkt"
cp "$root"/config/pf/*.conf "$TL_TMP/pf-conf/"
printf 'pass on lan0 proto carp keep state (no-sync)\nblock in quick on wan0 from ! <t>\n' \
	>"$TL_TMP/pf-conf/seed-lines"
grep -oh '"[a-z][a-z0-9.:-]*"' "$root"/lib/pf/pf_parse*.c "$root"/lib/pf/pf_names.c \
	"$root"/lib/pf/pf_timeout.h | sort -u >"$TL_TMP/pf.dict"
printf '"{"\n"}"\n"<>"\n"><"\n"!="\n"$"\n"(lan0)"\n"lan0:network"\n"nat-to"\n"keep state"\n' \
	>>"$TL_TMP/pf.dict"
/usr/bin/python3 "$root/tests/fuzz/pf_seeds.py" "$TL_TMP/pf-pkt" ||
	tl_fail "pf_seeds.py could not write the packet seeds"
fz_run fuzz_pf_parse "$TL_TMP/pf-conf" "$secs" 4096 -dict="$TL_TMP/pf.dict"
fz_run fuzz_pf_packet "$TL_TMP/pf-pkt" "$secs" 4096
