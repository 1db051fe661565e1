/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/fwd packet functions on crafted frames, no EAL: classification, IPv4
 * validation per malformed case, RFC 1624 checksum update, ICMP and ARP
 * generation, fragmentation, token bucket, queue assignment, counter names.
 */

#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "fwd_cksum.h"
#include "fwd_counters.h"
#include "fwd_frag.h"
#include "fwd_pkt.h"
#include "fwd_ratelimit.h"
#include "fwd_test.h"
#include "fwd_worker.h"

#define HOST   IP4(192, 0, 2, 10)
#define ROUTER IP4(192, 0, 2, 1)
#define SERVER IP4(198, 51, 100, 20)

static struct fwd_mac_filter filter0(void)
{
	struct fwd_mac_filter f = {.own = tf_mac_port0};

	return f;
}

/* ---- fragmentation (fwd_frag.h) ---- */

/*
 * Splits a tlen-byte packet whose own fragment field is fo for mtu and
 * checks RFC 791: every piece within the MTU, 8-byte aligned payload but the
 * last, offsets contiguous from fo's, MF on all but the last (which keeps
 * fo's MF), the header otherwise the original's with a valid checksum, and
 * the payloads joined back equal to the original's.
 */
static void frag_check(uint32_t tlen, uint32_t mtu, uint16_t fo)
{
	static uint8_t in[14 + 65535], out[14 + 65535], piece[14 + 9600 + 64];
	uint32_t n = fwd_frag_count(tlen, fo & 0x1fff, mtu), off = 0, i, len;
	uint16_t f;

	tf_ipv4(in, &tf_mac_other, &tf_mac_port1, HOST, SERVER, 63, 17, (uint16_t)(tlen - 20));
	for (i = 34; i < 14 + tlen; i++)
		in[i] = (uint8_t)rand();
	in[14 + 6] = (uint8_t)(fo >> 8);
	in[14 + 7] = (uint8_t)fo;
	tf_ipv4_fix_cksum(in);
	for (i = 0; i < n; i++) {
		len = fwd_frag_write(piece, sizeof(piece), in, mtu, i);
		CU_ASSERT_FATAL(len > 34 && len <= 14 + mtu);
		CU_ASSERT_EQUAL(rd16(piece + 16), len - 14);
		CU_ASSERT_EQUAL(ref_cksum(piece + 14, 20), 0);
		CU_ASSERT_EQUAL(memcmp(piece, in, 14 + 2), 0);      /* Ethernet, version, TOS */
		CU_ASSERT_EQUAL(memcmp(piece + 18, in + 18, 2), 0); /* ID */
		CU_ASSERT_EQUAL(memcmp(piece + 22, in + 22, 2), 0); /* TTL, protocol */
		CU_ASSERT_EQUAL(memcmp(piece + 26, in + 26, 8), 0); /* addresses */
		f = rd16(piece + 20);
		CU_ASSERT_EQUAL((f & 0x1fff) * 8u, (fo & 0x1fff) * 8u + off);
		CU_ASSERT_EQUAL(f & 0x4000, 0);
		if (i + 1 < n) {
			CU_ASSERT_EQUAL(f & 0x2000, 0x2000);
			CU_ASSERT_EQUAL((len - 34) % 8, 0);
		} else {
			CU_ASSERT_EQUAL(f & 0x2000, fo & 0x2000);
		}
		memcpy(out + 34 + off, piece + 34, len - 34);
		off += len - 34;
	}
	CU_ASSERT_EQUAL(off, tlen - 20);
	CU_ASSERT_EQUAL(memcmp(out + 34, in + 34, tlen - 20), 0);
	CU_ASSERT_EQUAL(fwd_frag_write(piece, sizeof(piece), in, mtu, n), 0); /* past the last */
}

static void test_frag_split(void)
{
	static const uint32_t mtus[] = {68, 576, 1280, 1400, 1500, 9600};
	static const uint32_t tlens[] = {1501, 3028, 8028, 9601, 65535};

	srand(7);
	for (unsigned int m = 0; m < RTE_DIM(mtus); m++) {
		frag_check(mtus[m] + 1, mtus[m], 0);
		for (unsigned int t = 0; t < RTE_DIM(tlens); t++) {
			if (tlens[t] <= mtus[m])
				continue;
			frag_check(tlens[t], mtus[m], 0);
			if (tlens[t] + 2960 > 65535)
				continue;
			frag_check(tlens[t], mtus[m], 0x2000 | 185); /* a middle fragment */
			frag_check(tlens[t], mtus[m], 370);          /* a last fragment */
		}
	}
}

static void test_frag_count_and_cap(void)
{
	static uint8_t in[14 + 1501], piece[14 + 1500];

	CU_ASSERT_EQUAL(fwd_frag_step(1500), 1480);
	CU_ASSERT_EQUAL(fwd_frag_step(1400), 1376); /* 1380 rounded down to 8 */
	CU_ASSERT_EQUAL(fwd_frag_step(68), 48);
	CU_ASSERT_EQUAL(fwd_frag_count(1501, 0, 1500), 2);
	CU_ASSERT_EQUAL(fwd_frag_count(1500 + 1480, 0, 1500), 2);
	CU_ASSERT_EQUAL(fwd_frag_count(1501 + 1480, 0, 1500), 3);
	CU_ASSERT_EQUAL(fwd_frag_count(8028, 0, 1500), 6);
	/* the datagram's end past 64 KiB: no offset could place the pieces */
	CU_ASSERT_EQUAL(fwd_frag_count(1501, (65535 - 1501) / 8, 1500), 2);
	CU_ASSERT_EQUAL(fwd_frag_count(1501, (65535 - 1501) / 8 + 1, 1500), 0);
	tf_ipv4(in, &tf_mac_other, &tf_mac_port1, HOST, SERVER, 63, 17, 1481);
	in[14 + 6] = 0x1f; /* offset 8191 units (65528 bytes): far past */
	in[14 + 7] = 0xff;
	CU_ASSERT_EQUAL(fwd_frag_write(piece, sizeof(piece), in, 1500, 0), 0);
	in[14 + 6] = in[14 + 7] = 0;
	CU_ASSERT_EQUAL(fwd_frag_write(piece, 14 + 1499, in, 1500, 0), 0); /* no room */
	CU_ASSERT_EQUAL(fwd_frag_write(piece, sizeof(piece), in, 1500, 0), 14 + 1500);
	CU_ASSERT_EQUAL(fwd_frag_write(piece, sizeof(piece), in, 1500, 1), 14 + 21);
}

