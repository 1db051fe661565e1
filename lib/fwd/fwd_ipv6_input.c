/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IPv6 on a worker: header and address checks, the extension header walk,
 * then to the router (fwd_nd_input.c) or transit: source/destination
 * scope, hop limit, route (rte_lpm6), MTU, next hop (NDP), hop limit - 1,
 * MAC rewrite, queued on the egress port. Every drop under its reason;
 * time exceeded, unreachable, packet too big and parameter problem as
 * RFC 4443 and the ICMP token bucket allow.
 */

#include <string.h>

#include <rte_mbuf.h>

#include "fwd_count_priv.h"
#include "fwd_ctx_priv.h"
#include "fwd_icmp6.h"
#include "fwd_input6_priv.h"
#include "fwd_tx_priv.h"

/* Transit checks that fail: drop, with the ICMPv6 error RFC 4443 asks for. */
static void transit_refused(struct fwd_worker *w, struct fwd_rx *rx, const struct rte_ipv6_hdr *ip,
                            enum fwd_drop why)
{
	if (why == FWD_DROP_IP6_HOP_LIMIT_EXCEEDED)
		return fwd_icmp6_error_reply(w, rx, why, FWD_ICMP6_TIME_EXCEEDED,
		                             FWD_ICMP6_TIME_HOP_LIMIT, 0);
	/* A link-local source cannot be answered from beyond its scope
	 * (RFC 4443 3.1 code 2); a link-local destination is just dropped. */
	if (why == FWD_DROP_IP6_LINK_LOCAL_TRANSIT && fwd_ip6_is_link_local(ip->src_addr))
		return fwd_icmp6_error_reply(w, rx, why, FWD_ICMP6_DST_UNREACH,
		                             FWD_ICMP6_UNREACH_SCOPE, 0);
	fwd_drop_pkt(w, rx->m, why);
}

static void forward(struct fwd_worker *w, struct fwd_rx *rx, const struct fwd_route6_entry *rt)
{
	struct fwd_ctx *ctx = w->ctx;
	struct rte_ether_hdr *eth = (void *)rx->frame;
	struct rte_ipv6_hdr *ip = (void *)(eth + 1);
	uint32_t plen = fwd_ip6_end(ip);
	const struct fwd_nb6_cache_slot *nb;
	const uint8_t *nh;
	uint16_t out = rt->port;

	if (unlikely(plen > ctx->port[out].mtu))
		return fwd_icmp6_error_reply(w, rx, FWD_DROP_IP6_TOO_BIG, FWD_ICMP6_PACKET_TOO_BIG,
		                             0, ctx->port[out].mtu);
	nh = rt->type == FWD_ROUTE_GATEWAY ? rt->gateway : ip->dst_addr;
	nb = fwd_nb6_cached(w, nh, out);
	if (unlikely(nb == NULL))
		return fwd_neigh6_unresolved(w, rx, out, nh);
	if (unlikely(nb->data & FWD_NB_STALE))
		fwd_neigh6_probe(w, rx->m->pool, out, nh, &nb->eth[0]);

	ip->hop_limits--;
	memcpy(&eth->dst_addr, nb->eth, sizeof(nb->eth)); /* destination and source MAC */
	if (unlikely(rx->len > FWD_ETH_LEN + plen || rx->m->nb_segs > 1))
		fwd_mbuf_set_len(rx->m, FWD_ETH_LEN + plen); /* no Ethernet padding forwarded */
	fwd_tx_enqueue(w, out, rx->m);
	fwd_count_event(w, FWD_EV_FORWARDED6);
}

void fwd_ipv6_input(struct fwd_worker *w, struct fwd_rx *rx)
{
	const struct fwd_ip6_state *s = w->ctx->ip6;
	const struct rte_ipv6_hdr *ip = (const void *)(rx->frame + FWD_ETH_LEN);
	const struct fwd_port6 *p6;
	const struct fwd_route6_entry *rt;
	struct fwd_ip6_hdrs h;
	enum fwd_drop why;

	if (unlikely(s == NULL || !s->port[rx->port].enabled))
		return fwd_drop_pkt(w, rx->m, FWD_DROP_NOT_IPV4_ETHERTYPE);
	p6 = &s->port[rx->port];
	why = fwd_ip6_validate(ip, rx->len - FWD_ETH_LEN);
	if (likely(why == FWD_DROP_NONE))
		why = fwd_ip6_check_addrs(ip);
	if (unlikely(why != FWD_DROP_NONE))
		return fwd_drop_pkt(w, rx->m, why);
	why = fwd_ip6_walk(ip, rx->len - FWD_ETH_LEN, &h);
	if (unlikely(why != FWD_DROP_NONE)) {
		if (h.pp_code == FWD_IP6_PP_NONE)
			return fwd_drop_pkt(w, rx->m, why);
		return fwd_icmp6_error_reply(w, rx, why, FWD_ICMP6_PARAM_PROB, h.pp_code, h.pp_ptr);
	}

	/* To the router: its groups and link-local on this link, its global addresses. */
	if (fwd_ip6_is_multicast(ip->dst_addr)) {
		if (fwd_port6_group(p6, ip->dst_addr))
			return fwd_ip6_local_input(w, rx, &h);
		return fwd_drop_pkt(w, rx->m, FWD_DROP_IP6_MULTICAST);
	}
	if (memcmp(ip->dst_addr, p6->ll, 16) == 0)
		return fwd_ip6_local_input(w, rx, &h);
	rt = fwd_ip6_is_link_local(ip->dst_addr) ? NULL : fwd_route6_lookup(s, ip->dst_addr);
	if (rt != NULL && rt->type == FWD_ROUTE_LOCAL)
		return fwd_ip6_local_input(w, rx, &h);

	/* Transit. */
	if (unlikely(rx->l2flags & FWD_L2_GROUP))
		return fwd_drop_pkt(w, rx->m, FWD_DROP_L2_GROUP_TRANSIT);
	why = fwd_ip6_check_transit(ip);
	if (unlikely(why != FWD_DROP_NONE))
		return transit_refused(w, rx, ip, why);
	if (unlikely(rt == NULL))
		return fwd_icmp6_error_reply(w, rx, FWD_DROP_IP6_NO_ROUTE, FWD_ICMP6_DST_UNREACH,
		                             FWD_ICMP6_UNREACH_NO_ROUTE, 0);
	forward(w, rx, rt);
}
