/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPv6 state of a context: created by fwd_ip6_init, ports enabled one
 * by one (link-local, 33:33 groups accepted), global addresses added as a
 * local /128 and a connected route. Main thread, before launch.
 */
#include <errno.h>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include "fwd_ctx_priv.h"
#include "fwd_ip6_priv.h"

int fwd_ip6_init(struct fwd_ctx *ctx, uint32_t max_routes, uint32_t max_neighbours)
{
	struct fwd_ip6_state *s;
	int rc;

	if (ctx->ip6 != NULL)
		return -EEXIST;
	s = rte_zmalloc_socket("fwd_ip6", sizeof(*s), RTE_CACHE_LINE_SIZE, ctx->params.socket_id);
	if (s == NULL)
		return -ENOMEM;
	s->ns_recent = rte_zmalloc_socket("fwd_ns_recent", sizeof(*s->ns_recent) * RTE_MAX_LCORE,
	                                  RTE_CACHE_LINE_SIZE, ctx->params.socket_id);
	s->nb_cache = rte_zmalloc_socket("fwd_nb6_cache", sizeof(*s->nb_cache) * RTE_MAX_LCORE,
	                                 RTE_CACHE_LINE_SIZE, ctx->params.socket_id);
	if (s->ns_recent == NULL || s->nb_cache == NULL) {
		rte_free(s->ns_recent);
		rte_free(s->nb_cache);
		rte_free(s);
		return -ENOMEM;
	}
	/* gen 0 never matches a cache's (~0 below): every cache starts empty */
	for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
		s->nb_cache[i].gen = UINT64_MAX;
	rc = fwd_route6_table_init(s, ctx->name,
	                           max_routes + FWD_MAX_PORTS * FWD_MAX_ADDRS6_PER_PORT * 2,
	                           ctx->params.socket_id);
	if (rc == 0) {
		rc = fwd_neigh6_table_init(&s->neigh, ctx->name, &ctx->params,
		                           RTE_MAX(max_neighbours, 16u), ctx->neigh.qsbr);
		if (rc < 0)
			fwd_route6_table_fini(s);
	}
	if (rc < 0) {
		rte_free(s->ns_recent);
		rte_free(s->nb_cache);
		rte_free(s);
		return rc;
	}
	ctx->ip6 = s;
	return 0;
}

void fwd_ip6_fini(struct fwd_ctx *ctx)
{
	struct fwd_ip6_state *s = ctx->ip6;

	if (s == NULL)
		return;
	fwd_neigh6_table_fini(&s->neigh);
	fwd_route6_table_fini(s);
	rte_free(s->ns_recent);
	rte_free(s->nb_cache);
	rte_free(s);
	ctx->ip6 = NULL;
}

bool fwd_ip6_enabled(const struct fwd_ctx *ctx)
{
	return ctx->ip6 != NULL;
}

int fwd_ip6_port_enable(struct fwd_ctx *ctx, uint16_t port, const uint8_t *link_local)
{
	struct fwd_port6 *p6;

	if (ctx->ip6 == NULL)
		return -ENODEV;
	if (port >= FWD_MAX_PORTS || !ctx->port[port].configured)
		return -EINVAL;
	p6 = &ctx->ip6->port[port];
	if (link_local != NULL) {
		if (!fwd_ip6_is_link_local(link_local))
			return -EINVAL;
		memcpy(p6->ll, link_local, 16);
	} else if (!fwd_ip6_eui64_link_local(p6->ll, &ctx->port[port].filter.own)) {
		return -EINVAL;
	}
	p6->enabled = true;
	ctx->port[port].filter.ip6_groups = true;
	return 0;
}

int fwd_ip6_link_local(const struct fwd_ctx *ctx, uint16_t port, uint8_t out[16])
{
	if (ctx->ip6 == NULL || port >= FWD_MAX_PORTS || !ctx->ip6->port[port].enabled)
		return -ENOENT;
	memcpy(out, ctx->ip6->port[port].ll, 16);
	return 0;
}

int fwd_iface6_add(struct fwd_ctx *ctx, uint16_t port, const uint8_t addr[16], uint8_t len)
{
	struct fwd_ip6_state *s = ctx->ip6;
	struct fwd_route6_entry local = {.len = 128, .type = FWD_ROUTE_LOCAL, .port = port};
	struct fwd_route6_entry conn = {.len = len, .type = FWD_ROUTE_CONNECTED, .port = port};
	struct fwd_port6 *p6;
	int rc;

	if (s == NULL)
		return -ENODEV;
	if (port >= FWD_MAX_PORTS || !s->port[port].enabled || len == 0 || len > 128 ||
	    fwd_ip6_is_multicast(addr) || fwd_ip6_is_link_local(addr))
		return -EINVAL;
	p6 = &s->port[port];
	if (p6->n_addrs == FWD_MAX_ADDRS6_PER_PORT)
		return -ENOSPC;
	memcpy(local.prefix, addr, 16);
	memcpy(conn.prefix, addr, 16);
	rc = fwd_route6_table_add(s, &local);
	if (rc < 0)
		return rc;
	/* A /128 address has no connected subnet beyond itself. */
	if (len < 128) {
		rc = fwd_route6_table_add(s, &conn);
		if (rc < 0 && rc != -EEXIST)
			return rc;
	}
	memcpy(p6->addrs[p6->n_addrs].addr, addr, 16);
	p6->addrs[p6->n_addrs].len = len;
	p6->n_addrs++;
	return 0;
}
