/* SPDX-License-Identifier: BSD-2-Clause */
/* The engine: configuration, batching and timers of local events, the
 * receive path against a mock table, authentication modes, demotion. */
#include <errno.h>
#include <string.h>

#include "engine_fx.h"
#include "pfsync_test.h"

static struct sent s; /* large: static */

static void test_config(void)
{
	struct pfsync_config c;
	char err[128];

	pfsync_config_default(&c);
	CU_ASSERT_EQUAL(c.mtu, 1500);
	CU_ASSERT_EQUAL(c.maxupd, 128);
	CU_ASSERT_FALSE(c.defer);
	CU_ASSERT(c.insert_delay_us <= 1000);   /* a new state on the wire within 1 ms */
	CU_ASSERT(c.update_delay_us < 1000000); /* OpenBSD waits up to 1 s */
	CU_ASSERT_EQUAL(c.dst_ip[0], 224);
	CU_ASSERT_EQUAL(c.dst_ip[3], 240);
	CU_ASSERT_EQUAL(pfsync_config_check(&c, err, sizeof(err)), 0);
	c.mtu = 300;
	CU_ASSERT_EQUAL(pfsync_config_check(&c, err, sizeof(err)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(err, "mtu 300 out of range 308-9216");
	pfsync_config_default(&c);
	c.maxupd = 256;
	CU_ASSERT_EQUAL(pfsync_config_check(&c, err, sizeof(err)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(err, "maxupd 256 out of range 0-255");
	pfsync_config_default(&c);
	memset(c.dst_ip, 0, 4);
	CU_ASSERT_EQUAL(pfsync_config_check(&c, err, sizeof(err)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(err, "syncpeer must be unicast or multicast, not 0.0.0.0");
	errno = 0;
	CU_ASSERT_PTR_NULL(pfsync_engine_new(&c, &mock_ops, NULL));
	CU_ASSERT_EQUAL(errno, EINVAL);
}

/* pfsync up with the link up: +32 and OpenBSD's bulk request packet. */
static void test_up_request(void)
{
	struct fx *f = fx_new_down(NULL);
	const struct pfsync_out *o;
	uint8_t want[56];

	CU_ASSERT_EQUAL(pfsync_engine_up(f->e, f->now, WALL, true, &f->c.l), 0);
	CU_ASSERT_EQUAL(cap_count(&f->c, PFSYNC_OUT_DEMOTE), 1);
	CU_ASSERT_EQUAL(cap_demote(&f->c), 32);
	o = cap_get(&f->c, PFSYNC_OUT_SEND, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(o->u.send.kind, PFSYNC_SEND_BULK_REQ);
	/* IPv4 (ids vary) | 06 00 len 36 | UPD_REQ len 3 words count 1 | id 0 creatorid 0 */
	CU_ASSERT_EQUAL_FATAL(o->u.send.len, 56);
	t_hex("06 00 0024 00000000000000000000000000000000 05 03 0001 0000000000000000 00000000",
	      want, sizeof(want));
	CU_ASSERT_EQUAL(memcmp(o->u.send.data + 20, want, 36), 0);
	CU_ASSERT_EQUAL(o->u.send.data[8], 255);  /* TTL */
	CU_ASSERT_EQUAL(o->u.send.data[9], 240);  /* protocol */
	CU_ASSERT_EQUAL(o->u.send.data[1], 0x10); /* TOS lowdelay */
	CU_ASSERT_EQUAL(o->u.send.data[6], 0x40); /* DF */
	CU_ASSERT_EQUAL(memcmp(o->u.send.data + 16, fx_group, 4), 0);
	CU_ASSERT_EQUAL(cap_deadline(&f->c), f->now + 2000000); /* retry in 2 s */
	pfsync_engine_tx_done(f->e, PFSYNC_TX_SENT);
	{
		struct pfsync_status st;

		pfsync_engine_status(f->e, &st);
		CU_ASSERT_EQUAL(st.demotion, 32);
		CU_ASSERT_EQUAL(st.bulk_state, PFSYNC_BREQ_SENT);
		CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BULK_REQ_SENT], 1);
		CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_OPACKETS], 1);
	}
	/* down: -32, nothing else */
	cap_clear(&f->c);
	pfsync_engine_down(f->e, f->now, &f->c.l);
	CU_ASSERT_EQUAL(cap_demote(&f->c), -32);
	CU_ASSERT_EQUAL(cap_deadline(&f->c), PFSYNC_NEVER);
	fx_free(f);
}

/* A new state goes out within insert_delay_us (100 us), contents read at
 * write time. */
static void test_insert_latency(void)
{
	struct fx *f = fx_new(NULL);
	struct pfsync_event ev = fx_ev(7, ME, 6);
	struct pfsync_state_msg *st = mock_add(&f->t, 7, ME);
	uint64_t t = f->now;

	pfsync_engine_insert(f->e, t, &ev, &f->c.l);
	CU_ASSERT_EQUAL(cap_count(&f->c, PFSYNC_OUT_SEND), 0);
	CU_ASSERT_EQUAL(cap_deadline(&f->c), t + 100);
	st->src.seqlo = 4242; /* changes after the event are sent */
	CU_ASSERT_EQUAL(fx_run_until(f, t + 1000), 1);
	CU_ASSERT_EQUAL(f->now, t + 100);
	sent_decode(&f->c, 0, &s);
	CU_ASSERT_EQUAL(s.n, 1);
	CU_ASSERT_EQUAL(s.action[0], PFSYNC_ACT_INS);
	CU_ASSERT_EQUAL(s.msg[0].u.state.id, 7);
	CU_ASSERT_EQUAL(s.msg[0].u.state.src.seqlo, 4242);
	CU_ASSERT_EQUAL(s.hdr.version, 6);
	CU_ASSERT_EQUAL(cap_get(&f->c, PFSYNC_OUT_SEND, 0)->u.send.kind, PFSYNC_SEND_UPDATES);
	CU_ASSERT_EQUAL(cap_deadline(&f->c), PFSYNC_NEVER); /* nothing left */
	fx_free(f);
}

/* An update waits update_delay_us; TCP sends early at maxupd. */
static void maxupd3(struct pfsync_config *c)
{
	c->maxupd = 3;
}

static void test_update_maxupd(void)
{
	struct fx *f = fx_new(maxupd3);
	struct pfsync_event tcp = fx_ev(1, ME, 6), udp = fx_ev(2, ME, 17);
	unsigned i;

	mock_add(&f->t, 1, ME);
	mock_add(&f->t, 2, ME)->proto = 17;
	pfsync_engine_update(f->e, f->now, &tcp, &f->c.l);
	CU_ASSERT_EQUAL(cap_deadline(&f->c), f->now + 10000);
	/* UDP: any number of updates wait for the timer */
	for (i = 0; i < 10; i++) {
		cap_clear(&f->c);
		pfsync_engine_update(f->e, f->now, &udp, &f->c.l);
		CU_ASSERT_EQUAL(cap_count(&f->c, PFSYNC_OUT_SEND), 0);
	}
	/* TCP: the 1st queues, the 2nd..4th count 1..3; 3 = maxupd sends */
	for (i = 0; i < 2; i++) {
		cap_clear(&f->c);
		pfsync_engine_update(f->e, f->now, &tcp, &f->c.l);
		CU_ASSERT_EQUAL(cap_count(&f->c, PFSYNC_OUT_SEND), 0);
	}
	cap_clear(&f->c);
	pfsync_engine_update(f->e, f->now, &tcp, &f->c.l);
	CU_ASSERT_EQUAL_FATAL(cap_count(&f->c, PFSYNC_OUT_SEND), 1);
	sent_decode(&f->c, 0, &s);
	CU_ASSERT_EQUAL(s.per_action[PFSYNC_ACT_UPD_C], 2); /* the UDP one rides along */
	CU_ASSERT_EQUAL(s.msg[0].u.upd_c.id, 1);
	CU_ASSERT_EQUAL(s.msg[0].u.upd_c.expire, 0); /* as OpenBSD's sender */
	CU_ASSERT_EQUAL(s.msg[0].u.upd_c.state_flags, 0);
	fx_free(f);
}

static void test_update_peer_recent(void)
{
	struct fx *f = fx_new(NULL);
	struct pfsync_event ev = fx_ev(1, ME, 17);

	mock_add(&f->t, 1, ME);
	ev.flags = PFSYNC_EV_PEER_RECENT; /* the peer forwards it too: now */
	pfsync_engine_update(f->e, f->now, &ev, &f->c.l);
	CU_ASSERT_EQUAL(cap_count(&f->c, PFSYNC_OUT_SEND), 1);
	fx_free(f);
}

/* Deletes: a pending insert cancelled, updates replaced, repeats merged. */
static void test_delete_compression(void)
{
	struct fx *f = fx_new(NULL);
	struct pfsync_event a = fx_ev(1, ME, 6), b = fx_ev(2, ME, 6), c = fx_ev(3, ME, 6);

	mock_add(&f->t, 1, ME);
	mock_add(&f->t, 2, ME);
	pfsync_engine_insert(f->e, f->now, &a, &f->c.l);
	pfsync_engine_delete(f->e, f->now, &a, &f->c.l); /* never announced */
	pfsync_engine_update(f->e, f->now, &b, &f->c.l);
	pfsync_engine_delete(f->e, f->now, &b, &f->c.l); /* update -> DEL_C */
	pfsync_engine_delete(f->e, f->now, &b, &f->c.l); /* repeat: nothing */
	pfsync_engine_delete(f->e, f->now, &c, &f->c.l); /* unqueued -> DEL_C */
	pfsync_engine_flush(f->e, f->now, &f->c.l);
	CU_ASSERT_EQUAL_FATAL(cap_count(&f->c, PFSYNC_OUT_SEND), 1);
	sent_decode(&f->c, 0, &s);
	CU_ASSERT_EQUAL(s.n, 2);
	CU_ASSERT_EQUAL(s.per_action[PFSYNC_ACT_DEL_C], 2);
	CU_ASSERT_EQUAL(s.msg[0].u.ref.id, 2);
	CU_ASSERT_EQUAL(s.msg[1].u.ref.id, 3);
	fx_free(f);
}

/* 121 DEL_C fill a 1500-byte packet; the 122nd sends it at once. */
static void test_full_packet(void)
{
	struct fx *f = fx_new(NULL);
	struct pfsync_event ev;
	uint64_t i;

	for (i = 1; i <= 121; i++) {
		ev = fx_ev(i, ME, 6);
		cap_clear(&f->c);
		pfsync_engine_delete(f->e, f->now, &ev, &f->c.l);
		CU_ASSERT_EQUAL(cap_count(&f->c, PFSYNC_OUT_SEND), 0);
	}
	ev = fx_ev(122, ME, 6);
	cap_clear(&f->c);
	pfsync_engine_delete(f->e, f->now, &ev, &f->c.l);
	CU_ASSERT_EQUAL_FATAL(cap_count(&f->c, PFSYNC_OUT_SEND), 1);
	sent_decode(&f->c, 0, &s);
	CU_ASSERT_EQUAL(s.per_action[PFSYNC_ACT_DEL_C], 121);
	CU_ASSERT_EQUAL(s.len, 1496);
	CU_ASSERT_EQUAL(cap_deadline(&f->c), f->now + 10000); /* the 122nd waits */
	fx_free(f);
}

/* Everything pending goes in one packet, in OpenBSD's order. */
static void test_order(void)
{
	struct fx *f = fx_new(NULL);
	struct pfsync_event ins = fx_ev(1, ME, 6), upd = fx_ev(2, ME, 6), del = fx_ev(3, ME, 6);
	struct peer_pkt p;
	struct pfsync_state_msg peer_st;
	struct pfsync_upd_c_msg unknown;
	struct pfsync_ref_msg req = {4, ME};

	mock_add(&f->t, 1, ME);
	mock_add(&f->t, 2, ME);
	mock_add(&f->t, 4, ME);
	pfsync_engine_insert(f->e, f->now, &ins, &f->c.l);
	pfsync_engine_update(f->e, f->now, &upd, &f->c.l);
	pfsync_engine_delete(f->e, f->now, &del, &f->c.l);
	/* from the peer: an INS wanting an ack, an UPD_C we lack, an UPD_REQ */
	peer_begin(&p);
	t_state_expect(&peer_st);
	peer_st.id = 50;
	peer_st.creatorid = PEER;
	peer_st.state_flags = PFSTATE_ACK;
	pfsync_pkt_add_state(&p.b, PFSYNC_ACT_INS, &peer_st);
	pfsync_upd_c_from_state(&unknown, &peer_st);
	unknown.id = 60;
	pfsync_pkt_add_upd_c(&p.b, &unknown);
	pfsync_pkt_add_ref(&p.b, PFSYNC_ACT_UPD_REQ, &req);
	peer_send(f, &p);
	/* the IACK and the reply make it urgent: one packet with all */
	CU_ASSERT_EQUAL_FATAL(cap_count(&f->c, PFSYNC_OUT_SEND), 1);
	sent_decode(&f->c, 0, &s);
	CU_ASSERT_EQUAL(s.n, 6);
	CU_ASSERT_EQUAL(s.action[0], PFSYNC_ACT_INS_ACK);
	CU_ASSERT_EQUAL(s.action[1], PFSYNC_ACT_UPD_C);
	CU_ASSERT_EQUAL(s.action[2], PFSYNC_ACT_DEL_C);
	CU_ASSERT_EQUAL(s.action[3], PFSYNC_ACT_INS);
	CU_ASSERT_EQUAL(s.action[4], PFSYNC_ACT_UPD);
	CU_ASSERT_EQUAL(s.action[5], PFSYNC_ACT_UPD_REQ);
	CU_ASSERT_EQUAL(s.msg[0].u.ref.id, 50);
	CU_ASSERT_EQUAL(s.msg[0].u.ref.creatorid, PEER);
	CU_ASSERT_EQUAL(s.msg[4].u.state.id, 4);
	CU_ASSERT_EQUAL(s.msg[5].u.ref.id, 60);
	CU_ASSERT_EQUAL(s.msg[5].u.ref.creatorid, PEER);
	/* the imported state: ACK cleared, in the table */
	CU_ASSERT_PTR_NOT_NULL(mock_find(&f->t, 50, PEER));
	CU_ASSERT_EQUAL(mock_find(&f->t, 50, PEER)->state_flags & PFSTATE_ACK, 0);
	fx_free(f);
}

static void test_rx_updates(void)
{
	struct fx *f = fx_new(NULL);
	struct pfsync_state_msg *ours = mock_add(&f->t, 9, PEER);
	struct pfsync_upd_c_msg u;
	struct pfsync_state_msg full;
	struct peer_pkt p;
	struct pfsync_status st;

	/* fresher UPD_C: merged, nothing sent */
	pfsync_upd_c_from_state(&u, ours);
	u.src.seqlo += 10;
	u.dst.seqlo += 10;
	u.timeout = PFTM_TCP_CLOSING;
	peer_begin(&p);
	pfsync_pkt_add_upd_c(&p.b, &u);
	peer_send(f, &p);
	CU_ASSERT_EQUAL(f->t.merges, 1);
	CU_ASSERT_TRUE(f->t.last_merge.take_src && f->t.last_merge.take_dst);
	CU_ASSERT_EQUAL(mock_find(&f->t, 9, PEER)->timeout, PFTM_TCP_CLOSING);
	CU_ASSERT_EQUAL(cap_count(&f->c, PFSYNC_OUT_SEND), 0);
	/* stale UPD_C: counted, our newer copy sent back at once */
	u.src.seqlo -= 1000;
	peer_begin(&p);
	pfsync_pkt_add_upd_c(&p.b, &u);
	peer_send(f, &p);
	CU_ASSERT_EQUAL_FATAL(cap_count(&f->c, PFSYNC_OUT_SEND), 1);
	sent_decode(&f->c, 0, &s);
	CU_ASSERT_EQUAL(s.action[0], PFSYNC_ACT_UPD_C);
	CU_ASSERT_EQUAL(s.msg[0].u.upd_c.src.seqlo, ours->src.seqlo);
	pfsync_engine_status(f->e, &st);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_STALE], 1);
	/* full UPD of an unknown state: imported */
	full = *ours;
	full.id = 10;
	peer_begin(&p);
	pfsync_pkt_add_state(&p.b, PFSYNC_ACT_UPD, &full);
	peer_send(f, &p);
	CU_ASSERT_PTR_NOT_NULL(mock_find(&f->t, 10, PEER));
	/* ... and of a known one: merged */
	full.src.seqlo += 50;
	peer_begin(&p);
	pfsync_pkt_add_state(&p.b, PFSYNC_ACT_UPD, &full);
	peer_send(f, &p);
	CU_ASSERT_EQUAL(f->t.merges, 3);
	CU_ASSERT_EQUAL(mock_find(&f->t, 10, PEER)->src.seqlo, full.src.seqlo);
	/* UPD of an unknown state the table refuses: badstate */
	f->t.import_rc = -ENOSPC;
	full.id = 11;
	peer_begin(&p);
	pfsync_pkt_add_state(&p.b, PFSYNC_ACT_UPD, &full);
	peer_send(f, &p);
	pfsync_engine_status(f->e, &st);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BADSTATE], 1);
	fx_free(f);
}

