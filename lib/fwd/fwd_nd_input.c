/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IPv6 to the router on a worker: Neighbor Discovery (answer NS for the
 * port's addresses, DAD included; learn from NS and NA) and ICMPv6 echo.
 * Everything else addressed to the router is dropped and counted. Replies
 * reuse the received mbuf and leave by the ingress port.
 */

#include <rte_mbuf.h>

#include "fwd_count_priv.h"
#include "fwd_ctx_priv.h"
#include "fwd_icmp6.h"
#include "fwd_input6_priv.h"
#include "fwd_ndp.h"
#include "fwd_tx_priv.h"

static void reply(struct fwd_worker *w, struct fwd_rx *rx, uint32_t len, enum fwd_event ev)
{
	fwd_mbuf_set_len(rx->m, len);
	fwd_tx_enqueue(w, rx->port, rx->m);
	fwd_count_event(w, ev);
}

/* Learn only what can be a neighbour: a unicast MAC for an on-link address. */
static void learn(struct fwd_worker *w, struct fwd_rx *rx, const uint8_t addr[16],
                  const struct rte_ether_addr *mac)
{
	const struct fwd_port6 *p6 = &w->ctx->ip6->port[rx->port];

	if (!rte_is_unicast_ether_addr(mac) || rte_is_zero_ether_addr(mac) ||
	    fwd_ip6_is_unspecified(addr) || !fwd_port6_on_link(p6, addr) ||
	    fwd_port6_has_addr(p6, addr))
		return;
	fwd_neigh6_learn_queue(w, addr, rx->port, mac);
}

static void ndp_input(struct fwd_worker *w, struct fwd_rx *rx, const struct fwd_ip6_hdrs *h)
{
	const struct fwd_port6 *p6 = &w->ctx->ip6->port[rx->port];
	const struct rte_ether_addr *own = &w->ctx->port[rx->port].filter.own;
	struct fwd_ndp_msg msg;
	enum fwd_drop why = fwd_ndp_parse(rx->frame, rx->len, h->off, &msg);
	uint32_t len;

	if (why != FWD_DROP_NONE)
		return fwd_drop_pkt(w, rx->m, why);
	switch (msg.type) {
	case FWD_NDP_NS:
		if (!fwd_port6_has_addr(p6, msg.target))
			return fwd_drop_pkt(w, rx->m, FWD_DROP_NDP_NOT_FOR_US);
		/* RFC 4861 7.2.3: the sender's link-layer address, if given, is learned. */
		if (msg.has_slla)
			learn(w, rx, msg.src, &msg.slla);
		len = fwd_ndp_na_reply(rx->frame, fwd_mbuf_cap(rx->m), &msg, own,
		                       FWD_NDP_NA_ROUTER | FWD_NDP_NA_OVERRIDE);
		if (len == 0)
			return fwd_drop_pkt(w, rx->m, FWD_DROP_NDP_TRUNCATED);
		return reply(w, rx, len, FWD_EV_NDP_NA_SENT);
	case FWD_NDP_NA:
		if (!msg.has_tlla)
			return fwd_drop_pkt(w, rx->m, FWD_DROP_NDP_IGNORED);
		learn(w, rx, msg.target, &msg.tlla);
		fwd_count_event(w, FWD_EV_NDP_NA_CONSUMED);
		rte_pktmbuf_free(rx->m);
		return;
	default: /* RS, RA: the router neither answers RS nor takes RAs */
		return fwd_drop_pkt(w, rx->m, FWD_DROP_NDP_IGNORED);
	}
}

static void echo_input(struct fwd_worker *w, struct fwd_rx *rx, const struct fwd_ip6_hdrs *h)
{
	const struct fwd_port6 *p6 = &w->ctx->ip6->port[rx->port];
	const struct rte_ipv6_hdr *ip = (const void *)(rx->frame + FWD_ETH_LEN);
	const uint8_t *src = NULL;
	uint32_t len = FWD_ETH_LEN + h->end;
	enum fwd_drop why;

	if (fwd_ip6_is_unspecified(ip->src_addr))
		return fwd_drop_pkt(w, rx->m, FWD_DROP_IP6_UNSPECIFIED_SOURCE);
	if (fwd_ip6_is_multicast(ip->dst_addr))
		src = fwd_port6_src(p6, ip->src_addr); /* a group answers from a unicast address */
	why =
	    fwd_icmp6_echo_reply(rx->frame, &len, h->off, src, &w->ctx->port[rx->port].filter.own);
	if (why != FWD_DROP_NONE)
		return fwd_drop_pkt(w, rx->m, why);
	reply(w, rx, len, FWD_EV_ICMP6_ECHO_REPLY_SENT);
}

/* Destination options the final destination must refuse (RFC 8200 4.2). */
static void dst_option_refused(struct fwd_worker *w, struct fwd_rx *rx,
                               const struct fwd_ip6_hdrs *h)
{
	const struct rte_ipv6_hdr *ip = (const void *)(rx->frame + FWD_ETH_LEN);
	unsigned int act = h->dst_opt_type >> 6;

	if (act == 1 || (act == 3 && fwd_ip6_is_multicast(ip->dst_addr)))
		return fwd_drop_pkt(w, rx->m, FWD_DROP_IP6_DST_OPTION);
	fwd_icmp6_error_reply(w, rx, FWD_DROP_IP6_DST_OPTION, FWD_ICMP6_PARAM_PROB,
	                      FWD_ICMP6_PP_OPTION, h->dst_opt_ptr);
}

void fwd_ip6_local_input(struct fwd_worker *w, struct fwd_rx *rx, const struct fwd_ip6_hdrs *h)
{
	const uint8_t *icmp;

	if (h->flags & FWD_IP6_F_DST_UNKNOWN)
		return dst_option_refused(w, rx, h);
	if (h->flags & FWD_IP6_F_FRAGMENT)
		return fwd_drop_pkt(w, rx->m, FWD_DROP_IP6_LOCAL_FRAGMENT);
	if (h->proto != FWD_IP6_NH_ICMP6)
		return fwd_drop_pkt(w, rx->m, FWD_DROP_IP6_LOCAL_UNSUPPORTED);
	if (h->end - h->off < 4)
		return fwd_drop_pkt(w, rx->m, FWD_DROP_ICMP6_MALFORMED);
	icmp = rx->frame + FWD_ETH_LEN + h->off;
	if (icmp[0] >= FWD_NDP_RS && icmp[0] <= FWD_NDP_NA)
		return ndp_input(w, rx, h);
	if (icmp[0] == FWD_ICMP6_ECHO_REQUEST)
		return echo_input(w, rx, h);
	fwd_drop_pkt(w, rx->m, FWD_DROP_ICMP6_UNSUPPORTED);
}
