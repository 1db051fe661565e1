/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

/*
 * Shared by the libFuzzer targets: the entry point's prototype and CHECK(),
 * which reports a broken invariant in the words test_fuzz.sh looks for
 * ("fuzz invariant failed") and aborts, so libFuzzer keeps the input.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__,    \
			        __LINE__);                                                         \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

#endif
