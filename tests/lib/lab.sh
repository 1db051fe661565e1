# The two-router CARP lab (docs/lab.md, contract section 7): source, do not run.
# Shared by scripts/lab.sh, tests/carp and the drills. Functions are prefixed lab_.
#
#   . tests/lib/lab.sh
#   lab_init PREFIX BUILD_DIR [CONFIG_SET]   # CONFIG_SET "" -> config/lab/hostA.cfg,
#   lab_up                                   #   "lb" -> config/lab/hostA-lb.cfg ...
#   lab_router_kill hostA; lab_router_start hostA; lab_router_wait hostA
#   lab_link hostA lan0 down; lab_down
#
#      [PREFIX-client] eth0 192.0.2.100                [PREFIX-server] eth0 198.51.100.100
#                 |                                                   |
#   [PREFIX-sw]  brL ---------------------+          brS -------------+----------+
#                 |                       |           |                          |
#         lan0 192.0.2.2        lan0 192.0.2.3   srv0 198.51.100.2      srv0 198.51.100.3
#        [PREFIX-hostA: carp-router]    [PREFIX-hostB: carp-router]
#   virtual gateways: 192.0.2.1 (carp0, vhid 1) and 198.51.100.1 (carp1, vhid 2)
#
# Everything lives in namespaces PREFIX-*; each router's pid file and log are
# under /run/carp-lab/PREFIX, so lab_down works from another shell and after a
# crash. Needs root, hugepages (scripts/hugepages.sh) and a built carp-router.

# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

LAB_HOSTS=(hostA hostB)
LAB_ROLES=(client server hostA hostB sw)
LAB_STATE_ROOT=${LAB_STATE_ROOT:-/run/carp-lab}
# Both routers share the 2 CPUs: main and control lcores of A on CPU 0, its
# worker on CPU 1; B mirrored. All sleep when idle (adaptive polling).
declare -A LAB_LCORES=([hostA]='0@0,1@1,2@0' [hostB]='0@1,1@0,2@1')
declare -A LAB_HOSTNUM=([hostA]=2 [hostB]=3)
# MiB of hugepages each router preallocates (EAL -m). A reload that changes
# routes builds a second route table (64 MiB of rte_lpm) beside the live
# one: the reload tests and drill preallocate 160 so that it never depends
# on what other processes left free.
LAB_MEM=${LAB_MEM:-128}
# Per host, a configuration lab_up starts instead of config/lab's (tests that
# add keys, e.g. tests/ifstated).
declare -A LAB_CFGS=()
# Per host, more EAL --vdev arguments (a third port, e.g. tests/pfsync's sync0),
# and a function lab_up runs once the network is up, before the routers start
# (to wire those ports).
declare -A LAB_VDEVS=()
LAB_NET_EXTRA=${LAB_NET_EXTRA:-}
# af_packet devargs of every router port (lab_router_start).
LAB_AFP_ARGS=framecnt=2048,framesz=8192,blocksz=8192

lab_fail() {
	if [[ -n ${TL_NAME:-} ]]; then tl_fail "$@"; fi
	echo "lab: $*" >&2
	exit 1
}

# lab_no_capability MSG: the machine lacks what the lab needs (hugepages):
# tests (LAB_TEST set) exit 77 (skipped), scripts fail. A missing or broken
# feature of carp-router is never a skip: lab_fail.
lab_no_capability() {
	if [[ -n ${LAB_TEST:-} ]]; then
		echo "[${TL_NAME:-lab}] SKIP: $*"
		exit 77
	fi
	lab_fail "$*"
}

