/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * State table bookkeeping: limits and their counters, expiry in order of
 * last activity and only of what expired, adaptive timeouts under load,
 * half-open counting, purge marks, reloads, imported states.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pf_pseudo.h"
#include "pf_statetab.h"
#include "pf_tcp.h"
#include "pf_test.h"

#define HOSTID 0x0badcafe

struct purged {
	unsigned n;
	uint32_t last;
};

static void on_purge(void *ctx, uint32_t slot, const struct pf_state *st)
{
	struct purged *p = ctx;

	(void)st;
	p->n++;
	p->last = slot;
}

/* A UDP state of rule r (NULL: default) last active at `now`. */
static uint32_t add_udp(struct pf_statetab *t, const struct pf_rule *r, uint32_t now,
                        enum pf_reason *why)
{
	struct pf_state_key k = {.af = PF_AF_INET, .proto = PF_PROTO_UDP};
	struct pf_state_new n = {.rule = r,
	                         .nat_rule = -1,
	                         .dir = PF_OUT,
	                         .now = now,
	                         .creatorid = HOSTID,
	                         .ruleset_gen = t->gen};
	enum pf_reason dummy;
	uint32_t slot = pf_statetab_alloc(t, r, why ? why : &dummy);

	if (slot == PF_SLOT_NONE)
		return slot;
	n.id = pf_statetab_new_id(t);
	pf_state_create(pf_statetab_state(t, slot), &k, &k, &n);
	pf_statetab_insert(t, slot);
	return slot;
}

static void test_limits(void)
{
	struct pf_ruleset *rs = t_parse("set limit states 3\npass proto udp keep state (max 2)\n");
	struct pf_slot *slots = calloc(16, sizeof(*slots));
	struct pf_statetab t;
	enum pf_reason why;
	uint32_t a, b;

	CU_ASSERT_EQUAL_FATAL(pf_statetab_init(&t, slots, 16, HOSTID), 0);
	pf_statetab_set_ruleset(&t, rs, 1);
	CU_ASSERT_EQUAL(t.limit, 3);
	a = add_udp(&t, &rs->rules[0], 1, NULL);
	b = add_udp(&t, &rs->rules[0], 1, NULL);
	CU_ASSERT_NOT_EQUAL(b, PF_SLOT_NONE);
	CU_ASSERT_EQUAL(rs->stats[0].states_cur, 2);
	CU_ASSERT_EQUAL(add_udp(&t, &rs->rules[0], 1, &why), PF_SLOT_NONE);
	CU_ASSERT_EQUAL(why, PF_REASON_MAXSTATES);
	CU_ASSERT_EQUAL(t.status.counters[PF_REASON_MAXSTATES], 1);
	CU_ASSERT_EQUAL(t.status.lcounters[PF_LCNT_STATES], 1);
	CU_ASSERT_NOT_EQUAL(add_udp(&t, NULL, 1, NULL), PF_SLOT_NONE); /* default rule */
	CU_ASSERT_EQUAL(add_udp(&t, NULL, 1, &why), PF_SLOT_NONE);
	CU_ASSERT_EQUAL(why, PF_REASON_MEMORY); /* set limit states 3 */
	CU_ASSERT_EQUAL(t.status.counters[PF_REASON_MEMORY], 1);
	CU_ASSERT_EQUAL(t.status.states, 3);
	CU_ASSERT_EQUAL(t.status.fcounters[PF_FCNT_INSERT], 3);
	pf_statetab_remove(&t, a);
	CU_ASSERT_EQUAL(t.status.states, 2);
	CU_ASSERT_EQUAL(t.status.fcounters[PF_FCNT_REMOVALS], 1);
	CU_ASSERT_EQUAL(rs->stats[0].states_cur, 1);
	CU_ASSERT_EQUAL(rs->stats[0].states_tot, 2);
	CU_ASSERT_NOT_EQUAL(add_udp(&t, &rs->rules[0], 1, NULL), PF_SLOT_NONE);
	/* ids are a counter */
	CU_ASSERT_EQUAL(pf_statetab_state(&t, b)->id, 2);
	CU_ASSERT_EQUAL(pf_statetab_state(&t, b)->creatorid, HOSTID);
	/* a reload: the old states stay but no longer count against the new rule */
	pf_statetab_set_ruleset(&t, rs, 2);
	CU_ASSERT_EQUAL(t.status.states, 3);
	rs->stats[0].states_cur = 0; /* what a fresh ruleset starts with */
	t.limit = 16;
	CU_ASSERT_NOT_EQUAL(add_udp(&t, &rs->rules[0], 1, NULL), PF_SLOT_NONE);
	CU_ASSERT_NOT_EQUAL(add_udp(&t, &rs->rules[0], 1, NULL), PF_SLOT_NONE);
	pf_statetab_remove(&t, b); /* an old-generation state: not the new rule's */
	CU_ASSERT_EQUAL(rs->stats[0].states_cur, 2);
	free(slots);
	pf_ruleset_free(rs);
}

