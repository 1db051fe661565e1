/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Random rulesets and packets over the fixture's interfaces (pf_fixture.h),
 * for the tests that compare a classifier with pf_eval(): the expansion
 * (tests/unit/pf/test_acl.c) and rte_acl (tests/unit/fwd/test_fwd_filter.c).
 */
#ifndef PF_RANDOM_H
#define PF_RANDOM_H

#include <stddef.h>
#include <stdint.h>

#include "pf_eval.h"

/* The tables the random rules name (<t1>, <t2>): put them first. */
#define T_RAND_TABLES                                                                              \
	"table <t1> { 192.0.2.0/24 !192.0.2.64/26 2001:db8:1::/48 }\n"                             \
	"table <t2> { 198.51.100.0/25 10.1.0.0/16 !10.1.2.0/24 }\n"

/* One random rule line that the parser accepts by construction. */
void t_rand_rule_line(uint64_t *s, char *buf, size_t len);
/* A random packet near the rules' addresses and ports. */
struct pf_pkt_meta t_rand_pkt(uint64_t *s);

#endif /* PF_RANDOM_H */
