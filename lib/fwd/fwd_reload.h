/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_RELOAD_H
#define FWD_RELOAD_H

/*
 * Live reconfiguration of lib/fwd's tables while the workers run (the
 * app's reload, app/rtr_reload.c). Main thread only, never concurrently
 * with itself.
 *
 * Routes and interface addresses: a new table is built beside the live
 * one, from the ports' addresses (each with its local /32 and connected
 * route, as fwd_iface_add makes them) and the static routes given, then
 * swapped in with one atomic pointer store: workers see the new addresses
 * and the routes they imply together. Workers load the pointer once per rx chunk and never take a
 * lock; the replaced table is freed after every worker has reported a quiescent state on the
 * neighbour table's QSBR variable (rte_rcu_qsbr_synchronize), so no lookup ever reads freed memory.
 *
 * Static neighbours: added with fwd_neigh_add_static (the main thread is
 * the neighbour table's writer) and removed with fwd_neigh_del_static.
 */

#include <stdint.h>

struct fwd_ctx;
struct fwd_route;
struct fwd_routes;

/* A new, empty route table for up to max_routes static routes (and the
 * addresses' routes). NULL with rte_errno set. */
struct fwd_routes *fwd_routes_new(struct fwd_ctx *ctx, uint32_t max_routes);
/* As fwd_iface_add, into the new table: add every port's addresses first. */
int fwd_routes_iface_add(struct fwd_routes *nr, uint16_t port, uint32_t addr, uint8_t prefix_len);
/* As fwd_route_add, into the new table (gateways resolved on its addresses). */
int fwd_routes_add(struct fwd_routes *nr, const struct fwd_route *r);
/* Publish nr, wait until no worker can still read the old table, free it.
 * nr is consumed. Safe while the workers run or after they stopped. */
void fwd_routes_swap(struct fwd_ctx *ctx, struct fwd_routes *nr);
/* A table not swapped in (a refused reload). NULL is a no-op. */
void fwd_routes_free(struct fwd_routes *nr);

/* Remove a static neighbour (it may be learned again by ARP). -ENOENT if
 * ip is not a static neighbour. Neighbour writer thread only. */
int fwd_neigh_del_static(struct fwd_ctx *ctx, uint32_t ip);

#endif
