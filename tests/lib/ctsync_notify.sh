#!/bin/bash
# keepalived's notify for a conntrackd FT-FW pair (the sync group's
# notify_master/backup/fault in tests/lib/linux_fw.sh), written for this lab:
#   ctsync_notify.sh primary|backup|fault CONNTRACKD_CONF LOG
# primary (we carry the traffic now): put the states learnt from the peer
#   (external cache) into the kernel table first, so flows find them; then
#   start our own caches afresh from the kernel and offer them to the peer.
# backup: the daemon must answer; schedule the kernel entries left from our
#   mastership for removal (PurgeTimeout) and ask the peer for its states.
# fault: only the purge.
# Every step is logged as "STATE STEP start EPOCH end EPOCH rc N", so a drill
# can tell when the commit was done relative to the address takeover
# (keepalived adds the addresses before it runs this: the RST window of
# keepalived issues #2254/#2414).
set -u
state=$1 conf=$2 log=$3

step() { # NAME conntrackd-ARGS...
	local t0 rc
	t0=$(date +%s.%N)
	conntrackd -C "$conf" "${@:2}" >>"$log.out" 2>&1
	rc=$?
	echo "$state $1 start $t0 end $(date +%s.%N) rc $rc" >>"$log"
}

case $state in
primary)
	step commit -c
	step flush -f
	step resync -R
	step bulk -B
	;;
backup)
	step stats -s
	step purge -t
	step request -n
	;;
fault)
	step purge -t
	;;
*)
	echo "usage: $0 primary|backup|fault CONNTRACKD_CONF LOG" >&2
	exit 2
	;;
esac
