/* SPDX-License-Identifier: BSD-2-Clause */
/* cfg_diff: what a reload refuses (exact FILE:LINE: reason) and what it flags to apply. */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "cfg_diff.h"
#include "cfg_test.h"

/* Two ports, one route, one neighbour, two carp interfaces: line numbers matter. */
#define PORTS                                                                                      \
	"workers = [ 1 ];\n"                                                                       \
	"ports = (\n"                                                                              \
	"  { name = \"lan0\"; device = \"net_null0\"; addresses = [ \"192.0.2.2/24\" ]; },\n"      \
	"  { name = \"srv0\"; device = \"net_null1\"; addresses = [ \"198.51.100.2/24\" ]; }\n"    \
	");\n"
#define ROUTES                                                                                     \
	"routes = ( { prefix = \"203.0.113.0/24\"; via = \"198.51.100.9\"; } );\n"                 \
	"neighbours = ( { address = \"198.51.100.9\"; mac = \"02:00:00:00:00:09\"; } );\n"
#define CARP0                                                                                      \
	"    { name = \"carp0\"; carpdev = \"lan0\"; vhid = 1; advskew = 10; pass = \"p\";\n"      \
	"      addresses = [ \"192.0.2.1/24\" ]; }"
#define CARP1                                                                                      \
	"    { name = \"carp1\"; carpdev = \"srv0\"; vhid = 2; advskew = 10;\n"                    \
	"      addresses = [ \"198.51.100.1/24\" ]; }"
#define CARP(globals, ifs) "carp = { " globals " interfaces = (\n" ifs "\n  );\n};\n"

static const char *const base = PORTS ROUTES CARP("", CARP0 ",\n" CARP1);

/* Loads both texts, diffs; returns cfg_diff's result, errors in *errs. */
static int diff_of(const char *old_text, const char *new_text, struct cfg_diff *d,
                   struct cfg_errors *errs, char *desc, size_t len)
{
	struct cfg old, new;
	int ret;

	cfg_expect_valid(&old, old_text);
	cfg_expect_valid(&new, new_text);
	cfg_errors_init(errs);
	ret = cfg_diff(&old, &new, d, errs);
	if (ret == 0 && desc != NULL)
		cfg_diff_describe(d, &old, &new, desc, len);
	cfg_free(&old);
	cfg_free(&new);
	return ret;
}

static void expect_refused(const char *new_text, const char *want)
{
	struct cfg_errors errs;
	struct cfg_diff d;

	CU_ASSERT_EQUAL(diff_of(base, new_text, &d, &errs, NULL, 0), -22);
	CU_ASSERT_EQUAL(errs.n, 1);
	if (errs.n >= 1)
		CU_ASSERT_STRING_EQUAL(errs.msg[0], want);
	if (errs.n != 1 || strcmp(errs.msg[0], want) != 0)
		fprintf(stderr, "\n    want: %s\n    got: %s (%u)", want, errs.n ? errs.msg[0] : "",
		        errs.n);
}

static void expect_applied(const char *new_text, const char *want_desc)
{
	struct cfg_errors errs;
	struct cfg_diff d;
	char desc[256] = "";

	CU_ASSERT_EQUAL(diff_of(base, new_text, &d, &errs, desc, sizeof(desc)), 0);
	CU_ASSERT_EQUAL(errs.n, 0);
	CU_ASSERT_STRING_EQUAL(desc, want_desc);
	if (strcmp(desc, want_desc) != 0)
		fprintf(stderr, "\n    want: %s\n    got: %s", want_desc, desc);
}

static void test_same(void)
{
	expect_applied(base, "nothing");
}

static void test_refused(void)
{
	expect_refused(PORTS "polling = \"adaptive\";\n" ROUTES CARP("", CARP0 ",\n" CARP1),
	               "t.cfg:6: polling cannot change live (restart the router)");
	expect_refused(
	    "workers = [ 1 ];\n"
	    "ports = (\n"
	    "  { name = \"lan0\"; device = \"net_null0\"; addresses = [ \"192.0.2.2/24\" "
	    "]; rx_queues = 2; },\n"
	    "  { name = \"srv0\"; device = \"net_null1\"; addresses = [ "
	    "\"198.51.100.2/24\" ]; }\n"
	    ");\n" ROUTES CARP("", CARP0 ",\n" CARP1),
	    "t.cfg:3: port \"lan0\": rx_queues cannot change live (restart the router)");
	expect_refused(
	    "workers = [ 1 ];\n"
	    "ports = (\n"
	    "  { name = \"lan0\"; device = \"net_null0\"; addresses = [ \"192.0.2.2/24\" "
	    "]; }\n"
	    ");\n" CARP("", CARP0),
	    "t.cfg:2: ports: the port set cannot change live (restart the router)");
	expect_refused(PORTS ROUTES
	               "tables = { neighbours = 4096; };\n" CARP("", CARP0 ",\n" CARP1),
	               "t.cfg:8: tables: neighbours cannot change live (restart the router)");
	expect_refused(PORTS ROUTES,
	               "t.cfg: carp: removing the last carp interface cannot change live (restart "
	               "the router)");
	/* IPv6 tables are built once at start (cfg_diff6.c) */
	expect_refused(
	    "workers = [ 1 ];\n"
	    "ports = (\n"
	    "  { name = \"lan0\"; device = \"net_null0\"; addresses = [ \"192.0.2.2/24\", "
	    "\"2001:db8:1::2/64\" ]; },\n"
	    "  { name = \"srv0\"; device = \"net_null1\"; addresses = [ "
	    "\"198.51.100.2/24\" ]; }\n"
	    ");\n" ROUTES CARP("", CARP0 ",\n" CARP1),
	    "t.cfg:3: port \"lan0\": IPv6 cannot change live (restart the router)");
	expect_refused(PORTS ROUTES
	               "routes6 = ( { prefix = \"2001:db8:9::/48\"; port = \"srv0\"; } );\n" CARP(
	                   "", CARP0 ",\n" CARP1),
	               "t.cfg:8: routes6 cannot change live (restart the router)");
	expect_refused(PORTS ROUTES
	               "neighbours6 = ( { address = \"fe80::9\"; port = \"srv0\"; "
	               "mac = \"02:00:00:00:00:09\"; } );\n" CARP("", CARP0 ",\n" CARP1),
	               "t.cfg:8: neighbours6 cannot change live (restart the router)");
}

