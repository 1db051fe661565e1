/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IPv6 neighbour table, the design of the ARP one (fwd_neigh.c): an rte_hash
 * keyed by (address, port) -- a link-local address is only unique on its
 * link -- whose data is the same packed 64-bit word (fwd_nb_pack), read
 * lock-free by the workers; ONE writer (fwd_neigh6_service, the thread of
 * fwd_neigh_service) fed by what workers learn from NS/NA through an MP/SC
 * ring; deleted slots reclaimed through the context's QSBR variable.
 * REACHABLE for reachable_ms after being learned or confirmed, then STALE
 * (used, and a worker forwarding to it sends a unicast NS probe whose NA
 * confirms it) for stale_ms, then deleted. Static entries never age.
 */
#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_hash.h>
#include <rte_hash_crc.h>
#include <rte_malloc.h>
#include <rte_rcu_qsbr.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "fwd_ctx_priv.h"
#include "fwd_ip6_priv.h"

int fwd_neigh6_table_init(struct fwd_neigh6_table *t, const char *name, const struct fwd_params *p,
                          uint32_t entries, struct rte_rcu_qsbr *v)
{
	char hname[RTE_HASH_NAMESIZE], rname[RTE_RING_NAMESIZE];
	struct rte_hash_parameters hp = {
	    .name = hname,
	    .entries = entries,
	    .key_len = sizeof(struct fwd_nb6_key),
	    .hash_func = rte_hash_crc,
	    .socket_id = p->socket_id,
	    .extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF,
	};
	struct rte_hash_rcu_config rcu = {.mode = RTE_HASH_QSBR_MODE_DQ, .v = v};
	int rc = -ENOMEM;

	memset(t, 0, sizeof(*t));
	rte_spinlock_init(&t->lock);
	t->reachable_ms = p->neigh_reachable_ms;
	t->stale_ms = p->neigh_stale_ms;
	snprintf(hname, sizeof(hname), "%s_nb6", name);
	snprintf(rname, sizeof(rname), "%s_nl6", name);
	t->h = rte_hash_create(&hp);
	if (t->h == NULL)
		goto fail;
	if (rte_hash_rcu_qsbr_add(t->h, &rcu) != 0) {
		rc = -rte_errno;
		goto fail;
	}
	t->learn = rte_ring_create_elem(rname, sizeof(struct fwd_neigh6_learn),
	                                rte_align32pow2(RTE_MAX(p->learn_ring_size, 64u)),
	                                p->socket_id, RING_F_SC_DEQ);
	if (t->learn == NULL) {
		rc = -rte_errno;
		goto fail;
	}
	t->meta = rte_zmalloc_socket("fwd_nb6_meta", sizeof(*t->meta) * entries, 0, p->socket_id);
	if (t->meta == NULL)
		goto fail;
	t->cap = entries;
	return 0;
fail:
	fwd_neigh6_table_fini(t);
	return rc;
}

void fwd_neigh6_table_fini(struct fwd_neigh6_table *t)
{
	rte_hash_free(t->h);
	rte_ring_free(t->learn);
	rte_free(t->meta);
	t->h = NULL;
	t->learn = NULL;
	t->meta = NULL;
}

uint64_t fwd_neigh6_lookup(const struct fwd_neigh6_table *t, const uint8_t addr[16], uint16_t port)
{
	struct fwd_nb6_key k;
	void *d;

	fwd_nb6_key_make(&k, addr, port);
	if (rte_hash_lookup_data(t->h, &k, &d) < 0)
		return 0;
	return (uint64_t)(uintptr_t)d;
}

static int store(struct fwd_neigh6_table *t, const struct fwd_nb6_key *k, uint64_t data,
                 uint64_t now_ms)
{
	int rc = rte_hash_add_key_data(t->h, k, (void *)(uintptr_t)data);
	int32_t pos;

	if (rc < 0)
		return rc;
	pos = rte_hash_lookup(t->h, k);
	if (pos < 0 || (uint32_t)pos >= t->cap)
		return -EIO;
	atomic_fetch_add_explicit(&t->gen, 1, memory_order_release);
	rte_spinlock_lock(&t->lock);
	t->meta[pos] =
	    (struct fwd_neigh6_meta){.key = *k, .in_use = 1, .data = data, .updated_ms = now_ms};
	rte_spinlock_unlock(&t->lock);
	return 0;
}