static void test_rx_ins(void)
{
	struct fx *f = fx_new(NULL);
	struct pfsync_state_msg st;
	struct peer_pkt p;
	struct pfsync_status ss;

	t_state_expect(&st);
	st.creatorid = PEER;
	st.state_flags = PFSTATE_SLOPPY;
	st.id = 1;
	peer_begin(&p);
	pfsync_pkt_add_state(&p.b, PFSYNC_ACT_INS, &st);
	st.id = 2;
	st.timeout = PFTM_MAX; /* badval: skipped, the rest goes on */
	pfsync_pkt_add_state(&p.b, PFSYNC_ACT_INS, &st);
	st.id = 3;
	st.timeout = PFTM_TCP_ESTABLISHED;
	st.creatorid = 0; /* refused as pf_state_import does */
	pfsync_pkt_add_state(&p.b, PFSYNC_ACT_INS, &st);
	st.id = 1; /* a duplicate: ignored */
	st.creatorid = PEER;
	pfsync_pkt_add_state(&p.b, PFSYNC_ACT_INS, &st);
	peer_send(f, &p);
	CU_ASSERT_EQUAL(f->t.n, 1);
	CU_ASSERT_EQUAL(f->t.st[0].state_flags, PFSTATE_SLOPPY);
	CU_ASSERT_EQUAL(cap_count(&f->c, PFSYNC_OUT_SEND), 0); /* no ACK asked */
	pfsync_engine_status(f->e, &ss);
	CU_ASSERT_EQUAL(ss.stats.c[PFSYNC_STAT_BADVAL], 1);
	CU_ASSERT_EQUAL(ss.stats.c[PFSYNC_STAT_BADSTATE], 1);
	/* a full table ends the subheader, not the packet (OpenBSD) */
	f->t.import_rc = -ENOMEM;
	peer_begin(&p);
	st.id = 20;
	pfsync_pkt_add_state(&p.b, PFSYNC_ACT_INS, &st);
	st.id = 21;
	pfsync_pkt_add_state(&p.b, PFSYNC_ACT_INS, &st);
	{
		struct pfsync_ref_msg d = {1, PEER};

		pfsync_pkt_add_ref(&p.b, PFSYNC_ACT_DEL_C, &d);
	}
	f->t.imports = 0;
	peer_send(f, &p);
	CU_ASSERT_EQUAL(f->t.imports, 1);
	CU_ASSERT_EQUAL(f->t.n, 0); /* the DEL_C after it was processed */
	fx_free(f);
}

