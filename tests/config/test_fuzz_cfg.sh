#!/usr/bin/env bash
# Fuzz the configuration loader (libconfig text -> struct cfg -> validation)
# with libFuzzer + ASan + UBSan for a bounded time.
#   tests/config/test_fuzz_cfg.sh [BUILD_DIR]    (BUILD_DIR unused: built here)
# Env: FUZZ_SECONDS (default 20). Seeds: every config/**/*.cfg plus the bad
# files of test_config.sh's kinds. Fails on any crash, sanitizer report,
# leak, invariant failure (tests/unit/config/fuzz_cfg.c) or timeout; a crashing
# input is kept as tests/fuzz/crash-* (git-ignored; tests/fuzz/fuzz_lib.sh).
set -uo pipefail
. "$(dirname "$0")/../fuzz/fuzz_lib.sh"
fz_init h4-fuzz

# The loader with what it links: lib/carp, lib/ifstated for the ifstated
# key's file, lib/pf for the filter's rule file, lib/pfsync for the pfsync
# section's key checks.
fz_build fuzz_cfg -I"$root/app/config" -I"$root/lib/inet" -I"$root/lib/carp" -I"$root/lib/ifstated" \
	-I"$root/lib/pf" -I"$root/lib/pfsync" -- \
	"$root"/app/config/cfg_*.c "$root"/lib/carp/*.c "$root"/lib/ifstated/*.c "$root"/lib/pf/*.c \
	"$root"/lib/pfsync/*.c \
	"$root/tests/unit/config/fuzz_cfg.c" -lconfig -lcrypto

mkdir -p "$TL_TMP/seeds"
find "$root/config" -name '*.cfg' | while read -r f; do
	cp "$f" "$TL_TMP/seeds/$(echo "${f#"$root"/config/}" | tr / -)"
done
i=0
for body in 'ports = ( { name = "a"; device = "d"; mtu = 70000; } );' \
	'ports = ( { name = "a"; device = "d"; addresses = [ "192.0.2.1/24", "192.0.2.129/25" ]; } );' \
	'ports = ( { name = "a"; device = "d"; addresses = [ "192.0.2.1/24" ]; } ); routes = ( { prefix = "0.0.0.0/0"; via = "10.0.0.1"; } );' \
	'ports = ( { name = "a"; device = "d"; addresses = [ "192.0.2.1/24" ]; } ); neighbours = ( { address = "192.0.2.2"; mac = "02:00:00:00:00:01"; } );' \
	'workers = [ 1, 1 ]; tables = { routes = 16; neighbours = 16; mbufs = 1023; }; carp = 1;' \
	'ports = ( { name = "a"; device = "d"; addresses = [ "192.0.2.1/24" ]; } ); carp = { interfaces = ( { name = "c"; carpdev = "a"; carpnodes = "1:0,1:300"; pass = "01234567890123456789"; addresses = [ "203.0.113.1/24" ]; } ); };' \
	'ports = ( { name = "a"'; do
	printf '%s\n' "$body" >"$TL_TMP/seeds/bad$((i++)).cfg"
done
# the filter key, naming the shipped pair's rules (with their config)
cp "$root/config/examples/filter-pair.cfg" "$TL_TMP/seeds/filter-pair.cfg"
sed -i "s|\\.\\./pf/firewall-pair.conf|$root/config/pf/firewall-pair.conf|" "$TL_TMP/seeds/filter-pair.cfg"
# the ifstated key, naming a shipped file (its interfaces: carp0, lan0)
{ cat "$root/config/lab/hostA.cfg"; echo "ifstated = \"$root/config/ifstated/service.conf\";"; } \
	>"$TL_TMP/seeds/ifstated.cfg"

# libconfig 1.5's scanner leaks its string buffer when a syntax error cuts a
# string token short (strbuf_append, inside libconfig.so). Not ours, and a
# config error ends the process anyway; every other leak still fails.
echo 'leak:libconfig.so' >"$TL_TMP/lsan.supp"
export LSAN_OPTIONS=suppressions=$TL_TMP/lsan.supp:print_suppressions=0
# -max_len: configs are small; libconfig recurses per nesting level, so a
# multi-megabyte "((((" input is a stack test of libconfig, not of ours.
fz_run fuzz_cfg "$TL_TMP/seeds" "${FUZZ_SECONDS:-20}" 4096
