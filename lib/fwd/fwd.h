/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_H
#define FWD_H

/*
 * lib/fwd: the IPv4 fast path of carp-router.
 *
 * Who calls what (see docs/fast-path.md for the packet walk):
 *
 *   main thread, before launch         fwd_params_init, fwd_ctx_create,
 *                                      fwd_port_setup (fwd_port.h), fwd_iface_add,
 *                                      fwd_route_add, fwd_neigh_add_static,
 *                                      fwd_port_accept_mac, fwd_punt_limit_set,
 *                                      fwd_punt_register (fwd_punt.h; any time),
 *                                      fwd_workers_setup, fwd_port_start
 *   worker lcores                      fwd_worker_main (fwd_worker.h), via
 *                                      fwd_worker_launch(fwd_worker_get(ctx, i))
 *   ONE housekeeping thread (main      fwd_neigh_service every 10-100 ms: it is
 *   thread or control lcore)           the single writer of the neighbour table
 *   telemetry threads                  fwd_stats_*, fwd_route_walk, fwd_neigh_walk,
 *                                      fwd_iface_walk
 *   main thread, shutdown              fwd_ctx_stop, fwd_workers_wait,
 *                                      fwd_port_stop, fwd_ctx_destroy
 *
 * Conventions: IPv4 addresses and prefixes in this API are uint32_t in HOST
 * byte order (192.0.2.1 == 0xc0000201). Functions return 0 or a negative
 * errno; constructors return NULL and set rte_errno/errno.
 * Nothing here is safe to call concurrently with itself unless it says so.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>

#include "fwd_counters.h"

struct fwd_ctx;
struct fwd_worker;
struct rte_ring;

#define FWD_MAX_ADDRS_PER_PORT 8          /* interface addresses per port */
#define FWD_MAX_ACCEPT_MACS    8          /* extra accepted dst MACs per port */
#define FWD_PORT_AUTO          UINT16_MAX /* fwd_route.port: derive from the gateway */

enum fwd_poll_mode {
	FWD_POLL_BUSY = 0, /* spin on rx: lowest latency, 100 % of a core */
	FWD_POLL_ADAPTIVE, /* back off when idle: pause, then growing usleep */
};

/* Sizes and knobs. fwd_params_init() fills defaults; tests shrink them. */
struct fwd_params {
	const char *name;         /* prefix of rte object names (15 chars used); unique per ctx */
	int socket_id;            /* SOCKET_ID_ANY by default */
	uint32_t max_routes;      /* LPM rules incl. the /32 of each address; 1024 */
	uint32_t max_neighbours;  /* neighbour hash entries; 1024 */
	uint32_t learn_ring_size; /* worker -> writer learn messages; 1024 (pow2) */
	uint32_t neigh_reachable_ms;  /* learned entry fresh for; 30000 */
	uint32_t neigh_stale_ms;      /* then used + probed for this long, then deleted; 30000 */
	uint32_t arp_retry_ms;        /* per next hop per lcore: min gap between requests; 1000 */
	uint32_t arp_rate;            /* ARP requests per second per lcore; 100 */
	uint32_t arp_burst;           /* token bucket depth; 20 */
	uint32_t icmp_rate;           /* ICMP errors per second per lcore; 100 */
	uint32_t icmp_burst;          /* token bucket depth; 50 */
	enum fwd_poll_mode poll_mode; /* FWD_POLL_BUSY */
	uint32_t idle_polls;          /* adaptive: empty polls before sleeping; 256 */
	uint32_t sleep_max_us;        /* adaptive: sleep doubles from 1 us up to this; 250 */
};

void fwd_params_init(struct fwd_params *p);

/* Allocates tables (rte_lpm, rte_hash, rings): needs rte_eal_init() done. */
struct fwd_ctx *fwd_ctx_create(const struct fwd_params *p);
/* After workers have returned and ports are stopped. NULL is a no-op. */
void fwd_ctx_destroy(struct fwd_ctx *ctx);

/* ---- tables, built by the main thread before workers are launched ---- */

/*
 * Adds an address to a port: the address itself becomes a local /32 (ICMP
 * echo, ARP replies) and prefix/len a connected route out of the port.
 * -EINVAL bad port/len, -EEXIST same address twice, -ENOSPC too many.
 */
int fwd_iface_add(struct fwd_ctx *ctx, uint16_t port, uint32_t addr, uint8_t prefix_len);

struct fwd_route {
	uint32_t prefix;  /* host order; bits beyond len are ignored (masked) */
	uint8_t len;      /* 0..32 */
	uint32_t gateway; /* 0: directly connected out of .port */
	uint16_t port;    /* egress; FWD_PORT_AUTO for gateway routes: taken from
	                     the connected subnet holding the gateway */
};

/*
 * Static route. -EEXIST same prefix/len twice, -ENETUNREACH gateway on no
 * connected subnet (with FWD_PORT_AUTO), -ENOSPC table full, -EINVAL.
 * Add interfaces first.
 */
int fwd_route_add(struct fwd_ctx *ctx, const struct fwd_route *r);

/* Static neighbour: never aged, never overwritten by learning. */
int fwd_neigh_add_static(struct fwd_ctx *ctx, uint32_t ip, const struct rte_ether_addr *mac,
                         uint16_t port);

/*
 * Extra destination MAC accepted on a port, always (a subscribed multicast
 * group's MAC). Not for CARP virtual MACs: their acceptance follows CARP
 * state (fwd_vip.h). The port's own MAC and broadcast are always accepted.
 * Before launch only. -ENOSPC beyond FWD_MAX_ACCEPT_MACS.
 */
