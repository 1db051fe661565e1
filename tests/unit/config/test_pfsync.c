/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pfsync section: pfsync = { syncdev; syncpeer; maxupd; defer; defer_us;
 * auth; key; key_previous; }. Defaults are OpenBSD's (multicast peer,
 * maxupd 128, defer off); every error names FILE:LINE of the key (exact
 * text); syncdev must be a port with an address, the filter present, a
 * unicast syncpeer on syncdev's subnet.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "cfg_test.h"
#include "pfsync_auth.h"

/* Lines 1-3 ports, 4 the filter (an empty rule file), 5 pfsync. */
#define PORTS                                                                                      \
	"ports = ( { name = \"lan0\"; device = \"d0\"; addresses = [ \"192.0.2.2/24\" ]; },\n"     \
	"          { name = \"sync0\"; device = \"d1\"; addresses = [ \"198.51.100.1/24\" ]; },\n" \
	"          { name = \"bare0\"; device = \"d2\"; } );\n"

static char rules[64];

static void make_rules(void)
{
	int fd;

	snprintf(rules, sizeof(rules), "/tmp/cfg_pfsync_XXXXXX");
	fd = mkstemp(rules);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_FATAL(write(fd, "pass all\n", 9) == 9);
	close(fd);
}

/* PORTS, the filter on line 4, then `tail` from line 5. */
static void text_with(char *buf, size_t len, const char *tail)
{
	snprintf(buf, len, PORTS "filter = { rules = \"%s\"; };\n%s", rules, tail);
}

static void expect_error(const char *tail, const char *want)
{
	char text[2048];

	text_with(text, sizeof(text), tail);
	cfg_expect_error(text, want);
}

static void test_defaults(void)
{
	char text[2048];
	struct cfg cfg;

	make_rules();
	text_with(text, sizeof(text), "pfsync = { syncdev = \"sync0\"; };\n");
	cfg_expect_valid(&cfg, text);
	CU_ASSERT(cfg.pfsync.present);
	CU_ASSERT_STRING_EQUAL(cfg.pfsync.syncdev, "sync0");
	CU_ASSERT_EQUAL(cfg.pfsync.port, 1);
	CU_ASSERT_EQUAL(cfg.pfsync.src, 0xc6336401u); /* 198.51.100.1 */
	CU_ASSERT_EQUAL(cfg.pfsync.syncpeer, 0xe00000f0u);
	CU_ASSERT_EQUAL(cfg.pfsync.maxupd, 128);
	CU_ASSERT_FALSE(cfg.pfsync.defer);
	CU_ASSERT_EQUAL(cfg.pfsync.defer_us, 1000);
	CU_ASSERT_EQUAL(cfg.pfsync.auth, PFSYNC_AUTH_OFF);
	CU_ASSERT_EQUAL(cfg.pfsync.key_len[0], 0);
	cfg_free(&cfg);
}

static void test_all_keys(void)
{
	char text[2048];
	struct cfg cfg;

	text_with(text, sizeof(text),
	          "pfsync = { syncdev = \"sync0\"; syncpeer = \"198.51.100.2\"; maxupd = 0;\n"
	          "  defer = true; defer_us = 20000; auth = \"send-only\";\n"
	          "  key = \"000102030405060708090a0b0c0d0e0f\";\n"
	          "  key_previous = \"F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF0011\"; };\n");
	cfg_expect_valid(&cfg, text);
	CU_ASSERT_EQUAL(cfg.pfsync.syncpeer, 0xc6336402u);
	CU_ASSERT_EQUAL(cfg.pfsync.maxupd, 0);
	CU_ASSERT(cfg.pfsync.defer);
	CU_ASSERT_EQUAL(cfg.pfsync.defer_us, 20000);
	CU_ASSERT_EQUAL(cfg.pfsync.auth, PFSYNC_AUTH_SEND_ONLY);
	CU_ASSERT_EQUAL(cfg.pfsync.key_len[0], 16);
	CU_ASSERT_EQUAL(cfg.pfsync.key[0][15], 0x0f);
	CU_ASSERT_EQUAL(cfg.pfsync.key_len[1], 18);
	CU_ASSERT_EQUAL(cfg.pfsync.key[1][0], 0xf0);
	CU_ASSERT_EQUAL(cfg.pfsync.key[1][17], 0x11);
	CU_ASSERT_EQUAL_FATAL(cfg.warnings.n, 1);
	CU_ASSERT_STRING_EQUAL(cfg.warnings.msg[0],
	                       "t.cfg:5: pfsync: defer is not applied yet: first "
	                       "packets are sent at once (docs/pfsync.md)");
	cfg_free(&cfg);
}

