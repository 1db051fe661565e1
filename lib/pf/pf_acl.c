/* SPDX-License-Identifier: BSD-2-Clause */
/* Ruleset -> classifier primitives: see pf_acl.h. */
#include "pf_acl.h"
#include "pf_prefix.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct range16 {
	uint16_t lo, hi;
};

/* A protocol range with the conditions that apply to it. */
struct variant {
	uint8_t lo, hi;
	uint8_t flags_val, flags_mask, class_val, class_mask;
	bool ports;
};

struct ctx {
	struct pf_acl *acl;
	uint32_t max;
	int err;
};

static int push(struct ctx *c, const struct pf_acl_prim *p)
{
	struct pf_acl *a = c->acl;

	if (a->n >= c->max)
		return c->err = -E2BIG;
	if (a->n == a->cap) {
		uint32_t cap = a->cap ? a->cap * 2 : 64;
		struct pf_acl_prim *nv = realloc(a->prims, cap * sizeof(*nv));

		if (nv == NULL)
			return c->err = -ENOMEM;
		a->prims = nv;
		a->cap = cap;
	}
	a->prims[a->n++] = *p;
	return 0;
}

static void add_range(struct range16 *r, unsigned *n, uint32_t lo, uint32_t hi)
{
	if (lo <= hi && hi <= 65535) {
		r[*n].lo = (uint16_t)lo;
		r[*n].hi = (uint16_t)hi;
		(*n)++;
	}
}

/* A port operator as at most two inclusive ranges. */
static unsigned port_ranges(const struct pf_rule_port *rp, struct range16 r[2])
{
	unsigned n = 0;
	uint32_t a = rp->a, b = rp->b;

	switch (rp->op) {
	case PF_OP_NONE:
		add_range(r, &n, 0, 65535);
		break;
	case PF_OP_EQ:
		add_range(r, &n, a, a);
		break;
	case PF_OP_NE:
		if (a > 0)
			add_range(r, &n, 0, a - 1);
		add_range(r, &n, a + 1, 65535);
		break;
	case PF_OP_LT:
		if (a > 0)
			add_range(r, &n, 0, a - 1);
		break;
	case PF_OP_LE:
		add_range(r, &n, 0, a);
		break;
	case PF_OP_GT:
		add_range(r, &n, a + 1, 65535);
		break;
	case PF_OP_GE:
		add_range(r, &n, a, 65535);
		break;
	case PF_OP_IRG:
		if (b > 0)
			add_range(r, &n, a + 1, b - 1);
		break;
	case PF_OP_XRG:
		if (a > 0)
			add_range(r, &n, 0, a - 1);
		add_range(r, &n, b + 1, 65535);
		break;
	case PF_OP_RRG:
		add_range(r, &n, a, b);
		break;
	}
	return n;
}

static unsigned if_ranges(const struct pf_rule *r, struct range16 out[2])
{
	if (r->ifindex == PF_IF_ANY) {
		out[0] = (struct range16){0, 0xffff};
		return 1;
	}
	if (!r->ifnot) {
		out[0] = (struct range16){r->ifindex, r->ifindex};
		return 1;
	}
	{
		unsigned n = 0;

		if (r->ifindex > 0)
			out[n++] = (struct range16){0, (uint16_t)(r->ifindex - 1)};
		if (r->ifindex < 0xffff)
			out[n++] = (struct range16){(uint16_t)(r->ifindex + 1), 0xffff};
		return n;
	}
}

static void cond_for(const struct pf_rule *r, uint8_t proto, struct variant *v)
{
	bool ports = r->src.port.op != PF_OP_NONE || r->dst.port.op != PF_OP_NONE;

	v->flags_val = v->flags_mask = v->class_val = v->class_mask = 0;
	v->ports = false;
	switch (proto) {
	case PF_PROTO_TCP:
		v->flags_val = r->flags;
		v->flags_mask = r->flagset;
		v->ports = true;
		if (r->flagset || ports)
			v->class_mask = PF_ACL_CLASS_FRAG;
		break;
	case PF_PROTO_UDP:
		v->ports = true;
		if (ports)
			v->class_mask = PF_ACL_CLASS_FRAG;
		break;
	case PF_PROTO_ICMP:
	case PF_PROTO_ICMP6:
		if (r->keep_state && !(r->state_flags & PFSTATE_SLOPPY))
			v->class_mask = PF_ACL_CLASS_NOSTATE;
		break;
	default:
		break;
	}
}

