/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: lib/pf's pf.conf parser, and on every ruleset it
 * accepts a differential check: for packets derived from the input, the
 * rte_acl-ready expansion must give the reference evaluator's verdict.
 * Invariants (abort = a finding): an error always reads "fuzz.conf:LINE:
 * reason"; expansion and evaluation agree; no sanitizer report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pf_acl.h"
#include "pf_check.h"
#include "pf_fixture.h"
#include "pf_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void invariant(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz invariant failed: %s\n", what);
		abort();
	}
}

static void quiet(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
}

static uint64_t next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* A packet near the ruleset's own addresses and ports. */
static void packet(const struct pf_ruleset *rs, uint64_t *s, struct pf_pkt_meta *m)
{
	static const uint8_t protos[] = {1, 6, 17, 58, 112, 240, 50};
	const struct pf_rule *r = &rs->rules[next(s) % rs->nrules];
	unsigned i;

	memset(m, 0, sizeof(*m));
	m->ifindex = (uint16_t)(next(s) % (T_NIFS + 1));
	m->dir = next(s) % 2 ? PF_IN : PF_OUT;
	m->af = r->af ? r->af : (next(s) % 2 ? PF_AF_INET : PF_AF_INET6);
	m->proto = r->proto && next(s) % 4 ? r->proto : protos[next(s) % sizeof(protos)];
	m->src = r->src.addr;
	m->dst = r->dst.addr;
	for (i = 0; i < 16; i++) {
		if (next(s) % 3 == 0)
			m->src.b[i] ^= (uint8_t)next(s);
		if (next(s) % 3 == 0)
			m->dst.b[i] ^= (uint8_t)next(s);
	}
	if (m->af == PF_AF_INET) {
		memset(m->src.b + 4, 0, 12);
		memset(m->dst.b + 4, 0, 12);
	}
	m->fragment = next(s) % 8 == 0;
	if (!m->fragment && (m->proto == 6 || m->proto == 17)) {
		m->sport =
		    next(s) % 2 ? r->src.port.a + (uint16_t)(next(s) % 3) - 1 : (uint16_t)next(s);
		m->dport =
		    next(s) % 2 ? r->dst.port.a + (uint16_t)(next(s) % 3) - 1 : (uint16_t)next(s);
	}
	if (!m->fragment && m->proto == 6)
		m->tcp_flags = (uint8_t)next(s);
	if (!m->fragment && (m->proto == 1 || m->proto == 58))
		m->icmp_nostate = next(s) % 2;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const carpdevs[] = {"lan0", "srv0", "wan0"};
	char err[PF_ERR_MAX];
	struct pf_ruleset *rs;
	struct pf_acl acl;
	uint64_t seed = 0x9e3779b97f4a7c15ULL ^ size;
	unsigned i;

	rs = pf_parse_buffer("fuzz.conf", (const char *)data, size, &t_ifs, err, sizeof(err));
	if (rs == NULL) {
		invariant(strncmp(err, "fuzz.conf:", 10) == 0 && strlen(err) > 12,
		          "error is FILE:LINE: reason");
		return 0;
	}
	for (i = 0; i < size && i < 64; i++)
		seed = seed * 31 + data[i];
	pf_check_carp(rs, &t_ifs, carpdevs, 3, quiet, NULL);
	if (rs->nrules > 0 && pf_acl_expand(rs, &acl, 4096) == 0) {
		for (i = 0; i < 16; i++) {
			struct pf_pkt_meta m;
			struct pf_eval_result want, got;

			packet(rs, &seed, &m);
			pf_eval(rs, &m, &want, true);
			pf_acl_eval_naive(&acl, rs, &m, &got);
			invariant(want.rule == got.rule && want.action == got.action &&
			              want.keep_state == got.keep_state &&
			              want.nat_rule == got.nat_rule,
			          "expansion gives the evaluator's verdict");
		}
		pf_acl_free(&acl);
	}
	pf_ruleset_free(rs);
	return 0;
}
