/* SPDX-License-Identifier: BSD-2-Clause */
/* The packet path: see pf_filter.h. */
#include "pf_filter.h"
#include "pf_eval.h"
#include "pf_icmperr.h"
#include "pf_pkt.h"
#include "pf_pseudo.h"
#include "pf_rewrite.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#define SEQ_GEQ(a, b) ((int32_t)((a) - (b)) >= 0)

int pf_filter_init(struct pf_filter *f, struct pf_slot *slots, uint32_t nslots,
                   struct pf_refent *ents, uint32_t nents, uint32_t hostid, uint64_t seed)
{
	int rc;

	memset(f, 0, sizeof(*f));
	if ((uint64_t)nents * 3 / 4 < (uint64_t)nslots * 2)
		return -EINVAL;
	if ((rc = pf_statetab_init(&f->tab, slots, nslots, hostid)) != 0)
		return rc;
	if ((rc = pf_reftable_init(&f->ht, ents, nents)) != 0)
		return rc;
	f->rng = seed ? seed : 0x9e3779b97f4a7c15ULL;
	return 0;
}

void pf_filter_set_ruleset(struct pf_filter *f, const struct pf_ruleset *rs, uint32_t gen)
{
	f->rs = rs;
	pf_statetab_set_ruleset(&f->tab, rs, gen);
}

static uint32_t rnd(struct pf_filter *f)
{
	f->rng ^= f->rng >> 12;
	f->rng ^= f->rng << 25;
	f->rng ^= f->rng >> 27;
	return (uint32_t)((f->rng * 2685821657736338717ULL) >> 32);
}

uint32_t pf_filter_find(struct pf_filter *f, const struct pf_state_key *k, uint8_t dir)
{
	f->tab.status.fcounters[PF_FCNT_SEARCH]++;
	return pf_reftable_find(&f->ht, k, dir);
}

static bool key_used(void *ctx, const struct pf_state_key *k, uint8_t dir)
{
	return pf_filter_find(ctx, k, dir) != PF_SLOT_NONE;
}

/* Remove a state's keys from the lookup (not the slot). */
static void unlink_keys(struct pf_filter *f, const struct pf_state *st)
{
	if (f->on_remove != NULL)
		f->on_remove(f->on_remove_ctx, st);
	pf_reftable_del(&f->ht, &st->key[PF_SK_WIRE], PF_IN);
	pf_reftable_del(&f->ht, &st->key[PF_SK_STACK], PF_OUT);
}

static void on_purge(void *ctx, uint32_t slot, const struct pf_state *st)
{
	(void)slot;
	unlink_keys(ctx, st);
}

unsigned pf_filter_purge(struct pf_filter *f, uint32_t now, unsigned max)
{
	return pf_statetab_purge(&f->tab, now, max, on_purge, f);
}

static void drop(struct pf_filter *f, struct pf_result *res, uint8_t via, enum pf_reason why)
{
	res->action = PF_DROP;
	res->via = via;
	res->reason = why;
	f->tab.status.counters[why]++;
}

/* pf_counters_inc: the rule's counters ([0] in, [1] out) and the state's. */
static void count(struct pf_filter *f, const struct pf_pkt *p, uint8_t dir, int32_t rule,
                  struct pf_state *st)
{
	if (f->rs != NULL && rule >= 0 && (uint32_t)rule < f->rs->nrules &&
	    (st == NULL || st->ruleset_gen == f->tab.gen)) {
		struct pf_rule_stats *rst = &f->tab.stats[rule];

		rst->packets[dir == PF_OUT]++;
		rst->bytes[dir == PF_OUT] += p->ip_len;
	}
	if (st != NULL)
		pf_state_count(st, dir, p->ip_len);
}

/* Rewrite the packet to the other key of the state (pf_test_state's nk). */
static bool translate(struct pf_pkt *p, const struct pf_state *st, uint8_t dir)
{
	const struct pf_state_key *nk = &st->key[dir == PF_IN ? PF_SK_STACK : PF_SK_WIRE];
	unsigned s = pf_sidx(dir), d = !s;

	if (memcmp(&st->key[PF_SK_WIRE], &st->key[PF_SK_STACK], sizeof(*nk)) == 0 || p->fragment)
		return false;
	pf_rw_addr(p, true, &nk->addr[s]);
	pf_rw_addr(p, false, &nk->addr[d]);
	if (p->proto == PF_PROTO_TCP || p->proto == PF_PROTO_UDP) {
		pf_rw_port(p, true, ntohs(nk->port[s]));
		pf_rw_port(p, false, ntohs(nk->port[d]));
	} else if (p->proto == PF_PROTO_ICMP || p->proto == PF_PROTO_ICMP6) {
		pf_rw_icmp_id(p, ntohs(nk->port[p->icmp_query ? s : d]));
	}
	return true;
}

