/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Merge rules of OpenBSD's receiver (if_pfsync.c pfsync_in_updates,
 * pfsync_upd_tcp), as pure functions over the decoded representation.
 *
 * For an UPD or UPD_C of a state we already have, each half (src, dst
 * peer) is either taken from the message or kept because ours is fresher
 * ("stale" update):
 *  - TCP, src half stale when ours is in a later state (except when ours is
 *    a synproxy state and theirs is not: a synproxy state may go back), or
 *    in the same state with seqlo ahead of theirs (SEQ_GT, modulo 2^32);
 *  - TCP, dst half stale when ours is in a later state, or the same state
 *    with seqlo ahead (OpenBSD has no synproxy exception for dst);
 *  - other protocols: a half is stale when ours is in a later state.
 * Then: expiry (now) and timeout class are refreshed unless both halves
 * were stale; if any half was stale the receiver counts `stale` and sends
 * its own copy back ("the peer is behind"), so two active nodes converge.
 * Any UPD/UPD_C also releases a pending deferral of that state.
 */
#ifndef PFSYNC_MERGE_H
#define PFSYNC_MERGE_H

#include <stdbool.h>
#include <stdint.h>

#include "pfsync_msg.h"

/* What to do with a known state on an update from the peer. */
struct pfsync_merge {
	bool take_src;    /* copy the message's src peer over ours */
	bool take_dst;    /* copy the message's dst peer over ours */
	unsigned stale;   /* halves kept (0..2): count `stale` when > 0 */
	bool refresh;     /* expire = now, timeout = the message's (stale < 2) */
	bool send_update; /* our copy is newer: announce it back now */
	/* the message's values, for the caller to apply */
	struct pfsync_peer_msg src;
	struct pfsync_peer_msg dst;
	uint8_t timeout;
};

/* SEQ_GT(a, b): a is after b in 32-bit sequence space. */
static inline bool pfsync_seq_gt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

/* True when our src half is fresher than `theirs` (TCP rule above). */
bool pfsync_tcp_src_stale(const struct pfsync_peer_msg *ours, const struct pfsync_peer_msg *theirs);
/* True when our dst half is fresher than `theirs`. */
bool pfsync_tcp_dst_stale(const struct pfsync_peer_msg *ours, const struct pfsync_peer_msg *theirs);

/* Decide for a state of protocol `proto` whose peers are `our_src` and
 * `our_dst`, updated with `src`, `dst` and `timeout`. */
void pfsync_merge_decide(uint8_t proto, const struct pfsync_peer_msg *our_src,
                         const struct pfsync_peer_msg *our_dst, const struct pfsync_peer_msg *src,
                         const struct pfsync_peer_msg *dst, uint8_t timeout,
                         struct pfsync_merge *out);

/* Apply a decision to a decoded state (the form the table exports): the
 * merged copy OpenBSD would hold. Expiry is the caller's (now-based). */
void pfsync_merge_apply(const struct pfsync_merge *m, struct pfsync_state_msg *st);

#endif /* PFSYNC_MERGE_H */
