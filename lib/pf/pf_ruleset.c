/* SPDX-License-Identifier: BSD-2-Clause */
/* Compiled ruleset helpers: see pf_rule.h. */
#include "pf_rule.h"

#include <stdlib.h>
#include <string.h>

const struct pf_iface *pf_iface_find(const struct pf_iface_list *l, const char *name)
{
	unsigned i;

	for (i = 0; l != NULL && i < l->n; i++)
		if (strncmp(l->v[i].name, name, PF_IFNAMSIZ) == 0)
			return &l->v[i];
	return NULL;
}

const struct pf_iface *pf_iface_by_id(const struct pf_iface_list *l, uint16_t id)
{
	unsigned i;

	for (i = 0; l != NULL && i < l->n; i++)
		if (l->v[i].id == id)
			return &l->v[i];
	return NULL;
}

void pf_ruleset_free(struct pf_ruleset *rs)
{
	uint32_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->ntables; i++)
		free(rs->tables[i].e);
	free(rs->tables);
	free(rs->rules);
	free(rs->stats);
	free(rs->skip);
	free(rs->file);
	free(rs);
}

bool pf_port_match(const struct pf_rule_port *rp, uint16_t p)
{
	switch (rp->op) {
	case PF_OP_NONE:
		return true;
	case PF_OP_IRG:
		return p > rp->a && p < rp->b;
	case PF_OP_XRG:
		return p < rp->a || p > rp->b;
	case PF_OP_RRG:
		return p >= rp->a && p <= rp->b;
	case PF_OP_EQ:
		return p == rp->a;
	case PF_OP_NE:
		return p != rp->a;
	case PF_OP_LT:
		return p < rp->a;
	case PF_OP_LE:
		return p <= rp->a;
	case PF_OP_GT:
		return p > rp->a;
	case PF_OP_GE:
		return p >= rp->a;
	}
	return false;
}

bool pf_table_match(const struct pf_table *t, uint8_t af, const struct pf_addr *a)
{
	const struct pf_table_entry *best = NULL;
	uint32_t i;

	for (i = 0; i < t->n; i++) {
		const struct pf_table_entry *e = &t->e[i];

		if (e->af != af || !pf_addr_in_prefix(a, &e->addr, e->plen))
			continue;
		if (best == NULL || e->plen > best->plen)
			best = e;
	}
	return best != NULL && !best->neg;
}

bool pf_rule_addr_match(const struct pf_ruleset *rs, const struct pf_rule *r,
                        const struct pf_rule_addr *ra, uint8_t af, const struct pf_addr *a)
{
	bool in;

	switch (ra->type) {
	case PF_RA_PREFIX:
		in = r->af == af && pf_addr_in_prefix(a, &ra->addr, ra->plen);
		break;
	case PF_RA_TABLE:
		in = pf_table_match(&rs->tables[ra->table], af, a);
		break;
	default:
		in = true;
		break;
	}
	return in != (ra->neg != 0);
}

bool pf_skip_iface(const struct pf_ruleset *rs, uint16_t ifindex)
{
	uint32_t i;

	for (i = 0; i < rs->nskip; i++)
		if (rs->skip[i] == ifindex)
			return true;
	return false;
}
