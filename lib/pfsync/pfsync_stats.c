/* SPDX-License-Identifier: BSD-2-Clause */
#include "pfsync_stats.h"

static const char *const names[] = {
#define X(e, n, d) [PFSYNC_STAT_##e] = #n,
    PFSYNC_STATS(X)
#undef X
};

static const char *const descs[] = {
#define X(e, n, d) [PFSYNC_STAT_##e] = d,
    PFSYNC_STATS(X)
#undef X
};

static const unsigned char rx_stat[PFSYNC_RX__COUNT] = {[PFSYNC_RX_OK] = PFSYNC_STAT__COUNT,
#define X(e, s) [PFSYNC_RX_##e] = PFSYNC_STAT_##s,
                                                        PFSYNC_RX_REASONS(X)
#undef X
};

const char *pfsync_stat_name(enum pfsync_stat s)
{
	return (unsigned)s < PFSYNC_STAT__COUNT ? names[s] : "?";
}

const char *pfsync_stat_desc(enum pfsync_stat s)
{
	return (unsigned)s < PFSYNC_STAT__COUNT ? descs[s] : "?";
}

enum pfsync_stat pfsync_rx_stat(enum pfsync_rx r)
{
	return (unsigned)r < PFSYNC_RX__COUNT ? (enum pfsync_stat)rx_stat[r] : PFSYNC_STAT__COUNT;
}

const char *pfsync_rx_name(enum pfsync_rx r)
{
	if (r == PFSYNC_RX_OK)
		return "ok";
	return pfsync_stat_name(pfsync_rx_stat(r));
}

const char *pfsync_rx_desc(enum pfsync_rx r)
{
	if (r == PFSYNC_RX_OK)
		return "accepted";
	return pfsync_stat_desc(pfsync_rx_stat(r));
}
