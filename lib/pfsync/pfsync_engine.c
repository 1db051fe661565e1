/* SPDX-License-Identifier: BSD-2-Clause */
/* Engine lifecycle, configuration, timers, defer and status: see
 * pfsync_engine.h. Input is in pfsync_engine_rx.c, output in _tx.c. */
#include "pfsync_engine_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pfsync_config_default(struct pfsync_config *c)
{
	memset(c, 0, sizeof(*c));
	c->mtu = PFSYNC_MTU_DEFAULT;
	c->maxupd = PFSYNC_MAXUPD_DEFAULT;
	c->defer = false;
	c->defer_us = 1000;
	c->defer_max = 128;
	c->insert_delay_us = 100;
	c->update_delay_us = 10000;
	c->queue_max = 65536;
	c->ureq_max = 1024;
	c->tx_slots = 32;
	c->dst_ip[0] = 224; /* INADDR_PFSYNC_GROUP */
	c->dst_ip[3] = 240;
	c->seed = 1;
	c->auth = PFSYNC_AUTH_OFF;
	pfsync_breq_config_default(&c->bulk);
}

static bool out_of_range(unsigned long v, unsigned long lo, unsigned long hi)
{
	return v < lo || v > hi;
}

#define RANGE(v, lo, hi, name)                                                                     \
	do {                                                                                       \
		if (out_of_range((v), (lo), (hi))) {                                               \
			snprintf(err, errlen, "%s %lu out of range %lu-%lu", name,                 \
			         (unsigned long)(v), (unsigned long)(lo), (unsigned long)(hi));    \
			return -EINVAL;                                                            \
		}                                                                                  \
	} while (0)

int pfsync_config_check(const struct pfsync_config *c, char *err, size_t errlen)
{
	RANGE(c->mtu, PFSYNC_MINPKT + PFSYNC_SUBH_LEN + PFSYNC_STATE_LEN, PFSYNC_MTU_MAX, "mtu");
	RANGE(c->maxupd, 0, PFSYNC_MAXUPD_MAX, "maxupd");
	RANGE(c->defer_us, 1, 1000000, "defer_us");
	RANGE(c->defer_max, 1, 65536, "defer_max");
	RANGE(c->insert_delay_us, 0, 1000000, "insert_delay_us");
	RANGE(c->update_delay_us, 0, 1000000, "update_delay_us");
	RANGE(c->queue_max, 1, 1u << 24, "queue_max");
	RANGE(c->ureq_max, 1, 65536, "ureq_max");
	RANGE(c->tx_slots, 2, 4096, "tx_slots");
	RANGE(c->bulk.tries, 1, 1000, "bulk tries");
	RANGE(c->bulk.retry_ms, 1, 3600000, "bulk retry_ms");
	RANGE(c->bulk.link_wait_ms, 1, 3600000, "bulk link_wait_ms");
	RANGE(c->bulk.idle_ms, 1, 3600000, "bulk idle_ms");
	RANGE(c->bulk.floor_rate, 1, 100000000, "bulk floor_rate");
	RANGE(c->bulk.margin, 1, 100, "bulk margin");
	RANGE(c->bulk.state_limit, 1, 1u << 30, "bulk state_limit");
	RANGE((unsigned)c->auth, 0, PFSYNC_AUTH__COUNT - 1, "auth");
	if (c->dst_ip[0] == 0 || (c->dst_ip[0] == 255 && c->dst_ip[1] == 255)) {
		snprintf(err, errlen, "syncpeer must be unicast or multicast, not %u.%u.%u.%u",
		         c->dst_ip[0], c->dst_ip[1], c->dst_ip[2], c->dst_ip[3]);
		return -EINVAL; /* OpenBSD: EDESTADDRREQ */
	}
	return 0;
}

