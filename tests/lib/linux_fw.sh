# shellcheck shell=bash
# The Linux reference router pair on the lab's shape (docs/drills.md): the
# namespaces and bridges of tests/lib/lab.sh, with hosts A and B as kernel
# routers instead of carp-router. Source after tests/lib/labtest.sh (lab_*,
# lt_*, tl_*); functions are prefixed lfw_. Used by scripts/compare.sh and
# tests/lab/test_tcp_harness.sh.
#
#   lfw_routers [sync]          lab network, A/B forwarding; "sync": plus the
#                               direct link sync0 A 203.0.113.2 <-> B 203.0.113.3
#   lfw_nft HOST [PROFILE]      stateful nftables ruleset and SNAT to the server-side
#                               virtual address; PROFILE strict (default: invalid
#                               dropped) or reject (invalid TCP, forwarded or to the
#                               router, answered by an RST: makes resets to count)
#                               or loose (Linux's defaults: nf_conntrack_tcp_loose 1
#                               and any new TCP from lan0 accepted, so a mid-stream
#                               segment from the client side starts a new state)
#   lfw_conntrackd HOST         conntrackd FT-FW over sync0 (external cache)
#   lfw_keepalived HOST ADVERT [VERSION] [ctsync]   VRRP (default v3) for both
#                               virtual gateways in one sync group; ctsync: its
#                               notify runs ctsync_notify.sh (conntrackd commit)
#   lfw_vrrp_master_down ADVERT the backup's master-down interval (s)
#   lfw_vips HOST               give HOST both virtual addresses statically (no VRRP)
#   lfw_has_vip HOST [VIP DEV]  / lfw_wait_vip HOST SECS [VIP DEV]
#   lfw_vip_monitor HOST, lfw_vip_added_at HOST [VIP]   kernel timestamps of address changes
#   lfw_crash HOST              both lab links (and sync0) down in one command, every
#                               process in HOST's namespace SIGKILLed
#   lfw_ct_count HOST           conntrack entries in HOST's kernel table
#
# Rules (lfw_nft), the same on both hosts: forward policy drop; established
# and related pass; invalid dropped; new flows only from lan0 to srv0, TCP
# only with a bare SYN (pf's "flags S/SA"); input policy drop but VRRP, the
# sync link, ICMP and replies; nf_conntrack_tcp_loose 0, so a mid-stream
# segment without a state is invalid rather than picked up (profile loose:
# picked up).

LFW_VIP_LAN=192.0.2.1
LFW_VIP_SRV=198.51.100.1
LFW_SYNC_PORT=3780
LFW_NOTIFY=$TL_ROOT/tests/lib/ctsync_notify.sh

lfw_routers() {
	lab_net_up
	local h n
	for h in "${LAB_HOSTS[@]}"; do
		n=${LAB_HOSTNUM[$h]}
		ip -n "$(lab_ns "$h")" link set lan0 arp on
		ip -n "$(lab_ns "$h")" link set srv0 arp on
		lab_nsx "$h" ip addr add "192.0.2.$n/24" dev lan0
		lab_nsx "$h" ip addr add "198.51.100.$n/24" dev srv0
		lab_nsx "$h" sysctl -qw net.ipv4.ip_forward=1
		# resolve the server now, not on the first forwarded datagram
		lab_nsx "$h" ping -c 1 -W 1 198.51.100.100 >/dev/null || tl_fail "$h cannot reach the server"
	done
	[[ ${1:-} == sync ]] || return 0
	ip -n "$(lab_ns hostA)" link add sync0 address 02:00:00:0a:03:02 type veth \
		peer name sync0 address 02:00:00:0a:03:03 netns "$(lab_ns hostB)" ||
		tl_fail "cannot create the sync link"
	for h in "${LAB_HOSTS[@]}"; do
		lab_nsx "$h" ip addr add "203.0.113.${LAB_HOSTNUM[$h]}/24" dev sync0
		lab_nsx "$h" ip link set sync0 up
	done
}

