/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/fwd's IPv6 packet layer on crafted frames, no EAL: addresses and
 * scope, header validation and address checks, the pseudo-header checksum,
 * the extension header walker per case, ICMPv6 errors and echo reply, NDP
 * parse (each RFC 4861 check) and builders, byte for byte against frames
 * written here field by field with an independent checksum, and against
 * bytes produced by scapy; then mutated frames through every function in
 * exact-size heap buffers (ASan).
 */

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "carp_balance.h"
#include "fwd_counters.h"
#include "fwd_icmp6.h"
#include "fwd_ip6.h"
#include "fwd_ip6_ext.h"
#include "fwd_ndp.h"
#include "fwd_pkt.h"
#include "fwd_test.h"

/* ---- independent helpers: inet_pton, byte writes, ref_cksum ---- */

static void a6(const char *s, uint8_t out[16])
{
	CU_ASSERT_EQUAL_FATAL(inet_pton(AF_INET6, s, out), 1);
}

static bool addr_is(const uint8_t *a, const char *s)
{
	uint8_t b[16];

	a6(s, b);
	return memcmp(a, b, 16) == 0;
}

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = strlen(hex) / 2;

	CU_ASSERT_FATAL(n <= cap);
	for (size_t i = 0; i < n; i++) {
		char byte[3] = {hex[2 * i], hex[2 * i + 1], 0};

		out[i] = (uint8_t)strtoul(byte, NULL, 16);
	}
	return n;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

/* RFC 8200 8.1 pseudo-header + l4, summed by the test's own ref_cksum. */
static uint16_t ref_cksum6(const uint8_t *ip, uint32_t l4_off, uint32_t l4_len, uint8_t nh)
{
	static uint8_t buf[40 + 70000];

	memcpy(buf, ip + 8, 32);
	put32(buf + 32, l4_len);
	buf[36] = buf[37] = buf[38] = 0;
	buf[39] = nh;
	memcpy(buf + 40, ip + l4_off, l4_len);
	return ref_cksum(buf, 40 + (size_t)l4_len);
}

/* Ethernet + IPv6 + pl (plen bytes). */
static uint32_t t6_frame(uint8_t *b, const struct rte_ether_addr *dst,
                         const struct rte_ether_addr *src, const char *sip, const char *dip,
                         uint8_t nh, uint8_t hlim, const uint8_t *pl, uint16_t plen)
{
	memcpy(b, dst, 6);
	memcpy(b + 6, src, 6);
	put16(b + 12, 0x86dd);
	memset(b + 14, 0, 40);
	b[14] = 0x60;
	put16(b + 18, plen);
	b[20] = nh;
	b[21] = hlim;
	a6(sip, b + 22);
	a6(dip, b + 38);
	if (plen)
		memcpy(b + 54, pl, plen);
	return 54u + plen;
}

/* ICMPv6 message (type, code, body) right after the IPv6 header, checksummed. */
static uint32_t t6_icmp(uint8_t *b, const struct rte_ether_addr *dst,
                        const struct rte_ether_addr *src, const char *sip, const char *dip,
                        uint8_t hlim, uint8_t type, uint8_t code, const uint8_t *body,
                        uint16_t blen)
{
	uint8_t m[2048] = {type, code};
	uint32_t n;

	memcpy(m + 4, body, blen);
	n = t6_frame(b, dst, src, sip, dip, 58, hlim, m, (uint16_t)(4 + blen));
	put16(b + 56, ref_cksum6(b + 14, 40, 4u + blen, 58));
	return n;
}

/* Recomputes the ICMPv6 checksum after a test edited the message at l4_off. */
static void t6_fix_icmp(uint8_t *b, uint32_t l4_off)
{
	uint32_t end = 40u + rd16(b + 18);

	put16(b + 14 + l4_off + 2, 0);
	put16(b + 14 + l4_off + 2, ref_cksum6(b + 14, l4_off, end - l4_off, 58));
}

static bool icmp6_ok(const uint8_t *frame, uint32_t len)
{
	return len >= 62 && ref_cksum6(frame + 14, 40, len - 54, 58) == 0;
}

/* ---- addresses ---- */

static void test_addresses(void)
{
	struct rte_ether_addr m, vmac;
	uint8_t a[16], o[16];

	a6("2001:db8::1:abcd:ef12", a);
	fwd_ip6_solicited_node(o, a);
	CU_ASSERT(addr_is(o, "ff02::1:ffcd:ef12"));
	CU_ASSERT(fwd_ip6_is_solicited_node(o));
	CU_ASSERT_FALSE(fwd_ip6_is_solicited_node(a));
	fwd_ip6_mcast_mac(&m, o);
	CU_ASSERT_EQUAL(memcmp(&m, "\x33\x33\xff\xcd\xef\x12", 6), 0);
	a6("ff02::12", a);
	fwd_ip6_mcast_mac(&m, a);
	CU_ASSERT_EQUAL(memcmp(&m, "\x33\x33\x00\x00\x00\x12", 6), 0);

	/* modified EUI-64: U/L bit of the first byte inverted, ff:fe inserted */
	CU_ASSERT_TRUE(fwd_ip6_eui64_link_local(o, &tf_mac_port0));
	CU_ASSERT(addr_is(o, "fe80::ff:fe00:1"));
	CU_ASSERT_TRUE(fwd_ip6_eui64_link_local(o, &tf_mac_host));
	CU_ASSERT(addr_is(o, "fe80::aa:ff:fe00:1"));
	/* OpenBSD's carp link-local from the virtual MAC 00:00:5e:00:01:XX */
	carp_vmac(1, false, vmac.addr_bytes);
	CU_ASSERT_TRUE(fwd_ip6_eui64_link_local(o, &vmac));
	CU_ASSERT(addr_is(o, "fe80::200:5eff:fe00:101"));
	carp_vmac(255, false, vmac.addr_bytes);
	CU_ASSERT_TRUE(fwd_ip6_eui64_link_local(o, &vmac));
	CU_ASSERT(addr_is(o, "fe80::200:5eff:fe00:1ff"));
	/* ip balancing's group MAC, zero, broadcast: no derived address */
	memset(o, 0x77, 16);
	carp_vmac(1, true, vmac.addr_bytes);
	CU_ASSERT_FALSE(fwd_ip6_eui64_link_local(o, &vmac));
	CU_ASSERT_FALSE(fwd_ip6_eui64_link_local(o, &(struct rte_ether_addr){{0}}));
	CU_ASSERT_FALSE(fwd_ip6_eui64_link_local(o, &tf_mac_bcast));
	CU_ASSERT_EQUAL(o[0], 0x77); /* untouched */

	a6("2001:db8:1:2:3:4:5:6", a);
	fwd_ip6_prefix_mask(a, 64);
	CU_ASSERT(addr_is(a, "2001:db8:1:2::"));
	a6("2001:db8:ffff::", a);
	fwd_ip6_prefix_mask(a, 37);
	CU_ASSERT(addr_is(a, "2001:db8:f800::"));
	a6("2001:db8::1", a);
	fwd_ip6_prefix_mask(a, 128);
	CU_ASSERT(addr_is(a, "2001:db8::1"));
	fwd_ip6_prefix_mask(a, 0);
	CU_ASSERT(addr_is(a, "::"));
}

static void test_scope(void)
{
	static const struct {
		const char *a;
		enum fwd_ip6_scope s;
	} c[] = {
	    {"::", FWD_IP6_SCOPE_NONE},
	    {"::1", FWD_IP6_SCOPE_LINK},
	    {"fe80::1", FWD_IP6_SCOPE_LINK},
	    {"febf::1", FWD_IP6_SCOPE_LINK},
	    {"fec0::1", FWD_IP6_SCOPE_SITE},
	    {"fc00::1", FWD_IP6_SCOPE_GLOBAL},
	    {"2001:db8::1", FWD_IP6_SCOPE_GLOBAL},
	    {"ff01::1", FWD_IP6_SCOPE_INTERFACE},
	    {"ff02::1", FWD_IP6_SCOPE_LINK},
	    {"ff05::2", FWD_IP6_SCOPE_SITE},
	    {"ff0e::101", FWD_IP6_SCOPE_GLOBAL},
	    {"ff18::1", FWD_IP6_SCOPE_ORGANIZATION},
	};
	uint8_t a[16];

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		a6(c[i].a, a);
		CU_ASSERT_EQUAL(fwd_ip6_scope(a), c[i].s);
	}
	a6("fe80::1", a);
	CU_ASSERT_TRUE(fwd_ip6_is_link_local(a));
	a6("fec0::1", a);
	CU_ASSERT_FALSE(fwd_ip6_is_link_local(a));
	a6("::ffff:192.0.2.1", a);
	CU_ASSERT_TRUE(fwd_ip6_is_v4mapped(a));
	a6("::192.0.2.1", a);
	CU_ASSERT_FALSE(fwd_ip6_is_v4mapped(a));
}

/* ---- header validation and address checks ---- */

