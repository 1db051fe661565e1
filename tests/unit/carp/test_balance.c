/* SPDX-License-Identifier: BSD-2-Clause */
/* Balancing selection (load-balancing-vectors.txt) and the published mask. */
#include <errno.h>
#include <string.h>

#include "carp_auth.h"
#include "carp_balance.h"
#include "carp_test.h"

static void test_ip_fold_vectors(void)
{
	uint8_t s[16], d[16];

	t_ip4("192.0.2.50", s);
	t_ip4("192.0.2.10", d);
	CU_ASSERT_EQUAL(carp_fold_ip4(s, d), 0x00000038);
	CU_ASSERT_EQUAL(carp_node_index(carp_fold_ip4(s, d), 2), 0);
	CU_ASSERT_EQUAL(carp_fold_ip4(d, s), 0x00000038); /* symmetric */
	t_ip4("192.0.2.51", s);
	CU_ASSERT_EQUAL(carp_node_index(carp_fold_ip4(s, d), 2), 1);
	t_ip4("198.51.100.7", s);
	CU_ASSERT_EQUAL(carp_fold_ip4(s, d), 0x0633660d);
	CU_ASSERT_EQUAL(carp_node_index(carp_fold_ip4(s, d), 3), 1);
	t_ip6("2001:db8:1::abcd", s);
	t_ip6("2001:db8::10", d);
	CU_ASSERT_EQUAL(carp_fold_ip6(s, d), 0x0001abdd);
	CU_ASSERT_EQUAL(carp_node_index(carp_fold_ip6(s, d), 3), 0);
	CU_ASSERT_EQUAL(carp_node_index(12345, 0), 0);
}

/* Legacy ARP hash, passphrase "mekmitasdigoat", both host byte orders. */
static void test_arp_hash_vectors(void)
{
	static const struct {
		const char *mac;
		uint32_t le, be;
		unsigned le2, le3, be2, be3;
	} v[] = {
	    {"00:11:22:33:44:55", 0x90793861, 0x9de006ee, 1, 1, 0, 1},
	    {"52:54:00:12:34:56", 0xbe850b4c, 0x68bc0d44, 0, 2, 0, 1},
	};
	struct carp_addr_list l = {.n4 = 1};
	struct carp_auth a;
	struct carp_key k;
	uint32_t hle[2], hbe[2], h;
	uint8_t mac[6];
	unsigned i;

	t_ip4("192.0.2.10", l.v4[0]);
	carp_key_from_passphrase(&k, "mekmitasdigoat");
	CU_ASSERT_EQUAL_FATAL(carp_auth_init(&a), 0);
	CU_ASSERT_EQUAL_FATAL(carp_auth_prepare(&a, &k, 7, &l, NULL), 0);
	carp_arp_hashkey(a.kmd, CARP_ORDER_LITTLE, hle);
	carp_arp_hashkey(a.kmd, CARP_ORDER_BIG, hbe);
	for (i = 0; i < 2; i++) {
		t_hex(v[i].mac, mac, 6);
		h = carp_arp_hash(mac, hle, k.b);
		CU_ASSERT_EQUAL(h, v[i].le);
		CU_ASSERT_EQUAL(h % 2, v[i].le2);
		CU_ASSERT_EQUAL(h % 3, v[i].le3);
		h = carp_arp_hash(mac, hbe, k.b);
		CU_ASSERT_EQUAL(h, v[i].be);
		CU_ASSERT_EQUAL(h % 2, v[i].be2);
		CU_ASSERT_EQUAL(h % 3, v[i].be3);
	}
	/* the key does not depend on vhid or addresses */
	CU_ASSERT_EQUAL_FATAL(carp_auth_prepare(&a, &k, 200, &l, NULL), 0);
	carp_arp_hashkey(a.kmd, CARP_ORDER_LITTLE, hbe);
	CU_ASSERT_EQUAL(hbe[0], hle[0]);
	CU_ASSERT_EQUAL(hbe[1], hle[1]);
	carp_auth_fini(&a);
}

