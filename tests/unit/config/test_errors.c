/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One case per kind of configuration error, each asserting the exact
 * "t.cfg:LINE: object: reason" text and that it is the only error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "cfg_test.h"

/* Two valid ports on lines 1-4; cases append their text from line 5. */
#define PORTS                                                                                      \
	"ports = (\n"                                                                              \
	"{ name = \"lan0\"; device = \"net_pcap0\"; addresses = [ \"192.0.2.1/24\" ]; },\n"        \
	"{ name = \"srv0\"; device = \"net_pcap1\"; addresses = [ \"198.51.100.1/24\" ]; }\n"      \
	");\n"
/* One port "lan0" on line 2 with extra keys. */
#define PORT(extra) "ports = (\n{ name = \"lan0\"; device = \"net_pcap0\"; " extra " }\n);\n"
/* PORTS, then one route group on line 6. */
#define ROUTE(body) PORTS "routes = (\n{ " body " }\n);\n"
/* PORTS, then one neighbour group on line 6. */
#define NEIGH(body) PORTS "neighbours = (\n{ " body " }\n);\n"
#define GW          "prefix = \"203.0.113.0/24\"; via = \"198.51.100.2\";"

#define ERROR_CASES(X)                                                                             \
	/* libconfig */                                                                            \
	X(syntax, PORTS "log_level = ;\n", "t.cfg:5: syntax error")                                \
	X(duplicate_key, PORTS "polling = \"busy\";\npolling = \"busy\";\n",                       \
	  "t.cfg:6: syntax error: duplicate setting name")                                         \
	/* unknown keys */                                                                         \
	X(unknown_top_key, PORTS "vrrp = { };\n", "t.cfg:5: unknown key \"vrrp\"")                 \
	X(unknown_port_key, PORT("colour = \"red\";"),                                             \
	  "t.cfg:2: port \"lan0\": unknown key \"colour\"")                                        \
	X(unknown_route_key, ROUTE(GW " metric = 1;"),                                             \
	  "t.cfg:6: route 203.0.113.0/24: unknown key \"metric\"")                                 \
	X(unknown_neigh_key,                                                                       \
	  NEIGH("address = \"198.51.100.2\"; mac = \"02:00:00:00:00:01\"; port = \"srv0\";"),      \
	  "t.cfg:6: neighbour 198.51.100.2: unknown key \"port\"")                                 \
	X(unknown_tables_key, PORTS "tables = { lpm = 1; };\n",                                    \
	  "t.cfg:5: tables: unknown key \"lpm\"")                                                  \
	/* types */                                                                                \
	X(int_as_string, PORT("mtu = \"1500\";"),                                                  \
	  "t.cfg:2: port \"lan0\": mtu must be an integer")                                        \
	X(int_as_float, PORT("mtu = 1500.0;"), "t.cfg:2: port \"lan0\": mtu must be an integer")   \
	X(string_as_int, "ports = (\n{ name = 5; device = \"net_pcap0\"; }\n);\n",                 \
	  "t.cfg:2: port #1: name must be a string")                                               \
	X(choice_as_int, PORTS "log_level = 3;\n", "t.cfg:5: log_level must be a string")          \
	X(sleep_as_string, PORTS "sleep_max_us = \"x\";\n",                                        \
	  "t.cfg:5: sleep_max_us must be an integer")                                              \
	X(tables_not_group, PORTS "tables = 5;\n",                                                 \
	  "t.cfg:5: tables must be a group: tables = { ... };")                                    \
	X(ports_not_list, "ports = { name = \"lan0\"; };\n",                                       \
	  "t.cfg:1: ports must be a list of groups: ports = ( { ... }, ... );")                    \
	X(ports_element, "ports = ( 5 );\n", "t.cfg:1: ports: element 1 must be a group { ... }")  \
	X(routes_not_list, PORTS "routes = [ \"203.0.113.0/24\" ];\n",                             \
	  "t.cfg:5: routes must be a list of groups: routes = ( { ... }, ... );")                  \
	X(addresses_not_list, PORT("addresses = \"192.0.2.1/24\";"),                               \
	  "t.cfg:2: port \"lan0\": addresses must be a list of strings: [ \"A.B.C.D/LEN\" ]")      \
	X(addresses_element, PORT("addresses = [ 1 ];"),                                           \
	  "t.cfg:2: port \"lan0\": addresses: element 1 must be a string")                         \
	/* ranges */                                                                               \
	X(mtu_high, PORT("mtu = 70000;"),                                                          \
	  "t.cfg:2: port \"lan0\": mtu 70000 out of range 68-9600")                                \
	X(mtu_low, PORT("mtu = 67;"), "t.cfg:2: port \"lan0\": mtu 67 out of range 68-9600")       \
	X(rx_queues_zero, PORT("rx_queues = 0;"),                                                  \
	  "t.cfg:2: port \"lan0\": rx_queues 0 out of range 1-64")                                 \
	X(rx_desc_low, PORT("rx_desc = 32;"),                                                      \
	  "t.cfg:2: port \"lan0\": rx_desc 32 out of range 64-16384")                              \
	X(tx_desc_high, PORT("tx_desc = 20000;"),                                                  \
	  "t.cfg:2: port \"lan0\": tx_desc 20000 out of range 64-16384")                           \
	X(negative, PORT("mtu = -1;"), "t.cfg:2: port \"lan0\": mtu -1 out of range 68-9600")      \
	X(idle_polls_zero, PORTS "idle_polls = 0;\n",                                              \
	  "t.cfg:5: idle_polls 0 out of range 1-1000000")                                          \
	X(tables_routes_low, PORTS "tables = { routes = 8; };\n",                                  \
	  "t.cfg:5: tables: routes 8 out of range 16-1048576")                                     \
	X(tables_mbufs_high, PORTS "tables = { mbufs = 2000000; };\n",                             \
	  "t.cfg:5: tables: mbufs 2000000 out of range 1023-1048576")                              \
	/* choices */                                                                              \
	X(log_level_unknown, PORTS "log_level = \"loud\";\n",                                      \
	  "t.cfg:5: log_level \"loud\" unknown (one of: emerg, alert, crit, error, warning, "      \
	  "notice, info, debug)")                                                                  \
	X(polling_unknown, PORTS "polling = \"lazy\";\n",                                          \
	  "t.cfg:5: polling \"lazy\" unknown (one of: busy, adaptive)")                            \
	/* required, empty, long, bad names */                                                     \
	X(missing_name, "ports = (\n{ device = \"net_pcap0\"; }\n);\n",                            \
	  "t.cfg:2: port #1: missing name")                                                        \
	X(missing_device, "ports = (\n{ name = \"lan0\"; }\n);\n",                                 \
	  "t.cfg:2: port \"lan0\": missing device")                                                \
	X(empty_device, "ports = (\n{ name = \"lan0\"; device = \"\"; }\n);\n",                    \
	  "t.cfg:2: port \"lan0\": device is empty")                                               \
	X(long_name, "ports = (\n{ name = \"averyveryverylongname\"; device = \"d\"; }\n);\n",     \
	  "t.cfg:2: port #1: name \"averyveryverylongname\" longer than 15 characters")            \
	X(bad_name, "ports = (\n{ name = \"lan 1\"; device = \"d\"; }\n);\n",                      \
	  "t.cfg:2: port #1: name \"lan 1\" may hold only letters, digits, '_', '-', '.'")         \
	/* workers */                                                                              \
	X(workers_twice, PORTS "workers = [ 1, 1 ];\n", "t.cfg:5: workers: lcore 1 listed twice")  \
	X(workers_range, PORTS "workers = [ 200 ];\n",                                             \
	  "t.cfg:5: workers: lcore 200 out of range 0-127")                                        \
	X(workers_empty, PORTS "workers = [ ];\n",                                                 \
	  "t.cfg:5: workers is empty (leave it out to use every lcore but the main one)")          \
	X(workers_scalar, PORTS "workers = 1;\n",                                                  \
	  "t.cfg:5: workers must be a list of lcore ids: workers = [ 1, 2 ];")                     \
	X(workers_string, PORTS "workers = [ \"1\" ];\n",                                          \
	  "t.cfg:5: workers: element 1 must be an integer")                                        \
	X(workers_over_queues, PORTS "workers = [ 1, 2, 3 ];\n",                                   \
	  "t.cfg:5: workers: 3 workers but only 2 rx queues in all (each worker needs one; raise " \
	  "rx_queues)")                                                                            \
	X(mbufs_too_few, PORTS "tables = { mbufs = 1023; };\nworkers = [ 1 ];\n",                  \
	  "t.cfg:5: tables: mbufs 1023 too small for the port rings of 1 workers (needs at least " \
	  "6720)")                                                                                 \
	/* ports */                                                                                \
	X(no_ports, "log_level = \"info\";\n",                                                     \
	  "t.cfg: no ports: ports = ( { name = ...; device = ...; } );")                           \
	X(empty_ports, "ports = ( );\n",                                                           \
	  "t.cfg:1: no ports: ports = ( { name = ...; device = ...; } );")                         \
	X(port_twice,                                                                              \
	  "ports = (\n{ name = \"lan0\"; device = \"net_pcap0\"; },\n"                             \
	  "{ name = \"lan0\"; device = \"net_pcap1\"; }\n);\n",                                    \
	  "t.cfg:3: port \"lan0\": defined twice (first at line 2)")                               \
	X(device_twice,                                                                            \
	  "ports = (\n{ name = \"lan0\"; device = \"net_pcap0\"; },\n"                             \
	  "{ name = \"lan1\"; device = \"net_pcap0\"; }\n);\n",                                    \
	  "t.cfg:3: port \"lan1\": device \"net_pcap0\" already used by port \"lan0\"")            \
	/* interface addresses */                                                                  \
	X(address_bad, PORT("addresses = [ \"192.0.2.300/24\" ];"),                                \
	  "t.cfg:2: port \"lan0\": bad address \"192.0.2.300/24\" (expected A.B.C.D/LEN)")         \
	X(address_no_len, PORT("addresses = [ \"192.0.2.1\" ];"),                                  \
	  "t.cfg:2: port \"lan0\": bad address \"192.0.2.1\" (expected A.B.C.D/LEN)")              \
	X(address_len_33, PORT("addresses = [ \"192.0.2.1/33\" ];"),                               \
	  "t.cfg:2: port \"lan0\": bad address \"192.0.2.1/33\" (expected A.B.C.D/LEN)")           \
	X(address_len_0, PORT("addresses = [ \"192.0.2.1/0\" ];"),                                 \
	  "t.cfg:2: port \"lan0\": address 192.0.2.1/0: prefix length 0 out of range 1-32")        \
	X(address_multicast, PORT("addresses = [ \"224.0.0.1/4\" ];"),                             \
	  "t.cfg:2: port \"lan0\": address 224.0.0.1/4 is not a unicast address")                  \
	X(address_loopback, PORT("addresses = [ \"127.0.0.1/8\" ];"),                              \
	  "t.cfg:2: port \"lan0\": address 127.0.0.1/8 is not a unicast address")                  \
	X(address_network, PORT("addresses = [ \"192.0.2.0/24\" ];"),                              \
	  "t.cfg:2: port \"lan0\": address 192.0.2.0/24 is the network address of its subnet")     \
	X(address_broadcast, PORT("addresses = [ \"192.0.2.255/24\" ];"),                          \
	  "t.cfg:2: port \"lan0\": address 192.0.2.255/24 is the broadcast address of its subnet") \
	X(address_overlap_same_port,                                                               \
	  PORT("addresses = [ \"192.0.2.1/24\", \"192.0.2.129/25\" ];"),                           \
	  "t.cfg:2: port \"lan0\": address 192.0.2.129/25 overlaps 192.0.2.1/24 of port \"lan0\" " \
	  "(line 2)")                                                                              \
	X(address_overlap_ports,                                                                   \
	  "ports = (\n{ name = \"lan0\"; device = \"net_pcap0\"; addresses = [ \"192.0.2.1/24\" "  \
	  "]; },\n"                                                                                \
	  "{ name = \"srv0\"; device = \"net_pcap1\";\n  addresses = [ \"192.0.2.130/25\" ]; "     \
	  "}\n);\n",                                                                               \
	  "t.cfg:4: port \"srv0\": address 192.0.2.130/25 overlaps 192.0.2.1/24 of port \"lan0\" " \
	  "(line 2)")                                                                              \
	X(address_too_many,                                                                        \
	  PORT("addresses = [ \"192.0.2.1/29\", \"192.0.2.9/29\", \"192.0.2.17/29\", "             \
	       "\"192.0.2.25/29\", \"192.0.2.33/29\", \"192.0.2.41/29\", \"192.0.2.49/29\", "      \
	       "\"192.0.2.57/29\", \"192.0.2.65/29\" ];"),                                         \
	  "t.cfg:2: port \"lan0\": more than 8 addresses")                                         \
	/* routes */                                                                               \
	X(route_bad_prefix, ROUTE("prefix = \"203.0.113.0\"; via = \"198.51.100.2\";"),            \
	  "t.cfg:6: route #1: bad prefix \"203.0.113.0\" (expected A.B.C.D/LEN)")                  \
	X(route_host_bits, ROUTE("prefix = \"203.0.113.5/24\"; via = \"198.51.100.2\";"),          \
	  "t.cfg:6: route 203.0.113.5/24: host bits set (did you mean 203.0.113.0/24?)")           \
	X(route_missing_prefix, ROUTE("via = \"198.51.100.2\";"),                                  \
	  "t.cfg:6: route #1: missing prefix")                                                     \
	X(route_no_nexthop, ROUTE("prefix = \"203.0.113.0/24\";"),                                 \
	  "t.cfg:6: route 203.0.113.0/24: needs via (gateway) or port (directly connected)")       \
	X(route_both_nexthops, ROUTE(GW " port = \"srv0\";"),                                      \
	  "t.cfg:6: route 203.0.113.0/24: give either via (gateway) or port (directly "            \
	  "connected), not both")                                                                  \
	X(route_bad_gateway, ROUTE("prefix = \"203.0.113.0/24\"; via = \"x\";"),                   \
	  "t.cfg:6: route 203.0.113.0/24: bad gateway \"x\" (expected A.B.C.D)")                   \
	X(route_zero_gateway, ROUTE("prefix = \"203.0.113.0/24\"; via = \"0.0.0.0\";"),            \
	  "t.cfg:6: route 203.0.113.0/24: bad gateway \"0.0.0.0\" (expected A.B.C.D)")             \
	X(route_gateway_unconnected, ROUTE("prefix = \"203.0.113.0/24\"; via = \"10.0.0.1\";"),    \
	  "t.cfg:6: route 203.0.113.0/24: gateway 10.0.0.1 is not on a connected subnet")          \
	X(route_gateway_own, ROUTE("prefix = \"203.0.113.0/24\"; via = \"198.51.100.1\";"),        \
	  "t.cfg:6: route 203.0.113.0/24: gateway 198.51.100.1 is an address of this router")      \
	X(route_twice, PORTS "routes = (\n{ " GW " },\n{ " GW " }\n);\n",                          \
	  "t.cfg:7: route 203.0.113.0/24: defined twice (first at line 6)")                        \
	X(route_connected_prefix, ROUTE("prefix = \"198.51.100.0/24\"; via = \"192.0.2.2\";"),     \
	  "t.cfg:6: route 198.51.100.0/24: same prefix as the connected subnet of port \"srv0\"")  \
	X(route_unknown_port, ROUTE("prefix = \"0.0.0.0/0\"; port = \"wan0\";"),                   \
	  "t.cfg:6: route 0.0.0.0/0: unknown port \"wan0\"")                                       \
	/* neighbours */                                                                           \
	X(neigh_bad_address, NEIGH("address = \"1.2.3\"; mac = \"02:00:00:00:00:01\";"),           \
	  "t.cfg:6: neighbour #1: bad address \"1.2.3\" (expected A.B.C.D)")                       \
	X(neigh_bad_mac, NEIGH("address = \"198.51.100.2\"; mac = \"zz\";"),                       \
	  "t.cfg:6: neighbour 198.51.100.2: bad mac \"zz\" (expected xx:xx:xx:xx:xx:xx)")          \
	X(neigh_short_mac, NEIGH("address = \"198.51.100.2\"; mac = \"02:00:00:00:01\";"),         \
	  "t.cfg:6: neighbour 198.51.100.2: bad mac \"02:00:00:00:01\" (expected "                 \
	  "xx:xx:xx:xx:xx:xx)")                                                                    \
	X(neigh_multicast_mac, NEIGH("address = \"198.51.100.2\"; mac = \"01:00:5e:00:00:01\";"),  \
	  "t.cfg:6: neighbour 198.51.100.2: mac 01:00:5e:00:00:01 is a multicast address")         \
	X(neigh_zero_mac, NEIGH("address = \"198.51.100.2\"; mac = \"00:00:00:00:00:00\";"),       \
	  "t.cfg:6: neighbour 198.51.100.2: mac 00:00:00:00:00:00 is all zeros")                   \
	X(neigh_missing_mac, NEIGH("address = \"198.51.100.2\";"),                                 \
	  "t.cfg:6: neighbour 198.51.100.2: missing mac")                                          \
	X(neigh_twice,                                                                             \
	  PORTS "neighbours = (\n{ address = \"198.51.100.2\"; mac = \"02:00:00:00:00:01\"; },\n"  \
	        "{ address = \"198.51.100.2\"; mac = \"02:00:00:00:00:02\"; }\n);\n",              \
	  "t.cfg:7: neighbour 198.51.100.2: defined twice (first at line 6)")                      \
	X(neigh_unconnected, NEIGH("address = \"10.1.1.1\"; mac = \"02:00:00:00:00:01\";"),        \
	  "t.cfg:6: neighbour 10.1.1.1: is not on a connected subnet")                             \
	X(neigh_broadcast, NEIGH("address = \"198.51.100.255\"; mac = \"02:00:00:00:00:01\";"),    \
	  "t.cfg:6: neighbour 198.51.100.255: is the broadcast address of 198.51.100.0/24")        \
	X(route_gateway_network, ROUTE("prefix = \"203.0.113.0/24\"; via = \"192.0.2.0\";"),       \
	  "t.cfg:6: route 203.0.113.0/24: gateway 192.0.2.0 is the network address of "            \
	  "192.0.2.0/24")                                                                          \
	X(route_local_address, ROUTE("prefix = \"192.0.2.1/32\"; via = \"198.51.100.2\";"),        \
	  "t.cfg:6: route 192.0.2.1/32: same prefix as an address of port \"lan0\"")               \
	X(route_port_without_address,                                                              \
	  "ports = (\n{ name = \"lan0\"; device = \"d0\"; addresses = [ \"192.0.2.1/24\" ]; },\n"  \
	  "{ name = \"dark\"; device = \"d1\"; }\n);\n"                                            \
	  "routes = ( { prefix = \"203.0.113.0/24\"; port = \"dark\"; } );\n",                     \
	  "t.cfg:5: route 203.0.113.0/24: port \"dark\" has no address (ARP needs a source "       \
	  "address)")                                                                              \
	X(neigh_own, NEIGH("address = \"198.51.100.1\"; mac = \"02:00:00:00:00:01\";"),            \
	  "t.cfg:6: neighbour 198.51.100.1: is an address of this router")

