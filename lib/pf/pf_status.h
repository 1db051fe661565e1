/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The filter's counters, named as `pfctl -si` prints them (OpenBSD
 * pf_status: fcounters, counters by PFRES_* reason, lcounters), limited
 * to those this implementation can move. One X-macro per group gives the
 * enum and the names.
 *
 * Reasons are also the packet path's drop reasons: a packet dropped by a
 * block rule is counted under "match" (as pf) and carries the rule number.
 */
#ifndef PF_STATUS_H
#define PF_STATUS_H

#include <stdint.h>

#define PF_FCOUNTERS(X)                                                                            \
	X(SEARCH, "searches")                                                                      \
	X(INSERT, "inserts")                                                                       \
	X(REMOVALS, "removals")

/* X(ENUM, pfctl name, description) */
#define PF_REASONS(X)                                                                              \
	X(MATCH, "match", "a rule matched (passed or blocked by rule N)")                          \
	X(BADOFF, "bad-offset", "header length or offset out of bounds")                           \
	X(FRAG, "fragment", "fragment that cannot be handled")                                     \
	X(SHORT, "short", "truncated packet")                                                      \
	X(NORM, "normalize", "malformed or impossible header (ICMP over IPv6 ...)")                \
	X(MEMORY, "memory", "state table full (set limit states)")                                 \
	X(IPOPTIONS, "ip-option", "IPv4 options or IPv6 routing header type 0")                    \
	X(BADSTATE, "state-mismatch", "packet outside the state's window")                         \
	X(STATEINS, "state-insert", "state key already in the table")                              \
	X(MAXSTATES, "state-limit", "rule's max states reached")                                   \
	X(TRANSLATE, "translate", "no free NAT port")

#define PF_LCOUNTERS(X) X(STATES, "max states per rule")

enum pf_fcounter {
#define X(e, n) PF_FCNT_##e,
	PF_FCOUNTERS(X)
#undef X
	    PF_FCNT__COUNT
};

enum pf_reason {
#define X(e, n, d) PF_REASON_##e,
	PF_REASONS(X)
#undef X
	    PF_REASON__COUNT
};

enum pf_lcounter {
#define X(e, n) PF_LCNT_##e,
	PF_LCOUNTERS(X)
#undef X
	    PF_LCNT__COUNT
};

struct pf_status {
	uint64_t fcounters[PF_FCNT__COUNT];
	uint64_t counters[PF_REASON__COUNT];
	uint64_t lcounters[PF_LCNT__COUNT];
	uint32_t states;          /* "current entries" */
	uint32_t states_halfopen; /* "half-open tcp" */
};

const char *pf_fcounter_name(enum pf_fcounter c);
const char *pf_reason_name(enum pf_reason r);
const char *pf_reason_desc(enum pf_reason r);
const char *pf_lcounter_name(enum pf_lcounter c);

#endif /* PF_STATUS_H */
