/* SPDX-License-Identifier: BSD-2-Clause */
/* HMAC-SHA1 known answers (spec vectors, ucarp capture), contexts, key rules. */
#include <errno.h>
#include <string.h>

#include "carp_auth.h"
#include "carp_test.h"
#include "vectors.h"

static void vec_addrs(const struct t_vec *v, struct carp_addr_list *l)
{
	unsigned i;

	memset(l, 0, sizeof(*l));
	for (i = 0; i < 3 && v->addrs4[i]; i++)
		t_ip4(v->addrs4[i], l->v4[l->n4++]);
	for (i = 0; i < 4 && v->addrs6[i]; i++)
		t_ip6(v->addrs6[i], l->v6[l->n6++]);
}

static void prep(struct carp_auth *a, const char *pass, uint8_t vhid,
                 const struct carp_addr_list *l)
{
	struct carp_key k;

	carp_key_from_passphrase(&k, pass);
	CU_ASSERT_EQUAL_FATAL(carp_auth_init(a), 0);
	CU_ASSERT_EQUAL_FATAL(carp_auth_prepare(a, &k, vhid, l, NULL), 0);
}

static void test_vector_digests(void)
{
	uint8_t md[CARP_MD_LEN], want[CARP_MD_LEN], msg[700], wmsg[700];
	struct carp_addr_list l;
	struct carp_auth a;
	unsigned i;
	int n, wn;

	for (i = 0; i < t_nvecs; i++) {
		const struct t_vec *v = &t_vecs[i];

		vec_addrs(v, &l);
		prep(&a, v->pass, v->vhid, &l);
		CU_ASSERT_EQUAL(carp_auth_digest(&a, CARP_HMAC_NOV6LL, v->counter, md), 0);
		t_hex(v->md, want, sizeof(want));
		CU_ASSERT_EQUAL(memcmp(md, want, CARP_MD_LEN), 0);
		CU_ASSERT_TRUE(carp_auth_verify(&a, v->counter, want));
		/* message = hmac_input without its trailing 8 counter bytes */
		n = carp_auth_message(v->vhid, &l, NULL, CARP_HMAC_NOV6LL, msg, sizeof(msg));
		wn = t_hex(v->hmac_input, wmsg, sizeof(wmsg));
		CU_ASSERT_EQUAL(n, wn - 8);
		CU_ASSERT_EQUAL(memcmp(msg, wmsg, (size_t)n), 0);
		if (v->md_orig) {
			CU_ASSERT_EQUAL(carp_auth_digest(&a, CARP_HMAC_ORIG, v->counter, md), 0);
			t_hex(v->md_orig, want, sizeof(want));
			CU_ASSERT_EQUAL(memcmp(md, want, CARP_MD_LEN), 0);
			/* FreeBSD-style digest (link-local kept) accepted */
			CU_ASSERT_TRUE(carp_auth_verify(&a, v->counter, want));
			CU_ASSERT_FALSE(a.same);
		} else {
			CU_ASSERT_TRUE(a.same);
		}
		carp_auth_fini(&a);
	}
}

/* Live ucarp capture (spec 11): vhid 10, pass "ucarppass", VIP 192.0.2.254. */
static void test_ucarp_capture(void)
{
	struct carp_addr_list l = {.n4 = 1};
	uint8_t want[CARP_MD_LEN], md[CARP_MD_LEN];
	struct carp_auth a;

	t_ip4("192.0.2.254", l.v4[0]);
	prep(&a, "ucarppass", 10, &l);
	t_hex("b92db8010f4b314d95f7ec8386b0ed9cf5bfc508", want, sizeof(want));
	CU_ASSERT_EQUAL(carp_auth_digest(&a, CARP_HMAC_NOV6LL, 0xe6ac6b6d81348011ULL, md), 0);
	CU_ASSERT_EQUAL(memcmp(md, want, CARP_MD_LEN), 0);
	carp_auth_fini(&a);
}

