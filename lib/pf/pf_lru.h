/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Expiry lists: one doubly linked list of 32-bit slot ids per timeout
 * class, each in order of last activity (the state's `expire`), oldest at
 * the head. A packet moves its state to the tail of its (possibly new)
 * class; the purge looks at list heads only and stops at the first state
 * that has not expired, so its cost is proportional to what expires plus
 * one look per list, never a walk over the table (VPP nat44-ed's per-class
 * LRU lists, against grout's whole-table sweep).
 *
 * The nodes live in the caller's slot array (any stride), so the lists add
 * 9 bytes per state and no allocation.
 */
#ifndef PF_LRU_H
#define PF_LRU_H

#include <stddef.h>
#include <stdint.h>

#include "pf_timeout.h"

#define PF_SLOT_NONE    UINT32_MAX
#define PF_LRU_NONE     0xff
#define PF_LRU_PURGE    PFTM_MAX /* states marked PFTM_PURGE: removed at the next purge */
#define PF_LRU_NLISTS   (PFTM_MAX + 1)
#define PF_LRU_MAX_WALK 32 /* out-of-order inserts look this far back for their place */

struct pf_lru_node {
	uint32_t prev, next;
	uint8_t list; /* PF_LRU_NONE when not linked */
};

struct pf_lru_list {
	uint32_t head, tail, n;
};

struct pf_lru {
	struct pf_lru_list lists[PF_LRU_NLISTS];
	char *base;    /* the first node */
	size_t stride; /* bytes from one slot's node to the next */
	uint32_t cap;
};

void pf_lru_init(struct pf_lru *l, void *first_node, size_t stride, uint32_t cap);
struct pf_lru_node *pf_lru_node(const struct pf_lru *l, uint32_t slot);

/* Append at the tail of a list (most recently active). */
void pf_lru_push(struct pf_lru *l, uint32_t slot, uint8_t list);
/*
 * Insert by activity time: walk back from the tail past newer entries
 * (at most PF_LRU_MAX_WALK) - for states whose `expire` is in the past,
 * such as states imported from pfsync. expire_of() reads an entry's time.
 */
void pf_lru_insert_ordered(struct pf_lru *l, uint32_t slot, uint8_t list, uint32_t expire,
                           uint32_t (*expire_of)(void *ctx, uint32_t slot), void *ctx);
void pf_lru_remove(struct pf_lru *l, uint32_t slot);
uint32_t pf_lru_head(const struct pf_lru *l, uint8_t list);

#endif /* PF_LRU_H */
