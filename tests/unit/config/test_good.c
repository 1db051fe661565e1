/* SPDX-License-Identifier: BSD-2-Clause */
/* Valid configurations: every example under config/ parses, and values land where they should. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "cfg_inet.h"
#include "cfg_test.h"

#define IP(a, b, c, d) (((uint32_t)(a) << 24) | ((b) << 16) | ((c) << 8) | (d))

static int load_example(struct cfg *cfg, const char *name)
{
	char path[512];
	struct cfg_errors errs;
	int ret;

	snprintf(path, sizeof(path), "%s/%s", CFG_EXAMPLES_DIR, name);
	cfg_errors_init(&errs);
	ret = cfg_load_file(cfg, path, &errs);
	for (unsigned int i = 0; i < errs.n; i++)
		fprintf(stderr, "\n    %s", errs.msg[i]);
	return ret != 0 ? ret : (int)errs.n;
}

static void test_every_example_valid(void)
{
	DIR *d = opendir(CFG_EXAMPLES_DIR);
	struct dirent *e;
	unsigned int n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		struct cfg cfg;

		if (len < 5 || strcmp(e->d_name + len - 4, ".cfg") != 0)
			continue;
		CU_ASSERT_EQUAL(load_example(&cfg, e->d_name), 0);
		CU_ASSERT(cfg.n_ports >= 1);
		cfg_free(&cfg);
		n++;
	}
	closedir(d);
	CU_ASSERT(n >= 5); /* one per feature: single, routes, neighbours, queues, adaptive */
}

static void test_single_router_values(void)
{
	struct cfg cfg;

	CU_ASSERT_EQUAL_FATAL(load_example(&cfg, "single-router.cfg"), 0);
	CU_ASSERT_EQUAL(cfg.n_ports, 2);
	CU_ASSERT_STRING_EQUAL(cfg.ports[0].name, "lan0");
	CU_ASSERT_STRING_EQUAL(cfg.ports[0].device, "net_pcap0");
	CU_ASSERT_STRING_EQUAL(cfg.ports[1].device, "net_pcap1");
	CU_ASSERT_EQUAL(cfg.ports[0].n_addrs, 1);
	CU_ASSERT_EQUAL(cfg.ports[0].addrs[0].addr, IP(192, 0, 2, 1));
	CU_ASSERT_EQUAL(cfg.ports[0].addrs[0].len, 24);
	CU_ASSERT_EQUAL(cfg.n_workers, 1);
	CU_ASSERT_EQUAL(cfg.workers[0], 1);
	CU_ASSERT_EQUAL(cfg.n_routes, 1);
	CU_ASSERT_EQUAL(cfg.routes[0].prefix, IP(203, 0, 113, 0));
	CU_ASSERT_EQUAL(cfg.routes[0].len, 24);
	CU_ASSERT_EQUAL(cfg.routes[0].gateway, IP(198, 51, 100, 2));
	CU_ASSERT_EQUAL(cfg.routes[0].port, 1); /* srv0 holds the gateway's subnet */
	cfg_free(&cfg);
}

static void test_static_routes_values(void)
{
	struct cfg cfg;

	CU_ASSERT_EQUAL_FATAL(load_example(&cfg, "static-routes.cfg"), 0);
	CU_ASSERT_EQUAL(cfg.ports[0].n_addrs, 2);
	CU_ASSERT_EQUAL_FATAL(cfg.n_routes, 4);
	CU_ASSERT_EQUAL(cfg.routes[2].prefix, 0);
	CU_ASSERT_EQUAL(cfg.routes[2].len, 0);
	CU_ASSERT_EQUAL(cfg.routes[2].port, 0); /* default gateway 192.0.2.126 on lan0 */
	CU_ASSERT_EQUAL(cfg.routes[3].gateway, 0);
	CU_ASSERT_EQUAL(cfg.routes[3].port, 1); /* directly connected out of srv0 */
	CU_ASSERT_STRING_EQUAL(cfg.routes[3].port_name, "srv0");
	cfg_free(&cfg);
}

static void test_static_neighbours_values(void)
{
	static const uint8_t mac[6] = {0x02, 0, 0, 0, 0x01, 0x02};
	struct cfg cfg;

	CU_ASSERT_EQUAL_FATAL(load_example(&cfg, "static-neighbours.cfg"), 0);
	CU_ASSERT_EQUAL_FATAL(cfg.n_neighs, 2);
	CU_ASSERT_EQUAL(cfg.neighs[0].addr, IP(198, 51, 100, 2));
	CU_ASSERT_EQUAL(memcmp(cfg.neighs[0].mac, mac, 6), 0);
	CU_ASSERT_EQUAL(cfg.neighs[0].port, 1);
	CU_ASSERT_EQUAL(cfg.neighs[1].port, 0);
	cfg_free(&cfg);
}

