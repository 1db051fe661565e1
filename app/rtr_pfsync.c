/* SPDX-License-Identifier: BSD-2-Clause */
/* The sync context: see rtr_pfsync.h. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_hash.h>
#include <rte_jhash.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_random.h>

#include "ctl.h"
#include "fwd.h"
#include "fwd_filter.h"
#include "pf_filter.h"
#include "fwd_pfsync_conv.h"
#include "pfsync_engine.h"
#include "rtr.h"
#include "rtr_log.h"
#include "rtr_pfsync.h"

#define EV_BATCH      64
#define RX_BATCH      32
#define PEER_RECENT_S 2 /* OpenBSD's pfsync_time rule: the peer updated it < 2 s ago */

struct shadow_key {
	uint64_t id;
	uint32_t creatorid;
	uint32_t zero;
};

struct shadow {
	struct pf_state st;
	uint32_t peer_at; /* last update from the peer, seconds; 0: never */
	bool used;
};

struct rtr_pfsync {
	struct rtr *r;
	struct fwd_pfsync *rings;
	struct pfsync_engine *e;
	struct pfsync_out obuf[PFSYNC_OUTS_HINT(32, 128)];
	struct pfsync_outs out;
	uint64_t deadline; /* us */
	uint16_t syncdev;  /* DPDK port */
	struct rte_ether_addr src_mac, dst_mac;
	bool mcast, link_up;
	uint64_t link_checked_us;
	unsigned int demotion; /* what the engine holds (0, 1, 32, 33) */
	const uint32_t *timeout;
	/* the shadow table */
	struct rte_hash *h;
	struct shadow *sh;
	uint32_t cap, used;
	uint32_t bulk_pos;
	/* telemetry */
	pthread_mutex_t pub_lock;
	struct pfsync_status pub;
	uint32_t pub_used;
	bool running;
};

static uint64_t now_us(void)
{
	return rte_get_tsc_cycles() / (rte_get_tsc_hz() / 1000000);
}

/* pf's seconds: the workers' clock (fwd_filter_input.c, TSC / hz). */
static uint32_t now_s(void)
{
	return (uint32_t)(rte_get_tsc_cycles() / rte_get_tsc_hz());
}

/* ---- the shadow table ---- */

static int32_t sh_find(struct rtr_pfsync *p, uint64_t id, uint32_t creatorid)
{
	struct shadow_key k = {id, creatorid, 0};

	return rte_hash_lookup(p->h, &k);
}

/* The entry for st (made when new); NULL when full. */
static struct shadow *sh_put(struct rtr_pfsync *p, const struct pf_state *st)
{
	struct shadow_key k = {st->id, st->creatorid, 0};
	int32_t i = rte_hash_add_key(p->h, &k);

	if (i < 0 || (uint32_t)i >= p->cap)
		return NULL;
	if (!p->sh[i].used) {
		p->sh[i].used = true;
		p->sh[i].peer_at = 0;
		p->used++;
	}
	p->sh[i].st = *st;
	return &p->sh[i];
}

static void sh_del(struct rtr_pfsync *p, uint64_t id, uint32_t creatorid)
{
	struct shadow_key k = {id, creatorid, 0};
	int32_t i = rte_hash_del_key(p->h, &k);

	if (i >= 0 && (uint32_t)i < p->cap && p->sh[i].used) {
		p->sh[i].used = false;
		p->used--;
	}
}

/* The worker whose table holds a state (one worker: docs/filter.md). */
static unsigned int owner(const struct rtr_pfsync *p)
{
	(void)p;
	return 0;
}

static void to_worker(struct rtr_pfsync *p, uint8_t op, const struct pf_state *st)
{
	struct fwd_pfsync_msg m = {.op = op};

	m.st = *st;
	fwd_pfsync_cmd(p->rings, owner(p), &m);
}

/* ---- the engine's table ops ---- */

static bool op_lookup(void *arg, uint64_t id, uint32_t creatorid, struct pfsync_state_msg *out)
{
	struct rtr_pfsync *p = arg;
	int32_t i = sh_find(p, id, creatorid);

	if (i < 0)
		return false;
	fwd_pfsync_export(&p->sh[i].st, p->timeout, now_s(), out);
	return true;
}

