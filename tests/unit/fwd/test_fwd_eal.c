/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/fwd with EAL (--no-huge): the route table (rte_lpm), the neighbour
 * table (rte_hash, learn ring, aging), and the worker's packet walk on real
 * mbufs, asserting the frames it queues for tx and the counters it moves.
 * No ports: fwd_worker_rx() is driven directly and w->tx is inspected.
 */

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/Basic.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_rcu_qsbr.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "fwd.h"
#include "fwd_punt.h"
#include "fwd_port.h"
#include "fwd_reload.h"
#include "fwd_test_api.h"
#include "fwd_test.h"

#define R0     IP4(192, 0, 2, 1)     /* router on port 0 */
#define R1     IP4(198, 51, 100, 1)  /* router on port 1 */
#define HOST   IP4(192, 0, 2, 10)    /* host behind port 0 */
#define SERVER IP4(198, 51, 100, 20) /* static neighbour behind port 1 */
#define GW1    IP4(198, 51, 100, 254)
#define GW0    IP4(192, 0, 2, 254)

static struct rte_mempool *mp;
static unsigned int mp_full;
static struct fwd_ctx *ctx;
static struct fwd_worker *w;

static struct fwd_ctx *ctx_new(struct fwd_params *p)
{
	struct fwd_ctx *c = fwd_ctx_create(p);
	unsigned int lcore = rte_lcore_id();

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL_FATAL(fwd_ctx_port_register(c, 0, &tf_mac_port0, 1500, 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_ctx_port_register(c, 1, &tf_mac_port1, 1500, 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_iface_add(c, 0, R0, 24), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_iface_add(c, 1, R1, 24), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_workers_setup(c, &lcore, 1), 0);
	return c;
}

static void params_small(struct fwd_params *p)
{
	fwd_params_init(p);
	p->name = "ut";
	p->max_routes = 16;
	p->max_neighbours = 16;
	p->learn_ring_size = 64;
	p->neigh_reachable_ms = 1000;
	p->neigh_stale_ms = 500;
}

static void setup_with(struct fwd_params *p)
{
	ctx = ctx_new(p);
	w = fwd_worker_get(ctx, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	CU_ASSERT_EQUAL_FATAL(fwd_neigh_add_static(ctx, SERVER, &tf_mac_other, 1), 0);
}

static void setup(void)
{
	struct fwd_params p;

	params_small(&p);
	setup_with(&p);
}

/* Frees what the worker queued for tx, destroys ctx, checks no mbuf leaked. */
static void teardown(void)
{
	for (int port = 0; port < FWD_MAX_PORTS; port++) {
		for (int i = 0; i < w->tx[port].n; i++)
			rte_pktmbuf_free(w->tx[port].pkts[i]);
		w->tx[port].n = 0;
	}
	w->tx_dirty = 0;
	fwd_ctx_destroy(ctx);
	ctx = NULL;
	w = NULL;
	CU_ASSERT_EQUAL(rte_mempool_avail_count(mp), mp_full);
}

static void rx(uint16_t port, const uint8_t *frame, uint32_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	char *d;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	d = rte_pktmbuf_append(m, (uint16_t)len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	memcpy(d, frame, len);
	m->port = port;
	fwd_worker_rx(w, port, &m, 1);
}

static uint8_t *tx_frame(uint16_t port, int i, uint32_t *len)
{
	struct rte_mbuf *m = w->tx[port].pkts[i];

	*len = rte_pktmbuf_pkt_len(m);
	CU_ASSERT_EQUAL(m->nb_segs, 1);
	return rte_pktmbuf_mtod(m, uint8_t *);
}

static uint64_t drops(enum fwd_drop d)
{
	return w->stats.drops[d];
}

static uint64_t events(enum fwd_event e)
{
	return w->stats.events[e];
}

/* ---- route table ---- */

static void test_route_lpm(void)
{
	const struct fwd_route_entry *r;
	struct fwd_route rt;

	setup();
	rt = (struct fwd_route){
	    .prefix = IP4(203, 0, 113, 0), .len = 24, .gateway = GW0, .port = FWD_PORT_AUTO};
	CU_ASSERT_EQUAL(fwd_route_add(ctx, &rt), 0);
	rt = (struct fwd_route){
	    .prefix = IP4(203, 0, 113, 128), .len = 25, .gateway = GW1, .port = FWD_PORT_AUTO};
	CU_ASSERT_EQUAL(fwd_route_add(ctx, &rt), 0);
	rt = (struct fwd_route){.prefix = IP4(203, 0, 113, 77), .len = 32, .gateway = 0, .port = 1};
	CU_ASSERT_EQUAL(fwd_route_add(ctx, &rt), 0);

	r = fwd_route_lookup(&ctx->routes, IP4(203, 0, 113, 200));
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT(r->len == 25 && r->gateway == GW1 && r->port == 1);
	r = fwd_route_lookup(&ctx->routes, IP4(203, 0, 113, 5));
	CU_ASSERT(r != NULL && r->len == 24 && r->gateway == GW0 && r->port == 0);
	r = fwd_route_lookup(&ctx->routes, IP4(203, 0, 113, 77));
	CU_ASSERT(r != NULL && r->len == 32 && r->type == FWD_ROUTE_CONNECTED && r->port == 1);
	r = fwd_route_lookup(&ctx->routes, IP4(198, 51, 100, 9));
	CU_ASSERT(r != NULL && r->type == FWD_ROUTE_CONNECTED && r->port == 1);
	r = fwd_route_lookup(&ctx->routes, R0);
	CU_ASSERT(r != NULL && r->type == FWD_ROUTE_LOCAL && r->port == 0);
	CU_ASSERT_PTR_NULL(fwd_route_lookup(&ctx->routes, IP4(100, 64, 0, 1)));

	/* 0.0.0.0/0 (rte_lpm has no depth 0) */
	rt = (struct fwd_route){.prefix = 0, .len = 0, .gateway = GW0, .port = FWD_PORT_AUTO};
	CU_ASSERT_EQUAL(fwd_route_add(ctx, &rt), 0);
	r = fwd_route_lookup(&ctx->routes, IP4(100, 64, 0, 1));
	CU_ASSERT(r != NULL && r->len == 0 && r->gateway == GW0);
	r = fwd_route_lookup(&ctx->routes, IP4(203, 0, 113, 200));
	CU_ASSERT(r != NULL && r->len == 25);

	/* errors */
	rt = (struct fwd_route){.prefix = IP4(203, 0, 113, 129),
	                        .len = 25,
	                        .gateway = GW1,
	                        .port = FWD_PORT_AUTO}; /* same prefix once masked */
	CU_ASSERT_EQUAL(fwd_route_add(ctx, &rt), -EEXIST);
	rt = (struct fwd_route){.prefix = IP4(203, 0, 113, 0),
	                        .len = 26,
	                        .gateway = IP4(203, 0, 113, 1),
	                        .port = FWD_PORT_AUTO};
	CU_ASSERT_EQUAL(fwd_route_add(ctx, &rt), -ENETUNREACH);
	rt.len = 33;
	CU_ASSERT_EQUAL(fwd_route_add(ctx, &rt), -EINVAL);
	rt = (struct fwd_route){.prefix = IP4(203, 0, 113, 0), .len = 27, .port = FWD_MAX_PORTS};
	CU_ASSERT_EQUAL(fwd_route_add(ctx, &rt), -EINVAL);
	CU_ASSERT_EQUAL(fwd_iface_add(ctx, 1, R0, 24), -EEXIST);
	CU_ASSERT_EQUAL(fwd_iface_add(ctx, 0, IP4(192, 0, 2, 2), 33), -EINVAL);
	/* a second address in the same subnet shares the connected route */
	CU_ASSERT_EQUAL(fwd_iface_add(ctx, 0, IP4(192, 0, 2, 2), 24), 0);
	teardown();
}

struct walk_acc {
	int n;
	int local, connected, gateway;
	uint32_t last_prefix;
};

static int route_cb(const struct fwd_route_info *r, void *arg)
{
	struct walk_acc *a = arg;

	a->n++;
	a->local += r->type == FWD_ROUTE_LOCAL;
	a->connected += r->type == FWD_ROUTE_CONNECTED;
	a->gateway += r->type == FWD_ROUTE_GATEWAY;
	a->last_prefix = r->prefix;
	return 0;
}

static void test_route_walk_and_full(void)
{
	struct walk_acc a = {0};
	struct fwd_route rt = {.len = 32, .port = 1};
	int rc = 0;
	uint32_t added = 0;

	setup();
	rt = (struct fwd_route){
	    .prefix = IP4(203, 0, 113, 0), .len = 24, .gateway = GW1, .port = FWD_PORT_AUTO};
	CU_ASSERT_EQUAL(fwd_route_add(ctx, &rt), 0);
	CU_ASSERT_EQUAL(fwd_route_walk(ctx, route_cb, &a), 0);
	CU_ASSERT_EQUAL(a.n, 5);
	CU_ASSERT_EQUAL(a.local, 2);
	CU_ASSERT_EQUAL(a.connected, 2);
	CU_ASSERT_EQUAL(a.gateway, 1);
	CU_ASSERT_EQUAL(a.last_prefix, IP4(203, 0, 113, 0));
	CU_ASSERT_STRING_EQUAL(fwd_route_type_name(FWD_ROUTE_GATEWAY), "gateway");

	/* fill the table: -ENOSPC at capacity, and nothing half-added */
	rt = (struct fwd_route){.len = 32, .port = 1};
	while (rc == 0) {
		rt.prefix = IP4(203, 0, 113, 0) + 0x10000 + added;
		rc = fwd_route_add(ctx, &rt);
		if (rc == 0)
			added++;
	}
	CU_ASSERT_EQUAL(rc, -ENOSPC);
	CU_ASSERT_EQUAL(added + 5, ctx->routes.cap);
	teardown();
}

/* ---- neighbours ---- */

struct nwalk {
	int n;
	struct fwd_neigh_info last;
};

static int neigh_cb(const struct fwd_neigh_info *ni, void *arg)
{
	struct nwalk *a = arg;

	if (ni->ip == HOST)
		a->last = *ni;
	a->n++;
	return 0;
}

static void learn(uint32_t ip, const struct rte_ether_addr *mac, uint16_t port)
{
	struct fwd_neigh_learn msg = {.ip = ip, .port = port, .mac = *mac};

	CU_ASSERT_EQUAL(rte_ring_mp_enqueue_elem(ctx->neigh.learn, &msg, sizeof(msg)), 0);
}

static void test_neigh_static(void)
{
	uint64_t v;
	struct rte_ether_addr mac;
	static const struct rte_ether_addr mcast = {{0x01, 0, 0x5e, 0, 0, 1}};

	setup();
	v = fwd_neigh_lookup(&ctx->neigh, SERVER);
	CU_ASSERT((v & FWD_NB_STATIC) != 0);
	fwd_nb_mac(v, &mac);
	CU_ASSERT_TRUE(rte_is_same_ether_addr(&mac, &tf_mac_other));
	CU_ASSERT_EQUAL(fwd_nb_port(v), 1);
	CU_ASSERT_EQUAL(fwd_neigh_lookup(&ctx->neigh, HOST), 0);
	/* learning never overrides configuration, aging never removes it */
	learn(SERVER, &tf_mac_host, 1);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 10), 0);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 1000000), 0);
	fwd_nb_mac(fwd_neigh_lookup(&ctx->neigh, SERVER), &mac);
	CU_ASSERT_TRUE(rte_is_same_ether_addr(&mac, &tf_mac_other));
	CU_ASSERT_EQUAL(fwd_neigh_add_static(ctx, HOST, &mcast, 0), -EINVAL);
	CU_ASSERT_EQUAL(fwd_neigh_add_static(ctx, HOST, &tf_mac_host, FWD_MAX_PORTS), -EINVAL);
	teardown();
}

