/* SPDX-License-Identifier: BSD-2-Clause */
/* Pure helpers: address/prefix/MAC text, overlap, mbuf sizing, and the command line split. */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "cfg_inet.h"
#include "cfg_test.h"
#include "rtr_args.h"

static void test_prefix_parse(void)
{
	static const char *const bad[] = {
	    "192.0.2.1",
	    "192.0.2.1/",
	    "/24",
	    "192.0.2.1/33",
	    "192.0.2.1/-1",
	    "192.0.2.1/2x",
	    "192.0.2/24",
	    "192.0.2.1.5/24",
	    "192.0.2.256/24",
	    " 192.0.2.1/24",
	    "192.0.2.1/024",
	    "192.0.2.1/24 ",
	    "",
	    "0x1.0.0.0/8",
	};
	uint32_t a;
	uint8_t l;

	CU_ASSERT_EQUAL(cfg_prefix_parse("192.0.2.1/24", &a, &l), 0);
	CU_ASSERT_EQUAL(a, 0xc0000201);
	CU_ASSERT_EQUAL(l, 24);
	CU_ASSERT_EQUAL(cfg_prefix_parse("0.0.0.0/0", &a, &l), 0);
	CU_ASSERT_EQUAL(l, 0);
	CU_ASSERT_EQUAL(cfg_prefix_parse("255.255.255.255/32", &a, &l), 0);
	CU_ASSERT_EQUAL(a, 0xffffffff);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(cfg_prefix_parse(bad[i], &a, &l), -22);
		if (cfg_prefix_parse(bad[i], &a, &l) != -22)
			fprintf(stderr, "\n    accepted \"%s\"", bad[i]);
	}
}

static void test_mac_parse(void)
{
	static const char *const bad[] = {
	    "02:00:00:00:00",     "02:00:00:00:00:00:00", "02:00:00:00:00:0g",
	    "+2:00:00:00:00:01",  " 2:00:00:00:00:01",    "02-00-00-00-00-01",
	    "020:00:00:00:00:01", "02:00:00:00:00:01 ",   "",
	};
	uint8_t m[6];
	char s[CFG_MAC_STRLEN];

	CU_ASSERT_EQUAL(cfg_mac_parse("02:AB:cd:0:1:ff", m), 0);
	CU_ASSERT_STRING_EQUAL(cfg_mac_str(m, s), "02:ab:cd:00:01:ff");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(cfg_mac_parse(bad[i], m), -22);
		if (cfg_mac_parse(bad[i], m) != -22)
			fprintf(stderr, "\n    accepted \"%s\"", bad[i]);
	}
}

static void test_overlap_contains(void)
{
	CU_ASSERT_TRUE(cfg_prefix_overlap(0xc0000201, 24, 0xc0000281, 25));
	CU_ASSERT_TRUE(cfg_prefix_overlap(0xc0000281, 25, 0xc0000201, 24));
	CU_ASSERT_FALSE(cfg_prefix_overlap(0xc0000201, 25, 0xc0000281, 25));
	CU_ASSERT_TRUE(cfg_prefix_overlap(0, 0, 0xc0000201, 32));
	CU_ASSERT_TRUE(cfg_prefix_contains(0xc0000200, 24, 0xc00002ff));
	CU_ASSERT_FALSE(cfg_prefix_contains(0xc0000200, 24, 0xc0000300));
	CU_ASSERT_EQUAL(inet4_mask(0), 0);
	CU_ASSERT_EQUAL(inet4_mask(32), 0xffffffff);
	CU_ASSERT_EQUAL(inet4_mask(1), 0x80000000);
}

static void test_mbufs_needed(void)
{
	struct cfg cfg;

	cfg_expect_valid(&cfg, "ports = ( { name = \"a\"; device = \"d0\"; rx_queues = 2; "
	                       "rx_desc = 512; tx_desc = 256; },\n"
	                       "{ name = \"b\"; device = \"d1\"; } );\n");
	/* a: 2 x 512 + 3 x 256, b: 1024 + 3 x 1024, caches: 3 x (256 + 32) */
	CU_ASSERT_EQUAL(cfg_mbufs_needed(&cfg, 2), 1024 + 768 + 1024 + 3072 + 3 * 288);
	cfg_free(&cfg);
}