static void test_rx_del_clr_ureq(void)
{
	struct fx *f = fx_new(NULL);
	struct peer_pkt p;
	struct pfsync_ref_msg r;
	struct pfsync_clr_msg clr = {"em1", PEER};
	struct pfsync_state_msg st;
	struct pfsync_event ev = fx_ev(1, PEER, 6);
	struct pfsync_status ss;

	mock_add(&f->t, 1, PEER);
	mock_add(&f->t, 2, PEER);
	mock_add(&f->t, 3, PEER);
	strcpy(mock_add(&f->t, 4, PEER)->ifname, "em1");
	mock_add(&f->t, 5, ME);
	/* a local update of 1 is pending when the peer deletes it */
	pfsync_engine_update(f->e, f->now, &ev, &f->c.l);
	peer_begin(&p);
	r = (struct pfsync_ref_msg){1, PEER};
	pfsync_pkt_add_ref(&p.b, PFSYNC_ACT_DEL_C, &r);
	r = (struct pfsync_ref_msg){77, PEER}; /* unknown: badstate */
	pfsync_pkt_add_ref(&p.b, PFSYNC_ACT_DEL_C, &r);
	st = *mock_find(&f->t, 2, PEER); /* full DEL is accepted too */
	pfsync_pkt_add_state(&p.b, PFSYNC_ACT_DEL, &st);
	peer_send(f, &p);
	CU_ASSERT_PTR_NULL(mock_find(&f->t, 1, PEER));
	CU_ASSERT_PTR_NULL(mock_find(&f->t, 2, PEER));
	pfsync_engine_status(f->e, &ss);
	CU_ASSERT_EQUAL(ss.stats.c[PFSYNC_STAT_BADSTATE], 1);
	CU_ASSERT_EQUAL(ss.pending[PFSYNC_Q_UPD_C], 0); /* nothing about 1 goes out */
	/* CLR of the peer's states on em1 */
	peer_begin(&p);
	pfsync_pkt_add_clr(&p.b, &clr);
	peer_send(f, &p);
	CU_ASSERT_EQUAL(f->t.last_clear_creator, PEER);
	CU_ASSERT_STRING_EQUAL(f->t.last_clear_ifname, "em1");
	CU_ASSERT_PTR_NULL(mock_find(&f->t, 4, PEER));
	CU_ASSERT_PTR_NOT_NULL(mock_find(&f->t, 3, PEER));
	/* UPD_REQ: known -> full UPD now; unknown -> badstate; no-sync -> badstate */
	mock_find(&f->t, 5, ME)->state_flags = PFSTATE_NOSYNC;
	peer_begin(&p);
	r = (struct pfsync_ref_msg){3, PEER};
	pfsync_pkt_add_ref(&p.b, PFSYNC_ACT_UPD_REQ, &r);
	r = (struct pfsync_ref_msg){99, PEER};
	pfsync_pkt_add_ref(&p.b, PFSYNC_ACT_UPD_REQ, &r);
	r = (struct pfsync_ref_msg){5, ME};
	pfsync_pkt_add_ref(&p.b, PFSYNC_ACT_UPD_REQ, &r);
	peer_send(f, &p);
	CU_ASSERT_EQUAL_FATAL(cap_count(&f->c, PFSYNC_OUT_SEND), 1);
	sent_decode(&f->c, 0, &s);
	CU_ASSERT_EQUAL(s.n, 1);
	CU_ASSERT_EQUAL(s.action[0], PFSYNC_ACT_UPD);
	CU_ASSERT_EQUAL(s.msg[0].u.state.id, 3);
	pfsync_engine_status(f->e, &ss);
	CU_ASSERT_EQUAL(ss.stats.c[PFSYNC_STAT_BADSTATE], 3);
	/* clear sent by us */
	cap_clear(&f->c);
	pfsync_engine_clear(f->e, f->now, ME, "", &f->c.l);
	CU_ASSERT_EQUAL_FATAL(cap_count(&f->c, PFSYNC_OUT_SEND), 1);
	sent_decode(&f->c, 0, &s);
	CU_ASSERT_EQUAL(s.action[0], PFSYNC_ACT_CLR);
	CU_ASSERT_EQUAL(s.msg[0].u.clr.creatorid, ME);
	CU_ASSERT_EQUAL(cap_get(&f->c, PFSYNC_OUT_SEND, 0)->u.send.kind, PFSYNC_SEND_CLR);
	fx_free(f);
}

