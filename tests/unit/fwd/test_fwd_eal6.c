/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/fwd's IPv6 tables and worker with EAL (--no-huge): rte_lpm6 routes,
 * the (address, port) neighbour table -- learning through the ring, ageing
 * REACHABLE -> STALE -> deleted, the unicast NS probe of a stale neighbour
 * and the multicast NS of an unresolved one -- on real mbufs through
 * fwd_worker_rx, asserting the frames queued for tx and the counters.
 */

#include <errno.h>
#include <string.h>

#include <CUnit/Basic.h>
#include <rte_mbuf.h>

#include "fwd.h"
#include "fwd6.h"
#include "fwd_test.h"
#include "fwd_icmp6.h"
#include "fwd_test_api.h"

static struct rte_mempool *mp;
static unsigned int mp_full;
static struct fwd_ctx *ctx;
static struct fwd_worker *w;

/* 2001:db8:N::H */
#define A6(n, h)                                                                                   \
	{                                                                                          \
		0x20, 0x01, 0x0d, 0xb8, 0, (n), [14] = (uint8_t)((h) >> 8), [15] = (uint8_t)(h)    \
	}
static const uint8_t R0[16] = A6(1, 1), R1[16] = A6(2, 1), HOST[16] = A6(1, 0x10);
static const uint8_t NB[16] = A6(2, 0x20);
static const uint8_t LL1[16] = {0xfe, 0x80, [15] = 1};

