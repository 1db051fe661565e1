/* SPDX-License-Identifier: BSD-2-Clause */
/* The fast-path context: parameters, interfaces, routes, workers. Main thread. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_ring.h>

#include "fwd_port.h"
#include "fwd_priv.h"

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
	atomic_init(&ctx->carp_ring, NULL);

	/* +FWD_MAX_PORTS * FWD_MAX_ADDRS_PER_PORT: local /32s come on top. */
	rc = fwd_route_table_init(&ctx->routes, ctx->name,
	                          p->max_routes + FWD_MAX_PORTS * FWD_MAX_ADDRS_PER_PORT * 2,
	                          p->socket_id);
	if (rc < 0)
		goto fail;
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

static void fwd_workers_free(struct fwd_ctx *ctx)
{
	for (unsigned int i = 0; i < ctx->n_workers; i++)
		rte_free(ctx->workers[i]);
	rte_free(ctx->workers);
	ctx->workers = NULL;
	ctx->n_workers = 0;
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
	fwd_neigh_table_fini(&ctx->neigh);
	fwd_route_table_fini(&ctx->routes);
	rte_free(ctx);
}

static uint32_t len_mask(uint8_t len)
{
	return len == 0 ? 0 : UINT32_MAX << (32 - len);
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

int fwd_port_accept_mac(struct fwd_ctx *ctx, uint16_t port, const struct rte_ether_addr *mac)
{
	struct fwd_mac_filter *f;

	if (port >= FWD_MAX_PORTS || mac == NULL)
		return -EINVAL;
	f = &ctx->port[port].filter;
	for (unsigned int i = 0; i < f->n_extra; i++)
		if (rte_is_same_ether_addr(&f->extra[i], mac))
			return -EEXIST;
	if (f->n_extra >=
	    RTE_MIN((unsigned int)FWD_MAX_ACCEPT_MACS, (unsigned int)RTE_DIM(f->extra)))
		return -ENOSPC;
	f->extra[f->n_extra++] = *mac;
	return 0;
}

int fwd_port_mac(const struct fwd_ctx *ctx, uint16_t port, struct rte_ether_addr *mac)
{
	if (port >= FWD_MAX_PORTS || !ctx->port[port].configured)
		return -ENOENT;
	*mac = ctx->port[port].filter.own;
	return 0;
}

int fwd_iface_add(struct fwd_ctx *ctx, uint16_t port, uint32_t addr, uint8_t prefix_len)
{
	struct fwd_port_state *ps;
	struct fwd_route_entry local, conn;
	int rc;

	if (port >= FWD_MAX_PORTS || prefix_len == 0 || prefix_len > 32 || addr == 0)
		return -EINVAL;
	local = (struct fwd_route_entry){
	    .prefix = addr, .len = 32, .type = FWD_ROUTE_LOCAL, .port = port};
	conn = (struct fwd_route_entry){.prefix = addr & len_mask(prefix_len),
	                                .len = prefix_len,
	                                .type = FWD_ROUTE_CONNECTED,
	                                .port = port};
	ps = &ctx->port[port];
	if (ps->n_addrs >= FWD_MAX_ADDRS_PER_PORT)
		return -ENOSPC;
	rc = fwd_route_table_add(&ctx->routes, &local);
	if (rc < 0)
		return rc; /* -EEXIST: the address is already configured (here or elsewhere) */
	if (prefix_len < 32) {
		rc = fwd_route_table_add(&ctx->routes, &conn);
		/* A second address in the same subnet shares its connected route. */
		if (rc < 0 && rc != -EEXIST)
			return rc;
	}
	ps->addrs[ps->n_addrs++] =
	    (struct fwd_addr){.addr = addr, .mask = len_mask(prefix_len), .len = prefix_len};
	return 0;
}

int fwd_route_add(struct fwd_ctx *ctx, const struct fwd_route *r)
{
	struct fwd_route_entry e;

	if (r == NULL || r->len > 32)
		return -EINVAL;
	e = (struct fwd_route_entry){.prefix = r->prefix,
	                             .len = r->len,
	                             .gateway = r->gateway,
	                             .port = r->port,
	                             .type = r->gateway ? FWD_ROUTE_GATEWAY : FWD_ROUTE_CONNECTED};
	if (r->gateway && r->port == FWD_PORT_AUTO) {
		e.port = FWD_PORT_AUTO;
		for (uint16_t p = 0; p < FWD_MAX_PORTS && e.port == FWD_PORT_AUTO; p++)
			if (fwd_port_on_link(&ctx->port[p], r->gateway))
				e.port = p;
		if (e.port == FWD_PORT_AUTO)
			return -ENETUNREACH;
	}
	if (e.port >= FWD_MAX_PORTS)
		return -EINVAL;
	return fwd_route_table_add(&ctx->routes, &e);
}

int fwd_iface_walk(const struct fwd_ctx *ctx, fwd_iface_cb cb, void *arg)
{
	for (uint16_t p = 0; p < FWD_MAX_PORTS; p++)
		for (unsigned int i = 0; i < ctx->port[p].n_addrs; i++) {
			struct fwd_iface_info a = {.port = p,
			                           .addr = ctx->port[p].addrs[i].addr,
			                           .len = ctx->port[p].addrs[i].len};
			int rc = cb(&a, arg);

			if (rc != 0)
				return rc;
		}
	return 0;
}

uint32_t fwd_port_src_addr(const struct fwd_port_state *ps, uint32_t ip)
{
	for (unsigned int i = 0; i < ps->n_addrs; i++)
		if ((ip & ps->addrs[i].mask) == (ps->addrs[i].addr & ps->addrs[i].mask))
			return ps->addrs[i].addr;
	return ps->n_addrs ? ps->addrs[0].addr : 0;
}

bool fwd_port_has_addr(const struct fwd_port_state *ps, uint32_t ip)
{
	for (unsigned int i = 0; i < ps->n_addrs; i++)
		if (ps->addrs[i].addr == ip)
			return true;
	return false;
}

bool fwd_port_on_link(const struct fwd_port_state *ps, uint32_t ip)
{
	for (unsigned int i = 0; i < ps->n_addrs; i++)
		if ((ip & ps->addrs[i].mask) == (ps->addrs[i].addr & ps->addrs[i].mask))
			return true;
	return false;
}

/* ---- workers ---- */

unsigned int fwd_rxq_assign(const struct fwd_rxq *all, unsigned int n, unsigned int n_workers,
                            unsigned int worker, struct fwd_rxq *out, unsigned int cap)
{
	unsigned int k = 0;

	if (n_workers == 0)
		return 0;
	for (unsigned int i = worker; i < n && k < cap; i += n_workers)
		out[k++] = all[i];
	return k;
}

int fwd_workers_setup(struct fwd_ctx *ctx, const unsigned int *lcores, unsigned int n)
{
	struct fwd_rxq all[FWD_MAX_PORTS * 16];
	unsigned int n_all = 0;
	uint64_t now = rte_get_tsc_cycles();

	if (n == 0 || lcores == NULL || ctx->workers != NULL)
		return -EINVAL;
	for (uint16_t p = 0; p < FWD_MAX_PORTS; p++) {
		const struct fwd_port_state *ps = &ctx->port[p];

		if (!ps->configured)
			continue;
		if (ps->nb_workers != n)
			return -EINVAL;
		for (uint16_t q = 0; q < ps->nb_rxq; q++) {
			if (n_all == RTE_DIM(all))
				return -ENOSPC;
			all[n_all++] = (struct fwd_rxq){.port = p, .queue = q};
		}
	}
	ctx->workers = rte_zmalloc("fwd_workers", sizeof(*ctx->workers) * n, 0);
	if (ctx->workers == NULL)
		return -ENOMEM;
	for (unsigned int i = 0; i < n; i++) {
		struct fwd_worker *w;
		int socket = rte_lcore_to_socket_id(lcores[i]);

		if (lcores[i] >= RTE_MAX_LCORE)
			goto einval;
		w = rte_zmalloc_socket("fwd_worker", sizeof(*w), RTE_CACHE_LINE_SIZE,
		                       socket < 0 ? SOCKET_ID_ANY : socket);
		if (w == NULL)
			goto enomem;
		ctx->workers[i] = w;
		ctx->n_workers = i + 1;
		fwd_worker_init(w, ctx, lcores[i], (uint16_t)i, now);
		w->n_rxq = (uint16_t)fwd_rxq_assign(all, n_all, n, i, w->rxq, RTE_DIM(w->rxq));
	}
	return 0;
einval:
	fwd_workers_free(ctx);
	return -EINVAL;
enomem:
	fwd_workers_free(ctx);
	return -ENOMEM;
}

unsigned int fwd_worker_count(const struct fwd_ctx *ctx)
{
	return ctx->n_workers;
}

struct fwd_worker *fwd_worker_get(struct fwd_ctx *ctx, unsigned int i)
{
	return i < ctx->n_workers ? ctx->workers[i] : NULL;
}

unsigned int fwd_worker_lcore(const struct fwd_worker *w)
{
	return w->lcore;
}

unsigned int fwd_worker_rxqs(const struct fwd_worker *w, struct fwd_rxq *out, unsigned int cap)
{
	unsigned int n = RTE_MIN((unsigned int)w->n_rxq, cap);

	memcpy(out, w->rxq, n * sizeof(*out));
	return n;
}

uint16_t fwd_ctx_control_txq(const struct fwd_ctx *ctx)
{
	return (uint16_t)ctx->n_workers;
}

void fwd_ctx_stop(struct fwd_ctx *ctx)
{
	atomic_store_explicit(&ctx->running, false, memory_order_release);
}

bool fwd_ctx_running(const struct fwd_ctx *ctx)
{
	return atomic_load_explicit(&ctx->running, memory_order_acquire);
}

/* ---- counters ---- */

void fwd_stats_sum(const struct fwd_ctx *ctx, struct fwd_lcore_stats *out)
{
	memset(out, 0, sizeof(*out));
	for (unsigned int i = 0; i < ctx->n_workers; i++)
		fwd_stats_add(out, &ctx->workers[i]->stats);
}

int fwd_worker_stats(const struct fwd_ctx *ctx, unsigned int i, struct fwd_lcore_stats *out)
{
	if (i >= ctx->n_workers)
		return -ENOENT;
	fwd_stats_read(&ctx->workers[i]->stats, out);
	return 0;
}