/* ---- classification ---- */

static void test_classify(void)
{
	struct fwd_mac_filter f = filter0();
	struct rte_ether_addr mcast = {{0x01, 0x00, 0x5e, 0x00, 0x00, 0x12}};
	struct rte_ether_addr mcast2 = {{0x01, 0x00, 0x5e, 0x00, 0x00, 0x13}};
	uint8_t b[128];
	enum fwd_drop why = FWD_DROP_NONE;
	uint8_t l2;
	uint32_t len;

	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 20);
	CU_ASSERT_EQUAL(fwd_classify(b, len, &f, &l2, &why), FWD_CLASS_IPV4);
	CU_ASSERT_EQUAL(l2, 0);

	CU_ASSERT_EQUAL(fwd_classify(b, 13, &f, &l2, &why), FWD_CLASS_DROP);
	CU_ASSERT_EQUAL(why, FWD_DROP_RUNT);

	len = tf_ipv4(b, &tf_mac_other, &tf_mac_host, HOST, SERVER, 64, 17, 20);
	CU_ASSERT_EQUAL(fwd_classify(b, len, &f, &l2, &why), FWD_CLASS_DROP);
	CU_ASSERT_EQUAL(why, FWD_DROP_DST_MAC_NOT_OURS);

	len = tf_arp(b, &tf_mac_bcast, 1, &tf_mac_host, HOST, &tf_mac_other, ROUTER);
	CU_ASSERT_EQUAL(fwd_classify(b, len, &f, &l2, &why), FWD_CLASS_ARP);
	CU_ASSERT_EQUAL(l2, FWD_L2_GROUP);

	/* multicast: only a subscribed group */
	len = tf_ipv4(b, &mcast, &tf_mac_host, HOST, IP4(224, 0, 0, 18), 255, 112, 36);
	why = FWD_DROP_NONE;
	CU_ASSERT_EQUAL(fwd_classify(b, len, &f, &l2, &why), FWD_CLASS_DROP);
	CU_ASSERT_EQUAL(why, FWD_DROP_DST_MAC_NOT_OURS);
	f.extra[f.n_extra++] = mcast;
	CU_ASSERT_EQUAL(fwd_classify(b, len, &f, &l2, &why), FWD_CLASS_CARP);
	CU_ASSERT_EQUAL(l2, FWD_L2_GROUP);
	memcpy(b, &mcast2, 6);
	CU_ASSERT_EQUAL(fwd_classify(b, len, &f, &l2, &why), FWD_CLASS_DROP);

	/* IPv6 goes to its handler (which drops it on ports without IPv6) */
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 20);
	b[12] = 0x86;
	b[13] = 0xdd;
	CU_ASSERT_EQUAL(fwd_classify(b, len, &f, &l2, &why), FWD_CLASS_IPV6);
	/* 33:33 groups only once IPv6 is on (fwd_ip6_port_enable) */
	b[0] = b[1] = 0x33;
	why = FWD_DROP_NONE;
	CU_ASSERT_EQUAL(fwd_classify(b, len, &f, &l2, &why), FWD_CLASS_DROP);
	CU_ASSERT_EQUAL(why, FWD_DROP_DST_MAC_NOT_OURS);
	f.ip6_groups = true;
	CU_ASSERT_EQUAL(fwd_classify(b, len, &f, &l2, &why), FWD_CLASS_IPV6);
	CU_ASSERT_EQUAL(l2, FWD_L2_GROUP);
	b[1] = 0x34;
	CU_ASSERT_EQUAL(fwd_classify(b, len, &f, &l2, &why), FWD_CLASS_DROP);
	memcpy(b, &tf_mac_port0, 6);
	/* VLAN: not handled yet */
	b[12] = 0x81;
	b[13] = 0x00;
	why = FWD_DROP_NONE;
	CU_ASSERT_EQUAL(fwd_classify(b, len, &f, &l2, &why), FWD_CLASS_DROP);
	CU_ASSERT_EQUAL(why, FWD_DROP_NOT_IPV4_ETHERTYPE);
}

/* ---- IPv4 validation ---- */

static void test_ipv4_valid(void)
{
	uint8_t b[128];
	uint32_t len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 8);

	CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, len - 14), FWD_DROP_NONE);
	/* Ethernet padding after the IP packet is fine */
	CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, 46), FWD_DROP_NONE);
	/* exactly a header, no payload */
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 0);
	CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, 20), FWD_DROP_NONE);
}

static void test_ipv4_truncated(void)
{
	uint8_t b[128];

	tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 8);
	CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, 19), FWD_DROP_IP_TRUNCATED);
	CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, 0), FWD_DROP_IP_TRUNCATED);
	/* IHL 15 (60 bytes) but only 40 in the frame */
	b[14] = 0x4f;
	tf_ipv4_fix_cksum(b);
	CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, 40), FWD_DROP_IP_TRUNCATED);
}