#define CASE_FN(name, text, want)                                                                  \
	static void test_##name(void)                                                              \
	{                                                                                          \
		cfg_expect_error(text, want);                                                      \
	}
ERROR_CASES(CASE_FN)
#undef CASE_FN

/*
 * Table sizes need more objects than fit a literal: PORTS, head, then n
 * objects from fmt, which takes (k, k, 0, separator) with k = 2, 3, ...
 */
static char *many(const char *head, const char *fmt, unsigned int n)
{
	size_t len = strlen(PORTS) + strlen(head) + 80 * (n + 2);
	char *t = malloc(len), *p;

	if (t == NULL)
		abort(); /* a test host out of memory: nothing sensible to assert */
	p = t + sprintf(t, "%s%s", PORTS, head);
	for (unsigned int i = 0; i < n; i++)
		p += sprintf(p, fmt, i + 2, i + 2, 0u, i + 1 < n ? "," : "");
	sprintf(p, ");\n");
	return t;
}

static void test_tables_routes_too_small(void)
{
	/* 13 static + 2 addresses x 2 = 17 rules > 16 */
	char *t = many("tables = { routes = 16; };\nroutes = (\n",
	               "{ prefix = \"10.%u.0.0/16\"; via = \"198.51.100.%u\"; }%.0u%s\n", 13);

	cfg_expect_error(t, "t.cfg:5: tables: routes 16 too small for 17 routes (13 static, plus 2 "
	                    "per address): raise tables.routes to 17 or more, or leave it out to "
	                    "size it from the file");
	free(t);
}

