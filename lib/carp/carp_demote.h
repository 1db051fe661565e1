/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Demotion (spec 6.1): counters on interface groups (every carp interface is
 * in group "carp", plus user groups). Each group keeps a ledger per SOURCE so
 * telemetry can say why a host is demoted; the group's counter is the sum,
 * clamped 0..255. A carp interface advertises the sum over its groups,
 * clamped to 255, in byte 4 of every advertisement.
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
	X(SENDERR, senderr, "advertisement send errors")

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
	uint16_t ledger[CARP_DEMOTE__COUNT]; /* each 0..255 */
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
/* Group counter: sum of the ledger, clamped to 255. */
uint8_t carp_group_count(const struct carp_group *g);
/* Adjust one source by delta (clamped 0..255). Returns the group counter
 * after the change. */
uint8_t carp_group_adjust(struct carp_group *g, enum carp_demote_src src, int delta);

#endif /* CARP_DEMOTE_H */
