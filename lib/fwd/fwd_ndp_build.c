/* SPDX-License-Identifier: BSD-2-Clause */
/* NDP builders (RFC 4861): NS, NA, unsolicited NA, RA. See fwd_ndp.h. */

#include <string.h>

#include "fwd_eth.h"
#include "fwd_icmp6.h"
#include "fwd_ip6.h"
#include "fwd_ndp.h"
#include "fwd_ndp_wire.h"

#define L3_OFF  ((uint32_t)RTE_ETHER_HDR_LEN)
#define MSG_OFF (L3_OFF + FWD_IP6_HDR_LEN)

static void wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void wr32(uint8_t *p, uint32_t v)
{
	wr16(p, (uint16_t)(v >> 16));
	wr16(p + 2, (uint16_t)v);
}

/*
 * Ethernet + IPv6 (hop limit 255, next header 58) for an mlen-byte NDP
 * message of type; returns the zeroed message. The caller has copied out
 * whatever of its inputs lived in frame.
 */
static uint8_t *ndp_start(void *frame, const struct rte_ether_addr *dst_mac,
                          const struct rte_ether_addr *src_mac, const uint8_t src[16],
                          const uint8_t dst[16], uint32_t mlen, uint8_t type)
{
	uint8_t *ip = fwd_eth_write(frame, dst_mac, src_mac, RTE_ETHER_TYPE_IPV6);
	uint8_t *m = ip + FWD_IP6_HDR_LEN;

	fwd_ip6_hdr_write(ip, (uint16_t)mlen, FWD_IP6_NH_ICMP6, FWD_NDP_HOP_LIMIT, src, dst);
	memset(m, 0, mlen);
	m[0] = type;
	return m;
}

static uint32_t ndp_finish(void *frame, uint32_t mlen)
{
	fwd_icmp6_cksum_fill((uint8_t *)frame + L3_OFF, FWD_IP6_HDR_LEN, mlen);
	return MSG_OFF + mlen;
}

static void lla_option(uint8_t *o, uint8_t type, const struct rte_ether_addr *mac)
{
	o[0] = type;
	o[1] = FWD_NDP_OPT_LLA_LEN / 8;
	memcpy(o + 2, mac, RTE_ETHER_ADDR_LEN);
}

uint32_t fwd_ndp_ns(void *frame, uint32_t cap, const struct rte_ether_addr *src_mac,
                    const uint8_t src_ip[16], const uint8_t target[16],
                    const struct rte_ether_addr *dst_mac)
{
	bool dad = fwd_ip6_is_unspecified(src_ip);
	uint32_t mlen = FWD_NDP_ICMP_HDR + FWD_NDP_NS_FIXED + (dad ? 0 : FWD_NDP_OPT_LLA_LEN);
	struct rte_ether_addr smac = *src_mac, dmac;
	uint8_t src[16], tgt[16], dst[16];
	uint8_t *m;

	if (cap < MSG_OFF + mlen || fwd_ip6_is_multicast(target) || (dad && dst_mac != NULL))
		return 0;
	memcpy(src, src_ip, 16);
	memcpy(tgt, target, 16);
	if (dst_mac == NULL) { /* resolution: the target's solicited-node group */
		fwd_ip6_solicited_node(dst, tgt);
		fwd_ip6_mcast_mac(&dmac, dst);
	} else { /* unicast probe of a known neighbour */
		memcpy(dst, tgt, 16);
		dmac = *dst_mac;
	}
	m = ndp_start(frame, &dmac, &smac, src, dst, mlen, FWD_NDP_NS);
	memcpy(m + 8, tgt, 16);
	if (!dad)
		lla_option(m + FWD_NDP_ICMP_HDR + FWD_NDP_NS_FIXED, FWD_NDP_OPT_SLLA, &smac);
	return ndp_finish(frame, mlen);
}

uint32_t fwd_ndp_na(void *frame, uint32_t cap, const struct rte_ether_addr *src_mac,
                    const uint8_t src_ip[16], const struct rte_ether_addr *dst_mac,
                    const uint8_t dst_ip[16], const uint8_t target[16], uint8_t flags)
{
	const uint32_t mlen = FWD_NDP_ICMP_HDR + FWD_NDP_NS_FIXED + FWD_NDP_OPT_LLA_LEN;
	struct rte_ether_addr smac = *src_mac, dmac;
	uint8_t src[16], dst[16], tgt[16];
	bool group = fwd_ip6_is_multicast(dst_ip);
	uint8_t *m;

	if (cap < MSG_OFF + mlen || fwd_ip6_is_multicast(target) || (dst_mac == NULL && !group) ||
	    (group && (flags & FWD_NDP_NA_SOLICITED)))
		return 0;
	memcpy(src, src_ip, 16);
	memcpy(dst, dst_ip, 16);
	memcpy(tgt, target, 16);
	if (dst_mac != NULL)
		dmac = *dst_mac;
	else
		fwd_ip6_mcast_mac(&dmac, dst);
	m = ndp_start(frame, &dmac, &smac, src, dst, mlen, FWD_NDP_NA);
	m[4] = flags & (FWD_NDP_NA_ROUTER | FWD_NDP_NA_SOLICITED | FWD_NDP_NA_OVERRIDE);
	memcpy(m + 8, tgt, 16);
	lla_option(m + FWD_NDP_ICMP_HDR + FWD_NDP_NS_FIXED, FWD_NDP_OPT_TLLA, &smac);
	return ndp_finish(frame, mlen);
}

