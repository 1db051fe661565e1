/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IPv4 on a worker, after the burst's table-free checks and LPM lookup
 * (fwd_worker.c): the filter's `in` when there is one (fwd_filter_priv.h),
 * then to the router or a VIP (fwd_local_input.c), or transit: the filter's
 * `out`, TTL, MTU, next hop, MAC rewrite, queued on the egress port (as
 * fragments when larger than its MTU, fwd_frag.c).
 */

#include <string.h>

#include <rte_mbuf.h>

#include "fwd_count_priv.h"
#include "fwd_ctx_priv.h"
#include "fwd_filter_priv.h"
#include "fwd_input_priv.h"
#include "fwd_resolve_priv.h"
#include "fwd_tx_priv.h"

void fwd_ipv4_input(struct fwd_worker *w, struct fwd_rx *rx, const struct fwd_route_entry *rt)
{
	struct fwd_ctx *ctx = w->ctx;
	struct rte_ether_hdr *eth = (void *)rx->frame;
	struct rte_ipv4_hdr *ip = (void *)(eth + 1);
	const struct fwd_nb_cache_slot *nb;
	uint32_t dst, nh, tlen;
	uint16_t out;

	if (unlikely(ctx->pf != NULL) && !fwd_filter_in(w, rx, &rt))
		return;
	dst = rx->dst; /* translated back to the client under NAT */
	if (rt != NULL && rt->type == FWD_ROUTE_LOCAL)
		return fwd_local_input(w, rx, ip, &ctx->port[rx->port].filter.own);
	/* VIPs sit inside a connected subnet of their carpdev. */
	if (unlikely(rt != NULL && rt->type == FWD_ROUTE_CONNECTED &&
	             (ctx->vip.ports & (1u << rt->port)))) {
		int slot = fwd_vip_find(&ctx->vip.port[rt->port], dst);

		if (slot >= 0)
			return fwd_vip_local_input(w, rx, ip, rt->port, (unsigned int)slot);
	}
	/* Came to an ip-balancing vMAC: only the node owning the flow forwards it. */
	if (unlikely(rx->vif >= 0) &&
	    !fwd_vip_flow_master(&ctx->vip.port[rx->port].ifs[rx->vif], rx->vip->word[rx->vif],
	                         fwd_ntohl(ip->src_addr), dst))
		return fwd_drop_pkt(w, rx->m, FWD_DROP_CARP_NOT_MASTER);
	if (unlikely(rx->l2flags & FWD_L2_GROUP))
		return fwd_drop_pkt(w, rx->m, FWD_DROP_L2_GROUP_TRANSIT);
	if (unlikely(rt == NULL))
		return fwd_icmp_error_reply(w, rx, FWD_DROP_NO_ROUTE, FWD_ICMP_DEST_UNREACH,
		                            FWD_ICMP_UNREACH_NET, 0);
	if (unlikely(dst == rt->bcast))
		return fwd_drop_pkt(w, rx->m, FWD_DROP_SUBNET_BROADCAST);
	if (unlikely(ctx->pf != NULL) && !fwd_filter_out(w, rx, rt->port))
		return;
	if (unlikely(ip->time_to_live <= 1))
		return fwd_icmp_error_reply(w, rx, FWD_DROP_TTL_EXCEEDED, FWD_ICMP_TIME_EXCEEDED,
		                            FWD_ICMP_TIME_EXCEEDED_TTL, 0);

	out = rt->port;
	tlen = fwd_ntohs(ip->total_length);
	if (unlikely(tlen > ctx->port[out].mtu) &&
	    (ip->fragment_offset & RTE_BE16(RTE_IPV4_HDR_DF_FLAG)))
		return fwd_icmp_error_reply(w, rx, FWD_DROP_MTU_EXCEEDED, FWD_ICMP_DEST_UNREACH,
		                            FWD_ICMP_UNREACH_NEEDFRAG, ctx->port[out].mtu);
	nh = rt->type == FWD_ROUTE_GATEWAY ? rt->gateway : dst;
	nb = fwd_nb_cached(w, nh);
	if (unlikely(nb == NULL || fwd_nb_port(nb->data) != out))
		return fwd_neigh_unresolved(w, rx, out, nh);
	if (unlikely(nb->data & FWD_NB_STALE))
		fwd_neigh_probe(w, rx->m->pool, out, nh);

	fwd_ipv4_ttl_dec(ip);
	memcpy(&eth->dst_addr, nb->eth, sizeof(nb->eth)); /* destination and source MAC */
	if (unlikely(tlen > ctx->port[out].mtu))          /* DF clear: RFC 791 fragments */
		return fwd_ipv4_fragment(w, rx->m, out, ctx->port[out].mtu);
	if (unlikely(rx->len > FWD_ETH_LEN + tlen || rx->m->nb_segs > 1))
		fwd_mbuf_set_len(rx->m, FWD_ETH_LEN + tlen); /* no Ethernet padding forwarded */
	fwd_tx_enqueue(w, out, rx->m);
	w->burst_forwarded++; /* counted once per burst (rx_chunk) */
}
