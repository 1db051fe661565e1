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

/* ---- random rulesets ---------------------------------------------------- */

static const char *const v4nets[] = {"192.0.2.0/24",     "192.0.2.0/26", "192.0.2.128/25",
                                     "198.51.100.0/24",  "10.0.0.0/8",   "192.0.2.7",
                                     "198.51.100.200/30"};
static const char *const v6nets[] = {"2001:db8::/32", "2001:db8:1::/48", "2001:db8:1::5",
                                     "2001:db8:2::/64"};
static const char *const any_hosts[] = {"any",    "<t1>",   "! <t1>",   "<t2>",
                                        "! <t2>", "(lan0)", "! (wan0)", "{ <t1> <t2> }"};
static const char *const v4_base[] = {"192.0.2.0", "192.0.2.128", "198.51.100.0", "10.1.0.0",
                                      "203.0.113.0"};
static const char *const v6_base[] = {"2001:db8::", "2001:db8:1::", "2001:db8:2::", "2001:db9::"};

static const char *pick(uint64_t *s, const char *const *v, unsigned n)
{
	return v[t_rand(s) % n];
}

#define PICK(s, v) pick(s, v, sizeof(v) / sizeof(v[0]))

static void host(uint64_t *s, uint8_t af, char *buf, size_t len)
{
	unsigned k = (unsigned)(t_rand(s) % 10);
	const char *neg = t_rand(s) % 4 == 0 ? "! " : "";

	if (k < 4 || af == 0)
		snprintf(buf, len, "%s", PICK(s, any_hosts));
	else if (af == PF_AF_INET)
		snprintf(buf, len, "%s%s", neg, PICK(s, v4nets));
	else
		snprintf(buf, len, "%s%s", neg, PICK(s, v6nets));
}

static void port(uint64_t *s, char *buf, size_t len)
{
	static const char *const ops[] = {"", "= ", "!= ", "< ", "<= ", "> ", ">= "};
	static const char *const vals[] = {"22", "53", "80", "1023", "1024", "0", "65535"};
	unsigned k = (unsigned)(t_rand(s) % 12);

	if (k < 5)
		snprintf(buf, len, "%s%s", PICK(s, ops), PICK(s, vals));
	else if (k < 7)
		snprintf(buf, len, "1000:2000");
	else if (k < 8)
		snprintf(buf, len, "1000 >< 1002");
	else if (k < 9)
		snprintf(buf, len, "1000 <> 2000");
	else
		snprintf(buf, len, "{ 22 53 1024:1030 }");
}

/* One random rule line that the parser accepts by construction. */
static void rule_line(uint64_t *s, char *buf, size_t len)
{
	static const char *const protos[] = {"",      "tcp",  "udp",        "icmp",
	                                     "icmp6", "carp", "{ tcp udp }"};
	static const char *const ifs[] = {"", "on lan0 ", "on ! srv0 ", "on { lan0 wan0 } "};
	char src[64], dst[64], sp[96] = "", dp[96] = "", tmp[64];
	const char *proto = PICK(s, protos), *state = "";
	unsigned action = (unsigned)(t_rand(s) % 7), afk = (unsigned)(t_rand(s) % 3);
	uint8_t af = afk == 1 ? PF_AF_INET : afk == 2 ? PF_AF_INET6 : 0;
	bool ports = strcmp(proto, "tcp") == 0 || strcmp(proto, "udp") == 0 ||
	             strcmp(proto, "{ tcp udp }") == 0;
	bool tcp = proto[0] == '\0' || strstr(proto, "tcp") != NULL;
	bool nat = action == 6;

	if (strcmp(proto, "icmp") == 0)
		af = af == PF_AF_INET6 ? PF_AF_INET : af;
	if (strcmp(proto, "icmp6") == 0)
		af = af == PF_AF_INET ? PF_AF_INET6 : af;
	if (nat) {
		af = PF_AF_INET;
		if (strcmp(proto, "icmp6") == 0)
			proto = "icmp";
	}
	host(s, af, src, sizeof(src));
	host(s, af, dst, sizeof(dst));
	if (ports && t_rand(s) % 2) {
		port(s, tmp, sizeof(tmp));
		snprintf(sp, sizeof(sp), " port %s", tmp);
	}
	if (ports && t_rand(s) % 2) {
		port(s, tmp, sizeof(tmp));
		snprintf(dp, sizeof(dp), " port %s", tmp);
	}
	if (action <= 2) {
		unsigned k = (unsigned)(t_rand(s) % 6);

		state = k == 0          ? " no state"
		        : k == 1        ? " keep state (sloppy)"
		        : k == 2 && tcp ? " flags any"
		        : k == 3 && tcp ? " flags S/SAFR"
		                        : "";
	}
	snprintf(buf, len, "%s%s%s%s%s%s%s from %s%s to %s%s%s%s\n",
	         nat           ? "match"
	         : action <= 2 ? "pass"
	                       : "block",
	         nat                  ? " out"
	         : t_rand(s) % 3 == 0 ? " in"
	         : t_rand(s) % 2      ? " out"
	                              : "",
	         !nat && t_rand(s) % 5 == 0 ? " quick " : " ", PICK(s, ifs),
	         af == PF_AF_INET    ? "inet "
	         : af == PF_AF_INET6 ? "inet6 "
	                             : "",
	         proto[0] ? "proto " : "", proto, src, sp, dst, dp, state,
	         nat ? " nat-to 203.0.113.10" : "");
}

