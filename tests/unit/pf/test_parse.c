/* SPDX-License-Identifier: BSD-2-Clause */
/* pf.conf parser: what each construct compiles to (rules, tables, options). */
#include <string.h>

#include "pf_test.h"

static void assert_prefix(const struct pf_rule_addr *ra, const char *addr, unsigned plen)
{
	struct pf_addr a = t_addr(addr);

	CU_ASSERT_EQUAL(ra->type, PF_RA_PREFIX);
	CU_ASSERT_EQUAL(ra->plen, plen);
	CU_ASSERT_EQUAL(memcmp(&ra->addr, &a, sizeof(a)), 0);
}

/* The seeds' lines, verbatim. */
static void test_seed_lines(void)
{
	struct pf_ruleset *rs = t_parse("carpdevs = \"{ lan0 srv0 }\"\n"
	                                "syncdev = \"pfsync0\"\n"
	                                "set skip on pfsync0\n"
	                                "pass on $carpdevs proto carp keep state (no-sync)\n"
	                                "pass on $syncdev proto pfsync\n");

	CU_ASSERT_EQUAL_FATAL(rs->nrules, 3);
	CU_ASSERT_EQUAL(rs->nskip, 1);
	CU_ASSERT_EQUAL(rs->skip[0], T_PFSYNC0);
	CU_ASSERT_EQUAL(rs->rules[0].ifindex, T_LAN0);
	CU_ASSERT_EQUAL(rs->rules[1].ifindex, T_SRV0);
	CU_ASSERT_EQUAL(rs->rules[0].proto, PF_PROTO_CARP);
	CU_ASSERT_EQUAL(rs->rules[0].action, PF_PASS);
	CU_ASSERT_EQUAL(rs->rules[0].direction, PF_INOUT);
	CU_ASSERT_EQUAL(rs->rules[0].keep_state, 1);
	CU_ASSERT_EQUAL(rs->rules[0].state_flags, PFSTATE_NOSYNC);
	CU_ASSERT_EQUAL(rs->rules[0].flagset, 0); /* S/SA only for tcp */
	CU_ASSERT_EQUAL(rs->rules[0].line, 4);
	CU_ASSERT_EQUAL(rs->rules[1].line, 4);
	CU_ASSERT_EQUAL(rs->rules[2].proto, PF_PROTO_PFSYNC);
	CU_ASSERT_EQUAL(rs->rules[2].ifindex, T_PFSYNC0);
	CU_ASSERT_EQUAL(rs->rules[2].keep_state, 1); /* keep state is the default */
	CU_ASSERT_EQUAL(rs->rules[2].state_flags, 0);
	CU_ASSERT_EQUAL(rs->rules[2].line, 5);
	pf_ruleset_free(rs);
}

static void test_macros(void)
{
	struct pf_ruleset *rs = t_parse("a = \"lan0\"\n"
	                                "both = \"{\" $a \"srv0 }\"\n" /* concatenation */
	                                "ports = \"{ ssh https }\"\n"
	                                "pass in on $both proto tcp to port $ports\n"
	                                "pass out from $a:network\n" /* text flows on */
	                                "a = \"wan0\"\n"             /* redefinition */
	                                "block on $a\n");

	CU_ASSERT_EQUAL_FATAL(rs->nrules, 4 + 2 + 1);
	CU_ASSERT_EQUAL(rs->rules[0].ifindex, T_LAN0);
	CU_ASSERT_EQUAL(rs->rules[0].dst.port.a, 22);
	CU_ASSERT_EQUAL(rs->rules[1].dst.port.a, 443);
	CU_ASSERT_EQUAL(rs->rules[2].ifindex, T_SRV0);
	assert_prefix(&rs->rules[4].src, "192.0.2.0", 24);
	assert_prefix(&rs->rules[5].src, "2001:db8:1::", 64);
	CU_ASSERT_EQUAL(rs->rules[6].ifindex, T_WAN0);
	pf_ruleset_free(rs);
}

