/* SPDX-License-Identifier: BSD-2-Clause */
/* --check: "no rule passes CARP on carpdev X". */
#include <stdio.h>
#include <string.h>

#include "pf_check.h"
#include "pf_test.h"

struct warnings {
	unsigned n;
	char last[512];
};

static void collect(void *ctx, const char *msg)
{
	struct warnings *w = ctx;

	w->n++;
	snprintf(w->last, sizeof(w->last), "%s", msg);
}

static unsigned check(const char *conf, struct warnings *w)
{
	static const char *const carpdevs[] = {"lan0", "wan0"};
	struct pf_ruleset *rs = t_parse(conf);
	unsigned n;

	memset(w, 0, sizeof(*w));
	n = pf_check_carp(rs, &t_ifs, carpdevs, 2, collect, w);
	pf_ruleset_free(rs);
	return n;
}

static void test_carp_blocked(void)
{
	struct warnings w;

	CU_ASSERT_EQUAL(check("block all\npass on wan0 proto carp\n", &w), 1);
	CU_ASSERT_EQUAL(w.n, 1);
	CU_ASSERT_STRING_EQUAL(w.last, "test.conf: no rule passes CARP on carpdev lan0 "
	                               "(inet in: blocked by rule 0, line 1)");
	/* inbound allowed, outbound not; IPv6 checked when the carpdev has an address */
	CU_ASSERT_EQUAL(check("block all\npass in proto carp\npass out inet proto carp\n", &w), 2);
	CU_ASSERT_STRING_EQUAL(w.last, "test.conf: no rule passes CARP on carpdev wan0 "
	                               "(inet6 out: blocked by rule 0, line 1)");
}

static void test_carp_passes(void)
{
	struct warnings w;

	CU_ASSERT_EQUAL(check("pass all\n", &w), 0);
	CU_ASSERT_EQUAL(check("", &w), 0); /* default pass */
	CU_ASSERT_EQUAL(
	    check("block all\npass on { lan0 wan0 } proto carp keep state (no-sync)\n", &w), 0);
	CU_ASSERT_EQUAL(check("block all\nset skip on { lan0 wan0 }\n", &w), 0);
	/* a later block of everything on lan0 wins over an earlier pass */
	CU_ASSERT_EQUAL(check("pass proto carp\nblock on lan0\n", &w), 1);
	/* quick pass protects it */
	CU_ASSERT_EQUAL(check("pass quick proto carp\nblock all\n", &w), 0);
}

int pf_test_register_check(void)
{
	static const struct t_case cases[] = {
	    {"blocked CARP is reported per carpdev", test_carp_blocked},
	    {"passing CARP is quiet", test_carp_passes},
	    {NULL, NULL},
	};
	return t_suite("check", cases);
}