static void test_adaptive_and_queues_values(void)
{
	struct cfg cfg;

	CU_ASSERT_EQUAL_FATAL(load_example(&cfg, "adaptive.cfg"), 0);
	CU_ASSERT_EQUAL(cfg.polling, CFG_POLLING_ADAPTIVE);
	CU_ASSERT_EQUAL(cfg.idle_polls, 128);
	CU_ASSERT_EQUAL(cfg.sleep_max_us, 500);
	CU_ASSERT_EQUAL(cfg.log_level, 6); /* notice */
	CU_ASSERT_EQUAL(cfg.tables.routes, 64);
	CU_ASSERT_EQUAL(cfg.ports[0].rx_desc, 512);
	cfg_free(&cfg);
	CU_ASSERT_EQUAL_FATAL(load_example(&cfg, "multi-queue.cfg"), 0);
	CU_ASSERT_EQUAL(cfg.n_workers, 2);
	CU_ASSERT_EQUAL(cfg.ports[1].rx_queues, 2);
	CU_ASSERT_EQUAL(cfg.ports[1].mtu, 9000);
	CU_ASSERT_STRING_EQUAL(cfg.ports[0].device, "0000:01:00.0");
	cfg_free(&cfg);
}

static void test_defaults(void)
{
	struct cfg cfg;

	cfg_expect_valid(&cfg, "ports = ( { name = \"p\"; device = \"d\"; } );\n");
	CU_ASSERT_EQUAL(cfg.log_level, 7); /* info */
	CU_ASSERT_EQUAL(cfg.polling, CFG_POLLING_BUSY);
	CU_ASSERT_EQUAL(cfg.idle_polls, 256);
	CU_ASSERT_EQUAL(cfg.sleep_max_us, 250);
	CU_ASSERT_EQUAL(cfg.n_workers, 0); /* every EAL lcore but the main one */
	CU_ASSERT_EQUAL(cfg.tables.routes, 1024);
	CU_ASSERT_EQUAL(cfg.tables.neighbours, 1024);
	CU_ASSERT_EQUAL(cfg.tables.mbufs, 0); /* computed from the rings */
	CU_ASSERT_EQUAL(cfg.ports[0].rx_queues, 1);
	CU_ASSERT_EQUAL(cfg.ports[0].rx_desc, 1024);
	CU_ASSERT_EQUAL(cfg.ports[0].tx_desc, 1024);
	CU_ASSERT_EQUAL(cfg.ports[0].mtu, 1500);
	CU_ASSERT_EQUAL(cfg.ports[0].n_addrs, 0);
	CU_ASSERT_EQUAL(cfg.n_routes, 0);
	CU_ASSERT_EQUAL(cfg.n_neighs, 0);
	cfg_free(&cfg);
}

/* Boundaries that must pass: /31 and /32 addresses, range edges, hex, int64. */
static void test_edges_accepted(void)
{
	struct cfg cfg;

	cfg_expect_valid(&cfg, "ports = ( { name = \"a-b_c.1\"; device = \"0000:01:00.0\";\n"
	                       "  mtu = 68; rx_queues = 64; rx_desc = 0x40; tx_desc = 16384L;\n"
	                       "  addresses = [ \"192.0.2.0/31\", \"192.0.2.7/32\" ]; },\n"
	                       "  { name = \"b\"; device = \"d\"; mtu = 9600;\n"
	                       "    addresses = [ \"198.51.100.1/24\" ]; } );\n"
	                       "workers = [ 0, 127 ];\n"
	                       "routes = ( { prefix = \"0.0.0.0/0\"; via = \"192.0.2.1\"; },\n"
	                       "  { prefix = \"203.0.113.7/32\"; port = \"b\"; } );\n");
	CU_ASSERT_EQUAL(cfg.ports[0].mtu, 68);
	CU_ASSERT_EQUAL(cfg.ports[0].rx_desc, 64);
	CU_ASSERT_EQUAL(cfg.ports[0].tx_desc, 16384);
	CU_ASSERT_EQUAL(cfg.ports[1].mtu, 9600);
	CU_ASSERT_EQUAL(cfg.routes[0].port, 0);
	CU_ASSERT_EQUAL(cfg.routes[1].port, 1);
	cfg_free(&cfg);
}

int cfg_test_register_good(void)
{
	CU_pSuite s = CU_add_suite("cfg_good", NULL, NULL);

	if (s == NULL || CU_add_test(s, "every_example_valid", test_every_example_valid) == NULL ||
	    CU_add_test(s, "single_router_values", test_single_router_values) == NULL ||
	    CU_add_test(s, "static_routes_values", test_static_routes_values) == NULL ||
	    CU_add_test(s, "static_neighbours_values", test_static_neighbours_values) == NULL ||
	    CU_add_test(s, "adaptive_and_queues_values", test_adaptive_and_queues_values) == NULL ||
	    CU_add_test(s, "defaults", test_defaults) == NULL ||
	    CU_add_test(s, "edges_accepted", test_edges_accepted) == NULL)
		return -1;
	return 0;
}