static int op_import(void *arg, const struct pfsync_state_msg *m)
{
	struct rtr_pfsync *p = arg;
	struct pf_state st;
	struct shadow *s;

	if (sh_find(p, m->id, m->creatorid) >= 0)
		return -EEXIST;
	fwd_pfsync_import(m, p->timeout, now_s(), &st);
	if ((s = sh_put(p, &st)) == NULL)
		return -ENOMEM;
	s->peer_at = now_s();
	to_worker(p, FWD_PFSYNC_INS, &st);
	return 0;
}

static void op_merge(void *arg, uint64_t id, uint32_t creatorid, const struct pfsync_merge *m)
{
	struct rtr_pfsync *p = arg;
	int32_t i = sh_find(p, id, creatorid);
	struct shadow *s;

	if (i < 0)
		return;
	s = &p->sh[i];
	if (m->take_src)
		fwd_pfsync_peer_import(&m->src, &s->st.src);
	if (m->take_dst)
		fwd_pfsync_peer_import(&m->dst, &s->st.dst);
	if (m->refresh) {
		s->st.timeout = m->timeout;
		s->st.expire = now_s();
	}
	s->peer_at = now_s();
	to_worker(p, FWD_PFSYNC_UPD, &s->st);
}

static bool op_remove(void *arg, uint64_t id, uint32_t creatorid)
{
	struct rtr_pfsync *p = arg;
	int32_t i = sh_find(p, id, creatorid);

	if (i < 0)
		return false;
	to_worker(p, FWD_PFSYNC_DEL, &p->sh[i].st);
	sh_del(p, id, creatorid);
	return true;
}

static unsigned op_clear(void *arg, uint32_t creatorid, const char *ifname)
{
	struct rtr_pfsync *p = arg;
	unsigned int n = 0;

	for (uint32_t i = 0; i < p->cap; i++) {
		const struct pf_state *st = &p->sh[i].st;

		if (!p->sh[i].used || st->creatorid != creatorid ||
		    (ifname[0] != '\0' && strncmp(ifname, st->ifname, PF_IFNAMSIZ) != 0))
			continue;
		op_remove(p, st->id, st->creatorid);
		n++;
	}
	return n;
}

/* A walk over the shadow's slots: states added during it may or may not be sent. */
static uint32_t op_bulk_begin(void *arg)
{
	struct rtr_pfsync *p = arg;

	p->bulk_pos = 0;
	return p->used;
}

static bool op_bulk_next(void *arg, struct pfsync_state_msg *out)
{
	struct rtr_pfsync *p = arg;

	while (p->bulk_pos < p->cap) {
		struct shadow *s = &p->sh[p->bulk_pos++];

		if (s->used) {
			fwd_pfsync_export(&s->st, p->timeout, now_s(), out);
			return true;
		}
	}
	return false;
}

static const struct pfsync_table_ops ops = {
    .lookup = op_lookup,
    .import = op_import,
    .merge = op_merge,
    .remove = op_remove,
    .clear = op_clear,
    .bulk_begin = op_bulk_begin,
    .bulk_next = op_bulk_next,
};

/* ---- outputs ---- */

static void send_pkt(struct rtr_pfsync *p, const uint8_t *ip, uint16_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(p->r->pool);
	struct rte_ether_hdr *eth;

	if (m == NULL || rte_pktmbuf_tailroom(m) < sizeof(*eth) + len) {
		rte_pktmbuf_free(m);
		pfsync_engine_tx_done(p->e, PFSYNC_TX_NOMEM);
		return;
	}
	eth = (struct rte_ether_hdr *)rte_pktmbuf_append(m, (uint16_t)(sizeof(*eth) + len));
	eth->dst_addr = p->dst_mac;
	eth->src_addr = p->src_mac;
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	memcpy(eth + 1, ip, len);
	pfsync_engine_tx_done(p->e, fwd_pfsync_tx(p->rings, m) ? PFSYNC_TX_SENT : PFSYNC_TX_ERROR);
}

