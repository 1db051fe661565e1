# Shared helpers for scripted tests and labs (source, do not run):
#   . "$(dirname "$0")/../lib/common.sh"; tl_init fwd
# Gives: a scratch dir, a unique DPDK --file-prefix and namespace prefix,
# process start/stop by PID, namespaces and veths, telemetry queries, and one
# EXIT trap that stops and deletes everything this script created, also on
# failure. Functions are prefixed tl_ (tests/lib).

TL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TL_PY=/usr/bin/python3 # Debian's python sees scapy; the one on PATH may not
TL_PIDS=()
TL_NETNS=()
TL_ON_FAIL=() # commands run by the trap before cleanup when the script failed

tl_log() { echo "[$TL_NAME] $*"; }
tl_fail() {
	echo "[$TL_NAME] FAIL: $*" >&2
	exit 1
}

# tl_init NAME: call first. TL_PREFIX is this run's DPDK file prefix (append a
# suffix for a second process), TL_NS_PREFIX its namespace prefix.
tl_init() {
	TL_NAME=$1
	TL_PREFIX=${TL_PREFIX:-$1-$$}
	TL_NS_PREFIX=${TL_NS_PREFIX:-$1$$-}
	TL_TMP=$(mktemp -d "/tmp/$1.XXXXXX")
	trap tl_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

tl_cleanup() {
	local rc=$? i cmd
	trap - EXIT
	if ((rc != 0)); then
		for cmd in "${TL_ON_FAIL[@]}"; do eval "$cmd" || true; done
	fi
	local pids=("${TL_PIDS[@]}")
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		tl_stop "${pids[i]}" >/dev/null 2>&1 || true
	done
	for ((i = ${#TL_NETNS[@]} - 1; i >= 0; i--)); do
		ip netns del "${TL_NETNS[i]}" 2>/dev/null || true
	done
	rm -rf "/var/run/dpdk/$TL_PREFIX" "/var/run/dpdk/$TL_PREFIX"-*
	[[ -n ${TL_KEEP_TMP:-} ]] || rm -rf "$TL_TMP"
	exit "$rc"
}

# tl_skip MSG: exit 77 (skipped), for a missing MACHINE capability only (no
# hugepages, no network namespaces, no clang, not root). A feature of the
# router or of this project that is missing or broken is a failure
# (tl_fail): a skip must never hide a regression. The message is the last
# line, which scripts/test.sh shows.
tl_skip() {
	echo "[$TL_NAME] SKIP: $*"
	exit 77
}

tl_hugepages() { bash "$TL_ROOT/scripts/hugepages.sh" >/dev/null; }

# tl_binary BUILD_DIR: set TL_BIN to carp-router in BUILD_DIR, or fail.
tl_binary() {
	TL_BIN=$(cd "${1:-$TL_ROOT/build}" 2>/dev/null && pwd)/app/carp-router
	[[ -x $TL_BIN ]] || tl_fail "no binary $TL_BIN (build first: scripts/build.sh)"
}

# tl_start LOG CMD...: run CMD in the background, output to LOG, stdin from
# $TL_STDIN (default /dev/null; a FIFO drives an interactive tool); sets TL_PID.
tl_start() {
	local log=$1
	shift
	"$@" <"${TL_STDIN:-/dev/null}" >"$log" 2>&1 &
	TL_PID=$!
	TL_PIDS+=("$TL_PID")
}

# tl_stop PID [SECS]: SIGTERM, wait up to SECS (10), then SIGKILL. Returns the
# process's exit status (128+N for signal N).
tl_stop() {
	local pid=$1 secs=${2:-10} i
	kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null
	for ((i = 0; i < secs * 10; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		echo "[$TL_NAME] pid $pid ignored SIGTERM for ${secs}s: SIGKILL" >&2
		kill -KILL "$pid" 2>/dev/null
	fi
	local rc=0
	wait "$pid" 2>/dev/null || rc=$?
	local keep=() p
	for p in "${TL_PIDS[@]}"; do [[ $p == "$pid" ]] || keep+=("$p"); done
	TL_PIDS=("${keep[@]}")
	return "$rc"
}

# tl_alive PID: fail with LOG's tail if the process is gone.
tl_alive() { # PID LOG WHAT
	kill -0 "$1" 2>/dev/null && return 0
	tail -n 30 "$2" >&2
	tl_fail "$3 exited early (log above)"
}

# tl_telemetry PREFIX CMD...: print one JSON reply per command.
tl_telemetry() { "$TL_PY" "$TL_ROOT/tests/lib/telemetry.py" "$@"; }

# tl_wait_telemetry PREFIX [SECS] [PID]: wait until the process answers on
# its telemetry socket; with PID, give up as soon as that process is gone.
tl_wait_telemetry() {
	local prefix=$1 secs=${2:-20} pid=${3:-} i
	for ((i = 0; i < secs * 5; i++)); do
		[[ -S /var/run/dpdk/$prefix/dpdk_telemetry.v2 ]] &&
			"$TL_PY" "$TL_ROOT/tests/lib/telemetry.py" "$prefix" /info >/dev/null 2>&1 && return 0
		[[ -z $pid ]] || kill -0 "$pid" 2>/dev/null || tl_fail "process $pid ($prefix) exited before its telemetry came up"
		sleep 0.2
	done
	tl_fail "no telemetry from $prefix after ${secs}s"
}

# Namespaces: tl_ns NAME prints the real name; tl_netns_add creates it (lo up)
# and registers it for deletion; tl_nsx NAME CMD... runs CMD inside it.
tl_ns() { echo "$TL_NS_PREFIX$1"; }
tl_netns_add() {
	local ns=$TL_NS_PREFIX$1
	ip netns add "$ns" || tl_fail "cannot create namespace $ns"
	TL_NETNS+=("$ns")
	ip -n "$ns" link set lo up
}
tl_nsx() {
	local ns=$TL_NS_PREFIX$1
	shift
	ip netns exec "$ns" "$@"
}

# tl_veth NS1 IF1 NS2 IF2: a veth pair between two of our namespaces, up.
tl_veth() {
	local tmp=v$$${#TL_NETNS[@]}$RANDOM
	ip link add "${tmp:0:13}a" type veth peer name "${tmp:0:13}b" ||
		tl_fail "cannot create veth $2<->$4"
	ip link set "${tmp:0:13}a" netns "$TL_NS_PREFIX$1" name "$2"
	ip link set "${tmp:0:13}b" netns "$TL_NS_PREFIX$3" name "$4"
	ip -n "$TL_NS_PREFIX$1" link set "$2" up
	ip -n "$TL_NS_PREFIX$3" link set "$4" up
}
