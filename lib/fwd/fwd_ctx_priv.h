/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_CTX_PRIV_H
#define FWD_CTX_PRIV_H

/*
 * The fast-path context (fwd_ctx.c): what every worker reads. Each field says
 * who writes (W) and who reads (R); "main" = the thread that built the ctx,
 * before launch; after launch those fields are read-only.
 */

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "fwd.h"
#include "fwd_punt.h"
#include "fwd_iface_priv.h"
#include "fwd_neigh_priv.h"
#include "fwd_punt_priv.h"
#include "fwd_route_priv.h"
#include "fwd_vip_priv.h"

struct rte_ring;
struct fwd_worker;
struct fwd_filter;
struct fwd_ip6_state;

struct fwd_ctx {
	struct fwd_params params; /* W: create. R: all */
	char name[16];            /* params.name, truncated: rte object names are short */
	struct fwd_port_state port[FWD_MAX_PORTS];
	/* Built before launch (fwd_route_add, fwd_iface_add); emptied once a
	 * reload swaps another in. After launch read routes ONLY through
	 * fwd_routes_live(ctx), never &ctx->routes. */
	struct fwd_route_table routes;
	/* The table workers look up: &routes until a reload swaps in another
	 * (fwd_reload.c). W: main (release). R: workers once per rx chunk,
	 * telemetry walks (acquire). A replaced table is freed after a QSBR
	 * grace period on neigh.qsbr, where every worker reports. */
	_Atomic(struct fwd_route_table *) live_routes;
	struct fwd_neigh_table neigh;
	unsigned int n_workers;
	struct fwd_worker **workers; /* [n_workers]; W main before launch */
	atomic_bool running;         /* W: fwd_ctx_stop (release). R: workers (acquire) */
	struct fwd_punt_slot punt[FWD_PUNT__COUNT]; /* fwd_punt_priv.h says who writes what */
	struct fwd_filter *pf;    /* the filter, NULL: off. W main before launch */
	struct fwd_pfsync *pfsync; /* pfsync rings (fwd_pfsync.h), NULL: off. W main before launch */
	uint64_t hz;              /* TSC Hz */
	uint32_t ctrl_ring_ports; /* bit per port with a ctrl_ring; W main before launch */
	struct fwd_vip_table vip; /* CARP VIPs/vMACs (fwd_vip_priv.h says who writes what) */
	struct fwd_ip6_state *ip6; /* IPv6 (fwd_ip6_priv.h); NULL until fwd_ip6_init */
};

static inline const struct fwd_route_table *fwd_routes_live(const struct fwd_ctx *ctx)
{
	return atomic_load_explicit(&ctx->live_routes, memory_order_acquire);
}

/* The interface addresses of port, from the live table (workers: valid
 * until their next quiescent state, like every live-table read). */
static inline const struct fwd_port_addrs *fwd_port_addrs(const struct fwd_ctx *ctx,
                                                          uint16_t port)
{
	return &fwd_routes_live(ctx)->addrs[port];
}

/* Records a port as seen by the fast path (fwd_port_setup; tests call it directly). */
int fwd_ctx_port_register(struct fwd_ctx *ctx, uint16_t port, const struct rte_ether_addr *mac,
                          uint16_t mtu, uint16_t nb_rxq, uint16_t nb_workers);
/* The port has no control tx queue: create its control ring (worker 0 drains it). */
int fwd_ctx_port_ctrl_ring(struct fwd_ctx *ctx, uint16_t port);

/* fwd_reload.c: frees the live table if a reload swapped one in (fwd_ctx_destroy). */
void fwd_routes_live_free(struct fwd_ctx *ctx);

/* fwd_workers.c: frees every worker (fwd_ctx_destroy). */
void fwd_workers_free(struct fwd_ctx *ctx);

#endif
