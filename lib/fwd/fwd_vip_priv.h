/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_VIP_PRIV_H
#define FWD_VIP_PRIV_H

/*
 * Internals of the CARP view of the fast path (fwd_vip.h): the per-port
 * tables, the published words and the per-packet decisions, inline so the
 * worker pays no call, and pure so tests/unit/fwd drives them without EAL.
 *
 * Publication: what changes at run time per carp interface is one 64-bit
 *   word (master mask, running bit); everything else is fixed at
 *   registration. So a publication is one atomic store of that word
 *   (release) and a worker reads it with one atomic load (acquire) per
 *   carp interface, once per burst, into its stack: every packet of the
 *   burst sees the same state of that interface. Carp interfaces are
 *   independent (no decision reads two words), so nothing ties the words
 *   of a port together. No sequence, no retry, no grace period
 *   (docs/fast-path.md, "Publication").
 */

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <rte_common.h>
#include <rte_ether.h>
#include <rte_spinlock.h>

#include "carp_balance.h"
#include "fwd_counters.h"
#include "fwd_vip.h"

/* Published word: bits 0-31 master mask (bit i = node i MASTER here), bit 32 running. */
#define FWD_VIP_RUNNING (1ULL << 32)

static inline uint32_t fwd_vip_word_mask(uint64_t w)
{
	return (uint32_t)w;
}

static inline bool fwd_vip_word_running(uint64_t w)
{
	return (w & FWD_VIP_RUNNING) != 0;
}

/* One carp interface on a port. W: main before launch (fwd_vip_register). R: all. */
struct fwd_vip_if {
	const struct carp_balance *bal; /* identity for fwd_vip_publish; mask source */
	uint8_t mode;                   /* enum carp_balancing */
	uint8_t count;                  /* nodes, 1..32 */
	uint8_t n_addrs;
	struct rte_ether_addr mac;         /* carp interface MAC (node 0's) */
	uint8_t node_vhid[CARP_MAX_NODES]; /* sorted; node 0 = leader */
	uint32_t hashkey[2];               /* arp mode */
	uint8_t key0[4];                   /* arp mode */
	uint32_t addr[FWD_VIP_MAX_ADDRS];  /* host order */
	uint8_t len[FWD_VIP_MAX_ADDRS];
	_Atomic uint32_t publications; /* W: publisher. R: telemetry (relaxed) */
};

/* One port's carp interfaces and their published words. */
struct fwd_vip_port {
	/* Hot: read by workers every burst. W: publisher (release). R: workers (acquire). */
	_Atomic uint64_t word[FWD_VIP_MAX_IFS];
	/* Cold, fixed after launch. W: main before launch. */
	uint8_t n_ifs;
	struct fwd_vip_if ifs[FWD_VIP_MAX_IFS];
} __rte_cache_aligned;

struct fwd_vip_table {
	uint32_t ports;          /* bit per port with a carp interface; W main before launch */
	rte_spinlock_t pub_lock; /* publishers among themselves only; workers never take it */
	struct fwd_vip_port port[FWD_MAX_PORTS];
};

/* What a worker holds for one burst on one port. */
struct fwd_vip_snap {
	uint8_t n;
	uint64_t word[FWD_VIP_MAX_IFS];
};

static inline void fwd_vip_snap_read(const struct fwd_vip_port *vp, struct fwd_vip_snap *s)
{
	struct fwd_vip_port *p = (struct fwd_vip_port *)(uintptr_t)vp; /* atomics are not const */

	s->n = vp->n_ifs;
	for (unsigned int i = 0; i < s->n; i++)
		s->word[i] = atomic_load_explicit(&p->word[i], memory_order_acquire);
}

/* Publisher side (fwd_vip.c, under pub_lock): word[slot] = w, one release store. */
static inline void fwd_vip_port_write(struct fwd_vip_port *vp, unsigned int slot, uint64_t w)
{
	atomic_store_explicit(&vp->word[slot], w, memory_order_release);
}

/* ---- per-packet decisions (pure) ---- */

static inline bool fwd_vip_is_ip_mode(uint8_t mode)
{
	return mode == CARP_BAL_IP || mode == CARP_BAL_IP_STEALTH || mode == CARP_BAL_IP_UNICAST;
}

static inline bool fwd_vip_node_master(const struct fwd_vip_if *vi, uint64_t w, unsigned int idx)
{
	return idx < vi->count && idx < 32 && ((fwd_vip_word_mask(w) >> idx) & 1u);
}

/* Unicast vMAC of node idx: the carp interface MAC for the leader (it may be
 * an administrator's lladdr), 00:00:5e:00:01:<vhid> for the others. */
static inline void fwd_vip_node_mac(const struct fwd_vip_if *vi, unsigned int idx,
                                    struct rte_ether_addr *mac)
{
	if (idx == 0) {
		*mac = vi->mac;
		return;
	}
	carp_vmac(vi->node_vhid[idx], false, mac->addr_bytes);
}

/* CARP's IPv4 group, 224.0.0.18 -> 01:00:5e:00:00:12. */
static inline bool fwd_vip_is_carp_group_mac(const struct rte_ether_addr *a)
{
	static const uint8_t g[6] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x12};

	return memcmp(a->addr_bytes, g, 6) == 0;
}

/* Result of the destination MAC check against the carp interfaces of a port. */
enum fwd_vip_mac {
	FWD_VIP_MAC_NONE = 0, /* not a MAC of ours: dst_mac_not_ours */
	FWD_VIP_MAC_GROUP,    /* 01:00:5e:00:00:12 (CARP adverts): link-layer multicast */
	FWD_VIP_MAC_VIRTUAL,  /* a vMAC owned now: link-layer unicast, *slot set */
};