static void test_tables_neighbours_too_small(void)
{
	char *t =
	    many("tables = { neighbours = 16; };\nneighbours = (\n",
	         "{ address = \"198.51.100.%u\"; mac = \"02:00:00:00:00:%02x\"; }%.0u%s\n", 17);

	cfg_expect_error(t, "t.cfg:5: tables: neighbours 16 too small for 17 static neighbours: "
	                    "raise tables.neighbours to 17 or more, or leave it out to size it "
	                    "from the file");
	free(t);
}

static void test_file_missing(void)
{
	struct cfg_errors errs;
	struct cfg cfg;

	cfg_errors_init(&errs);
	CU_ASSERT_EQUAL(cfg_load_file(&cfg, "/nonexistent/r.cfg", &errs), -22);
	CU_ASSERT_EQUAL_FATAL(errs.n, 1);
	CU_ASSERT_STRING_EQUAL(errs.msg[0],
	                       "/nonexistent/r.cfg: cannot open: No such file or directory");
	cfg_free(&cfg);
	cfg_errors_init(&errs);
	CU_ASSERT_EQUAL(cfg_load_file(&cfg, "/", &errs), -22);
	CU_ASSERT_EQUAL_FATAL(errs.n, 1);
	CU_ASSERT_STRING_EQUAL(errs.msg[0], "/: cannot open: Is a directory");
	cfg_free(&cfg);
}

