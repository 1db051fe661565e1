/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /router/routes6 and /router/neighbors6: the IPv6 tables through lib/fwd's
 * walk functions, in the columns of /router/routes and /router/neighbors
 * (tel_tables.c). Empty (count 0) when the file has no IPv6.
 */
#include <rte_telemetry.h>

#include "cfg_inet6.h"
#include "fwd6.h"
#include "rtr.h"
#include "tel.h"

struct route6_walk {
	const struct rtr *r;
	struct rtr_tel_route_cols c;
};

static int route6_row(const struct fwd_route6_info *ri, void *arg)
{
	struct route6_walk *rw = arg;
	char p[CFG_PFX6_STRLEN], g[CFG_IP6_STRLEN];

	rtr_tel_route_row(
	    &rw->c, cfg_prefix6_str(ri->prefix, ri->len, p), fwd_route_type_name(ri->type),
	    ri->has_gateway ? cfg_ip6_str(ri->gateway, g) : "", rtr_tel_port_name(rw->r, ri->port));
	return 0;
}

int rtr_tel_routes6(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	struct route6_walk rw = {.r = r};

	(void)params;
	if (rtr_tel_route_cols_open(&rw.c))
		fwd_route6_walk(r->ctx, route6_row, &rw);
	return rtr_tel_route_cols_close(&rw.c, d);
}

struct neigh6_walk {
	const struct rtr *r;
	struct rtr_tel_neigh_cols c;
};

static int neigh6_row(const struct fwd_neigh6_info *ni, void *arg)
{
	struct neigh6_walk *nw = arg;
	char ip[CFG_IP6_STRLEN];

	rtr_tel_neigh_row(&nw->c, cfg_ip6_str(ni->addr, ip), &ni->mac,
	                  rtr_tel_port_name(nw->r, ni->port), fwd_neigh_state_name(ni->state),
	                  ni->age_ms);
	return 0;
}

int rtr_tel_neighbors6(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	struct neigh6_walk nw = {.r = r};

	(void)params;
	if (rtr_tel_neigh_cols_open(&nw.c))
		fwd_neigh6_walk(r->ctx, fwd_now_ms(), neigh6_row, &nw);
	return rtr_tel_neigh_cols_close(&nw.c, d);
}