static void test_validate(void)
{
	uint8_t b[256], pl[64] = {0};
	uint32_t len = t6_frame(b, &tf_mac_port0, &tf_mac_host, "2001:db8::10", "2001:db8:1::20",
	                        17, 64, pl, 20);

	CU_ASSERT_EQUAL(fwd_ip6_validate(b + 14, len - 14), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(fwd_ip6_end(b + 14), 60);
	/* longer frame: Ethernet padding */
	CU_ASSERT_EQUAL(fwd_ip6_validate(b + 14, len - 14 + 6), FWD_DROP_NONE);
	/* one byte short of the payload length */
	CU_ASSERT_EQUAL(fwd_ip6_validate(b + 14, len - 15), FWD_DROP_IP6_TRUNCATED);
	CU_ASSERT_EQUAL(fwd_ip6_validate(b + 14, 39), FWD_DROP_IP6_TRUNCATED);
	b[14] = 0x40;
	CU_ASSERT_EQUAL(fwd_ip6_validate(b + 14, len - 14), FWD_DROP_IP6_BAD_VERSION);
	b[14] = 0x6f; /* traffic class bits do not matter */
	CU_ASSERT_EQUAL(fwd_ip6_validate(b + 14, len - 14), FWD_DROP_NONE);
	put16(b + 18, 0);
	CU_ASSERT_EQUAL(fwd_ip6_validate(b + 14, 40), FWD_DROP_NONE);
}

static enum fwd_drop addrs(const char *s, const char *d, uint8_t hlim, bool transit)
{
	uint8_t b[128];

	t6_frame(b, &tf_mac_port0, &tf_mac_host, s, d, 59, hlim, NULL, 0);
	if (!transit)
		return fwd_ip6_check_addrs((const void *)(b + 14));
	return fwd_ip6_check_transit((const void *)(b + 14));
}

static void test_check_addrs(void)
{
	CU_ASSERT_EQUAL(addrs("2001:db8::1", "2001:db8::2", 64, false), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(addrs("::", "ff02::1:ff00:1", 255, false), FWD_DROP_NONE); /* DAD */
	CU_ASSERT_EQUAL(addrs("ff02::1", "2001:db8::2", 64, false), FWD_DROP_IP6_MULTICAST_SOURCE);
	CU_ASSERT_EQUAL(addrs("::1", "2001:db8::2", 64, false), FWD_DROP_IP6_LOOPBACK);
	CU_ASSERT_EQUAL(addrs("2001:db8::1", "::1", 64, false), FWD_DROP_IP6_LOOPBACK);
	CU_ASSERT_EQUAL(addrs("::ffff:192.0.2.1", "2001:db8::2", 64, false), FWD_DROP_IP6_V4MAPPED);
	CU_ASSERT_EQUAL(addrs("2001:db8::1", "::ffff:192.0.2.1", 64, false), FWD_DROP_IP6_V4MAPPED);
	CU_ASSERT_EQUAL(addrs("2001:db8::1", "::", 64, false),
	                FWD_DROP_IP6_UNSPECIFIED_DESTINATION);

	CU_ASSERT_EQUAL(addrs("2001:db8::1", "2001:db8:1::2", 2, true), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(addrs("2001:db8::1", "2001:db8:1::2", 1, true),
	                FWD_DROP_IP6_HOP_LIMIT_EXCEEDED);
	CU_ASSERT_EQUAL(addrs("2001:db8::1", "2001:db8:1::2", 0, true),
	                FWD_DROP_IP6_HOP_LIMIT_EXCEEDED);
	CU_ASSERT_EQUAL(addrs("::", "2001:db8:1::2", 64, true), FWD_DROP_IP6_UNSPECIFIED_SOURCE);
	CU_ASSERT_EQUAL(addrs("2001:db8::1", "ff0e::101", 64, true), FWD_DROP_IP6_MULTICAST);
	CU_ASSERT_EQUAL(addrs("fe80::1", "2001:db8:1::2", 64, true),
	                FWD_DROP_IP6_LINK_LOCAL_TRANSIT);
	CU_ASSERT_EQUAL(addrs("2001:db8::1", "fe80::2", 64, true), FWD_DROP_IP6_LINK_LOCAL_TRANSIT);
	/* a link-scoped packet never earns a time exceeded */
	CU_ASSERT_EQUAL(addrs("fe80::1", "2001:db8:1::2", 1, true),
	                FWD_DROP_IP6_LINK_LOCAL_TRANSIT);
}

/* fwd_ip6_l4_sum against the reference, odd and even lengths, 0 to 1500. */
static void test_l4_cksum(void)
{
	static uint8_t b[1600];
	unsigned int seed = 66;

	for (int it = 0; it < 3000; it++) {
		uint16_t plen = (uint16_t)(rand_r(&seed) % 1501);
		uint8_t nh = (uint8_t)rand_r(&seed);

		for (uint32_t i = 0; i < 54u + plen; i++)
			b[i] = (uint8_t)rand_r(&seed);
		b[14] = 0x60;
		put16(b + 18, plen);
		CU_ASSERT_EQUAL((uint16_t)~fwd_ip6_l4_sum(b + 14, b + 54, plen, nh),
		                htons(ref_cksum6(b + 14, 40, plen, nh)));
	}
}

/* ---- extension headers ---- */

static enum fwd_drop walk(const uint8_t *pl, uint16_t plen, uint8_t nh, const char *dst,
                          struct fwd_ip6_hdrs *h)
{
	static uint8_t b[2048];
	uint32_t len =
	    t6_frame(b, &tf_mac_port0, &tf_mac_host, "2001:db8::10", dst, nh, 64, pl, plen);

	return fwd_ip6_walk(b + 14, len - 14, h);
}

static void test_walk_plain(void)
{
	uint8_t pl[64] = {0};
	struct fwd_ip6_hdrs h;

	CU_ASSERT_EQUAL(walk(pl, 8, 17, "2001:db8::1", &h), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(h.proto, 17);
	CU_ASSERT_EQUAL(h.off, 40);
	CU_ASSERT_EQUAL(h.end, 48);
	CU_ASSERT_EQUAL(h.flags, 0);
	/* ESP and no-next-header stop the walk where they are */
	CU_ASSERT_EQUAL(walk(pl, 16, 50, "2001:db8::1", &h), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(h.proto, 50);
	CU_ASSERT_EQUAL(h.off, 40);
	CU_ASSERT_EQUAL(walk(pl, 0, 59, "2001:db8::1", &h), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(h.proto, 59);
	/* the largest payload length: offsets need more than 16 bits */
	{
		static uint8_t big[54 + 65535];

		t6_frame(big, &tf_mac_port0, &tf_mac_host, "2001:db8::10", "2001:db8::1", 60, 64,
		         NULL, 0);
		put16(big + 18, 65535);
		big[54] = 17; /* destination options of 2048 bytes (Pad1s), then UDP */
		big[55] = 255;
		CU_ASSERT_EQUAL(fwd_ip6_walk(big + 14, 40 + 65535, &h), FWD_DROP_NONE);
		CU_ASSERT_EQUAL(h.end, 65575);
		CU_ASSERT_EQUAL(h.proto, 17);
		CU_ASSERT_EQUAL(h.off, 40 + 2048);
	}
	/* not walkable without a valid header */
	CU_ASSERT_EQUAL(fwd_ip6_walk(pl, 39, &h), FWD_DROP_IP6_TRUNCATED);
}

static void test_walk_hbh(void)
{
	struct fwd_ip6_hdrs h;
	/* HBH (next UDP, 16 bytes): Pad1, router alert 0, PadN(1), PadN(5) */
	uint8_t pl[64] = {17, 1, 0, 5, 2, 0, 0, 1, 1, 0, 1, 4, 0, 0, 0, 0};

	CU_ASSERT_EQUAL(walk(pl, 24, 0, "ff02::16", &h), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(h.proto, 17);
	CU_ASSERT_EQUAL(h.off, 56);
	CU_ASSERT_EQUAL(h.flags, FWD_IP6_F_HBH | FWD_IP6_F_ROUTER_ALERT);
	CU_ASSERT_EQUAL(h.ra, 0);
	/* router alert of length 3 */
	pl[4] = 3;
	CU_ASSERT_EQUAL(walk(pl, 24, 0, "ff02::16", &h), FWD_DROP_IP6_OPTION_MALFORMED);
	CU_ASSERT_EQUAL(h.pp_code, FWD_ICMP6_PP_HEADER);
	CU_ASSERT_EQUAL(h.pp_ptr, 44);
	pl[4] = 2;
	/* PadN running past the header */
	pl[11] = 5;
	CU_ASSERT_EQUAL(walk(pl, 24, 0, "2001:db8::1", &h), FWD_DROP_IP6_OPTION_MALFORMED);
	CU_ASSERT_EQUAL(h.pp_ptr, 51);
	pl[11] = 4;
	/* unknown types by their action bits, at offset 50 (was PadN) */
	pl[10] = 0x1e; /* 00: skip */
	CU_ASSERT_EQUAL(walk(pl, 24, 0, "2001:db8::1", &h), FWD_DROP_NONE);
	pl[10] = 0x5e; /* 01: discard silently */
	CU_ASSERT_EQUAL(walk(pl, 24, 0, "2001:db8::1", &h), FWD_DROP_IP6_OPTION_UNKNOWN);
	CU_ASSERT_EQUAL(h.pp_code, FWD_IP6_PP_NONE);
	pl[10] = 0x9e; /* 10: parameter problem code 2, even to a group */
	CU_ASSERT_EQUAL(walk(pl, 24, 0, "ff02::1", &h), FWD_DROP_IP6_OPTION_UNKNOWN);
	CU_ASSERT_EQUAL(h.pp_code, FWD_ICMP6_PP_OPTION);
	CU_ASSERT_EQUAL(h.pp_ptr, 50);
	pl[10] = 0xde; /* 11: code 2 unless to a group */
	CU_ASSERT_EQUAL(walk(pl, 24, 0, "2001:db8::1", &h), FWD_DROP_IP6_OPTION_UNKNOWN);
	CU_ASSERT_EQUAL(h.pp_code, FWD_ICMP6_PP_OPTION);
	CU_ASSERT_EQUAL(walk(pl, 24, 0, "ff02::1", &h), FWD_DROP_IP6_OPTION_UNKNOWN);
	CU_ASSERT_EQUAL(h.pp_code, FWD_IP6_PP_NONE);
	pl[10] = 0xc2; /* jumbo payload */
	pl[11] = 4;
	pl[12] = 0;
	pl[13] = 0;
	CU_ASSERT_EQUAL(walk(pl, 24, 0, "2001:db8::1", &h), FWD_DROP_IP6_JUMBO);
	/* payload length 0 + hop-by-hop announces a jumbogram */
	CU_ASSERT_EQUAL(walk(pl, 0, 0, "2001:db8::1", &h), FWD_DROP_IP6_JUMBO);
	CU_ASSERT_EQUAL(h.pp_code, FWD_ICMP6_PP_HEADER);
	CU_ASSERT_EQUAL(h.pp_ptr, 4);
}

static void test_walk_hbh_not_first(void)
{
	struct fwd_ip6_hdrs h;
	/* destination options (8 bytes, PadN 4) then hop-by-hop */
	uint8_t pl[64] = {0, 0, 1, 4, 0, 0, 0, 0, 17, 0, 1, 4, 0, 0, 0, 0};

	CU_ASSERT_EQUAL(walk(pl, 24, 60, "2001:db8::1", &h), FWD_DROP_IP6_HBH_NOT_FIRST);
	CU_ASSERT_EQUAL(h.pp_code, FWD_ICMP6_PP_NEXT_HEADER);
	CU_ASSERT_EQUAL(h.pp_ptr, 40); /* the destination options' next header byte */
}

static void test_walk_routing(void)
{
	struct fwd_ip6_hdrs h;
	/* routing header, 24 bytes (len 2), type 0, 1 segment left, one address */
	uint8_t pl[64] = {6, 2, 0, 1};

	CU_ASSERT_EQUAL(walk(pl, 44, 43, "2001:db8::1", &h), FWD_DROP_IP6_RH0);
	CU_ASSERT_EQUAL(h.pp_code, FWD_ICMP6_PP_HEADER);
	CU_ASSERT_EQUAL(h.pp_ptr, 42);
	pl[3] = 0; /* no segment left: still dropped (OpenBSD), silently */
	CU_ASSERT_EQUAL(walk(pl, 44, 43, "2001:db8::1", &h), FWD_DROP_IP6_RH0);
	CU_ASSERT_EQUAL(h.pp_code, FWD_IP6_PP_NONE);
	pl[2] = 4; /* segment routing header: transit */
	pl[3] = 1;
	CU_ASSERT_EQUAL(walk(pl, 44, 43, "2001:db8::1", &h), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(h.proto, 6);
	CU_ASSERT_EQUAL(h.off, 64);
	CU_ASSERT_EQUAL(h.flags, FWD_IP6_F_ROUTING);
	CU_ASSERT_EQUAL(h.rh_type, 4);
	CU_ASSERT_EQUAL(h.rh_segleft, 1);
	/* a routing header longer than the payload */
	pl[1] = 6;
	CU_ASSERT_EQUAL(walk(pl, 44, 43, "2001:db8::1", &h), FWD_DROP_IP6_EXT_TRUNCATED);
	CU_ASSERT_EQUAL(h.pp_code, FWD_IP6_PP_NONE);
}

static void test_walk_fragment(void)
{
	struct fwd_ip6_hdrs h;
	/* fragment header: next UDP, offset 0, M set, id 0x01020304 */
	uint8_t pl[64] = {17, 0, 0x00, 0x01, 1, 2, 3, 4};

	CU_ASSERT_EQUAL(walk(pl, 24, 44, "2001:db8::1", &h), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(h.proto, 17);
	CU_ASSERT_EQUAL(h.off, 48);
	CU_ASSERT_EQUAL(h.flags, FWD_IP6_F_FRAGMENT);
	CU_ASSERT_EQUAL(h.frag_off, 0);
	CU_ASSERT_EQUAL(h.frag_more, 1);
	/* offset 185 * 8 = 1480: no upper layer here, forwarded as transit */
	put16(pl + 2, 185 << 3);
	CU_ASSERT_EQUAL(walk(pl, 24, 44, "2001:db8::1", &h), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(h.proto, 44);
	CU_ASSERT_EQUAL(h.off, 40);
	CU_ASSERT_EQUAL(h.flags, FWD_IP6_F_FRAGMENT | FWD_IP6_F_LATER_FRAG);
	CU_ASSERT_EQUAL(h.frag_off, 1480);
	CU_ASSERT_EQUAL(h.frag_more, 0);
	/* first fragment whose chain runs out: RFC 8200 4.5 code 3, pointer 0 */
	pl[0] = 60;
	put16(pl + 2, 1);
	pl[8] = 17;
	pl[9] = 1; /* 16 bytes of destination options, 8 present */
	CU_ASSERT_EQUAL(walk(pl, 16, 44, "2001:db8::1", &h), FWD_DROP_IP6_EXT_TRUNCATED);
	CU_ASSERT_EQUAL(h.pp_code, FWD_ICMP6_PP_INCOMPLETE_CHAIN);
	CU_ASSERT_EQUAL(h.pp_ptr, 0);
	/* fragment header itself cut short */
	CU_ASSERT_EQUAL(walk(pl, 6, 44, "2001:db8::1", &h), FWD_DROP_IP6_EXT_TRUNCATED);
}

static void test_walk_dstopt_ah(void)
{
	struct fwd_ip6_hdrs h;
	/* destination options with a home address option (0xc9, 16 bytes),
	 * unknown here: recorded, not dropped; then AH of (4 + 2) * 4 = 24
	 * bytes; then TCP */
	uint8_t pl[96] = {51, 2, 1, 2, 0, 0, 0xc9, 16};

	pl[24] = 6;
	pl[25] = 4;
	CU_ASSERT_EQUAL(walk(pl, 48 + 20, 60, "2001:db8::1", &h), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(h.proto, 6);
	CU_ASSERT_EQUAL(h.off, 40 + 24 + 24);
	CU_ASSERT_EQUAL(h.flags, FWD_IP6_F_DST_UNKNOWN);
	CU_ASSERT_EQUAL(h.dst_opt_type, 0xc9);
	CU_ASSERT_EQUAL(h.dst_opt_ptr, 46);
	/* AH claiming more than is there */
	pl[25] = 40;
	CU_ASSERT_EQUAL(walk(pl, 48 + 20, 60, "2001:db8::1", &h), FWD_DROP_IP6_EXT_TRUNCATED);
	/* a destination option running past its header is malformed */
	pl[7] = 17;
	CU_ASSERT_EQUAL(walk(pl, 48 + 20, 60, "2001:db8::1", &h), FWD_DROP_IP6_OPTION_MALFORMED);
}

static void test_walk_too_many(void)
{
	uint8_t pl[128] = {0};
	struct fwd_ip6_hdrs h;

	for (int i = 0; i < 9; i++) { /* 9 destination options headers of 8 bytes */
		pl[8 * i] = i < 8 ? 60 : 59;
		pl[8 * i + 2] = 1;
		pl[8 * i + 3] = 4;
	}
	pl[64] = 59;
	CU_ASSERT_EQUAL(walk(pl, 72, 60, "2001:db8::1", &h), FWD_DROP_IP6_EXT_TOO_MANY);
	pl[56] = 59; /* eight are fine */
	CU_ASSERT_EQUAL(walk(pl, 72, 60, "2001:db8::1", &h), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(h.proto, 59);
	CU_ASSERT_EQUAL(h.off, 40 + 64);
}

/* ---- ICMPv6 ---- */

#define SRC_HOST   "2001:db8:1::10"
#define ROUTER_ADR "2001:db8:1::1"

/* The scapy-built UDP packet of the cross-checks: 2001:db8:1::10 ->
 * 2001:db8:2::20 hop limit 1, ports 1234 -> 5678, 32 bytes 0..31. */
static uint32_t udp_orig(uint8_t *b, uint16_t dlen)
{
	uint8_t pl[1600];

	put16(pl, 1234);
	put16(pl + 2, 5678);
	put16(pl + 4, (uint16_t)(8 + dlen));
	put16(pl + 6, 0);
	for (uint16_t i = 0; i < dlen; i++)
		pl[8 + i] = (uint8_t)i;
	t6_frame(b, &tf_mac_port0, &tf_mac_host, SRC_HOST, "2001:db8:2::20", 17, 1, pl,
	         (uint16_t)(8 + dlen));
	put16(b + 54 + 6, ref_cksum6(b + 14, 40, 8u + dlen, 17));
	return 54u + 8 + dlen;
}

/* The error frame expected around `quote` bytes of orig, written field by field. */
static uint32_t expect_error(uint8_t *e, const uint8_t *orig, uint32_t quote, uint8_t type,
                             uint8_t code, uint32_t param)
{
	uint8_t m[1300] = {type, code};

	put32(m + 4, param);
	memcpy(m + 8, orig + 14, quote);
	t6_frame(e, &tf_mac_host, &tf_mac_port0, ROUTER_ADR, SRC_HOST, 58, 64, m,
	         (uint16_t)(8 + quote));
	put16(e + 56, ref_cksum6(e + 14, 40, 8 + quote, 58));
	return 62 + quote;
}

static void test_icmp6_error_bytes(void)
{
	static uint8_t b[2048], orig[2048], e[2048];
	uint8_t rtr[16];
	uint32_t len, n;

	a6(ROUTER_ADR, rtr);
	len = udp_orig(b, 32);
	memcpy(orig, b, len);
	n = fwd_icmp6_error(b, len, sizeof(b), FWD_ICMP6_TIME_EXCEEDED, FWD_ICMP6_TIME_HOP_LIMIT, 0,
	                    rtr, &tf_mac_port0);
	CU_ASSERT_EQUAL(n, 62 + 80);
	CU_ASSERT_EQUAL(expect_error(e, orig, 80, 3, 0, 0), n);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);

	/* packet too big carries the MTU; Ethernet padding is not quoted */
	len = udp_orig(b, 32);
	n = fwd_icmp6_error(b, len + 10, sizeof(b), FWD_ICMP6_PACKET_TOO_BIG, 0, 1400, rtr,
	                    &tf_mac_port0);
	CU_ASSERT_EQUAL(n, 62 + 80);
	expect_error(e, orig, 80, 2, 0, 1400);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);
	CU_ASSERT_EQUAL(rd32(b + 58), 1400);

	/* parameter problem carries the pointer; unreachable codes as given */
	len = udp_orig(b, 32);
	n = fwd_icmp6_error(b, len, sizeof(b), FWD_ICMP6_PARAM_PROB, FWD_ICMP6_PP_NEXT_HEADER, 6,
	                    rtr, &tf_mac_port0);
	expect_error(e, orig, 80, 4, 1, 6);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);
	len = udp_orig(b, 32);
	n = fwd_icmp6_error(b, len, sizeof(b), FWD_ICMP6_DST_UNREACH, FWD_ICMP6_UNREACH_ADDR, 0,
	                    rtr, &tf_mac_port0);
	expect_error(e, orig, 80, 1, 3, 0);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);
}

static void test_icmp6_error_quote_limits(void)
{
	static uint8_t b[2048], orig[2048], e[2048];
	uint8_t rtr[16];
	uint32_t len, n;

	a6(ROUTER_ADR, rtr);
	/* 1500-byte packet: 1232 bytes quoted, error exactly 1280 bytes */
	len = udp_orig(b, 1452);
	CU_ASSERT_EQUAL(len, 14 + 1500);
	memcpy(orig, b, len);
	n = fwd_icmp6_error(b, len, sizeof(b), 1, 0, 0, rtr, &tf_mac_port0);
	CU_ASSERT_EQUAL(n, 14 + 1280);
	CU_ASSERT_EQUAL(rd16(b + 18), 1280 - 40);
	expect_error(e, orig, 1232, 1, 0, 0);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);
	CU_ASSERT(icmp6_ok(b, n));

	/* a small buffer quotes what fits */
	len = udp_orig(b, 1452);
	n = fwd_icmp6_error(b, len, 200, 1, 0, 0, rtr, &tf_mac_port0);
	CU_ASSERT_EQUAL(n, 200);
	expect_error(e, orig, 138, 1, 0, 0);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);
	/* not even the 40-byte header: refused */
	len = udp_orig(b, 1452);
	CU_ASSERT_EQUAL(fwd_icmp6_error(b, len, 101, 1, 0, 0, rtr, &tf_mac_port0), 0);
	/* frame shorter than its payload length: refused */
	CU_ASSERT_EQUAL(fwd_icmp6_error(b, len - 1, sizeof(b), 1, 0, 0, rtr, &tf_mac_port0), 0);
	CU_ASSERT_EQUAL(fwd_icmp6_error(b, 53, sizeof(b), 1, 0, 0, rtr, &tf_mac_port0), 0);
}

static bool allowed(const char *s, const char *d, uint8_t nh, const uint8_t *pl, uint16_t plen,
                    uint8_t l2, uint8_t type, uint8_t code)
{
	uint8_t b[512];
	uint32_t len = t6_frame(b, &tf_mac_port0, &tf_mac_host, s, d, nh, 1, pl, plen);

	return fwd_icmp6_error_allowed(b + 14, len - 14, l2, type, code);
}

static void test_icmp6_error_allowed(void)
{
	uint8_t echo[8] = {128}, err[8] = {1}, udp[8] = {0};
	/* hop-by-hop (PadN 4) in front of an ICMPv6 error */
	uint8_t hbh_err[16] = {58, 0, 1, 4, 0, 0, 0, 0, 3};
	uint8_t later_frag[16] = {58, 0, 0x05, 0xc8};
	const char *h = SRC_HOST, *d = "2001:db8:2::20";

	CU_ASSERT_TRUE(allowed(h, d, 17, udp, 8, 0, 3, 0));
	CU_ASSERT_TRUE(allowed(h, d, 58, echo, 8, 0, 3, 0));
	CU_ASSERT_FALSE(allowed(h, d, 58, err, 8, 0, 3, 0));
	CU_ASSERT_FALSE(allowed(h, d, 0, hbh_err, 16, 0, 3, 0));
	CU_ASSERT_FALSE(allowed(h, d, 58, err, 0, 0, 3, 0)); /* type unreadable */
	CU_ASSERT_TRUE(allowed(h, d, 44, later_frag, 16, 0, 3, 0));
	/* groups: only packet too big and parameter problem code 2 */
	CU_ASSERT_FALSE(allowed(h, "ff0e::101", 17, udp, 8, 0, 3, 0));
	CU_ASSERT_FALSE(allowed(h, d, 17, udp, 8, FWD_L2_GROUP, 1, 0));
	CU_ASSERT_TRUE(allowed(h, "ff0e::101", 17, udp, 8, FWD_L2_GROUP, 2, 0));
	CU_ASSERT_TRUE(allowed(h, "ff0e::101", 17, udp, 8, 0, 4, 2));
	CU_ASSERT_FALSE(allowed(h, "ff0e::101", 17, udp, 8, 0, 4, 0));
	/* sources that do not name one node */
	CU_ASSERT_FALSE(allowed("::", d, 17, udp, 8, 0, 3, 0));
	CU_ASSERT_FALSE(allowed("ff02::1", d, 17, udp, 8, 0, 2, 0));
	CU_ASSERT_FALSE(allowed("::1", d, 17, udp, 8, 0, 3, 0));
}

static uint32_t echo_request(uint8_t *b, const char *dst, uint16_t dlen)
{
	uint8_t body[1500];

	put16(body, 0x1234);
	put16(body + 2, 7);
	for (uint16_t i = 0; i < dlen; i++)
		body[4 + i] = (uint8_t)(0x40 + i);
	return t6_icmp(b, &tf_mac_port0, &tf_mac_host, SRC_HOST, dst, 64, 128, 0, body,
	               (uint16_t)(4 + dlen));
}

static void test_icmp6_echo(void)
{
	uint8_t b[256], e[256], rtr[16], body[64];
	uint32_t len, elen;

	len = echo_request(b, ROUTER_ADR, 20);
	put16(body, 0x1234);
	put16(body + 2, 7);
	for (int i = 0; i < 20; i++)
		body[4 + i] = (uint8_t)(0x40 + i);
	elen = t6_icmp(e, &tf_mac_host, &tf_mac_port0, ROUTER_ADR, SRC_HOST, 64, 129, 0, body, 24);
	CU_ASSERT_EQUAL(fwd_icmp6_echo_reply(b, &len, 40, NULL, &tf_mac_port0), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(len, elen);
	CU_ASSERT_EQUAL(memcmp(b, e, elen), 0);

	/* to a group: the caller's unicast source is used */
	len = echo_request(b, "ff02::1", 20);
	CU_ASSERT_EQUAL(fwd_icmp6_echo_reply(b, &len, 40, NULL, &tf_mac_port0),
	                FWD_DROP_IP6_MULTICAST);
	a6(ROUTER_ADR, rtr);
	CU_ASSERT_EQUAL(fwd_icmp6_echo_reply(b, &len, 40, rtr, &tf_mac_port0), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(memcmp(b, e, elen), 0);

	/* the request's destination options are left out of the reply */
	len = echo_request(b, ROUTER_ADR, 20);
	memmove(b + 62, b + 54, 28);
	memset(b + 54, 0, 8);
	b[54] = 58;
	b[56] = 1;
	b[57] = 4;
	b[20] = 60;
	put16(b + 18, 36);
	len += 8;
	t6_fix_icmp(b, 48);
	CU_ASSERT_EQUAL(fwd_icmp6_echo_reply(b, &len, 48, NULL, &tf_mac_port0), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(len, elen);
	CU_ASSERT_EQUAL(memcmp(b, e, elen), 0);

	len = echo_request(b, ROUTER_ADR, 20);
	b[60] ^= 1;
	CU_ASSERT_EQUAL(fwd_icmp6_echo_reply(b, &len, 40, NULL, &tf_mac_port0),
	                FWD_DROP_ICMP6_BAD_CHECKSUM);
	len = echo_request(b, ROUTER_ADR, 20);
	b[54] = 129;
	t6_fix_icmp(b, 40);
	CU_ASSERT_EQUAL(fwd_icmp6_echo_reply(b, &len, 40, NULL, &tf_mac_port0),
	                FWD_DROP_ICMP6_UNSUPPORTED);
	len = echo_request(b, ROUTER_ADR, 0);
	put16(b + 18, 6);
	len = 60;
	CU_ASSERT_EQUAL(fwd_icmp6_echo_reply(b, &len, 40, NULL, &tf_mac_port0),
	                FWD_DROP_ICMP6_MALFORMED);
	CU_ASSERT_EQUAL(len, 60);
}

/* ---- NDP parse ---- */

#define LL_HOST "fe80::aa:ff:fe00:1"
#define LL_PORT "fe80::ff:fe00:1"
#define VIP6    "2001:db8:1::100"

/* NS body: reserved, target, then opts */
static uint32_t ns_frame(uint8_t *b, const char *src, const char *dst, const char *target,
                         bool slla)
{
	uint8_t body[64] = {0};

	a6(target, body + 4);
	if (slla) {
		body[20] = 1;
		body[21] = 1;
		memcpy(body + 22, &tf_mac_host, 6);
	}
	return t6_icmp(b, &tf_mac_port0, &tf_mac_host, src, dst, 255, 135, 0, body, slla ? 28 : 20);
}

static void test_ndp_parse_ns(void)
{
	struct fwd_ndp_msg m;
	uint8_t b[256];
	uint32_t len;

	len = ns_frame(b, LL_HOST, "ff02::1:ff00:100", VIP6, true);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(m.type, FWD_NDP_NS);
	CU_ASSERT(addr_is(m.src, LL_HOST));
	CU_ASSERT(addr_is(m.dst, "ff02::1:ff00:100"));
	CU_ASSERT(addr_is(m.target, VIP6));
	CU_ASSERT_TRUE(m.has_slla);
	CU_ASSERT_FALSE(m.has_tlla);
	CU_ASSERT_EQUAL(memcmp(&m.slla, &tf_mac_host, 6), 0);
	CU_ASSERT_EQUAL(memcmp(&m.eth_src, &tf_mac_host, 6), 0);
	/* Ethernet padding is fine */
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len + 4, 40, &m), FWD_DROP_NONE);

	/* RFC 4861 7.1.1, one failure at a time */
	b[21] = 254;
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_BAD_HOP_LIMIT);
	b[21] = 255;
	b[55] = 1;
	t6_fix_icmp(b, 40);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_BAD_CODE);
	b[55] = 0;
	t6_fix_icmp(b, 40);
	b[60] ^= 0x80;
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_ICMP6_BAD_CHECKSUM);
	b[60] ^= 0x80;
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NONE);
	/* ICMP length 23 */
	len = ns_frame(b, LL_HOST, "ff02::1:ff00:100", VIP6, false);
	put16(b + 18, 23);
	t6_fix_icmp(b, 40);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_TRUNCATED);
	len = ns_frame(b, LL_HOST, "ff02::1:ff00:1", "ff02::1", true);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_MULTICAST_TARGET);
	/* options: length 0, past the end */
	len = ns_frame(b, LL_HOST, "ff02::1:ff00:100", VIP6, true);
	b[54 + 25] = 0;
	t6_fix_icmp(b, 40);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_BAD_OPTION);
	b[54 + 25] = 2;
	t6_fix_icmp(b, 40);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_BAD_OPTION);
	/* DAD: from ::, solicited-node of the target, no SLLA */
	len = ns_frame(b, "::", "ff02::1:ff00:100", VIP6, false);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NONE);
	CU_ASSERT_TRUE(fwd_ip6_is_unspecified(m.src));
	len = ns_frame(b, "::", "ff02::1:ff00:100", VIP6, true);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_UNSPECIFIED_WITH_SLLA);
	len = ns_frame(b, "::", "ff02::1:ff00:101", VIP6, false);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_DAD_NOT_SOLICITED_NODE);
	len = ns_frame(b, "::", VIP6, VIP6, false);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_DAD_NOT_SOLICITED_NODE);
	/* unicast NUD probe, no SLLA */
	len = ns_frame(b, LL_HOST, VIP6, VIP6, false);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NONE);
	CU_ASSERT_FALSE(m.has_slla);
	/* not NDP */
	len = echo_request(b, ROUTER_ADR, 20);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_ICMP6_UNSUPPORTED);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 66, &m), FWD_DROP_ICMP6_MALFORMED);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 100, &m), FWD_DROP_ICMP6_MALFORMED);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, 53, 40, &m), FWD_DROP_IP6_TRUNCATED);
}

