/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The carp-router process: what main() builds, step by step, and tears down
 * in reverse. Written by the main thread only; telemetry threads read it
 * through tel_main.c, which guards its lifetime.
 */
#ifndef RTR_H
#define RTR_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "cfg.h"
#include "rtr_args.h"

struct cfg_route;
struct ctl;
struct fwd_route;
struct ifsd;
struct fwd_ctx;
struct fwd_filter;
struct rtr_pfsync;
struct rte_mempool;

struct rtr {
	struct rtr_args args;
	struct cfg cfg;
	time_t started; /* wall clock at start, for uptime */
	/* The configuration running (rtr_reload.c): 1 at start, +1 per reload
	 * applied; wall clock of that load. Written with telemetry paused. */
	uint64_t cfg_generation;
	time_t cfg_loaded;

	/* From EAL (rtr_eal_check): */
	uint16_t port_ids[CFG_PORTS_MAX]; /* cfg.ports[i] is DPDK port port_ids[i] */
	unsigned int n_workers;
	unsigned int workers[CFG_WORKERS_MAX]; /* worker lcores, cfg's or EAL's */
	unsigned int control_lcore; /* CARP control lcore (ctl.h), when carp is configured */

	/* Data plane (rtr_dataplane.c): */
	struct rte_mempool *pool;
	struct fwd_ctx *ctx;
	unsigned int n_ports_started;
	unsigned int n_workers_launched;
	struct fwd_filter *pf; /* the stateful filter (rtr_filter.c), NULL without */
	struct rtr_pfsync *pfsync; /* the sync context (rtr_pfsync.h), NULL without */

	/* CARP control lcore (ctl.h): NULL without carp interfaces. */
	struct ctl *ctl;
	/* ifstated thread (ifsd.h): NULL without an ifstated file. */
	struct ifsd *ifsd;
};

/* rtr_eal.c */
int rtr_eal_init(struct rtr *r);
/* Checks needing EAL: devices, lcores, device limits. Fills port_ids, workers. */
int rtr_eal_check(struct rtr *r, struct cfg_errors *errs);

/* rtr_dataplane.c */
int rtr_dataplane_create(struct rtr *r); /* pool, fwd ctx, ports, tables */
int rtr_dataplane_start(struct rtr *r);  /* ports started, workers launched */
void rtr_dataplane_stop(struct rtr *r);  /* workers joined, ports stopped */
void rtr_dataplane_destroy(struct rtr *r);
/* rtr_dataplane6.c: the IPv6 tables, when the file has IPv6 (after the IPv4 ones). */
int rtr_dataplane6_fill(struct rtr *r);
/* A configured route as lib/fwd takes it (port ids from EAL). */
void rtr_fwd_route(const struct rtr *r, const struct cfg_route *cr, struct fwd_route *out);
void rtr_stats_log(const struct rtr *r);
/* rtr_filter.c: the filter stage when the config has one (after the workers are set up). */
int rtr_filter_create(struct rtr *r);
void rtr_filter_destroy(struct rtr *r);
/* Tx queues of a set-up port: one per worker, plus the control lcore's if
 * the device had one more (else lib/fwd relays control frames via worker 0). */
unsigned int rtr_port_tx_queues(const struct rtr *r, uint16_t port_id);

/* rtr_signal.c: SIGINT/SIGTERM set a flag, SIGHUP another; the main loop polls them. */
int rtr_signals_install(void);
int rtr_stop_requested(void);
bool rtr_reload_signalled(void); /* a SIGHUP came since the last call */
/* Main thread loop until a stop signal: neighbour table service, reloads. */
int rtr_run(struct rtr *r); /* 0 on a stop signal, -EIO if a worker died */

/* tel_main.c */
int rtr_telemetry_register(struct rtr *r);
/* After this, handlers answer "not running" and never touch r again. */
void rtr_telemetry_unpublish(void);
/* Wait for the /router and /carp handlers in flight and hold new ones off,
 * while a reload replaces r->cfg (main thread; never from a handler). */
void rtr_telemetry_pause(void);
void rtr_telemetry_resume(void);

#endif /* RTR_H */
