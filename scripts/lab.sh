#!/usr/bin/env bash
# The two-router CARP lab: a client, a server and two carp-router processes
# (hostA, hostB) in network namespaces, on af_packet ports (docs/lab.md).
#   sudo scripts/lab.sh up     [--prefix P] [--config-set NAME] [--build DIR]
#   sudo scripts/lab.sh status [--prefix P]
#   sudo scripts/lab.sh down   [--prefix P]
# P: namespace and file prefix (default crlab): namespaces P-client, P-server,
# P-hostA, P-hostB, P-sw; telemetry prefixes P-hostA, P-hostB.
# NAME: config set, config/lab/hostA-NAME.cfg + hostB-NAME.cfg (default: the
# active/standby hostA.cfg + hostB.cfg; "lb": active/active).
# `down` also cleans up after a crash; `up` on a half-built lab fails: run down first.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
	sed -n '4,6p' "$0" | sed 's/^# *//' >&2
	exit 2
}

action=${1:-}
[[ $action =~ ^(up|down|status)$ ]] || usage
shift
prefix=crlab set= build=
set_given=0
while (($#)); do
	case $1 in
	--prefix) prefix=${2:?--prefix needs a value} && shift ;;
	--config-set) set=${2:?--config-set needs a value} && set_given=1 && shift ;;
	--build) build=${2:?--build needs a value} && shift ;;
	*) usage ;;
	esac
	shift
done

. tests/lib/lab.sh
TL_NAME=lab
if ((set_given)); then lab_init "$prefix" "$build" "$set"; else lab_init "$prefix" "$build"; fi

case $action in
up)
	for h in "${LAB_HOSTS[@]}"; do [[ -r $(lab_cfg "$h") ]] || lab_fail "no config $(lab_cfg "$h")"; done
	# never touch a lab that exists: the cleanup below would tear it down
	[[ -e $LAB_STATE || -e /run/netns/$(lab_ns sw) ]] &&
		lab_fail "lab $LAB_P exists already (scripts/lab.sh status|down --prefix $LAB_P)"
	# a failed start leaves nothing behind
	trap 'rc=$?; ((rc == 0)) || { echo "lab: up failed: cleaning up" >&2; lab_down; }' EXIT
	lab_up
	trap - EXIT
	echo "lab $LAB_P up: routers $(lab_pid hostA) (hostA), $(lab_pid hostB) (hostB); logs in $LAB_STATE"
	echo "  e.g. ip netns exec $(lab_ns client) ping 198.51.100.100"
	lab_status
	;;
status) lab_status ;;
down)
	lab_down
	echo "lab $LAB_P down"
	;;
esac