static void test_ndp_parse_na_rs(void)
{
	uint8_t b[256], body[64] = {FWD_NDP_NA_SOLICITED | FWD_NDP_NA_OVERRIDE};
	/* an unknown option (nonce, 8 bytes) and the TLLA */
	const uint8_t opts[16] = {14, 1, 1, 2, 3, 4, 5, 6, 2, 1, 0x02, 0xaa, 0, 0, 0, 0x01};
	struct fwd_ndp_msg m;
	uint32_t len;

	a6(LL_HOST, body + 4);
	memcpy(body + 20, opts, 16);
	len = t6_icmp(b, &tf_mac_port0, &tf_mac_host, LL_HOST, LL_PORT, 255, 136, 0, body, 36);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(m.type, FWD_NDP_NA);
	CU_ASSERT_EQUAL(m.flags, FWD_NDP_NA_SOLICITED | FWD_NDP_NA_OVERRIDE);
	CU_ASSERT_TRUE(m.has_tlla);
	CU_ASSERT_EQUAL(memcmp(&m.tlla, &tf_mac_host, 6), 0);
	/* solicited NA to a group: invalid (7.1.2) */
	len = t6_icmp(b, &tf_mac_port0, &tf_mac_host, LL_HOST, "ff02::1", 255, 136, 0, body, 36);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_SOLICITED_MULTICAST);
	body[0] = FWD_NDP_NA_OVERRIDE;
	len = t6_icmp(b, &tf_mac_port0, &tf_mac_host, LL_HOST, "ff02::1", 255, 136, 0, body, 36);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NONE);

	/* RS: 8 bytes, SLLA optional, not from :: with one */
	memset(body, 0, sizeof(body));
	body[4] = 1;
	body[5] = 1;
	memcpy(body + 6, &tf_mac_host, 6);
	len = t6_icmp(b, &tf_mac_port0, &tf_mac_host, LL_HOST, "ff02::2", 255, 133, 0, body, 12);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(m.type, FWD_NDP_RS);
	CU_ASSERT_TRUE(m.has_slla);
	len = t6_icmp(b, &tf_mac_port0, &tf_mac_host, "::", "ff02::2", 255, 133, 0, body, 12);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_UNSPECIFIED_WITH_SLLA);
	len = t6_icmp(b, &tf_mac_port0, &tf_mac_host, "::", "ff02::2", 255, 133, 0, body, 4);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NONE);
	len = t6_icmp(b, &tf_mac_port0, &tf_mac_host, "::", "ff02::2", 255, 133, 0, body, 3);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_TRUNCATED);
}