static void test_ipv4_bad_version(void)
{
	uint8_t b[128];
	uint32_t len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 8);

	b[14] = 0x65;
	tf_ipv4_fix_cksum(b);
	CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, len - 14), FWD_DROP_IP_BAD_VERSION);
}

static void test_ipv4_bad_ihl(void)
{
	uint8_t b[128];
	uint32_t len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 8);

	for (uint8_t ihl = 0; ihl < 5; ihl++) {
		b[14] = 0x40 | ihl;
		CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, len - 14), FWD_DROP_IP_BAD_IHL);
	}
}

static void test_ipv4_bad_total_length(void)
{
	uint8_t b[128];
	uint32_t len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 8);

	/* larger than the frame */
	b[16] = 0;
	b[17] = 29;
	tf_ipv4_fix_cksum(b);
	CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, len - 14), FWD_DROP_IP_BAD_TOTAL_LENGTH);
	/* smaller than the header */
	b[17] = 19;
	tf_ipv4_fix_cksum(b);
	CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, len - 14), FWD_DROP_IP_BAD_TOTAL_LENGTH);
	b[17] = 0;
	tf_ipv4_fix_cksum(b);
	CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, len - 14), FWD_DROP_IP_BAD_TOTAL_LENGTH);
}

static void test_ipv4_bad_checksum(void)
{
	uint8_t b[128];
	uint32_t len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 8);

	b[24] ^= 0x01;
	CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, len - 14), FWD_DROP_IP_BAD_CHECKSUM);
	b[24] ^= 0x01;
	b[22] = 63; /* TTL changed, checksum not */
	CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, len - 14), FWD_DROP_IP_BAD_CHECKSUM);
}

static void test_ipv4_options(void)
{
	uint8_t b[128];
	uint32_t len;

	/* IHL 6 with a NOP option word, correct lengths and checksum */
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 8);
	b[14] = 0x46;
	memset(b + 34, 1, 4); /* the first payload word becomes 4 x NOP */
	tf_ipv4_fix_cksum(b);
	CU_ASSERT_EQUAL(fwd_ipv4_validate(b + 14, len - 14), FWD_DROP_IP_OPTIONS);
}

