/* SPDX-License-Identifier: BSD-2-Clause */
/* State keys, expiry and counters: see pf_state.h. */
#include "pf_state.h"
#include "pf_tcp.h"

#include <string.h>

void pf_state_key_make(struct pf_state_key *k, uint8_t af, uint8_t proto, uint8_t dir,
                       const struct pf_addr *src, uint16_t sport_be, const struct pf_addr *dst,
                       uint16_t dport_be)
{
	unsigned s = pf_sidx(dir), d = !s;

	memset(k, 0, sizeof(*k));
	k->af = af;
	k->proto = proto;
	memcpy(k->addr[s].b, src->b, pf_af_bytes(af));
	memcpy(k->addr[d].b, dst->b, pf_af_bytes(af));
	k->port[s] = sport_be;
	k->port[d] = dport_be;
}

uint64_t pf_state_expires(const struct pf_state *st, const struct pf_expire_ctx *c)
{
	uint32_t timeout, start, end, states;

	if (st->timeout >= PFTM_MAX)
		return 0;
	timeout = c->timeout[st->timeout];
	if (c->rule_start) {
		start = c->rule_start;
		end = c->rule_end;
		states = c->rule_states;
	} else {
		start = c->timeout[PFTM_ADAPTIVE_START];
		end = c->timeout[PFTM_ADAPTIVE_END];
		states = c->states;
	}
	return pf_timeout_expires(st->expire, timeout, start, end, states);
}

uint32_t pf_state_expire_left(const struct pf_state *st, const struct pf_expire_ctx *c,
                              uint32_t now)
{
	uint64_t e = pf_state_expires(st, c);

	return e <= now ? 0 : (uint32_t)(e - now);
}

void pf_state_count(struct pf_state *st, uint8_t dir, uint32_t bytes)
{
	unsigned i = dir == st->direction ? 0 : 1;

	st->packets[i]++;
	st->bytes[i] += bytes;
}

bool pf_state_halfopen(const struct pf_state *st, uint32_t hostid)
{
	return st->key[PF_SK_STACK].proto == PF_PROTO_TCP && st->creatorid == hostid &&
	       st->src.state != PF_TCPS_CLOSED && st->src.state < PF_TCPS_ESTABLISHED;
}

void pf_state_mark_imported(struct pf_state *st)
{
	st->local_flags = PF_SL_IMPORTED;
}

void pf_state_create(struct pf_state *st, const struct pf_state_key *wire,
                     const struct pf_state_key *stack, const struct pf_state_new *n)
{
	const struct pf_tcp_seg *th = n->tcp;

	memset(st, 0, sizeof(*st));
	st->key[PF_SK_WIRE] = *wire;
	st->key[PF_SK_STACK] = *stack;
	strcpy(st->ifname, "all");
	st->id = n->id;
	st->creatorid = n->creatorid;
	st->rule = n->rule ? (int32_t)n->rule->nr : -1;
	st->anchor = -1;
	st->nat_rule = n->nat_rule;
	st->ruleset_gen = n->ruleset_gen;
	st->direction = n->dir;
	st->rtableid[pf_sidx(n->dir)] = -1; /* return traffic is routed normally */
	st->rtableid[!pf_sidx(n->dir)] = 0;
	if (n->rule != NULL)
		st->state_flags = n->rule->state_flags & (PFSTATE_SLOPPY | PFSTATE_NOSYNC);
	if (wire->proto == PF_PROTO_PFSYNC)
		st->state_flags |= PFSTATE_NOSYNC; /* pfsync_init_state */
	st->creation = st->expire = n->now;
	switch (wire->proto) {
	case PF_PROTO_TCP:
		st->src.seqlo = th->seq;
		st->src.seqhi = th->seq + th->len + 1;
		if (th->flags & PF_TH_SYN) {
			st->src.seqhi++;
			st->src.wscale = th->wscale;
		}
		st->src.max_win = th->win ? th->win : 1;
		if (st->src.wscale & PF_WSCALE_MASK) {
			/* remove the scale factor from the initial window */
			unsigned sh = st->src.wscale & PF_WSCALE_MASK;
			uint32_t win = (uint32_t)st->src.max_win + (1u << sh);

			st->src.max_win = (uint16_t)((win - 1) >> sh);
		}
		if (th->flags & PF_TH_FIN)
			st->src.seqhi++;
		st->dst.seqhi = 1;
		st->dst.max_win = 1;
		st->src.state = PF_TCPS_SYN_SENT;
		st->dst.state = PF_TCPS_CLOSED;
		st->timeout = PFTM_TCP_FIRST_PACKET;
		break;
	case PF_PROTO_UDP:
		st->src.state = PFUDPS_SINGLE;
		st->dst.state = PFUDPS_NO_TRAFFIC;
		st->timeout = PFTM_UDP_FIRST_PACKET;
		break;
	case PF_PROTO_ICMP:
	case PF_PROTO_ICMP6:
		st->timeout = PFTM_ICMP_FIRST_PACKET;
		break;
	default:
		st->src.state = PFOTHERS_SINGLE;
		st->dst.state = PFOTHERS_NO_TRAFFIC;
		st->timeout = PFTM_OTHER_FIRST_PACKET;
		break;
	}
}
