/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CARP in the fast path (fwd_vip.h): which virtual MACs a worker accepts in
 * each balancing mode and state, ARP and echo answers for a virtual address
 * (bytes on the wire), the IP-balancing split of flows between two hosts,
 * and the publication of the words read by a second thread while it is written.
 * EAL with --no-huge (256 MB: two contexts, 64 MB of LPM each) for mbufs; the worker is driven with
 * fwd_worker_rx() and its tx buffers are inspected, as in test_fwd_eal.c.
 */

#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/Basic.h>
#include <openssl/evp.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "carp_balance.h"
#include "fwd.h"
#include "fwd_punt.h"
#include "fwd_test_api.h"
#include "fwd_test.h"
#include "fwd_vip.h"

#define VIP    IP4(192, 0, 2, 1)      /* carp0's virtual address on port 0 */
#define R0     IP4(192, 0, 2, 2)      /* router's own address on port 0 */
#define R1     IP4(198, 51, 100, 2)   /* ... on port 1 */
#define CLIENT IP4(192, 0, 2, 10)     /* host on port 0 (tf_mac_host) */
#define SERVER IP4(198, 51, 100, 20)  /* static neighbour on port 1 */
#define GW1    IP4(198, 51, 100, 254) /* gateway to 203.0.113.0/24, static */

static const struct rte_ether_addr mac_v1 = {{0x00, 0x00, 0x5e, 0x00, 0x01, 0x01}};
static const struct rte_ether_addr mac_v3 = {{0x00, 0x00, 0x5e, 0x00, 0x01, 0x03}};
static const struct rte_ether_addr mac_v4 = {{0x00, 0x00, 0x5e, 0x00, 0x01, 0x04}};
static const struct rte_ether_addr mac_mv3 = {{0x01, 0x00, 0x5e, 0x00, 0x01, 0x03}};
static const struct rte_ether_addr mac_carp_group = {{0x01, 0x00, 0x5e, 0x00, 0x00, 0x12}};

static struct rte_mempool *mp;
static unsigned int mp_full;

/* One simulated router: a context with two ports and its single worker. */
struct host {
	struct fwd_ctx *ctx;
	struct fwd_worker *w;
};

static struct host h;           /* most tests use one */
static struct carp_balance bal; /* carp0 as lib/carp publishes it */

static void host_init(struct host *x, const char *name)
{
	struct fwd_params p;
	unsigned int lcore = rte_lcore_id();
	struct fwd_route rt = {
	    .prefix = IP4(203, 0, 113, 0), .len = 24, .gateway = GW1, .port = FWD_PORT_AUTO};

	fwd_params_init(&p);
	p.name = name;
	p.max_routes = 16;
	p.max_neighbours = 64;
	p.learn_ring_size = 64;
	x->ctx = fwd_ctx_create(&p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x->ctx);
	CU_ASSERT_EQUAL_FATAL(fwd_ctx_port_register(x->ctx, 0, &tf_mac_port0, 1500, 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_ctx_port_register(x->ctx, 1, &tf_mac_port1, 1500, 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_iface_add(x->ctx, 0, R0, 24), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_iface_add(x->ctx, 1, R1, 24), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_route_add(x->ctx, &rt), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_neigh_add_static(x->ctx, SERVER, &tf_mac_other, 1), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_neigh_add_static(x->ctx, GW1, &tf_mac_other, 1), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_workers_setup(x->ctx, &lcore, 1), 0);
	x->w = fwd_worker_get(x->ctx, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x->w);
}

/* Frees what the worker queued for tx. */
static void tx_clear(struct host *x)
{
	for (int port = 0; port < FWD_MAX_PORTS; port++) {
		for (int i = 0; i < x->w->tx[port].n; i++)
			rte_pktmbuf_free(x->w->tx[port].pkts[i]);
		x->w->tx[port].n = 0;
	}
	x->w->tx_dirty = 0;
}

static void host_fini(struct host *x)
{
	tx_clear(x);
	fwd_ctx_destroy(x->ctx);
	x->ctx = NULL;
	x->w = NULL;
}

/* carp_balance as carp_if_init sets it up: vhids sorted, mac = carp interface MAC. */
static void bal_init(struct carp_balance *b, enum carp_balancing mode, unsigned int count,
                     const uint8_t *vhids, const struct rte_ether_addr *mac, const uint32_t hk[2],
                     const uint8_t key0[4])
{
	memset(b, 0, sizeof(*b));
	carp_balance_setup(b, mode, count, vhids, mac->addr_bytes, hk, key0);
}

static struct fwd_vip_conf vip_conf(const struct carp_balance *b, uint32_t addr)
{
	struct fwd_vip_conf c = {.bal = b, .n_addrs = 1};

	c.addr[0] = addr;
	c.len[0] = 24;
	return c;
}

/* One host with carp0 (mode, nodes) holding VIP on port 0. */
static void setup_mode(enum carp_balancing mode, unsigned int count, const uint8_t *vhids,
                       const struct rte_ether_addr *mac)
{
	struct fwd_vip_conf c = vip_conf(&bal, VIP);

	host_init(&h, "vip");
	bal_init(&bal, mode, count, vhids, mac, NULL, NULL);
	CU_ASSERT_EQUAL_FATAL(fwd_vip_register(h.ctx, 0, &c), 0);
}

/* What lib/carp + the control lcore do on a state change. */
static void set_state(struct fwd_ctx *ctx, struct carp_balance *b, uint32_t mask, bool running)
{
	carp_balance_publish(b, mask, running);
	CU_ASSERT_EQUAL(fwd_vip_publish(ctx, b), 0);
}

static void teardown(void)
{
	host_fini(&h);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(mp), mp_full);
}

static void rx_on(struct host *x, uint16_t port, const uint8_t *frame, uint32_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	char *d;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	d = rte_pktmbuf_append(m, (uint16_t)len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	memcpy(d, frame, len);
	m->port = port;
	fwd_worker_rx(x->w, port, &m, 1);
}

static void rx(uint16_t port, const uint8_t *frame, uint32_t len)
{
	rx_on(&h, port, frame, len);
}

static uint8_t *tx_frame(uint16_t port, int i, uint32_t *len)
{
	struct rte_mbuf *m = h.w->tx[port].pkts[i];

	*len = rte_pktmbuf_pkt_len(m);
	return rte_pktmbuf_mtod(m, uint8_t *);
}

static uint64_t drops(enum fwd_drop d)
{
	return h.w->stats.drops[d];
}

static uint64_t events(enum fwd_event e)
{
	return h.w->stats.events[e];
}

static bool mac_at(const uint8_t *p, const struct rte_ether_addr *m)
{
	return memcmp(p, m->addr_bytes, 6) == 0;
}

/* A transit UDP packet CLIENT -> SERVER sent to dst on port 0. */
static uint32_t transit_to(uint8_t *b, const struct rte_ether_addr *dst)
{
	return tf_ipv4(b, dst, &tf_mac_host, CLIENT, SERVER, 64, 17, 20);
}

/* ---- registration ---- */

static void test_register_errors(void)
{
	static struct carp_balance more[FWD_VIP_MAX_IFS];
	static const uint8_t v1 = 1;
	struct fwd_vip_conf c = vip_conf(&bal, VIP);
	struct fwd_vip_state st;

	host_init(&h, "vip");
	bal_init(&bal, CARP_BAL_NONE, 1, &v1, &mac_v1, NULL, NULL);
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 5, &c), -EINVAL); /* port not set up */
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, FWD_MAX_PORTS, &c), -EINVAL);
	c.bal = NULL;
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 0, &c), -EINVAL);
	c = vip_conf(&bal, VIP);
	c.n_addrs = 0;
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 0, &c), -EINVAL);
	c.n_addrs = FWD_VIP_MAX_ADDRS + 1;
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 0, &c), -EINVAL);
	c = vip_conf(&bal, VIP);
	c.len[0] = 33;
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 0, &c), -EINVAL);
	c = vip_conf(&bal, IP4(224, 0, 0, 18));
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 0, &c), -EINVAL);
	c = vip_conf(&bal, VIP);
	c.n_addrs = 2;
	c.addr[1] = VIP;
	c.len[1] = 24;
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 0, &c), -EEXIST); /* twice in one list */
	c = vip_conf(&bal, R0);
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 0, &c), -EADDRINUSE); /* the router's own */
	c = vip_conf(&bal, IP4(198, 51, 100, 1));
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 0, &c), -ENETUNREACH); /* port 1's subnet */
	c = vip_conf(&bal, IP4(203, 0, 113, 1));
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 1, &c), -ENETUNREACH); /* behind a gateway */

	CU_ASSERT_EQUAL(fwd_vip_state_get(h.ctx, &bal, &st), -ENOENT);
	CU_ASSERT_EQUAL(fwd_vip_publish(h.ctx, &bal), -ENOENT);
	c = vip_conf(&bal, VIP);
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 0, &c), 0);
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 1, &c), -EEXIST); /* same carp interface */
	c = vip_conf(&more[0], VIP);
	bal_init(&more[0], CARP_BAL_NONE, 1, &v1, &mac_v1, NULL, NULL);
	CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 1, &c), -EEXIST); /* same VIP elsewhere */

	/* unpublished: nothing MASTER, not running */
	CU_ASSERT_EQUAL(fwd_vip_state_get(h.ctx, &bal, &st), 0);
	CU_ASSERT(st.port == 0 && st.mask == 0 && !st.running && st.publications == 0);
	set_state(h.ctx, &bal, 1, true);
	CU_ASSERT_EQUAL(fwd_vip_state_get(h.ctx, &bal, &st), 0);
	CU_ASSERT(st.port == 0 && st.mask == 1 && st.running && st.publications == 1);

	/* FWD_VIP_MAX_IFS per port */
	for (unsigned int i = 0; i < FWD_VIP_MAX_IFS; i++) {
		uint8_t vhid = (uint8_t)(10 + i);

		bal_init(&more[i], CARP_BAL_NONE, 1, &vhid, &mac_v1, NULL, NULL);
		c = vip_conf(&more[i], IP4(192, 0, 2, 100 + i));
		CU_ASSERT_EQUAL(fwd_vip_register(h.ctx, 0, &c),
		                i + 1 < FWD_VIP_MAX_IFS ? 0 : -ENOSPC);
	}
	teardown();
}

