/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The sync context (docs/pfsync.md, "Router integration"): lib/pfsync's
 * engine on the main thread, as a separately timed source of its loop
 * (every RTR_PFSYNC_POLL_US, next to the neighbour service every 20 ms).
 * Not the control lcore: a bulk of 100 000 states or a burst of updates
 * never delays CARP's adverts; not a worker: forwarding never waits for
 * a table walk. It drains the workers' event rings, feeds the engine,
 * writes its packets to the tx ring worker 0 sends on syncdev, hands peer
 * states to the workers' command rings, and publishes the demotion the
 * control lcore applies (ledger source pfsync) and a status for telemetry.
 *
 * The engine's table is a shadow kept here from the workers' events: the
 * newest copy of every state by (id, creatorid), so what is written to
 * the wire is never read from a table a worker is changing.
 */
#ifndef RTR_PFSYNC_H
#define RTR_PFSYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "fwd_pfsync.h"

#define RTR_PFSYNC_POLL_US 100 /* events wait at most this long in a ring */

struct rtr;
struct rtr_pfsync;
struct pfsync_status;

/* After rtr_filter_create: NULL without a pfsync section (or on error, *err < 0). */
struct rtr_pfsync *rtr_pfsync_create(struct rtr *r, int *err);
/* Engine up (demotes until the bulk is in). */
int rtr_pfsync_start(struct rtr_pfsync *p);
/* Main thread loop: one round (rings, timers, link). */
void rtr_pfsync_poll(struct rtr_pfsync *p);
void rtr_pfsync_destroy(struct rtr_pfsync *p);

/* ---- telemetry (any thread) ---- */
struct rtr_pfsync_view {
	char syncdev[16];
	uint32_t syncpeer; /* host order */
	uint32_t maxupd;
	bool defer;
	unsigned int auth;
	uint32_t shadow_states; /* states the sync context knows */
	uint64_t fwd[FWD_PFSYNC_ST__COUNT];
};
/* false when not running; *st is the engine's last published status. */
bool rtr_pfsync_read(struct rtr_pfsync *p, struct rtr_pfsync_view *v, struct pfsync_status *st);

#endif /* RTR_PFSYNC_H */
