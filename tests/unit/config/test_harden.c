/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Configuration checks found by driving the router adversarially (issue 8
 * items 4, 9, 13): IPv6 refused until it is forwarded, carppeer on a subnet
 * edge, NUL bytes that libconfig would silently drop or cut at, virtual
 * address prefix lengths that create no route, and loading at scale (table
 * sizes named by key and line, loading linear in the number of routes).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "cfg_test.h"

/* Two ports on lines 1-4: lan0 192.0.2.1/24, srv0 198.51.100.1/24. */
#define PORTS                                                                                      \
	"ports = (\n"                                                                              \
	"{ name = \"lan0\"; device = \"d0\"; addresses = [ \"192.0.2.1/24\" ]; },\n"               \
	"{ name = \"srv0\"; device = \"d1\"; addresses = [ \"198.51.100.1/24\" ]; }\n"             \
	");\n"
/* One carp interface group on line 7. */
#define IF1(body)  PORTS "carp = {\ninterfaces = (\n{ " body " }\n);\n};\n"
#define OK0        "name = \"carp0\"; carpdev = \"lan0\"; vhid = 1; addresses = [ \"192.0.2.10/24\" ];"
#define C0         "name = \"carp0\"; carpdev = \"lan0\"; vhid = 1; "
#define E0         "t.cfg:7: carp interface \"carp0\": "
#define IPV6_NOTE  "IPv6 on carp interfaces is not supported yet (CARP runs over IPv4 only)"

