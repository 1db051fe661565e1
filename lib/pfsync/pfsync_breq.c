/* SPDX-License-Identifier: BSD-2-Clause */
/* Bulk update requester and its demotion: see pfsync_breq.h. */
#include "pfsync_breq.h"

#include <string.h>

#include "pfsync_proto.h"

static const char *const state_names[] = {
#define X(e, n) [PFSYNC_BREQ_##e] = #n,
    PFSYNC_BREQ_STATES(X)
#undef X
};

const char *pfsync_breq_state_name(enum pfsync_breq_state s)
{
	return (unsigned)s <= PFSYNC_BREQ_DONE ? state_names[s] : "?";
}

void pfsync_breq_config_default(struct pfsync_breq_config *c)
{
	c->link_wait_ms = 30000;
	c->retry_ms = 2000;
	c->tries = 12;
	c->idle_ms = 2000;
	c->min_ms = 2000;
	c->floor_rate = 100;
	c->margin = 4;
	c->state_limit = 100000;
}

void pfsync_breq_init(struct pfsync_breq *b, const struct pfsync_breq_config *cfg)
{
	memset(b, 0, sizeof(*b));
	b->cfg = *cfg;
	b->state = PFSYNC_BREQ_NONE;
	b->timer = PFSYNC_NEVER;
}

static void demote(struct pfsync_outs *out, int delta, enum pfsync_demote_reason r)
{
	struct pfsync_out *o = pfsync_outs_push(out, PFSYNC_OUT_DEMOTE);

	if (o != NULL) {
		o->u.demote.delta = (int16_t)delta;
		o->u.demote.reason = (uint8_t)r;
	}
}

static uint64_t ms(uint32_t v)
{
	return (uint64_t)v * 1000;
}

/* Ask for a bulk (state sent), holding +32 until it is in. */
static unsigned request(struct pfsync_breq *b, uint64_t now, struct pfsync_outs *out)
{
	if (!b->demoted) {
		b->demoted = true;
		demote(out, PFSYNC_DEMOTE_BULK_ADJ, PFSYNC_DEMOTE_START);
	}
	b->state = PFSYNC_BREQ_SENT;
	b->tries = 0;
	b->timer = now + ms(b->cfg.retry_ms);
	return PFSYNC_BREQ_SEND;
}

/* Bulk over (done or failed): drop the +32. */
static unsigned finish(struct pfsync_breq *b, enum pfsync_demote_reason r, struct pfsync_outs *out)
{
	b->state = PFSYNC_BREQ_DONE;
	b->timer = PFSYNC_NEVER;
	if (b->demoted) {
		b->demoted = false;
		demote(out, -PFSYNC_DEMOTE_BULK_ADJ, r);
	}
	return r == PFSYNC_DEMOTE_DONE ? PFSYNC_BREQ_DONE_OK : PFSYNC_BREQ_FAILED;
}

unsigned pfsync_breq_up(struct pfsync_breq *b, uint64_t now, struct pfsync_outs *out)
{
	if (b->up)
		return 0;
	b->up = true;
	if (!b->link_up) {
		b->link_dem = true;
		demote(out, PFSYNC_DEMOTE_LINK_ADJ, PFSYNC_DEMOTE_LINK);
	}
	if (b->link_up)
		return request(b, now, out);
	b->demoted = true;
	demote(out, PFSYNC_DEMOTE_BULK_ADJ, PFSYNC_DEMOTE_START);
	b->state = PFSYNC_BREQ_START;
	b->tries = 0;
	b->timer = now + ms(b->cfg.link_wait_ms);
	return 0;
}

unsigned pfsync_breq_down(struct pfsync_breq *b, uint64_t now, struct pfsync_outs *out)
{
	(void)now;
	if (!b->up)
		return 0;
	if (b->demoted)
		demote(out, -PFSYNC_DEMOTE_BULK_ADJ, PFSYNC_DEMOTE_DOWN);
	if (b->link_dem)
		demote(out, -PFSYNC_DEMOTE_LINK_ADJ, PFSYNC_DEMOTE_DOWN);
	b->up = b->demoted = b->link_dem = false;
	b->state = PFSYNC_BREQ_NONE;
	b->timer = PFSYNC_NEVER;
	return 0;
}

