/* SPDX-License-Identifier: BSD-2-Clause */
/* Wire codec: spec vectors byte for byte, and each malformed input -> its reason. */
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "carp_test.h"
#include "carp_wire.h"
#include "vectors.h"

static int vec_frame(const struct t_vec *v, uint8_t *buf)
{
	return t_hex(v->frame, buf, CARP_FRAME_MAX);
}

static void vec_tx_addr(const struct t_vec *v, struct carp_tx_addr *ta)
{
	memset(ta, 0, sizeof(*ta));
	ta->family = (uint8_t)v->family;
	CU_ASSERT_EQUAL_FATAL(t_hex(v->src_mac, ta->src_mac, 6), 6);
	CU_ASSERT_EQUAL_FATAL(t_hex(v->dst_mac, ta->dst_mac, 6), 6);
	if (v->family == 4) {
		t_ip4(v->src_ip, ta->src_ip);
		t_ip4(v->dst_ip, ta->dst_ip);
	} else {
		t_ip6(v->src_ip, ta->src_ip);
		t_ip6(v->dst_ip, ta->dst_ip);
	}
	ta->ip_id = v->ip_id;
}

static void vec_adv(const struct t_vec *v, struct carp_adv *adv)
{
	memset(adv, 0, sizeof(*adv));
	adv->version = CARP_VERSION;
	adv->type = CARP_TYPE_ADVERTISEMENT;
	adv->vhid = v->vhid;
	adv->advskew = v->advskew;
	adv->authlen = CARP_AUTHLEN;
	adv->demote = v->demote;
	adv->advbase = v->advbase;
	adv->counter = v->counter;
	CU_ASSERT_EQUAL_FATAL(t_hex(v->md, adv->md, CARP_MD_LEN), CARP_MD_LEN);
}

/* Encode header, IP packet and frame from the vector's fields: byte equal. */
static void test_vectors_encode(void)
{
	uint8_t want[CARP_FRAME_MAX], got[CARP_FRAME_MAX + 8], hdr[CARP_HDR_LEN];
	struct carp_tx_addr ta;
	struct carp_adv adv;
	unsigned i;
	int n, want_len;

	for (i = 0; i < t_nvecs; i++) {
		const struct t_vec *v = &t_vecs[i];

		want_len = vec_frame(v, want);
		CU_ASSERT_EQUAL_FATAL(want_len, v->family == 4 ? 70 : 90);
		vec_adv(v, &adv);
		carp_adv_encode(&adv, hdr, true);
		CU_ASSERT_EQUAL(memcmp(hdr, want + want_len - CARP_HDR_LEN, CARP_HDR_LEN), 0);
		CU_ASSERT_EQUAL((hdr[6] << 8 | hdr[7]), v->cksum);
		vec_tx_addr(v, &ta);
		memset(got, 0xee, sizeof(got));
		n = carp_frame_build(&ta, hdr, got, sizeof(got));
		CU_ASSERT_EQUAL(n, want_len);
		CU_ASSERT_EQUAL(memcmp(got, want, (size_t)want_len), 0);
		CU_ASSERT_EQUAL(got[want_len], 0xee); /* nothing written past */
		/* Too small a buffer is refused, not overrun. */
		CU_ASSERT_EQUAL(carp_frame_build(&ta, hdr, got, (size_t)want_len - 1), -ENOSPC);
		n = carp_ip_build(&ta, hdr, got, sizeof(got));
		CU_ASSERT_EQUAL(n, want_len - CARP_ETHER_LEN);
		CU_ASSERT_EQUAL(memcmp(got, want + CARP_ETHER_LEN, (size_t)n), 0);
	}
}

