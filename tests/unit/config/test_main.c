/* SPDX-License-Identifier: BSD-2-Clause */
/* CUnit runner for the configuration (app/config/cfg_*) and command line: basic mode, summary printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/Basic.h>

#include "cfg_err.h"
#include "cfg_test.h"

static void dump_errors(const struct cfg_errors *e)
{
	for (unsigned int i = 0; i < e->n; i++)
		fprintf(stderr, "    got: %s\n", e->msg[i]);
}

void cfg_expect_error(const char *text, const char *want)
{
	struct cfg_errors errs;
	struct cfg cfg;
	int ret;

	cfg_errors_init(&errs);
	ret = cfg_load_string(&cfg, CFG_TEST_NAME, text, &errs);
	CU_ASSERT_EQUAL(ret, -22 /* -EINVAL */);
	CU_ASSERT_EQUAL(errs.n, 1);
	if (errs.n >= 1)
		CU_ASSERT_STRING_EQUAL(errs.msg[0], want);
	if (ret != -22 || errs.n != 1 || strcmp(errs.msg[0], want) != 0) {
		fprintf(stderr, "\n    want: %s\n", want);
		dump_errors(&errs);
	}
	cfg_free(&cfg);
}

void cfg_write_tmp(char path[CFG_TMP_PATH], const char *stem, const char *text)
{
	int fd;

	snprintf(path, CFG_TMP_PATH, "/tmp/%s_XXXXXX", stem);
	fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_FATAL(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
}

void cfg_expect_valid(struct cfg *cfg, const char *text)
{
	struct cfg_errors errs;
	int ret;

	cfg_errors_init(&errs);
	ret = cfg_load_string(cfg, CFG_TEST_NAME, text, &errs);
	CU_ASSERT_EQUAL(ret, 0);
	CU_ASSERT_EQUAL(errs.n, 0);
	if (ret != 0 || errs.n != 0)
		dump_errors(&errs);
}

int main(void)
{
	int (*const reg[])(void) = {
	    cfg_test_register_errors,      cfg_test_register_good,      cfg_test_register_pure,
	    cfg_test_register_carp_errors, cfg_test_register_carp_good, cfg_test_register_carp_lib,
	    cfg_test_register_ifstated,    cfg_test_register_harden,    cfg_test_register_inet6,
	    cfg_test_register_diff,        cfg_test_register_filter,    cfg_test_register_pfsync,
	};
	unsigned int failures;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (size_t i = 0; i < sizeof(reg) / sizeof(reg[0]); i++) {
		if (reg[i]() != 0) {
			CU_cleanup_registry();
			return 2;
		}
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
