/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_ROUTE_PRIV_H
#define FWD_ROUTE_PRIV_H

/*
 * The route table (fwd_route.c): rte_lpm plus an array of routes.
 * W: main before launch. R: workers, telemetry.
 */

#include <stdint.h>

#include <rte_branch_prediction.h>
#include <rte_lpm.h>

#include "fwd.h"
#include "fwd_iface_priv.h"

/* One route; the LPM next hop is its index. W: main. R: workers, telemetry. */
struct fwd_route_entry {
	uint32_t prefix;
	uint32_t gateway;
	/* Connected /1../30: the subnet's broadcast address, not forwarded.
	 * 0 for every other route (0.0.0.0 never reaches a route lookup). Set by
	 * fwd_route_table_add so the worker compares, never shifts. */
	uint32_t bcast;
	uint16_t port;
	uint8_t len;
	uint8_t type; /* enum fwd_route_type */
};

#define FWD_NH_NONE UINT32_MAX

struct fwd_route_table {
	struct rte_lpm *lpm; /* depths 1..32; W main, R workers */
	uint32_t default_nh; /* 0.0.0.0/0 (LPM has no depth 0) or FWD_NH_NONE */
	uint32_t n;          /* routes in use; W main */
	uint32_t cap;
	struct fwd_route_entry *r; /* [cap] */
	/* Each port's interface addresses (their /32 and connected routes are
	 * in the LPM): swapped with the routes by a reload. */
	struct fwd_port_addrs addrs[FWD_MAX_PORTS];
};

int fwd_route_table_init(struct fwd_route_table *t, const char *name, uint32_t cap, int socket);
void fwd_route_table_fini(struct fwd_route_table *t);
/* Adds one entry of any type (bcast is computed); -EEXIST if prefix/len is present. */
int fwd_route_table_add(struct fwd_route_table *t, const struct fwd_route_entry *e);

struct fwd_ctx;
struct fwd_route;
/* A static route as an entry of t (a gateway's port resolved from t's
 * connected subnets). -EINVAL, -ENETUNREACH. */
int fwd_route_entry_of(const struct fwd_route_table *t, const struct fwd_route *r,
                       struct fwd_route_entry *out);
/* fwd_iface.c: an address of port into t (its local /32 and connected
 * route too). -EINVAL, -EEXIST, -ENOSPC. */
int fwd_iface_table_add(struct fwd_route_table *t, uint16_t port, uint32_t addr,
                        uint8_t prefix_len);

/* Longest-prefix match: the route for dst, or NULL. Worker-safe (read-only). */
static inline const struct fwd_route_entry *fwd_route_lookup(const struct fwd_route_table *t,
                                                             uint32_t dst)
{
	uint32_t nh;

	if (rte_lpm_lookup(t->lpm, dst, &nh) == 0)
		return &t->r[nh];
	return t->default_nh == FWD_NH_NONE ? NULL : &t->r[t->default_nh];
}

/*
 * The route for an LPM result hop (rte_lpm_lookupx4 with defv FWD_NH_NONE:
 * no match gives FWD_NH_NONE), falling back to the default route.
 */
static inline const struct fwd_route_entry *fwd_route_of_hop(const struct fwd_route_table *t,
                                                             uint32_t hop)
{
	if (likely(hop != FWD_NH_NONE))
		return &t->r[hop];
	return t->default_nh == FWD_NH_NONE ? NULL : &t->r[t->default_nh];
}
#endif
