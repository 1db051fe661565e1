/* SPDX-License-Identifier: BSD-2-Clause */
/* ARP for Ethernet/IPv4: parse, and build replies and requests. */

#include <string.h>

#include <rte_arp.h>
#include <rte_byteorder.h>

#include "fwd_pkt.h"

#define ARP_LEN ((uint32_t)sizeof(struct rte_arp_hdr))

enum fwd_drop fwd_arp_parse(const void *frame, uint32_t len, struct fwd_arp_info *out)
{
	const struct rte_arp_hdr *a = (const void *)((const uint8_t *)frame + FWD_ETH_LEN);
	uint16_t op;

	if (len < FWD_ETH_LEN + ARP_LEN)
		return FWD_DROP_ARP_MALFORMED;
	op = rte_be_to_cpu_16(a->arp_opcode);
	if (a->arp_hardware != RTE_BE16(RTE_ARP_HRD_ETHER) ||
	    a->arp_protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4) || a->arp_hlen != RTE_ETHER_ADDR_LEN ||
	    a->arp_plen != 4 || (op != RTE_ARP_OP_REQUEST && op != RTE_ARP_OP_REPLY))
		return FWD_DROP_ARP_MALFORMED;
	out->op = op;
	out->sha = a->arp_data.arp_sha;
	out->tha = a->arp_data.arp_tha;
	out->spa = rte_be_to_cpu_32(a->arp_data.arp_sip);
	out->tpa = rte_be_to_cpu_32(a->arp_data.arp_tip);
	if (rte_is_multicast_ether_addr(&out->sha) || rte_is_zero_ether_addr(&out->sha))
		return FWD_DROP_ARP_BAD_SENDER;
	return FWD_DROP_NONE;
}

static uint32_t arp_fill(void *frame, uint32_t cap, const struct rte_ether_addr *eth_dst,
                         const struct rte_ether_addr *sha, uint32_t spa,
                         const struct rte_ether_addr *tha, uint32_t tpa, uint16_t op)
{
	struct rte_ether_hdr *eth = frame;
	struct rte_arp_hdr *a = (void *)(eth + 1);
	/* Copies first: sha/tha may point into the frame being rewritten. */
	struct rte_ether_addr d = *eth_dst, s = *sha, t = *tha;

	if (cap < FWD_ARP_FRAME_LEN)
		return 0;
	memset(frame, 0, FWD_ARP_FRAME_LEN);
	eth->dst_addr = d;
	eth->src_addr = s;
	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_ARP);
	a->arp_hardware = RTE_BE16(RTE_ARP_HRD_ETHER);
	a->arp_protocol = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	a->arp_hlen = RTE_ETHER_ADDR_LEN;
	a->arp_plen = 4;
	a->arp_opcode = rte_cpu_to_be_16(op);
	a->arp_data.arp_sha = s;
	a->arp_data.arp_sip = rte_cpu_to_be_32(spa);
	a->arp_data.arp_tha = t;
	a->arp_data.arp_tip = rte_cpu_to_be_32(tpa);
	return FWD_ARP_FRAME_LEN;
}

uint32_t fwd_arp_reply(void *frame, uint32_t cap, const struct fwd_arp_info *req,
                       const struct rte_ether_addr *our_mac)
{
	return arp_fill(frame, cap, &req->sha, our_mac, req->tpa, &req->sha, req->spa,
	                RTE_ARP_OP_REPLY);
}

uint32_t fwd_arp_request(void *frame, uint32_t cap, const struct rte_ether_addr *our_mac,
                         uint32_t sip, uint32_t tip)
{
	static const struct rte_ether_addr bcast = {{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
	static const struct rte_ether_addr zero;

	return arp_fill(frame, cap, &bcast, our_mac, sip, &zero, tip, RTE_ARP_OP_REQUEST);
}