unsigned pfsync_breq_link(struct pfsync_breq *b, uint64_t now, bool up, struct pfsync_outs *out)
{
	if (b->link_up == up)
		return 0;
	b->link_up = up;
	if (!b->up)
		return 0;
	if (!up) {
		b->link_dem = true;
		demote(out, PFSYNC_DEMOTE_LINK_ADJ, PFSYNC_DEMOTE_LINK);
		return 0;
	}
	if (b->link_dem) {
		b->link_dem = false;
		demote(out, -PFSYNC_DEMOTE_LINK_ADJ, PFSYNC_DEMOTE_LINK);
	}
	return request(b, now, out);
}

static uint64_t hard_deadline(const struct pfsync_breq *b, uint64_t now)
{
	double n = b->expected, floor = b->cfg.floor_rate ? b->cfg.floor_rate : 1;
	double t = n * 1e6 / floor; /* us at the slowest accepted rate */
	double elapsed = (double)(now - b->t_start);

	if (b->received > 0 && now > b->t_start) {
		/* margin x the time the measured rate needs for all N */
		double need = b->cfg.margin * n * elapsed / (double)b->received;

		if (need < t)
			t = need;
	}
	if (t < (double)ms(b->cfg.min_ms))
		t = (double)ms(b->cfg.min_ms);
	return b->t_start + (uint64_t)t;
}

unsigned pfsync_breq_bus(struct pfsync_breq *b, uint64_t now, uint8_t status, uint32_t announced,
                         struct pfsync_outs *out)
{
	if (!b->up)
		return 0;
	if (status == PFSYNC_BUS_START &&
	    (b->state == PFSYNC_BREQ_START || b->state == PFSYNC_BREQ_SENT)) {
		b->state = PFSYNC_BREQ_BULK;
		b->timer = PFSYNC_NEVER;
		b->t_start = b->last_progress = now;
		b->received = 0;
		b->expected = announced != 0 ? announced : b->cfg.state_limit;
		b->hard = hard_deadline(b, now);
		return 0;
	}
	if (status == PFSYNC_BUS_END && b->state == PFSYNC_BREQ_BULK)
		return finish(b, PFSYNC_DEMOTE_DONE, out);
	/* A peer with an empty table answers with a lone BUS END (OpenBSD's
	 * pfsync_bulk_snd_start, and ours): the bulk is complete, not lost.
	 * OpenBSD's requester ignores it and stays demoted until its tries run
	 * out (~24 s); a router pair booting together would both wait. */
	if (status == PFSYNC_BUS_END && b->state == PFSYNC_BREQ_SENT)
		return finish(b, PFSYNC_DEMOTE_DONE, out);
	return 0; /* OpenBSD ignores the others */
}

void pfsync_breq_progress(struct pfsync_breq *b, uint64_t now, unsigned n)
{
	if (b->state != PFSYNC_BREQ_BULK || n == 0)
		return;
	b->received += n;
	b->last_progress = now;
	b->hard = hard_deadline(b, now);
}

uint64_t pfsync_breq_deadline(const struct pfsync_breq *b)
{
	uint64_t idle;

	switch (b->state) {
	case PFSYNC_BREQ_START:
	case PFSYNC_BREQ_SENT:
		return b->timer;
	case PFSYNC_BREQ_BULK:
		idle = b->last_progress + ms(b->cfg.idle_ms);
		return idle < b->hard ? idle : b->hard;
	default:
		return PFSYNC_NEVER;
	}
}

unsigned pfsync_breq_timeout(struct pfsync_breq *b, uint64_t now, struct pfsync_outs *out)
{
	if (!b->up || now < pfsync_breq_deadline(b))
		return 0;
	switch (b->state) {
	case PFSYNC_BREQ_START: /* no link within link_wait_ms */
		return finish(b, PFSYNC_DEMOTE_FAIL, out);
	case PFSYNC_BREQ_SENT:
		if (++b->tries < b->cfg.tries) {
			b->timer = now + ms(b->cfg.retry_ms);
			return b->link_up ? PFSYNC_BREQ_SEND : 0;
		}
		return finish(b, PFSYNC_DEMOTE_FAIL, out);
	case PFSYNC_BREQ_BULK: /* stalled, or slower than the deadline */
		return finish(b, PFSYNC_DEMOTE_FAIL, out);
	default:
		return 0;
	}
}

unsigned pfsync_breq_demotion(const struct pfsync_breq *b)
{
	return (b->demoted ? PFSYNC_DEMOTE_BULK_ADJ : 0) +
	       (b->link_dem ? PFSYNC_DEMOTE_LINK_ADJ : 0);
}