# lab_init PREFIX BUILD_DIR [CONFIG_SET]: name the lab; nothing is created yet.
lab_init() {
	LAB_P=${1:-crlab}
	[[ $LAB_P =~ ^[A-Za-z0-9_]{1,12}$ ]] ||
		lab_fail "prefix '$LAB_P': 1-12 letters, digits or '_' (namespace and interface names derive from it)"
	LAB_STATE=$LAB_STATE_ROOT/$LAB_P
	TL_NAME=${TL_NAME:-lab}
	if [[ -f $LAB_STATE/lab.env ]]; then
		# a running lab remembers its binary and config set
		# shellcheck source=/dev/null
		. "$LAB_STATE/lab.env"
	fi
	[[ -n ${2:-} ]] && LAB_BUILD=$(cd "$2" 2>/dev/null && pwd || echo "$2")
	LAB_BUILD=${LAB_BUILD:-$TL_ROOT/build}
	[[ $# -ge 3 ]] && LAB_SET=$3
	LAB_SET=${LAB_SET:-}
	LAB_BIN=$LAB_BUILD/app/carp-router
}

lab_ns() { echo "$LAB_P-$1"; }                  # lab_ns ROLE: namespace name
lab_prefix() { echo "$LAB_P-$1"; }              # lab_prefix HOST: DPDK --file-prefix
lab_nsx() { ip netns exec "$LAB_P-$1" "${@:2}"; } # lab_nsx ROLE CMD...
lab_cfg() { echo "$TL_ROOT/config/lab/$1${LAB_SET:+-$LAB_SET}.cfg"; }
lab_tel() { tl_telemetry "$(lab_prefix "$1")" "${@:2}"; } # lab_tel HOST CMD...
lab_watch() { "$TL_PY" "$TL_ROOT/tests/lib/carpwatch.py" "$@"; }

# ---- network ----

# lab_wire ROLE IFNAME MAC SWPORT BRIDGE: a veth from ROLE's namespace into a bridge.
lab_wire() {
	ip -n "$LAB_P-$1" link add "$2" address "$3" type veth peer name "$4" netns "$LAB_P-sw" ||
		lab_fail "cannot create veth $1:$2 <-> sw:$4"
	ip -n "$LAB_P-sw" link set "$4" master "$5" up
	ip -n "$LAB_P-$1" link set "$2" up
}

lab_net_up() {
	local role h n br
	for role in "${LAB_ROLES[@]}"; do
		ip netns add "$LAB_P-$role" || lab_fail "cannot create namespace $LAB_P-$role (lab already up? scripts/lab.sh down --prefix $LAB_P)"
		ip -n "$LAB_P-$role" link set lo up
		# IPv4 lab: no IPv6 router/neighbour solicitations in the captures
		lab_nsx "$role" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	done
	for br in brL brS; do
		ip -n "$LAB_P-sw" link add "$br" type bridge forward_delay 0 mcast_snooping 0
		ip -n "$LAB_P-sw" link set "$br" up
	done
	lab_wire client eth0 02:00:00:0a:01:64 cl brL
	lab_wire server eth0 02:00:00:0a:02:64 sv brS
	for h in "${LAB_HOSTS[@]}"; do
		n=${LAB_HOSTNUM[$h]}
		lab_wire "$h" lan0 "02:00:00:0a:01:0$n" "${h: -1}-lan" brL
		lab_wire "$h" srv0 "02:00:00:0a:02:0$n" "${h: -1}-srv" brS
		for port in lan0 srv0; do
			# carp-router owns these: the kernel must neither answer ARP nor
			# leave checksums or segmentation to an offload (lab.md pitfalls)
			ip -n "$LAB_P-$h" link set "$port" arp off
			lab_nsx "$h" ethtool -K "$port" tx off gro off gso off tso off >/dev/null
		done
	done
	lab_nsx client ip addr add 192.0.2.100/24 dev eth0
	lab_nsx client ip route add default via 192.0.2.1
	lab_nsx server ip addr add 198.51.100.100/24 dev eth0
	lab_nsx server ip route add default via 198.51.100.1
	for role in client server; do lab_nsx "$role" ethtool -K eth0 tx off >/dev/null; done
}

# lab_link HOST PORT up|down [router|switch]: carrier of a router port.
# router: the router's own veth end (the interface its af_packet port uses);
# switch: the bridge's end (the router's end then loses carrier).
lab_link() {
	local h=$1 port=$2 updown=$3 side=${4:-router}
	case $side in
	router) ip -n "$LAB_P-$h" link set "$port" "$updown" ;;
	switch) ip -n "$LAB_P-sw" link set "${h: -1}-${port:0:3}" "$updown" ;;
	*) lab_fail "lab_link: side '$side' is not router|switch" ;;
	esac
}

