/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Virtual MACs on a carpdev's receive filter (contract section 4).
 *
 * Unicast vMACs go into the NIC's MAC filter (rte_eth_dev_mac_addr_add);
 * multicast ones (01:00:5e:00:00:12 for the adverts, the ip-mode vMAC) into
 * its multicast list (rte_eth_dev_set_mc_addr_list). Where the PMD refuses
 * (af_packet, tap: "Operation not supported"), the port falls back ONCE to
 * promiscuous (unicast) or allmulticast (multicast; promiscuous when that is
 * refused too) mode and stays there:
 * the fast path gates destination MACs in software anyway. The decisions
 * live here, the NIC calls behind struct ctl_nic_ops, so the logic is tested
 * without a NIC. Control lcore only (single writer).
 */
#ifndef CTL_VMAC_H
#define CTL_VMAC_H

#include <stdbool.h>
#include <stdint.h>

#define CTL_VMAC_MAX 64 /* vMACs per port: 8 carp interfaces x a few nodes, + group MAC */

/* NIC operations on one port; 0 or a negative errno (as ethdev returns). */
struct ctl_nic_ops {
	int (*uc_add)(void *arg, uint16_t port, const uint8_t mac[6]);
	int (*uc_del)(void *arg, uint16_t port, const uint8_t mac[6]);
	int (*mc_set)(void *arg, uint16_t port, const uint8_t (*macs)[6], unsigned int n);
	int (*promisc_on)(void *arg, uint16_t port);
	int (*allmulti_on)(void *arg, uint16_t port);
};

/* What happened, for the caller's log line. */
enum ctl_vmac_result {
	CTL_VMAC_OK = 0,       /* in the NIC filter (or already covered) */
	CTL_VMAC_PROMISC,      /* refused: promiscuous mode switched on now */
	CTL_VMAC_ALLMULTI,     /* multicast list refused: allmulticast switched on now */
	CTL_VMAC_FALLBACK_ERR, /* refused, and the fallback failed too (err holds it) */
	CTL_VMAC_FULL,         /* more than CTL_VMAC_MAX */
};

struct ctl_vmac_port {
	uint16_t port;
	bool promisc;  /* unicast fallback active */
	bool allmulti; /* multicast fallback active */
	unsigned int n_uc, n_mc;
	uint8_t uc[CTL_VMAC_MAX][6];
	bool uc_hw[CTL_VMAC_MAX]; /* uc[i] is in the NIC's MAC filter */
	uint8_t mc[CTL_VMAC_MAX][6];
	int last_err; /* of the refused NIC call behind the last fallback */
	/* Flip timing, TSC-measured by the caller (ctl_vmac_timed). */
	uint64_t flips, flip_last_us, flip_max_us;
};

void ctl_vmac_port_init(struct ctl_vmac_port *p, uint16_t port);

/* Accept / stop accepting `mac` on the port. Adding twice or deleting an
 * unknown MAC is a no-op returning CTL_VMAC_OK. */
enum ctl_vmac_result ctl_vmac_add(struct ctl_vmac_port *p, const struct ctl_nic_ops *ops, void *arg,
                                  const uint8_t mac[6], bool multicast);
enum ctl_vmac_result ctl_vmac_del(struct ctl_vmac_port *p, const struct ctl_nic_ops *ops, void *arg,
                                  const uint8_t mac[6], bool multicast);

/* Record one flip that took `us` microseconds. */
void ctl_vmac_flip_record(struct ctl_vmac_port *p, uint64_t us);

/* "promiscuous", "allmulticast" or "mac": how the port filters now. */
const char *ctl_vmac_filter_name(const struct ctl_vmac_port *p);

#endif /* CTL_VMAC_H */
