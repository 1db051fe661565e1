/* SPDX-License-Identifier: BSD-2-Clause */
/* --check warnings: see pf_check.h. */
#include "pf_check.h"
#include "pf_eval.h"

#include <stdio.h>
#include <string.h>

static const struct pf_addr carp_group4 = {.b = {224, 0, 0, 18}};
static const struct pf_addr carp_group6 = {.b = {0xff, 0x02, [15] = 0x12}};

/* First address of a family on the interface, or zero. */
static struct pf_addr first_addr(const struct pf_iface *ifc, uint8_t af, bool *found)
{
	struct pf_addr zero;
	unsigned i;

	for (i = 0; i < ifc->naddrs; i++)
		if (ifc->addrs[i].af == af) {
			*found = true;
			return ifc->addrs[i].addr;
		}
	*found = false;
	memset(&zero, 0, sizeof(zero));
	return zero;
}

/* The first blocked case, described in buf; false when everything passes. */
static bool carp_blocked(const struct pf_ruleset *rs, const struct pf_iface *ifc, char *buf,
                         size_t len)
{
	static const uint8_t afs[2] = {PF_AF_INET, PF_AF_INET6};
	bool has[2], any;
	unsigned a, d;

	first_addr(ifc, PF_AF_INET, &has[0]);
	first_addr(ifc, PF_AF_INET6, &has[1]);
	any = has[0] || has[1];
	for (a = 0; a < 2; a++) {
		if (!has[a] && (any || a == 1))
			continue; /* no address at all: check IPv4 from 0.0.0.0 */
		for (d = PF_IN; d <= PF_OUT; d++) {
			struct pf_pkt_meta m;
			struct pf_eval_result r;
			bool found;

			memset(&m, 0, sizeof(m));
			m.ifindex = ifc->id;
			m.dir = (uint8_t)d;
			m.af = afs[a];
			m.proto = PF_PROTO_CARP;
			m.src = first_addr(ifc, afs[a], &found);
			m.dst = a == 0 ? carp_group4 : carp_group6;
			pf_eval(rs, &m, &r, false);
			if (r.action == PF_DROP) {
				snprintf(buf, len, "%s %s: blocked by rule %d, line %u",
				         a == 0 ? "inet" : "inet6", d == PF_IN ? "in" : "out",
				         r.rule, rs->rules[r.rule].line);
				return true;
			}
		}
	}
	return false;
}

unsigned pf_check_carp(const struct pf_ruleset *rs, const struct pf_iface_list *ifs,
                       const char *const *carpdevs, unsigned n, pf_warn_fn warn, void *ctx)
{
	char why[128], msg[512];
	unsigned i, count = 0;

	for (i = 0; i < n; i++) {
		const struct pf_iface *ifc = pf_iface_find(ifs, carpdevs[i]);

		if (ifc == NULL) {
			snprintf(msg, sizeof(msg), "%s: carpdev %s is not a known interface",
			         rs->file, carpdevs[i]);
			warn(ctx, msg);
			count++;
			continue;
		}
		if (pf_skip_iface(rs, ifc->id) || !carp_blocked(rs, ifc, why, sizeof(why)))
			continue;
		snprintf(msg, sizeof(msg), "%s: no rule passes CARP on carpdev %s (%s)", rs->file,
		         ifc->name, why);
		warn(ctx, msg);
		count++;
	}
	return count;
}