# ---- router processes ----

# lab_pid_alive PID: running and not a zombie.
lab_pid_alive() {
	local st
	[[ -n $1 && -r /proc/$1/stat ]] || return 1
	st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
	[[ -n $st && $st != Z ]]
}

# lab_pid HOST: print the router's pid if its pid file names a live
# carp-router with this lab's file prefix (never another process that reused
# the pid after a crash).
lab_pid() {
	local f=$LAB_STATE/$1.pid pid
	[[ -f $f ]] || return 1
	pid=$(<"$f")
	lab_pid_alive "$pid" || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--file-prefix $LAB_P-$1 " || return 1
	echo "$pid"
}

# lab_router_start HOST [CONFIG]: start the router in its namespace (does not
# wait: lab_router_wait). Output is appended to $LAB_STATE/HOST.log.
lab_router_start() {
	local h=$1 cfg=${2:-$(lab_cfg "$1")} pid
	[[ -x $LAB_BIN ]] || lab_fail "no binary $LAB_BIN (build first: scripts/build.sh)"
	[[ -r $cfg ]] || lab_fail "no configuration $cfg"
	pid=$(lab_pid "$h") && lab_fail "$h already runs (pid $pid)"
	mkdir -p "$LAB_STATE"
	echo "=== $(date -u +%FT%T.%3NZ) start $h with $cfg" >>"$LAB_STATE/$h.log"
	# nohup: `scripts/lab.sh up` returns while the routers keep running.
	# framecnt 2048 (default 512): the kernel ring rides out ~1 s of a worker
	# starved of CPU at the tests' rates instead of dropping frames.
	# framesz 8192 (default 2048): the PMD's socket makes the kernel reassemble
	# IPv4 fragments, so a frame holds a whole datagram, up to 8112 bytes here
	# (docs/lab.md); the router refragments it for the egress MTU.
	ip netns exec "$LAB_P-$h" nohup "$LAB_BIN" --lcores "${LAB_LCORES[$h]}" --no-pci \
		--huge-unlink -m "$LAB_MEM" --file-prefix "$LAB_P-$h" \
		--vdev "net_af_packet0,iface=lan0,$LAB_AFP_ARGS" --vdev "net_af_packet1,iface=srv0,$LAB_AFP_ARGS" \
		${LAB_VDEVS[$h]:-} -- -c "$cfg" </dev/null >>"$LAB_STATE/$h.log" 2>&1 &
	echo $! >"$LAB_STATE/$h.pid"
}

# lab_router_wait HOST [SECS]: until its telemetry answers; fails with the
# log's tail if the router exits first.
lab_router_wait() {
	local h=$1 secs=${2:-30} pid i
	pid=$(<"$LAB_STATE/$h.pid")
	for ((i = 0; i < secs * 10; i++)); do
		if ! lab_pid_alive "$pid"; then
			tail -n 20 "$LAB_STATE/$h.log" >&2
			lab_fail "$h (pid $pid) exited during start (log above, $LAB_STATE/$h.log)"
		fi
		lab_tel "$h" /info >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	lab_fail "$h: no telemetry from $(lab_prefix "$h") after ${secs}s"
}

# lab_pid_gone PID SECS: wait until PID is gone (reaps it if it is our child).
lab_pid_gone() {
	local pid=$1 i
	for ((i = 0; i < $2 * 10; i++)); do
		lab_pid_alive "$pid" || break
		sleep 0.1
	done
	wait "$pid" 2>/dev/null
	! lab_pid_alive "$pid"
}

