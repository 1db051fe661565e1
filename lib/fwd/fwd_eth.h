/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_ETH_H
#define FWD_ETH_H

/*
 * Ethernet header writing shared by the packet builders (IPv6 so far; the
 * IPv4 builders in fwd_icmp.c and fwd_arp.c still write theirs inline).
 */

#include <stdint.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ether.h>

/*
 * Writes dst, src and ether_type (host order) at frame and returns the
 * byte after the header. dst and src may point into the frame being
 * rewritten (an answer to the frame's own source): they are copied first.
 */
static inline void *fwd_eth_write(void *frame, const struct rte_ether_addr *dst,
                                  const struct rte_ether_addr *src, uint16_t ether_type)
{
	uint8_t *f = frame;
	uint8_t hdr[RTE_ETHER_HDR_LEN];

	memcpy(hdr, dst, RTE_ETHER_ADDR_LEN);
	memcpy(hdr + RTE_ETHER_ADDR_LEN, src, RTE_ETHER_ADDR_LEN);
	hdr[12] = (uint8_t)(ether_type >> 8);
	hdr[13] = (uint8_t)ether_type;
	memcpy(f, hdr, sizeof(hdr));
	return f + RTE_ETHER_HDR_LEN;
}

#endif