/* ---- destination MAC acceptance by mode and state ---- */

static void test_mac_none(void)
{
	static const uint8_t v1 = 1;
	uint8_t b[256];
	uint32_t len = transit_to(b, &mac_v1);

	setup_mode(CARP_BAL_NONE, 1, &v1, &mac_v1);
	rx(0, b, len); /* BACKUP (nothing published yet) */
	CU_ASSERT_EQUAL(drops(FWD_DROP_DST_MAC_NOT_OURS), 1);
	CU_ASSERT_EQUAL(h.w->tx[1].n, 0);

	set_state(h.ctx, &bal, 1, true); /* MASTER */
	rx(0, b, len);
	CU_ASSERT_EQUAL(h.w->tx[1].n, 1);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED), 1);
	tx_clear(&h);

	set_state(h.ctx, &bal, 0, true); /* back to BACKUP */
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_DST_MAC_NOT_OURS), 2);
	/* another vhid's vMAC is never ours */
	len = transit_to(b, &mac_v3);
	set_state(h.ctx, &bal, 1, true);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_DST_MAC_NOT_OURS), 3);
	/* the port's own MAC is unaffected by CARP state */
	set_state(h.ctx, &bal, 0, false);
	len = transit_to(b, &tf_mac_port0);
	rx(0, b, len);
	CU_ASSERT_EQUAL(h.w->tx[1].n, 1);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED), 2);
	CU_ASSERT_EQUAL(drops(FWD_DROP_CARP_NOT_MASTER), 0);
	teardown();
}

/* Adverts to 224.0.0.18 reach the control lcore on a port with a carp interface. */
static void test_carp_group(void)
{
	static const uint8_t v1 = 1;
	uint8_t b[256];
	uint32_t len = tf_ipv4(b, &mac_carp_group, &mac_v1, IP4(192, 0, 2, 3), IP4(224, 0, 0, 18),
	                       255, 112, 36);
	struct rte_ring *ring = fwd_punt_ring_create("ut_vip_carp", 8, SOCKET_ID_ANY);
	struct fwd_punt_msg msg;

	CU_ASSERT_PTR_NOT_NULL_FATAL(ring);
	setup_mode(CARP_BAL_NONE, 1, &v1, &mac_v1);
	fwd_punt_register(h.ctx, FWD_PUNT_CARP, ring);
	rx(0, b, len); /* BACKUP hears the master's advert */
	CU_ASSERT_EQUAL(events(FWD_EV_CARP_QUEUED), 1);
	CU_ASSERT_EQUAL_FATAL(rte_ring_sc_dequeue_elem(ring, &msg, sizeof(msg)), 0);
	CU_ASSERT_EQUAL(msg.port, 0);
	CU_ASSERT_TRUE(mac_at(msg.dst_mac.addr_bytes, &mac_carp_group));
	CU_ASSERT_EQUAL(memcmp(msg.pkt, b + 14, 56), 0);
	/* port 1 has no carp interface: the group MAC is not ours there */
	rx(1, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_DST_MAC_NOT_OURS), 1);
	/* other protocols to 224.0.0.18 pass the MAC check and stop at IP */
	len = tf_ipv4(b, &mac_carp_group, &tf_mac_host, CLIENT, IP4(224, 0, 0, 18), 1, 17, 8);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_IP_MULTICAST), 1);
	CU_ASSERT_EQUAL(drops(FWD_DROP_DST_MAC_NOT_OURS), 1);
	fwd_punt_register(h.ctx, FWD_PUNT_CARP, NULL);
	rte_ring_free(ring);
	teardown();
}

