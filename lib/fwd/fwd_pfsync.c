/* SPDX-License-Identifier: BSD-2-Clause */
/* The rings between the workers and the sync context: see fwd_pfsync.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "fwd_ctx_priv.h"
#include "fwd_filter.h"
#include "fwd_filter_priv.h"
#include "fwd_input_priv.h"
#include "fwd_pfsync.h"
#include "fwd_pfsync_priv.h"
#include "fwd_tx_priv.h"
#include "pf_filter.h"
#include "pf_sync.h"

#define CMD_PER_POLL 64 /* peer states applied per poll at most: bounded work */
#define TX_PER_POLL  32

struct fwd_pfsync_lcore {
	struct rte_ring *ev;                /* worker -> sync */
	struct rte_ring *cmd;               /* sync -> worker */
	uint64_t cnt[FWD_PFSYNC_ST__COUNT]; /* the worker writes, relaxed */
	struct fwd_pfsync *owner;
	unsigned int w;
} __rte_cache_aligned;

struct fwd_pfsync {
	uint16_t syncdev;
	unsigned int n;
	struct rte_ring *rx;                /* frames, MP/SC */
	struct rte_ring *tx;                /* mbufs, SP/SC: sync -> worker 0 */
	uint64_t cnt[FWD_PFSYNC_ST__COUNT]; /* the sync context's own (cmd_ring_full) */
	struct fwd_pfsync_lcore *lc;
};

static const char *const stat_names[] = {
#define X(n, d) #n,
    FWD_PFSYNC_STATS(X)
#undef X
};

const char *fwd_pfsync_stat_name(enum fwd_pfsync_stat s)
{
	return s < FWD_PFSYNC_ST__COUNT ? stat_names[s] : "?";
}

static void bump(uint64_t *c)
{
	__atomic_store_n(c, *c + 1, __ATOMIC_RELAXED);
}

void fwd_pfsync_destroy(struct fwd_pfsync *s)
{
	struct rte_mbuf *m;

	if (s == NULL)
		return;
	for (unsigned int w = 0; s->lc != NULL && w < s->n; w++) {
		rte_ring_free(s->lc[w].ev);
		rte_ring_free(s->lc[w].cmd);
	}
	while (s->tx != NULL && rte_ring_sc_dequeue(s->tx, (void **)&m) == 0)
		rte_pktmbuf_free(m);
	rte_ring_free(s->tx);
	rte_ring_free(s->rx);
	rte_free(s->lc);
	rte_free(s);
}

static struct rte_ring *ring(const char *what, unsigned int i, unsigned int esize,
                             unsigned int count, int socket, unsigned int flags)
{
	static unsigned int seq; /* ring names are global */
	char name[RTE_RING_NAMESIZE];

	snprintf(name, sizeof(name), "pfs_%s%u_%u", what, i, seq++);
	return rte_ring_create_elem(name, esize, count, socket, flags);
}

struct fwd_pfsync *fwd_pfsync_create(const struct fwd_pfsync_conf *c, int *err)
{
	const unsigned int one = RING_F_SP_ENQ | RING_F_SC_DEQ;
	struct fwd_pfsync *s;

	*err = -ENOMEM;
	if (c->n_workers == 0 || c->ring_size == 0 || (c->ring_size & (c->ring_size - 1))) {
		*err = -EINVAL;
		return NULL;
	}
	s = rte_zmalloc_socket("fwd_pfsync", sizeof(*s), RTE_CACHE_LINE_SIZE, c->socket);
	if (s == NULL)
		return NULL;
	s->syncdev = c->syncdev;
	s->n = c->n_workers;
	s->lc = rte_zmalloc_socket("fwd_pfsync_lc", sizeof(*s->lc) * s->n, RTE_CACHE_LINE_SIZE,
	                           c->socket);
	s->rx = ring("rx", 0, sizeof(struct fwd_pfsync_frame), 256, c->socket, RING_F_SC_DEQ);
	s->tx = ring("tx", 0, sizeof(void *), 512, c->socket, one);
	if (s->lc == NULL || s->rx == NULL || s->tx == NULL)
		goto fail;
	for (unsigned int w = 0; w < s->n; w++) {
		struct fwd_pfsync_lcore *lc = &s->lc[w];

		lc->owner = s;
		lc->w = w;
		lc->ev = ring("ev", w, sizeof(struct fwd_pfsync_msg), c->ring_size, c->socket, one);
		lc->cmd =
		    ring("cmd", w, sizeof(struct fwd_pfsync_msg), c->ring_size, c->socket, one);
		if (lc->ev == NULL || lc->cmd == NULL)
			goto fail;
	}
	*err = 0;
	return s;
fail:
	fwd_pfsync_destroy(s);
	return NULL;
}

