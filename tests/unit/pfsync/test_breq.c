/* SPDX-License-Identifier: BSD-2-Clause */
/* Bulk requester and demotion: OpenBSD's sequence, our deadline, and a
 * property test that no demotion is ever stranded. */
#include <string.h>

#include "pfsync_breq.h"
#include "pfsync_proto.h"
#include "pfsync_test.h"

#define S 1000000ull /* us per second */

struct rec {
	struct pfsync_out buf[16];
	struct pfsync_outs l;
	long sum; /* running sum of every demotion delta output */
};

static void rec_init(struct rec *r)
{
	pfsync_outs_init(&r->l, r->buf, 16);
	r->sum = 0;
}

/* Sum and forget the outputs of one call. Returns the sum of this call. */
static long drain(struct rec *r)
{
	long d = 0;
	unsigned i;

	for (i = 0; i < r->l.n; i++)
		if (r->l.a[i].type == PFSYNC_OUT_DEMOTE)
			d += r->l.a[i].u.demote.delta;
	CU_ASSERT_EQUAL(r->l.dropped, 0);
	r->sum += d;
	pfsync_outs_clear(&r->l);
	return d;
}

static void init(struct pfsync_breq *b)
{
	struct pfsync_breq_config c;

	pfsync_breq_config_default(&c);
	pfsync_breq_init(b, &c);
}

static void test_defaults(void)
{
	struct pfsync_breq_config c;

	pfsync_breq_config_default(&c);
	CU_ASSERT_EQUAL(c.link_wait_ms, 30000); /* OpenBSD: 30 s for the link */
	CU_ASSERT_EQUAL(c.retry_ms, 2000);      /* 2 s per request */
	CU_ASSERT_EQUAL(c.tries, 12);           /* PFSYNC_MAX_BULKTRIES */
	CU_ASSERT_EQUAL(c.state_limit, 100000); /* PFSTATE_HIWAT */
	CU_ASSERT_STRING_EQUAL(pfsync_breq_state_name(PFSYNC_BREQ_BULK), "bulk");
	CU_ASSERT_STRING_EQUAL(pfsync_demote_reason_label(PFSYNC_DEMOTE_START), "pfsync start");
}

static void test_up_link_up(void)
{
	struct pfsync_breq b;
	struct rec r;

	init(&b);
	rec_init(&r);
	pfsync_breq_link(&b, 0, true, &r.l);
	CU_ASSERT_EQUAL(drain(&r), 0); /* down: tracked only */
	CU_ASSERT_EQUAL(pfsync_breq_up(&b, 0, &r.l), PFSYNC_BREQ_SEND);
	CU_ASSERT_EQUAL(r.l.n, 1);
	CU_ASSERT_EQUAL(r.l.a[0].u.demote.delta, 32);
	CU_ASSERT_EQUAL(r.l.a[0].u.demote.reason, PFSYNC_DEMOTE_START);
	drain(&r);
	CU_ASSERT_EQUAL(b.state, PFSYNC_BREQ_SENT);
	CU_ASSERT_EQUAL(pfsync_breq_demotion(&b), 32);
	CU_ASSERT_EQUAL(pfsync_breq_deadline(&b), 2 * S);
	/* repeated up is a no-op */
	CU_ASSERT_EQUAL(pfsync_breq_up(&b, 1, &r.l), 0);
	CU_ASSERT_EQUAL(drain(&r), 0);
	/* BUS START, BUS END: done, -32 */
	CU_ASSERT_EQUAL(pfsync_breq_bus(&b, 1 * S, PFSYNC_BUS_START, 10, &r.l), 0);
	CU_ASSERT_EQUAL(b.state, PFSYNC_BREQ_BULK);
	CU_ASSERT_EQUAL(pfsync_breq_bus(&b, 1 * S + 10, PFSYNC_BUS_END, 0, &r.l),
	                PFSYNC_BREQ_DONE_OK);
	CU_ASSERT_EQUAL(r.l.a[0].u.demote.reason, PFSYNC_DEMOTE_DONE);
	CU_ASSERT_EQUAL(drain(&r), -32);
	CU_ASSERT_EQUAL(b.state, PFSYNC_BREQ_DONE);
	CU_ASSERT_EQUAL(pfsync_breq_demotion(&b), 0);
	CU_ASSERT_EQUAL(pfsync_breq_deadline(&b), PFSYNC_NEVER);
}

