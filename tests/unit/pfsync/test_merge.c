/* SPDX-License-Identifier: BSD-2-Clause */
/* Merge rules (pfsync_upd_tcp, pfsync_in_updates), every state pair. */
#include <string.h>

#include "pfsync_merge.h"
#include "pfsync_test.h"

enum { LESS, EQUAL, MORE };

static struct pfsync_peer_msg peer(uint8_t state, uint32_t seqlo)
{
	struct pfsync_peer_msg p;

	memset(&p, 0, sizeof(p));
	p.state = state;
	p.seqlo = seqlo;
	p.seqhi = seqlo + 65535;
	p.max_win = 1000;
	return p;
}

/* The spec's sentence for the src half, written as a truth table row:
 * "stale if the local copy is in a later state (proxy states excepted) or
 * in the same state with a larger seqlo". */
static bool want_src_stale(unsigned o, unsigned t, int seq)
{
	bool later = o > t;
	bool proxy_back = o >= PFSYNC_TCPS_PROXY_SRC && t < PFSYNC_TCPS_PROXY_SRC;

	if (later && !proxy_back)
		return true;
	return o == t && seq == MORE;
}

static bool want_dst_stale(unsigned o, unsigned t, int seq)
{
	return o > t || (o == t && seq == MORE);
}

static void test_tcp_all_pairs(void)
{
	static const uint32_t base = 1000000;
	unsigned o, t, n = 0;
	int seq;

	for (o = 0; o <= PFSYNC_PEER_STATE_MAX; o++)
		for (t = 0; t <= PFSYNC_PEER_STATE_MAX; t++)
			for (seq = LESS; seq <= MORE; seq++) {
				uint32_t ol = seq == LESS    ? base - 1
				              : seq == EQUAL ? base
				                             : base + 1;
				struct pfsync_peer_msg ours = peer((uint8_t)o, ol);
				struct pfsync_peer_msg theirs = peer((uint8_t)t, base);

				CU_ASSERT_EQUAL(pfsync_tcp_src_stale(&ours, &theirs),
				                want_src_stale(o, t, seq));
				CU_ASSERT_EQUAL(pfsync_tcp_dst_stale(&ours, &theirs),
				                want_dst_stale(o, t, seq));
				n++;
			}
	CU_ASSERT_EQUAL(n, 13 * 13 * 3);
}

static void test_tcp_named_cases(void)
{
	struct pfsync_peer_msg est = peer(PFSYNC_TCPS_ESTABLISHED, 5000);
	struct pfsync_peer_msg syn = peer(PFSYNC_TCPS_SYN_SENT, 9000);
	struct pfsync_peer_msg psrc = peer(PFSYNC_TCPS_PROXY_SRC, 5000);
	struct pfsync_peer_msg pdst = peer(PFSYNC_TCPS_PROXY_DST, 5000);
	struct pfsync_peer_msg fin = peer(PFSYNC_TCPS_FIN_WAIT_2, 1);

	/* state never goes backwards: our ESTABLISHED beats their SYN_SENT
	 * even with a larger seqlo on their side */
	CU_ASSERT_TRUE(pfsync_tcp_src_stale(&est, &syn));
	CU_ASSERT_TRUE(pfsync_tcp_dst_stale(&est, &syn));
	/* going forwards is taken whatever the sequence numbers */
	CU_ASSERT_FALSE(pfsync_tcp_src_stale(&est, &fin));
	/* synproxy: our PROXY_SRC may go back to their ESTABLISHED on src... */
	CU_ASSERT_FALSE(pfsync_tcp_src_stale(&psrc, &est));
	CU_ASSERT_FALSE(pfsync_tcp_src_stale(&pdst, &est));
	/* ... but a PROXY_DST against a PROXY_SRC is later: stale */
	CU_ASSERT_TRUE(pfsync_tcp_src_stale(&pdst, &psrc));
	/* OpenBSD has no synproxy exception on the dst half */
	CU_ASSERT_TRUE(pfsync_tcp_dst_stale(&psrc, &est));
}

static void test_seq_wrap(void)
{
	/* seqlo compared modulo 2^32: 0x10 is after 0xfffffff0 */
	struct pfsync_peer_msg ours = peer(PFSYNC_TCPS_ESTABLISHED, 0x00000010);
	struct pfsync_peer_msg theirs = peer(PFSYNC_TCPS_ESTABLISHED, 0xfffffff0);

	CU_ASSERT_TRUE(pfsync_seq_gt(0x10, 0xfffffff0));
	CU_ASSERT_FALSE(pfsync_seq_gt(0xfffffff0, 0x10));
	CU_ASSERT_FALSE(pfsync_seq_gt(7, 7));
	CU_ASSERT_TRUE(pfsync_tcp_src_stale(&ours, &theirs));
	CU_ASSERT_FALSE(pfsync_tcp_src_stale(&theirs, &ours));
}

