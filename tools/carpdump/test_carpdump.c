/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CUnit tests of carpdump's core: the digest diagnosis (every hypothesis,
 * with adverts keyed by lib/carp under the peer's configuration) and the
 * link-layer decoding (Ethernet + VLAN, raw IP, Linux cooked v1/v2).
 */
#include <CUnit/Basic.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "carpdump_addr.h"
#include "carpdump_decode.h"
#include "carpdump_diag.h"

#define COUNTER 0x0011223344556677ull

/* An advertisement as a peer keyed with `key` over `addrs` would send. */
static struct carp_pkt peer_adv(const struct carp_key *key, const char *addrs,
                                enum carp_hmac_ctx ctx, const char *src)
{
	struct carp_pkt p = {0};
	struct carp_addr_list l;
	struct carp_auth auth;
	char err[64];

	CU_ASSERT_FATAL(carpdump_addr_list_parse(addrs, &l, err, sizeof(err)) == 0);
	CU_ASSERT_FATAL(carp_auth_init(&auth) == 0);
	CU_ASSERT_FATAL(carp_auth_prepare(&auth, key, 42, &l, NULL) == 0);
	p.adv = (struct carp_adv){
	    .version = 2, .type = 1, .vhid = 42, .authlen = 7, .advbase = 1, .counter = COUNTER};
	CU_ASSERT_FATAL(carp_auth_digest(&auth, ctx, COUNTER, p.adv.md) == 0);
	carp_auth_fini(&auth);
	CU_ASSERT_FATAL(carpdump_ipaddr_parse(src, &p.src) == 0);
	return p;
}

static struct carp_key pass_key(const char *pass)
{
	struct carp_key k;

	carp_key_from_passphrase(&k, pass);
	return k;
}

/* Diagnose `p` against our --pass/--addr; returns the text. */
static const char *diagnose(const struct carp_pkt *p, const char *pass, const char *addrs,
                            struct carpdump_diag *d)
{
	static char text[512];
	struct carpdump_auth a;
	struct carp_addr_list l;
	char err[64];

	CU_ASSERT_FATAL(carpdump_addr_list_parse(addrs, &l, err, sizeof(err)) == 0);
	CU_ASSERT_FATAL(carpdump_auth_init(&a, pass, &l) == 0);
	CU_ASSERT_FATAL(carpdump_diagnose(&a, p, d) == 0);
	carpdump_diag_text(&a, d, text, sizeof(text));
	carpdump_auth_fini(&a);
	return text;
}

static void expect(const struct carpdump_diag *d, bool ok, enum carpdump_diag_key key,
                   enum carpdump_diag_list list, const char *addr, const char *text,
                   const char *want)
{
	char buf[CARPDUMP_ADDRSTRLEN];

	CU_ASSERT_EQUAL(d->ok, ok);
	CU_ASSERT_EQUAL(d->key, key);
	CU_ASSERT_EQUAL(d->list, list);
	if (addr != NULL)
		CU_ASSERT_STRING_EQUAL(carpdump_ipaddr_str(&d->addr, buf), addr);
	CU_ASSERT_STRING_EQUAL(text, want);
}

static void test_ok_any_order(void)
{
	struct carp_key k = pass_key("secret");
	struct carp_pkt p =
	    peer_adv(&k, "192.0.2.1,198.51.100.1,2001:db8::1", CARP_HMAC_NOV6LL, "192.0.2.2");
	struct carpdump_diag d;
	const char *t;

	t = diagnose(&p, "secret", "2001:db8::1,198.51.100.1,192.0.2.1,192.0.2.1", &d);
	expect(&d, true, CARPDUMP_KEY_PASS, CARPDUMP_LIST_FULL, NULL, t,
	       "digest matches the passphrase and 3 addresses");
}

static void test_wrong_pass(void)
{
	struct carp_key k = pass_key("secret");
	struct carp_pkt p = peer_adv(&k, "192.0.2.1,198.51.100.1", CARP_HMAC_NOV6LL, "192.0.2.2");
	struct carpdump_diag d;
	const char *t = diagnose(&p, "Secret", "192.0.2.1,198.51.100.1", &d);

	expect(&d, false, CARPDUMP_KEY_NONE, CARPDUMP_LIST_NONE, NULL, t,
	       "wrong passphrase, or address lists differ (could not tell which)");
}

