/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The stateful filter on the fast path (docs/filter.md, "Router
 * integration"): lib/pf's packet path with the ruleset compiled to rte_acl
 * (fwd_filter_acl.h) and one state table per worker.
 *
 * Concurrency: per-lcore tables, lib/pf's single-writer design. Worker w
 * alone reads and writes table w (lookups, inserts, expiry: no lock, no
 * atomic). That is correct when both directions of a connection reach the
 * same worker, which holds with one worker; the configuration refuses a
 * filter with more workers until NAT ports are chosen so that replies hash
 * (symmetric RSS) to the worker owning the state (docs/filter.md). Telemetry
 * reads counters and states of every table without stopping the workers:
 * aligned 64-bit loads; a state copied out may be mid-update (display only).
 * The ruleset, its rte_acl contexts and the per-port interface ids are
 * read-only while workers run.
 *
 * Where: transit IPv4 after the route lookup, `in` on the receiving port
 * then `out` on the sending port, in that worker; a drop is counted under
 * the router's drop reasons (pf_blocked, pf_state_mismatch, ...), the rule
 * that blocked under its own counters.
 */
#ifndef FWD_FILTER_H
#define FWD_FILTER_H

#include <stdbool.h>
#include <stdint.h>

#include "fwd_counters.h"
#include "pf_filter.h"
#include "pf_rule.h"

struct fwd_filter;
struct fwd_ctx;

struct fwd_filter_conf {
	const struct pf_ruleset *rs; /* kept by the caller while the filter lives */
	unsigned int n_workers;
	uint32_t states_per_worker;   /* 0: ceil(set limit states / n_workers) */
	uint16_t ifid[FWD_MAX_PORTS]; /* rule interface id of each DPDK port (PF_IF_ANY: none) */
	uint32_t hostid;              /* creatorid of states made here, non-zero */
	uint64_t seed;                /* NAT port choice */
	int socket;
};

struct fwd_filter *fwd_filter_create(const struct fwd_filter_conf *c, int *err);
void fwd_filter_destroy(struct fwd_filter *f);

/* Main thread, before the workers launch: filter transit IPv4 with f (NULL: off).
 * f must have one table per worker of ctx. */
void fwd_filter_attach(struct fwd_ctx *ctx, struct fwd_filter *f);

/* pfsync (fwd_pfsync.h): state events of every worker go to s. Before launch. */
struct fwd_pfsync;
void fwd_filter_set_sync(struct fwd_filter *f, struct fwd_pfsync *s);
/* Worker w's pf (its owner only, or before launch). */
struct pf_filter *fwd_filter_pf(struct fwd_filter *f, unsigned int w);

/* Number of per-worker tables. */
unsigned int fwd_filter_workers(const struct fwd_filter *f);
const struct pf_ruleset *fwd_filter_ruleset(const struct fwd_filter *f);

/*
 * Worker w: one packet in direction dir (PF_IN / PF_OUT) on DPDK port
 * `port`, frame = Ethernet header onwards (rewritten in place under NAT).
 * Returns FWD_DROP_NONE to go on, else the drop reason (counted by the
 * caller like every other drop).
 */
enum fwd_drop fwd_filter_packet(struct fwd_filter *f, unsigned int w, uint16_t port, uint8_t dir,
                                uint8_t *frame, uint32_t len, uint32_t now);
/* Worker w: expire up to max states (work proportional to what expires). */
void fwd_filter_expire(struct fwd_filter *f, unsigned int w, uint32_t now, unsigned int max);

/* ---- readers (telemetry), any thread ---- */

/* pf_status summed over the workers; *slots the capacity of all tables. */
void fwd_filter_status(const struct fwd_filter *f, struct pf_status *out, uint64_t *slots);
/* Rule r's counters summed over the workers, evaluations included; false if no rule r. */
bool fwd_filter_rule_stats(const struct fwd_filter *f, uint32_t r, struct pf_rule_stats *out);
/* Classifier lookups, all workers (every rule before a deciding quick one is evaluated). */
uint64_t fwd_filter_lookups(const struct fwd_filter *f);

/*
 * States in a stable order (worker, slot): from position *pos, copy up to
 * max in-use states to out; *pos is where the next page starts (a state
 * in use then), or UINT64_MAX when no state follows. Returns how many were
 * copied.
 */
unsigned int fwd_filter_states(const struct fwd_filter *f, uint64_t *pos, struct pf_state *out,
                               unsigned int max);

#endif /* FWD_FILTER_H */
