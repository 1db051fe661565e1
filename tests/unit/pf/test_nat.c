/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * NAT: source port allocation (no collision with existing states or the
 * reserved set, exhaustion reported), and the byte-buffer rewrites with
 * checksums verified by full recomputation: IPv4/IPv6 TCP, UDP (also
 * without checksum), ICMP echo ids, ICMPv6 pseudo-header, and ICMP error
 * quotes (inner header, inner checksum, outer ICMP checksum).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "pf_cksum.h"
#include "pf_frames.h"
#include "pf_icmperr.h"
#include "pf_nat.h"
#include "pf_pkt.h"
#include "pf_rewrite.h"
#include "pf_test.h"

/* The keys "in the state table" for the allocator. */
static struct {
	struct pf_state_key k[16];
	unsigned n;
	struct pf_portset ports; /* taken source ports of reply keys */
	unsigned asked;
} used;

static bool is_used(void *ctx, const struct pf_state_key *k, uint8_t dir)
{
	unsigned i;

	(void)ctx;
	used.asked++;
	if (dir != PF_IN) /* replies to an outbound NAT come in */
		return false;
	if (pf_portset_has(&used.ports, ntohs(k->port[1])))
		return true;
	for (i = 0; i < used.n; i++)
		if (memcmp(&used.k[i], k, sizeof(*k)) == 0)
			return true;
	return false;
}

static struct pf_nat_req out_req(struct pf_nat *nat, uint8_t proto, uint16_t sport)
{
	struct pf_nat_req r = {.nat = nat, .dir = PF_OUT};
	struct pf_addr c = t_addr("192.0.2.5"), s = t_addr("198.51.100.7");

	pf_state_key_make(&r.orig, PF_AF_INET, proto, PF_OUT, &c, htons(sport), &s, htons(80));
	return r;
}

static void test_alloc_range_and_collisions(void)
{
	struct pf_nat nat = {
	    .set = 1, .port_lo = 50001, .port_hi = 65535, .addr = t_addr("203.0.113.10")};
	struct pf_nat_req r = out_req(&nat, PF_PROTO_TCP, 40000);
	struct pf_state_key k;
	struct pf_addr vip = t_addr("203.0.113.10");
	unsigned p;

	memset(&used, 0, sizeof(used));
	r.rnd = 7;
	CU_ASSERT_EQUAL(pf_nat_map(&r, is_used, NULL, &k), 0);
	CU_ASSERT_EQUAL(ntohs(k.port[1]), 50001 + 7);
	CU_ASSERT_EQUAL(memcmp(&k.addr[1], &vip, sizeof(vip)), 0); /* source side of OUT */
	CU_ASSERT_EQUAL(k.port[0], r.orig.port[0]);                /* destination untouched */
	/* every port from the start up to the top taken: it walks down from the start */
	for (p = 50008; p <= 65535; p++)
		pf_portset_add(&used.ports, (uint16_t)p);
	CU_ASSERT_EQUAL(pf_nat_map(&r, is_used, NULL, &k), 0);
	CU_ASSERT_EQUAL(ntohs(k.port[1]), 50007);
	/* a state using exactly that reply key: the next one down */
	used.k[used.n++] = k;
	CU_ASSERT_EQUAL(pf_nat_map(&r, is_used, NULL, &k), 0);
	CU_ASSERT_EQUAL(ntohs(k.port[1]), 50006);
	/* the same port is fine towards another destination (the key differs) */
	r.orig.addr[0].b[3] = 8;
	CU_ASSERT_EQUAL(pf_nat_map(&r, is_used, NULL, &k), 0);
	CU_ASSERT_EQUAL(ntohs(k.port[1]), 50007);
}

static void test_alloc_exhaustion_and_reserved(void)
{
	struct pf_nat nat = {
	    .set = 1, .port_lo = 1000, .port_hi = 1003, .addr = t_addr("203.0.113.10")};
	struct pf_nat_req r = out_req(&nat, PF_PROTO_UDP, 5353);
	struct pf_portset reserved;
	struct pf_state_key k;
	unsigned i;

	memset(&used, 0, sizeof(used));
	pf_portset_clear(&reserved);
	pf_portset_add(&reserved, 1000);
	pf_portset_add(&reserved, 1001);
	r.reserved = &reserved;
	for (i = 0; i < 2; i++) {
		r.rnd = i;
		CU_ASSERT_EQUAL(pf_nat_map(&r, is_used, NULL, &k), 0);
		CU_ASSERT(ntohs(k.port[1]) >= 1002); /* never a reserved port */
		used.k[used.n++] = k;
	}
	used.asked = 0;
	CU_ASSERT_EQUAL(pf_nat_map(&r, is_used, NULL, &k), -EADDRINUSE);
	CU_ASSERT_EQUAL(used.asked, 2); /* only the two non-reserved ports were tried */
	/* static-port: the source port or nothing */
	nat.static_port = 1;
	memset(&used, 0, sizeof(used));
	CU_ASSERT_EQUAL(pf_nat_map(&r, is_used, NULL, &k), 0);
	CU_ASSERT_EQUAL(ntohs(k.port[1]), 5353);
	used.k[used.n++] = k;
	CU_ASSERT_EQUAL(pf_nat_map(&r, is_used, NULL, &k), -EADDRINUSE);
}