/*
 * What the control lcore's carppeer adverts use: one lookup, no walk and no
 * lock (it returns while the writer/telemetry lock is held); the lock on
 * a cache line of its own, apart from what every worker reads each poll;
 * and the workers registered with the neighbour QSBR by fwd_workers_setup,
 * so a grace period waits for a worker once it is online.
 */
static void test_neigh_get_lock_qsbr(void)
{
	struct rte_ether_addr mac;
	uint16_t port = 99;
	struct rte_rcu_qsbr *v;
	uint64_t token;

#define LINE(p) ((uintptr_t)(p) / RTE_CACHE_LINE_SIZE)
	setup();
	rte_spinlock_lock(&ctx->neigh.lock);
	CU_ASSERT_EQUAL(fwd_neigh_get(ctx, SERVER, &mac, &port), 0);
	CU_ASSERT_EQUAL(fwd_neigh_get(ctx, HOST, &mac, &port), -ENOENT);
	rte_spinlock_unlock(&ctx->neigh.lock);
	CU_ASSERT_EQUAL(fwd_neigh_get(ctx, SERVER, &mac, &port), 0);
	CU_ASSERT_TRUE(rte_is_same_ether_addr(&mac, &tf_mac_other));
	CU_ASSERT_EQUAL(port, 1);

	CU_ASSERT_NOT_EQUAL(LINE(&ctx->neigh.lock), LINE(&ctx->running));
	CU_ASSERT_NOT_EQUAL(LINE(&ctx->neigh.lock), LINE(&ctx->neigh.gen));
	CU_ASSERT_NOT_EQUAL(LINE(&ctx->neigh.lock), LINE(&ctx->neigh.qsbr));
	CU_ASSERT_NOT_EQUAL(LINE(&ctx->neigh.lock), LINE(&ctx->neigh.h));
	CU_ASSERT_NOT_EQUAL(LINE(&ctx->neigh.lock), LINE(&ctx->punt[0].ring));
#undef LINE

	v = ctx->neigh.qsbr;
	rte_rcu_qsbr_thread_online(v, fwd_worker_lcore(w));
	token = rte_rcu_qsbr_start(v);
	CU_ASSERT_EQUAL(rte_rcu_qsbr_check(v, token, false), 0); /* waits for the worker */
	rte_rcu_qsbr_quiescent(v, fwd_worker_lcore(w));
	CU_ASSERT_EQUAL(rte_rcu_qsbr_check(v, token, false), 1);
	rte_rcu_qsbr_thread_offline(v, fwd_worker_lcore(w));
	teardown();
}

