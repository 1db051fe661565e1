/* SPDX-License-Identifier: BSD-2-Clause */
/* Fixture for the engine tests: an engine on a mock table, its outputs,
 * and frames "from the peer" built with the (separately tested) builder. */
#ifndef ENGINE_FX_H
#define ENGINE_FX_H

#include "mock_table.h"

#define T0   1000000ull /* us: the tests start at 1 s */
#define WALL 1700000000000ull
#define ME   0x11111111u /* our creatorid */
#define PEER 0x22222222u /* the peer's */

struct fx {
	struct pfsync_config cfg;
	struct mock_table t;
	struct pfsync_engine *e;
	struct cap c;
	uint64_t now;
};

extern const uint8_t fx_peer_ip[4], fx_my_ip[4], fx_group[4];

/* New engine (config tweaked by `tweak` if not NULL), up with the link up,
 * its start-up bulk request answered (demotion 0), outputs cleared. */
struct fx *fx_new(void (*tweak)(struct pfsync_config *));
/* The same, left down. */
struct fx *fx_new_down(void (*tweak)(struct pfsync_config *));
void fx_free(struct fx *f);

/* A frame from the peer: start, add messages with the builder, send. */
struct peer_pkt {
	uint8_t buf[9000];
	struct pfsync_pkt b;
};
void peer_begin(struct peer_pkt *p);
/* Finish and feed to the engine (outputs in f->c, cleared first). */
void peer_send(struct fx *f, struct peer_pkt *p);
/* Feed raw bytes. */
void fx_input(struct fx *f, const uint8_t *pkt, size_t len, bool on_syncdev);

/* Call the timeout at each DEADLINE up to `until`; stop after the first
 * call that output a packet (kept in f->c, time in f->now) and return its
 * SEND count, or return 0 once the deadline passes `until`. */
unsigned fx_run_until(struct fx *f, uint64_t until);

struct pfsync_event fx_ev(uint64_t id, uint32_t creatorid, uint8_t proto);

#endif /* ENGINE_FX_H */