int fwd_port_accept_mac(struct fwd_ctx *ctx, uint16_t port, const struct rte_ether_addr *mac);

/* ---- workers ---- */

/*
 * Creates one worker per lcore in lcores[0..n-1] and spreads every
 * (port, rx queue) of the ports set up with fwd_port_setup() over them,
 * round robin in port order (fwd_rxq_assign). Worker i transmits on tx queue
 * i of every port; tx queue n is the control lcore's (fwd_ctx_control_txq).
 * Registers each worker's lcore with the neighbour table's QSBR variable
 * (fwd_ctx_destroy unregisters). Call after all fwd_port_setup() and before
 * launch. -EINVAL if n == 0, n differs from the nb_workers given to
 * fwd_port_setup, an lcore is >= RTE_MAX_LCORE or QSBR refuses it.
 */
int fwd_workers_setup(struct fwd_ctx *ctx, const unsigned int *lcores, unsigned int n);
unsigned int fwd_worker_count(const struct fwd_ctx *ctx);
/* Worker i (0..count-1), the argument of fwd_worker_main; NULL if out of range. */
struct fwd_worker *fwd_worker_get(struct fwd_ctx *ctx, unsigned int i);
unsigned int fwd_worker_lcore(const struct fwd_worker *w);
/*
 * The tx queue reserved for the control lcore (== workers) on ports where
 * fwd_port_has_control_txq(); fwd_ctrl_tx() (fwd_port.h) picks for you.
 */
uint16_t fwd_ctx_control_txq(const struct fwd_ctx *ctx);

/* After fwd_ctx_stop: waits until every launched worker has returned
 * (rte_eal_wait_lcore), the join's ordering told to ThreadSanitizer. */
void fwd_workers_wait(struct fwd_ctx *ctx);
/* Asks every worker to return (atomic store, release). Any thread. */
void fwd_ctx_stop(struct fwd_ctx *ctx);
/* true until fwd_ctx_stop (acquire). */
bool fwd_ctx_running(const struct fwd_ctx *ctx);

/* ---- neighbour table writer ---- */

/*
 * The neighbour table's single writer: drains what workers learned from ARP
 * (a MP/SC ring) into the hash, ages entries (reachable -> stale/probe ->
 * deleted). Call from ONE thread only (main thread loop or control lcore),
 * every 10-100 ms; also safe before launch. now_ms: monotonic milliseconds
 * (fwd_now_ms()). Returns the number of entries added/changed/removed.
 */
int fwd_neigh_service(struct fwd_ctx *ctx, uint64_t now_ms);
/* Monotonic ms from the TSC (rte_get_tsc_cycles / rte_get_tsc_hz). */
uint64_t fwd_now_ms(void);

/* ---- telemetry accessors (any thread; they take no fast-path lock) ---- */

/* Sum over all workers into *out (zeroed first). */
void fwd_stats_sum(const struct fwd_ctx *ctx, struct fwd_lcore_stats *out);
/* Snapshot of worker i's counters. -ENOENT out of range. */
int fwd_worker_stats(const struct fwd_ctx *ctx, unsigned int i, struct fwd_lcore_stats *out);

enum fwd_route_type {
	FWD_ROUTE_LOCAL = 0, /* an address of the router (/32) */
	FWD_ROUTE_CONNECTED,
	FWD_ROUTE_GATEWAY,
};
const char *fwd_route_type_name(enum fwd_route_type t);

struct fwd_route_info {
	uint32_t prefix;
	uint8_t len;
	enum fwd_route_type type;
	uint32_t gateway; /* 0 unless FWD_ROUTE_GATEWAY */
	uint16_t port;
};
/* Calls cb for each route in insertion order; stops early if cb returns != 0. */
typedef int (*fwd_route_cb)(const struct fwd_route_info *r, void *arg);
int fwd_route_walk(const struct fwd_ctx *ctx, fwd_route_cb cb, void *arg);

struct fwd_iface_info {
	uint16_t port;
	uint32_t addr;
	uint8_t len;
};
typedef int (*fwd_iface_cb)(const struct fwd_iface_info *a, void *arg);
int fwd_iface_walk(const struct fwd_ctx *ctx, fwd_iface_cb cb, void *arg);

enum fwd_neigh_state {
	FWD_NEIGH_STATIC = 0,
	FWD_NEIGH_REACHABLE, /* learned, younger than neigh_reachable_ms */
	FWD_NEIGH_STALE,     /* still used; workers re-ARP it when they forward to it */
};
const char *fwd_neigh_state_name(enum fwd_neigh_state s);

struct fwd_neigh_info {
	uint32_t ip;
	struct rte_ether_addr mac;
	uint16_t port;
	enum fwd_neigh_state state;
	uint64_t age_ms; /* since learned or last confirmed; 0 for static */
};
typedef int (*fwd_neigh_cb)(const struct fwd_neigh_info *n, void *arg);
/* Consistent per entry (a spinlock shared with the writer, never with workers). */
int fwd_neigh_walk(struct fwd_ctx *ctx, uint64_t now_ms, fwd_neigh_cb cb, void *arg);
/* One neighbour (ip host order), as the workers see it: one lock-free hash
 * lookup, no walk, no lock (the control lcore's carppeer adverts).
 * 0 with *mac and *port set, or -ENOENT. */
int fwd_neigh_get(const struct fwd_ctx *ctx, uint32_t ip, struct rte_ether_addr *mac,
                  uint16_t *port);

#endif