#define HARDEN_CASES(X)                                                                            \
	/* item 4: IPv6 refused with one message, wherever an address is given */                  \
	X(vip_ipv6, IF1(C0 "addresses = [ \"2001:db8::10/64\" ];"),                                \
	  E0 "address 2001:db8::10/64: " IPV6_NOTE)                                                \
	X(vip_ipv6_among_ipv4, IF1(C0 "addresses = [ \"192.0.2.10/24\", \"2001:db8::10/64\" ];"),  \
	  E0 "address 2001:db8::10/64: " IPV6_NOTE)                                                \
	X(vip_ipv6_no_len, IF1(C0 "addresses = [ \"2001:db8::10\" ];"),                            \
	  E0 "address 2001:db8::10: " IPV6_NOTE)                                                   \
	X(carppeer_ipv6, IF1(OK0 " carppeer = \"2001:db8::2\";"),                                  \
	  E0 "carppeer 2001:db8::2: " IPV6_NOTE)                                                   \
	/* ports take IPv6 (cfg_inet6 tests); a link-local there is refused */                     \
	X(port_ipv6_link_local,                                                                    \
	  "ports = (\n{ name = \"lan0\"; device = \"d0\"; addresses = [ \"fe80::1/64\" ]; "        \
	  "}\n);\n",                                                                               \
	  "t.cfg:2: port \"lan0\": address fe80::1/64 is link-local: give it as link_local = "     \
	  "\"ADDR\" (one per port)")                                                               \
	/* item 9: carppeer on the subnet's edge, as the VIP check */                              \
	X(carppeer_broadcast, IF1(OK0 " carppeer = \"192.0.2.255\";"),                             \
	  E0 "carppeer 192.0.2.255 is the broadcast address of 192.0.2.0/24")                      \
	X(carppeer_network, IF1(OK0 " carppeer = \"192.0.2.0\";"),                                 \
	  E0 "carppeer 192.0.2.0 is the network address of 192.0.2.0/24")                          \
	/* item 9: "\x00" in a string: libconfig 1.5 drops it without a word */                    \
	X(pass_nul_escape, IF1(OK0 " pass = \"ab\\x00cd\";"),                                      \
	  "t.cfg:7: string holds \\x00: libconfig would silently drop it (a passphrase would "     \
	  "change); remove it")                                                                    \
	X(name_nul_escape,                                                                         \
	  IF1("name = \"carp0\\x00x\"; carpdev = \"lan0\"; vhid = 1; "                             \
	      "addresses = [ \"192.0.2.10/24\" ];"),                                               \
	  "t.cfg:7: string holds \\x00: libconfig would silently drop it (a passphrase would "     \
	  "change); remove it")                                                                    \
	/* item 9: a virtual address's prefix length must be its subnet's */                       \
	X(vip_len_wider, IF1(C0 "addresses = [ \"192.0.2.10/16\" ];"),                             \
	  E0 "address 192.0.2.10/16: prefix length 16 is not the /24 of its connected subnet "     \
	     "192.0.2.0/24 (a virtual address creates no route of its own; write 192.0.2.10/24)")  \
	X(vip_len_narrower, IF1(C0 "addresses = [ \"192.0.2.10/28\" ];"),                          \
	  E0 "address 192.0.2.10/28: prefix length 28 is not the /24 of its connected subnet "     \
	     "192.0.2.0/24 (a virtual address creates no route of its own; write 192.0.2.10/24)")  \
	X(vip_len_host, IF1(C0 "addresses = [ \"192.0.2.10/32\" ];"),                              \
	  E0 "address 192.0.2.10/32: prefix length 32 is not the /24 of its connected subnet "     \
	     "192.0.2.0/24 (a virtual address creates no route of its own; write 192.0.2.10/24)")  \
	/* item 13: an explicit table size too small: the key and its line */                      \
	X(routes_key_line,                                                                         \
	  PORTS "tables = {\n  neighbours = 64;\n  routes = 16;\n};\nroutes = (\n"                 \
	        "{ prefix = \"10.0.0.0/16\"; via = \"198.51.100.2\"; },\n"                         \
	        "{ prefix = \"10.1.0.0/16\"; via = \"198.51.100.2\"; },\n"                         \
	        "{ prefix = \"10.2.0.0/16\"; via = \"198.51.100.2\"; },\n"                         \
	        "{ prefix = \"10.3.0.0/16\"; via = \"198.51.100.2\"; },\n"                         \
	        "{ prefix = \"10.4.0.0/16\"; via = \"198.51.100.2\"; },\n"                         \
	        "{ prefix = \"10.5.0.0/16\"; via = \"198.51.100.2\"; },\n"                         \
	        "{ prefix = \"10.6.0.0/16\"; via = \"198.51.100.2\"; },\n"                         \
	        "{ prefix = \"10.7.0.0/16\"; via = \"198.51.100.2\"; },\n"                         \
	        "{ prefix = \"10.8.0.0/16\"; via = \"198.51.100.2\"; },\n"                         \
	        "{ prefix = \"10.9.0.0/16\"; via = \"198.51.100.2\"; },\n"                         \
	        "{ prefix = \"10.10.0.0/16\"; via = \"198.51.100.2\"; },\n"                        \
	        "{ prefix = \"10.11.0.0/16\"; via = \"198.51.100.2\"; },\n"                        \
	        "{ prefix = \"10.12.0.0/16\"; via = \"198.51.100.2\"; }\n);\n",                    \
	  "t.cfg:7: tables: routes 16 too small for 17 routes (13 static, plus 2 per address): "   \
	  "raise tables.routes to 17 or more, or leave it out to size it from the file")           \
	X(neighbours_key_line,                                                                     \
	  PORTS "tables = {\n  neighbours = 16;\n};\nneighbours = (\n"                             \
	        "{ address = \"198.51.100.2\"; mac = \"02:00:00:00:00:02\"; },\n"                  \
	        "{ address = \"198.51.100.3\"; mac = \"02:00:00:00:00:03\"; },\n"                  \
	        "{ address = \"198.51.100.4\"; mac = \"02:00:00:00:00:04\"; },\n"                  \
	        "{ address = \"198.51.100.5\"; mac = \"02:00:00:00:00:05\"; },\n"                  \
	        "{ address = \"198.51.100.6\"; mac = \"02:00:00:00:00:06\"; },\n"                  \
	        "{ address = \"198.51.100.7\"; mac = \"02:00:00:00:00:07\"; },\n"                  \
	        "{ address = \"198.51.100.8\"; mac = \"02:00:00:00:00:08\"; },\n"                  \
	        "{ address = \"198.51.100.9\"; mac = \"02:00:00:00:00:09\"; },\n"                  \
	        "{ address = \"198.51.100.10\"; mac = \"02:00:00:00:00:0a\"; },\n"                 \
	        "{ address = \"198.51.100.11\"; mac = \"02:00:00:00:00:0b\"; },\n"                 \
	        "{ address = \"198.51.100.12\"; mac = \"02:00:00:00:00:0c\"; },\n"                 \
	        "{ address = \"198.51.100.13\"; mac = \"02:00:00:00:00:0d\"; },\n"                 \
	        "{ address = \"198.51.100.14\"; mac = \"02:00:00:00:00:0e\"; },\n"                 \
	        "{ address = \"198.51.100.15\"; mac = \"02:00:00:00:00:0f\"; },\n"                 \
	        "{ address = \"198.51.100.16\"; mac = \"02:00:00:00:00:10\"; },\n"                 \
	        "{ address = \"198.51.100.17\"; mac = \"02:00:00:00:00:11\"; },\n"                 \
	        "{ address = \"198.51.100.18\"; mac = \"02:00:00:00:00:12\"; }\n);\n",             \
	  "t.cfg:6: tables: neighbours 16 too small for 17 static neighbours: raise "              \
	  "tables.neighbours to 17 or more, or leave it out to size it from the file")

