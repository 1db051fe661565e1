/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IPv6 in the configuration: port addresses and link_local, routes6,
 * neighbours6 -- every error with its exact "t.cfg:LINE: object: reason",
 * values landing where they should, and the address helpers.
 */
#include <string.h>

#include <CUnit/CUnit.h>

#include "cfg_inet6.h"
#include "cfg_test.h"

/* Two dual-stack ports on lines 1-6. */
#define PORTS6                                                                                     \
	"ports = (\n"                                                                              \
	"{ name = \"lan0\"; device = \"d0\";\n"                                                    \
	"  addresses = [ \"192.0.2.1/24\", \"2001:db8:1::1/64\" ]; link_local = \"fe80::1\"; },\n" \
	"{ name = \"wan0\"; device = \"d1\";\n"                                                    \
	"  addresses = [ \"198.51.100.1/24\", \"2001:db8:2::1/64\" ]; }\n"                         \
	");\n"
/* One port on line 2 with the given addresses. */
#define PORT6(addrs)                                                                               \
	"ports = (\n{ name = \"lan0\"; device = \"d0\"; addresses = [ " addrs " ]; }\n);\n"
#define PORTLL(ll)   "ports = (\n{ name = \"lan0\"; device = \"d0\"; link_local = " ll "; }\n);\n"
#define ROUTE6(body) PORTS6 "routes6 = (\n{ " body " }\n);\n" /* group on line 8 */
#define NEIGH6(body) PORTS6 "neighbours6 = (\n{ " body " }\n);\n"
#define MAC          "mac = \"02:00:00:00:00:01\";"
#define P2           "t.cfg:2: port \"lan0\": "