/* RA body: hop limit, flags, lifetime, reachable, retrans; SLLA; MTU; prefixes */
static uint32_t ra_frame(uint8_t *b, const char *src, unsigned int n_prefix)
{
	uint8_t body[512] = {64, FWD_NDP_RA_OTHER};
	uint16_t n = 12;

	put16(body + 2, 1800);
	put32(body + 4, 30000);
	put32(body + 8, 1000);
	body[n] = 1;
	body[n + 1] = 1;
	memcpy(body + n + 2, &tf_mac_host, 6);
	n += 8;
	body[n] = 5;
	body[n + 1] = 1;
	put32(body + n + 4, 1500);
	n += 8;
	for (unsigned int i = 0; i < n_prefix; i++, n += 32) {
		body[n] = 3;
		body[n + 1] = 4;
		body[n + 2] = 64;
		body[n + 3] = FWD_NDP_PI_ONLINK | (i == 0 ? FWD_NDP_PI_AUTO : 0);
		put32(body + n + 4, 2592000);
		put32(body + n + 8, 604800);
		a6("2001:db8:1::", body + n + 16);
		body[n + 19] = (uint8_t)(0xb8 + i); /* 2001:dbX:1::/64 */
		body[n + 31] = 0x99;                /* bit past /64: ignored */
	}
	return t6_icmp(b, &tf_mac_port0, &tf_mac_host, src, "ff02::1", 255, 134, 0, body, n);
}

