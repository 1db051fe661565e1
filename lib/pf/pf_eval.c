/* SPDX-License-Identifier: BSD-2-Clause */
/* Reference rule evaluator: see pf_eval.h. */
#include "pf_eval.h"

bool pf_rule_match(const struct pf_ruleset *rs, const struct pf_rule *r,
                   const struct pf_pkt_meta *m)
{
	if (r->ifindex != PF_IF_ANY && (r->ifindex == m->ifindex) == (r->ifnot != 0))
		return false;
	if (r->direction != PF_INOUT && r->direction != m->dir)
		return false;
	if (r->af != PF_AF_UNSPEC && r->af != m->af)
		return false;
	if (r->proto != 0 && r->proto != m->proto)
		return false;
	if (!pf_rule_addr_match(rs, r, &r->src, m->af, &m->src) ||
	    !pf_rule_addr_match(rs, r, &r->dst, m->af, &m->dst))
		return false;
	if (m->fragment) /* pf's PF_VPROTO_FRAGMENT: only IP header fields */
		return !r->src.port.op && !r->dst.port.op &&
		       !(m->proto == PF_PROTO_TCP && r->flagset);
	switch (m->proto) {
	case PF_PROTO_TCP:
		if ((r->flagset & m->tcp_flags) != r->flags)
			return false;
		/* FALLTHROUGH */
	case PF_PROTO_UDP:
		return pf_port_match(&r->src.port, m->sport) &&
		       pf_port_match(&r->dst.port, m->dport);
	case PF_PROTO_ICMP:
	case PF_PROTO_ICMP6:
		/* a keep state rule does not match replies and errors (they need a state) */
		return !(r->keep_state && !(r->state_flags & PFSTATE_SLOPPY) && m->icmp_nostate);
	default:
		return true;
	}
}

void pf_eval(const struct pf_ruleset *rs, const struct pf_pkt_meta *m, struct pf_eval_result *res,
             bool count)
{
	const struct pf_rule *decided = NULL;
	int32_t nat = -1;
	uint32_t i;

	for (i = 0; i < rs->nrules; i++) {
		const struct pf_rule *r = &rs->rules[i];

		if (count)
			rs->stats[i].evaluations++;
		if (!pf_rule_match(rs, r, m))
			continue;
		if (r->action == PF_MATCH) {
			if (r->nat.set)
				nat = (int32_t)r->nr;
			continue;
		}
		decided = r;
		if (r->quick)
			break;
	}
	if (decided == NULL) {
		res->rule = PF_RULE_DEFAULT;
		res->action = PF_PASS;
		res->keep_state = 0;
		res->nat_rule = nat;
		return;
	}
	res->rule = (int32_t)decided->nr;
	res->action = decided->action;
	res->keep_state = decided->keep_state;
	res->nat_rule = decided->nat.set ? (int32_t)decided->nr : nat;
}