static void test_names(void)
{
	CU_ASSERT_STRING_EQUAL(cfg_polling_name(CFG_POLLING_BUSY), "busy");
	CU_ASSERT_STRING_EQUAL(cfg_polling_name(CFG_POLLING_ADAPTIVE), "adaptive");
	CU_ASSERT_STRING_EQUAL(cfg_polling_name(CFG_POLLING_COUNT), "?");
	CU_ASSERT_STRING_EQUAL(cfg_log_level_name(8), "debug");
	CU_ASSERT_STRING_EQUAL(cfg_log_level_name(1), "emerg");
	CU_ASSERT_STRING_EQUAL(cfg_log_level_name(9), "?");
}

#define ARGV(...) ((char *[]){"carp-router", __VA_ARGS__, NULL})
#define ARGC(v)   ((int)(sizeof(v) / sizeof(char *)) - 1)

static int parse(int argc, char **argv, struct rtr_args *a, char *err)
{
	return rtr_args_parse(argc, argv, a, err, 128);
}

static void test_args_split(void)
{
	char **v = ARGV("-l", "0,1", "--log-level=rtr.*:debug", "--", "-c", "r.cfg", "--check");
	struct rtr_args a;
	char err[128] = "";

	CU_ASSERT_EQUAL(parse(7 + 1, v, &a, err), 0);
	CU_ASSERT_EQUAL(a.eal_argc, 4);
	CU_ASSERT_PTR_EQUAL(a.eal_argv, v);
	CU_ASSERT_TRUE(a.eal_given);
	CU_ASSERT_TRUE(a.log_level_given);
	CU_ASSERT_STRING_EQUAL(a.config, "r.cfg");
	CU_ASSERT_TRUE(a.check);
	CU_ASSERT_FALSE(a.version);
}

static void test_args_without_separator(void)
{
	char **v = ARGV("--config=r.cfg", "--check");
	struct rtr_args a;
	char err[128] = "";

	CU_ASSERT_EQUAL(parse(3, v, &a, err), 0);
	CU_ASSERT_EQUAL(a.eal_argc, 1);
	CU_ASSERT_FALSE(a.eal_given);
	CU_ASSERT_FALSE(a.log_level_given);
	CU_ASSERT_STRING_EQUAL(a.config, "r.cfg");
	CU_ASSERT_TRUE(a.check);
	v = ARGV("--version");
	CU_ASSERT_EQUAL(parse(2, v, &a, err), 0);
	CU_ASSERT_TRUE(a.version);
	v = ARGV("--", "-h");
	CU_ASSERT_EQUAL(parse(3, v, &a, err), 0);
	CU_ASSERT_TRUE(a.help);
}

static void test_args_errors(void)
{
	struct {
		char **argv;
		int argc;
		const char *want;
	} cases[] = {
	    {ARGV("--check"), 2, "missing -c FILE"},
	    {ARGV("-l", "1"), 3, "unknown option '-l' (EAL arguments go before \"--\")"},
	    {ARGV("-l", "1", "--", "-c", "r.cfg", "--chek"), 7, "unknown option '--chek'"},
	    {ARGV("--", "-c"), 3, "option -c needs a file name"},
	    {ARGV("--", "-c", "r.cfg", "extra"), 5, "unknown argument 'extra'"},
	    {ARGV("--", "--config="), 3, "empty configuration file name"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rtr_args a;
		char err[128] = "";

		CU_ASSERT_EQUAL(parse(cases[i].argc, cases[i].argv, &a, err), -22);
		CU_ASSERT_STRING_EQUAL(err, cases[i].want);
	}
}

int cfg_test_register_pure(void)
{
	CU_pSuite s = CU_add_suite("cfg_pure", NULL, NULL);

	if (s == NULL || CU_add_test(s, "prefix_parse", test_prefix_parse) == NULL ||
	    CU_add_test(s, "mac_parse", test_mac_parse) == NULL ||
	    CU_add_test(s, "overlap_contains", test_overlap_contains) == NULL ||
	    CU_add_test(s, "mbufs_needed", test_mbufs_needed) == NULL ||
	    CU_add_test(s, "names", test_names) == NULL ||
	    CU_add_test(s, "args_split", test_args_split) == NULL ||
	    CU_add_test(s, "args_without_separator", test_args_without_separator) == NULL ||
	    CU_add_test(s, "args_errors", test_args_errors) == NULL)
		return -1;
	return 0;
}
