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

#include <stdint.h>

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

int rtr_tel_info(struct rtr *r, const char *params, struct rte_tel_data *d);
int rtr_tel_stats(struct rtr *r, const char *params, struct rte_tel_data *d);
int rtr_tel_lcores(struct rtr *r, const char *params, struct rte_tel_data *d);
int rtr_tel_routes(struct rtr *r, const char *params, struct rte_tel_data *d);
int rtr_tel_neighbors(struct rtr *r, const char *params, struct rte_tel_data *d);

#endif /* RTR_TEL_H */
