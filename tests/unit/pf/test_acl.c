/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rte_acl-ready expansion: priorities as documented, negations and
 * tables as prefixes, and, on random rulesets and thousands of random
 * packets, the same verdict (rule, action, state, NAT rule) from the
 * expanded primitives as from the reference evaluator.
 */
#include <stdio.h>
#include <string.h>

#include "pf_acl.h"
#include "pf_prefix.h"
#include "pf_random.h"
#include "pf_test.h"

static void test_priorities(void)
{
	struct pf_ruleset *rs = t_parse("pass proto udp\n"                                 /* 0 */
	                                "block quick proto udp\n"                          /* 1 */
	                                "pass quick proto udp\n"                           /* 2 */
	                                "block proto udp\n"                                /* 3 */
	                                "match out inet proto udp nat-to 203.0.113.10\n"); /* 4 */
	struct pf_acl acl;
	uint32_t i;

	CU_ASSERT_EQUAL_FATAL(pf_acl_expand(rs, &acl, 1000), 0);
	CU_ASSERT_EQUAL(acl.nat_fallback, true); /* a nat-to match rule after a quick rule */
	for (i = 0; i < acl.n; i++) {
		const struct pf_acl_prim *p = &acl.prims[i];
		static const uint32_t want[5] = {1, 2 * 5 - 1, 2 * 5 - 2, 4, 5};

		CU_ASSERT_EQUAL(p->priority, want[p->rule]);
		CU_ASSERT_EQUAL(p->category, p->rule == 4 ? PF_ACL_NAT : PF_ACL_FILTER);
		CU_ASSERT_EQUAL(p->proto_lo, PF_PROTO_UDP);
	}
	CU_ASSERT_EQUAL(acl.n, 4 * 2 + 1); /* both families, the NAT rule inet only */
	pf_acl_free(&acl);
	pf_ruleset_free(rs);
}

/* ! prefix of length p = p prefixes; a table with a ! entry = its cover. */
static void test_negation_and_tables(void)
{
	struct pf_ruleset *rs = t_parse("table <t> { 192.0.2.0/24 !192.0.2.128/26 }\n"
	                                "block from ! 10.0.0.0/8\n"
	                                "block from <t>\n"
	                                "block from ! <t>\n");
	struct pf_prefix_list l = {0};
	struct pf_acl acl;
	uint32_t i, n[3] = {0, 0, 0};

	CU_ASSERT_EQUAL_FATAL(pf_acl_expand(rs, &acl, 100000), 0);
	for (i = 0; i < acl.n; i++)
		n[acl.prims[i].rule]++;
	CU_ASSERT_EQUAL(n[0], 8);
	/* 192.0.2.0/25 + 192.0.2.192/26 in IPv4; nothing in IPv6 */
	CU_ASSERT_EQUAL(n[1], 2);
	/* the complement: 24 + 2 prefixes in IPv4, ::/0 in IPv6 */
	CU_ASSERT_EQUAL(n[2], 24 + 1 + 1);
	pf_acl_free(&acl);
	CU_ASSERT_TRUE(pf_prefix_table(&rs->tables[0], PF_AF_INET, false, &l));
	CU_ASSERT_EQUAL_FATAL(l.n, 2);
	CU_ASSERT_EQUAL(l.v[0].plen, 25);
	CU_ASSERT_EQUAL(l.v[1].plen, 26);
	CU_ASSERT_EQUAL(l.v[1].addr.b[3], 192);
	pf_prefix_list_free(&l);
	pf_ruleset_free(rs);
}