/* The rules on the word carp_balance_publish stores, as the fast path runs them. */
static void test_published_word(void)
{
	static const uint8_t vh[3] = {10, 11, 12};
	struct carp_balance b;
	const struct carp_bal_cfg *c = &b.cfg;
	uint8_t src[4], dst[4], mac[6], out[6];
	const uint8_t sha[6] = {2, 0, 0, 0, 0, 1};
	uint32_t fold;
	uint64_t w;

	carp_vmac(10, true, mac);
	carp_balance_setup(&b, CARP_BAL_IP, 3, vh, mac, NULL, NULL);
	CU_ASSERT_EQUAL(c->count, 3);
	CU_ASSERT_EQUAL(c->mode, CARP_BAL_IP);
	w = carp_balance_read(&b);
	CU_ASSERT_EQUAL(w, 0); /* not running, nothing MASTER */
	t_ip4("198.51.100.7", src);
	t_ip4("192.0.2.10", dst); /* -> node 1 */
	fold = carp_fold_ip4(src, dst);
	CU_ASSERT_FALSE(carp_bal_flow_master(c, w, fold));
	carp_balance_publish(&b, 1u << 1, true);
	w = carp_balance_read(&b);
	CU_ASSERT_EQUAL(carp_bal_mask(w), 2);
	CU_ASSERT_TRUE(carp_bal_running(w));
	CU_ASSERT_TRUE(carp_bal_flow_master(c, w, fold));
	carp_balance_publish(&b, 1u << 0 | 1u << 2, true);
	w = carp_balance_read(&b);
	CU_ASSERT_FALSE(carp_bal_flow_master(c, w, fold));
	CU_ASSERT_TRUE(carp_bal_flow_master(c, w, 0x38)); /* % 3 = 2 */
	CU_ASSERT_TRUE(carp_bal_flow_master(c, w, 3));    /* % 3 = 0 */
	/* ip mode: frames to the multicast carp MAC reach every running node */
	CU_ASSERT_TRUE(carp_bal_mac_accept(c, w, mac));
	CU_ASSERT_TRUE(carp_bal_mac_accept(c, carp_bal_word(0, true), mac));
	carp_vmac(10, false, out);
	CU_ASSERT_FALSE(carp_bal_mac_accept(c, w, out));
	/* ARP answered only where the leader is MASTER, with the carp MAC */
	CU_ASSERT_TRUE(carp_bal_arp_answer(c, w, sha, out));
	CU_ASSERT_EQUAL(memcmp(out, mac, 6), 0);
	carp_balance_publish(&b, 1u << 1, true);
	CU_ASSERT_FALSE(carp_bal_arp_answer(c, carp_balance_read(&b), sha, out));

	/* mode none: leader state decides everything */
	carp_vmac(10, false, mac);
	carp_balance_setup(&b, CARP_BAL_NONE, 1, vh, mac, NULL, NULL);
	CU_ASSERT_FALSE(carp_bal_mac_accept(c, carp_balance_read(&b), mac));
	carp_balance_publish(&b, 1, true);
	CU_ASSERT_TRUE(carp_bal_mac_accept(c, carp_balance_read(&b), mac));
	CU_ASSERT_TRUE(carp_bal_local_allowed(c, carp_balance_read(&b), false));
}

/*
 * A carp interface that does not run receives nothing, in every mode
 * (OpenBSD: not UP+RUNNING). The old lib/carp copy of the rules accepted
 * the ip-mode carp MAC whatever the interface's state, the fast path's
 * copy refused it: one rule set now, and this is its answer.
 */
static void test_not_running_accepts_nothing(void)
{
	static const uint8_t vh[2] = {1, 2};
	static const enum carp_balancing modes[] = {CARP_BAL_NONE, CARP_BAL_ARP, CARP_BAL_IP,
	                                            CARP_BAL_IP_STEALTH, CARP_BAL_IP_UNICAST};
	const uint8_t sha[6] = {2, 0, 0, 0, 0, 1};
	struct carp_balance b;
	uint8_t mac[6], m[6], out[6];

	for (unsigned i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		carp_vmac(1, modes[i] == CARP_BAL_IP, mac);
		carp_balance_setup(&b, modes[i], 2, vh, mac, NULL, NULL);
		/* a stale mask with the running bit clear still accepts nothing */
		carp_balance_publish(&b, 3, false);
		for (unsigned n = 0; n < 2; n++) {
			carp_bal_node_mac(&b.cfg, n, m);
			CU_ASSERT_FALSE(carp_bal_mac_accept(&b.cfg, carp_balance_read(&b), m));
			CU_ASSERT_FALSE(carp_bal_node_master(&b.cfg, carp_balance_read(&b), n));
		}
		CU_ASSERT_FALSE(carp_bal_flow_master(&b.cfg, carp_balance_read(&b), 0) &&
		                carp_bal_is_ip(b.cfg.mode));
		CU_ASSERT_FALSE(carp_bal_arp_answer(&b.cfg, carp_balance_read(&b), sha, out));
		CU_ASSERT_FALSE(carp_bal_local_allowed(&b.cfg, carp_balance_read(&b), false));
		carp_balance_publish(&b, 3, true);
		CU_ASSERT_TRUE(carp_bal_mac_accept(&b.cfg, carp_balance_read(&b), mac));
	}
}