static void test_vectors_decode(void)
{
	uint8_t f[CARP_FRAME_MAX], md[CARP_MD_LEN], mac[6], ip[16];
	struct carp_pkt p;
	unsigned i;
	int len;

	for (i = 0; i < t_nvecs; i++) {
		const struct t_vec *v = &t_vecs[i];

		len = vec_frame(v, f);
		CU_ASSERT_EQUAL_FATAL(carp_frame_parse(f, (size_t)len, &p), CARP_PARSE_OK);
		CU_ASSERT_EQUAL(p.family, v->family);
		CU_ASSERT_EQUAL(p.ttl, 255);
		CU_ASSERT_EQUAL(p.adv.version, 2);
		CU_ASSERT_EQUAL(p.adv.type, 1);
		CU_ASSERT_EQUAL(p.adv.vhid, v->vhid);
		CU_ASSERT_EQUAL(p.adv.advbase, v->advbase);
		CU_ASSERT_EQUAL(p.adv.advskew, v->advskew);
		CU_ASSERT_EQUAL(p.adv.authlen, 7);
		CU_ASSERT_EQUAL(p.adv.demote, v->demote);
		CU_ASSERT_EQUAL(p.adv.cksum, v->cksum);
		CU_ASSERT_EQUAL(p.adv.counter, v->counter);
		t_hex(v->md, md, sizeof(md));
		CU_ASSERT_EQUAL(memcmp(p.adv.md, md, CARP_MD_LEN), 0);
		t_hex(v->src_mac, mac, 6);
		CU_ASSERT_TRUE(p.has_ether);
		CU_ASSERT_EQUAL(memcmp(p.eth_src, mac, 6), 0);
		if (v->family == 4) {
			t_ip4(v->src_ip, ip);
			CU_ASSERT_EQUAL(memcmp(p.src.a, ip, 4), 0);
			t_ip4(v->dst_ip, ip);
			CU_ASSERT_EQUAL(memcmp(p.dst.a, ip, 4), 0);
			CU_ASSERT_EQUAL(p.ip_id, v->ip_id);
		} else {
			t_ip6(v->src_ip, ip);
			CU_ASSERT_EQUAL(memcmp(p.src.a, ip, 16), 0);
		}
		CU_ASSERT_EQUAL(p.dst_multicast, strcmp(v->name, "V6-unicast-carppeer") != 0);
		CU_ASSERT_EQUAL(p.payload_len, CARP_HDR_LEN);
		CU_ASSERT_PTR_EQUAL(p.carp, f + len - CARP_HDR_LEN);
	}
}

static void test_cksum(void)
{
	uint8_t f[CARP_FRAME_MAX];
	uint8_t odd[3] = {0x01, 0x02, 0x03};
	int len = vec_frame(&t_vecs[0], f);

	/* A block including its correct checksum sums to zero. */
	CU_ASSERT_EQUAL(carp_cksum(f + len - 36, 36), 0);
	CU_ASSERT_EQUAL(carp_cksum(f + 14, 20), 0); /* IPv4 header */
	f[len - 36 + 6] = f[len - 36 + 7] = 0;
	CU_ASSERT_EQUAL(carp_cksum(f + len - 36, 36), 0x7cd6);
	/* odd length: last byte is the high half of a word */
	CU_ASSERT_EQUAL(carp_cksum(odd, 3), (uint16_t) ~(0x0102 + 0x0300));
}

/* Every single-bit change in the CARP header is caught by the checksum. */
static void test_bitflips_badsum(void)
{
	uint8_t f[CARP_FRAME_MAX];
	struct carp_pkt p;
	unsigned i, bit;
	int len;

	for (i = 0; i < t_nvecs; i++) {
		len = vec_frame(&t_vecs[i], f);
		for (bit = 0; bit < 36 * 8; bit++) {
			uint8_t *b = f + len - 36 + bit / 8;

			*b ^= (uint8_t)(1u << (bit % 8));
			CU_ASSERT_EQUAL(carp_frame_parse(f, (size_t)len, &p), CARP_PARSE_BADSUM);
			*b ^= (uint8_t)(1u << (bit % 8));
		}
	}
}

/* IPv4 packet of V1 (56 bytes) in pkt; returns its length. */
static size_t v1_ip4(uint8_t *pkt)
{
	uint8_t f[CARP_FRAME_MAX];
	int len = vec_frame(&t_vecs[0], f);

	memcpy(pkt, f + 14, (size_t)len - 14);
	return (size_t)len - 14;
}

static void fix_ip4(uint8_t *pkt)
{
	size_t ihl = (size_t)(pkt[0] & 0x0f) * 4;
	uint16_t s;

	pkt[10] = pkt[11] = 0;
	s = carp_cksum(pkt, ihl);
	pkt[10] = (uint8_t)(s >> 8);
	pkt[11] = (uint8_t)s;
}

