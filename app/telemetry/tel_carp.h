/* SPDX-License-Identifier: BSD-2-Clause */
/* The /carp/... telemetry commands (tel_carp.c). */
#ifndef RTR_TELEMETRY_CARP_H
#define RTR_TELEMETRY_CARP_H

#include <stdbool.h>

struct ctl;
struct rtr;
struct rte_tel_data;

/* Register the commands and publish c (NULL: no carp interfaces; the
 * commands then answer empty). 0 or negative errno. */
int rtr_telemetry_carp_register(struct ctl *c);
/* /router/info's per-port columns port_filter ("mac", "promiscuous",
 * "allmulticast"), port_vmac_flip_us_last/_max, and control_lcore. */
int rtr_telemetry_carp_ports(const struct rtr *r, struct rte_tel_data *d);
/* After this, handlers never touch the control state again. */
void rtr_telemetry_carp_unpublish(void);
/* Hold the /carp handlers off (true) while a reload changes what they read
 * (r->cfg.carp), then let them in again (false). */
void rtr_telemetry_carp_hold(bool hold);

#endif /* RTR_TELEMETRY_CARP_H */
