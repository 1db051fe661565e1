/* SPDX-License-Identifier: BSD-2-Clause */
/* The fuzz targets' invariant check: a broken promise aborts with the
 * condition and its place (test_fuzz.sh looks for "fuzz invariant failed"). */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__,    \
			        __LINE__);                                                         \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

#endif /* FUZZ_CHECK_H */
