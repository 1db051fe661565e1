/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One case per kind of carp-section error, each asserting the exact
 * "t.cfg:LINE: carp interface \"NAME\": reason" text and that it is the only
 * error of the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "cfg_test.h"

/* Two ports on lines 1-4: lan0 192.0.2.1/24, srv0 198.51.100.1/24. */
#define PORTS                                                                                      \
	"ports = (\n"                                                                              \
	"{ name = \"lan0\"; device = \"d0\"; addresses = [ \"192.0.2.1/24\" ]; },\n"               \
	"{ name = \"srv0\"; device = \"d1\"; addresses = [ \"198.51.100.1/24\" ]; }\n"             \
	");\n"
/* PORTS, "carp = {" GLOBALS on line 5, "interfaces = (" line 6, the groups from line 7. */
#define CARP(globals, ifs) PORTS "carp = { " globals "\ninterfaces = (\n" ifs "\n);\n};\n"
/* One carp interface group on line 7. */
#define IF1(body) CARP("", "{ " body " }")
/* Two carp interface groups, on lines 7 and 8. */
#define IF2(a, b) CARP("", "{ " a " },\n{ " b " }")
#define C0        "name = \"carp0\"; carpdev = \"lan0\"; "
#define C1        "name = \"carp1\"; carpdev = \"lan0\"; "
#define VIP       "addresses = [ \"192.0.2.10/24\" ];"
#define VIP2      "addresses = [ \"192.0.2.11/24\" ];"
#define OK0       C0 "vhid = 1; " VIP
#define E0        "t.cfg:7: carp interface \"carp0\": "
#define E1        "t.cfg:8: carp interface \"carp1\": "

/* 33 nodes, one more than OpenBSD's CARP_MAXNODES. */
#define NODES33                                                                                    \
	"1:0,2:0,3:0,4:0,5:0,6:0,7:0,8:0,9:0,10:0,11:0,12:0,13:0,14:0,15:0,16:0,17:0,18:0,19:0,"   \
	"20:0,21:0,22:0,23:0,24:0,25:0,26:0,27:0,28:0,29:0,30:0,31:0,32:0,33:0"

