/* SPDX-License-Identifier: BSD-2-Clause */
#include "carp_stats.h"

static const char *const names[] = {
#define X(e, n, d) [CARP_STAT_##e] = #n,
    CARP_STATS(X)
#undef X
};

static const char *const descs[] = {
#define X(e, n, d) [CARP_STAT_##e] = d,
    CARP_STATS(X)
#undef X
};

const char *carp_stat_name(enum carp_stat s)
{
	return (unsigned)s < CARP_STAT__COUNT ? names[s] : "?";
}

const char *carp_stat_desc(enum carp_stat s)
{
	return (unsigned)s < CARP_STAT__COUNT ? descs[s] : "?";
}