/* Receive checks in OpenBSD's order, each moving its counter. */
static void test_rx_checks(void)
{
	struct fx *f = fx_new(NULL);
	struct peer_pkt p;
	struct pfsync_ref_msg r = {1, PEER};
	struct pfsync_status st;
	uint8_t pkt[200];
	size_t len;

	peer_begin(&p);
	pfsync_pkt_add_ref(&p.b, PFSYNC_ACT_DEL_C, &r);
	len = pfsync_pkt_finish(&p.b, fx_peer_ip, fx_group, 1);
	memcpy(pkt, p.buf, len);
	fx_input(f, pkt, len, false); /* another port */
	pkt[8] = 64;                  /* TTL */
	pkt[10] = pkt[11] = 0;
	t_be16(pkt + 10, pfsync_ip_cksum(pkt, 20));
	fx_input(f, pkt, len, true);
	fx_input(f, pkt, 10, true); /* short */
	memcpy(pkt, p.buf, len);
	pkt[20] = 5; /* version */
	fx_input(f, pkt, len, true);
	pkt[20] = 6;
	t_be16(pkt + 22, (uint16_t)(len - 20 + 1)); /* header len beyond */
	fx_input(f, pkt, len, true);
	t_be16(pkt + 22, (uint16_t)(len - 20));
	pkt[40] = 0x30; /* unknown action, count 1 ok... */
	pkt[41] = 0;    /* ... but len 0: badact */
	fx_input(f, pkt, len, true);
	pfsync_engine_status(f->e, &st);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BADIF], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BADTTL], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_HDROPS], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BADVER], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BADLEN], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BADACT], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_IPACKETS], 1 + 6); /* + the bulk answer */
	CU_ASSERT_EQUAL(f->t.removes, 0);
	/* pfsync down: counted in ipackets, nothing else */
	cap_clear(&f->c);
	pfsync_engine_down(f->e, f->now, &f->c.l);
	fx_input(f, p.buf, len, true);
	pfsync_engine_status(f->e, &st);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_IPACKETS], 8);
	CU_ASSERT_EQUAL(f->t.removes, 0);
	fx_free(f);
}

