/* SPDX-License-Identifier: BSD-2-Clause */
/* Pseudo states: see pf_pseudo.h. */
#include "pf_pseudo.h"

#include <stdbool.h>

/* Shared by UDP and others: the value of SINGLE/MULTIPLE is the same (1/2). */
static void two_way(struct pf_state *st, uint8_t dir, uint32_t now, uint8_t single,
                    uint8_t multiple, uint8_t tm_single, uint8_t tm_multiple)
{
	bool fwd = dir == st->direction;
	struct pf_state_peer *src = fwd ? &st->src : &st->dst, *dst = fwd ? &st->dst : &st->src;

	if (src->state < single)
		src->state = single;
	if (dst->state == single)
		dst->state = multiple;
	st->expire = now;
	st->timeout = (src->state == multiple && dst->state == multiple) ? tm_multiple : tm_single;
}

void pf_udp_update(struct pf_state *st, uint8_t dir, uint32_t now)
{
	two_way(st, dir, now, PFUDPS_SINGLE, PFUDPS_MULTIPLE, PFTM_UDP_SINGLE, PFTM_UDP_MULTIPLE);
}

void pf_other_update(struct pf_state *st, uint8_t dir, uint32_t now)
{
	two_way(st, dir, now, PFOTHERS_SINGLE, PFOTHERS_MULTIPLE, PFTM_OTHER_SINGLE,
	        PFTM_OTHER_MULTIPLE);
}

void pf_icmp_update(struct pf_state *st, uint32_t now)
{
	st->expire = now;
	st->timeout = PFTM_ICMP_ERROR_REPLY;
}
