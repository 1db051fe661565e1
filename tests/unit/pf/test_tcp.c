/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The TCP tracker on crafted sequences: handshake, window growth with
 * scaling, retransmits, out-of-window data and acks, blind and exact RSTs,
 * FIN/close states and their timeouts, SYN on old and live states, the
 * handshake mismatch, mid-stream pickup with sloppy, imported states.
 * The client C opens (state direction PF_OUT), the server S answers (PF_IN).
 */
#include <string.h>

#include "pf_pseudo.h"
#include "pf_tcp.h"
#include "pf_test.h"

#define C PF_OUT
#define S PF_IN

static uint32_t tmo[PFTM_MAX];

static struct pf_tcp_seg mk(uint8_t flags, uint32_t seq, uint32_t ack, uint16_t win, uint32_t len)
{
	struct pf_tcp_seg s = {.flags = flags, .seq = seq, .ack = ack, .win = win, .len = len};

	return s;
}

static void create(struct pf_state *st, const struct pf_tcp_seg *first, uint16_t flags)
{
	struct pf_rule r;
	struct pf_state_key k;
	struct pf_state_new n = {.rule = &r,
	                         .nat_rule = -1,
	                         .dir = C,
	                         .tcp = first,
	                         .now = 10,
	                         .id = 1,
	                         .creatorid = 0x1234};

	memset(&r, 0, sizeof(r));
	r.state_flags = flags;
	memset(&k, 0, sizeof(k));
	k.proto = PF_PROTO_TCP;
	k.af = PF_AF_INET;
	pf_state_create(st, &k, &k, &n);
	pf_timeouts_init(tmo);
}

static struct pf_tcp_out feed(struct pf_state *st, uint8_t dir, struct pf_tcp_seg s, uint32_t now)
{
	struct pf_tcp_out out;

	pf_tcp_test(st, &s, dir, now, &out);
	return out;
}

static uint64_t expires(const struct pf_state *st)
{
	struct pf_expire_ctx c = {.timeout = tmo, .states = 1};

	return pf_state_expires(st, &c);
}

/* SYN (wscale 7), SYN|ACK (wscale 7), ACK: both established. */
static void handshake(struct pf_state *st)
{
	struct pf_tcp_seg s = mk(PF_TH_SYN, 1000, 0, 64240, 0);
	struct pf_tcp_out o;

	s.wscale = PF_WSCALE_FLAG | 7;
	create(st, &s, 0);
	s = mk(PF_TH_SYN | PF_TH_ACK, 5000, 1001, 65160, 0);
	s.wscale = PF_WSCALE_FLAG | 7;
	o = feed(st, S, s, 11);
	CU_ASSERT_TRUE(o.pass);
	o = feed(st, C, mk(PF_TH_ACK, 1001, 5001, 502, 0), 12);
	CU_ASSERT_TRUE(o.pass);
}

static void test_handshake(void)
{
	struct pf_state st;
	struct pf_tcp_seg s = mk(PF_TH_SYN, 1000, 0, 64240, 0);
	struct pf_tcp_out o;

	s.wscale = PF_WSCALE_FLAG | 7;
	create(&st, &s, 0);
	CU_ASSERT_EQUAL(st.src.state, PF_TCPS_SYN_SENT);
	CU_ASSERT_EQUAL(st.dst.state, PF_TCPS_CLOSED);
	CU_ASSERT_EQUAL(st.src.seqlo, 1000);
	CU_ASSERT_EQUAL(st.src.seqhi, 1002);
	CU_ASSERT_EQUAL(st.src.max_win, (64240 + 127) / 128); /* unscaled by the SYN's wscale */
	CU_ASSERT_EQUAL(st.timeout, PFTM_TCP_FIRST_PACKET);
	CU_ASSERT_EQUAL(expires(&st), 10 + 120);

	s = mk(PF_TH_SYN | PF_TH_ACK, 5000, 1001, 65160, 0);
	s.wscale = PF_WSCALE_FLAG | 7;
	o = feed(&st, S, s, 11);
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(o.reason, PF_TCP_OK);
	CU_ASSERT_EQUAL(st.src.state, PF_TCPS_ESTABLISHED); /* C's SYN is acked */
	CU_ASSERT_EQUAL(st.dst.state, PF_TCPS_SYN_SENT);
	CU_ASSERT_EQUAL(st.dst.seqlo, 5001);
	CU_ASSERT_EQUAL(st.dst.max_win, (65160 + 127) / 128);
	/* ack + win: the SYN|ACK's window rounded up to its scale, 65160 -> 510 << 7 */
	CU_ASSERT_EQUAL(st.src.seqhi, 1001 + 510 * 128);
	CU_ASSERT_EQUAL(st.src.seqlo, 1000); /* a SYN's own sequence number */
	CU_ASSERT_EQUAL(st.timeout, PFTM_TCP_OPENING);
	CU_ASSERT_EQUAL(expires(&st), 11 + 30);

	o = feed(&st, C, mk(PF_TH_ACK, 1001, 5001, 502, 0), 12);
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(st.dst.state, PF_TCPS_ESTABLISHED);
	CU_ASSERT_EQUAL(st.dst.seqhi, 5001 + (502 << 7)); /* scaled from now on */
	CU_ASSERT_EQUAL(st.timeout, PFTM_TCP_ESTABLISHED);
	CU_ASSERT_EQUAL(expires(&st), 12 + 86400);
}