static void test_ndp_parse_ra(void)
{
	uint8_t b[1024];
	struct fwd_ndp_msg m;
	uint32_t len = ra_frame(b, LL_HOST, 2);

	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(m.type, FWD_NDP_RA);
	CU_ASSERT_EQUAL(m.ra.cur_hop_limit, 64);
	CU_ASSERT_EQUAL(m.ra.flags, FWD_NDP_RA_OTHER);
	CU_ASSERT_EQUAL(m.ra.lifetime_s, 1800);
	CU_ASSERT_EQUAL(m.ra.reachable_ms, 30000);
	CU_ASSERT_EQUAL(m.ra.retrans_ms, 1000);
	CU_ASSERT_EQUAL(m.ra.mtu, 1500);
	CU_ASSERT_TRUE(m.has_slla);
	CU_ASSERT_EQUAL(m.ra.n_prefixes, 2);
	CU_ASSERT_EQUAL(m.n_prefixes_seen, 2);
	CU_ASSERT(addr_is(m.ra.prefix[0].prefix, "2001:db8:1::"));
	CU_ASSERT(addr_is(m.ra.prefix[1].prefix, "2001:db9:1::"));
	CU_ASSERT_EQUAL(m.ra.prefix[0].len, 64);
	CU_ASSERT_EQUAL(m.ra.prefix[0].flags, FWD_NDP_PI_ONLINK | FWD_NDP_PI_AUTO);
	CU_ASSERT_EQUAL(m.ra.prefix[1].flags, FWD_NDP_PI_ONLINK);
	CU_ASSERT_EQUAL(m.ra.prefix[0].valid_s, 2592000);
	CU_ASSERT_EQUAL(m.ra.prefix[0].preferred_s, 604800);
	/* more prefixes than kept: counted */
	len = ra_frame(b, LL_HOST, FWD_NDP_MAX_PREFIXES + 2);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NONE);
	CU_ASSERT_EQUAL(m.ra.n_prefixes, FWD_NDP_MAX_PREFIXES);
	CU_ASSERT_EQUAL(m.n_prefixes_seen, FWD_NDP_MAX_PREFIXES + 2);
	/* RFC 4861 6.1.2: link-local source only */
	len = ra_frame(b, "2001:db8:1::1", 1);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_RA_NOT_LINK_LOCAL);
	/* prefix length 129, prefix option of 24 bytes, MTU option of 16 */
	len = ra_frame(b, LL_HOST, 1);
	b[54 + 32 + 2] = 129;
	t6_fix_icmp(b, 40);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_BAD_OPTION);
	b[54 + 32 + 2] = 64;
	b[54 + 32 + 1] = 3;
	t6_fix_icmp(b, 40);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_BAD_OPTION);
	len = ra_frame(b, LL_HOST, 1);
	b[54 + 24 + 1] = 2;
	t6_fix_icmp(b, 40);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_BAD_OPTION);
	len = ra_frame(b, LL_HOST, 0);
	put16(b + 18, 15);
	t6_fix_icmp(b, 40);
	CU_ASSERT_EQUAL(fwd_ndp_parse(b, len, 40, &m), FWD_DROP_NDP_TRUNCATED);
}

