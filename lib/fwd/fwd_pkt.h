/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_PKT_H
#define FWD_PKT_H

/*
 * Pure packet functions on byte buffers: classification, IPv4 validation and
 * rewrite, ICMP and ARP generation. No mbufs, no EAL, no globals: each one is
 * unit-tested on crafted frames (tests/unit/fwd/test_fwd_pkt.c).
 *
 * `frame` always points at the Ethernet header of a frame of `len` bytes;
 * builders that may grow a frame get its capacity `cap` (>= len). IPv4
 * addresses are host byte order unless a struct field says otherwise.
 */

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <rte_ether.h>
#include <rte_ip.h>

#include "fwd_counters.h"
#include "fwd_ipv4.h"

/* CARP on the wire (carp-spec.md 1.1). */
#define FWD_IPPROTO_CARP 112
#define FWD_CARP_TTL     255
#define FWD_CARP_GROUP   0xe0000012u /* 224.0.0.18, host order */

/* ---- Ethernet ---- */

#define FWD_ETH_LEN ((uint32_t)sizeof(struct rte_ether_hdr)) /* untagged header */

enum fwd_class {
	FWD_CLASS_DROP = 0, /* *why says which reason */
	FWD_CLASS_ARP,
	FWD_CLASS_IPV4,
	FWD_CLASS_CARP, /* IPv4 protocol 112, not yet validated */
	FWD_CLASS_IPV6, /* fwd_ipv6_input decides (ports without IPv6 drop it) */
	FWD_CLASS_PFSYNC, /* IPv4 protocol 240 with pfsync on (fwd_pfsync_priv.h) */
	FWD_CLASS_MAX
};

/* Which destination MACs a port accepts. */
struct fwd_mac_filter {
	struct rte_ether_addr own;
	uint8_t n_extra;
	struct rte_ether_addr extra[8];
	bool ip6_groups; /* IPv6 on: accept 33:33:xx:xx:xx:xx (groups checked by IPv6) */
};

#define FWD_L2_GROUP 0x1 /* dst MAC was broadcast or multicast */

/*
 * Accepts the frame for the port's own MAC, broadcast, or a MAC in
 * f->extra (a port in promiscuous mode, af_packet or tap sees frames for
 * other hosts too); then sorts it by ethertype (and IPv4 protocol 112).
 * *l2flags gets FWD_L2_GROUP for broadcast/multicast destinations.
 */
/*
 * MAC equality with memcmp: rte_is_same_ether_addr() reads the bytes through
 * uint16_t pointers, which breaks strict aliasing once inlined next to
 * stores of struct rte_ether_addr (seen with gcc -O2).
 */
static inline bool fwd_mac_eq(const struct rte_ether_addr *a, const struct rte_ether_addr *b)
{
	return memcmp(a, b, RTE_ETHER_ADDR_LEN) == 0;
}

