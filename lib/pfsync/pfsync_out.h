/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Outputs: what the sans-IO engine asks its caller to do. Every engine
 * entry point appends to a caller-provided list and ends with a DEADLINE
 * (the next time pfsync_engine_timeout must run). The engine never sends,
 * never arms a timer and never touches CARP itself.
 *
 * SEND data points into the engine's own transmit slots and stays valid
 * until the next call into the engine: copy it into an mbuf right away.
 */
#ifndef PFSYNC_OUT_H
#define PFSYNC_OUT_H

#include <stdint.h>

#define PFSYNC_NEVER UINT64_MAX

#define PFSYNC_OUTS(X)                                                                             \
	X(SEND, send, "send this IPv4 packet on syncdev")                                          \
	X(DEMOTE, demote, "adjust the demotion of carp group `carp`, ledger source pfsync")        \
	X(RELEASE, release, "send a deferred packet now")                                          \
	X(DEADLINE, deadline, "call pfsync_engine_timeout at this time")

enum pfsync_out_type {
#define X(e, n, d) PFSYNC_OUT_##e,
	PFSYNC_OUTS(X)
#undef X
	    PFSYNC_OUT__COUNT
};

/* What a SEND carries (the caller may give bulk a lower priority). */
#define PFSYNC_SEND_KINDS(X)                                                                       \
	X(UPDATES, updates, "queued inserts, updates, deletes, acks, requests")                    \
	X(BULK, bulk, "a bulk update packet")                                                      \
	X(BULK_REQ, bulk_req, "a bulk update request")                                             \
	X(CLR, clr, "a clear-states message")

enum pfsync_send_kind {
#define X(e, n, d) PFSYNC_SEND_##e,
	PFSYNC_SEND_KINDS(X)
#undef X
};

/* Demotion reasons, with OpenBSD's carp_group_demote_adj() labels. */
#define PFSYNC_DEMOTE_REASONS(X)                                                                   \
	X(LINK, "pfsync link", "sync link down (+1) or back up (-1)")                              \
	X(START, "pfsync start", "bulk update requested, table not in yet (+32)")                  \
	X(DONE, "pfsync done", "bulk update received to the end (-32)")                            \
	X(FAIL, "pfsync fail", "bulk update failed or timed out (-32)")                            \
	X(DOWN, "pfsync down", "pfsync stopped (-32, -1)")

enum pfsync_demote_reason {
#define X(e, l, d) PFSYNC_DEMOTE_##e,
	PFSYNC_DEMOTE_REASONS(X)
#undef X
};

#define PFSYNC_DEMOTE_BULK_ADJ 32 /* while the bulk update is incomplete */
#define PFSYNC_DEMOTE_LINK_ADJ 1  /* while the sync link is down */

#define PFSYNC_RELEASE_REASONS(X)                                                                  \
	X(ACK, ack, "the peer acknowledged the state (INS_ACK or update)")                         \
	X(TIMEOUT, timeout, "the defer timeout passed")                                            \
	X(OVER, over, "too many deferred packets: the oldest goes")                                \
	X(DOWN, down, "pfsync stopped")

enum pfsync_release_reason {
#define X(e, n, d) PFSYNC_RELEASE_##e,
	PFSYNC_RELEASE_REASONS(X)
#undef X
};

struct pfsync_out {
	uint8_t type; /* enum pfsync_out_type */
	union {
		struct {
			const uint8_t *data; /* IPv4 header first */
			uint16_t len;
			uint8_t kind; /* enum pfsync_send_kind */
		} send;
		struct {
			int16_t delta;  /* +32 / -32 / +1 / -1 */
			uint8_t reason; /* enum pfsync_demote_reason */
		} demote;
		struct {
			uint64_t cookie; /* the caller's packet handle */
			uint8_t reason;  /* enum pfsync_release_reason */
		} release;
		struct {
			uint64_t at; /* us; PFSYNC_NEVER if none */
		} deadline;
	} u;
};

/* A list over caller storage; when full, further outputs are counted in
 * `dropped` (size it with PFSYNC_OUTS_HINT). */
struct pfsync_outs {
	struct pfsync_out *a;
	unsigned n, cap, dropped;
};

/* Enough for any single call: the transmit slots, one release per
 * deferral (defer_max), demotions and the deadline. */
#define PFSYNC_OUTS_HINT(tx_slots, defer_max) ((tx_slots) + (defer_max) + 8)

void pfsync_outs_init(struct pfsync_outs *l, struct pfsync_out *buf, unsigned cap);
void pfsync_outs_clear(struct pfsync_outs *l);
/* A zeroed slot, or NULL (and dropped++) when full or l is NULL. */
struct pfsync_out *pfsync_outs_push(struct pfsync_outs *l, enum pfsync_out_type t);

const char *pfsync_out_name(enum pfsync_out_type t);
const char *pfsync_send_kind_name(enum pfsync_send_kind k);
/* "pfsync start", ... */
const char *pfsync_demote_reason_label(enum pfsync_demote_reason r);
const char *pfsync_release_reason_name(enum pfsync_release_reason r);

#endif /* PFSYNC_OUT_H */