/* ---- NDP builders: byte for byte ---- */

static void test_ndp_ns_build(void)
{
	uint8_t b[128], e[128], src[16], tgt[16], body[32] = {0};
	uint32_t n, elen;

	a6(LL_PORT, src);
	a6(VIP6, tgt);
	/* resolution: solicited-node group and MAC, SLLA */
	n = fwd_ndp_ns(b, sizeof(b), &tf_mac_port0, src, tgt, NULL);
	CU_ASSERT_EQUAL(n, FWD_NDP_NS_LEN);
	memcpy(body + 4, tgt, 16);
	body[20] = 1;
	body[21] = 1;
	memcpy(body + 22, &tf_mac_port0, 6);
	elen = t6_icmp(e, &(struct rte_ether_addr){{0x33, 0x33, 0xff, 0x00, 0x01, 0x00}},
	               &tf_mac_port0, LL_PORT, "ff02::1:ff00:100", 255, 135, 0, body, 28);
	CU_ASSERT_EQUAL(n, elen);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);
	/* unicast probe */
	n = fwd_ndp_ns(b, sizeof(b), &tf_mac_port0, src, tgt, &tf_mac_host);
	elen = t6_icmp(e, &tf_mac_host, &tf_mac_port0, LL_PORT, VIP6, 255, 135, 0, body, 28);
	CU_ASSERT_EQUAL(n, elen);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);
	/* DAD: from ::, no option, multicast only */
	memset(src, 0, 16);
	n = fwd_ndp_ns(b, sizeof(b), &tf_mac_port0, src, tgt, NULL);
	CU_ASSERT_EQUAL(n, FWD_NDP_NS_DAD_LEN);
	elen = t6_icmp(e, &(struct rte_ether_addr){{0x33, 0x33, 0xff, 0x00, 0x01, 0x00}},
	               &tf_mac_port0, "::", "ff02::1:ff00:100", 255, 135, 0, body, 20);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);
	CU_ASSERT_EQUAL(fwd_ndp_ns(b, sizeof(b), &tf_mac_port0, src, tgt, &tf_mac_host), 0);
	a6(LL_PORT, src);
	CU_ASSERT_EQUAL(fwd_ndp_ns(b, FWD_NDP_NS_LEN - 1, &tf_mac_port0, src, tgt, NULL), 0);
	a6("ff02::1", tgt);
	CU_ASSERT_EQUAL(fwd_ndp_ns(b, sizeof(b), &tf_mac_port0, src, tgt, NULL), 0);
}

static void test_ndp_na_build(void)
{
	uint8_t b[128], e[128], body[32] = {0}, src[16], tgt[16];
	struct rte_ether_addr vmac;
	struct fwd_ndp_msg ns;
	uint32_t n, len, elen;

	/* answer to a multicast NS with SLLA: unicast, S set, at the SLLA */
	len = ns_frame(b, LL_HOST, "ff02::1:ff00:100", VIP6, true);
	CU_ASSERT_EQUAL_FATAL(fwd_ndp_parse(b, len, 40, &ns), FWD_DROP_NONE);
	n = fwd_ndp_na_reply(b, sizeof(b), &ns, &tf_mac_port0,
	                     FWD_NDP_NA_ROUTER | FWD_NDP_NA_OVERRIDE);
	CU_ASSERT_EQUAL(n, FWD_NDP_NA_LEN);
	body[0] = 0xe0; /* R S O */
	a6(VIP6, body + 4);
	body[20] = 2;
	body[21] = 1;
	memcpy(body + 22, &tf_mac_port0, 6);
	elen = t6_icmp(e, &tf_mac_host, &tf_mac_port0, VIP6, LL_HOST, 255, 136, 0, body, 28);
	CU_ASSERT_EQUAL(n, elen);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);
	/* to a NUD probe without SLLA: at its Ethernet source */
	len = ns_frame(b, LL_HOST, VIP6, VIP6, false);
	CU_ASSERT_EQUAL_FATAL(fwd_ndp_parse(b, len, 40, &ns), FWD_DROP_NONE);
	n = fwd_ndp_na_reply(b, sizeof(b), &ns, &tf_mac_port0,
	                     FWD_NDP_NA_ROUTER | FWD_NDP_NA_OVERRIDE);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);
	/* to a DAD NS: ff02::1, no S */
	len = ns_frame(b, "::", "ff02::1:ff00:100", VIP6, false);
	CU_ASSERT_EQUAL_FATAL(fwd_ndp_parse(b, len, 40, &ns), FWD_DROP_NONE);
	n = fwd_ndp_na_reply(b, sizeof(b), &ns, &tf_mac_port0,
	                     FWD_NDP_NA_ROUTER | FWD_NDP_NA_OVERRIDE);
	body[0] = 0xa0;
	elen = t6_icmp(e, &(struct rte_ether_addr){{0x33, 0x33, 0, 0, 0, 1}}, &tf_mac_port0, VIP6,
	               "ff02::1", 255, 136, 0, body, 28);
	CU_ASSERT_EQUAL(n, elen);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);
	/* an NA is not answered */
	ns.type = FWD_NDP_NA;
	CU_ASSERT_EQUAL(fwd_ndp_na_reply(b, sizeof(b), &ns, &tf_mac_port0, 0), 0);

	/* unsolicited NA on becoming MASTER: R + O, TLLA = the virtual MAC,
	 * from the carp interface's link-local */
	carp_vmac(1, false, vmac.addr_bytes);
	CU_ASSERT_TRUE(fwd_ip6_eui64_link_local(src, &vmac));
	a6(VIP6, tgt);
	n = fwd_ndp_na_unsolicited(b, sizeof(b), &vmac, src, tgt);
	memcpy(body + 22, &vmac, 6);
	elen = t6_icmp(e, &(struct rte_ether_addr){{0x33, 0x33, 0, 0, 0, 1}}, &vmac,
	               "fe80::200:5eff:fe00:101", "ff02::1", 255, 136, 0, body, 28);
	CU_ASSERT_EQUAL(n, elen);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);
	/* S to a group, no MAC for a unicast destination, short buffer */
	CU_ASSERT_EQUAL(fwd_ndp_na(b, sizeof(b), &vmac, src, NULL, fwd_ip6_all_nodes, tgt,
	                           FWD_NDP_NA_SOLICITED),
	                0);
	CU_ASSERT_EQUAL(fwd_ndp_na(b, sizeof(b), &vmac, src, NULL, tgt, tgt, 0), 0);
	CU_ASSERT_EQUAL(fwd_ndp_na_unsolicited(b, FWD_NDP_NA_LEN - 1, &vmac, src, tgt), 0);
}

static struct fwd_ndp_ra ra_params(void)
{
	struct fwd_ndp_ra ra = {
	    .cur_hop_limit = 64,
	    .flags = FWD_NDP_RA_MANAGED,
	    .lifetime_s = 1800,
	    .reachable_ms = 30000,
	    .retrans_ms = 1000,
	    .mtu = 1500,
	    .n_prefixes = 2,
	    .prefix = {{.len = 64,
	                .flags = FWD_NDP_PI_ONLINK | FWD_NDP_PI_AUTO,
	                .valid_s = 2592000,
	                .preferred_s = 604800},
	               {.len = 48, .flags = FWD_NDP_PI_ONLINK, .valid_s = ~0u, .preferred_s = ~0u}},
	};

	a6("2001:db8:1::", ra.prefix[0].prefix);
	a6("2001:db8:2:ffff::", ra.prefix[1].prefix); /* bits past /48 set: cleared */
	return ra;
}

static bool ra_equal(const struct fwd_ndp_ra *a, const struct fwd_ndp_ra *b)
{
	if (a->cur_hop_limit != b->cur_hop_limit || a->flags != b->flags ||
	    a->lifetime_s != b->lifetime_s || a->reachable_ms != b->reachable_ms ||
	    a->retrans_ms != b->retrans_ms || a->mtu != b->mtu || a->n_prefixes != b->n_prefixes)
		return false;
	for (unsigned int i = 0; i < a->n_prefixes; i++) {
		const struct fwd_ndp_prefix *p = &a->prefix[i], *q = &b->prefix[i];

		if (memcmp(p->prefix, q->prefix, 16) != 0 || p->len != q->len ||
		    p->flags != q->flags || p->valid_s != q->valid_s ||
		    p->preferred_s != q->preferred_s)
			return false;
	}
	return true;
}

