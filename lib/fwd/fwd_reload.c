/* SPDX-License-Identifier: BSD-2-Clause */
/* Route tables (routes and interface addresses) and VIP tables rebuilt beside the live one and
 * swapped under QSBR (fwd_reload.h). */

#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_rcu_qsbr.h>
#include <rte_spinlock.h>

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

struct fwd_vips {
	struct fwd_vip_table t; /* first: a table pointer is a struct fwd_vips pointer */
};

struct fwd_vips *fwd_vips_new(struct fwd_ctx *ctx)
{
	struct fwd_vips *nv = rte_zmalloc_socket("fwd_vips_next", sizeof(*nv), RTE_CACHE_LINE_SIZE,
	                                         ctx->params.socket_id);

	if (nv == NULL)
		rte_errno = ENOMEM;
	return nv;
}

int fwd_vips_add(struct fwd_ctx *ctx, struct fwd_vips *nv, const struct fwd_routes *nr,
                 uint16_t port, const struct fwd_vip_conf *c)
{
	return fwd_vip_table_add(ctx, &nv->t, nr != NULL ? &nr->t : fwd_routes_live(ctx), port, c);
}

void fwd_vips_free(struct fwd_vips *nv)
{
	rte_free(nv);
}

/* The slot of bal in t's port p, or -1. */
static int vip_slot(const struct fwd_vip_table *t, uint16_t p, const struct carp_balance *bal)
{
	if (!(t->ports & (1u << p)))
		return -1;
	for (unsigned int i = 0; i < t->port[p].n_ifs; i++)
		if (t->port[p].ifs[i].bal == bal)
			return (int)i;
	return -1;
}

/* A carp interface in both tables on the same port keeps what workers see
 * of it (its published word) and its publication count; one only in to
 * starts unpublished (not running) until the control lcore publishes it. */
static void vips_carry(struct fwd_vip_table *to, const struct fwd_vip_table *from)
{
	for (uint16_t p = 0; p < FWD_MAX_PORTS; p++) {
		struct fwd_vip_port *vp = &to->port[p];

		for (unsigned int i = 0; i < vp->n_ifs; i++) {
			int o = vip_slot(from, p, vp->ifs[i].bal);
			struct fwd_vip_port *op = (struct fwd_vip_port *)(uintptr_t)&from->port[p];

			if (o < 0)
				continue;
			fwd_vip_port_write(
			    vp, i, atomic_load_explicit(&op->word[o], memory_order_relaxed));
			atomic_store_explicit(
			    &vp->ifs[i].publications,
			    atomic_load_explicit(&op->ifs[o].publications, memory_order_relaxed),
			    memory_order_relaxed);
		}
	}
}

void fwd_vips_swap(struct fwd_ctx *ctx, struct fwd_vips *nv)
{
	struct fwd_vip_table *old;

	/* no publication between the copy and the store: it would be lost */
	rte_spinlock_lock(&ctx->vip_lock);
	old = fwd_vips_live(ctx);
	vips_carry(&nv->t, old);
	atomic_store_explicit(&ctx->live_vip, &nv->t, memory_order_release);
	rte_spinlock_unlock(&ctx->vip_lock);
	/* as fwd_routes_swap: after this no worker reads old */
	rte_rcu_qsbr_synchronize(ctx->neigh.qsbr, RTE_QSBR_THRID_INVALID);
	if (old != &ctx->vip)
		fwd_vips_free((struct fwd_vips *)old);
}

void fwd_vips_live_free(struct fwd_ctx *ctx)
{
	struct fwd_vip_table *t = fwd_vips_live(ctx);

	if (t != &ctx->vip)
		fwd_vips_free((struct fwd_vips *)t);
	atomic_store_explicit(&ctx->live_vip, &ctx->vip, memory_order_release);
}
