/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One rte_log type per component of the app, so that e.g.
 * --log-level=rtr.ctl:debug works: rtr.app (start, stop, ports, final
 * stats), rtr.cfg (configuration), rtr.ctl (main loop, neighbour service,
 * telemetry, control lcore, hooks), rtr.carp (CARP events and state
 * changes), rtr.ifs (ifstated). lib/fwd does not log: it returns errors, which the app logs
 * under rtr.app, and counts what the workers drop.
 */
#ifndef RTR_LOG_H
#define RTR_LOG_H

#include <rte_log.h>

extern int rtr_logtype_app;
extern int rtr_logtype_cfg;
extern int rtr_logtype_ctl;
extern int rtr_logtype_carp; /* CARP state changes, "[carp0 vhid 1] ..." */
extern int rtr_logtype_ifs;  /* ifstated: state changes, commands, tests */

#define RTR_LOG(comp, level, fmt, ...)                                                             \
	rte_log(RTE_LOG_##level, rtr_logtype_##comp, "rtr." #comp ": " fmt "\n", ##__VA_ARGS__)

/* Set every rtr.* type to level (an RTE_LOG_* value). */
void rtr_log_set_level(unsigned int level);

#endif /* RTR_LOG_H */
