/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Valid carp sections: defaults, every key landing in its field, the shipped
 * examples (config/examples, config/lab), the conversion to lib/carp's
 * carp_if_config (checked by carp_if_init itself) and the control lcore
 * choice.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "cfg_test.h"

#define IP(a, b, c, d) (((uint32_t)(a) << 24) | ((b) << 16) | ((c) << 8) | (d))
#define PORTS                                                                                      \
	"ports = (\n"                                                                              \
	"{ name = \"lan0\"; device = \"d0\"; addresses = [ \"192.0.2.1/24\" ]; },\n"               \
	"{ name = \"srv0\"; device = \"d1\"; addresses = [ \"198.51.100.1/24\" ]; }\n"             \
	");\n"
#define IF1(body) PORTS "carp = { interfaces = ( { " body " } ); };\n"

static int load(struct cfg *cfg, const char *dir, const char *name)
{
	char path[512];
	struct cfg_errors errs;
	int ret;

	snprintf(path, sizeof(path), "%s/%s/%s", CFG_EXAMPLES_DIR, dir, name);
	cfg_errors_init(&errs);
	ret = cfg_load_file(cfg, path, &errs);
	for (unsigned int i = 0; i < errs.n; i++)
		fprintf(stderr, "\n    %s", errs.msg[i]);
	return ret != 0 ? ret : (int)errs.n;
}

/* Every .cfg of config/DIR loads cleanly and has a carp section; returns how many. */
static unsigned int load_all(const char *dir)
{
	char path[512];
	struct dirent *e;
	unsigned int n = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", CFG_EXAMPLES_DIR, dir);
	d = opendir(path);
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		struct cfg cfg;

		if (len < 5 || strcmp(e->d_name + len - 4, ".cfg") != 0)
			continue;
		CU_ASSERT_EQUAL(load(&cfg, dir, e->d_name), 0);
		CU_ASSERT(cfg.carp.present);
		CU_ASSERT(cfg.carp.n_ifs >= 1);
		cfg_free(&cfg);
		n++;
	}
	closedir(d);
	return n;
}

static void test_examples_valid(void)
{
	CU_ASSERT(load_all("examples") >= 4); /* mickey, minnie, donald, daisy */
	load_all("lab");                      /* the lab's, when present */
}

static void test_defaults_without_carp(void)
{
	struct cfg cfg;

	cfg_expect_valid(&cfg, PORTS);
	CU_ASSERT_FALSE(cfg.carp.present);
	CU_ASSERT_EQUAL(cfg.carp.n_ifs, 0);
	CU_ASSERT_TRUE(cfg.carp.allow);
	CU_ASSERT_FALSE(cfg.carp.preempt);
	CU_ASSERT_EQUAL(cfg.carp.log, 2);
	CU_ASSERT_TRUE(cfg.carp.boot_demote);
	CU_ASSERT_EQUAL(cfg.carp.hook_timeout_ms, 5000);
	CU_ASSERT_FALSE(cfg.control_lcore_set);
	cfg_free(&cfg);
}

