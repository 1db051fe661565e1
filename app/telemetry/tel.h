/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internals of the /router/... telemetry commands: column helpers shared by
 * the handlers (tel_router.c, tel_tables.c) and the handlers
 * themselves, which tel_main.c registers. Each handler gets the
 * published router (never NULL) and a dict already started.
 *
 * DPDK 22.11 telemetry nests only arrays of scalars inside a dict, so tables
 * are returned as columns: "ports": ["lan0", "srv0"], "port_rx_packets":
 * [10, 12] ... entry k of every column describes the same object.
 */
#ifndef RTR_TEL_H
#define RTR_TEL_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>

#include <rte_telemetry.h>

#include "rtr.h"

/* A new array of type, or NULL. */
struct rte_tel_data *rtr_tel_column(enum rte_tel_value_type type);
/* A new dict, or NULL. */
struct rte_tel_data *rtr_tel_dict(void);
/* Hand container c (column or dict) to dict d under name (d owns it after;
 * c is freed when it does not fit). -ENOMEM if c is NULL, -ENOSPC. */
int rtr_tel_column_add(struct rte_tel_data *d, const char *name, struct rte_tel_data *c);
/* Runs fn on the published router (a handler's body), or answers that it is
 * not running; a dict is started for fn. */
int rtr_tel_with_router(const char *cmd, const char *params, struct rte_tel_data *d,
                        int (*fn)(struct rtr *r, const char *params, struct rte_tel_data *d));
/* Configured name of a DPDK port, "?" if none. */
const char *rtr_tel_port_name(const struct rtr *r, uint16_t port_id);

/*
 * The route and neighbour tables' columns, shared by /router/routes(6) and
 * /router/neighbors(6) (tel_tables.c): _open allocates them (false when one
 * could not be), _row adds one row (counted always; added only within
 * telemetry's array limit), _close hands count and columns to d.
 */
struct rtr_tel_route_cols {
	struct rte_tel_data *prefix, *type, *via, *port;
	uint64_t count;
};
bool rtr_tel_route_cols_open(struct rtr_tel_route_cols *c);
void rtr_tel_route_row(struct rtr_tel_route_cols *c, const char *prefix, const char *type,
                       const char *via, const char *port);
int rtr_tel_route_cols_close(struct rtr_tel_route_cols *c, struct rte_tel_data *d);

struct rtr_tel_neigh_cols {
	struct rte_tel_data *ip, *mac, *port, *state, *age;
	uint64_t count;
};
bool rtr_tel_neigh_cols_open(struct rtr_tel_neigh_cols *c);
void rtr_tel_neigh_row(struct rtr_tel_neigh_cols *c, const char *ip,
                       const struct rte_ether_addr *mac, const char *port, const char *state,
                       uint64_t age_ms);
int rtr_tel_neigh_cols_close(struct rtr_tel_neigh_cols *c, struct rte_tel_data *d);

int rtr_tel_info(struct rtr *r, const char *params, struct rte_tel_data *d);
int rtr_tel_stats(struct rtr *r, const char *params, struct rte_tel_data *d);
int rtr_tel_lcores(struct rtr *r, const char *params, struct rte_tel_data *d);
int rtr_tel_routes(struct rtr *r, const char *params, struct rte_tel_data *d);
int rtr_tel_neighbors(struct rtr *r, const char *params, struct rte_tel_data *d);
/* tel_tables6.c */
int rtr_tel_routes6(struct rtr *r, const char *params, struct rte_tel_data *d);
int rtr_tel_neighbors6(struct rtr *r, const char *params, struct rte_tel_data *d);

#endif /* RTR_TEL_H */
