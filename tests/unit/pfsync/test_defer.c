/* SPDX-License-Identifier: BSD-2-Clause */
/* defer: the bookkeeping alone, then through the engine (INS with ACK,
 * INS_ACK, timeout, limit, down). */
#include <string.h>

#include "engine_fx.h"
#include "pfsync_defer.h"
#include "pfsync_test.h"

static struct sent s;

static void test_ring(void)
{
	struct pfsync_defer df;
	struct pfsync_deferral d;
	uint64_t cookie;

	CU_ASSERT_EQUAL_FATAL(pfsync_defer_init(&df, 3), 0);
	CU_ASSERT_EQUAL(pfsync_defer_next(&df), PFSYNC_NEVER);
	CU_ASSERT_FALSE(pfsync_defer_add(&df, 1, 9, 101, 10, &d));
	CU_ASSERT_FALSE(pfsync_defer_add(&df, 2, 9, 102, 20, &d));
	CU_ASSERT_FALSE(pfsync_defer_add(&df, 3, 9, 103, 30, &d));
	CU_ASSERT_EQUAL(pfsync_defer_count(&df), 3);
	/* acknowledged out of order */
	CU_ASSERT_TRUE(pfsync_defer_take(&df, 2, 9, &cookie));
	CU_ASSERT_EQUAL(cookie, 102);
	CU_ASSERT_FALSE(pfsync_defer_take(&df, 2, 9, &cookie));
	CU_ASSERT_FALSE(pfsync_defer_take(&df, 3, 8, &cookie)); /* creatorid matters */
	/* a fourth fits (a slot was freed); a fifth evicts the oldest */
	CU_ASSERT_FALSE(pfsync_defer_add(&df, 4, 9, 104, 40, &d));
	CU_ASSERT_TRUE(pfsync_defer_add(&df, 5, 9, 105, 50, &d));
	CU_ASSERT_EQUAL(d.cookie, 101);
	CU_ASSERT_EQUAL(pfsync_defer_count(&df), 3);
	CU_ASSERT_EQUAL(pfsync_defer_next(&df), 30);
	/* expiry in order */
	CU_ASSERT_FALSE(pfsync_defer_expire(&df, 29, &d));
	CU_ASSERT_TRUE(pfsync_defer_expire(&df, 45, &d));
	CU_ASSERT_EQUAL(d.cookie, 103);
	CU_ASSERT_TRUE(pfsync_defer_expire(&df, 45, &d));
	CU_ASSERT_EQUAL(d.cookie, 104);
	CU_ASSERT_FALSE(pfsync_defer_expire(&df, 45, &d));
	CU_ASSERT_TRUE(pfsync_defer_expire(&df, PFSYNC_NEVER, &d)); /* all, at down */
	CU_ASSERT_EQUAL(d.cookie, 105);
	CU_ASSERT_EQUAL(pfsync_defer_count(&df), 0);
	pfsync_defer_fini(&df);
}

static void defer_on(struct pfsync_config *c)
{
	c->defer = true;
	c->defer_max = 2;
}

static void test_engine_ack(void)
{
	struct fx *f = fx_new(defer_on);
	struct pfsync_event ev = fx_ev(7, ME, 6);
	struct peer_pkt p;
	struct pfsync_ref_msg ack = {7, ME};
	const struct pfsync_out *o;
	struct pfsync_status st;

	mock_add(&f->t, 7, ME);
	pfsync_engine_insert(f->e, f->now, &ev, &f->c.l);
	cap_clear(&f->c);
	/* held; the INS goes at once, asking for an ack */
	CU_ASSERT_TRUE(pfsync_engine_defer(f->e, f->now, 7, ME, 0xc00c1e, &f->c.l));
	CU_ASSERT_EQUAL_FATAL(cap_count(&f->c, PFSYNC_OUT_SEND), 1);
	sent_decode(&f->c, 0, &s);
	CU_ASSERT_EQUAL(s.action[0], PFSYNC_ACT_INS);
	CU_ASSERT_EQUAL(s.msg[0].u.state.state_flags & PFSTATE_ACK, PFSTATE_ACK);
	CU_ASSERT_EQUAL(cap_deadline(&f->c), f->now + 1000); /* defer_us */
	/* the peer's INS_ACK releases it */
	f->now += 300;
	peer_begin(&p);
	pfsync_pkt_add_ref(&p.b, PFSYNC_ACT_INS_ACK, &ack);
	peer_send(f, &p);
	o = cap_get(&f->c, PFSYNC_OUT_RELEASE, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(o->u.release.cookie, 0xc00c1e);
	CU_ASSERT_EQUAL(o->u.release.reason, PFSYNC_RELEASE_ACK);
	pfsync_engine_status(f->e, &st);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_DEFER_ADD], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_DEFER_ACK], 1);
	CU_ASSERT_EQUAL(st.deferred, 0);
	/* no pending INS for the state: not held */
	cap_clear(&f->c);
	CU_ASSERT_FALSE(pfsync_engine_defer(f->e, f->now, 7, ME, 1, &f->c.l));
	fx_free(f);
}