static void test_ipv4_martians(void)
{
	CU_ASSERT_EQUAL(fwd_ipv4_check_addrs(HOST, SERVER), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(fwd_ipv4_check_addrs(IP4(0, 0, 0, 0), SERVER), FWD_DROP_MARTIAN_SOURCE);
	CU_ASSERT_EQUAL(fwd_ipv4_check_addrs(IP4(127, 0, 0, 1), SERVER), FWD_DROP_MARTIAN_SOURCE);
	CU_ASSERT_EQUAL(fwd_ipv4_check_addrs(IP4(224, 0, 0, 1), SERVER), FWD_DROP_MARTIAN_SOURCE);
	CU_ASSERT_EQUAL(fwd_ipv4_check_addrs(IP4(255, 255, 255, 255), SERVER),
	                FWD_DROP_MARTIAN_SOURCE);
	CU_ASSERT_EQUAL(fwd_ipv4_check_addrs(HOST, IP4(127, 0, 0, 1)),
	                FWD_DROP_MARTIAN_DESTINATION);
	CU_ASSERT_EQUAL(fwd_ipv4_check_addrs(HOST, IP4(0, 1, 2, 3)), FWD_DROP_MARTIAN_DESTINATION);
	CU_ASSERT_EQUAL(fwd_ipv4_check_addrs(HOST, IP4(240, 0, 0, 1)),
	                FWD_DROP_MARTIAN_DESTINATION);
	/* multicast and limited broadcast are not martian, just not forwarded */
	CU_ASSERT_EQUAL(fwd_ipv4_check_addrs(HOST, IP4(224, 0, 0, 18)), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(fwd_ipv4_check_addrs(HOST, IP4(255, 255, 255, 255)), FWD_DROP_NONE);
}

/* ---- checksum and TTL ---- */

/* Independent of fwd_cksum: verify with the reference implementation. */
static uint16_t hdr_full_cksum(const uint8_t *ip)
{
	uint8_t h[20];

	memcpy(h, ip, 20);
	h[10] = h[11] = 0;
	return ref_cksum(h, 20);
}

static void random_header(uint8_t *frame, unsigned int *seed)
{
	uint8_t *ip = frame + 14;

	tf_ipv4(frame, &tf_mac_port0, &tf_mac_host, (uint32_t)rand_r(seed), (uint32_t)rand_r(seed),
	        (uint8_t)(2 + rand_r(seed) % 254), (uint8_t)rand_r(seed), 0);
	ip[1] = (uint8_t)rand_r(seed);
	ip[4] = (uint8_t)rand_r(seed);
	ip[5] = (uint8_t)rand_r(seed);
	ip[6] = (uint8_t)(rand_r(seed) & 0x40);
	tf_ipv4_fix_cksum(frame);
}

static void test_ttl_dec_random(void)
{
	unsigned int seed = 12345;
	uint8_t b[64];
	unsigned int bad = 0, zero_seen = 0;

	/* 200k random headers include some whose new checksum is 0x0000 */

	for (int i = 0; i < 200000; i++) {
		uint8_t *ip = b + 14;
		uint8_t ttl;

		random_header(b, &seed);
		ttl = ip[8];
		fwd_ipv4_ttl_dec((struct rte_ipv4_hdr *)ip);
		if (ip[8] != ttl - 1 || rd16(ip + 10) != hdr_full_cksum(ip))
			bad++;
		if (rd16(ip + 10) == 0)
			zero_seen++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(zero_seen > 0);
}

/*
 * The RFC 1624 edge: a header whose new checksum must be 0x0000. Eqn. 2
 * (HC - ~m - m') gives 0xFFFF there; eqn. 3 and a full recompute give 0.
 */
static void test_ttl_dec_zero_edge(void)
{
	uint8_t b[64];
	uint8_t *ip = b + 14;
	int found = 0;

	tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 0);
	/* Search the id field for a header whose post-decrement checksum is 0. */
	for (uint32_t id = 0; id <= 0xffff && !found; id++) {
		ip[4] = id >> 8;
		ip[5] = id & 0xff;
		ip[8] = 64;
		tf_ipv4_fix_cksum(b);
		ip[8] = 63;
		if (hdr_full_cksum(ip) == 0x0000) {
			ip[8] = 64;
			tf_ipv4_fix_cksum(b);
			found = 1;
		}
	}
	CU_ASSERT_FATAL(found);
	/* before 0xFEFF; the "add 0x0100 with carry" shortcut would give 0xFFFF */
	CU_ASSERT_EQUAL(rd16(ip + 10), 0xfeff);
	fwd_ipv4_ttl_dec((struct rte_ipv4_hdr *)ip);
	CU_ASSERT_EQUAL(ip[8], 63);
	CU_ASSERT_EQUAL(rd16(ip + 10), 0x0000);
	CU_ASSERT_EQUAL(fwd_ipv4_validate(ip, 20), FWD_DROP_NONE);

	/* ... and from a 0x0000 checksum onward */
	fwd_ipv4_ttl_dec((struct rte_ipv4_hdr *)ip);
	CU_ASSERT_EQUAL(rd16(ip + 10), hdr_full_cksum(ip));
	CU_ASSERT_EQUAL(rd16(ip + 10), 0x0100);
}

/* A sender that wrote 0xFFFF (the other zero) still verifies after the update. */
static void test_ttl_dec_from_ffff(void)
{
	uint8_t b[64];
	uint8_t *ip = b + 14;
	int found = 0;

	tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 64, 17, 0);
	for (uint32_t id = 0; id <= 0xffff && !found; id++) {
		ip[4] = id >> 8;
		ip[5] = id & 0xff;
		tf_ipv4_fix_cksum(b);
		if (rd16(ip + 10) == 0x0000) {
			ip[10] = ip[11] = 0xff; /* same value in one's complement */
			found = 1;
		}
	}
	CU_ASSERT_FATAL(found);
	CU_ASSERT_EQUAL(fwd_ipv4_validate(ip, 20), FWD_DROP_NONE);
	fwd_ipv4_ttl_dec((struct rte_ipv4_hdr *)ip);
	CU_ASSERT_EQUAL(fwd_ipv4_validate(ip, 20), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(rd16(ip + 10), hdr_full_cksum(ip));
}

static void test_cksum_adjust_random_word(void)
{
	unsigned int seed = 777;
	uint8_t buf[40];
	unsigned int bad = 0;

	for (int i = 0; i < 100000; i++) {
		unsigned int w = (unsigned int)rand_r(&seed) % 20;
		uint16_t oldw, neww, ck;

		for (size_t k = 0; k < sizeof(buf); k++)
			buf[k] = (uint8_t)rand_r(&seed);
		buf[0] = buf[1] = 0; /* checksum slot */
		ck = fwd_cksum(buf, sizeof(buf));
		memcpy(&oldw, buf + 2 + 2 * (w % 19), 2);
		neww = (uint16_t)rand_r(&seed);
		memcpy(buf + 2 + 2 * (w % 19), &neww, 2);
		ck = fwd_cksum_adjust(ck, oldw, neww);
		if (ck != fwd_cksum(buf, sizeof(buf)))
			bad++;
		/* cross-check fwd_cksum with the reference (network order) */
		if (rd16(&ck) != ref_cksum(buf, sizeof(buf)))
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* ---- ICMP ---- */

static void test_icmp_echo_reply(void)
{
	uint8_t b[256], orig[256];
	uint32_t len = tf_icmp_echo(b, &tf_mac_port0, &tf_mac_host, HOST, ROUTER, 0x4242, 7, 56);
	uint8_t *ip = b + 14, *icmp = b + 34;

	memcpy(orig, b, len);
	CU_ASSERT_EQUAL_FATAL(fwd_icmp_echo_reply(b, len, &tf_mac_port0), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(memcmp(b, &tf_mac_host, 6), 0);
	CU_ASSERT_EQUAL(memcmp(b + 6, &tf_mac_port0, 6), 0);
	CU_ASSERT_EQUAL(rd16(b + 12), 0x0800);
	CU_ASSERT_EQUAL(memcmp(ip + 12, orig + 14 + 16, 4), 0); /* src = old dst */
	CU_ASSERT_EQUAL(memcmp(ip + 16, orig + 14 + 12, 4), 0); /* dst = old src */
	CU_ASSERT_EQUAL(ip[8], 64);
	CU_ASSERT_EQUAL(rd16(ip + 10), hdr_full_cksum(ip));
	CU_ASSERT_EQUAL(rd16(ip + 2), 20 + 8 + 56);
	CU_ASSERT_EQUAL(icmp[0], 0);
	CU_ASSERT_EQUAL(icmp[1], 0);
	CU_ASSERT_EQUAL(rd16(icmp + 4), 0x4242);
	CU_ASSERT_EQUAL(rd16(icmp + 6), 7);
	CU_ASSERT_EQUAL(memcmp(icmp + 8, orig + 42, 56), 0);
	CU_ASSERT_EQUAL(ref_cksum(icmp, 64), 0); /* verifies */
	{
		uint8_t c[64];

		memcpy(c, icmp, 64);
		c[2] = c[3] = 0;
		CU_ASSERT_EQUAL(rd16(icmp + 2), ref_cksum(c, 64));
	}
}

static void test_icmp_echo_bad(void)
{
	uint8_t b[256];
	uint32_t len;

	len = tf_icmp_echo(b, &tf_mac_port0, &tf_mac_host, HOST, ROUTER, 1, 1, 16);
	b[42] ^= 0xff; /* data corrupted: ICMP checksum fails */
	CU_ASSERT_EQUAL(fwd_icmp_echo_reply(b, len, &tf_mac_port0), FWD_DROP_ICMP_MALFORMED);

	len = tf_icmp_echo(b, &tf_mac_port0, &tf_mac_host, HOST, ROUTER, 1, 1, 16);
	b[34] = 13; /* timestamp request: not served */
	CU_ASSERT_EQUAL(fwd_icmp_echo_reply(b, len, &tf_mac_port0), FWD_DROP_LOCAL_UNSUPPORTED);

	/* ICMP shorter than its 8-byte header */
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, ROUTER, 64, 1, 4);
	CU_ASSERT_EQUAL(fwd_icmp_echo_reply(b, len, &tf_mac_port0), FWD_DROP_ICMP_MALFORMED);
	/* frame shorter than the total length says */
	len = tf_icmp_echo(b, &tf_mac_port0, &tf_mac_host, HOST, ROUTER, 1, 1, 16);
	CU_ASSERT_EQUAL(fwd_icmp_echo_reply(b, len - 1, &tf_mac_port0), FWD_DROP_ICMP_MALFORMED);
}

static void check_icmp_error(const uint8_t *b, uint32_t len, const uint8_t *orig, uint8_t type,
                             uint8_t code, uint32_t src, uint32_t quote)
{
	const uint8_t *ip = b + 14, *icmp = b + 34;

	CU_ASSERT_EQUAL(len, 14 + 20 + 8 + quote);
	CU_ASSERT_EQUAL(memcmp(b, orig + 6, 6), 0); /* back to the sender's MAC */
	CU_ASSERT_EQUAL(memcmp(b + 6, &tf_mac_port0, 6), 0);
	CU_ASSERT_EQUAL(rd16(b + 12), 0x0800);
	CU_ASSERT_EQUAL(ip[0], 0x45);
	CU_ASSERT_EQUAL(rd16(ip + 2), 20 + 8 + quote);
	CU_ASSERT_EQUAL(ip[8], 64);
	CU_ASSERT_EQUAL(ip[9], 1);
	CU_ASSERT_EQUAL(rd16(ip + 10), hdr_full_cksum(ip));
	CU_ASSERT_EQUAL(rd32(ip + 12), src);
	CU_ASSERT_EQUAL(memcmp(ip + 16, orig + 14 + 12, 4), 0); /* to the original source */
	CU_ASSERT_EQUAL(icmp[0], type);
	CU_ASSERT_EQUAL(icmp[1], code);
	CU_ASSERT_EQUAL(ref_cksum(icmp, 8 + quote), 0);
	/* quoted: the original IP header as received + 8 bytes */
	CU_ASSERT_EQUAL(memcmp(icmp + 8, orig + 14, quote), 0);
}

static void test_icmp_time_exceeded(void)
{
	uint8_t b[256], orig[256];
	uint32_t len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 1, 17, 100);
	uint32_t n;

	memcpy(orig, b, len);
	n = fwd_icmp_error(b, len, sizeof(b), FWD_ICMP_TIME_EXCEEDED, 0, 0, ROUTER, &tf_mac_port0);
	check_icmp_error(b, n, orig, 11, 0, ROUTER, 28);
	CU_ASSERT_EQUAL(rd16(b + 34 + 4), 0);
	CU_ASSERT_EQUAL(rd16(b + 34 + 6), 0);
}

static void test_icmp_unreachable(void)
{
	uint8_t b[256], orig[256];
	uint32_t len, n;

	/* a short packet: quote is the header + the 4 bytes that exist */
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 9, 17, 4);
	memcpy(orig, b, len);
	n = fwd_icmp_error(b, len, sizeof(b), FWD_ICMP_DEST_UNREACH, FWD_ICMP_UNREACH_NET, 0,
	                   ROUTER, &tf_mac_port0);
	check_icmp_error(b, n, orig, 3, 0, ROUTER, 24);

	/* fragmentation needed carries the next-hop MTU */
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 9, 6, 200);
	memcpy(orig, b, len);
	n = fwd_icmp_error(b, len, sizeof(b), FWD_ICMP_DEST_UNREACH, FWD_ICMP_UNREACH_NEEDFRAG,
	                   1400, ROUTER, &tf_mac_port0);
	check_icmp_error(b, n, orig, 3, 4, ROUTER, 28);
	CU_ASSERT_EQUAL(rd16(b + 34 + 6), 1400);

	/* not enough room: nothing written */
	len = tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 9, 17, 10);
	memcpy(orig, b, len);
	CU_ASSERT_EQUAL(fwd_icmp_error(b, len, 69, 3, 0, 0, ROUTER, &tf_mac_port0), 0);
	CU_ASSERT_EQUAL(memcmp(b, orig, len), 0);
}

