/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What a reload would change: the running configuration against a new one
 * that passed every --check validation. Pure (no DPDK), so the rules that
 * decide "applied live" or "refused, restart" are unit-tested
 * (tests/unit/config/test_diff.c).
 *
 * Refused (cfg_diff returns -EINVAL, one "FILE:LINE: reason" per change, at
 * the new file's key): the port set and each port's device, queues,
 * descriptors and MTU; polling, idle_polls,
 * sleep_max_us; tables.neighbours and tables.mbufs; the ifstated path; any
 * change of the pfsync section (cfg_pfsync_same); going
 * from no carp interface to some or back (the control lcore runs only with
 * carp). The worker and control lcores are compared by the process once EAL
 * has resolved them (app/rtr_reload.c), with the same wording. Everything
 * else is a live change, flagged in struct cfg_diff for the process to apply.
 */
#ifndef RTR_CFG_DIFF_H
#define RTR_CFG_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "cfg.h"

#define CFG_DIFF_NONE (-1) /* carp_old[]: an interface the running file has not */

struct cfg_diff {
	bool log_level;
	bool addrs;        /* some port's interface addresses */
	bool routes;       /* the route list, or tables.routes */
	bool neighs;       /* the static neighbours */
	bool carp_globals; /* allow, preempt, log, boot_demote, hook, hook_timeout_ms */
	/* Where the first difference of each kind is in the new file. */
	struct cfg_loc addrs_loc, routes_loc, neighs_loc, carp_globals_loc;

	/* Per carp interface of the new file: its index in the running one
	 * (same name and carpdev), or CFG_DIFF_NONE when it is added. */
	int carp_old[CFG_CARP_IFS_MAX];
	bool carp_changed[CFG_CARP_IFS_MAX]; /* present in both, some key differs */
	/* Per carp interface of the running file: not in the new one. */
	bool carp_removed[CFG_CARP_IFS_MAX];
};

/*
 * Compare running configuration old with validated new. Fills *d; a change
 * that cannot be made live adds its reason to errs. Returns 0 (d says what
 * to apply, maybe nothing) or -EINVAL (refused).
 */
int cfg_diff(const struct cfg *old, const struct cfg *new, struct cfg_diff *d,
             struct cfg_errors *errs);
/* cfg_diff6.c: any IPv6 difference is refused (added to errs); 0 or -EINVAL. */
int cfg_diff6(const struct cfg *old, const struct cfg *new, struct cfg_errors *errs);
/* Add "FILE:LINE: WHAT cannot change live (restart the router)" at loc of new. */
void cfg_diff_refuse(struct cfg_errors *errs, const struct cfg *new, struct cfg_loc loc,
                     const char *what);
/* Nothing to apply. */
bool cfg_diff_empty(const struct cfg_diff *d, const struct cfg *old, const struct cfg *new);
/* "routes, neighbours, carp0 (changed), carp1 (added)" or "nothing"; returns buf. */
const char *cfg_diff_describe(const struct cfg_diff *d, const struct cfg *old,
                              const struct cfg *new, char *buf, size_t len);
/* Every key of two carp interfaces compares equal (not their file lines). */
bool cfg_carp_if_equal(const struct cfg_carp_if *a, const struct cfg_carp_if *b);

#endif /* RTR_CFG_DIFF_H */