/* Frees what the punt queued; returns how many. */
static unsigned int ring_drain(struct rte_ring *ring)
{
	struct fwd_punt_msg msg;
	unsigned int n = 0;

	while (rte_ring_sc_dequeue_elem(ring, &msg, sizeof(msg)) == 0) {
		CU_ASSERT_EQUAL(msg.kind, FWD_PUNT_CARP);
		n++;
	}
	return n;
}

/*
 * Only what OpenBSD's carp input would accept is punted (issue 8 item 2):
 * TTL 255, to 224.0.0.18 or to one of the router's addresses, on a port
 * with carp interfaces. Everything else is ordinary IPv4: transit protocol
 * 112 (VRRP/CARP between other hosts, TTL 64 or 255) is forwarded, not
 * carp_no_consumer; broken headers and wrong TTLs are counted under the
 * CARP reasons /carp/stats folds into hdrops and badttl.
 */
static void test_punt_classification(void)
{
	static const uint8_t v1 = 1;
	struct rte_ring *ring = fwd_punt_ring_create("ut_vip_cls", 64, SOCKET_ID_ANY);
	uint8_t b[256];
	uint32_t len;

	CU_ASSERT_PTR_NOT_NULL_FATAL(ring);
	setup_mode(CARP_BAL_NONE, 1, &v1, &mac_v1);
	/* no consumer yet: a valid advert is dropped as such */
	len = tf_ipv4(b, &mac_carp_group, &mac_v1, IP4(192, 0, 2, 3), IP4(224, 0, 0, 18), 255, 112,
	              36);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_CARP_NO_CONSUMER), 1);
	fwd_punt_register(h.ctx, FWD_PUNT_CARP, ring);
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_CARP_QUEUED), 1);
	/* 224.0.0.18 with TTL 64: badttl, not punted */
	len = tf_ipv4(b, &mac_carp_group, &mac_v1, IP4(192, 0, 2, 3), IP4(224, 0, 0, 18), 64, 112,
	              36);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_CARP_BADTTL), 1);
	/* a broken header, a fragment: hdrops */
	len = tf_ipv4(b, &mac_carp_group, &mac_v1, IP4(192, 0, 2, 3), IP4(224, 0, 0, 18), 255, 112,
	              36);
	b[24] ^= 1; /* IPv4 checksum */
	rx(0, b, len);
	b[24] ^= 1;
	b[20] = 0x20; /* more fragments */
	tf_ipv4_fix_cksum(b);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_CARP_HDROPS), 2);
	/* unicast to the router's own address (carppeer): TTL 255 punted, else badttl */
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, IP4(192, 0, 2, 3), R0, 255, 112, 36);
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_CARP_QUEUED), 2);
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, IP4(192, 0, 2, 3), R0, 64, 112, 36);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_CARP_BADTTL), 2);
	/* transit between other hosts, TTL 255 (carppeer) and 64: forwarded */
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, CLIENT, SERVER, 255, 112, 36);
	rx(0, b, len);
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, CLIENT, SERVER, 64, 112, 36);
	rx(0, b, len);
	CU_ASSERT_EQUAL_FATAL(h.w->tx[1].n, 2);
	CU_ASSERT_EQUAL(rte_pktmbuf_mtod(h.w->tx[1].pkts[0], uint8_t *)[22], 254);
	CU_ASSERT_EQUAL(rte_pktmbuf_mtod(h.w->tx[1].pkts[1], uint8_t *)[22], 63);
	CU_ASSERT_EQUAL(rte_pktmbuf_mtod(h.w->tx[1].pkts[1], uint8_t *)[23], 112);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED), 2);
	tx_clear(&h);
	/* port 1 has no carp interface: to the router there, not CARP's */
	len = tf_ipv4(b, &tf_mac_port1, &tf_mac_other, SERVER, R1, 255, 112, 36);
	rx(1, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_LOCAL_UNSUPPORTED), 1);
	CU_ASSERT_EQUAL(events(FWD_EV_CARP_QUEUED), 2);
	CU_ASSERT_EQUAL(drops(FWD_DROP_CARP_NO_CONSUMER), 1);
	CU_ASSERT_EQUAL(ring_drain(ring), 2);
	fwd_punt_register(h.ctx, FWD_PUNT_CARP, NULL);
	rte_ring_free(ring);
	teardown();
}

/*
 * The per-port token bucket of the punt: burst adverts pass at once, the
 * rest are counted carp_punt_rate; tokens come back at `rate` per second
 * of the worker's clock; each port has its own bucket.
 */
static void test_punt_token_bucket(void)
{
	static const uint8_t v1 = 1;
	const struct fwd_punt_limit lim = {.rate = 10, .burst = 5};
	struct rte_ring *ring = fwd_punt_ring_create("ut_vip_tb", 64, SOCKET_ID_ANY);
	uint8_t b[256];
	uint32_t len = tf_ipv4(b, &mac_carp_group, &mac_v1, IP4(192, 0, 2, 3), IP4(224, 0, 0, 18),
	                       255, 112, 36);
	uint64_t t0, hz = rte_get_tsc_hz();

	CU_ASSERT_PTR_NOT_NULL_FATAL(ring);
	setup_mode(CARP_BAL_NONE, 1, &v1, &mac_v1);
	CU_ASSERT_EQUAL(fwd_punt_limit_set(h.ctx, FWD_PUNT_CARP, &lim), 0);
	CU_ASSERT_EQUAL(fwd_punt_limit_set(h.ctx, FWD_PUNT__COUNT, &lim), -EINVAL);
	CU_ASSERT_EQUAL(fwd_punt_register(h.ctx, FWD_PUNT__COUNT, ring), -EINVAL);
	fwd_punt_register(h.ctx, FWD_PUNT_CARP, ring);
	t0 = h.w->now;
	for (int i = 0; i < 20; i++)
		rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_CARP_QUEUED), 5);
	CU_ASSERT_EQUAL(drops(FWD_DROP_CARP_PUNT_RATE), 15);
	/* 0.25 s later: 2 tokens (rate 10/s) */
	h.w->now = t0 + hz / 4;
	for (int i = 0; i < 5; i++)
		rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_CARP_QUEUED), 7);
	CU_ASSERT_EQUAL(drops(FWD_DROP_CARP_PUNT_RATE), 18);
	/* 10 s later: full again, never more than burst */
	h.w->now = t0 + 10 * hz;
	for (int i = 0; i < 8; i++)
		rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_CARP_QUEUED), 12);
	CU_ASSERT_EQUAL(drops(FWD_DROP_CARP_PUNT_RATE), 21);
	CU_ASSERT_EQUAL(ring_drain(ring), 12);
	CU_ASSERT_STRING_EQUAL(fwd_punt_kind_name(FWD_PUNT_CARP), "carp");
	fwd_punt_register(h.ctx, FWD_PUNT_CARP, NULL);
	rte_ring_free(ring);
	teardown();
}

