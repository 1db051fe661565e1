/* SPDX-License-Identifier: BSD-2-Clause */
/* State table bookkeeping: see pf_statetab.h. */
#include "pf_statetab.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

static uint8_t list_of(const struct pf_state *st)
{
	return st->timeout < PFTM_MAX ? st->timeout : PF_LRU_PURGE;
}

/* The counters of the rule that made the state, if it is a rule of the current ruleset. */
static struct pf_rule_stats *rule_stats(const struct pf_statetab *t, const struct pf_state *st,
                                        const struct pf_rule **r)
{
	if (t->rs == NULL || st->ruleset_gen != t->gen || st->rule < 0 ||
	    (uint32_t)st->rule >= t->rs->nrules)
		return NULL;
	if (r != NULL)
		*r = &t->rs->rules[st->rule];
	return &t->stats[st->rule];
}

int pf_statetab_init(struct pf_statetab *t, struct pf_slot *slots, uint32_t cap, uint32_t hostid)
{
	uint32_t i;

	if (slots == NULL || cap == 0 || cap == PF_SLOT_NONE || hostid == 0)
		return -EINVAL;
	memset(t, 0, sizeof(*t));
	t->slots = slots;
	t->cap = cap;
	t->limit = cap;
	t->hostid = hostid;
	t->next_id = 1;
	pf_timeouts_init(t->default_timeout);
	pf_lru_init(&t->lru, &slots[0].lru, sizeof(slots[0]), cap);
	for (i = 0; i < cap; i++) {
		slots[i].in_use = 0;
		slots[i].halfopen = 0;
		slots[i].lru.next = i + 1 < cap ? i + 1 : PF_SLOT_NONE;
	}
	t->free_head = 0;
	return 0;
}

void pf_statetab_set_ruleset(struct pf_statetab *t, const struct pf_ruleset *rs, uint32_t gen)
{
	t->rs = rs;
	t->stats = rs != NULL ? rs->stats : NULL;
	t->gen = gen;
	t->limit = rs != NULL && rs->limit_states < t->cap ? rs->limit_states : t->cap;
}

void pf_statetab_set_stats(struct pf_statetab *t, struct pf_rule_stats *stats)
{
	if (t->rs != NULL)
		t->stats = stats != NULL ? stats : t->rs->stats;
}

uint32_t pf_statetab_alloc(struct pf_statetab *t, const struct pf_rule *r, enum pf_reason *reason)
{
	uint32_t slot;

	if (t->status.states >= t->limit || t->free_head == PF_SLOT_NONE) {
		*reason = PF_REASON_MEMORY;
		t->status.counters[PF_REASON_MEMORY]++;
		return PF_SLOT_NONE;
	}
	if (r != NULL && r->max_states && t->rs != NULL && r->nr < t->rs->nrules &&
	    t->stats[r->nr].states_cur >= r->max_states) {
		*reason = PF_REASON_MAXSTATES;
		t->status.counters[PF_REASON_MAXSTATES]++;
		t->status.lcounters[PF_LCNT_STATES]++;
		return PF_SLOT_NONE;
	}
	slot = t->free_head;
	t->free_head = t->slots[slot].lru.next;
	t->slots[slot].lru.next = t->slots[slot].lru.prev = PF_SLOT_NONE;
	t->slots[slot].lru.list = PF_LRU_NONE;
	t->slots[slot].in_use = 1;
	return slot;
}

void pf_statetab_release(struct pf_statetab *t, uint32_t slot)
{
	struct pf_slot *s = &t->slots[slot];

	s->in_use = 0;
	s->lru.list = PF_LRU_NONE;
	s->lru.next = t->free_head;
	t->free_head = slot;
}

uint64_t pf_statetab_new_id(struct pf_statetab *t)
{
	return t->next_id++;
}

