/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_PRIV_H
#define FWD_PRIV_H

/*
 * lib/fwd internals shared by its .c files and its unit tests; not for
 * app/. Every cross-thread field says who writes (W) and who reads (R).
 * "main" = the thread that built the ctx, before launch; after launch those
 * fields are read-only.
 */

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_lpm.h>
#include <rte_spinlock.h>

#include "fwd.h"
#include "fwd_carp.h"
#include "fwd_pkt.h"
#include "fwd_ratelimit.h"
#include "fwd_vip_priv.h"
#include "fwd_worker.h"

struct rte_hash;
struct rte_mbuf;
struct rte_rcu_qsbr;

/* ---- routes (fwd_route.c) ---- */

/* One route; the LPM next hop is its index. W: main. R: workers, telemetry. */
struct fwd_route_entry {
	uint32_t prefix;
	uint32_t gateway;
	uint16_t port;
	uint8_t len;
	uint8_t type; /* enum fwd_route_type */
};

#define FWD_NH_NONE UINT32_MAX

struct fwd_route_table {
	struct rte_lpm *lpm; /* depths 1..32; W main, R workers */
	uint32_t default_nh; /* 0.0.0.0/0 (LPM has no depth 0) or FWD_NH_NONE */
	uint32_t n;          /* routes in use; W main */
	uint32_t cap;
	struct fwd_route_entry *r; /* [cap] */
};

int fwd_route_table_init(struct fwd_route_table *t, const char *name, uint32_t cap, int socket);
void fwd_route_table_fini(struct fwd_route_table *t);
/* Adds one entry of any type; -EEXIST if prefix/len is present. */
int fwd_route_table_add(struct fwd_route_table *t, const struct fwd_route_entry *e);

/* Longest-prefix match: the route for dst, or NULL. Worker-safe (read-only). */
static inline const struct fwd_route_entry *fwd_route_lookup(const struct fwd_route_table *t,
                                                             uint32_t dst)
{
	uint32_t nh;

	if (rte_lpm_lookup(t->lpm, dst, &nh) == 0)
		return &t->r[nh];
	return t->default_nh == FWD_NH_NONE ? NULL : &t->r[t->default_nh];
}

/*
 * The route for an LPM result hop (rte_lpm_lookupx4 with defv FWD_NH_NONE:
 * no match gives FWD_NH_NONE), falling back to the default route.
 */
static inline const struct fwd_route_entry *fwd_route_of_hop(const struct fwd_route_table *t,
                                                             uint32_t hop)
{
	if (likely(hop != FWD_NH_NONE))
		return &t->r[hop];
	return t->default_nh == FWD_NH_NONE ? NULL : &t->r[t->default_nh];
}

/* ---- neighbours (fwd_neigh.c) ---- */

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
	struct rte_hash *h;        /* W: writer only. R: workers, lock-free (RW_CONCURRENCY_LF) */
	struct rte_ring *learn;    /* MP enqueue: workers. SC dequeue: writer */
	struct rte_rcu_qsbr *qsbr; /* workers report quiescence; hash deletes reclaim through it */
	struct fwd_neigh_meta *meta; /* [cap], indexed by hash position */
	uint32_t cap;
	uint32_t reachable_ms;
	uint32_t stale_ms;
	rte_spinlock_t lock; /* writer vs telemetry walk only; workers never take it */
	/* Bumped (release) after every hash change. W: writer. R: workers (acquire),
	 * once per burst, to drop their neighbour caches. */
	_Atomic uint64_t gen;
};

int fwd_neigh_table_init(struct fwd_neigh_table *t, const char *name, const struct fwd_params *p);
void fwd_neigh_table_fini(struct fwd_neigh_table *t);
/* Writer: add or update an entry (static or learned at now_ms). */
int fwd_neigh_table_set(struct fwd_neigh_table *t, uint32_t ip, const struct rte_ether_addr *mac,
                        uint16_t port, bool is_static, uint64_t now_ms);
/* Writer: drain learn ring, age. */
int fwd_neigh_table_service(struct fwd_neigh_table *t, uint64_t now_ms);
/* Reader (any thread, lock-free): packed data or 0 when absent. */
uint64_t fwd_neigh_lookup(const struct fwd_neigh_table *t, uint32_t ip);

