/* SPDX-License-Identifier: BSD-2-Clause */
/* ifstated's external tests as processes: /bin/sh -c in a process group of
 * its own, output discarded, reaped without blocking, killed with SIGKILL. */
#ifndef IFSD_PROC_H
#define IFSD_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include "ifsd.h"

/* Start CMD as run RUN (a running one is killed first). */
void ifsd_proc_start(struct ifsd_proc *p, const char *cmd, uint32_t run);
/* SIGKILL the process group and reap it; nothing is reported. */
void ifsd_proc_kill(struct ifsd_proc *p);
/* Whether the run ended; *status is its exit status, -1 if killed by a
 * signal, 127 if it could not be spawned. */
bool ifsd_proc_done(struct ifsd_proc *p, int *status);

#endif /* IFSD_PROC_H */