/* The protocol ranges of a rule, split where pf's conditions differ. */
static unsigned variants(const struct pf_rule *r, struct variant v[8])
{
	bool special[256] = {false};
	unsigned n = 0, p, lo = 0;

	if (r->proto != 0) {
		v[0].lo = v[0].hi = r->proto;
		cond_for(r, r->proto, &v[0]);
		return 1;
	}
	if (r->flagset)
		special[PF_PROTO_TCP] = true;
	if (r->keep_state && !(r->state_flags & PFSTATE_SLOPPY))
		special[PF_PROTO_ICMP] = special[PF_PROTO_ICMP6] = true;
	for (p = 0; p < 256; p++)
		if (special[p]) {
			v[n].lo = v[n].hi = (uint8_t)p;
			cond_for(r, (uint8_t)p, &v[n]);
			v[n].ports = false; /* a rule without proto has no port condition */
			n++;
		}
	for (p = 0; p < 256; p = lo + 1) {
		while (p < 256 && special[p])
			p++;
		if (p >= 256)
			break;
		lo = p;
		while (lo + 1 < 256 && !special[lo + 1])
			lo++;
		memset(&v[n], 0, sizeof(v[n]));
		v[n].lo = (uint8_t)p;
		v[n].hi = (uint8_t)lo;
		n++;
	}
	return n;
}

static bool addr_set(const struct pf_ruleset *rs, const struct pf_rule_addr *ra, uint8_t af,
                     struct pf_prefix_list *out)
{
	struct pf_addr zero;

	memset(&zero, 0, sizeof(zero));
	switch (ra->type) {
	case PF_RA_PREFIX:
		return pf_prefix_of(&ra->addr, ra->plen, af, ra->neg, out);
	case PF_RA_TABLE:
		return pf_prefix_table(&rs->tables[ra->table], af, ra->neg, out);
	default:
		return ra->neg ? true : pf_prefix_add(out, &zero, 0);
	}
}

static void expand_rule(struct ctx *c, const struct pf_ruleset *rs, const struct pf_rule *r)
{
	static const uint8_t both[2] = {PF_AF_INET, PF_AF_INET6};
	struct range16 ifr[2], sp[2], dp[2], all = {0, 65535};
	struct variant v[8];
	struct pf_acl_prim p;
	unsigned nif = if_ranges(r, ifr), nv = variants(r, v), a, i, j, k, l, m, s;
	unsigned nsp = port_ranges(&r->src.port, sp), ndp = port_ranges(&r->dst.port, dp);

	memset(&p, 0, sizeof(p));
	p.rule = r->nr;
	if (r->action == PF_MATCH) {
		if (!r->nat.set)
			return;
		p.category = PF_ACL_NAT;
		p.priority = r->nr + 1;
	} else {
		p.category = PF_ACL_FILTER;
		p.priority = r->quick ? 2 * rs->nrules - r->nr : r->nr + 1;
	}
	p.dir_lo = r->direction == PF_INOUT ? PF_IN : r->direction;
	p.dir_hi = r->direction == PF_INOUT ? PF_OUT : r->direction;
	for (a = 0; a < 2 && c->err == 0; a++) {
		struct pf_prefix_list src = {0}, dst = {0};

		if (r->af != PF_AF_UNSPEC && r->af != both[a])
			continue;
		p.af = both[a];
		if (!addr_set(rs, &r->src, p.af, &src) || !addr_set(rs, &r->dst, p.af, &dst))
			c->err = -ENOMEM;
		for (i = 0; i < nif && c->err == 0; i++)
			for (j = 0; j < nv && c->err == 0; j++) {
				unsigned ns = v[j].ports ? nsp : 1, nd = v[j].ports ? ndp : 1;

				p.if_lo = ifr[i].lo;
				p.if_hi = ifr[i].hi;
				p.proto_lo = v[j].lo;
				p.proto_hi = v[j].hi;
				p.flags_val = v[j].flags_val;
				p.flags_mask = v[j].flags_mask;
				p.class_val = v[j].class_val;
				p.class_mask = v[j].class_mask;
				for (k = 0; k < src.n && c->err == 0; k++)
					for (l = 0; l < dst.n && c->err == 0; l++)
						for (m = 0; m < ns && c->err == 0; m++)
							for (s = 0; s < nd && c->err == 0; s++) {
								const struct range16 *a1 =
								    v[j].ports ? &sp[m] : &all;
								const struct range16 *a2 =
								    v[j].ports ? &dp[s] : &all;

								p.src = src.v[k].addr;
								p.src_plen = src.v[k].plen;
								p.dst = dst.v[l].addr;
								p.dst_plen = dst.v[l].plen;
								p.sport_lo = a1->lo;
								p.sport_hi = a1->hi;
								p.dport_lo = a2->lo;
								p.dport_hi = a2->hi;
								push(c, &p);
							}
			}
		pf_prefix_list_free(&src);
		pf_prefix_list_free(&dst);
	}
}