/* 10000 states of random ages: a purge removes exactly the expired ones. */
static void test_purge_exact(void)
{
	enum { N = 10000 };
	struct pf_slot *slots = calloc(N, sizeof(*slots));
	struct pf_statetab t;
	struct purged p = {0};
	uint64_t seed = 42;
	unsigned i, expired = 0, left = 0;

	CU_ASSERT_EQUAL_FATAL(pf_statetab_init(&t, slots, N, HOSTID), 0);
	for (i = 0; i < N; i++) {
		uint32_t now = 1000 + i / 10; /* the clock moves on while states arrive */
		uint32_t slot = add_udp(&t, NULL, now, NULL);

		if (t_rand(&seed) % 2)
			pf_udp_update(pf_statetab_state(&t, slot), PF_OUT, now); /* udp.single 30 */
		pf_statetab_touch(&t, slot);
	}
	/* at 1100: udp.first (60) states older than 1040, udp.single (30) older than 1070 */
	for (i = 0; i < N; i++)
		expired += pf_statetab_expires(&t, i) <= 1100;
	CU_ASSERT(expired > 300 && expired < 1000); /* about 205 + 355 */
	CU_ASSERT_EQUAL(pf_statetab_purge(&t, 1100, N, on_purge, &p), expired);
	CU_ASSERT_EQUAL(p.n, expired);
	for (i = 0; i < N; i++)
		if (slots[i].in_use) {
			left++;
			CU_ASSERT(pf_statetab_expires(&t, i) > 1100);
		}
	CU_ASSERT_EQUAL(left, N - expired);
	CU_ASSERT_EQUAL(t.status.states, left);
	/* nothing more to do at the same time; a bounded purge stops at max */
	CU_ASSERT_EQUAL(pf_statetab_purge(&t, 1100, N, on_purge, &p), 0);
	CU_ASSERT_EQUAL(pf_statetab_purge(&t, 3000, 5, on_purge, &p), 5);
	CU_ASSERT_EQUAL(pf_statetab_purge(&t, 3000, N, on_purge, &p), left - 5);
	CU_ASSERT_EQUAL(t.status.states, 0);
	free(slots);
}

/* Activity moves a state to the back; the class it moves to decides its timeout. */
static void test_touch_order(void)
{
	struct pf_slot slots[4];
	struct pf_statetab t;
	struct purged p = {0};
	uint32_t a, b;

	pf_statetab_init(&t, slots, 4, HOSTID);
	a = add_udp(&t, NULL, 100, NULL);                     /* udp.first: 160 */
	b = add_udp(&t, NULL, 110, NULL);                     /* 170 */
	pf_udp_update(pf_statetab_state(&t, a), PF_OUT, 120); /* udp.single: 150 */
	pf_statetab_touch(&t, a);
	pf_udp_update(pf_statetab_state(&t, a), PF_IN, 125); /* the answer */
	pf_statetab_touch(&t, a);
	pf_udp_update(pf_statetab_state(&t, a), PF_OUT, 130); /* both sides: udp.multiple 190 */
	pf_statetab_touch(&t, a);
	CU_ASSERT_EQUAL(pf_statetab_expires(&t, a), 190);
	CU_ASSERT_EQUAL(pf_statetab_purge(&t, 169, 10, on_purge, &p), 0);
	CU_ASSERT_EQUAL(pf_statetab_purge(&t, 170, 10, on_purge, &p), 1);
	CU_ASSERT_EQUAL(p.last, b);
	CU_ASSERT_EQUAL(pf_statetab_purge(&t, 190, 10, on_purge, &p), 1);
	CU_ASSERT_EQUAL(p.last, a);
}

/* set limit states 1000 -> adaptive 600/1200: at 900 states timeouts are halved. */
static void test_adaptive_purge(void)
{
	struct pf_ruleset *rs = t_parse("set limit states 1000\n");
	struct pf_slot *slots = calloc(1000, sizeof(*slots));
	struct pf_statetab t;
	struct purged p = {0};
	uint32_t i, first;

	pf_statetab_init(&t, slots, 1000, HOSTID);
	pf_statetab_set_ruleset(&t, rs, 1);
	first = add_udp(&t, NULL, 100, NULL); /* udp.first 60 */
	for (i = 1; i < 900; i++)
		add_udp(&t, NULL, 200, NULL);
	/* 900 states: 60 * (1200 - 900) / (1200 - 600) = 30 */
	CU_ASSERT_EQUAL(pf_statetab_expires(&t, first), 130);
	CU_ASSERT_EQUAL(pf_statetab_purge(&t, 129, 2000, on_purge, &p), 0);
	CU_ASSERT_EQUAL(pf_statetab_purge(&t, 130, 2000, on_purge, &p), 1);
	CU_ASSERT_EQUAL(p.last, first);
	free(slots);
	pf_ruleset_free(rs);
}

