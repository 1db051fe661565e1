/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Route table: rte_lpm for the longest-prefix match, the LPM next hop being
 * an index into an array of routes (type, gateway, port). Local addresses are
 * /32 routes of type LOCAL, so one lookup decides "to us" vs "transit".
 * rte_lpm has no depth 0: 0.0.0.0/0 is kept aside as default_nh.
 * Built by the main thread before launch; read-only afterwards: a reload
 * builds another table and swaps it in (fwd_reload.c).
 */

#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_lpm.h>
#include <rte_malloc.h>

#include "fwd_ctx_priv.h"
#include "inet4.h"

int fwd_route_table_init(struct fwd_route_table *t, const char *name, uint32_t cap, int socket)
{
	struct rte_lpm_config cfg = {
	    .max_rules = cap,
	    /* one tbl8 group per /24 holding longer prefixes */
	    .number_tbl8s = RTE_MAX(cap, 64u),
	};
	char lname[RTE_LPM_NAMESIZE];

	if (cap == 0 || cap >= (1u << 24)) /* LPM next hops are 24 bits */
		return -EINVAL;
	snprintf(lname, sizeof(lname), "%s_lpm", name);
	t->lpm = rte_lpm_create(lname, socket, &cfg);
	if (t->lpm == NULL)
		return rte_errno ? -rte_errno : -ENOMEM;
	t->r = rte_zmalloc_socket("fwd_routes", sizeof(*t->r) * cap, 0, socket);
	if (t->r == NULL) {
		rte_lpm_free(t->lpm);
		t->lpm = NULL;
		return -ENOMEM;
	}
	t->cap = cap;
	t->n = 0;
	t->default_nh = FWD_NH_NONE;
	return 0;
}

void fwd_route_table_fini(struct fwd_route_table *t)
{
	rte_lpm_free(t->lpm);
	rte_free(t->r);
	t->lpm = NULL;
	t->r = NULL;
}

int fwd_route_table_add(struct fwd_route_table *t, const struct fwd_route_entry *e)
{
	struct fwd_route_entry ne = *e;
	int rc;

	if (ne.len > 32 || ne.type > FWD_ROUTE_GATEWAY || ne.port >= FWD_MAX_PORTS)
		return -EINVAL;
	ne.prefix &= inet4_mask(ne.len);
	/* /0's would be 255.255.255.255, which the worker drops before any lookup. */
	ne.bcast = ne.type == FWD_ROUTE_CONNECTED ? inet4_subnet_bcast(ne.prefix, ne.len) : 0;
	for (uint32_t i = 0; i < t->n; i++)
		if (t->r[i].prefix == ne.prefix && t->r[i].len == ne.len)
			return -EEXIST;
	if (t->n == t->cap)
		return -ENOSPC;
	if (ne.len == 0) {
		t->default_nh = t->n;
	} else {
		rc = rte_lpm_add(t->lpm, ne.prefix, ne.len, t->n);
		if (rc < 0)
			return rc == -ENOSPC ? -ENOSPC : rc;
	}
	t->r[t->n++] = ne;
	return 0;
}

int fwd_route_entry_of(const struct fwd_route_table *t, const struct fwd_route *r,
                       struct fwd_route_entry *out)
{
	struct fwd_route_entry e;

	if (r == NULL || r->len > 32)
		return -EINVAL;
	e = (struct fwd_route_entry){.prefix = r->prefix,
	                             .len = r->len,
	                             .gateway = r->gateway,
	                             .port = r->port,
	                             .type = r->gateway ? FWD_ROUTE_GATEWAY : FWD_ROUTE_CONNECTED};
	if (r->gateway && r->port == FWD_PORT_AUTO) {
		e.port = FWD_PORT_AUTO;
		for (uint16_t p = 0; p < FWD_MAX_PORTS && e.port == FWD_PORT_AUTO; p++)
			if (fwd_port_on_link(&t->addrs[p], r->gateway))
				e.port = p;
		if (e.port == FWD_PORT_AUTO)
			return -ENETUNREACH;
	}
	if (e.port >= FWD_MAX_PORTS)
		return -EINVAL;
	*out = e;
	return 0;
}

int fwd_route_add(struct fwd_ctx *ctx, const struct fwd_route *r)
{
	struct fwd_route_entry e;
	int rc = fwd_route_entry_of(&ctx->routes, r, &e);

	return rc < 0 ? rc : fwd_route_table_add(&ctx->routes, &e);
}

const char *fwd_route_type_name(enum fwd_route_type t)
{
	switch (t) {
	case FWD_ROUTE_LOCAL:
		return "local";
	case FWD_ROUTE_CONNECTED:
		return "connected";
	case FWD_ROUTE_GATEWAY:
		return "gateway";
	}
	return "?";
}

int fwd_route_walk(const struct fwd_ctx *ctx, fwd_route_cb cb, void *arg)
{
	const struct fwd_route_table *t = fwd_routes_live(ctx);

	for (uint32_t i = 0; i < t->n; i++) {
		struct fwd_route_info ri = {
		    .prefix = t->r[i].prefix,
		    .len = t->r[i].len,
		    .type = (enum fwd_route_type)t->r[i].type,
		    .gateway = t->r[i].gateway,
		    .port = t->r[i].port,
		};
		int rc = cb(&ri, arg);

		if (rc != 0)
			return rc;
	}
	return 0;
}
