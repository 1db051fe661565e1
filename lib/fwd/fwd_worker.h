/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_WORKER_H
#define FWD_WORKER_H

/*
 * Worker lcores. Launch each with fwd_worker_launch(fwd_worker_get(ctx, i))
 * (rte_eal_remote_launch of fwd_worker_main on its lcore) and stop them
 * all with fwd_ctx_stop(ctx) + fwd_workers_wait(ctx).
 *
 * A worker polls its own (port, rx queue) pairs in bursts of FWD_BURST,
 * never locks, never allocates (generated replies reuse the received mbuf),
 * transmits through a per-port buffer on its own tx queue, and reports an RCU
 * quiescent state once per loop (neighbour deletes are reclaimed with QSBR).
 * In FWD_POLL_ADAPTIVE mode, after params.idle_polls empty loops it goes RCU
 * offline and sleeps 1, 2, 4 ... up to params.sleep_max_us microseconds per
 * loop until a packet arrives.
 */

#include <stdint.h>

#define FWD_BURST              32
#define FWD_MAX_RXQ_PER_WORKER 64

struct fwd_worker;

struct fwd_rxq {
	uint16_t port;
	uint16_t queue;
};

/*
 * Pure: the queues of worker `worker` (0-based) out of `all[0..n-1]`
 * (listed port by port): entry k goes to worker k % n_workers. Writes at most
 * cap entries to out and returns how many it wrote.
 */
unsigned int fwd_rxq_assign(const struct fwd_rxq *all, unsigned int n, unsigned int n_workers,
                            unsigned int worker, struct fwd_rxq *out, unsigned int cap);

/* The (port, queue) pairs worker w polls, as fwd_workers_setup assigned them. */
unsigned int fwd_worker_rxqs(const struct fwd_worker *w, struct fwd_rxq *out, unsigned int cap);

/* rte_lcore_function_t: arg is a struct fwd_worker *. Returns 0 when stopped. */
int fwd_worker_main(void *arg);
/* rte_eal_remote_launch(fwd_worker_main, w, its lcore), with the launch's
 * ordering told to ThreadSanitizer (fwd_tsan.h). */
int fwd_worker_launch(struct fwd_worker *w);

#endif
