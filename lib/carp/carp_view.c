/* SPDX-License-Identifier: BSD-2-Clause */
/* Status copies for telemetry threads (carp_seq.h): see carp_view.h. */
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
	struct carp_if_view v;

	fill(&v, ifc, now);
	carp_seq_write(&c->seq, c->w, CARP_VIEW_WORDS, &v, sizeof(v));
}

bool carp_view_read(const struct carp_view_cell *cc, struct carp_if_view *out, unsigned tries)
{
	struct carp_view_cell *c = (struct carp_view_cell *)cc; /* atomics are not const */

	return carp_seq_read(&c->seq, c->w, CARP_VIEW_WORDS, out, sizeof(*out), tries);
}
