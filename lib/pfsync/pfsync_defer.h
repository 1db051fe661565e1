/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * defer bookkeeping (OpenBSD pfsync_defer): the first packet of a new
 * state is held until the peer acknowledges the state (INS_ACK, or any
 * update of it) or the defer timeout passes; at most `cap` are held, one
 * more releases the oldest (OpenBSD: 128 per slice, 20 ms). Entries are in
 * arrival order, so the oldest is always the first to expire. The packet
 * itself stays with the caller: the engine only keeps its cookie.
 */
#ifndef PFSYNC_DEFER_H
#define PFSYNC_DEFER_H

#include <stdbool.h>
#include <stdint.h>

struct pfsync_deferral {
	uint64_t id;
	uint32_t creatorid;
	bool live; /* false: released early (acknowledged), slot not reclaimed yet */
	uint64_t cookie;
	uint64_t deadline;
};

struct pfsync_defer {
	struct pfsync_deferral *d; /* ring */
	uint32_t cap, head, used, live;
};

int pfsync_defer_init(struct pfsync_defer *df, uint32_t cap);
void pfsync_defer_fini(struct pfsync_defer *df);

/* Hold a packet. When `cap` are already held the oldest is removed first
 * and returned in *evicted (true returned). */
bool pfsync_defer_add(struct pfsync_defer *df, uint64_t id, uint32_t creatorid, uint64_t cookie,
                      uint64_t deadline, struct pfsync_deferral *evicted);
/* The peer acknowledged (id, creatorid): take its deferral. */
bool pfsync_defer_take(struct pfsync_defer *df, uint64_t id, uint32_t creatorid, uint64_t *cookie);
/* Remove the oldest deferral whose deadline is <= now (any when now is
 * PFSYNC_NEVER). */
bool pfsync_defer_expire(struct pfsync_defer *df, uint64_t now, struct pfsync_deferral *out);
/* Deadline of the oldest, PFSYNC_NEVER when none. */
uint64_t pfsync_defer_next(const struct pfsync_defer *df);

static inline uint32_t pfsync_defer_count(const struct pfsync_defer *df)
{
	return df->live;
}

#endif /* PFSYNC_DEFER_H */