static void test_icmp_error_allowed(void)
{
	uint8_t b[256];
	struct rte_ipv4_hdr *ip = (void *)(b + 14);

	tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 1, 17, 20);
	CU_ASSERT_TRUE(fwd_icmp_error_allowed(ip, 0));
	CU_ASSERT_FALSE(fwd_icmp_error_allowed(ip, FWD_L2_GROUP));
	b[14 + 6] = 0x00;
	b[14 + 7] = 0x10; /* fragment offset 16 */
	CU_ASSERT_FALSE(fwd_icmp_error_allowed(ip, 0));
	b[14 + 6] = 0x20;
	b[14 + 7] = 0x00; /* first fragment (MF only): allowed */
	CU_ASSERT_TRUE(fwd_icmp_error_allowed(ip, 0));

	tf_ipv4(b, &tf_mac_port0, &tf_mac_host, HOST, IP4(224, 1, 2, 3), 1, 17, 20);
	CU_ASSERT_FALSE(fwd_icmp_error_allowed(ip, 0));
	tf_ipv4(b, &tf_mac_port0, &tf_mac_host, IP4(127, 0, 0, 1), SERVER, 1, 17, 20);
	CU_ASSERT_FALSE(fwd_icmp_error_allowed(ip, 0));

	tf_icmp_echo(b, &tf_mac_port0, &tf_mac_host, HOST, SERVER, 1, 1, 8);
	CU_ASSERT_TRUE(fwd_icmp_error_allowed(ip, 0));
	b[34] = 11; /* an ICMP error itself: never answered */
	CU_ASSERT_FALSE(fwd_icmp_error_allowed(ip, 0));
	b[34] = 3;
	CU_ASSERT_FALSE(fwd_icmp_error_allowed(ip, 0));
}