static void test_neigh_learn_age(void)
{
	struct nwalk a = {0};
	uint64_t v;

	setup();
	learn(HOST, &tf_mac_host, 0);
	CU_ASSERT_EQUAL(fwd_neigh_lookup(&ctx->neigh, HOST), 0); /* not before service */
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 5000), 1);
	v = fwd_neigh_lookup(&ctx->neigh, HOST);
	CU_ASSERT(v != 0 && !(v & (FWD_NB_STALE | FWD_NB_STATIC)) && fwd_nb_port(v) == 0);

	CU_ASSERT_EQUAL(fwd_neigh_walk(ctx, 5400, neigh_cb, &a), 0);
	CU_ASSERT_EQUAL(a.n, 2);
	CU_ASSERT_EQUAL(a.last.state, FWD_NEIGH_REACHABLE);
	CU_ASSERT_EQUAL(a.last.age_ms, 400);
	CU_ASSERT_TRUE(rte_is_same_ether_addr(&a.last.mac, &tf_mac_host));

	/* reachable_ms (1000) later: stale, still resolvable */
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 5999), 0);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 6000), 1);
	v = fwd_neigh_lookup(&ctx->neigh, HOST);
	CU_ASSERT((v & FWD_NB_STALE) != 0);
	a.n = 0;
	fwd_neigh_walk(ctx, 6000, neigh_cb, &a);
	CU_ASSERT_EQUAL(a.last.state, FWD_NEIGH_STALE);
	CU_ASSERT_STRING_EQUAL(fwd_neigh_state_name(a.last.state), "stale");

	/* confirmed (ARP seen again): reachable again from that time */
	learn(HOST, &tf_mac_host, 0);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 6200), 1);
	CU_ASSERT_EQUAL(fwd_neigh_lookup(&ctx->neigh, HOST) & FWD_NB_STALE, 0);

	/* a new MAC replaces the old one */
	learn(HOST, &tf_mac_port1, 0);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 6300), 1);
	{
		struct rte_ether_addr mac;

		fwd_nb_mac(fwd_neigh_lookup(&ctx->neigh, HOST), &mac);
		CU_ASSERT_TRUE(rte_is_same_ether_addr(&mac, &tf_mac_port1));
	}

	/* reachable + stale (1500 ms) without confirmation: deleted */
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 7300), 1); /* -> stale */
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 7799), 0);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 7800), 1); /* -> gone */
	CU_ASSERT_EQUAL(fwd_neigh_lookup(&ctx->neigh, HOST), 0);
	a.n = 0;
	fwd_neigh_walk(ctx, 8000, neigh_cb, &a);
	CU_ASSERT_EQUAL(a.n, 1); /* the static one */
	teardown();
}

static void test_neigh_capacity(void)
{
	struct rte_ether_addr mac = tf_mac_host;
	int added = 0, rc = 0;

	setup();
	/* table of 16 (one static already): add until full, then delete by aging and reuse */
	for (uint32_t i = 0; i < 64 && rc >= 0; i++) {
		mac.addr_bytes[5] = (uint8_t)i;
		rc = fwd_neigh_table_set(&ctx->neigh, IP4(192, 0, 2, 100) + i, &mac, 0, false, 0);
		if (rc > 0)
			added++;
	}
	CU_ASSERT_EQUAL(rc, -ENOSPC);
	CU_ASSERT(added >= 15 - 1 && added <= 15);
	fwd_neigh_service(ctx, 1000); /* stale */
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 1500), added);
	mac.addr_bytes[5] = 0xee;
	CU_ASSERT_EQUAL(fwd_neigh_table_set(&ctx->neigh, HOST, &mac, 0, false, 2000), 1);
	teardown();
}

/* ---- worker: transit ---- */

static void test_forward_connected(void)
{
	uint8_t b[256], orig[256];
	uint32_t len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 100), n;
	uint8_t *f;

	setup();
	memcpy(orig, b, len);
	rx(0, b, len);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 1);
	CU_ASSERT_EQUAL(w->tx[0].n, 0);
	f = tx_frame(1, 0, &n);
	CU_ASSERT_EQUAL(n, len);
	CU_ASSERT_EQUAL(memcmp(f, &tf_mac_other, 6), 0);
	CU_ASSERT_EQUAL(memcmp(f + 6, &tf_mac_port1, 6), 0);
	CU_ASSERT_EQUAL(f[14 + 8], 63);
	CU_ASSERT_EQUAL(ref_cksum(f + 14, 20), 0);
	/* only TTL and checksum changed in the IP packet */
	CU_ASSERT_EQUAL(memcmp(f + 14, orig + 14, 8), 0);
	CU_ASSERT_EQUAL(memcmp(f + 14 + 12, orig + 14 + 12, len - 26), 0);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED), 1);
	CU_ASSERT_EQUAL(w->stats.port[0].rx_packets, 1);
	CU_ASSERT_EQUAL(w->stats.port[0].rx_bytes, len);
	CU_ASSERT_EQUAL(fwd_stats_drops_total(&w->stats), 0);
	teardown();
}

static void test_forward_longest_prefix(void)
{
	uint8_t b[256];
	uint32_t len, n;
	uint8_t *f;
	struct fwd_route rt;

	setup();
	CU_ASSERT_EQUAL(fwd_neigh_add_static(ctx, GW1, &tf_mac_host, 1), 0);
	CU_ASSERT_EQUAL(fwd_neigh_add_static(ctx, GW0, &tf_mac_other, 0), 0);
	rt = (struct fwd_route){
	    .prefix = IP4(203, 0, 113, 0), .len = 24, .gateway = GW0, .port = FWD_PORT_AUTO};
	CU_ASSERT_EQUAL(fwd_route_add(ctx, &rt), 0);
	rt = (struct fwd_route){
	    .prefix = IP4(203, 0, 113, 128), .len = 25, .gateway = GW1, .port = FWD_PORT_AUTO};
	CU_ASSERT_EQUAL(fwd_route_add(ctx, &rt), 0);

	/* .200 matches the /25 -> GW1 on port 1 */
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, IP4(203, 0, 113, 200), 10, 17, 30);
	rx(0, b, len);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 1);
	f = tx_frame(1, 0, &n);
	CU_ASSERT_EQUAL(memcmp(f, &tf_mac_host, 6), 0);
	CU_ASSERT_EQUAL(f[22], 9);
	/* .20 only the /24 -> GW0, back out of port 0 */
	len = tf_ipv4(b, &tf_mac_port1, &tf_mac_other, SERVER, IP4(203, 0, 113, 20), 10, 17, 30);
	rx(1, b, len);
	CU_ASSERT_EQUAL_FATAL(w->tx[0].n, 1);
	f = tx_frame(0, 0, &n);
	CU_ASSERT_EQUAL(memcmp(f, &tf_mac_other, 6), 0);
	CU_ASSERT_EQUAL(memcmp(f + 6, &tf_mac_port0, 6), 0);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED), 2);
	teardown();
}

static void test_forward_unresolved_arp(void)
{
	uint8_t b[256];
	uint32_t len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, IP4(198, 51, 100, 30), 64, 17,
	                       100),
	         n;
	uint8_t *f;

	setup();
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_NEIGHBOUR_UNRESOLVED), 1);
	CU_ASSERT_EQUAL(events(FWD_EV_ARP_REQUEST_SENT), 1);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 1);
	f = tx_frame(1, 0, &n);
	CU_ASSERT_EQUAL(n, 60);
	CU_ASSERT_EQUAL(memcmp(f, &tf_mac_bcast, 6), 0);
	CU_ASSERT_EQUAL(memcmp(f + 6, &tf_mac_port1, 6), 0);
	CU_ASSERT_EQUAL(rd16(f + 12), 0x0806);
	CU_ASSERT_EQUAL(rd16(f + 20), 1);
	CU_ASSERT_EQUAL(rd32(f + 28), R1);
	CU_ASSERT_EQUAL(rd32(f + 38), IP4(198, 51, 100, 30));

	/* the next packet for it within arp_retry_ms: dropped, no second request */
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_NEIGHBOUR_UNRESOLVED), 2);
	CU_ASSERT_EQUAL(events(FWD_EV_ARP_REQUEST_SENT), 1);
	CU_ASSERT_EQUAL(events(FWD_EV_ARP_REQUEST_SUPPRESSED), 1);
	CU_ASSERT_EQUAL(w->tx[1].n, 1);

	/* after arp_retry_ms it asks again */
	w->now += w->arp_retry_tsc;
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_ARP_REQUEST_SENT), 2);
	CU_ASSERT_EQUAL(w->tx[1].n, 2);

	/* the reply is learned (via the writer), then packets flow */
	len = tf_arp(b, &tf_mac_port1, 2, &tf_mac_host, IP4(198, 51, 100, 30), &tf_mac_port1, R1);
	rx(1, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_NEIGH_LEARN_QUEUED), 1);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, fwd_now_ms()), 1);
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, IP4(198, 51, 100, 30), 64, 17, 100);
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED), 1);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 3);
	f = tx_frame(1, 2, &n);
	CU_ASSERT_EQUAL(memcmp(f, &tf_mac_host, 6), 0);
	teardown();
}

