/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IPv6 route table: rte_lpm6 for the longest-prefix match, its next hop an
 * index into an array of routes, as the IPv4 table (fwd_route.c). Local
 * addresses are /128 routes of type LOCAL, so one lookup decides "to us" vs
 * transit; ::/0 is kept aside (rte_lpm6 has no depth 0). rte_lpm6 rather
 * than rte_fib6: see docs/ipv6.md. Built before launch, read-only after.
 */
#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_lpm6.h>
#include <rte_malloc.h>

#include "fwd_ctx_priv.h"
#include "fwd_ip6_priv.h"

int fwd_route6_table_init(struct fwd_ip6_state *s, const char *name, uint32_t cap, int socket)
{
	/* A /128 walks 14 levels below the first 24 bits; prefixes share
	 * most of them, so 8 per rule is ample and stays a few MB. */
	struct rte_lpm6_config cfg = {
	    .max_rules = cap,
	    .number_tbl8s = RTE_MIN(RTE_MAX(cap * 8, 256u), 1u << 18),
	};
	char lname[RTE_LPM_NAMESIZE];

	if (cap == 0 || cap >= (1u << 21)) /* rte_lpm6 next hops are 21 bits */
		return -EINVAL;
	snprintf(lname, sizeof(lname), "%s_lpm6", name);
	s->lpm = rte_lpm6_create(lname, socket, &cfg);
	if (s->lpm == NULL)
		return rte_errno ? -rte_errno : -ENOMEM;
	s->r = rte_zmalloc_socket("fwd_routes6", sizeof(*s->r) * cap, 0, socket);
	if (s->r == NULL) {
		rte_lpm6_free(s->lpm);
		s->lpm = NULL;
		return -ENOMEM;
	}
	s->cap = cap;
	s->n = 0;
	s->default_nh = FWD_NH_NONE;
	return 0;
}

void fwd_route6_table_fini(struct fwd_ip6_state *s)
{
	rte_lpm6_free(s->lpm);
	rte_free(s->r);
	s->lpm = NULL;
	s->r = NULL;
}

int fwd_route6_table_add(struct fwd_ip6_state *s, const struct fwd_route6_entry *e)
{
	struct fwd_route6_entry ne = *e;
	uint32_t nh;
	int rc;

	if (ne.len > 128 || ne.type > FWD_ROUTE_GATEWAY || ne.port >= FWD_MAX_PORTS)
		return -EINVAL;
	fwd_ip6_prefix_mask(ne.prefix, ne.len);
	if (ne.len == 0 ? s->default_nh != FWD_NH_NONE
	                : rte_lpm6_is_rule_present(s->lpm, ne.prefix, ne.len, &nh) == 1)
		return -EEXIST;
	if (s->n == s->cap)
		return -ENOSPC;
	if (ne.len == 0) {
		s->default_nh = s->n;
	} else {
		rc = rte_lpm6_add(s->lpm, ne.prefix, ne.len, s->n);
		if (rc < 0)
			return rc;
	}
	s->r[s->n++] = ne;
	return 0;
}

const struct fwd_route6_entry *fwd_route6_lookup(const struct fwd_ip6_state *s,
                                                 const uint8_t dst[16])
{
	uint32_t nh;

	if (rte_lpm6_lookup(s->lpm, dst, &nh) == 0)
		return &s->r[nh];
	return s->default_nh == FWD_NH_NONE ? NULL : &s->r[s->default_nh];
}

int fwd_route6_add(struct fwd_ctx *ctx, const struct fwd_route6 *r)
{
	struct fwd_ip6_state *s = ctx->ip6;
	struct fwd_route6_entry e = {.len = r != NULL ? r->len : 0};

	if (s == NULL)
		return -ENODEV;
	if (r == NULL || r->len > 128)
		return -EINVAL;
	memcpy(e.prefix, r->prefix, 16);
	memcpy(e.gateway, r->gateway, 16);
	e.has_gateway = r->has_gateway;
	e.type = r->has_gateway ? FWD_ROUTE_GATEWAY : FWD_ROUTE_CONNECTED;
	e.port = r->port;
	if (r->has_gateway && r->port == FWD_PORT_AUTO) {
		for (uint16_t p = 0; p < FWD_MAX_PORTS && e.port == FWD_PORT_AUTO; p++)
			if (s->port[p].enabled && fwd_port6_subnet(&s->port[p], r->gateway) >= 0)
				e.port = p;
		if (e.port == FWD_PORT_AUTO)
			return -ENETUNREACH;
	}
	if (e.port >= FWD_MAX_PORTS || !s->port[e.port].enabled)
		return -EINVAL;
	return fwd_route6_table_add(s, &e);
}

int fwd_route6_walk(const struct fwd_ctx *ctx, fwd_route6_cb cb, void *arg)
{
	const struct fwd_ip6_state *s = ctx->ip6;
	int rc = 0;

	for (uint32_t i = 0; s != NULL && i < s->n && rc == 0; i++) {
		const struct fwd_route6_entry *e = &s->r[i];
		struct fwd_route6_info ri = {.len = e->len,
		                             .type = (enum fwd_route_type)e->type,
		                             .has_gateway = e->has_gateway,
		                             .port = e->port};

		memcpy(ri.prefix, e->prefix, 16);
		memcpy(ri.gateway, e->gateway, 16);
		rc = cb(&ri, arg);
	}
	return rc;
}
