/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_CKSUM_H
#define FWD_CKSUM_H

/*
 * Internet checksum helpers (RFC 1071, RFC 1624). Pure, inline.
 * Words are taken as stored in the packet (no byte swapping): one's
 * complement sums are byte-order independent, so feeding network-order
 * words gives a network-order checksum.
 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* One's complement sum of len bytes folded to 16 bits (odd tail padded). */
static inline uint16_t fwd_cksum_sum(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint32_t sum = 0;
	uint16_t w;

	while (len >= 2) {
		memcpy(&w, p, 2);
		sum += w;
		p += 2;
		len -= 2;
	}
	if (len) {
		w = 0;
		memcpy(&w, p, 1);
		sum += w;
	}
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* Checksum field value for buf with its checksum field zeroed. */
static inline uint16_t fwd_cksum(const void *buf, size_t len)
{
	return (uint16_t)~fwd_cksum_sum(buf, len);
}

/*
 * RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), the update of checksum hc when a
 * 16-bit word changes from old_w to new_w. Unlike eqn. 2 (HC - ~m - m') it
 * never turns a valid 0x0000 result into 0xFFFF's twin the wrong way: the
 * result equals a full recompute, 0x0000 included.
 */
static inline uint16_t fwd_cksum_adjust(uint16_t hc, uint16_t old_w, uint16_t new_w)
{
	uint32_t sum = (uint16_t)~hc;

	sum += (uint16_t)~old_w;
	sum += new_w;
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

#endif