/* The broadcast address of each route, as fwd_route_table_add decides it. */
static void test_route_broadcast(void)
{
	static const struct {
		uint32_t prefix;
		uint8_t len;
		uint32_t gateway;
		uint32_t probe, bcast;
	} c[] = {
	    {IP4(128, 0, 0, 0), 1, 0, IP4(203, 0, 113, 1), IP4(255, 255, 255, 255)},
	    {IP4(203, 0, 113, 4), 30, 0, IP4(203, 0, 113, 5), IP4(203, 0, 113, 7)},
	    {IP4(203, 0, 113, 8), 31, 0, IP4(203, 0, 113, 9), 0},      /* RFC 3021: none */
	    {IP4(203, 0, 113, 12), 32, 0, IP4(203, 0, 113, 12), 0},    /* a host */
	    {IP4(203, 0, 113, 64), 26, GW1, IP4(203, 0, 113, 127), 0}, /* not ours to know */
	    {IP4(0, 0, 0, 0), 0, 0, IP4(100, 64, 0, 1), 0}, /* 255.255.255.255: precheck */
	};

	setup();
	for (unsigned int i = 0; i < RTE_DIM(c); i++) {
		struct fwd_route r = {.prefix = c[i].prefix,
		                      .len = c[i].len,
		                      .gateway = c[i].gateway,
		                      .port = c[i].gateway ? FWD_PORT_AUTO : 1};
		const struct fwd_route_entry *e;

		CU_ASSERT_EQUAL_FATAL(fwd_route_add(ctx, &r), 0);
		e = fwd_route_lookup(&ctx->routes, c[i].probe);
		CU_ASSERT_PTR_NOT_NULL_FATAL(e);
		CU_ASSERT_EQUAL(e->len, c[i].len);
		CU_ASSERT_EQUAL(e->bcast, c[i].bcast);
	}
	/* the interface subnets' connected routes too */
	CU_ASSERT_EQUAL(fwd_route_lookup(&ctx->routes, R1 + 5)->bcast, IP4(198, 51, 100, 255));
	teardown();
}

/*
 * A connected default route (0.0.0.0/0 out of a port, no gateway): every
 * destination is resolved by ARP on that port, the answers are learned
 * although they are outside the port's subnet, and traffic flows. A subnet
 * broadcast is counted as such.
 */
static void test_forward_connected_default(void)
{
	const uint32_t far = IP4(203, 0, 113, 50);
	struct fwd_route r = {.prefix = 0, .len = 0, .port = 1};
	uint8_t b[256];
	uint32_t len, n;
	uint8_t *f;

	setup();
	CU_ASSERT_EQUAL_FATAL(fwd_route_add(ctx, &r), 0);
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, far, 64, 17, 30);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_NEIGHBOUR_UNRESOLVED), 1);
	CU_ASSERT_EQUAL(drops(FWD_DROP_IP_MULTICAST), 0);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 1);
	f = tx_frame(1, 0, &n);
	CU_ASSERT_EQUAL(rd16(f + 12), 0x0806);
	CU_ASSERT_EQUAL(rd32(f + 28), R1);
	CU_ASSERT_EQUAL(rd32(f + 38), far);

	/* its reply is learned (not on 198.51.100.0/24, but on the route's port) */
	len = tf_arp(b, &tf_mac_port1, 2, &tf_mac_other, far, &tf_mac_port1, R1);
	rx(1, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_NEIGH_LEARN_QUEUED), 1);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, fwd_now_ms()), 1);
	/* the same reply on port 0 is not: the route to far leaves by port 1 */
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_NEIGH_LEARN_QUEUED), 1);

	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, far, 64, 17, 30);
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED), 1);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 2);
	f = tx_frame(1, 1, &n);
	CU_ASSERT_EQUAL(memcmp(f, &tf_mac_other, 6), 0);
	CU_ASSERT_EQUAL(f[22], 63);

	/* the wan subnet's broadcast: its own reason */
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, IP4(198, 51, 100, 255), 64, 17, 30);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_SUBNET_BROADCAST), 1);
	CU_ASSERT_EQUAL(drops(FWD_DROP_IP_MULTICAST), 0);
	teardown();
}

static void test_forward_stale_probe(void)
{
	uint8_t b[256];
	uint32_t len, n;
	uint8_t *f;

	setup();
	learn(IP4(198, 51, 100, 40), &tf_mac_host, 1);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 100), 1);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 1100), 1); /* stale */
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, IP4(198, 51, 100, 40), 64, 17, 10);
	rx(0, b, len);
	/* forwarded AND a probe (ARP request in a fresh mbuf) queued before it */
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED), 1);
	CU_ASSERT_EQUAL(events(FWD_EV_ARP_REQUEST_SENT), 1);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 2);
	f = tx_frame(1, 0, &n);
	CU_ASSERT_EQUAL(rd16(f + 12), 0x0806);
	CU_ASSERT_EQUAL(rd32(f + 38), IP4(198, 51, 100, 40));
	f = tx_frame(1, 1, &n);
	CU_ASSERT_EQUAL(rd16(f + 12), 0x0800);
	teardown();
}

/* The per-lcore neighbour cache follows the writer's changes from the next burst on. */
static void test_forward_neigh_cache(void)
{
	uint8_t b[256];
	uint32_t len = tf_ipv4(b, &tf_mac_port1, &tf_mac_other, SERVER, HOST, 64, 17, 10), n;
	uint8_t *f;

	setup();
	learn(HOST, &tf_mac_host, 0);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 100), 1);
	rx(1, b, len);
	rx(1, b, len); /* second one from the cache */
	CU_ASSERT_EQUAL_FATAL(w->tx[0].n, 2);
	f = tx_frame(0, 1, &n);
	CU_ASSERT_EQUAL(memcmp(f, &tf_mac_host, 6), 0);
	/* the host's MAC changes (gratuitous ARP seen by the writer) */
	learn(HOST, &tf_mac_other, 0);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 200), 1);
	rx(1, b, len);
	CU_ASSERT_EQUAL_FATAL(w->tx[0].n, 3);
	f = tx_frame(0, 2, &n);
	CU_ASSERT_EQUAL(memcmp(f, &tf_mac_other, 6), 0);
	/* deleted by aging: unresolved again, not served from the cache */
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 1200), 1);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 1700), 1);
	rx(1, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_NEIGHBOUR_UNRESOLVED), 1);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED), 3);
	teardown();
}

/* ---- worker: ARP, ICMP ---- */

