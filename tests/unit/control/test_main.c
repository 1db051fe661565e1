/* SPDX-License-Identifier: BSD-2-Clause */
/* CUnit runner for the control lcore's pure parts: basic mode, summary printed. */
#include <CUnit/Basic.h>

#include "ctl_test.h"

int main(void)
{
	unsigned int failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return CU_get_error();
	if (ctl_test_req_suite() != 0 || ctl_test_vmac_suite() != 0 || ctl_test_hook_suite() != 0 ||
	    ctl_test_loop_suite() != 0) {
		CU_cleanup_registry();
		return 1;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed != 0;
}
