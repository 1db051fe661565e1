#!/usr/bin/env bash
# Configuration tests of the real binary: every config/**/*.cfg passes --check;
# each kind of bad file is refused with its exact "FILE:LINE: reason" on
# stderr and exit 1; --version/--help; and, with EAL args and vdevs, the
# checks that need EAL (device names, worker lcores, device limits).
# No hugepages needed: EAL runs with --no-huge. Usage: test_config.sh [BUILD_DIR]
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
tl_init cfgtest
tl_binary "${1:-}"
cd "$TL_TMP" || exit 1 # bad files are named relative to here: "NAME.cfg:LINE: ..."

failures=0
checks=0
fail() {
	echo "[$TL_NAME] FAIL: $*" >&2
	failures=$((failures + 1))
}

# expect NAME WANT_RC WANT_STDERR CMD...: run CMD, compare exit status and the
# stderr lines that are not EAL's own chatter ("EAL: ..."), exactly.
expect() {
	local name=$1 want_rc=$2 want_err=$3 rc err
	shift 3
	checks=$((checks + 1))
	"$@" >"$TL_TMP/out" 2>"$TL_TMP/err"
	rc=$?
	err=$(grep -v '^EAL: \|^TELEMETRY: ' "$TL_TMP/err")
	if [[ $rc != "$want_rc" ]]; then
		fail "$name: exit $rc, want $want_rc (stderr: $err)"
	elif [[ $err != "$want_err" ]]; then
		fail "$name: stderr differs"
		diff <(echo "$want_err") <(echo "$err") | sed 's/^/    /' >&2
	fi
}

# expect_out NAME WANT_STDOUT: the stdout of the last expect, exactly.
expect_out() {
	if [[ $(cat "$TL_TMP/out") != "$2" ]]; then
		fail "$1: stdout differs"
		diff <(echo "$2") "$TL_TMP/out" | sed 's/^/    /' >&2
	fi
}

# ---- command line ----
expect version 0 "" "$TL_BIN" --version
grep -Eq '^carp-router [0-9]+\.[0-9]+\.[0-9]+ \(DPDK [0-9]+\.[0-9]+' "$TL_TMP/out" ||
	fail "--version printed: $(cat "$TL_TMP/out")"
expect help 0 "" "$TL_BIN" -- --help
grep -q '^usage: carp-router \[EAL args\] -- -c FILE \[--check\] \[--version\] \[--help\]$' \
	"$TL_TMP/out" || fail "--help lacks the usage line"
grep -q -- '--check' "$TL_TMP/out" || fail "--help does not mention --check"
usage="usage: carp-router [EAL args] -- -c FILE [--check] [--version] [--help]
Try 'carp-router -- --help'."
expect no_config 1 "carp-router: missing -c FILE
$usage" "$TL_BIN"
expect eal_without_separator 1 "carp-router: unknown option '-l' (EAL arguments go before \"--\")
$usage" "$TL_BIN" -l 0 -c x.cfg
expect unknown_option 1 "carp-router: unknown option '--chek'
$usage" "$TL_BIN" -- -c x.cfg --chek
expect missing_file 1 "$TL_TMP/none.cfg: cannot open: No such file or directory" \
	"$TL_BIN" -c "$TL_TMP/none.cfg" --check

# ---- every shipped configuration is valid (config/ and its subfolders) ----
n=0
while IFS= read -r f; do
	expect "config ${f#"$TL_ROOT"/}" 0 "" "$TL_BIN" -c "$f" --check
	expect_out "config ${f#"$TL_ROOT"/}" \
		"$f: valid (devices and lcores not checked: no EAL arguments)"
	n=$((n + 1))
done < <(find "$TL_ROOT/config" -name '*.cfg' | sort)
((n >= 5)) || fail "only $n configs under config/"

# ---- bad files: exact first error, exit 1 ----
# bad NAME WANT BODY: write BODY to NAME.cfg (in the scratch dir, so messages
# start "NAME.cfg:"), then --check it from there.
bad() {
	printf '%s\n' "$3" >"$1.cfg"
	expect "$1" 1 "$2" "$TL_BIN" -c "$1.cfg" --check
}
PORTS='ports = (
	{ name = "lan0"; device = "net_pcap0"; addresses = [ "192.0.2.1/24" ]; },
	{ name = "srv0"; device = "net_pcap1"; addresses = [ "198.51.100.1/24" ]; }
);'

