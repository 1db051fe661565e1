/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CARP on a worker: adverts fwd_carp_classify (fwd_pkt.h) or
 * fwd_local_input accepted go to the control lcore through the punt
 * (fwd_punt.h), and frames to a vMAC or to CARP's group MAC are classified
 * for the other handlers.
 */

#include "fwd_ctx_priv.h"
#include "fwd_filter_priv.h"
#include "fwd_input_priv.h"
#include "fwd_punt_priv.h"

void fwd_carp_input(struct fwd_worker *w, struct fwd_rx *rx)
{
	/* pf filters CARP too: the rule file must pass it on the carpdevs */
	if (unlikely(w->ctx->pf != NULL) && !fwd_filter_carp(w, rx))
		return;
	fwd_punt_frame(w, rx, FWD_PUNT_CARP);
}

/*
 * fwd_vip_mac_match decides; the ip-mode multicast vMAC is unicast from
 * here on (spec 7.3).
 */
enum fwd_class fwd_vip_classify(struct fwd_worker *w, struct fwd_rx *rx)
{
	const struct rte_ether_hdr *eth = (const void *)rx->frame;
	unsigned int slot = 0;

	switch (fwd_vip_mac_match(&w->ctx->vip.port[rx->port], rx->vip, &eth->dst_addr, &slot)) {
	case FWD_VIP_MAC_GROUP:
		rx->l2flags = FWD_L2_GROUP;
		break;
	case FWD_VIP_MAC_VIRTUAL:
		rx->l2flags = 0;
		rx->vif = (int8_t)slot;
		break;
	default:
		return FWD_CLASS_DROP; /* rx->why: dst_mac_not_ours */
	}
	return fwd_classify_ethertype(rx->frame, rx->len, &rx->why);
}
