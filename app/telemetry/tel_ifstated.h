/* SPDX-License-Identifier: BSD-2-Clause */
/* /ifstated/info: the ifstated engine's state, tests and links. */
#ifndef TEL_IFSTATED_H
#define TEL_IFSTATED_H

struct ifsd;

/* Registers /ifstated/info when D is not NULL. 0 or a negative errno. */
int rtr_telemetry_ifstated_register(struct ifsd *d);
/* After this the handler answers an error and never touches D again. */
void rtr_telemetry_ifstated_unpublish(void);

#endif /* TEL_IFSTATED_H */
