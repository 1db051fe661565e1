/* SPDX-License-Identifier: BSD-2-Clause */
/* Ethernet classification: is the frame for us, and which handler takes it. */

#include <string.h>

#include <rte_byteorder.h>

#include "fwd_pkt.h"

static bool mac_accepted(const struct rte_ether_addr *dst, const struct fwd_mac_filter *f)
{
	if (rte_is_same_ether_addr(dst, &f->own) || rte_is_broadcast_ether_addr(dst))
		return true;
	for (unsigned int i = 0; i < f->n_extra && i < RTE_DIM(f->extra); i++)
		if (rte_is_same_ether_addr(dst, &f->extra[i]))
			return true;
	return false;
}

enum fwd_class fwd_classify(const void *frame, uint32_t len, const struct fwd_mac_filter *f,
                            uint8_t *l2flags, enum fwd_drop *why)
{
	const struct rte_ether_hdr *eth = frame;

	*l2flags = 0;
	if (len < sizeof(*eth)) {
		*why = FWD_DROP_RUNT;
		return FWD_CLASS_DROP;
	}
	if (!mac_accepted(&eth->dst_addr, f)) {
		*why = FWD_DROP_DST_MAC_NOT_OURS;
		return FWD_CLASS_DROP;
	}
	if (rte_is_multicast_ether_addr(&eth->dst_addr)) /* broadcast included */
		*l2flags |= FWD_L2_GROUP;

	switch (eth->ether_type) {
	case RTE_BE16(RTE_ETHER_TYPE_ARP):
		return FWD_CLASS_ARP;
	case RTE_BE16(RTE_ETHER_TYPE_IPV4): {
		const struct rte_ipv4_hdr *ip = (const void *)(eth + 1);

		/* Only a peek: the handler validates the header first. */
		if (len >= sizeof(*eth) + sizeof(*ip) && ip->next_proto_id == 112)
			return FWD_CLASS_CARP;
		return FWD_CLASS_IPV4;
	}
	default:
		*why = FWD_DROP_NOT_IPV4_ETHERTYPE;
		return FWD_CLASS_DROP;
	}
}
