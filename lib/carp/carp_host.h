/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The CARP host: every carp interface of this router, the demotion groups,
 * the global knobs (preempt, allow) and the global carpstats. All events
 * enter here or through carp_if_admin, with `now` in microseconds from a
 * monotonic clock the caller reads; each call appends actions and finishes
 * with a DEADLINE action, except a rejected packet (carp_host_input
 * returning a drop reason), which appends nothing: it changes no timer and
 * no state, only counters. Nothing here reads a clock or allocates.
 *
 * Typical control-lcore loop:
 *   carp_actions_init(&acts, buf, CARP_ACTIONS_HINT);
 *   on CARP packet:   carp_host_input(h, now, port, ip, len, &acts);
 *   on deadline:      carp_host_timeout(h, now, &acts);
 *   on link change:   carp_host_link(h, now, port, up, &acts);
 *   after tx attempt: carp_host_send_result(h, now, ifc, err, &acts);
 *   then execute acts.a[0..n) in order and sleep until the DEADLINE.
 */
#ifndef CARP_HOST_H
#define CARP_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "carp_action.h"
#include "carp_demote.h"
#include "carp_if.h"
#include "carp_stats.h"

#define CARP_MAX_IFS 16 /* by_vhid holds one bit per interface */

struct carp_host_config {
	carp_random_fn random; /* required */
	void *random_arg;
	bool preempt;     /* net.inet.carp.preempt (default off) */
	bool disallow;    /* net.inet.carp.allow = 0 */
	bool boot_demote; /* start with group carp demoted 128 */
};

struct carp_host {
	carp_random_fn random;
	void *random_arg;
	bool preempt;
	bool allow;
	unsigned n_ifs;
	struct carp_if *ifs[CARP_MAX_IFS];
	uint16_t by_vhid[256]; /* bit i: ifs[i] has a node with this vhid */
	struct carp_groups groups;
	struct carp_if_env env; /* what attached interfaces use of this host */
	struct carp_stats stats; /* global carpstats */
};

int carp_host_init(struct carp_host *h, const struct carp_host_config *cfg);

/* Attach an initialised carp interface (vhids must be unique per carpdev),
 * draw its replay counters, and start it when it can run (INIT -> BACKUP,
 * virtual MACs added). User groups named in its config are created. The
 * carpdev link is assumed up until carp_host_link says otherwise.
 * Returns 0, -ENOSPC, -EEXIST (vhid already used on that carpdev). */
int carp_host_attach(struct carp_host *h, struct carp_if *ifc, uint64_t now,
                     struct carp_actions *out);
/* Stop (bow-out if MASTER), remove its MACs and its demotions, detach. */
void carp_host_detach(struct carp_host *h, struct carp_if *ifc, uint64_t now,
                      struct carp_actions *out);

/* A packet of IP protocol 112 received on `carpdev`, starting at the IP
 * header (carp_host_input) or at the Ethernet header (_frame). Validates in
 * OpenBSD order, counts, and runs the state machine. Returns 0 when the
 * advertisement was accepted, else the enum carp_stat of the drop reason.
 * A drop is O(1): it appends no action and publishes nothing; the one
 * interface it was matched to (badvhid while not running, badver,
 * badauth, loop) has its view marked behind for carp_host_publish_views. */
int carp_host_input(struct carp_host *h, uint64_t now, uint16_t carpdev, const uint8_t *pkt,
                    size_t len, struct carp_actions *out);
int carp_host_input_frame(struct carp_host *h, uint64_t now, uint16_t carpdev, const uint8_t *frame,
                          size_t len, struct carp_actions *out);

/* Publish the views (carp_view.h) that drops left behind: call once per
 * control-loop pass, so counters reach telemetry at the loop's pace, not
 * once per rejected packet. */
void carp_host_publish_views(struct carp_host *h, uint64_t now);

/* Fire every timer due at `now` (advertisements, master-down). */
void carp_host_timeout(struct carp_host *h, uint64_t now, struct carp_actions *out);
/* Earliest armed timer of all interfaces, CARP_NEVER if none. */
uint64_t carp_host_next_deadline(const struct carp_host *h);

/* Carrier of a carpdev changed. Down: its carp interfaces go INIT and each
 * demotes its groups by 1 (source link); up: undo and restart. */
void carp_host_link(struct carp_host *h, uint64_t now, uint16_t carpdev, bool up,
                    struct carp_actions *out);

/* Operator demotion: adjust group `group` by delta (+/-), counted under
 * source `src` (normally CARP_DEMOTE_OPERATOR). An operator increase makes
 * every MASTER in the group advertise at once; an internal increase does
 * so when it leaves a group counter at exactly 1 (OpenBSD). Returns 0,
 * -ENOENT (no such group), -EINVAL (|delta| > 255), -ERANGE (operator
 * source only: refused by carp_group_operator_check, nothing changed). */
int carp_host_demote(struct carp_host *h, uint64_t now, const char *group, int delta,
                     enum carp_demote_src src, struct carp_actions *out);
/* End of the boot interlock: removes the boot demotion of group carp. */
void carp_host_boot_done(struct carp_host *h, uint64_t now, struct carp_actions *out);

/* Result of executing a SEND_ADV action of `ifc` (0 or negative errno).
 * 3 x (number of vhids) consecutive failures demote the interface's groups
 * by 1 (source senderr); as many consecutive successes undo it. */
void carp_host_send_result(struct carp_host *h, uint64_t now, struct carp_if *ifc, int err,
                           struct carp_actions *out);

void carp_host_set_preempt(struct carp_host *h, bool on);
void carp_host_set_allow(struct carp_host *h, bool on);

/* Group counter / one ledger entry of a group (for telemetry). */
int carp_host_group_demote(const struct carp_host *h, const char *group,
                           uint16_t ledger[CARP_DEMOTE__COUNT]);

#endif /* CARP_HOST_H */
