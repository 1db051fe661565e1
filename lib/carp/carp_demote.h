/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Demotion (spec 6.1): counters on interface groups (every carp interface is
 * in group "carp", plus user groups). Each group keeps a ledger per SOURCE so
 * telemetry can say why a host is demoted. Each entry is kept exact (never
 * clamped at 255, so +200 +200 -200 by the router's own sources leaves 200,
 * not 55); the group's counter, and what a carp interface advertises in
 * byte 4 of every advertisement (the sum over its groups), is min(sum, 255).
 * The operator's share is checked instead, as OpenBSD's carpdemote
 * (if_setgroupattribs: counter + N outside 0..255 is refused): see
 * carp_group_operator_check.
 */
#ifndef CARP_DEMOTE_H
#define CARP_DEMOTE_H

#include <stdbool.h>
#include <stdint.h>

#define CARP_MAX_GROUPS     16
#define CARP_GROUP_NAME_MAX 16 /* including the NUL */
#define CARP_DEFAULT_GROUP  "carp"
#define CARP_BOOT_DEMOTE    128 /* OpenBSD /etc/rc interlock */
#define CARP_DEMOTE_MAX     255

#define CARP_DEMOTE_SOURCES(X)                                                                     \
	X(BOOT, boot, "boot interlock (not all ports up yet)")                                     \
	X(LINK, link, "carpdev link down")                                                         \
	X(OPERATOR, operator, "operator carpdemote")                                               \
	X(SENDERR, senderr, "advertisement send errors")                                           \
	X(PFSYNC, pfsync, "pfsync: bulk update not in yet (32), sync link down (1)")

enum carp_demote_src {
#define X(e, n, d) CARP_DEMOTE_##e,
	CARP_DEMOTE_SOURCES(X)
#undef X
	    CARP_DEMOTE__COUNT
};

const char *carp_demote_src_name(enum carp_demote_src s);
const char *carp_demote_src_desc(enum carp_demote_src s);

struct carp_group {
	char name[CARP_GROUP_NAME_MAX];
	uint16_t ledger[CARP_DEMOTE__COUNT]; /* exact (saturates at 65535) */
};

struct carp_groups {
	unsigned n;
	struct carp_group g[CARP_MAX_GROUPS]; /* g[0] is "carp" */
};

/* Reset to the single default group "carp". */
void carp_groups_init(struct carp_groups *gs);
/* Index of `name`, or -ENOENT. */
int carp_groups_find(const struct carp_groups *gs, const char *name);
/* Index of `name`, created when missing; -ENOSPC when full, -EINVAL for a
 * bad name. */
int carp_groups_get(struct carp_groups *gs, const char *name);
/* Exact sum of the ledger. */
uint32_t carp_group_sum(const struct carp_group *g);
/* Group counter as advertised: min(sum of the ledger, 255). */
uint8_t carp_group_count(const struct carp_group *g);
/* Adjust one source by delta, exactly (an entry never goes below 0).
 * Returns the group counter after the change. */
uint8_t carp_group_adjust(struct carp_group *g, enum carp_demote_src src, int delta);
/*
 * May the operator adjust g by delta? As OpenBSD's carpdemote: -ERANGE when
 * the group's sum would leave 0..255 (sum + delta > 255), and -ERANGE when
 * the operator's own entry would go below 0 (the operator takes back only
 * what the operator gave; the other sources are the router's to lift).
 * 0 when allowed. Changes nothing.
 */
int carp_group_operator_check(const struct carp_group *g, int delta);

#endif /* CARP_DEMOTE_H */
