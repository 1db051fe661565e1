/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * UDP, ICMP and other protocols' pseudo states (pf_test_state and
 * pf_test_state_icmp): UDP and others go SINGLE -> MULTIPLE once both
 * sides sent (udp.single/udp.multiple, other.*); an ICMP query state
 * moves to icmp.error (pf's PFTM_ICMP_ERROR_REPLY) on every match.
 */
#ifndef PF_PSEUDO_H
#define PF_PSEUDO_H

#include <stdint.h>

#include "pf_state.h"

void pf_udp_update(struct pf_state *st, uint8_t dir, uint32_t now);
void pf_other_update(struct pf_state *st, uint8_t dir, uint32_t now);
void pf_icmp_update(struct pf_state *st, uint32_t now);

#endif /* PF_PSEUDO_H */