#define CARP_ERROR_CASES(X)                                                                        \
	/* ranges */                                                                               \
	X(advskew_range, IF1(C0 "vhid = 1; advskew = 300; " VIP),                                  \
	  E0 "advskew 300 out of range 0-254")                                                     \
	X(advskew_255, IF1(C0 "vhid = 1; advskew = 255; " VIP),                                    \
	  E0 "advskew 255 out of range 0-254")                                                     \
	X(vhid_zero, IF1(C0 "vhid = 0; " VIP), E0 "vhid 0 out of range 1-255")                     \
	X(vhid_256, IF1(C0 "vhid = 256; " VIP), E0 "vhid 256 out of range 1-255")                  \
	X(advbase_range, IF1(OK0 " advbase = 255;"), E0 "advbase 255 out of range 0-254")          \
	X(vhid_type, IF1(C0 "vhid = \"1\"; " VIP), E0 "vhid must be an integer")                   \
	/* vhid uniqueness per carpdev */                                                          \
	X(vhid_twice, IF2(C0 "vhid = 12; " VIP, C1 "vhid = 12; " VIP2),                            \
	  E1 "vhid 12 used twice on carpdev \"lan0\"")                                             \
	X(vhid_twice_in_carpnodes, IF1(C0 "carpnodes = \"3:0,3:100\"; " VIP),                      \
	  E0 "vhid 3 used twice on carpdev \"lan0\"")                                              \
	X(vhid_twice_vhid_and_carpnodes,                                                           \
	  IF2(C0 "vhid = 4; " VIP, C1 "carpnodes = \"3:0,4:0\"; " VIP2),                           \
	  E1 "vhid 4 used twice on carpdev \"lan0\"")                                              \
	/* carpnodes */                                                                            \
	X(carpnodes_33, IF1(C0 "carpnodes = \"" NODES33 "\"; " VIP), E0 "more than 32 carpnodes")  \
	X(carpnodes_bad, IF1(C0 "carpnodes = \"3:0,4-100\"; " VIP),                                \
	  E0 "carpnodes: bad node \"4-100\" (expected VHID:ADVSKEW,... e.g. \"3:0,4:100\")")       \
	X(carpnodes_no_skew, IF1(C0 "carpnodes = \"3\"; " VIP),                                    \
	  E0 "carpnodes: bad node \"3\" (expected VHID:ADVSKEW,... e.g. \"3:0,4:100\")")           \
	X(carpnodes_trailing_comma, IF1(C0 "carpnodes = \"3:0,\"; " VIP),                          \
	  E0 "carpnodes: bad node \"\" (expected VHID:ADVSKEW,... e.g. \"3:0,4:100\")")            \
	X(carpnodes_vhid_zero, IF1(C0 "carpnodes = \"0:0,4:0\"; " VIP),                            \
	  E0 "carpnodes: vhid 0 out of range 1-255")                                               \
	X(carpnodes_vhid_high, IF1(C0 "carpnodes = \"300:0\"; " VIP),                              \
	  E0 "carpnodes: vhid 300 out of range 1-255")                                             \
	X(carpnodes_skew, IF1(C0 "carpnodes = \"3:0,4:255\"; " VIP),                               \
	  E0 "carpnodes: vhid 4: advskew 255 out of range 0-254")                                  \
	X(carpnodes_empty, IF1(C0 "carpnodes = \"\"; " VIP), E0 "carpnodes is empty")              \
	X(vhid_and_carpnodes, IF1(C0 "vhid = 1; carpnodes = \"3:0\"; " VIP),                       \
	  E0 "vhid and carpnodes are exclusive (give one of them)")                                \
	X(no_vhid, IF1(C0 VIP), E0 "missing vhid (or carpnodes)")                                  \
	X(advskew_with_carpnodes, IF1(C0 "carpnodes = \"3:0,4:100\"; advskew = 10; " VIP),         \
	  E0 "advskew goes with vhid; with carpnodes each node has its own (\"VHID:ADVSKEW\")")    \
	/* passphrase */                                                                           \
	X(pass_20, IF1(OK0 " pass = \"01234567890123456789\";"),                                   \
	  E0 "passphrase longer than 19 bytes")                                                    \
	X(pass_empty, IF1(OK0 " pass = \"\";"), E0 "pass is empty")                                \
	/* addresses */                                                                            \
	X(address_outside, IF1(C0 "vhid = 1; addresses = [ \"203.0.113.5/24\" ];"),                \
	  E0 "address 203.0.113.5/24 is not inside a connected subnet of \"lan0\"")                \
	X(address_other_port, IF1(C0 "vhid = 1; addresses = [ \"198.51.100.10/24\" ];"),           \
	  E0 "address 198.51.100.10/24 is not inside a connected subnet of \"lan0\"")              \
	X(address_of_port, IF1(C0 "vhid = 1; addresses = [ \"192.0.2.1/24\" ];"),                  \
	  E0 "address 192.0.2.1/24 is an address of port \"lan0\"")                                \
	X(address_broadcast, IF1(C0 "vhid = 1; addresses = [ \"192.0.2.255/24\" ];"),              \
	  E0 "address 192.0.2.255/24 is the broadcast address of 192.0.2.0/24")                    \
	X(address_network, IF1(C0 "vhid = 1; addresses = [ \"192.0.2.0/24\" ];"),                  \
	  E0 "address 192.0.2.0/24 is the network address of 192.0.2.0/24")                        \
	X(address_multicast, IF1(C0 "vhid = 1; addresses = [ \"224.0.0.18/32\" ];"),               \
	  E0 "address 224.0.0.18/32 is not a unicast address")                                     \
	X(address_twice,                                                                           \
	  IF1(C0 "vhid = 1; addresses = [ \"192.0.2.10/24\", \"192.0.2.10/24\" ];"),               \
	  E0 "address 192.0.2.10/24 listed twice")                                                 \
	X(address_other_carp, IF2(OK0, C1 "vhid = 2; " VIP),                                       \
	  E1 "address 192.0.2.10/24 already used by carp interface \"carp0\"")                     \
	X(address_bad, IF1(C0 "vhid = 1; addresses = [ \"192.0.2.10\" ];"),                        \
	  E0 "bad address \"192.0.2.10\" (expected A.B.C.D/LEN)")                                  \
	X(address_len0, IF1(C0 "vhid = 1; addresses = [ \"192.0.2.10/0\" ];"),                     \
	  E0 "address 192.0.2.10/0: prefix length 0 out of range 1-32")                            \
	X(addresses_missing, IF1(C0 "vhid = 1;"), E0 "missing addresses")                          \
	X(addresses_empty, IF1(C0 "vhid = 1; addresses = [ ];"), E0 "addresses is empty")          \
	X(addresses_not_list, IF1(C0 "vhid = 1; addresses = \"192.0.2.10/24\";"),                  \
	  E0 "addresses must be a list of strings: [ \"A.B.C.D/LEN\" ]")                           \
	X(addresses_9,                                                                             \
	  IF1(C0                                                                                   \
	      "vhid = 1; addresses = [ \"192.0.2.10/24\", \"192.0.2.11/24\", \"192.0.2.12/24\", "  \
	      "\"192.0.2.13/24\", \"192.0.2.14/24\", \"192.0.2.15/24\", \"192.0.2.16/24\", "       \
	      "\"192.0.2.17/24\", \"192.0.2.18/24\" ];"),                                          \
	  E0 "more than 8 addresses")                                                              \
	/* balancing, state */                                                                     \
	X(balancing_unknown, IF1(C0 "carpnodes = \"3:0,4:0\"; balancing = \"round-robin\"; " VIP), \
	  E0 "balancing \"round-robin\" unknown (one of: none, arp, ip, ip-stealth, ip-unicast)")  \
	X(balancing_one_node, IF1(OK0 " balancing = \"ip\";"),                                     \
	  E0 "balancing \"ip\" needs carpnodes with 2 or more nodes (one node is always "          \
	     "\"none\")")                                                                          \
	X(state_unknown, IF1(OK0 " state = \"init\";"),                                            \
	  E0 "state \"init\" unknown (one of: master, backup)")                                    \
	X(state_none, IF1(OK0 " state = \"none\";"),                                               \
	  E0 "state \"none\" unknown (one of: master, backup)")                                    \
	/* carppeer */                                                                             \
	X(carppeer_multicast, IF1(OK0 " carppeer = \"224.0.0.18\";"),                              \
	  E0 "carppeer 224.0.0.18 is not a unicast address")                                       \
	X(carppeer_outside, IF1(OK0 " carppeer = \"203.0.113.7\";"),                               \
	  E0 "carppeer 203.0.113.7 is not inside a connected subnet of \"lan0\"")                  \
	X(carppeer_own, IF1(OK0 " carppeer = \"192.0.2.1\";"),                                     \
	  E0 "carppeer 192.0.2.1 is an address of this router")                                    \
	X(carppeer_vip, IF1(OK0 " carppeer = \"192.0.2.10\";"),                                    \
	  E0 "carppeer 192.0.2.10 is an address of this router")                                   \
	X(carppeer_bad, IF1(OK0 " carppeer = \"192.0.2\";"),                                       \
	  E0 "bad carppeer \"192.0.2\" (expected A.B.C.D)")                                        \
	/* groups */                                                                               \
	X(groups_5, IF1(OK0 " groups = [ \"a\", \"b\", \"c\", \"d\", \"e\" ];"),                   \
	  E0 "more than 4 groups")                                                                 \
	X(group_digit, IF1(OK0 " groups = [ \"dmz1\" ];"),                                         \
	  E0 "group \"dmz1\": name must not end in a digit")                                       \
	X(group_carp, IF1(OK0 " groups = [ \"carp\" ];"),                                          \
	  E0 "group \"carp\" is implicit (every carp interface is in it)")                         \
	X(group_twice, IF1(OK0 " groups = [ \"dmz\", \"dmz\" ];"),                                 \
	  E0 "group \"dmz\" listed twice")                                                         \
	X(group_chars, IF1(OK0 " groups = [ \"d m z\" ];"),                                        \
	  E0 "group \"d m z\": name must be 1-15 letters, digits, '_', '-', '.'")                  \
	X(group_long, IF1(OK0 " groups = [ \"abcdefghijklmnop\" ];"),                              \
	  E0 "group \"abcdefghijklmnop\": name must be 1-15 letters, digits, '_', '-', '.'")       \
	X(group_type, IF1(OK0 " groups = [ 1 ];"), E0 "groups: element 1 must be a string")        \
	/* hook, lladdr */                                                                         \
	X(hook_relative, IF1(OK0 " hook = \"hook.sh\";"),                                          \
	  E0 "hook \"hook.sh\" must be an absolute path")                                          \
	X(lladdr_multicast, IF1(OK0 " lladdr = \"01:00:5e:00:01:01\";"),                           \
	  E0 "lladdr 01:00:5e:00:01:01 is not a unicast MAC address")                              \
	X(lladdr_zero, IF1(OK0 " lladdr = \"00:00:00:00:00:00\";"),                                \
	  E0 "lladdr 00:00:00:00:00:00 is not a unicast MAC address")                              \
	X(lladdr_bad, IF1(OK0 " lladdr = \"02:00:5e:00:01\";"),                                    \
	  E0 "bad lladdr \"02:00:5e:00:01\" (expected xx:xx:xx:xx:xx:xx)")                         \
	/* names, carpdev, keys */                                                                 \
	X(carpdev_unknown, IF1("name = \"carp0\"; carpdev = \"lan9\"; vhid = 1; " VIP),            \
	  E0 "carpdev \"lan9\" is not a port")                                                     \
	X(carpdev_missing, IF1("name = \"carp0\"; vhid = 1; " VIP), E0 "missing carpdev")          \
	X(name_missing, IF1("carpdev = \"lan0\"; vhid = 1; " VIP),                                 \
	  "t.cfg:7: carp interface #1: missing name")                                              \
	X(name_long, IF1("name = \"carp0123456789012\"; carpdev = \"lan0\"; vhid = 1; " VIP),      \
	  "t.cfg:7: carp interface #1: name \"carp0123456789012\" longer than 15 characters")      \
	X(name_chars, IF1("name = \"carp 0\"; carpdev = \"lan0\"; vhid = 1; " VIP),                \
	  "t.cfg:7: carp interface #1: name \"carp 0\" may hold only letters, digits, '_', '-', "  \
	  "'.'")                                                                                   \
	X(name_twice,                                                                              \
	  IF2(OK0, "name = \"carp0\"; carpdev = \"srv0\"; vhid = 1; "                              \
	           "addresses = [ \"198.51.100.10/24\" ];"),                                       \
	  "t.cfg:8: carp interface \"carp0\": defined twice (first at line 7)")                    \
	X(name_is_port, IF1("name = \"srv0\"; carpdev = \"lan0\"; vhid = 1; " VIP),                \
	  "t.cfg:7: carp interface \"srv0\": name already used by port \"srv0\"")                  \
	X(groups_per_host,                                                                         \
	  CARP(                                                                                    \
	      "",                                                                                  \
	      "{ " OK0 " groups = [ \"a\", \"b\", \"c\", \"d\" ]; },\n"                            \
	      "{ " C1 "vhid = 2; " VIP2 " groups = [ \"e\", \"f\", \"g\", \"a\" ]; },\n"           \
	      "{ name = \"carp2\"; carpdev = \"srv0\"; vhid = 3; groups = [ \"h\", \"i\", \"j\", " \
	      "\"k\" ]; addresses = [ \"198.51.100.10/24\" ]; },\n"                                \
	      "{ name = \"carp3\"; carpdev = \"srv0\"; vhid = 4; groups = [ \"l\", \"m\", \"n\", " \
	      "\"o\" ]; addresses = [ \"198.51.100.11/24\" ]; },\n"                                \
	      "{ name = \"carp4\"; carpdev = \"srv0\"; vhid = 5; groups = [ \"b\", \"p\" ]; "      \
	      "addresses = [ \"198.51.100.12/24\" ]; }"),                                          \
	  "t.cfg:11: carp interface \"carp4\": group \"p\": more than 15 groups in all carp "      \
	  "interfaces (besides \"carp\")")                                                         \
	X(unknown_if_key, IF1(OK0 " vhids = [ 1 ];"), E0 "unknown key \"vhids\"")                  \
	/* globals (line 5) */                                                                     \
	X(log_range, CARP("log = 8;", "{ " OK0 " }"), "t.cfg:5: carp: log 8 out of range 0-7")     \
	X(preempt_int, CARP("preempt = 1;", "{ " OK0 " }"),                                        \
	  "t.cfg:5: carp: preempt must be true or false")                                          \
	X(allow_string, CARP("allow = \"yes\";", "{ " OK0 " }"),                                   \
	  "t.cfg:5: carp: allow must be true or false")                                            \
	X(hook_timeout_low, CARP("hook_timeout_ms = 50;", "{ " OK0 " }"),                          \
	  "t.cfg:5: carp: hook_timeout_ms 50 out of range 100-60000")                              \
	X(hook_timeout_high, CARP("hook_timeout_ms = 60001;", "{ " OK0 " }"),                      \
	  "t.cfg:5: carp: hook_timeout_ms 60001 out of range 100-60000")                           \
	X(punt_rate_zero, CARP("punt = { rate = 0; };", "{ " OK0 " }"),                            \
	  "t.cfg:5: carp.punt: rate 0 out of range 1-10000000")                                    \
	X(punt_burst_high, CARP("punt = { burst = 65537; };", "{ " OK0 " }"),                      \
	  "t.cfg:5: carp.punt: burst 65537 out of range 1-65536")                                  \
	X(punt_unknown_key, CARP("punt = { pps = 5; };", "{ " OK0 " }"),                           \
	  "t.cfg:5: carp.punt: unknown key \"pps\"")                                               \
	X(punt_not_group, CARP("punt = 5;", "{ " OK0 " }"),                                        \
	  "t.cfg:5: carp: punt must be a group: punt = { rate = N; burst = N; };")                 \
	X(global_hook_relative, CARP("hook = \"./up.sh\";", "{ " OK0 " }"),                        \
	  "t.cfg:5: carp: hook \"./up.sh\" must be an absolute path")                              \
	X(unknown_global_key, CARP("vhid = 1;", "{ " OK0 " }"),                                    \
	  "t.cfg:5: carp: unknown key \"vhid\"")                                                   \
	X(carp_not_group, PORTS "carp = 1;\n",                                                     \
	  "t.cfg:5: carp must be a group: carp = { interfaces = ( ... ); };")                      \
	X(interfaces_missing, PORTS "carp = { preempt = true; };\n",                               \
	  "t.cfg:5: carp: missing interfaces")                                                     \
	X(interfaces_empty, CARP("", ""), "t.cfg:6: carp: interfaces is empty")                    \
	X(interfaces_not_list, PORTS "carp = { interfaces = { name = \"carp0\"; }; };\n",          \
	  "t.cfg:5: interfaces must be a list of groups: interfaces = ( { ... }, ... );")          \
	/* control_lcore */                                                                        \
	X(control_lcore_worker, "workers = [ 1 ];\ncontrol_lcore = 1;\n" PORTS,                    \
	  "t.cfg:2: control_lcore: lcore 1 is also a worker")                                      \
	X(control_lcore_range, "control_lcore = 500;\n" PORTS,                                     \
	  "t.cfg:1: control_lcore 500 out of range 0-127")                                         \
	X(control_lcore_type, "control_lcore = \"2\";\n" PORTS,                                    \
	  "t.cfg:1: control_lcore must be an integer")