static void test_up_link_down(void)
{
	struct pfsync_breq b;
	struct rec r;

	init(&b);
	rec_init(&r);
	CU_ASSERT_EQUAL(pfsync_breq_up(&b, 0, &r.l), 0);
	CU_ASSERT_EQUAL(r.l.n, 2); /* +1 link, +32 start */
	CU_ASSERT_EQUAL(drain(&r), 33);
	CU_ASSERT_EQUAL(b.state, PFSYNC_BREQ_START);
	CU_ASSERT_EQUAL(pfsync_breq_deadline(&b), 30 * S);
	/* link up at 5 s: -1, request */
	CU_ASSERT_EQUAL(pfsync_breq_link(&b, 5 * S, true, &r.l), PFSYNC_BREQ_SEND);
	CU_ASSERT_EQUAL(drain(&r), -1);
	CU_ASSERT_EQUAL(b.state, PFSYNC_BREQ_SENT);
	CU_ASSERT_EQUAL(pfsync_breq_demotion(&b), 32);
	/* link repeats are ignored */
	CU_ASSERT_EQUAL(pfsync_breq_link(&b, 5 * S, true, &r.l), 0);
	CU_ASSERT_EQUAL(drain(&r), 0);
}

static void test_no_link(void)
{
	struct pfsync_breq b;
	struct rec r;

	init(&b);
	rec_init(&r);
	pfsync_breq_up(&b, 0, &r.l);
	drain(&r);
	CU_ASSERT_EQUAL(pfsync_breq_timeout(&b, 30 * S - 1, &r.l), 0);
	CU_ASSERT_EQUAL(pfsync_breq_timeout(&b, 30 * S, &r.l), PFSYNC_BREQ_FAILED);
	CU_ASSERT_EQUAL(r.l.a[0].u.demote.reason, PFSYNC_DEMOTE_FAIL);
	CU_ASSERT_EQUAL(drain(&r), -32);
	CU_ASSERT_EQUAL(pfsync_breq_demotion(&b), 1); /* link still down */
	CU_ASSERT_EQUAL(b.state, PFSYNC_BREQ_DONE);
}

static void test_retries(void)
{
	struct pfsync_breq b;
	struct rec r;
	unsigned sends = 1, i;
	uint64_t t = 0;

	init(&b);
	rec_init(&r);
	pfsync_breq_link(&b, 0, true, &r.l);
	pfsync_breq_up(&b, 0, &r.l); /* request 1 */
	drain(&r);
	for (i = 0; i < 20 && b.state == PFSYNC_BREQ_SENT; i++) {
		unsigned f;

		t = pfsync_breq_deadline(&b);
		f = pfsync_breq_timeout(&b, t, &r.l);
		if (f & PFSYNC_BREQ_SEND)
			sends++;
		if (f & PFSYNC_BREQ_FAILED)
			CU_ASSERT_EQUAL(drain(&r), -32);
	}
	/* OpenBSD: 12 requests 2 s apart, then give up (24 s) */
	CU_ASSERT_EQUAL(sends, 12);
	CU_ASSERT_EQUAL(t, 24 * S);
	CU_ASSERT_EQUAL(b.state, PFSYNC_BREQ_DONE);
	CU_ASSERT_EQUAL(pfsync_breq_demotion(&b), 0);
}

