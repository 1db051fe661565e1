/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_IP6_H
#define FWD_IP6_H

/*
 * The IPv6 header on plain buffers: address classes and scope, header
 * validation, the address checks for local and transit packets, the
 * upper-layer checksum with the RFC 8200 8.1 pseudo-header, and header
 * writing. Pure (no mbufs, no EAL), unit-tested in test_fwd_pkt6.c.
 *
 * The functions only classify; the handler decides what to do with a
 * class (answer, forward, drop and count under the returned reason).
 * Addresses are 16 bytes in network order, as on the wire.
 */

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <rte_ether.h>
#include <rte_ip.h>

#include "fwd_cksum.h"
#include "fwd_counters.h"
#include "fwd_ipv4.h" /* fwd_ntohs */

#define FWD_IP6_HDR_LEN  40u
#define FWD_IP6_MIN_MTU  1280u /* RFC 8200 5: every link carries this much */
#define FWD_IP6_ADDR_LEN 16

/* Next header values (IANA protocol numbers) the walker and builders use. */
#define FWD_IP6_NH_HBH      0
#define FWD_IP6_NH_TCP      6
#define FWD_IP6_NH_UDP      17
#define FWD_IP6_NH_ROUTING  43
#define FWD_IP6_NH_FRAGMENT 44
#define FWD_IP6_NH_ESP      50
#define FWD_IP6_NH_AH       51
#define FWD_IP6_NH_ICMP6    58
#define FWD_IP6_NH_NONE     59
#define FWD_IP6_NH_DSTOPTS  60

extern const uint8_t fwd_ip6_all_nodes[16];   /* ff02::1 */
extern const uint8_t fwd_ip6_all_routers[16]; /* ff02::2 */

/* ---- address classes (RFC 4291 2.4) ---- */

static inline bool fwd_ip6_is_unspecified(const uint8_t a[16])
{
	static const uint8_t zero[16];

	return memcmp(a, zero, 16) == 0;
}

static inline bool fwd_ip6_is_loopback(const uint8_t a[16])
{
	static const uint8_t one[16] = {[15] = 1};

	return memcmp(a, one, 16) == 0;
}

static inline bool fwd_ip6_is_multicast(const uint8_t a[16])
{
	return a[0] == 0xff;
}

static inline bool fwd_ip6_is_link_local(const uint8_t a[16]) /* fe80::/10 */
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

static inline bool fwd_ip6_is_v4mapped(const uint8_t a[16]) /* ::ffff:0:0/96 */
{
	static const uint8_t pfx[12] = {[10] = 0xff, [11] = 0xff};

	return memcmp(a, pfx, 12) == 0;
}

/* ff02::1:ff00:0/104 (RFC 4291 2.7.1) */
static inline bool fwd_ip6_is_solicited_node(const uint8_t a[16])
{
	static const uint8_t pfx[13] = {0xff, 0x02, [11] = 0x01, [12] = 0xff};

	return memcmp(a, pfx, 13) == 0;
}

/* Scope values of RFC 4007 / RFC 7346 (the multicast scope nibble). */
enum fwd_ip6_scope {
	FWD_IP6_SCOPE_NONE = 0x0, /* :: has no scope */
	FWD_IP6_SCOPE_INTERFACE = 0x1,
	FWD_IP6_SCOPE_LINK = 0x2,
	FWD_IP6_SCOPE_REALM = 0x3,
	FWD_IP6_SCOPE_ADMIN = 0x4,
	FWD_IP6_SCOPE_SITE = 0x5,
	FWD_IP6_SCOPE_ORGANIZATION = 0x8,
	FWD_IP6_SCOPE_GLOBAL = 0xe,
};

/*
 * Scope of an address: a multicast group's scope nibble as is; fe80::/10
 * and ::1 are link-local (RFC 4007 4: the loopback address counts as
 * link-local on an imaginary link); fec0::/10 site (deprecated by RFC 3879
 * but still scoped); :: none; every other unicast (ULA included, RFC 4193)
 * global. A handler compares it with its ports to keep link-scoped traffic
 * on its link.
 */
enum fwd_ip6_scope fwd_ip6_scope(const uint8_t a[16]);

/* ff02::1:ffXX:XXXX from the low 24 bits of addr (RFC 4291 2.7.1). */
void fwd_ip6_solicited_node(uint8_t out[16], const uint8_t addr[16]);

/* 33:33 + the group's low 32 bits (RFC 2464 7). */
void fwd_ip6_mcast_mac(struct rte_ether_addr *out, const uint8_t group[16]);

/*
 * fe80::/64 + modified EUI-64 of mac (RFC 4291 appendix A), the port
 * link-local. The rule is OpenBSD's (lib/carp carp_ip6_linklocal): it also
 * gives a carp interface's virtual link-local fe80::200:5eff:fe00:1XX from
 * 00:00:5e:00:01:XX. Returns false (out untouched) for a zero or group MAC.
 */
bool fwd_ip6_eui64_link_local(uint8_t out[16], const struct rte_ether_addr *mac);

/* Clears the bits of a past its first len (len >= 128: none). */
static inline void fwd_ip6_prefix_mask(uint8_t a[16], unsigned int len)
{
	if (len >= 128)
		return;
	a[len / 8] &= (uint8_t)(0xff00u >> (len % 8));
	memset(a + len / 8 + 1, 0, 15 - len / 8);
}

/* ---- the header ---- */