#define INET6_ERRORS(X)                                                                            \
	X(addr_bad, PORT6("\"2001:db8::g/64\""),                                                   \
	  P2 "bad address \"2001:db8::g/64\" (expected A.B.C.D/LEN)")                              \
	X(addr_len_129, PORT6("\"2001:db8::1/129\""),                                              \
	  P2 "bad address \"2001:db8::1/129\" (expected an IPv6 ADDR/LEN)")                        \
	X(addr_no_len, PORT6("\"2001:db8::1\""),                                                   \
	  P2 "bad address \"2001:db8::1\" (expected an IPv6 ADDR/LEN)")                            \
	X(addr_len_0, PORT6("\"2001:db8::1/0\""),                                                  \
	  P2 "address 2001:db8::1/0: prefix length 0 out of range 1-128")                          \
	X(addr_zone, PORT6("\"fe80::1%lan0/64\""),                                                 \
	  P2 "bad address \"fe80::1%lan0/64\" (expected A.B.C.D/LEN)")                             \
	X(addr_multicast, PORT6("\"ff02::1/64\""), P2 "address ff02::1/64 is a multicast address") \
	X(addr_loopback, PORT6("\"::1/128\""), P2 "address ::1/128 is the loopback address")       \
	X(addr_unspecified, PORT6("\"::/64\""), P2 "address ::/64 is the unspecified address")     \
	X(addr_mapped, PORT6("\"::ffff:192.0.2.1/120\""),                                          \
	  P2 "address ::ffff:192.0.2.1/120 is an IPv4-mapped address")                             \
	X(addr_anycast, PORT6("\"2001:db8:1::/64\""),                                              \
	  P2 "address 2001:db8:1::/64 is the subnet-router anycast address of its subnet")         \
	X(addr_too_many,                                                                           \
	  PORT6("\"2001:db8:1::1/64\", \"2001:db8:2::1/64\", \"2001:db8:3::1/64\", "               \
	        "\"2001:db8:4::1/64\", \"2001:db8:5::1/64\", \"2001:db8:6::1/64\", "               \
	        "\"2001:db8:7::1/64\", \"2001:db8:8::1/64\", \"2001:db8:9::1/64\""),               \
	  P2 "more than 8 IPv6 addresses")                                                         \
	X(addr_overlap,                                                                            \
	  "ports = (\n{ name = \"lan0\"; device = \"d0\"; addresses = [ \"2001:db8::1/48\" ]; "    \
	  "},\n"                                                                                   \
	  "{ name = \"wan0\"; device = \"d1\"; addresses = [ \"2001:db8:0:5::1/64\" ]; }\n);\n",   \
	  "t.cfg:3: port \"wan0\": address 2001:db8:0:5::1/64 overlaps 2001:db8::1/48 of port "    \
	  "\"lan0\" (line 2)")                                                                     \
	X(ll_global, PORTLL("\"2001:db8::1\""),                                                    \
	  P2 "bad link_local \"2001:db8::1\" (expected fe80::ID, an address of fe80::/64 without " \
	     "/LEN)")                                                                              \
	X(ll_with_len, PORTLL("\"fe80::1/64\""),                                                   \
	  P2 "bad link_local \"fe80::1/64\" (expected fe80::ID, an address of fe80::/64 without "  \
	     "/LEN)")                                                                              \
	X(ll_zero_id, PORTLL("\"fe80::\""),                                                        \
	  P2                                                                                       \
	  "bad link_local \"fe80::\" (expected fe80::ID, an address of fe80::/64 without /LEN)")   \
	X(ll_not_string, PORTLL("1"), P2 "link_local must be a string")                            \
	X(r6_bad_prefix, ROUTE6("prefix = \"2001:db8:9::\"; port = \"lan0\";"),                    \
	  "t.cfg:8: route6 #1: bad prefix \"2001:db8:9::\" (expected an IPv6 PREFIX/LEN)")         \
	X(r6_host_bits, ROUTE6("prefix = \"2001:db8:9::1/48\"; port = \"lan0\";"),                 \
	  "t.cfg:8: route6 2001:db8:9::1/48: host bits set (did you mean 2001:db8:9::/48?)")       \
	X(r6_multicast, ROUTE6("prefix = \"ff00::/8\"; port = \"lan0\";"),                         \
	  "t.cfg:8: route6 ff00::/8: multicast prefixes are not routed")                           \
	X(r6_link_local, ROUTE6("prefix = \"fe80::/64\"; port = \"lan0\";"),                       \
	  "t.cfg:8: route6 fe80::/64: link-local prefixes are not routed")                         \
	X(r6_no_nexthop, ROUTE6("prefix = \"2001:db8:9::/48\";"),                                  \
	  "t.cfg:8: route6 2001:db8:9::/48: needs via (gateway) or port (directly connected)")     \
	X(r6_ll_gw_no_port, ROUTE6("prefix = \"::/0\"; via = \"fe80::2\";"),                       \
	  "t.cfg:8: route6 ::/0: link-local gateway fe80::2 needs port (the link it is on)")       \
	X(r6_global_gw_port,                                                                       \
	  ROUTE6("prefix = \"::/0\"; via = \"2001:db8:2::2\"; port = \"wan0\";"),                  \
	  "t.cfg:8: route6 ::/0: port is only for a link-local gateway (a global one is found on " \
	  "its connected subnet)")                                                                 \
	X(r6_gw_multicast, ROUTE6("prefix = \"::/0\"; via = \"ff02::2\";"),                        \
	  "t.cfg:8: route6 ::/0: gateway ff02::2 is a multicast address")                          \
	X(r6_gw_off_link, ROUTE6("prefix = \"::/0\"; via = \"2001:db8:7::2\";"),                   \
	  "t.cfg:8: route6 ::/0: gateway 2001:db8:7::2 is not on a connected IPv6 subnet")         \
	X(r6_gw_ours, ROUTE6("prefix = \"::/0\"; via = \"2001:db8:2::1\";"),                       \
	  "t.cfg:8: route6 ::/0: gateway 2001:db8:2::1 is an address of port \"wan0\"")            \
	X(r6_gw_own_ll, ROUTE6("prefix = \"::/0\"; via = \"fe80::1\"; port = \"lan0\";"),          \
	  "t.cfg:8: route6 ::/0: gateway fe80::1 is the link_local of port \"lan0\"")              \
	X(r6_unknown_port, ROUTE6("prefix = \"2001:db8:9::/48\"; port = \"dmz0\";"),               \
	  "t.cfg:8: route6 2001:db8:9::/48: unknown port \"dmz0\"")                                \
	X(r6_connected, ROUTE6("prefix = \"2001:db8:1::/64\"; port = \"lan0\";"),                  \
	  "t.cfg:8: route6 2001:db8:1::/64: same prefix as the connected subnet of port \"lan0\"") \
	X(r6_unknown_key, ROUTE6("prefix = \"::/0\"; via = \"2001:db8:2::2\"; metric = 1;"),       \
	  "t.cfg:8: route6 ::/0: unknown key \"metric\"")                                          \
	X(r6_twice,                                                                                \
	  PORTS6 "routes6 = (\n{ prefix = \"::/0\"; via = \"2001:db8:2::2\"; },\n"                 \
	         "{ prefix = \"::/0\"; via = \"2001:db8:2::3\"; }\n);\n",                          \
	  "t.cfg:9: route6: defined twice (first at line 8)")                                      \
	X(n6_bad, NEIGH6("address = \"2001:db8:1::x\"; " MAC),                                     \
	  "t.cfg:8: neighbour6 #1: bad address \"2001:db8:1::x\" (expected an IPv6 address)")      \
	X(n6_ll_no_port, NEIGH6("address = \"fe80::5\"; " MAC),                                    \
	  "t.cfg:8: neighbour6 fe80::5: a link-local neighbour needs port (the link it is on)")    \
	X(n6_off_link, NEIGH6("address = \"2001:db8:7::5\"; " MAC),                                \
	  "t.cfg:8: neighbour6 2001:db8:7::5 is not on a connected IPv6 subnet")                   \
	X(n6_wrong_port, NEIGH6("address = \"2001:db8:1::5\"; port = \"wan0\"; " MAC),             \
	  "t.cfg:8: neighbour6 2001:db8:1::5 is on the subnet of port \"lan0\", not \"wan0\"")     \
	X(n6_multicast_mac, NEIGH6("address = \"2001:db8:1::5\"; mac = \"33:33:00:00:00:01\";"),   \
	  "t.cfg:8: neighbour6 2001:db8:1::5: mac 33:33:00:00:00:01 is a multicast address")       \
	X(n6_twice,                                                                                \
	  PORTS6 "neighbours6 = (\n{ address = \"fe80::5\"; port = \"lan0\"; " MAC " },\n"         \
	         "{ address = \"fe80::5\"; port = \"lan0\"; " MAC " }\n);\n",                      \
	  "t.cfg:9: neighbour6: defined twice (first at line 8)")