static void fix_carp(uint8_t *c, size_t len)
{
	uint16_t s;

	c[6] = c[7] = 0;
	s = carp_cksum(c, len);
	c[6] = (uint8_t)(s >> 8);
	c[7] = (uint8_t)s;
}

static enum carp_parse_result p4(const uint8_t *pkt, size_t len)
{
	struct carp_pkt p;
	/* exact-size heap copy so ASan catches any read past len */
	uint8_t *copy = malloc(len ? len : 1);
	enum carp_parse_result r;

	memcpy(copy, pkt, len);
	r = carp_ip_parse(copy, len, &p);
	free(copy);
	return r;
}

static void test_malformed_ip4(void)
{
	uint8_t pkt[128];
	size_t len = v1_ip4(pkt);

	CU_ASSERT_EQUAL(p4(pkt, len), CARP_PARSE_OK);
	CU_ASSERT_EQUAL(p4(pkt, 19), CARP_PARSE_HDROPS); /* short IP header */
	CU_ASSERT_EQUAL(p4(pkt, 0), CARP_PARSE_HDROPS);

	len = v1_ip4(pkt);
	pkt[9] = 17;
	fix_ip4(pkt); /* UDP */
	CU_ASSERT_EQUAL(p4(pkt, len), CARP_PARSE_HDROPS);

	len = v1_ip4(pkt);
	pkt[6] = 0x20;
	fix_ip4(pkt); /* MF fragment */
	CU_ASSERT_EQUAL(p4(pkt, len), CARP_PARSE_HDROPS);

	len = v1_ip4(pkt);
	pkt[12] ^= 1; /* IP header sum */
	CU_ASSERT_EQUAL(p4(pkt, len), CARP_PARSE_HDROPS);

	len = v1_ip4(pkt);
	pkt[0] = 0x44;
	fix_ip4(pkt); /* IHL 4 */
	CU_ASSERT_EQUAL(p4(pkt, len), CARP_PARSE_HDROPS);

	len = v1_ip4(pkt);
	pkt[8] = 254;
	fix_ip4(pkt); /* TTL */
	CU_ASSERT_EQUAL(p4(pkt, len), CARP_PARSE_BADTTL);
	pkt[8] = 1;
	fix_ip4(pkt);
	CU_ASSERT_EQUAL(p4(pkt, len), CARP_PARSE_BADTTL);

	len = v1_ip4(pkt); /* truncated buffer */
	CU_ASSERT_EQUAL(p4(pkt, len - 1), CARP_PARSE_BADLEN);
	CU_ASSERT_EQUAL(p4(pkt, 20 + 8), CARP_PARSE_BADLEN);
	pkt[3] = 50;
	fix_ip4(pkt); /* IP says 30 bytes */
	CU_ASSERT_EQUAL(p4(pkt, len), CARP_PARSE_BADLEN);

	len = v1_ip4(pkt); /* padding ignored */
	memset(pkt + len, 0, 8);
	CU_ASSERT_EQUAL(p4(pkt, len + 8), CARP_PARSE_OK);
	memset(pkt + len, 0xab, 8); /* extra bytes in IP */
	pkt[3] = 64;
	fix_ip4(pkt);
	CU_ASSERT_EQUAL(p4(pkt, len + 8), CARP_PARSE_OK);
	/* ...unless they make a valid VRRPv2 layout (7 addresses, 8 zero
	 * auth bytes): ambiguous, classified as VRRP (docs/carp.md) */
	memset(pkt + len, 0, 8);
	CU_ASSERT_EQUAL(p4(pkt, len + 8), CARP_PARSE_VRRP);

	len = v1_ip4(pkt); /* IP options */
	memmove(pkt + 24, pkt + 20, 36);
	memset(pkt + 20, 1, 4); /* 4 NOPs */
	pkt[0] = 0x46;
	pkt[3] = 60;
	fix_ip4(pkt);
	CU_ASSERT_EQUAL(p4(pkt, len + 4), CARP_PARSE_OK);

	len = v1_ip4(pkt);
	pkt[20 + 20] ^= 0x80; /* digest byte */
	CU_ASSERT_EQUAL(p4(pkt, len), CARP_PARSE_BADSUM);

	len = v1_ip4(pkt);
	pkt[20] = 0x11;
	fix_carp(pkt + 20, 36); /* version 1 */
	CU_ASSERT_EQUAL(p4(pkt, len), CARP_PARSE_BADVER);
	pkt[20] = 0x41;
	fix_carp(pkt + 20, 36); /* version 4 */
	CU_ASSERT_EQUAL(p4(pkt, len), CARP_PARSE_BADVER);

	/* type is not checked by anyone; authlen neither */
	len = v1_ip4(pkt);
	pkt[20] = 0x22;
	pkt[23] = 3;
	fix_carp(pkt + 20, 36);
	CU_ASSERT_EQUAL(p4(pkt, len), CARP_PARSE_OK);
}