/* Lists expand like pfctl: interface x proto x src x dst x sport x dport. */
static void test_list_expansion(void)
{
	struct pf_ruleset *rs = t_parse("pass in on { lan0, srv0 } proto { tcp udp } \\\n"
	                                "  from { 192.0.2.7 192.0.2.8 } to any port { 22 80 }\n");
	unsigned i, f, pr, s, d;

	CU_ASSERT_EQUAL_FATAL(rs->nrules, 16);
	for (i = 0; i < 16; i++) {
		const struct pf_rule *r = &rs->rules[i];

		f = i / 8, pr = i / 4 % 2, s = i / 2 % 2, d = i % 2;
		CU_ASSERT_EQUAL(r->nr, i);
		CU_ASSERT_EQUAL(r->line, 1);
		CU_ASSERT_EQUAL(r->ifindex, f ? T_SRV0 : T_LAN0);
		CU_ASSERT_EQUAL(r->proto, pr ? PF_PROTO_UDP : PF_PROTO_TCP);
		CU_ASSERT_EQUAL(r->src.addr.b[3], s ? 8 : 7);
		CU_ASSERT_EQUAL(r->dst.port.a, d ? 80 : 22);
		CU_ASSERT_EQUAL(r->af, PF_AF_INET);
	}
	pf_ruleset_free(rs);
}

/* A combination whose families disagree is skipped (pfctl). */
static void test_family_skip(void)
{
	struct pf_ruleset *rs = t_parse("pass from { 192.0.2.0/24 2001:db8::/32 } to "
	                                "{ 198.51.100.0/24 2001:db8:5::/48 }\n"
	                                "pass inet6 from { 192.0.2.0/24 2001:db8::/32 }\n");

	CU_ASSERT_EQUAL_FATAL(rs->nrules, 3);
	CU_ASSERT_EQUAL(rs->rules[0].af, PF_AF_INET);
	CU_ASSERT_EQUAL(rs->rules[1].af, PF_AF_INET6);
	assert_prefix(&rs->rules[1].dst, "2001:db8:5::", 48);
	CU_ASSERT_EQUAL(rs->rules[2].af, PF_AF_INET6);
	pf_ruleset_free(rs);
}

static void test_ports(void)
{
	static const struct {
		const char *spec;
		uint8_t op;
		uint16_t a, b;
	} c[] = {
	    {"ssh", PF_OP_EQ, 22, 0},
	    {"= domain", PF_OP_EQ, 53, 0},
	    {"!= 80", PF_OP_NE, 80, 0},
	    {"< 1024", PF_OP_LT, 1024, 0},
	    {"<= 1024", PF_OP_LE, 1024, 0},
	    {"> 1023", PF_OP_GT, 1023, 0},
	    {">= https", PF_OP_GE, 443, 0},
	    {"1000:2000", PF_OP_RRG, 1000, 2000},
	    {"80:80", PF_OP_EQ, 80, 0},
	    {"1000 >< 2000", PF_OP_IRG, 1000, 2000},
	    {"1000 <> 2000", PF_OP_XRG, 1000, 2000},
	    {"0", PF_OP_EQ, 0, 0},
	    {"65535", PF_OP_EQ, 65535, 0},
	    {"ntp:ntp", PF_OP_EQ, 123, 0},
	};
	char buf[128];
	unsigned i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct pf_ruleset *rs;

		snprintf(buf, sizeof(buf), "pass proto tcp from any port %s\n", c[i].spec);
		rs = t_parse(buf);
		CU_ASSERT_EQUAL_FATAL(rs->nrules, 1);
		CU_ASSERT_EQUAL(rs->rules[0].src.port.op, c[i].op);
		CU_ASSERT_EQUAL(rs->rules[0].src.port.a, c[i].a);
		CU_ASSERT_EQUAL(rs->rules[0].src.port.b, c[i].b);
		pf_ruleset_free(rs);
	}
}

