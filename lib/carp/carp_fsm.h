/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The CARP per-vhid state machine's vocabulary and pure rules (spec 5):
 * states, transition reasons, timer formulas and the OpenBSD decisions on a
 * received advertisement. No state is kept here; carp_if applies them.
 */
#ifndef CARP_FSM_H
#define CARP_FSM_H

#include <stdbool.h>
#include <stdint.h>

#define CARP_NEVER          UINT64_MAX /* a disarmed deadline */
#define CARP_BOWOUT_ADVBASE 255
#define CARP_BOWOUT_ADVSKEW 255

#define CARP_STATES(X)                                                                             \
	X(INIT, "INIT")                                                                            \
	X(BACKUP, "BACKUP")                                                                        \
	X(MASTER, "MASTER")

enum carp_state {
#define X(e, n) CARP_STATE_##e,
	CARP_STATES(X)
#undef X
	    CARP_STATE__COUNT
};

/* Why a vhid last changed state, for telemetry and logs. */
#define CARP_REASONS(X)                                                                            \
	X(NONE, "none")                                                                            \
	X(CONFIG, "carp interface configured")                                                     \
	X(ADMIN_UP, "carp interface up")                                                           \
	X(ADMIN_DOWN, "carp interface down")                                                       \
	X(MASTER_DOWN, "master-down timer expired")                                                \
	X(PREEMPT, "preempting a slower master")                                                   \
	X(DEMOTED_PEER, "higher demotion received")                                                \
	X(SLOW_MASTER, "master advertises slower than our master-down interval")                   \
	X(BOW_OUT, "bow-out received")                                                             \
	X(FASTER_MASTER, "more frequent advertisement received")                                   \
	X(EQUAL_MASTER, "equally frequent advertisement received")                                 \
	X(LESS_DEMOTED, "lower demotion received")                                                 \
	X(FORCED, "forced by operator")                                                            \
	X(LINK_DOWN, "carpdev link down")                                                          \
	X(LINK_UP, "carpdev link up")                                                              \
	X(DETACH, "carp interface removed")

enum carp_reason {
#define X(e, d) CARP_REASON_##e,
	CARP_REASONS(X)
#undef X
	    CARP_REASON__COUNT
};

const char *carp_state_name(enum carp_state s);
const char *carp_reason_desc(enum carp_reason r);

/* Advertisement interval in microseconds (OpenBSD current):
 * advbase*1e6 + floor(advskew*1e6/256); 3906 us (1/256 s) when that is 0. */
uint64_t carp_interval_us(uint8_t advbase, uint8_t advskew);
/* Master-down interval: 3 x the advertisement interval. */
uint64_t carp_master_down_us(uint8_t advbase, uint8_t advskew);

/* Timing as compared by OpenBSD's timercmp: (advbase, advskew) in
 * lexicographic order, i.e. advbase*256 + advskew; smaller = better. */
static inline uint32_t carp_timing(uint8_t advbase, uint8_t advskew)
{
	return (uint32_t)advbase * 256 + advskew;
}

/* What a MASTER does on a valid advertisement (L = local advbase/advskew,
 * dL our demote, R and dR the received ones). Returns the reason to go
 * BACKUP, or CARP_REASON_NONE to stay MASTER:
 * BACKUP iff (L >= R and dR <= dL) or dR < dL. */
enum carp_reason carp_fsm_master_rx(uint8_t l_advbase, uint8_t l_advskew, uint8_t dl,
                                    uint8_t r_advbase, uint8_t r_advskew, uint8_t dr);

/* What a BACKUP does on a valid advertisement. Returns the reason to take
 * over now, or CARP_REASON_NONE (re-arm the master-down timer). In order:
 * 1. preempt and L < R and dR >= dL; 2. dR > dL;
 * 3. advbase_L != 0 and (3*advbase_L, advskew_L) < R (bow-out works so). */
enum carp_reason carp_fsm_backup_rx(uint8_t l_advbase, uint8_t l_advskew, uint8_t dl,
                                    uint8_t r_advbase, uint8_t r_advskew, uint8_t dr, bool preempt);

#endif /* CARP_FSM_H */
