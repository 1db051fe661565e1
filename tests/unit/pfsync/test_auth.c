/* SPDX-License-Identifier: BSD-2-Clause */
/* HMAC in pfcksum: known answer, every bit covered, replay window, modes. */
#include <errno.h>
#include <string.h>

#include "pfsync_auth.h"
#include "pfsync_build.h"
#include "pfsync_test.h"

#define WALL 1700000000000ull /* ms since 1970 */

static const uint8_t key[] = "pfsync-test-key-0123456789abcdef"; /* 32 bytes + NUL */
static const uint8_t key2[] = "another-key-for-rollover-0000000";
static const uint8_t src[4] = {192, 0, 2, 2}, dst[4] = {224, 0, 0, 240};

/* DEL_C x2 + INS_ACK (the builder test's frame), unsigned. */
static size_t build(uint8_t *buf, const uint8_t *s)
{
	struct pfsync_ref_msg r1 = {1, 10}, r2 = {2, 11}, r3 = {3, 10};
	struct pfsync_pkt b;

	pfsync_pkt_init(&b, buf, 1500, 1500);
	pfsync_pkt_add_ref(&b, PFSYNC_ACT_DEL_C, &r1);
	pfsync_pkt_add_ref(&b, PFSYNC_ACT_INS_ACK, &r2);
	pfsync_pkt_add_ref(&b, PFSYNC_ACT_DEL_C, &r3);
	return pfsync_pkt_finish(&b, s, dst, 7);
}

static void setup(struct pfsync_auth *a, const uint8_t *k)
{
	CU_ASSERT_EQUAL_FATAL(pfsync_auth_init(a), 0);
	CU_ASSERT_EQUAL_FATAL(pfsync_auth_set_key(a, 0, k, 32), 0);
	pfsync_auth_start(a, WALL);
}

static enum pfsync_auth_verdict verify(struct pfsync_auth *a, const uint8_t *pkt, size_t len)
{
	struct pfsync_ip4 ip;
	enum pfsync_auth_verdict v = PFSYNC_AUTH_V_UNSIGNED;

	CU_ASSERT_EQUAL_FATAL(pfsync_ip4_parse(pkt, len, &ip), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_auth_verify(a, &ip, ip.payload, ip.payload_len, &v), 0);
	return v;
}

/* Known answer from Python's hmac (HMAC-SHA256, first 8 bytes) over
 * src || dst || header with the tag zeroed || messages. */
static void test_kat(void)
{
	uint8_t pkt[1500], want[8];
	struct pfsync_auth a;
	size_t len = build(pkt, src);

	setup(&a, key);
	CU_ASSERT_EQUAL(pfsync_auth_peek_counter(&a), (WALL << 22) | 1);
	CU_ASSERT_EQUAL(pfsync_auth_sign(&a, WALL, pkt, len), 0);
	/* counter at pfcksum[0..7], big-endian */
	CU_ASSERT_EQUAL(pkt[24], 0x62);
	CU_ASSERT_EQUAL(pkt[31], 0x01);
	t_hex("62f3f95a00000001", want, 8);
	CU_ASSERT_EQUAL(memcmp(pkt + 24, want, 8), 0);
	t_hex("a1c6641c1f0ebf0d", want, 8);
	CU_ASSERT_EQUAL(memcmp(pkt + 32, want, 8), 0);
	CU_ASSERT_EQUAL(verify(&a, pkt, len), PFSYNC_AUTH_V_OK);
	pfsync_auth_fini(&a);
}

/* A one-bit change anywhere the HMAC covers (IPv4 source and
 * destination, every pfsync byte incl. counter and tag) fails. */