static void test_addresses(void)
{
	struct pf_ruleset *rs = t_parse("pass from 10/8 to 192.0.2.77/24\n"
	                                "pass from ! 2001:db8::1 to 2001:db8:0:0:0:0:0:0/127\n"
	                                "pass from { 192.0.2.1 any } to any\n"
	                                "pass from 198.51.100.9\n");

	CU_ASSERT_EQUAL_FATAL(rs->nrules, 4);
	assert_prefix(&rs->rules[0].src, "10.0.0.0", 8);
	assert_prefix(&rs->rules[0].dst, "192.0.2.0", 24); /* host bits cleared */
	assert_prefix(&rs->rules[1].src, "2001:db8::1", 128);
	CU_ASSERT_EQUAL(rs->rules[1].src.neg, 1);
	assert_prefix(&rs->rules[1].dst, "2001:db8::", 127);
	CU_ASSERT_EQUAL(rs->rules[2].src.type, PF_RA_ANY); /* a list holding any is any */
	CU_ASSERT_EQUAL(rs->rules[2].af, PF_AF_UNSPEC);
	assert_prefix(&rs->rules[3].src, "198.51.100.9", 32);
	CU_ASSERT_EQUAL(rs->rules[3].dst.type, PF_RA_ANY);
	pf_ruleset_free(rs);
}

/* IF, IF:network, IF:0, (IF), self: the caller's interface addresses. */
static void test_interface_addresses(void)
{
	struct pf_ruleset *rs = t_parse("pass from lan0\n"
	                                "pass from ! lan0:network\n"
	                                "pass to wan0:0\n"
	                                "pass from (lan0)\n"
	                                "pass to ! (wan0:network)\n"
	                                "pass to self\n"
	                                "pass from (lan0) to (lan0)\n");
	const struct pf_table *t;

	CU_ASSERT_EQUAL_FATAL(rs->nrules, 2 + 2 + 2 + 4);
	assert_prefix(&rs->rules[0].src, "192.0.2.1", 32);
	assert_prefix(&rs->rules[1].src, "2001:db8:1::1", 128);
	assert_prefix(&rs->rules[2].src, "192.0.2.0", 24);
	CU_ASSERT_EQUAL(rs->rules[2].src.neg, 1);
	assert_prefix(&rs->rules[3].src, "2001:db8:1::", 64);
	assert_prefix(&rs->rules[4].dst, "203.0.113.2", 32);
	CU_ASSERT_EQUAL(rs->rules[6].src.type, PF_RA_TABLE);
	CU_ASSERT_EQUAL(rs->rules[6].af, PF_AF_UNSPEC);
	t = &rs->tables[rs->rules[6].src.table];
	CU_ASSERT_STRING_EQUAL(t->name, "(lan0)");
	CU_ASSERT_EQUAL(t->n, 2);
	t = &rs->tables[rs->rules[7].dst.table];
	CU_ASSERT_STRING_EQUAL(t->name, "(wan0:network)");
	CU_ASSERT_EQUAL(rs->rules[7].dst.neg, 1);
	CU_ASSERT_EQUAL(t->e[0].plen, 24);
	t = &rs->tables[rs->rules[8].dst.table];
	CU_ASSERT_STRING_EQUAL(t->name, "self");
	CU_ASSERT_EQUAL(t->n, 7);
	/* one table per name, shared */
	CU_ASSERT_EQUAL(rs->rules[9].src.table, rs->rules[6].src.table);
	CU_ASSERT_EQUAL(rs->rules[9].dst.table, rs->rules[6].src.table);
	CU_ASSERT_EQUAL(rs->ntables, 3);
	pf_ruleset_free(rs);
}

