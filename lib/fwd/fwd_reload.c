/* SPDX-License-Identifier: BSD-2-Clause */
/* Route tables (routes and interface addresses) rebuilt beside the live one and swapped under QSBR
 * (fwd_reload.h). */

#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_rcu_qsbr.h>

#include "fwd_ctx_priv.h"
#include "fwd_reload.h"

struct fwd_routes {
	struct fwd_route_table t; /* first: a table pointer is a struct fwd_routes pointer */
};

struct fwd_routes *fwd_routes_new(struct fwd_ctx *ctx, uint32_t max_routes)
{
	static unsigned int seq; /* rte_lpm names are unique: main thread only */
	struct fwd_routes *nr;
	char name[32];
	int rc;

	nr = rte_zmalloc_socket("fwd_routes_next", sizeof(*nr), 0, ctx->params.socket_id);
	if (nr == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	snprintf(name, sizeof(name), "%.12s_r%u", ctx->name, ++seq);
	/* as fwd_ctx_create sizes it: the local /32s and connected routes on top */
	rc = fwd_route_table_init(&nr->t, name,
	                          max_routes + FWD_MAX_PORTS * FWD_MAX_ADDRS_PER_PORT * 2,
	                          ctx->params.socket_id);
	if (rc < 0) {
		fwd_routes_free(nr);
		rte_errno = -rc;
		return NULL;
	}
	return nr;
}

int fwd_routes_iface_add(struct fwd_routes *nr, uint16_t port, uint32_t addr, uint8_t prefix_len)
{
	return fwd_iface_table_add(&nr->t, port, addr, prefix_len);
}

int fwd_routes_add(struct fwd_routes *nr, const struct fwd_route *r)
{
	struct fwd_route_entry e;
	int rc = fwd_route_entry_of(&nr->t, r, &e);

	return rc < 0 ? rc : fwd_route_table_add(&nr->t, &e);
}

void fwd_routes_free(struct fwd_routes *nr)
{
	if (nr == NULL)
		return;
	fwd_route_table_fini(&nr->t);
	rte_free(nr);
}

/* A table no worker reads any more: freed; the first one, ctx->routes, is
 * part of the ctx and only emptied (its rte_lpm is most of the memory). */
static void table_release(struct fwd_ctx *ctx, struct fwd_route_table *t)
{
	if (t != &ctx->routes)
		fwd_routes_free((struct fwd_routes *)t);
	else
		fwd_route_table_fini(t);
}

void fwd_routes_swap(struct fwd_ctx *ctx, struct fwd_routes *nr)
{
	struct fwd_route_table *old =
	    atomic_exchange_explicit(&ctx->live_routes, &nr->t, memory_order_acq_rel);

	/* Every online worker passes a quiescent state once per loop (offline
	 * ones hold no reference): after this none reads old. */
	rte_rcu_qsbr_synchronize(ctx->neigh.qsbr, RTE_QSBR_THRID_INVALID);
	table_release(ctx, old);
}

void fwd_routes_live_free(struct fwd_ctx *ctx)
{
	struct fwd_route_table *t = atomic_load_explicit(&ctx->live_routes, memory_order_acquire);

	if (t != &ctx->routes)
		fwd_routes_free((struct fwd_routes *)t);
	atomic_store_explicit(&ctx->live_routes, &ctx->routes, memory_order_release);
}