/* ---- ARP ---- */

static void test_arp_parse(void)
{
	uint8_t b[64];
	struct fwd_arp_info a;
	uint32_t len = tf_arp(b, &tf_mac_bcast, 1, &tf_mac_host, HOST, &tf_mac_bcast, ROUTER);

	CU_ASSERT_EQUAL_FATAL(fwd_arp_parse(b, len, &a), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(a.op, 1);
	CU_ASSERT_EQUAL(a.spa, HOST);
	CU_ASSERT_EQUAL(a.tpa, ROUTER);
	CU_ASSERT_TRUE(rte_is_same_ether_addr(&a.sha, &tf_mac_host));

	CU_ASSERT_EQUAL(fwd_arp_parse(b, len - 1, &a), FWD_DROP_ARP_MALFORMED);
	b[15] = 6; /* hardware type IEEE 802 */
	CU_ASSERT_EQUAL(fwd_arp_parse(b, len, &a), FWD_DROP_ARP_MALFORMED);
	len = tf_arp(b, &tf_mac_bcast, 3, &tf_mac_host, HOST, &tf_mac_bcast, ROUTER);
	CU_ASSERT_EQUAL(fwd_arp_parse(b, len, &a), FWD_DROP_ARP_MALFORMED);
	len = tf_arp(b, &tf_mac_bcast, 1, &tf_mac_host, HOST, &tf_mac_bcast, ROUTER);
	b[19] = 16; /* plen */
	CU_ASSERT_EQUAL(fwd_arp_parse(b, len, &a), FWD_DROP_ARP_MALFORMED);
	len = tf_arp(b, &tf_mac_bcast, 1, &tf_mac_bcast, HOST, &tf_mac_bcast, ROUTER);
	CU_ASSERT_EQUAL(fwd_arp_parse(b, len, &a), FWD_DROP_ARP_BAD_SENDER);
}

static void test_arp_reply(void)
{
	uint8_t b[64];
	struct fwd_arp_info a;
	uint32_t len = tf_arp(b, &tf_mac_bcast, 1, &tf_mac_host, HOST, &tf_mac_bcast, ROUTER);
	static const uint8_t zero[18];

	memset(b + len, 0xee, sizeof(b) - len); /* garbage where the padding goes */
	CU_ASSERT_EQUAL_FATAL(fwd_arp_parse(b, len, &a), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(fwd_arp_reply(b, 59, &a, &tf_mac_port0), 0);
	CU_ASSERT_EQUAL_FATAL(fwd_arp_reply(b, sizeof(b), &a, &tf_mac_port0), 60);
	CU_ASSERT_EQUAL(memcmp(b, &tf_mac_host, 6), 0);
	CU_ASSERT_EQUAL(memcmp(b + 6, &tf_mac_port0, 6), 0);
	CU_ASSERT_EQUAL(rd16(b + 12), 0x0806);
	CU_ASSERT_EQUAL(rd16(b + 14), 1);
	CU_ASSERT_EQUAL(rd16(b + 16), 0x0800);
	CU_ASSERT_EQUAL(b[18], 6);
	CU_ASSERT_EQUAL(b[19], 4);
	CU_ASSERT_EQUAL(rd16(b + 20), 2);
	CU_ASSERT_EQUAL(memcmp(b + 22, &tf_mac_port0, 6), 0);
	CU_ASSERT_EQUAL(rd32(b + 28), ROUTER);
	CU_ASSERT_EQUAL(memcmp(b + 32, &tf_mac_host, 6), 0);
	CU_ASSERT_EQUAL(rd32(b + 38), HOST);
	CU_ASSERT_EQUAL(memcmp(b + 42, zero, 18), 0);
}

static void test_arp_request(void)
{
	uint8_t b[64];
	static const uint8_t zero[18];
	uint32_t n;

	memset(b, 0xee, sizeof(b));
	n = fwd_arp_request(b, sizeof(b), &tf_mac_port1, IP4(198, 51, 100, 1), SERVER);
	CU_ASSERT_EQUAL_FATAL(n, 60);
	CU_ASSERT_EQUAL(memcmp(b, &tf_mac_bcast, 6), 0);
	CU_ASSERT_EQUAL(memcmp(b + 6, &tf_mac_port1, 6), 0);
	CU_ASSERT_EQUAL(rd16(b + 12), 0x0806);
	CU_ASSERT_EQUAL(rd16(b + 20), 1);
	CU_ASSERT_EQUAL(memcmp(b + 22, &tf_mac_port1, 6), 0);
	CU_ASSERT_EQUAL(rd32(b + 28), IP4(198, 51, 100, 1));
	CU_ASSERT_EQUAL(memcmp(b + 32, zero, 6), 0);
	CU_ASSERT_EQUAL(rd32(b + 38), SERVER);
	CU_ASSERT_EQUAL(memcmp(b + 42, zero, 18), 0);
	CU_ASSERT_EQUAL(fwd_arp_request(b, 59, &tf_mac_port1, 1, 2), 0);
}

/* ---- token bucket, queue assignment, names ---- */

static void test_tbucket(void)
{
	struct fwd_tbucket tb;

	fwd_tbucket_init(&tb, 1000, 10, 3, 5000); /* 1 token per 100 ticks, depth 3 */
	CU_ASSERT_TRUE(fwd_tbucket_take(&tb, 5000));
	CU_ASSERT_TRUE(fwd_tbucket_take(&tb, 5000));
	CU_ASSERT_TRUE(fwd_tbucket_take(&tb, 5000));
	CU_ASSERT_FALSE(fwd_tbucket_take(&tb, 5000));
	CU_ASSERT_FALSE(fwd_tbucket_take(&tb, 5099));
	CU_ASSERT_TRUE(fwd_tbucket_take(&tb, 5100));
	CU_ASSERT_FALSE(fwd_tbucket_take(&tb, 5100));
	/* a long idle refills to the depth, not beyond */
	for (int i = 0; i < 3; i++)
		CU_ASSERT_TRUE(fwd_tbucket_take(&tb, 1000000));
	CU_ASSERT_FALSE(fwd_tbucket_take(&tb, 1000000));
	/* rate 0: disabled */
	fwd_tbucket_init(&tb, 1000, 0, 3, 0);
	CU_ASSERT_FALSE(fwd_tbucket_take(&tb, 10));
}

static void test_rxq_assign(void)
{
	const struct fwd_rxq all[] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}};
	struct fwd_rxq out[8];
	unsigned int n;

	n = fwd_rxq_assign(all, 5, 2, 0, out, 8);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT(out[0].port == 0 && out[0].queue == 0);
	CU_ASSERT(out[1].port == 1 && out[1].queue == 0);
	CU_ASSERT(out[2].port == 2 && out[2].queue == 0);
	n = fwd_rxq_assign(all, 5, 2, 1, out, 8);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT(out[0].port == 0 && out[0].queue == 1);
	CU_ASSERT(out[1].port == 1 && out[1].queue == 1);
	/* more workers than queues: the extra ones get none */
	CU_ASSERT_EQUAL(fwd_rxq_assign(all, 5, 8, 6, out, 8), 0);
	CU_ASSERT_EQUAL(fwd_rxq_assign(all, 5, 1, 0, out, 2), 2); /* capped */
	CU_ASSERT_EQUAL(fwd_rxq_assign(all, 5, 0, 0, out, 8), 0);
}