static void test_arp_reply_and_learn(void)
{
	uint8_t b[64];
	uint32_t len = tf_arp(b, &tf_mac_bcast, 1, &tf_mac_host, HOST, &tf_mac_bcast, R0), n;
	uint8_t *f;
	uint64_t v;

	setup();
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_ARP_REPLY_SENT), 1);
	CU_ASSERT_EQUAL_FATAL(w->tx[0].n, 1);
	f = tx_frame(0, 0, &n);
	CU_ASSERT_EQUAL(n, 60);
	CU_ASSERT_EQUAL(memcmp(f, &tf_mac_host, 6), 0);
	CU_ASSERT_EQUAL(rd16(f + 20), 2);
	CU_ASSERT_EQUAL(memcmp(f + 22, &tf_mac_port0, 6), 0);
	CU_ASSERT_EQUAL(rd32(f + 28), R0);
	CU_ASSERT_EQUAL(rd32(f + 38), HOST);
	CU_ASSERT_EQUAL(fwd_neigh_service(ctx, 10), 1);
	v = fwd_neigh_lookup(&ctx->neigh, HOST);
	CU_ASSERT(v != 0 && fwd_nb_port(v) == 0);

	/* the same request again: answered, nothing new to learn */
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_ARP_REPLY_SENT), 2);
	CU_ASSERT_EQUAL(events(FWD_EV_NEIGH_LEARN_QUEUED), 1);

	/* for R1 asked on port 0: not an address of this port */
	len = tf_arp(b, &tf_mac_bcast, 1, &tf_mac_host, HOST, &tf_mac_bcast, R1);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_ARP_NOT_FOR_US), 1);
	/* someone claims our address */
	len = tf_arp(b, &tf_mac_bcast, 1, &tf_mac_host, R0, &tf_mac_bcast, R0);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_ARP_BAD_SENDER), 1);
	/* a sender outside our subnets is answered but not learned */
	len = tf_arp(b, &tf_mac_bcast, 1, &tf_mac_other, IP4(203, 0, 113, 9), &tf_mac_bcast, R0);
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_ARP_REPLY_SENT), 3);
	CU_ASSERT_EQUAL(events(FWD_EV_NEIGH_LEARN_QUEUED), 1);
	/* malformed */
	len = tf_arp(b, &tf_mac_bcast, 9, &tf_mac_host, HOST, &tf_mac_bcast, R0);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_ARP_MALFORMED), 1);
	teardown();
}

static void test_icmp_echo(void)
{
	uint8_t b[256];
	uint32_t len, n;
	uint8_t *f;

	setup();
	len = tf_icmp_echo(b, &tf_mac_port0, &tf_mac_host, HOST, R0, 9, 1, 32);
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_ICMP_ECHO_REPLY_SENT), 1);
	CU_ASSERT_EQUAL_FATAL(w->tx[0].n, 1);
	f = tx_frame(0, 0, &n);
	CU_ASSERT_EQUAL(n, len);
	CU_ASSERT_EQUAL(memcmp(f, &tf_mac_host, 6), 0);
	CU_ASSERT_EQUAL(rd32(f + 26), R0);
	CU_ASSERT_EQUAL(rd32(f + 30), HOST);
	CU_ASSERT_EQUAL(f[34], 0);
	CU_ASSERT_EQUAL(ref_cksum(f + 34, 40), 0);

	/* the other port's address, asked on port 0, with Ethernet padding */
	len = tf_icmp_echo(b, &tf_mac_port0, &tf_mac_host, HOST, R1, 9, 2, 0);
	memset(b + len, 0, 60 - len);
	rx(0, b, 60);
	CU_ASSERT_EQUAL_FATAL(w->tx[0].n, 2);
	f = tx_frame(0, 1, &n);
	CU_ASSERT_EQUAL(n, len); /* padding trimmed */
	CU_ASSERT_EQUAL(rd32(f + 26), R1);

	/* UDP to the router: not served */
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, R0, 64, 17, 8);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_LOCAL_UNSUPPORTED), 1);
	/* a fragment to the router */
	len = tf_icmp_echo(b, &tf_mac_port0, &tf_mac_host, HOST, R0, 9, 3, 8);
	b[20] = 0x20; /* MF */
	tf_ipv4_fix_cksum(b);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_LOCAL_FRAGMENT), 1);
	teardown();
}

static void test_ttl_exceeded(void)
{
	uint8_t b[256], orig[256];
	uint32_t len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 1, 17, 50), n;
	uint8_t *f;

	setup();
	memcpy(orig, b, len);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_TTL_EXCEEDED), 1);
	CU_ASSERT_EQUAL(events(FWD_EV_ICMP_TIME_EXCEEDED_SENT), 1);
	CU_ASSERT_EQUAL_FATAL(w->tx[0].n, 1);
	CU_ASSERT_EQUAL(w->tx[1].n, 0);
	f = tx_frame(0, 0, &n);
	CU_ASSERT_EQUAL(n, 70);
	CU_ASSERT_EQUAL(memcmp(f, &tf_mac_host, 6), 0);
	CU_ASSERT_EQUAL(rd32(f + 26), R0);
	CU_ASSERT_EQUAL(rd32(f + 30), HOST);
	CU_ASSERT_EQUAL(f[34], 11);
	CU_ASSERT_EQUAL(f[35], 0);
	CU_ASSERT_EQUAL(memcmp(f + 42, orig + 14, 28), 0);
	CU_ASSERT_EQUAL(ref_cksum(f + 34, 36), 0);
	/* TTL 0 too */
	b[22] = 0;
	tf_ipv4_fix_cksum(b);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_TTL_EXCEEDED), 2);
	teardown();
}

static void test_icmp_ratelimit(void)
{
	struct fwd_params p;
	uint8_t b[256];
	uint32_t len;

	params_small(&p);
	p.icmp_burst = 2;
	p.icmp_rate = 1;
	setup_with(&p);
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 1, 17, 50);
	for (int i = 0; i < 5; i++)
		rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_TTL_EXCEEDED), 5);
	CU_ASSERT_EQUAL(events(FWD_EV_ICMP_TIME_EXCEEDED_SENT), 2);
	CU_ASSERT_EQUAL(events(FWD_EV_ICMP_ERROR_SUPPRESSED), 3);
	CU_ASSERT_EQUAL(w->tx[0].n, 2);
	w->now += ctx->hz; /* one second: one more token */
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_ICMP_TIME_EXCEEDED_SENT), 3);
	teardown();
}

/* A reload's new table: port 0 192.0.2.1/24, port 1 r1/24. */
static struct fwd_routes *table_new(uint32_t r1)
{
	struct fwd_routes *nr = fwd_routes_new(ctx, 16);

	CU_ASSERT_PTR_NOT_NULL_FATAL(nr);
	CU_ASSERT_EQUAL(fwd_routes_iface_add(nr, 0, R0, 24), 0);
	CU_ASSERT_EQUAL(fwd_routes_iface_add(nr, 1, r1, 24), 0);
	return nr;
}

/* Frees what the worker queued (what was sent is not the point here). */
static void tx_drop_all(void)
{
	for (int port = 0; port < 2; port++) {
		for (int k = 0; k < w->tx[port].n; k++)
			rte_pktmbuf_free(w->tx[port].pkts[k]);
		w->tx[port].n = 0;
	}
}

/*
 * A reload's swap (fwd_reload.h): the worker forwards by the new table from
 * its next burst, the addresses' local and connected routes come with it,
 * and the replaced tables' memory is freed (heap back to the same size
 * after every swap).
 */