#define CASE_FN(name, text, want)                                                                  \
	static void test_##name(void)                                                              \
	{                                                                                          \
		cfg_expect_error(text, want);                                                      \
	}
INET6_ERRORS(CASE_FN)
#undef CASE_FN

static void test_values(void)
{
	static const uint8_t a1[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 1};
	static const uint8_t ll[16] = {0xfe, 0x80, [15] = 1};
	static const uint8_t gw[16] = {0xfe, 0x80, [15] = 2};
	struct cfg cfg;

	cfg_expect_valid(&cfg,
	                 PORTS6 "routes6 = (\n"
	                        "{ prefix = \"::/0\"; via = \"fe80::2\"; port = \"wan0\"; },\n"
	                        "{ prefix = \"2001:db8:9::/48\"; via = \"2001:db8:1::9\"; },\n"
	                        "{ prefix = \"2001:db8:a::/64\"; port = \"lan0\"; }\n);\n"
	                        "neighbours6 = (\n"
	                        "{ address = \"fe80::2\"; port = \"wan0\"; " MAC " },\n"
	                        "{ address = \"fe80::2\"; port = \"lan0\"; " MAC " },\n"
	                        "{ address = \"2001:db8:2::7\"; " MAC " }\n);\n");
	CU_ASSERT_EQUAL(cfg.ports[0].n_addrs, 1);
	CU_ASSERT_EQUAL(cfg.ports[0].n_addrs6, 1);
	CU_ASSERT_EQUAL(memcmp(cfg.ports[0].addrs6[0].addr, a1, 16), 0);
	CU_ASSERT_EQUAL(cfg.ports[0].addrs6[0].len, 64);
	CU_ASSERT(cfg.ports[0].link_local_set);
	CU_ASSERT_EQUAL(memcmp(cfg.ports[0].link_local, ll, 16), 0);
	CU_ASSERT(!cfg.ports[1].link_local_set);
	CU_ASSERT_EQUAL(cfg.n_routes6, 3);
	CU_ASSERT(cfg.routes6[0].has_gateway);
	CU_ASSERT_EQUAL(memcmp(cfg.routes6[0].gateway, gw, 16), 0);
	CU_ASSERT_EQUAL(cfg.routes6[0].len, 0);
	CU_ASSERT_EQUAL(cfg.routes6[0].port, 1);
	CU_ASSERT_EQUAL(cfg.routes6[1].port, 0); /* the subnet of its gateway */
	CU_ASSERT(!cfg.routes6[2].has_gateway);
	CU_ASSERT_EQUAL(cfg.routes6[2].port, 0);
	CU_ASSERT_EQUAL(cfg.n_neighs6, 3);
	CU_ASSERT_EQUAL(cfg.neighs6[0].port, 1);
	CU_ASSERT_EQUAL(cfg.neighs6[1].port, 0);
	CU_ASSERT_EQUAL(cfg.neighs6[2].port, 1);
	CU_ASSERT_EQUAL(cfg_routes6_needed(&cfg), 3 + 2 * 2);
	cfg_free(&cfg);
}

