/* SPDX-License-Identifier: BSD-2-Clause */
/* CARP virtual addresses and MACs: registration and publication (fwd_vip.h). */

#include <errno.h>

#include "fwd_ctx_priv.h"

static bool vip_is_registered(const struct fwd_vip_table *t, const struct carp_balance *bal,
                              uint16_t *port, unsigned int *slot)
{
	for (uint16_t p = 0; p < FWD_MAX_PORTS; p++) {
		if (!(t->ports & (1u << p)))
			continue;
		for (unsigned int i = 0; i < t->port[p].n_ifs; i++)
			if (t->port[p].ifs[i].bal == bal) {
				*port = p;
				*slot = i;
				return true;
			}
	}
	return false;
}

bool fwd_vip_table_has(const struct fwd_vip_table *t, uint32_t ip)
{
	for (uint16_t p = 0; p < FWD_MAX_PORTS; p++)
		if ((t->ports & (1u << p)) && fwd_vip_find(&t->port[p], ip) >= 0)
			return true;
	return false;
}

static int vip_conf_check(const struct fwd_vip_table *t, const struct fwd_vip_conf *c)
{
	uint16_t p;
	unsigned int s;

	if (c->bal == NULL || c->n_addrs == 0 || c->n_addrs > FWD_VIP_MAX_ADDRS)
		return -EINVAL;
	for (unsigned int a = 0; a < c->n_addrs; a++) {
		if (c->len[a] == 0 || c->len[a] > 32 || c->addr[a] == 0 ||
		    (c->addr[a] >> 28) >= 0xe)
			return -EINVAL;
		if (fwd_vip_table_has(t, c->addr[a]))
			return -EEXIST;
		for (unsigned int b = 0; b < a; b++)
			if (c->addr[b] == c->addr[a])
				return -EEXIST;
	}
	if (vip_is_registered(t, c->bal, &p, &s))
		return -EEXIST;
	return 0;
}

/*
 * The worker recognises a VIP through the connected route it falls in
 * (ipv4_input), so each must be inside a connected subnet of its carpdev
 * and not be one of the router's own addresses.
 */
static int vip_conf_routes(const struct fwd_ctx *ctx, uint16_t port, const struct fwd_vip_conf *c)
{
	for (unsigned int a = 0; a < c->n_addrs; a++) {
		const struct fwd_route_entry *rt = fwd_route_lookup(&ctx->routes, c->addr[a]);

		if (rt != NULL && rt->type == FWD_ROUTE_LOCAL)
			return -EADDRINUSE;
		if (rt == NULL || rt->type != FWD_ROUTE_CONNECTED || rt->port != port)
			return -ENETUNREACH;
	}
	return 0;
}

int fwd_vip_register(struct fwd_ctx *ctx, uint16_t port, const struct fwd_vip_conf *c)
{
	struct fwd_vip_table *t;
	struct fwd_vip_port *vp;
	struct fwd_vip_if *vi;
	int rc;

	if (ctx == NULL || c == NULL || port >= FWD_MAX_PORTS || !ctx->port[port].configured)
		return -EINVAL;
	t = &ctx->vip;
	rc = vip_conf_check(t, c);
	if (rc == 0)
		rc = vip_conf_routes(ctx, port, c);
	if (rc < 0)
		return rc;
	vp = &t->port[port];
	if (vp->n_ifs >= FWD_VIP_MAX_IFS)
		return -ENOSPC;
	if (c->bal->cfg.count == 0 || c->bal->cfg.count > CARP_MAX_NODES ||
	    c->bal->cfg.mode >= CARP_BAL__COUNT)
		return -EINVAL;

	vi = &vp->ifs[vp->n_ifs];
	memset(vi, 0, sizeof(*vi));
	vi->bal = c->bal;
	vi->cfg = c->bal->cfg;
	vi->n_addrs = (uint8_t)c->n_addrs;
	for (unsigned int a = 0; a < c->n_addrs; a++) {
		vi->addr[a] = c->addr[a];
		vi->len[a] = c->len[a];
	}
	atomic_init(&vi->publications, 0);
	/* Not running, nothing MASTER, until the control lcore publishes. */
	atomic_store_explicit(&vp->word[vp->n_ifs], 0, memory_order_relaxed);
	vp->n_ifs++;
	t->ports |= 1u << port;
	return 0;
}

int fwd_vip_publish(struct fwd_ctx *ctx, const struct carp_balance *bal)
{
	struct fwd_vip_table *t;
	uint16_t port;
	unsigned int slot;
	uint64_t w;

	if (ctx == NULL || bal == NULL)
		return -EINVAL;
	t = &ctx->vip;
	if (!vip_is_registered(t, bal, &port, &slot))
		return -ENOENT;
	/* read and store under the lock: two publishers of one slot cannot
	 * store their words in the other order than they read them */
	rte_spinlock_lock(&t->pub_lock);
	w = carp_balance_read(bal); /* mask and running, as lib/carp published them */
	fwd_vip_port_write(&t->port[port], slot, w);
	atomic_fetch_add_explicit(&t->port[port].ifs[slot].publications, 1, memory_order_relaxed);
	rte_spinlock_unlock(&t->pub_lock);
	return 0;
}

int fwd_vip_state_get(const struct fwd_ctx *ctx, const struct carp_balance *bal,
                      struct fwd_vip_state *out)
{
	const struct fwd_vip_table *t;
	struct fwd_vip_snap s;
	uint16_t port;
	unsigned int slot;

	if (ctx == NULL || bal == NULL || out == NULL)
		return -EINVAL;
	t = &ctx->vip;
	if (!vip_is_registered(t, bal, &port, &slot))
		return -ENOENT;
	fwd_vip_snap_read(&t->port[port], &s);
	out->port = port;
	out->mask = fwd_vip_word_mask(s.word[slot]);
	out->running = fwd_vip_word_running(s.word[slot]);
	out->publications =
	    atomic_load_explicit(&t->port[port].ifs[slot].publications, memory_order_relaxed);
	return 0;
}
