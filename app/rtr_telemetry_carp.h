/* SPDX-License-Identifier: BSD-2-Clause */
/* The /carp/... telemetry commands (rtr_telemetry_carp.c). */
#ifndef RTR_TELEMETRY_CARP_H
#define RTR_TELEMETRY_CARP_H

struct ctl;

/* Register the commands and publish c (NULL: no carp interfaces; the
 * commands then answer empty). 0 or negative errno. */
int rtr_telemetry_carp_register(struct ctl *c);
/* After this, handlers never touch the control state again. */
void rtr_telemetry_carp_unpublish(void);

#endif /* RTR_TELEMETRY_CARP_H */
