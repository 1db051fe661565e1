/* SPDX-License-Identifier: BSD-2-Clause */
/* The punt to the control plane (fwd_punt.h): registration and the worker half. */

#include <errno.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "fwd_count_priv.h"
#include "fwd_ctx_priv.h"
#include "fwd_input_priv.h"
#include "fwd_punt_priv.h"

/* Each kind's counters, from the one table (FWD_PUNT_KINDS). */
static const struct {
	const char *name;
	enum fwd_event queued;
	enum fwd_drop no_consumer, ring_full, over_rate;
} kinds[FWD_PUNT__COUNT] = {
#define X(k, n, q, nc, rf, r)                                                                      \
	[FWD_PUNT_##k] = {n, FWD_EV_##q, FWD_DROP_##nc, FWD_DROP_##rf, FWD_DROP_##r},
    FWD_PUNT_KINDS(X)
#undef X
};

const char *fwd_punt_kind_name(enum fwd_punt_kind k)
{
	return (unsigned int)k < FWD_PUNT__COUNT ? kinds[k].name : "?";
}

struct rte_ring *fwd_punt_ring_create(const char *name, unsigned int count, int socket_id)
{
	/* MP enqueue (every worker), SC dequeue (the consumer). */
	return rte_ring_create_elem(name, sizeof(struct fwd_punt_msg), rte_align32pow2(count),
	                            socket_id, RING_F_SC_DEQ);
}

int fwd_punt_register(struct fwd_ctx *ctx, enum fwd_punt_kind k, struct rte_ring *ring)
{
	if (ctx == NULL || (unsigned int)k >= FWD_PUNT__COUNT)
		return -EINVAL;
	atomic_store_explicit(&ctx->punt[k].ring, ring, memory_order_release);
	return 0;
}

int fwd_punt_limit_set(struct fwd_ctx *ctx, enum fwd_punt_kind k, const struct fwd_punt_limit *l)
{
	if (ctx == NULL || l == NULL || (unsigned int)k >= FWD_PUNT__COUNT)
		return -EINVAL;
	ctx->punt[k].limit = *l;
	for (unsigned int i = 0; i < ctx->n_workers; i++)
		fwd_punt_worker_init(ctx->workers[i], ctx->workers[i]->now);
	return 0;
}

/* ceil(v / n): a port's share per rx queue, never 0 for a non-zero v. */
static uint32_t share(uint32_t v, uint16_t n)
{
	return n > 1 ? (uint32_t)(((uint64_t)v + n - 1) / n) : v;
}

void fwd_punt_worker_init(struct fwd_worker *w, uint64_t now)
{
	const struct fwd_ctx *ctx = w->ctx;

	for (unsigned int k = 0; k < FWD_PUNT__COUNT; k++)
		for (unsigned int p = 0; p < FWD_MAX_PORTS; p++) {
			const struct fwd_punt_limit *l = &ctx->punt[k].limit;
			uint16_t q = ctx->port[p].nb_rxq;

			fwd_tbucket_init(&w->punt_tb[k][p], ctx->hz, share(l->rate, q),
			                 share(l->burst, q), now);
		}
}

void fwd_punt_frame(struct fwd_worker *w, struct fwd_rx *rx, enum fwd_punt_kind k)
{
	const struct rte_ether_hdr *eth = (const void *)rx->frame;
	const struct rte_ipv4_hdr *ip = (const void *)(eth + 1);
	struct rte_ring *ring = atomic_load_explicit(&w->ctx->punt[k].ring, memory_order_acquire);
	struct fwd_punt_msg msg;
	uint16_t tlen;

	if (ring == NULL)
		return fwd_drop_pkt(w, rx->m, kinds[k].no_consumer);
	if (!fwd_tbucket_take(&w->punt_tb[k][rx->port], w->now))
		return fwd_drop_pkt(w, rx->m, kinds[k].over_rate);
	tlen = rte_be_to_cpu_16(ip->total_length);
	msg.rx_tsc = w->now;
	msg.port = rx->port;
	msg.orig_len = tlen;
	msg.len = RTE_MIN(tlen, (uint16_t)FWD_PUNT_MSG_MAX);
	msg.kind = (uint8_t)k;
	msg.pad = 0;
	msg.src_mac = eth->src_addr;
	msg.dst_mac = eth->dst_addr;
	memcpy(msg.pkt, ip, msg.len);
	if (rte_ring_mp_enqueue_elem(ring, &msg, sizeof(msg)) != 0)
		return fwd_drop_pkt(w, rx->m, kinds[k].ring_full);
	fwd_count_event(w, kinds[k].queued);
	rte_pktmbuf_free(rx->m);
}
