/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Pending local messages, one entry per state, in one FIFO per kind (the
 * order OpenBSD writes them: IACK, UPD_C, DEL_C, INS, UPD). An entry holds
 * only the state's (id, creatorid): contents are read from the table when
 * the packet is written, so the peer gets the newest values (OpenBSD does
 * the same). Fixed capacity chosen at init; a hash finds a state's entry.
 */
#ifndef PFSYNC_QUEUE_H
#define PFSYNC_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#define PFSYNC_Q_KINDS(X)                                                                          \
	X(IACK, iack, PFSYNC_ACT_INS_ACK)                                                          \
	X(UPD_C, upd_c, PFSYNC_ACT_UPD_C)                                                          \
	X(DEL_C, del_c, PFSYNC_ACT_DEL_C)                                                          \
	X(INS, ins, PFSYNC_ACT_INS)                                                                \
	X(UPD, upd, PFSYNC_ACT_UPD)

enum pfsync_qkind {
#define X(e, n, a) PFSYNC_Q_##e,
	PFSYNC_Q_KINDS(X)
#undef X
	    PFSYNC_Q__COUNT
};

const char *pfsync_qkind_name(enum pfsync_qkind k);
/* The subheader action a kind is written as. */
uint8_t pfsync_qkind_action(enum pfsync_qkind k);

#define PFSYNC_QNIL UINT32_MAX

struct pfsync_qent {
	uint64_t id;
	uint32_t creatorid;
	uint32_t hnext;      /* hash chain */
	uint32_t prev, next; /* kind FIFO */
	uint8_t kind;        /* enum pfsync_qkind */
	uint8_t updates;     /* TCP updates while queued (maxupd) */
	bool ack;            /* INS: set PFSTATE_ACK (a deferral waits) */
	uint64_t due;        /* latest time it may wait until */
};

struct pfsync_queue {
	struct pfsync_qent *e;
	uint32_t *bucket;
	uint32_t cap, nbucket, free, n;
	uint32_t head[PFSYNC_Q__COUNT], tail[PFSYNC_Q__COUNT], count[PFSYNC_Q__COUNT];
};

/* Allocate room for `cap` entries (>= 1). 0 or -ENOMEM / -EINVAL. */
int pfsync_queue_init(struct pfsync_queue *q, uint32_t cap);
void pfsync_queue_fini(struct pfsync_queue *q);
/* Forget every entry. */
void pfsync_queue_reset(struct pfsync_queue *q);

struct pfsync_qent *pfsync_queue_find(struct pfsync_queue *q, uint64_t id, uint32_t creatorid);
/* A new entry at the tail of `kind`; NULL when full. */
struct pfsync_qent *pfsync_queue_add(struct pfsync_queue *q, uint64_t id, uint32_t creatorid,
                                     enum pfsync_qkind kind, uint64_t due);
/* Move to the tail of another kind (or the same), with a new due time. */
void pfsync_queue_move(struct pfsync_queue *q, struct pfsync_qent *e, enum pfsync_qkind kind,
                       uint64_t due);
void pfsync_queue_del(struct pfsync_queue *q, struct pfsync_qent *e);
/* Oldest entry of `kind`, or NULL. */
struct pfsync_qent *pfsync_queue_head(struct pfsync_queue *q, enum pfsync_qkind kind);

static inline bool pfsync_queue_full(const struct pfsync_queue *q)
{
	return q->n >= q->cap;
}

#endif /* PFSYNC_QUEUE_H */