lfw_nft() {
	local h=$1 profile=${2:-strict} invalid=drop newtcp="tcp flags & (fin|syn|rst|ack) == syn" loose=0 f
	case $profile in
	strict) ;;
	reject) invalid="meta l4proto tcp reject with tcp reset" ;;
	loose) newtcp="meta l4proto tcp" loose=1 ;;
	*) tl_fail "lfw_nft: profile '$profile' is not strict|reject|loose" ;;
	esac
	f=$TL_TMP/nft-$h-$profile.conf
	cat >"$f" <<-EOF
		flush ruleset
		table inet fw {
		    chain input {
		        type filter hook input priority filter; policy drop;
		        ct state established,related accept
		        ct state invalid $invalid
		        iif "lo" accept
		        ip protocol 112 accept
		        iifname "sync0" udp dport $LFW_SYNC_PORT accept
		        ip protocol icmp accept
		    }
		    chain forward {
		        type filter hook forward priority filter; policy drop;
		        ct state established,related accept
		        ct state invalid $invalid
		        iifname "lan0" oifname "srv0" ct state new $newtcp accept
		        iifname "lan0" oifname "srv0" ct state new ip protocol { udp, icmp } accept
		    }
		}
		table ip nat {
		    chain postrouting {
		        type nat hook postrouting priority srcnat; policy accept;
		        oifname "srv0" ip saddr 192.0.2.0/24 snat to $LFW_VIP_SRV
		    }
		}
	EOF
	lab_nsx "$h" nft -f "$f" || tl_fail "$h: nft -f $f failed"
	lab_nsx "$h" sysctl -qw "net.netfilter.nf_conntrack_tcp_loose=$loose"
}

# lfw_ctd_conf HOST: conntrackd's configuration file for HOST (written once).
lfw_ctd_conf() {
	local h=$1 n peer f=$TL_TMP/conntrackd-$1.conf
	n=${LAB_HOSTNUM[$h]}
	peer=$((n == 2 ? 3 : 2))
	[[ -f $f ]] || cat >"$f" <<-EOF
		Sync {
		    Mode FTFW {
		        DisableExternalCache off
		        PurgeTimeout 5
		    }
		    UDP {
		        IPv4_address 203.0.113.$n
		        IPv4_Destination_Address 203.0.113.$peer
		        Port $LFW_SYNC_PORT
		        Interface sync0
		        SndSocketBuffer 1249280
		        RcvSocketBuffer 1249280
		        Checksum on
		    }
		}
		General {
		    Systemd no
		    HashSize 32768
		    HashLimit 131072
		    LogFile $TL_TMP/conntrackd-$h.log
		    Syslog off
		    LockFile $TL_TMP/conntrackd-$h.lock
		    UNIX {
		        Path $TL_TMP/conntrackd-$h.ctl
		    }
		    NetlinkBufferSize 2097152
		    NetlinkBufferSizeMaxGrowth 8388608
		    Filter From Userspace {
		        Protocol Accept {
		            TCP
		        }
		        Address Ignore {
		            IPv4_address 127.0.0.1
		            IPv4_address 192.0.2.$n
		            IPv4_address 198.51.100.$n
		            IPv4_address 203.0.113.0/24
		        }
		    }
		}
	EOF
	echo "$f"
}

lfw_conntrackd() {
	local h=$1 conf i
	conf=$(lfw_ctd_conf "$h")
	# a previous run's daemon died by SIGKILL (lfw_crash): its lock file and
	# socket would make this one refuse to start
	rm -f "$TL_TMP/conntrackd-$h.lock" "$TL_TMP/conntrackd-$h.ctl"
	tl_start "$TL_TMP/conntrackd-$h.out" ip netns exec "$(lab_ns "$h")" conntrackd -C "$conf"
	for ((i = 0; i < 50; i++)); do
		lab_nsx "$h" conntrackd -C "$conf" -s >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	tl_fail "$h: conntrackd does not answer on its socket (log $TL_TMP/conntrackd-$h.log)"
}

# lfw_ctd HOST ARGS...: a conntrackd client command on HOST's daemon.
lfw_ctd() { lab_nsx "$1" conntrackd -C "$(lfw_ctd_conf "$1")" "${@:2}"; }

