/* SPDX-License-Identifier: BSD-2-Clause */
/* CARP hook: the advert ring to the control lcore. */

#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "fwd_ctx_priv.h"

struct rte_ring *fwd_carp_ring_create(const char *name, unsigned int count, int socket_id)
{
	/* MP enqueue (every worker), SC dequeue (the control lcore). */
	return rte_ring_create_elem(name, sizeof(struct fwd_carp_msg), rte_align32pow2(count),
	                            socket_id, RING_F_SC_DEQ);
}

void fwd_carp_ring_set(struct fwd_ctx *ctx, struct rte_ring *ring)
{
	atomic_store_explicit(&ctx->carp_ring, ring, memory_order_release);
}