static void test_route_swap(void)
{
	struct fwd_route rt = {.prefix = IP4(203, 0, 113, 0), .len = 24, .gateway = SERVER,
	                       .port = FWD_PORT_AUTO};
	struct rte_malloc_socket_stats st;
	size_t alloc_after_first = 0;
	uint8_t b[256];
	uint32_t len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, IP4(203, 0, 113, 9), 64, 17, 40);

	setup();
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_NO_ROUTE), 1);
	for (int i = 0; i < 6; i++) {
		struct fwd_routes *nr = table_new(R1);
		uint64_t fwd0 = events(FWD_EV_FORWARDED), nr0 = drops(FWD_DROP_NO_ROUTE);

		if (i % 2 == 0)
			CU_ASSERT_EQUAL(fwd_routes_add(nr, &rt), 0);
		fwd_routes_swap(ctx, nr);
		CU_ASSERT_PTR_NOT_NULL(fwd_route_lookup(fwd_routes_live(ctx), R1)); /* local kept */
		rx(0, b, len);
		CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED) - fwd0, i % 2 == 0 ? 1u : 0u);
		CU_ASSERT_EQUAL(drops(FWD_DROP_NO_ROUTE) - nr0, i % 2 == 0 ? 0u : 1u);
		tx_drop_all();
		rte_malloc_get_socket_stats((int)rte_socket_id(), &st);
		if (i == 1)
			alloc_after_first = st.heap_allocsz_bytes;
		else if (i > 1 && i % 2 == 1)
			CU_ASSERT_EQUAL(st.heap_allocsz_bytes, alloc_after_first);
	}
	/* ARP reads the live table too: a sender reached by a connected route
	 * of the swapped-in table (not on a port subnet) is learned */
	{
		struct fwd_route conn = {.prefix = IP4(203, 0, 113, 0), .len = 24, .port = 1};
		struct fwd_routes *nr = table_new(R1);
		uint64_t learned = events(FWD_EV_NEIGH_LEARN_QUEUED);

		CU_ASSERT_EQUAL(fwd_routes_add(nr, &conn), 0);
		fwd_routes_swap(ctx, nr);
		len = tf_arp(b, &tf_mac_port1, 2, &tf_mac_other, IP4(203, 0, 113, 9), &tf_mac_port1,
		             R1);
		rx(1, b, len);
		CU_ASSERT_EQUAL(events(FWD_EV_NEIGH_LEARN_QUEUED), learned + 1);
	}
	/* port 1's address moves to 198.51.100.5: echo to it answered, the
	 * old one is no longer ours (transit to a connected host now) */
	{
		uint32_t r1b = IP4(198, 51, 100, 5);
		uint64_t echo0 = events(FWD_EV_ICMP_ECHO_REPLY_SENT);
		const struct fwd_route_entry *rt;

		fwd_routes_swap(ctx, table_new(r1b));
		tx_drop_all();
		len = tf_icmp_echo(b, &tf_mac_port0, &tf_mac_host, HOST, r1b, 9, 1, 32);
		rx(0, b, len);
		CU_ASSERT_EQUAL(events(FWD_EV_ICMP_ECHO_REPLY_SENT), echo0 + 1);
		rt = fwd_route_lookup(fwd_routes_live(ctx), R1);
		CU_ASSERT(rt != NULL && rt->type == FWD_ROUTE_CONNECTED);
		len = tf_icmp_echo(b, &tf_mac_port0, &tf_mac_host, HOST, R1, 9, 2, 32);
		rx(0, b, len);
		CU_ASSERT_EQUAL(events(FWD_EV_ICMP_ECHO_REPLY_SENT), echo0 + 1);
		tx_drop_all();
	}
	teardown();
}

static void test_no_route(void)
{
	uint8_t b[256], orig[256];
	uint32_t len =
	    tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, IP4(203, 0, 113, 9), 64, 6, 40);
	uint32_t n;
	uint8_t *f;

	setup();
	memcpy(orig, b, len);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_NO_ROUTE), 1);
	CU_ASSERT_EQUAL(events(FWD_EV_ICMP_UNREACH_SENT), 1);
	CU_ASSERT_EQUAL_FATAL(w->tx[0].n, 1);
	f = tx_frame(0, 0, &n);
	CU_ASSERT_EQUAL(f[34], 3);
	CU_ASSERT_EQUAL(f[35], 0);
	CU_ASSERT_EQUAL(rd32(f + 30), HOST);
	CU_ASSERT_EQUAL(memcmp(f + 42, orig + 14, 28), 0);
	teardown();
}

static void test_mtu(void)
{
	uint8_t b[1700];
	uint32_t len, n;
	uint8_t *f;

	setup();
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 1600);
	b[20] = 0x40; /* DF */
	tf_ipv4_fix_cksum(b);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_MTU_EXCEEDED), 1);
	CU_ASSERT_EQUAL(w->tx[1].n, 0);
	CU_ASSERT_EQUAL_FATAL(w->tx[0].n, 1);
	f = tx_frame(0, 0, &n);
	CU_ASSERT_EQUAL(f[34], 3);
	CU_ASSERT_EQUAL(f[35], 4);
	CU_ASSERT_EQUAL(rd16(f + 40), 1500);
	teardown();
}

/* Too big for port 1's MTU, DF clear: forwarded as two RFC 791 fragments. */
static void test_fragment(void)
{
	uint8_t b[1700], orig[1700];
	uint32_t len, n0, n1;
	uint8_t *f0, *f1;

	setup();
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 1600);
	for (uint32_t i = 34; i < len; i++)
		b[i] = (uint8_t)(i * 7);
	memcpy(orig, b, len);
	rx(0, b, len);
	CU_ASSERT_EQUAL(fwd_stats_drops_total(&w->stats), 0);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED), 1);
	CU_ASSERT_EQUAL(events(FWD_EV_FRAGMENTED), 1);
	CU_ASSERT_EQUAL(events(FWD_EV_FRAGMENTS_SENT), 2);
	CU_ASSERT_EQUAL(w->tx[0].n, 0);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 2);
	f0 = tx_frame(1, 0, &n0);
	f1 = tx_frame(1, 1, &n1);
	CU_ASSERT_EQUAL(n0, 14 + 1500);
	CU_ASSERT_EQUAL(n1, 14 + 20 + 1620 - 20 - 1480);
	for (int k = 0; k < 2; k++) {
		const uint8_t *f = k == 0 ? f0 : f1;

		CU_ASSERT_EQUAL(memcmp(f, &tf_mac_other, 6), 0);
		CU_ASSERT_EQUAL(memcmp(f + 6, &tf_mac_port1, 6), 0);
		CU_ASSERT_EQUAL(f[14 + 8], 63);
		CU_ASSERT_EQUAL(ref_cksum(f + 14, 20), 0);
		CU_ASSERT_EQUAL(rd16(f + 18), rd16(orig + 18)); /* same ID */
	}
	CU_ASSERT_EQUAL(rd16(f0 + 20), 0x2000); /* MF, offset 0 */
	CU_ASSERT_EQUAL(rd16(f1 + 20), 1480 / 8);
	CU_ASSERT_EQUAL(memcmp(f0 + 34, orig + 34, 1480), 0);
	CU_ASSERT_EQUAL(memcmp(f1 + 34, orig + 34 + 1480, n1 - 34), 0);
	teardown();
}

/* A frame the port cut at its longest frame is rx_truncated, not malformed. */
static void test_rx_truncated(void)
{
	uint8_t b[1700];
	uint32_t len;

	setup();
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 1600);
	rx(0, b, 1000); /* cut, on a port that never cuts */
	CU_ASSERT_EQUAL(drops(FWD_DROP_IP_BAD_TOTAL_LENGTH), 1);
	ctx->port[0].rx_frame_max = 1000;
	rx(0, b, 1000);
	CU_ASSERT_EQUAL(drops(FWD_DROP_RX_TRUNCATED), 1);
	rx(0, b, 999); /* shorter than the port's cut: something else did it */
	CU_ASSERT_EQUAL(drops(FWD_DROP_IP_BAD_TOTAL_LENGTH), 2);
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_FRAGMENTED), 1);
	CU_ASSERT_EQUAL(fwd_stats_drops_total(&w->stats), 3);
	teardown();
}

