/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CARP counters, named after OpenBSD's struct carpstats (netstat -s -p carp)
 * plus three of our own (loop, disabled, vrrp). One X-macro gives the enum,
 * the names and the descriptions so the app prints them without a copy.
 *
 * Sharing: written by the control lcore only. Other threads read the copy
 * published in each carp interface's view (carp_view.h), never these.
 */
#ifndef CARP_STATS_H
#define CARP_STATS_H

#include <stdint.h>

#define CARP_STATS(X)                                                                              \
	X(IPACKETS, ipackets, "IPv4 CARP packets received")                                        \
	X(IPACKETS6, ipackets6, "IPv6 CARP packets received")                                      \
	X(BADIF, badif, "received on a port with no carp interface")                               \
	X(BADTTL, badttl, "TTL or hop limit not 255")                                              \
	X(HDROPS, hdrops, "malformed IP header (or not protocol 112)")                             \
	X(BADSUM, badsum, "CARP checksum failed")                                                  \
	X(BADVER, badver, "CARP version not 2")                                                    \
	X(BADLEN, badlen, "shorter than IP header + 36 bytes")                                     \
	X(BADAUTH, badauth, "HMAC matches neither context (incorrect hash)")                       \
	X(BADVHID, badvhid, "no such vhid here, or carp interface not running")                    \
	X(OPACKETS, opackets, "IPv4 advertisements sent")                                          \
	X(OPACKETS6, opackets6, "IPv6 advertisements sent")                                        \
	X(ONOMEM, onomem, "advertisements the app failed to send")                                 \
	X(PREEMPT, preempt, "BACKUP -> MASTER transitions")                                        \
	X(LOOP, loop, "own advertisement came back (our counter)")                                 \
	X(DISABLED, disabled, "dropped because CARP input is off (allow 0)")                       \
	X(VRRP, vrrp, "VRRP advertisements seen and ignored")

enum carp_stat {
#define X(e, n, d) CARP_STAT_##e,
	CARP_STATS(X)
#undef X
	    CARP_STAT__COUNT
};

struct carp_stats {
	uint64_t c[CARP_STAT__COUNT];
};

const char *carp_stat_name(enum carp_stat s);
const char *carp_stat_desc(enum carp_stat s);

#endif /* CARP_STATS_H */
