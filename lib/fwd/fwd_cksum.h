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

/*
 * One's complement sum of len bytes folded to 16 bits (odd tail padded).
 * Adds 32-bit words into a 64-bit accumulator and folds at the end: the
 * same result as adding 16-bit words (RFC 1071 section 2(B)), fewer steps.
 */
static inline uint16_t fwd_cksum_sum(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint64_t sum = 0;
	uint32_t w32;
	uint16_t w16;

	while (len >= 4) {
		memcpy(&w32, p, 4);
		sum += w32;
		p += 4;
		len -= 4;
	}
	if (len >= 2) {
		memcpy(&w16, p, 2);
		sum += w16;
		p += 2;
		len -= 2;
	}
	if (len) {
		w16 = 0;
		memcpy(&w16, p, 1);
		sum += w16;
	}
	sum = (sum & 0xffffffff) + (sum >> 32);
	sum = (sum & 0xffffffff) + (sum >> 32);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* fwd_cksum_sum of an option-less IPv4 header: five loads, no loop. */
static inline uint16_t fwd_cksum_sum20(const void *buf)
{
	uint32_t w[5];
	uint64_t sum;

	memcpy(w, buf, sizeof(w));
	sum = (uint64_t)w[0] + w[1] + w[2] + w[3] + w[4];
	sum = (sum & 0xffffffff) + (sum >> 32); /* < 2^33 before, < 2^32 + 8 after */
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
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
