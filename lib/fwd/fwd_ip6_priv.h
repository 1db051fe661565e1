/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_IP6_PRIV_H
#define FWD_IP6_PRIV_H

/*
 * The IPv6 state of a context (ctx->ip6, fwd_ip6_init): per-port
 * addresses, the route table (rte_lpm6 + route array, fwd_route6.c) and the
 * neighbour table (fwd_neigh6.c). W: main before launch (ports, routes);
 * the neighbour writer (neighbours). R: workers, telemetry.
 */

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <stdatomic.h>

#include <rte_common.h>
#include <rte_ether.h>
#include <rte_spinlock.h>

#include "fwd6.h"
#include "fwd_ip6.h"

struct rte_hash;
struct rte_lpm6;
struct rte_ring;

struct fwd_addr6 {
	uint8_t addr[16];
	uint8_t len;
};

struct fwd_port6 {
	bool enabled;
	uint8_t ll[16]; /* link-local */
	uint8_t n_addrs;
	struct fwd_addr6 addrs[FWD_MAX_ADDRS6_PER_PORT];
};

struct fwd_route6_entry {
	uint8_t prefix[16];
	uint8_t gateway[16];
	bool has_gateway;
	uint16_t port;
	uint8_t len;
	uint8_t type; /* enum fwd_route_type */
};

/* Neighbour key: the address and its port (a link-local is per link). */
struct fwd_nb6_key {
	uint8_t addr[16];
	uint16_t port;
	uint16_t pad; /* 0 */
};

struct fwd_neigh6_learn {
	struct fwd_nb6_key key;
	struct rte_ether_addr mac;
	uint16_t pad; /* ring elements are multiples of 4 bytes */
};

struct fwd_neigh6_meta {
	struct fwd_nb6_key key;
	uint8_t in_use;
	uint64_t data; /* fwd_nb_pack word (fwd_neigh_priv.h) */
	uint64_t updated_ms;
};

/*
 * Same design as the ARP table (fwd_neigh.c): lock-free rte_hash readers,
 * one writer (fwd_neigh6_service) fed by an MP/SC learn ring, deletes
 * reclaimed through the context's QSBR variable.
 */
struct fwd_neigh6_table {
	struct rte_hash *h;
	struct rte_ring *learn;
	struct fwd_neigh6_meta *meta; /* [cap], by hash position */
	uint32_t cap;
	uint32_t reachable_ms, stale_ms;
	rte_spinlock_t lock; /* writer vs telemetry only */
	/* Bumped (release) after every hash change. W: writer. R: workers
	 * (acquire) before using their neighbour cache. */
	_Atomic uint64_t gen;
};

/*
 * A worker's cached IPv6 neighbour (as IPv4's fwd_nb_cache_slot): the key,
 * the hash word, and the Ethernet addresses a packet to it gets.
 */
#define FWD_NB6_CACHE 256
struct fwd_nb6_cache_slot {
	struct fwd_nb6_key key; /* port 0xffff: empty */
	uint64_t data;
	struct rte_ether_addr eth[2]; /* destination, source */
};

struct fwd_nb6_cache {
	uint64_t gen; /* neigh.gen the slots were filled under */
	struct fwd_nb6_cache_slot slot[FWD_NB6_CACHE];
} __rte_cache_aligned;

/* Per-lcore "solicited recently" slots (like arp_recent), by lcore id. */
#define FWD_NS_RECENT 64
struct fwd_ns_recent {
	uint8_t addr[16];
	uint64_t tsc;
};

struct fwd_ip6_state {
	struct fwd_port6 port[FWD_MAX_PORTS];
	struct rte_lpm6 *lpm;
	uint32_t default_nh; /* ::/0 beside the LPM (depth 0), or FWD_NH_NONE */
	uint32_t n, cap;
	struct fwd_route6_entry *r;
	struct fwd_neigh6_table neigh;
	struct fwd_ns_recent (*ns_recent)[FWD_NS_RECENT]; /* [RTE_MAX_LCORE] */
	struct fwd_nb6_cache *nb_cache;                   /* [RTE_MAX_LCORE] */
};

void fwd_ip6_fini(struct fwd_ctx *ctx);