static void test_counter_names(void)
{
	for (int i = 0; i < FWD_DROP_MAX; i++) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(fwd_drop_name(i));
		CU_ASSERT_PTR_NOT_NULL_FATAL(fwd_drop_description(i));
		CU_ASSERT(strlen(fwd_drop_name(i)) > 0);
		for (int j = 0; j < i; j++)
			CU_ASSERT(strcmp(fwd_drop_name(i), fwd_drop_name(j)) != 0);
	}
	for (int i = 0; i < FWD_EV_MAX; i++) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(fwd_event_name(i));
		for (int j = 0; j < i; j++)
			CU_ASSERT(strcmp(fwd_event_name(i), fwd_event_name(j)) != 0);
	}
	CU_ASSERT_STRING_EQUAL(fwd_drop_name(FWD_DROP_NO_ROUTE), "no_route");
	CU_ASSERT_STRING_EQUAL(fwd_drop_name(FWD_DROP_IP_BAD_CHECKSUM), "bad_checksum");
	CU_ASSERT_STRING_EQUAL(fwd_drop_name(FWD_DROP_MAX), "?");
	CU_ASSERT_STRING_EQUAL(fwd_event_name(FWD_EV_MAX), "?");
}

static void test_stats_sum(void)
{
	static struct fwd_lcore_stats a, b, sum;

	a.drops[FWD_DROP_NO_ROUTE] = 3;
	a.drops[FWD_DROP_TX_FULL] = 1;
	a.port[1].tx_packets = 10;
	b.drops[FWD_DROP_NO_ROUTE] = 4;
	b.port[1].tx_packets = 5;
	b.cycles_busy = 99;
	fwd_stats_add(&sum, &a);
	fwd_stats_add(&sum, &b);
	CU_ASSERT_EQUAL(sum.drops[FWD_DROP_NO_ROUTE], 7);
	CU_ASSERT_EQUAL(sum.port[1].tx_packets, 15);
	CU_ASSERT_EQUAL(sum.cycles_busy, 99);
	CU_ASSERT_EQUAL(fwd_stats_drops_total(&sum), 8);
}

/*
 * Mutated and truncated frames through every parser and builder, each in a
 * heap buffer of exactly its length so ASan sees any byte read or written
 * past it. Outcomes must be in range, and what a builder produces must
 * verify.
 */