static void test_deadline(void)
{
	struct pfsync_breq b;
	struct rec r;

	init(&b);
	rec_init(&r);
	pfsync_breq_link(&b, 0, true, &r.l);
	pfsync_breq_up(&b, 0, &r.l);
	/* N = 1000 announced at t=10 s: hard = N / floor(100/s) = 10 s;
	 * idle 2 s comes first */
	pfsync_breq_bus(&b, 10 * S, PFSYNC_BUS_START, 1000, &r.l);
	CU_ASSERT_EQUAL(b.expected, 1000);
	CU_ASSERT_EQUAL(b.hard, 20 * S);
	CU_ASSERT_EQUAL(pfsync_breq_deadline(&b), 12 * S);
	/* 500 states in 1 s: R = 500/s, 4 x N / R = 8 s < 10 s */
	pfsync_breq_progress(&b, 11 * S, 500);
	CU_ASSERT_EQUAL(b.hard, 18 * S);
	CU_ASSERT_EQUAL(pfsync_breq_deadline(&b), 13 * S);
	/* more progress: 999 in 1 s + 1 us -> 4 x 1000 x 1000001 / 999 us */
	pfsync_breq_progress(&b, 11 * S + 1, 499);
	CU_ASSERT_EQUAL(b.hard, 14 * S + 4008);
	/* no BUS END and no more progress: failed after idle_ms, -32 */
	CU_ASSERT_EQUAL(pfsync_breq_timeout(&b, 13 * S, &r.l), 0);
	CU_ASSERT_EQUAL(pfsync_breq_timeout(&b, 13 * S + 1, &r.l), PFSYNC_BREQ_FAILED);
	CU_ASSERT_EQUAL(pfsync_breq_demotion(&b), 0);
	/* a fast bulk: 4 x N / R is below min_ms, raised to 2 s; the
	 * hard deadline comes before the idle one */
	init(&b);
	pfsync_breq_link(&b, 0, true, &r.l);
	pfsync_breq_up(&b, 0, &r.l);
	pfsync_breq_bus(&b, 0, PFSYNC_BUS_START, 1000, &r.l);
	pfsync_breq_progress(&b, S / 10, 999);
	CU_ASSERT_EQUAL(b.hard, 2 * S);
	pfsync_breq_progress(&b, 19 * S / 10, 0); /* n 0: not progress */
	CU_ASSERT_EQUAL(b.last_progress, S / 10);
	CU_ASSERT_EQUAL(pfsync_breq_deadline(&b), 2 * S); /* before idle (2.1 s) */
	CU_ASSERT_EQUAL(pfsync_breq_timeout(&b, 2 * S - 1, &r.l), 0);
	CU_ASSERT_EQUAL(pfsync_breq_timeout(&b, 2 * S, &r.l), PFSYNC_BREQ_FAILED);
	drain(&r);
	/* announced 0 (OpenBSD sends endtime 0): the state limit is assumed */
	init(&b);
	pfsync_breq_link(&b, 0, true, &r.l);
	pfsync_breq_up(&b, 0, &r.l);
	pfsync_breq_bus(&b, 0, PFSYNC_BUS_START, 0, &r.l);
	CU_ASSERT_EQUAL(b.expected, 100000);
	CU_ASSERT_EQUAL(b.hard, 1000 * S); /* 100000 / 100 per s */
}

static void test_idle(void)
{
	struct pfsync_breq b;
	struct rec r;
	uint64_t t;

	init(&b);
	rec_init(&r);
	pfsync_breq_link(&b, 0, true, &r.l);
	pfsync_breq_up(&b, 0, &r.l);
	drain(&r);
	pfsync_breq_bus(&b, 0, PFSYNC_BUS_START, 0, &r.l);
	for (t = S; t <= 10 * S; t += S) /* a slow OpenBSD-like bulk */
		pfsync_breq_progress(&b, t, 5);
	CU_ASSERT_EQUAL(pfsync_breq_timeout(&b, 10 * S + 2 * S - 1, &r.l), 0);
	CU_ASSERT_EQUAL(pfsync_breq_timeout(&b, 12 * S, &r.l), PFSYNC_BREQ_FAILED);
	CU_ASSERT_EQUAL(drain(&r), -32);
}

