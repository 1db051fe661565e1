/* SPDX-License-Identifier: BSD-2-Clause */
/* Expiry lists: see pf_lru.h. */
#include "pf_lru.h"

#include <string.h>

void pf_lru_init(struct pf_lru *l, void *first_node, size_t stride, uint32_t cap)
{
	uint32_t i;

	memset(l, 0, sizeof(*l));
	l->base = first_node;
	l->stride = stride;
	l->cap = cap;
	for (i = 0; i < PF_LRU_NLISTS; i++)
		l->lists[i].head = l->lists[i].tail = PF_SLOT_NONE;
	for (i = 0; i < cap; i++) {
		struct pf_lru_node *n = pf_lru_node(l, i);

		n->prev = n->next = PF_SLOT_NONE;
		n->list = PF_LRU_NONE;
	}
}

struct pf_lru_node *pf_lru_node(const struct pf_lru *l, uint32_t slot)
{
	return (struct pf_lru_node *)(l->base + (size_t)slot * l->stride);
}

/* Link slot after `after` (PF_SLOT_NONE: at the head). */
static void link_after(struct pf_lru *l, uint32_t slot, uint8_t list, uint32_t after)
{
	struct pf_lru_list *ls = &l->lists[list];
	struct pf_lru_node *n = pf_lru_node(l, slot);
	uint32_t next = after == PF_SLOT_NONE ? ls->head : pf_lru_node(l, after)->next;

	n->prev = after;
	n->next = next;
	n->list = list;
	if (after == PF_SLOT_NONE)
		ls->head = slot;
	else
		pf_lru_node(l, after)->next = slot;
	if (next == PF_SLOT_NONE)
		ls->tail = slot;
	else
		pf_lru_node(l, next)->prev = slot;
	ls->n++;
}

void pf_lru_push(struct pf_lru *l, uint32_t slot, uint8_t list)
{
	link_after(l, slot, list, l->lists[list].tail);
}

void pf_lru_insert_ordered(struct pf_lru *l, uint32_t slot, uint8_t list, uint32_t expire,
                           uint32_t (*expire_of)(void *ctx, uint32_t slot), void *ctx)
{
	uint32_t after = l->lists[list].tail;
	unsigned walk = 0;

	while (after != PF_SLOT_NONE && walk++ < PF_LRU_MAX_WALK && expire_of(ctx, after) > expire)
		after = pf_lru_node(l, after)->prev;
	link_after(l, slot, list, after);
}

void pf_lru_remove(struct pf_lru *l, uint32_t slot)
{
	struct pf_lru_node *n = pf_lru_node(l, slot);
	struct pf_lru_list *ls;

	if (n->list == PF_LRU_NONE)
		return;
	ls = &l->lists[n->list];
	if (n->prev == PF_SLOT_NONE)
		ls->head = n->next;
	else
		pf_lru_node(l, n->prev)->next = n->next;
	if (n->next == PF_SLOT_NONE)
		ls->tail = n->prev;
	else
		pf_lru_node(l, n->next)->prev = n->prev;
	ls->n--;
	n->prev = n->next = PF_SLOT_NONE;
	n->list = PF_LRU_NONE;
}

uint32_t pf_lru_head(const struct pf_lru *l, uint8_t list)
{
	return l->lists[list].head;
}