int pf_acl_expand(const struct pf_ruleset *rs, struct pf_acl *acl, uint32_t max_prims)
{
	struct ctx c = {.acl = acl, .max = max_prims};
	bool quick_seen = false;
	uint32_t i;

	memset(acl, 0, sizeof(*acl));
	acl->nrules = rs->nrules;
	for (i = 0; i < rs->nrules && c.err == 0; i++) {
		const struct pf_rule *r = &rs->rules[i];

		if (r->action != PF_MATCH && r->quick)
			quick_seen = true;
		if (r->action == PF_MATCH && r->nat.set && quick_seen)
			acl->nat_fallback = true;
		expand_rule(&c, rs, r);
	}
	if (c.err != 0)
		pf_acl_free(acl);
	return c.err;
}

void pf_acl_free(struct pf_acl *acl)
{
	free(acl->prims);
	memset(acl, 0, sizeof(*acl));
}

void pf_acl_key_from_meta(const struct pf_pkt_meta *m, struct pf_acl_key *k)
{
	memset(k, 0, sizeof(*k));
	k->af = m->af;
	k->dir = m->dir;
	k->proto = m->proto;
	k->ifindex = m->ifindex;
	k->src = m->src;
	k->dst = m->dst;
	if (m->fragment) {
		k->pkt_class = PF_ACL_CLASS_FRAG;
		return;
	}
	if (m->proto == PF_PROTO_TCP || m->proto == PF_PROTO_UDP) {
		k->sport = m->sport;
		k->dport = m->dport;
	}
	if (m->proto == PF_PROTO_TCP)
		k->tcp_flags = m->tcp_flags;
	if ((m->proto == PF_PROTO_ICMP || m->proto == PF_PROTO_ICMP6) && m->icmp_nostate)
		k->pkt_class = PF_ACL_CLASS_NOSTATE;
}

bool pf_acl_prim_match(const struct pf_acl_prim *p, const struct pf_acl_key *k)
{
	return p->af == k->af && k->dir >= p->dir_lo && k->dir <= p->dir_hi &&
	       k->ifindex >= p->if_lo && k->ifindex <= p->if_hi && k->proto >= p->proto_lo &&
	       k->proto <= p->proto_hi && pf_addr_in_prefix(&k->src, &p->src, p->src_plen) &&
	       pf_addr_in_prefix(&k->dst, &p->dst, p->dst_plen) && k->sport >= p->sport_lo &&
	       k->sport <= p->sport_hi && k->dport >= p->dport_lo && k->dport <= p->dport_hi &&
	       (k->tcp_flags & p->flags_mask) == p->flags_val &&
	       (k->pkt_class & p->class_mask) == p->class_val;
}

void pf_acl_classify_naive(const struct pf_acl *acl, const struct pf_acl_key *k,
                           const struct pf_acl_prim **filter, const struct pf_acl_prim **nat)
{
	uint32_t i;

	*filter = *nat = NULL;
	for (i = 0; i < acl->n; i++) {
		const struct pf_acl_prim *p = &acl->prims[i];
		const struct pf_acl_prim **best = p->category == PF_ACL_NAT ? nat : filter;

		if ((*best == NULL || p->priority > (*best)->priority) && pf_acl_prim_match(p, k))
			*best = p;
	}
}

void pf_acl_resolve(const struct pf_ruleset *rs, const struct pf_pkt_meta *m, int32_t filter_rule,
                    int32_t nat_rule, struct pf_eval_result *res)
{
	const struct pf_rule *d;
	int32_t i;

	if (filter_rule < 0) {
		res->rule = PF_RULE_DEFAULT;
		res->action = PF_PASS;
		res->keep_state = 0;
		res->nat_rule = nat_rule;
		return;
	}
	d = &rs->rules[filter_rule];
	res->rule = filter_rule;
	res->action = d->action;
	res->keep_state = d->keep_state;
	if (d->nat.set) {
		res->nat_rule = filter_rule;
	} else if (nat_rule < 0 || !d->quick || nat_rule < filter_rule) {
		res->nat_rule = nat_rule;
	} else {
		/* pf stopped at the quick rule: the last NAT rule before it decides */
		res->nat_rule = -1;
		for (i = filter_rule - 1; i >= 0; i--) {
			const struct pf_rule *r = &rs->rules[i];

			if (r->action == PF_MATCH && r->nat.set && pf_rule_match(rs, r, m)) {
				res->nat_rule = i;
				break;
			}
		}
	}
}

void pf_acl_eval_naive(const struct pf_acl *acl, const struct pf_ruleset *rs,
                       const struct pf_pkt_meta *m, struct pf_eval_result *res)
{
	const struct pf_acl_prim *f, *n;
	struct pf_acl_key k;

	pf_acl_key_from_meta(m, &k);
	pf_acl_classify_naive(acl, &k, &f, &n);
	pf_acl_resolve(rs, m, f ? (int32_t)f->rule : -1, n ? (int32_t)n->rule : -1, res);
}
