/* SPDX-License-Identifier: BSD-2-Clause */
/* /pfsync/info: the sync context (tel_pfsync.c). */
#ifndef TEL_PFSYNC_H
#define TEL_PFSYNC_H

struct rtr;

/* Registers /pfsync/info when the router has a pfsync section; 0 or a negative errno. */
int rtr_telemetry_pfsync_register(struct rtr *r);

#endif /* TEL_PFSYNC_H */
