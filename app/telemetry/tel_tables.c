/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /router/routes and /router/neighbors: the tables, through lib/fwd's walk
 * functions; and the columns they share with the IPv6 ones (tel_tables6.c).
 */
#include <errno.h>

#include <rte_ethdev.h>
#include <rte_telemetry.h>

#include "cfg_inet.h"
#include "fwd.h"
#include "rtr.h"
#include "tel.h"

/* ---- the columns ---- */

bool rtr_tel_route_cols_open(struct rtr_tel_route_cols *c)
{
	*c = (struct rtr_tel_route_cols){
	    .prefix = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .type = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .via = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .port = rtr_tel_column(RTE_TEL_STRING_VAL),
	};
	return c->prefix != NULL && c->type != NULL && c->via != NULL && c->port != NULL;
}

void rtr_tel_route_row(struct rtr_tel_route_cols *c, const char *prefix, const char *type,
                       const char *via, const char *port)
{
	/* counted in full; the columns stop at telemetry's array limit */
	if (c->count++ >= RTE_TEL_MAX_ARRAY_ENTRIES)
		return;
	rte_tel_data_add_array_string(c->prefix, prefix);
	rte_tel_data_add_array_string(c->type, type);
	rte_tel_data_add_array_string(c->via, via);
	rte_tel_data_add_array_string(c->port, port);
}

int rtr_tel_route_cols_close(struct rtr_tel_route_cols *c, struct rte_tel_data *d)
{
	int ret = 0;

	rte_tel_data_add_dict_u64(d, "count", c->count);
	ret |= rtr_tel_column_add(d, "prefix", c->prefix);
	ret |= rtr_tel_column_add(d, "type", c->type);
	ret |= rtr_tel_column_add(d, "via", c->via);
	ret |= rtr_tel_column_add(d, "port", c->port);
	return ret < 0 ? -ENOMEM : 0;
}

bool rtr_tel_neigh_cols_open(struct rtr_tel_neigh_cols *c)
{
	*c = (struct rtr_tel_neigh_cols){
	    .ip = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .mac = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .port = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .state = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .age = rtr_tel_column(RTE_TEL_U64_VAL),
	};
	return c->ip != NULL && c->mac != NULL && c->port != NULL && c->state != NULL &&
	       c->age != NULL;
}

void rtr_tel_neigh_row(struct rtr_tel_neigh_cols *c, const char *ip,
                       const struct rte_ether_addr *mac, const char *port, const char *state,
                       uint64_t age_ms)
{
	char m[RTE_ETHER_ADDR_FMT_SIZE];

	if (c->count++ >= RTE_TEL_MAX_ARRAY_ENTRIES)
		return;
	rte_ether_format_addr(m, sizeof(m), mac);
	rte_tel_data_add_array_string(c->ip, ip);
	rte_tel_data_add_array_string(c->mac, m);
	rte_tel_data_add_array_string(c->port, port);
	rte_tel_data_add_array_string(c->state, state);
	rte_tel_data_add_array_u64(c->age, age_ms);
}

int rtr_tel_neigh_cols_close(struct rtr_tel_neigh_cols *c, struct rte_tel_data *d)
{
	int ret = 0;

	rte_tel_data_add_dict_u64(d, "count", c->count);
	ret |= rtr_tel_column_add(d, "ip", c->ip);
	ret |= rtr_tel_column_add(d, "mac", c->mac);
	ret |= rtr_tel_column_add(d, "port", c->port);
	ret |= rtr_tel_column_add(d, "state", c->state);
	ret |= rtr_tel_column_add(d, "age_ms", c->age);
	return ret < 0 ? -ENOMEM : 0;
}

/* ---- /router/routes ---- */

struct route_walk {
	const struct rtr *r;
	struct rtr_tel_route_cols c;
};

static int route_row(const struct fwd_route_info *ri, void *arg)
{
	struct route_walk *rw = arg;
	char p[CFG_PFX_STRLEN], g[CFG_IP_STRLEN];

	rtr_tel_route_row(
	    &rw->c, cfg_prefix_str(ri->prefix, ri->len, p), fwd_route_type_name(ri->type),
	    ri->gateway != 0 ? cfg_ip_str(ri->gateway, g) : "", rtr_tel_port_name(rw->r, ri->port));
	return 0;
}

int rtr_tel_routes(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	struct route_walk rw = {.r = r};

	(void)params;
	if (rtr_tel_route_cols_open(&rw.c))
		fwd_route_walk(r->ctx, route_row, &rw);
	return rtr_tel_route_cols_close(&rw.c, d);
}

/* ---- /router/neighbors ---- */

struct neigh_walk {
	const struct rtr *r;
	struct rtr_tel_neigh_cols c;
};

static int neigh_row(const struct fwd_neigh_info *ni, void *arg)
{
	struct neigh_walk *nw = arg;
	char ip[CFG_IP_STRLEN];

	rtr_tel_neigh_row(&nw->c, cfg_ip_str(ni->ip, ip), &ni->mac,
	                  rtr_tel_port_name(nw->r, ni->port), fwd_neigh_state_name(ni->state),
	                  ni->age_ms);
	return 0;
}

int rtr_tel_neighbors(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	struct neigh_walk nw = {.r = r};

	(void)params;
	if (rtr_tel_neigh_cols_open(&nw.c))
		fwd_neigh_walk(r->ctx, fwd_now_ms(), neigh_row, &nw);
	return rtr_tel_neigh_cols_close(&nw.c, d);
}
