/* SPDX-License-Identifier: BSD-2-Clause */
/* Sequence-locked status copies for telemetry threads: see carp_view.h. */
#include "carp_view.h"

#include <string.h>

#include "carp_host.h"
#include "carp_if.h"

static void fill(struct carp_if_view *v, const struct carp_if *ifc, uint64_t now)
{
	unsigned i, s;

	memset(v, 0, sizeof(*v));
	memcpy(v->name, ifc->cfg.name, sizeof(v->name));
	v->name[sizeof(v->name) - 1] = '\0';
	v->carpdev = ifc->cfg.carpdev;
	v->advbase = ifc->cfg.advbase;
	v->demote = carp_if_demote(ifc);
	v->mode = (uint8_t)ifc->mode;
	v->nvh = (uint8_t)ifc->nvh;
	v->admin_up = ifc->admin_up;
	v->link_up = ifc->link_up;
	v->published_at = now;
	for (i = 0; ifc->env && i < ifc->n_groups; i++)
		for (s = 0; s < CARP_DEMOTE__COUNT; s++)
			v->demote_src[s] += ifc->env->groups->g[ifc->group_idx[i]].ledger[s];
	memcpy(v->stats, ifc->stats.c, sizeof(v->stats));
	for (i = 0; i < ifc->nvh; i++) {
		const struct carp_vhost *h = &ifc->vh[i];

		v->vh[i].vhid = h->vhid;
		v->vh[i].state = h->state;
		v->vh[i].reason = h->reason;
		v->vh[i].advskew = h->advskew;
		v->vh[i].changed_at = h->changed_at;
		v->vh[i].transitions = h->transitions;
		v->vh[i].garps = h->garps;
		v->vh[i].reannounces = h->reannounces;
	}
}

void carp_view_publish(struct carp_view_cell *c, const struct carp_if *ifc, uint64_t now)
{
	uint64_t words[CARP_VIEW_WORDS];
	uint32_t seq = atomic_load_explicit(&c->seq, memory_order_relaxed);
	struct carp_if_view v;
	unsigned i;

	fill(&v, ifc, now);
	memset(words, 0, sizeof(words));
	memcpy(words, &v, sizeof(v)); /* no aliasing games */
	/* seqlock writer: odd, fence, data, even (release) */
	atomic_store_explicit(&c->seq, seq + 1, memory_order_relaxed);
	atomic_thread_fence(memory_order_release);
	for (i = 0; i < CARP_VIEW_WORDS; i++)
		atomic_store_explicit(&c->w[i], words[i], memory_order_relaxed);
	atomic_store_explicit(&c->seq, seq + 2, memory_order_release);
}

bool carp_view_read(const struct carp_view_cell *cc, struct carp_if_view *out, unsigned tries)
{
	struct carp_view_cell *c = (struct carp_view_cell *)cc;
	uint64_t words[CARP_VIEW_WORDS];
	uint32_t s1, s2;
	unsigned i;

	while (tries--) {
		s1 = atomic_load_explicit(&c->seq, memory_order_acquire);
		if (s1 & 1)
			continue;
		for (i = 0; i < CARP_VIEW_WORDS; i++)
			words[i] = atomic_load_explicit(&c->w[i], memory_order_relaxed);
		atomic_thread_fence(memory_order_acquire);
		s2 = atomic_load_explicit(&c->seq, memory_order_relaxed);
		if (s1 == s2) {
			memcpy(out, words, sizeof(*out));
			return true;
		}
	}
	return false;
}