static void test_defaults_minimal(void)
{
	struct cfg cfg;
	const struct cfg_carp_if *ci = &cfg.carp.ifs[0];

	cfg_expect_valid(&cfg, IF1("name = \"carp0\"; carpdev = \"srv0\"; vhid = 7; "
	                           "addresses = [ \"198.51.100.10/24\" ];"));
	CU_ASSERT_TRUE(cfg.carp.present);
	CU_ASSERT_TRUE(cfg.carp.allow);
	CU_ASSERT_FALSE(cfg.carp.preempt);
	CU_ASSERT_EQUAL(cfg.carp.log, 2);
	CU_ASSERT_TRUE(cfg.carp.boot_demote);
	CU_ASSERT_STRING_EQUAL(cfg.carp.hook, "");
	CU_ASSERT_EQUAL(cfg.carp.hook_timeout_ms, 5000);
	CU_ASSERT_EQUAL(cfg.carp.punt_rate, 50000);
	CU_ASSERT_EQUAL(cfg.carp.punt_burst, 1024);
	CU_ASSERT_EQUAL_FATAL(cfg.carp.n_ifs, 1);
	CU_ASSERT_STRING_EQUAL(ci->name, "carp0");
	CU_ASSERT_STRING_EQUAL(ci->carpdev, "srv0");
	CU_ASSERT_EQUAL(ci->carpdev_port, 1);
	CU_ASSERT_FALSE(ci->carpnodes);
	CU_ASSERT_EQUAL(ci->n_nodes, 1);
	CU_ASSERT_EQUAL(ci->nodes[0].vhid, 7);
	CU_ASSERT_EQUAL(ci->nodes[0].advskew, 0);
	CU_ASSERT_EQUAL(ci->advbase, 1);
	CU_ASSERT_FALSE(ci->balancing_set);
	CU_ASSERT_EQUAL(ci->pass_len, 0);
	CU_ASSERT_EQUAL(ci->n_addrs, 1);
	CU_ASSERT_EQUAL(ci->addrs[0].addr, IP(198, 51, 100, 10));
	CU_ASSERT_EQUAL(ci->addrs[0].len, 24);
	CU_ASSERT_FALSE(ci->carppeer_set);
	CU_ASSERT_EQUAL(ci->state, CFG_CARP_STATE_NONE);
	CU_ASSERT_EQUAL(ci->n_groups, 0);
	CU_ASSERT_STRING_EQUAL(ci->hook, "");
	CU_ASSERT_FALSE(ci->lladdr_set);
	CU_ASSERT_EQUAL(ci->loc.line, 5);
	CU_ASSERT_EQUAL(cfg_carp_find(&cfg, "carp0"), 0);
	CU_ASSERT_EQUAL(cfg_carp_find(&cfg, "carp1"), -1);
	cfg_free(&cfg);
}

