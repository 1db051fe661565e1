/* SPDX-License-Identifier: BSD-2-Clause */
/* Output list and name tables: see pfsync_out.h. */
#include "pfsync_out.h"

#include <stddef.h>
#include <string.h>

static const char *const out_names[] = {
#define X(e, n, d) [PFSYNC_OUT_##e] = #n,
    PFSYNC_OUTS(X)
#undef X
};

static const char *const send_names[] = {
#define X(e, n, d) [PFSYNC_SEND_##e] = #n,
    PFSYNC_SEND_KINDS(X)
#undef X
};

static const char *const demote_labels[] = {
#define X(e, l, d) [PFSYNC_DEMOTE_##e] = l,
    PFSYNC_DEMOTE_REASONS(X)
#undef X
};

static const char *const release_names[] = {
#define X(e, n, d) [PFSYNC_RELEASE_##e] = #n,
    PFSYNC_RELEASE_REASONS(X)
#undef X
};

#define NAME(tab, i) ((size_t)(i) < sizeof(tab) / sizeof(tab[0]) ? tab[i] : "?")

const char *pfsync_out_name(enum pfsync_out_type t)
{
	return NAME(out_names, t);
}

const char *pfsync_send_kind_name(enum pfsync_send_kind k)
{
	return NAME(send_names, k);
}

const char *pfsync_demote_reason_label(enum pfsync_demote_reason r)
{
	return NAME(demote_labels, r);
}

const char *pfsync_release_reason_name(enum pfsync_release_reason r)
{
	return NAME(release_names, r);
}

void pfsync_outs_init(struct pfsync_outs *l, struct pfsync_out *buf, unsigned cap)
{
	l->a = buf;
	l->cap = buf != NULL ? cap : 0;
	l->n = 0;
	l->dropped = 0;
}

void pfsync_outs_clear(struct pfsync_outs *l)
{
	l->n = 0;
	l->dropped = 0;
}

struct pfsync_out *pfsync_outs_push(struct pfsync_outs *l, enum pfsync_out_type t)
{
	struct pfsync_out *o;

	if (l == NULL)
		return NULL;
	if (l->n >= l->cap) {
		l->dropped++;
		return NULL;
	}
	o = &l->a[l->n++];
	memset(o, 0, sizeof(*o));
	o->type = (uint8_t)t;
	return o;
}
