/* SPDX-License-Identifier: BSD-2-Clause */
/* Demotion groups and their per-source ledger: see carp_demote.h. */
#include "carp_demote.h"

#include <errno.h>
#include <string.h>

static const char *const src_names[] = {
#define X(e, n, d) [CARP_DEMOTE_##e] = #n,
    CARP_DEMOTE_SOURCES(X)
#undef X
};

static const char *const src_descs[] = {
#define X(e, n, d) [CARP_DEMOTE_##e] = d,
    CARP_DEMOTE_SOURCES(X)
#undef X
};

const char *carp_demote_src_name(enum carp_demote_src s)
{
	return (unsigned)s < CARP_DEMOTE__COUNT ? src_names[s] : "?";
}

const char *carp_demote_src_desc(enum carp_demote_src s)
{
	return (unsigned)s < CARP_DEMOTE__COUNT ? src_descs[s] : "?";
}

void carp_groups_init(struct carp_groups *gs)
{
	memset(gs, 0, sizeof(*gs));
	strcpy(gs->g[0].name, CARP_DEFAULT_GROUP);
	gs->n = 1;
}

int carp_groups_find(const struct carp_groups *gs, const char *name)
{
	unsigned i;

	for (i = 0; name != NULL && i < gs->n; i++)
		if (strcmp(gs->g[i].name, name) == 0)
			return (int)i;
	return -ENOENT;
}

int carp_groups_get(struct carp_groups *gs, const char *name)
{
	size_t len = name ? strlen(name) : 0;
	int i = carp_groups_find(gs, name);

	if (i >= 0)
		return i;
	if (len == 0 || len >= CARP_GROUP_NAME_MAX)
		return -EINVAL;
	if (gs->n >= CARP_MAX_GROUPS)
		return -ENOSPC;
	memset(&gs->g[gs->n], 0, sizeof(gs->g[0]));
	memcpy(gs->g[gs->n].name, name, len + 1);
	return (int)gs->n++;
}

uint32_t carp_group_sum(const struct carp_group *g)
{
	uint32_t sum = 0;

	for (unsigned i = 0; i < CARP_DEMOTE__COUNT; i++)
		sum += g->ledger[i];
	return sum;
}

uint8_t carp_group_count(const struct carp_group *g)
{
	uint32_t sum = carp_group_sum(g);

	return sum > CARP_DEMOTE_MAX ? CARP_DEMOTE_MAX : (uint8_t)sum;
}

uint8_t carp_group_adjust(struct carp_group *g, enum carp_demote_src src, int delta)
{
	int64_t v;

	if ((unsigned)src >= CARP_DEMOTE__COUNT)
		return carp_group_count(g);
	v = (int64_t)g->ledger[src] + delta;
	if (v < 0)
		v = 0;
	if (v > UINT16_MAX)
		v = UINT16_MAX;
	g->ledger[src] = (uint16_t)v;
	return carp_group_count(g);
}

int carp_group_operator_check(const struct carp_group *g, int delta)
{
	int64_t sum = carp_group_sum(g), own = g->ledger[CARP_DEMOTE_OPERATOR];

	if (sum + delta > CARP_DEMOTE_MAX || own + delta < 0)
		return -ERANGE;
	return 0;
}
