/* SPDX-License-Identifier: BSD-2-Clause */
/* Every example under config/pf/ parses, and passes CARP on its carpdevs. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "pf_check.h"
#include "pf_test.h"

static void count_warning(void *ctx, const char *msg)
{
	fprintf(stderr, "\n  %s", msg);
	(*(unsigned *)ctx)++;
}

static void test_examples_parse(void)
{
	static const char *const carpdevs[] = {"lan0", "srv0", "wan0"};
	DIR *d = opendir(PF_EXAMPLES_DIR);
	struct dirent *e;
	unsigned files = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d)) != NULL) {
		char path[4096], err[PF_ERR_MAX];
		struct pf_ruleset *rs;
		size_t l = strlen(e->d_name);
		unsigned warnings = 0;

		if (l < 6 || strcmp(e->d_name + l - 5, ".conf") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", PF_EXAMPLES_DIR, e->d_name);
		rs = pf_parse_file(path, &t_ifs, err, sizeof(err));
		if (rs == NULL)
			fprintf(stderr, "\n  %s\n", err);
		CU_ASSERT_PTR_NOT_NULL(rs);
		if (rs == NULL)
			continue;
		files++;
		CU_ASSERT(rs->nrules > 0);
		if (strcmp(e->d_name, "firewall-pair.conf") == 0) {
			CU_ASSERT_EQUAL(
			    pf_check_carp(rs, &t_ifs, carpdevs, 3, count_warning, &warnings), 0);
			CU_ASSERT_EQUAL(warnings, 0);
		}
		pf_ruleset_free(rs);
	}
	closedir(d);
	CU_ASSERT(files >= 2);
}

int pf_test_register_examples(void)
{
	static const struct t_case cases[] = {
	    {"config/pf/*.conf parse", test_examples_parse},
	    {NULL, NULL},
	};
	return t_suite("examples", cases);
}