static void test_mac_arp_mode(void)
{
	static const uint8_t vhids[2] = {3, 4};
	uint8_t b3[256], b4[256];
	uint32_t l3 = transit_to(b3, &mac_v3), l4 = transit_to(b4, &mac_v4);

	setup_mode(CARP_BAL_ARP, 2, vhids, &mac_v3);
	set_state(h.ctx, &bal, 0x2, true); /* node 1 (vhid 4) MASTER here */
	rx(0, b4, l4);
	CU_ASSERT_EQUAL(h.w->tx[1].n, 1);
	rx(0, b3, l3);
	CU_ASSERT_EQUAL(drops(FWD_DROP_DST_MAC_NOT_OURS), 1);
	tx_clear(&h);
	set_state(h.ctx, &bal, 0x1, true); /* only the leader */
	rx(0, b3, l3);
	CU_ASSERT_EQUAL(h.w->tx[1].n, 1);
	rx(0, b4, l4);
	CU_ASSERT_EQUAL(drops(FWD_DROP_DST_MAC_NOT_OURS), 2);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED), 2);
	teardown();
}

/* ip, ip-stealth, ip-unicast: the mode's vMAC in every node while running. */
static void check_ip_mode(enum carp_balancing mode, const struct rte_ether_addr *vmac,
                          const struct rte_ether_addr *not_ours)
{
	static const uint8_t vhids[2] = {3, 4};
	uint8_t b[256];
	uint32_t len = transit_to(b, vmac);
	/* CLIENT ^ SERVER = 0xc000020a ^ 0xc6336414 = 0x0633661e: even -> node 0 */
	const uint32_t fold = CLIENT ^ SERVER;

	CU_ASSERT_EQUAL(fold % 2, 0);
	setup_mode(mode, 2, vhids, vmac);
	rx(0, b, len); /* carp interface not running */
	CU_ASSERT_EQUAL(drops(FWD_DROP_DST_MAC_NOT_OURS), 1);

	set_state(h.ctx, &bal, 0x2, true); /* running, node 1 only: flow is node 0's */
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_DST_MAC_NOT_OURS), 1);
	CU_ASSERT_EQUAL(drops(FWD_DROP_CARP_NOT_MASTER), 1);
	CU_ASSERT_EQUAL(h.w->tx[1].n, 0);

	set_state(h.ctx, &bal, 0x1, true); /* node 0: forwarded, not an L2 group frame */
	rx(0, b, len);
	CU_ASSERT_EQUAL(h.w->tx[1].n, 1);
	CU_ASSERT_EQUAL(drops(FWD_DROP_L2_GROUP_TRANSIT), 0);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED), 1);

	len = transit_to(b, not_ours);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_DST_MAC_NOT_OURS), 2);
	/* the port's own MAC: no IP-hash filter */
	set_state(h.ctx, &bal, 0x2, true);
	len = transit_to(b, &tf_mac_port0);
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED), 2);
	CU_ASSERT_EQUAL(drops(FWD_DROP_CARP_NOT_MASTER), 1);
	teardown();
}

static void test_mac_ip(void)
{
	check_ip_mode(CARP_BAL_IP, &mac_mv3, &mac_v3);
}

static void test_mac_ip_stealth(void)
{
	check_ip_mode(CARP_BAL_IP_STEALTH, &mac_v3, &mac_mv3);
}

static void test_mac_ip_unicast(void)
{
	check_ip_mode(CARP_BAL_IP_UNICAST, &mac_v3, &mac_mv3);
}

/* ---- ARP for a VIP ---- */

/* Asserts the 60-byte ARP reply to (requester sha, CLIENT) for VIP. */
static void check_arp_reply(const struct rte_ether_addr *requester,
                            const struct rte_ether_addr *eth_src,
                            const struct rte_ether_addr *sender)
{
	static const uint8_t hdr[8] = {0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x02};
	uint32_t n;
	uint8_t *f;

	CU_ASSERT_EQUAL_FATAL(h.w->tx[0].n, 1);
	f = tx_frame(0, 0, &n);
	CU_ASSERT_EQUAL(n, 60);
	CU_ASSERT_TRUE(mac_at(f, requester));
	CU_ASSERT_TRUE(mac_at(f + 6, eth_src));
	CU_ASSERT_EQUAL(rd16(f + 12), 0x0806);
	CU_ASSERT_EQUAL(memcmp(f + 14, hdr, 8), 0);
	CU_ASSERT_TRUE(mac_at(f + 22, sender));
	CU_ASSERT_EQUAL(rd32(f + 28), VIP);
	CU_ASSERT_TRUE(mac_at(f + 32, requester));
	CU_ASSERT_EQUAL(rd32(f + 38), CLIENT);
	for (int i = 42; i < 60; i++)
		CU_ASSERT_EQUAL(f[i], 0);
	tx_clear(&h);
}

static void test_arp_none(void)
{
	static const uint8_t v1 = 1;
	uint8_t b[64];
	uint32_t len = tf_arp(b, &tf_mac_bcast, 1, &tf_mac_host, CLIENT, &tf_mac_bcast, VIP);

	setup_mode(CARP_BAL_NONE, 1, &v1, &mac_v1);
	rx(0, b, len); /* BACKUP: silent */
	CU_ASSERT_EQUAL(h.w->tx[0].n, 0);
	CU_ASSERT_EQUAL(drops(FWD_DROP_ARP_VIP_NOT_MASTER), 1);
	CU_ASSERT_EQUAL(drops(FWD_DROP_ARP_NOT_FOR_US), 0);
	CU_ASSERT_EQUAL(events(FWD_EV_NEIGH_LEARN_QUEUED), 1); /* the asker is learned anyway */

	set_state(h.ctx, &bal, 1, true); /* MASTER: vMAC as sender and Ethernet source */
	rx(0, b, len);
	check_arp_reply(&tf_mac_host, &mac_v1, &mac_v1);
	CU_ASSERT_EQUAL(events(FWD_EV_ARP_VIP_REPLY_SENT), 1);
	CU_ASSERT_EQUAL(events(FWD_EV_ARP_REPLY_SENT), 0);

	/* the router's own address is still answered with the port MAC */
	len = tf_arp(b, &tf_mac_bcast, 1, &tf_mac_host, CLIENT, &tf_mac_bcast, R0);
	rx(0, b, len);
	CU_ASSERT_EQUAL_FATAL(h.w->tx[0].n, 1);
	CU_ASSERT_TRUE(mac_at(tx_frame(0, 0, &len) + 22, &tf_mac_port0));
	tx_clear(&h);

	/* the other node's gratuitous ARP for the VIP: not answered, not learned */
	len = tf_arp(b, &tf_mac_bcast, 1, &mac_v1, VIP, &tf_mac_bcast, VIP);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_ARP_VIP_ANNOUNCE), 1);
	CU_ASSERT_EQUAL(h.w->tx[0].n, 0);
	CU_ASSERT_EQUAL(rte_ring_count(h.ctx->neigh.learn), 3); /* 2 VIP asks + 1 for R0 */

	/* a VIP of port 0 is not answered on port 1 */
	len = tf_arp(b, &tf_mac_bcast, 1, &tf_mac_other, SERVER, &tf_mac_bcast, VIP);
	rx(1, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_ARP_NOT_FOR_US), 1);
	CU_ASSERT_EQUAL(h.w->tx[1].n, 0);
	teardown();
}

