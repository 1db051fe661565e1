/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/pf's state <-> lib/pfsync's decoded struct pfsync_state, field by
 * field (pf_state.h has the map). Pure C, no DPDK: unit-tested on its own.
 * Times: pf keeps seconds on this router's monotonic clock (creation, and
 * expire = the last packet); the wire carries the age and the seconds left
 * (pf_state_expire_left with the ruleset's timeouts), so an imported state
 * gets creation = now - age and a last packet placed so that it expires
 * `seconds left` from now under our timeout for its class.
 */
#ifndef FWD_PFSYNC_CONV_H
#define FWD_PFSYNC_CONV_H

#include <stdint.h>

#include "pf_state.h"
#ifndef PFSYNC_PF_NAMES
#define PFSYNC_PF_NAMES /* lib/pf's PFTM_* and PFSTATE_* (pfsync_proto.h) */
#endif
#include "pfsync_msg.h"

_Static_assert(PFTM_MAX == 20 && PFTM_TCP_ESTABLISHED == 2 && PFTM_TS_DIFF == 19,
               "lib/pf and lib/pfsync agree on OpenBSD's timeout indices");
_Static_assert(PFSTATE_NOSYNC == 0x0008 && PFSTATE_ACK == 0x0010 && PFSTATE_SLOPPY == 0x0002,
               "lib/pf and lib/pfsync agree on OpenBSD's state flags");

/* timeout: the ruleset's timeout[PFTM_MAX] (seconds). */
void fwd_pfsync_export(const struct pf_state *st, const uint32_t *timeout, uint32_t now,
                       struct pfsync_state_msg *out);
/* Validated by lib/pfsync (af, timeout, peer states). */
void fwd_pfsync_import(const struct pfsync_state_msg *m, const uint32_t *timeout, uint32_t now,
                       struct pf_state *out);
/* The peers and timeout of a message into a pf state (an update). */
void fwd_pfsync_peer_import(const struct pfsync_peer_msg *m, struct pf_state_peer *out);
void fwd_pfsync_peer_export(const struct pf_state_peer *p, struct pfsync_peer_msg *out);

#endif /* FWD_PFSYNC_CONV_H */