static void key_of(const struct pf_pkt *p, uint8_t dir, struct pf_state_key *k)
{
	pf_state_key_make(k, p->af, p->proto, dir, &p->src, htons(p->sport), &p->dst,
	                  htons(p->dport));
}

/* Link the state's two keys; on a taken key, replace a closed TCP state as pf does. */
static int link_keys(struct pf_filter *f, uint32_t slot, const struct pf_state_key *wire,
                     const struct pf_state_key *stack)
{
	int attempt, rc = 0;

	for (attempt = 0; attempt < 2; attempt++) {
		uint32_t old = pf_filter_find(f, wire, PF_IN);

		if (old == PF_SLOT_NONE)
			old = pf_filter_find(f, stack, PF_OUT);
		if (old != PF_SLOT_NONE) {
			struct pf_state *os = pf_statetab_state(&f->tab, old);

			if (attempt > 0 || os->key[PF_SK_STACK].proto != PF_PROTO_TCP ||
			    os->src.state < PF_TCPS_FIN_WAIT_2 ||
			    os->dst.state < PF_TCPS_FIN_WAIT_2)
				return -EEXIST;
			unlink_keys(f, os); /* pf_state_key_attach: reuse */
			pf_statetab_remove(&f->tab, old);
			continue;
		}
		if ((rc = pf_reftable_add(&f->ht, wire, PF_IN, slot)) != 0)
			return rc;
		if ((rc = pf_reftable_add(&f->ht, stack, PF_OUT, slot)) != 0) {
			pf_reftable_del(&f->ht, wire, PF_IN);
			return rc;
		}
		return 0;
	}
	return -EEXIST;
}

/* A pass rule with keep state: make the state (NAT included) for this packet. */
static void create(struct pf_filter *f, struct pf_pkt *p, uint16_t ifindex, uint8_t dir,
                   uint32_t now, const struct pf_eval_result *ev, struct pf_result *res)
{
	const struct pf_rule *r = &f->rs->rules[ev->rule];
	struct pf_state_key orig, tk;
	struct pf_state_new n = {.rule = r,
	                         .nat_rule = ev->nat_rule,
	                         .dir = dir,
	                         .tcp = &p->tcp,
	                         .now = now,
	                         .creatorid = f->tab.hostid,
	                         .ruleset_gen = f->tab.gen};
	enum pf_reason why;
	uint32_t slot;
	struct pf_state *st;
	int rc;

	(void)ifindex;
	slot = pf_statetab_alloc(&f->tab, r, &why);
	if (slot == PF_SLOT_NONE) {
		res->action = PF_DROP;
		res->reason = why; /* counted by the table */
		return;
	}
	key_of(p, dir, &orig);
	tk = orig;
	if (ev->nat_rule >= 0) {
		struct pf_nat_req q = {.nat = &f->rs->rules[ev->nat_rule].nat,
		                       .dir = dir,
		                       .orig = orig,
		                       .reserved = f->reserved,
		                       .rnd = rnd(f)};

		q.icmp = p->proto == PF_PROTO_ICMP || p->proto == PF_PROTO_ICMP6;
		q.icmp_echo = q.icmp && p->icmp_id_off != 0;
		if (pf_nat_map(&q, key_used, f, &tk) != 0) {
			pf_statetab_release(&f->tab, slot);
			drop(f, res, PF_VIA_RULES, PF_REASON_TRANSLATE);
			return;
		}
	}
	rc = dir == PF_IN ? link_keys(f, slot, &orig, &tk) : link_keys(f, slot, &tk, &orig);
	if (rc != 0) {
		pf_statetab_release(&f->tab, slot);
		drop(f, res, PF_VIA_RULES, rc == -EEXIST ? PF_REASON_STATEINS : PF_REASON_MEMORY);
		return;
	}
	st = pf_statetab_state(&f->tab, slot);
	n.id = pf_statetab_new_id(&f->tab);
	if (dir == PF_IN)
		pf_state_create(st, &orig, &tk, &n);
	else
		pf_state_create(st, &tk, &orig, &n);
	pf_statetab_insert(&f->tab, slot);
	res->slot = slot;
	res->created = 1;
	res->translated = translate(p, st, dir);
	count(f, p, dir, -1, st);
}

