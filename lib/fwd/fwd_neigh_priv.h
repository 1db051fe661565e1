/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_NEIGH_PRIV_H
#define FWD_NEIGH_PRIV_H

/*
 * The neighbour table (fwd_neigh.c): a lock-free rte_hash read by the
 * workers, written by ONE thread (fwd_neigh_service), fed by a learn ring.
 */

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_ether.h>
#include <rte_spinlock.h>

#include "fwd.h"

struct rte_hash;
struct rte_ring;
struct rte_rcu_qsbr;

/*
 * Hash data of a neighbour, one 64-bit word so a worker reads MAC, port and
 * flags in one atomic load (rte_hash stores it as the data pointer):
 * bits 0-47 MAC (byte 0 in bits 0-7), 48-55 port, 56-63 flags.
 */
#define FWD_NB_STATIC (1ULL << 56)
#define FWD_NB_STALE  (1ULL << 57)
#define FWD_NB_VALID  (1ULL << 63)

static inline uint64_t fwd_nb_pack(const struct rte_ether_addr *mac, uint16_t port, uint64_t flags)
{
	uint64_t v = 0;

	for (int i = 0; i < 6; i++)
		v |= (uint64_t)mac->addr_bytes[i] << (8 * i);
	return v | ((uint64_t)(port & 0xff) << 48) | flags | FWD_NB_VALID;
}

static inline void fwd_nb_mac(uint64_t v, struct rte_ether_addr *mac)
{
	for (int i = 0; i < 6; i++)
		mac->addr_bytes[i] = (uint8_t)(v >> (8 * i));
}

static inline uint16_t fwd_nb_port(uint64_t v)
{
	return (uint16_t)((v >> 48) & 0xff);
}

/* A learn message, worker -> writer (MP/SC ring of copied elements). */
struct fwd_neigh_learn {
	uint32_t ip;
	uint16_t port;
	struct rte_ether_addr mac;
};

/* Writer-side bookkeeping per hash position. W: writer under lock. R: telemetry under lock. */
struct fwd_neigh_meta {
	uint32_t ip;
	uint8_t in_use;
	uint64_t data;       /* what the hash holds */
	uint64_t updated_ms; /* learned or last confirmed */
};

struct fwd_neigh_table {
	/* Read by every worker, every burst or packet: */
	struct rte_hash *h;        /* W: writer only. R: workers, lock-free (RW_CONCURRENCY_LF) */
	struct rte_ring *learn;    /* MP enqueue: workers. SC dequeue: writer */
	struct rte_rcu_qsbr *qsbr; /* workers report quiescence; hash deletes reclaim through it */
	/* Bumped (release) after every hash change. W: writer. R: workers (acquire),
	 * once per burst, to drop their neighbour caches. */
	_Atomic uint64_t gen;
	/* Writer and telemetry only, on a cache line of their own: the lock
	 * they take must not bounce the line workers read every poll (and
	 * the table is cache aligned, so what follows it starts a new line). */
	rte_spinlock_t lock __rte_cache_aligned; /* workers never take it */
	struct fwd_neigh_meta *meta;             /* [cap], indexed by hash position; under lock */
	uint32_t cap;
	uint32_t reachable_ms;
	uint32_t stale_ms;
} __rte_cache_aligned;

int fwd_neigh_table_init(struct fwd_neigh_table *t, const char *name, const struct fwd_params *p);
void fwd_neigh_table_fini(struct fwd_neigh_table *t);
/* Writer: add or update an entry (static or learned at now_ms). */
int fwd_neigh_table_set(struct fwd_neigh_table *t, uint32_t ip, const struct rte_ether_addr *mac,
                        uint16_t port, bool is_static, uint64_t now_ms);
/* Writer: drain learn ring, age. */
int fwd_neigh_table_service(struct fwd_neigh_table *t, uint64_t now_ms);
/* Reader (any thread, lock-free): packed data or 0 when absent. */
uint64_t fwd_neigh_lookup(const struct fwd_neigh_table *t, uint32_t ip);
#endif