/* ---- authentication ----------------------------------------------------- */

static const uint8_t key[32] = "0123456789abcdef0123456789abcdef";
static const uint8_t other[32] = "ffffffffffffffffffffffffffffffff";

static void auth_required(struct pfsync_config *c)
{
	c->auth = PFSYNC_AUTH_REQUIRED;
}

static void auth_send_only(struct pfsync_config *c)
{
	c->auth = PFSYNC_AUTH_SEND_ONLY;
}

/* A signed DEL_C for state (id, PEER) from the peer, signed with `k`. */
static size_t signed_del(struct pfsync_auth *a, uint64_t id, uint8_t *out)
{
	struct peer_pkt p;
	struct pfsync_ref_msg r = {id, PEER};
	size_t len;

	peer_begin(&p);
	pfsync_pkt_add_ref(&p.b, PFSYNC_ACT_DEL_C, &r);
	len = pfsync_pkt_finish(&p.b, fx_peer_ip, fx_group, 1);
	if (a != NULL)
		CU_ASSERT_EQUAL(pfsync_auth_sign(a, WALL, p.buf, len), 0);
	memcpy(out, p.buf, len);
	return len;
}

static void test_auth_required(void)
{
	struct fx *f = fx_new(auth_required);
	struct pfsync_auth peer, wrong;
	struct pfsync_status st;
	struct pfsync_ip4 ip;
	enum pfsync_auth_verdict v;
	const struct pfsync_out *o;
	uint8_t pkt[200];
	size_t len;

	/* no key: refuses to start */
	CU_ASSERT_EQUAL(pfsync_engine_up(f->e, f->now, WALL, true, &f->c.l), -EINVAL);
	CU_ASSERT_EQUAL(pfsync_engine_set_key(f->e, 0, key, 32), 0);
	cap_clear(&f->c);
	CU_ASSERT_EQUAL(pfsync_engine_up(f->e, f->now, WALL, true, &f->c.l), 0);
	/* our bulk request is signed and verifies with the peer's copy of the key */
	o = cap_get(&f->c, PFSYNC_OUT_SEND, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	pfsync_auth_init(&peer);
	pfsync_auth_set_key(&peer, 0, key, 32);
	pfsync_auth_start(&peer, WALL);
	CU_ASSERT_EQUAL_FATAL(pfsync_ip4_parse(o->u.send.data, o->u.send.len, &ip), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_auth_verify(&peer, &ip, ip.payload, ip.payload_len, &v), 0);
	CU_ASSERT_EQUAL(v, PFSYNC_AUTH_V_OK);
	pfsync_auth_init(&wrong);
	pfsync_auth_set_key(&wrong, 0, other, 32);
	pfsync_auth_start(&wrong, WALL);
	mock_add(&f->t, 1, PEER);
	mock_add(&f->t, 2, PEER);
	/* unsigned (an OpenBSD peer): noauth, dropped */
	len = signed_del(NULL, 1, pkt);
	fx_input(f, pkt, len, true);
	/* wrong key: badauth */
	len = signed_del(&wrong, 1, pkt);
	fx_input(f, pkt, len, true);
	CU_ASSERT_PTR_NOT_NULL(mock_find(&f->t, 1, PEER));
	/* right key: processed */
	len = signed_del(&peer, 1, pkt);
	fx_input(f, pkt, len, true);
	CU_ASSERT_PTR_NULL(mock_find(&f->t, 1, PEER));
	/* the same frame again: replay, dropped */
	mock_add(&f->t, 1, PEER);
	fx_input(f, pkt, len, true);
	CU_ASSERT_PTR_NOT_NULL(mock_find(&f->t, 1, PEER));
	pfsync_engine_status(f->e, &st);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_NOAUTH], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BADAUTH], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_REPLAY], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_AUTHOK], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_AUTHSKIP], 0);
	CU_ASSERT(st.auth_counter > (WALL << 22));
	pfsync_auth_fini(&peer);
	pfsync_auth_fini(&wrong);
	fx_free(f);
}