static void setup(void)
{
	struct fwd_params p;
	unsigned int lcore = rte_lcore_id();

	fwd_params_init(&p);
	p.name = "ut6";
	p.max_routes = 16;
	p.max_neighbours = 16;
	p.learn_ring_size = 64;
	p.neigh_reachable_ms = 1000;
	p.neigh_stale_ms = 500;
	ctx = fwd_ctx_create(&p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
	CU_ASSERT_EQUAL_FATAL(fwd_ctx_port_register(ctx, 0, &tf_mac_port0, 1500, 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_ctx_port_register(ctx, 1, &tf_mac_port1, 1500, 1, 1), 0);
	CU_ASSERT_EQUAL(fwd_iface6_add(ctx, 0, R0, 64), -ENODEV); /* before fwd_ip6_init */
	CU_ASSERT_EQUAL_FATAL(fwd_ip6_init(ctx, 16, 16), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_ip6_port_enable(ctx, 0, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_ip6_port_enable(ctx, 1, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_iface6_add(ctx, 0, R0, 64), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_iface6_add(ctx, 1, R1, 64), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_workers_setup(ctx, &lcore, 1), 0);
	w = fwd_worker_get(ctx, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
}

static void tx_free(void)
{
	for (int port = 0; port < FWD_MAX_PORTS; port++) {
		for (int i = 0; i < w->tx[port].n; i++)
			rte_pktmbuf_free(w->tx[port].pkts[i]);
		w->tx[port].n = 0;
	}
	w->tx_dirty = 0;
}

static void teardown(void)
{
	tx_free();
	fwd_ctx_destroy(ctx);
	ctx = NULL;
	w = NULL;
	CU_ASSERT_EQUAL(rte_mempool_avail_count(mp), mp_full);
}

/* Ethernet + IPv6 + next header 17 with plen bytes, hop limit 64. */
static uint32_t udp6(uint8_t *b, const struct rte_ether_addr *dmac, const uint8_t src[16],
                     const uint8_t dst[16], uint16_t plen)
{
	memcpy(b, dmac, 6);
	memcpy(b + 6, &tf_mac_host, 6);
	b[12] = 0x86;
	b[13] = 0xdd;
	memset(b + 14, 0, 40 + plen);
	b[14] = 0x60;
	b[18] = (uint8_t)(plen >> 8);
	b[19] = (uint8_t)plen;
	b[20] = 17;
	b[21] = 64;
	memcpy(b + 22, src, 16);
	memcpy(b + 38, dst, 16);
	return 14 + 40 + plen;
}

static void rx(uint16_t port, const uint8_t *frame, uint32_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	char *d;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	d = rte_pktmbuf_append(m, (uint16_t)len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	memcpy(d, frame, len);
	fwd_worker_rx(w, port, &m, 1);
}

static uint64_t drops(enum fwd_drop d)
{
	return w->stats.drops[d];
}

static uint64_t events(enum fwd_event e)
{
	return w->stats.events[e];
}

static uint8_t *tx_frame(uint16_t port, int i)
{
	return rte_pktmbuf_mtod(w->tx[port].pkts[i], uint8_t *);
}

static int count_cb(const struct fwd_neigh6_info *n, void *arg)
{
	struct fwd_neigh6_info *last = arg;

	*last = *n;
	last->port++; /* used as a counter below: one row expected */
	return 0;
}

/* The single learned entry's state, or -1 if the table is empty. */
static int nb_state(uint64_t now)
{
	struct fwd_neigh6_info ni = {.port = 0};

	fwd_neigh6_walk(ctx, now, count_cb, &ni);
	return ni.port == 0 ? -1 : (int)ni.state;
}

static void test_route6(void)
{
	static const uint8_t p48[16] = A6(0x30, 0), in48[16] = A6(0x30, 5);
	static const uint8_t off[16] = A6(0x99, 1), gw_off[16] = A6(7, 2);
	struct fwd_route6 r = {.len = 48, .has_gateway = true, .port = FWD_PORT_AUTO};
	const struct fwd_route6_entry *e;

	setup();
	memcpy(r.prefix, p48, 16);
	memcpy(r.gateway, NB, 16);
	CU_ASSERT_EQUAL(fwd_route6_add(ctx, &r), 0);
	CU_ASSERT_EQUAL(fwd_route6_add(ctx, &r), -EEXIST);
	e = fwd_route6_lookup(ctx->ip6, in48);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->type, FWD_ROUTE_GATEWAY);
	CU_ASSERT_EQUAL(e->port, 1); /* from the subnet of the gateway */
	CU_ASSERT_PTR_NULL(fwd_route6_lookup(ctx->ip6, off));
	e = fwd_route6_lookup(ctx->ip6, R0);
	CU_ASSERT(e != NULL && e->type == FWD_ROUTE_LOCAL && e->len == 128);
	e = fwd_route6_lookup(ctx->ip6, HOST);
	CU_ASSERT(e != NULL && e->type == FWD_ROUTE_CONNECTED && e->port == 0);
	memcpy(r.gateway, gw_off, 16);
	r.len = 0;
	CU_ASSERT_EQUAL(fwd_route6_add(ctx, &r), -ENETUNREACH);
	r.port = 0;
	CU_ASSERT_EQUAL(fwd_route6_add(ctx, &r), 0); /* ::/0 beside the LPM */
	e = fwd_route6_lookup(ctx->ip6, off);
	CU_ASSERT(e != NULL && e->len == 0 && e->port == 0);
	CU_ASSERT_EQUAL(fwd_route6_add(ctx, &r), -EEXIST);
	teardown();
}

/* A link-local is per link: the same address on two ports, two entries. */
static void test_neigh6_per_port(void)
{
	struct rte_ether_addr a = tf_mac_host, b = tf_mac_other, m;
	uint64_t v;

	setup();
	CU_ASSERT_EQUAL(fwd_neigh6_add_static(ctx, LL1, &a, 0), 0);
	CU_ASSERT_EQUAL(fwd_neigh6_add_static(ctx, LL1, &b, 1), 0);
	v = fwd_neigh6_lookup(&ctx->ip6->neigh, LL1, 0);
	fwd_nb_mac(v, &m);
	CU_ASSERT(rte_is_same_ether_addr(&m, &a) && (v & FWD_NB_STATIC));
	v = fwd_neigh6_lookup(&ctx->ip6->neigh, LL1, 1);
	fwd_nb_mac(v, &m);
	CU_ASSERT(rte_is_same_ether_addr(&m, &b) && fwd_nb_port(v) == 1);
	CU_ASSERT_EQUAL(fwd_neigh6_lookup(&ctx->ip6->neigh, LL1, 2), 0);
	/* learning never overwrites configuration */
	CU_ASSERT_EQUAL(fwd_neigh6_table_set(&ctx->ip6->neigh, LL1, 0, &b, false, 5), 0);
	v = fwd_neigh6_lookup(&ctx->ip6->neigh, LL1, 0);
	fwd_nb_mac(v, &m);
	CU_ASSERT(rte_is_same_ether_addr(&m, &a));
	teardown();
}

/* Learned from an NA through the ring, REACHABLE -> STALE (probe) -> deleted (NS). */
static void test_neigh6_learn_age_probe(void)
{
	static const uint8_t sn[6] = {0x33, 0x33, 0xff, 0x00, 0x00, 0x20};
	uint8_t b[256], *f;
	uint32_t len;

	setup();
	/* NA from NB on port 1: Ethernet + IPv6 + NA(S) + TLLA, built by lib/fwd */
	len = fwd_ndp_na(b, sizeof(b), &tf_mac_other, NB, &tf_mac_port1, R1, NB,
	                 FWD_NDP_NA_SOLICITED);
	CU_ASSERT_EQUAL_FATAL(len, FWD_NDP_NA_LEN);
	rx(1, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_NEIGH6_LEARN_QUEUED), 1);
	CU_ASSERT_EQUAL(w->tx[1].n, 0);
	CU_ASSERT_EQUAL(nb_state(0), -1); /* the writer has not run yet */
	CU_ASSERT_EQUAL(fwd_neigh6_service(ctx, 100), 1);
	CU_ASSERT_EQUAL(nb_state(100), FWD_NEIGH_REACHABLE);

	len = udp6(b, &tf_mac_port0, HOST, NB, 10);
	rx(0, b, len);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED6), 1);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 1);
	f = tx_frame(1, 0);
	CU_ASSERT_EQUAL(memcmp(f, &tf_mac_other, 6), 0);
	CU_ASSERT_EQUAL(memcmp(f + 6, &tf_mac_port1, 6), 0);
	CU_ASSERT_EQUAL(f[21], 63);
	tx_free();

	CU_ASSERT_EQUAL(fwd_neigh6_service(ctx, 1100), 1);
	CU_ASSERT_EQUAL(nb_state(1100), FWD_NEIGH_STALE);
	rx(0, b, len);
	/* forwarded AND a unicast NS probe (fresh mbuf) queued before it */
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED6), 2);
	CU_ASSERT_EQUAL(events(FWD_EV_NDP_NS_SENT), 1);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 2);
	f = tx_frame(1, 0);
	CU_ASSERT_EQUAL(memcmp(f, &tf_mac_other, 6), 0); /* to the known MAC */
	CU_ASSERT_EQUAL(memcmp(f + 38, NB, 16), 0);      /* to the neighbour itself */
	CU_ASSERT_EQUAL(f[21], 255);
	CU_ASSERT_EQUAL(f[54], 135);
	CU_ASSERT_EQUAL(memcmp(f + 62, NB, 16), 0); /* target */
	CU_ASSERT_EQUAL(memcmp(f + 22, R1, 16), 0); /* from the port's address on that subnet */
	tx_free();

	CU_ASSERT_EQUAL(fwd_neigh6_service(ctx, 1600), 1);
	CU_ASSERT_EQUAL(nb_state(1600), -1);
	w->now += w->arp_retry_tsc + 1; /* past the per-address retry gap */
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_IP6_NEIGHBOUR_UNRESOLVED), 1);
	CU_ASSERT_EQUAL(events(FWD_EV_NDP_NS_SENT), 2);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 1);
	f = tx_frame(1, 0);
	CU_ASSERT_EQUAL(memcmp(f, sn, 6), 0); /* the solicited-node group */
	CU_ASSERT_EQUAL(f[38], 0xff);
	CU_ASSERT(f[49] == 0x01 && f[50] == 0xff && f[53] == 0x20); /* ff02::1:ff00:20 */
	CU_ASSERT_EQUAL(memcmp(f + 62, NB, 16), 0);
	rx(0, b, len); /* asked just now: suppressed */
	CU_ASSERT_EQUAL(events(FWD_EV_NDP_NS_SUPPRESSED), 1);
	CU_ASSERT_EQUAL(w->tx[1].n, 1);
	teardown();
}