/* pf_filter's on_remove: the state leaves worker w's table. */
static void on_remove(void *arg, const struct pf_state *st)
{
	struct fwd_pfsync_lcore *lc = arg;
	struct fwd_pfsync_msg m = {.op = FWD_PFSYNC_DEL};

	if (st->state_flags & PFSTATE_NOSYNC)
		return;
	m.st = *st;
	if (rte_ring_sp_enqueue_elem(lc->ev, &m, sizeof(m)) != 0)
		bump(&lc->cnt[FWD_PFSYNC_ST_ev_ring_full]);
	else
		bump(&lc->cnt[FWD_PFSYNC_ST_ev_queued]);
}

void fwd_pfsync_attach(struct fwd_ctx *ctx, struct fwd_filter *f, struct fwd_pfsync *s)
{
	for (unsigned int w = 0; w < s->n && w < fwd_filter_workers(f); w++) {
		struct pf_filter *pf = fwd_filter_pf(f, w);

		pf->on_remove = on_remove;
		pf->on_remove_ctx = &s->lc[w];
	}
	fwd_filter_set_sync(f, s);
	if (ctx != NULL) /* NULL: the filter's hooks only (unit tests) */
		ctx->pfsync = s;
}

void fwd_pfsync_note(struct fwd_pfsync *s, unsigned int w, struct pf_filter *pf,
                     const struct pf_result *res)
{
	struct fwd_pfsync_lcore *lc = &s->lc[w];
	struct fwd_pfsync_msg m;
	const struct pf_state *st;

	if (res->slot == PF_SLOT_NONE || (!res->created && res->via != PF_VIA_STATE))
		return;
	st = pf_statetab_state(&pf->tab, res->slot);
	if (st->state_flags & PFSTATE_NOSYNC)
		return;
	m.op = res->created ? FWD_PFSYNC_INS : FWD_PFSYNC_UPD;
	memset(m.pad, 0, sizeof(m.pad));
	m.st = *st;
	if (rte_ring_sp_enqueue_elem(lc->ev, &m, sizeof(m)) != 0)
		bump(&lc->cnt[FWD_PFSYNC_ST_ev_ring_full]);
	else
		bump(&lc->cnt[FWD_PFSYNC_ST_ev_queued]);
}

void fwd_pfsync_input(struct fwd_worker *w, struct fwd_rx *rx)
{
	struct fwd_pfsync *s = w->ctx->pfsync;
	struct fwd_pfsync_lcore *lc = &s->lc[w->txq];
	const struct rte_ipv4_hdr *ip = (const void *)(rx->frame + FWD_ETH_LEN);
	struct fwd_pfsync_frame f;
	uint32_t len = rx->len - FWD_ETH_LEN;
	uint32_t tlen = rte_be_to_cpu_16(ip->total_length);

	/* pf filters pfsync too, as OpenBSD's (the rules pass it on syncdev);
	 * lib/pfsync then checks the rest (badif, badttl, hdrops, ...) */
	if (!fwd_filter_carp(w, rx))
		return;
	f.port = rx->port;
	if (tlen >= 20 && tlen < len)
		len = tlen; /* Ethernet padding off */
	f.len = (uint16_t)RTE_MIN(len, (uint32_t)FWD_PFSYNC_FRAME_MAX);
	memcpy(f.pkt, ip, f.len);
	if (rte_ring_mp_enqueue_elem(s->rx, &f, sizeof(f)) != 0)
		bump(&lc->cnt[FWD_PFSYNC_ST_rx_ring_full]);
	else
		bump(&lc->cnt[FWD_PFSYNC_ST_rx_queued]);
	rte_pktmbuf_free(rx->m);
}