static inline bool fwd_mac_accepted(const struct rte_ether_addr *dst,
                                    const struct fwd_mac_filter *f)
{
	static const struct rte_ether_addr bcast = {{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};

	if (fwd_mac_eq(dst, &f->own) || fwd_mac_eq(dst, &bcast))
		return true;
	for (unsigned int i = 0; i < f->n_extra && i < RTE_DIM(f->extra); i++)
		if (fwd_mac_eq(dst, &f->extra[i]))
			return true;
	return f->ip6_groups && dst->addr_bytes[0] == 0x33 && dst->addr_bytes[1] == 0x33;
}

/*
 * The ethertype half of fwd_classify, for a frame (len >= 14) whose
 * destination MAC was accepted elsewhere (CARP virtual MACs, fwd_vip_priv.h).
 */
static inline enum fwd_class fwd_classify_ethertype(const void *frame, uint32_t len,
                                                    enum fwd_drop *why)
{
	const struct rte_ether_hdr *eth = frame;

	switch (eth->ether_type) {
	case RTE_BE16(RTE_ETHER_TYPE_ARP):
		return FWD_CLASS_ARP;
	case RTE_BE16(RTE_ETHER_TYPE_IPV4): {
		const struct rte_ipv4_hdr *ip = (const void *)(eth + 1);

		/* Only a peek: the handler validates the header first. */
		if (len >= sizeof(*eth) + sizeof(*ip) && ip->next_proto_id == FWD_IPPROTO_CARP)
			return FWD_CLASS_CARP;
		return FWD_CLASS_IPV4;
	}
	case RTE_BE16(RTE_ETHER_TYPE_IPV6):
		return FWD_CLASS_IPV6;
	default:
		*why = FWD_DROP_NOT_IPV4_ETHERTYPE;
		return FWD_CLASS_DROP;
	}
}

/*
 * A frame fwd_classify called FWD_CLASS_CARP (IPv4 protocol 112): is it an
 * advert OpenBSD's carp input would take (FWD_CLASS_CARP: punt it), ordinary
 * IPv4 (FWD_CLASS_IPV4), or a drop (*why)?
 *   - ingress port without carp interfaces: ordinary IPv4;
 *   - unusable IPv4 header: carp_hdrops (on a non-carp port the IPv4 path
 *     counts it under its own reason);
 *   - to 224.0.0.18: a fragment is carp_hdrops, TTL other than 255
 *     carp_badttl, else an advert;
 *   - any other destination: ordinary IPv4. Transit (VRRP or CARP between
 *     other hosts, TTL-64 protocol 112) is forwarded; to the router's own
 *     addresses (carppeer unicast) fwd_local_input punts TTL 255.
 */
static inline enum fwd_class fwd_carp_classify(const void *frame, uint32_t len, bool carp_port,
                                               enum fwd_drop *why)
{
	const struct rte_ipv4_hdr *ip = (const void *)((const uint8_t *)frame + RTE_ETHER_HDR_LEN);

	if (!carp_port)
		return FWD_CLASS_IPV4;
	if (fwd_ipv4_validate(ip, len - RTE_ETHER_HDR_LEN) != FWD_DROP_NONE) {
		*why = FWD_DROP_CARP_HDROPS;
		return FWD_CLASS_DROP;
	}
	if (fwd_ntohl(ip->dst_addr) != FWD_CARP_GROUP)
		return FWD_CLASS_IPV4;
	if (fwd_ntohs(ip->fragment_offset) & (RTE_IPV4_HDR_MF_FLAG | RTE_IPV4_HDR_OFFSET_MASK)) {
		*why = FWD_DROP_CARP_HDROPS;
		return FWD_CLASS_DROP;
	}
	if (ip->time_to_live != FWD_CARP_TTL) {
		*why = FWD_DROP_CARP_BADTTL;
		return FWD_CLASS_DROP;
	}
	return FWD_CLASS_CARP;
}

static inline enum fwd_class fwd_classify(const void *frame, uint32_t len,
                                          const struct fwd_mac_filter *f, uint8_t *l2flags,
                                          enum fwd_drop *why)
{
	const struct rte_ether_hdr *eth = frame;

	*l2flags = 0;
	if (len < sizeof(*eth)) {
		*why = FWD_DROP_RUNT;
		return FWD_CLASS_DROP;
	}
	if (!fwd_mac_accepted(&eth->dst_addr, f)) {
		*why = FWD_DROP_DST_MAC_NOT_OURS;
		return FWD_CLASS_DROP;
	}
	if (rte_is_multicast_ether_addr(&eth->dst_addr)) /* broadcast included */
		*l2flags |= FWD_L2_GROUP;
	return fwd_classify_ethertype(frame, len, why);
}

/* ---- ICMP ---- */

/* Types and codes used here (RFC 792); DPDK 22.11 defines only echo. */
#define FWD_ICMP_DEST_UNREACH      3
#define FWD_ICMP_UNREACH_NET       0
#define FWD_ICMP_UNREACH_NEEDFRAG  4
#define FWD_ICMP_TIME_EXCEEDED     11
#define FWD_ICMP_TIME_EXCEEDED_TTL 0

/*
 * Turns the ICMP echo request in frame into the echo reply in place: Ethernet
 * dst = old src, src = port_mac; IP src/dst swapped, TTL 64, new header
 * checksum; ICMP type 0 with an incrementally updated checksum.
 * IPv4 header must be validated (no options). Returns FWD_DROP_NONE, or
 * ICMP_MALFORMED (truncated, bad ICMP checksum), or LOCAL_UNSUPPORTED (not an
 * echo request).
 */
enum fwd_drop fwd_icmp_echo_reply(void *frame, uint32_t len, const struct rte_ether_addr *port_mac);

/*
 * Replaces the (validated, option-less) IPv4 packet in frame by an ICMP
 * error about it (RFC 792 / RFC 1812 4.3.2.3): quoted original IP header +
 * the first 8 bytes of its payload (fewer if the packet is shorter),
 * IP src = src_addr, dst = the original source, TTL 64, DF clear;
 * Ethernet dst = original Ethernet src, src = port_mac (the error goes back
 * to the previous hop). mtu is the "next-hop MTU" of type 3 code 4, else 0.
 * The original must have its TTL as received. Returns the new frame length,
 * or 0 if cap is too small (needs 14 + 20 + 8 + 28 = 70 bytes).
 */
uint32_t fwd_icmp_error(void *frame, uint32_t len, uint32_t cap, uint8_t type, uint8_t code,
                        uint16_t mtu, uint32_t src_addr, const struct rte_ether_addr *port_mac);

#define FWD_ICMP_ERROR_LEN 70

/*
 * RFC 1812 4.3.2.7: may an ICMP error be sent about this (validated)
 * packet? Not about an ICMP error, a non-first fragment, a link-layer
 * broadcast/multicast (l2flags & FWD_L2_GROUP), an IP multicast/broadcast
 * destination, or a martian source.
 */
bool fwd_icmp_error_allowed(const struct rte_ipv4_hdr *ip, uint8_t l2flags);

/* ---- ARP (Ethernet / IPv4 only) ---- */

struct fwd_arp_info {
	uint16_t op; /* RTE_ARP_OP_REQUEST or RTE_ARP_OP_REPLY (host order) */
	struct rte_ether_addr sha;
	struct rte_ether_addr tha;
	uint32_t spa; /* host order */
	uint32_t tpa;
};

/* Parses the ARP frame: ARP_MALFORMED, ARP_BAD_SENDER or FWD_DROP_NONE. */
enum fwd_drop fwd_arp_parse(const void *frame, uint32_t len, struct fwd_arp_info *out);

#define FWD_ARP_FRAME_LEN 60 /* 14 + 28, padded to the Ethernet minimum */

/*
 * Writes the reply to request req into frame (cap >= 60): we (our_mac,
 * req->tpa) answer req->sha/spa, unicast. Returns 60, or 0 if cap is short.
 */
uint32_t fwd_arp_reply(void *frame, uint32_t cap, const struct fwd_arp_info *req,
                       const struct rte_ether_addr *our_mac);

/*
 * Writes a broadcast ARP request "who has tip, tell sip" from our_mac into
 * frame (cap >= 60). Returns 60, or 0 if cap is short.
 */
uint32_t fwd_arp_request(void *frame, uint32_t cap, const struct rte_ether_addr *our_mac,
                         uint32_t sip, uint32_t tip);

#endif
