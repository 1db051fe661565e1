/* SPDX-License-Identifier: BSD-2-Clause */
/* Suites of the control-lcore unit tests (test_main.c registers them). */
#ifndef CTL_TEST_H
#define CTL_TEST_H

#include <CUnit/CUnit.h>

int ctl_test_req_suite(void);
int ctl_test_vmac_suite(void);
int ctl_test_hook_suite(void);
int ctl_test_loop_suite(void);

#endif