static void test_every_bit(void)
{
	uint8_t pkt[1500], bad[1500];
	struct pfsync_auth a;
	size_t len = build(pkt, src), i;
	unsigned bit, fails = 0, tries = 0;

	setup(&a, key);
	CU_ASSERT_EQUAL_FATAL(pfsync_auth_sign(&a, WALL, pkt, len), 0);
	for (i = 12; i < len; i++) {
		for (bit = 0; bit < 8; bit++) {
			memcpy(bad, pkt, len);
			bad[i] ^= (uint8_t)(1u << bit);
			if (i < 20) { /* keep the IPv4 header checksum valid */
				bad[10] = bad[11] = 0;
				t_be16(bad + 10, pfsync_ip_cksum(bad, 20));
			}
			tries++;
			if (verify(&a, bad, len) == PFSYNC_AUTH_V_BAD)
				fails++;
		}
	}
	CU_ASSERT_EQUAL(fails, tries);
	CU_ASSERT_EQUAL(tries, (len - 12) * 8);
	/* the untouched frame still verifies (nothing above moved its window) */
	CU_ASSERT_EQUAL(verify(&a, pkt, len), PFSYNC_AUTH_V_OK);
	/* not covered: TTL and IP id (TTL is checked on its own) */
	memcpy(bad, pkt, len);
	bad[5] ^= 1;
	bad[10] = bad[11] = 0;
	t_be16(bad + 10, pfsync_ip_cksum(bad, 20));
	CU_ASSERT_EQUAL(verify(&a, bad, len), PFSYNC_AUTH_V_REPLAY); /* same counter */
	pfsync_auth_fini(&a);
}

static void test_replay(void)
{
	uint8_t p[70][200];
	size_t len[70];
	struct pfsync_auth tx, rx;
	unsigned i;

	setup(&tx, key);
	setup(&rx, key);
	for (i = 0; i < 70; i++) {
		len[i] = build(p[i], src);
		CU_ASSERT_EQUAL(pfsync_auth_sign(&tx, WALL, p[i], len[i]), 0);
	}
	/* in order, then a replay */
	CU_ASSERT_EQUAL(verify(&rx, p[0], len[0]), PFSYNC_AUTH_V_OK);
	CU_ASSERT_EQUAL(verify(&rx, p[0], len[0]), PFSYNC_AUTH_V_REPLAY);
	/* reordered: 3 before 1 and 2, each once */
	CU_ASSERT_EQUAL(verify(&rx, p[3], len[3]), PFSYNC_AUTH_V_OK);
	CU_ASSERT_EQUAL(verify(&rx, p[1], len[1]), PFSYNC_AUTH_V_OK);
	CU_ASSERT_EQUAL(verify(&rx, p[2], len[2]), PFSYNC_AUTH_V_OK);
	CU_ASSERT_EQUAL(verify(&rx, p[2], len[2]), PFSYNC_AUTH_V_REPLAY);
	/* 69 is newest: 69 - 5 = 64 is outside the 64-wide window, 6 inside */
	CU_ASSERT_EQUAL(verify(&rx, p[69], len[69]), PFSYNC_AUTH_V_OK);
	CU_ASSERT_EQUAL(verify(&rx, p[5], len[5]), PFSYNC_AUTH_V_REPLAY);
	CU_ASSERT_EQUAL(verify(&rx, p[6], len[6]), PFSYNC_AUTH_V_OK);
	CU_ASSERT_EQUAL(verify(&rx, p[6], len[6]), PFSYNC_AUTH_V_REPLAY);
	pfsync_auth_fini(&tx);
	pfsync_auth_fini(&rx);
}

/* Windows are per sender address; a restarted sender (later wall clock)
 * is accepted again; one restarted in the same millisecond is not. */