/* Perform the outputs of the last engine call, in order. */
static void run_outs(struct rtr_pfsync *p)
{
	for (unsigned int i = 0; i < p->out.n; i++) {
		const struct pfsync_out *o = &p->out.a[i];

		switch (o->type) {
		case PFSYNC_OUT_SEND:
			send_pkt(p, o->u.send.data, o->u.send.len);
			break;
		case PFSYNC_OUT_DEMOTE:
			p->demotion = (unsigned int)((int)p->demotion + o->u.demote.delta);
			RTR_LOG(app, NOTICE, "pfsync: carp demotion %+d (%s), pfsync holds %u",
			        o->u.demote.delta, pfsync_demote_reason_label(o->u.demote.reason),
			        p->demotion);
			ctl_pfsync_demote(p->r->ctl, p->demotion);
			break;
		case PFSYNC_OUT_RELEASE: /* nothing is deferred yet (docs/pfsync.md) */
			break;
		case PFSYNC_OUT_DEADLINE:
			p->deadline = o->u.deadline.at;
			break;
		}
	}
	pfsync_outs_clear(&p->out);
}

/* ---- the loop ---- */

static bool link_now(const struct rtr_pfsync *p)
{
	struct rte_eth_link l;

	return rte_eth_link_get_nowait(p->syncdev, &l) == 0 && l.link_status == RTE_ETH_LINK_UP;
}

/* A unicast peer's MAC from the neighbour table (broadcast until known). */
static int peer_mac(const struct fwd_neigh_info *n, void *arg)
{
	struct rtr_pfsync *p = arg;

	if (n->ip == p->r->cfg.pfsync.syncpeer && n->port == p->syncdev)
		p->dst_mac = n->mac;
	return 0;
}

static void events(struct rtr_pfsync *p, uint64_t now)
{
	struct fwd_pfsync_msg ev[EV_BATCH];
	uint32_t s = now_s();

	for (unsigned int w = 0; w < p->r->n_workers; w++) {
		unsigned int n = fwd_pfsync_ev_take(p->rings, w, ev, EV_BATCH);

		for (unsigned int i = 0; i < n; i++) {
			const struct pf_state *st = &ev[i].st;
			struct pfsync_event e = {.id = st->id,
			                         .creatorid = st->creatorid,
			                         .proto = st->key[PF_SK_WIRE].proto};
			struct shadow *sh;

			if (ev[i].op == FWD_PFSYNC_DEL) {
				pfsync_engine_delete(p->e, now, &e, &p->out);
				sh_del(p, st->id, st->creatorid);
			} else if ((sh = sh_put(p, st)) == NULL) {
				continue; /* shadow full: the state is not synced */
			} else if (ev[i].op == FWD_PFSYNC_INS) {
				pfsync_engine_insert(p->e, now, &e, &p->out);
			} else {
				if (sh->peer_at != 0 && s - sh->peer_at < PEER_RECENT_S)
					e.flags |= PFSYNC_EV_PEER_RECENT;
				pfsync_engine_update(p->e, now, &e, &p->out);
			}
			run_outs(p);
		}
	}
}

static void publish(struct rtr_pfsync *p)
{
	if (pthread_mutex_trylock(&p->pub_lock) != 0)
		return; /* telemetry is reading: next round */
	pfsync_engine_status(p->e, &p->pub);
	p->pub_used = p->used;
	p->running = true;
	pthread_mutex_unlock(&p->pub_lock);
}

