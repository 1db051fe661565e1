/* SPDX-License-Identifier: BSD-2-Clause */
/* States from the pfsync peer in and out of the filter: see pf_sync.h. */
#include <errno.h>
#include <string.h>

#include "pf_sync.h"

int pf_filter_import(struct pf_filter *f, const struct pf_state *st)
{
	const struct pf_state_key *wire = &st->key[PF_SK_WIRE], *stack = &st->key[PF_SK_STACK];
	enum pf_reason why;
	struct pf_state *ns;
	uint32_t slot;
	int rc;

	if (pf_filter_find(f, wire, PF_IN) != PF_SLOT_NONE ||
	    pf_filter_find(f, stack, PF_OUT) != PF_SLOT_NONE)
		return -EEXIST;
	slot = pf_statetab_alloc(&f->tab, NULL, &why);
	if (slot == PF_SLOT_NONE)
		return -ENOMEM;
	if ((rc = pf_reftable_add(&f->ht, wire, PF_IN, slot)) != 0) {
		pf_statetab_release(&f->tab, slot);
		return rc == -EEXIST ? -EEXIST : -ENOMEM;
	}
	if ((rc = pf_reftable_add(&f->ht, stack, PF_OUT, slot)) != 0) {
		pf_reftable_del(&f->ht, wire, PF_IN);
		pf_statetab_release(&f->tab, slot);
		return rc == -EEXIST ? -EEXIST : -ENOMEM;
	}
	ns = pf_statetab_state(&f->tab, slot);
	*ns = *st;
	ns->rule = ns->anchor = ns->nat_rule = -1; /* bound to no local rule */
	ns->ruleset_gen = f->tab.gen;
	pf_state_mark_imported(ns);
	pf_statetab_insert_imported(&f->tab, slot);
	return 0;
}

bool pf_filter_peer_update(struct pf_filter *f, const struct pf_state *st)
{
	uint32_t slot = pf_filter_find(f, &st->key[PF_SK_WIRE], PF_IN);
	struct pf_state *ours;

	if (slot == PF_SLOT_NONE)
		return false;
	ours = pf_statetab_state(&f->tab, slot);
	ours->src = st->src;
	ours->dst = st->dst;
	ours->timeout = st->timeout;
	if ((int32_t)(st->expire - ours->expire) > 0)
		ours->expire = st->expire;
	pf_statetab_touch(&f->tab, slot);
	return true;
}

bool pf_filter_peer_remove(struct pf_filter *f, const struct pf_state_key *k)
{
	uint32_t slot = pf_filter_find(f, k, PF_IN);
	struct pf_state *st;

	if (slot == PF_SLOT_NONE)
		return false;
	st = pf_statetab_state(&f->tab, slot);
	pf_reftable_del(&f->ht, &st->key[PF_SK_WIRE], PF_IN);
	pf_reftable_del(&f->ht, &st->key[PF_SK_STACK], PF_OUT);
	pf_statetab_remove(&f->tab, slot);
	return true;
}
