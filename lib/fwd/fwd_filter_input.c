/* SPDX-License-Identifier: BSD-2-Clause */
/* The filter stage of a worker: see fwd_filter_priv.h and fwd_filter.h. */
#include <rte_branch_prediction.h>

#include "fwd_count_priv.h"
#include "fwd_ctx_priv.h"
#include "fwd_filter.h"
#include "fwd_filter_priv.h"
#include "fwd_pfsync.h"
#include "fwd_route_priv.h"
#include "pf_rule.h"

/* States expired per poll at most: bounded work, the rest the next poll. */
#define FWD_FILTER_EXPIRE_PER_POLL 64

static inline uint32_t now_s(const struct fwd_worker *w)
{
	return (uint32_t)(w->now / w->ctx->hz);
}

void fwd_filter_attach(struct fwd_ctx *ctx, struct fwd_filter *f)
{
	ctx->pf = f;
}

static bool verdict(struct fwd_worker *w, struct fwd_rx *rx, enum fwd_drop why)
{
	if (likely(why == FWD_DROP_NONE))
		return true;
	fwd_drop_pkt(w, rx->m, why);
	return false;
}

bool fwd_filter_in(struct fwd_worker *w, struct fwd_rx *rx, const struct fwd_route_entry **rt)
{
	const struct rte_ipv4_hdr *ip = (const void *)(rx->frame + FWD_ETH_LEN);
	uint32_t dst = ip->dst_addr;
	enum fwd_drop why;

	why = fwd_filter_packet(w->ctx->pf, w->txq, rx->port, PF_IN, rx->frame, rx->len, now_s(w));
	if (unlikely(ip->dst_addr != dst && why == FWD_DROP_NONE)) {
		rx->dst = fwd_ntohl(ip->dst_addr);
		*rt = fwd_route_lookup(&w->ctx->routes, rx->dst);
	}
	return verdict(w, rx, why);
}

/* One pass of the filter over rx on port, direction dir. */
static bool pass(struct fwd_worker *w, struct fwd_rx *rx, uint16_t port, uint8_t dir)
{
	return verdict(
	    w, rx, fwd_filter_packet(w->ctx->pf, w->txq, port, dir, rx->frame, rx->len, now_s(w)));
}

bool fwd_filter_carp(struct fwd_worker *w, struct fwd_rx *rx)
{
	return pass(w, rx, rx->port, PF_IN);
}

bool fwd_filter_out(struct fwd_worker *w, struct fwd_rx *rx, uint16_t out)
{
	return pass(w, rx, out, PF_OUT);
}

void fwd_filter_poll(struct fwd_worker *w)
{
	fwd_filter_expire(w->ctx->pf, w->txq, now_s(w), FWD_FILTER_EXPIRE_PER_POLL);
	if (w->ctx->pfsync != NULL)
		fwd_pfsync_poll(w->ctx->pfsync, w, fwd_filter_pf(w->ctx->pf, w->txq));
}
