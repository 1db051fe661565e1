/* SPDX-License-Identifier: BSD-2-Clause */
/* Random rulesets and packets for the equivalence tests: see pf_random.h. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "pf_random.h"
#include "pf_test.h"

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
void t_rand_rule_line(uint64_t *s, char *buf, size_t len)
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

struct pf_pkt_meta t_rand_pkt(uint64_t *s)
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
