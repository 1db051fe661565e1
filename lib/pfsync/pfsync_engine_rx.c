/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Engine input: OpenBSD's receive checks, authentication, then each
 * message by OpenBSD's handlers (if_pfsync.c pfsync_in_*):
 *  INS      import (ACK flag: answer INS_ACK at once); known: ignored
 *  UPD      known: merge (pfsync_merge.h); unknown: import (bulk, replies)
 *  UPD_C    known: merge; unknown: ask with UPD_REQ (one packet per frame)
 *  DEL(_C)  remove, not re-announced; unknown: badstate
 *  INS_ACK  release the deferred packet
 *  UPD_REQ  id 0 creatorid 0: start a bulk send; else queue a full UPD
 *  CLR      remove every state of that creatorid (and interface)
 *  BUS      bulk requester events
 * A stale merge counts `stale` and sends our copy back.
 */
#include "pfsync_engine_int.h"

#include <errno.h>
#include <string.h>

static void count(struct pfsync_engine *e, enum pfsync_rx r)
{
	enum pfsync_stat s = pfsync_rx_stat(r);

	if (s < PFSYNC_STAT__COUNT)
		e->st.c[s]++;
}

/* Any update of a state releases its deferred packet. */
static void acked(struct pfsync_engine *e, uint64_t id, uint32_t creatorid, struct pfsync_outs *out)
{
	uint64_t cookie;

	if (pfsync_defer_count(&e->df) > 0 && pfsync_defer_take(&e->df, id, creatorid, &cookie)) {
		e->st.c[PFSYNC_STAT_DEFER_ACK]++;
		pfsync_release(e, cookie, PFSYNC_RELEASE_ACK, out);
	}
}

/* UPD / UPD_C of a state we have (exported in e->scratch). */
static void merge(struct pfsync_engine *e, uint64_t now, uint64_t id, uint32_t creatorid,
                  const struct pfsync_peer_msg *src, const struct pfsync_peer_msg *dst,
                  uint8_t timeout, struct pfsync_outs *out)
{
	const struct pfsync_state_msg *ours = &e->scratch;
	struct pfsync_event ev = {id, creatorid, ours->proto, PFSYNC_EV_PEER_RECENT};
	struct pfsync_merge m;

	acked(e, id, creatorid, out);
	pfsync_merge_decide(ours->proto, &ours->src, &ours->dst, src, dst, timeout, &m);
	e->ops.merge(e->arg, id, creatorid, &m);
	if (m.send_update) {
		e->st.c[PFSYNC_STAT_STALE]++;
		pfsync_q_update(e, now, &ev, out); /* the peer is behind: now */
	}
}

/* Insert a state from the wire; returns the table's answer. */
static int import(struct pfsync_engine *e, const struct pfsync_state_msg *st)
{
	if (st->creatorid == 0)
		return -EINVAL; /* pf_state_import refuses creatorid 0 */
	return e->ops.import(e->arg, st);
}

static void in_ins(struct pfsync_engine *e, uint64_t now, struct pfsync_iter *it,
                   const struct pfsync_msg *m, struct pfsync_outs *out)
{
	struct pfsync_state_msg *st = &e->scratch;
	bool ack;
	int rc;

	*st = m->u.state;
	ack = st->state_flags & PFSTATE_ACK;
	st->state_flags &= (uint16_t)~PFSTATE_ACK;
	rc = import(e, st);
	if (rc == -ENOMEM)
		pfsync_frame_skip_sub(it); /* drop out, process the other subheaders */
	else if (rc < 0 && rc != -EEXIST)
		e->st.c[PFSYNC_STAT_BADSTATE]++;
	else if (rc == 0 && ack)
		pfsync_q_iack(e, now, st->id, st->creatorid, out);
}

static void in_upd(struct pfsync_engine *e, uint64_t now, const struct pfsync_msg *m,
                   struct pfsync_outs *out)
{
	const struct pfsync_state_msg *st = &m->u.state;
	int rc;

	pfsync_breq_progress(&e->breq, now, 1);
	if (e->ops.lookup(e->arg, st->id, st->creatorid, &e->scratch)) {
		merge(e, now, st->id, st->creatorid, &st->src, &st->dst, st->timeout, out);
		return;
	}
	e->scratch = *st;
	e->scratch.state_flags &= (uint16_t)~PFSTATE_ACK;
	rc = import(e, &e->scratch);
	if (rc < 0 && rc != -EEXIST)
		e->st.c[PFSYNC_STAT_BADSTATE]++;
}

static void in_upd_c(struct pfsync_engine *e, uint64_t now, const struct pfsync_msg *m,
                     struct pfsync_outs *out)
{
	const struct pfsync_upd_c_msg *u = &m->u.upd_c;

	if (e->ops.lookup(e->arg, u->id, u->creatorid, &e->scratch))
		merge(e, now, u->id, u->creatorid, &u->src, &u->dst, u->timeout, out);
	else
		pfsync_q_ureq(e, now, u->id, u->creatorid); /* we don't have it: ask */
}

static void in_del(struct pfsync_engine *e, uint64_t id, uint32_t creatorid)
{
	pfsync_q_forget(e, id, creatorid); /* nothing of ours about it goes out */
	if (!e->ops.remove(e->arg, id, creatorid))
		e->st.c[PFSYNC_STAT_BADSTATE]++;
}

