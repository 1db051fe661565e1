/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Neighbour table: rte_hash (key: IPv4 host order, data: one packed 64-bit
 * word, see fwd_nb_pack) with lock-free concurrent readers
 * (RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF) and a SINGLE writer: the thread
 * calling fwd_neigh_service(). Workers never write the hash: what they learn
 * from ARP goes to the writer through an MP/SC ring of copied messages.
 * Deleted key slots are reclaimed through RCU QSBR (rte_hash_rcu_qsbr_add):
 * workers report a quiescent state once per poll loop.
 *
 * Life of a learned entry: REACHABLE for reachable_ms after being learned
 * or confirmed, then STALE (still used; a worker forwarding to it sends an
 * ARP request, rate-limited, and the reply confirms it) for stale_ms, then
 * deleted. Static entries never age and learning never overwrites them.
 */

#include <errno.h>
#include <stdio.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_hash.h>
#include <rte_hash_crc.h>
#include <rte_malloc.h>
#include <rte_rcu_qsbr.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "fwd_ctx_priv.h"
#include "fwd_reload.h"

int fwd_neigh_table_init(struct fwd_neigh_table *t, const char *name, const struct fwd_params *p)
{
	char hname[RTE_HASH_NAMESIZE], rname[RTE_RING_NAMESIZE];
	uint32_t entries = RTE_MAX(p->max_neighbours, 16u);
	struct rte_hash_parameters hp = {
	    .name = hname,
	    .entries = entries,
	    .key_len = sizeof(uint32_t),
	    .hash_func = rte_hash_crc,
	    .socket_id = p->socket_id,
	    .extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF,
	};
	struct rte_hash_rcu_config rcu = {.mode = RTE_HASH_QSBR_MODE_DQ};
	size_t qsz = rte_rcu_qsbr_get_memsize(RTE_MAX_LCORE);
	int rc = -ENOMEM;

	memset(t, 0, sizeof(*t));
	rte_spinlock_init(&t->lock);
	t->reachable_ms = p->neigh_reachable_ms;
	t->stale_ms = p->neigh_stale_ms;
	snprintf(hname, sizeof(hname), "%s_nb", name);
	snprintf(rname, sizeof(rname), "%s_nl", name);

	t->h = rte_hash_create(&hp);
	if (t->h == NULL)
		goto fail;
	t->qsbr = rte_zmalloc_socket("fwd_qsbr", qsz, RTE_CACHE_LINE_SIZE, p->socket_id);
	if (t->qsbr == NULL || rte_rcu_qsbr_init(t->qsbr, RTE_MAX_LCORE) != 0)
		goto fail;
	rcu.v = t->qsbr;
	if (rte_hash_rcu_qsbr_add(t->h, &rcu) != 0) {
		rc = -rte_errno;
		goto fail;
	}
	t->learn = rte_ring_create_elem(rname, sizeof(struct fwd_neigh_learn),
	                                rte_align32pow2(RTE_MAX(p->learn_ring_size, 64u)),
	                                p->socket_id, RING_F_SC_DEQ);
	if (t->learn == NULL) {
		rc = -rte_errno;
		goto fail;
	}
	t->meta = rte_zmalloc_socket("fwd_nb_meta", sizeof(*t->meta) * entries, 0, p->socket_id);
	if (t->meta == NULL)
		goto fail;
	t->cap = entries;
	return 0;
fail:
	fwd_neigh_table_fini(t);
	return rc;
}

void fwd_neigh_table_fini(struct fwd_neigh_table *t)
{
	rte_hash_free(t->h); /* before the QSBR variable it references */
	rte_ring_free(t->learn);
	rte_free(t->qsbr);
	rte_free(t->meta);
	t->h = NULL;
	t->learn = NULL;
	t->qsbr = NULL;
	t->meta = NULL;
}

uint64_t fwd_neigh_lookup(const struct fwd_neigh_table *t, uint32_t ip)
{
	void *d;

	if (rte_hash_lookup_data(t->h, &ip, &d) < 0)
		return 0;
	return (uint64_t)(uintptr_t)d;
}

/* Publishes data for ip in the hash and records it in meta. */
static int neigh_store(struct fwd_neigh_table *t, uint32_t ip, uint64_t data, uint64_t now_ms)
{
	int rc = rte_hash_add_key_data(t->h, &ip, (void *)(uintptr_t)data);
	int32_t pos;

	if (rc < 0)
		return rc;
	pos = rte_hash_lookup(t->h, &ip);
	if (pos < 0 || (uint32_t)pos >= t->cap)
		return -EIO;
	atomic_fetch_add_explicit(&t->gen, 1, memory_order_release);
	rte_spinlock_lock(&t->lock);
	t->meta[pos].ip = ip;
	t->meta[pos].in_use = 1;
	t->meta[pos].data = data;
	t->meta[pos].updated_ms = now_ms;
	rte_spinlock_unlock(&t->lock);
	return 0;
}