static void test_window_growth(void)
{
	struct pf_state st;
	struct pf_tcp_out o;
	uint32_t seq = 1001, i;

	handshake(&st);
	/* S opens its window to 2000 << 7 = 256000 bytes: C may send that much */
	o = feed(&st, S, mk(PF_TH_ACK, 5001, 1001, 2000, 0), 13);
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(st.src.seqhi, 1001 + 2000 * 128);
	for (i = 0; i < 150; i++, seq += 1448) {
		o = feed(&st, C, mk(PF_TH_ACK | PF_TH_PSH, seq, 5001, 502, 1448), 14);
		CU_ASSERT_TRUE(o.pass);
	}
	CU_ASSERT_EQUAL(st.src.seqlo, 1001 + 150 * 1448);
	/* the next segment would end past seqhi: dropped, state untouched */
	{
		struct pf_state before = st;

		o = feed(&st, C, mk(PF_TH_ACK, seq + 40000, 5001, 502, 1448), 15);
		CU_ASSERT_FALSE(o.pass);
		CU_ASSERT_EQUAL(o.reason, PF_TCP_SEQ_AHEAD);
		CU_ASSERT_EQUAL(memcmp(&before, &st, sizeof(st)), 0);
	}
	/* S acks it all and keeps the window open: seqhi slides */
	o = feed(&st, S, mk(PF_TH_ACK, 5001, seq, 2000, 0), 16);
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(st.src.seqhi, seq + 2000 * 128);
	o = feed(&st, C, mk(PF_TH_ACK, seq + 40000, 5001, 502, 1448), 17);
	CU_ASSERT_TRUE(o.pass);
}

static void test_retransmit(void)
{
	struct pf_state st;
	struct pf_tcp_out o;

	handshake(&st);
	o = feed(&st, C, mk(PF_TH_ACK, 1001, 5001, 502, 1000), 13);
	CU_ASSERT_TRUE(o.pass);
	o = feed(&st, C, mk(PF_TH_ACK, 1001, 5001, 502, 1000), 14); /* retransmit */
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(o.reason, PF_TCP_OK);
	CU_ASSERT_EQUAL(st.src.seqlo, 2001);
	/* more than one of S's windows (max_win << dws) back: dropped */
	o = feed(&st, C, mk(PF_TH_ACK, 2001 - (st.dst.max_win << 7) - 10, 5001, 502, 5), 15);
	CU_ASSERT_FALSE(o.pass);
	CU_ASSERT_EQUAL(o.reason, PF_TCP_SEQ_BEHIND);
}