static void check(uint8_t proto, struct pfsync_peer_msg os, struct pfsync_peer_msg od,
                  struct pfsync_peer_msg ts, struct pfsync_peer_msg td, bool take_src,
                  bool take_dst, unsigned stale)
{
	struct pfsync_merge m;

	pfsync_merge_decide(proto, &os, &od, &ts, &td, PFTM_TCP_CLOSING, &m);
	CU_ASSERT_EQUAL(m.take_src, take_src);
	CU_ASSERT_EQUAL(m.take_dst, take_dst);
	CU_ASSERT_EQUAL(m.stale, stale);
	/* expiry and timeout class refreshed unless both halves were stale;
	 * our copy goes back whenever one was */
	CU_ASSERT_EQUAL(m.refresh, stale < 2);
	CU_ASSERT_EQUAL(m.send_update, stale > 0);
	CU_ASSERT_EQUAL(m.timeout, PFTM_TCP_CLOSING);
	CU_ASSERT_EQUAL(memcmp(&m.src, &ts, sizeof(ts)), 0);
	CU_ASSERT_EQUAL(memcmp(&m.dst, &td, sizeof(td)), 0);
}

static void test_decide(void)
{
	struct pfsync_peer_msg e1 = peer(PFSYNC_TCPS_ESTABLISHED, 100);
	struct pfsync_peer_msg e2 = peer(PFSYNC_TCPS_ESTABLISHED, 200);

	/* theirs fresher on both halves: take both, nothing stale */
	check(6, e1, e1, e2, e2, true, true, 0);
	/* equal copies are taken too (not stale) */
	check(6, e1, e1, e1, e1, true, true, 0);
	/* ours ahead on src only: peer is behind, send ours back */
	check(6, e2, e1, e1, e2, false, true, 1);
	/* ours ahead on dst only */
	check(6, e1, e2, e2, e1, true, false, 1);
	/* ours ahead on both: keep everything, no refresh, send back */
	check(6, e2, e2, e1, e1, false, false, 2);
}

static void test_non_tcp(void)
{
	/* UDP/ICMP/other: state levels only, sequence numbers ignored */
	struct pfsync_peer_msg single = peer(1, 500), multiple = peer(2, 1);
	struct pfsync_peer_msg single_lo = peer(1, 1);

	check(17, multiple, multiple, single, single, false, false, 2);
	check(17, single, single, multiple, multiple, true, true, 0);
	check(17, single, single, single_lo, single_lo, true, true, 0); /* no seq check */
	check(1, multiple, single, single, multiple, false, true, 1);
}

static void test_apply(void)
{
	struct pfsync_state_msg st;
	struct pfsync_merge m;
	struct pfsync_peer_msg s2, d2;

	t_state_expect(&st);
	s2 = st.src;
	s2.seqlo += 100;
	s2.scrub.scrub_flag = 0; /* no scrub data in the message: ours stays */
	s2.scrub.pfss_ts_mod = 0;
	d2 = st.dst;
	d2.seqlo -= 100; /* behind ours */
	pfsync_merge_decide(st.proto, &st.src, &st.dst, &s2, &d2, PFTM_TCP_FIN_WAIT, &m);
	CU_ASSERT_TRUE(m.take_src);
	CU_ASSERT_FALSE(m.take_dst);
	pfsync_merge_apply(&m, &st);
	CU_ASSERT_EQUAL(st.src.seqlo, 0x10000001u + 100);
	CU_ASSERT_EQUAL(st.src.scrub.pfss_ts_mod, 0xa0000001u); /* kept */
	CU_ASSERT_EQUAL(st.dst.seqlo, 0x10000002u);             /* kept */
	CU_ASSERT_EQUAL(st.timeout, PFTM_TCP_FIN_WAIT);         /* refreshed */
	/* both stale: timeout class kept */
	d2 = st.dst;
	d2.seqlo -= 1;
	s2 = st.src;
	s2.seqlo -= 1;
	pfsync_merge_decide(st.proto, &st.src, &st.dst, &s2, &d2, PFTM_TCP_CLOSED, &m);
	pfsync_merge_apply(&m, &st);
	CU_ASSERT_EQUAL(st.timeout, PFTM_TCP_FIN_WAIT);
	/* valid scrub in the message: taken, pfss_flags masked to TIMESTAMP */
	s2 = st.src;
	s2.seqlo += 5;
	s2.scrub.pfss_flags = 0xffff;
	s2.scrub.pfss_ts_mod = 77;
	pfsync_merge_decide(st.proto, &st.src, &st.dst, &s2, &st.dst, PFTM_TCP_CLOSED, &m);
	pfsync_merge_apply(&m, &st);
	CU_ASSERT_EQUAL(st.src.scrub.pfss_ts_mod, 77);
	CU_ASSERT_EQUAL(st.src.scrub.pfss_flags, PFSYNC_PFSS_TIMESTAMP);
}

int pfsync_test_register_merge(void)
{
	static const struct t_case cases[] = {
	    {"TCP: every state pair and seqlo order", test_tcp_all_pairs},
	    {"TCP: named cases (synproxy, backwards)", test_tcp_named_cases},
	    {"TCP: seqlo modulo 2^32", test_seq_wrap},
	    {"decision: take, refresh, send back", test_decide},
	    {"non-TCP: levels only", test_non_tcp},
	    {"apply", test_apply},
	    {NULL, NULL},
	};

	return t_suite("merge", cases);
}