static void test_arp_mode_answer(void)
{
	static const uint8_t vh[2] = {1, 2};
	uint32_t hk[2] = {0x12345678, 0x9abcdef0};
	uint8_t key0[4] = {1, 2, 3, 4}, sha[6] = {2, 0, 0, 0, 0, 9};
	uint8_t mac[6], out[6], n1[6];
	struct carp_balance b;
	unsigned idx;

	carp_vmac(1, false, mac);
	carp_balance_setup(&b, CARP_BAL_ARP, 2, vh, mac, hk, key0);
	idx = carp_node_index(carp_arp_hash(sha, hk, key0), 2);
	carp_balance_publish(&b, 1u << idx, true);
	CU_ASSERT_TRUE(carp_bal_arp_answer(&b.cfg, carp_balance_read(&b), sha, out));
	carp_vmac(vh[idx], false, n1);
	if (idx == 0)
		memcpy(n1, mac, 6);
	CU_ASSERT_EQUAL(memcmp(out, n1, 6), 0);
	CU_ASSERT_TRUE(carp_bal_mac_accept(&b.cfg, carp_balance_read(&b), n1));
	carp_balance_publish(&b, 1u << (1 - idx), true);
	CU_ASSERT_FALSE(carp_bal_arp_answer(&b.cfg, carp_balance_read(&b), sha, out));
	CU_ASSERT_FALSE(carp_bal_mac_accept(&b.cfg, carp_balance_read(&b), n1));
}

/* arp mode, 32 nodes (vhids 10, 13, ... 103) and an administrator's lladdr:
 * every node's vMAC is taken exactly while that node is MASTER here, the
 * leader answers to the lladdr and not to its own vMAC, other vhids and
 * the multicast form to nothing. */
static void test_arp_mode_mac_32_nodes(void)
{
	static const uint8_t lladdr[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x42};
	uint8_t vh[CARP_MAX_NODES], m[6];
	struct carp_balance b;

	for (unsigned n = 0; n < CARP_MAX_NODES; n++)
		vh[n] = (uint8_t)(10 + 3 * n);
	carp_balance_setup(&b, CARP_BAL_ARP, CARP_MAX_NODES, vh, lladdr, NULL, NULL);
	for (unsigned n = 0; n < CARP_MAX_NODES; n++) {
		carp_bal_node_mac(&b.cfg, n, m);
		carp_balance_publish(&b, 1u << n, true);
		CU_ASSERT_EQUAL(carp_bal_mac_node(&b.cfg, m), (int)n);
		CU_ASSERT_TRUE(carp_bal_mac_accept(&b.cfg, carp_balance_read(&b), m));
		carp_balance_publish(&b, ~(1u << n), true);
		CU_ASSERT_FALSE(carp_bal_mac_accept(&b.cfg, carp_balance_read(&b), m));
	}
	carp_balance_publish(&b, ~0u, true);
	carp_vmac(vh[0], false, m); /* the leader's vMAC: it uses the lladdr */
	CU_ASSERT_EQUAL(carp_bal_mac_node(&b.cfg, m), -1);
	CU_ASSERT_FALSE(carp_bal_mac_accept(&b.cfg, carp_balance_read(&b), m));
	carp_vmac(11, false, m); /* between two nodes' vhids */
	CU_ASSERT_FALSE(carp_bal_mac_accept(&b.cfg, carp_balance_read(&b), m));
	carp_vmac(vh[5], true, m); /* multicast form of a node's vMAC */
	CU_ASSERT_FALSE(carp_bal_mac_accept(&b.cfg, carp_balance_read(&b), m));
}

static void test_mode_names(void)
{
	enum carp_balancing m;

	CU_ASSERT_STRING_EQUAL(carp_balancing_name(CARP_BAL_IP_STEALTH), "ip-stealth");
	CU_ASSERT_EQUAL(carp_balancing_parse("ip-unicast", &m), 0);
	CU_ASSERT_EQUAL(m, CARP_BAL_IP_UNICAST);
	CU_ASSERT_EQUAL(carp_balancing_parse("bogus", &m), -EINVAL);
	CU_ASSERT_TRUE(carp_bal_is_ip(CARP_BAL_IP));
	CU_ASSERT_FALSE(carp_bal_is_ip(CARP_BAL_ARP));
}

int carp_test_register_balance(void)
{
	static const struct t_case cases[] = {
	    {"IP fold vectors", test_ip_fold_vectors},
	    {"ARP hash vectors LE/BE", test_arp_hash_vectors},
	    {"rules on the published word", test_published_word},
	    {"not running: nothing accepted, every mode", test_not_running_accepts_nothing},
	    {"arp mode answer", test_arp_mode_answer},
	    {"arp mode: 32 nodes' vMACs, lladdr leader", test_arp_mode_mac_32_nodes},
	    {"mode names", test_mode_names},
	    {NULL, NULL},
	};
	return t_suite("carp_balance", cases);
}