static void test_ndp_ra_build(void)
{
	uint8_t b[512], e[512], body[256] = {64, FWD_NDP_RA_MANAGED}, src[16], dst[16];
	struct fwd_ndp_ra ra = ra_params();
	struct rte_ether_addr vmac;
	struct fwd_ndp_msg m;
	uint32_t n, elen;

	carp_vmac(1, false, vmac.addr_bytes);
	a6("fe80::200:5eff:fe00:101", src);
	n = fwd_ndp_ra(b, sizeof(b), &vmac, src, NULL, NULL, &ra);
	CU_ASSERT_EQUAL(n, 14 + 40 + 16 + 8 + 8 + 64);
	put16(body + 2, 1800);
	put32(body + 4, 30000);
	put32(body + 8, 1000);
	body[12] = 1;
	body[13] = 1;
	memcpy(body + 14, &vmac, 6);
	body[20] = 5;
	body[21] = 1;
	put32(body + 24, 1500);
	body[28] = 3;
	body[29] = 4;
	body[30] = 64;
	body[31] = 0xc0;
	put32(body + 32, 2592000);
	put32(body + 36, 604800);
	a6("2001:db8:1::", body + 44);
	body[60] = 3;
	body[61] = 4;
	body[62] = 48;
	body[63] = 0x80;
	put32(body + 64, ~0u);
	put32(body + 68, ~0u);
	a6("2001:db8:2::", body + 76);
	elen = t6_icmp(e, &(struct rte_ether_addr){{0x33, 0x33, 0, 0, 0, 1}}, &vmac,
	               "fe80::200:5eff:fe00:101", "ff02::1", 255, 134, 0, body, 92);
	CU_ASSERT_EQUAL(n, elen);
	CU_ASSERT_EQUAL(memcmp(b, e, n), 0);

	/* what it builds parses back to the same parameters */
	CU_ASSERT_EQUAL_FATAL(fwd_ndp_parse(b, n, 40, &m), FWD_DROP_NONE);
	a6("2001:db8:2::", ra.prefix[1].prefix);
	CU_ASSERT_TRUE(ra_equal(&m.ra, &ra));
	CU_ASSERT_EQUAL(memcmp(&m.slla, &vmac, 6), 0);

	/* unicast answer to an RS; no MTU option, no prefix */
	ra.mtu = 0;
	ra.n_prefixes = 0;
	a6(LL_HOST, dst);
	n = fwd_ndp_ra(b, sizeof(b), &vmac, src, dst, &tf_mac_host, &ra);
	CU_ASSERT_EQUAL(n, 14 + 40 + 16 + 8);
	CU_ASSERT(icmp6_ok(b, n));
	CU_ASSERT_EQUAL(memcmp(b, &tf_mac_host, 6), 0);
	CU_ASSERT(addr_is(b + 38, LL_HOST));
	/* refusals */
	CU_ASSERT_EQUAL(fwd_ndp_ra(b, sizeof(b), &vmac, src, dst, NULL, &ra), 0);
	CU_ASSERT_EQUAL(fwd_ndp_ra(b, 14 + 40 + 16 + 7, &vmac, src, NULL, NULL, &ra), 0);
	a6("2001:db8:1::1", src);
	CU_ASSERT_EQUAL(fwd_ndp_ra(b, sizeof(b), &vmac, src, NULL, NULL, &ra), 0);
	a6("fe80::1", src);
	ra.n_prefixes = 1;
	ra.prefix[0].len = 129;
	CU_ASSERT_EQUAL(fwd_ndp_ra(b, sizeof(b), &vmac, src, NULL, NULL, &ra), 0);
	ra.prefix[0].len = 64;
	ra.n_prefixes = FWD_NDP_MAX_PREFIXES + 1;
	CU_ASSERT_EQUAL(fwd_ndp_ra(b, sizeof(b), &vmac, src, NULL, NULL, &ra), 0);
}

/*
 * Frames built by scapy 2.5.0 (Debian's python3-scapy), once:
 *   /usr/bin/python3 -c 'from scapy.all import *; print(bytes(
 *     Ether(src="02:00:00:00:00:01", dst="33:33:ff:00:00:20")
 *     / IPv6(src="fe80::ff:fe00:1", dst="ff02::1:ff00:20", hlim=255)
 *     / ICMPv6ND_NS(tgt="2001:db8::20")
 *     / ICMPv6NDOptSrcLLAddr(lladdr="02:00:00:00:00:01")).hex())'
 * and likewise: DAD the same NS from "::" without the option; UNA
 *   Ether(src=vm, dst="33:33:00:00:00:01")/IPv6(src=vll, dst="ff02::1",
 *   hlim=255)/ICMPv6ND_NA(R=1, S=0, O=1, tgt="2001:db8::1")
 *   /ICMPv6NDOptDstLLAddr(lladdr=vm) with vm = 00:00:5e:00:01:01,
 *   vll = fe80::200:5eff:fe00:101; RA the same addresses
 *   /ICMPv6ND_RA(chlim=64, M=0, O=0, H=0, prf=0, P=0, res=0,
 *   routerlifetime=1800, reachabletime=0, retranstimer=0)
 *   /ICMPv6NDOptSrcLLAddr(lladdr=vm)/ICMPv6NDOptMTU(mtu=1500)
 *   /ICMPv6NDOptPrefixInfo(prefixlen=64, L=1, A=1, R=0,
 *   validlifetime=2592000, preferredlifetime=604800, prefix="2001:db8:1::");
 * ORIG Ether(src="02:aa:00:00:00:01", dst="02:00:00:00:00:01") / orig with
 *   orig = IPv6(src="2001:db8:1::10", dst="2001:db8:2::20", hlim=1)
 *   /UDP(sport=1234, dport=5678)/Raw(bytes(range(32)));
 * TE Ether(src=02:00:00:00:00:01, dst=02:aa:00:00:00:01)/IPv6(src=
 *   "2001:db8:1::1", dst="2001:db8:1::10", hlim=64)/ICMPv6TimeExceeded(code=0)
 *   /Raw(bytes(orig)), PTB the same with ICMPv6PacketTooBig(mtu=1400);
 * REQ Ether(src=02:aa:.., dst=02:00:..)/IPv6(src="2001:db8:1::10",
 *   dst="2001:db8:1::1", hlim=64)/ICMPv6EchoRequest(id=0x1234, seq=7,
 *   data=b"carp-router ipv6"), REP its reply as the router sends it.
 */
static const char *const SCAPY_NS =
    "3333ff00002002000000000186dd6000000000203afffe80000000000000000000fffe000001ff0200000000"
    "000000000001ff00002087004c230000000020010db80000000000000000000000200101020000000001";
static const char *const SCAPY_DAD =
    "3333ff00002002000000000186dd6000000000183aff00000000000000000000000000000000ff0200000000"
    "000000000001ff00002087004caf0000000020010db8000000000000000000000020";
static const char *const SCAPY_UNA =
    "33330000000100005e00010186dd6000000000203afffe8000000000000002005efffe000101ff0200000000"
    "000000000000000000018800eb61a000000020010db8000000000000000000000001020100005e000101";
static const char *const SCAPY_RA =
    "33330000000100005e00010186dd6000000000403afffe8000000000000002005efffe000101ff0200000000"
    "00000000000000000001860030e8400007080000000000000000010100005e00010105010000000005dc0304"
    "40c000278d0000093a800000000020010db8000100000000000000000000";
static const char *const SCAPY_ORIG =
    "02000000000102aa0000000186dd600000000028110120010db800010000000000000000001020010db80002"
    "0000000000000000002004d2162e002897f8000102030405060708090a0b0c0d0e0f10111213141516171819"
    "1a1b1c1d1e1f";
static const char *const SCAPY_TE =
    "02aa0000000102000000000186dd6000000000583a4020010db800010000000000000000000120010db80001"
    "0000000000000000001003002ff800000000600000000028110120010db80001000000000000000000102001"
    "0db800020000000000000000002004d2162e002897f8000102030405060708090a0b0c0d0e0f101112131415"
    "161718191a1b1c1d1e1f";
static const char *const SCAPY_PTB =
    "02aa0000000102000000000186dd6000000000583a4020010db800010000000000000000000120010db80001"
    "0000000000000000001002002b8000000578600000000028110120010db80001000000000000000000102001"
    "0db800020000000000000000002004d2162e002897f8000102030405060708090a0b0c0d0e0f101112131415"
    "161718191a1b1c1d1e1f";
static const char *const SCAPY_REQ =
    "02000000000102aa0000000186dd6000000000183a4020010db800010000000000000000001020010db80001"
    "000000000000000000018000d90612340007636172702d726f757465722069707636";
static const char *const SCAPY_REP =
    "02aa0000000102000000000186dd6000000000183a4020010db800010000000000000000000120010db80001"
    "000000000000000000108100d80612340007636172702d726f757465722069707636";

static void expect_scapy(const uint8_t *got, uint32_t n, const char *hex)
{
	uint8_t want[1600];
	size_t wn = unhex(hex, want, sizeof(want));

	CU_ASSERT_EQUAL(n, wn);
	CU_ASSERT_EQUAL(memcmp(got, want, wn), 0);
	if (n != wn || memcmp(got, want, wn) != 0) {
		for (uint32_t i = 0; i < n; i++)
			fprintf(stderr, "%02x", got[i]);
		fprintf(stderr, "\n%s\n", hex);
	}
}

