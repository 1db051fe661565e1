/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef TEST_FWD_PFSYNC_H
#define TEST_FWD_PFSYNC_H
/* The fwd_pfsync suite (test_fwd_pfsync.c), run by fwd_filter_tests. */
void fwd_pfsync_tests_add(void);
#endif