void rtr_pfsync_poll(struct rtr_pfsync *p)
{
	struct fwd_pfsync_frame f[RX_BATCH];
	uint64_t now = now_us();
	unsigned int n;

	if (p == NULL)
		return;
	if (now - p->link_checked_us >= 100000) { /* the link, and a unicast peer's MAC */
		bool up = link_now(p);

		p->link_checked_us = now;
		if (up != p->link_up) {
			p->link_up = up;
			RTR_LOG(app, NOTICE, "pfsync: syncdev %s link %s", p->r->cfg.pfsync.syncdev,
			        up ? "up" : "down");
			pfsync_engine_link(p->e, now, up, &p->out);
			run_outs(p);
		}
		if (!p->mcast)
			fwd_neigh_walk(p->r->ctx, fwd_now_ms(), peer_mac, p);
	}
	while ((n = fwd_pfsync_rx_take(p->rings, f, RX_BATCH)) > 0)
		for (unsigned int i = 0; i < n; i++) {
			pfsync_engine_input(p->e, now, f[i].pkt, f[i].len, f[i].port == p->syncdev,
			                    &p->out);
			run_outs(p);
		}
	events(p, now);
	/* the bulk, paced by the tx ring's room (half kept for updates) */
	while (pfsync_engine_bulk_pending(p->e) && fwd_pfsync_tx_free(p->rings) > 256) {
		pfsync_engine_bulk_packet(p->e, now, &p->out);
		run_outs(p);
	}
	if (now >= p->deadline) {
		pfsync_engine_timeout(p->e, now, &p->out);
		run_outs(p);
	}
	publish(p);
}

/* ---- set-up ---- */

static int engine_config(struct rtr_pfsync *p, struct pfsync_config *c)
{
	const struct cfg_pfsync *cp = &p->r->cfg.pfsync;
	char err[128];

	pfsync_config_default(c);
	c->maxupd = cp->maxupd;
	c->defer = cp->defer;
	c->defer_us = cp->defer_us;
	c->auth = (enum pfsync_auth_mode)cp->auth;
	for (unsigned int i = 0; i < 4; i++) {
		c->src_ip[i] = (uint8_t)(cp->src >> (24 - 8 * i));
		c->dst_ip[i] = (uint8_t)(cp->syncpeer >> (24 - 8 * i));
	}
	c->mtu = p->r->cfg.ports[cp->port].mtu ? p->r->cfg.ports[cp->port].mtu : 1500;
	c->creatorid = fwd_filter_pf(p->r->pf, 0)->tab.hostid; /* our states' creatorid */
	c->seed = (uint32_t)rte_rand();
	if (pfsync_config_check(c, err, sizeof(err)) < 0) {
		RTR_LOG(app, ERR, "pfsync: %s", err);
		return -EINVAL;
	}
	return 0;
}

static int tables(struct rtr_pfsync *p)
{
	static unsigned int seq;
	char name[RTE_HASH_NAMESIZE];
	struct rte_hash_parameters hp = {
	    .name = name,
	    .key_len = sizeof(struct shadow_key),
	    .hash_func = rte_jhash,
	    .socket_id = (int)rte_socket_id(),
	};

	/* our states and the peer's: both within the filter's limit */
	p->cap = fwd_filter_ruleset(p->r->pf)->limit_states * 2 + 1024;
	hp.entries = p->cap;
	snprintf(name, sizeof(name), "pfsync_sh%u", seq++);
	p->h = rte_hash_create(&hp);
	/* the main thread's alone: the heap, not the hugepages the fast path needs
	 * (100 000 states x 2 are ~60 MB) */
	p->sh = calloc(p->cap, sizeof(*p->sh));
	p->cap = p->h != NULL ? RTE_MIN(p->cap, (uint32_t)rte_hash_max_key_id(p->h) + 1) : 0;
	return p->h != NULL && p->sh != NULL ? 0 : -ENOMEM;
}

struct rtr_pfsync *rtr_pfsync_create(struct rtr *r, int *err)
{
	const struct cfg_pfsync *cp = &r->cfg.pfsync;
	struct fwd_pfsync_conf fc = {
	    .n_workers = r->n_workers, .ring_size = 4096, .socket = (int)rte_socket_id()};
	static const struct rte_ether_addr mcast = {{0x01, 0x00, 0x5e, 0x00, 0x00, 0xf0}};
	struct pfsync_config c;
	struct rtr_pfsync *p;

