/* SPDX-License-Identifier: BSD-2-Clause */
/* ICMPv6 errors and echo reply, built in place: see fwd_icmp6.h. */

#include <string.h>

#include <rte_common.h>

#include "fwd_eth.h"
#include "fwd_icmp6.h"
#include "fwd_ip6_ext.h"
#include "fwd_pkt.h" /* FWD_L2_GROUP, FWD_ETH_LEN */

bool fwd_icmp6_error_allowed(const void *l3, uint32_t l3_len, uint8_t l2flags, uint8_t type,
                             uint8_t code)
{
	const struct rte_ipv6_hdr *ip = l3;
	bool group_ok = type == FWD_ICMP6_PACKET_TOO_BIG ||
	                (type == FWD_ICMP6_PARAM_PROB && code == FWD_ICMP6_PP_OPTION);
	struct fwd_ip6_hdrs h;

	if (l3_len < FWD_IP6_HDR_LEN)
		return false;
	if (fwd_ip6_is_unspecified(ip->src_addr) || fwd_ip6_is_multicast(ip->src_addr) ||
	    fwd_ip6_is_loopback(ip->src_addr) || fwd_ip6_is_v4mapped(ip->src_addr))
		return false;
	if (!group_ok && ((l2flags & FWD_L2_GROUP) || fwd_ip6_is_multicast(ip->dst_addr)))
		return false;
	if (fwd_ip6_walk(l3, l3_len, &h) == FWD_DROP_NONE && h.proto == FWD_IP6_NH_ICMP6) {
		const uint8_t *p = l3;

		/* Too short to tell the type: treat as an error, stay silent. */
		if (h.off >= h.end || p[h.off] < 128)
			return false;
	}
	return true;
}

uint32_t fwd_icmp6_error(void *frame, uint32_t len, uint32_t cap, uint8_t type, uint8_t code,
                         uint32_t param, const uint8_t src[16],
                         const struct rte_ether_addr *port_mac)
{
	uint8_t *f = frame;
	const struct rte_ipv6_hdr *orig = (const void *)(f + FWD_ETH_LEN);
	uint8_t *ip, *icmp;
	uint8_t orig_src[16];
	struct rte_ether_addr orig_smac;
	uint32_t quote;

	if (len < FWD_ETH_LEN + FWD_IP6_HDR_LEN || cap < FWD_ICMP6_ERROR_HDRS + FWD_IP6_HDR_LEN)
		return 0;
	if (FWD_ETH_LEN + fwd_ip6_end(orig) > len)
		return 0;
	quote = RTE_MIN(fwd_ip6_end(orig), FWD_ICMP6_ERROR_QUOTE_MAX);
	quote = RTE_MIN(quote, cap - FWD_ICMP6_ERROR_HDRS);

	memcpy(orig_src, orig->src_addr, 16);
	memcpy(&orig_smac, f + RTE_ETHER_ADDR_LEN, sizeof(orig_smac));
	/* Slide the quoted bytes behind the new IPv6 + ICMPv6 headers. */
	memmove(f + FWD_ICMP6_ERROR_HDRS, f + FWD_ETH_LEN, quote);

	ip = fwd_eth_write(f, &orig_smac, port_mac, RTE_ETHER_TYPE_IPV6);
	fwd_ip6_hdr_write(ip, (uint16_t)(FWD_ICMP6_HDR_LEN + quote), FWD_IP6_NH_ICMP6,
	                  FWD_ICMP6_HOP_LIMIT, src, orig_src);
	icmp = ip + FWD_IP6_HDR_LEN;
	icmp[0] = type;
	icmp[1] = code;
	icmp[4] = (uint8_t)(param >> 24);
	icmp[5] = (uint8_t)(param >> 16);
	icmp[6] = (uint8_t)(param >> 8);
	icmp[7] = (uint8_t)param;
	fwd_icmp6_cksum_fill(ip, FWD_IP6_HDR_LEN, FWD_ICMP6_HDR_LEN + quote);
	return FWD_ICMP6_ERROR_HDRS + quote;
}

enum fwd_drop fwd_icmp6_echo_reply(void *frame, uint32_t *len, uint32_t l4_off,
                                   const uint8_t src[16], const struct rte_ether_addr *port_mac)
{
	uint8_t *f = frame;
	uint8_t *ip = f + FWD_ETH_LEN;
	struct rte_ipv6_hdr *h = (void *)ip;
	uint8_t new_src[16], new_dst[16];
	struct rte_ether_addr smac;
	uint32_t end, mlen;

	if (*len < FWD_ETH_LEN + FWD_IP6_HDR_LEN)
		return FWD_DROP_IP6_TRUNCATED;
	end = fwd_ip6_end(ip);
	if (FWD_ETH_LEN + end > *len || l4_off < FWD_IP6_HDR_LEN || l4_off > end ||
	    end - l4_off < FWD_ICMP6_HDR_LEN)
		return FWD_DROP_ICMP6_MALFORMED;
	mlen = end - l4_off;
	if (!fwd_icmp6_cksum_ok(ip, l4_off, mlen))
		return FWD_DROP_ICMP6_BAD_CHECKSUM;
	if (ip[l4_off] != FWD_ICMP6_ECHO_REQUEST || ip[l4_off + 1] != 0)
		return FWD_DROP_ICMP6_UNSUPPORTED;
	if (src == NULL && fwd_ip6_is_multicast(h->dst_addr))
		return FWD_DROP_IP6_MULTICAST;

	memcpy(new_src, src != NULL ? src : h->dst_addr, 16);
	memcpy(new_dst, h->src_addr, 16);
	memcpy(&smac, f + RTE_ETHER_ADDR_LEN, sizeof(smac));
	if (l4_off != FWD_IP6_HDR_LEN) /* drop the request's extension headers */
		memmove(ip + FWD_IP6_HDR_LEN, ip + l4_off, mlen);
	fwd_eth_write(f, &smac, port_mac, RTE_ETHER_TYPE_IPV6);
	fwd_ip6_hdr_write(ip, (uint16_t)mlen, FWD_IP6_NH_ICMP6, FWD_ICMP6_HOP_LIMIT, new_src,
	                  new_dst);
	ip[FWD_IP6_HDR_LEN] = FWD_ICMP6_ECHO_REPLY;
	/* Not the hot path: a full recompute covers a changed source too. */
	fwd_icmp6_cksum_fill(ip, FWD_IP6_HDR_LEN, mlen);
	*len = FWD_ETH_LEN + FWD_IP6_HDR_LEN + mlen;
	return FWD_DROP_NONE;
}
