/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the lib/pfsync unit tests: suite registration and helpers that
 * write big-endian fields at explicit offsets, independently of the
 * library's codec, so layouts are checked against the spec's tables. */
#ifndef PFSYNC_TEST_H
#define PFSYNC_TEST_H

#include <CUnit/CUnit.h>
#include <stddef.h>
#include <stdint.h>

int pfsync_test_register_msg(void);
int pfsync_test_register_wire(void);
int pfsync_test_register_build(void);
int pfsync_test_register_auth(void);
int pfsync_test_register_merge(void);
int pfsync_test_register_breq(void);
int pfsync_test_register_engine(void);
int pfsync_test_register_bulk(void);
int pfsync_test_register_defer(void);

/* Add a suite with tests {name, fn}..., NULL-terminated. 0 or -1. */
struct t_case {
	const char *name;
	void (*fn)(void);
};
int t_suite(const char *name, const struct t_case *cases);

void t_be16(uint8_t *b, uint16_t v);
void t_be32(uint8_t *b, uint32_t v);
void t_be64(uint8_t *b, uint64_t v);
/* Hex string (spaces ignored) into buf; returns bytes or -1. */
int t_hex(const char *s, uint8_t *buf, size_t cap);

/* A 264-byte pfsync_state written field by field at the spec's offsets
 * (spec 1.3), with a distinct value in every field; and the same values
 * as the library's decoded struct should show them. */
struct pfsync_state_msg;
void t_state_bytes(uint8_t b[264]);
void t_state_expect(struct pfsync_state_msg *m);

#endif /* PFSYNC_TEST_H */