static void test_arp_ip_modes(void)
{
	static const uint8_t vhids[2] = {3, 4};
	uint8_t b[64];
	uint32_t len = tf_arp(b, &tf_mac_bcast, 1, &tf_mac_host, CLIENT, &tf_mac_bcast, VIP);

	/* ip: sender MAC the multicast vMAC, Ethernet source the port's real MAC */
	setup_mode(CARP_BAL_IP, 2, vhids, &mac_mv3);
	set_state(h.ctx, &bal, 0x2, true); /* leader not MASTER here: the other host answers */
	rx(0, b, len);
	CU_ASSERT_EQUAL(h.w->tx[0].n, 0);
	CU_ASSERT_EQUAL(drops(FWD_DROP_ARP_VIP_NOT_MASTER), 1);
	set_state(h.ctx, &bal, 0x1, true);
	rx(0, b, len);
	check_arp_reply(&tf_mac_host, &tf_mac_port0, &mac_mv3);
	teardown();

	/* ip-stealth: the unicast vMAC is never a frame source either */
	setup_mode(CARP_BAL_IP_STEALTH, 2, vhids, &mac_v3);
	set_state(h.ctx, &bal, 0x3, true);
	rx(0, b, len);
	check_arp_reply(&tf_mac_host, &tf_mac_port0, &mac_v3);
	teardown();

	/* ip-unicast: the vMAC is used normally */
	setup_mode(CARP_BAL_IP_UNICAST, 2, vhids, &mac_v3);
	set_state(h.ctx, &bal, 0x1, true);
	rx(0, b, len);
	check_arp_reply(&tf_mac_host, &mac_v3, &mac_v3);
	teardown();
}

/* kmd = SHA1(ipad || 0x02 || 0x01), ipad = key (20 bytes, zero padded to 64) ^ 0x36 (spec 7.4). */
static void arp_kmd(const char *pass, uint8_t kmd[20], uint8_t key0[4])
{
	uint8_t msg[66] = {0};
	unsigned int mdlen = 0;

	memcpy(msg, pass, strlen(pass));
	memcpy(key0, msg, 4);
	for (int i = 0; i < 64; i++)
		msg[i] ^= 0x36;
	msg[64] = 0x02;
	msg[65] = 0x01;
	CU_ASSERT_FATAL(EVP_Digest(msg, sizeof(msg), kmd, &mdlen, EVP_sha1(), NULL) == 1);
	CU_ASSERT_EQUAL(mdlen, 20);
}

/* arp mode: the requester's ARP sender MAC picks the node (spec vectors). */
static void test_arp_mode_hash(void)
{
	static const uint8_t vhids[2] = {3, 4};
	static const struct rte_ether_addr sha1 = {{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}};
	static const struct rte_ether_addr sha0 = {{0x52, 0x54, 0x00, 0x12, 0x34, 0x56}};
	struct fwd_vip_conf c = vip_conf(&bal, VIP);
	uint8_t kmd[20], key0[4], b[64];
	uint32_t hk[2], len;

	arp_kmd("mekmitasdigoat", kmd, key0);
	carp_arp_hashkey(kmd, CARP_ORDER_LITTLE, hk);
	/* load-balancing-vectors.txt, little-endian host */
	CU_ASSERT_EQUAL(carp_arp_hash(sha1.addr_bytes, hk, key0), 0x90793861u);
	CU_ASSERT_EQUAL(carp_arp_hash(sha0.addr_bytes, hk, key0), 0xbe850b4cu);

	host_init(&h, "vip");
	bal_init(&bal, CARP_BAL_ARP, 2, vhids, &mac_v3, hk, key0);
	CU_ASSERT_EQUAL_FATAL(fwd_vip_register(h.ctx, 0, &c), 0);

	/* 00:11:22:33:44:55 -> 0x90793861 % 2 = 1: vhid 4's host answers with 00:00:5e:00:01:04 */
	len = tf_arp(b, &tf_mac_bcast, 1, &sha1, CLIENT, &tf_mac_bcast, VIP);
	set_state(h.ctx, &bal, 0x1, true);
	rx(0, b, len);
	CU_ASSERT_EQUAL(h.w->tx[0].n, 0);
	CU_ASSERT_EQUAL(drops(FWD_DROP_ARP_VIP_NOT_MASTER), 1);
	set_state(h.ctx, &bal, 0x2, true);
	rx(0, b, len);
	check_arp_reply(&sha1, &mac_v4, &mac_v4);

	/* 52:54:00:12:34:56 -> 0xbe850b4c % 2 = 0: the leader, 00:00:5e:00:01:03 */
	len = tf_arp(b, &tf_mac_bcast, 1, &sha0, CLIENT, &tf_mac_bcast, VIP);
	rx(0, b, len);
	CU_ASSERT_EQUAL(h.w->tx[0].n, 0);
	CU_ASSERT_EQUAL(drops(FWD_DROP_ARP_VIP_NOT_MASTER), 2);
	set_state(h.ctx, &bal, 0x1, true);
	rx(0, b, len);
	check_arp_reply(&sha0, &mac_v3, &mac_v3);
	CU_ASSERT_EQUAL(events(FWD_EV_ARP_VIP_REPLY_SENT), 2);
	teardown();
}

/* ---- ICMP echo to a VIP ---- */

static void check_echo_reply(uint16_t port, const struct rte_ether_addr *eth_dst,
                             const struct rte_ether_addr *eth_src, uint32_t to)
{
	uint32_t n;
	uint8_t *f;

	CU_ASSERT_EQUAL_FATAL(h.w->tx[port].n, 1);
	f = tx_frame(port, 0, &n);
	CU_ASSERT_EQUAL(n, 14 + 20 + 8 + 16);
	CU_ASSERT_TRUE(mac_at(f, eth_dst));
	CU_ASSERT_TRUE(mac_at(f + 6, eth_src));
	CU_ASSERT_EQUAL(rd32(f + 26), VIP); /* from the virtual address */
	CU_ASSERT_EQUAL(rd32(f + 30), to);
	CU_ASSERT_EQUAL(ref_cksum(f + 14, 20), 0);
	CU_ASSERT_EQUAL(f[34], 0); /* echo reply */
	CU_ASSERT_EQUAL(ref_cksum(f + 34, 8 + 16), 0);
	tx_clear(&h);
}

