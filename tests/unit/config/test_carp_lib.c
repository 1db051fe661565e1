/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The shipped examples through cfg_carp_to_if_config into lib/carp: every
 * field of carp_if_config, then carp_if_init accepts it and derives the
 * mode and virtual MAC OpenBSD would. Plus the host config, the forced
 * state's admin op and the control lcore choice.
 */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "carp_if.h"
#include "cfg_carp_lib.h"
#include "cfg_test.h"

static const uint8_t parent_mac[6] = {0x02, 0, 0, 0, 0, 0x01};

static int load_example(struct cfg *cfg, const char *name)
{
	char path[512];
	struct cfg_errors errs;
	int ret;

	snprintf(path, sizeof(path), "%s/examples/%s", CFG_EXAMPLES_DIR, name);
	cfg_errors_init(&errs);
	ret = cfg_load_file(cfg, path, &errs);
	for (unsigned int i = 0; i < errs.n; i++)
		fprintf(stderr, "\n    %s", errs.msg[i]);
	return ret != 0 ? ret : (int)errs.n;
}

/* The 20-byte key of a passphrase: its bytes, then zeros (BSD ifconfig). */
static void expect_key(const struct carp_key *k, const char *pass)
{
	uint8_t want[CARP_KEY_LEN] = {0};

	memcpy(want, pass, strlen(pass));
	CU_ASSERT_EQUAL(memcmp(k->b, want, CARP_KEY_LEN), 0);
}

static void expect_ip(const uint8_t got[4], uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	const uint8_t want[4] = {a, b, c, d};

	CU_ASSERT_EQUAL(memcmp(got, want, 4), 0);
}

