/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fast path's filter (lib/fwd/fwd_filter*.c) with EAL (--no-huge):
 * the rte_acl contexts give pf_eval()'s verdict (rule, action, state, NAT
 * rule) on random rulesets and packets; the stage drops and counts by
 * reason, keeps per-worker tables, derives pf's per-rule evaluations from
 * lookups and quick decisions, and pages through states.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>
#include <rte_eal.h>
#include <rte_mbuf.h>

#include "fwd_filter.h"
#include "fwd_filter_acl.h"
#include "fwd_test.h"
#include "pf_frames.h"
#include "pf_random.h"
#include "pf_test.h"
#include "test_fwd_pfsync.h"

static struct rte_mempool *mp;

static void test_acl_equivalence(void)
{
	uint64_t seed = 0x243f6a8885a308d3ULL;
	unsigned compared = 0, mismatches = 0;
	char conf[16384], line[512], name[16];

	for (unsigned set = 0; set < 30; set++) {
		struct fwd_filter_acl acl;
		struct pf_ruleset *rs;
		unsigned nrules = 1 + (unsigned)(t_rand(&seed) % 12);
		size_t n = (size_t)snprintf(conf, sizeof(conf), "%s", T_RAND_TABLES);

		while (nrules--) {
			t_rand_rule_line(&seed, line, sizeof(line));
			n += (size_t)snprintf(conf + n, sizeof(conf) - n, "%s", line);
		}
		rs = t_parse(conf);
		snprintf(name, sizeof(name), "eq%u", set);
		CU_ASSERT_EQUAL_FATAL(fwd_filter_acl_build(&acl, rs, name, SOCKET_ID_ANY), 0);
		for (unsigned pkt = 0; pkt < 2000; pkt++) {
			struct pf_pkt_meta m = t_rand_pkt(&seed);
			struct pf_eval_result want, got;

			pf_eval(rs, &m, &want, false);
			fwd_filter_acl_classify(&acl, &m, &got);
			compared++;
			if (want.rule != got.rule || want.action != got.action ||
			    want.keep_state != got.keep_state || want.nat_rule != got.nat_rule) {
				if (mismatches++ < 3)
					fprintf(stderr,
					        "\n  mismatch: eval rule %d nat %d, rte_acl rule "
					        "%d nat "
					        "%d\n%s",
					        want.rule, want.nat_rule, got.rule, got.nat_rule,
					        conf);
			}
		}
		fwd_filter_acl_free(&acl);
		pf_ruleset_free(rs);
	}
	CU_ASSERT_EQUAL(compared, 30 * 2000);
	CU_ASSERT_EQUAL(mismatches, 0);
}

#define LAN "192.0.2.5"
#define SRV "198.51.100.7"
#define VIP "203.0.113.10"

static size_t syn(uint8_t *buf, const char *s, uint16_t sp, const char *d, uint16_t dp)
{
	uint8_t l4[64];

	return t_frame(buf, true, s, d, 6, l4,
	               t_tcp(l4, sp, dp, 1000, 0, PF_TH_SYN, 8000, NULL, 0, 0), false);
}

/* Ports 0-2 of DPDK are lan0, srv0, wan0 of the fixture; 3 is unknown to the rules. */
static struct fwd_filter *stage_new(struct pf_ruleset *rs, unsigned workers, uint32_t slots)
{
	struct fwd_filter_conf c = {.rs = rs,
	                            .n_workers = workers,
	                            .states_per_worker = slots,
	                            .hostid = 0x1234,
	                            .seed = 7,
	                            .socket = SOCKET_ID_ANY};
	struct fwd_filter *f;
	int err;