# lab_router_stop HOST [SECS]: SIGTERM (a master bows out), SIGKILL after SECS (10).
lab_router_stop() {
	local pid
	pid=$(lab_pid "$1") || {
		rm -f "$LAB_STATE/$1.pid"
		return 0
	}
	kill -TERM "$pid" 2>/dev/null
	if ! lab_pid_gone "$pid" "${2:-10}"; then
		echo "lab: $1 (pid $pid) ignored SIGTERM for ${2:-10}s: SIGKILL" >&2
		kill -KILL "$pid" 2>/dev/null
		lab_pid_gone "$pid" 5
	fi
	rm -f "$LAB_STATE/$1.pid"
}

# lab_router_kill HOST: SIGKILL, the crash of a router; returns once it is
# gone. LAB_KILLED_AT: the time of the kill (epoch s, as `date +%s.%N`).
lab_router_kill() {
	local pid
	pid=$(lab_pid "$1") || lab_fail "lab_router_kill: $1 is not running"
	LAB_KILLED_AT=$(date +%s.%N)
	kill -KILL "$pid"
	lab_pid_gone "$pid" 5 || lab_fail "$1 (pid $pid) survived SIGKILL"
	rm -f "$LAB_STATE/$1.pid"
}

lab_router_restart() { # HOST [CONFIG]
	lab_router_stop "$1"
	lab_router_start "$@"
	lab_router_wait "$1"
}

# ---- the whole lab ----

lab_up() {
	tl_hugepages || lab_no_capability "hugepages unavailable (scripts/hugepages.sh)"
	[[ -x $LAB_BIN ]] || lab_fail "no binary $LAB_BIN (build first: scripts/build.sh)"
	mkdir -p "$LAB_STATE"
	printf 'LAB_BUILD=%q\nLAB_SET=%q\n' "$LAB_BUILD" "$LAB_SET" >"$LAB_STATE/lab.env"
	lab_net_up
	if [[ -n $LAB_NET_EXTRA ]]; then "$LAB_NET_EXTRA"; fi
	local h
	for h in "${LAB_HOSTS[@]}"; do lab_router_start "$h" ${LAB_CFGS[$h]:+"${LAB_CFGS[$h]}"}; done
	for h in "${LAB_HOSTS[@]}"; do lab_router_wait "$h"; done
}

# lab_down: stop both routers (by pid file), any process left inside the lab's
# namespaces (started by a test or drill), delete the namespaces and state.
# Idempotent; works after a crash of the caller or of a router.
lab_down() {
	local h role ns pid
	for h in "${LAB_HOSTS[@]}"; do lab_router_stop "$h" 5; done
	for role in "${LAB_ROLES[@]}"; do
		ns=$LAB_P-$role
		[[ -e /run/netns/$ns ]] || continue
		for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
		ip netns del "$ns" 2>/dev/null
	done
	for h in "${LAB_HOSTS[@]}"; do rm -rf "/var/run/dpdk/$LAB_P-$h"; done
	rm -rf "$LAB_STATE"
	return 0
}

# lab_status: both routers' CARP state (scripts/carpctl when present).
lab_status() {
	local h pid
	for h in "${LAB_HOSTS[@]}"; do
		if ! pid=$(lab_pid "$h"); then
			echo "== $h: not running"
			continue
		fi
		echo "== $h (pid $pid, file prefix $(lab_prefix "$h"))"
		if [[ -x $TL_ROOT/scripts/carpctl ]]; then
			"$TL_ROOT/scripts/carpctl" -f "$(lab_prefix "$h")" status
		else
			lab_watch status "$(lab_prefix "$h")"
		fi
	done
}

# lab_dump: everything a failing test should show: both routers' /carp/* and
# /router/stats and their logs' tails.
lab_dump() {
	local h
	for h in "${LAB_HOSTS[@]}"; do
		echo "===== $h: telemetry"
		lab_watch dump "$(lab_prefix "$h")" || true
		echo "===== $h: log tail ($LAB_STATE/$h.log)"
		tail -n 25 "$LAB_STATE/$h.log" 2>/dev/null || true
	done
}