static void test_tables(void)
{
	struct pf_ruleset *rs = t_parse("table <lan> persist { 192.0.2.0/24, !192.0.2.128/25 \n"
	                                "   2001:db8::/32 { srv0 } } const\n"
	                                "table <empty> { }\n"
	                                "block from ! <lan> to <empty>\n");
	const struct pf_table *t;

	CU_ASSERT_EQUAL_FATAL(rs->nrules, 1);
	CU_ASSERT_EQUAL(rs->ntables, 2);
	t = &rs->tables[rs->rules[0].src.table];
	CU_ASSERT_STRING_EQUAL(t->name, "lan");
	CU_ASSERT_EQUAL_FATAL(t->n, 4);
	CU_ASSERT_EQUAL(t->e[1].neg, 1);
	CU_ASSERT_EQUAL(t->e[1].plen, 25);
	CU_ASSERT_EQUAL(t->e[2].af, PF_AF_INET6);
	CU_ASSERT_EQUAL(t->e[3].plen, 32); /* srv0's address */
	CU_ASSERT_EQUAL(rs->rules[0].src.neg, 1);
	CU_ASSERT_EQUAL(rs->tables[rs->rules[0].dst.table].n, 0);
	/* membership: longest prefix wins, a ! entry excludes */
	CU_ASSERT_TRUE(pf_table_match(t, PF_AF_INET, &(struct pf_addr){.b = {192, 0, 2, 5}}));
	CU_ASSERT_FALSE(pf_table_match(t, PF_AF_INET, &(struct pf_addr){.b = {192, 0, 2, 200}}));
	CU_ASSERT_TRUE(pf_table_match(t, PF_AF_INET, &(struct pf_addr){.b = {198, 51, 100, 1}}));
	CU_ASSERT_FALSE(pf_table_match(t, PF_AF_INET, &(struct pf_addr){.b = {198, 51, 100, 2}}));
	pf_ruleset_free(rs);
}

static void test_options(void)
{
	struct pf_ruleset *rs = t_parse("set limit states 1000\n"
	                                "set timeout { tcp.established 3600, udp.single 20\n"
	                                " icmp.error 5 }\n"
	                                "set timeout tcp.first 60\n");

	CU_ASSERT_EQUAL(rs->nrules, 0);
	CU_ASSERT_EQUAL(rs->limit_states, 1000);
	CU_ASSERT_EQUAL(rs->timeout[PFTM_ADAPTIVE_START], 600); /* 60% of the limit */
	CU_ASSERT_EQUAL(rs->timeout[PFTM_ADAPTIVE_END], 1200);  /* 120% */
	CU_ASSERT_EQUAL(rs->timeout[PFTM_TCP_ESTABLISHED], 3600);
	CU_ASSERT_EQUAL(rs->timeout[PFTM_UDP_SINGLE], 20);
	CU_ASSERT_EQUAL(rs->timeout[PFTM_ICMP_ERROR_REPLY], 5);
	CU_ASSERT_EQUAL(rs->timeout[PFTM_TCP_FIRST_PACKET], 60);
	CU_ASSERT_EQUAL(rs->timeout[PFTM_TCP_CLOSED], 90); /* untouched default */
	pf_ruleset_free(rs);

	rs = t_parse("set limit { states 5000 }\nset timeout adaptive.start 100\n");
	CU_ASSERT_EQUAL(rs->limit_states, 5000);
	CU_ASSERT_EQUAL(rs->timeout[PFTM_ADAPTIVE_START], 100); /* explicit: no 60%/120% */
	CU_ASSERT_EQUAL(rs->timeout[PFTM_ADAPTIVE_END], 120000);
	pf_ruleset_free(rs);

	rs = t_parse("# nothing but a comment\n\n");
	CU_ASSERT_EQUAL(rs->limit_states, PFSTATE_HIWAT);
	CU_ASSERT_EQUAL(rs->timeout[PFTM_TCP_ESTABLISHED], 86400);
	CU_ASSERT_EQUAL(rs->timeout[PFTM_ADAPTIVE_START], 60000);
	CU_ASSERT_EQUAL(rs->timeout[PFTM_ADAPTIVE_END], 120000);
	pf_ruleset_free(rs);
}

