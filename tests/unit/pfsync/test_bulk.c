/* SPDX-License-Identifier: BSD-2-Clause */
/* Bulk update: the sender paced by the caller, the order on the wire, and
 * two engines back to back (request, transfer, demotion back to 0). */
#include <string.h>

#include "engine_fx.h"
#include "pfsync_test.h"

static struct sent s;

static void bulk_request(struct fx *f)
{
	struct peer_pkt p;
	struct pfsync_ref_msg all = {0, 0};

	peer_begin(&p);
	pfsync_pkt_add_ref(&p.b, PFSYNC_ACT_UPD_REQ, &all);
	peer_send(f, &p);
}

static unsigned mtu_for_test;

static void set_mtu(struct pfsync_config *c)
{
	c->mtu = mtu_for_test;
}

/* For table sizes 0..40 at two MTUs: BUS START (announcing the size),
 * every state once in table order as UPD, BUS END last, each packet within
 * the MTU; an empty table gets a lone BUS END. */
static void test_sender_sequence(void)
{
	static const unsigned mtus[] = {1500, 1379};
	unsigned mi, n, k, i, end_alone = 0;

	for (mi = 0; mi < 2; mi++) {
		for (n = 0; n <= 40; n++) {
			struct fx *f;
			uint64_t next_id = 1;
			bool started = false, ended = false;
			unsigned packets = 0;

			mtu_for_test = mtus[mi];
			f = fx_new(set_mtu);
			for (k = 1; k <= n; k++)
				mock_add(&f->t, k, ME);
			bulk_request(f);
			CU_ASSERT_TRUE(pfsync_engine_bulk_pending(f->e));
			while (pfsync_engine_bulk_pending(f->e) && packets < 100) {
				cap_clear(&f->c);
				CU_ASSERT_EQUAL(pfsync_engine_bulk_packet(f->e, f->now, &f->c.l),
				                1);
				CU_ASSERT_EQUAL(cap_get(&f->c, PFSYNC_OUT_SEND, 0)->u.send.kind,
				                PFSYNC_SEND_BULK);
				sent_decode(&f->c, 0, &s);
				CU_ASSERT(s.len <= mtus[mi]);
				packets++;
				if (s.n == 1 && s.action[0] == PFSYNC_ACT_BUS && n > 0)
					end_alone++;
				for (i = 0; i < s.n; i++) {
					const struct pfsync_msg *m = &s.msg[i];

					CU_ASSERT_FALSE(ended);
					if (m->action == PFSYNC_ACT_BUS &&
					    m->u.bus.status == PFSYNC_BUS_START) {
						CU_ASSERT_FALSE(started);
						CU_ASSERT_EQUAL(m->u.bus.endtime, n);
						CU_ASSERT_EQUAL(m->u.bus.creatorid, ME);
						started = true;
					} else if (m->action == PFSYNC_ACT_BUS) {
						CU_ASSERT_EQUAL(m->u.bus.status, PFSYNC_BUS_END);
						CU_ASSERT_EQUAL(m->u.bus.endtime, 0);
						ended = true;
					} else {
						CU_ASSERT_EQUAL(m->action, PFSYNC_ACT_UPD);
						CU_ASSERT_TRUE(started);
						CU_ASSERT_EQUAL(m->u.state.id, next_id);
						next_id++;
					}
				}
			}
			CU_ASSERT_TRUE(ended);
			CU_ASSERT_EQUAL(started, n > 0); /* empty: BUS END alone */
			CU_ASSERT_EQUAL(next_id, n + 1);
			cap_clear(&f->c);
			CU_ASSERT_EQUAL(pfsync_engine_bulk_packet(f->e, f->now, &f->c.l), 0);
			fx_free(f);
		}
	}
	CU_ASSERT(end_alone > 0); /* some size left no room for BUS END */
}

static void test_sender_skips(void)
{
	struct fx *f = fx_new(NULL);
	struct pfsync_status st;

	mock_add(&f->t, 1, ME);
	mock_add(&f->t, 2, ME)->state_flags = PFSTATE_NOSYNC; /* no-sync: never sent */
	mock_add(&f->t, 3, PEER)->state_flags = PFSTATE_ACK;  /* ACK never in a bulk */
	mock_add(&f->t, 4, ME)->timeout = PFTM_MAX;           /* unlinked */
	bulk_request(f);
	cap_clear(&f->c);
	CU_ASSERT_EQUAL(pfsync_engine_bulk_packet(f->e, f->now, &f->c.l), 1);
	sent_decode(&f->c, 0, &s);
	CU_ASSERT_EQUAL(s.n, 4); /* START, 1, 3, END */
	CU_ASSERT_EQUAL(s.msg[1].u.state.id, 1);
	CU_ASSERT_EQUAL(s.msg[2].u.state.id, 3);
	CU_ASSERT_EQUAL(s.msg[2].u.state.state_flags, 0);
	CU_ASSERT_EQUAL(s.msg[0].u.bus.endtime, 4); /* announced: an upper bound */
	pfsync_engine_status(f->e, &st);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BULK_REQ_RECV], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BULK_SENT], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BULK_STATES_SENT], 2);
	fx_free(f);
}