/* VRRP v2/v3 on protocol 112 are recognised, never taken for CARP. */
static void test_vrrp(void)
{
	uint8_t pkt[128];
	struct carp_pkt p;

	/* VRRPv3 (RFC 5798): ver 3, VRID 7, prio 100, 1 addr, interval 100cs */
	v1_ip4(pkt);
	memset(pkt + 20, 0, 36);
	pkt[20] = 0x31;
	pkt[21] = 7;
	pkt[22] = 100;
	pkt[23] = 1;
	pkt[24] = 0;
	pkt[25] = 100;
	memcpy(pkt + 28, "\xc0\x00\x02\x64", 4);
	pkt[3] = 32;
	fix_ip4(pkt);
	/* checksum over the pseudo-header (src, dst, 0, 112, length 12) */
	{
		uint8_t ph[12 + 12];
		uint16_t s;

		memcpy(ph, pkt + 12, 8);
		ph[8] = 0;
		ph[9] = 112;
		ph[10] = 0;
		ph[11] = 12;
		memcpy(ph + 12, pkt + 20, 12);
		s = carp_cksum(ph, sizeof(ph));
		pkt[26] = (uint8_t)(s >> 8);
		pkt[27] = (uint8_t)s;
	}
	CU_ASSERT_EQUAL(p4(pkt, 32), CARP_PARSE_VRRP);
	pkt[29] ^= 1; /* corrupted: no longer provably VRRP, and too short */
	CU_ASSERT_EQUAL(p4(pkt, 32), CARP_PARSE_BADLEN);
	pkt[29] ^= 1;
	CU_ASSERT_EQUAL(carp_ip_parse(pkt, 32, &p), CARP_PARSE_VRRP);
	CU_ASSERT_EQUAL(p.adv.vhid, 7);

	/* VRRPv2 (RFC 3768), one address, no auth: 8 + 4 + 8 = 20 bytes */
	memset(pkt + 20, 0, 36);
	pkt[20] = 0x21;
	pkt[21] = 7;
	pkt[22] = 100;
	pkt[23] = 1;
	pkt[24] = 0;
	pkt[25] = 1;
	memcpy(pkt + 28, "\xc0\x00\x02\x64", 4);
	fix_carp(pkt + 20, 20);
	pkt[3] = 40;
	fix_ip4(pkt);
	CU_ASSERT_EQUAL(p4(pkt, 40), CARP_PARSE_VRRP);

	/* VRRPv2 with 5 addresses: exactly 36 bytes, like a CARP header */
	memset(pkt + 20, 0, 36);
	pkt[20] = 0x21;
	pkt[21] = 7;
	pkt[22] = 100;
	pkt[23] = 5;
	pkt[25] = 1;
	fix_carp(pkt + 20, 36);
	pkt[3] = 56;
	fix_ip4(pkt);
	CU_ASSERT_EQUAL(p4(pkt, 56), CARP_PARSE_VRRP);

	/* VRRPv2 with 7 addresses: authlen byte 7 too, 44 bytes */
	memset(pkt + 20, 0, 44);
	pkt[20] = 0x21;
	pkt[21] = 7;
	pkt[22] = 100;
	pkt[23] = 7;
	pkt[25] = 1;
	memset(pkt + 28, 0xc0, 28);
	fix_carp(pkt + 20, 44);
	pkt[3] = 64;
	fix_ip4(pkt);
	CU_ASSERT_EQUAL(p4(pkt, 64), CARP_PARSE_VRRP);
}

