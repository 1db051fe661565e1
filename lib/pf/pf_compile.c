/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * From a parsed rule line to rules, as pfctl's expand_rule(): one rule per
 * combination of interface x protocol x source x destination x source port
 * x destination port, in that nesting order; combinations whose address
 * families disagree are skipped; then the checks of rule_consistent().
 * Also pfctl's defaults: keep state on pass rules, flags S/SA on stateful
 * rules, adaptive timeouts 60%/120% of a rule's `max`.
 */
#include "pf_parse_int.h"

#include <stdio.h>
#include <string.h>

void pp_rule_free(struct pf_p_rule *r)
{
	pf_vec_free(&r->ifs);
	pf_vec_free(&r->protos);
	pf_vec_free(&r->src);
	pf_vec_free(&r->dst);
	pf_vec_free(&r->sports);
	pf_vec_free(&r->dports);
}

static const char *af_name(uint8_t af)
{
	return af == PF_AF_INET ? "inet" : "inet6";
}

static bool resolve_tables(struct pf_parser *p, const struct pf_p_rule *t, struct pf_vec *hosts)
{
	uint32_t i;

	for (i = 0; i < hosts->n; i++) {
		struct pf_p_host *h = PF_VEC_AT(hosts, struct pf_p_host, i);
		int idx;

		if (h->type != PF_RA_TABLE || h->tname[0] == '\0')
			continue;
		idx = pp_table_find(p, h->tname);
		if (idx < 0 || !PF_VEC_AT(&p->tables, struct pf_p_table, idx)->named)
			return pp_err(p, t->line, "table <%s> is not defined", h->tname);
		h->table = (uint16_t)idx;
	}
	return true;
}

static bool checks(struct pf_parser *p, struct pf_p_rule *t, bool keep)
{
	uint32_t i;
	bool tcp = t->protos.n == 0;

	for (i = 0; i < t->protos.n; i++)
		if (*PF_VEC_AT(&t->protos, uint8_t, i) == PF_PROTO_TCP)
			tcp = true;
	if (t->flags_given && (t->flags || t->flagset) && !tcp)
		return pp_err(p, t->line, "flags only apply to tcp");
	if (keep && t->action != PF_PASS)
		return pp_err(p, t->line, "keep state is only valid on pass rules");
	if (t->nat.set && t->action == PF_DROP)
		return pp_err(p, t->line, "nat-to is not valid on block rules");
	if (t->nat.set && t->dir == PF_INOUT)
		return pp_err(p, t->line, "nat-to requires a direction (in or out)");
	if (t->nat.set && t->action == PF_PASS && !keep)
		return pp_err(p, t->line, "nat-to requires keep state");
	return resolve_tables(p, t, &t->src) && resolve_tables(p, t, &t->dst);
}

/* The translation address for a rule of family *af (0: decide from the target). */
static bool nat_resolve(struct pf_parser *p, const struct pf_p_rule *t, uint8_t *af,
                        struct pf_nat *n)
{
	const struct pf_p_nat *pn = &t->nat;
	unsigned i;

	memset(n, 0, sizeof(*n));
	if (!pn->set)
		return true;
	n->set = 1;
	if (pn->static_port) {
		n->static_port = 1;
	} else if (pn->port_given) {
		n->port_lo = pn->port_lo;
		n->port_hi = pn->port_hi;
	} else {
		n->port_lo = PF_NAT_PORT_LOW;
		n->port_hi = PF_NAT_PORT_HIGH;
	}
	if (!pn->from_iface) {
		if (*af != PF_AF_UNSPEC && *af != pn->af)
			return pp_err(p, t->line, "af mismatch in translation spec");
		*af = pn->af;
		n->addr = pn->addr;
		return true;
	}
	{
		const struct pf_iface *ifc = pf_iface_find(p->ifs, pn->ifname);
		bool has4 = false, has6 = false;

		memcpy(n->ifname, pn->ifname, PF_IFNAMSIZ);
		for (i = 0; i < ifc->naddrs; i++) {
			has4 |= ifc->addrs[i].af == PF_AF_INET;
			has6 |= ifc->addrs[i].af == PF_AF_INET6;
		}
		if (*af == PF_AF_UNSPEC) {
			if (has4 && has6)
				return pp_err(p, t->line,
				              "nat-to %s: the rule needs inet or inet6 (the "
				              "interface has both)",
				              pn->ifname);
			if (!has4 && !has6)
				return pp_err(p, t->line, "interface \"%s\" has no addresses",
				              pn->ifname);
			*af = has4 ? PF_AF_INET : PF_AF_INET6;
		}
		for (i = 0; i < ifc->naddrs; i++)
			if (ifc->addrs[i].af == *af) {
				n->addr = ifc->addrs[i].addr;
				return true;
			}
		return pp_err(p, t->line, "nat-to %s: the interface has no %s address", pn->ifname,
		              af_name(*af));
	}
}

