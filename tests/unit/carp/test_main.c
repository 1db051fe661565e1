/* SPDX-License-Identifier: BSD-2-Clause */
/* CUnit runner for lib/carp: every suite, basic mode (prints the summary). */
#include "carp_test.h"
#include "sim.h"

#include <CUnit/Basic.h>

int main(void)
{
	int (*const reg[])(void) = {
	    carp_test_register_wire,  carp_test_register_auth,  carp_test_register_balance,
	    carp_test_register_fsm,   carp_test_register_input, carp_test_register_demote,
	    carp_test_register_nodes, carp_test_register_view,  carp_test_register_ip6,
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
	sim_free_all();
	return failures ? 1 : 0;
}
