/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_RESOLVE_PRIV_H
#define FWD_RESOLVE_PRIV_H

/*
 * Neighbour resolution on a worker (fwd_resolve.c): the per-lcore
 * neighbour cache, rate-limited ARP requests for unresolved and stale next
 * hops, and learn messages to the neighbour writer.
 */

#include <stdint.h>

#include <rte_branch_prediction.h>
#include <rte_ether.h>

#include "fwd_ctx_priv.h"
#include "fwd_input_priv.h"
#include "fwd_worker_priv.h"

struct rte_mempool;

/*
 * Neighbour of next hop nh through the lcore's cache, NULL when the table has
 * none. The cache is emptied at the start of a burst when the writer changed
 * the table (fwd_worker_rx), so an entry is at most one burst older than the
 * hash. A slot also holds the Ethernet addresses for the port the neighbour
 * is on (ports are fixed after launch).
 */
static inline const struct fwd_nb_cache_slot *fwd_nb_cached(struct fwd_worker *w, uint32_t nh)
{
	struct fwd_nb_cache_slot *c = &w->nb_cache[(nh * 2654435761u) >> (32 - FWD_NB_CACHE_BITS)];
	uint64_t v;

	if (likely(c->ip == nh))
		return c;
	v = fwd_neigh_lookup(&w->ctx->neigh, nh);
	if (v == 0)
		return NULL;
	c->ip = nh;
	c->data = v;
	fwd_nb_mac(v, &c->eth[0]);
	c->eth[1] = w->ctx->port[fwd_nb_port(v)].filter.own;
	return c;
}

/* The next hop nh out of port has no MAC: drop rx, reuse its mbuf for an ARP request. */
void fwd_neigh_unresolved(struct fwd_worker *w, struct fwd_rx *rx, uint16_t port, uint32_t nh);
/* A stale neighbour is still used; ask again (new mbuf from mp) so its reply confirms it. */
void fwd_neigh_probe(struct fwd_worker *w, struct rte_mempool *mp, uint16_t port, uint32_t nh);
/* Tells the neighbour writer what we saw (ip at mac on port), unless the table already says so. */
void fwd_neigh_learn_queue(struct fwd_worker *w, uint32_t ip, const struct rte_ether_addr *mac,
                           uint16_t port);

#endif
