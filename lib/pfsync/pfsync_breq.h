/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bulk update requester and its CARP demotion (OpenBSD 1.332's
 * pfsync_bulk_req_evt: states none -> start -> sent -> bulk -> done), with
 * a deadline from measured progress instead of OpenBSD's fixed guess.
 *
 * Demotion, on carp group `carp` with ledger source pfsync:
 *  +32 "pfsync start" from pfsync up (or the sync link coming back) until
 *      the bulk ends (-32 "pfsync done"), fails or times out (-32 "pfsync
 *      fail"), or pfsync stops (-32 "pfsync down");
 *  +1 "pfsync link" while pfsync is up and the sync link is down.
 * Both parts are booleans here, so the sum can only be 0, 1, 32 or 33 and
 * pfsync down always returns it to 0: no demotion is ever stranded.
 *
 * Timers (all configurable, OpenBSD's values as defaults):
 *  start: wait link_wait_ms (30 s) for the sync link, then give up;
 *  sent:  resend UPD_REQ(0,0) every retry_ms (2 s), tries (12) times;
 *  bulk:  fail when no bulk progress for idle_ms, or at the hard deadline
 *         t_start + max(min_ms, min(N / floor_rate, margin x N / R)),
 *         N = states the peer announced in BUS START (0 = unknown: the
 *         state_limit), R = states/s measured since BUS START.
 * OpenBSD instead allows 4 x state_limit / (states per MTU) / 50 s.
 * A link that comes back up requests a new bulk (the table may have
 * missed updates while it was down); OpenBSD requests only at pfsync up.
 */
#ifndef PFSYNC_BREQ_H
#define PFSYNC_BREQ_H

#include <stdbool.h>
#include <stdint.h>

#include "pfsync_out.h"

#define PFSYNC_BREQ_STATES(X)                                                                      \
	X(NONE, none)                                                                              \
	X(START, start)                                                                            \
	X(SENT, sent)                                                                              \
	X(BULK, bulk)                                                                              \
	X(DONE, done)

enum pfsync_breq_state {
#define X(e, n) PFSYNC_BREQ_##e,
	PFSYNC_BREQ_STATES(X)
#undef X
};

const char *pfsync_breq_state_name(enum pfsync_breq_state s);

struct pfsync_breq_config {
	uint32_t link_wait_ms; /* 30000 */
	uint32_t retry_ms;     /* 2000 */
	uint32_t tries;        /* 12 (PFSYNC_MAX_BULKTRIES) */
	uint32_t idle_ms;      /* 2000: no bulk progress for this long = failed */
	uint32_t min_ms;       /* 2000: the hard deadline is never shorter */
	uint32_t floor_rate;   /* 100 states/s: slowest bulk still accepted */
	uint32_t margin;       /* 4: x the time the measured rate needs */
	uint32_t state_limit;  /* 100000: N when the peer announces none */
};

void pfsync_breq_config_default(struct pfsync_breq_config *c);

struct pfsync_breq {
	struct pfsync_breq_config cfg;
	enum pfsync_breq_state state;
	bool up;       /* pfsync running */
	bool link_up;  /* sync link state (tracked even while down) */
	bool demoted;  /* +32 held */
	bool link_dem; /* +1 held */
	uint32_t tries;
	uint64_t timer; /* start/sent timer, PFSYNC_NEVER */
	/* bulk phase */
	uint64_t t_start, last_progress, hard;
	uint32_t expected;
	uint64_t received;
};

/* Flags the event functions return. */
#define PFSYNC_BREQ_SEND    0x1 /* send UPD_REQ id 0 creatorid 0 now */
#define PFSYNC_BREQ_DONE_OK 0x2 /* BUS END: bulk received (count bulk_ok) */
#define PFSYNC_BREQ_FAILED  0x4 /* gave up (count bulk_fail) */

void pfsync_breq_init(struct pfsync_breq *b, const struct pfsync_breq_config *cfg);

/* pfsync up: +32, +1 if the link is down; request at once if it is up. */
unsigned pfsync_breq_up(struct pfsync_breq *b, uint64_t now, struct pfsync_outs *out);
/* pfsync down: undo every demotion held, state none. */
unsigned pfsync_breq_down(struct pfsync_breq *b, uint64_t now, struct pfsync_outs *out);
/* Sync link state change (repeats are ignored). */
unsigned pfsync_breq_link(struct pfsync_breq *b, uint64_t now, bool up, struct pfsync_outs *out);
/* BUS START (announced = endtime field: states to come, 0 unknown) / END. */
unsigned pfsync_breq_bus(struct pfsync_breq *b, uint64_t now, uint8_t status, uint32_t announced,
                         struct pfsync_outs *out);
/* `n` full states (UPD) received: bulk progress while in state bulk. */
void pfsync_breq_progress(struct pfsync_breq *b, uint64_t now, unsigned n);
/* Timers. */
unsigned pfsync_breq_timeout(struct pfsync_breq *b, uint64_t now, struct pfsync_outs *out);
/* Next time pfsync_breq_timeout has work; PFSYNC_NEVER if none. */
uint64_t pfsync_breq_deadline(const struct pfsync_breq *b);
/* Demotion currently held: 0, 1, 32 or 33. */
unsigned pfsync_breq_demotion(const struct pfsync_breq *b);

#endif /* PFSYNC_BREQ_H */
