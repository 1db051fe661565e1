/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fast path with TWO workers (issue 8 item 6): fwd_worker_main, the real
 * loop, on two lcores, over two ports with two rx queues each (net_ring
 * ethdevs whose rings this test fills and drains), while the main thread is
 * the neighbour writer: hosts come and go, their entries age out and are
 * deleted, and their hash slots are reused, which needs the RCU (QSBR)
 * grace periods the workers' quiescent states end. Run plain, under
 * ASan/UBSan and under ThreadSanitizer (meson suite "threads").
 *
 * net_ring has no RSS: the test plays the NIC's part and puts each flow on
 * rx queue (src ^ dst) & 1, as a hash would; so the port is set up here
 * (fwd_ctx_port_register, the test interface) rather than by fwd_port_setup,
 * which rightly refuses two rx queues without RSS. fwd_port_setup's RSS
 * configuration is checked on net_null (rss_setup), which has RSS but
 * delivers no frames worth forwarding.
 *
 * Asserted: both workers received packets; every forwarded frame carries
 * the MAC of the host its destination address belongs to (an entry read
 * while its slot was freed and reused would show another host's MAC), the
 * egress port's MAC as source and TTL 63; every transit packet is either
 * seen on the egress rings (forwarded, exactly the counter) or counted as
 * neighbour_unresolved, nothing else; more neighbour insertions happened
 * than the table has slots (deleted slots were reclaimed while the workers
 * ran); no mbuf is lost.
 *
 * ThreadSanitizer does not see the synchronisation inside DPDK's
 * uninstrumented libraries: the EAL's launch and the net_ring PMD's ring
 * operations. The test marks those happens-before edges itself
 * (__tsan_release before a frame goes into an rx ring, __tsan_acquire in an
 * rx callback on the worker; the reverse through a tx callback; lib/fwd
 * marks the launch and the join itself, fwd_tsan.h). Each mbuf is used once (all are
 * taken from the pool first), so none travels back through the pool's
 * uninstrumented ring to another thread.
 */

#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/Basic.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "fwd.h"
#include "fwd_port.h"
#include "fwd_test.h"
#include "fwd_test_api.h"
#include "fwd_worker.h"

#define HB_RELEASE(x) FWD_TSAN_RELEASE(x)
#define HB_ACQUIRE(x) FWD_TSAN_ACQUIRE(x)

#define ROUNDS     600u
#define HOSTS      64u /* 198.51.100.10 .. : four times the table */
#define ACTIVE     8u  /* hosts announcing themselves at a time */
#define WINDOW     10u /* rounds before the active window moves by one host */
#define TRANSIT    16u /* transit packets per round */
#define NEIGHBOURS 16u
#define RING_SIZE  1024u
#define POOL       (ROUNDS * (TRANSIT + ACTIVE) + 64u)
#define ROUTER_L   IP4(192, 0, 2, 1)
#define ROUTER_S   IP4(198, 51, 100, 1)
#define CLIENT     IP4(192, 0, 2, 50)
#define HOST_IP(h) IP4(198, 51, 100, 10 + (h))

static char rx_sync, tx_sync; /* happens-before tokens (TSan only) */

struct tw_port {
	uint16_t id;
	struct rte_ether_addr mac;
	struct rte_ring *rx[2], *tx[2];
};

static struct tw_port L, S;
static struct rte_mempool *mp;
static struct rte_mbuf **stock;
static unsigned int stock_next;

static struct rte_ether_addr host_mac(unsigned int h)
{
	struct rte_ether_addr m = {{0x02, 0xcc, 0, 0, 0, (uint8_t)h}};

	return m;
}

static uint16_t rx_cb(uint16_t port, uint16_t queue, struct rte_mbuf *pkts[], uint16_t n,
                      uint16_t max, void *arg)
{
	(void)port, (void)queue, (void)pkts, (void)max, (void)arg;
	if (n)
		HB_ACQUIRE(&rx_sync);
	return n;
}

static uint16_t tx_cb(uint16_t port, uint16_t queue, struct rte_mbuf *pkts[], uint16_t n, void *arg)
{
	(void)port, (void)queue, (void)pkts, (void)arg;
	HB_RELEASE(&tx_sync);
	return n;
}

static int port_make(struct tw_port *p, const char *name)
{
	struct rte_eth_conf conf;
	char rn[32];
	int id;

	for (int q = 0; q < 2; q++) {
		snprintf(rn, sizeof(rn), "%s_rx%d", name, q);
		p->rx[q] =
		    rte_ring_create(rn, RING_SIZE, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
		snprintf(rn, sizeof(rn), "%s_tx%d", name, q);
		p->tx[q] =
		    rte_ring_create(rn, RING_SIZE, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
		if (p->rx[q] == NULL || p->tx[q] == NULL)
			return -ENOMEM;
	}
	id = rte_eth_from_rings(name, p->rx, 2, p->tx, 2, SOCKET_ID_ANY);
	if (id < 0 || id >= FWD_MAX_PORTS)
		return -ENODEV;
	p->id = (uint16_t)id;
	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_configure(p->id, 2, 2, &conf) < 0)
		return -EIO;
	for (uint16_t q = 0; q < 2; q++) {
		if (rte_eth_rx_queue_setup(p->id, q, RING_SIZE, SOCKET_ID_ANY, NULL, mp) < 0 ||
		    rte_eth_tx_queue_setup(p->id, q, RING_SIZE, SOCKET_ID_ANY, NULL) < 0)
			return -EIO;
		if (rte_eth_add_rx_callback(p->id, q, rx_cb, NULL) == NULL ||
		    rte_eth_add_tx_callback(p->id, q, tx_cb, NULL) == NULL)
			return -EIO;
	}
	if (rte_eth_macaddr_get(p->id, &p->mac) < 0 || rte_eth_dev_start(p->id) < 0)
		return -EIO;
	return 0;
}

static struct rte_mbuf *frame(const uint8_t *buf, uint32_t len)
{
	struct rte_mbuf *m;

	if (stock_next == POOL)
		return NULL;
	m = stock[stock_next++];
	memcpy(rte_pktmbuf_mtod(m, void *), buf, len);
	m->data_len = m->pkt_len = len;
	return m;
}

static void put(struct tw_port *p, unsigned int q, struct rte_mbuf *m)
{
	HB_RELEASE(&rx_sync); /* what we wrote into m, before the ring */
	/* a worker descheduled on the loaded machine: wait, as a NIC would
	 * not (it would drop), so every frame stays accounted for */
	while (rte_ring_sp_enqueue(p->rx[q], m) != 0)
		usleep(100);
}

struct tally {
	uint64_t forwarded, wrong_mac, bad_ttl, bad_src, arp, other;
};

/* Takes what the workers sent on port p, checks each frame, frees it. */
static void drain(struct tw_port *p, struct tally *t)
{
	struct rte_mbuf *m[64];

	for (int q = 0; q < 2; q++) {
		unsigned int n;

		while ((n = rte_ring_sc_dequeue_burst(p->tx[q], (void **)m, 64, NULL)) > 0) {
			HB_ACQUIRE(&tx_sync); /* the worker's writes, before the ring */
			for (unsigned int i = 0; i < n; i++) {
				const uint8_t *f = rte_pktmbuf_mtod(m[i], const uint8_t *);
				uint16_t type = rd16(f + 12);

				if (p == &S && type == RTE_ETHER_TYPE_IPV4) {
					uint32_t dst = rd32(f + 14 + 16);
					unsigned int h = (dst & 0xff) - 10;
					struct rte_ether_addr want = host_mac(h);

					t->forwarded++;
					t->wrong_mac += h >= HOSTS || memcmp(f, &want, 6) != 0;
					t->bad_src += memcmp(f + 6, &S.mac, 6) != 0;
					t->bad_ttl += f[14 + 8] != 63;
				} else if (type == RTE_ETHER_TYPE_ARP) {
					t->arp++;
				} else {
					t->other++;
				}
				rte_pktmbuf_free(m[i]);
			}
		}
	}
}

static void test_two_workers(void)
{
	struct fwd_params p;
	struct fwd_ctx *ctx;
	struct fwd_lcore_stats st, ws[2];
	struct tally t = {0};
	unsigned int lcores[2], n_lc = 0, lc;
	uint64_t transit = 0, inserted = 0;
	bool present[HOSTS] = {false};
	uint8_t buf[128];
	unsigned int full = rte_mempool_avail_count(mp);

	RTE_LCORE_FOREACH_WORKER(lc)
	if (n_lc < 2)
		lcores[n_lc++] = lc;
	CU_ASSERT_EQUAL_FATAL(n_lc, 2);
	stock = calloc(POOL, sizeof(*stock));
	CU_ASSERT_PTR_NOT_NULL_FATAL(stock);
	CU_ASSERT_EQUAL_FATAL(rte_pktmbuf_alloc_bulk(mp, stock, POOL), 0);
	stock_next = 0;

	fwd_params_init(&p);
	p.name = "tw";
	p.max_routes = 16;
	p.max_neighbours = NEIGHBOURS;
	p.learn_ring_size = 256;
	p.neigh_reachable_ms = 20;
	p.neigh_stale_ms = 20;
	p.arp_rate = 0; /* no ARP requests: no worker allocates an mbuf */
	p.icmp_rate = 0;
	p.poll_mode = FWD_POLL_ADAPTIVE; /* the workers share the test's cores */
	ctx = fwd_ctx_create(&p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
	CU_ASSERT_EQUAL_FATAL(fwd_ctx_port_register(ctx, L.id, &L.mac, 1500, 2, 2), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_ctx_port_register(ctx, S.id, &S.mac, 1500, 2, 2), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_iface_add(ctx, L.id, ROUTER_L, 24), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_iface_add(ctx, S.id, ROUTER_S, 24), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_workers_setup(ctx, lcores, 2), 0);

	for (unsigned int i = 0; i < 2; i++)
		CU_ASSERT_EQUAL_FATAL(fwd_worker_launch(fwd_worker_get(ctx, i)), 0);
	for (unsigned int r = 0; r < ROUNDS; r++) {
		unsigned int first = r / WINDOW;

		/* the active hosts say who they are (ARP request to the router) */
		for (unsigned int k = 0; k < ACTIVE; k++) {
			unsigned int h = (first + k) % HOSTS;
			struct rte_ether_addr hm = host_mac(h);
			struct rte_mbuf *m;
			uint32_t len =
			    tf_arp(buf, &tf_mac_bcast, 1, &hm, HOST_IP(h), &tf_mac_bcast, ROUTER_S);

			m = frame(buf, len);
			if (m != NULL)
				put(&S, h & 1, m);
		}
		/* transit to active and to recently gone hosts, spread as RSS would */
		for (unsigned int k = 0; k < TRANSIT; k++) {
			unsigned int h = (first + k) % HOSTS;
			uint32_t len = tf_ipv4(buf, &L.mac, &tf_mac_host, CLIENT, HOST_IP(h), 64,
			                       IPPROTO_UDP, 18);
			struct rte_mbuf *m = frame(buf, len);

			if (m == NULL)
				break;
			put(&L, (CLIENT ^ HOST_IP(h)) & 1, m);
			transit++;
		}
		fwd_neigh_service(ctx, fwd_now_ms());
		for (unsigned int h = 0; h < HOSTS; h++) {
			struct rte_ether_addr mac;
			uint16_t port;
			bool now = fwd_neigh_get(ctx, HOST_IP(h), &mac, &port) == 0;

			inserted += now && !present[h];
			present[h] = now;
		}
		drain(&S, &t);
		drain(&L, &t);
		usleep(1000);
	}
	/* let the workers empty their rings (however loaded the machine), then
	 * stop them: what they took is handled before they look at the flag */
	for (int i = 0; i < 60000; i++) {
		bool empty = true;

		for (int q = 0; q < 2; q++)
			empty = empty && rte_ring_empty(L.rx[q]) && rte_ring_empty(S.rx[q]);
		if (empty)
			break;
		usleep(1000);
	}
	usleep(20000);
	fwd_ctx_stop(ctx);
	fwd_workers_wait(ctx);
	drain(&S, &t);
	drain(&L, &t);

	fwd_stats_sum(ctx, &st);
	CU_ASSERT_EQUAL(fwd_worker_stats(ctx, 0, &ws[0]), 0);
	CU_ASSERT_EQUAL(fwd_worker_stats(ctx, 1, &ws[1]), 0);
	printf("\n    worker packets %" PRIu64 " + %" PRIu64 ", transit %" PRIu64
	       ", forwarded %" PRIu64 ", unresolved %" PRIu64 ", neighbour insertions %" PRIu64
	       "\n",
	       ws[0].packets, ws[1].packets, transit, t.forwarded,
	       st.drops[FWD_DROP_NEIGHBOUR_UNRESOLVED], inserted);
	CU_ASSERT(ws[0].packets > 0 && ws[1].packets > 0);
	CU_ASSERT_EQUAL(t.wrong_mac, 0);
	CU_ASSERT_EQUAL(t.bad_src, 0);
	CU_ASSERT_EQUAL(t.bad_ttl, 0);
	CU_ASSERT_EQUAL(t.other, 0);
	CU_ASSERT(t.forwarded > 0);
	CU_ASSERT_EQUAL(t.forwarded, st.events[FWD_EV_FORWARDED]);
	CU_ASSERT_EQUAL(t.forwarded + st.drops[FWD_DROP_NEIGHBOUR_UNRESOLVED], transit);
	CU_ASSERT_EQUAL(fwd_stats_drops_total(&st), st.drops[FWD_DROP_NEIGHBOUR_UNRESOLVED]);
	CU_ASSERT(inserted > NEIGHBOURS); /* slots were reclaimed and reused */
	CU_ASSERT(st.drops[FWD_DROP_NEIGHBOUR_UNRESOLVED] > 0); /* gone hosts are gone */

	fwd_ctx_destroy(ctx);
	while (stock_next < POOL)
		rte_pktmbuf_free(stock[stock_next++]);
	free(stock);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(mp), full);
}

/*
 * The RSS half of the set-up, on a device that has it (net_null): two rx
 * queues through fwd_port_setup configure RSS on IPv4; net_ring, which has
 * none, is refused with -ENOTSUP before anything is configured.
 */
static void test_rss_setup(void)
{
	struct fwd_port_conf pc = {.nb_rx_queues = 2, .nb_workers = 2, .mp = mp};
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	struct fwd_params p;
	struct fwd_ctx *ctx;
	uint16_t nul;

	CU_ASSERT_EQUAL_FATAL(rte_eth_dev_get_port_by_name("net_null0", &nul), 0);
	fwd_params_init(&p);
	p.name = "tr";
	p.max_routes = 16;
	p.max_neighbours = 16;
	ctx = fwd_ctx_create(&p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
	CU_ASSERT_EQUAL(fwd_port_setup(ctx, L.id, &pc), -ENOTSUP);
	CU_ASSERT_EQUAL(fwd_port_setup(ctx, nul, &pc), 0);
	CU_ASSERT_EQUAL_FATAL(rte_eth_dev_conf_get(nul, &conf), 0);
	CU_ASSERT_EQUAL(conf.rxmode.mq_mode, RTE_ETH_MQ_RX_RSS);
	CU_ASSERT_NOT_EQUAL(conf.rx_adv_conf.rss_conf.rss_hf & RTE_ETH_RSS_IP, 0);
	CU_ASSERT_EQUAL_FATAL(rte_eth_dev_info_get(nul, &info), 0);
	CU_ASSERT_EQUAL(info.nb_rx_queues, 2);
	fwd_ctx_destroy(ctx);
}

/* --lcores mapping lcores 0-2 onto the CPUs we may run on (2 on the lab
 * machine): the main thread and the two workers share them. */
static void lcores_arg(char *out, size_t len)
{
	cpu_set_t set;
	char cpus[64] = "";
	int n = 0;

	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		for (int c = 0; c < CPU_SETSIZE && n < 2; c++)
			if (CPU_ISSET(c, &set)) {
				size_t l = strlen(cpus);

				snprintf(cpus + l, sizeof(cpus) - l, "%s%d", n ? "," : "", c);
				n++;
			}
	snprintf(out, len, "--lcores=(0-2)@(%s)", n ? cpus : "0");
}

int main(int argc, char **argv)
{
	char prefix[64], lcores[96];
	char *eal[] = {argv[0], "--no-huge",     "--no-pci",       "-m",
	               "256",   "--file-prefix", prefix,           "--log-level=error",
	               lcores,  "--no-shconf",   "--no-telemetry", "--vdev=net_null0"};
	CU_pSuite s;
	int rc;

	(void)argc;
	snprintf(prefix, sizeof(prefix), "fwdtw-%d", (int)getpid());
	lcores_arg(lcores, sizeof(lcores));
	if (rte_eal_init(RTE_DIM(eal), eal) < 0) {
		fprintf(stderr, "rte_eal_init (%s) failed: %s\n", lcores, rte_strerror(rte_errno));
		return 2;
	}
	mp = rte_pktmbuf_pool_create("twpool", POOL, 0, 0, RTE_PKTMBUF_HEADROOM + 256,
	                             SOCKET_ID_ANY);
	if (mp == NULL || port_make(&L, "tw_l") < 0 || port_make(&S, "tw_s") < 0) {
		fprintf(stderr, "setup: %s\n", rte_strerror(rte_errno));
		return 2;
	}
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite("fwd_workers", NULL, NULL);
	CU_add_test(s, "rss_setup", test_rss_setup);
	CU_add_test(s, "two_workers_qsbr", test_two_workers);
	rc = tf_run();
	rte_eth_dev_stop(L.id);
	rte_eth_dev_stop(S.id);
	rte_eth_dev_close(L.id);
	rte_eth_dev_close(S.id);
	{
		uint16_t nul;

		if (rte_eth_dev_get_port_by_name("net_null0", &nul) == 0)
			rte_eth_dev_close(nul);
	}
	for (int q = 0; q < 2; q++) {
		rte_ring_free(L.rx[q]), rte_ring_free(L.tx[q]);
		rte_ring_free(S.rx[q]), rte_ring_free(S.tx[q]);
	}
	tf_eal_done(mp);
	return rc;
}
