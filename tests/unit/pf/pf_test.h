/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared fixtures and suite registration for the lib/pf CUnit runner. */
#ifndef PF_TEST_H
#define PF_TEST_H

#include <stddef.h>
#include <stdint.h>

#include <CUnit/CUnit.h>

#include "pf_eval.h"
#include "pf_parse.h"
#include "pf_rule.h"

#include "pf_fixture.h"

/* Parse text as "test.conf"; fails the test (with the error) on NULL. */
struct pf_ruleset *t_parse(const char *text);
/* Parse text that must fail; returns the error text (static buffer). */
const char *t_parse_err(const char *text);

/* A packet for the evaluator; addresses as text ("192.0.2.5", "2001:db8::1"). */
struct pf_pkt_meta t_meta(uint16_t ifindex, uint8_t dir, uint8_t proto, const char *src,
                          uint16_t sport, const char *dst, uint16_t dport);
struct pf_addr t_addr(const char *s);

/* Deterministic PRNG (xorshift64*) for the randomized tests. */
uint64_t t_rand(uint64_t *s);

struct t_case {
	const char *name;
	CU_TestFunc fn;
};
int t_suite(const char *name, const struct t_case *cases);

int pf_test_register_parse(void);
int pf_test_register_parse_errors(void);
int pf_test_register_eval(void);
int pf_test_register_acl(void);
int pf_test_register_examples(void);
int pf_test_register_check(void);
int pf_test_register_tcp(void);
int pf_test_register_statetab(void);
int pf_test_register_nat(void);
int pf_test_register_filter(void);
int pf_test_register_sync(void);

#endif /* PF_TEST_H */
