/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The worker set (main thread, before launch): one struct fwd_worker per
 * lcore, the (port, rx queue) pairs spread over them; and the accessors
 * telemetry uses to read them (counters: relaxed loads).
 */

#include <errno.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_rcu_qsbr.h>

#include "fwd_ctx_priv.h"
#include "fwd_tsan.h"
#include "fwd_worker_priv.h"

void fwd_workers_free(struct fwd_ctx *ctx)
{
	for (unsigned int i = 0; i < ctx->n_workers; i++) {
		if (ctx->workers[i]->qsbr_registered)
			rte_rcu_qsbr_thread_unregister(ctx->neigh.qsbr, ctx->workers[i]->lcore);
		rte_free(ctx->workers[i]);
	}
	rte_free(ctx->workers);
	ctx->workers = NULL;
	ctx->n_workers = 0;
}

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
	/* Before anything reads lcore_config[] (rte_lcore_to_socket_id). */
	for (unsigned int i = 0; i < n; i++)
		if (lcores[i] >= RTE_MAX_LCORE)
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

		w = rte_zmalloc_socket("fwd_worker", sizeof(*w), RTE_CACHE_LINE_SIZE,
		                       socket < 0 ? SOCKET_ID_ANY : socket);
		if (w == NULL)
			goto enomem;
		ctx->workers[i] = w;
		ctx->n_workers = i + 1;
		fwd_worker_init(w, ctx, lcores[i], (uint16_t)i, now);
		w->n_rxq = (uint16_t)fwd_rxq_assign(all, n_all, n, i, w->rxq, RTE_DIM(w->rxq));
		/* Here, not in the worker: a worker the neighbour writer's reclaim
		 * does not wait for would read freed hash slots, so a refusal must
		 * stop the start, and only the main thread can say so. */
		if (rte_rcu_qsbr_thread_register(ctx->neigh.qsbr, lcores[i]) != 0) {
			fwd_workers_free(ctx);
			return -EINVAL;
		}
		w->qsbr_registered = true;
	}
	return 0;
enomem:
	fwd_workers_free(ctx);
	return -ENOMEM;
}

int fwd_worker_launch(struct fwd_worker *w)
{
	FWD_TSAN_RELEASE(w->ctx); /* fwd_worker_main acquires */
	return rte_eal_remote_launch(fwd_worker_main, w, w->lcore);
}

void fwd_workers_wait(struct fwd_ctx *ctx)
{
	for (unsigned int i = 0; i < ctx->n_workers; i++)
		rte_eal_wait_lcore(ctx->workers[i]->lcore);
	FWD_TSAN_ACQUIRE(ctx); /* what the workers did before they returned */
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