/* fwd_route6.c */
int fwd_route6_table_init(struct fwd_ip6_state *s, const char *name, uint32_t cap, int socket);
void fwd_route6_table_fini(struct fwd_ip6_state *s);
int fwd_route6_table_add(struct fwd_ip6_state *s, const struct fwd_route6_entry *e);
/* Longest match for dst, or NULL. Worker-safe. */
const struct fwd_route6_entry *fwd_route6_lookup(const struct fwd_ip6_state *s,
                                                 const uint8_t dst[16]);

/* fwd_neigh6.c */
int fwd_neigh6_table_init(struct fwd_neigh6_table *t, const char *name, const struct fwd_params *p,
                          uint32_t entries, struct rte_rcu_qsbr *v);
void fwd_neigh6_table_fini(struct fwd_neigh6_table *t);
int fwd_neigh6_table_set(struct fwd_neigh6_table *t, const uint8_t addr[16], uint16_t port,
                         const struct rte_ether_addr *mac, bool is_static, uint64_t now_ms);
/* Packed word or 0. Lock-free, any thread. */
uint64_t fwd_neigh6_lookup(const struct fwd_neigh6_table *t, const uint8_t addr[16], uint16_t port);

static inline void fwd_nb6_key_make(struct fwd_nb6_key *k, const uint8_t addr[16], uint16_t port)
{
	memcpy(k->addr, addr, 16);
	k->port = port;
	k->pad = 0;
}

/* Is a one of the port's global addresses or its link-local? */
static inline bool fwd_port6_has_addr(const struct fwd_port6 *p, const uint8_t a[16])
{
	if (memcmp(p->ll, a, 16) == 0)
		return true;
	for (unsigned int i = 0; i < p->n_addrs; i++)
		if (memcmp(p->addrs[i].addr, a, 16) == 0)
			return true;
	return false;
}

/* Index of the port's global address whose subnet holds a, or -1. */
static inline int fwd_port6_subnet(const struct fwd_port6 *p, const uint8_t a[16])
{
	for (unsigned int i = 0; i < p->n_addrs; i++) {
		uint8_t x[16], y[16];

		memcpy(x, a, 16);
		memcpy(y, p->addrs[i].addr, 16);
		fwd_ip6_prefix_mask(x, p->addrs[i].len);
		fwd_ip6_prefix_mask(y, p->addrs[i].len);
		if (memcmp(x, y, 16) == 0)
			return (int)i;
	}
	return -1;
}

/* Is a on the port's link: link-local, or inside one of its subnets? */
static inline bool fwd_port6_on_link(const struct fwd_port6 *p, const uint8_t a[16])
{
	return fwd_ip6_is_link_local(a) || fwd_port6_subnet(p, a) >= 0;
}

/*
 * The source for what the router sends on port about/to peer: the global
 * address whose subnet holds peer, else the link-local for a link-local
 * peer, else the port's first global, else its link-local.
 */
static inline const uint8_t *fwd_port6_src(const struct fwd_port6 *p, const uint8_t peer[16])
{
	int i = fwd_ip6_is_link_local(peer) ? -1 : fwd_port6_subnet(p, peer);

	if (i >= 0)
		return p->addrs[i].addr;
	if (fwd_ip6_is_link_local(peer) || p->n_addrs == 0)
		return p->ll;
	return p->addrs[0].addr;
}

/* Is group one the port listens to: ff02::1, ff02::2, a solicited-node group of its addresses? */
static inline bool fwd_port6_group(const struct fwd_port6 *p, const uint8_t g[16])
{
	uint8_t sn[16];

	if (memcmp(g, fwd_ip6_all_nodes, 16) == 0 || memcmp(g, fwd_ip6_all_routers, 16) == 0)
		return true;
	if (!fwd_ip6_is_solicited_node(g))
		return false;
	fwd_ip6_solicited_node(sn, p->ll);
	if (memcmp(sn, g, 16) == 0)
		return true;
	for (unsigned int i = 0; i < p->n_addrs; i++) {
		fwd_ip6_solicited_node(sn, p->addrs[i].addr);
		if (memcmp(sn, g, 16) == 0)
			return true;
	}
	return false;
}

#endif
