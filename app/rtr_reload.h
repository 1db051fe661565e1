/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Live reconfiguration (SIGHUP, /router/reload): the file given with -c is
 * re-read, checked as --check checks it (the pure checks, then EAL's view of
 * devices and lcores), compared with the running one (cfg_diff.h) and only
 * the difference applied. A refused file changes nothing; its reasons,
 * "FILE:LINE: reason", go to the log and to the requester.
 *
 * Threads: a reload runs on the main thread only (rtr_run.c), which owns
 * r->cfg and is the neighbour table's writer. Telemetry handlers ask through
 * rtr_reload_request (rtr_reload_req.c) and wait for the answer.
 */
#ifndef RTR_RELOAD_H
#define RTR_RELOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "cfg_err.h"

struct cfg;
struct fwd_routes;
struct rtr;

struct rtr_reload_result {
	bool applied;        /* else refused: errs says why */
	uint64_t generation; /* the one running afterwards */
	char changes[256];   /* what was applied: "routes, carp0 (changed)", "nothing" */
	struct cfg_errors errs;
};

/* Main thread: one reload. 0 applied, -EINVAL refused (res filled, logged). */
int rtr_reload(struct rtr *r, struct rtr_reload_result *res);

/* rtr_reload_tables.c. The new file's route table (interface addresses and
 * routes), built beside the live one (nothing applied): 0, or -EINVAL with
 * the reason in errs. */
int rtr_reload_routes_build(struct rtr *r, const struct cfg *next, struct fwd_routes **out,
                            struct cfg_errors *errs);
/* Static neighbours: the old file's that the new one lacks are removed, new
 * or changed ones set (main thread: the neighbour table's writer). */
void rtr_reload_neighs_apply(struct rtr *r, const struct cfg *old, const struct cfg *next);

/* rtr_reload_req.c. Main thread: start/stop answering requests; serve a
 * SIGHUP or pending request (called by the run loop every period). */
void rtr_reload_open(void);
void rtr_reload_close(void);
void rtr_reload_serve(struct rtr *r);
/* Any other thread: ask the main thread for a reload and wait up to
 * timeout_ms for its result. 0, -ESRCH when not running, -ETIMEDOUT. */
int rtr_reload_request(struct rtr_reload_result *res, unsigned int timeout_ms);

#endif /* RTR_RELOAD_H */
