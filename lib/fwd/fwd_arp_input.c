/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARP on a worker: answer requests for the port's addresses (and, as the
 * MASTER, for its VIPs), learn on-link senders, refuse claims on our
 * addresses. Parsing and building are pure (fwd_arp.c).
 */

#include <rte_arp.h>
#include <rte_mbuf.h>

#include "fwd_count_priv.h"
#include "fwd_ctx_priv.h"
#include "fwd_input_priv.h"
#include "fwd_resolve_priv.h"
#include "fwd_tx_priv.h"

/*
 * Is the ARP sender spa a neighbour of port? On one of its subnets, or
 * reached through a connected route out of it (a default route to a port
 * with no gateway, say: its destinations answer our requests from outside
 * the port's subnets).
 */
static bool sender_on_link(const struct fwd_ctx *ctx, uint16_t port, uint32_t spa)
{
	const struct fwd_route_entry *rt;

	if (fwd_port_on_link(fwd_port_addrs(ctx, port), spa))
		return true;
	rt = fwd_route_lookup(fwd_routes_live(ctx), spa);
	return rt != NULL && rt->type == FWD_ROUTE_CONNECTED && rt->port == port;
}

/*
 * ARP about a virtual address of the ingress port (spec 8): a CARP peer's
 * announcement (sender = a VIP) is neither learned nor answered; a request
 * for a VIP is answered only by the MASTER of the responsible node, with
 * that node's MAC (fwd_vip_arp_answer). Returns false if a is not about a
 * VIP of the port.
 */
static bool vip_arp_input(struct fwd_worker *w, struct fwd_rx *rx, const struct fwd_arp_info *a)
{
	const struct fwd_port_state *ps = &w->ctx->port[rx->port];
	const struct fwd_vip_port *vp = &w->ctx->vip.port[rx->port];
	struct rte_ether_addr sender, eth_src;
	int slot;
	uint32_t len;

	if (fwd_vip_find(vp, a->spa) >= 0) {
		fwd_drop_pkt(w, rx->m, FWD_DROP_ARP_VIP_ANNOUNCE);
		return true;
	}
	slot = fwd_vip_find(vp, a->tpa);
	if (slot < 0)
		return false;
	if (a->spa != 0 && sender_on_link(w->ctx, rx->port, a->spa))
		fwd_neigh_learn_queue(w, a->spa, &a->sha, rx->port);
	if (a->op != RTE_ARP_OP_REQUEST) { /* nobody asks from a VIP: learned, consumed */
		fwd_count_event(w, FWD_EV_ARP_REPLY_CONSUMED);
		rte_pktmbuf_free(rx->m);
		return true;
	}
	if (!fwd_vip_arp_answer(&vp->ifs[slot], rx->vip->word[slot], &a->sha, &ps->filter.own,
	                        &sender, &eth_src)) {
		fwd_drop_pkt(w, rx->m, FWD_DROP_ARP_VIP_NOT_MASTER);
		return true;
	}
	len = fwd_arp_reply(rx->frame, fwd_mbuf_cap(rx->m), a, &sender);
	if (len == 0) {
		fwd_drop_pkt(w, rx->m, FWD_DROP_ARP_MALFORMED);
		return true;
	}
	((struct rte_ether_hdr *)rx->frame)->src_addr = eth_src;
	fwd_mbuf_set_len(rx->m, len);
	fwd_tx_enqueue(w, rx->port, rx->m);
	fwd_count_event(w, FWD_EV_ARP_VIP_REPLY_SENT);
	return true;
}

void fwd_arp_input(struct fwd_worker *w, struct fwd_rx *rx)
{
	const struct fwd_port_addrs *ps = fwd_port_addrs(w->ctx, rx->port);
	struct fwd_arp_info a;
	enum fwd_drop why = fwd_arp_parse(rx->frame, rx->len, &a);
	uint32_t len;

	if (why != FWD_DROP_NONE)
		return fwd_drop_pkt(w, rx->m, why);
	if (fwd_port_has_addr(ps, a.spa)) /* someone else claims our address */
		return fwd_drop_pkt(w, rx->m, FWD_DROP_ARP_BAD_SENDER);
	if (unlikely(rx->vip->n != 0) && vip_arp_input(w, rx, &a))
		return;
	if (!fwd_port_has_addr(ps, a.tpa)) {
		/* Not for us (gratuitous ARP, other hosts' traffic): only refresh a
		 * neighbour we already have, never create one. */
		uint64_t cur = fwd_neigh_lookup(&w->ctx->neigh, a.spa);

		if (cur != 0 && fwd_nb_port(cur) == rx->port)
			fwd_neigh_learn_queue(w, a.spa, &a.sha, rx->port);
		return fwd_drop_pkt(w, rx->m, FWD_DROP_ARP_NOT_FOR_US);
	}
	if (a.spa != 0 && sender_on_link(w->ctx, rx->port, a.spa))
		fwd_neigh_learn_queue(w, a.spa, &a.sha, rx->port);
	if (a.op != RTE_ARP_OP_REQUEST) { /* a reply to us: learned, consumed */
		fwd_count_event(w, FWD_EV_ARP_REPLY_CONSUMED);
		rte_pktmbuf_free(rx->m);
		return;
	}
	len = fwd_arp_reply(rx->frame, fwd_mbuf_cap(rx->m), &a, &w->ctx->port[rx->port].filter.own);
	if (len == 0)
		return fwd_drop_pkt(w, rx->m, FWD_DROP_ARP_MALFORMED);
	fwd_mbuf_set_len(rx->m, len);
	fwd_tx_enqueue(w, rx->port, rx->m);
	fwd_count_event(w, FWD_EV_ARP_REPLY_SENT);
}