static void test_ucarp_single(void)
{
	struct carp_key k = pass_key("ucarppass");
	struct carp_pkt p = peer_adv(&k, "192.0.2.254", CARP_HMAC_NOV6LL, "192.0.2.2");
	struct carpdump_diag d;
	const char *t = diagnose(&p, "ucarppass", "2001:db8::254,192.0.2.254", &d);

	expect(&d, false, CARPDUMP_KEY_PASS, CARPDUMP_LIST_SINGLE, "192.0.2.254", t,
	       "digest matches address 192.0.2.254 alone: the peer hashes a single "
	       "address (ucarp?) while we hash 2 addresses");
}

static void test_single_ipv6(void)
{
	struct carp_key k = pass_key("p");
	struct carp_pkt p = peer_adv(&k, "2001:db8::1", CARP_HMAC_NOV6LL, "fe80::1");
	struct carpdump_diag d;
	const char *t = diagnose(&p, "p", "192.0.2.1,2001:db8::1", &d);

	expect(&d, false, CARPDUMP_KEY_PASS, CARPDUMP_LIST_SINGLE, "2001:db8::1", t,
	       "digest matches address 2001:db8::1 alone: the peer hashes a single "
	       "address while we hash 2 addresses");
}

static void test_missing(void)
{
	struct carp_key k = pass_key("p");
	struct carp_pkt p = peer_adv(&k, "192.0.2.1,192.0.2.3", CARP_HMAC_NOV6LL, "192.0.2.9");
	struct carpdump_diag d;
	const char *t = diagnose(&p, "p", "192.0.2.1,192.0.2.2,192.0.2.3", &d);

	expect(&d, false, CARPDUMP_KEY_PASS, CARPDUMP_LIST_MISSING, "192.0.2.2", t,
	       "digest matches our addresses without 192.0.2.2: the peer does not "
	       "hash 192.0.2.2 (address lists differ)");
}

static void test_extra_in_sender_net(void)
{
	struct carp_key k = pass_key("p");
	struct carp_pkt p = peer_adv(&k, "198.51.100.20,192.0.2.77", CARP_HMAC_NOV6LL, "192.0.2.2");
	struct carpdump_diag d;
	const char *t = diagnose(&p, "p", "198.51.100.20", &d);

	expect(&d, false, CARPDUMP_KEY_PASS, CARPDUMP_LIST_EXTRA, "192.0.2.77", t,
	       "digest matches our address 198.51.100.20 plus 192.0.2.77: we hash a "
	       "single address (as ucarp does) while the peer hashes 2 (address "
	       "lists differ: add 192.0.2.77)");
}

static void test_extra_in_our_net(void)
{
	struct carp_key k = pass_key("p");
	struct carp_pkt p =
	    peer_adv(&k, "203.0.113.1,203.0.113.2,203.0.113.200", CARP_HMAC_NOV6LL, "fe80::1");
	struct carpdump_diag d;
	const char *t = diagnose(&p, "p", "203.0.113.2,203.0.113.1", &d);

	expect(&d, false, CARPDUMP_KEY_PASS, CARPDUMP_LIST_EXTRA, "203.0.113.200", t,
	       "digest matches our addresses plus 203.0.113.200: the peer hashes 3 "
	       "addresses while we hash 2 (address lists differ: add 203.0.113.200)");
}

static void test_empty_key(void)
{
	struct carp_key zero = {0};
	struct carp_pkt p = peer_adv(&zero, "192.0.2.100", CARP_HMAC_NOV6LL, "192.0.2.1");
	struct carpdump_diag d;
	const char *t = diagnose(&p, "secret", "192.0.2.100", &d);

	expect(&d, false, CARPDUMP_KEY_EMPTY, CARPDUMP_LIST_FULL, NULL, t,
	       "digest matches an empty passphrase (all-zero key): the peer has no "
	       "passphrase set");
	/* --pass "" is the all-zero key itself */
	diagnose(&p, "", "192.0.2.100", &d);
	CU_ASSERT_TRUE(d.ok);
}

static void test_raw20_and_truncation(void)
{
	const char *pass = "abcdefghijklmnopqrstuvwxy"; /* 25 bytes */
	struct carp_key raw, trunc = pass_key(pass);
	struct carpdump_auth a;
	struct carp_addr_list l = {.n4 = 1, .v4 = {{192, 0, 2, 5}}};
	struct carp_pkt p;
	struct carpdump_diag d;
	const char *t;

	carp_key_from_raw(&raw, (const uint8_t *)pass);
	p = peer_adv(&raw, "192.0.2.5", CARP_HMAC_NOV6LL, "192.0.2.1");
	t = diagnose(&p, pass, "192.0.2.5", &d);
	expect(&d, false, CARPDUMP_KEY_RAW20, CARPDUMP_LIST_FULL, NULL, t,
	       "digest matches the first 20 passphrase bytes as a raw key: the "
	       "peer's key is 20 raw bytes (kernel API) while ifconfig and we use "
	       "only the first 19");
	/* BSD ifconfig semantics: the 19-byte prefix is the key */
	p = peer_adv(&trunc, "192.0.2.5", CARP_HMAC_NOV6LL, "192.0.2.1");
	diagnose(&p, "abcdefghijklmnopqrs", "192.0.2.5", &d);
	CU_ASSERT_TRUE(d.ok);
	CU_ASSERT_EQUAL_FATAL(carpdump_auth_init(&a, pass, &l), 0);
	CU_ASSERT_PTR_NOT_NULL(carpdump_auth_note(&a));
	carpdump_auth_fini(&a);
	CU_ASSERT_EQUAL_FATAL(carpdump_auth_init(&a, "short", &l), 0);
	CU_ASSERT_PTR_NULL(carpdump_auth_note(&a));
	carpdump_auth_fini(&a);
}

