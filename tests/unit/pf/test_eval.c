/* SPDX-License-Identifier: BSD-2-Clause */
/* Rule semantics of the reference evaluator: last match, quick, default, tables, ... */
#include <string.h>

#include "pf_test.h"

/* Evaluate one packet against a ruleset given as text. */
static struct pf_eval_result ev(const char *conf, const struct pf_pkt_meta *m)
{
	struct pf_ruleset *rs = t_parse(conf);
	struct pf_eval_result res;

	pf_eval(rs, m, &res, false);
	pf_ruleset_free(rs);
	return res;
}

static struct pf_pkt_meta tcp_in(const char *src, uint16_t sport, const char *dst, uint16_t dport)
{
	return t_meta(T_LAN0, PF_IN, PF_PROTO_TCP, src, sport, dst, dport);
}

static void test_default_pass(void)
{
	struct pf_pkt_meta m = tcp_in("192.0.2.5", 1234, "198.51.100.7", 80);
	struct pf_eval_result r = ev("block in on srv0\n", &m);

	CU_ASSERT_EQUAL(r.rule, PF_RULE_DEFAULT);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_EQUAL(r.keep_state, 0); /* pf's default rule keeps no state */
	r = ev("", &m);
	CU_ASSERT_EQUAL(r.rule, PF_RULE_DEFAULT);
}

static void test_last_match(void)
{
	struct pf_pkt_meta m = tcp_in("192.0.2.5", 1234, "198.51.100.7", 80);
	struct pf_eval_result r;

	r = ev("block all\npass in proto tcp to port 80\n", &m);
	CU_ASSERT_EQUAL(r.rule, 1);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_EQUAL(r.keep_state, 1);
	r = ev("pass in proto tcp to port 80\nblock all\n", &m);
	CU_ASSERT_EQUAL(r.rule, 1);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	r = ev("pass in proto tcp to port 80\nblock all\npass in to 198.51.100.0/24\n", &m);
	CU_ASSERT_EQUAL(r.rule, 2);
}

static void test_quick(void)
{
	struct pf_pkt_meta m = tcp_in("192.0.2.5", 1234, "198.51.100.7", 80);
	struct pf_eval_result r;

	r = ev("block quick proto tcp to port 80\npass all\n", &m);
	CU_ASSERT_EQUAL(r.rule, 0);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	r = ev("block all\npass quick on lan0\nblock quick all\n", &m);
	CU_ASSERT_EQUAL(r.rule, 1);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	/* a quick rule that does not match does not stop anything */
	r = ev("block quick on srv0\npass all\n", &m);
	CU_ASSERT_EQUAL(r.rule, 1);
}

static void test_match_rules_and_nat(void)
{
	const char *conf = "match out on wan0 inet from 192.0.2.0/24 nat-to 203.0.113.10\n" /* 0 */
	                   "pass out on wan0\n"                                             /* 1 */
	                   "match out on wan0 inet from 192.0.2.5 nat-to 203.0.113.11\n"    /* 2 */
	                   "pass out quick on wan0 proto udp\n"                             /* 3 */
	                   "match out on wan0 inet nat-to 203.0.113.12\n";                  /* 4 */
	struct pf_pkt_meta m =
	    t_meta(T_WAN0, PF_OUT, PF_PROTO_TCP, "192.0.2.5", 1234, "198.51.100.7", 80);
	struct pf_eval_result r = ev(conf, &m);

	CU_ASSERT_EQUAL(r.rule, 1); /* match rules never decide */
	CU_ASSERT_EQUAL(r.nat_rule, 4);
	m.proto = PF_PROTO_UDP;
	r = ev(conf, &m);
	CU_ASSERT_EQUAL(r.rule, 3);
	CU_ASSERT_EQUAL(r.nat_rule, 2); /* rule 4 comes after the quick rule */
	m.src = t_addr("192.0.2.6");
	r = ev(conf, &m);
	CU_ASSERT_EQUAL(r.nat_rule, 0);
	/* a deciding rule's own nat-to wins */
	r = ev("match out inet nat-to 203.0.113.10\npass out inet nat-to 203.0.113.11\n", &m);
	CU_ASSERT_EQUAL(r.rule, 1);
	CU_ASSERT_EQUAL(r.nat_rule, 1);
	/* a pass rule's nat-to that does not decide does not apply */
	r = ev("pass out inet nat-to 203.0.113.11\npass out\n", &m);
	CU_ASSERT_EQUAL(r.rule, 1);
	CU_ASSERT_EQUAL(r.nat_rule, -1);
}

static void test_tables_and_negation(void)
{
	const char *conf = "table <lan> { 192.0.2.0/24 !192.0.2.128/25 }\n"
	                   "block all\n"
	                   "pass from <lan>\n"
	                   "pass from ! <lan> to 198.51.100.99\n"
	                   "block from ! 192.0.2.0/28 to 198.51.100.98\n";
	struct pf_pkt_meta m = tcp_in("192.0.2.5", 1, "198.51.100.7", 80);

	CU_ASSERT_EQUAL(ev(conf, &m).rule, 1);
	m.src = t_addr("192.0.2.200"); /* in the ! entry */
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 0);
	m.dst = t_addr("198.51.100.99");
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 2);
	m.dst = t_addr("198.51.100.98");
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 3);
	m.src = t_addr("192.0.2.5");
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 1);
	/* an inet negation does not match an IPv6 packet (the rule is inet) */
	m = t_meta(T_LAN0, PF_IN, PF_PROTO_TCP, "2001:db8:1::5", 1, "2001:db8::1", 80);
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 0);
	/* a negated table matches any address of another family */
	m.dst = t_addr("2001:db8::1");
	CU_ASSERT_EQUAL(ev("table <lan> { 192.0.2.0/24 }\npass from ! <lan>\n", &m).rule, 0);
}