/* ---- ports and interfaces (fwd_ctx.c) ---- */

struct fwd_addr {
	uint32_t addr;
	uint32_t mask;
	uint8_t len;
};

/* W: main before launch. R: workers, telemetry. */
struct fwd_port_state {
	bool configured;
	uint16_t mtu;
	uint16_t nb_rxq;
	uint16_t nb_workers;
	bool ctrl_txq;                /* tx queue nb_workers is the control lcore's */
	struct rte_ring *ctrl_ring;   /* else: control lcore (SP) -> worker 0 (SC) */
	struct fwd_mac_filter filter; /* .own is the port MAC */
	uint8_t n_addrs;
	struct fwd_addr addrs[FWD_MAX_ADDRS_PER_PORT];
};

struct fwd_ctx {
	struct fwd_params params; /* W: create. R: all */
	char name[16];            /* params.name, truncated: rte object names are short */
	struct fwd_port_state port[FWD_MAX_PORTS];
	struct fwd_route_table routes;
	struct fwd_neigh_table neigh;
	unsigned int n_workers;
	struct fwd_worker **workers;          /* [n_workers]; W main before launch */
	atomic_bool running;                  /* W: fwd_ctx_stop (release). R: workers (acquire) */
	_Atomic(struct rte_ring *) carp_ring; /* W: fwd_carp_ring_set. R: workers per packet */
	fwd_rx_filter_fn filter_fn;           /* W: main before launch. R: workers */
	void *filter_arg;
	uint64_t hz;              /* TSC Hz */
	uint32_t ctrl_ring_ports; /* bit per port with a ctrl_ring; W main before launch */
	struct fwd_vip_table vip; /* CARP VIPs/vMACs (fwd_vip_priv.h says who writes what) */
};

/* Records a port as seen by the fast path (fwd_port_setup; tests call it directly). */
int fwd_ctx_port_register(struct fwd_ctx *ctx, uint16_t port, const struct rte_ether_addr *mac,
                          uint16_t mtu, uint16_t nb_rxq, uint16_t nb_workers);
/* The port has no control tx queue: create its control ring (worker 0 drains it). */
int fwd_ctx_port_ctrl_ring(struct fwd_ctx *ctx, uint16_t port);

/* The address of port that holds ip in its subnet, else its first, else 0. */
uint32_t fwd_port_src_addr(const struct fwd_port_state *ps, uint32_t ip);
/* true if ip is one of port's addresses. */
bool fwd_port_has_addr(const struct fwd_port_state *ps, uint32_t ip);
/* true if ip is in one of port's connected subnets. */
bool fwd_port_on_link(const struct fwd_port_state *ps, uint32_t ip);

/* ---- workers (fwd_worker.c) ---- */

struct fwd_txbuf {
	uint16_t n;
	struct rte_mbuf *pkts[FWD_BURST];
};

#define FWD_ARP_RECENT 64  /* per-lcore "asked recently" slots, direct mapped */
#define FWD_NB_CACHE   256 /* per-lcore next hop -> neighbour word cache, direct mapped */

/*
 * A cached neighbour: its hash word and the Ethernet addresses a packet to it
 * gets (its MAC, then the MAC of the port the word names), so the rewrite of
 * a forwarded frame is one 12-byte copy.
 */
struct fwd_nb_cache_slot {
	uint32_t ip; /* 0: empty (0.0.0.0 is never a next hop) */
	uint64_t data;
	struct rte_ether_addr eth[2]; /* destination, source */
};

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
	struct fwd_rxq rxq[FWD_MAX_RXQ_PER_WORKER];
	uint32_t tx_dirty; /* bit per port with a non-empty txbuf */
	struct fwd_tbucket icmp_tb;
	struct fwd_tbucket arp_tb;
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
/* Worker 0: moves frames from the ports' control rings into its tx buffers. */
void fwd_worker_ctrl_drain(struct fwd_worker *w);
/* Sends every buffered packet (rte_eth_tx_burst on w->txq); frees the rest. */
void fwd_worker_flush(struct fwd_worker *w);

#endif
