/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ifstated inside carp-router: a pthread of its own (never an lcore) drives
 * lib/ifstated's engine with the links of the interfaces the file names
 * (carp interfaces from lib/carp's published views: up = MASTER, down =
 * BACKUP, unknown = INIT; ports from the PMD's link status), the results of
 * its external tests and the clock, and carries out what the engine says:
 * `run` commands go to a hook runner of its own (ctl_hook.h: /bin/sh -c,
 * timeout, output logged), external tests are spawned here and SIGKILLed
 * when overdue or when their state is left.
 *
 * Sharing: the ifstated thread is the only writer of the engine and of
 * everything below; telemetry threads read under `lock` (ifsd_info).
 */
#ifndef IFSD_H
#define IFSD_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/types.h>

#include "ctl_hook.h"
#include "ifs_engine.h"

struct ctl;
struct rtr;

/* Where an interface of the file gets its link from. */
struct ifsd_src {
	bool carp;        /* a carp interface (else a port) */
	unsigned int idx; /* index in ctl.ifs, or DPDK port id */
};

struct ifsd_proc {
	pid_t pid;    /* running test (its own process group), 0 none */
	uint32_t run; /* the engine's run number it is */
	bool failed;  /* could not be spawned: reported as exit 127 */
};

struct ifsd {
	const struct rtr *r;
	struct ctl *ctl; /* NULL without a carp section */
	const struct ifs_conf *c;
	struct ifs_engine *e;
	struct ifs_out out;
	struct ifsd_src *src;   /* per c->ifaces */
	struct ifsd_proc *proc; /* per c->tests */
	struct ctl_hooks hooks; /* runs the `run` commands */
	pthread_t thread;
	bool started;
	_Atomic bool stop;
	pthread_mutex_t lock; /* the engine, against telemetry readers */
	uint64_t t0_us;
};

/* NULL (and *err 0) without an ifstated file; NULL with *err < 0 on failure. */
struct ifsd *ifsd_create(const struct rtr *r, struct ctl *ctl, int *err);
int ifsd_start(struct ifsd *d);
/* Kill the running tests, run the queued commands, join. */
void ifsd_stop(struct ifsd *d);
void ifsd_destroy(struct ifsd *d);
/* Microseconds on the engine's clock now. */
uint64_t ifsd_now_us(const struct ifsd *d);

/* Export the router's EAL file prefix as CARP_ROUTER_PREFIX, so the
 * commands it runs (hooks, ifstated) reach it with carpctl. Main thread,
 * before any other thread spawns. */
void ifsd_export_prefix(void);

#endif /* IFSD_H */