static void test_echo_none(void)
{
	static const uint8_t v1 = 1;
	uint8_t b[256];
	uint32_t len = tf_icmp_echo(b, &mac_v1, &tf_mac_host, CLIENT, VIP, 7, 1, 16);

	setup_mode(CARP_BAL_NONE, 1, &v1, &mac_v1);
	set_state(h.ctx, &bal, 1, true);
	rx(0, b, len); /* to the vMAC while MASTER */
	check_echo_reply(0, &tf_mac_host, &mac_v1, CLIENT);
	/* to the real MAC while MASTER: still sent from the carp interface's MAC */
	len = tf_icmp_echo(b, &tf_mac_port0, &tf_mac_host, CLIENT, VIP, 7, 2, 16);
	rx(0, b, len);
	check_echo_reply(0, &tf_mac_host, &mac_v1, CLIENT);
	/* routed in through port 1: answered from port 1's MAC */
	len = tf_icmp_echo(b, &tf_mac_port1, &tf_mac_other, SERVER, VIP, 7, 3, 16);
	rx(1, b, len);
	check_echo_reply(1, &tf_mac_other, &tf_mac_port1, SERVER);
	CU_ASSERT_EQUAL(events(FWD_EV_ICMP_ECHO_REPLY_SENT), 3);

	set_state(h.ctx, &bal, 0, true); /* BACKUP: silent, however it arrives */
	rx(1, b, len);
	len = tf_icmp_echo(b, &tf_mac_port0, &tf_mac_host, CLIENT, VIP, 7, 4, 16);
	rx(0, b, len);
	len = tf_icmp_echo(b, &mac_v1, &tf_mac_host, CLIENT, VIP, 7, 5, 16);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_VIP_NOT_MASTER), 2);
	CU_ASSERT_EQUAL(drops(FWD_DROP_DST_MAC_NOT_OURS), 1);
	CU_ASSERT_EQUAL(h.w->tx[0].n + h.w->tx[1].n, 0);
	/* never forwarded as if the VIP were a neighbour */
	CU_ASSERT_EQUAL(drops(FWD_DROP_NEIGHBOUR_UNRESOLVED), 0);
	/* UDP to the VIP while MASTER: not a service we have */
	set_state(h.ctx, &bal, 1, true);
	len = tf_ipv4(b, &mac_v1, &tf_mac_host, CLIENT, VIP, 64, 17, 8);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_LOCAL_UNSUPPORTED), 1);
	teardown();
}

/* ip modes: every node answers while the carp interface runs (OpenBSD). */
static void test_echo_ip(void)
{
	static const uint8_t vhids[2] = {3, 4};
	uint8_t b[256];
	uint32_t len = tf_icmp_echo(b, &mac_mv3, &tf_mac_host, CLIENT, VIP, 9, 1, 16);

	setup_mode(CARP_BAL_IP, 2, vhids, &mac_mv3);
	set_state(h.ctx, &bal, 0x2, true); /* this host is not the leader: answers anyway */
	rx(0, b, len);
	check_echo_reply(0, &tf_mac_host, &tf_mac_port0, CLIENT);
	set_state(h.ctx, &bal, 0x0, true); /* BACKUP for every node, still running */
	rx(0, b, len);
	check_echo_reply(0, &tf_mac_host, &tf_mac_port0, CLIENT);
	set_state(h.ctx, &bal, 0x0, false); /* down: vMAC not ours, VIP not answered */
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_DST_MAC_NOT_OURS), 1);
	len = tf_icmp_echo(b, &tf_mac_port0, &tf_mac_host, CLIENT, VIP, 9, 2, 16);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_VIP_NOT_MASTER), 1);
	CU_ASSERT_EQUAL(h.w->tx[0].n, 0);
	CU_ASSERT_EQUAL(events(FWD_EV_ICMP_ECHO_REPLY_SENT), 2);
	teardown();
}

/* ---- IP balancing: two hosts split the flows ---- */