static void in_ureq(struct pfsync_engine *e, uint64_t now, const struct pfsync_ref_msg *r,
                    struct pfsync_outs *out)
{
	struct pfsync_state_msg *st = &e->scratch;

	if (r->id == 0 && r->creatorid == 0) {
		e->st.c[PFSYNC_STAT_BULK_REQ_RECV]++;
		pfsync_tx_bulk_start(e);
		return;
	}
	if (!e->ops.lookup(e->arg, r->id, r->creatorid, st) || st->timeout >= PFTM_MAX ||
	    (st->state_flags & PFSTATE_NOSYNC)) {
		e->st.c[PFSYNC_STAT_BADSTATE]++;
		return;
	}
	pfsync_q_request(e, now, r->id, r->creatorid, out);
}

void pfsync_rx_msg(struct pfsync_engine *e, uint64_t now, struct pfsync_iter *it,
                   const struct pfsync_msg *m, struct pfsync_outs *out)
{
	if (m->skipped)
		return;
	if (m->reason != PFSYNC_RX_OK) {
		count(e, m->reason); /* badval: this message only */
		return;
	}
	switch (m->action) {
	case PFSYNC_ACT_INS:
		in_ins(e, now, it, m, out);
		break;
	case PFSYNC_ACT_UPD:
		in_upd(e, now, m, out);
		break;
	case PFSYNC_ACT_UPD_C:
		in_upd_c(e, now, m, out);
		break;
	case PFSYNC_ACT_DEL:
		in_del(e, m->u.state.id, m->u.state.creatorid);
		break;
	case PFSYNC_ACT_DEL_C:
		in_del(e, m->u.ref.id, m->u.ref.creatorid);
		break;
	case PFSYNC_ACT_INS_ACK:
		acked(e, m->u.ref.id, m->u.ref.creatorid, out);
		break;
	case PFSYNC_ACT_UPD_REQ:
		in_ureq(e, now, &m->u.ref, out);
		break;
	case PFSYNC_ACT_CLR:
		e->ops.clear(e->arg, m->u.clr.creatorid, m->u.clr.ifname);
		break;
	case PFSYNC_ACT_BUS:
		pfsync_breq_flags(
		    e, now, pfsync_breq_bus(&e->breq, now, m->u.bus.status, m->u.bus.endtime, out),
		    out);
		break;
	default:
		break; /* TDB: IPsec is not ours */
	}
}

/* Authentication under the configured mode; PFSYNC_RX_OK to go on. */
static enum pfsync_rx authenticate(struct pfsync_engine *e, const struct pfsync_ip4 *ip,
                                   const struct pfsync_iter *it)
{
	enum pfsync_auth_verdict v = PFSYNC_AUTH_V_BAD;
	enum pfsync_rx r;

	if (e->cfg.auth == PFSYNC_AUTH_OFF)
		return PFSYNC_RX_OK;
	if (pfsync_auth_verify(&e->auth, ip, it->buf, it->len, &v) < 0)
		v = PFSYNC_AUTH_V_BAD; /* libcrypto failure: treat as not verified */
	r = pfsync_auth_decide(e->cfg.auth, v);
	if (v == PFSYNC_AUTH_V_OK)
		e->st.c[PFSYNC_STAT_AUTHOK]++;
	else if (r == PFSYNC_RX_OK)
		e->st.c[PFSYNC_STAT_AUTHSKIP]++;
	return r;
}

static enum pfsync_rx check(struct pfsync_engine *e, const uint8_t *pkt, size_t len,
                            bool on_syncdev, struct pfsync_ip4 *ip, struct pfsync_iter *it)
{
	enum pfsync_rx r;

	if (!on_syncdev)
		return PFSYNC_RX_BADIF;
	r = pfsync_ip4_parse(pkt, len, ip);
	if (r == PFSYNC_RX_OK)
		r = pfsync_frame_open(it, ip->payload, ip->payload_len);
	if (r == PFSYNC_RX_OK)
		r = authenticate(e, ip, it);
	return r;
}

void pfsync_engine_input(struct pfsync_engine *e, uint64_t now, const uint8_t *pkt, size_t len,
                         bool on_syncdev, struct pfsync_outs *out)
{
	struct pfsync_ip4 ip;
	struct pfsync_iter it;
	enum pfsync_rx r;
	int rc;

	pfsync_call_begin(e);
	e->st.c[PFSYNC_STAT_IPACKETS]++;
	if (!e->up) { /* OpenBSD: pfsync not running, counted in ipackets only */
		pfsync_push_deadline(e, out);
		return;
	}
	r = check(e, pkt, len, on_syncdev, &ip, &it);
	if (r != PFSYNC_RX_OK) {
		count(e, r);
		pfsync_push_deadline(e, out);
		return;
	}
	while ((rc = pfsync_frame_next(&it, &e->msg)) > 0)
		pfsync_rx_msg(e, now, &it, &e->msg, out);
	if (rc < 0)
		count(e, it.reason);
	pfsync_tx_maybe_write(e, now, out);
	pfsync_push_deadline(e, out);
}