int fwd_neigh_table_set(struct fwd_neigh_table *t, uint32_t ip, const struct rte_ether_addr *mac,
                        uint16_t port, bool is_static, uint64_t now_ms)
{
	int32_t pos = rte_hash_lookup(t->h, &ip);
	uint64_t data = fwd_nb_pack(mac, port, is_static ? FWD_NB_STATIC : 0);

	if (port >= FWD_MAX_PORTS || rte_is_multicast_ether_addr(mac) ||
	    rte_is_zero_ether_addr(mac))
		return -EINVAL;
	if (pos >= 0 && (uint32_t)pos < t->cap && t->meta[pos].in_use) {
		struct fwd_neigh_meta *m = &t->meta[pos];

		if ((m->data & FWD_NB_STATIC) && !is_static)
			return 0;      /* configuration wins over ARP */
		if (m->data == data) { /* confirmation: only the timestamp moves */
			rte_spinlock_lock(&t->lock);
			m->updated_ms = now_ms;
			rte_spinlock_unlock(&t->lock);
			return 0;
		}
	}
	int rc = neigh_store(t, ip, data, now_ms);

	return rc < 0 ? rc : 1;
}

/* Removes the entry at meta m. The slot is reused only after every worker
 * passed a quiescent state (QSBR defer queue). */
static void neigh_remove(struct fwd_neigh_table *t, struct fwd_neigh_meta *m)
{
	uint32_t ip = m->ip;

	rte_hash_del_key(t->h, &ip);
	atomic_fetch_add_explicit(&t->gen, 1, memory_order_release);
	rte_spinlock_lock(&t->lock);
	m->in_use = 0;
	rte_spinlock_unlock(&t->lock);
}

static int neigh_age(struct fwd_neigh_table *t, uint64_t now_ms)
{
	int changes = 0;

	for (uint32_t pos = 0; pos < t->cap; pos++) {
		struct fwd_neigh_meta *m = &t->meta[pos];
		uint64_t age;

		if (!m->in_use || (m->data & FWD_NB_STATIC))
			continue;
		age = now_ms > m->updated_ms ? now_ms - m->updated_ms : 0;
		if (age >= (uint64_t)t->reachable_ms + t->stale_ms) {
			neigh_remove(t, m);
			changes++;
		} else if (age >= t->reachable_ms && !(m->data & FWD_NB_STALE)) {
			uint64_t upd = m->updated_ms;

			if (neigh_store(t, m->ip, m->data | FWD_NB_STALE, upd) == 0)
				changes++;
		}
	}
	return changes;
}

int fwd_neigh_table_service(struct fwd_neigh_table *t, uint64_t now_ms)
{
	struct fwd_neigh_learn msgs[32];
	unsigned int n;
	int changes = 0;

	do {
		n = rte_ring_sc_dequeue_burst_elem(t->learn, msgs, sizeof(msgs[0]), RTE_DIM(msgs),
		                                   NULL);
		for (unsigned int i = 0; i < n; i++)
			if (fwd_neigh_table_set(t, msgs[i].ip, &msgs[i].mac, msgs[i].port, false,
			                        now_ms) > 0)
				changes++;
	} while (n == RTE_DIM(msgs));
	return changes + neigh_age(t, now_ms);
}

int fwd_neigh_service(struct fwd_ctx *ctx, uint64_t now_ms)
{
	return fwd_neigh_table_service(&ctx->neigh, now_ms);
}

uint64_t fwd_now_ms(void)
{
	return rte_get_tsc_cycles() / (rte_get_tsc_hz() / 1000);
}

int fwd_neigh_add_static(struct fwd_ctx *ctx, uint32_t ip, const struct rte_ether_addr *mac,
                         uint16_t port)
{
	int rc = fwd_neigh_table_set(&ctx->neigh, ip, mac, port, true, 0);

	return rc < 0 ? rc : 0;
}

int fwd_neigh_del_static(struct fwd_ctx *ctx, uint32_t ip)
{
	struct fwd_neigh_table *t = &ctx->neigh;
	int32_t pos = rte_hash_lookup(t->h, &ip);

	if (pos < 0 || (uint32_t)pos >= t->cap || !t->meta[pos].in_use ||
	    !(t->meta[pos].data & FWD_NB_STATIC))
		return -ENOENT;
	neigh_remove(t, &t->meta[pos]);
	return 0;
}

const char *fwd_neigh_state_name(enum fwd_neigh_state s)
{
	switch (s) {
	case FWD_NEIGH_STATIC:
		return "static";
	case FWD_NEIGH_REACHABLE:
		return "reachable";
	case FWD_NEIGH_STALE:
		return "stale";
	}
	return "?";
}

int fwd_neigh_get(const struct fwd_ctx *ctx, uint32_t ip, struct rte_ether_addr *mac,
                  uint16_t *port)
{
	uint64_t d = fwd_neigh_lookup(&ctx->neigh, ip);

	if (d == 0)
		return -ENOENT;
	fwd_nb_mac(d, mac);
	*port = fwd_nb_port(d);
	return 0;
}

int fwd_neigh_walk(struct fwd_ctx *ctx, uint64_t now_ms, fwd_neigh_cb cb, void *arg)
{
	struct fwd_neigh_table *t = &ctx->neigh;
	int rc = 0;

	for (uint32_t pos = 0; pos < t->cap && rc == 0; pos++) {
		struct fwd_neigh_info ni;
		bool used;

		rte_spinlock_lock(&t->lock);
		used = t->meta[pos].in_use;
		if (used) {
			uint64_t d = t->meta[pos].data;

			ni.ip = t->meta[pos].ip;
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
