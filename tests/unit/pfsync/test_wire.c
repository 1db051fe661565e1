/* SPDX-License-Identifier: BSD-2-Clause */
/* Frames: hand-made from the spec's layouts (1.1, 1.2), walked by the
 * iterator; each malformed input -> its reason (OpenBSD's pfsync_input). */
#include <string.h>

#include "pfsync_test.h"
#include "pfsync_wire.h"

/* Independent ones' complement sum for the hand-made IPv4 headers. */
static uint16_t sum16(const uint8_t *b, size_t n)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i < n; i += 2)
		s += (uint32_t)(b[i] << 8 | (i + 1 < n ? b[i + 1] : 0));
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* IPv4 header by hand: 45 10 len id 4000 ff f0 sum 192.0.2.2 224.0.0.240 */
static size_t wrap_ip(uint8_t *pkt, const uint8_t *pfs, size_t n, uint8_t ttl)
{
	static const char hdr[] = "4510 0000 1234 4000 00f0 0000 c0000202 e00000f0";

	t_hex(hdr, pkt, 20);
	t_be16(pkt + 2, (uint16_t)(20 + n));
	pkt[8] = ttl;
	t_be16(pkt + 10, sum16(pkt, 20));
	memcpy(pkt + 20, pfs, n);
	return 20 + n;
}

/* pfsync header (version 6, len) + DEL_C x2 + INS_ACK x1 = 20+4+24+4+12 */
static const char frame1[] = "06 00 0040 00000000000000000000000000000000"
                             "07 03 0002"
                             "0000000000000011 0a0b0c0d"
                             "0000000000000012 0a0b0c0d"
                             "02 03 0001"
                             "00000000000000aa 01020304";

static void test_walk(void)
{
	uint8_t f[256];
	int n = t_hex(frame1, f, sizeof(f));
	struct pfsync_iter it;
	struct pfsync_msg m;

	CU_ASSERT_EQUAL_FATAL(n, 64);
	CU_ASSERT_EQUAL_FATAL(pfsync_frame_open(&it, f, (size_t)n), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(it.hdr.version, 6);
	CU_ASSERT_EQUAL(it.hdr.len, 64);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_EQUAL(m.action, PFSYNC_ACT_DEL_C);
	CU_ASSERT_EQUAL(m.count, 2);
	CU_ASSERT_EQUAL(m.index, 0);
	CU_ASSERT_EQUAL(m.mlen, 12);
	CU_ASSERT_EQUAL(m.offset, 24);
	CU_ASSERT_EQUAL(m.u.ref.id, 0x11);
	CU_ASSERT_EQUAL(m.u.ref.creatorid, 0x0a0b0c0d);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_EQUAL(m.index, 1);
	CU_ASSERT_EQUAL(m.u.ref.id, 0x12);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_EQUAL(m.action, PFSYNC_ACT_INS_ACK);
	CU_ASSERT_EQUAL(m.offset, 52);
	CU_ASSERT_EQUAL(m.u.ref.id, 0xaa);
	CU_ASSERT_EQUAL(m.u.ref.creatorid, 0x01020304);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 0);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 0);
}

static enum pfsync_rx open_hex(const char *hex, struct pfsync_iter *it, uint8_t *buf)
{
	int n = t_hex(hex, buf, 2048);

	CU_ASSERT_FATAL(n >= 0);
	return pfsync_frame_open(it, buf, (size_t)n);
}

static void test_header_errors(void)
{
	uint8_t b[2048];
	struct pfsync_iter it;

	/* shorter than the 20-byte header: hdrops */
	CU_ASSERT_EQUAL(open_hex("06 00 0014 000000000000000000000000000000", &it, b),
	                PFSYNC_RX_HDROPS);
	CU_ASSERT_EQUAL(pfsync_frame_open(&it, b, 0), PFSYNC_RX_HDROPS);
	/* version 5 (FreeBSD) and 1: badver */
	CU_ASSERT_EQUAL(open_hex("05 00 0014 00000000000000000000000000000000", &it, b),
	                PFSYNC_RX_BADVER);
	CU_ASSERT_EQUAL(open_hex("01 00 0014 00000000000000000000000000000000", &it, b),
	                PFSYNC_RX_BADVER);
	/* len beyond the packet: badlen */
	CU_ASSERT_EQUAL(open_hex("06 00 0015 00000000000000000000000000000000", &it, b),
	                PFSYNC_RX_BADLEN);
	/* len below the header itself: badlen (OpenBSD: silently nothing) */
	CU_ASSERT_EQUAL(open_hex("06 00 0013 00000000000000000000000000000000", &it, b),
	                PFSYNC_RX_BADLEN);
	/* exactly a header: valid and empty */
	CU_ASSERT_EQUAL(open_hex("06 00 0014 00000000000000000000000000000000", &it, b),
	                PFSYNC_RX_OK);
	struct pfsync_msg m;
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 0);
}

