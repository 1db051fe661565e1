/* SPDX-License-Identifier: BSD-2-Clause */
/* Engine test fixture (see engine_fx.h). */
#include "engine_fx.h"

#include <stdlib.h>
#include <string.h>

#include "pfsync_test.h"

const uint8_t fx_peer_ip[4] = {192, 0, 2, 3}, fx_my_ip[4] = {192, 0, 2, 2},
              fx_group[4] = {224, 0, 0, 240};

static struct fx *make(void (*tweak)(struct pfsync_config *))
{
	struct fx *f = calloc(1, sizeof(*f));

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	pfsync_config_default(&f->cfg);
	memcpy(f->cfg.src_ip, fx_my_ip, 4);
	f->cfg.creatorid = ME;
	if (tweak != NULL)
		tweak(&f->cfg);
	mock_init(&f->t);
	cap_init(&f->c);
	f->e = pfsync_engine_new(&f->cfg, &mock_ops, &f->t);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->e);
	f->now = T0;
	return f;
}

struct fx *fx_new_down(void (*tweak)(struct pfsync_config *))
{
	return make(tweak);
}

struct fx *fx_new(void (*tweak)(struct pfsync_config *))
{
	struct fx *f = make(tweak);
	struct peer_pkt p;
	struct pfsync_bus_msg end = {PEER, 0, PFSYNC_BUS_END};

	if (f->cfg.auth != PFSYNC_AUTH_OFF)
		return f; /* the caller sets keys and brings it up */
	CU_ASSERT_EQUAL(pfsync_engine_up(f->e, f->now, WALL, true, &f->c.l), 0);
	CU_ASSERT_EQUAL(cap_demote(&f->c), 32);
	/* the peer answers: an empty bulk is a lone BUS END... which a
	 * requester in state sent ignores; start + end then */
	peer_begin(&p);
	{
		struct pfsync_bus_msg start = {PEER, 0, PFSYNC_BUS_START};

		pfsync_pkt_add_bus(&p.b, &start);
	}
	pfsync_bus_encode(&end, pfsync_pkt_reserve_tail(&p.b, PFSYNC_ACT_BUS));
	peer_send(f, &p);
	CU_ASSERT_EQUAL(cap_demote(&f->c), -32);
	cap_clear(&f->c);
	return f;
}

void fx_free(struct fx *f)
{
	pfsync_engine_free(f->e);
	free(f);
}

void peer_begin(struct peer_pkt *p)
{
	pfsync_pkt_init(&p->b, p->buf, sizeof(p->buf), 9000);
}

void fx_input(struct fx *f, const uint8_t *pkt, size_t len, bool on_syncdev)
{
	cap_clear(&f->c);
	pfsync_engine_input(f->e, f->now, pkt, len, on_syncdev, &f->c.l);
	CU_ASSERT_EQUAL(f->c.l.dropped, 0);
}

void peer_send(struct fx *f, struct peer_pkt *p)
{
	size_t len = pfsync_pkt_finish(&p->b, fx_peer_ip, fx_group, 99);

	fx_input(f, p->buf, len, true);
}

unsigned fx_run_until(struct fx *f, uint64_t until)
{
	unsigned sends;

	for (;;) {
		uint64_t dl = cap_deadline(&f->c);

		if (dl > until)
			return 0;
		f->now = dl > f->now ? dl : f->now;
		cap_clear(&f->c);
		pfsync_engine_timeout(f->e, f->now, &f->c.l);
		sends = cap_count(&f->c, PFSYNC_OUT_SEND);
		if (sends > 0)
			return sends;
	}
}

struct pfsync_event fx_ev(uint64_t id, uint32_t creatorid, uint8_t proto)
{
	struct pfsync_event ev = {id, creatorid, proto, 0};

	return ev;
}
