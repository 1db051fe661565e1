/* SPDX-License-Identifier: BSD-2-Clause */
/* CUnit runner for lib/pfsync: every suite, verbose. */
#include "pfsync_test.h"

#include <CUnit/Basic.h>

int main(void)
{
	int (*const reg[])(void) = {
	    pfsync_test_register_msg,   pfsync_test_register_wire,   pfsync_test_register_build,
	    pfsync_test_register_auth,  pfsync_test_register_merge,  pfsync_test_register_breq,
	    pfsync_test_register_defer, pfsync_test_register_engine, pfsync_test_register_bulk,
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