static void test_senders_and_restart(void)
{
	static const uint8_t src2[4] = {192, 0, 2, 3};
	uint8_t a1[200], b1[200], c[200], d[200];
	size_t la, lb, lc, ld;
	struct pfsync_auth tx1, tx2, rx;

	setup(&tx1, key);
	setup(&tx2, key); /* same epoch, other address */
	setup(&rx, key);
	la = build(a1, src);
	lb = build(b1, src2);
	pfsync_auth_sign(&tx1, WALL, a1, la);
	pfsync_auth_sign(&tx2, WALL, b1, lb);
	CU_ASSERT_EQUAL(verify(&rx, a1, la), PFSYNC_AUTH_V_OK);
	CU_ASSERT_EQUAL(verify(&rx, b1, lb), PFSYNC_AUTH_V_OK); /* same counter, other sender */
	/* a sender under another name fails the tag: src is covered */
	memcpy(c, a1, la);
	memcpy(c + 12, src2, 4);
	c[10] = c[11] = 0;
	t_be16(c + 10, pfsync_ip_cksum(c, 20));
	CU_ASSERT_EQUAL(verify(&rx, c, la), PFSYNC_AUTH_V_BAD);
	/* restart 1 s later: fresh epoch, counters above the old ones */
	pfsync_auth_start(&tx1, WALL + 1000);
	lc = build(c, src);
	pfsync_auth_sign(&tx1, WALL + 1000, c, lc);
	CU_ASSERT_EQUAL(verify(&rx, c, lc), PFSYNC_AUTH_V_OK);
	/* restart with the clock stepped back: refused until it catches up */
	pfsync_auth_start(&tx1, WALL);
	ld = build(d, src);
	pfsync_auth_sign(&tx1, WALL, d, ld);
	CU_ASSERT_EQUAL(verify(&rx, d, ld), PFSYNC_AUTH_V_REPLAY);
	pfsync_auth_fini(&tx1);
	pfsync_auth_fini(&tx2);
	pfsync_auth_fini(&rx);
}

static void test_seq_wrap(void)
{
	struct pfsync_auth a;
	uint8_t p[200];
	size_t len = build(p, src);

	setup(&a, key);
	a.seq = (1u << PFSYNC_AUTH_SEQ_BITS) - 2;
	pfsync_auth_sign(&a, WALL, p, len);
	CU_ASSERT_EQUAL(pfsync_be64(p + 24), WALL << 22 | ((1u << 22) - 1));
	/* wraps: epoch + 1 when the clock has not moved */
	CU_ASSERT_EQUAL(pfsync_auth_peek_counter(&a), (WALL + 1) << 22 | 1);
	pfsync_auth_sign(&a, WALL, p, len);
	CU_ASSERT_EQUAL(pfsync_be64(p + 24), (WALL + 1) << 22 | 1);
	/* and jumps to the clock when it has */
	a.seq = (1u << PFSYNC_AUTH_SEQ_BITS) - 1;
	pfsync_auth_sign(&a, WALL + 5000, p, len);
	CU_ASSERT_EQUAL(pfsync_be64(p + 24), (WALL + 5000) << 22 | 1);
	pfsync_auth_fini(&a);
}

static void test_keys(void)
{
	uint8_t p[200];
	struct pfsync_auth tx, rx;
	size_t len = build(p, src);
	struct pfsync_ip4 ip;
	enum pfsync_auth_verdict v;

	/* unsigned frame */
	setup(&rx, key);
	CU_ASSERT_EQUAL(verify(&rx, p, len), PFSYNC_AUTH_V_UNSIGNED);
	/* signed with another key: bad; with that key in slot 1: ok */
	setup(&tx, key2);
	pfsync_auth_sign(&tx, WALL, p, len);
	CU_ASSERT_EQUAL(verify(&rx, p, len), PFSYNC_AUTH_V_BAD);
	CU_ASSERT_EQUAL(pfsync_auth_set_key(&rx, 1, key2, 32), 0);
	CU_ASSERT_EQUAL(verify(&rx, p, len), PFSYNC_AUTH_V_OK);
	pfsync_auth_clear_key(&rx, 1);
	build(p, src);
	pfsync_auth_sign(&tx, WALL, p, len);
	CU_ASSERT_EQUAL(verify(&rx, p, len), PFSYNC_AUTH_V_BAD);
	/* key length limits; signing without a key */
	CU_ASSERT_EQUAL(pfsync_auth_set_key(&rx, 0, key, PFSYNC_KEY_MIN - 1), -EINVAL);
	CU_ASSERT_EQUAL(pfsync_auth_set_key(&rx, 0, key, PFSYNC_KEY_MAX + 1), -EINVAL);
	CU_ASSERT_EQUAL(pfsync_auth_set_key(&rx, 2, key, 32), -EINVAL);
	pfsync_auth_clear_key(&rx, 0);
	CU_ASSERT_EQUAL(pfsync_auth_sign(&rx, WALL, p, len), -EINVAL);
	/* with no key at all every signed frame is bad */
	CU_ASSERT_EQUAL(pfsync_ip4_parse(p, len, &ip), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_auth_verify(&rx, &ip, ip.payload, ip.payload_len, &v), 0);
	CU_ASSERT_EQUAL(v, PFSYNC_AUTH_V_BAD);
	pfsync_auth_fini(&tx);
	pfsync_auth_fini(&rx);
}