/* Ethernet + IPv6 + ICMPv6 echo request (8 + dlen bytes) from HOST to dst, checksummed. */
static uint32_t echo6(uint8_t *b, const uint8_t dst[16], uint16_t dlen)
{
	uint32_t len = udp6(b, &tf_mac_port0, HOST, dst, (uint16_t)(8 + dlen));

	b[20] = 58;
	b[54] = 128;
	b[58] = 0x12; /* identifier, sequence */
	b[61] = 1;
	for (unsigned int i = 0; i < dlen; i++)
		b[62 + i] = (uint8_t)i;
	fwd_icmp6_cksum_fill(b + 14, 40, 8u + dlen);
	return len;
}

/*
 * 20,000 mutated IPv6 frames (NS, NA, echo, transit with and without a
 * hop-by-hop header) through the worker: nothing crashes (ASan build), every
 * frame ends exactly once (forwarded, answered, consumed or dropped under a
 * reason), every mbuf comes back.
 */
static void test_worker_random_frames6(void)
{
	unsigned int seed = 66;
	uint8_t tmpl[5][160];
	uint32_t tlen[5];
	uint64_t rx_n = 0, tx_n = 0;

	setup();
	CU_ASSERT_EQUAL(fwd_neigh6_add_static(ctx, NB, &tf_mac_other, 1), 0);
	tlen[0] = fwd_ndp_ns(tmpl[0], sizeof(tmpl[0]), &tf_mac_host, HOST, R0, NULL);
	tlen[1] = fwd_ndp_na(tmpl[1], sizeof(tmpl[1]), &tf_mac_host, HOST, &tf_mac_port0, R0, HOST,
	                     FWD_NDP_NA_SOLICITED);
	tlen[2] = echo6(tmpl[2], R0, 24);
	tlen[3] = udp6(tmpl[3], &tf_mac_port0, HOST, NB, 30);
	tlen[4] = udp6(tmpl[4], &tf_mac_port0, HOST, NB, 30);
	tmpl[4][20] = 0; /* hop-by-hop: next 17, length 0, PadN of 4 */
	tmpl[4][54] = 17;
	tmpl[4][56] = 1;
	tmpl[4][57] = 4;
	for (int it = 0; it < 20000; it++) {
		unsigned int t = (unsigned int)rand_r(&seed) % 5;
		uint32_t len = tlen[t];
		uint8_t b[160];

		CU_ASSERT_FATAL(len > 0 && len <= sizeof(b));
		memcpy(b, tmpl[t], len);
		for (int k = rand_r(&seed) % 3; k > 0; k--)
			b[(unsigned int)rand_r(&seed) % len] ^=
			    (uint8_t)(1u << (rand_r(&seed) % 8));
		if (rand_r(&seed) % 4 == 0)
			len = 1 + (uint32_t)rand_r(&seed) % len;
		if (rand_r(&seed) % 2 && len >= 62 && b[20] == 58)
			fwd_icmp6_cksum_fill(b + 14, 40, len - 54); /* reach past the checksum */
		w->now += ctx->hz / 100; /* let the rate limits refill now and then */
		rx(0, b, len);
		rx_n++;
		for (int port = 0; port < 2; port++) {
			for (int i = 0; i < w->tx[port].n; i++) {
				CU_ASSERT(rte_pktmbuf_pkt_len(w->tx[port].pkts[i]) >= 54);
				rte_pktmbuf_free(w->tx[port].pkts[i]);
				tx_n++;
			}
			w->tx[port].n = 0;
		}
		w->tx_dirty = 0;
		if (it % 16 == 0)
			fwd_neigh6_service(ctx, (uint64_t)it);
	}
	CU_ASSERT_EQUAL(fwd_stats_frames_ended(&w->stats), rx_n);
	CU_ASSERT(fwd_stats_drops_total(&w->stats) > 1000);
	CU_ASSERT(tx_n > 1000);
	CU_ASSERT(events(FWD_EV_NDP_NA_SENT) > 100);
	CU_ASSERT(events(FWD_EV_ICMP6_ECHO_REPLY_SENT) > 100);
	CU_ASSERT(events(FWD_EV_FORWARDED6) > 100);
	teardown(); /* asserts the mempool is full again */
}

