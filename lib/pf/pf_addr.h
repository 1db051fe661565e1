/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Family-neutral addresses for lib/pf: 16 bytes in network order with the
 * IPv4 address in the first 4 bytes and the rest zero (OpenBSD's pf_addr
 * layout, so pfsync copies them as they are), plus the OpenBSD address
 * family numbers (AF_INET 2, AF_INET6 24) that pfsync carries on the wire.
 *
 * Pure C: no allocation, no sockets; the text parsers are our own so they
 * are strict and identical on every libc.
 */
#ifndef PF_ADDR_H
#define PF_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PF_AF_UNSPEC 0
#define PF_AF_INET   2  /* OpenBSD AF_INET */
#define PF_AF_INET6  24 /* OpenBSD AF_INET6 (Linux uses 10) */

#define PF_ADDR_STRLEN 46 /* INET6_ADDRSTRLEN */

struct pf_addr {
	uint8_t b[16];
};

/* Address length in bytes and bits for a family (0 for anything else). */
unsigned pf_af_bytes(uint8_t af);
unsigned pf_af_bits(uint8_t af);

bool pf_addr_eq(const struct pf_addr *a, const struct pf_addr *b, uint8_t af);
/* memcmp order over the family's bytes: <0, 0, >0. */
int pf_addr_cmp(const struct pf_addr *a, const struct pf_addr *b, uint8_t af);
/* true when a and net agree on the first plen bits. */
bool pf_addr_in_prefix(const struct pf_addr *a, const struct pf_addr *net, unsigned plen);
/* Clear every bit after plen (in place). */
void pf_addr_mask(struct pf_addr *a, unsigned plen);
/* Bit i (0 = most significant bit of byte 0). */
unsigned pf_addr_bit(const struct pf_addr *a, unsigned i);
void pf_addr_set_bit(struct pf_addr *a, unsigned i, unsigned v);

/*
 * Parse a literal: dotted quad or RFC 4291 text. Returns the family or 0.
 * pf_addr_parse4 also takes the classful shorthand pf accepts before a
 * prefix length ("10" -> 10.0.0.0, "192.168" -> 192.168.0.0) when short_ok.
 */
uint8_t pf_addr_parse(const char *s, struct pf_addr *out);
bool pf_addr_parse4(const char *s, struct pf_addr *out, bool short_ok);
bool pf_addr_parse6(const char *s, struct pf_addr *out);

/* Format into buf (PF_ADDR_STRLEN bytes): dotted quad or RFC 5952 text. */
char *pf_addr_format(const struct pf_addr *a, uint8_t af, char *buf, size_t len);

/* Helpers for tests and the glue: host-order IPv4 in and out. */
void pf_addr_from_v4(struct pf_addr *a, uint32_t host_order);
uint32_t pf_addr_to_v4(const struct pf_addr *a);

#endif /* PF_ADDR_H */