/* 40 + payload length: where the packet ends (beyond is Ethernet padding). */
static inline uint32_t fwd_ip6_end(const void *l3)
{
	const struct rte_ipv6_hdr *ip = l3;

	return FWD_IP6_HDR_LEN + fwd_ntohs(ip->payload_len);
}

/*
 * The IPv6 header at l3 (l3_len bytes follow in the frame): version 6 and
 * the payload length inside the frame. A frame longer than 40 + payload
 * length carries Ethernet padding: fine, every function here stops at
 * fwd_ip6_end(). A payload length of 0 passes (a jumbogram, payload 0 with
 * hop-by-hop, is refused by the extension header walker).
 */
static inline enum fwd_drop fwd_ip6_validate(const void *l3, uint32_t l3_len)
{
	const uint8_t *b = l3;

	if (l3_len < FWD_IP6_HDR_LEN)
		return FWD_DROP_IP6_TRUNCATED;
	if ((b[0] >> 4) != 6)
		return FWD_DROP_IP6_BAD_VERSION;
	if (fwd_ip6_end(l3) > l3_len)
		return FWD_DROP_IP6_TRUNCATED;
	return FWD_DROP_NONE;
}

/*
 * Addresses no packet on a port may carry, whoever it is for: a multicast
 * source, ::1 either side (RFC 4291 2.5.3), IPv4-mapped either side (RFC
 * 4291 2.5.5.2; OpenBSD's ip6_input drops them too), :: as destination.
 * :: as source passes: NDP's duplicate address detection sends from it.
 */
static inline enum fwd_drop fwd_ip6_check_addrs(const struct rte_ipv6_hdr *ip)
{
	if (fwd_ip6_is_multicast(ip->src_addr))
		return FWD_DROP_IP6_MULTICAST_SOURCE;
	if (fwd_ip6_is_loopback(ip->src_addr) || fwd_ip6_is_loopback(ip->dst_addr))
		return FWD_DROP_IP6_LOOPBACK;
	if (fwd_ip6_is_v4mapped(ip->src_addr) || fwd_ip6_is_v4mapped(ip->dst_addr))
		return FWD_DROP_IP6_V4MAPPED;
	if (fwd_ip6_is_unspecified(ip->dst_addr))
		return FWD_DROP_IP6_UNSPECIFIED_DESTINATION;
	return FWD_DROP_NONE;
}

/*
 * May this (address-checked) packet, not addressed to the router, be
 * forwarded? Not from :: (RFC 4291 2.5.2), not to a group (no multicast
 * routing), not with a link-local source or destination (RFC 4291 2.5.6:
 * routers must not forward them; with a link-local source RFC 4443 3.1
 * allows destination unreachable code 2 "beyond scope"), and hop limit
 * must exceed 1 (RFC 8200 3: else time exceeded code 0). Addresses first,
 * so a link-scoped packet never earns a time exceeded.
 */
static inline enum fwd_drop fwd_ip6_check_transit(const struct rte_ipv6_hdr *ip)
{
	if (fwd_ip6_is_unspecified(ip->src_addr))
		return FWD_DROP_IP6_UNSPECIFIED_SOURCE;
	if (fwd_ip6_is_multicast(ip->dst_addr))
		return FWD_DROP_IP6_MULTICAST;
	if (fwd_ip6_is_link_local(ip->src_addr) || fwd_ip6_is_link_local(ip->dst_addr))
		return FWD_DROP_IP6_LINK_LOCAL_TRANSIT;
	if (ip->hop_limits <= 1)
		return FWD_DROP_IP6_HOP_LIMIT_EXCEEDED;
	return FWD_DROP_NONE;
}

/*
 * One's complement sum (folded, not complemented) of the RFC 8200 8.1
 * pseudo-header -- source, destination, upper-layer length, next header --
 * and the l4_len bytes at l4. Uses the IPv6 header's destination, which is
 * the final one unless a routing header has segments left (never the case
 * for what the router checks or builds). A correct packet sums to 0xffff;
 * the checksum field to write is the complement of the sum with it zeroed.
 */
static inline uint16_t fwd_ip6_l4_sum(const void *l3, const void *l4, uint32_t l4_len, uint8_t nh)
{
	const struct rte_ipv6_hdr *ip = l3;
	uint32_t sum;

	/* Source and destination are adjacent: one 32-byte run. */
	sum = fwd_cksum_sum(ip->src_addr, 2 * FWD_IP6_ADDR_LEN);
	sum += fwd_cksum_sum(l4, l4_len);
	/* The 32-bit length and the next header byte, as network-order words. */
	sum += rte_cpu_to_be_16((uint16_t)(l4_len >> 16));
	sum += rte_cpu_to_be_16((uint16_t)l4_len);
	sum += rte_cpu_to_be_16(nh);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/*
 * Writes an IPv6 header at l3: version 6, traffic class and flow label 0,
 * the given payload length, next header and hop limit. src and dst may
 * point into the buffer being rewritten: they are copied first.
 */
static inline void fwd_ip6_hdr_write(void *l3, uint16_t plen, uint8_t nh, uint8_t hlim,
                                     const uint8_t src[16], const uint8_t dst[16])
{
	uint8_t h[FWD_IP6_HDR_LEN] = {0x60};

	h[4] = (uint8_t)(plen >> 8);
	h[5] = (uint8_t)plen;
	h[6] = nh;
	h[7] = hlim;
	memcpy(h + 8, src, 16);
	memcpy(h + 24, dst, 16);
	memcpy(l3, h, sizeof(h));
}

#endif
