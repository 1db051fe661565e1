/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The filter's side of pfsync (docs/pfsync.md, "Router integration"):
 * states from the peer go in, updated and removed by their keys, never
 * announced back (pf's PFSYNC_SI_IOCTL / pfsync's own calls). A state
 * imported is bound to no local rule (rule -1, as OpenBSD) and tracked
 * loosely until each side has been seen here (pf_state_mark_imported).
 * Its NAT mapping is its keys: linked in the table, a new translation
 * never picks a port whose reply key an imported state holds (pf_nat.h),
 * so an imported NAT port is reserved against new allocations.
 *
 * Same single-writer rule as the rest of pf_filter: the table's owner.
 */
#ifndef PF_SYNC_H
#define PF_SYNC_H

#include "pf_filter.h"

/*
 * Insert st (times already on this table's clock: creation, expire = last
 * activity). 0; -EEXIST (a state holds one of its keys); -ENOMEM (table
 * full). Counted as an insert.
 */
int pf_filter_import(struct pf_filter *f, const struct pf_state *st);
/*
 * The state holding st's wire key: take st's peers, timeout and expire
 * (the caller merged them, pfsync_merge.h). false when there is none.
 */
bool pf_filter_peer_update(struct pf_filter *f, const struct pf_state *st);
/* Remove the state holding wire key k, without the on_remove hook; false if none. */
bool pf_filter_peer_remove(struct pf_filter *f, const struct pf_state_key *k);

#endif /* PF_SYNC_H */