static void side(struct pf_rule_addr *ra, const struct pf_p_host *h, const struct pf_rule_port *pt)
{
	memset(ra, 0, sizeof(*ra));
	if (h != NULL) {
		ra->type = h->type;
		ra->neg = h->neg;
		ra->plen = h->plen;
		ra->addr = h->addr;
		ra->table = h->table;
	}
	if (pt != NULL)
		ra->port = *pt;
}

/* One combination; returns false on error, sets *added when a rule was made. */
static bool one(struct pf_parser *p, const struct pf_p_rule *t, bool keep,
                const struct pf_p_if *ifp, uint8_t proto, const struct pf_p_host *sh,
                const struct pf_p_host *dh, const struct pf_rule_port *sp,
                const struct pf_rule_port *dp, bool *added)
{
	struct pf_rule r;
	uint8_t af = t->af;

	if (sh != NULL && sh->type == PF_RA_PREFIX) {
		if (af != PF_AF_UNSPEC && af != sh->af)
			return true;
		af = sh->af;
	}
	if (dh != NULL && dh->type == PF_RA_PREFIX) {
		if (af != PF_AF_UNSPEC && af != dh->af)
			return true;
		af = dh->af;
	}
	memset(&r, 0, sizeof(r));
	r.line = t->line;
	r.action = t->action;
	r.direction = t->dir;
	r.quick = t->quick;
	r.proto = proto;
	r.ifindex = PF_IF_ANY;
	if (ifp != NULL) {
		r.ifindex = ifp->id;
		r.ifnot = ifp->neg;
		memcpy(r.ifname, ifp->name, PF_IFNAMSIZ);
	}
	side(&r.src, sh, sp);
	side(&r.dst, dh, dp);
	if (proto != 0 && proto != PF_PROTO_TCP) {
		r.flags = r.flagset = 0;
	} else if (t->flags_given) {
		r.flags = t->flags;
		r.flagset = t->flagset;
	} else if (keep && t->action == PF_PASS) {
		r.flags = PF_TH_SYN; /* pfctl: flags S/SA by default on stateful rules */
		r.flagset = PF_TH_SYN | PF_TH_ACK;
	}
	r.keep_state = keep;
	r.state_flags =
	    (uint16_t)((t->sloppy ? PFSTATE_SLOPPY : 0) | (t->nosync ? PFSTATE_NOSYNC : 0));
	r.max_states = t->max_states;
	if (t->max_states) {
		r.adaptive_start = (t->max_states / 10) * 6;
		r.adaptive_end = (t->max_states / 10) * 12;
	}
	if (!nat_resolve(p, t, &af, &r.nat))
		return false;
	r.af = af;
	if ((r.src.port.op || r.dst.port.op) && proto != PF_PROTO_TCP && proto != PF_PROTO_UDP)
		return pp_err(p, t->line, "port only applies to tcp/udp");
	if ((proto == PF_PROTO_ICMP && af == PF_AF_INET6) ||
	    (proto == PF_PROTO_ICMP6 && af == PF_AF_INET))
		return pp_err(p, t->line, "proto %s doesn't match address family %s",
		              proto == PF_PROTO_ICMP ? "icmp" : "icmp6", af_name(af));
	if (p->rules.n >= PF_MAX_RULES)
		return pp_err(p, t->line, "too many rules (more than %d after expanding lists)",
		              PF_MAX_RULES);
	r.nr = p->rules.n;
	*added = true;
	return pf_vec_push(p, &p->rules, &r, sizeof(r));
}

/* Element i of a list, or NULL for the single "any" of an empty list. */
static const void *item(const struct pf_vec *v, size_t esz, uint32_t i)
{
	return v->n ? (const char *)v->v + (size_t)i * esz : NULL;
}

static uint32_t count(const struct pf_vec *v)
{
	return v->n ? v->n : 1;
}

bool pp_compile(struct pf_parser *p, struct pf_p_rule *t)
{
	bool keep = t->keep >= 0 ? t->keep == 1 : t->action == PF_PASS;
	bool added = false;
	uint32_t a, b, c, d, e, f;

	if (!checks(p, t, keep))
		return false;
	for (a = 0; a < count(&t->ifs); a++)
		for (b = 0; b < count(&t->protos); b++)
			for (c = 0; c < count(&t->src); c++)
				for (d = 0; d < count(&t->dst); d++)
					for (e = 0; e < count(&t->sports); e++)
						for (f = 0; f < count(&t->dports); f++) {
							const uint8_t *pr = item(&t->protos, 1, b);

							if (!one(p, t, keep,
							         item(&t->ifs,
							              sizeof(struct pf_p_if), a),
							         pr ? *pr : 0,
							         item(&t->src,
							              sizeof(struct pf_p_host), c),
							         item(&t->dst,
							              sizeof(struct pf_p_host), d),
							         item(&t->sports,
							              sizeof(struct pf_rule_port),
							              e),
							         item(&t->dports,
							              sizeof(struct pf_rule_port),
							              f),
							         &added))
								return false;
						}
	if (!added)
		return pp_err(p, t->line, "rule expands to no valid combination");
	return true;
}
