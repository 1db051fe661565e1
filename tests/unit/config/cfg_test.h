/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared helpers of the configuration unit tests (no EAL). */
#ifndef CFG_TEST_H
#define CFG_TEST_H

#include "cfg.h"

/* Every test text is loaded under this name, so messages start "t.cfg:LINE: ". */
#define CFG_TEST_NAME "t.cfg"

/*
 * Loads text; asserts the load fails with exactly one error equal to want.
 * On mismatch prints what came, so a failing case says why.
 */
void cfg_expect_error(const char *text, const char *want);
/* Writes text to a fresh /tmp/STEM_XXXXXX file named in path (the caller unlinks it). */
#define CFG_TMP_PATH 64
void cfg_write_tmp(char path[CFG_TMP_PATH], const char *stem, const char *text);
/* Loads text; asserts success with no error. Caller frees cfg. */
void cfg_expect_valid(struct cfg *cfg, const char *text);

int cfg_test_register_errors(void);
int cfg_test_register_good(void);
int cfg_test_register_pure(void);
int cfg_test_register_carp_errors(void);
int cfg_test_register_carp_good(void);
int cfg_test_register_carp_lib(void);
int cfg_test_register_ifstated(void);
int cfg_test_register_harden(void);
int cfg_test_register_inet6(void);
int cfg_test_register_diff(void);
int cfg_test_register_filter(void);
int cfg_test_register_pfsync(void);

#endif /* CFG_TEST_H */