/*
 * Is dst a MAC this host receives now through one of vp's carp interfaces
 * (the rules in fwd_vip.h)? The ip-mode multicast vMAC is reported as
 * FWD_VIP_MAC_VIRTUAL: unicast at layer 3, as OpenBSD reclassifies it.
 */
static inline enum fwd_vip_mac fwd_vip_mac_match(const struct fwd_vip_port *vp,
                                                 const struct fwd_vip_snap *s,
                                                 const struct rte_ether_addr *dst,
                                                 unsigned int *slot)
{
	for (unsigned int i = 0; i < s->n; i++) {
		const struct fwd_vip_if *vi = &vp->ifs[i];
		uint64_t w = s->word[i];

		if (vi->mode == CARP_BAL_ARP) {
			struct rte_ether_addr m;

			for (unsigned int n = 0; n < vi->count; n++) {
				fwd_vip_node_mac(vi, n, &m);
				if (memcmp(dst, &m, RTE_ETHER_ADDR_LEN) == 0 &&
				    fwd_vip_node_master(vi, w, n)) {
					*slot = i;
					return FWD_VIP_MAC_VIRTUAL;
				}
			}
			continue;
		}
		if (memcmp(dst, &vi->mac, RTE_ETHER_ADDR_LEN) != 0)
			continue;
		if (fwd_vip_is_ip_mode(vi->mode) ? fwd_vip_word_running(w)
		                                 : fwd_vip_node_master(vi, w, 0)) {
			*slot = i;
			return FWD_VIP_MAC_VIRTUAL;
		}
	}
	if (s->n && fwd_vip_is_carp_group_mac(dst))
		return FWD_VIP_MAC_GROUP;
	return FWD_VIP_MAC_NONE;
}

/*
 * Transit IPv4 that came to a vMAC of vi: forward it here? ip modes: node
 * (src ^ dst) % count is MASTER here (spec 7.3; the fold is symmetric, so
 * both directions of a flow pick the same node). none/arp: the MAC check
 * already decided (the node whose MAC it is, is MASTER here).
 */
static inline bool fwd_vip_flow_master(const struct fwd_vip_if *vi, uint64_t w, uint32_t src,
                                       uint32_t dst)
{
	if (!fwd_vip_is_ip_mode(vi->mode))
		return true;
	return fwd_vip_node_master(vi, w, carp_node_index(src ^ dst, vi->count));
}

/*
 * ARP request from sha for a VIP of vi: answer? If so *sender is the ARP
 * sender MAC and *eth_src the Ethernet source. arp mode: node
 * carp_arp_hash(sha) % count, if MASTER here, with its own vMAC (spec 7.4);
 * other modes: the leader, if MASTER here, with the carp interface MAC
 * (spec 8), the Ethernet source being the port's real MAC in ip and
 * ip-stealth modes (spec 7.2 / 12: the multicast or stealth vMAC is never a
 * frame source).
 */
static inline bool fwd_vip_arp_answer(const struct fwd_vip_if *vi, uint64_t w,
                                      const struct rte_ether_addr *sha,
                                      const struct rte_ether_addr *port_mac,
                                      struct rte_ether_addr *sender, struct rte_ether_addr *eth_src)
{
	unsigned int idx = 0;

	if (vi->mode == CARP_BAL_ARP)
		idx = carp_node_index(carp_arp_hash(sha->addr_bytes, vi->hashkey, vi->key0),
		                      vi->count);
	if (!fwd_vip_node_master(vi, w, idx))
		return false;
	fwd_vip_node_mac(vi, idx, sender);
	*eth_src = vi->mode == CARP_BAL_IP || vi->mode == CARP_BAL_IP_STEALTH ? *port_mac : *sender;
	return true;
}

/*
 * IPv4 addressed to a VIP of vi (ICMP echo is all we answer): may this host
 * answer? ip modes: every node while the carp interface runs (OpenBSD does
 * not filter ICMP by the IP hash: each node answers, spec 7.3); none/arp:
 * while the leader is MASTER, or when the frame came to a vMAC of vi this
 * host owns (arp mode: node i's MAC while node i is MASTER).
 */
static inline bool fwd_vip_local_allowed(const struct fwd_vip_if *vi, uint64_t w, bool via_vmac)
{
	if (fwd_vip_is_ip_mode(vi->mode))
		return fwd_vip_word_running(w);
	return via_vmac || fwd_vip_node_master(vi, w, 0);
}

/*
 * Ethernet source of what we send from a VIP of vi (echo replies) out of its
 * carpdev: ip/ip-stealth: the port's real MAC; otherwise the vMAC the
 * request came to (dst, when via_vmac), else the carp interface MAC.
 */
static inline void fwd_vip_src_mac(const struct fwd_vip_if *vi, bool via_vmac,
                                   const struct rte_ether_addr *dst,
                                   const struct rte_ether_addr *port_mac,
                                   struct rte_ether_addr *out)
{
	if (vi->mode == CARP_BAL_IP || vi->mode == CARP_BAL_IP_STEALTH)
		*out = *port_mac;
	else
		*out = via_vmac ? *dst : vi->mac;
}

/* The carp interface of port vp holding VIP ip (host order): slot, or -1. */
static inline int fwd_vip_find(const struct fwd_vip_port *vp, uint32_t ip)
{
	for (unsigned int i = 0; i < vp->n_ifs; i++)
		for (unsigned int a = 0; a < vp->ifs[i].n_addrs; a++)
			if (vp->ifs[i].addr[a] == ip)
				return (int)i;
	return -1;
}

/* Is ip a VIP of any port? (ARP senders claiming one are other CARP nodes.) */
bool fwd_vip_table_has(const struct fwd_vip_table *t, uint32_t ip);

#endif
