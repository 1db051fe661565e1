/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /router/routes6 and /router/neighbors6: the IPv6 tables through lib/fwd's
 * walk functions, in the column layout of /router/routes and
 * /router/neighbors (tel_tables.c). Empty (count 0) when the file has no IPv6.
 */
#include <errno.h>

#include <rte_ethdev.h>
#include <rte_telemetry.h>

#include "cfg_inet6.h"
#include "fwd6.h"
#include "rtr.h"
#include "tel.h"

struct route6_cols {
	const struct rtr *r;
	struct rte_tel_data *prefix, *type, *via, *port;
	uint64_t count;
};

static int route6_row(const struct fwd_route6_info *ri, void *arg)
{
	struct route6_cols *rc = arg;
	char p[CFG_PFX6_STRLEN], g[CFG_IP6_STRLEN];

	if (rc->count++ >= RTE_TEL_MAX_ARRAY_ENTRIES)
		return 0;
	rte_tel_data_add_array_string(rc->prefix, cfg_prefix6_str(ri->prefix, ri->len, p));
	rte_tel_data_add_array_string(rc->type, fwd_route_type_name(ri->type));
	rte_tel_data_add_array_string(rc->via, ri->has_gateway ? cfg_ip6_str(ri->gateway, g) : "");
	rte_tel_data_add_array_string(rc->port, rtr_tel_port_name(rc->r, ri->port));
	return 0;
}

int rtr_tel_routes6(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	struct route6_cols rc = {
	    .r = r,
	    .prefix = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .type = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .via = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .port = rtr_tel_column(RTE_TEL_STRING_VAL),
	};
	int ret = 0;

	(void)params;
	if (rc.prefix != NULL && rc.type != NULL && rc.via != NULL && rc.port != NULL)
		fwd_route6_walk(r->ctx, route6_row, &rc);
	rte_tel_data_add_dict_u64(d, "count", rc.count);
	ret |= rtr_tel_column_add(d, "prefix", rc.prefix);
	ret |= rtr_tel_column_add(d, "type", rc.type);
	ret |= rtr_tel_column_add(d, "via", rc.via);
	ret |= rtr_tel_column_add(d, "port", rc.port);
	return ret < 0 ? -ENOMEM : 0;
}

struct neigh6_cols {
	const struct rtr *r;
	struct rte_tel_data *ip, *mac, *port, *state, *age;
	uint64_t count;
};

static int neigh6_row(const struct fwd_neigh6_info *ni, void *arg)
{
	struct neigh6_cols *nc = arg;
	char ip[CFG_IP6_STRLEN], mac[RTE_ETHER_ADDR_FMT_SIZE];

	if (nc->count++ >= RTE_TEL_MAX_ARRAY_ENTRIES)
		return 0;
	rte_ether_format_addr(mac, sizeof(mac), &ni->mac);
	rte_tel_data_add_array_string(nc->ip, cfg_ip6_str(ni->addr, ip));
	rte_tel_data_add_array_string(nc->mac, mac);
	rte_tel_data_add_array_string(nc->port, rtr_tel_port_name(nc->r, ni->port));
	rte_tel_data_add_array_string(nc->state, fwd_neigh_state_name(ni->state));
	rte_tel_data_add_array_u64(nc->age, ni->age_ms);
	return 0;
}

int rtr_tel_neighbors6(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	struct neigh6_cols nc = {
	    .r = r,
	    .ip = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .mac = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .port = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .state = rtr_tel_column(RTE_TEL_STRING_VAL),
	    .age = rtr_tel_column(RTE_TEL_U64_VAL),
	};
	int ret = 0;

	(void)params;
	if (nc.ip != NULL && nc.mac != NULL && nc.port != NULL && nc.state != NULL &&
	    nc.age != NULL)
		fwd_neigh6_walk(r->ctx, fwd_now_ms(), neigh6_row, &nc);
	rte_tel_data_add_dict_u64(d, "count", nc.count);
	ret |= rtr_tel_column_add(d, "ip", nc.ip);
	ret |= rtr_tel_column_add(d, "mac", nc.mac);
	ret |= rtr_tel_column_add(d, "port", nc.port);
	ret |= rtr_tel_column_add(d, "state", nc.state);
	ret |= rtr_tel_column_add(d, "age_ms", nc.age);
	return ret < 0 ? -ENOMEM : 0;
}
