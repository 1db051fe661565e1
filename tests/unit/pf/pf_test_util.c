/* SPDX-License-Identifier: BSD-2-Clause */
/* Fixtures for the lib/pf tests: see pf_test.h. */
#include "pf_test.h"

#include <stdio.h>
#include <string.h>

struct pf_ruleset *t_parse(const char *text)
{
	char err[PF_ERR_MAX];
	struct pf_ruleset *rs =
	    pf_parse_buffer("test.conf", text, strlen(text), &t_ifs, err, sizeof(err));

	if (rs == NULL)
		fprintf(stderr, "\n  unexpected parse error: %s\n", err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
	return rs;
}

const char *t_parse_err(const char *text)
{
	static char err[PF_ERR_MAX];
	struct pf_ruleset *rs =
	    pf_parse_buffer("test.conf", text, strlen(text), &t_ifs, err, sizeof(err));

	CU_ASSERT_PTR_NULL(rs);
	pf_ruleset_free(rs);
	return err;
}

struct pf_addr t_addr(const char *s)
{
	struct pf_addr a;

	CU_ASSERT_NOT_EQUAL_FATAL(pf_addr_parse(s, &a), PF_AF_UNSPEC);
	return a;
}

struct pf_pkt_meta t_meta(uint16_t ifindex, uint8_t dir, uint8_t proto, const char *src,
                          uint16_t sport, const char *dst, uint16_t dport)
{
	struct pf_pkt_meta m;

	memset(&m, 0, sizeof(m));
	m.ifindex = ifindex;
	m.dir = dir;
	m.proto = proto;
	m.af = pf_addr_parse(src, &m.src);
	CU_ASSERT_EQUAL_FATAL(pf_addr_parse(dst, &m.dst), m.af);
	m.sport = sport;
	m.dport = dport;
	if (proto == PF_PROTO_TCP)
		m.tcp_flags = PF_TH_SYN;
	return m;
}

uint64_t t_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

int t_suite(const char *name, const struct t_case *cases)
{
	CU_pSuite s = CU_add_suite(name, NULL, NULL);

	if (s == NULL)
		return CU_get_error();
	for (; cases->name != NULL; cases++)
		if (CU_add_test(s, cases->name, cases->fn) == NULL)
			return CU_get_error();
	return 0;
}
