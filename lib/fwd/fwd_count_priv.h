/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_COUNT_PRIV_H
#define FWD_COUNT_PRIV_H

/* A worker counts every drop and event in its own stats (fwd_counters.h). */

#include <rte_mbuf.h>

#include "fwd_counters.h"
#include "fwd_worker_priv.h"

static inline void fwd_count_drop(struct fwd_worker *w, enum fwd_drop why)
{
	FWD_CNT_INC(w->stats.drops[why]);
}

static inline void fwd_count_event(struct fwd_worker *w, enum fwd_event ev)
{
	FWD_CNT_INC(w->stats.events[ev]);
}

/* Counts m as dropped for `why` and frees it. */
static inline void fwd_drop_pkt(struct fwd_worker *w, struct rte_mbuf *m, enum fwd_drop why)
{
	fwd_count_drop(w, why);
	rte_pktmbuf_free(m);
}

#endif