/* The per-lcore neighbour cache follows the writer's changes from the next packet on. */
static void test_neigh6_cache(void)
{
	uint8_t b[128];
	uint32_t len;

	setup();
	CU_ASSERT_EQUAL(fwd_neigh6_add_static(ctx, NB, &tf_mac_other, 1), 0);
	len = udp6(b, &tf_mac_port0, HOST, NB, 10);
	rx(0, b, len);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 1);
	CU_ASSERT_EQUAL(memcmp(tx_frame(1, 0), &tf_mac_other, 6), 0);
	tx_free();
	rx(0, b, len); /* from the cache */
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 1);
	CU_ASSERT_EQUAL(memcmp(tx_frame(1, 0), &tf_mac_other, 6), 0);
	tx_free();
	CU_ASSERT_EQUAL(fwd_neigh6_table_set(&ctx->ip6->neigh, NB, 1, &tf_mac_host, true, 0), 1);
	rx(0, b, len);
	CU_ASSERT_EQUAL_FATAL(w->tx[1].n, 1);
	CU_ASSERT_EQUAL(memcmp(tx_frame(1, 0), &tf_mac_host, 6), 0); /* the new MAC */
	CU_ASSERT_EQUAL(memcmp(tx_frame(1, 0) + 6, &tf_mac_port1, 6), 0);
	CU_ASSERT_EQUAL(events(FWD_EV_FORWARDED6), 3);
	teardown();
}