# lfw_keepalived HOST ADVERT [VERSION] [ctsync]: keepalived in HOST, priority
# 200 on A and 100 on B, instances $LFW_VRRP_INSTANCES (lan: vrid 1 on lan0,
# srv: vrid 2 on srv0; default both, then in one sync group so they move
# together); ctsync: the group's notify runs ctsync_notify.sh.
LFW_VRRP_INSTANCES="lan srv"
lfw_keepalived() {
	local h=$1 adv=$2 ver=${3:-3} mode=${4:-} prio f i insts
	read -ra insts <<<"$LFW_VRRP_INSTANCES"
	prio=$([[ $h == hostA ]] && echo 200 || echo 100)
	f=$TL_TMP/keepalived-$h.conf
	{
		printf 'global_defs {\n    router_id %s\n    vrrp_version %s\n    vrrp_garp_master_delay 1\n    script_user root\n}\n' \
			"$LAB_P-$h" "$ver"
		if ((${#insts[@]} > 1)); then
			printf 'vrrp_sync_group gateways {\n    group {\n'
			printf '        %s\n' "${insts[@]}"
			printf '    }\n'
			if [[ $mode == ctsync ]]; then
				for i in primary:master backup:backup fault:fault; do
					printf '    notify_%s "%s %s %s %s"\n' "${i#*:}" "$LFW_NOTIFY" "${i%%:*}" \
						"$(lfw_ctd_conf "$h")" "$TL_TMP/notify-$h.log"
				done
			fi
			printf '}\n'
		fi
		for i in "${insts[@]}"; do
			local dev=lan0 vrid=1 vip=$LFW_VIP_LAN
			[[ $i == srv ]] && dev=srv0 vrid=2 vip=$LFW_VIP_SRV
			printf 'vrrp_instance %s {\n    state BACKUP\n    interface %s\n    virtual_router_id %s\n' "$i" "$dev" "$vrid"
			printf '    priority %s\n    advert_int %s\n    virtual_ipaddress {\n        %s/24 dev %s\n    }\n}\n' \
				"$prio" "$adv" "$vip" "$dev"
		done
	} >"$f"
	tl_start "$TL_TMP/keepalived-$h.log" ip netns exec "$(lab_ns "$h")" keepalived -n -l -D -P \
		-f "$f" -p "$TL_TMP/keepalived-$h.pid" -r "$TL_TMP/keepalived-$h.vrrp.pid"
}

# lfw_vrrp_master_down ADVERT: the backup's (priority 100) master-down
# interval, RFC 3768/5798: 3 x advert + skew, skew = (256 - priority) / 256 x advert.
lfw_vrrp_master_down() { lt_calc "3 * $1 + (256 - 100) / 256 * $1"; }

lfw_vips() {
	lab_nsx "$1" ip addr add "$LFW_VIP_LAN/24" dev lan0
	lab_nsx "$1" ip addr add "$LFW_VIP_SRV/24" dev srv0
}

lfw_has_vip() { # HOST [VIP DEV]
	ip -n "$(lab_ns "$1")" -4 -o addr show dev "${3:-lan0}" | grep -q " ${2:-$LFW_VIP_LAN}/"
}

# lfw_wait_vip HOST SECS [VIP DEV]: until HOST holds the address; prints the epoch.
lfw_wait_vip() {
	local end
	end=$(lt_calc "$(lt_now) + $2")
	while lt_true "$(lt_now) < $end"; do
		lfw_has_vip "$1" "${3:-$LFW_VIP_LAN}" "${4:-lan0}" && { lt_now; return 0; }
		sleep 0.005
	done
	return 1
}

# lfw_vip_monitor HOST: log HOST's address changes with timestamps (ip -ts),
# so a takeover time is the kernel's, not a poll's.
lfw_vip_monitor() {
	tl_start "$TL_TMP/addr-$1.log" ip -n "$(lab_ns "$1")" -ts monitor address
}

# lfw_vip_added_at HOST [VIP]: epoch of the first logged addition of VIP.
lfw_vip_added_at() {
	local ts
	ts=$(grep -v Deleted "$TL_TMP/addr-$1.log" | grep -m1 " ${2:-$LFW_VIP_LAN}/" | sed -n 's/^\[\([^]]*\)\].*/\1/p')
	[[ -n $ts ]] && date -d "$ts" +%s.%N
}

# lfw_crash HOST: the host stops forwarding (its links down in one command:
# the fault's instant; the kernel would otherwise keep forwarding after the
# daemons died) and every process in its namespace dies. Sets LFW_CRASHED_AT.
lfw_crash() {
	local ns pid pids cmds='link set lan0 down\nlink set srv0 down\n'
	ns=$(lab_ns "$1")
	ip -n "$ns" link show sync0 >/dev/null 2>&1 && cmds+='link set sync0 down\n'
	pids=" $(ip netns pids "$ns" | tr '\n' ' ') "
	for pid in "${TL_PIDS[@]}"; do
		[[ $pids == *" $pid "* ]] && disown "$pid" 2>/dev/null # no "Killed" job notice
	done
	# shellcheck disable=SC2034 # for the caller
	LFW_CRASHED_AT=$(lt_now)
	# shellcheck disable=SC2059 # the batch is ours
	printf "$cmds" | ip -n "$ns" -batch -
	for pid in $pids $(ip netns pids "$ns"); do kill -KILL "$pid" 2>/dev/null || true; done
}

lfw_ct_count() { lab_nsx "$1" conntrack -C 2>/dev/null || echo 0; }
