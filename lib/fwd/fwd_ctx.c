/* SPDX-License-Identifier: BSD-2-Clause */
/* The fast-path context: parameters, tables, ports as the fast path sees them. Main thread. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_ring.h>

#include "fwd_ctx_priv.h"
#include "fwd_ip6_priv.h"

void fwd_params_init(struct fwd_params *p)
{
	*p = (struct fwd_params){
	    .name = "fwd",
	    .socket_id = SOCKET_ID_ANY,
	    .max_routes = 1024,
	    .max_neighbours = 1024,
	    .learn_ring_size = 1024,
	    .neigh_reachable_ms = 30000,
	    .neigh_stale_ms = 30000,
	    .arp_retry_ms = 1000,
	    .arp_rate = 100,
	    .arp_burst = 20,
	    .icmp_rate = 100,
	    .icmp_burst = 50,
	    .poll_mode = FWD_POLL_BUSY,
	    .idle_polls = 256,
	    .sleep_max_us = 250,
	};
}

struct fwd_ctx *fwd_ctx_create(const struct fwd_params *p)
{
	struct fwd_ctx *ctx;
	int rc;

	if (p == NULL || p->name == NULL || p->max_routes == 0 || p->max_neighbours == 0 ||
	    p->poll_mode > FWD_POLL_ADAPTIVE) {
		rte_errno = errno = EINVAL;
		return NULL;
	}
	ctx = rte_zmalloc_socket("fwd_ctx", sizeof(*ctx), RTE_CACHE_LINE_SIZE, p->socket_id);
	if (ctx == NULL) {
		rte_errno = errno = ENOMEM;
		return NULL;
	}
	ctx->params = *p;
	snprintf(ctx->name, sizeof(ctx->name), "%s", p->name);
	ctx->params.name = ctx->name;
	ctx->hz = rte_get_tsc_hz();
	atomic_init(&ctx->running, true);
	for (unsigned int k = 0; k < FWD_PUNT__COUNT; k++) {
		atomic_init(&ctx->punt[k].ring, NULL);
		ctx->punt[k].limit = (struct fwd_punt_limit){FWD_PUNT_RATE_DEFAULT,
		                                             FWD_PUNT_BURST_DEFAULT};
	}

	/* +FWD_MAX_PORTS * FWD_MAX_ADDRS_PER_PORT: local /32s come on top. */
	rc = fwd_route_table_init(&ctx->routes, ctx->name,
	                          p->max_routes + FWD_MAX_PORTS * FWD_MAX_ADDRS_PER_PORT * 2,
	                          p->socket_id);
	if (rc < 0)
		goto fail;
	atomic_init(&ctx->live_routes, &ctx->routes);
	rc = fwd_neigh_table_init(&ctx->neigh, ctx->name, p);
	if (rc < 0)
		goto fail_routes;
	return ctx;
fail_routes:
	fwd_route_table_fini(&ctx->routes);
fail:
	rte_free(ctx);
	rte_errno = errno = -rc;
	return NULL;
}

void fwd_ctx_destroy(struct fwd_ctx *ctx)
{
	if (ctx == NULL)
		return;
	fwd_workers_free(ctx);
	for (uint16_t p = 0; p < FWD_MAX_PORTS; p++)
		if (ctx->port[p].ctrl_ring != NULL) {
			struct rte_mbuf *m;

			while (rte_ring_sc_dequeue(ctx->port[p].ctrl_ring, (void **)&m) == 0)
				rte_pktmbuf_free(m);
			rte_ring_free(ctx->port[p].ctrl_ring);
		}
	fwd_ip6_fini(ctx); /* before the QSBR variable its hash uses */
	fwd_neigh_table_fini(&ctx->neigh);
	fwd_routes_live_free(ctx);
	fwd_route_table_fini(&ctx->routes);
	rte_free(ctx);
}

int fwd_ctx_port_register(struct fwd_ctx *ctx, uint16_t port, const struct rte_ether_addr *mac,
                          uint16_t mtu, uint16_t nb_rxq, uint16_t nb_workers)
{
	struct fwd_port_state *ps;

	if (port >= FWD_MAX_PORTS || nb_rxq == 0 || mac == NULL)
		return -EINVAL;
	ps = &ctx->port[port];
	ps->configured = true;
	ps->filter.own = *mac;
	ps->mtu = mtu ? mtu : RTE_ETHER_MTU;
	ps->nb_rxq = nb_rxq;
	ps->nb_workers = nb_workers;
	return 0;
}

int fwd_ctx_port_ctrl_ring(struct fwd_ctx *ctx, uint16_t port)
{
	char name[RTE_RING_NAMESIZE];
	struct fwd_port_state *ps;

	if (port >= FWD_MAX_PORTS || !ctx->port[port].configured)
		return -EINVAL;
	ps = &ctx->port[port];
	if (ps->ctrl_ring != NULL)
		return 0;
	snprintf(name, sizeof(name), "%s_ct%u", ctx->name, port);
	ps->ctrl_ring =
	    rte_ring_create(name, 256, ctx->params.socket_id, RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (ps->ctrl_ring == NULL)
		return -rte_errno;
	ps->ctrl_txq = false;
	ctx->ctrl_ring_ports |= 1u << port;
	return 0;
}

void fwd_ctx_stop(struct fwd_ctx *ctx)
{
	atomic_store_explicit(&ctx->running, false, memory_order_release);
}

bool fwd_ctx_running(const struct fwd_ctx *ctx)
{
	return atomic_load_explicit(&ctx->running, memory_order_acquire);
}