static void test_sender_again(void)
{
	struct fx *f = fx_new(NULL);
	unsigned k, ends = 0, guard = 0;

	for (k = 1; k <= 20; k++)
		mock_add(&f->t, k, ME);
	bulk_request(f);
	cap_clear(&f->c);
	pfsync_engine_bulk_packet(f->e, f->now, &f->c.l);
	bulk_request(f); /* mid-bulk: one more full pass afterwards */
	bulk_request(f); /* and no more than one */
	while (pfsync_engine_bulk_pending(f->e) && guard++ < 100) {
		cap_clear(&f->c);
		pfsync_engine_bulk_packet(f->e, f->now, &f->c.l);
		sent_decode(&f->c, 0, &s);
		ends += s.per_action[PFSYNC_ACT_BUS] > 0 &&
		        s.msg[s.n - 1].action == PFSYNC_ACT_BUS &&
		        s.msg[s.n - 1].u.bus.status == PFSYNC_BUS_END;
	}
	CU_ASSERT_EQUAL(ends, 2);
	fx_free(f);
}

/* Router B starts with an empty table; router A has 250 states. Frames
 * cross over by hand; A sends its bulk when "tx has room" (every time). */
static void test_back_to_back(void)
{
	struct fx *a = fx_new(NULL), *b = fx_new_down(NULL);
	struct pfsync_status st;
	unsigned k, i, guard = 0;
	int demote = 0;

	for (k = 1; k <= 250; k++)
		mock_add(&a->t, k, ME);
	/* B boots: +32, asks */
	CU_ASSERT_EQUAL(pfsync_engine_up(b->e, b->now, WALL, true, &b->c.l), 0);
	demote += cap_demote(&b->c);
	CU_ASSERT_EQUAL(demote, 32);
	{
		const struct pfsync_out *o = cap_get(&b->c, PFSYNC_OUT_SEND, 0);

		CU_ASSERT_PTR_NOT_NULL_FATAL(o);
		fx_input(a, o->u.send.data, o->u.send.len, true);
	}
	CU_ASSERT_TRUE(pfsync_engine_bulk_pending(a->e));
	while (pfsync_engine_bulk_pending(a->e) && guard++ < 200) {
		const struct pfsync_out *o;

		cap_clear(&a->c);
		pfsync_engine_bulk_packet(a->e, a->now, &a->c.l);
		o = cap_get(&a->c, PFSYNC_OUT_SEND, 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(o);
		b->now += 10; /* 10 us per packet */
		fx_input(b, o->u.send.data, o->u.send.len, true);
		demote += cap_demote(&b->c);
		for (i = 0; i < b->c.l.n; i++) /* B sends nothing back */
			CU_ASSERT_NOT_EQUAL(b->c.l.a[i].type, PFSYNC_OUT_SEND);
	}
	CU_ASSERT_EQUAL(b->t.n, 250);
	CU_ASSERT_EQUAL(demote, 0);
	pfsync_engine_status(b->e, &st);
	CU_ASSERT_EQUAL(st.demotion, 0);
	CU_ASSERT_EQUAL(st.bulk_state, PFSYNC_BREQ_DONE);
	CU_ASSERT_EQUAL(st.bulk_expected, 250);
	CU_ASSERT_EQUAL(st.bulk_received, 250);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BULK_OK], 1);
	CU_ASSERT_EQUAL(memcmp(&b->t.st[100], &a->t.st[100], sizeof(a->t.st[100])), 0);
	fx_free(a);
	fx_free(b);
}

int pfsync_test_register_bulk(void)
{
	static const struct t_case cases[] = {
	    {"sender: START, every state once, END", test_sender_sequence},
	    {"sender: no-sync and unlinked skipped", test_sender_skips},
	    {"sender: a request mid-bulk runs once more", test_sender_again},
	    {"two engines: boot, bulk, demotion 0", test_back_to_back},
	    {NULL, NULL},
	};

	return t_suite("bulk", cases);
}
