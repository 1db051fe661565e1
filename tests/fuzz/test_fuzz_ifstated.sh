#!/usr/bin/env bash
# Fuzz lib/ifstated (the ifstated.conf parser, then the state machine driven
# by the same bytes) with libFuzzer + ASan + UBSan for a bounded time.
#   tests/fuzz/test_fuzz_ifstated.sh [BUILD_DIR]   (BUILD_DIR unused: built here)
# Env: FUZZ_SECONDS (default 20). Seeds: the shipped ifstated examples and
# the grammar's corner cases below. A crashing input is kept as
# tests/fuzz/crash-* (git-ignored).
set -uo pipefail
. "$(dirname "$0")/fuzz_lib.sh"
fz_init fuzz-ifstated

fz_build fuzz_ifstated -I"$root/lib/ifstated" -- "$root"/lib/ifstated/*.c \
	"$root/tests/fuzz/fuzz_ifstated.c"

seeds=$TL_TMP/seeds
mkdir -p "$seeds"
i=0
for f in "$root"/config/ifstated/*.conf; do
	[[ -f $f ]] && cp "$f" "$seeds/example$((i++)).conf"
done
i=0
while IFS= read -r -d '' body; do
	printf '%b' "$body" >"$seeds/case$((i++)).conf"
done < <(printf '%s\0' \
	'links = "carp0.link.up && lan0.link.up"\nstate a {\n init run "x"\n if ! $links set-state b\n}\nstate b {\n if $links set-state a\n}\n' \
	'state a {\n init set-state b\n}\nstate b {\n init set-state a\n}\n' \
	'state ok {\n if ! "t" every 1 set-state bad\n}\nstate bad {\n if ("t" every 1 || carp1.link.unknown) set-state ok\n}\n' \
	'init-state two\nstate one {\n}\nstate two {\n if carp0.link.down { run "a"\n if lan0.link.up run "b" }\n}\n' \
	'net = '"'"'( "ping" every 10 && \\\n "ping 2" every 10 )'"'"'\nif ! $net run "demote"\n' \
	'if carp9.link.up run "x"\nstate one {\n set-state two\n}\n')
fz_run fuzz_ifstated "$seeds" "${FUZZ_SECONDS:-20}" 2048