static void test_robust_random_frames(void)
{
	struct fwd_mac_filter f = filter0();
	unsigned int seed = 4242;
	uint8_t tmpl[4][128];
	uint32_t tlen[4];
	unsigned int built = 0;

	tlen[0] = tf_arp(tmpl[0], &tf_mac_bcast, 1, &tf_mac_host, HOST, &tf_mac_bcast, ROUTER);
	tlen[1] = tf_icmp_echo(tmpl[1], &tf_mac_port0, &tf_mac_host, HOST, ROUTER, 1, 2, 20);
	tlen[2] = tf_ipv4(tmpl[2], &tf_mac_port0, &tf_mac_host, HOST, SERVER, 2, 17, 30);
	tlen[3] =
	    tf_ipv4(tmpl[3], &tf_mac_port0, &tf_mac_host, HOST, IP4(224, 0, 0, 18), 255, 112, 36);
	for (int it = 0; it < 100000; it++) {
		unsigned int t = (unsigned int)rand_r(&seed) % 4;
		uint32_t len = tlen[t];
		uint8_t work[128];
		uint8_t *b;
		uint8_t l2;
		enum fwd_drop why = FWD_DROP_NONE;
		enum fwd_class c;

		memcpy(work, tmpl[t], len);
		for (int k = rand_r(&seed) % 4; k >= 0; k--)
			work[(unsigned int)rand_r(&seed) % len] ^=
			    (uint8_t)(1u << (rand_r(&seed) % 8));
		if (rand_r(&seed) % 4 == 0)
			len = (uint32_t)rand_r(&seed) % (len + 1);
		if (rand_r(&seed) % 8 == 0) /* a valid header checksum over the damage */
			tf_ipv4_fix_cksum(work);
		b = malloc(len ? len : 1);
		CU_ASSERT_PTR_NOT_NULL_FATAL(b);
		memcpy(b, work, len);

		c = fwd_classify(b, len, &f, &l2, &why);
		CU_ASSERT(c < FWD_CLASS_MAX);
		if (c == FWD_CLASS_DROP)
			CU_ASSERT(why > FWD_DROP_NONE && why < FWD_DROP_MAX);
		if (c == FWD_CLASS_ARP) {
			struct fwd_arp_info a;

			why = fwd_arp_parse(b, len, &a);
			CU_ASSERT(why < FWD_DROP_MAX);
			if (why == FWD_DROP_NONE && fwd_arp_reply(b, len, &a, &tf_mac_port0) == 60)
				built++;
		}
		if ((c == FWD_CLASS_IPV4 || c == FWD_CLASS_CARP) &&
		    fwd_ipv4_validate(b + 14, len - 14) == FWD_DROP_NONE) {
			struct rte_ipv4_hdr *ip = (void *)(b + 14);
			uint32_t cap = len + (uint32_t)rand_r(&seed) % 64;
			uint8_t *e = malloc(cap);
			uint32_t n;

			CU_ASSERT_PTR_NOT_NULL_FATAL(e);
			(void)fwd_icmp_error_allowed(ip, l2);
			memcpy(e, b, len);
			n = fwd_icmp_error(e, len, cap, 11, 0, 0, ROUTER, &tf_mac_port0);
			CU_ASSERT(n == 0 || (n <= cap && ref_cksum(e + 14, 20) == 0 &&
			                     ref_cksum(e + 34, n - 34) == 0));
			built += n != 0;
			free(e);
			if (ip->next_proto_id == 1 &&
			    fwd_icmp_echo_reply(b, len, &tf_mac_port0) == FWD_DROP_NONE) {
				CU_ASSERT_EQUAL(ref_cksum(b + 14, 20), 0);
				CU_ASSERT_EQUAL(ref_cksum(b + 34, rd16(b + 16) - 20u), 0);
				built++;
			}
		}
		free(b);
	}
	CU_ASSERT(built > 1000); /* the mutations leave many frames valid */
}

int main(void)
{
	CU_pSuite s;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite("fwd_pkt_classify", NULL, NULL);
	CU_add_test(s, "classify", test_classify);
	s = CU_add_suite("fwd_pkt_ipv4", NULL, NULL);
	CU_add_test(s, "valid", test_ipv4_valid);
	CU_add_test(s, "truncated", test_ipv4_truncated);
	CU_add_test(s, "bad_version", test_ipv4_bad_version);
	CU_add_test(s, "bad_ihl", test_ipv4_bad_ihl);
	CU_add_test(s, "bad_total_length", test_ipv4_bad_total_length);
	CU_add_test(s, "bad_checksum", test_ipv4_bad_checksum);
	CU_add_test(s, "options", test_ipv4_options);
	CU_add_test(s, "martians", test_ipv4_martians);
	s = CU_add_suite("fwd_pkt_frag", NULL, NULL);
	CU_add_test(s, "split_rfc791", test_frag_split);
	CU_add_test(s, "count_and_cap", test_frag_count_and_cap);
	s = CU_add_suite("fwd_pkt_cksum", NULL, NULL);
	CU_add_test(s, "ttl_dec_random_vs_full_recompute", test_ttl_dec_random);
	CU_add_test(s, "ttl_dec_0x0000_edge", test_ttl_dec_zero_edge);
	CU_add_test(s, "ttl_dec_from_0xffff", test_ttl_dec_from_ffff);
	CU_add_test(s, "adjust_random_word", test_cksum_adjust_random_word);
	s = CU_add_suite("fwd_pkt_icmp", NULL, NULL);
	CU_add_test(s, "echo_reply", test_icmp_echo_reply);
	CU_add_test(s, "echo_bad", test_icmp_echo_bad);
	CU_add_test(s, "time_exceeded", test_icmp_time_exceeded);
	CU_add_test(s, "unreachable", test_icmp_unreachable);
	CU_add_test(s, "error_allowed", test_icmp_error_allowed);
	s = CU_add_suite("fwd_pkt_arp", NULL, NULL);
	CU_add_test(s, "parse", test_arp_parse);
	CU_add_test(s, "reply", test_arp_reply);
	CU_add_test(s, "request", test_arp_request);
	s = CU_add_suite("fwd_misc", NULL, NULL);
	CU_add_test(s, "tbucket", test_tbucket);
	CU_add_test(s, "rxq_assign", test_rxq_assign);
	CU_add_test(s, "counter_names", test_counter_names);
	CU_add_test(s, "stats_sum", test_stats_sum);
	s = CU_add_suite("fwd_pkt_robustness", NULL, NULL);
	CU_add_test(s, "random_frames", test_robust_random_frames);
	return tf_run();
}
