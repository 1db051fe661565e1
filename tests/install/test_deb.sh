#!/usr/bin/env bash
# The Debian package, end to end:
#  1. build it from debian/ with dpkg-buildpackage -us -uc -b (debhelper's
#     meson build) in a cached copy of the tree, so a second run only
#     recompiles what changed (the objects in obj-*/ are kept);
#  2. install it with dpkg -i: the binaries in /usr/sbin and /usr/bin, man
#     pages, units, examples; `carp-router --check` of a shipped example;
#  3. systemd-analyze verify on an instance of each template unit (real
#     paths, man pages present), and the unit's own commands run as systemd
#     would (PID 1 here is not systemd): ExecStartPre (check, hugepages),
#     ExecStart on net_null vdevs, telemetry up under the instance's prefix,
#     the stop signal (SIGTERM) ends it with status 0;
#  4. dpkg --purge: every file the package installed is gone, /etc/carp-router
#     too, and dpkg no longer knows the package.
# Fails, touching nothing, when a carp-router package is already installed
# (it would be replaced and purged). Prints the time of each step.
#   sudo tests/install/test_deb.sh [BUILD_DIR]
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
tl_init deb
BUILD=$(cd "${1:-$TL_ROOT/build}" 2>/dev/null && pwd) || tl_fail "no build dir ${1:-build}"
cache=$BUILD/deb
src=$cache/src
for c in dpkg-buildpackage dh systemd-analyze; do
	command -v $c >/dev/null || tl_fail "$c not installed (scripts/packages.sh installs debhelper, dpkg-dev)"
done
dpkg-query -W -f='${Status}' carp-router 2>/dev/null | grep -q "ok installed" &&
	tl_fail "a carp-router package is already installed; this test would replace and purge it (dpkg --purge carp-router first)"
step() { tl_log "$1: $(($(date +%s%N) / 1000000 - t0)) ms"; t0=$(($(date +%s%N) / 1000000)); }
t0=$(($(date +%s%N) / 1000000))

# 1. build (copy the tree with its mtimes, keep obj-*/ for ninja)
mkdir -p "$src"
find "$src" -mindepth 1 -maxdepth 1 ! -name 'obj-*' -exec rm -rf {} +
git -C "$TL_ROOT" ls-files -z -co --exclude-standard |
	(cd "$TL_ROOT" && tar --null -T - -cf -) | tar -C "$src" -xf - ||
	tl_fail "cannot copy the tree"