static void test_trim(void)
{
	/* packet longer than len: the tail (a would-be subheader) is ignored */
	uint8_t b[2048];
	struct pfsync_iter it;
	struct pfsync_msg m;

	CU_ASSERT_EQUAL(open_hex("06 00 0014 00000000000000000000000000000000 0d 42 0001", &it, b),
	                PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(it.len, 20);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 0);
	/* 1..3 trailing bytes inside len: end of the walk, no error */
	CU_ASSERT_EQUAL(open_hex("06 00 0017 00000000000000000000000000000000 0d4200", &it, b),
	                PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 0);
}

/* A frame: header for `body` then body. */
static enum pfsync_rx open_body(const char *body, struct pfsync_iter *it, uint8_t *buf)
{
	int n = t_hex(body, buf + 20, 2000);

	CU_ASSERT_FATAL(n >= 0);
	memset(buf, 0, 20);
	buf[0] = 6;
	t_be16(buf + 2, (uint16_t)(20 + n));
	return pfsync_frame_open(it, buf, (size_t)(20 + n));
}

static void test_skip_unknown(void)
{
	uint8_t b[2048];
	struct pfsync_iter it;
	struct pfsync_msg m;

	/* action 20 (>= PFSYNC_ACT_MAX), len 2 words, count 2: skipped by 16
	 * bytes, then a DEL_C is read */
	CU_ASSERT_EQUAL(open_body("14 02 0002 1111111122222222 3333333344444444"
	                          "07 03 0001 0000000000000005 00000007",
	                          &it, b),
	                PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_TRUE(m.skipped);
	CU_ASSERT_EQUAL(m.action, 20);
	CU_ASSERT_EQUAL(m.count, 2);
	CU_ASSERT_EQUAL(m.mlen, 8);
	CU_ASSERT_EQUAL(m.offset, 24);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_FALSE(m.skipped);
	CU_ASSERT_EQUAL(m.action, PFSYNC_ACT_DEL_C);
	CU_ASSERT_EQUAL(m.u.ref.id, 5);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 0);
}

static void test_skip_short_known(void)
{
	uint8_t b[2048];
	struct pfsync_iter it;
	struct pfsync_msg m;

	/* UPD_C announced as 2 words (8 < 84 bytes): skipped, not decoded */
	CU_ASSERT_EQUAL(open_body("04 02 0001 0000000000000001"
	                          "07 03 0001 0000000000000005 00000007",
	                          &it, b),
	                PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_TRUE(m.skipped);
	CU_ASSERT_EQUAL(m.action, PFSYNC_ACT_UPD_C);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_EQUAL(m.action, PFSYNC_ACT_DEL_C);
}

static void test_eof_and_handlerless(void)
{
	uint8_t b[2048];
	struct pfsync_iter it;
	struct pfsync_msg m;

	/* EOF (12) with len 0 count 0 as FreeBSD-era senders end frames: no
	 * handler, skipped whatever len/count say; the walk goes on. OINS (1)
	 * the same with a body. */
	CU_ASSERT_EQUAL(
	    open_body("0c 00 0000 01 01 0001 aabbccdd 07 03 0001 0000000000000009 00000001", &it,
	              b),
	    PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_TRUE(m.skipped);
	CU_ASSERT_EQUAL(m.action, PFSYNC_ACT_EOF);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_TRUE(m.skipped);
	CU_ASSERT_EQUAL(m.action, PFSYNC_ACT_OINS);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_EQUAL(m.action, PFSYNC_ACT_DEL_C);
	CU_ASSERT_EQUAL(m.u.ref.id, 9);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 0);
}

static void test_badact(void)
{
	uint8_t b[2048];
	struct pfsync_iter it;
	struct pfsync_msg m;

	/* unknown action, count 0: cannot be skipped -> badact */
	CU_ASSERT_EQUAL(open_body("14 02 0000", &it, b), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), -1);
	CU_ASSERT_EQUAL(it.reason, PFSYNC_RX_BADACT);
	/* unknown action, len 0 */
	CU_ASSERT_EQUAL(open_body("20 00 0003", &it, b), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), -1);
	CU_ASSERT_EQUAL(it.reason, PFSYNC_RX_BADACT);
	/* known action announced too short, with count 0 */
	CU_ASSERT_EQUAL(open_body("0d 10 0000", &it, b), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), -1);
	CU_ASSERT_EQUAL(it.reason, PFSYNC_RX_BADACT);
	/* messages before the bad subheader come first; after: nothing */
	CU_ASSERT_EQUAL(open_body("07 03 0001 0000000000000005 00000007 ff 00 0000 07 03 0001 "
	                          "0000000000000006 00000007",
	                          &it, b),
	                PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_EQUAL(m.u.ref.id, 5);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), -1);
	CU_ASSERT_EQUAL(it.reason, PFSYNC_RX_BADACT);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 0);
}