static void test_ack_skew(void)
{
	struct pf_state st, before;
	struct pf_tcp_out o;

	handshake(&st);
	/* C's seqlo is 1000: an ack of S more than 67035 << 7 below it is bogus */
	before = st;
	CU_ASSERT_EQUAL_FATAL(st.src.seqlo, 1000);
	o = feed(&st, S, mk(PF_TH_ACK, 5001, 1000 - (PF_MAXACKWINDOW << 7) - 1, 502, 0), 13);
	CU_ASSERT_FALSE(o.pass);
	CU_ASSERT_EQUAL(o.reason, PF_TCP_ACK_AHEAD);
	CU_ASSERT_EQUAL(memcmp(&before, &st, sizeof(st)), 0);
	/* acking data C never sent (beyond seqlo by more than MAXACKWINDOW, unscaled) */
	o = feed(&st, S, mk(PF_TH_ACK, 5001, 1000 + PF_MAXACKWINDOW + 1, 502, 0), 14);
	CU_ASSERT_FALSE(o.pass);
	CU_ASSERT_EQUAL(o.reason, PF_TCP_ACK_BEHIND);
	o = feed(&st, S, mk(PF_TH_ACK, 5001, 1000 - (PF_MAXACKWINDOW << 7), 502, 0), 15);
	CU_ASSERT_TRUE(o.pass); /* the bounds themselves pass */
	o = feed(&st, S, mk(PF_TH_ACK, 5001, 1000 + PF_MAXACKWINDOW, 502, 0), 15);
	CU_ASSERT_TRUE(o.pass);
}

static void test_rst(void)
{
	struct pf_state st, before;
	struct pf_tcp_out o;

	handshake(&st);
	o = feed(&st, S, mk(PF_TH_ACK, 5001, 1001, 502, 3000), 13);
	CU_ASSERT_TRUE(o.pass);
	before = st;
	/* blind RST inside the window, not at seqlo: dropped */
	o = feed(&st, S, mk(PF_TH_RST, 5001 + 3000 + 100, 0, 0, 0), 14);
	CU_ASSERT_FALSE(o.pass);
	CU_ASSERT_EQUAL(o.reason, PF_TCP_BAD_RST);
	CU_ASSERT_EQUAL(memcmp(&before, &st, sizeof(st)), 0);
	/* blind RST outside the window (a RST carries no data: only the exact test can fail) */
	o = feed(&st, S, mk(PF_TH_RST, 5001 + 3000 + 10000000, 0, 0, 0), 14);
	CU_ASSERT_FALSE(o.pass);
	CU_ASSERT_EQUAL(o.reason, PF_TCP_BAD_RST);
	CU_ASSERT_EQUAL(memcmp(&before, &st, sizeof(st)), 0);
	/* the exact sequence (S's seqlo) */
	o = feed(&st, S, mk(PF_TH_RST, 5001 + 3000, 0, 0, 0), 20);
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(st.src.state, PF_TCPS_TIME_WAIT);
	CU_ASSERT_EQUAL(st.dst.state, PF_TCPS_TIME_WAIT);
	CU_ASSERT_EQUAL(st.timeout, PFTM_TCP_CLOSED);
	CU_ASSERT_EQUAL(expires(&st), 20 + 90);

	/* pf also takes seqlo + 1 and seqlo - 1 (C's seqlo is 1000), nothing further */
	handshake(&st);
	o = feed(&st, C, mk(PF_TH_RST | PF_TH_ACK, 1001, 5001, 0, 0), 13);
	CU_ASSERT_TRUE(o.pass);
	handshake(&st);
	o = feed(&st, C, mk(PF_TH_RST, 999, 0, 0, 0), 13);
	CU_ASSERT_TRUE(o.pass);
	handshake(&st);
	o = feed(&st, C, mk(PF_TH_RST, 1002, 0, 0, 0), 13);
	CU_ASSERT_FALSE(o.pass);
	CU_ASSERT_EQUAL(o.reason, PF_TCP_BAD_RST);
}