static void test_engine_update_releases(void)
{
	struct fx *f = fx_new(defer_on);
	struct pfsync_event ev = fx_ev(7, ME, 6);
	struct pfsync_state_msg *st = mock_add(&f->t, 7, ME);
	struct pfsync_upd_c_msg u;
	struct peer_pkt p;

	pfsync_engine_insert(f->e, f->now, &ev, &f->c.l);
	CU_ASSERT_TRUE(pfsync_engine_defer(f->e, f->now, 7, ME, 5, &f->c.l));
	/* an OpenBSD peer without ack support updates the state: released */
	pfsync_upd_c_from_state(&u, st);
	peer_begin(&p);
	pfsync_pkt_add_upd_c(&p.b, &u);
	peer_send(f, &p);
	CU_ASSERT_EQUAL(cap_count(&f->c, PFSYNC_OUT_RELEASE), 1);
	fx_free(f);
}

static void test_engine_timeout_limit_down(void)
{
	struct fx *f = fx_new(defer_on);
	struct pfsync_event ev;
	struct pfsync_status st;
	const struct pfsync_out *o;
	uint64_t t0 = f->now, i;

	for (i = 1; i <= 3; i++) {
		mock_add(&f->t, i, ME);
		ev = fx_ev(i, ME, 6);
		pfsync_engine_insert(f->e, f->now, &ev, &f->c.l);
		cap_clear(&f->c);
		CU_ASSERT_TRUE(pfsync_engine_defer(f->e, f->now, i, ME, 100 + i, &f->c.l));
		f->now += 100;
	}
	/* the third exceeded defer_max 2: the first went early */
	o = cap_get(&f->c, PFSYNC_OUT_RELEASE, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(o->u.release.cookie, 101);
	CU_ASSERT_EQUAL(o->u.release.reason, PFSYNC_RELEASE_OVER);
	/* no ack: the second goes at t0 + 100 + 1000 */
	CU_ASSERT_EQUAL(cap_deadline(&f->c), t0 + 1100);
	cap_clear(&f->c);
	pfsync_engine_timeout(f->e, t0 + 1100, &f->c.l);
	o = cap_get(&f->c, PFSYNC_OUT_RELEASE, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(o->u.release.cookie, 102);
	CU_ASSERT_EQUAL(o->u.release.reason, PFSYNC_RELEASE_TIMEOUT);
	/* down releases the rest */
	cap_clear(&f->c);
	pfsync_engine_down(f->e, f->now, &f->c.l);
	o = cap_get(&f->c, PFSYNC_OUT_RELEASE, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(o->u.release.cookie, 103);
	CU_ASSERT_EQUAL(o->u.release.reason, PFSYNC_RELEASE_DOWN);
	pfsync_engine_status(f->e, &st);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_DEFER_ADD], 3);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_DEFER_OVER], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_DEFER_TIMEOUT], 1);
	fx_free(f);
}

static void test_engine_defer_off(void)
{
	struct fx *f = fx_new(NULL);
	struct pfsync_event ev = fx_ev(7, ME, 6);

	mock_add(&f->t, 7, ME);
	pfsync_engine_insert(f->e, f->now, &ev, &f->c.l);
	CU_ASSERT_FALSE(pfsync_engine_defer(f->e, f->now, 7, ME, 1, &f->c.l));
	fx_free(f);
}

int pfsync_test_register_defer(void)
{
	static const struct t_case cases[] = {
	    {"ring: add, ack, evict, expire", test_ring},
	    {"engine: INS with ACK, INS_ACK releases", test_engine_ack},
	    {"engine: an update releases", test_engine_update_releases},
	    {"engine: timeout, limit, down", test_engine_timeout_limit_down},
	    {"engine: defer off", test_engine_defer_off},
	    {NULL, NULL},
	};

	return t_suite("defer", cases);
}