static void rules(struct pf_filter *f, struct pf_pkt *p, uint16_t ifindex, uint8_t dir,
                  uint32_t now, struct pf_result *res)
{
	struct pf_pkt_meta m;
	struct pf_eval_result ev;
	bool state_icmp;

	res->via = PF_VIA_RULES;
	if (f->rs == NULL) {
		res->action = PF_PASS;
		return;
	}
	pf_pkt_meta(p, ifindex, dir, &m);
	if (f->classify != NULL)
		f->classify(f->classify_ctx, &m, &ev);
	else
		pf_eval(f->rs, &m, &ev, true);
	f->tab.status.counters[PF_REASON_MATCH]++;
	res->rule = ev.rule;
	res->reason = PF_REASON_MATCH;
	count(f, p, dir, ev.rule, NULL);
	if (ev.action == PF_DROP) {
		res->action = PF_DROP;
		return;
	}
	res->action = PF_PASS;
	/* pf_icmp_mapping()'s "state_icmp": errors and neighbour adverts never get a state */
	state_icmp = (p->proto == PF_PROTO_ICMP || p->proto == PF_PROTO_ICMP6) &&
	             (p->icmp_error || (p->af == PF_AF_INET6 && p->icmp_type == 136));
	if (ev.keep_state && !p->fragment && !state_icmp)
		create(f, p, ifindex, dir, now, &ev, res);
}

/* The state of the packet's own key, noted in res; NULL if none. */
static struct pf_state *lookup(struct pf_filter *f, uint8_t dir, const struct pf_state_key *k,
                               struct pf_result *res)
{
	uint32_t slot = pf_filter_find(f, k, dir);
	struct pf_state *st;

	if (slot == PF_SLOT_NONE)
		return NULL;
	st = pf_statetab_state(&f->tab, slot);
	res->slot = slot;
	res->rule = st->rule;
	res->via = PF_VIA_STATE;
	return st;
}

/* The state side of a TCP/UDP/other packet: 1 passed, 0 dropped, -1 no state (rules). */
static int track(struct pf_filter *f, struct pf_pkt *p, uint8_t dir, uint32_t now,
                 struct pf_result *res)
{
	struct pf_state_key k;
	struct pf_state *st;
	uint32_t slot;

	key_of(p, dir, &k);
	if ((st = lookup(f, dir, &k, res)) == NULL)
		return -1;
	slot = res->slot;
	if (p->proto == PF_PROTO_TCP) {
		struct pf_tcp_out o;

		pf_tcp_test(st, &p->tcp, dir, now, &o);
		res->tcp = o.reason;
		res->send_rst = o.send_rst;
		res->challenge_ack = o.challenge_ack;
		if (o.reason == PF_TCP_SYN_REUSE) {
			unlink_keys(f, st);
			pf_statetab_remove(&f->tab, slot);
			res->slot = PF_SLOT_NONE;
			return -1;
		}
		pf_statetab_touch(&f->tab, slot);
		if (!o.pass) {
			drop(f, res, PF_VIA_STATE, PF_REASON_BADSTATE);
			return 0;
		}
	} else if (p->proto == PF_PROTO_UDP) {
		pf_udp_update(st, dir, now);
		pf_statetab_touch(&f->tab, slot);
	} else {
		pf_other_update(st, dir, now);
		pf_statetab_touch(&f->tab, slot);
	}
	res->action = PF_PASS;
	res->translated = translate(p, st, dir);
	count(f, p, dir, st->rule, st);
	return 1;
}

/* An ICMP query or reply: 1 passed, 0 dropped, -1 no state. */
static int track_icmp(struct pf_filter *f, struct pf_pkt *p, uint8_t dir, uint32_t now,
                      struct pf_result *res)
{
	struct pf_state_key k;
	struct pf_state *st;

	key_of(p, dir, &k);
	if ((st = lookup(f, dir, &k, res)) == NULL)
		return -1;
	/* a request flows in the state's direction, a reply against it */
	if (!(st->state_flags & PFSTATE_SLOPPY) && (st->direction == dir) != (p->icmp_query != 0)) {
		drop(f, res, PF_VIA_STATE, PF_REASON_BADSTATE);
		return 0;
	}
	pf_icmp_update(st, now);
	pf_statetab_touch(&f->tab, res->slot);
	res->action = PF_PASS;
	res->translated = translate(p, st, dir);
	count(f, p, dir, st->rule, st);
	return 1;
}