#define CASE_FN(name, text, want)                                                                  \
	static void test_##name(void)                                                              \
	{                                                                                          \
		cfg_expect_error(text, want);                                                      \
	}
CARP_ERROR_CASES(CASE_FN)
#undef CASE_FN

/* Every problem of a carp section is reported, not only the first. */
static void test_all_carp_errors(void)
{
	struct cfg_errors errs;
	struct cfg cfg;

	cfg_errors_init(&errs);
	CU_ASSERT_EQUAL(cfg_load_string(&cfg, CFG_TEST_NAME,
	                                IF2(C0 "vhid = 1; advskew = 300; advbase = 300; " VIP,
	                                    C1 "vhid = 2; pass = \"01234567890123456789\"; " VIP2),
	                                &errs),
	                -22);
	CU_ASSERT_EQUAL_FATAL(errs.n, 3);
	CU_ASSERT_STRING_EQUAL(errs.msg[0], E0 "advskew 300 out of range 0-254");
	CU_ASSERT_STRING_EQUAL(errs.msg[1], E0 "advbase 300 out of range 0-254");
	CU_ASSERT_STRING_EQUAL(errs.msg[2], E1 "passphrase longer than 19 bytes");
	cfg_free(&cfg);
}

int cfg_test_register_carp_errors(void)
{
	CU_pSuite s = CU_add_suite("cfg_carp_errors", NULL, NULL);

	if (s == NULL)
		return -1;
#define CASE_ADD(name, text, want)                                                                 \
	if (CU_add_test(s, #name, test_##name) == NULL)                                            \
		return -1;
	CARP_ERROR_CASES(CASE_ADD)
#undef CASE_ADD
	if (CU_add_test(s, "all_carp_errors", test_all_carp_errors) == NULL)
		return -1;
	return 0;
}