/* keep state default, flags S/SA default, no state, state options. */
static void test_state_defaults(void)
{
	struct pf_ruleset *rs = t_parse("pass\n"
	                                "pass proto tcp no state\n"
	                                "pass proto tcp flags any\n"
	                                "pass proto tcp flags S/SAFR keep state (max 100, sloppy)\n"
	                                "block proto tcp\n"
	                                "match proto udp\n"
	                                "pass proto tcp flags /SA keep state (no-sync max 10)\n");
	const struct pf_rule *r = rs->rules;

	CU_ASSERT_EQUAL_FATAL(rs->nrules, 7);
	CU_ASSERT_EQUAL(r[0].keep_state, 1);
	CU_ASSERT_EQUAL(r[0].flags, PF_TH_SYN);
	CU_ASSERT_EQUAL(r[0].flagset, PF_TH_SYN | PF_TH_ACK);
	CU_ASSERT_EQUAL(r[1].keep_state, 0);
	CU_ASSERT_EQUAL(r[1].flagset, 0);
	CU_ASSERT_EQUAL(r[2].keep_state, 1);
	CU_ASSERT_EQUAL(r[2].flagset, 0);
	CU_ASSERT_EQUAL(r[3].flags, PF_TH_SYN);
	CU_ASSERT_EQUAL(r[3].flagset, PF_TH_SYN | PF_TH_ACK | PF_TH_FIN | PF_TH_RST);
	CU_ASSERT_EQUAL(r[3].max_states, 100);
	CU_ASSERT_EQUAL(r[3].adaptive_start, 60);
	CU_ASSERT_EQUAL(r[3].adaptive_end, 120);
	CU_ASSERT_EQUAL(r[3].state_flags, PFSTATE_SLOPPY);
	CU_ASSERT_EQUAL(r[4].keep_state, 0);
	CU_ASSERT_EQUAL(r[4].flagset, 0);
	CU_ASSERT_EQUAL(r[5].action, PF_MATCH);
	CU_ASSERT_EQUAL(r[5].keep_state, 0);
	CU_ASSERT_EQUAL(r[6].flags, 0);
	CU_ASSERT_EQUAL(r[6].flagset, PF_TH_SYN | PF_TH_ACK);
	CU_ASSERT_EQUAL(r[6].state_flags, PFSTATE_NOSYNC);
	CU_ASSERT_EQUAL(r[6].adaptive_end, 12);
	pf_ruleset_free(rs);
}

static void test_nat_to(void)
{
	struct pf_ruleset *rs = t_parse("match out on wan0 inet from lan0:network nat-to (carp0)\n"
	                                "match out on wan0 from 192.0.2.0/24 nat-to 203.0.113.10 "
	                                "port 1024:2047\n"
	                                "pass out on wan0 from 192.0.2.9 nat-to wan0 static-port\n"
	                                "match out on wan0 inet6 nat-to (wan0:0) port 4000\n"
	                                "match out on wan0 nat-to carp0\n");
	const struct pf_rule *r = rs->rules;
	struct pf_addr vip = t_addr("203.0.113.10"), wan = t_addr("203.0.113.2");
	struct pf_addr wan6 = t_addr("2001:db8:2::2");

	CU_ASSERT_EQUAL_FATAL(rs->nrules, 5);
	CU_ASSERT_EQUAL(r[0].af, PF_AF_INET);
	CU_ASSERT_TRUE(r[0].nat.set);
	CU_ASSERT_EQUAL(memcmp(&r[0].nat.addr, &vip, sizeof(vip)), 0);
	CU_ASSERT_STRING_EQUAL(r[0].nat.ifname, "carp0");
	CU_ASSERT_EQUAL(r[0].nat.port_lo, PF_NAT_PORT_LOW);
	CU_ASSERT_EQUAL(r[0].nat.port_hi, PF_NAT_PORT_HIGH);
	CU_ASSERT_EQUAL(r[1].nat.port_lo, 1024);
	CU_ASSERT_EQUAL(r[1].nat.port_hi, 2047);
	CU_ASSERT_STRING_EQUAL(r[1].nat.ifname, "");
	CU_ASSERT_EQUAL(memcmp(&r[2].nat.addr, &wan, sizeof(wan)), 0);
	CU_ASSERT_TRUE(r[2].nat.static_port);
	CU_ASSERT_EQUAL(r[2].action, PF_PASS);
	CU_ASSERT_EQUAL(memcmp(&r[3].nat.addr, &wan6, sizeof(wan6)), 0);
	CU_ASSERT_EQUAL(r[3].nat.port_lo, 4000);
	CU_ASSERT_EQUAL(r[3].nat.port_hi, 4000);
	CU_ASSERT_EQUAL(r[4].af, PF_AF_INET); /* carp0 has only an IPv4 address */
	pf_ruleset_free(rs);
}

