/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_WORKER_PRIV_H
#define FWD_WORKER_PRIV_H

/*
 * One worker lcore's private state (fwd_worker.c runs it, fwd_workers.c
 * creates it). The protocol handlers (fwd_*_input.c) get it as `w`.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_ether.h>

#include "fwd.h"
#include "fwd_counters.h"
#include "fwd_punt.h"
#include "fwd_ratelimit.h"
#include "fwd_worker.h"

struct rte_mbuf;
struct fwd_ctx;

struct fwd_txbuf {
	uint16_t n;
	struct rte_mbuf *pkts[FWD_BURST];
};

#define FWD_ARP_RECENT 64  /* per-lcore "asked recently" slots, direct mapped */
/*
 * Per-lcore next hop -> neighbour cache, direct mapped, 2^13 slots of 24
 * bytes (192 KiB, inside a core's L2). 256 slots thrashed as soon as a
 * connected LAN had 1024+ active hosts: every miss is an rte_hash lookup
 * (82 -> 154-167 cycles/packet measured). Fibonacci hashing spreads a
 * subnet's consecutive addresses over distinct slots, so a /20 (4096
 * hosts) fits without conflicts. Emptied (memset) only when the neighbour
 * table changes.
 */
#define FWD_NB_CACHE_BITS 13
#define FWD_NB_CACHE      (1u << FWD_NB_CACHE_BITS)

/*
 * A cached neighbour: its hash word and the Ethernet addresses a packet to it
 * gets (its MAC, then the MAC of the port the word names), so the rewrite of
 * a forwarded frame is one 12-byte copy.
 */
struct fwd_nb_cache_slot {
	uint64_t data;
	uint32_t ip;                  /* 0: empty (0.0.0.0 is never a next hop) */
	struct rte_ether_addr eth[2]; /* destination, source */
};
_Static_assert(sizeof(struct fwd_nb_cache_slot) == 24, "cache slot: no padding");

struct fwd_arp_recent {
	uint32_t ip;
	uint64_t tsc;
};

/*
 * One worker. Everything here is W+R by the worker itself, except: stats
 * (R: telemetry, relaxed), and the fields set up by main before launch
 * (ctx, lcore, txq, rxq, n_rxq).
 */
struct fwd_worker {
	struct fwd_lcore_stats stats;
	struct fwd_ctx *ctx;
	unsigned int lcore;
	uint16_t txq;
	uint16_t n_rxq;
	bool qsbr_registered; /* in the neighbour QSBR; W: fwd_workers_setup, fwd_workers_free */
	struct fwd_rxq rxq[FWD_MAX_RXQ_PER_WORKER];
	uint32_t tx_dirty; /* bit per port with a non-empty txbuf */
	struct fwd_tbucket icmp_tb;
	struct fwd_tbucket arp_tb;
	struct fwd_tbucket punt_tb[FWD_PUNT__COUNT][FWD_MAX_PORTS]; /* fwd_punt.c */
	uint64_t arp_retry_tsc;
	uint64_t now;             /* TSC at the start of the current burst */
	uint32_t burst_forwarded; /* forwarded in this burst, added to stats at its end */
	struct fwd_arp_recent arp_recent[FWD_ARP_RECENT];
	uint64_t nb_cache_gen; /* neigh.gen the cache was filled under */
	struct fwd_nb_cache_slot nb_cache[FWD_NB_CACHE];
	struct fwd_txbuf tx[FWD_MAX_PORTS];
} __rte_cache_aligned;

/* Initialises a worker's private state (buckets, txq) at TSC now. */
void fwd_worker_init(struct fwd_worker *w, struct fwd_ctx *ctx, unsigned int lcore, uint16_t txq,
                     uint64_t now);
/*
 * Processes n packets received on port: every mbuf ends up in a tx buffer,
 * in a ring, or freed. The unit tests drive it directly and read w->tx.
 */
void fwd_worker_rx(struct fwd_worker *w, uint16_t port, struct rte_mbuf **pkts, uint16_t n);

#endif
