/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pfsync's rings on the fast path (lib/fwd/fwd_pfsync.c) with EAL: a
 * state the filter creates is an INS event on the worker's ring, a packet
 * of it an UPD, its expiry a DEL; no-sync states make none; a peer state
 * handed to the worker's command ring is in its table after one poll, and
 * removing it by command makes no event (no echo); the counters count.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "fwd_filter.h"
#include "fwd_pfsync.h"
#include "fwd_worker_priv.h"
#include "pf_filter.h"
#include "pf_frames.h"
#include "pf_test.h"
#include "test_fwd_pfsync.h"

#define LAN "192.0.2.5"
#define SRV "198.51.100.7"

static struct fwd_filter *stage(struct pf_ruleset *rs)
{
	struct fwd_filter_conf c = {.rs = rs,
	                            .n_workers = 1,
	                            .states_per_worker = 16,
	                            .hostid = 0x1234,
	                            .seed = 7,
	                            .socket = SOCKET_ID_ANY};
	struct fwd_filter *f;
	int err;

	for (unsigned i = 0; i < FWD_MAX_PORTS; i++)
		c.ifid[i] = PF_IF_ANY;
	c.ifid[0] = T_LAN0;
	c.ifid[2] = T_WAN0;
	f = fwd_filter_create(&c, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	return f;
}

static size_t tcp_to(uint8_t *buf, uint16_t sp, uint16_t dp, uint8_t flags, uint32_t seq)
{
	uint8_t l4[64];

	return t_frame(buf, true, LAN, SRV, 6, l4,
	               t_tcp(l4, sp, dp, seq, 0, flags, 8000, NULL, 0, 0), false);
}

static size_t tcp(uint8_t *buf, uint16_t sp, uint8_t flags, uint32_t seq)
{
	return tcp_to(buf, sp, 80, flags, seq);
}

static unsigned take(struct fwd_pfsync *s, struct fwd_pfsync_msg *ev, unsigned max)
{
	return fwd_pfsync_ev_take(s, 0, ev, max);
}

static void test_events_and_commands(void)
{
	struct pf_ruleset *rs =
	    t_parse("block all\n"
	            "pass in on lan0 proto tcp to port 80\n"
	            "pass in on lan0 proto tcp to port 81 keep state (no-sync)\n"
	            "pass out on wan0\n");
	struct fwd_filter *f = stage(rs);
	struct fwd_pfsync_conf c = {
	    .n_workers = 1, .syncdev = 3, .ring_size = 64, .socket = SOCKET_ID_ANY};
	struct fwd_pfsync_msg ev[8], cmd;
	struct fwd_pfsync *s;
	struct fwd_worker *w = calloc(1, sizeof(*w));
	uint64_t cnt[FWD_PFSYNC_ST__COUNT];
	uint8_t buf[T_FRAME_MAX];
	struct pf_filter *pf;
	size_t n;
	int err;

	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	s = fwd_pfsync_create(&c, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	fwd_pfsync_attach(NULL, f, s);
	pf = fwd_filter_pf(f, 0);

	/* a new state in on lan0: one INS with its key; a second packet: an UPD */
	n = tcp(buf, 40000, PF_TH_SYN, 1000);
	CU_ASSERT_EQUAL(fwd_filter_packet(f, 0, 0, PF_IN, buf, (uint32_t)n, 10), FWD_DROP_NONE);
	CU_ASSERT_EQUAL_FATAL(take(s, ev, 8), 1);
	CU_ASSERT_EQUAL(ev[0].op, FWD_PFSYNC_INS);
	CU_ASSERT_EQUAL(ev[0].st.creatorid, 0x1234);
	CU_ASSERT_EQUAL(ev[0].st.key[PF_SK_WIRE].port[0], htons(40000));
	CU_ASSERT_EQUAL(ev[0].st.src.seqlo, 1000);
	n = tcp(buf, 40000, PF_TH_SYN, 1000); /* retransmitted SYN */
	CU_ASSERT_EQUAL(fwd_filter_packet(f, 0, 0, PF_IN, buf, (uint32_t)n, 11), FWD_DROP_NONE);
	CU_ASSERT_EQUAL_FATAL(take(s, ev, 8), 1);
	CU_ASSERT_EQUAL(ev[0].op, FWD_PFSYNC_UPD);
	CU_ASSERT_EQUAL(ev[0].st.expire, 11);
	/* a no-sync state: no event */
	n = tcp_to(buf, 40001, 81, PF_TH_SYN, 1);
	CU_ASSERT_EQUAL(fwd_filter_packet(f, 0, 0, PF_IN, buf, (uint32_t)n, 12), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(take(s, ev, 8), 0);
	/* a blocked packet: no event */
	n = tcp_to(buf, 40002, 22, PF_TH_SYN, 5);
	CU_ASSERT_EQUAL(fwd_filter_packet(f, 0, 0, PF_IN, buf, (uint32_t)n, 12),
	                FWD_DROP_PF_BLOCKED);
	CU_ASSERT_EQUAL(take(s, ev, 8), 0);

	/* a peer state through the command ring: in the table after one poll */
	memset(&cmd, 0, sizeof(cmd));
	cmd.op = FWD_PFSYNC_INS;
	cmd.st = ev[0].st;
	cmd.st.id = 77;
	cmd.st.creatorid = 0x9999;
	cmd.st.key[PF_SK_WIRE].port[0] = cmd.st.key[PF_SK_STACK].port[0] = htons(41000);
	CU_ASSERT_TRUE(fwd_pfsync_cmd(s, 0, &cmd));
	CU_ASSERT_EQUAL(pf_filter_find(pf, &cmd.st.key[PF_SK_WIRE], PF_IN), PF_SLOT_NONE);
	w->txq = 0;
	fwd_pfsync_poll(s, w, pf);
	CU_ASSERT_NOT_EQUAL(pf_filter_find(pf, &cmd.st.key[PF_SK_WIRE], PF_IN), PF_SLOT_NONE);
	CU_ASSERT_EQUAL(take(s, ev, 8), 0); /* imports are not announced back */
	/* the same import again fails (counted); removal by command: no DEL event */
	CU_ASSERT_TRUE(fwd_pfsync_cmd(s, 0, &cmd));
	cmd.op = FWD_PFSYNC_DEL;
	CU_ASSERT_TRUE(fwd_pfsync_cmd(s, 0, &cmd));
	fwd_pfsync_poll(s, w, pf);
	CU_ASSERT_EQUAL(pf_filter_find(pf, &cmd.st.key[PF_SK_WIRE], PF_IN), PF_SLOT_NONE);
	CU_ASSERT_EQUAL(take(s, ev, 8), 0);

	/* expiry of our two states: DEL events (the no-sync one makes none) */
	fwd_filter_expire(f, 0, 10000, 64);
	CU_ASSERT_EQUAL_FATAL(take(s, ev, 8), 1);
	CU_ASSERT_EQUAL(ev[0].op, FWD_PFSYNC_DEL);
	CU_ASSERT_EQUAL(ev[0].st.key[PF_SK_WIRE].port[0], htons(40000));

	fwd_pfsync_stats(s, cnt);
	CU_ASSERT_EQUAL(cnt[FWD_PFSYNC_ST_ev_queued], 3);
	CU_ASSERT_EQUAL(cnt[FWD_PFSYNC_ST_cmd_applied], 2);
	CU_ASSERT_EQUAL(cnt[FWD_PFSYNC_ST_import_failed], 1);
	CU_ASSERT_EQUAL(cnt[FWD_PFSYNC_ST_ev_ring_full], 0);
	fwd_pfsync_destroy(s);
	fwd_filter_destroy(f);
	pf_ruleset_free(rs);
	free(w);
}

/* A full event ring drops and counts, never blocks the worker. */
static void test_ring_full(void)
{
	struct pf_ruleset *rs = t_parse("pass in on lan0\n");
	struct fwd_filter *f = stage(rs);
	struct fwd_pfsync_conf c = {
	    .n_workers = 1, .syncdev = 3, .ring_size = 4, .socket = SOCKET_ID_ANY};
	uint64_t cnt[FWD_PFSYNC_ST__COUNT];
	uint8_t buf[T_FRAME_MAX];
	struct fwd_pfsync *s;
	int err;

	s = fwd_pfsync_create(&c, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	fwd_pfsync_attach(NULL, f, s);
	for (uint16_t p = 0; p < 6; p++) {
		size_t n = tcp(buf, (uint16_t)(42000 + p), PF_TH_SYN, 1);

		CU_ASSERT_EQUAL(fwd_filter_packet(f, 0, 0, PF_IN, buf, (uint32_t)n, 10),
		                FWD_DROP_NONE);
	}
	fwd_pfsync_stats(s, cnt);
	CU_ASSERT_EQUAL(cnt[FWD_PFSYNC_ST_ev_queued], 3); /* a ring of 4 holds 3 */
	CU_ASSERT_EQUAL(cnt[FWD_PFSYNC_ST_ev_ring_full], 3);
	fwd_pfsync_destroy(s);
	fwd_filter_destroy(f);
	pf_ruleset_free(rs);
}

void fwd_pfsync_tests_add(void)
{
	CU_pSuite s = CU_add_suite("fwd_pfsync", NULL, NULL);

	CU_add_test(s, "events INS/UPD/DEL, no-sync, commands applied, no echo",
	            test_events_and_commands);
	CU_add_test(s, "a full event ring drops and counts", test_ring_full);
}
