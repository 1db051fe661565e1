/* SPDX-License-Identifier: BSD-2-Clause */
/* Text status of a carp interface: see carp_status.h. */
#include "carp_status.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "carp_host.h"

static const char *const op_names[] = {
#define X(e, n) [CARP_ADMIN_##e] = n,
    CARP_ADMIN_OPS(X)
#undef X
};

const char *carp_admin_op_name(enum carp_admin_op op)
{
	return (unsigned)op < CARP_ADMIN__COUNT ? op_names[op] : "?";
}

int carp_admin_op_parse(const char *name, enum carp_admin_op *op)
{
	unsigned i;

	for (i = 0; name != NULL && i < CARP_ADMIN__COUNT; i++) {
		if (strcmp(name, op_names[i]) == 0) {
			*op = (enum carp_admin_op)i;
			return 0;
		}
	}
	return -EINVAL;
}

/* snprintf that keeps a running offset and never overflows. */
struct out {
	char *buf;
	size_t len, off;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->off < o->len ? o->buf + o->off : NULL,
	              o->off < o->len ? o->len - o->off : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->off += (size_t)n;
}

/* " [carp: boot 128, link 1; uplink: operator 2]": who demotes us. */
static void put_demotion(struct out *o, const struct carp_if *ifc)
{
	const struct carp_if_env *e = ifc->env;
	bool any = false, first;
	unsigned i, s;

	for (i = 0; e && i < ifc->n_groups; i++) {
		const struct carp_group *g = &e->groups->g[ifc->group_idx[i]];

		first = true;
		for (s = 0; s < CARP_DEMOTE__COUNT; s++) {
			if (g->ledger[s] == 0)
				continue;
			if (first)
				put(o, "%s%s:", any ? "; " : " [", g->name);
			put(o, "%s %s %u", first ? "" : ",", carp_demote_src_name(s), g->ledger[s]);
			first = false;
			any = true;
		}
	}
	if (any)
		put(o, "]");
}

int carp_if_format(const struct carp_if *ifc, uint64_t now, char *buf, size_t len)
{
	struct out o = {buf, len, 0};
	unsigned i;

	if (len)
		buf[0] = '\0';
	put(&o, "%s: carpdev %u advbase %u balancing %s demote %u",
	    ifc->cfg.name[0] ? ifc->cfg.name : "carp", ifc->cfg.carpdev, ifc->cfg.advbase,
	    carp_balancing_name(ifc->mode), carp_if_demote(ifc));
	put_demotion(&o, ifc);
	if (!ifc->admin_up)
		put(&o, " (down)");
	else if (!ifc->link_up)
		put(&o, " (carpdev link down)");
	put(&o, "\n");
	for (i = 0; i < ifc->nvh; i++) {
		const struct carp_vhost *v = &ifc->vh[i];
		uint64_t d = now >= v->changed_at ? now - v->changed_at : 0;

		put(&o, "\tvhid %u %s advskew %u for %llu.%03llus: %s\n", v->vhid,
		    carp_state_name(v->state), v->advskew, (unsigned long long)(d / 1000000),
		    (unsigned long long)(d / 1000 % 1000), carp_reason_desc(v->reason));
	}
	return (int)o.off;
}