static void test_every_key(void)
{
	static const uint8_t ll[6] = {0x02, 0, 0x5e, 0, 0x01, 0x99};
	struct cfg cfg;
	const struct cfg_carp_if *ci = &cfg.carp.ifs[0];

	cfg_expect_valid(&cfg, PORTS
	                 "control_lcore = 3;\n"
	                 "carp = { allow = false; preempt = true; log = 7;\n"
	                 "boot_demote = false; hook = \"/usr/local/bin/carp-hook\";\n"
	                 "hook_timeout_ms = 100; punt = { rate = 2000; burst = 64; };\n"
	                 "interfaces = ( {\n"
	                 "name = \"carp3\"; carpdev = \"lan0\"; carpnodes = \"9:254,8:0\";\n"
	                 "advbase = 0; pass = \"0123456789012345678\";\n"
	                 "addresses = [ \"192.0.2.10/24\", \"192.0.2.11/24\" ];\n"
	                 "balancing = \"arp\"; carppeer = \"192.0.2.3\"; state = \"backup\";\n"
	                 "groups = [ \"dmz\", \"ext-net\" ]; hook = \"/bin/true\";\n"
	                 "lladdr = \"02:00:5e:00:01:99\";\n"
	                 "} ); };\n");
	CU_ASSERT_TRUE(cfg.control_lcore_set);
	CU_ASSERT_EQUAL(cfg.control_lcore, 3);
	CU_ASSERT_EQUAL(cfg.control_lcore_loc.line, 5);
	CU_ASSERT_FALSE(cfg.carp.allow);
	CU_ASSERT_TRUE(cfg.carp.preempt);
	CU_ASSERT_EQUAL(cfg.carp.log, 7);
	CU_ASSERT_FALSE(cfg.carp.boot_demote);
	CU_ASSERT_STRING_EQUAL(cfg.carp.hook, "/usr/local/bin/carp-hook");
	CU_ASSERT_EQUAL(cfg.carp.hook_timeout_ms, 100);
	CU_ASSERT_EQUAL(cfg.carp.punt_rate, 2000);
	CU_ASSERT_EQUAL(cfg.carp.punt_burst, 64);
	CU_ASSERT_EQUAL_FATAL(cfg.carp.n_ifs, 1);
	CU_ASSERT_TRUE(ci->carpnodes);
	CU_ASSERT_EQUAL_FATAL(ci->n_nodes, 2);
	CU_ASSERT_EQUAL(ci->nodes[0].vhid, 9); /* configuration order */
	CU_ASSERT_EQUAL(ci->nodes[0].advskew, 254);
	CU_ASSERT_EQUAL(ci->nodes[1].vhid, 8);
	CU_ASSERT_EQUAL(ci->nodes[1].advskew, 0);
	CU_ASSERT_EQUAL(ci->nodes_loc.line, 10);
	CU_ASSERT_EQUAL(ci->advbase, 0);
	CU_ASSERT_EQUAL(ci->pass_len, 19);
	CU_ASSERT_EQUAL(memcmp(ci->pass, "0123456789012345678", 19), 0);
	CU_ASSERT_EQUAL(ci->n_addrs, 2);
	CU_ASSERT_EQUAL(ci->addrs[1].addr, IP(192, 0, 2, 11));
	CU_ASSERT_EQUAL(ci->addrs[1].len, 24);
	CU_ASSERT_TRUE(ci->balancing_set);
	CU_ASSERT_EQUAL(ci->balancing, CFG_CARP_BAL_ARP);
	CU_ASSERT_TRUE(ci->carppeer_set);
	CU_ASSERT_EQUAL(ci->carppeer, IP(192, 0, 2, 3));
	CU_ASSERT_EQUAL(ci->state, CFG_CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL_FATAL(ci->n_groups, 2);
	CU_ASSERT_STRING_EQUAL(ci->groups[0], "dmz");
	CU_ASSERT_STRING_EQUAL(ci->groups[1], "ext-net");
	CU_ASSERT_STRING_EQUAL(ci->hook, "/bin/true");
	CU_ASSERT_TRUE(ci->lladdr_set);
	CU_ASSERT_EQUAL(memcmp(ci->lladdr, ll, 6), 0);
	cfg_free(&cfg);
}

/* The edges of each range are accepted; a vhid may repeat on another carpdev. */
static void test_range_edges(void)
{
	struct cfg cfg;
	char text[2048];
	char nodes[400] = "";

	for (unsigned int v = 224; v < 256; v++) /* 32 nodes, vhids 224-255 */
		snprintf(nodes + strlen(nodes), sizeof(nodes) - strlen(nodes), "%s%u:%u",
		         v > 224 ? "," : "", v, v - 224);
	snprintf(text, sizeof(text),
	         PORTS
	         "carp = { log = 0; hook_timeout_ms = 60000; interfaces = (\n"
	         "{ name = \"a\"; carpdev = \"lan0\"; vhid = 255; advskew = 254; advbase = 254;"
	         " addresses = [ \"192.0.2.254/24\" ]; },\n"
	         "{ name = \"b\"; carpdev = \"srv0\"; vhid = 1; state = \"master\";"
	         " addresses = [ \"198.51.100.2/24\" ]; },\n"
	         "{ name = \"c\"; carpdev = \"srv0\"; carpnodes = \"%s\"; balancing = \"none\";"
	         " addresses = [ \"198.51.100.3/24\" ]; }\n"
	         "); };\n",
	         nodes);
	cfg_expect_valid(&cfg, text);
	CU_ASSERT_EQUAL(cfg.carp.log, 0);
	CU_ASSERT_EQUAL(cfg.carp.hook_timeout_ms, 60000);
	CU_ASSERT_EQUAL_FATAL(cfg.carp.n_ifs, 3);
	CU_ASSERT_EQUAL(cfg.carp.ifs[0].nodes[0].vhid, 255);
	CU_ASSERT_EQUAL(cfg.carp.ifs[0].nodes[0].advskew, 254);
	CU_ASSERT_EQUAL(cfg.carp.ifs[0].advbase, 254);
	CU_ASSERT_EQUAL(cfg.carp.ifs[1].state, CFG_CARP_STATE_MASTER);
	CU_ASSERT_EQUAL_FATAL(cfg.carp.ifs[2].n_nodes, 32);
	CU_ASSERT_EQUAL(cfg.carp.ifs[2].nodes[31].vhid, 255);
	CU_ASSERT_EQUAL(cfg.carp.ifs[2].nodes[31].advskew, 31);
	CU_ASSERT_EQUAL(cfg.carp.ifs[2].balancing, CFG_CARP_BAL_NONE);
	cfg_free(&cfg);
}

int cfg_test_register_carp_good(void)
{
	CU_pSuite s = CU_add_suite("cfg_carp_good", NULL, NULL);

	if (s == NULL)
		return -1;
	if (CU_add_test(s, "examples_valid", test_examples_valid) == NULL ||
	    CU_add_test(s, "defaults_without_carp", test_defaults_without_carp) == NULL ||
	    CU_add_test(s, "defaults_minimal", test_defaults_minimal) == NULL ||
	    CU_add_test(s, "every_key", test_every_key) == NULL ||
	    CU_add_test(s, "range_edges", test_range_edges) == NULL)
		return -1;
	return 0;
}
