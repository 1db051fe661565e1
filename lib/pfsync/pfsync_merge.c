/* SPDX-License-Identifier: BSD-2-Clause */
/* pfsync merge rules (pfsync_upd_tcp, pfsync_in_updates): see pfsync_merge.h. */
#include "pfsync_merge.h"

#include <string.h>

bool pfsync_tcp_src_stale(const struct pfsync_peer_msg *ours, const struct pfsync_peer_msg *theirs)
{
	/* "The state should never go backwards except for syn-proxy
	 * states. Neither should the sequence window slide backwards." */
	if (ours->state > theirs->state &&
	    (ours->state < PFSYNC_TCPS_PROXY_SRC || theirs->state >= PFSYNC_TCPS_PROXY_SRC))
		return true;
	return ours->state == theirs->state && pfsync_seq_gt(ours->seqlo, theirs->seqlo);
}

bool pfsync_tcp_dst_stale(const struct pfsync_peer_msg *ours, const struct pfsync_peer_msg *theirs)
{
	if (ours->state > theirs->state)
		return true;
	return ours->state == theirs->state && pfsync_seq_gt(ours->seqlo, theirs->seqlo);
}

void pfsync_merge_decide(uint8_t proto, const struct pfsync_peer_msg *our_src,
                         const struct pfsync_peer_msg *our_dst, const struct pfsync_peer_msg *src,
                         const struct pfsync_peer_msg *dst, uint8_t timeout,
                         struct pfsync_merge *out)
{
	bool src_stale, dst_stale;

	if (proto == PFSYNC_IPPROTO_TCP) {
		src_stale = pfsync_tcp_src_stale(our_src, src);
		dst_stale = pfsync_tcp_dst_stale(our_dst, dst);
	} else {
		/* non-TCP state machines always go forwards */
		src_stale = our_src->state > src->state;
		dst_stale = our_dst->state > dst->state;
	}
	memset(out, 0, sizeof(*out));
	out->take_src = !src_stale;
	out->take_dst = !dst_stale;
	out->stale = (unsigned)src_stale + (unsigned)dst_stale;
	out->refresh = out->stale < 2;
	out->send_update = out->stale > 0;
	out->src = *src;
	out->dst = *dst;
	out->timeout = timeout;
}

/* pf_state_peer_ntoh: the scrub part is copied only when the message's is
 * valid and ours exists (OpenBSD allocates it first when flagged valid,
 * so here: when the message's is valid). */
static void take_peer(struct pfsync_peer_msg *ours, const struct pfsync_peer_msg *theirs)
{
	struct pfsync_scrub_msg keep = ours->scrub;

	*ours = *theirs;
	if (theirs->scrub.scrub_flag != PFSYNC_SCRUB_FLAG_VALID)
		ours->scrub = keep;
	else
		ours->scrub.pfss_flags &= PFSYNC_PFSS_TIMESTAMP;
}

void pfsync_merge_apply(const struct pfsync_merge *m, struct pfsync_state_msg *st)
{
	if (m->take_src)
		take_peer(&st->src, &m->src);
	if (m->take_dst)
		take_peer(&st->dst, &m->dst);
	if (m->refresh)
		st->timeout = m->timeout;
}
