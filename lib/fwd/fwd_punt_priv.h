/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_PUNT_PRIV_H
#define FWD_PUNT_PRIV_H

/* The punt's per-kind state in the ctx and its worker half (fwd_punt.h). */

#include <stdatomic.h>

#include "fwd_punt.h"

struct fwd_rx;
struct fwd_worker;

/* One kind. ring: W fwd_punt_register (release), R workers per frame
 * (acquire). limit: W main before launch (fwd_punt_limit_set), R workers. */
struct fwd_punt_slot {
	_Atomic(struct rte_ring *) ring;
	struct fwd_punt_limit limit;
};

/* Worker: (re)arms w's per-port buckets of every kind at TSC now, each
 * port's rate and burst split over its rx queues. */
void fwd_punt_worker_init(struct fwd_worker *w, uint64_t now);

/* Worker: rx (a validated IPv4 packet of kind k) to k's consumer, or
 * dropped and counted; consumes rx->m. */
void fwd_punt_frame(struct fwd_worker *w, struct fwd_rx *rx, enum fwd_punt_kind k);

#endif
