/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared helpers of the lib/ifstated unit tests. */
#ifndef IFS_TEST_H
#define IFS_TEST_H

#include <stddef.h>

#include "ifs_conf.h"
#include "ifs_engine.h"

#define IFS_TEST_ERRORS 8

/* Errors of the last ifs_test_parse, each "FILE:LINE: reason". */
struct ifs_test_errors {
	unsigned n;
	char msg[IFS_TEST_ERRORS][320];
};

/* Parse TEXT as "t.conf"; interfaces carp0, carp1, lan0, srv0, em0, em1
 * and urndis0 exist. Errors land in *ERRS (may be NULL). */
struct ifs_conf *ifs_test_parse(const char *text, struct ifs_test_errors *errs);
struct ifs_conf *ifs_test_parse_len(const char *text, size_t len, struct ifs_test_errors *errs);
void ifs_test_collect(void *arg, const char *file, int line, const char *reason);

/* An engine on a parsed text, with an output buffer of ifs_out_bound(). */
struct ifs_rig {
	struct ifs_conf *c;
	struct ifs_engine *e;
	struct ifs_out out;
	char log[4096]; /* the last call's output, see ifs_rig_log */
};

int ifs_rig_init(struct ifs_rig *r, const char *text);
void ifs_rig_free(struct ifs_rig *r);
/* Clear the output before a call. */
struct ifs_out *ifs_rig_out(struct ifs_rig *r);
/* The output as "STATE a>b; RUN cmd; START cmd#1; KILL cmd#1 overdue; LOOP a>b". */
const char *ifs_rig_log(struct ifs_rig *r);
/* Assert the last call's output is WANT (reported at the caller's line). */
void ifs_rig_expect(struct ifs_rig *r, const char *want, const char *file, int line);
#define LOG_IS(r, want) ifs_rig_expect(r, want, __FILE__, __LINE__)
uint32_t ifs_rig_iface(struct ifs_rig *r, const char *name);
/* The test running CMD in state STATE ("" for the global one). */
uint32_t ifs_rig_test(struct ifs_rig *r, const char *state, const char *cmd);

int ifs_test_parse_suite(void);
int ifs_test_errors_suite(void);
int ifs_test_engine_suite(void);
int ifs_test_tests_suite(void);

#endif /* IFS_TEST_H */
