/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared helpers and suite registration for the lib/carp CUnit runner. */
#ifndef CARP_TEST_H
#define CARP_TEST_H

#include <stddef.h>
#include <stdint.h>

#include <CUnit/CUnit.h>

/* Each test file registers its suites; returns 0 or a CUnit error. */
int carp_test_register_wire(void);
int carp_test_register_auth(void);
int carp_test_register_balance(void);
int carp_test_register_input(void);
int carp_test_register_fsm(void);
int carp_test_register_demote(void);
int carp_test_register_nodes(void);
int carp_test_register_view(void);
int carp_test_register_ip6(void);

/* Decode a hex string (spaces allowed) into buf; returns bytes or -1. */
int t_hex(const char *hex, uint8_t *buf, size_t cap);
/* Parse an IPv4/IPv6 literal into 4/16 bytes; aborts the test on error. */
void t_ip4(const char *s, uint8_t out[4]);
void t_ip6(const char *s, uint8_t out[16]);

/* Register a suite with its tests: name, then {name, fn} pairs, NULL end. */
struct t_case {
	const char *name;
	CU_TestFunc fn;
};
int t_suite(const char *name, const struct t_case *cases);

#endif
