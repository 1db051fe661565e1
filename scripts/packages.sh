#!/usr/bin/env bash
# Install the Debian 12 packages carp-router builds, tests and benchmarks with.
# Idempotent: when every package is already installed apt is not called at all,
# so re-runs take a fraction of a second.
set -euo pipefail

PACKAGES=(
	dpdk dpdk-dev libdpdk-dev dpdk-doc   # DPDK 22.11, testpmd, l3fwd sources
	libconfig-dev libcunit1-dev libssl-dev libpcap-dev
	meson ninja-build pkg-config
	iproute2 iputils-ping ethtool tshark python3-scapy  # labs, wire checks
	ucarp keepalived                       # real CARP/VRRP peers
	nftables conntrackd conntrack          # the Linux stateful reference pair (compare.sh)
	clang libclang-rt-14-dev               # libFuzzer and sanitizers
	valgrind                               # constant-time check of the HMAC compare
	python3-matplotlib                     # benchmark and drill plots
	debhelper dpkg-dev fakeroot            # the Debian package (debian/, tests/install)
	mandoc                                 # man page lint (tests/man)
	python3-prometheus-client prometheus   # the exporter and promtool (tests/metrics)
)

missing=()
for p in "${PACKAGES[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[[ $status == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
	echo "packages: all ${#PACKAGES[@]} present"
	exit 0
fi
if ((EUID != 0)); then
	echo "packages: must run as root to install: ${missing[*]}" >&2
	exit 1
fi

echo "packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer it up front.
echo "wireshark-common wireshark-common/install-setuid boolean false" |
	debconf-set-selections
apt-get update -q
apt-get install -y -q -o Dpkg::Options::=--force-confdef \
	-o Dpkg::Options::=--force-confold "${missing[@]}"
echo "packages: done"