/* Every single-bit change of a hashed input is rejected. */
static void test_bitflips_rejected(void)
{
	const struct t_vec *v = &t_vecs[1]; /* V2 */
	uint8_t md[CARP_MD_LEN];
	struct carp_addr_list l, l2;
	struct carp_auth a, b;
	struct carp_key k;
	int bit;

	vec_addrs(v, &l);
	prep(&a, v->pass, v->vhid, &l);
	t_hex(v->md, md, sizeof(md));
	CU_ASSERT_TRUE(carp_auth_verify(&a, v->counter, md));
	for (bit = 0; bit < 64; bit++)
		CU_ASSERT_FALSE(carp_auth_verify(&a, v->counter ^ (1ULL << bit), md));
	for (bit = 0; bit < 160; bit++) {
		md[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		CU_ASSERT_FALSE(carp_auth_verify(&a, v->counter, md));
		md[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	CU_ASSERT_EQUAL_FATAL(carp_auth_init(&b), 0);
	carp_key_from_passphrase(&k, v->pass);
	for (bit = 0; bit < 160; bit++) { /* key */
		struct carp_key k2 = k;

		k2.b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		carp_auth_prepare(&b, &k2, v->vhid, &l, NULL);
		CU_ASSERT_FALSE(carp_auth_verify(&b, v->counter, md));
	}
	for (bit = 0; bit < 8; bit++) { /* vhid */
		carp_auth_prepare(&b, &k, (uint8_t)(v->vhid ^ (1u << bit)), &l, NULL);
		CU_ASSERT_FALSE(carp_auth_verify(&b, v->counter, md));
	}
	for (bit = 0; bit < 64; bit++) { /* addresses */
		l2 = l;
		l2.v4[bit / 32][(bit % 32) / 8] ^= (uint8_t)(1u << (bit % 8));
		carp_auth_prepare(&b, &k, v->vhid, &l2, NULL);
		CU_ASSERT_FALSE(carp_auth_verify(&b, v->counter, md));
	}
	/* an extra address (set differs on one node only) */
	l2 = l;
	t_ip4("203.0.113.1", l2.v4[l2.n4++]);
	carp_auth_prepare(&b, &k, v->vhid, &l2, NULL);
	CU_ASSERT_FALSE(carp_auth_verify(&b, v->counter, md));
	carp_auth_fini(&b);
	carp_auth_fini(&a);
}

static void test_passphrase_truncation(void)
{
	struct carp_key k, k19;
	struct carp_addr_list l;
	struct carp_auth a, b;
	uint8_t m1[CARP_MD_LEN], m2[CARP_MD_LEN];

	CU_ASSERT_EQUAL(carp_key_from_passphrase(&k, "0123456789abcdefghiXYZ"), 19);
	CU_ASSERT_EQUAL(memcmp(k.b, "0123456789abcdefghi", 19), 0);
	CU_ASSERT_EQUAL(k.b[19], 0);
	CU_ASSERT_EQUAL(carp_key_from_passphrase(&k19, "0123456789abcdefghi"), 19);
	CU_ASSERT_EQUAL(memcmp(k.b, k19.b, 20), 0);
	CU_ASSERT_EQUAL(carp_key_from_passphrase(&k, "pw"), 2);
	CU_ASSERT_EQUAL(memcmp(k.b, "pw\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20), 0);
	CU_ASSERT_EQUAL(carp_key_from_passphrase(&k, NULL), 0);
	CU_ASSERT_EQUAL(carp_key_from_passphrase(&k19, ""), 0);
	CU_ASSERT_EQUAL(memcmp(k.b, k19.b, 20), 0);

	/* V2's passphrase with a long tail: same digest as its 19-byte cut */
	vec_addrs(&t_vecs[1], &l);
	prep(&a, "mekmitasdigoat-and-more", 7, &l);
	prep(&b, "mekmitasdigoat-and-", 7, &l);
	carp_auth_digest(&a, CARP_HMAC_NOV6LL, 1, m1);
	carp_auth_digest(&b, CARP_HMAC_NOV6LL, 1, m2);
	CU_ASSERT_EQUAL(memcmp(m1, m2, CARP_MD_LEN), 0);
	carp_auth_fini(&b);
	prep(&b, "mekmitasdigoat-and", 7, &l); /* 18 bytes: differs */
	carp_auth_digest(&b, CARP_HMAC_NOV6LL, 1, m2);
	CU_ASSERT_NOT_EQUAL(memcmp(m1, m2, CARP_MD_LEN), 0);
	carp_auth_fini(&b);
	carp_auth_fini(&a);

	/* raw 20-byte key (kernel API) uses all 20 bytes */
	{
		uint8_t raw[20];
		struct carp_key kr;

		memset(raw, 0x41, sizeof(raw));
		carp_key_from_raw(&kr, raw);
		CU_ASSERT_EQUAL(kr.b[19], 0x41);
	}
}

/* V2 with the addresses permuted and duplicated: same digest. */
static void test_v2_permuted(void)
{
	const struct t_vec *v = &t_vecs[1];
	struct carp_addr_list l = {0}, c;
	uint8_t md[CARP_MD_LEN], want[CARP_MD_LEN];
	struct carp_auth a;

	t_ip4("192.0.2.10", l.v4[l.n4++]);
	t_ip4("198.51.100.20", l.v4[l.n4++]);
	t_ip4("192.0.2.10", l.v4[l.n4++]);
	prep(&a, v->pass, v->vhid, &l);
	carp_auth_digest(&a, CARP_HMAC_NOV6LL, v->counter, md);
	t_hex(v->md, want, sizeof(want));
	CU_ASSERT_EQUAL(memcmp(md, want, CARP_MD_LEN), 0);
	carp_auth_fini(&a);

	/* numeric, not text order; 0.0.0.0 and 255.255.255.255 never hashed */
	memset(&l, 0, sizeof(l));
	t_ip4("203.0.113.200", l.v4[l.n4++]);
	t_ip4("255.255.255.255", l.v4[l.n4++]);
	t_ip4("203.0.113.10", l.v4[l.n4++]);
	t_ip4("0.0.0.0", l.v4[l.n4++]);
	t_ip4("203.0.113.9", l.v4[l.n4++]);
	t_ip6("2001:db8::2", l.v6[l.n6++]);
	t_ip6("fe80::1", l.v6[l.n6++]);
	t_ip6("2001:db8::1", l.v6[l.n6++]);
	carp_addr_list_canonical(&l, false, &c);
	CU_ASSERT_EQUAL(c.n4, 3);
	CU_ASSERT_EQUAL(c.v4[0][3], 9);
	CU_ASSERT_EQUAL(c.v4[1][3], 10);
	CU_ASSERT_EQUAL(c.v4[2][3], 200);
	CU_ASSERT_EQUAL(c.n6, 2);
	CU_ASSERT_EQUAL(c.v6[0][15], 1);
	CU_ASSERT_EQUAL(c.v6[1][15], 2);
	carp_addr_list_canonical(&l, true, &c);
	CU_ASSERT_EQUAL(c.n6, 3);
	CU_ASSERT_EQUAL(c.v6[2][0], 0xfe);
}

/* Custom lladdr goes between type and vhid (spec 2.3 rule 5). */
static void test_lladdr_message(void)
{
	struct carp_addr_list l = {.n4 = 1};
	const uint8_t ll[6] = {0x02, 0, 0, 0, 0, 0x42};
	uint8_t msg[64], m1[CARP_MD_LEN], m2[CARP_MD_LEN];
	struct carp_auth a;
	struct carp_key k;
	int n;

	t_ip4("192.0.2.100", l.v4[0]);
	n = carp_auth_message(1, &l, ll, CARP_HMAC_NOV6LL, msg, sizeof(msg));
	CU_ASSERT_EQUAL(n, 2 + 6 + 1 + 4);
	CU_ASSERT_EQUAL(memcmp(msg, "\x02\x01\x02\x00\x00\x00\x00\x42\x01\xc0\x00\x02\x64", 13), 0);
	CU_ASSERT_EQUAL(carp_auth_message(1, &l, ll, CARP_HMAC_NOV6LL, msg, 12), -ENOSPC);
	carp_key_from_passphrase(&k, "");
	CU_ASSERT_EQUAL_FATAL(carp_auth_init(&a), 0);
	carp_auth_prepare(&a, &k, 1, &l, ll);
	carp_auth_digest(&a, CARP_HMAC_NOV6LL, 0x0123456789abcdefULL, m1);
	carp_auth_prepare(&a, &k, 1, &l, NULL);
	carp_auth_digest(&a, CARP_HMAC_NOV6LL, 0x0123456789abcdefULL, m2);
	CU_ASSERT_NOT_EQUAL(memcmp(m1, m2, CARP_MD_LEN), 0);
	t_hex(t_vecs[0].md, m1, sizeof(m1)); /* without lladdr = V1 */
	CU_ASSERT_EQUAL(memcmp(m1, m2, CARP_MD_LEN), 0);
	carp_auth_fini(&a);
}

/* The answers only: that it is constant-time is checked on the built code
 * by carp_ct_valgrind (ct_probe.c). */
static void test_ct_equal(void)
{
	CU_ASSERT_TRUE(carp_ct_equal((const uint8_t *)"abc", (const uint8_t *)"abc", 3));
	CU_ASSERT_FALSE(carp_ct_equal((const uint8_t *)"abc", (const uint8_t *)"abd", 3));
}

int carp_test_register_auth(void)
{
	static const struct t_case cases[] = {
	    {"vector digests, both V8 contexts", test_vector_digests},
	    {"ucarp capture digest", test_ucarp_capture},
	    {"one-bit changes rejected", test_bitflips_rejected},
	    {"passphrase 19-byte truncation", test_passphrase_truncation},
	    {"V2 permuted/duplicated addresses", test_v2_permuted},
	    {"custom lladdr in message", test_lladdr_message},
	    {"ct_equal answers (timing: carp_ct_valgrind)", test_ct_equal},
	    {NULL, NULL},
	};
	return t_suite("carp_auth", cases);
}
