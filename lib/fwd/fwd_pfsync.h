/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pfsync between the workers and the one sync context (docs/pfsync.md,
 * "Router integration"). Rings only, never a shared lock:
 *
 *   worker w --ev[w] (SP/SC)--> sync   state events: INS (created), UPD
 *                                       (a packet moved it), DEL (it left
 *                                       the table); each a copy of the state
 *   worker w --rx (MP/SC)-----> sync   IPv4 protocol 240 frames the filter
 *                                       passed, any port (the engine counts badif)
 *   sync --cmd[w] (SP/SC)-----> w      peer states: import, update, remove,
 *                                       applied by w in its poll loop (w is
 *                                       the only writer of its table)
 *   sync --tx (SP/SC)---------> w0     built frames, sent by worker 0 on
 *                                       syncdev from its own tx queue
 *
 * A full ring drops the message and counts it (fwd_pfsync_stats): a lost
 * event is repaired by the next update of that state or the peer's bulk.
 * States flagged no-sync make no events. Who writes what: each worker its
 * own counters and rings' producer ends; the sync context the rest.
 */
#ifndef FWD_PFSYNC_H
#define FWD_PFSYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "pf_state.h"
/* lib/pf's PFTM_* and PFSTATE_* stand for lib/pfsync's (fwd_pfsync_conv.h checks
 * they agree): include this before any lib/pfsync header. */
#ifndef PFSYNC_PF_NAMES
#define PFSYNC_PF_NAMES
#endif

struct fwd_ctx;
struct fwd_filter;
struct fwd_pfsync;
struct rte_mbuf;

enum fwd_pfsync_op {
	FWD_PFSYNC_INS, /* ev: created here; cmd: import */
	FWD_PFSYNC_UPD, /* ev: a packet updated it; cmd: take the peers and expiry */
	FWD_PFSYNC_DEL, /* ev: left the table; cmd: remove */
};

struct fwd_pfsync_msg {
	uint8_t op; /* enum fwd_pfsync_op */
	uint8_t pad[7];
	struct pf_state st;
};

#define FWD_PFSYNC_FRAME_MAX 2048 /* IPv4 packet bytes kept (the sync MTU is less) */

struct fwd_pfsync_frame {
	uint16_t port; /* DPDK port it came in on */
	uint16_t len;  /* IPv4 bytes in pkt */
	uint8_t pkt[FWD_PFSYNC_FRAME_MAX];
};

#define FWD_PFSYNC_STATS(X)                                                                        \
	X(ev_queued, "state events handed to the sync context")                                    \
	X(ev_ring_full, "state events lost: ring full")                                            \
	X(rx_queued, "pfsync frames handed to the sync context")                                   \
	X(rx_ring_full, "pfsync frames dropped: ring full")                                        \
	X(cmd_applied, "peer states applied to the table")                                         \
	X(cmd_ring_full, "peer states dropped: ring full")                                         \
	X(import_failed, "peer states not imported (key taken or table full)")                     \
	X(tx_sent, "pfsync frames handed to syncdev")                                              \
	X(tx_dropped, "pfsync frames dropped: tx ring full")

enum fwd_pfsync_stat {
#define X(n, d) FWD_PFSYNC_ST_##n,
	FWD_PFSYNC_STATS(X)
#undef X
	    FWD_PFSYNC_ST__COUNT
};

const char *fwd_pfsync_stat_name(enum fwd_pfsync_stat s);

struct fwd_pfsync_conf {
	unsigned int n_workers;
	uint16_t syncdev;       /* DPDK port id */
	unsigned int ring_size; /* events per worker; a power of two */
	int socket;
};

/* Main thread, before launch. NULL with *err set. */
struct fwd_pfsync *fwd_pfsync_create(const struct fwd_pfsync_conf *c, int *err);
void fwd_pfsync_destroy(struct fwd_pfsync *s);
/* Hook s into the workers of ctx and into the filter f (events, removals). */
void fwd_pfsync_attach(struct fwd_ctx *ctx, struct fwd_filter *f, struct fwd_pfsync *s);

/* ---- sync context ---- */
unsigned int fwd_pfsync_rx_take(struct fwd_pfsync *s, struct fwd_pfsync_frame *out,
                                unsigned int max);
unsigned int fwd_pfsync_ev_take(struct fwd_pfsync *s, unsigned int w, struct fwd_pfsync_msg *out,
                                unsigned int max);
/* A peer state for worker w's table; false: ring full (counted). */
bool fwd_pfsync_cmd(struct fwd_pfsync *s, unsigned int w, const struct fwd_pfsync_msg *m);
/* A built frame (Ethernet onwards) for syncdev; false: ring full, m freed. */
bool fwd_pfsync_tx(struct fwd_pfsync *s, struct rte_mbuf *m);
/* Frames waiting for worker 0 (transmit room for the bulk's pacing). */
unsigned int fwd_pfsync_tx_free(const struct fwd_pfsync *s);
/* Sum over the workers. */
void fwd_pfsync_stats(const struct fwd_pfsync *s, uint64_t out[FWD_PFSYNC_ST__COUNT]);

/* ---- worker w (fwd_filter.c, fwd_filter_input.c, fwd_worker.c) ---- */
struct fwd_worker;
struct fwd_rx;
struct pf_filter;
struct pf_result;
void fwd_pfsync_note(struct fwd_pfsync *s, unsigned int w, struct pf_filter *pf,
                     const struct pf_result *res);
void fwd_pfsync_poll(struct fwd_pfsync *s, struct fwd_worker *w, struct pf_filter *pf);

#endif /* FWD_PFSYNC_H */
