/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_FRAG_H
#define FWD_FRAG_H

/*
 * IPv4 fragmentation for the egress MTU (RFC 791 3.2, RFC 1812 5.2.6) on
 * plain buffers, unit-tested in test_fwd_pkt.c. A transit packet reaches it
 * with DF clear and an option-less header (fwd_ipv4_validate drops options,
 * so no option has to be sorted into copied and first-fragment-only): each
 * fragment carries the same 20-byte header with its own total length,
 * offset, MF flag and checksum, and a multiple of 8 payload bytes except
 * the last. A packet that is itself a fragment keeps its offset base and,
 * if it had MF, MF on its last piece.
 */

#include <stdint.h>

#define FWD_FRAG_HLEN 20u /* IPv4 header without options */

/* Payload bytes in every fragment but the last, for an egress MTU (>= 68). */
static inline uint32_t fwd_frag_step(uint32_t mtu)
{
	return (mtu - FWD_FRAG_HLEN) & ~7u;
}

/*
 * Fragments an IPv4 packet of total length tlen, whose own fragment offset
 * is offset8 (8-byte units), becomes for mtu; 0 when its end lies past
 * 65535 bytes of the datagram (no offset field could say where its pieces go).
 */
static inline uint32_t fwd_frag_count(uint32_t tlen, uint32_t offset8, uint32_t mtu)
{
	uint32_t step = fwd_frag_step(mtu);

	if (offset8 * 8 + tlen > 65535)
		return 0;
	return (tlen - FWD_FRAG_HLEN + step - 1) / step;
}

/*
 * Writes into dst (cap bytes) the Ethernet frame of fragment i of the frame
 * `frame` (Ethernet header, then the IPv4 packet, its total length valid):
 * returns its length, 0 if i is past the last fragment (or fwd_frag_count
 * is 0) or cap too small.
 */
uint32_t fwd_frag_write(uint8_t *dst, uint32_t cap, const uint8_t *frame, uint32_t mtu, uint32_t i);

#endif
