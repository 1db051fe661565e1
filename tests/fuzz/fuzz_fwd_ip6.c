/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: lib/fwd's IPv6 packet layer on arbitrary Ethernet
 * frames -- the extension header walker, the NDP parser, the ICMPv6 error
 * and echo builders. Besides "no crash, no sanitizer report" it checks
 * their promises: a successful walk stays inside the packet; a parsed NDP
 * message obeys the RFC 4861 checks it passed; the NA answering a parsed
 * NS and the RA rebuilt from a parsed RA parse back to the same content;
 * every ICMPv6 packet built verifies and walks, and an error is at most
 * 1280 bytes of IPv6.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "fwd_icmp6.h"
#include "fwd_ip6.h"
#include "fwd_ip6_ext.h"
#include "fwd_ndp.h"

#define ETH 14u
#define CAP 1600u

static const struct rte_ether_addr our_mac = {{0x02, 0, 0, 0, 0, 0x01}};

/* An ICMPv6 frame we built: it walks to ICMPv6 and its checksum verifies. */
static void check_built(uint8_t *f, uint32_t n)
{
	struct fwd_ip6_hdrs h;

	CHECK(n >= ETH + FWD_IP6_HDR_LEN + 4);
	CHECK(fwd_ip6_walk(f + ETH, n - ETH, &h) == FWD_DROP_NONE);
	CHECK(h.proto == FWD_IP6_NH_ICMP6 && h.off == FWD_IP6_HDR_LEN && ETH + h.end == n);
	CHECK(fwd_icmp6_cksum_ok(f + ETH, h.off, h.end - h.off));
}

static void check_ndp(const uint8_t *data, uint32_t size, uint32_t off)
{
	static uint8_t f[CAP];
	struct fwd_ndp_msg m, r;
	uint32_t n;

	if (fwd_ndp_parse(data, size, off, &m) != FWD_DROP_NONE)
		return;
	CHECK(m.type >= FWD_NDP_RS && m.type <= FWD_NDP_NA);
	CHECK(data[ETH + 7] == FWD_NDP_HOP_LIMIT);
	CHECK(m.ra.n_prefixes <= FWD_NDP_MAX_PREFIXES && m.ra.n_prefixes <= m.n_prefixes_seen);
	if (m.type == FWD_NDP_RA)
		CHECK(fwd_ip6_is_link_local(m.src));
	if ((m.type == FWD_NDP_NS || m.type == FWD_NDP_RS) && fwd_ip6_is_unspecified(m.src))
		CHECK(!m.has_slla);
	if (m.type == FWD_NDP_NS || m.type == FWD_NDP_NA)
		CHECK(!fwd_ip6_is_multicast(m.target));

	if (m.type == FWD_NDP_NS) {
		n = fwd_ndp_na_reply(f, CAP, &m, &our_mac, FWD_NDP_NA_ROUTER | FWD_NDP_NA_OVERRIDE);
		CHECK(n == FWD_NDP_NA_LEN);
		check_built(f, n);
		CHECK(fwd_ndp_parse(f, n, FWD_IP6_HDR_LEN, &r) == FWD_DROP_NONE);
		CHECK(r.type == FWD_NDP_NA && memcmp(r.target, m.target, 16) == 0 && r.has_tlla);
		CHECK(!!(r.flags & FWD_NDP_NA_SOLICITED) == !fwd_ip6_is_unspecified(m.src));
	} else if (m.type == FWD_NDP_RA) {
		n = fwd_ndp_ra(f, CAP, &our_mac, m.src, NULL, NULL, &m.ra);
		CHECK(n > 0);
		check_built(f, n);
		CHECK(fwd_ndp_parse(f, n, FWD_IP6_HDR_LEN, &r) == FWD_DROP_NONE);
		CHECK(r.ra.n_prefixes == m.ra.n_prefixes && r.ra.lifetime_s == m.ra.lifetime_s &&
		      r.ra.mtu == m.ra.mtu && r.ra.flags == m.ra.flags);
		for (unsigned int i = 0; i < m.ra.n_prefixes; i++)
			CHECK(memcmp(r.ra.prefix[i].prefix, m.ra.prefix[i].prefix, 16) == 0 &&
			      r.ra.prefix[i].len == m.ra.prefix[i].len);
	}
}

static void check_builders(const uint8_t *data, uint32_t size, const struct fwd_ip6_hdrs *h)
{
	static uint8_t f[CAP + 64];
	static const uint8_t src[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
	uint32_t n, len;

	if (size > CAP)
		return;
	(void)fwd_icmp6_error_allowed(data + ETH, size - ETH, 0, FWD_ICMP6_TIME_EXCEEDED, 0);
	memcpy(f, data, size);
	n = fwd_icmp6_error(f, size, size + (size & 63), FWD_ICMP6_PARAM_PROB, h->pp_code,
	                    h->pp_ptr, src, &our_mac);
	if (n) {
		CHECK(n <= ETH + FWD_ICMP6_ERROR_MAX_PKT && n <= size + (size & 63));
		check_built(f, n);
	}
	if (h->proto == FWD_IP6_NH_ICMP6) {
		memcpy(f, data, size);
		len = size;
		if (fwd_icmp6_echo_reply(f, &len, h->off, NULL, &our_mac) == FWD_DROP_NONE) {
			CHECK(len <= size);
			check_built(f, len);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fwd_ip6_hdrs h;
	enum fwd_drop why;

	if (size < ETH || size > 65535)
		return 0;
	why = fwd_ip6_walk(data + ETH, (uint32_t)size - ETH, &h);
	CHECK(why < FWD_DROP_MAX);
	if (why != FWD_DROP_NONE) {
		CHECK(h.pp_code == FWD_IP6_PP_NONE || h.pp_code <= FWD_ICMP6_PP_INCOMPLETE_CHAIN);
		return 0;
	}
	CHECK(h.off <= h.end && ETH + h.end <= size && h.end >= FWD_IP6_HDR_LEN);
	if (h.flags & FWD_IP6_F_LATER_FRAG)
		CHECK(h.proto == FWD_IP6_NH_FRAGMENT && h.frag_off != 0);
	/* the handler's order: addresses first, then NDP */
	if (h.proto == FWD_IP6_NH_ICMP6 &&
	    fwd_ip6_check_addrs((const void *)(data + ETH)) == FWD_DROP_NONE)
		check_ndp(data, (uint32_t)size, h.off);
	check_builders(data, (uint32_t)size, &h);
	return 0;
}
