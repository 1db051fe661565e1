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

/* Published word: carp_balance.h's (master mask, running bit), copied
 * from lib/carp's struct carp_balance by fwd_vip_publish. */
static inline uint32_t fwd_vip_word_mask(uint64_t w)
{
	return carp_bal_mask(w);
}

static inline bool fwd_vip_word_running(uint64_t w)
{
	return carp_bal_running(w);
}

/* One carp interface on a port. W: main before launch (fwd_vip_register). R: all. */
struct fwd_vip_if {
	const struct carp_balance *bal; /* identity for fwd_vip_publish; word source */
	struct carp_bal_cfg cfg;        /* copy of bal->cfg: what the carp_bal_* rules take */
	uint8_t n_addrs;
	uint32_t addr[FWD_VIP_MAX_ADDRS]; /* host order */
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

/* ---- per-packet decisions: lib/carp's rules (carp_bal_*) on the burst's words ---- */

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
 * (carp_bal_mac_accept)? The ip-mode multicast vMAC is reported as
 * FWD_VIP_MAC_VIRTUAL: unicast at layer 3, as OpenBSD reclassifies it.
 */
static inline enum fwd_vip_mac fwd_vip_mac_match(const struct fwd_vip_port *vp,
                                                 const struct fwd_vip_snap *s,
                                                 const struct rte_ether_addr *dst,
                                                 unsigned int *slot)
{
	for (unsigned int i = 0; i < s->n; i++) {
		if (carp_bal_mac_accept(&vp->ifs[i].cfg, s->word[i], dst->addr_bytes)) {
			*slot = i;
			return FWD_VIP_MAC_VIRTUAL;
		}
	}
	if (s->n && fwd_vip_is_carp_group_mac(dst))
		return FWD_VIP_MAC_GROUP;
	return FWD_VIP_MAC_NONE;
}

/* Transit IPv4 (host-order addresses) that came to a vMAC of vi: forward
 * it here (carp_bal_flow_master on the IPv4 fold src ^ dst)? */
static inline bool fwd_vip_flow_master(const struct fwd_vip_if *vi, uint64_t w, uint32_t src,
                                       uint32_t dst)
{
	return carp_bal_flow_master(&vi->cfg, w, src ^ dst);
}

/*
 * ARP request from sha for a VIP of vi: answer (carp_bal_arp_answer)? If so
 * *sender is the ARP sender MAC and *eth_src the Ethernet source: the
 * port's real MAC when the vMAC is never a source (carp_bal_src_is_parent).
 */
static inline bool fwd_vip_arp_answer(const struct fwd_vip_if *vi, uint64_t w,
                                      const struct rte_ether_addr *sha,
                                      const struct rte_ether_addr *port_mac,
                                      struct rte_ether_addr *sender, struct rte_ether_addr *eth_src)
{
	if (!carp_bal_arp_answer(&vi->cfg, w, sha->addr_bytes, sender->addr_bytes))
		return false;
	*eth_src = carp_bal_src_is_parent(&vi->cfg) ? *port_mac : *sender;
	return true;
}

/* IPv4 addressed to a VIP of vi: may this host answer (carp_bal_local_allowed)? */
static inline bool fwd_vip_local_allowed(const struct fwd_vip_if *vi, uint64_t w, bool via_vmac)
{
	return carp_bal_local_allowed(&vi->cfg, w, via_vmac);
}

/*
 * Ethernet source of what we send from a VIP of vi (echo replies) out of its
 * carpdev: the port's real MAC (carp_bal_src_is_parent); otherwise the
 * vMAC the request came to (dst, when via_vmac), else the carp interface MAC.
 */
static inline void fwd_vip_src_mac(const struct fwd_vip_if *vi, bool via_vmac,
                                   const struct rte_ether_addr *dst,
                                   const struct rte_ether_addr *port_mac,
                                   struct rte_ether_addr *out)
{
	if (carp_bal_src_is_parent(&vi->cfg))
		*out = *port_mac;
	else if (via_vmac)
		*out = *dst;
	else
		memcpy(out->addr_bytes, vi->cfg.mac, RTE_ETHER_ADDR_LEN);
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