static void test_random_equivalence(void)
{
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	unsigned set, pkt, nrules, compared = 0, parsed = 0, mismatches = 0;
	char conf[16384], line[512];

	for (set = 0; set < 150; set++) {
		struct pf_ruleset *rs;
		struct pf_acl acl;
		char err[PF_ERR_MAX];
		size_t n;

		n = (size_t)snprintf(conf, sizeof(conf), "%s", T_RAND_TABLES);
		nrules = 1 + (unsigned)(t_rand(&seed) % 12);
		while (nrules--) {
			t_rand_rule_line(&seed, line, sizeof(line));
			n += (size_t)snprintf(conf + n, sizeof(conf) - n, "%s", line);
		}
		rs = pf_parse_buffer("rand.conf", conf, n, &t_ifs, err, sizeof(err));
		if (rs == NULL) {
			fprintf(stderr, "\n  generator produced a rejected ruleset: %s\n%s", err,
			        conf);
			CU_FAIL("random ruleset rejected");
			continue;
		}
		parsed++;
		CU_ASSERT_EQUAL_FATAL(pf_acl_expand(rs, &acl, 1u << 22), 0);
		for (pkt = 0; pkt < 400; pkt++) {
			struct pf_pkt_meta m = t_rand_pkt(&seed);
			struct pf_eval_result want, got;

			pf_eval(rs, &m, &want, false);
			pf_acl_eval_naive(&acl, rs, &m, &got);
			compared++;
			if (want.rule != got.rule || want.action != got.action ||
			    want.keep_state != got.keep_state || want.nat_rule != got.nat_rule) {
				if (mismatches++ < 3)
					fprintf(stderr,
					        "\n  mismatch: eval rule %d nat %d, acl rule %d "
					        "nat %d\n%s",
					        want.rule, want.nat_rule, got.rule, got.nat_rule,
					        conf);
			}
		}
		pf_acl_free(&acl);
		pf_ruleset_free(rs);
	}
	CU_ASSERT_EQUAL(parsed, 150);
	CU_ASSERT_EQUAL(compared, 150 * 400);
	CU_ASSERT_EQUAL(mismatches, 0);
}

static void test_too_many(void)
{
	struct pf_ruleset *rs = t_parse("pass from ! 2001:db8::/64 to ! 2001:db8:1::/64\n");
	struct pf_acl acl;

	CU_ASSERT_EQUAL(pf_acl_expand(rs, &acl, 100), -E2BIG);
	CU_ASSERT_EQUAL(acl.n, 0);
	CU_ASSERT_EQUAL(pf_acl_expand(rs, &acl, 1u << 20), 0);
	CU_ASSERT_EQUAL(acl.n, 64 * 64 * 7); /* 7 protocol ranges for keep state + S/SA */
	pf_acl_free(&acl);
	pf_ruleset_free(rs);
}

/* A prefix listed twice (once negated) counts once, the first time, in both paths. */
static void test_table_duplicates(void)
{
	struct pf_ruleset *rs = t_parse("table <d> { 192.0.2.0/24 !192.0.2.0/24 !198.51.100.0/24 "
	                                "198.51.100.0/24 }\n"
	                                "block from <d>\n");
	struct pf_pkt_meta m =
	    t_meta(T_LAN0, PF_IN, PF_PROTO_UDP, "192.0.2.9", 1, "203.0.113.1", 2);
	struct pf_eval_result want, got;
	struct pf_acl acl;

	CU_ASSERT_EQUAL_FATAL(pf_acl_expand(rs, &acl, 1000), 0);
	pf_eval(rs, &m, &want, false);
	pf_acl_eval_naive(&acl, rs, &m, &got);
	CU_ASSERT_EQUAL(want.rule, 0);
	CU_ASSERT_EQUAL(got.rule, 0);
	m.src = t_addr("198.51.100.9");
	pf_eval(rs, &m, &want, false);
	pf_acl_eval_naive(&acl, rs, &m, &got);
	CU_ASSERT_EQUAL(want.rule, PF_RULE_DEFAULT);
	CU_ASSERT_EQUAL(got.rule, PF_RULE_DEFAULT);
	pf_acl_free(&acl);
	pf_ruleset_free(rs);
}

int pf_test_register_acl(void)
{
	static const struct t_case cases[] = {
	    {"priorities: quick and last match", test_priorities},
	    {"negation and tables as prefixes", test_negation_and_tables},
	    {"random rulesets: expansion == evaluator", test_random_equivalence},
	    {"primitive limit", test_too_many},
	    {"duplicate table entries", test_table_duplicates},
	    {NULL, NULL},
	};
	return t_suite("acl", cases);
}
