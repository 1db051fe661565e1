/* SPDX-License-Identifier: BSD-2-Clause */
/* Pure CARP decision rules and timer formulas: see carp_fsm.h. */
#include "carp_fsm.h"

static const char *const state_names[] = {
#define X(e, n) [CARP_STATE_##e] = n,
    CARP_STATES(X)
#undef X
};

static const char *const reason_descs[] = {
#define X(e, d) [CARP_REASON_##e] = d,
    CARP_REASONS(X)
#undef X
};

const char *carp_state_name(enum carp_state s)
{
	return (unsigned)s < CARP_STATE__COUNT ? state_names[s] : "?";
}

const char *carp_reason_desc(enum carp_reason r)
{
	return (unsigned)r < CARP_REASON__COUNT ? reason_descs[r] : "?";
}

uint64_t carp_interval_us(uint8_t advbase, uint8_t advskew)
{
	/* advbase*1e6 + advskew*1e6/256; 1/256 s when both are 0 */
	uint64_t us = (uint64_t)advbase * 1000000u + (uint64_t)advskew * 1000000u / 256u;

	return us ? us : 1000000u / 256u;
}

uint64_t carp_master_down_us(uint8_t advbase, uint8_t advskew)
{
	return 3 * carp_interval_us(advbase, advskew);
}

enum carp_reason carp_fsm_master_rx(uint8_t l_advbase, uint8_t l_advskew, uint8_t dl,
                                    uint8_t r_advbase, uint8_t r_advskew, uint8_t dr)
{
	uint32_t l = carp_timing(l_advbase, l_advskew);
	uint32_t r = carp_timing(r_advbase, r_advskew);

	if (dr < dl)
		return CARP_REASON_LESS_DEMOTED;
	if (l > r && dr <= dl)
		return CARP_REASON_FASTER_MASTER;
	/* equal timing and demotion: the master that hears the other
	 * yields; no tie-break on addresses (OpenBSD) */
	if (l == r && dr <= dl)
		return CARP_REASON_EQUAL_MASTER;
	return CARP_REASON_NONE;
}

enum carp_reason carp_fsm_backup_rx(uint8_t l_advbase, uint8_t l_advskew, uint8_t dl,
                                    uint8_t r_advbase, uint8_t r_advskew, uint8_t dr, bool preempt)
{
	uint32_t l = carp_timing(l_advbase, l_advskew);
	uint32_t r = carp_timing(r_advbase, r_advskew);

	if (preempt && l < r && dr >= dl)
		return CARP_REASON_PREEMPT;
	if (dr > dl)
		return CARP_REASON_DEMOTED_PEER;
	/* the sender's interval exceeds our whole master-down wait */
	if (l_advbase != 0 && (uint32_t)l_advbase * 3 * 256 + l_advskew < r) {
		if (r_advbase == CARP_BOWOUT_ADVBASE && r_advskew == CARP_BOWOUT_ADVSKEW)
			return CARP_REASON_BOW_OUT;
		return CARP_REASON_SLOW_MASTER;
	}
	return CARP_REASON_NONE;
}