/* All errors of a file are reported, in file order, not just the first. */
static void test_all_errors_reported(void)
{
	struct cfg_errors errs;
	struct cfg cfg;

	cfg_errors_init(&errs);
	CU_ASSERT_EQUAL(
	    cfg_load_string(&cfg, CFG_TEST_NAME,
	                    "polling = \"lazy\";\n"
	                    "ports = (\n{ name = \"lan0\"; device = \"d0\"; mtu = 1; },\n"
	                    "{ name = \"lan1\"; device = \"d1\"; rx_desc = 1; }\n);\n"
	                    "vrrp = 1;\n",
	                    &errs),
	    -22);
	CU_ASSERT_EQUAL_FATAL(errs.n, 4);
	CU_ASSERT_STRING_EQUAL(errs.msg[0],
	                       "t.cfg:1: polling \"lazy\" unknown (one of: busy, adaptive)");
	CU_ASSERT_STRING_EQUAL(errs.msg[1], "t.cfg:3: port \"lan0\": mtu 1 out of range 68-9600");
	CU_ASSERT_STRING_EQUAL(errs.msg[2],
	                       "t.cfg:4: port \"lan1\": rx_desc 1 out of range 64-16384");
	CU_ASSERT_STRING_EQUAL(errs.msg[3], "t.cfg:6: unknown key \"vrrp\"");
	cfg_free(&cfg);
}

