/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ICMP errors (unreachable, time exceeded, too big, ...) quote the start
 * of the packet that caused them; pf matches the error to the state of
 * that quoted packet (pf_test_state_icmp) and, under NAT, translates the
 * quote too. Here: parsing the quote (inner IPv4/IPv6 header and the
 * first 8 bytes of TCP, UDP or ICMP echo, all pf needs), and rewriting
 * an inner address or port with every checksum it touches kept right:
 * the inner IPv4 header checksum, the inner transport checksum when the
 * quote holds it (its pseudo-header and the port), and the outer ICMP
 * checksum for every quoted byte that changed.
 */
#ifndef PF_ICMPERR_H
#define PF_ICMPERR_H

#include <stdbool.h>
#include <stdint.h>

#include "pf_pkt.h"

struct pf_icmp_inner {
	unsigned l3, l4, end; /* offsets in the outer buffer; end of the quote */
	uint8_t af, proto;
	struct pf_addr src, dst;
	unsigned src_off, dst_off;
	uint16_t sport, dport; /* host order; ICMP echo: virtual ports */
	uint32_t seq;          /* TCP */
	unsigned ck_off;       /* inner transport checksum if quoted, else 0 */
	uint8_t icmp_query;    /* inner ICMP echo request (id is sport) */
};

/* Parse the quote of an ICMP error (p->icmp_error); false with the drop reason. */
bool pf_icmp_inner_parse(const struct pf_pkt *p, struct pf_icmp_inner *in, enum pf_reason *why);

/* Rewrite the quoted source (src) or destination address. */
void pf_icmp_inner_rw_addr(struct pf_pkt *p, struct pf_icmp_inner *in, bool src,
                           const struct pf_addr *na);
/* Rewrite the quoted source or destination port (TCP/UDP) or echo id (ICMP). */
void pf_icmp_inner_rw_port(struct pf_pkt *p, struct pf_icmp_inner *in, bool src, uint16_t port);

#endif /* PF_ICMPERR_H */
