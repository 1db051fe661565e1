/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Address, port and ICMP id translation in place on a parsed packet, with
 * incremental checksum updates (RFC 1624): the IPv4 header checksum for an
 * address, the transport checksum for its pseudo-header (TCP, UDP,
 * ICMPv6) and for the port or id itself. UDP over IPv4 without a checksum
 * keeps none. ICMP errors' quoted packets: pf_icmperr.h.
 */
#ifndef PF_REWRITE_H
#define PF_REWRITE_H

#include <stdbool.h>
#include <stdint.h>

#include "pf_pkt.h"

/* Source (src) or destination address. */
void pf_rw_addr(struct pf_pkt *p, bool src, const struct pf_addr *na);
/* TCP or UDP source (src) or destination port, host order. */
void pf_rw_port(struct pf_pkt *p, bool src, uint16_t port);
/* ICMP/ICMPv6 echo id, host order (no-op for other types). */
void pf_rw_icmp_id(struct pf_pkt *p, uint16_t id);

#endif /* PF_REWRITE_H */
