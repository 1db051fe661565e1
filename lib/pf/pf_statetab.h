/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * State table bookkeeping that is not a hash: slots in caller-provided
 * storage (a state is named by its 32-bit slot id), the free list, `set
 * limit states` and a rule's `max`, the expiry lists (pf_lru.h), the ids
 * pf gives states, and pf's counters (pf_status.h). The key -> slot
 * lookup is the caller's (rte_hash in the fast path, pf_reftable in tests
 * and the reference packet path): insert the keys after pf_statetab_alloc
 * succeeds, delete them in the purge callback.
 *
 * pf's semantics: a full table fails the insert and counts "memory"; a
 * rule at its max counts "state-limit" and "max states per rule"; inserts
 * and removals count; half-open TCP states are counted for states
 * created here. After pf_statetab_set_ruleset() (a reload) states made by
 * the old rules stay and expire with the new ruleset's timeouts and the
 * global adaptive values; only states of the current generation count
 * towards a rule's max (pf keeps old states on their old rules).
 *
 * Sharing: none inside; the caller serialises (one writer per table, e.g.
 * a table per lcore, or the control thread).
 */
#ifndef PF_STATETAB_H
#define PF_STATETAB_H

#include <stdbool.h>
#include <stdint.h>

#include "pf_lru.h"
#include "pf_rule.h"
#include "pf_state.h"
#include "pf_status.h"

struct pf_slot {
	struct pf_state st;
	struct pf_lru_node lru;
	uint32_t queued_expire; /* the expire it was queued with */
	uint8_t in_use;
	uint8_t halfopen; /* counted in states_halfopen */
};

struct pf_statetab {
	struct pf_slot *slots;
	uint32_t cap;
	uint32_t free_head; /* free list through lru.next */
	uint32_t limit;     /* min(set limit states, cap) */
	uint32_t hostid;    /* creatorid of states made here */
	uint64_t next_id;
	const struct pf_ruleset *rs;
	struct pf_rule_stats *stats;        /* rs->stats, or the owner's own copy */
	uint32_t gen;                       /* of rs */
	uint32_t default_timeout[PFTM_MAX]; /* before a ruleset is set */
	struct pf_lru lru;
	struct pf_status status;
};

/* purge callback: remove the slot's keys from the lookup before the slot is freed */
typedef void (*pf_purge_fn)(void *ctx, uint32_t slot, const struct pf_state *st);

int pf_statetab_init(struct pf_statetab *t, struct pf_slot *slots, uint32_t cap, uint32_t hostid);
void pf_statetab_set_ruleset(struct pf_statetab *t, const struct pf_ruleset *rs, uint32_t gen);
/* Count per-rule figures (packets, states, a rule's max) in stats (one per
 * rule of the ruleset set, NULL: rs->stats): a per-lcore table keeps its own. */
void pf_statetab_set_stats(struct pf_statetab *t, struct pf_rule_stats *stats);

static inline struct pf_state *pf_statetab_state(struct pf_statetab *t, uint32_t slot)
{
	return &t->slots[slot].st;
}

/*
 * A free slot for a state of rule r (NULL: default rule), or PF_SLOT_NONE
 * with *reason PF_REASON_MEMORY (table full) or PF_REASON_MAXSTATES (the
 * rule's max); the reason's counter is counted. The slot is not linked.
 */
uint32_t pf_statetab_alloc(struct pf_statetab *t, const struct pf_rule *r, enum pf_reason *reason);
/* Give an allocated slot back without inserting (e.g. its key collided). */
void pf_statetab_release(struct pf_statetab *t, uint32_t slot);
/* A new id for a state made here (pf: a counter, sent big-endian). */
uint64_t pf_statetab_new_id(struct pf_statetab *t);

/* The slot's state is filled in: link it, count it. */
void pf_statetab_insert(struct pf_statetab *t, uint32_t slot);
/* An imported state (expire in the past): as insert, placed by activity time. */
void pf_statetab_insert_imported(struct pf_statetab *t, uint32_t slot);
/* A packet updated the state (expire, timeout, peers): re-queue and recount. */
void pf_statetab_touch(struct pf_statetab *t, uint32_t slot);
/* Remove now (pfsync delete, kill): the caller removes the keys itself. */
void pf_statetab_remove(struct pf_statetab *t, uint32_t slot);

/* pf_state_expires() of a slot with this table's counts and its rule's. */
uint64_t pf_statetab_expires(const struct pf_statetab *t, uint32_t slot);

/*
 * Remove up to max expired states (and all marked PFTM_PURGE first),
 * calling fn for each before its slot is freed; returns how many.
 */
unsigned pf_statetab_purge(struct pf_statetab *t, uint32_t now, unsigned max, pf_purge_fn fn,
                           void *ctx);

#endif /* PF_STATETAB_H */