# filter: the rule file's own FILE:LINE refuses; CARP blocked on a carpdev is a warning
printf 'block all\npass in on lan9\n' >bad_pf.conf
bad filter_rules 'bad_pf.conf:2: unknown interface "lan9"' "$PORTS
filter = { rules = \"bad_pf.conf\"; };"
printf 'block all\npass out\n' >carp_pf.conf
printf '%s\n' "$PORTS
carp = { interfaces = ( { name = \"carp0\"; carpdev = \"lan0\"; vhid = 1;
                          addresses = [ \"192.0.2.254/24\" ]; } ); };
filter = { rules = \"carp_pf.conf\"; };" >filter_warn.cfg
expect filter_warn 0 "warning: ./carp_pf.conf: no rule passes CARP on carpdev lan0 (inet in: blocked by rule 0, line 1)" \
	"$TL_BIN" -c ./filter_warn.cfg --check

bad syntax 'syntax.cfg:2: syntax error' 'ports = (
	{ name = ; device = "net_pcap0"; }
);'
bad duplicate 'duplicate.cfg:6: syntax error: duplicate setting name' "$PORTS
log_level = \"info\";
log_level = \"debug\";"
bad unknown 'unknown.cfg:5: unknown key "vrrp"' "$PORTS
vrrp = { vrid = 1; };"
bad mtu 'mtu.cfg:12: port "lan0": mtu 70000 out of range 68-9600' '# the example of the brief:
# an MTU out of range on line 12
log_level = "info";
workers = [ 1 ];

ports = (
	{
		name = "srv0";
		device = "net_pcap1";
	},
	{
		name = "lan0"; device = "net_pcap0"; mtu = 70000;
	}
);'
bad type 'type.cfg:2: port "lan0": rx_queues must be an integer' 'ports = (
	{ name = "lan0"; device = "net_pcap0"; rx_queues = "2"; }
);'
bad unknown_port_key 'unknown_port_key.cfg:2: port "lan0": unknown key "tx_queues"' 'ports = (
	{ name = "lan0"; device = "net_pcap0"; tx_queues = 2; }
);'
bad polling 'polling.cfg:1: polling "lazy" unknown (one of: busy, adaptive)' "polling = \"lazy\";
$PORTS"
bad duplicate_port 'duplicate_port.cfg:3: port "lan0": defined twice (first at line 2)' 'ports = (
	{ name = "lan0"; device = "net_pcap0"; },
	{ name = "lan0"; device = "net_pcap1"; }
);'
bad bad_address 'bad_address.cfg:2: port "lan0": bad address "192.0.2.1/33" (expected A.B.C.D/LEN)' 'ports = (
	{ name = "lan0"; device = "net_pcap0"; addresses = [ "192.0.2.1/33" ]; }
);'
bad overlap 'overlap.cfg:4: port "srv0": address 192.0.2.130/25 overlaps 192.0.2.1/24 of port "lan0" (line 2)' 'ports = (
	{ name = "lan0"; device = "net_pcap0"; addresses = [ "192.0.2.1/24" ]; },
	{ name = "srv0"; device = "net_pcap1";
	  addresses = [ "192.0.2.130/25" ]; }
);'
bad gateway 'gateway.cfg:6: route 203.0.113.0/24: gateway 10.0.0.1 is not on a connected subnet' "$PORTS
routes = (
	{ prefix = \"203.0.113.0/24\"; via = \"10.0.0.1\"; }
);"
bad host_bits 'host_bits.cfg:6: route 203.0.113.5/24: host bits set (did you mean 203.0.113.0/24?)' "$PORTS
routes = (
	{ prefix = \"203.0.113.5/24\"; via = \"198.51.100.2\"; }
);"
bad route_twice 'route_twice.cfg:7: route 203.0.113.0/24: defined twice (first at line 6)' "$PORTS
routes = (
	{ prefix = \"203.0.113.0/24\"; via = \"198.51.100.2\"; },
	{ prefix = \"203.0.113.0/24\"; via = \"192.0.2.2\"; }
);"
bad neighbour_mac 'neighbour_mac.cfg:6: neighbour 198.51.100.2: bad mac "02:00:00:00:01" (expected xx:xx:xx:xx:xx:xx)' "$PORTS
neighbours = (
	{ address = \"198.51.100.2\"; mac = \"02:00:00:00:01\"; }
);"
bad workers 'workers.cfg:1: workers: lcore 1 listed twice' "workers = [ 1, 1 ];
$PORTS"
bad tables 'tables.cfg:1: tables: mbufs 1023 too small for the port rings of 1 workers (needs at least 6720)' "tables = { mbufs = 1023; };
workers = [ 1 ];
$PORTS"
# carp section: the contract's error texts, at the key's line.
for f in mickey minnie donald daisy; do
	[[ -f $TL_ROOT/config/examples/$f.cfg ]] || fail "config/examples/$f.cfg is missing"
done
CARP_HEAD="$PORTS
carp = {
	interfaces = ("
bad carp_advskew 'carp_advskew.cfg:8: carp interface "carp0": advskew 300 out of range 0-254' "$CARP_HEAD
		{ name = \"carp0\"; carpdev = \"lan0\"; vhid = 1; addresses = [ \"192.0.2.10/24\" ];
		  advskew = 300; }
	);
};"
bad carp_vhid_twice 'carp_vhid_twice.cfg:8: carp interface "carp1": vhid 12 used twice on carpdev "lan0"' "$CARP_HEAD
		{ name = \"carp0\"; carpdev = \"lan0\"; vhid = 12; addresses = [ \"192.0.2.10/24\" ]; },
		{ name = \"carp1\"; carpdev = \"lan0\"; carpnodes = \"11:0,12:100\";
		  addresses = [ \"192.0.2.11/24\" ]; }
	);
};"
bad carp_subnet 'carp_subnet.cfg:8: carp interface "carp0": address 203.0.113.5/24 is not inside a connected subnet of "lan0"' "$CARP_HEAD
		{ name = \"carp0\"; carpdev = \"lan0\"; vhid = 1;
		  addresses = [ \"203.0.113.5/24\" ]; }
	);
};"
bad carp_nodes 'carp_nodes.cfg:8: carp interface "carp0": more than 32 carpnodes' "$CARP_HEAD
		{ name = \"carp0\"; carpdev = \"lan0\"; addresses = [ \"192.0.2.10/24\" ];
		  carpnodes = \"$(seq -s, 1 33 | sed 's/,/:0,/g; s/$/:0/')\"; }
	);
};"
bad carp_pass 'carp_pass.cfg:8: carp interface "carp0": passphrase longer than 19 bytes' "$CARP_HEAD
		{ name = \"carp0\"; carpdev = \"lan0\"; vhid = 1; addresses = [ \"192.0.2.10/24\" ];
		  pass = \"twenty-bytes-secret!\"; }
	);
};"
bad control_lcore 'control_lcore.cfg:2: control_lcore: lcore 1 is also a worker' "workers = [ 1 ];
control_lcore = 1;
$PORTS"
# Issue 8: IPv6 refused on carp interfaces until CARP runs over it; carppeer on a subnet edge; a VIP
# length that creates no route; NUL bytes libconfig would hide.
bad carp_ipv6 'carp_ipv6.cfg:8: carp interface "carp0": address 2001:db8::1/64: IPv6 on carp interfaces is not supported yet (CARP runs over IPv4 only)' "$CARP_HEAD
		{ name = \"carp0\"; carpdev = \"lan0\"; vhid = 1;
		  addresses = [ \"192.0.2.10/24\", \"2001:db8::1/64\" ]; }
	);
};"
bad carppeer_broadcast 'carppeer_broadcast.cfg:8: carp interface "carp0": carppeer 192.0.2.255 is the broadcast address of 192.0.2.0/24' "$CARP_HEAD
		{ name = \"carp0\"; carpdev = \"lan0\"; vhid = 1; addresses = [ \"192.0.2.10/24\" ];
		  carppeer = \"192.0.2.255\"; }
	);
};"
bad carp_vip_len 'carp_vip_len.cfg:8: carp interface "carp0": address 192.0.2.10/32: prefix length 32 is not the /24 of its connected subnet 192.0.2.0/24 (a virtual address creates no route of its own; write 192.0.2.10/24)' "$CARP_HEAD
		{ name = \"carp0\"; carpdev = \"lan0\"; vhid = 1;
		  addresses = [ \"192.0.2.10/32\" ]; }
	);
};"
bad pass_nul_escape 'pass_nul_escape.cfg:8: string holds \x00: libconfig would silently drop it (a passphrase would change); remove it' "$CARP_HEAD
		{ name = \"carp0\"; carpdev = \"lan0\"; vhid = 1; addresses = [ \"192.0.2.10/24\" ];
		  pass = \"se\\x00cret\"; }
	);
};"
printf '%s\n' "$CARP_HEAD" >pass_nul.cfg
printf '\t\t{ name = "carp0"; carpdev = "lan0"; vhid = 1; addresses = [ "192.0.2.10/24" ];\n\t\t  pass = "se\0cret"; }\n\t);\n};\n' >>pass_nul.cfg
expect pass_nul 1 'pass_nul.cfg:8: NUL byte in the file: libconfig would cut the string there; remove it' \
	"$TL_BIN" -c pass_nul.cfg --check

# Scale: 200 000 routes load with a table that fits (time printed, not
# asserted); one too many for tables.routes names the key and its line.
routes200k() { # TABLES_LINE
	printf '%s\n%s\nroutes = (\n' "$PORTS" "$1"
	awk 'BEGIN { for (i = 0; i < 200000; i++) { a = 167772160 + i * 16
		printf "{ prefix = \"%d.%d.%d.%d/28\"; via = \"198.51.100.2\"; }%s\n",
			int(a / 16777216), int(a / 65536) % 256, int(a / 256) % 256, a % 256,
			i < 199999 ? "," : "" } }'
	echo ');'
}
routes200k 'tables = { routes = 200004; };' >routes200k.cfg
t0=$(date +%s.%N)
expect routes_200k 0 "" "$TL_BIN" -c routes200k.cfg --check
echo "[$TL_NAME] 200000 routes: --check in $(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $t0 }") s"
routes200k 'tables = {
  routes = 200003;
};' >routes_small.cfg
expect routes_too_small 1 'routes_small.cfg:6: tables: routes 200003 too small for 200004 routes (200000 static, plus 2 per address): raise tables.routes to 200004 or more, or leave it out to size it from the file' \
	"$TL_BIN" -c routes_small.cfg --check
