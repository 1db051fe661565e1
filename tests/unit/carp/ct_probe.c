/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Is carp_ct_equal constant-time? Run under valgrind's memcheck: both
 * inputs are marked undefined (secret), so any branch or memory index that
 * depends on their bytes is reported ("Conditional jump or move depends on
 * uninitialised value(s)"), whichever byte differs first; only the result
 * is then marked defined to be used. This checks the machine code that
 * ships (the lib/carp object as built), not a model of it, and cannot pass
 * by chance like a timing measurement.
 *
 *   valgrind --error-exitcode=3 ct_probe carp     # must report nothing
 *   valgrind --error-exitcode=3 ct_probe leaky    # must report: the check works
 *
 * Outside valgrind the client requests do nothing and the probe only checks
 * the answers (exit 1 on a wrong one).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <valgrind/memcheck.h>

#include "carp_auth.h"

/* The early-exit compare a constant-time one must not be (what memcmp
 * does): a control for the probe itself, valgrind must flag it. */
static bool leaky_equal(const uint8_t *a, const uint8_t *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

int main(int argc, char **argv)
{
	bool (*eq)(const uint8_t *, const uint8_t *, size_t) = carp_ct_equal;
	uint8_t a[CARP_MD_LEN], b[CARP_MD_LEN];
	int wrong = 0;

	if (argc != 2 || (strcmp(argv[1], "carp") != 0 && strcmp(argv[1], "leaky") != 0)) {
		fprintf(stderr, "usage: ct_probe carp|leaky\n");
		return 2;
	}
	if (strcmp(argv[1], "leaky") == 0)
		eq = leaky_equal;
	/* equal, then first difference at every position */
	for (int pos = -1; pos < CARP_MD_LEN; pos++) {
		bool r;

		for (int i = 0; i < CARP_MD_LEN; i++)
			a[i] = b[i] = (uint8_t)(0x5a ^ i);
		if (pos >= 0)
			b[pos] ^= 0x01;
		VALGRIND_MAKE_MEM_UNDEFINED(a, sizeof(a));
		VALGRIND_MAKE_MEM_UNDEFINED(b, sizeof(b));
		r = eq(a, b, sizeof(a));
		VALGRIND_MAKE_MEM_DEFINED(&r, sizeof(r));
		VALGRIND_MAKE_MEM_DEFINED(a, sizeof(a));
		VALGRIND_MAKE_MEM_DEFINED(b, sizeof(b));
		if (r != (pos < 0)) {
			fprintf(stderr, "ct_probe %s: difference at %d: answered %s\n", argv[1], pos,
			        r ? "equal" : "different");
			wrong = 1;
		}
	}
	return wrong;
}
