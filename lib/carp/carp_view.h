/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Published status of a carp interface for other threads (telemetry).
 *
 * The control lcore is the only writer of CARP state; telemetry handlers
 * run on other threads and must not touch it. Every host entry point ends
 * by publishing a copy of each carp interface's status into its
 * `struct carp_view_cell` under carp-router's one sequence lock
 * (carp_seq.h); readers copy it out with carp_view_read and never block
 * the writer.
 */
#ifndef CARP_VIEW_H
#define CARP_VIEW_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "carp_balance.h"
#include "carp_demote.h"
#include "carp_seq.h"
#include "carp_stats.h"

struct carp_if;

struct carp_vhost_view {
	uint8_t vhid;
	uint8_t state;  /* enum carp_state */
	uint8_t reason; /* enum carp_reason of the last change */
	uint8_t advskew;
	uint32_t pad;
	uint64_t changed_at; /* us, caller's clock */
	uint64_t transitions, garps, reannounces;
};

struct carp_if_view {
	char name[16];
	uint16_t carpdev;
	uint8_t advbase, demote, mode, nvh;
	uint8_t admin_up, link_up;
	uint16_t demote_src[CARP_DEMOTE__COUNT]; /* summed over its groups */
	uint64_t published_at;                   /* `now` of the last event */
	uint64_t stats[CARP_STAT__COUNT];        /* this interface's share */
	struct carp_vhost_view vh[CARP_MAX_NODES];
};

#define CARP_VIEW_WORDS CARP_SEQ_WORDS(struct carp_if_view)

struct carp_view_cell {
	_Atomic uint32_t seq;                /* odd while being written */
	_Atomic uint64_t w[CARP_VIEW_WORDS]; /* struct carp_if_view, as words */
};

/* Writer (control lcore): publish the current status of `ifc`. */
void carp_view_publish(struct carp_view_cell *c, const struct carp_if *ifc, uint64_t now);

/* Reader (any thread): copy the last complete publication. Returns true,
 * or false after `tries` attempts that all overlapped a write. */
bool carp_view_read(const struct carp_view_cell *c, struct carp_if_view *out, unsigned tries);

#endif /* CARP_VIEW_H */
