/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef INET4_H
#define INET4_H

/*
 * IPv4 prefix arithmetic shared by the configuration checks (app/config,
 * no DPDK) and the fast path (lib/fwd): one definition of each. Addresses
 * are host byte order.
 */

#include <stdint.h>

/* The netmask of a prefix length 0..32 (0 for /0: never a shift by 32). */
static inline uint32_t inet4_mask(uint8_t len)
{
	return len == 0 ? 0 : UINT32_MAX << (32 - len);
}

/*
 * The broadcast address of subnet prefix/len, or 0 when it has none: /31
 * and /32 (RFC 3021), and /0, whose "broadcast" is the limited broadcast
 * 255.255.255.255 rather than a subnet's.
 */
static inline uint32_t inet4_subnet_bcast(uint32_t prefix, uint8_t len)
{
	return len >= 1 && len <= 30 ? (prefix & inet4_mask(len)) | ~inet4_mask(len) : 0;
}

#endif
