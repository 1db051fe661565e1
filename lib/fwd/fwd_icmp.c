/* SPDX-License-Identifier: BSD-2-Clause */
/* ICMP generation in place: echo reply and errors (time exceeded, unreachable). */

#include <string.h>

#include <rte_byteorder.h>
#include <rte_icmp.h>

#include "fwd_cksum.h"
#include "fwd_pkt.h"

#define IP_LEN          ((uint32_t)sizeof(struct rte_ipv4_hdr))
#define ICMP_LEN        ((uint32_t)sizeof(struct rte_icmp_hdr))
#define ICMP_QUOTE_DATA 8 /* RFC 792: original header + 64 bits of data */

static void ip_header_fill(struct rte_ipv4_hdr *ip, uint16_t total, uint32_t src, uint32_t dst)
{
	ip->version_ihl = 0x45;
	ip->type_of_service = 0xc0; /* internetwork control, as RFC 1812 4.3.2.5 permits */
	ip->total_length = rte_cpu_to_be_16(total);
	ip->packet_id = 0;
	ip->fragment_offset = 0;
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_ICMP;
	ip->src_addr = rte_cpu_to_be_32(src);
	ip->dst_addr = rte_cpu_to_be_32(dst);
	ip->hdr_checksum = 0;
	ip->hdr_checksum = fwd_cksum(ip, IP_LEN);
}

enum fwd_drop fwd_icmp_echo_reply(void *frame, uint32_t len, const struct rte_ether_addr *port_mac)
{
	struct rte_ether_hdr *eth = frame;
	struct rte_ipv4_hdr *ip = (void *)(eth + 1);
	struct rte_icmp_hdr *icmp = (void *)(ip + 1);
	uint32_t icmp_len = rte_be_to_cpu_16(ip->total_length) - IP_LEN;
	uint32_t tmp;
	uint16_t old_w, new_w;

	if (len < FWD_ETH_LEN + IP_LEN + ICMP_LEN || icmp_len < ICMP_LEN ||
	    FWD_ETH_LEN + IP_LEN + icmp_len > len)
		return FWD_DROP_ICMP_MALFORMED;
	if (icmp->icmp_type != RTE_IP_ICMP_ECHO_REQUEST || icmp->icmp_code != 0)
		return FWD_DROP_LOCAL_UNSUPPORTED;
	if (fwd_cksum_sum(icmp, icmp_len) != 0xffff)
		return FWD_DROP_ICMP_MALFORMED;

	memcpy(&old_w, icmp, 2);
	icmp->icmp_type = RTE_IP_ICMP_ECHO_REPLY;
	memcpy(&new_w, icmp, 2);
	icmp->icmp_cksum = fwd_cksum_adjust(icmp->icmp_cksum, old_w, new_w);

	tmp = ip->src_addr;
	ip->src_addr = ip->dst_addr;
	ip->dst_addr = tmp;
	ip->time_to_live = 64;
	ip->hdr_checksum = 0;
	ip->hdr_checksum = fwd_cksum(ip, IP_LEN);

	eth->dst_addr = eth->src_addr;
	eth->src_addr = *port_mac;
	return FWD_DROP_NONE;
}

bool fwd_icmp_error_allowed(const struct rte_ipv4_hdr *ip, uint8_t l2flags)
{
	uint32_t src = rte_be_to_cpu_32(ip->src_addr);
	uint32_t dst = rte_be_to_cpu_32(ip->dst_addr);
	uint32_t hlen = (ip->version_ihl & 0xf) * 4u;
	uint32_t tlen = rte_be_to_cpu_16(ip->total_length);

	if (l2flags & FWD_L2_GROUP)
		return false;
	if (rte_be_to_cpu_16(ip->fragment_offset) & RTE_IPV4_HDR_OFFSET_MASK)
		return false;
	if (fwd_ipv4_is_group(dst))
		return false;
	if (fwd_ipv4_check_addrs(src, dst) == FWD_DROP_MARTIAN_SOURCE)
		return false;
	if (ip->next_proto_id == IPPROTO_ICMP) {
		const uint8_t *type = (const uint8_t *)ip + hlen;

		/* Unknown type (too short to tell): treat as an error, stay silent. */
		if (tlen < hlen + 1)
			return false;
		switch (*type) {
		case RTE_IP_ICMP_ECHO_REQUEST:
		case RTE_IP_ICMP_ECHO_REPLY:
		case 13: /* timestamp */
		case 14: /* timestamp reply */
			return true;
		default:
			return false;
		}
	}
	return true;
}

uint32_t fwd_icmp_error(void *frame, uint32_t len, uint32_t cap, uint8_t type, uint8_t code,
                        uint16_t mtu, uint32_t src_addr, const struct rte_ether_addr *port_mac)
{
	uint8_t *f = frame;
	struct rte_ether_hdr *eth = frame;
	struct rte_ipv4_hdr *ip = (void *)(eth + 1);
	struct rte_icmp_hdr *icmp = (void *)(ip + 1);
	const struct rte_ipv4_hdr *orig = (const void *)(f + FWD_ETH_LEN);
	uint32_t orig_tlen, quote, total;
	uint32_t orig_src;
	struct rte_ether_addr orig_smac;

	if (len < FWD_ETH_LEN + IP_LEN)
		return 0;
	orig_tlen = rte_be_to_cpu_16(orig->total_length);
	if (orig_tlen < IP_LEN || FWD_ETH_LEN + orig_tlen > len)
		return 0;
	quote = IP_LEN + RTE_MIN(orig_tlen - IP_LEN, (uint32_t)ICMP_QUOTE_DATA);
	total = IP_LEN + ICMP_LEN + quote;
	if (FWD_ETH_LEN + total > cap)
		return 0;

	orig_src = rte_be_to_cpu_32(orig->src_addr);
	orig_smac = eth->src_addr;
	/* Slide the quoted bytes behind the new IP + ICMP headers. */
	memmove(f + FWD_ETH_LEN + IP_LEN + ICMP_LEN, f + FWD_ETH_LEN, quote);

	eth->dst_addr = orig_smac;
	eth->src_addr = *port_mac;
	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	ip_header_fill(ip, (uint16_t)total, src_addr, orig_src);

	icmp->icmp_type = type;
	icmp->icmp_code = code;
	icmp->icmp_cksum = 0;
	icmp->icmp_ident = 0;
	/* Type 3 code 4 carries the next-hop MTU in the low 16 bits (RFC 1191). */
	icmp->icmp_seq_nb = rte_cpu_to_be_16(mtu);
	icmp->icmp_cksum = fwd_cksum(icmp, ICMP_LEN + quote);
	return FWD_ETH_LEN + total;
}