struct pfsync_engine *pfsync_engine_new(const struct pfsync_config *cfg,
                                        const struct pfsync_table_ops *ops, void *arg)
{
	struct pfsync_engine *e;
	char err[128];

	if (cfg == NULL || ops == NULL || pfsync_config_check(cfg, err, sizeof(err)) < 0 ||
	    !ops->lookup || !ops->import || !ops->merge || !ops->remove || !ops->clear ||
	    !ops->bulk_begin || !ops->bulk_next) {
		errno = EINVAL;
		return NULL;
	}
	e = calloc(1, sizeof(*e));
	if (e == NULL)
		return NULL;
	e->cfg = *cfg;
	e->ops = *ops;
	e->arg = arg;
	e->urgent = PFSYNC_NEVER;
	e->ip_id = cfg->seed != 0 ? cfg->seed : 1;
	e->tx = malloc((size_t)cfg->tx_slots * cfg->mtu);
	e->ureq = calloc(cfg->ureq_max, sizeof(*e->ureq));
	if (e->tx == NULL || e->ureq == NULL || pfsync_auth_init(&e->auth) < 0 ||
	    pfsync_queue_init(&e->q, cfg->queue_max) < 0 ||
	    pfsync_defer_init(&e->df, cfg->defer_max) < 0) {
		pfsync_engine_free(e);
		errno = ENOMEM;
		return NULL;
	}
	e->auth.mode = cfg->auth;
	pfsync_breq_init(&e->breq, &cfg->bulk);
	return e;
}

void pfsync_engine_free(struct pfsync_engine *e)
{
	if (e == NULL)
		return;
	pfsync_auth_fini(&e->auth);
	pfsync_queue_fini(&e->q);
	pfsync_defer_fini(&e->df);
	free(e->ureq);
	free(e->tx);
	free(e);
}

