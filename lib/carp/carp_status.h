/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Human-readable status of a carp interface, in the spirit of OpenBSD's
 * `ifconfig carp0`: state of every vhid, how long it has been in it and
 * why, and where the advertised demotion comes from (USERS #5, #7, #8).
 * Call on the control lcore (it reads state the control lcore writes).
 */
#ifndef CARP_STATUS_H
#define CARP_STATUS_H

#include <stddef.h>
#include <stdint.h>

#include "carp_if.h"

/* Writes e.g.
 *   carp0: carpdev 0 advbase 1 balancing none demote 1 [carp: link 1]
 *   	vhid 1 MASTER advskew 0 for 12.345s: master-down timer expired
 * Returns the length (as snprintf; truncated output is NUL-terminated). */
int carp_if_format(const struct carp_if *ifc, uint64_t now, char *buf, size_t len);

/* "up", "down", "state-master", ...; "?" when out of range. */
const char *carp_admin_op_name(enum carp_admin_op op);
/* Returns 0 and sets *op, or -EINVAL. */
int carp_admin_op_parse(const char *name, enum carp_admin_op *op);

#endif /* CARP_STATUS_H */