static void apply(struct fwd_pfsync_lcore *lc, struct pf_filter *pf, const struct fwd_pfsync_msg *m)
{
	bool ok;

	switch (m->op) {
	case FWD_PFSYNC_INS:
		ok = pf_filter_import(pf, &m->st) == 0;
		break;
	case FWD_PFSYNC_UPD:
		ok = pf_filter_peer_update(pf, &m->st);
		break;
	default:
		ok = pf_filter_peer_remove(pf, &m->st.key[PF_SK_WIRE]);
		break;
	}
	bump(&lc->cnt[ok ? FWD_PFSYNC_ST_cmd_applied : FWD_PFSYNC_ST_import_failed]);
}

void fwd_pfsync_poll(struct fwd_pfsync *s, struct fwd_worker *w, struct pf_filter *pf)
{
	struct fwd_pfsync_lcore *lc = &s->lc[w->txq];
	struct fwd_pfsync_msg m;
	struct rte_mbuf *tx[TX_PER_POLL];
	unsigned int n;

	for (n = 0; n < CMD_PER_POLL && rte_ring_sc_dequeue_elem(lc->cmd, &m, sizeof(m)) == 0; n++)
		apply(lc, pf, &m);
	if (w->txq != 0)
		return;
	n = rte_ring_sc_dequeue_burst(s->tx, (void **)tx, TX_PER_POLL, NULL);
	for (unsigned int i = 0; i < n; i++)
		fwd_tx_enqueue(w, s->syncdev, tx[i]);
	lc->cnt[FWD_PFSYNC_ST_tx_sent] += n;
}

unsigned int fwd_pfsync_rx_take(struct fwd_pfsync *s, struct fwd_pfsync_frame *out,
                                unsigned int max)
{
	return rte_ring_sc_dequeue_burst_elem(s->rx, out, sizeof(*out), max, NULL);
}

unsigned int fwd_pfsync_ev_take(struct fwd_pfsync *s, unsigned int w, struct fwd_pfsync_msg *out,
                                unsigned int max)
{
	return rte_ring_sc_dequeue_burst_elem(s->lc[w].ev, out, sizeof(*out), max, NULL);
}

bool fwd_pfsync_cmd(struct fwd_pfsync *s, unsigned int w, const struct fwd_pfsync_msg *m)
{
	struct fwd_pfsync_msg copy = *m; /* the ring API takes a non-const pointer */

	if (rte_ring_sp_enqueue_elem(s->lc[w % s->n].cmd, &copy, sizeof(copy)) == 0)
		return true;
	bump(&s->cnt[FWD_PFSYNC_ST_cmd_ring_full]);
	return false;
}

bool fwd_pfsync_tx(struct fwd_pfsync *s, struct rte_mbuf *m)
{
	if (rte_ring_sp_enqueue(s->tx, m) == 0)
		return true;
	bump(&s->cnt[FWD_PFSYNC_ST_tx_dropped]);
	rte_pktmbuf_free(m);
	return false;
}

unsigned int fwd_pfsync_tx_free(const struct fwd_pfsync *s)
{
	return rte_ring_free_count(s->tx);
}

void fwd_pfsync_stats(const struct fwd_pfsync *s, uint64_t out[FWD_PFSYNC_ST__COUNT])
{
	for (unsigned int i = 0; i < FWD_PFSYNC_ST__COUNT; i++) {
		out[i] = __atomic_load_n(&s->cnt[i], __ATOMIC_RELAXED);
		for (unsigned int w = 0; w < s->n; w++)
			out[i] += __atomic_load_n(&s->lc[w].cnt[i], __ATOMIC_RELAXED);
	}
}