static void test_auth_send_only(void)
{
	struct fx *f = fx_new(auth_send_only);
	struct pfsync_auth wrong;
	struct pfsync_status st;
	uint8_t pkt[200];
	size_t len;

	CU_ASSERT_EQUAL(pfsync_engine_set_key(f->e, 0, key, 32), 0);
	CU_ASSERT_EQUAL(pfsync_engine_up(f->e, f->now, WALL, true, &f->c.l), 0);
	/* what we send carries a counter and tag: pfcksum not zero */
	CU_ASSERT_NOT_EQUAL(cap_get(&f->c, PFSYNC_OUT_SEND, 0)->u.send.data[24 + 7], 0);
	pfsync_auth_init(&wrong);
	pfsync_auth_set_key(&wrong, 0, other, 32);
	pfsync_auth_start(&wrong, WALL);
	mock_add(&f->t, 1, PEER);
	mock_add(&f->t, 2, PEER);
	/* an OpenBSD peer's unsigned frames and a badly signed one are accepted */
	len = signed_del(NULL, 1, pkt);
	fx_input(f, pkt, len, true);
	len = signed_del(&wrong, 2, pkt);
	fx_input(f, pkt, len, true);
	CU_ASSERT_EQUAL(f->t.n, 0);
	pfsync_engine_status(f->e, &st);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_AUTHSKIP], 2); /* would fail under required */
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_NOAUTH] + st.stats.c[PFSYNC_STAT_BADAUTH], 0);
	pfsync_auth_fini(&wrong);
	fx_free(f);
}