static struct pf_addr rand_addr(uint64_t *s, uint8_t af)
{
	struct pf_addr a = t_addr(af == PF_AF_INET ? PICK(s, v4_base) : PICK(s, v6_base));
	unsigned i, from = af == PF_AF_INET ? 3 : 12, to = af == PF_AF_INET ? 4 : 16;

	for (i = from; i < to; i++)
		a.b[i] = (uint8_t)t_rand(s);
	if (t_rand(s) % 8 == 0) /* sometimes anywhere */
		for (i = 0; i < to; i++)
			a.b[i] = (uint8_t)t_rand(s);
	return a;
}

static struct pf_pkt_meta rand_pkt(uint64_t *s)
{
	static const uint8_t protos[] = {6, 6, 17, 17, 1, 58, 112, 50};
	static const uint16_t ports[] = {0, 22, 53, 80, 1000, 1001, 1023, 1024, 1030, 2000, 65535};
	static const uint8_t flags[] = {PF_TH_SYN, PF_TH_SYN | PF_TH_ACK, PF_TH_ACK,
	                                PF_TH_FIN, PF_TH_SYN | PF_TH_RST, PF_TH_SYN | PF_TH_ECE};
	struct pf_pkt_meta m;

	memset(&m, 0, sizeof(m));
	m.ifindex = (uint16_t)(t_rand(s) % T_NIFS);
	m.dir = t_rand(s) % 2 ? PF_IN : PF_OUT;
	m.af = t_rand(s) % 3 ? PF_AF_INET : PF_AF_INET6;
	m.proto = protos[t_rand(s) % sizeof(protos)];
	m.src = rand_addr(s, m.af);
	m.dst = rand_addr(s, m.af);
	m.fragment = t_rand(s) % 10 == 0;
	if (!m.fragment && (m.proto == PF_PROTO_TCP || m.proto == PF_PROTO_UDP)) {
		m.sport = t_rand(s) % 3 ? ports[t_rand(s) % 11] : (uint16_t)t_rand(s);
		m.dport = t_rand(s) % 3 ? ports[t_rand(s) % 11] : (uint16_t)t_rand(s);
	}
	if (!m.fragment && m.proto == PF_PROTO_TCP)
		m.tcp_flags = t_rand(s) % 4 ? flags[t_rand(s) % 6] : (uint8_t)t_rand(s);
	if (!m.fragment && (m.proto == PF_PROTO_ICMP || m.proto == PF_PROTO_ICMP6))
		m.icmp_nostate = t_rand(s) % 2;
	return m;
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

		n = (size_t)snprintf(conf, sizeof(conf),
		                     "table <t1> { 192.0.2.0/24 !192.0.2.64/26 2001:db8:1::/48 }\n"
		                     "table <t2> { 198.51.100.0/25 10.1.0.0/16 !10.1.2.0/24 }\n");
		nrules = 1 + (unsigned)(t_rand(&seed) % 12);
		while (nrules--) {
			rule_line(&seed, line, sizeof(line));
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
			struct pf_pkt_meta m = rand_pkt(&seed);
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
