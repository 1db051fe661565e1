/* SPDX-License-Identifier: BSD-2-Clause */
/* pf timeouts: see pf_timeout.h. */
#include "pf_timeout.h"

#include <string.h>

static const char *const names[PFTM_MAX] = {
#define X(e, n, v) [PFTM_##e] = n,
    PF_TIMEOUTS(X)
#undef X
};

static const uint32_t defaults[PFTM_MAX] = {
#define X(e, n, v) [PFTM_##e] = v,
    PF_TIMEOUTS(X)
#undef X
};

const char *pf_timeout_name(unsigned idx)
{
	return idx < PFTM_MAX ? names[idx] : NULL;
}

int pf_timeout_byname(const char *name)
{
	unsigned i;

	for (i = 0; i < PFTM_MAX; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

uint32_t pf_timeout_default(unsigned idx)
{
	return idx < PFTM_MAX ? defaults[idx] : 0;
}

void pf_timeouts_init(uint32_t t[PFTM_MAX])
{
	memcpy(t, defaults, sizeof(defaults));
}

uint64_t pf_timeout_expires(uint32_t last, uint32_t timeout, uint32_t start, uint32_t end,
                            uint32_t states)
{
	if (end && states > start && start < end) {
		if (states >= end)
			return 0;
		timeout = (uint32_t)((uint64_t)timeout * (end - states) / (end - start));
	}
	return (uint64_t)last + timeout;
}