	*err = 0;
	if (!cp->present)
		return NULL;
	*err = -ENOMEM;
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return NULL;
	p->r = r;
	p->syncdev = r->port_ids[cp->port];
	fc.syncdev = p->syncdev;
	p->timeout = fwd_filter_ruleset(r->pf)->timeout;
	p->mcast = cp->syncpeer >> 28 == 0xe;
	pthread_mutex_init(&p->pub_lock, NULL);
	pfsync_outs_init(&p->out, p->obuf, RTE_DIM(p->obuf));
	rte_eth_macaddr_get(p->syncdev, &p->src_mac);
	if (p->mcast) /* 01:00:5e + the group's low 23 bits */
		p->dst_mac = mcast;
	else
		memset(&p->dst_mac, 0xff, sizeof(p->dst_mac)); /* until the neighbour is known */
	if (p->mcast) {
		p->dst_mac.addr_bytes[3] = (uint8_t)(cp->syncpeer >> 16 & 0x7f);
		p->dst_mac.addr_bytes[4] = (uint8_t)(cp->syncpeer >> 8);
		p->dst_mac.addr_bytes[5] = (uint8_t)cp->syncpeer;
		if ((*err = fwd_port_accept_mac(r->ctx, p->syncdev, &p->dst_mac)) < 0)
			goto fail;
	}
	if ((*err = engine_config(p, &c)) < 0 || (*err = tables(p)) < 0)
		goto fail;
	p->e = pfsync_engine_new(&c, &ops, p);
	if (p->e == NULL) {
		*err = -errno;
		goto fail;
	}
	for (unsigned int k = 0; k < 2; k++)
		if (cp->key_len[k] &&
		    (*err = pfsync_engine_set_key(p->e, k, cp->key[k], cp->key_len[k])) < 0)
			goto fail;
	p->rings = fwd_pfsync_create(&fc, err);
	if (p->rings == NULL)
		goto fail;
	fwd_pfsync_attach(r->ctx, r->pf, p->rings);
	p->deadline = PFSYNC_NEVER;
	RTR_LOG(app, INFO, "pfsync: syncdev %s, maxupd %u, defer %s, auth %s, %u shadow states",
	        cp->syncdev, cp->maxupd, cp->defer ? "on" : "off", pfsync_auth_mode_name(c.auth),
	        p->cap);
	return p;
fail:
	RTR_LOG(app, ERR, "pfsync: %s", strerror(-*err));
	rtr_pfsync_destroy(p);
	return NULL;
}

int rtr_pfsync_start(struct rtr_pfsync *p)
{
	struct timeval tv;
	int rc;

	if (p == NULL)
		return 0;
	gettimeofday(&tv, NULL);
	p->link_up = link_now(p);
	p->link_checked_us = now_us();
	rc = pfsync_engine_up(p->e, now_us(),
	                      (uint64_t)tv.tv_sec * 1000 + (uint64_t)tv.tv_usec / 1000, p->link_up,
	                      &p->out);
	run_outs(p);
	publish(p);
	return rc;
}

void rtr_pfsync_destroy(struct rtr_pfsync *p)
{
	if (p == NULL)
		return;
	if (p->e != NULL) {
		pthread_mutex_lock(&p->pub_lock);
		p->running = false;
		pthread_mutex_unlock(&p->pub_lock);
		pfsync_engine_down(p->e, now_us(), &p->out);
		pfsync_outs_clear(&p->out); /* the workers are stopped: nothing to send */
		pfsync_engine_free(p->e);
	}
	fwd_pfsync_destroy(p->rings); /* the workers are joined */
	rte_hash_free(p->h);
	free(p->sh);
	pthread_mutex_destroy(&p->pub_lock);
	free(p);
}

bool rtr_pfsync_read(struct rtr_pfsync *p, struct rtr_pfsync_view *v, struct pfsync_status *st)
{
	const struct cfg_pfsync *cp;
	bool ok;

	if (p == NULL)
		return false;
	cp = &p->r->cfg.pfsync;
	memset(v, 0, sizeof(*v));
	snprintf(v->syncdev, sizeof(v->syncdev), "%s", cp->syncdev);
	v->syncpeer = cp->syncpeer;
	v->maxupd = cp->maxupd;
	v->defer = cp->defer;
	v->auth = cp->auth;
	if (p->rings != NULL)
		fwd_pfsync_stats(p->rings, v->fwd);
	pthread_mutex_lock(&p->pub_lock);
	ok = p->running;
	*st = p->pub;
	v->shadow_states = p->pub_used;
	pthread_mutex_unlock(&p->pub_lock);
	return ok;
}
