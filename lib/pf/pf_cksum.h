/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internet checksums on byte buffers: the full sum (RFC 1071) and the
 * incremental update of RFC 1624 eqn. 3, HC' = ~(~HC + ~m + m'), for a
 * checksum field when 16-bit words it covers change. UDP over IPv4 keeps
 * a zero checksum (none) and never writes zero (0xffff instead), as pf.
 * Words are the big-endian 16-bit values at even offsets of the covered
 * data, so callers pass bytes, never host-order integers.
 */
#ifndef PF_CKSUM_H
#define PF_CKSUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pf_addr.h"

static inline uint16_t pf_rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline void pf_wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline uint32_t pf_rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* One's complement sum of n bytes (odd tail padded) added to acc. */
uint32_t pf_cksum_add(const uint8_t *p, size_t n, uint32_t acc);
/* Fold and complement: the checksum field value of a sum. */
uint16_t pf_cksum_fold(uint32_t sum);
/* Sum of the IPv4/IPv6 pseudo-header (addresses, protocol, length). */
uint32_t pf_cksum_pseudo(uint8_t af, const struct pf_addr *src, const struct pf_addr *dst,
                         uint8_t proto, uint32_t len);

/* The checksum at ck after one covered word changed from old to new (udp: see above). */
void pf_cksum_fix16(uint8_t *ck, uint16_t old, uint16_t new_, bool udp);
/* The same for an address (4 or 16 bytes) that changed. */
void pf_cksum_fix_addr(uint8_t *ck, const struct pf_addr *old, const struct pf_addr *new_,
                       uint8_t af, bool udp);

#endif /* PF_CKSUM_H */
