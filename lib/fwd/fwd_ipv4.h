/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_IPV4_H
#define FWD_IPV4_H

/*
 * IPv4 header validation and the TTL rewrite on plain buffers. Inline: they
 * run for every transit packet. Pure, unit-tested in test_fwd_pkt.c.
 */

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ip.h>

#include "fwd_cksum.h"
#include "fwd_counters.h"

/*
 * Network to host order for the per-packet path. DPDK's x86 swaps are asm
 * volatile, which the compiler can neither merge nor fold into a compare.
 */
static inline uint16_t fwd_ntohs(rte_be16_t v)
{
#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
	return __builtin_bswap16(v);
#else
	return v;
#endif
}

static inline uint32_t fwd_ntohl(rte_be32_t v)
{
#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
	return __builtin_bswap32(v);
#else
	return v;
#endif
}

/*
 * Full header validation of the IPv4 packet at l3 (l3_len bytes follow in
 * the frame): version, IHL, total length against the frame, header
 * checksum, then options (dropped). FWD_DROP_NONE when valid.
 * Frames longer than total length (Ethernet padding) are fine.
 */
static inline enum fwd_drop fwd_ipv4_validate(const void *l3, uint32_t l3_len)
{
	const struct rte_ipv4_hdr *ip = l3;
	uint32_t hlen, tlen;

	if (l3_len < sizeof(*ip))
		return FWD_DROP_IP_TRUNCATED;
	if ((ip->version_ihl >> 4) != 4)
		return FWD_DROP_IP_BAD_VERSION;
	hlen = (uint32_t)(ip->version_ihl & 0xf) * 4;
	if (hlen < sizeof(*ip))
		return FWD_DROP_IP_BAD_IHL;
	if (hlen > l3_len)
		return FWD_DROP_IP_TRUNCATED;
	tlen = fwd_ntohs(ip->total_length);
	if (tlen < hlen || tlen > l3_len)
		return FWD_DROP_IP_BAD_TOTAL_LENGTH;
	/* A correct header sums to 0xffff (checksum field included). */
	if ((hlen == sizeof(*ip) ? fwd_cksum_sum20(ip) : fwd_cksum_sum(ip, hlen)) != 0xffff)
		return FWD_DROP_IP_BAD_CHECKSUM;
	/* Options (record route, source route...) would need processing that
	 * this router does not do; drop rather than forward them unprocessed. */
	if (hlen != sizeof(*ip))
		return FWD_DROP_IP_OPTIONS;
	return FWD_DROP_NONE;
}

/* Martian source / destination check (host order). FWD_DROP_NONE if sane. */
static inline enum fwd_drop fwd_ipv4_check_addrs(uint32_t src, uint32_t dst)
{
	uint8_t s = src >> 24, d = dst >> 24;

	if (s == 0 || s == 127 || s >= 224) /* 0/8, loopback, multicast, 240/4, 255.255.255.255 */
		return FWD_DROP_MARTIAN_SOURCE;
	if (d == 0 || d == 127 || (d >= 240 && dst != UINT32_MAX))
		return FWD_DROP_MARTIAN_DESTINATION;
	return FWD_DROP_NONE;
}

/* A group destination (host order): multicast 224/4 or the limited broadcast. */
static inline bool fwd_ipv4_is_group(uint32_t dst)
{
	return (dst >> 28) == 0xe || dst == UINT32_MAX;
}

/* TTL - 1 with the checksum updated incrementally (RFC 1624). TTL must be > 0. */
static inline void fwd_ipv4_ttl_dec(struct rte_ipv4_hdr *ip)
{
	/* TTL is the high byte of the 16-bit word it shares with the protocol.
	 * The new word is computed, not re-read after the TTL store: a 16-bit
	 * load overlapping a fresh 8-bit store stalls store forwarding. */
	uint16_t old_w, new_w;

	memcpy(&old_w, &ip->time_to_live, 2);
	new_w = fwd_ntohs((uint16_t)(fwd_ntohs(old_w) - 0x0100)); /* its own inverse */
	ip->time_to_live--;
	ip->hdr_checksum = fwd_cksum_adjust(ip->hdr_checksum, old_w, new_w);
}

#endif