static void test_halfopen_and_purge_mark(void)
{
	struct pf_slot slots[4];
	struct pf_statetab t;
	struct pf_state_key k = {.af = PF_AF_INET, .proto = PF_PROTO_TCP};
	struct pf_tcp_seg syn = {.flags = PF_TH_SYN, .seq = 100, .win = 1000};
	struct pf_tcp_seg synack = {
	    .flags = PF_TH_SYN | PF_TH_ACK, .seq = 900, .ack = 101, .win = 1000};
	struct pf_state_new n = {
	    .nat_rule = -1, .dir = PF_OUT, .tcp = &syn, .now = 5, .creatorid = HOSTID};
	struct pf_tcp_out o;
	struct purged p = {0};
	uint32_t slot;
	enum pf_reason why;

	pf_statetab_init(&t, slots, 4, HOSTID);
	slot = pf_statetab_alloc(&t, NULL, &why);
	pf_state_create(pf_statetab_state(&t, slot), &k, &k, &n);
	pf_statetab_insert(&t, slot);
	CU_ASSERT_EQUAL(t.status.states_halfopen, 1);
	pf_tcp_test(pf_statetab_state(&t, slot), &synack, PF_IN, 6, &o);
	CU_ASSERT_TRUE(o.pass);
	pf_statetab_touch(&t, slot);
	CU_ASSERT_EQUAL(t.status.states_halfopen, 0); /* the opener is established */
	/* a state marked for purge goes at the next purge, whatever the time */
	pf_statetab_state(&t, slot)->timeout = PFTM_PURGE;
	pf_statetab_touch(&t, slot);
	CU_ASSERT_EQUAL(pf_statetab_purge(&t, 6, 10, on_purge, &p), 1);
	CU_ASSERT_EQUAL(t.status.states, 0);
	/* a state imported from another host is not counted half-open */
	slot = pf_statetab_alloc(&t, NULL, &why);
	n.creatorid = 0x77;
	pf_state_create(pf_statetab_state(&t, slot), &k, &k, &n);
	pf_statetab_insert(&t, slot);
	CU_ASSERT_EQUAL(t.status.states_halfopen, 0);
}

/* Imported states with an old activity time expire on time (placed by time). */
static void test_imported_order(void)
{
	struct pf_slot slots[8];
	struct pf_statetab t;
	struct purged p = {0};
	struct pf_state_key k = {.af = PF_AF_INET, .proto = PF_PROTO_UDP};
	struct pf_state_new n = {.nat_rule = -1, .dir = PF_OUT, .now = 50, .creatorid = 0x77};
	enum pf_reason why;
	uint32_t old;

	pf_statetab_init(&t, slots, 8, HOSTID);
	add_udp(&t, NULL, 100, NULL); /* expires 160 */
	add_udp(&t, NULL, 101, NULL); /* 161 */
	old = pf_statetab_alloc(&t, NULL, &why);
	pf_state_create(pf_statetab_state(&t, old), &k, &k, &n); /* last active 50: 110 */
	pf_statetab_insert_imported(&t, old);
	CU_ASSERT_EQUAL(pf_statetab_purge(&t, 110, 10, on_purge, &p), 1);
	CU_ASSERT_EQUAL(p.last, old);
}

static void test_init_errors(void)
{
	struct pf_slot slots[2];
	struct pf_statetab t;

	CU_ASSERT_EQUAL(pf_statetab_init(&t, NULL, 2, HOSTID), -EINVAL);
	CU_ASSERT_EQUAL(pf_statetab_init(&t, slots, 0, HOSTID), -EINVAL);
	CU_ASSERT_EQUAL(pf_statetab_init(&t, slots, 2, 0),
	                -EINVAL); /* pfsync rejects creatorid 0 */
}

int pf_test_register_statetab(void)
{
	static const struct t_case cases[] = {
	    {"set limit states and max N, counters", test_limits},
	    {"purge removes exactly what expired", test_purge_exact},
	    {"activity re-queues, class decides", test_touch_order},
	    {"adaptive timeouts under load", test_adaptive_purge},
	    {"half-open counting, purge marks", test_halfopen_and_purge_mark},
	    {"imported states placed by time", test_imported_order},
	    {"init errors", test_init_errors},
	    {NULL, NULL},
	};
	return t_suite("statetab", cases);
}