/* The quoted TCP segment must lie in the window of its sender (pf_test_state_icmp). */
static bool quote_in_window(const struct pf_state *st, uint8_t dir, uint32_t seq)
{
	const struct pf_state_peer *src = dir == st->direction ? &st->dst : &st->src;
	const struct pf_state_peer *dst = dir == st->direction ? &st->src : &st->dst;
	uint8_t dws = (src->wscale && dst->wscale) ? dst->wscale & PF_WSCALE_MASK : 0;

	seq -= src->seqdiff;
	return SEQ_GEQ(src->seqhi, seq) &&
	       SEQ_GEQ(seq, src->seqlo - ((uint32_t)dst->max_win << dws));
}

/* An ICMP error: match the quoted packet's state; 1 passed, 0 dropped, -1 no state. */
static int track_icmp_error(struct pf_filter *f, struct pf_pkt *p, uint8_t dir,
                            struct pf_result *res)
{
	uint8_t odir = dir == PF_IN ? PF_OUT : PF_IN; /* the quote went the other way */
	struct pf_icmp_inner in;
	struct pf_state_key k;
	const struct pf_state_key *nk;
	struct pf_state *st;
	enum pf_reason why;
	unsigned s, d;

	if (!pf_icmp_inner_parse(p, &in, &why)) {
		drop(f, res, PF_VIA_STATE, why);
		return 0;
	}
	if (!pf_addr_eq(&p->dst, &in.src, p->af)) {
		drop(f, res, PF_VIA_STATE, PF_REASON_BADSTATE); /* not about a packet we sent */
		return 0;
	}
	pf_state_key_make(&k, in.af, in.proto, odir, &in.src, htons(in.sport), &in.dst,
	                  htons(in.dport));
	if ((st = lookup(f, dir, &k, res)) == NULL)
		return -1;
	if (in.proto == PF_PROTO_TCP && !(st->state_flags & PFSTATE_SLOPPY) &&
	    !quote_in_window(st, dir, in.seq)) {
		drop(f, res, PF_VIA_STATE, PF_REASON_BADSTATE);
		return 0;
	}
	nk = &st->key[dir == PF_IN ? PF_SK_STACK : PF_SK_WIRE];
	s = pf_sidx(odir);
	d = !s;
	if (memcmp(&st->key[PF_SK_WIRE], &st->key[PF_SK_STACK], sizeof(*nk)) != 0) {
		/* the quoted source is our translated side: back to the original, outer dst too */
		pf_icmp_inner_rw_addr(p, &in, true, &nk->addr[s]);
		pf_icmp_inner_rw_port(p, &in, true, ntohs(nk->port[s]));
		pf_rw_addr(p, false, &nk->addr[s]);
		pf_icmp_inner_rw_addr(p, &in, false, &nk->addr[d]);
		pf_icmp_inner_rw_port(p, &in, false, ntohs(nk->port[d]));
		pf_rw_addr(p, true, &nk->addr[d]);
		res->translated = 1;
	}
	res->action = PF_PASS;
	count(f, p, dir, st->rule, st);
	return 1;
}

void pf_filter_packet(struct pf_filter *f, uint16_t ifindex, uint8_t dir, uint8_t *frame,
                      size_t len, bool ether, uint32_t now, struct pf_result *res)
{
	struct pf_pkt p;
	enum pf_reason why;
	int done = -1;

	memset(res, 0, sizeof(*res));
	res->rule = -1;
	res->slot = PF_SLOT_NONE;
	res->action = PF_PASS;
	if (f->rs != NULL && pf_skip_iface(f->rs, ifindex)) {
		res->via = PF_VIA_SKIP; /* pf looks at nothing on a skipped interface */
		return;
	}
	if (!pf_pkt_parse(&p, frame, len, ether, &why)) {
		drop(f, res, PF_VIA_PARSE, why);
		return;
	}
	if (p.af == PF_AF_UNSPEC) {
		res->via = PF_VIA_NOT_IP;
		return;
	}
	if (!p.fragment) {
		if (p.proto == PF_PROTO_ICMP || p.proto == PF_PROTO_ICMP6)
			done = p.icmp_error ? track_icmp_error(f, &p, dir, res)
			                    : track_icmp(f, &p, dir, now, res);
		else
			done = track(f, &p, dir, now, res);
	}
	if (done < 0)
		rules(f, &p, ifindex, dir, now, res);
}