uint32_t fwd_ndp_na_reply(void *frame, uint32_t cap, const struct fwd_ndp_msg *ns,
                          const struct rte_ether_addr *our_mac, uint8_t flags)
{
	if (ns->type != FWD_NDP_NS)
		return 0;
	if (fwd_ip6_is_unspecified(ns->src)) /* DAD: tell everyone (7.2.4) */
		return fwd_ndp_na(frame, cap, our_mac, ns->target, NULL, fwd_ip6_all_nodes,
		                  ns->target, flags & ~FWD_NDP_NA_SOLICITED);
	return fwd_ndp_na(frame, cap, our_mac, ns->target, ns->has_slla ? &ns->slla : &ns->eth_src,
	                  ns->src, ns->target, flags | FWD_NDP_NA_SOLICITED);
}

uint32_t fwd_ndp_na_unsolicited(void *frame, uint32_t cap, const struct rte_ether_addr *mac,
                                const uint8_t src_ip[16], const uint8_t target[16])
{
	return fwd_ndp_na(frame, cap, mac, src_ip, NULL, fwd_ip6_all_nodes, target,
	                  FWD_NDP_NA_OVERRIDE | FWD_NDP_NA_ROUTER);
}

static void prefix_option(uint8_t *o, const struct fwd_ndp_prefix *p)
{
	o[0] = FWD_NDP_OPT_PREFIX;
	o[1] = FWD_NDP_OPT_PREFIX_LEN / 8;
	o[2] = p->len;
	o[3] = p->flags;
	wr32(o + 4, p->valid_s);
	wr32(o + 8, p->preferred_s);
	/* o[12..15] reserved */
	memcpy(o + 16, p->prefix, 16);
	fwd_ip6_prefix_mask(o + 16, p->len); /* 4.6.2: the sender zeroes them */
}

uint32_t fwd_ndp_ra(void *frame, uint32_t cap, const struct rte_ether_addr *src_mac,
                    const uint8_t src_ll[16], const uint8_t *dst_ip,
                    const struct rte_ether_addr *dst_mac, const struct fwd_ndp_ra *ra)
{
	struct rte_ether_addr smac = *src_mac, dmac;
	uint8_t src[16], dst[16];
	uint32_t mlen, i;
	uint8_t *m, *o;

	if (ra->n_prefixes > FWD_NDP_MAX_PREFIXES || !fwd_ip6_is_link_local(src_ll))
		return 0;
	for (i = 0; i < ra->n_prefixes; i++)
		if (ra->prefix[i].len > 128)
			return 0;
	memcpy(dst, dst_ip != NULL ? dst_ip : fwd_ip6_all_nodes, 16);
	if (dst_mac == NULL && !fwd_ip6_is_multicast(dst))
		return 0;
	mlen = FWD_NDP_ICMP_HDR + FWD_NDP_RA_FIXED + FWD_NDP_OPT_LLA_LEN +
	       (ra->mtu ? FWD_NDP_OPT_MTU_LEN : 0) + ra->n_prefixes * FWD_NDP_OPT_PREFIX_LEN;
	if (cap < MSG_OFF + mlen)
		return 0;
	memcpy(src, src_ll, 16);
	if (dst_mac != NULL)
		dmac = *dst_mac;
	else
		fwd_ip6_mcast_mac(&dmac, dst);

	m = ndp_start(frame, &dmac, &smac, src, dst, mlen, FWD_NDP_RA);
	m[4] = ra->cur_hop_limit;
	m[5] = ra->flags;
	wr16(m + 6, ra->lifetime_s);
	wr32(m + 8, ra->reachable_ms);
	wr32(m + 12, ra->retrans_ms);
	o = m + FWD_NDP_ICMP_HDR + FWD_NDP_RA_FIXED;
	lla_option(o, FWD_NDP_OPT_SLLA, &smac);
	o += FWD_NDP_OPT_LLA_LEN;
	if (ra->mtu) {
		o[0] = FWD_NDP_OPT_MTU;
		o[1] = FWD_NDP_OPT_MTU_LEN / 8;
		wr32(o + 4, ra->mtu);
		o += FWD_NDP_OPT_MTU_LEN;
	}
	for (i = 0; i < ra->n_prefixes; i++, o += FWD_NDP_OPT_PREFIX_LEN)
		prefix_option(o, &ra->prefix[i]);
	return ndp_finish(frame, mlen);
}
