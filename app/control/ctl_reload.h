/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The carp section's share of a reload (app/rtr_reload.c): the main thread
 * checks what the control lcore can change on a running vhid, stages it in
 * a plan and hands it over through the request ring (op CTL_REQ_RELOAD);
 * the control lcore applies the whole plan between two of its loops, so an
 * unchanged vhid is never touched and a changed one keeps its state, timers
 * and counters (lib/carp's admin ops only re-arm the timers they concern).
 *
 * Applied live: preempt, allow, log; per carp interface advbase, each
 * vhid's advskew, carppeer, hook (its own or the section's). Refused (not
 * yet live): adding or removing a carp interface, its carpdev, vhids,
 * balancing, pass, addresses, groups, lladdr, state, hook_timeout_ms.
 */
#ifndef CTL_RELOAD_H
#define CTL_RELOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "carp_host.h"
#include "cfg.h"
#include "cfg_diff.h"

struct ctl;

/* A request op outside CTL_REQ_OPS (those are telemetry's): apply c->plan. */
#define CTL_REQ_RELOAD 0x80

struct ctl_reload_if {
	bool changed;
	int cfg_if; /* index in the new file */
	uint8_t advbase;
	unsigned int n_nodes;
	struct carp_node nodes[CARP_MAX_NODES]; /* vhid, new advskew */
	struct carp_key key;                    /* from the new pass */
	bool peer4_set;
	uint8_t peer4[4], src4[4];
	char hook[CFG_HOOK_LEN];
};

/* Written by the main thread before the request, read by the control lcore
 * after it dequeued it (the ring orders the two). */
struct ctl_reload_plan {
	bool preempt, allow;
	unsigned int log;
	struct ctl_reload_if ifs[CARP_MAX_IFS]; /* by index in ctl.ifs */
};

/* Main thread: refuse what cannot change live yet (messages in errs). */
int ctl_reload_check(const struct cfg *old, const struct cfg *new, const struct cfg_diff *d,
                     struct cfg_errors *errs);
/* Main thread: stage and apply (waits for the control lcore, 1 s). c may be
 * NULL (no carp). 0, or negative errno with a message in errs. */
int ctl_reload_apply(struct ctl *c, const struct cfg *new, const struct cfg_diff *d,
                     struct cfg_errors *errs);
/* Main thread, telemetry paused, as new becomes r->cfg: each interface's
 * index in the new file. */
void ctl_reload_commit(struct ctl *c, const struct cfg_diff *d);
/* Control lcore: apply c->plan. 0 or negative errno, message in msg. */
int ctl_reload_exec(struct ctl *c, uint64_t now, char *msg, unsigned int len);

#endif /* CTL_RELOAD_H */