static void test_modes(void)
{
	enum pfsync_auth_mode m;

	CU_ASSERT_EQUAL(pfsync_auth_decide(PFSYNC_AUTH_OFF, PFSYNC_AUTH_V_BAD), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_auth_decide(PFSYNC_AUTH_SEND_ONLY, PFSYNC_AUTH_V_UNSIGNED),
	                PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_auth_decide(PFSYNC_AUTH_SEND_ONLY, PFSYNC_AUTH_V_BAD), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_auth_decide(PFSYNC_AUTH_SEND_ONLY, PFSYNC_AUTH_V_REPLAY),
	                PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_auth_decide(PFSYNC_AUTH_REQUIRED, PFSYNC_AUTH_V_OK), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_auth_decide(PFSYNC_AUTH_REQUIRED, PFSYNC_AUTH_V_UNSIGNED),
	                PFSYNC_RX_NOAUTH);
	CU_ASSERT_EQUAL(pfsync_auth_decide(PFSYNC_AUTH_REQUIRED, PFSYNC_AUTH_V_BAD),
	                PFSYNC_RX_BADAUTH);
	CU_ASSERT_EQUAL(pfsync_auth_decide(PFSYNC_AUTH_REQUIRED, PFSYNC_AUTH_V_REPLAY),
	                PFSYNC_RX_REPLAY);
	CU_ASSERT_EQUAL(pfsync_auth_mode_parse("send-only", &m), 0);
	CU_ASSERT_EQUAL(m, PFSYNC_AUTH_SEND_ONLY);
	CU_ASSERT_EQUAL(pfsync_auth_mode_parse("required", &m), 0);
	CU_ASSERT_EQUAL(m, PFSYNC_AUTH_REQUIRED);
	CU_ASSERT_EQUAL(pfsync_auth_mode_parse("on", &m), -EINVAL);
	CU_ASSERT_STRING_EQUAL(pfsync_auth_mode_name(PFSYNC_AUTH_OFF), "off");
	CU_ASSERT_STRING_EQUAL(pfsync_auth_verdict_name(PFSYNC_AUTH_V_REPLAY), "replay");
	CU_ASSERT_STRING_EQUAL(pfsync_rx_name(PFSYNC_RX_NOAUTH), "noauth");
	CU_ASSERT_STRING_EQUAL(pfsync_rx_name(PFSYNC_RX_BADAUTH), "badauth");
}

int pfsync_test_register_auth(void)
{
	static const struct t_case cases[] = {
	    {"known answer", test_kat},
	    {"one bit changed anywhere covered fails", test_every_bit},
	    {"replay window", test_replay},
	    {"per sender, sender restarts", test_senders_and_restart},
	    {"sequence wrap", test_seq_wrap},
	    {"keys and rollover", test_keys},
	    {"modes", test_modes},
	    {NULL, NULL},
	};

	return t_suite("auth", cases);
}