#define CASE_FN(name, text, want)                                                                  \
	static void test_##name(void)                                                              \
	{                                                                                          \
		cfg_expect_error(text, want);                                                      \
	}
HARDEN_CASES(CASE_FN)
#undef CASE_FN

/* A raw NUL byte cannot be in a C string: write it to a file. libconfig 1.5
 * cuts the string there ("ab\0cd" reads as "ab"). */
static void test_pass_nul_byte(void)
{
	static const char head[] = IF1(OK0 " pass = \"ab");
	static const char tail[] = "cd\"; }\n);\n};\n";
	char path[] = "/tmp/cfg_nul.XXXXXX", want[64];
	struct cfg_errors errs;
	struct cfg cfg;
	int fd = mkstemp(path);
	FILE *f;

	CU_ASSERT_FATAL(fd >= 0);
	f = fdopen(fd, "w");
	CU_ASSERT_FATAL(f != NULL);
	/* IF1 closes the group itself: write up to the pass, a NUL, the rest */
	fwrite(head, 1, strlen(head) - strlen(" }\n);\n};\n"), f);
	fputc('\0', f);
	fwrite(tail, 1, strlen(tail), f);
	fclose(f);
	cfg_errors_init(&errs);
	CU_ASSERT_EQUAL(cfg_load_file(&cfg, path, &errs), -22);
	CU_ASSERT_EQUAL(errs.n, 1);
	snprintf(want, sizeof(want), "%s:7: NUL byte in the file", path);
	if (errs.n >= 1) {
		CU_ASSERT_NSTRING_EQUAL(errs.msg[0], want, strlen(want));
		CU_ASSERT_STRING_EQUAL(errs.msg[0] + strlen(want),
		                       ": libconfig would cut the string there; remove it");
		if (strncmp(errs.msg[0], want, strlen(want)) != 0)
			fprintf(stderr, "\n    got: %s\n", errs.msg[0]);
	}
	cfg_free(&cfg);
	unlink(path);
}

/* "\\x00" (an escaped backslash, then x00) is ordinary text: accepted. */
static void test_escaped_backslash_ok(void)
{
	struct cfg cfg;

	cfg_expect_valid(&cfg, IF1(OK0 " pass = \"ab\\\\x00\";"));
	CU_ASSERT_EQUAL(cfg.carp.ifs[0].pass_len, 6);
	CU_ASSERT_NSTRING_EQUAL(cfg.carp.ifs[0].pass, "ab\\x00", 6);
	cfg_free(&cfg);
}

