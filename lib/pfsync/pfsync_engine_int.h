/* SPDX-License-Identifier: BSD-2-Clause */
/* The engine's private state, shared by pfsync_engine*.c only. */
#ifndef PFSYNC_ENGINE_INT_H
#define PFSYNC_ENGINE_INT_H

#include "pfsync_engine.h"

struct pfsync_bulk_tx {
	bool active;    /* a bulk send is running */
	bool again;     /* another request came meanwhile: one more after */
	bool started;   /* BUS START written */
	bool exhausted; /* the walk has ended; BUS END still to write */
	bool have_next; /* `next` holds a state not yet written */
	uint32_t total; /* states in the snapshot (announced in BUS START) */
	uint64_t sent;
	struct pfsync_state_msg next;
};

struct pfsync_engine {
	struct pfsync_config cfg;
	struct pfsync_table_ops ops;
	void *arg;
	bool up;
	struct pfsync_stats st;
	struct pfsync_auth auth;
	struct pfsync_queue q;
	struct pfsync_ref_msg *ureq; /* UPD_REQ to send, ureq_max */
	uint32_t nureq;
	struct pfsync_defer df;
	struct pfsync_breq breq;
	struct pfsync_bulk_tx btx;
	uint64_t urgent;  /* write everything pending at this time */
	uint8_t *tx;      /* tx_slots x mtu bytes */
	uint32_t tx_used; /* slots handed out in this call */
	uint32_t ip_id;   /* xorshift state */
	uint64_t wall0_ms, mono0;
	struct pfsync_state_msg scratch;
	struct pfsync_msg msg;
};

/* Every public entry point starts with this: the previous call's SEND
 * buffers are the caller's no more. */
static inline void pfsync_call_begin(struct pfsync_engine *e)
{
	e->tx_used = 0;
}

/* pfsync_engine.c */
void pfsync_push_deadline(struct pfsync_engine *e, struct pfsync_outs *out);
void pfsync_breq_flags(struct pfsync_engine *e, uint64_t now, unsigned flags,
                       struct pfsync_outs *out);

/* pfsync_engine_tx.c */
void pfsync_tx_write(struct pfsync_engine *e, uint64_t now, bool all, struct pfsync_outs *out);
void pfsync_tx_maybe_write(struct pfsync_engine *e, uint64_t now, struct pfsync_outs *out);
uint64_t pfsync_tx_due(const struct pfsync_engine *e);
void pfsync_tx_send_ref(struct pfsync_engine *e, uint64_t now, uint8_t action,
                        const struct pfsync_ref_msg *ref, enum pfsync_send_kind kind,
                        struct pfsync_outs *out);
void pfsync_tx_bulk_start(struct pfsync_engine *e);
/* Queue transitions (OpenBSD's pfsync_*_state switch statements). */
void pfsync_q_insert(struct pfsync_engine *e, uint64_t now, const struct pfsync_event *ev,
                     struct pfsync_outs *out);
void pfsync_q_update(struct pfsync_engine *e, uint64_t now, const struct pfsync_event *ev,
                     struct pfsync_outs *out);
void pfsync_q_delete(struct pfsync_engine *e, uint64_t now, const struct pfsync_event *ev,
                     struct pfsync_outs *out);
void pfsync_q_request(struct pfsync_engine *e, uint64_t now, uint64_t id, uint32_t creatorid,
                      struct pfsync_outs *out);
void pfsync_q_iack(struct pfsync_engine *e, uint64_t now, uint64_t id, uint32_t creatorid,
                   struct pfsync_outs *out);
void pfsync_q_forget(struct pfsync_engine *e, uint64_t id, uint32_t creatorid);
void pfsync_q_ureq(struct pfsync_engine *e, uint64_t now, uint64_t id, uint32_t creatorid);

/* pfsync_engine_rx.c */
void pfsync_rx_msg(struct pfsync_engine *e, uint64_t now, struct pfsync_iter *it,
                   const struct pfsync_msg *m, struct pfsync_outs *out);
void pfsync_release(struct pfsync_engine *e, uint64_t cookie, enum pfsync_release_reason r,
                    struct pfsync_outs *out);

#endif /* PFSYNC_ENGINE_INT_H */
