/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fwd-pkt6-pcap: writes the IPv6 frames lib/fwd's pure builders produce
 * (NDP, ICMPv6 errors, echo reply) and an IPv6 CARP advert from lib/carp
 * into an Ethernet pcap, so that tshark can judge the exact bytes
 * (tests/interop/test_tshark6.sh). No EAL, no libpcap: the pcap format is
 * a 24-byte file header and a 16-byte header per frame.
 *   fwd-pkt6-pcap OUT.pcap    prints "N name" per frame written, exit 0/1
 * Addresses (documentation ranges): port 02:00:00:00:00:01 fe80::ff:fe00:1
 * and 2001:db8:1::1; host 02:aa:00:00:00:01 2001:db8:1::10; carp vhid 5
 * (00:00:5e:00:01:05, fe80::200:5eff:fe00:105) with VIP 2001:db8:1::5.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carp_auth.h"
#include "carp_balance.h"
#include "carp_wire.h"
#include "fwd_eth.h"
#include "fwd_icmp6.h"
#include "fwd_ip6.h"
#include "fwd_ndp.h"

#define CAP 2048

static const struct rte_ether_addr port_mac = {{0x02, 0, 0, 0, 0, 0x01}};
static const struct rte_ether_addr host_mac = {{0x02, 0xaa, 0, 0, 0, 0x01}};

struct out {
	FILE *f;
	unsigned int n;
	int err;
};

static void wr32le(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void put(struct out *o, const char *name, const uint8_t *frame, uint32_t len)
{
	uint8_t h[16];

	if (len == 0) {
		fprintf(stderr, "fwd-pkt6-pcap: %s: builder returned 0\n", name);
		o->err = 1;
		return;
	}
	wr32le(h, 1700000000u + o->n);
	wr32le(h + 4, 0);
	wr32le(h + 8, len);
	wr32le(h + 12, len);
	if (fwrite(h, sizeof(h), 1, o->f) != 1 || fwrite(frame, len, 1, o->f) != 1)
		o->err = 1;
	printf("%u %s\n", ++o->n, name);
}

static void a6(const char *s, uint8_t out[16])
{
	if (inet_pton(AF_INET6, s, out) != 1)
		abort();
}

/* A 1500-byte UDP packet 2001:db8:1::10 -> 2001:db8:2::20, hop limit 1. */
static uint32_t udp_packet(uint8_t *f, uint16_t plen)
{
	uint8_t src[16], dst[16], *ip, *u;
	uint16_t c;

	ip = fwd_eth_write(f, &port_mac, &host_mac, RTE_ETHER_TYPE_IPV6);
	u = ip + FWD_IP6_HDR_LEN;
	a6("2001:db8:1::10", src);
	a6("2001:db8:2::20", dst);
	fwd_ip6_hdr_write(ip, plen, FWD_IP6_NH_UDP, 1, src, dst);
	memset(u, 0, plen);
	u[0] = 0x04;
	u[1] = 0xd2; /* 1234 */
	u[2] = 0x16;
	u[3] = 0x2e; /* 5678 */
	u[4] = (uint8_t)(plen >> 8);
	u[5] = (uint8_t)plen;
	for (uint32_t i = 8; i < plen; i++)
		u[i] = (uint8_t)i;
	c = (uint16_t)~fwd_ip6_l4_sum(ip, u, plen, FWD_IP6_NH_UDP);
	memcpy(u + 6, &c, 2);
	return RTE_ETHER_HDR_LEN + FWD_IP6_HDR_LEN + plen;
}

static void errors(struct out *o, uint8_t *f)
{
	static const struct {
		const char *name;
		uint8_t type, code;
		uint32_t param;
		uint16_t plen;
	} e[] = {
	    {"icmp6-time-exceeded", FWD_ICMP6_TIME_EXCEEDED, FWD_ICMP6_TIME_HOP_LIMIT, 0, 100},
	    {"icmp6-unreach-no-route", FWD_ICMP6_DST_UNREACH, FWD_ICMP6_UNREACH_NO_ROUTE, 0, 100},
	    {"icmp6-unreach-admin", FWD_ICMP6_DST_UNREACH, FWD_ICMP6_UNREACH_ADMIN, 0, 100},
	    {"icmp6-unreach-scope", FWD_ICMP6_DST_UNREACH, FWD_ICMP6_UNREACH_SCOPE, 0, 100},
	    {"icmp6-unreach-addr", FWD_ICMP6_DST_UNREACH, FWD_ICMP6_UNREACH_ADDR, 0, 100},
	    {"icmp6-packet-too-big", FWD_ICMP6_PACKET_TOO_BIG, 0, 1280, 1460},
	    {"icmp6-param-problem", FWD_ICMP6_PARAM_PROB, FWD_ICMP6_PP_NEXT_HEADER, 6, 100},
	};
	uint8_t rtr[16];

	a6("2001:db8:1::1", rtr);
	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		uint32_t len = udp_packet(f, e[i].plen);

		put(o, e[i].name, f,
		    fwd_icmp6_error(f, len, CAP, e[i].type, e[i].code, e[i].param, rtr, &port_mac));
	}
}