static void test_alloc_icmp_and_other(void)
{
	struct pf_nat nat = {
	    .set = 1, .port_lo = 50001, .port_hi = 65535, .addr = t_addr("203.0.113.10")};
	struct pf_nat_req r = out_req(&nat, PF_PROTO_ICMP, 0x4242);
	struct pf_state_key k;

	memset(&used, 0, sizeof(used));
	r.icmp = r.icmp_echo = 1;
	r.rnd = 100;
	CU_ASSERT_EQUAL(pf_nat_map(&r, is_used, NULL, &k), 0);
	CU_ASSERT_EQUAL(ntohs(k.port[1]), 1 + 100); /* ids come from 1-65535 */
	r.icmp_echo = 0;                            /* other ICMP keeps its virtual ports */
	CU_ASSERT_EQUAL(pf_nat_map(&r, is_used, NULL, &k), 0);
	CU_ASSERT_EQUAL(k.port[1], r.orig.port[1]);
	/* GRE: the address only, and only if that key is free */
	r = out_req(&nat, 47, 0);
	CU_ASSERT_EQUAL(pf_nat_map(&r, is_used, NULL, &k), 0);
	used.k[used.n++] = k;
	CU_ASSERT_EQUAL(pf_nat_map(&r, is_used, NULL, &k), -EADDRINUSE);
}

static void parse(struct pf_pkt *p, uint8_t *buf, size_t len)
{
	enum pf_reason why;

	CU_ASSERT_TRUE_FATAL(pf_pkt_parse(p, buf, len, true, &why));
}

static void test_rewrite_tcp_udp(void)
{
	uint8_t l4[256], buf[T_FRAME_MAX];
	char a[64];
	struct pf_pkt p;
	size_t n;

	/* IPv4 TCP with payload: source address and port */
	n = t_frame(buf, true, "192.0.2.5", "198.51.100.7", 6, l4,
	            t_tcp(l4, 40000, 80, 1, 2, PF_TH_ACK, 1000, NULL, 0, 33), false);
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true));
	parse(&p, buf, n);
	pf_rw_addr(&p, true, &(struct pf_addr){.b = {203, 0, 113, 10}});
	pf_rw_port(&p, true, 61000);
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true));
	t_src(buf, a, sizeof(a));
	CU_ASSERT_STRING_EQUAL(a, "203.0.113.10");
	CU_ASSERT_EQUAL(t_sport(buf), 61000);
	/* IPv6 UDP: destination address and port */
	n = t_frame(buf, true, "2001:db8:1::5", "2001:db8:2::7", 17, l4, t_udp(l4, 5353, 53, 17),
	            false);
	parse(&p, buf, n);
	pf_rw_addr(&p, false, &(struct pf_addr){.b = {0x20, 0x01, 0x0d, 0xb8, 9, 9, [15] = 1}});
	pf_rw_port(&p, false, 5300);
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true));
	t_dst(buf, a, sizeof(a));
	CU_ASSERT_STRING_EQUAL(a, "2001:db8:909::1");
	/* IPv4 UDP without checksum stays without */
	n = t_frame(buf, true, "192.0.2.5", "198.51.100.7", 17, l4, t_udp(l4, 1, 2, 3), true);
	parse(&p, buf, n);
	pf_rw_addr(&p, true, &(struct pf_addr){.b = {203, 0, 113, 10}});
	pf_rw_port(&p, true, 999);
	CU_ASSERT_EQUAL(pf_rd16(buf + t_l4(buf) + 6), 0);
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true));
}

static void test_rewrite_icmp(void)
{
	uint8_t l4[256], buf[T_FRAME_MAX];
	struct pf_pkt p;
	size_t n;

	n = t_frame(buf, true, "192.0.2.5", "198.51.100.7", 1, l4, t_icmp(l4, 8, 0, 0x1111, 1, 56),
	            false);
	parse(&p, buf, n);
	CU_ASSERT_TRUE(p.icmp_query);
	CU_ASSERT_EQUAL(p.sport, 0x1111); /* id as the source virtual port */
	CU_ASSERT_EQUAL(p.dport, 8);
	pf_rw_addr(&p, true, &(struct pf_addr){.b = {203, 0, 113, 10}});
	pf_rw_icmp_id(&p, 0x2222);
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true));
	CU_ASSERT_EQUAL(pf_rd16(buf + t_l4(buf) + 4), 0x2222);
	/* ICMPv6: the checksum covers the addresses too */
	n = t_frame(buf, true, "2001:db8:1::5", "2001:db8:2::7", 58, l4,
	            t_icmp(l4, 129, 0, 0x3333, 1, 20), false);
	parse(&p, buf, n);
	CU_ASSERT_FALSE(p.icmp_query); /* an echo reply */
	CU_ASSERT_TRUE(p.icmp_nostate);
	pf_rw_addr(&p, false, &(struct pf_addr){.b = {0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 9}});
	pf_rw_icmp_id(&p, 0x4444);
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true));
}