static void test_auth_off_zero(void)
{
	struct fx *f = fx_new_down(NULL);
	static const uint8_t zero[16];

	CU_ASSERT_EQUAL(pfsync_engine_up(f->e, f->now, WALL, true, &f->c.l), 0);
	/* off: pfcksum zero, byte for byte what OpenBSD sends */
	CU_ASSERT_EQUAL(memcmp(cap_get(&f->c, PFSYNC_OUT_SEND, 0)->u.send.data + 24, zero, 16), 0);
	fx_free(f);
}

/* ---- link and demotion through the engine ------------------------------ */

static void test_link_demotion(void)
{
	struct fx *f = fx_new(NULL);
	struct pfsync_status st;

	pfsync_engine_link(f->e, f->now, false, &f->c.l);
	CU_ASSERT_EQUAL(cap_demote(&f->c), 1);
	cap_clear(&f->c);
	pfsync_engine_link(f->e, f->now, true, &f->c.l);
	CU_ASSERT_EQUAL(cap_demote(&f->c), 31); /* -1, +32: new bulk request */
	CU_ASSERT_EQUAL(cap_count(&f->c, PFSYNC_OUT_SEND), 1);
	pfsync_engine_status(f->e, &st);
	CU_ASSERT_EQUAL(st.demotion, 32);
	CU_ASSERT_EQUAL(st.bulk_state, PFSYNC_BREQ_SENT);
	/* nobody answers: 12 requests 2 s apart, then -32 */
	while (fx_run_until(f, f->now + 60000000)) {
		if (cap_demote(&f->c) != 0)
			break;
	}
	CU_ASSERT_EQUAL(cap_demote(&f->c), -32);
	pfsync_engine_status(f->e, &st);
	CU_ASSERT_EQUAL(st.demotion, 0);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BULK_FAIL], 1);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_BULK_REQ_SENT], 1 + 12);
	fx_free(f);
}