static void echo(struct out *o, uint8_t *f)
{
	uint8_t src[16], dst[16], *ip, *m;
	uint32_t len = RTE_ETHER_HDR_LEN + FWD_IP6_HDR_LEN + 24;

	ip = fwd_eth_write(f, &port_mac, &host_mac, RTE_ETHER_TYPE_IPV6);
	m = ip + FWD_IP6_HDR_LEN;
	a6("2001:db8:1::10", src);
	a6("2001:db8:1::1", dst);
	fwd_ip6_hdr_write(ip, 24, FWD_IP6_NH_ICMP6, 64, src, dst);
	memset(m, 0, 24);
	m[0] = FWD_ICMP6_ECHO_REQUEST;
	m[4] = 0x12;
	m[5] = 0x34;
	m[7] = 7;
	memcpy(m + 8, "carp-router ipv6", 16);
	fwd_icmp6_cksum_fill(ip, FWD_IP6_HDR_LEN, 24);
	if (fwd_icmp6_echo_reply(f, &len, FWD_IP6_HDR_LEN, NULL, &port_mac) != FWD_DROP_NONE)
		len = 0;
	put(o, "icmp6-echo-reply", f, len);
}

static void ndp(struct out *o, uint8_t *f)
{
	uint8_t ll[16], vll[16], vip[16], zero[16] = {0}, host_ll[16];
	struct rte_ether_addr vmac;
	struct fwd_ndp_msg ns;
	struct fwd_ndp_ra ra = {
	    .cur_hop_limit = 64,
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
	uint32_t len;

	carp_vmac(5, false, vmac.addr_bytes);
	if (!fwd_ip6_eui64_link_local(ll, &port_mac) || !fwd_ip6_eui64_link_local(vll, &vmac) ||
	    !fwd_ip6_eui64_link_local(host_ll, &host_mac))
		abort();
	a6("2001:db8:1::5", vip);
	a6("2001:db8:1::", ra.prefix[0].prefix);
	a6("2001:db8:2::", ra.prefix[1].prefix);

	put(o, "ns-resolution", f, fwd_ndp_ns(f, CAP, &port_mac, ll, vip, NULL));
	put(o, "ns-probe", f, fwd_ndp_ns(f, CAP, &port_mac, ll, vip, &host_mac));
	put(o, "ns-dad", f, fwd_ndp_ns(f, CAP, &port_mac, zero, vip, NULL));
	/* a host's NS for the VIP, parsed, then answered by the master */
	len = fwd_ndp_ns(f, CAP, &host_mac, host_ll, vip, NULL);
	if (fwd_ndp_parse(f, len, FWD_IP6_HDR_LEN, &ns) != FWD_DROP_NONE)
		len = 0;
	else
		len = fwd_ndp_na_reply(f, CAP, &ns, &vmac, FWD_NDP_NA_ROUTER | FWD_NDP_NA_OVERRIDE);
	put(o, "na-solicited", f, len);
	put(o, "na-unsolicited", f, fwd_ndp_na_unsolicited(f, CAP, &vmac, vll, vip));
	put(o, "ra", f, fwd_ndp_ra(f, CAP, &vmac, vll, NULL, NULL, &ra));
}

/* vhid 5, advskew 10, passphrase "dualstack", VIPs 192.0.2.5 and
 * 2001:db8:1::5, counter 0102030405060708, from fe80::1. */
static void carp_adv6(struct out *o, uint8_t *f)
{
	struct carp_adv adv = {.version = CARP_VERSION,
	                       .type = CARP_TYPE_ADVERTISEMENT,
	                       .vhid = 5,
	                       .advskew = 10,
	                       .authlen = CARP_AUTHLEN,
	                       .advbase = 1,
	                       .counter = 0x0102030405060708ULL};
	struct carp_tx_addr ta = {.family = CARP_AF_INET6};
	struct carp_addr_list l = {.n4 = 1, .n6 = 1};
	uint8_t hdr[CARP_HDR_LEN];
	struct carp_auth auth;
	struct carp_key k;
	int n = 0;

	inet_pton(AF_INET, "192.0.2.5", l.v4[0]);
	a6("2001:db8:1::5", l.v6[0]);
	carp_key_from_passphrase(&k, "dualstack");
	if (carp_auth_init(&auth) == 0 && carp_auth_prepare(&auth, &k, 5, &l, NULL) == 0 &&
	    carp_auth_digest(&auth, CARP_HMAC_NOV6LL, adv.counter, adv.md) == 0) {
		carp_adv_encode(&adv, hdr, true);
		carp_vmac(5, false, ta.src_mac);
		memcpy(ta.dst_mac, carp_group6_mac, 6);
		memcpy(ta.dst_ip, carp_group6, 16);
		a6("fe80::1", ta.src_ip);
		n = carp_frame_build(&ta, hdr, f, CAP);
	}
	carp_auth_fini(&auth);
	put(o, "carp-ipv6-advert", f, n > 0 ? (uint32_t)n : 0);
}

int main(int argc, char **argv)
{
	static uint8_t frame[CAP];
	uint8_t fh[24] = {0};
	struct out o = {0};

	if (argc != 2) {
		fprintf(stderr, "usage: fwd-pkt6-pcap OUT.pcap\n");
		return 2;
	}
	o.f = fopen(argv[1], "wb");
	if (o.f == NULL) {
		perror(argv[1]);
		return 1;
	}
	wr32le(fh, 0xa1b2c3d4); /* microsecond pcap, version 2.4 */
	fh[4] = 2;
	fh[6] = 4;
	wr32le(fh + 16, 65535);
	wr32le(fh + 20, 1); /* LINKTYPE_ETHERNET */
	if (fwrite(fh, sizeof(fh), 1, o.f) != 1)
		o.err = 1;
	ndp(&o, frame);
	errors(&o, frame);
	echo(&o, frame);
	carp_adv6(&o, frame);
	if (fclose(o.f) != 0)
		o.err = 1;
	return o.err;
}
