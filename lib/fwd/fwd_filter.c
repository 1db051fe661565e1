/* SPDX-License-Identifier: BSD-2-Clause */
/* The filter stage of the fast path: see fwd_filter.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_malloc.h>

#include "fwd_filter.h"
#include "fwd_filter_acl.h"
#include "fwd_pfsync.h"

/* One worker's filter: its state table, lookup and rule counters. */
struct fwd_filter_lcore {
	struct pf_filter pf;
	struct pf_rule_stats *stats; /* per rule */
	uint64_t *quick_decided;     /* per rule: lookups a quick rule decided */
	uint64_t lookups;            /* classifier lookups */
	struct fwd_filter *owner;
} __rte_cache_aligned;

struct fwd_filter {
	const struct pf_ruleset *rs;
	struct fwd_filter_acl acl;
	uint16_t ifid[FWD_MAX_PORTS];
	unsigned int n;
	struct fwd_filter_lcore *lc;
	struct fwd_pfsync *sync; /* state events (fwd_pfsync.h), NULL: off */
};

/* pf's reasons as the router's drop reasons. */
static enum fwd_drop drop_reason(enum pf_reason r)
{
	switch (r) {
	case PF_REASON_MATCH:
		return FWD_DROP_PF_BLOCKED;
	case PF_REASON_BADSTATE:
		return FWD_DROP_PF_STATE_MISMATCH;
	case PF_REASON_MAXSTATES:
		return FWD_DROP_PF_STATE_LIMIT;
	case PF_REASON_MEMORY:
		return FWD_DROP_PF_MEMORY;
	case PF_REASON_STATEINS:
		return FWD_DROP_PF_STATE_INSERT;
	case PF_REASON_TRANSLATE:
		return FWD_DROP_PF_TRANSLATE;
	case PF_REASON_SHORT:
		return FWD_DROP_PF_SHORT;
	case PF_REASON_BADOFF:
		return FWD_DROP_PF_BAD_OFFSET;
	case PF_REASON_FRAG:
		return FWD_DROP_PF_FRAGMENT;
	case PF_REASON_IPOPTIONS:
		return FWD_DROP_PF_IP_OPTION;
	case PF_REASON_NORM:
	default:
		return FWD_DROP_PF_NORMALIZE;
	}
}

/* The classifier hook: rte_acl, counting what pf_eval would count. */
static void classify(void *arg, const struct pf_pkt_meta *m, struct pf_eval_result *res)
{
	struct fwd_filter_lcore *lc = arg;
	const struct pf_ruleset *rs = lc->owner->rs;

	fwd_filter_acl_classify(&lc->owner->acl, m, res);
	lc->lookups++;
	if (res->rule >= 0 && rs->rules[res->rule].quick)
		lc->quick_decided[res->rule]++;
}

static int lcore_init(struct fwd_filter *f, struct fwd_filter_lcore *lc, unsigned int w,
                      const struct fwd_filter_conf *c, uint32_t slots)
{
	uint32_t ents = 1;
	struct pf_slot *sl;
	struct pf_refent *re;
	int rc;

	while ((uint64_t)ents * 3 / 4 < (uint64_t)slots * 2)
		ents <<= 1;
	sl = rte_zmalloc_socket("pf_slots", sizeof(*sl) * slots, RTE_CACHE_LINE_SIZE, c->socket);
	re = rte_zmalloc_socket("pf_ents", sizeof(*re) * ents, RTE_CACHE_LINE_SIZE, c->socket);
	lc->stats =
	    rte_zmalloc_socket("pf_rstats", sizeof(*lc->stats) * (f->rs->nrules + 1), 0, c->socket);
	lc->quick_decided = rte_zmalloc_socket(
	    "pf_quick", sizeof(*lc->quick_decided) * (f->rs->nrules + 1), 0, c->socket);
	if (sl == NULL || re == NULL || lc->stats == NULL || lc->quick_decided == NULL) {
		rte_free(sl);
		rte_free(re);
		return -ENOMEM;
	}
	rc = pf_filter_init(&lc->pf, sl, slots, re, ents, c->hostid, c->seed + w * 0x9e3779b9u);
	if (rc != 0) {
		rte_free(sl);
		rte_free(re);
		return rc;
	}
	lc->owner = f;
	pf_filter_set_ruleset(&lc->pf, f->rs, 1);
	pf_statetab_set_stats(&lc->pf.tab, lc->stats);
	lc->pf.classify = classify;
	lc->pf.classify_ctx = lc;
	return 0;
}

void fwd_filter_destroy(struct fwd_filter *f)
{
	if (f == NULL)
		return;
	for (unsigned int w = 0; f->lc != NULL && w < f->n; w++) {
		rte_free(f->lc[w].pf.tab.slots);
		rte_free(f->lc[w].pf.ht.e);
		rte_free(f->lc[w].stats);
		rte_free(f->lc[w].quick_decided);
	}
	rte_free(f->lc);
	fwd_filter_acl_free(&f->acl);
	rte_free(f);
}

struct fwd_filter *fwd_filter_create(const struct fwd_filter_conf *c, int *err)
{
	static unsigned int seq; /* rte_acl names are global */
	struct fwd_filter *f;
	char name[32];
	uint32_t slots;
	int rc;