static void test_drops(void)
{
	uint8_t b[256];
	uint32_t len;

	setup();
	len = tf_ipv4(b, &tf_mac_other, &tf_mac_host, HOST, SERVER, 64, 17, 10);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_DST_MAC_NOT_OURS), 1);
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 10);
	b[12] = 0x86;
	b[13] = 0xdd;
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_NOT_IPV4_ETHERTYPE), 1);
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 10);
	b[24] ^= 0x55;
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_IP_BAD_CHECKSUM), 1);
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 10);
	rx(0, b, 30); /* truncated frame */
	CU_ASSERT_EQUAL(drops(FWD_DROP_IP_TRUNCATED), 1);
	rx(0, b, 10);
	CU_ASSERT_EQUAL(drops(FWD_DROP_RUNT), 1);
	len = tf_ipv4(b, &tf_mac_bcast, &tf_mac_host, HOST, SERVER, 64, 17, 10);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_L2_GROUP_TRANSIT), 1);
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, IP4(127, 0, 0, 1), SERVER, 64, 17, 10);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_MARTIAN_SOURCE), 1);
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, IP4(198, 51, 100, 255), 64, 17, 10);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_SUBNET_BROADCAST), 1);
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, IP4(239, 1, 1, 1), 64, 17, 10);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_IP_MULTICAST), 1);
	CU_ASSERT_EQUAL(fwd_stats_drops_total(&w->stats), 9);
	CU_ASSERT_EQUAL(w->stats.port[0].rx_packets, 9);
	CU_ASSERT_EQUAL(w->tx[0].n + w->tx[1].n, 0);
	{
		struct fwd_lcore_stats sum;

		fwd_stats_sum(ctx, &sum);
		CU_ASSERT_EQUAL(sum.drops[FWD_DROP_IP_MULTICAST], 1);
		CU_ASSERT_EQUAL(sum.drops[FWD_DROP_SUBNET_BROADCAST], 1);
		CU_ASSERT_EQUAL(fwd_worker_stats(ctx, 0, &sum), 0);
		CU_ASSERT_EQUAL(sum.packets, 9);
		CU_ASSERT_EQUAL(fwd_worker_stats(ctx, 1, &sum), -ENOENT);
	}
	teardown();
}

/*
 * Mutated frames through the whole worker: no crash, no mbuf leaked, every
 * frame it queues for tx is well formed, and no packet is counted twice.
 */
static void test_worker_random_frames(void)
{
	unsigned int seed = 99;
	uint8_t tmpl[5][128];
	uint32_t tlen[5];
	uint64_t rx_n = 0, tx_n = 0;
	struct rte_ring *ring;

	setup();
	ring = fwd_punt_ring_create("ut_carp_r", 64, SOCKET_ID_ANY);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ring);
	fwd_punt_register(ctx, FWD_PUNT_CARP, ring);
	tlen[0] = tf_arp(tmpl[0], &tf_mac_bcast, 1, &tf_mac_host, HOST, &tf_mac_bcast, R0);
	tlen[1] = tf_icmp_echo(tmpl[1], &tf_mac_port0, &tf_mac_host, HOST, R0, 1, 2, 20);
	tlen[2] = tf_ipv4(tmpl[2], &tf_mac_port0, &tf_mac_host, HOST, SERVER, 2, 17, 30);
	tlen[3] =
	    tf_ipv4(tmpl[3], &tf_mac_port0, &tf_mac_host, HOST, IP4(198, 51, 100, 99), 9, 6, 30);
	tlen[4] =
	    tf_arp(tmpl[4], &tf_mac_port0, 2, &tf_mac_other, IP4(192, 0, 2, 77), &tf_mac_port0, R0);
	for (int it = 0; it < 20000; it++) {
		unsigned int t = (unsigned int)rand_r(&seed) % 5;
		uint32_t len = tlen[t];
		uint8_t b[128];

		memcpy(b, tmpl[t], len);
		for (int k = rand_r(&seed) % 3; k > 0; k--)
			b[(unsigned int)rand_r(&seed) % len] ^=
			    (uint8_t)(1u << (rand_r(&seed) % 8));
		if (rand_r(&seed) % 4 == 0)
			len = (uint32_t)rand_r(&seed) % (len + 1);
		if (len == 0)
			len = 1;
		if (rand_r(&seed) % 2 && len >= 34)
			tf_ipv4_fix_cksum(b);
		w->now += ctx->hz / 100; /* let the rate limits refill now and then */
		rx(0, b, len);
		rx_n++;
		for (int port = 0; port < 2; port++) {
			for (int i = 0; i < w->tx[port].n; i++) {
				uint32_t n;
				uint8_t *f = tx_frame((uint16_t)port, i, &n);

				CU_ASSERT(n >= 42 && n <= 128);
				if (rd16(f + 12) == 0x0800)
					CU_ASSERT_EQUAL(ref_cksum(f + 14, 20), 0);
				rte_pktmbuf_free(w->tx[port].pkts[i]);
				tx_n++;
			}
			w->tx[port].n = 0;
		}
		w->tx_dirty = 0;
		if (it % 16 == 0) {
			struct fwd_punt_msg msg;

			while (rte_ring_sc_dequeue_elem(ring, &msg, sizeof(msg)) == 0)
				CU_ASSERT(msg.len <= FWD_PUNT_MSG_MAX);
			fwd_neigh_service(ctx, (uint64_t)it);
		}
	}
	/* Each received packet ends exactly once: forwarded, dropped under a
	 * reason, or consumed (ARP, echo, CARP); the probes of stale neighbours
	 * are the only extra tx. */
	CU_ASSERT_EQUAL(fwd_stats_frames_ended(&w->stats), rx_n);
	CU_ASSERT(fwd_stats_drops_total(&w->stats) > 1000);
	CU_ASSERT(tx_n > 1000);
	CU_ASSERT_EQUAL(w->stats.packets, rx_n);
	fwd_punt_register(ctx, FWD_PUNT_CARP, NULL);
	{
		struct fwd_punt_msg msg;

		while (rte_ring_sc_dequeue_elem(ring, &msg, sizeof(msg)) == 0)
			;
	}
	rte_ring_free(ring);
	teardown(); /* asserts the mempool is full again */
}

/* ---- CARP hooks ---- */

static void test_carp_ring(void)
{
	static const struct rte_ether_addr carp_mc = {{0x01, 0x00, 0x5e, 0x00, 0x00, 0x12}};
	static const struct rte_ether_addr vmac = {{0x00, 0x00, 0x5e, 0x00, 0x01, 0x0a}};
	uint8_t b[256];
	uint32_t len =
	    tf_ipv4(b, &carp_mc, &vmac, IP4(192, 0, 2, 2), IP4(224, 0, 0, 18), 255, 112, 36);
	struct rte_ring *ring;
	struct fwd_punt_msg msg;

	setup();
	CU_ASSERT_EQUAL(fwd_port_accept_mac(ctx, 0, &carp_mc), 0);
	CU_ASSERT_EQUAL(fwd_port_accept_mac(ctx, 0, &carp_mc), -EEXIST);
	/* no carp interface on this port: protocol 112 is ordinary IPv4, here
	 * a multicast destination the router does not route; never punted,
	 * consumer or not (the punt itself: test_fwd_vip.c) */
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_IP_MULTICAST), 1);
	ring = fwd_punt_ring_create("ut_carp", 4, SOCKET_ID_ANY);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ring);
	fwd_punt_register(ctx, FWD_PUNT_CARP, ring);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_IP_MULTICAST), 2);
	CU_ASSERT_EQUAL(drops(FWD_DROP_CARP_NO_CONSUMER), 0);
	CU_ASSERT_EQUAL(events(FWD_EV_CARP_QUEUED), 0);
	CU_ASSERT_NOT_EQUAL(rte_ring_sc_dequeue_elem(ring, &msg, sizeof(msg)), 0);
	fwd_punt_register(ctx, FWD_PUNT_CARP, NULL);
	rte_ring_free(ring);
	teardown();
}