/* ---- resource limits ------------------------------------------------------ */

static void small(struct pfsync_config *c)
{
	c->queue_max = 4;
	c->tx_slots = 2;
}

static void test_limits(void)
{
	struct fx *f = fx_new(small);
	struct pfsync_event ev;
	struct pfsync_status st;
	uint64_t i;

	for (i = 1; i <= 4; i++) {
		ev = fx_ev(i, ME, 6);
		pfsync_engine_delete(f->e, f->now, &ev, &f->c.l);
	}
	cap_clear(&f->c);
	ev = fx_ev(5, ME, 6); /* queue full: the four go out first */
	pfsync_engine_delete(f->e, f->now, &ev, &f->c.l);
	CU_ASSERT_EQUAL(cap_count(&f->c, PFSYNC_OUT_SEND), 1);
	pfsync_engine_status(f->e, &st);
	CU_ASSERT_EQUAL(st.stats.c[PFSYNC_STAT_QFULL], 1);
	CU_ASSERT_EQUAL(st.pending[PFSYNC_Q_DEL_C], 1);
	fx_free(f);
}

static void slots2_mtu(struct pfsync_config *c)
{
	c->tx_slots = 2;
	c->mtu = 40 + 4 + 264 + 4; /* one full state per packet */
}

static void test_slots(void)
{
	struct fx *f = fx_new(slots2_mtu);
	struct peer_pkt p;
	struct pfsync_ref_msg r;
	uint64_t i;

	/* the peer asks for five states: five one-state packets are due */
	peer_begin(&p);
	for (i = 1; i <= 5; i++) {
		mock_add(&f->t, i, ME);
		r = (struct pfsync_ref_msg){i, ME};
		pfsync_pkt_add_ref(&p.b, PFSYNC_ACT_UPD_REQ, &r);
	}
	peer_send(f, &p);
	/* two slots per call: two packets, then "call again now" */
	CU_ASSERT_EQUAL(cap_count(&f->c, PFSYNC_OUT_SEND), 2);
	CU_ASSERT_EQUAL(cap_deadline(&f->c), f->now);
	CU_ASSERT_EQUAL(fx_run_until(f, f->now), 2);
	CU_ASSERT_EQUAL(fx_run_until(f, f->now), 1);
	CU_ASSERT_EQUAL(cap_deadline(&f->c), PFSYNC_NEVER);
	fx_free(f);
}

int pfsync_test_register_engine(void)
{
	static const struct t_case cases[] = {
	    {"config defaults and errors", test_config},
	    {"up: +32 and the bulk request", test_up_request},
	    {"insert on the wire within 100 us", test_insert_latency},
	    {"update waits; maxupd for TCP", test_update_maxupd},
	    {"update of a state the peer forwards: now", test_update_peer_recent},
	    {"delete compression", test_delete_compression},
	    {"full packet goes at once", test_full_packet},
	    {"one packet in OpenBSD's order", test_order},
	    {"rx UPD/UPD_C: merge, stale, import", test_rx_updates},
	    {"rx INS: import, badval, duplicates, ENOMEM", test_rx_ins},
	    {"rx DEL, CLR, UPD_REQ", test_rx_del_clr_ureq},
	    {"rx checks and counters", test_rx_checks},
	    {"auth required: noauth, badauth, replay", test_auth_required},
	    {"auth send-only: OpenBSD peers accepted", test_auth_send_only},
	    {"auth off: pfcksum zero", test_auth_off_zero},
	    {"sync link down/up and demotion", test_link_demotion},
	    {"queue full", test_limits},
	    {"transmit slots per call", test_slots},
	    {NULL, NULL},
	};

	return t_suite("engine", cases);
}
