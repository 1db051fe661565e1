/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pf's state timeouts: the PFTM_* indices (the values pfsync carries in a
 * state's `timeout` byte, OpenBSD pfvar.h), their pf.conf names and the
 * OpenBSD defaults in seconds, the state limit and the adaptive scaling of
 * pf_state_expires() (pf.c):
 *
 *   states > adaptive.start:  timeout * (adaptive.end - states)
 *                                     / (adaptive.end - adaptive.start)
 *   states >= adaptive.end:   0 (expire now)
 *
 * where `states` is the table's count, or the rule's own count when the
 * rule set adaptive values (pfctl gives a rule with `max N` the values
 * 6N/10 and 12N/10 unless it names its own).
 */
#ifndef PF_TIMEOUT_H
#define PF_TIMEOUT_H

#include <stdint.h>

/* X(ENUM, pf.conf name, OpenBSD default seconds) in PFTM order. */
#define PF_TIMEOUTS(X)                                                                             \
	X(TCP_FIRST_PACKET, "tcp.first", 120)                                                      \
	X(TCP_OPENING, "tcp.opening", 30)                                                          \
	X(TCP_ESTABLISHED, "tcp.established", 86400)                                               \
	X(TCP_CLOSING, "tcp.closing", 900)                                                         \
	X(TCP_FIN_WAIT, "tcp.finwait", 45)                                                         \
	X(TCP_CLOSED, "tcp.closed", 90)                                                            \
	X(UDP_FIRST_PACKET, "udp.first", 60)                                                       \
	X(UDP_SINGLE, "udp.single", 30)                                                            \
	X(UDP_MULTIPLE, "udp.multiple", 60)                                                        \
	X(ICMP_FIRST_PACKET, "icmp.first", 20)                                                     \
	X(ICMP_ERROR_REPLY, "icmp.error", 10)                                                      \
	X(OTHER_FIRST_PACKET, "other.first", 60)                                                   \
	X(OTHER_SINGLE, "other.single", 30)                                                        \
	X(OTHER_MULTIPLE, "other.multiple", 60)                                                    \
	X(FRAG, "frag", 60)                                                                        \
	X(INTERVAL, "interval", 10)                                                                \
	X(ADAPTIVE_START, "adaptive.start", 60000)                                                 \
	X(ADAPTIVE_END, "adaptive.end", 120000)                                                    \
	X(SRC_NODE, "src.track", 0)                                                                \
	X(TS_DIFF, "tcp.tsdiff", 30)

enum pf_timeout {
#define X(e, n, v) PFTM_##e,
	PF_TIMEOUTS(X)
#undef X
	    PFTM_MAX,              /* 20: indices below are real timeouts */
	PFTM_PURGE = PFTM_MAX + 1, /* state to be removed at the next purge */
	PFTM_UNLINKED,             /* state removed from the table */
};

#define PFSTATE_HIWAT 100000 /* default `set limit states` */

/* pf.conf name of a timeout index, or NULL. */
const char *pf_timeout_name(unsigned idx);
/* Index of a pf.conf timeout name, or -1. */
int pf_timeout_byname(const char *name);
/* OpenBSD default value of a timeout index. */
uint32_t pf_timeout_default(unsigned idx);
/* Fill t[PFTM_MAX] with the OpenBSD defaults. */
void pf_timeouts_init(uint32_t t[PFTM_MAX]);

/*
 * pf_state_expires() without the state: the absolute time a state last
 * active at `last` expires, for base timeout `timeout` (seconds), with
 * `states` counted against [start, end). A result <= now means expired;
 * 0 when states >= end (pf expires every state then).
 */
uint64_t pf_timeout_expires(uint32_t last, uint32_t timeout, uint32_t start, uint32_t end,
                            uint32_t states);

#endif /* PF_TIMEOUT_H */