static void test_close(void)
{
	struct pf_state st;
	struct pf_tcp_out o;

	handshake(&st);
	o = feed(&st, C, mk(PF_TH_FIN | PF_TH_ACK, 1001, 5001, 502, 0), 20);
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(st.src.state, PF_TCPS_CLOSING);
	CU_ASSERT_EQUAL(st.timeout, PFTM_TCP_CLOSING);
	CU_ASSERT_EQUAL(expires(&st), 20 + 900);
	o = feed(&st, S, mk(PF_TH_ACK, 5001, 1002, 502, 0), 21);
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(st.src.state, PF_TCPS_FIN_WAIT_2);
	CU_ASSERT_EQUAL(st.timeout, PFTM_TCP_CLOSING);
	o = feed(&st, S, mk(PF_TH_FIN | PF_TH_ACK, 5001, 1002, 502, 0), 22);
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(st.dst.state, PF_TCPS_CLOSING);
	CU_ASSERT_EQUAL(st.timeout, PFTM_TCP_FIN_WAIT);
	CU_ASSERT_EQUAL(expires(&st), 22 + 45);
	o = feed(&st, C, mk(PF_TH_ACK, 1002, 5002, 502, 0), 23);
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(st.dst.state, PF_TCPS_FIN_WAIT_2);
	CU_ASSERT_EQUAL(st.timeout, PFTM_TCP_CLOSED);
	CU_ASSERT_EQUAL(expires(&st), 23 + 90);
	/* a retransmitted FIN after the close still passes (loose branch) */
	o = feed(&st, S, mk(PF_TH_FIN | PF_TH_ACK, 5001, 1002, 502, 0), 24);
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(expires(&st), 24 + 90);
	/* a new SYN on the closed 4-tuple: the old state goes, rules decide again */
	o = feed(&st, C, mk(PF_TH_SYN, 777, 0, 64240, 0), 25);
	CU_ASSERT_FALSE(o.pass);
	CU_ASSERT_EQUAL(o.reason, PF_TCP_SYN_REUSE);
	CU_ASSERT_EQUAL(st.timeout, PFTM_PURGE);
	CU_ASSERT_EQUAL(expires(&st), 0);
}

static void test_syn_on_established(void)
{
	struct pf_state st;
	struct pf_tcp_out o;

	handshake(&st);
	o = feed(&st, C, mk(PF_TH_SYN, 9999, 0, 64240, 0), 13);
	CU_ASSERT_FALSE(o.pass);
	CU_ASSERT_EQUAL(o.reason, PF_TCP_SYN_ESTABLISHED);
	CU_ASSERT_TRUE(o.challenge_ack);
	CU_ASSERT_EQUAL(st.timeout, PFTM_TCP_ESTABLISHED); /* state kept */
}

/* Simultaneous open, then a bad segment: pf forgets the sender's side. */
static void test_handshake_mismatch(void)
{
	struct pf_state st;
	struct pf_tcp_out o;

	create(&st, &(struct pf_tcp_seg){.flags = PF_TH_SYN, .seq = 1000, .win = 1000}, 0);
	o = feed(&st, S, mk(PF_TH_SYN, 5000, 0, 1000, 0), 11);
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(st.dst.state, PF_TCPS_SYN_SENT);
	o = feed(&st, S, mk(PF_TH_ACK, 5000 + 9000000, 1001, 1000, 10), 12);
	CU_ASSERT_FALSE(o.pass);
	CU_ASSERT_EQUAL(o.reason, PF_TCP_HANDSHAKE);
	CU_ASSERT_TRUE(o.send_rst);
	CU_ASSERT_EQUAL(st.dst.seqlo, 0);
	CU_ASSERT_EQUAL(st.dst.seqhi, 1);
}

/* sloppy: a connection picked up mid-stream, sequence numbers unchecked. */
static void test_sloppy_pickup(void)
{
	struct pf_state st;
	struct pf_tcp_out o;

	create(&st,
	       &(struct pf_tcp_seg){
	           .flags = PF_TH_ACK, .seq = 123456, .ack = 99, .win = 500, .len = 100},
	       PFSTATE_SLOPPY);
	CU_ASSERT_EQUAL(st.state_flags, PFSTATE_SLOPPY);
	o = feed(&st, C, mk(PF_TH_ACK, 3000000000u, 12, 500, 1448), 11); /* anywhere */
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(st.src.state, PF_TCPS_ESTABLISHED); /* ACK after our "SYN" */
	CU_ASSERT_EQUAL(st.dst.state, PF_TCPS_ESTABLISHED);
	CU_ASSERT_EQUAL(st.timeout, PFTM_TCP_ESTABLISHED);
	o = feed(&st, S, mk(PF_TH_ACK, 42, 7, 500, 10), 12);
	CU_ASSERT_TRUE(o.pass);
	/* the same jump without sloppy is dropped */
	handshake(&st);
	o = feed(&st, C, mk(PF_TH_ACK, 3000000000u, 5001, 502, 1448), 13);
	CU_ASSERT_FALSE(o.pass);
}