static void test_malformed_ip6(void)
{
	uint8_t f[CARP_FRAME_MAX], pkt[128];
	struct carp_pkt p;
	int len = vec_frame(&t_vecs[4], f);
	size_t n = (size_t)len - 14;

	memcpy(pkt, f + 14, n);
	CU_ASSERT_EQUAL(p4(pkt, n), CARP_PARSE_OK);
	CU_ASSERT_EQUAL(p4(pkt, 39), CARP_PARSE_HDROPS);
	pkt[7] = 64;
	CU_ASSERT_EQUAL(p4(pkt, n), CARP_PARSE_BADTTL);
	pkt[7] = 255;
	pkt[6] = 0; /* hop-by-hop extension header */
	CU_ASSERT_EQUAL(p4(pkt, n), CARP_PARSE_HDROPS);
	pkt[6] = 112;
	CU_ASSERT_EQUAL(p4(pkt, n - 1), CARP_PARSE_BADLEN);
	pkt[5] = 30; /* payload length says 30 */
	CU_ASSERT_EQUAL(p4(pkt, n), CARP_PARSE_BADLEN);
	pkt[5] = 36;
	pkt[40 + 9] ^= 4;
	CU_ASSERT_EQUAL(p4(pkt, n), CARP_PARSE_BADSUM);
	pkt[40 + 9] ^= 4;
	/* through an Ethernet frame with an 802.1Q tag */
	memcpy(pkt, f, 12);
	pkt[12] = 0x81;
	pkt[13] = 0;
	pkt[14] = 0;
	pkt[15] = 5;
	memcpy(pkt + 16, f + 12, (size_t)len - 12);
	CU_ASSERT_EQUAL(carp_frame_parse(pkt, (size_t)len + 4, &p), CARP_PARSE_OK);
	CU_ASSERT_EQUAL(p.adv.vhid, 4);
	pkt[16] = 0x08;
	pkt[17] = 0x06; /* ARP */
	CU_ASSERT_EQUAL(carp_frame_parse(pkt, (size_t)len + 4, &p), CARP_PARSE_HDROPS);
}

/* Every prefix of every vector, in an exact-size buffer (ASan checks). */
static void test_prefixes_never_overread(void)
{
	uint8_t f[CARP_FRAME_MAX];
	struct carp_pkt p;
	unsigned i;
	int len, n;

	for (i = 0; i < t_nvecs; i++) {
		len = vec_frame(&t_vecs[i], f);
		for (n = 0; n <= len; n++) {
			uint8_t *c = malloc(n ? (size_t)n : 1);
			enum carp_parse_result r;

			memcpy(c, f, (size_t)n);
			r = carp_frame_parse(c, (size_t)n, &p);
			CU_ASSERT(n == len ? r == CARP_PARSE_OK : r != CARP_PARSE_OK);
			free(c);
		}
	}
}

static void test_reason_names(void)
{
	CU_ASSERT_STRING_EQUAL(carp_parse_result_name(CARP_PARSE_BADTTL), "badttl");
	CU_ASSERT_STRING_EQUAL(carp_parse_result_name(CARP_PARSE_HDROPS), "hdrops");
	CU_ASSERT_STRING_EQUAL(carp_parse_result_name(CARP_PARSE_VRRP), "vrrp");
	CU_ASSERT_STRING_EQUAL(carp_parse_result_name(CARP_PARSE__COUNT), "?");
	CU_ASSERT_STRING_EQUAL(carp_parse_result_desc(CARP_PARSE_BADLEN),
	                       "shorter than IP header + 36 bytes");
}

int carp_test_register_wire(void)
{
	static const struct t_case cases[] = {
	    {"vectors encode byte for byte", test_vectors_encode},
	    {"vectors decode", test_vectors_decode},
	    {"checksum", test_cksum},
	    {"one-bit flips -> badsum", test_bitflips_badsum},
	    {"malformed IPv4 -> reason", test_malformed_ip4},
	    {"VRRP recognised", test_vrrp},
	    {"malformed IPv6 -> reason", test_malformed_ip6},
	    {"prefixes never over-read", test_prefixes_never_overread},
	    {"reason names", test_reason_names},
	    {NULL, NULL},
	};
	return t_suite("carp_wire", cases);
}
