/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_INPUT6_PRIV_H
#define FWD_INPUT6_PRIV_H

/*
 * Between the IPv6 handlers: fwd_ipv6_input.c (validation, transit),
 * fwd_nd_input.c (to the router: NDP, echo), fwd_resolve6.c (neighbour
 * solicitation, learning, ICMPv6 errors).
 */

#include <stdint.h>

#include "fwd_input_priv.h"
#include "fwd_ip6_ext.h"
#include "fwd_ip6_priv.h"

struct rte_mempool;

/* fwd_nd_input.c: to one of the router's addresses or groups on rx->port (walked as h). */
void fwd_ip6_local_input(struct fwd_worker *w, struct fwd_rx *rx, const struct fwd_ip6_hdrs *h);

/*
 * fwd_resolve6.c: the neighbour nh on port through the lcore's cache (as
 * IPv4's fwd_nb_cached), NULL when the table has none. The cache is emptied
 * whenever the writer changed the table (neigh.gen), checked per lookup.
 */
const struct fwd_nb6_cache_slot *fwd_nb6_cached(struct fwd_worker *w, const uint8_t nh[16],
                                                uint16_t port);
/* fwd_resolve6.c: next hop nh out of port has no MAC: drop rx, its mbuf becomes an NS. */
void fwd_neigh6_unresolved(struct fwd_worker *w, struct fwd_rx *rx, uint16_t port,
                           const uint8_t nh[16]);
/* fwd_resolve6.c: a stale neighbour is still used: unicast NS to mac (new mbuf from mp). */
void fwd_neigh6_probe(struct fwd_worker *w, struct rte_mempool *mp, uint16_t port,
                      const uint8_t nh[16], const struct rte_ether_addr *mac);
/* fwd_resolve6.c: tell the writer addr is at mac on port, unless the table says so. */
void fwd_neigh6_learn_queue(struct fwd_worker *w, const uint8_t addr[16], uint16_t port,
                            const struct rte_ether_addr *mac);
/*
 * fwd_resolve6.c: rx is dropped for `why`; answer with an ICMPv6 error
 * (type, code, 32-bit parameter) if RFC 4443 2.4 (e) and the rate limit allow.
 */
void fwd_icmp6_error_reply(struct fwd_worker *w, struct fwd_rx *rx, enum fwd_drop why, uint8_t type,
                           uint8_t code, uint32_t param);

#endif