static void test_badlen(void)
{
	uint8_t b[2048];
	struct pfsync_iter it;
	struct pfsync_msg m;

	/* DEL_C x2 announced, one present */
	CU_ASSERT_EQUAL(open_body("07 03 0002 0000000000000005 00000007", &it, b), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), -1);
	CU_ASSERT_EQUAL(it.reason, PFSYNC_RX_BADLEN);
	/* an unknown action's len x count beyond the packet */
	CU_ASSERT_EQUAL(open_body("30 ff ffff 00000000", &it, b), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), -1);
	CU_ASSERT_EQUAL(it.reason, PFSYNC_RX_BADLEN);
}

static void test_longer_mlen(void)
{
	uint8_t b[2048], body[2 * 88];
	char hex[1024], *p = hex;
	struct pfsync_iter it;
	struct pfsync_msg m;
	unsigned i;

	/* UPD_C announced as 22 words (88 bytes): a v6 sender that appended
	 * 4 bytes. Decode the known 84, stride by 88. */
	memset(body, 0, sizeof(body));
	t_be64(body + 0, 1);
	t_be32(body + 72, 0xabcdef01);
	body[80] = PFTM_TCP_ESTABLISHED;
	memset(body + 84, 0xff, 4); /* the unknown extension */
	t_be64(body + 88, 2);
	t_be32(body + 88 + 72, 0xabcdef01);
	p += sprintf(p, "04 16 0002");
	for (i = 0; i < sizeof(body); i++)
		p += sprintf(p, "%02x", body[i]);
	CU_ASSERT_EQUAL(open_body(hex, &it, b), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_EQUAL(m.mlen, 88);
	CU_ASSERT_EQUAL(m.u.upd_c.id, 1);
	CU_ASSERT_EQUAL(m.u.upd_c.creatorid, 0xabcdef01);
	CU_ASSERT_EQUAL(m.u.upd_c.timeout, PFTM_TCP_ESTABLISHED);
	CU_ASSERT_EQUAL(m.reason, PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_EQUAL(m.u.upd_c.id, 2);
	CU_ASSERT_EQUAL(m.offset, 24 + 88);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 0);
}

static void test_empty_subheader_and_badval(void)
{
	uint8_t b[2048], st[264];
	char hex[2048], *p = hex;
	struct pfsync_iter it;
	struct pfsync_msg m;
	unsigned i, k;

	/* INS count 0 (nothing), then INS x2 whose first has timeout 20 */
	p += sprintf(p, "0d 42 0000 0d 42 0002");
	for (k = 0; k < 2; k++) {
		t_state_bytes(st);
		st[255] = k == 0 ? PFTM_MAX : PFTM_TCP_ESTABLISHED;
		for (i = 0; i < 264; i++)
			p += sprintf(p, "%02x", st[i]);
	}
	CU_ASSERT_EQUAL(open_body(hex, &it, b), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_EQUAL(m.action, PFSYNC_ACT_INS);
	CU_ASSERT_EQUAL(m.index, 0);
	CU_ASSERT_EQUAL(m.reason, PFSYNC_RX_BADVAL);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_EQUAL(m.index, 1);
	CU_ASSERT_EQUAL(m.reason, PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(m.u.state.id, 0x0123456789abcdefull);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 0);
}

static void test_skip_sub(void)
{
	uint8_t b[2048];
	struct pfsync_iter it;
	struct pfsync_msg m;

	CU_ASSERT_EQUAL(open_body("07 03 0003 0000000000000001 00000007 0000000000000002 00000007"
	                          "0000000000000003 00000007 02 03 0001 0000000000000004 00000007",
	                          &it, b),
	                PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_EQUAL(m.u.ref.id, 1);
	pfsync_frame_skip_sub(&it);
	CU_ASSERT_EQUAL(pfsync_frame_next(&it, &m), 1);
	CU_ASSERT_EQUAL(m.action, PFSYNC_ACT_INS_ACK);
	CU_ASSERT_EQUAL(m.u.ref.id, 4);
}

static void test_ip4(void)
{
	uint8_t f[256], pkt[300];
	int n = t_hex(frame1, f, sizeof(f));
	size_t len = wrap_ip(pkt, f, (size_t)n, 255);
	struct pfsync_ip4 ip;

	CU_ASSERT_EQUAL(pfsync_ip4_parse(pkt, len, &ip), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(ip.ttl, 255);
	CU_ASSERT_EQUAL(ip.tos, 0x10);
	CU_ASSERT_EQUAL(ip.id, 0x1234);
	CU_ASSERT_EQUAL(ip.src[3], 2);
	CU_ASSERT_EQUAL(ip.dst[0], 224);
	CU_ASSERT_EQUAL(ip.hlen, 20);
	CU_ASSERT_EQUAL(ip.payload_len, 64);
	CU_ASSERT_PTR_EQUAL(ip.payload, pkt + 20);
	/* Ethernet padding after the IP total length is not payload */
	CU_ASSERT_EQUAL(pfsync_ip4_parse(pkt, len + 6, &ip), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL(ip.payload_len, 64);
	/* TTL 254: badttl (off-link injection) */
	len = wrap_ip(pkt, f, (size_t)n, 254);
	CU_ASSERT_EQUAL(pfsync_ip4_parse(pkt, len, &ip), PFSYNC_RX_BADTTL);
	len = wrap_ip(pkt, f, (size_t)n, 255);
	/* malformed IPv4: hdrops */
	CU_ASSERT_EQUAL(pfsync_ip4_parse(pkt, 19, &ip), PFSYNC_RX_HDROPS);
	CU_ASSERT_EQUAL(pfsync_ip4_parse(pkt, len - 1, &ip), PFSYNC_RX_HDROPS); /* total > len */
	pkt[0] = 0x65;
	CU_ASSERT_EQUAL(pfsync_ip4_parse(pkt, len, &ip), PFSYNC_RX_HDROPS); /* version 6 */
	pkt[0] = 0x44;
	CU_ASSERT_EQUAL(pfsync_ip4_parse(pkt, len, &ip), PFSYNC_RX_HDROPS); /* IHL 4 */
	pkt[0] = 0x45;
	pkt[11] ^= 1;
	CU_ASSERT_EQUAL(pfsync_ip4_parse(pkt, len, &ip), PFSYNC_RX_HDROPS); /* checksum */
	pkt[11] ^= 1;
	pkt[9] = 112; /* CARP */
	t_be16(pkt + 10, 0);
	t_be16(pkt + 10, sum16(pkt, 20));
	CU_ASSERT_EQUAL(pfsync_ip4_parse(pkt, len, &ip), PFSYNC_RX_HDROPS);
	pkt[9] = 240;
	pkt[6] = 0x20; /* MF: a fragment */
	t_be16(pkt + 10, 0);
	t_be16(pkt + 10, sum16(pkt, 20));
	CU_ASSERT_EQUAL(pfsync_ip4_parse(pkt, len, &ip), PFSYNC_RX_HDROPS);
	pkt[6] = 0x40;
	pkt[7] = 0x01; /* offset 8 */
	t_be16(pkt + 10, 0);
	t_be16(pkt + 10, sum16(pkt, 20));
	CU_ASSERT_EQUAL(pfsync_ip4_parse(pkt, len, &ip), PFSYNC_RX_HDROPS);
	pkt[7] = 0;
	t_be16(pkt + 2, 19); /* total length below the header */
	t_be16(pkt + 10, 0);
	t_be16(pkt + 10, sum16(pkt, 20));
	CU_ASSERT_EQUAL(pfsync_ip4_parse(pkt, len, &ip), PFSYNC_RX_HDROPS);
}

static void test_ip4_build(void)
{
	static const uint8_t src[4] = {192, 0, 2, 2}, dst[4] = {224, 0, 0, 240};
	uint8_t got[20], want[20];

	/* OpenBSD's template: v4, IHL 5, TOS lowdelay, DF, TTL 255, proto 240 */
	t_hex("4510 0054 beef 4000 fff0 0000 c0000202 e00000f0", want, 20);
	t_be16(want + 10, sum16(want, 20));
	pfsync_ip4_build(got, src, dst, 0xbeef, 84);
	CU_ASSERT_EQUAL(memcmp(got, want, 20), 0);
	CU_ASSERT_EQUAL(pfsync_ip_cksum(got, 20), 0);
}

int pfsync_test_register_wire(void)
{
	static const struct t_case cases[] = {
	    {"walk a hand-made frame", test_walk},
	    {"header: hdrops, badver, badlen", test_header_errors},
	    {"longer packet trimmed to len", test_trim},
	    {"unknown action skipped by len x count", test_skip_unknown},
	    {"short known action skipped", test_skip_short_known},
	    {"EOF and handler-less actions skipped", test_eof_and_handlerless},
	    {"badact", test_badact},
	    {"badlen in a subheader", test_badlen},
	    {"longer per-message length accepted", test_longer_mlen},
	    {"empty subheader, badval message", test_empty_subheader_and_badval},
	    {"skip the rest of a subheader", test_skip_sub},
	    {"IPv4 parse: hdrops, badttl", test_ip4},
	    {"IPv4 build: OpenBSD's template", test_ip4_build},
	    {NULL, NULL},
	};

	return t_suite("wire", cases);
}