/* A port without a control tx queue: the control lcore's frames go through worker 0. */
static void test_ctrl_ring(void)
{
	struct rte_mbuf *m[2];
	uint8_t b[64];
	uint32_t len = tf_arp(b, &tf_mac_bcast, 2, &tf_mac_port1, R1, &tf_mac_bcast, R1);

	setup();
	CU_ASSERT_FALSE(fwd_port_has_control_txq(ctx, 1));
	CU_ASSERT_EQUAL(fwd_ctrl_tx(ctx, 1, m, 0), 0); /* no ring yet: nothing taken */
	CU_ASSERT_EQUAL_FATAL(fwd_ctx_port_ctrl_ring(ctx, 1), 0);
	for (int i = 0; i < 2; i++) {
		m[i] = rte_pktmbuf_alloc(mp);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m[i]);
		memcpy(rte_pktmbuf_append(m[i], (uint16_t)len), b, len);
	}
	CU_ASSERT_EQUAL(fwd_ctrl_tx(ctx, 1, m, 2), 2);
	CU_ASSERT_EQUAL(w->tx[1].n, 0);
	fwd_worker_ctrl_drain(w);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 2);
	CU_ASSERT_PTR_EQUAL(w->tx[1].pkts[0], m[0]);
	CU_ASSERT_PTR_EQUAL(w->tx[1].pkts[1], m[1]);
	CU_ASSERT_EQUAL(fwd_ctrl_tx(ctx, 5, m, 1), 0); /* port not set up */
	teardown();
}

static void test_workers_setup(void)
{
	struct fwd_params p;
	struct fwd_ctx *c;
	unsigned int lcores[2] = {0, 1};

	params_small(&p);
	c = fwd_ctx_create(&p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(fwd_ctx_port_register(c, 0, &tf_mac_port0, 1500, 3, 2), 0);
	CU_ASSERT_EQUAL(fwd_ctx_port_register(c, 1, &tf_mac_port1, 1500, 1, 2), 0);
	CU_ASSERT_EQUAL(fwd_workers_setup(c, lcores, 1), -EINVAL); /* ports set up for 2 */
	{
		/* refused before lcore_config[] is read: that index would fault */
		unsigned int far[2] = {0, 1u << 30};

		CU_ASSERT_EQUAL(fwd_workers_setup(c, far, 2), -EINVAL);
		far[1] = RTE_MAX_LCORE;
		CU_ASSERT_EQUAL(fwd_workers_setup(c, far, 2), -EINVAL);
		CU_ASSERT_EQUAL(fwd_worker_count(c), 0);
	}
	CU_ASSERT_EQUAL(fwd_workers_setup(c, lcores, 2), 0);
	CU_ASSERT_EQUAL(fwd_worker_count(c), 2);
	CU_ASSERT_EQUAL(fwd_ctx_control_txq(c), 2);
	CU_ASSERT_EQUAL(fwd_worker_get(c, 0)->n_rxq, 2); /* p0q0, p0q2 */
	CU_ASSERT_EQUAL(fwd_worker_get(c, 1)->n_rxq, 2); /* p0q1, p1q0 */
	CU_ASSERT_EQUAL(fwd_worker_get(c, 1)->rxq[1].port, 1);
	{
		struct fwd_rxq q[4];

		CU_ASSERT_EQUAL_FATAL(fwd_worker_rxqs(fwd_worker_get(c, 0), q, 4), 2);
		CU_ASSERT(q[0].port == 0 && q[0].queue == 0 && q[1].port == 0 && q[1].queue == 2);
		CU_ASSERT_EQUAL(fwd_worker_rxqs(fwd_worker_get(c, 0), q, 1), 1);
	}
	CU_ASSERT_EQUAL(fwd_worker_get(c, 1)->txq, 1);
	CU_ASSERT_EQUAL(fwd_worker_lcore(fwd_worker_get(c, 1)), 1);
	CU_ASSERT_PTR_NULL(fwd_worker_get(c, 2));
	CU_ASSERT_TRUE(fwd_ctx_running(c));
	fwd_ctx_stop(c);
	CU_ASSERT_FALSE(fwd_ctx_running(c));
	fwd_ctx_destroy(c);
}

int main(int argc, char **argv)
{
	CU_pSuite s;

	(void)argc;
	mp = tf_eal_pool(argv[0], "fwdtest", 256); /* a swap holds two rte_lpm (64 MiB each) */
	if (mp == NULL)
		return 2;
	mp_full = rte_mempool_avail_count(mp);
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite("fwd_routes", NULL, NULL);
	CU_add_test(s, "lpm_longest_prefix", test_route_lpm);
	CU_add_test(s, "walk_and_full", test_route_walk_and_full);
	CU_add_test(s, "reload_swap", test_route_swap);
	CU_add_test(s, "broadcast", test_route_broadcast);
	s = CU_add_suite("fwd_neighbours", NULL, NULL);
	CU_add_test(s, "static", test_neigh_static);
	CU_add_test(s, "learn_age", test_neigh_learn_age);
	CU_add_test(s, "get_lock_qsbr", test_neigh_get_lock_qsbr);
	CU_add_test(s, "capacity", test_neigh_capacity);
	s = CU_add_suite("fwd_worker_transit", NULL, NULL);
	CU_add_test(s, "forward_connected", test_forward_connected);
	CU_add_test(s, "forward_longest_prefix", test_forward_longest_prefix);
	CU_add_test(s, "unresolved_arp", test_forward_unresolved_arp);
	CU_add_test(s, "connected_default", test_forward_connected_default);
	CU_add_test(s, "stale_probe", test_forward_stale_probe);
	CU_add_test(s, "neigh_cache", test_forward_neigh_cache);
	CU_add_test(s, "ttl_exceeded", test_ttl_exceeded);
	CU_add_test(s, "icmp_ratelimit", test_icmp_ratelimit);
	CU_add_test(s, "no_route", test_no_route);
	CU_add_test(s, "mtu", test_mtu);
	CU_add_test(s, "fragment", test_fragment);
	CU_add_test(s, "rx_truncated", test_rx_truncated);
	CU_add_test(s, "drops", test_drops);
	s = CU_add_suite("fwd_worker_local", NULL, NULL);
	CU_add_test(s, "arp_reply_and_learn", test_arp_reply_and_learn);
	CU_add_test(s, "icmp_echo", test_icmp_echo);
	CU_add_test(s, "random_frames", test_worker_random_frames);
	s = CU_add_suite("fwd_carp_hooks", NULL, NULL);
	CU_add_test(s, "ring", test_carp_ring);
	CU_add_test(s, "workers_setup", test_workers_setup);
	CU_add_test(s, "ctrl_ring", test_ctrl_ring);
	{
		int rc = tf_run();

		tf_eal_done(mp);
		return rc;
	}
}