/* carp_if_init accepts out; returns its effective mode and MAC through the args. */
static void expect_init(const struct carp_if_config *out, enum carp_balancing mode,
                        const uint8_t mac[6])
{
	static struct carp_if ifc; /* large: not on the stack */
	char err[128] = "";

	CU_ASSERT_EQUAL_FATAL(carp_if_init(&ifc, out, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(ifc.mode, mode);
	CU_ASSERT_EQUAL(memcmp(ifc.mac, mac, 6), 0);
	CU_ASSERT_EQUAL(ifc.nvh, out->n_nodes);
	carp_if_fini(&ifc);
}

static void test_mickey(void)
{
	static const uint8_t vmac1[6] = {0x00, 0x00, 0x5e, 0x00, 0x01, 0x01};
	static const uint8_t vmac2[6] = {0x00, 0x00, 0x5e, 0x00, 0x01, 0x02};
	struct carp_if_config out;
	struct carp_host_config host;
	struct cfg cfg;

	CU_ASSERT_EQUAL_FATAL(load_example(&cfg, "mickey.cfg"), 0);
	CU_ASSERT_EQUAL_FATAL(cfg.carp.n_ifs, 2);
	CU_ASSERT_EQUAL(cfg_carp_to_if_config(&cfg, 0, 7, parent_mac, &out), 0);
	CU_ASSERT_STRING_EQUAL(out.name, "carp0");
	CU_ASSERT_EQUAL(out.carpdev, 7);
	CU_ASSERT_EQUAL(memcmp(out.parent_mac, parent_mac, 6), 0);
	CU_ASSERT_EQUAL(out.advbase, 1);
	CU_ASSERT_EQUAL_FATAL(out.n_nodes, 1);
	CU_ASSERT_EQUAL(out.nodes[0].vhid, 1);
	CU_ASSERT_EQUAL(out.nodes[0].advskew, 0);
	CU_ASSERT_FALSE(out.balancing_set);
	expect_key(&out.key, "lanpass");
	CU_ASSERT_EQUAL_FATAL(out.addrs.n4, 1);
	CU_ASSERT_EQUAL(out.addrs.n6, 0);
	expect_ip(out.addrs.v4[0], 172, 16, 0, 202);
	expect_ip(out.src4, 172, 16, 0, 200); /* lan0's own address sources the adverts */
	CU_ASSERT_FALSE(out.peer4_set);
	CU_ASSERT_FALSE(out.lladdr_set);
	CU_ASSERT_EQUAL(out.n_groups, 0);
	CU_ASSERT_FALSE(out.admin_down);
	expect_init(&out, CARP_BAL_NONE, vmac1);

	CU_ASSERT_EQUAL(cfg_carp_to_if_config(&cfg, 1, 8, parent_mac, &out), 0);
	CU_ASSERT_STRING_EQUAL(out.name, "carp1");
	CU_ASSERT_EQUAL(out.carpdev, 8);
	CU_ASSERT_EQUAL(out.nodes[0].vhid, 2);
	expect_key(&out.key, "dmzpass");
	expect_ip(out.addrs.v4[0], 172, 16, 240, 202);
	expect_ip(out.src4, 172, 16, 240, 200);
	expect_init(&out, CARP_BAL_NONE, vmac2);

	CU_ASSERT_EQUAL(cfg_carp_to_if_config(&cfg, 2, 8, parent_mac, &out), -22);
	cfg_carp_to_host_config(&cfg, &host);
	CU_ASSERT_TRUE(host.preempt);
	CU_ASSERT_FALSE(host.disallow);
	CU_ASSERT_TRUE(host.boot_demote);
	CU_ASSERT_PTR_NULL(host.random);
	cfg_free(&cfg);

	CU_ASSERT_EQUAL_FATAL(load_example(&cfg, "minnie.cfg"), 0);
	CU_ASSERT_EQUAL(cfg_carp_to_if_config(&cfg, 0, 0, parent_mac, &out), 0);
	CU_ASSERT_EQUAL(out.nodes[0].vhid, 1);
	CU_ASSERT_EQUAL(out.nodes[0].advskew, 100);
	expect_ip(out.src4, 172, 16, 0, 201);
	cfg_free(&cfg);
}

static void test_donald(void)
{
	/* ip balancing: the multicast MAC of the leader (lowest) vhid, spec 7.2 */
	static const uint8_t mmac3[6] = {0x01, 0x00, 0x5e, 0x00, 0x01, 0x03};
	static const uint8_t mmac5[6] = {0x01, 0x00, 0x5e, 0x00, 0x01, 0x05};
	struct carp_if_config out;
	struct cfg cfg;

	CU_ASSERT_EQUAL_FATAL(load_example(&cfg, "donald.cfg"), 0);
	CU_ASSERT_EQUAL_FATAL(cfg.carp.n_ifs, 2);
	CU_ASSERT_EQUAL(cfg_carp_to_if_config(&cfg, 0, 0, parent_mac, &out), 0);
	CU_ASSERT_EQUAL_FATAL(out.n_nodes, 2);
	CU_ASSERT_EQUAL(out.nodes[0].vhid, 3);
	CU_ASSERT_EQUAL(out.nodes[0].advskew, 0);
	CU_ASSERT_EQUAL(out.nodes[1].vhid, 4);
	CU_ASSERT_EQUAL(out.nodes[1].advskew, 100);
	CU_ASSERT_TRUE(out.balancing_set);
	CU_ASSERT_EQUAL(out.balancing, CARP_BAL_IP);
	expect_key(&out.key, "lanpass");
	expect_ip(out.addrs.v4[0], 172, 16, 0, 202);
	expect_ip(out.src4, 172, 16, 0, 200);
	expect_init(&out, CARP_BAL_IP, mmac3);

	CU_ASSERT_EQUAL(cfg_carp_to_if_config(&cfg, 1, 1, parent_mac, &out), 0);
	CU_ASSERT_EQUAL(out.carpdev, 1);
	CU_ASSERT_EQUAL(out.nodes[0].vhid, 5);
	CU_ASSERT_EQUAL(out.nodes[1].vhid, 6);
	CU_ASSERT_EQUAL(out.nodes[1].advskew, 100);
	expect_init(&out, CARP_BAL_IP, mmac5);
	cfg_free(&cfg);

	CU_ASSERT_EQUAL_FATAL(load_example(&cfg, "daisy.cfg"), 0);
	CU_ASSERT_EQUAL(cfg_carp_to_if_config(&cfg, 1, 1, parent_mac, &out), 0);
	CU_ASSERT_EQUAL(out.nodes[0].advskew, 100);
	CU_ASSERT_EQUAL(out.nodes[1].advskew, 0);
	cfg_free(&cfg);
}

/* Optional keys reach carp_if_config: carppeer, groups, lladdr, arp mode, no pass. */
static void test_optional_fields(void)
{
	static const uint8_t ll[6] = {0x02, 0, 0x5e, 0, 0x01, 0x99};
	struct carp_if_config out;
	struct carp_host_config host;
	struct cfg_errors errs;
	struct cfg cfg;

	cfg_errors_init(&errs);
	CU_ASSERT_EQUAL_FATAL(
	    cfg_load_string(&cfg, CFG_TEST_NAME,
	                    "ports = ( { name = \"lan0\"; device = \"d0\";\n"
	                    "  addresses = [ \"192.0.2.1/24\", \"203.0.113.1/24\" ]; } );\n"
	                    "carp = { allow = false; boot_demote = false; interfaces = ( {\n"
	                    "  name = \"carp2\"; carpdev = \"lan0\"; carpnodes = \"20:5,10:0\";\n"
	                    "  balancing = \"arp\"; carppeer = \"203.0.113.9\"; advbase = 3;\n"
	                    "  addresses = [ \"203.0.113.10/24\", \"192.0.2.10/24\" ];\n"
	                    "  groups = [ \"dmz\", \"uplink\" ]; lladdr = \"02:00:5e:00:01:99\";\n"
	                    "  state = \"master\"; } ); };\n",
	                    &errs),
	    0);
	CU_ASSERT_EQUAL(cfg_carp_to_if_config(&cfg, 0, 3, parent_mac, &out), 0);
	CU_ASSERT_EQUAL(out.advbase, 3);
	CU_ASSERT_EQUAL(out.nodes[0].vhid, 20); /* configuration order: lib/carp sorts */
	CU_ASSERT_EQUAL(out.nodes[0].advskew, 5);
	CU_ASSERT_EQUAL(out.balancing, CARP_BAL_ARP);
	expect_key(&out.key, "");
	CU_ASSERT_TRUE(out.peer4_set);
	expect_ip(out.peer4, 203, 0, 113, 9);
	CU_ASSERT_EQUAL(out.addrs.n4, 2);
	expect_ip(out.addrs.v4[1], 192, 0, 2, 10);
	expect_ip(out.src4, 203, 0, 113, 1); /* the subnet of the FIRST virtual address */
	CU_ASSERT_EQUAL_FATAL(out.n_groups, 2);
	CU_ASSERT_STRING_EQUAL(out.groups[0], "dmz");
	CU_ASSERT_STRING_EQUAL(out.groups[1], "uplink");
	CU_ASSERT_TRUE(out.lladdr_set);
	CU_ASSERT_EQUAL(memcmp(out.lladdr, ll, 6), 0);
	expect_init(&out, CARP_BAL_ARP, ll);
	CU_ASSERT_EQUAL(cfg_carp_state_admin_op(cfg.carp.ifs[0].state), CARP_ADMIN_FORCE_MASTER);
	CU_ASSERT_EQUAL(cfg_carp_state_admin_op(CFG_CARP_STATE_BACKUP), CARP_ADMIN_FORCE_BACKUP);
	CU_ASSERT_EQUAL(cfg_carp_state_admin_op(CFG_CARP_STATE_NONE), -1);
	cfg_carp_to_host_config(&cfg, &host);
	CU_ASSERT_TRUE(host.disallow);
	CU_ASSERT_FALSE(host.boot_demote);
	CU_ASSERT_FALSE(host.preempt);
	cfg_free(&cfg);
}

static uint64_t fixed_random(void *arg)
{
	(void)arg;
	return 0x0123456789abcdefull;
}

/* Every carp interface of an example attaches to one carp_host (vhids per
 * carpdev, groups per host): what the control lcore does at start. */
static void attach_all(const char *name)
{
	static struct carp_action buf[CARP_ACTIONS_HINT];
	static struct carp_if ifs[CFG_CARP_IFS_MAX];
	static struct carp_host host;
	struct carp_host_config hc;
	struct carp_if_config ic;
	struct carp_actions out;
	struct cfg cfg;
	char err[128];

	CU_ASSERT_EQUAL_FATAL(load_example(&cfg, name), 0);
	cfg_carp_to_host_config(&cfg, &hc);
	hc.random = fixed_random;
	CU_ASSERT_EQUAL_FATAL(carp_host_init(&host, &hc), 0);
	carp_actions_init(&out, buf, CARP_ACTIONS_HINT);
	for (unsigned int i = 0; i < cfg.carp.n_ifs; i++) {
		CU_ASSERT_EQUAL_FATAL(cfg_carp_to_if_config(&cfg, i,
		                                            (uint16_t)cfg.carp.ifs[i].carpdev_port,
		                                            parent_mac, &ic),
		                      0);
		CU_ASSERT_EQUAL_FATAL(carp_if_init(&ifs[i], &ic, err, sizeof(err)), 0);
		CU_ASSERT_EQUAL(carp_host_attach(&host, &ifs[i], 0, &out), 0);
	}
	CU_ASSERT_EQUAL(host.n_ifs, cfg.carp.n_ifs);
	for (unsigned int i = 0; i < cfg.carp.n_ifs; i++) {
		carp_host_detach(&host, &ifs[i], 1, &out);
		carp_if_fini(&ifs[i]);
	}
	cfg_free(&cfg);
}

static void test_examples_attach(void)
{
	attach_all("mickey.cfg");
	attach_all("minnie.cfg");
	attach_all("donald.cfg");
	attach_all("daisy.cfg");
}

/* The enum names agree with lib/carp's, in the same order. */
static void test_names(void)
{
	for (unsigned int b = 0; b < CFG_CARP_BAL_COUNT; b++)
		CU_ASSERT_STRING_EQUAL(cfg_carp_balancing_name((enum cfg_carp_balancing)b),
		                       carp_balancing_name((enum carp_balancing)b));
	CU_ASSERT_STRING_EQUAL(cfg_carp_balancing_name(CFG_CARP_BAL_IP_STEALTH), "ip-stealth");
	CU_ASSERT_STRING_EQUAL(cfg_carp_balancing_name(CFG_CARP_BAL_COUNT), "?");
	CU_ASSERT_STRING_EQUAL(cfg_carp_state_name(CFG_CARP_STATE_MASTER), "master");
	CU_ASSERT_STRING_EQUAL(cfg_carp_state_name(CFG_CARP_STATE_BACKUP), "backup");
	CU_ASSERT_STRING_EQUAL(cfg_carp_state_name(CFG_CARP_STATE_NONE), "none");
}

/* pick(cfg text, main, enabled lcores as a bit mask, workers) -> lcore or error text. */
static void expect_pick(const char *text, unsigned int main_lcore, unsigned int mask,
                        const uint16_t *workers, unsigned int n_workers, int want,
                        const char *want_err)
{
	bool enabled[8];
	struct cfg_errors errs;
	struct cfg cfg;

	for (unsigned int i = 0; i < 8; i++)
		enabled[i] = (mask >> i) & 1;
	cfg_expect_valid(&cfg, text);
	cfg_errors_init(&errs);
	CU_ASSERT_EQUAL(
	    cfg_control_lcore_pick(&cfg, main_lcore, enabled, 8, workers, n_workers, &errs), want);
	if (want_err == NULL) {
		CU_ASSERT_EQUAL(errs.n, 0);
	} else {
		CU_ASSERT_EQUAL_FATAL(errs.n, 1);
		CU_ASSERT_STRING_EQUAL(errs.msg[0], want_err);
		if (strcmp(errs.msg[0], want_err) != 0)
			fprintf(stderr, "\n    got: %s\n", errs.msg[0]);
	}
	cfg_free(&cfg);
}

#define ONE_PORT "ports = ( { name = \"p\"; device = \"d\"; } );\n"

static void test_control_lcore_pick(void)
{
	static const uint16_t w1[] = {1}, w12[] = {1, 2};

	/* default: the first enabled lcore neither main nor a worker */
	expect_pick(ONE_PORT, 0, 0x7, w1, 1, 2, NULL);
	expect_pick(ONE_PORT, 2, 0xf, w1, 1, 0, NULL);
	expect_pick(ONE_PORT, 0, 0x15, w1, 1, 2, NULL); /* lcore 1 not enabled */
	expect_pick(ONE_PORT, 0, 0x7, w12, 2, -22,
	            "t.cfg: control_lcore: no enabled lcore is free for it (neither the main "
	            "lcore 0 nor a worker): add one to EAL -l/--lcores or list fewer workers");
	/* configured */
	expect_pick("control_lcore = 3;\n" ONE_PORT, 0, 0xf, w1, 1, 3, NULL);
	expect_pick("control_lcore = 0;\n" ONE_PORT, 0, 0xf, w1, 1, -22,
	            "t.cfg:1: control_lcore: lcore 0 is the main lcore");
	expect_pick("control_lcore = 2;\n" ONE_PORT, 0, 0xf, w12, 2, -22,
	            "t.cfg:1: control_lcore: lcore 2 is also a worker");
	expect_pick("control_lcore = 5;\n" ONE_PORT, 0, 0xf, w1, 1, -22,
	            "t.cfg:1: control_lcore: lcore 5 is not enabled (EAL -l/--lcores)");
	expect_pick("control_lcore = 100;\n" ONE_PORT, 0, 0xf, w1, 1, -22,
	            "t.cfg:1: control_lcore: lcore 100 is not enabled (EAL -l/--lcores)");
}

int cfg_test_register_carp_lib(void)
{
	CU_pSuite s = CU_add_suite("cfg_carp_lib", NULL, NULL);

	if (s == NULL)
		return -1;
	if (CU_add_test(s, "mickey_minnie", test_mickey) == NULL ||
	    CU_add_test(s, "donald_daisy", test_donald) == NULL ||
	    CU_add_test(s, "optional_fields", test_optional_fields) == NULL ||
	    CU_add_test(s, "examples_attach", test_examples_attach) == NULL ||
	    CU_add_test(s, "names", test_names) == NULL ||
	    CU_add_test(s, "control_lcore_pick", test_control_lcore_pick) == NULL)
		return -1;
	return 0;
}