/* "\x00" inside a comment is not a string: accepted. */
static void test_nul_escape_in_comment_ok(void)
{
	struct cfg cfg;

	cfg_expect_valid(&cfg, "# pass = \"\\x00\"\n// \"\\x00\"\n/* \"\\x00\" */\n" PORTS);
	cfg_free(&cfg);
}

/* n routes 10.x.y.z/28 via 198.51.100.2, one per line, after PORTS and
 * tables (route #1 on line 6 when tables is ""); the last route repeats
 * route #2 when dup_last. */
static char *routes_text(const char *tables, unsigned int n, bool dup_last)
{
	size_t cap = strlen(PORTS) + strlen(tables) + 64 + (size_t)n * 64;
	char *t = malloc(cap), *p;

	if (t == NULL)
		abort(); /* a test host out of memory: nothing sensible to assert */
	p = t + sprintf(t, "%s%sroutes = (\n", PORTS, tables);
	for (unsigned int i = 0; i < n; i++) {
		uint32_t a = 0x0a000000u + (dup_last && i + 1 == n ? 1 : i) * 16;

		p += sprintf(p, "{ prefix = \"%u.%u.%u.%u/28\"; via = \"198.51.100.2\"; }%s\n",
		             a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff,
		             i + 1 < n ? "," : "");
	}
	strcpy(p, ");\n");
	return t;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 200 000 routes with a table that fits load (the time is printed, not
 * asserted: speed belongs to benchmarks; the quadratic duplicate check made
 * this take 22 s). */
static void test_routes_200k(void)
{
	char *t = routes_text("tables = { routes = 200016; };\n", 200000, false);
	struct cfg cfg;
	double t0 = now_s();

	cfg_expect_valid(&cfg, t);
	printf("\n    200000 routes loaded in %.2f s ", now_s() - t0);
	CU_ASSERT_EQUAL(cfg.n_routes, 200000);
	CU_ASSERT_EQUAL(cfg.tables.routes, 200016);
	cfg_free(&cfg);
	free(t);
}

/* Without tables.routes the table is sized from the file. */
static void test_routes_auto_size(void)
{
	char *t = routes_text("", 3000, false);
	struct cfg cfg;

	cfg_expect_valid(&cfg, t);
	CU_ASSERT_EQUAL(cfg.n_routes, 3000);
	CU_ASSERT_EQUAL(cfg.tables.routes, 3004); /* 3000 static + 2 x 2 addresses */
	cfg_free(&cfg);
	free(t);
}

/* A duplicate among many is found, and named against its first line. */
static void test_routes_duplicate_far(void)
{
	char *t = routes_text("", 5000, true);

	cfg_expect_error(t, "t.cfg:5005: route 10.0.0.16/28: defined twice (first at line 7)");
	free(t);
}

int cfg_test_register_harden(void)
{
	CU_pSuite s = CU_add_suite("cfg_harden", NULL, NULL);

	if (s == NULL)
		return -1;
#define CASE_ADD(name, text, want)                                                                 \
	if (CU_add_test(s, #name, test_##name) == NULL)                                            \
		return -1;
	HARDEN_CASES(CASE_ADD)
#undef CASE_ADD
	if (CU_add_test(s, "pass_nul_byte", test_pass_nul_byte) == NULL ||
	    CU_add_test(s, "escaped_backslash_ok", test_escaped_backslash_ok) == NULL ||
	    CU_add_test(s, "nul_escape_in_comment_ok", test_nul_escape_in_comment_ok) == NULL ||
	    CU_add_test(s, "routes_200k", test_routes_200k) == NULL ||
	    CU_add_test(s, "routes_auto_size", test_routes_auto_size) == NULL ||
	    CU_add_test(s, "routes_duplicate_far", test_routes_duplicate_far) == NULL)
		return -1;
	return 0;
}