routes200k '' >routes_auto.cfg
expect routes_auto 0 "" "$TL_BIN" -c routes_auto.cfg --check

# Several errors: all are printed, in file order.
bad several 'several.cfg:1: log_level "loud" unknown (one of: emerg, alert, crit, error, warning, notice, info, debug)
several.cfg:3: port "lan0": mtu 10 out of range 68-9600
several.cfg:4: unknown key "vrrp"' 'log_level = "loud";
ports = (
{ name = "lan0"; device = "net_pcap0"; mtu = 10; } );
vrrp = 1;'

# ---- with EAL: devices, lcores, device limits ----
# --no-huge: these checks need no hugepages; --check adds --no-shconf itself.
eal=(--no-huge -m 64 --no-pci --file-prefix "$TL_PREFIX" --log-level=lib.eal:error)
nulls=(--vdev net_null0,no-rx=1 --vdev net_null1,no-rx=1)
sed 's/net_pcap/net_null/' "$TL_ROOT/config/single-router.cfg" >null.cfg
expect eal_valid 0 "" "$TL_BIN" -l 0,1 "${eal[@]}" "${nulls[@]}" -- -c null.cfg --check
expect_out eal_valid "null.cfg: valid"
expect eal_no_device 1 \
	'null.cfg:23: port "lan0": device "net_null0" not found (EAL probed: net_null1)' \
	"$TL_BIN" -l 0,1 "${eal[@]}" --vdev net_null1,no-rx=1 -- -c null.cfg --check