/* Without fwd_ip6_port_enable a port drops IPv6 as it always did. */
static void test_port_without_ipv6(void)
{
	struct fwd_params p;
	unsigned int lcore = rte_lcore_id();
	uint8_t b[128];
	uint32_t len;

	fwd_params_init(&p);
	p.name = "ut6b";
	p.max_routes = 16;
	p.max_neighbours = 16;
	ctx = fwd_ctx_create(&p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
	CU_ASSERT_EQUAL_FATAL(fwd_ctx_port_register(ctx, 0, &tf_mac_port0, 1500, 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_workers_setup(ctx, &lcore, 1), 0);
	w = fwd_worker_get(ctx, 0);
	len = udp6(b, &tf_mac_port0, HOST, NB, 10);
	rx(0, b, len);
	CU_ASSERT_EQUAL(drops(FWD_DROP_NOT_IPV4_ETHERTYPE), 1);
	CU_ASSERT_EQUAL(fwd_ip6_port_enable(ctx, 0, NULL), -ENODEV);
	teardown();
}

int main(int argc, char **argv)
{
	CU_pSuite s;

	(void)argc;
	mp = tf_eal_pool(argv[0], "fwdtest6", 256); /* rte_lpm6: a 64 MB tbl24 */
	if (mp == NULL)
		return 2;
	mp_full = rte_mempool_avail_count(mp);
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite("fwd_ip6_tables", NULL, NULL);
	CU_add_test(s, "route6", test_route6);
	CU_add_test(s, "neigh6_per_port", test_neigh6_per_port);
	s = CU_add_suite("fwd_ip6_worker", NULL, NULL);
	CU_add_test(s, "learn_age_probe", test_neigh6_learn_age_probe);
	CU_add_test(s, "neigh6_cache", test_neigh6_cache);
	CU_add_test(s, "port_without_ipv6", test_port_without_ipv6);
	CU_add_test(s, "random_frames6", test_worker_random_frames6);
	{
		int rc = tf_run();

		tf_eal_done(mp);
		return rc;
	}
}