/* An imported (pfsync) state with stale windows: each side's first segment passes once. */
static void test_imported_loose(void)
{
	struct pf_state st, copy;
	struct pf_tcp_out o;
	uint32_t ahead;

	handshake(&st);
	o = feed(&st, S, mk(PF_TH_ACK, 5001, 1001, 1000, 0), 13); /* window 128000 */
	CU_ASSERT_TRUE(o.pass);
	/* the sender progressed 150000 bytes since the peer synced us */
	ahead = 1001 + 150000;
	copy = st;
	o = feed(&copy, C, mk(PF_TH_ACK, ahead, 5001, 502, 1448), 14);
	CU_ASSERT_FALSE(o.pass); /* strict pf drops it */
	CU_ASSERT_EQUAL(o.reason, PF_TCP_SEQ_AHEAD);
	pf_state_mark_imported(&st);
	o = feed(&st, C, mk(PF_TH_ACK, ahead, 5001, 502, 1448), 14);
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_EQUAL(st.src.seqlo, ahead + 1448);
	CU_ASSERT_TRUE(st.local_flags & PF_SL_SEEN_SRC);
	/* S's ack of the new data is far ahead of the stale view: first S segment, passes */
	o = feed(&st, S, mk(PF_TH_ACK, 5001, ahead + 1448, 1000, 0), 15);
	CU_ASSERT_TRUE(o.pass);
	CU_ASSERT_TRUE(st.local_flags & PF_SL_SEEN_DST);
	/* both seen: strict again */
	o = feed(&st, C, mk(PF_TH_ACK, ahead + 1448 + 10000000, 5001, 502, 1448), 16);
	CU_ASSERT_FALSE(o.pass);
	CU_ASSERT_EQUAL(o.reason, PF_TCP_SEQ_AHEAD);
	/* and a blind RST still needs the exact sequence */
	pf_state_mark_imported(&st);
	o = feed(&st, C, mk(PF_TH_RST, ahead + 5000, 0, 0, 0), 17);
	CU_ASSERT_FALSE(o.pass);
	CU_ASSERT_EQUAL(o.reason, PF_TCP_BAD_RST);
}

static void test_options(void)
{
	static const uint8_t syn_opts[] = {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0,
	                                   0, 0, 0,    0,    0, 0, 1, 3,  3, 7};
	static const uint8_t big_ws[] = {3, 3, 20};
	static const uint8_t truncated[] = {2, 4, 0x05};
	uint8_t ws;
	uint16_t mss;

	pf_tcp_options(syn_opts, sizeof(syn_opts), &ws, &mss);
	CU_ASSERT_EQUAL(mss, 1460);
	CU_ASSERT_EQUAL(ws, PF_WSCALE_FLAG | 7);
	pf_tcp_options(big_ws, sizeof(big_ws), &ws, &mss);
	CU_ASSERT_EQUAL(ws, PF_WSCALE_FLAG | 14); /* TCP_MAX_WINSHIFT */
	pf_tcp_options(truncated, sizeof(truncated), &ws, &mss);
	CU_ASSERT_EQUAL(mss, 0);
	CU_ASSERT_EQUAL(ws, 0);
}

