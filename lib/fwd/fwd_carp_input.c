/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CARP on a worker: IPv4 protocol 112 is copied into a message on the
 * control lcore's ring (the mbuf is freed here), and frames to a vMAC or to
 * CARP's group MAC are classified for the other handlers.
 */

#include <string.h>

#include <rte_byteorder.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "fwd_count_priv.h"
#include "fwd_ctx_priv.h"
#include "fwd_filter_priv.h"
#include "fwd_input_priv.h"

void fwd_carp_input(struct fwd_worker *w, struct fwd_rx *rx)
{
	const struct rte_ether_hdr *eth = (const void *)rx->frame;
	const struct rte_ipv4_hdr *ip = (const void *)(eth + 1);
	struct rte_ring *ring;
	struct fwd_carp_msg msg;
	enum fwd_drop why;
	uint16_t tlen;

	why = fwd_ipv4_validate(ip, rx->len - FWD_ETH_LEN);
	if (why != FWD_DROP_NONE)
		return fwd_drop_pkt(w, rx->m, why);
	/* pf filters CARP too: the rule file must pass it on the carpdevs */
	if (unlikely(w->ctx->pf != NULL) && !fwd_filter_carp(w, rx))
		return;
	ring = atomic_load_explicit(&w->ctx->carp_ring, memory_order_acquire);
	if (ring == NULL)
		return fwd_drop_pkt(w, rx->m, FWD_DROP_CARP_NO_CONSUMER);
	tlen = rte_be_to_cpu_16(ip->total_length);
	msg.rx_tsc = w->now;
	msg.port = rx->port;
	msg.orig_len = tlen;
	msg.len = RTE_MIN(tlen, (uint16_t)FWD_CARP_MSG_MAX);
	msg.pad = 0;
	msg.src_mac = eth->src_addr;
	msg.dst_mac = eth->dst_addr;
	memcpy(msg.pkt, ip, msg.len);
	if (rte_ring_mp_enqueue_elem(ring, &msg, sizeof(msg)) != 0)
		return fwd_drop_pkt(w, rx->m, FWD_DROP_CARP_RING_FULL);
	fwd_count_event(w, FWD_EV_CARP_QUEUED);
	rte_pktmbuf_free(rx->m);
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