static void test_scapy_cross_check(void)
{
	static uint8_t b[1600];
	struct rte_ether_addr vm = {{0, 0, 0x5e, 0, 1, 1}};
	uint8_t ll[16], vll[16], tgt[16], rtr[16], zero[16] = {0};
	struct fwd_ndp_ra ra = {
	    .cur_hop_limit = 64,
	    .lifetime_s = 1800,
	    .mtu = 1500,
	    .n_prefixes = 1,
	    .prefix = {{.len = 64, .flags = 0xc0, .valid_s = 2592000, .preferred_s = 604800}}};
	uint32_t n;

	a6("fe80::ff:fe00:1", ll);
	a6("fe80::200:5eff:fe00:101", vll);
	a6("2001:db8::20", tgt);
	a6(ROUTER_ADR, rtr);
	a6("2001:db8:1::", ra.prefix[0].prefix);
	expect_scapy(b, fwd_ndp_ns(b, sizeof(b), &tf_mac_port0, ll, tgt, NULL), SCAPY_NS);
	expect_scapy(b, fwd_ndp_ns(b, sizeof(b), &tf_mac_port0, zero, tgt, NULL), SCAPY_DAD);
	a6("2001:db8::1", tgt);
	expect_scapy(b, fwd_ndp_na_unsolicited(b, sizeof(b), &vm, vll, tgt), SCAPY_UNA);
	expect_scapy(b, fwd_ndp_ra(b, sizeof(b), &vm, vll, NULL, NULL, &ra), SCAPY_RA);

	n = (uint32_t)unhex(SCAPY_ORIG, b, sizeof(b));
	expect_scapy(b, fwd_icmp6_error(b, n, sizeof(b), 3, 0, 0, rtr, &tf_mac_port0), SCAPY_TE);
	n = (uint32_t)unhex(SCAPY_ORIG, b, sizeof(b));
	CU_ASSERT_EQUAL(udp_orig(b + 800, 32), n); /* the test's own builder agrees */
	CU_ASSERT_EQUAL(memcmp(b, b + 800, n), 0);
	expect_scapy(b, fwd_icmp6_error(b, n, sizeof(b), 2, 0, 1400, rtr, &tf_mac_port0),
	             SCAPY_PTB);
	n = (uint32_t)unhex(SCAPY_REQ, b, sizeof(b));
	CU_ASSERT_EQUAL(fwd_icmp6_echo_reply(b, &n, 40, NULL, &tf_mac_port0), FWD_DROP_NONE);
	expect_scapy(b, n, SCAPY_REP);
}

/* ---- robustness ---- */

/*
 * Mutated and truncated frames through validate, walk, NDP parse, the
 * error and echo builders, each in a heap buffer of exactly its length.
 * Outcomes must be in range, what is built must verify, and a walk that
 * succeeds must stay inside the packet.
 */
static void test_robust_random_frames(void)
{
	static uint8_t tmpl[6][1024];
	uint32_t tlen[6];
	unsigned int seed = 6666, built = 0, parsed = 0;
	uint8_t rtr[16];
	struct fwd_ndp_ra ra = ra_params();

	a6(ROUTER_ADR, rtr);
	tlen[0] = ns_frame(tmpl[0], LL_HOST, "ff02::1:ff00:100", VIP6, true);
	tlen[1] = ra_frame(tmpl[1], LL_HOST, 2);
	tlen[2] = echo_request(tmpl[2], ROUTER_ADR, 40);
	tlen[3] = udp_orig(tmpl[3], 60);
	tlen[4] = fwd_ndp_ra(tmpl[4], sizeof(tmpl[4]), &tf_mac_port0,
	                     (const uint8_t[16]){0xfe, 0x80, [15] = 1}, NULL, NULL, &ra);
	{ /* hop-by-hop + fragment + destination options + ICMPv6 echo */
		uint8_t pl[64] = {44, 0, 5, 2, 0, 0, 1, 0, 60, 0, 0, 1, 9, 9, 9, 9, 58, 0, 1, 4};

		pl[24] = 128;
		tlen[5] = t6_frame(tmpl[5], &tf_mac_port0, &tf_mac_host, SRC_HOST, ROUTER_ADR, 0,
		                   64, pl, 40);
		put16(tmpl[5] + 14 + 64 + 2, ref_cksum6(tmpl[5] + 14, 64, 16, 58));
	}
	for (int it = 0; it < 100000; it++) {
		unsigned int t = (unsigned int)rand_r(&seed) % 6;
		uint32_t len = tlen[t], cap;
		struct fwd_ip6_hdrs h;
		struct fwd_ndp_msg m;
		uint8_t work[1024], *b, *e;
		enum fwd_drop why;

		memcpy(work, tmpl[t], len);
		for (int k = rand_r(&seed) % 4; k >= 0; k--)
			work[14 + (unsigned int)rand_r(&seed) % (len - 14)] ^=
			    (uint8_t)(1u << (rand_r(&seed) % 8));
		if (rand_r(&seed) % 4 == 0)
			len = (uint32_t)rand_r(&seed) % (len + 1);
		/* often a valid checksum over the damage */
		if (rand_r(&seed) % 2 && len >= 58 && work[20] == 58 &&
		    54u + rd16(work + 18) <= len && rd16(work + 18) >= 4)
			t6_fix_icmp(work, 40);
		b = malloc(len ? len : 1);
		CU_ASSERT_PTR_NOT_NULL_FATAL(b);
		memcpy(b, work, len);
		if (len < 14) {
			free(b);
			continue;
		}
		why = fwd_ip6_walk(b + 14, len - 14, &h);
		CU_ASSERT(why < FWD_DROP_MAX);
		if (why == FWD_DROP_NONE) {
			CU_ASSERT(h.off <= h.end && 14u + h.end <= len);
			(void)fwd_icmp6_error_allowed(b + 14, len - 14, 0, 3, 0);
			if (h.proto == 58) {
				why = fwd_ndp_parse(b, len, h.off, &m);
				CU_ASSERT(why < FWD_DROP_MAX);
				parsed += why == FWD_DROP_NONE;
				if (why == FWD_DROP_NONE && m.type == FWD_NDP_RA)
					CU_ASSERT(m.ra.n_prefixes <= FWD_NDP_MAX_PREFIXES);
			}
			cap = len + (uint32_t)rand_r(&seed) % 64;
			e = malloc(cap);
			CU_ASSERT_PTR_NOT_NULL_FATAL(e);
			memcpy(e, b, len);
			uint32_t n = fwd_icmp6_error(e, len, cap, 1, 0, 0, rtr, &tf_mac_port0);
			CU_ASSERT(n == 0 || (n <= cap && n <= 14 + 1280 && icmp6_ok(e, n)));
			built += n != 0;
			if (h.proto == 58) {
				uint32_t l = len;

				memcpy(e, b, len);
				if (fwd_icmp6_echo_reply(e, &l, h.off, rtr, &tf_mac_port0) ==
				    FWD_DROP_NONE) {
					CU_ASSERT(l <= len && icmp6_ok(e, l));
					built++;
				}
			}
			free(e);
		}
		free(b);
	}
	CU_ASSERT(built > 1000);
	CU_ASSERT(parsed > 1000);
}

static void test_reason_names(void)
{
	CU_ASSERT_STRING_EQUAL(fwd_drop_name(FWD_DROP_IP6_BAD_VERSION), "ip6_bad_version");
	CU_ASSERT_STRING_EQUAL(fwd_drop_name(FWD_DROP_IP6_RH0), "ip6_rh0");
	CU_ASSERT_STRING_EQUAL(fwd_drop_name(FWD_DROP_NDP_BAD_HOP_LIMIT), "ndp_bad_hop_limit");
	for (int i = FWD_DROP_IP6_TRUNCATED; i < FWD_DROP_MAX; i++)
		for (int j = 1; j < i; j++)
			CU_ASSERT(strcmp(fwd_drop_name(i), fwd_drop_name(j)) != 0);
}

int main(void)
{
	CU_pSuite s;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite("fwd_pkt6_addr", NULL, NULL);
	CU_add_test(s, "addresses", test_addresses);
	CU_add_test(s, "scope", test_scope);
	s = CU_add_suite("fwd_pkt6_ip6", NULL, NULL);
	CU_add_test(s, "validate", test_validate);
	CU_add_test(s, "check_addrs", test_check_addrs);
	CU_add_test(s, "l4_cksum_vs_reference", test_l4_cksum);
	s = CU_add_suite("fwd_pkt6_ext", NULL, NULL);
	CU_add_test(s, "plain", test_walk_plain);
	CU_add_test(s, "hop_by_hop", test_walk_hbh);
	CU_add_test(s, "hop_by_hop_not_first", test_walk_hbh_not_first);
	CU_add_test(s, "routing", test_walk_routing);
	CU_add_test(s, "fragment", test_walk_fragment);
	CU_add_test(s, "dstopt_ah", test_walk_dstopt_ah);
	CU_add_test(s, "too_many", test_walk_too_many);
	s = CU_add_suite("fwd_pkt6_icmp6", NULL, NULL);
	CU_add_test(s, "error_bytes", test_icmp6_error_bytes);
	CU_add_test(s, "error_quote_limits", test_icmp6_error_quote_limits);
	CU_add_test(s, "error_allowed", test_icmp6_error_allowed);
	CU_add_test(s, "echo_reply", test_icmp6_echo);
	s = CU_add_suite("fwd_pkt6_ndp", NULL, NULL);
	CU_add_test(s, "parse_ns", test_ndp_parse_ns);
	CU_add_test(s, "parse_na_rs", test_ndp_parse_na_rs);
	CU_add_test(s, "parse_ra", test_ndp_parse_ra);
	CU_add_test(s, "build_ns", test_ndp_ns_build);
	CU_add_test(s, "build_na", test_ndp_na_build);
	CU_add_test(s, "build_ra", test_ndp_ra_build);
	s = CU_add_suite("fwd_pkt6_cross", NULL, NULL);
	CU_add_test(s, "scapy_bytes", test_scapy_cross_check);
	s = CU_add_suite("fwd_pkt6_robustness", NULL, NULL);
	CU_add_test(s, "random_frames", test_robust_random_frames);
	CU_add_test(s, "reason_names", test_reason_names);
	return tf_run();
}