/* An ICMP error quoting a complete UDP datagram: translate the quote. */
static void test_icmp_error_quote(void)
{
	uint8_t l4[512], q[256], ql4[128], buf[T_FRAME_MAX];
	struct pf_icmp_inner in;
	struct pf_pkt p;
	enum pf_reason why;
	size_t qn, n;
	char a[64];

	/* the translated datagram as the server saw it: 203.0.113.10:61000 -> 198.51.100.7:53 */
	qn = t_frame(q, false, "203.0.113.10", "198.51.100.7", 17, ql4, t_udp(ql4, 61000, 53, 30),
	             false);
	n = t_frame(buf, true, "198.51.100.7", "203.0.113.10", 1, l4, t_icmp_err(l4, 3, 3, q, qn),
	            false);
	CU_ASSERT_TRUE_FATAL(t_cksums_ok(buf, n, true));
	parse(&p, buf, n);
	CU_ASSERT_TRUE(p.icmp_error);
	CU_ASSERT_TRUE(pf_icmp_inner_parse(&p, &in, &why));
	CU_ASSERT_EQUAL(in.proto, PF_PROTO_UDP);
	CU_ASSERT_EQUAL(in.sport, 61000);
	/* back to the client: quoted source and outer destination */
	pf_icmp_inner_rw_addr(&p, &in, true, &(struct pf_addr){.b = {192, 0, 2, 5}});
	pf_icmp_inner_rw_port(&p, &in, true, 40000);
	pf_rw_addr(&p, false, &(struct pf_addr){.b = {192, 0, 2, 5}});
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true)); /* outer IP, ICMP, quoted IP and UDP */
	t_dst(buf, a, sizeof(a));
	CU_ASSERT_STRING_EQUAL(a, "192.0.2.5");
	CU_ASSERT_EQUAL(pf_rd16(buf + in.l4), 40000);
	/* IPv6: packet too big quoting a TCP segment with its checksum */
	qn = t_frame(q, false, "2001:db8:2::10", "2001:db8:5::7", 6, ql4,
	             t_tcp(ql4, 61000, 443, 100, 200, PF_TH_ACK, 500, NULL, 0, 40), false);
	n = t_frame(buf, true, "2001:db8:5::1", "2001:db8:2::10", 58, l4,
	            t_icmp_err(l4, 2, 0, q, qn), false);
	CU_ASSERT_TRUE_FATAL(t_cksums_ok(buf, n, true));
	parse(&p, buf, n);
	CU_ASSERT_TRUE(pf_icmp_inner_parse(&p, &in, &why));
	CU_ASSERT_EQUAL(in.seq, 100);
	pf_icmp_inner_rw_addr(&p, &in, true,
	                      &(struct pf_addr){.b = {0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 5}});
	pf_icmp_inner_rw_port(&p, &in, true, 40000);
	pf_rw_addr(&p, false, &(struct pf_addr){.b = {0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 5}});
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true));
	/* a quote too short for 8 transport bytes is refused */
	qn = t_frame(q, false, "203.0.113.10", "198.51.100.7", 17, ql4, t_udp(ql4, 61000, 53, 30),
	             false);
	n = t_frame(buf, true, "198.51.100.7", "203.0.113.10", 1, l4,
	            t_icmp_err(l4, 3, 3, q, 20 + 4), false);
	parse(&p, buf, n);
	CU_ASSERT_FALSE(pf_icmp_inner_parse(&p, &in, &why));
	CU_ASSERT_EQUAL(why, PF_REASON_SHORT);
}

int pf_test_register_nat(void)
{
	static const struct t_case cases[] = {
	    {"ports: range, random start, collisions", test_alloc_range_and_collisions},
	    {"exhaustion, reserved ports, static-port", test_alloc_exhaustion_and_reserved},
	    {"ICMP ids and address-only protocols", test_alloc_icmp_and_other},
	    {"TCP/UDP rewrites keep checksums", test_rewrite_tcp_udp},
	    {"ICMP echo and ICMPv6 rewrites", test_rewrite_icmp},
	    {"ICMP error quotes translated", test_icmp_error_quote},
	    {NULL, NULL},
	};
	return t_suite("nat", cases);
}
