/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Engine output side: local state events into the pending queue
 * (OpenBSD's pfsync_insert/update/delete_state transitions), packets
 * written from it, single-message packets, and the bulk sender.
 */
#include "pfsync_engine_int.h"

#include <string.h>

/* ---- transmit slots and packets ---------------------------------------- */

static uint8_t *tx_slot(struct pfsync_engine *e)
{
	if (e->tx_used >= e->cfg.tx_slots)
		return NULL;
	return e->tx + (size_t)e->tx_used++ * e->cfg.mtu;
}

static uint16_t next_ip_id(struct pfsync_engine *e)
{
	uint32_t x = e->ip_id; /* xorshift32: a cheap non-repeating sequence */

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	e->ip_id = x;
	return (uint16_t)x;
}

static uint64_t wall_ms(const struct pfsync_engine *e, uint64_t now)
{
	return e->wall0_ms + (now - e->mono0) / 1000;
}

/* Finish, sign and output a built packet. */
static void emit(struct pfsync_engine *e, uint64_t now, struct pfsync_pkt *b,
                 enum pfsync_send_kind kind, struct pfsync_outs *out)
{
	size_t len = pfsync_pkt_finish(b, e->cfg.src_ip, e->cfg.dst_ip, next_ip_id(e));
	struct pfsync_out *o;

	if (e->cfg.auth != PFSYNC_AUTH_OFF &&
	    pfsync_auth_sign(&e->auth, wall_ms(e, now), b->buf, len) < 0) {
		e->st.c[PFSYNC_STAT_OERRORS]++; /* libcrypto failure: never send unsigned */
		return;
	}
	o = pfsync_outs_push(out, PFSYNC_OUT_SEND);
	if (o == NULL)
		return;
	o->u.send.data = b->buf;
	o->u.send.len = (uint16_t)len;
	o->u.send.kind = (uint8_t)kind;
}

void pfsync_tx_send_ref(struct pfsync_engine *e, uint64_t now, uint8_t action,
                        const struct pfsync_ref_msg *ref, enum pfsync_send_kind kind,
                        struct pfsync_outs *out)
{
	uint8_t *buf = tx_slot(e);
	struct pfsync_pkt b;

	if (buf == NULL || pfsync_pkt_init(&b, buf, e->cfg.mtu, e->cfg.mtu) < 0) {
		e->st.c[PFSYNC_STAT_ONOMEM]++;
		return;
	}
	pfsync_pkt_add_ref(&b, action, ref);
	emit(e, now, &b, kind, out);
}

void pfsync_engine_clear(struct pfsync_engine *e, uint64_t now, uint32_t creatorid,
                         const char *ifname, struct pfsync_outs *out)
{
	struct pfsync_clr_msg clr = {.creatorid = creatorid};
	struct pfsync_pkt b;
	uint8_t *buf;

	pfsync_call_begin(e);
	buf = e->up ? tx_slot(e) : NULL;
	if (buf != NULL && pfsync_pkt_init(&b, buf, e->cfg.mtu, e->cfg.mtu) == 0) {
		if (ifname != NULL)
			strncpy(clr.ifname, ifname, PFSYNC_IFNAMSIZ);
		pfsync_pkt_add_clr(&b, &clr);
		emit(e, now, &b, PFSYNC_SEND_CLR, out);
	}
	pfsync_push_deadline(e, out);
}

/* ---- the pending queue ------------------------------------------------- */

static uint64_t delay_of(const struct pfsync_engine *e, uint64_t now, enum pfsync_qkind k)
{
	switch (k) {
	case PFSYNC_Q_INS:
		return now + e->cfg.insert_delay_us;
	case PFSYNC_Q_UPD_C:
	case PFSYNC_Q_DEL_C:
		return now + e->cfg.update_delay_us;
	default: /* IACK, UPD (a reply): the peer is waiting */
		return now;
	}
}

/* Bytes the pending messages take on the wire (subheaders included). */
static size_t pending_bytes(const struct pfsync_engine *e)
{
	size_t n = 0;
	unsigned k;

	for (k = 0; k < PFSYNC_Q__COUNT; k++)
		if (e->q.count[k] > 0)
			n += PFSYNC_SUBH_LEN +
			     (size_t)e->q.count[k] * pfsync_act_len(pfsync_qkind_action(k));
	if (e->nureq > 0)
		n += PFSYNC_SUBH_LEN + (size_t)e->nureq * PFSYNC_REF_LEN;
	return n;
}

uint64_t pfsync_tx_due(const struct pfsync_engine *e)
{
	uint64_t due = e->nureq > 0 ? 0 : e->urgent;
	unsigned k;

	for (k = 0; k < PFSYNC_Q__COUNT; k++) {
		const struct pfsync_qent *h =
		    e->q.head[k] == PFSYNC_QNIL ? NULL : &e->q.e[e->q.head[k]];

		if (h != NULL && h->due < due)
			due = h->due;
	}
	return due;
}

/* Add one queued entry to the packet; false when it does not fit. An
 * entry whose state is gone (or no-sync) is dropped silently. */
static bool write_entry(struct pfsync_engine *e, struct pfsync_pkt *b, struct pfsync_qent *q)
{
	enum pfsync_qkind k = (enum pfsync_qkind)q->kind;
	uint8_t action = pfsync_qkind_action(k);
	struct pfsync_ref_msg ref = {q->id, q->creatorid};
	struct pfsync_upd_c_msg uc;
	struct pfsync_state_msg *st = &e->scratch;

	if (!pfsync_pkt_fits(b, action))
		return false;
	if (k == PFSYNC_Q_IACK || k == PFSYNC_Q_DEL_C) {
		pfsync_pkt_add_ref(b, action, &ref);
	} else if (e->ops.lookup(e->arg, q->id, q->creatorid, st) &&
	           !(st->state_flags & PFSTATE_NOSYNC)) {
		if (k == PFSYNC_Q_UPD_C) {
			pfsync_upd_c_from_state(&uc, st);
			pfsync_pkt_add_upd_c(b, &uc);
		} else {
			st->state_flags &= (uint16_t)~PFSTATE_ACK;
			if (q->ack)
				st->state_flags |= PFSTATE_ACK;
			pfsync_pkt_add_state(b, action, st);
		}
	}
	pfsync_queue_del(&e->q, q);
	return true;
}

/* Fill one packet in OpenBSD's order; true when something is left. */
static bool fill(struct pfsync_engine *e, struct pfsync_pkt *b)
{
	struct pfsync_qent *q;
	uint32_t i = 0;
	unsigned k;

	for (k = 0; k < PFSYNC_Q__COUNT; k++)
		while ((q = pfsync_queue_head(&e->q, (enum pfsync_qkind)k)) != NULL)
			if (!write_entry(e, b, q))
				return true;
	while (i < e->nureq && pfsync_pkt_add_ref(b, PFSYNC_ACT_UPD_REQ, &e->ureq[i]) == 0)
		i++;
	e->st.c[PFSYNC_STAT_UREQ_SENT] += i;
	memmove(e->ureq, e->ureq + i, (e->nureq - i) * sizeof(*e->ureq));
	e->nureq -= i;
	return e->nureq > 0;
}

void pfsync_tx_write(struct pfsync_engine *e, uint64_t now, bool all, struct pfsync_outs *out)
{
	size_t room = e->cfg.mtu - PFSYNC_MINPKT;
	struct pfsync_pkt b;
	uint8_t *buf;
	bool more = true;

	while (more && (all || pending_bytes(e) >= room)) {
		if (pending_bytes(e) == 0)
			break;
		buf = tx_slot(e);
		if (buf == NULL) {
			e->urgent = now; /* out of slots: call again at once */
			return;
		}
		pfsync_pkt_init(&b, buf, e->cfg.mtu, e->cfg.mtu);
		more = fill(e, &b);
		if (!pfsync_pkt_empty(&b))
			emit(e, now, &b, PFSYNC_SEND_UPDATES, out);
		else
			e->tx_used--; /* every entry's state was gone */
	}
	if (pending_bytes(e) == 0 || all)
		e->urgent = PFSYNC_NEVER;
}

void pfsync_tx_maybe_write(struct pfsync_engine *e, uint64_t now, struct pfsync_outs *out)
{
	pfsync_tx_write(e, now, pfsync_tx_due(e) <= now, out);
}

/* A queue entry for a new message; when the queue is full everything
 * pending is written first (counted qfull). NULL if still no room. */
static struct pfsync_qent *q_add(struct pfsync_engine *e, uint64_t now, uint64_t id,
                                 uint32_t creatorid, enum pfsync_qkind k, struct pfsync_outs *out)
{
	struct pfsync_qent *q = pfsync_queue_add(&e->q, id, creatorid, k, delay_of(e, now, k));

	if (q == NULL) {
		e->st.c[PFSYNC_STAT_QFULL]++;
		pfsync_tx_write(e, now, true, out);
		q = pfsync_queue_add(&e->q, id, creatorid, k, delay_of(e, now, k));
	}
	return q;
}

static void q_move(struct pfsync_engine *e, uint64_t now, struct pfsync_qent *q,
                   enum pfsync_qkind k)
{
	pfsync_queue_move(&e->q, q, k, delay_of(e, now, k));
}

void pfsync_q_insert(struct pfsync_engine *e, uint64_t now, const struct pfsync_event *ev,
                     struct pfsync_outs *out)
{
	struct pfsync_qent *q = pfsync_queue_find(&e->q, ev->id, ev->creatorid);

	if (q == NULL) {
		q_add(e, now, ev->id, ev->creatorid, PFSYNC_Q_INS, out);
		return;
	}
	/* an update queued before the insert (a race) becomes the insert */
	if (q->kind == PFSYNC_Q_UPD_C || q->kind == PFSYNC_Q_UPD || q->kind == PFSYNC_Q_IACK)
		q_move(e, now, q, PFSYNC_Q_INS);
}

void pfsync_q_update(struct pfsync_engine *e, uint64_t now, const struct pfsync_event *ev,
                     struct pfsync_outs *out)
{
	struct pfsync_qent *q = pfsync_queue_find(&e->q, ev->id, ev->creatorid);

	if (q == NULL) {
		q_add(e, now, ev->id, ev->creatorid, PFSYNC_Q_UPD_C, out);
	} else if (q->kind == PFSYNC_Q_UPD_C || q->kind == PFSYNC_Q_UPD) {
		/* already queued: count TCP updates up to maxupd */
		if (ev->proto == PFSYNC_IPPROTO_TCP && q->updates < 255 &&
		    ++q->updates >= e->cfg.maxupd)
			e->urgent = now;
	} else if (q->kind == PFSYNC_Q_IACK) {
		q_move(e, now, q, PFSYNC_Q_UPD_C); /* an update acknowledges too */
	}
	if (ev->flags & PFSYNC_EV_PEER_RECENT)
		e->urgent = now;
}

void pfsync_q_delete(struct pfsync_engine *e, uint64_t now, const struct pfsync_event *ev,
                     struct pfsync_outs *out)
{
	struct pfsync_qent *q = pfsync_queue_find(&e->q, ev->id, ev->creatorid);

	if (q == NULL)
		q_add(e, now, ev->id, ev->creatorid, PFSYNC_Q_DEL_C, out);
	else if (q->kind == PFSYNC_Q_INS)
		pfsync_queue_del(&e->q, q); /* never announced: say nothing */
	else if (q->kind != PFSYNC_Q_DEL_C)
		q_move(e, now, q, PFSYNC_Q_DEL_C);
}

void pfsync_q_request(struct pfsync_engine *e, uint64_t now, uint64_t id, uint32_t creatorid,
                      struct pfsync_outs *out)
{
	struct pfsync_qent *q = pfsync_queue_find(&e->q, id, creatorid);

	if (q == NULL)
		q_add(e, now, id, creatorid, PFSYNC_Q_UPD, out);
	else if (q->kind == PFSYNC_Q_UPD_C || q->kind == PFSYNC_Q_IACK)
		q_move(e, now, q, PFSYNC_Q_UPD);
	e->urgent = now;
}

void pfsync_q_iack(struct pfsync_engine *e, uint64_t now, uint64_t id, uint32_t creatorid,
                   struct pfsync_outs *out)
{
	if (pfsync_queue_find(&e->q, id, creatorid) == NULL)
		q_add(e, now, id, creatorid, PFSYNC_Q_IACK, out);
	e->urgent = now; /* the peer holds a packet for it */
}

void pfsync_q_forget(struct pfsync_engine *e, uint64_t id, uint32_t creatorid)
{
	struct pfsync_qent *q = pfsync_queue_find(&e->q, id, creatorid);

	if (q != NULL)
		pfsync_queue_del(&e->q, q);
}

void pfsync_q_ureq(struct pfsync_engine *e, uint64_t now, uint64_t id, uint32_t creatorid)
{
	(void)now;
	if (e->nureq >= e->cfg.ureq_max) {
		e->st.c[PFSYNC_STAT_QFULL]++;
		return;
	}
	e->ureq[e->nureq].id = id;
	e->ureq[e->nureq].creatorid = creatorid;
	e->nureq++;
}

static void local_event(struct pfsync_engine *e, uint64_t now, const struct pfsync_event *ev,
                        struct pfsync_outs *out,
                        void (*fn)(struct pfsync_engine *, uint64_t, const struct pfsync_event *,
                                   struct pfsync_outs *))
{
	pfsync_call_begin(e);
	if (e->up) {
		fn(e, now, ev, out);
		pfsync_tx_maybe_write(e, now, out);
	}
	pfsync_push_deadline(e, out);
}

void pfsync_engine_insert(struct pfsync_engine *e, uint64_t now, const struct pfsync_event *ev,
                          struct pfsync_outs *out)
{
	local_event(e, now, ev, out, pfsync_q_insert);
}

void pfsync_engine_update(struct pfsync_engine *e, uint64_t now, const struct pfsync_event *ev,
                          struct pfsync_outs *out)
{
	local_event(e, now, ev, out, pfsync_q_update);
}

void pfsync_engine_delete(struct pfsync_engine *e, uint64_t now, const struct pfsync_event *ev,
                          struct pfsync_outs *out)
{
	local_event(e, now, ev, out, pfsync_q_delete);
}

/* ---- bulk sender --------------------------------------------------------- */

void pfsync_tx_bulk_start(struct pfsync_engine *e)
{
	if (e->btx.active) {
		e->btx.again = true; /* one more full pass after this one */
		return;
	}
	memset(&e->btx, 0, sizeof(e->btx));
	e->btx.active = true;
	e->btx.total = e->ops.bulk_begin(e->arg);
}

/* Next state worth sending: no-sync and unlinked states are skipped. */
static bool bulk_fetch(struct pfsync_engine *e)
{
	struct pfsync_state_msg *st = &e->btx.next;

	while (e->ops.bulk_next(e->arg, st)) {
		if (!(st->state_flags & PFSTATE_NOSYNC) && st->timeout < PFTM_MAX) {
			st->state_flags &= (uint16_t)~PFSTATE_ACK;
			return e->btx.have_next = true;
		}
	}
	e->btx.exhausted = true;
	return e->btx.have_next = false;
}

static void add_bus(struct pfsync_engine *e, struct pfsync_pkt *b, uint8_t status, uint32_t endtime)
{
	struct pfsync_bus_msg bus = {
	    .creatorid = e->cfg.creatorid, .endtime = endtime, .status = status};
	uint8_t *p = pfsync_pkt_reserve_tail(b, PFSYNC_ACT_BUS);

	if (p != NULL) /* always: callers check, and the MTU holds a BUS */
		pfsync_bus_encode(&bus, p);
}

bool pfsync_engine_bulk_pending(const struct pfsync_engine *e)
{
	return e->up && e->btx.active;
}

int pfsync_engine_bulk_packet(struct pfsync_engine *e, uint64_t now, struct pfsync_outs *out)
{
	struct pfsync_bulk_tx *t = &e->btx;
	struct pfsync_pkt b;
	uint8_t *buf;
	bool done = false;

	pfsync_call_begin(e);
	buf = pfsync_engine_bulk_pending(e) ? tx_slot(e) : NULL;
	if (buf == NULL) {
		pfsync_push_deadline(e, out);
		return 0;
	}
	pfsync_pkt_init(&b, buf, e->cfg.mtu, e->cfg.mtu);
	if (!t->started) {
		t->started = true;
		/* an empty table gets BUS END alone, as OpenBSD sends it */
		if (bulk_fetch(e))
			add_bus(e, &b, PFSYNC_BUS_START, t->total);
	}
	for (;;) {
		if (!t->have_next && !t->exhausted)
			bulk_fetch(e);
		if (t->exhausted && !t->have_next) {
			if (!pfsync_pkt_fits_tail(&b, PFSYNC_ACT_BUS))
				break; /* BUS END goes in the next packet */
			add_bus(e, &b, PFSYNC_BUS_END, 0);
			done = true;
			break;
		}
		if (pfsync_pkt_add_state(&b, PFSYNC_ACT_UPD, &t->next) < 0)
			break;
		t->have_next = false;
		t->sent++;
		e->st.c[PFSYNC_STAT_BULK_STATES_SENT]++;
	}
	emit(e, now, &b, PFSYNC_SEND_BULK, out);
	if (done) {
		bool again = t->again;

		e->st.c[PFSYNC_STAT_BULK_SENT]++;
		memset(t, 0, sizeof(*t));
		if (again)
			pfsync_tx_bulk_start(e);
	}
	pfsync_push_deadline(e, out);
	return 1;
}