rm -f "$cache"/*.deb "$cache"/*.changes "$cache"/*.buildinfo
(cd "$src" && DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" \
	dpkg-buildpackage -us -uc -b -nc) >"$TL_TMP/build.log" 2>&1 ||
	{ tail -n 40 "$TL_TMP/build.log"; tl_fail "dpkg-buildpackage failed"; }
deb=$(ls "$cache"/carp-router_*.deb 2>/dev/null | head -1)
[[ -f $deb ]] || tl_fail "no .deb in $cache"
step "built $(basename "$deb")"

# 2. install
purge() { dpkg --purge carp-router >/dev/null 2>&1 || true; }
TL_ON_FAIL+=(purge)
trap 'purge; tl_cleanup' EXIT
dpkg -i "$deb" >"$TL_TMP/install.log" 2>&1 ||
	{ cat "$TL_TMP/install.log"; tl_fail "dpkg -i failed (missing dependency? apt-get -f install)"; }
dpkg -L carp-router >"$TL_TMP/files" || tl_fail "dpkg -L carp-router"
for f in /usr/sbin/carp-router /usr/sbin/carpctl /usr/sbin/pfctl /usr/sbin/carp-router-exporter /usr/bin/carpdump \
	/usr/libexec/carp-router/hugepages /lib/systemd/system/carp-router@.service \
	/lib/systemd/system/carp-router-exporter@.service /usr/share/man/man8/carp-router.8.gz \
	/usr/share/man/man5/carp-router.conf.5.gz /usr/share/man/man8/carpctl.8.gz \
	/usr/share/man/man8/carpdump.8.gz /usr/share/man/man8/pfctl.8.gz \
	/usr/share/doc/carp-router/examples/single-router.cfg \
	/usr/share/doc/carp-router/examples/ifstated/uplink.conf; do
	grep -qx "$f" "$TL_TMP/files" && [[ -e $f ]] || tl_fail "package lacks $f"
done
[[ -d /etc/carp-router ]] || tl_fail "no /etc/carp-router"
out=$(/usr/sbin/carp-router -c /usr/share/doc/carp-router/examples/single-router.cfg --check 2>&1) ||
	tl_fail "installed carp-router --check failed: $out"
[[ $out == "/usr/share/doc/carp-router/examples/single-router.cfg: valid (devices and lcores not checked: no EAL arguments)" ]] ||
	tl_fail "unexpected --check output: $out"
/usr/bin/carpdump --version >/dev/null || tl_fail "installed carpdump does not run"
/usr/sbin/carpctl --help >/dev/null || tl_fail "installed carpctl does not run"
/usr/sbin/pfctl --help >/dev/null || tl_fail "installed pfctl does not run (it loads carpctl next to it)"
/usr/sbin/carp-router-exporter --prefix "$TL_PREFIX-none" --once | grep -qx 'carp_router_up 0.0' ||
	tl_fail "installed exporter does not run"
step "installed, --check of a shipped example ok"

# 3. the units
inst=$TL_PREFIX # the instance name is the EAL file prefix
units=$TL_TMP/units
mkdir -p "$units"
cp /lib/systemd/system/carp-router@.service "$units/carp-router@$inst.service"
cp /lib/systemd/system/carp-router-exporter@.service "$units/carp-router-exporter@$inst.service"
systemd-analyze verify "$units"/*.service >"$TL_TMP/verify.log" 2>&1 ||
	{ cat "$TL_TMP/verify.log"; tl_fail "systemd-analyze verify"; }
[[ ! -s $TL_TMP/verify.log ]] || { cat "$TL_TMP/verify.log"; tl_fail "systemd-analyze verify warns"; }
unit=$units/carp-router@$inst.service
prop() { sed -n "s/^$1=//p" "$unit"; }
[[ $(prop ExecReload) == '/bin/kill -HUP $MAINPID' ]] || tl_fail "ExecReload is not SIGHUP"
[[ $(prop KillSignal) == SIGTERM && $(prop Restart) == on-failure ]] || tl_fail "stop/restart policy"
[[ -n $(prop StartLimitBurst) && -n $(prop StartLimitIntervalSec) ]] || tl_fail "no start rate limit"
tl_log "systemd-analyze verify: clean"

# Run the unit's commands with the instance's files, as systemd does.
cfg=/etc/carp-router/$inst.conf
sed 's/net_pcap0/net_null0/; s/net_pcap1/net_null1/' \
	/usr/share/doc/carp-router/examples/single-router.cfg >"$cfg"
grep -q net_null1 "$cfg" || tl_fail "example does not use net_pcap0/1 any more"
echo 'EAL_ARGS="-l 0,1 --no-pci --huge-unlink -m 128 --vdev net_null0 --vdev net_null1"' >"/etc/carp-router/$inst.env"
echo 'HUGEPAGES=64' >>"/etc/carp-router/$inst.env"
expand() { # the unit's command line with %i and the env file's variables
	local line=${1//%i/$inst}
	(set -a; HUGEPAGES=512; EAL_ARGS=; . "/etc/carp-router/$inst.env"; eval "echo $line")
}
while read -r pre; do
	cmd=$(expand "$pre")
	$cmd >>"$TL_TMP/pre.log" 2>&1 || { cat "$TL_TMP/pre.log"; tl_fail "ExecStartPre failed: $cmd"; }
done < <(prop ExecStartPre)
# shellcheck disable=SC2046 # word splitting is what systemd does too
tl_start "$TL_TMP/unit.log" $(expand "$(prop ExecStart)")
pid=$TL_PID
TL_ON_FAIL+=("tail -n 20 '$TL_TMP/unit.log' >&2")
tl_wait_telemetry "$inst" 20 "$pid"
/usr/sbin/carpctl -f "$inst" stats >/dev/null 2>&1 || true # no carp section: an error is fine
tl_telemetry "$inst" /router/info | grep -q '"ports": \["lan0", "srv0"\]' ||
	tl_fail "unit's router does not report its ports"
kill -"$(prop KillSignal | sed s/^SIG//)" "$pid"
rc=0
wait "$pid" || rc=$?
[[ $rc == 0 ]] || tl_fail "router exited $rc on the unit's stop signal"
step "units verified; ExecStartPre, ExecStart and the stop signal run"

# 4. purge: nothing left
rm -f "$cfg" "/etc/carp-router/$inst.env"
dpkg --purge carp-router >"$TL_TMP/purge.log" 2>&1 || { cat "$TL_TMP/purge.log"; tl_fail "dpkg --purge"; }
left=()
while read -r f; do
	[[ -z $f || $f == /. ]] && continue
	[[ -d $f ]] || { [[ -e $f || -L $f ]] && left+=("$f"); } # /lib is a link to a dir
	[[ -d $f && $f == */carp-router* ]] && left+=("$f")
done <"$TL_TMP/files"
[[ -e /etc/carp-router ]] && left+=(/etc/carp-router)
((${#left[@]} == 0)) || tl_fail "left after purge: ${left[*]}"
dpkg-query -W carp-router >/dev/null 2>&1 && tl_fail "dpkg still knows carp-router"
step "purged, no file left"
tl_log "PASS"
