#!/usr/bin/env bash
# Reserve 2 MiB hugepages (default 512 = 1 GiB) and mount hugetlbfs on
# /dev/hugepages. Idempotent; never lowers a larger reservation that other
# DPDK processes may be using.
set -euo pipefail

want=${1:-512}
nr=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages

fail() {
	echo "hugepages: $*" >&2
	exit 1
}

[[ -w $nr ]] || fail "cannot write $nr (run as root; kernel needs 2 MiB hugepage support)"
if (($(<"$nr") < want)); then
	echo "$want" >"$nr" || fail "kernel refused to reserve $want pages"
fi
got=$(<"$nr")
((got >= want)) ||
	fail "asked for $want x 2 MiB pages, kernel gave $got (memory fragmented? free memory, or reboot)"

mkdir -p /dev/hugepages
if ! mountpoint -q /dev/hugepages; then
	mount -t hugetlbfs -o pagesize=2M nodev /dev/hugepages ||
		fail "cannot mount hugetlbfs on /dev/hugepages"
fi
free=$(<"${nr%/nr_hugepages}/free_hugepages")
echo "hugepages: $got x 2 MiB reserved ($free free), hugetlbfs on /dev/hugepages"