expect eal_no_devices 1 \
	'null.cfg:23: port "lan0": device "net_null0" not found (EAL probed: none)
null.cfg:29: port "srv0": device "net_null1" not found (EAL probed: none)' \
	"$TL_BIN" -l 0,1 "${eal[@]}" -- -c null.cfg --check
sed 's/^workers = .*/workers = [ 0 ];/' null.cfg >main.cfg
expect eal_main_lcore 1 'main.cfg:18: workers: lcore 0 is the main lcore' \
	"$TL_BIN" -l 0,1 "${eal[@]}" "${nulls[@]}" -- -c main.cfg --check
expect eal_lcore_disabled 1 'null.cfg:18: workers: lcore 1 is not enabled (EAL -l/--lcores)' \
	"$TL_BIN" -l 0 "${eal[@]}" "${nulls[@]}" -- -c null.cfg --check
grep -v '^workers' null.cfg >auto.cfg
expect eal_auto_workers 0 "" "$TL_BIN" -l 0,1 "${eal[@]}" "${nulls[@]}" -- -c auto.cfg --check
expect eal_no_worker_lcore 1 \
	'auto.cfg: workers: EAL gave no lcore besides the main lcore 0 (use -l with two or more lcores)' \
	"$TL_BIN" -l 0 "${eal[@]}" "${nulls[@]}" -- -c auto.cfg --check