int fwd_neigh6_table_set(struct fwd_neigh6_table *t, const uint8_t addr[16], uint16_t port,
                         const struct rte_ether_addr *mac, bool is_static, uint64_t now_ms)
{
	uint64_t data = fwd_nb_pack(mac, port, is_static ? FWD_NB_STATIC : 0);
	struct fwd_nb6_key k;
	int32_t pos;
	int rc;

	if (port >= FWD_MAX_PORTS || rte_is_multicast_ether_addr(mac) ||
	    rte_is_zero_ether_addr(mac))
		return -EINVAL;
	fwd_nb6_key_make(&k, addr, port);
	pos = rte_hash_lookup(t->h, &k);
	if (pos >= 0 && (uint32_t)pos < t->cap && t->meta[pos].in_use) {
		struct fwd_neigh6_meta *m = &t->meta[pos];

		if ((m->data & FWD_NB_STATIC) && !is_static)
			return 0; /* configuration wins over NDP */
		if (m->data == data) {
			rte_spinlock_lock(&t->lock);
			m->updated_ms = now_ms;
			rte_spinlock_unlock(&t->lock);
			return 0;
		}
	}
	rc = store(t, &k, data, now_ms);
	return rc < 0 ? rc : 1;
}

static int age(struct fwd_neigh6_table *t, uint64_t now_ms)
{
	int changes = 0;

	for (uint32_t pos = 0; pos < t->cap; pos++) {
		struct fwd_neigh6_meta *m = &t->meta[pos];
		uint64_t a;

		if (!m->in_use || (m->data & FWD_NB_STATIC))
			continue;
		a = now_ms > m->updated_ms ? now_ms - m->updated_ms : 0;
		if (a >= (uint64_t)t->reachable_ms + t->stale_ms) {
			struct fwd_nb6_key k = m->key;

			rte_hash_del_key(t->h, &k); /* slot reused after QSBR */
			atomic_fetch_add_explicit(&t->gen, 1, memory_order_release);
			rte_spinlock_lock(&t->lock);
			m->in_use = 0;
			rte_spinlock_unlock(&t->lock);
			changes++;
		} else if (a >= t->reachable_ms && !(m->data & FWD_NB_STALE)) {
			struct fwd_nb6_key k = m->key;

			if (store(t, &k, m->data | FWD_NB_STALE, m->updated_ms) == 0)
				changes++;
		}
	}
	return changes;
}

int fwd_neigh6_service(struct fwd_ctx *ctx, uint64_t now_ms)
{
	struct fwd_neigh6_table *t;
	struct fwd_neigh6_learn msgs[32];
	unsigned int n;
	int changes = 0;

	if (ctx->ip6 == NULL)
		return 0;
	t = &ctx->ip6->neigh;
	do {
		n = rte_ring_sc_dequeue_burst_elem(t->learn, msgs, sizeof(msgs[0]), RTE_DIM(msgs),
		                                   NULL);
		for (unsigned int i = 0; i < n; i++)
			if (fwd_neigh6_table_set(t, msgs[i].key.addr, msgs[i].key.port,
			                         &msgs[i].mac, false, now_ms) > 0)
				changes++;
	} while (n == RTE_DIM(msgs));
	return changes + age(t, now_ms);
}

int fwd_neigh6_add_static(struct fwd_ctx *ctx, const uint8_t addr[16],
                          const struct rte_ether_addr *mac, uint16_t port)
{
	int rc;

	if (ctx->ip6 == NULL)
		return -ENODEV;
	rc = fwd_neigh6_table_set(&ctx->ip6->neigh, addr, port, mac, true, 0);
	return rc < 0 ? rc : 0;
}

int fwd_neigh6_walk(struct fwd_ctx *ctx, uint64_t now_ms, fwd_neigh6_cb cb, void *arg)
{
	struct fwd_neigh6_table *t;
	int rc = 0;

	if (ctx->ip6 == NULL)
		return 0;
	t = &ctx->ip6->neigh;
	for (uint32_t pos = 0; pos < t->cap && rc == 0; pos++) {
		struct fwd_neigh6_info ni;
		bool used;

		rte_spinlock_lock(&t->lock);
		used = t->meta[pos].in_use;
		if (used) {
			uint64_t d = t->meta[pos].data;

			memcpy(ni.addr, t->meta[pos].key.addr, 16);
			fwd_nb_mac(d, &ni.mac);
			ni.port = fwd_nb_port(d);
			ni.state = (d & FWD_NB_STATIC)  ? FWD_NEIGH_STATIC
			           : (d & FWD_NB_STALE) ? FWD_NEIGH_STALE
			                                : FWD_NEIGH_REACHABLE;
			ni.age_ms = (d & FWD_NB_STATIC) || now_ms < t->meta[pos].updated_ms
			                ? 0
			                : now_ms - t->meta[pos].updated_ms;
		}
		rte_spinlock_unlock(&t->lock);
		if (used)
			rc = cb(&ni, arg);
	}
	return rc;
}