	*err = 0;
	if (c->rs == NULL || c->n_workers == 0 || c->hostid == 0) {
		*err = -EINVAL;
		return NULL;
	}
	f = rte_zmalloc_socket("fwd_filter", sizeof(*f), RTE_CACHE_LINE_SIZE, c->socket);
	if (f == NULL) {
		*err = -ENOMEM;
		return NULL;
	}
	f->rs = c->rs;
	f->n = c->n_workers;
	memcpy(f->ifid, c->ifid, sizeof(f->ifid));
	snprintf(name, sizeof(name), "pf%u", seq++);
	if ((rc = fwd_filter_acl_build(&f->acl, c->rs, name, c->socket)) != 0)
		goto fail;
	f->lc = rte_zmalloc_socket("fwd_filter_lc", sizeof(*f->lc) * f->n, RTE_CACHE_LINE_SIZE,
	                           c->socket);
	if (f->lc == NULL) {
		rc = -ENOMEM;
		goto fail;
	}
	slots =
	    c->states_per_worker ? c->states_per_worker : (c->rs->limit_states + f->n - 1) / f->n;
	if (slots == 0)
		slots = 1;
	for (unsigned int w = 0; w < f->n; w++)
		if ((rc = lcore_init(f, &f->lc[w], w, c, slots)) != 0)
			goto fail;
	return f;
fail:
	fwd_filter_destroy(f);
	*err = rc < 0 ? rc : -EINVAL;
	return NULL;
}

void fwd_filter_set_sync(struct fwd_filter *f, struct fwd_pfsync *s)
{
	f->sync = s;
}

struct pf_filter *fwd_filter_pf(struct fwd_filter *f, unsigned int w)
{
	return &f->lc[w].pf;
}

unsigned int fwd_filter_workers(const struct fwd_filter *f)
{
	return f->n;
}

const struct pf_ruleset *fwd_filter_ruleset(const struct fwd_filter *f)
{
	return f->rs;
}

enum fwd_drop fwd_filter_packet(struct fwd_filter *f, unsigned int w, uint16_t port, uint8_t dir,
                                uint8_t *frame, uint32_t len, uint32_t now)
{
	struct pf_result res;

	pf_filter_packet(&f->lc[w].pf, port < FWD_MAX_PORTS ? f->ifid[port] : PF_IF_ANY, dir, frame,
	                 len, true, now, &res);
	if (f->sync != NULL)
		fwd_pfsync_note(f->sync, w, &f->lc[w].pf, &res);
	return res.action == PF_PASS ? FWD_DROP_NONE : drop_reason(res.reason);
}

void fwd_filter_expire(struct fwd_filter *f, unsigned int w, uint32_t now, unsigned int max)
{
	pf_filter_purge(&f->lc[w].pf, now, max);
}

static uint64_t rd(const uint64_t *v)
{
	return __atomic_load_n(v, __ATOMIC_RELAXED);
}

void fwd_filter_status(const struct fwd_filter *f, struct pf_status *out, uint64_t *slots)
{
	memset(out, 0, sizeof(*out));
	*slots = 0;
	for (unsigned int w = 0; w < f->n; w++) {
		const struct pf_filter *pf = &f->lc[w].pf;
		const struct pf_status *s = &pf->tab.status;

		for (unsigned int i = 0; i < PF_FCNT__COUNT; i++)
			out->fcounters[i] += rd(&s->fcounters[i]);
		for (unsigned int i = 0; i < PF_REASON__COUNT; i++)
			out->counters[i] += rd(&s->counters[i]);
		for (unsigned int i = 0; i < PF_LCNT__COUNT; i++)
			out->lcounters[i] += rd(&s->lcounters[i]);
		out->states += __atomic_load_n(&s->states, __ATOMIC_RELAXED);
		out->states_halfopen += __atomic_load_n(&s->states_halfopen, __ATOMIC_RELAXED);
		*slots += pf->tab.cap;
	}
}

uint64_t fwd_filter_lookups(const struct fwd_filter *f)
{
	uint64_t n = 0;

	for (unsigned int w = 0; w < f->n; w++)
		n += rd(&f->lc[w].lookups);
	return n;
}

bool fwd_filter_rule_stats(const struct fwd_filter *f, uint32_t r, struct pf_rule_stats *out)
{
	uint64_t stopped = 0;

	if (r >= f->rs->nrules)
		return false;
	memset(out, 0, sizeof(*out));
	for (unsigned int w = 0; w < f->n; w++) {
		const struct fwd_filter_lcore *lc = &f->lc[w];
		const struct pf_rule_stats *s = &lc->stats[r];

		for (unsigned int d = 0; d < 2; d++) {
			out->packets[d] += rd(&s->packets[d]);
			out->bytes[d] += rd(&s->bytes[d]);
		}
		out->states_tot += rd(&s->states_tot);
		out->states_cur += __atomic_load_n(&s->states_cur, __ATOMIC_RELAXED);
		/* pf_eval's walk stops at a deciding quick rule: later rules are not evaluated */
		for (uint32_t q = 0; q < r; q++)
			if (f->rs->rules[q].quick)
				stopped += rd(&lc->quick_decided[q]);
	}
	out->evaluations = fwd_filter_lookups(f) - stopped;
	return true;
}

unsigned int fwd_filter_states(const struct fwd_filter *f, uint64_t *pos, struct pf_state *out,
                               unsigned int max)
{
	unsigned int got = 0;
	uint64_t p = *pos;

	while (p != UINT64_MAX) {
		unsigned int w = (unsigned int)(p >> 32);
		uint32_t slot = (uint32_t)p;
		const struct pf_statetab *t;

		if (w >= f->n) {
			p = UINT64_MAX;
			break;
		}
		t = &f->lc[w].pf.tab;
		if (slot >= t->cap) {
			p = (uint64_t)(w + 1) << 32;
			continue;
		}
		if (__atomic_load_n(&t->slots[slot].in_use, __ATOMIC_ACQUIRE)) {
			if (got == max)
				break; /* the next page starts at a state: *pos says if there is one
				        */
			out[got++] = t->slots[slot].st;
		}
		p++;
	}
	*pos = p;
	return got;
}