static void test_misc(void)
{
	struct pf_ruleset *rs = t_parse("block in quick on ! lan0 inet6 proto 58 all # comment\n"
	                                "pass out \\\n"
	                                "  proto { icmp, 112 } \\\n"
	                                "  to 192.0.2.0/24\n"
	                                "\n"
	                                "block drop out on carp1 proto icmp6 from any to any\n"
	                                "pass in proto \"tcp\" to \"192.0.2.1\"\n");
	const struct pf_rule *r = rs->rules;

	CU_ASSERT_EQUAL_FATAL(rs->nrules, 5);
	CU_ASSERT_EQUAL(r[0].action, PF_DROP);
	CU_ASSERT_EQUAL(r[0].direction, PF_IN);
	CU_ASSERT_EQUAL(r[0].quick, 1);
	CU_ASSERT_EQUAL(r[0].ifnot, 1);
	CU_ASSERT_EQUAL(r[0].ifindex, T_LAN0);
	CU_ASSERT_EQUAL(r[0].af, PF_AF_INET6);
	CU_ASSERT_EQUAL(r[0].proto, PF_PROTO_ICMP6);
	CU_ASSERT_EQUAL(r[1].line, 2);
	CU_ASSERT_EQUAL(r[1].proto, PF_PROTO_ICMP);
	CU_ASSERT_EQUAL(r[2].proto, PF_PROTO_CARP);
	CU_ASSERT_EQUAL(r[2].direction, PF_OUT);
	CU_ASSERT_EQUAL(r[3].line, 6);
	CU_ASSERT_EQUAL(r[3].ifindex, T_CARP1);
	CU_ASSERT_EQUAL(r[4].direction, PF_IN); /* quoted: a value, never a keyword */
	assert_prefix(&r[4].dst, "192.0.2.1", 32);
	CU_ASSERT_EQUAL(r[4].proto, PF_PROTO_TCP);
	pf_ruleset_free(rs);
}

int pf_test_register_parse(void)
{
	static const struct t_case cases[] = {
	    {"the seeds' lines verbatim", test_seed_lines},
	    {"macros: definition, concatenation, use, redefinition", test_macros},
	    {"lists expand in pfctl's order", test_list_expansion},
	    {"mixed families: combinations skipped", test_family_skip},
	    {"port operators and service names", test_ports},
	    {"addresses and prefixes, any", test_addresses},
	    {"interface addresses, (IF), self", test_interface_addresses},
	    {"tables: entries, negation, membership", test_tables},
	    {"set limit, set timeout, adaptive defaults", test_options},
	    {"keep state, flags S/SA defaults, state options", test_state_defaults},
	    {"nat-to: address, (IF), IF, ports, static-port", test_nat_to},
	    {"quick, !IF, af, proto, continuation, comments", test_misc},
	    {NULL, NULL},
	};
	return t_suite("parse", cases);
}