static void test_link_local_orig(void)
{
	/* A peer that hashes its link-local (FreeBSD with one attached, or
	 * OpenBSD's ORIG context) is accepted, as OpenBSD accepts it. */
	struct carp_key k = pass_key("v6");
	struct carp_pkt p =
	    peer_adv(&k, "2001:db8::1,fe80::200:5eff:fe00:12a", CARP_HMAC_ORIG, "fe80::1");
	struct carpdump_diag d;

	diagnose(&p, "v6", "2001:db8::1,fe80::200:5eff:fe00:12a", &d);
	CU_ASSERT_TRUE(d.ok);
}

static void test_init_errors(void)
{
	struct carpdump_auth a;
	struct carp_addr_list l;
	char err[64];

	CU_ASSERT_EQUAL(carpdump_addr_list_parse("0.0.0.0", &l, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(carpdump_auth_init(&a, "p", &l), -EINVAL);
	carpdump_auth_fini(&a);
	CU_ASSERT_EQUAL(carpdump_addr_list_parse("192.0.2.1,", &l, err, sizeof(err)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(err, "empty address after ','");
	CU_ASSERT_EQUAL(carpdump_addr_list_parse("192.0.2.1,x", &l, err, sizeof(err)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(err, "bad address 'x'");
	CU_ASSERT_EQUAL(carpdump_addr_list_parse("", &l, err, sizeof(err)), -EINVAL);
}

/* --- link layers --------------------------------------------------------- */

/* Frame of a valid advert (vhid 7, advskew 100) from lib/carp. */
static int v4_frame(uint8_t *buf, size_t cap)
{
	struct carp_tx_addr ta = {.family = CARP_AF_INET,
	                          .src_mac = {0x00, 0x00, 0x5e, 0x00, 0x01, 0x07},
	                          .src_ip = {192, 0, 2, 2}};
	struct carp_adv adv = {.version = 2,
	                       .type = 1,
	                       .vhid = 7,
	                       .advskew = 100,
	                       .authlen = 7,
	                       .advbase = 1,
	                       .counter = COUNTER};
	uint8_t hdr[CARP_HDR_LEN];

	memcpy(ta.dst_mac, carp_group4_mac, 6);
	memcpy(ta.dst_ip, carp_group4, 4);
	carp_adv_encode(&adv, hdr, true);
	return carp_frame_build(&ta, hdr, buf, cap);
}

static void expect_line(const struct carpdump_pkt *p, const char *mac)
{
	static const struct timeval ts = {.tv_sec = 1700000001, .tv_usec = 5};
	char line[512], want[512];

	carpdump_format(p, &ts, line, sizeof(line));
	snprintf(want, sizeof(want),
	         "22:13:21.000005 %s 192.0.2.2 > 224.0.0.18: CARPv2-advertise 36: "
	         "vhid=7 advbase=1 advskew=100 demote=0 counter=0x0011223344556677 "
	         "interval=1390ms ttl=255 cksum=ok",
	         mac);
	CU_ASSERT_STRING_EQUAL(line, want);
}

static void test_link_types(void)
{
	uint8_t frame[128], cap[160];
	struct carpdump_pkt p;
	int n = v4_frame(frame, sizeof(frame));
	size_t ip = (size_t)n - CARP_ETHER_LEN;

	CU_ASSERT_EQUAL_FATAL(n, CARP_FRAME4_LEN);
	/* Ethernet */
	CU_ASSERT_EQUAL(carpdump_decode(CARPDUMP_LINK_ETHERNET, frame, (size_t)n, &p), 0);
	CU_ASSERT_EQUAL(p.res, CARP_PARSE_OK);
	expect_line(&p, "00:00:5e:00:01:07");
	/* 802.1Q tag */
	memcpy(cap, frame, 12);
	memcpy(cap + 12, "\x81\x00\x00\x05", 4);
	memcpy(cap + 16, frame + 12, (size_t)n - 12);
	CU_ASSERT_EQUAL(carpdump_decode(CARPDUMP_LINK_ETHERNET, cap, (size_t)n + 4, &p), 0);
	CU_ASSERT_EQUAL(p.res, CARP_PARSE_OK);
	/* raw IP: no MAC */
	CU_ASSERT_EQUAL(carpdump_decode(12, frame + CARP_ETHER_LEN, ip, &p), 0);
	CU_ASSERT_EQUAL(p.res, CARP_PARSE_OK);
	expect_line(&p, "-");
	/* Linux cooked v1: type, ARPHRD, addr len 6, addr (8), protocol */
	memset(cap, 0, sizeof(cap));
	cap[5] = 6;
	memcpy(cap + 6, "\x02\x00\x00\x00\x00\x0b", 6);
	cap[14] = 0x08;
	memcpy(cap + 16, frame + CARP_ETHER_LEN, ip);
	CU_ASSERT_EQUAL(carpdump_decode(CARPDUMP_LINK_LINUX_SLL, cap, 16 + ip, &p), 0);
	CU_ASSERT_EQUAL(p.res, CARP_PARSE_OK);
	expect_line(&p, "02:00:00:00:00:0b");
	/* Linux cooked v2: protocol, reserved, ifindex, ARPHRD, type, len, addr */
	memset(cap, 0, sizeof(cap));
	cap[0] = 0x08;
	cap[11] = 6;
	memcpy(cap + 12, "\x02\x00\x00\x00\x00\x0c", 6);
	memcpy(cap + 20, frame + CARP_ETHER_LEN, ip);
	CU_ASSERT_EQUAL(carpdump_decode(CARPDUMP_LINK_LINUX_SLL2, cap, 20 + ip, &p), 0);
	CU_ASSERT_EQUAL(p.res, CARP_PARSE_OK);
	expect_line(&p, "02:00:00:00:00:0c");
	/* cooked header too short / not IP */
	CU_ASSERT_EQUAL(carpdump_decode(CARPDUMP_LINK_LINUX_SLL2, cap, 10, &p), 0);
	CU_ASSERT_EQUAL(p.res, CARP_PARSE_HDROPS);
	cap[0] = 0x86;
	cap[1] = 0x00;
	CU_ASSERT_EQUAL(carpdump_decode(CARPDUMP_LINK_LINUX_SLL2, cap, 20 + ip, &p), 0);
	CU_ASSERT_EQUAL(p.res, CARP_PARSE_HDROPS);
	/* unsupported link type */
	CU_ASSERT_FALSE(carpdump_link_supported(105));
	CU_ASSERT_EQUAL(carpdump_decode(105, frame, (size_t)n, &p), -EPROTONOSUPPORT);
}

static void test_interval(void)
{
	struct carp_adv a = {.advbase = 1, .advskew = 100};

	CU_ASSERT_EQUAL(carpdump_interval_ms(&a), 1390);
	a = (struct carp_adv){.advbase = 0, .advskew = 1};
	CU_ASSERT_EQUAL(carpdump_interval_ms(&a), 3);
	a = (struct carp_adv){.advbase = 255, .advskew = 255};
	CU_ASSERT_EQUAL(carpdump_interval_ms(&a), 255996);
}

int main(void)
{
	static const struct {
		const char *name;
		CU_TestFunc fn;
	} tests[] = {
	    {"digest ok, any order and duplicates", test_ok_any_order},
	    {"wrong passphrase", test_wrong_pass},
	    {"ucarp single IPv4 address", test_ucarp_single},
	    {"single IPv6 address", test_single_ipv6},
	    {"peer lacks one of our addresses", test_missing},
	    {"peer has one more address (sender /24)", test_extra_in_sender_net},
	    {"peer has one more address (our /24)", test_extra_in_our_net},
	    {"peer without passphrase", test_empty_key},
	    {"20-byte raw key and 19-byte truncation", test_raw20_and_truncation},
	    {"link-local ORIG context accepted", test_link_local_orig},
	    {"address list and init errors", test_init_errors},
	    {"link types: Ethernet, VLAN, raw, SLL, SLL2", test_link_types},
	    {"interval in ms", test_interval},
	};
	CU_pSuite s;
	unsigned fails;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	s = CU_add_suite("carpdump", NULL, NULL);
	for (size_t i = 0; s != NULL && i < sizeof(tests) / sizeof(tests[0]); i++)
		CU_add_test(s, tests[i].name, tests[i].fn);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	fails = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return fails != 0 || s == NULL;
}