	for (unsigned i = 0; i < FWD_MAX_PORTS; i++)
		c.ifid[i] = PF_IF_ANY;
	c.ifid[0] = T_LAN0;
	c.ifid[1] = T_SRV0;
	c.ifid[2] = T_WAN0;
	f = fwd_filter_create(&c, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(err, 0);
	return f;
}

static void test_stage_counts(void)
{
	struct pf_ruleset *rs = t_parse("block in quick on wan0 proto tcp to port 23\n" /* 0 */
	                                "block all\n"                                   /* 1 */
	                                "pass in on lan0\n"                             /* 2 */
	                                "pass out on wan0 keep state (max 2)\n");       /* 3 */
	struct fwd_filter *f = stage_new(rs, 2, 16);
	uint8_t buf[T_FRAME_MAX];
	struct pf_rule_stats rst;
	struct pf_state st[4];
	struct pf_status s;
	uint64_t slots, pos;
	size_t n;

	/* the quick block: its rule, its reason; rules after it not evaluated */
	n = syn(buf, SRV, 5000, VIP, 23);
	CU_ASSERT_EQUAL(fwd_filter_packet(f, 0, 2, PF_IN, buf, (uint32_t)n, 10),
	                FWD_DROP_PF_BLOCKED);
	/* two connections on worker 0 and one on worker 1, in on lan0, out on wan0 */
	for (unsigned i = 0; i < 3; i++) {
		unsigned w = i < 2 ? 0 : 1;

		n = syn(buf, LAN, (uint16_t)(40000 + i), SRV, 80);
		CU_ASSERT_EQUAL(fwd_filter_packet(f, w, 0, PF_IN, buf, (uint32_t)n, 10),
		                FWD_DROP_NONE);
		CU_ASSERT_EQUAL(fwd_filter_packet(f, w, 2, PF_OUT, buf, (uint32_t)n, 10),
		                FWD_DROP_NONE);
	}
	/* worker 0's third state of rule 3 is over its max */
	n = syn(buf, LAN, 40009, SRV, 80);
	CU_ASSERT_EQUAL(fwd_filter_packet(f, 0, 0, PF_IN, buf, (uint32_t)n, 10), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(fwd_filter_packet(f, 0, 2, PF_OUT, buf, (uint32_t)n, 10),
	                FWD_DROP_PF_STATE_LIMIT);
	/* a port the rules do not know: only `block all` matches it */
	CU_ASSERT_EQUAL(fwd_filter_packet(f, 1, 3, PF_IN, buf, (uint32_t)n, 10),
	                FWD_DROP_PF_BLOCKED);

	fwd_filter_status(f, &s, &slots);
	CU_ASSERT_EQUAL(slots, 32);
	CU_ASSERT_EQUAL(s.states, 7);
	CU_ASSERT_EQUAL(s.fcounters[PF_FCNT_INSERT], 7);
	CU_ASSERT_EQUAL(s.counters[PF_REASON_MAXSTATES], 1);
	CU_ASSERT_EQUAL(s.lcounters[PF_LCNT_STATES], 1);
	CU_ASSERT_EQUAL(s.counters[PF_REASON_MATCH], 10);
	CU_ASSERT_EQUAL(fwd_filter_lookups(f), 10);
	CU_ASSERT_TRUE(fwd_filter_rule_stats(f, 0, &rst));
	CU_ASSERT_EQUAL(rst.evaluations, 10);
	CU_ASSERT_EQUAL(rst.packets[0], 1);
	CU_ASSERT_TRUE(fwd_filter_rule_stats(f, 1, &rst));
	CU_ASSERT_EQUAL(rst.evaluations, 9); /* the quick block stopped one walk */
	CU_ASSERT_EQUAL(rst.packets[0], 1);
	CU_ASSERT_TRUE(fwd_filter_rule_stats(f, 3, &rst));
	CU_ASSERT_EQUAL(rst.states_cur, 3); /* 2 on worker 0, 1 on worker 1 */
	CU_ASSERT_EQUAL(rst.states_tot, 3);
	CU_ASSERT_EQUAL(rst.packets[1], 4);
	CU_ASSERT_FALSE(fwd_filter_rule_stats(f, 4, &rst));

	/* paging: 7 states in pages of 3, worker by worker, none twice */
	pos = 0;
	CU_ASSERT_EQUAL(fwd_filter_states(f, &pos, st, 3), 3);
	CU_ASSERT_EQUAL(fwd_filter_states(f, &pos, st, 3), 3);
	CU_ASSERT_NOT_EQUAL(pos, UINT64_MAX);
	CU_ASSERT_EQUAL(fwd_filter_states(f, &pos, st, 3), 1);
	CU_ASSERT_EQUAL(pos, UINT64_MAX);
	pos = 0; /* a page that ends on the last state says there is no more */
	CU_ASSERT_EQUAL(fwd_filter_states(f, &pos, st, 4), 4);
	CU_ASSERT_EQUAL(fwd_filter_states(f, &pos, st, 3), 3);
	CU_ASSERT_EQUAL(pos, UINT64_MAX);
	CU_ASSERT_EQUAL(st[0].creatorid, 0x1234);
	CU_ASSERT_EQUAL(fwd_filter_states(f, &pos, st, 3), 0);

	/* expiry: tcp.first is 120 s; before it nothing goes, after it all */
	fwd_filter_expire(f, 0, 100, 64);
	fwd_filter_status(f, &s, &slots);
	CU_ASSERT_EQUAL(s.states, 7);
	fwd_filter_expire(f, 0, 10 + 121, 64);
	fwd_filter_expire(f, 1, 10 + 121, 64);
	fwd_filter_status(f, &s, &slots);
	CU_ASSERT_EQUAL(s.states, 0);
	CU_ASSERT_EQUAL(s.fcounters[PF_FCNT_REMOVALS], 7);
	fwd_filter_destroy(f);
	pf_ruleset_free(rs);
}

int main(int argc, char **argv)
{
	CU_pSuite s;
	int rc;

	(void)argc;
	mp = tf_eal_pool(argv[0], "fwdfilter", 128);
	if (mp == NULL)
		return 2;
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite("fwd_filter", NULL, NULL);
	CU_add_test(s, "rte_acl gives pf_eval's verdict (30 rulesets x 2000 packets)",
	            test_acl_equivalence);
	CU_add_test(s, "stage: drops by reason, per-worker tables, evaluations, paging",
	            test_stage_counts);
	fwd_pfsync_tests_add();
	rc = tf_run();
	tf_eal_done(mp);
	return rc;
}