static void test_tables(void)
{
	expect_applied(PORTS
	               "routes = ( { prefix = \"203.0.113.0/25\"; via = \"198.51.100.9\"; } );\n"
	               "neighbours = ( { address = \"198.51.100.9\"; mac = \"02:00:00:00:00:09\"; "
	               "} );\n" CARP("", CARP0 ",\n" CARP1),
	               "routes");
	expect_applied(PORTS
	               "routes = ( { prefix = \"203.0.113.0/24\"; via = \"198.51.100.9\"; } );\n"
	               "neighbours = ( { address = \"198.51.100.9\"; mac = \"02:00:00:00:00:0a\"; "
	               "} );\n" CARP("", CARP0 ",\n" CARP1),
	               "neighbours");
	expect_applied("log_level = \"debug\";\n" PORTS ROUTES CARP("", CARP0 ",\n" CARP1),
	               "log_level");
	expect_applied(
	    "workers = [ 1 ];\n"
	    "ports = (\n"
	    "  { name = \"lan0\"; device = \"net_null0\"; addresses = [ \"192.0.2.3/24\" "
	    "]; },\n"
	    "  { name = \"srv0\"; device = \"net_null1\"; addresses = [ "
	    "\"198.51.100.2/24\" ]; }\n"
	    ");\n" ROUTES CARP("", CARP0 ",\n" CARP1),
	    "addresses");
}

static void test_carp(void)
{
	struct cfg_errors errs;
	struct cfg_diff d;
	char desc[256];

	/* advskew of carp1 only: carp0 unchanged, its index kept */
	CU_ASSERT_EQUAL(
	    diff_of(base,
	            PORTS ROUTES CARP("", CARP0 ",\n"
	                                        "    { name = \"carp1\"; carpdev = \"srv0\"; "
	                                        "vhid = 2; advskew = 20;\n"
	                                        "      addresses = [ \"198.51.100.1/24\" ]; }"),
	            &d, &errs, desc, sizeof(desc)),
	    0);
	CU_ASSERT_STRING_EQUAL(desc, "carp1 (changed)");
	CU_ASSERT_EQUAL(d.carp_old[0], 0);
	CU_ASSERT_FALSE(d.carp_changed[0]);
	CU_ASSERT_EQUAL(d.carp_old[1], 1);
	CU_ASSERT_TRUE(d.carp_changed[1]);
	/* reordered: matched by name, nothing changed */
	expect_applied(PORTS ROUTES CARP("", CARP1 ",\n" CARP0), "nothing");
	/* removed, added, globals */
	expect_applied(PORTS ROUTES CARP("", CARP0), "carp1 (removed)");
	expect_applied(PORTS ROUTES CARP("preempt = true;", CARP0 ",\n" CARP1), "carp globals");
	CU_ASSERT_EQUAL(diff_of(PORTS ROUTES CARP("", CARP0), base, &d, &errs, desc, sizeof(desc)),
	                0);
	CU_ASSERT_STRING_EQUAL(desc, "carp1 (added)");
	CU_ASSERT_EQUAL(d.carp_old[1], CFG_DIFF_NONE);
	/* the same name on another carpdev is another interface */
	expect_applied(PORTS ROUTES CARP("", CARP0
	                                 ",\n"
	                                 "    { name = \"carp1\"; carpdev = \"lan0\"; vhid = 2; "
	                                 "advskew = 10;\n"
	                                 "      addresses = [ \"192.0.2.5/24\" ]; }"),
	               "carp1 (added), carp1 (removed)");
}

int cfg_test_register_diff(void)
{
	CU_pSuite s = CU_add_suite("cfg_diff", NULL, NULL);

	if (s == NULL || CU_add_test(s, "same", test_same) == NULL ||
	    CU_add_test(s, "refused", test_refused) == NULL ||
	    CU_add_test(s, "tables", test_tables) == NULL ||
	    CU_add_test(s, "carp", test_carp) == NULL)
		return -1;
	return 0;
}