static void count_in(struct pf_statetab *t, uint32_t slot)
{
	struct pf_slot *s = &t->slots[slot];
	struct pf_rule_stats *rst = rule_stats(t, &s->st, NULL);

	t->status.fcounters[PF_FCNT_INSERT]++;
	t->status.states++;
	if (rst != NULL) {
		rst->states_cur++;
		rst->states_tot++;
	}
	s->halfopen = pf_state_halfopen(&s->st, t->hostid);
	t->status.states_halfopen += s->halfopen;
	s->queued_expire = s->st.expire;
}

void pf_statetab_insert(struct pf_statetab *t, uint32_t slot)
{
	count_in(t, slot);
	pf_lru_push(&t->lru, slot, list_of(&t->slots[slot].st));
}

static uint32_t expire_of(void *ctx, uint32_t slot)
{
	return ((struct pf_statetab *)ctx)->slots[slot].queued_expire;
}

void pf_statetab_insert_imported(struct pf_statetab *t, uint32_t slot)
{
	count_in(t, slot);
	pf_lru_insert_ordered(&t->lru, slot, list_of(&t->slots[slot].st), t->slots[slot].st.expire,
	                      expire_of, t);
}

void pf_statetab_touch(struct pf_statetab *t, uint32_t slot)
{
	struct pf_slot *s = &t->slots[slot];
	uint8_t list = list_of(&s->st), ho;

	if (s->lru.list != list || s->queued_expire != s->st.expire) {
		pf_lru_remove(&t->lru, slot);
		pf_lru_push(&t->lru, slot, list);
		s->queued_expire = s->st.expire;
	}
	ho = pf_state_halfopen(&s->st, t->hostid);
	if (ho != s->halfopen) {
		t->status.states_halfopen += ho;
		t->status.states_halfopen -= s->halfopen;
		s->halfopen = ho;
	}
}

void pf_statetab_remove(struct pf_statetab *t, uint32_t slot)
{
	struct pf_slot *s = &t->slots[slot];
	struct pf_rule_stats *rst = rule_stats(t, &s->st, NULL);

	if (!s->in_use)
		return;
	pf_lru_remove(&t->lru, slot);
	t->status.fcounters[PF_FCNT_REMOVALS]++;
	t->status.states--;
	t->status.states_halfopen -= s->halfopen;
	s->halfopen = 0;
	if (rst != NULL && rst->states_cur > 0)
		rst->states_cur--;
	s->st.timeout = PFTM_UNLINKED;
	pf_statetab_release(t, slot);
}

uint64_t pf_statetab_expires(const struct pf_statetab *t, uint32_t slot)
{
	const struct pf_state *st = &t->slots[slot].st;
	const struct pf_rule *r = NULL;
	const struct pf_rule_stats *rst = rule_stats(t, st, &r);
	struct pf_expire_ctx c = {
	    .timeout = t->rs != NULL ? t->rs->timeout : t->default_timeout,
	    .states = t->status.states,
	};

	if (rst != NULL && r->adaptive_start) {
		c.rule_start = r->adaptive_start;
		c.rule_end = r->adaptive_end;
		c.rule_states = rst->states_cur;
	}
	return pf_state_expires(st, &c);
}

static void drop(struct pf_statetab *t, uint32_t slot, pf_purge_fn fn, void *ctx)
{
	if (fn != NULL)
		fn(ctx, slot, &t->slots[slot].st);
	pf_statetab_remove(t, slot);
}

unsigned pf_statetab_purge(struct pf_statetab *t, uint32_t now, unsigned max, pf_purge_fn fn,
                           void *ctx)
{
	unsigned done = 0, l;
	uint32_t slot;

	while (done < max && (slot = pf_lru_head(&t->lru, PF_LRU_PURGE)) != PF_SLOT_NONE) {
		drop(t, slot, fn, ctx);
		done++;
	}
	for (l = 0; l < PFTM_MAX; l++)
		while (done < max && (slot = pf_lru_head(&t->lru, (uint8_t)l)) != PF_SLOT_NONE &&
		       pf_statetab_expires(t, slot) <= now) {
			drop(t, slot, fn, ctx);
			done++;
		}
	return done;
}