/* The list is bounded: more errors than CFG_ERRORS_MAX are counted, not stored. */
static void test_error_list_bounded(void)
{
	struct cfg_errors errs;
	struct cfg cfg;
	char *t =
	    many("routes = (\n", "{ prefix = \"10.%u.0.0/16\"; via = \"10.0.0.%u\"; }%.0u%s\n",
	         CFG_ERRORS_MAX + 5);

	cfg_errors_init(&errs);
	CU_ASSERT_EQUAL(cfg_load_string(&cfg, CFG_TEST_NAME, t, &errs), -22);
	CU_ASSERT_EQUAL(errs.n, CFG_ERRORS_MAX);
	CU_ASSERT_EQUAL(errs.dropped, 5);
	CU_ASSERT_STRING_EQUAL(
	    errs.msg[0],
	    "t.cfg:6: route 10.2.0.0/16: gateway 10.0.0.2 is not on a connected subnet");
	cfg_free(&cfg);
	free(t);
}

int cfg_test_register_errors(void)
{
	CU_pSuite s = CU_add_suite("cfg_errors", NULL, NULL);

	if (s == NULL)
		return -1;
#define CASE_ADD(name, text, want)                                                                 \
	if (CU_add_test(s, #name, test_##name) == NULL)                                            \
		return -1;
	ERROR_CASES(CASE_ADD)
#undef CASE_ADD
	if (CU_add_test(s, "tables_routes_too_small", test_tables_routes_too_small) == NULL ||
	    CU_add_test(s, "tables_neighbours_too_small", test_tables_neighbours_too_small) ==
	        NULL ||
	    CU_add_test(s, "file_missing", test_file_missing) == NULL ||
	    CU_add_test(s, "all_errors_reported", test_all_errors_reported) == NULL ||
	    CU_add_test(s, "error_list_bounded", test_error_list_bounded) == NULL)
		return -1;
	return 0;
}
