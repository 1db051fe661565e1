/* SPDX-License-Identifier: BSD-2-Clause */
/* defer bookkeeping: see pfsync_defer.h. */
#include "pfsync_defer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pfsync_out.h"

int pfsync_defer_init(struct pfsync_defer *df, uint32_t cap)
{
	memset(df, 0, sizeof(*df));
	if (cap == 0)
		return -EINVAL;
	df->d = calloc(cap, sizeof(*df->d));
	if (df->d == NULL)
		return -ENOMEM;
	df->cap = cap;
	return 0;
}

void pfsync_defer_fini(struct pfsync_defer *df)
{
	free(df->d);
	memset(df, 0, sizeof(*df));
}

static struct pfsync_deferral *slot(const struct pfsync_defer *df, uint32_t i)
{
	return &df->d[(df->head + i) % df->cap];
}

/* Drop released slots from the front. */
static void trim(struct pfsync_defer *df)
{
	while (df->used > 0 && !slot(df, 0)->live) {
		df->head = (df->head + 1) % df->cap;
		df->used--;
	}
}

/* Close the gaps left by acknowledged entries (keeps the order). */
static void compact(struct pfsync_defer *df)
{
	uint32_t i, w = 0;

	for (i = 0; i < df->used; i++) {
		struct pfsync_deferral *s = slot(df, i);

		if (s->live)
			*slot(df, w++) = *s;
	}
	df->used = w;
}

static bool pop(struct pfsync_defer *df, struct pfsync_deferral *out)
{
	trim(df);
	if (df->used == 0)
		return false;
	*out = *slot(df, 0);
	slot(df, 0)->live = false;
	df->live--;
	trim(df);
	return true;
}

bool pfsync_defer_add(struct pfsync_defer *df, uint64_t id, uint32_t creatorid, uint64_t cookie,
                      uint64_t deadline, struct pfsync_deferral *evicted)
{
	bool ev = false;
	struct pfsync_deferral *s;

	if (df->live >= df->cap)
		ev = pop(df, evicted);
	if (df->used >= df->cap)
		compact(df);
	s = slot(df, df->used++);
	s->id = id;
	s->creatorid = creatorid;
	s->cookie = cookie;
	s->deadline = deadline;
	s->live = true;
	df->live++;
	return ev;
}

bool pfsync_defer_take(struct pfsync_defer *df, uint64_t id, uint32_t creatorid, uint64_t *cookie)
{
	uint32_t i;

	for (i = 0; df->live > 0 && i < df->used; i++) {
		struct pfsync_deferral *s = slot(df, i);

		if (s->live && s->id == id && s->creatorid == creatorid) {
			*cookie = s->cookie;
			s->live = false;
			df->live--;
			trim(df);
			return true;
		}
	}
	return false;
}

bool pfsync_defer_expire(struct pfsync_defer *df, uint64_t now, struct pfsync_deferral *out)
{
	trim(df);
	if (df->used == 0 || (now != PFSYNC_NEVER && slot(df, 0)->deadline > now))
		return false;
	return pop(df, out);
}

uint64_t pfsync_defer_next(const struct pfsync_defer *df)
{
	uint32_t i;

	for (i = 0; i < df->used; i++)
		if (slot(df, i)->live)
			return slot(df, i)->deadline;
	return PFSYNC_NEVER;
}
