/* SPDX-License-Identifier: BSD-2-Clause */
/* Counter names: see pf_status.h. */
#include "pf_status.h"

static const char *const fnames[] = {
#define X(e, n) [PF_FCNT_##e] = n,
    PF_FCOUNTERS(X)
#undef X
};
static const char *const rnames[] = {
#define X(e, n, d) [PF_REASON_##e] = n,
    PF_REASONS(X)
#undef X
};
static const char *const rdescs[] = {
#define X(e, n, d) [PF_REASON_##e] = d,
    PF_REASONS(X)
#undef X
};
static const char *const lnames[] = {
#define X(e, n) [PF_LCNT_##e] = n,
    PF_LCOUNTERS(X)
#undef X
};

const char *pf_fcounter_name(enum pf_fcounter c)
{
	return (unsigned)c < PF_FCNT__COUNT ? fnames[c] : "?";
}

const char *pf_reason_name(enum pf_reason r)
{
	return (unsigned)r < PF_REASON__COUNT ? rnames[r] : "?";
}

const char *pf_reason_desc(enum pf_reason r)
{
	return (unsigned)r < PF_REASON__COUNT ? rdescs[r] : "?";
}

const char *pf_lcounter_name(enum pf_lcounter c)
{
	return (unsigned)c < PF_LCNT__COUNT ? lnames[c] : "?";
}