# net_pcap has one rx queue per rx_pcap and one tx queue per tx_pcap file;
# workers need a tx queue each (the control lcore's is optional).
printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x01\x00\x00\x00' \
	>empty.pcap
printf 'workers = [ 1 ];\nports = (\n  { name = "lan0"; device = "net_pcap0"; }\n);\n' >one.cfg
expect eal_one_tx_queue 0 "" "$TL_BIN" -l 0,1 "${eal[@]}" \
	--vdev "net_pcap0,rx_pcap=empty.pcap,tx_pcap=$TL_TMP/o.pcap" -- -c one.cfg --check
printf 'workers = [ 1, 2 ];\nports = (\n  { name = "lan0"; device = "net_pcap0";\n    rx_queues = 2; }\n);\n' \
	>queues.cfg
expect eal_device_limits 1 \
	'queues.cfg:3: port "lan0": rx_queues 2 but device "net_pcap0" has at most 1
queues.cfg:3: port "lan0": 2 workers need 2 tx queues but device "net_pcap0" has at most 1' \
	"$TL_BIN" --lcores 0,1,2@1 "${eal[@]}" --vdev "net_pcap0,rx_pcap=empty.pcap,tx_pcap=$TL_TMP/o.pcap" \
	-- -c queues.cfg --check
# The control lcore (carp section): mickey's example on null devices.
sed 's/0000:01:00.0/net_null0/; s/0000:01:00.1/net_null1/' "$TL_ROOT/config/examples/mickey.cfg" \
	>mickey.cfg
cl_line=$(grep -n '^control_lcore' mickey.cfg | cut -d: -f1)
three=(--lcores '0@0,1@1,2@0') # 3 lcores on 2 CPUs: main, worker 1, control 2
expect eal_carp_valid 0 "" "$TL_BIN" "${three[@]}" "${eal[@]}" "${nulls[@]}" -- -c mickey.cfg --check
expect_out eal_carp_valid "mickey.cfg: valid"
expect eal_control_lcore_disabled 1 \
	"mickey.cfg:$cl_line: control_lcore: lcore 2 is not enabled (EAL -l/--lcores)" \
	"$TL_BIN" -l 0,1 "${eal[@]}" "${nulls[@]}" -- -c mickey.cfg --check
sed 's/^control_lcore = 2;/control_lcore = 0;/' mickey.cfg >cl_main.cfg
expect eal_control_lcore_main 1 "cl_main.cfg:$cl_line: control_lcore: lcore 0 is the main lcore" \
	"$TL_BIN" "${three[@]}" "${eal[@]}" "${nulls[@]}" -- -c cl_main.cfg --check
grep -v '^control_lcore' mickey.cfg >cl_default.cfg
expect eal_control_lcore_default 0 "" "$TL_BIN" "${three[@]}" "${eal[@]}" "${nulls[@]}" \
	-- -c cl_default.cfg --check
expect eal_control_lcore_none 1 \
	"cl_default.cfg: control_lcore: no enabled lcore is free for it (neither the main lcore 0 nor a worker): add one to EAL -l/--lcores or list fewer workers" \
	"$TL_BIN" -l 0,1 "${eal[@]}" "${nulls[@]}" -- -c cl_default.cfg --check
# A pure error stops before EAL: no EAL output at all.
expect eal_not_started 1 'unknown.cfg:5: unknown key "vrrp"' \
	"$TL_BIN" -l 0,1 "${eal[@]}" "${nulls[@]}" -- -c unknown.cfg --check
grep -q '^EAL:' "$TL_TMP/err" && fail "EAL started although the file was invalid"

if ((failures > 0)); then
	echo "[$TL_NAME] $failures of $checks checks failed"
	exit 1
fi
echo "[$TL_NAME] all $checks checks passed"