static void test_ignored(void)
{
	struct pfsync_breq b;
	struct rec r;

	init(&b);
	rec_init(&r);
	/* bus events while down */
	CU_ASSERT_EQUAL(pfsync_breq_bus(&b, 0, PFSYNC_BUS_START, 5, &r.l), 0);
	CU_ASSERT_EQUAL(b.state, PFSYNC_BREQ_NONE);
	pfsync_breq_link(&b, 0, true, &r.l);
	pfsync_breq_up(&b, 0, &r.l);
	drain(&r);
	CU_ASSERT_EQUAL(pfsync_breq_bus(&b, 2, 7, 0, &r.l), 0); /* unknown status */
	CU_ASSERT_EQUAL(b.state, PFSYNC_BREQ_SENT);
	/* BUS END without START: the peer's table is empty (its lone BUS END);
	 * OpenBSD ignores it, we end the bulk and the demotion (-32) */
	pfsync_breq_bus(&b, 3, PFSYNC_BUS_END, 0, &r.l);
	CU_ASSERT_EQUAL(b.state, PFSYNC_BREQ_DONE);
	CU_ASSERT_FALSE(b.demoted);
	drain(&r);
	/* DONE: a later bulk (for someone else) changes nothing */
	CU_ASSERT_EQUAL(pfsync_breq_bus(&b, 5, PFSYNC_BUS_START, 5, &r.l), 0);
	CU_ASSERT_EQUAL(b.state, PFSYNC_BREQ_DONE);
	CU_ASSERT_EQUAL(drain(&r), 0);
}

static void test_flap_and_down(void)
{
	struct pfsync_breq b;
	struct rec r;

	init(&b);
	rec_init(&r);
	pfsync_breq_link(&b, 0, true, &r.l);
	pfsync_breq_up(&b, 0, &r.l);
	pfsync_breq_bus(&b, 1, PFSYNC_BUS_START, 5, &r.l);
	pfsync_breq_bus(&b, 2, PFSYNC_BUS_END, 0, &r.l);
	CU_ASSERT_EQUAL(drain(&r), 0);
	/* link down after done: +1; back up: -1, new request, +32 */
	pfsync_breq_link(&b, 3, false, &r.l);
	CU_ASSERT_EQUAL(drain(&r), 1);
	CU_ASSERT_EQUAL(pfsync_breq_link(&b, 4, true, &r.l), PFSYNC_BREQ_SEND);
	CU_ASSERT_EQUAL(drain(&r), 31);
	CU_ASSERT_EQUAL(pfsync_breq_demotion(&b), 32);
	/* down in the middle of a bulk with the link down: both undone */
	pfsync_breq_bus(&b, 5, PFSYNC_BUS_START, 5, &r.l);
	pfsync_breq_link(&b, 6, false, &r.l);
	CU_ASSERT_EQUAL(drain(&r), 1);
	pfsync_breq_down(&b, 7, &r.l);
	CU_ASSERT_EQUAL(r.l.n, 2);
	CU_ASSERT_EQUAL(r.l.a[0].u.demote.reason, PFSYNC_DEMOTE_DOWN);
	CU_ASSERT_EQUAL(drain(&r), -33);
	CU_ASSERT_EQUAL(r.sum, 0);
	CU_ASSERT_EQUAL(b.state, PFSYNC_BREQ_NONE);
	CU_ASSERT_EQUAL(pfsync_breq_deadline(&b), PFSYNC_NEVER);
	/* a down pfsync ignores timeouts and link changes (no demotion) */
	CU_ASSERT_EQUAL(pfsync_breq_timeout(&b, 100 * S, &r.l), 0);
	pfsync_breq_link(&b, 8, true, &r.l);
	CU_ASSERT_EQUAL(drain(&r), 0);
}

/* ---- property: random histories never strand a demotion --------------- */

static uint32_t rng = 12345;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng % n;
}

static void invariants(const struct pfsync_breq *b, const struct rec *r)
{
	unsigned d = pfsync_breq_demotion(b);

	CU_ASSERT_EQUAL(r->sum, (long)d); /* the ledger equals what was output */
	CU_ASSERT(d == 0 || d == 1 || d == 32 || d == 33);
	if (!b->up)
		CU_ASSERT_EQUAL(d, 0);
	if (b->up)
		CU_ASSERT_EQUAL(d % 32, b->link_up ? 0u : 1u);
	if (b->up && b->link_up && b->state == PFSYNC_BREQ_DONE)
		CU_ASSERT_EQUAL(d, 0);
	if (b->state == PFSYNC_BREQ_START || b->state == PFSYNC_BREQ_SENT ||
	    b->state == PFSYNC_BREQ_BULK)
		CU_ASSERT(d >= 32 && pfsync_breq_deadline(b) != PFSYNC_NEVER);
}