static uint32_t xorshift(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static bool martian(uint32_t a)
{
	uint32_t top = a >> 24;

	return top == 0 || top == 127 || top >= 224;
}

static void test_ip_flows_two_hosts(void)
{
	static const uint8_t vhids[2] = {3, 4};
	static struct carp_balance bal_b;
	struct host hb = {0};
	struct fwd_vip_conf ca = vip_conf(&bal, VIP), cb = vip_conf(&bal_b, VIP);
	uint32_t seed = 0x12345678, want_a = 0, got_a = 0, got_b = 0;
	const unsigned int flows = 1000;
	uint8_t b[256];

	/* host A masters node 0 (vhid 3), host B node 1 (vhid 4): complementary masks */
	host_init(&h, "vipa");
	host_init(&hb, "vipb");
	bal_init(&bal, CARP_BAL_IP, 2, vhids, &mac_mv3, NULL, NULL);
	bal_init(&bal_b, CARP_BAL_IP, 2, vhids, &mac_mv3, NULL, NULL);
	CU_ASSERT_EQUAL_FATAL(fwd_vip_register(h.ctx, 0, &ca), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_vip_register(hb.ctx, 0, &cb), 0);
	set_state(h.ctx, &bal, 0x1, true);
	set_state(hb.ctx, &bal_b, 0x2, true);

	for (unsigned int i = 0; i < flows; i++) {
		uint32_t src, dst = IP4(203, 0, 113, 0) | (xorshift(&seed) & 0xff);
		uint32_t len;
		bool a, bb;

		do
			src = xorshift(&seed);
		while (martian(src));
		len = tf_ipv4(b, &mac_mv3, &tf_mac_host, src, dst, 64, 17, 20);
		rx_on(&h, 0, b, len);
		rx_on(&hb, 0, b, len);
		a = h.w->tx[1].n == 1;
		bb = hb.w->tx[1].n == 1;
		CU_ASSERT(a != bb); /* exactly one host forwards each flow */
		CU_ASSERT_EQUAL(a, ((src ^ dst) % 2) == 0); /* spec 7.3: node (src^dst) % 2 */
		want_a += ((src ^ dst) % 2) == 0;
		got_a += a;
		got_b += bb;
		if (a) /* the forwarded frame leaves to the gateway, TTL - 1 */
			CU_ASSERT(mac_at(rte_pktmbuf_mtod(h.w->tx[1].pkts[0], uint8_t *),
			                 &tf_mac_other) &&
			          rte_pktmbuf_mtod(h.w->tx[1].pkts[0], uint8_t *)[22] == 63);
		tx_clear(&h);
		tx_clear(&hb);
	}
	CU_ASSERT_EQUAL(got_a + got_b, flows);
	CU_ASSERT_EQUAL(got_a, want_a);
	CU_ASSERT(want_a > 400 && want_a < 600); /* the xorshift flows do spread */
	CU_ASSERT_EQUAL(h.w->stats.events[FWD_EV_FORWARDED], want_a);
	CU_ASSERT_EQUAL(h.w->stats.drops[FWD_DROP_CARP_NOT_MASTER], flows - want_a);
	CU_ASSERT_EQUAL(hb.w->stats.events[FWD_EV_FORWARDED], flows - want_a);
	CU_ASSERT_EQUAL(hb.w->stats.drops[FWD_DROP_CARP_NOT_MASTER], want_a);
	CU_ASSERT_EQUAL(fwd_stats_drops_total(&h.w->stats), flows - want_a);
	CU_ASSERT_EQUAL(fwd_stats_drops_total(&hb.w->stats), want_a);

	/* B dies, A takes over node 1: A forwards everything */
	set_state(h.ctx, &bal, 0x3, true);
	for (unsigned int i = 0; i < 50; i++) {
		uint32_t len = tf_ipv4(b, &mac_mv3, &tf_mac_host, IP4(100, 64, 0, i),
		                       IP4(203, 0, 113, 7), 64, 6, 20);

		rx_on(&h, 0, b, len);
		CU_ASSERT_EQUAL(h.w->tx[1].n, 1);
		tx_clear(&h);
	}
	host_fini(&hb);
	teardown();
}

/* Spec vectors through the fast path's decision (3 nodes). */
static void test_flow_vectors(void)
{
	struct fwd_vip_if vi = {.cfg = {.mode = CARP_BAL_IP, .count = 3}};

	/* 198.51.100.7 -> 192.0.2.10: fold 0x0633660d, 3 nodes -> index 1 */
	CU_ASSERT_EQUAL(IP4(198, 51, 100, 7) ^ IP4(192, 0, 2, 10), 0x0633660du);
	CU_ASSERT_TRUE(fwd_vip_flow_master(&vi, carp_bal_word(0x2, true), IP4(198, 51, 100, 7),
	                                   IP4(192, 0, 2, 10)));
	CU_ASSERT_FALSE(fwd_vip_flow_master(&vi, carp_bal_word(0x5, true), IP4(198, 51, 100, 7),
	                                    IP4(192, 0, 2, 10)));
	/* symmetric: the reply direction lands on the same node */
	CU_ASSERT_TRUE(fwd_vip_flow_master(&vi, carp_bal_word(0x2, true), IP4(192, 0, 2, 10),
	                                   IP4(198, 51, 100, 7)));
	/* 192.0.2.50 -> 192.0.2.10, 2 nodes: fold 0x38 -> 0; .51: 1 */
	vi.cfg.count = 2;
	CU_ASSERT_TRUE(fwd_vip_flow_master(&vi, carp_bal_word(0x1, true), IP4(192, 0, 2, 50),
	                                   IP4(192, 0, 2, 10)));
	CU_ASSERT_TRUE(fwd_vip_flow_master(&vi, carp_bal_word(0x2, true), IP4(192, 0, 2, 51),
	                                   IP4(192, 0, 2, 10)));
	CU_ASSERT_FALSE(fwd_vip_flow_master(&vi, carp_bal_word(0x2, true), IP4(192, 0, 2, 50),
	                                    IP4(192, 0, 2, 10)));
	/* none mode: the MAC check decided, the flow filter never drops */
	vi.cfg.mode = CARP_BAL_NONE;
	CU_ASSERT_TRUE(fwd_vip_flow_master(&vi, carp_bal_word(0x0, true), IP4(192, 0, 2, 51),
	                                   IP4(192, 0, 2, 10)));
}

/* ---- bad input ---- */

/*
 * Frames the CARP paths see (ARP for the VIP, its announcement, echo to the
 * VIP, transit to the vMAC, an advert), with random bytes changed and random
 * lengths, through a host in each mode and state: no crash (ASan/UBSan
 * builds), no mbuf lost, every packet either queued for tx or to the CARP
 * ring, or counted as a drop.
 */
static void test_mutated_frames(void)
{
	static const uint8_t vhids[2] = {3, 4};
	static const enum carp_balancing modes[] = {CARP_BAL_NONE, CARP_BAL_ARP, CARP_BAL_IP,
	                                            CARP_BAL_IP_STEALTH, CARP_BAL_IP_UNICAST};
	struct rte_ring *ring = fwd_punt_ring_create("ut_vip_mut", 64, SOCKET_ID_ANY);
	uint32_t seed = 0xc0ffee;

	CU_ASSERT_PTR_NOT_NULL_FATAL(ring);
	for (unsigned int mi = 0; mi < RTE_DIM(modes); mi++) {
		const struct rte_ether_addr *vmac = modes[mi] == CARP_BAL_IP ? &mac_mv3 : &mac_v3;
		uint8_t base[5][128], b[128];
		uint32_t blen[5];
		uint64_t sent = 0, out = 0;

		setup_mode(modes[mi], modes[mi] == CARP_BAL_NONE ? 1 : 2, vhids, vmac);
		fwd_punt_register(h.ctx, FWD_PUNT_CARP, ring);
		blen[0] =
		    tf_arp(base[0], &tf_mac_bcast, 1, &tf_mac_host, CLIENT, &tf_mac_bcast, VIP);
		blen[1] = tf_arp(base[1], &tf_mac_bcast, 1, vmac, VIP, &tf_mac_bcast, VIP);
		blen[2] = tf_icmp_echo(base[2], vmac, &tf_mac_host, CLIENT, VIP, 1, 1, 16);
		blen[3] = transit_to(base[3], vmac);
		blen[4] = tf_ipv4(base[4], &mac_carp_group, vmac, IP4(192, 0, 2, 3),
		                  IP4(224, 0, 0, 18), 255, 112, 36);
		for (unsigned int i = 0; i < 4000; i++) {
			unsigned int k = xorshift(&seed) % 5, flips = xorshift(&seed) % 4;
			uint32_t len = blen[k];

			if (i % 500 == 0) /* states change under traffic */
				set_state(h.ctx, &bal, xorshift(&seed) & 3, xorshift(&seed) & 1);
			memcpy(b, base[k], sizeof(b));
			for (unsigned int f = 0; f < flips; f++)
				b[xorshift(&seed) % len] ^= (uint8_t)(1u << (xorshift(&seed) % 8));
			if (xorshift(&seed) % 8 == 0)
				len = xorshift(&seed) % (len + 1);
			if (len == 0)
				len = 1;
			rx(0, b, len);
			sent++;
			out += h.w->tx[0].n + h.w->tx[1].n;
			tx_clear(&h);
		}
		while (rte_ring_count(ring)) {
			struct fwd_punt_msg msg;

			CU_ASSERT_EQUAL(rte_ring_sc_dequeue_elem(ring, &msg, sizeof(msg)), 0);
		}
		/* every packet: tx, ring, or a drop (ICMP errors and ARP requests
		 * reuse a dropped packet's mbuf, hence >=) */
		CU_ASSERT(out + events(FWD_EV_CARP_QUEUED) + fwd_stats_drops_total(&h.w->stats) >=
		          sent);
		CU_ASSERT(out <= sent);
		fwd_punt_register(h.ctx, FWD_PUNT_CARP, NULL);
		teardown(); /* asserts no mbuf leaked */
	}
	rte_ring_free(ring);
}

/* ---- publication while a worker reads ---- */

#define PUBLICATIONS 100000u

struct pub_arg {
	struct fwd_ctx *ctx;
	struct carp_balance *b;
	unsigned int n;
	atomic_bool done;
};

/*
 * What the publisher wrote before publishing round k, in plain memory: a
 * worker that loads word k must see it (the release/acquire pair of the
 * word publishes what came before). If the store or the load lose their
 * ordering, ThreadSanitizer reports a data race on note[] (the test then
 * fails, tsan build); a plain (non-atomic) word is a race on the word.
 */
static uint32_t note[PUBLICATIONS + 1];

static uint32_t note_of(uint32_t k)
{
	return k * 2654435761u | 1u;
}

/* Round k: note[k], then k as the master mask of carp interface 0 .. n-1. */
static void *publisher(void *p)
{
	struct pub_arg *a = p;

	for (uint32_t k = 1; k <= PUBLICATIONS; k++) {
		note[k] = note_of(k);
		for (unsigned int i = 0; i < a->n; i++) {
			carp_balance_publish(&a->b[i], k, true);
			fwd_vip_publish(a->ctx, &a->b[i]);
		}
	}
	atomic_store_explicit(&a->done, true, memory_order_release);
	return NULL;
}

static void test_publish_while_reading(void)
{
	static struct carp_balance b[FWD_VIP_MAX_IFS];
	static uint8_t vhids[32];
	struct pub_arg arg = {.b = b, .n = FWD_VIP_MAX_IFS};
	const struct fwd_vip_port *vp;
	struct fwd_vip_snap s;
	uint64_t reads = 0, bad_word = 0, backwards = 0, bad_note = 0, fresh = 0;
	uint32_t last[FWD_VIP_MAX_IFS] = {0};
	pthread_t t;

	for (int i = 0; i < 32; i++)
		vhids[i] = (uint8_t)(i + 1);
	host_init(&h, "vip");
	for (unsigned int i = 0; i < arg.n; i++) {
		struct fwd_vip_conf c = vip_conf(&b[i], IP4(192, 0, 2, 100 + i));

		bal_init(&b[i], CARP_BAL_IP, 32, vhids, &mac_mv3, NULL, NULL);
		CU_ASSERT_EQUAL_FATAL(fwd_vip_register(h.ctx, 0, &c), 0);
	}
	vp = &h.ctx->vip.port[0];
	arg.ctx = h.ctx;
	atomic_init(&arg.done, false);
	CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, publisher, &arg), 0);
	do {
		fwd_vip_snap_read(vp, &s);
		reads++;
		for (unsigned int i = 0; i < arg.n; i++) {
			uint32_t k = fwd_vip_word_mask(s.word[i]);

			if (k == 0) /* not published yet: registration's word */
				continue;
			/* exactly what round k published, never an older round */
			bad_word += s.word[i] != carp_bal_word(k, true) || k > PUBLICATIONS;
			backwards += k < last[i];
			fresh += k != last[i];
			last[i] = k;
			if (k <= PUBLICATIONS)
				bad_note += note[k] != note_of(k);
		}
	} while (!atomic_load_explicit(&arg.done, memory_order_acquire));
	pthread_join(t, NULL);
	fwd_vip_snap_read(vp, &s);
	printf("\n    %" PRIu64 " reads, %" PRIu64 " new words seen\n", reads, fresh);
	CU_ASSERT_EQUAL(bad_word, 0);
	CU_ASSERT_EQUAL(backwards, 0);
	CU_ASSERT_EQUAL(bad_note, 0);
	for (unsigned int i = 0; i < arg.n; i++) {
		CU_ASSERT_EQUAL(fwd_vip_word_mask(s.word[i]), PUBLICATIONS);
		CU_ASSERT_TRUE(fwd_vip_word_running(s.word[i]));
		CU_ASSERT_EQUAL(vp->ifs[i].publications, PUBLICATIONS);
	}
	teardown();
}