int pfsync_engine_set_key(struct pfsync_engine *e, unsigned slot, const uint8_t *key, size_t len)
{
	return pfsync_auth_set_key(&e->auth, slot, key, len);
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

void pfsync_push_deadline(struct pfsync_engine *e, struct pfsync_outs *out)
{
	struct pfsync_out *o = pfsync_outs_push(out, PFSYNC_OUT_DEADLINE);
	uint64_t at = PFSYNC_NEVER;

	if (e->up)
		at = min64(min64(pfsync_tx_due(e), pfsync_defer_next(&e->df)),
		           pfsync_breq_deadline(&e->breq));
	if (o != NULL)
		o->u.deadline.at = at;
}

/* Act on what the bulk requester returned. */
void pfsync_breq_flags(struct pfsync_engine *e, uint64_t now, unsigned flags,
                       struct pfsync_outs *out)
{
	static const struct pfsync_ref_msg bulk_req = {0, 0}; /* id 0, creatorid 0 */

	if (flags & PFSYNC_BREQ_DONE_OK)
		e->st.c[PFSYNC_STAT_BULK_OK]++;
	if (flags & PFSYNC_BREQ_FAILED)
		e->st.c[PFSYNC_STAT_BULK_FAIL]++;
	if (flags & PFSYNC_BREQ_SEND) {
		e->st.c[PFSYNC_STAT_BULK_REQ_SENT]++;
		pfsync_tx_send_ref(e, now, PFSYNC_ACT_UPD_REQ, &bulk_req, PFSYNC_SEND_BULK_REQ,
		                   out);
	}
}

int pfsync_engine_up(struct pfsync_engine *e, uint64_t now, uint64_t wall_ms, bool link_up,
                     struct pfsync_outs *out)
{
	pfsync_call_begin(e);
	if (e->up) {
		pfsync_push_deadline(e, out);
		return 0;
	}
	if (e->cfg.auth != PFSYNC_AUTH_OFF && !e->auth.have[0])
		return -EINVAL;
	e->up = true;
	e->wall0_ms = wall_ms;
	e->mono0 = now;
	pfsync_auth_start(&e->auth, wall_ms);
	pfsync_breq_link(&e->breq, now, link_up, out); /* pfsync down: only tracked */
	pfsync_breq_flags(e, now, pfsync_breq_up(&e->breq, now, out), out);
	pfsync_push_deadline(e, out);
	return 0;
}

void pfsync_release(struct pfsync_engine *e, uint64_t cookie, enum pfsync_release_reason r,
                    struct pfsync_outs *out)
{
	struct pfsync_out *o = pfsync_outs_push(out, PFSYNC_OUT_RELEASE);

	(void)e;
	if (o != NULL) {
		o->u.release.cookie = cookie;
		o->u.release.reason = (uint8_t)r;
	}
}

void pfsync_engine_down(struct pfsync_engine *e, uint64_t now, struct pfsync_outs *out)
{
	struct pfsync_deferral d;

	pfsync_call_begin(e);
	if (e->up) {
		pfsync_breq_down(&e->breq, now, out);
		while (pfsync_defer_expire(&e->df, PFSYNC_NEVER, &d))
			pfsync_release(e, d.cookie, PFSYNC_RELEASE_DOWN, out);
		pfsync_queue_reset(&e->q);
		e->nureq = 0;
		memset(&e->btx, 0, sizeof(e->btx));
		e->urgent = PFSYNC_NEVER;
		e->up = false;
	}
	pfsync_push_deadline(e, out);
}

void pfsync_engine_link(struct pfsync_engine *e, uint64_t now, bool up, struct pfsync_outs *out)
{
	pfsync_call_begin(e);
	pfsync_breq_flags(e, now, pfsync_breq_link(&e->breq, now, up, out), out);
	pfsync_push_deadline(e, out);
}

bool pfsync_engine_defer(struct pfsync_engine *e, uint64_t now, uint64_t id, uint32_t creatorid,
                         uint64_t cookie, struct pfsync_outs *out)
{
	struct pfsync_qent *q;
	struct pfsync_deferral ev;

	pfsync_call_begin(e);
	q = e->up && e->cfg.defer ? pfsync_queue_find(&e->q, id, creatorid) : NULL;
	if (q == NULL || q->kind != PFSYNC_Q_INS) {
		pfsync_push_deadline(e, out);
		return false;
	}
	e->st.c[PFSYNC_STAT_DEFER_ADD]++;
	if (pfsync_defer_add(&e->df, id, creatorid, cookie, now + e->cfg.defer_us, &ev)) {
		e->st.c[PFSYNC_STAT_DEFER_OVER]++;
		pfsync_release(e, ev.cookie, PFSYNC_RELEASE_OVER, out);
	}
	q->ack = true;   /* the INS asks for an INS_ACK */
	e->urgent = now; /* and goes now: the packet waits for it */
	pfsync_tx_write(e, now, true, out);
	pfsync_push_deadline(e, out);
	return true;
}

void pfsync_engine_timeout(struct pfsync_engine *e, uint64_t now, struct pfsync_outs *out)
{
	struct pfsync_deferral d;

	pfsync_call_begin(e);
	if (e->up) {
		while (pfsync_defer_expire(&e->df, now, &d)) {
			e->st.c[PFSYNC_STAT_DEFER_TIMEOUT]++;
			pfsync_release(e, d.cookie, PFSYNC_RELEASE_TIMEOUT, out);
		}
		pfsync_breq_flags(e, now, pfsync_breq_timeout(&e->breq, now, out), out);
		if (pfsync_tx_due(e) <= now)
			pfsync_tx_write(e, now, true, out);
	}
	pfsync_push_deadline(e, out);
}

void pfsync_engine_flush(struct pfsync_engine *e, uint64_t now, struct pfsync_outs *out)
{
	pfsync_call_begin(e);
	if (e->up)
		pfsync_tx_write(e, now, true, out);
	pfsync_push_deadline(e, out);
}

void pfsync_engine_tx_done(struct pfsync_engine *e, enum pfsync_tx_result r)
{
	static const enum pfsync_stat s[] = {
	    [PFSYNC_TX_SENT] = PFSYNC_STAT_OPACKETS,
	    [PFSYNC_TX_NOMEM] = PFSYNC_STAT_ONOMEM,
	    [PFSYNC_TX_ERROR] = PFSYNC_STAT_OERRORS,
	};

	if ((unsigned)r <= PFSYNC_TX_ERROR)
		e->st.c[s[r]]++;
}

void pfsync_engine_status(const struct pfsync_engine *e, struct pfsync_status *s)
{
	unsigned k;

	memset(s, 0, sizeof(*s));
	s->up = e->up;
	s->link_up = e->breq.link_up;
	s->bulk_state = e->breq.state;
	s->bulk_tries = e->breq.tries;
	s->bulk_expected = e->breq.expected;
	s->bulk_received = e->breq.received;
	s->bulk_deadline = pfsync_breq_deadline(&e->breq);
	s->demotion = pfsync_breq_demotion(&e->breq);
	s->bulk_sending = e->btx.active;
	s->bulk_sent = e->btx.sent;
	s->bulk_total = e->btx.total;
	for (k = 0; k < PFSYNC_Q__COUNT; k++)
		s->pending[k] = e->q.count[k];
	s->pending_ureq = e->nureq;
	s->deferred = pfsync_defer_count(&e->df);
	s->auth_counter = e->cfg.auth != PFSYNC_AUTH_OFF ? pfsync_auth_peek_counter(&e->auth) : 0;
	s->stats = e->st;
}