static void test_helpers(void)
{
	uint8_t a[16], b[16], len = 0;
	char s[CFG_PFX6_STRLEN];

	CU_ASSERT_EQUAL(cfg_prefix6_parse("2001:db8:abcd:12ff::/57", a, &len), 0);
	CU_ASSERT_EQUAL(len, 57);
	memcpy(b, a, 16);
	cfg_ip6_mask(b, 56);
	CU_ASSERT_STRING_EQUAL(cfg_prefix6_str(b, 56, s), "2001:db8:abcd:1200::/56");
	CU_ASSERT(cfg_prefix6_contains(b, 56, a));
	CU_ASSERT(!cfg_prefix6_contains(a, 64, b));
	CU_ASSERT(cfg_prefix6_overlap(a, 64, b, 56));
	CU_ASSERT_EQUAL(cfg_prefix6_parse("::/0", a, &len), 0);
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT_EQUAL(cfg_prefix6_parse("::/0128", a, &len), -22);
	CU_ASSERT_EQUAL(cfg_prefix6_parse("::/-1", a, &len), -22);
	CU_ASSERT_EQUAL(cfg_prefix6_parse("[::1]/64", a, &len), -22);
	CU_ASSERT_EQUAL(cfg_ip6_parse("192.0.2.1", a), -22);
}

int cfg_test_register_inet6(void)
{
	CU_pSuite s = CU_add_suite("cfg_inet6", NULL, NULL);

	if (s == NULL)
		return -1;
#define CASE_ADD(name, text, want)                                                                 \
	if (CU_add_test(s, #name, test_##name) == NULL)                                            \
		return -1;
	INET6_ERRORS(CASE_ADD)
#undef CASE_ADD
	if (CU_add_test(s, "values", test_values) == NULL ||
	    CU_add_test(s, "helpers", test_helpers) == NULL)
		return -1;
	return 0;
}