static void test_ports_and_interfaces(void)
{
	const char *conf =
	    "block all\n"
	    "pass in on ! srv0 proto tcp from any port > 1023 to any port 1000 >< 2000\n"
	    "pass out on srv0 proto udp to port { domain ntp }\n";
	struct pf_pkt_meta m = tcp_in("192.0.2.5", 1024, "198.51.100.7", 1500);

	CU_ASSERT_EQUAL(ev(conf, &m).rule, 1);
	m.sport = 1023;
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 0);
	m.sport = 5000;
	m.dport = 1000; /* >< excludes the ends */
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 0);
	m.dport = 1999;
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 1);
	m.ifindex = T_SRV0;
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 0);
	m = t_meta(T_SRV0, PF_OUT, PF_PROTO_UDP, "192.0.2.5", 5000, "198.51.100.7", 123);
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 3); /* { domain ntp } is rules 2 and 3 */
	m.dir = PF_IN;
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 0);
}

/* flags S/SA on stateful rules: only a SYN creates the state. */
static void test_flags(void)
{
	const char *conf = "block all\npass proto tcp\npass proto tcp to port 22 flags any\n";
	struct pf_pkt_meta m = tcp_in("192.0.2.5", 1024, "198.51.100.7", 80);

	m.tcp_flags = PF_TH_SYN;
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 1);
	m.tcp_flags = PF_TH_SYN | PF_TH_ACK;
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 0);
	m.tcp_flags = PF_TH_ACK;
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 0);
	m.tcp_flags = PF_TH_SYN | PF_TH_ECE | PF_TH_CWR; /* ECN bits are outside SA */
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 1);
	m.tcp_flags = PF_TH_ACK;
	m.dport = 22;
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 2);
	/* a rule without proto keeps S/SA for TCP but not for UDP */
	m = t_meta(T_LAN0, PF_IN, PF_PROTO_UDP, "192.0.2.5", 1, "198.51.100.7", 2);
	CU_ASSERT_EQUAL(ev("block all\npass\n", &m).rule, 1);
}

/* ICMP replies and errors do not match keep state rules (they need a state). */
static void test_icmp_nostate(void)
{
	const char *conf = "block all\npass proto icmp\n";
	struct pf_pkt_meta m =
	    t_meta(T_LAN0, PF_IN, PF_PROTO_ICMP, "192.0.2.5", 0, "198.51.100.7", 0);

	CU_ASSERT_EQUAL(ev(conf, &m).rule, 1);
	m.icmp_nostate = 1;
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 0);
	CU_ASSERT_EQUAL(ev("block all\npass proto icmp no state\n", &m).rule, 1);
	CU_ASSERT_EQUAL(ev("block all\npass proto icmp keep state (sloppy)\n", &m).rule, 1);
}

/* Later fragments: no ports, no flags (pf without reassembly). */
static void test_fragments(void)
{
	const char *conf = "block all\npass proto tcp\npass proto udp to port 53\n"
	                   "pass proto udp from 192.0.2.0/24 no state\n";
	struct pf_pkt_meta m = tcp_in("192.0.2.5", 0, "198.51.100.7", 0);

	m.fragment = 1;
	m.tcp_flags = 0;
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 0); /* flags S/SA cannot be checked */
	CU_ASSERT_EQUAL(ev("block all\npass proto tcp flags any\n", &m).rule, 1);
	m.proto = PF_PROTO_UDP;
	CU_ASSERT_EQUAL(ev(conf, &m).rule, 3); /* the port rule cannot match */
}

static void test_evaluations_counted(void)
{
	struct pf_ruleset *rs = t_parse("pass\nblock quick proto tcp\npass\n");
	struct pf_pkt_meta m = tcp_in("192.0.2.5", 1, "198.51.100.7", 80);
	struct pf_eval_result r;

	pf_eval(rs, &m, &r, true);
	CU_ASSERT_EQUAL(r.rule, 1);
	CU_ASSERT_EQUAL(rs->stats[0].evaluations, 1);
	CU_ASSERT_EQUAL(rs->stats[1].evaluations, 1);
	CU_ASSERT_EQUAL(rs->stats[2].evaluations, 0); /* after the quick rule */
	pf_ruleset_free(rs);
}

int pf_test_register_eval(void)
{
	static const struct t_case cases[] = {
	    {"no match: pass without state", test_default_pass},
	    {"last matching rule wins", test_last_match},
	    {"quick decides at once", test_quick},
	    {"match rules and nat-to selection", test_match_rules_and_nat},
	    {"tables and negation", test_tables_and_negation},
	    {"ports and interfaces", test_ports_and_interfaces},
	    {"flags S/SA default", test_flags},
	    {"ICMP replies need a state", test_icmp_nostate},
	    {"later fragments", test_fragments},
	    {"evaluations counted as pf", test_evaluations_counted},
	    {NULL, NULL},
	};
	return t_suite("eval", cases);
}