int main(int argc, char **argv)
{
	CU_pSuite s;
	int rc;

	(void)argc;
	mp = tf_eal_pool(argv[0], "fwdvip", 256);
	if (mp == NULL)
		return 2;
	mp_full = rte_mempool_avail_count(mp);
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite("fwd_vip_api", NULL, NULL);
	CU_add_test(s, "register_errors", test_register_errors);
	CU_add_test(s, "publish_while_reading", test_publish_while_reading);
	s = CU_add_suite("fwd_vip_mac", NULL, NULL);
	CU_add_test(s, "none", test_mac_none);
	CU_add_test(s, "carp_group", test_carp_group);
	CU_add_test(s, "punt_classification", test_punt_classification);
	CU_add_test(s, "punt_token_bucket", test_punt_token_bucket);
	CU_add_test(s, "arp_mode", test_mac_arp_mode);
	CU_add_test(s, "ip", test_mac_ip);
	CU_add_test(s, "ip_stealth", test_mac_ip_stealth);
	CU_add_test(s, "ip_unicast", test_mac_ip_unicast);
	s = CU_add_suite("fwd_vip_answers", NULL, NULL);
	CU_add_test(s, "arp_none", test_arp_none);
	CU_add_test(s, "arp_ip_modes", test_arp_ip_modes);
	CU_add_test(s, "arp_mode_hash", test_arp_mode_hash);
	CU_add_test(s, "echo_none", test_echo_none);
	CU_add_test(s, "echo_ip", test_echo_ip);
	s = CU_add_suite("fwd_vip_balance", NULL, NULL);
	CU_add_test(s, "flow_vectors", test_flow_vectors);
	CU_add_test(s, "ip_flows_two_hosts", test_ip_flows_two_hosts);
	s = CU_add_suite("fwd_vip_robustness", NULL, NULL);
	CU_add_test(s, "mutated_frames", test_mutated_frames);
	rc = tf_run();
	tf_eal_done(mp);
	return rc;
}
