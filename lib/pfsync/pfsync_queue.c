/* SPDX-License-Identifier: BSD-2-Clause */
/* Pending-message queue: see pfsync_queue.h. */
#include "pfsync_queue.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pfsync_proto.h"

static const char *const kind_names[] = {
#define X(e, n, a) [PFSYNC_Q_##e] = #n,
    PFSYNC_Q_KINDS(X)
#undef X
};

static const uint8_t kind_actions[] = {
#define X(e, n, a) [PFSYNC_Q_##e] = a,
    PFSYNC_Q_KINDS(X)
#undef X
};

const char *pfsync_qkind_name(enum pfsync_qkind k)
{
	return (unsigned)k < PFSYNC_Q__COUNT ? kind_names[k] : "?";
}

uint8_t pfsync_qkind_action(enum pfsync_qkind k)
{
	return (unsigned)k < PFSYNC_Q__COUNT ? kind_actions[k] : 0xff;
}

static uint32_t hash(const struct pfsync_queue *q, uint64_t id, uint32_t creatorid)
{
	uint64_t h = (id ^ ((uint64_t)creatorid << 32 | creatorid)) * 0x9e3779b97f4a7c15ull;

	return (uint32_t)(h >> 32) & (q->nbucket - 1);
}

int pfsync_queue_init(struct pfsync_queue *q, uint32_t cap)
{
	uint32_t nb = 1;

	memset(q, 0, sizeof(*q));
	if (cap == 0 || cap > (1u << 24))
		return -EINVAL;
	while (nb < cap * 2)
		nb <<= 1;
	q->e = calloc(cap, sizeof(*q->e));
	q->bucket = calloc(nb, sizeof(*q->bucket));
	if (q->e == NULL || q->bucket == NULL) {
		pfsync_queue_fini(q);
		return -ENOMEM;
	}
	q->cap = cap;
	q->nbucket = nb;
	pfsync_queue_reset(q);
	return 0;
}

void pfsync_queue_fini(struct pfsync_queue *q)
{
	free(q->e);
	free(q->bucket);
	memset(q, 0, sizeof(*q));
}

void pfsync_queue_reset(struct pfsync_queue *q)
{
	uint32_t i;

	for (i = 0; i < q->nbucket; i++)
		q->bucket[i] = PFSYNC_QNIL;
	for (i = 0; i < q->cap; i++)
		q->e[i].next = i + 1 < q->cap ? i + 1 : PFSYNC_QNIL; /* free list */
	q->free = 0;
	q->n = 0;
	for (i = 0; i < PFSYNC_Q__COUNT; i++) {
		q->head[i] = q->tail[i] = PFSYNC_QNIL;
		q->count[i] = 0;
	}
}

struct pfsync_qent *pfsync_queue_find(struct pfsync_queue *q, uint64_t id, uint32_t creatorid)
{
	uint32_t i;

	for (i = q->bucket[hash(q, id, creatorid)]; i != PFSYNC_QNIL; i = q->e[i].hnext)
		if (q->e[i].id == id && q->e[i].creatorid == creatorid)
			return &q->e[i];
	return NULL;
}

static void list_append(struct pfsync_queue *q, uint32_t i, enum pfsync_qkind k)
{
	struct pfsync_qent *e = &q->e[i];

	e->kind = (uint8_t)k;
	e->next = PFSYNC_QNIL;
	e->prev = q->tail[k];
	if (q->tail[k] != PFSYNC_QNIL)
		q->e[q->tail[k]].next = i;
	else
		q->head[k] = i;
	q->tail[k] = i;
	q->count[k]++;
}

static void list_unlink(struct pfsync_queue *q, uint32_t i)
{
	struct pfsync_qent *e = &q->e[i];
	enum pfsync_qkind k = (enum pfsync_qkind)e->kind;

	if (e->prev != PFSYNC_QNIL)
		q->e[e->prev].next = e->next;
	else
		q->head[k] = e->next;
	if (e->next != PFSYNC_QNIL)
		q->e[e->next].prev = e->prev;
	else
		q->tail[k] = e->prev;
	q->count[k]--;
}

struct pfsync_qent *pfsync_queue_add(struct pfsync_queue *q, uint64_t id, uint32_t creatorid,
                                     enum pfsync_qkind kind, uint64_t due)
{
	uint32_t i = q->free, b;
	struct pfsync_qent *e;

	if (i == PFSYNC_QNIL)
		return NULL;
	e = &q->e[i];
	q->free = e->next;
	memset(e, 0, sizeof(*e));
	e->id = id;
	e->creatorid = creatorid;
	e->due = due;
	b = hash(q, id, creatorid);
	e->hnext = q->bucket[b];
	q->bucket[b] = i;
	list_append(q, i, kind);
	q->n++;
	return e;
}

void pfsync_queue_move(struct pfsync_queue *q, struct pfsync_qent *e, enum pfsync_qkind kind,
                       uint64_t due)
{
	uint32_t i = (uint32_t)(e - q->e);

	list_unlink(q, i);
	e->due = due;
	e->updates = 0;
	list_append(q, i, kind);
}

void pfsync_queue_del(struct pfsync_queue *q, struct pfsync_qent *e)
{
	uint32_t i = (uint32_t)(e - q->e), *pp;

	list_unlink(q, i);
	for (pp = &q->bucket[hash(q, e->id, e->creatorid)]; *pp != PFSYNC_QNIL;
	     pp = &q->e[*pp].hnext) {
		if (*pp == i) {
			*pp = e->hnext;
			break;
		}
	}
	e->next = q->free;
	q->free = i;
	q->n--;
}

struct pfsync_qent *pfsync_queue_head(struct pfsync_queue *q, enum pfsync_qkind kind)
{
	return q->head[kind] == PFSYNC_QNIL ? NULL : &q->e[q->head[kind]];
}
