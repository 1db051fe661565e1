/* SPDX-License-Identifier: BSD-2-Clause */
/* CUnit runner for lib/pf: every suite, verbose mode (prints the summary). */
#include "pf_test.h"

#include <CUnit/Basic.h>

int main(void)
{
	int (*const reg[])(void) = {
	    pf_test_register_parse,  pf_test_register_parse_errors, pf_test_register_eval,
	    pf_test_register_acl,    pf_test_register_examples,     pf_test_register_check,
	    pf_test_register_tcp,    pf_test_register_statetab,     pf_test_register_nat,
	    pf_test_register_filter,
	    pf_test_register_sync,
	};
	unsigned i, failures;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (i = 0; i < sizeof(reg) / sizeof(reg[0]); i++) {
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