static void test_errors(void)
{
	expect_error("pfsync = 1;\n",
	             "t.cfg:5: pfsync must be a group: pfsync = { syncdev = \"sync0\"; };");
	expect_error("pfsync = { };\n", "t.cfg:5: pfsync: missing syncdev");
	expect_error("pfsync = { syncdev = \"sync0\"; maxupd = 256; };\n",
	             "t.cfg:5: pfsync: maxupd 256 out of range 0-255");
	expect_error("pfsync = { syncdev = \"sync0\";\n syncdev_typo = 1; };\n",
	             "t.cfg:6: pfsync: unknown key \"syncdev_typo\"");
	expect_error("pfsync = { syncdev = \"wan9\"; };\n",
	             "t.cfg:5: pfsync: syncdev \"wan9\" is not a port");
	expect_error("pfsync = { syncdev = \"bare0\"; };\n",
	             "t.cfg:5: pfsync: syncdev \"bare0\" has no address to send from");
	expect_error("pfsync = { syncdev = \"sync0\";\n syncpeer = \"192.0.2.9\"; };\n",
	             "t.cfg:6: pfsync: syncpeer 192.0.2.9 is not in a subnet of syncdev \"sync0\"");
	expect_error("pfsync = { syncdev = \"sync0\";\n syncpeer = \"peer\"; };\n",
	             "t.cfg:6: pfsync: syncpeer \"peer\" is not an IPv4 address");
	expect_error("pfsync = { syncdev = \"sync0\";\n syncpeer = \"255.255.255.255\"; };\n",
	             "t.cfg:6: pfsync: syncpeer 255.255.255.255 must be unicast or multicast");
	expect_error("pfsync = { syncdev = \"sync0\";\n auth = \"maybe\"; };\n",
	             "t.cfg:6: pfsync: auth \"maybe\" unknown (one of: off, send-only, required)");
	expect_error("pfsync = { syncdev = \"sync0\"; auth = \"required\"; };\n",
	             "t.cfg:5: pfsync: auth \"required\" needs a key");
	expect_error("pfsync = { syncdev = \"sync0\";\n key = \"0011\"; };\n",
	             "t.cfg:6: pfsync: key: 4 hex digits, expected an even number from 32 to 128");
	expect_error("pfsync = { syncdev = \"sync0\";\n"
	             " key_previous = \"zz0102030405060708090a0b0c0d0e0f\"; };\n",
	             "t.cfg:6: pfsync: key_previous: \"zz\" is not a hex byte");
	expect_error("pfsync = { syncdev = \"sync0\"; defer_us = 0; };\n",
	             "t.cfg:5: pfsync: defer_us 0 out of range 1-1000000");
}

static void test_needs_filter(void)
{
	cfg_expect_error(PORTS "\npfsync = { syncdev = \"sync0\"; };\n",
	                 "t.cfg:5: pfsync: no filter section (pfsync synchronises the filter's "
	                 "states)");
	unlink(rules);
}

/* A reload compares the sections: any change is refused (restart). */
static void test_same(void)
{
	char t1[2048], t2[2048];
	struct cfg a, b;

	text_with(t1, sizeof(t1), "pfsync = { syncdev = \"sync0\"; maxupd = 10; };\n");
	text_with(t2, sizeof(t2), "pfsync = { syncdev = \"sync0\";\n maxupd = 10; };\n");
	cfg_expect_valid(&a, t1);
	cfg_expect_valid(&b, t2);
	CU_ASSERT_TRUE(cfg_pfsync_same(&a.pfsync, &b.pfsync)); /* lines differ, values not */
	b.pfsync.maxupd = 11;
	CU_ASSERT_FALSE(cfg_pfsync_same(&a.pfsync, &b.pfsync));
	b.pfsync.maxupd = 10;
	b.pfsync.key_len[0] = 16;
	CU_ASSERT_FALSE(cfg_pfsync_same(&a.pfsync, &b.pfsync));
	b.pfsync.key_len[0] = 0;
	b.pfsync.present = false;
	CU_ASSERT_FALSE(cfg_pfsync_same(&a.pfsync, &b.pfsync));
	cfg_free(&a);
	cfg_free(&b);
}

int cfg_test_register_pfsync(void)
{
	CU_pSuite s = CU_add_suite("cfg_pfsync", NULL, NULL);

	if (s == NULL || !CU_add_test(s, "defaults: OpenBSD's", test_defaults) ||
	    !CU_add_test(s, "every key", test_all_keys) ||
	    !CU_add_test(s, "errors name FILE:LINE", test_errors) ||
	    !CU_add_test(s, "a reload compares the sections", test_same) ||
	    !CU_add_test(s, "needs the filter", test_needs_filter))
		return -1;
	return 0;
}