static void step(struct pfsync_breq *b, struct rec *r, uint64_t *now, bool *peer_bulk)
{
	switch (rnd(10)) {
	case 0:
		pfsync_breq_link(b, *now, rnd(2) == 0, &r->l);
		break;
	case 1: /* pfsync restart */
		pfsync_breq_down(b, *now, &r->l);
		drain(r);
		invariants(b, r);
		pfsync_breq_up(b, *now, &r->l);
		break;
	case 2:
		pfsync_breq_down(b, *now, &r->l);
		break;
	case 3:
		pfsync_breq_up(b, *now, &r->l);
		break;
	case 4: /* the peer starts a bulk (maybe not for us) */
		pfsync_breq_bus(b, *now, PFSYNC_BUS_START, rnd(3) ? rnd(5000) : 0, &r->l);
		*peer_bulk = true;
		break;
	case 5: /* BUS END, unless lost */
		if (rnd(3) != 0)
			pfsync_breq_bus(b, *now, PFSYNC_BUS_END, 0, &r->l);
		*peer_bulk = false;
		break;
	case 6:
		if (*peer_bulk)
			pfsync_breq_progress(b, *now, 1 + rnd(50));
		break;
	default: { /* time passes; timers fire */
		uint64_t dl = pfsync_breq_deadline(b);

		*now += rnd(3) == 0 && dl != PFSYNC_NEVER && dl > *now ? dl - *now : rnd(3 * S);
		pfsync_breq_timeout(b, *now, &r->l);
	}
	}
	drain(r);
	invariants(b, r);
}

/* With the link up and the peer silent or answering, time alone brings
 * the demotion to 0, within OpenBSD's bound (12 tries x 2 s) or the bulk
 * deadline. */
static void settle(struct pfsync_breq *b, struct rec *r, uint64_t *now, bool answer)
{
	unsigned i;

	if (!b->up)
		pfsync_breq_up(b, *now, &r->l);
	pfsync_breq_link(b, *now, true, &r->l);
	drain(r);
	for (i = 0; i < 10000 && b->state != PFSYNC_BREQ_DONE; i++) {
		if (answer && b->state == PFSYNC_BREQ_SENT) {
			pfsync_breq_bus(b, *now, PFSYNC_BUS_START, 100, &r->l);
			pfsync_breq_progress(b, *now + 1000, 100);
			pfsync_breq_bus(b, *now + 2000, PFSYNC_BUS_END, 0, &r->l);
		} else {
			*now = pfsync_breq_deadline(b);
			pfsync_breq_timeout(b, *now, &r->l);
		}
		drain(r);
		invariants(b, r);
	}
	CU_ASSERT_EQUAL(b->state, PFSYNC_BREQ_DONE);
	CU_ASSERT_EQUAL(pfsync_breq_demotion(b), 0);
	CU_ASSERT_EQUAL(r->sum, 0);
}

static void test_never_stranded(void)
{
	unsigned run, i, failures_before = CU_get_number_of_failures();

	for (run = 0; run < 2000; run++) {
		struct pfsync_breq b;
		struct rec r;
		uint64_t now = 0;
		bool peer_bulk = false;

		init(&b);
		rec_init(&r);
		for (i = 0; i < 100; i++)
			step(&b, &r, &now, &peer_bulk);
		settle(&b, &r, &now, run % 2 == 0);
		/* and a clean stop returns everything */
		pfsync_breq_down(&b, now, &r.l);
		drain(&r);
		CU_ASSERT_EQUAL(r.sum, 0);
		if (CU_get_number_of_failures() != failures_before)
			break; /* one failing history is enough to report */
	}
}

int pfsync_test_register_breq(void)
{
	static const struct t_case cases[] = {
	    {"defaults are OpenBSD's", test_defaults},
	    {"up with link up: +32 until BUS END", test_up_link_up},
	    {"up with link down: +33, link -1", test_up_link_down},
	    {"no link within 30 s: give up", test_no_link},
	    {"12 requests 2 s apart", test_retries},
	    {"deadline from size and measured rate", test_deadline},
	    {"stalled bulk fails after idle_ms", test_idle},
	    {"events OpenBSD ignores", test_ignored},
	    {"link flap and down undo everything", test_flap_and_down},
	    {"property: demotion never stranded", test_never_stranded},
	    {NULL, NULL},
	};

	return t_suite("breq", cases);
}