/* UDP SINGLE -> MULTIPLE; ICMP icmp.first then icmp.error. */
static void test_pseudo(void)
{
	struct pf_state st;
	struct pf_state_key k = {.af = PF_AF_INET, .proto = PF_PROTO_UDP};
	struct pf_state_new n = {.nat_rule = -1, .dir = PF_OUT, .now = 100};

	pf_timeouts_init(tmo);
	pf_state_create(&st, &k, &k, &n);
	CU_ASSERT_EQUAL(st.timeout, PFTM_UDP_FIRST_PACKET);
	CU_ASSERT_EQUAL(st.rule, -1);
	pf_udp_update(&st, PF_OUT, 101);
	CU_ASSERT_EQUAL(st.timeout, PFTM_UDP_SINGLE);
	CU_ASSERT_EQUAL(expires(&st), 101 + 30);
	pf_udp_update(&st, PF_IN, 102);
	CU_ASSERT_EQUAL(st.src.state, PFUDPS_MULTIPLE);
	CU_ASSERT_EQUAL(st.dst.state, PFUDPS_SINGLE);
	CU_ASSERT_EQUAL(st.timeout, PFTM_UDP_SINGLE);
	pf_udp_update(&st, PF_OUT, 103);
	CU_ASSERT_EQUAL(st.dst.state, PFUDPS_MULTIPLE);
	CU_ASSERT_EQUAL(st.timeout, PFTM_UDP_MULTIPLE);
	CU_ASSERT_EQUAL(expires(&st), 103 + 60);

	k.proto = PF_PROTO_ICMP;
	pf_state_create(&st, &k, &k, &n);
	CU_ASSERT_EQUAL(expires(&st), 100 + 20);
	pf_icmp_update(&st, 105);
	CU_ASSERT_EQUAL(expires(&st), 105 + 10);

	k.proto = PF_PROTO_PFSYNC;
	pf_state_create(&st, &k, &k, &n);
	CU_ASSERT_EQUAL(st.timeout, PFTM_OTHER_FIRST_PACKET);
	CU_ASSERT_EQUAL(st.state_flags, PFSTATE_NOSYNC); /* pfsync states are never synced */
	pf_other_update(&st, PF_IN, 101);
	pf_other_update(&st, PF_OUT, 102);
	CU_ASSERT_EQUAL(st.timeout, PFTM_OTHER_MULTIPLE);
}

/* Adaptive timeouts: states between adaptive.start and .end scale the timeout down. */
static void test_adaptive(void)
{
	struct pf_state st;
	struct pf_expire_ctx c = {.timeout = tmo};

	pf_timeouts_init(tmo);
	memset(&st, 0, sizeof(st));
	st.timeout = PFTM_TCP_ESTABLISHED;
	st.expire = 1000;
	c.states = 60000;
	CU_ASSERT_EQUAL(pf_state_expires(&st, &c), 1000 + 86400);
	c.states = 90000; /* half way: half the timeout */
	CU_ASSERT_EQUAL(pf_state_expires(&st, &c), 1000 + 43200);
	c.states = 119999;
	CU_ASSERT_EQUAL(pf_state_expires(&st, &c), 1000 + 86400 / 60000);
	c.states = 120000;
	CU_ASSERT_EQUAL(pf_state_expires(&st, &c), 0);
	/* a rule's own adaptive values (from max 100: 60/120) use the rule's count */
	c.states = 10;
	c.rule_start = 60;
	c.rule_end = 120;
	c.rule_states = 90;
	CU_ASSERT_EQUAL(pf_state_expires(&st, &c), 1000 + 43200);
	CU_ASSERT_EQUAL(pf_state_expire_left(&st, &c, 1000 + 43000), 200);
	CU_ASSERT_EQUAL(pf_state_expire_left(&st, &c, 1000 + 43201), 0);
}

int pf_test_register_tcp(void)
{
	static const struct t_case cases[] = {
	    {"handshake with window scaling", test_handshake},
	    {"window growth, data beyond the window", test_window_growth},
	    {"retransmit, too far back", test_retransmit},
	    {"ack skew bounds", test_ack_skew},
	    {"RST: blind in and outside the window, exact", test_rst},
	    {"FIN close states and timeouts, SYN reuse", test_close},
	    {"SYN on an established state", test_syn_on_established},
	    {"handshake mismatch", test_handshake_mismatch},
	    {"mid-stream pickup with sloppy", test_sloppy_pickup},
	    {"imported state: loose once per side", test_imported_loose},
	    {"TCP options: wscale, mss", test_options},
	    {"UDP, ICMP and other pseudo states", test_pseudo},
	    {"adaptive timeouts", test_adaptive},
	    {NULL, NULL},
	};
	return t_suite("tcp", cases);
}
