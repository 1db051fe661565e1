/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_ICMP6_H
#define FWD_ICMP6_H

/*
 * ICMPv6 (RFC 4443) on plain buffers: the checksum with the RFC 8200 8.1
 * pseudo-header, the error messages a router sends, and the echo reply.
 * Pure, unit-tested in test_fwd_pkt6.c. `frame` points at the Ethernet
 * header; `l4_off` is the ICMPv6 header's offset from the IPv6 header (the
 * extension header walker's `off`).
 */

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <rte_ether.h>

#include "fwd_counters.h"
#include "fwd_ip6.h"

#define FWD_ICMP6_HDR_LEN 8u /* type, code, checksum, 4 bytes unused/MTU/pointer */

/* Error types (< 128) and codes. */
#define FWD_ICMP6_DST_UNREACH         1
#define FWD_ICMP6_UNREACH_NO_ROUTE    0
#define FWD_ICMP6_UNREACH_ADMIN       1
#define FWD_ICMP6_UNREACH_SCOPE       2 /* beyond scope of source address */
#define FWD_ICMP6_UNREACH_ADDR        3 /* neighbour unreachable */
#define FWD_ICMP6_UNREACH_PORT        4
#define FWD_ICMP6_PACKET_TOO_BIG      2 /* code 0, MTU in the parameter */
#define FWD_ICMP6_TIME_EXCEEDED       3
#define FWD_ICMP6_TIME_HOP_LIMIT      0
#define FWD_ICMP6_TIME_REASSEMBLY     1
#define FWD_ICMP6_PARAM_PROB          4 /* pointer in the parameter */
#define FWD_ICMP6_PP_HEADER           0 /* erroneous header field */
#define FWD_ICMP6_PP_NEXT_HEADER      1 /* unrecognised next header */
#define FWD_ICMP6_PP_OPTION           2 /* unrecognised IPv6 option */
#define FWD_ICMP6_PP_INCOMPLETE_CHAIN 3 /* first fragment without the chain (RFC 7112) */

/* Informational types. */
#define FWD_ICMP6_ECHO_REQUEST 128
#define FWD_ICMP6_ECHO_REPLY   129

/* An error packet never exceeds the IPv6 minimum MTU (RFC 4443 2.4 (c)). */
#define FWD_ICMP6_ERROR_MAX_PKT 1280u
#define FWD_ICMP6_ERROR_QUOTE_MAX                                                                  \
	(FWD_ICMP6_ERROR_MAX_PKT - FWD_IP6_HDR_LEN - FWD_ICMP6_HDR_LEN) /* 1232 */
/* Ethernet + IPv6 + ICMPv6 in front of the quote. */
#define FWD_ICMP6_ERROR_HDRS (RTE_ETHER_HDR_LEN + FWD_IP6_HDR_LEN + FWD_ICMP6_HDR_LEN) /* 62 */
#define FWD_ICMP6_HOP_LIMIT  64 /* of what the router originates, as OpenBSD's ip6_defhlim */

/* Checksum field value for the ICMPv6 message at l3 + l4_off (field zeroed). */
static inline uint16_t fwd_icmp6_cksum(const void *l3, uint32_t l4_off, uint32_t l4_len)
{
	return (uint16_t)~fwd_ip6_l4_sum(l3, (const uint8_t *)l3 + l4_off, l4_len,
	                                 FWD_IP6_NH_ICMP6);
}

/* Does the ICMPv6 message at l3 + l4_off, checksum included, verify? */
static inline bool fwd_icmp6_cksum_ok(const void *l3, uint32_t l4_off, uint32_t l4_len)
{
	return fwd_ip6_l4_sum(l3, (const uint8_t *)l3 + l4_off, l4_len, FWD_IP6_NH_ICMP6) == 0xffff;
}

/* Zeroes the checksum of the ICMPv6 message at l3 + l4_off, then fills it in. */
static inline void fwd_icmp6_cksum_fill(void *l3, uint32_t l4_off, uint32_t l4_len)
{
	uint8_t *c = (uint8_t *)l3 + l4_off + 2;
	uint16_t v;

	c[0] = c[1] = 0;
	v = fwd_icmp6_cksum(l3, l4_off, l4_len);
	memcpy(c, &v, 2); /* the sum is byte-order neutral (fwd_cksum.h): store as is */
}

/*
 * RFC 4443 2.4 (e): may an error of this type/code be sent about the
 * (validated) packet at l3? Never about an ICMPv6 error (type < 128; found
 * through the extension headers -- a non-first fragment or a chain that
 * does not parse cannot be told apart and is answered), never to a source
 * that does not name one node (::, multicast; loopback and IPv4-mapped are
 * never on a port), and not when the destination was an IPv6 group or
 * the frame a link-layer broadcast/multicast (l2flags & FWD_L2_GROUP) --
 * except a packet too big, and a parameter problem code 2 (the walker only
 * asks for one to a group when the option type's high bits are 10).
 * Rate limiting is the handler's (RFC 4443 2.4 (f)).
 */
bool fwd_icmp6_error_allowed(const void *l3, uint32_t l3_len, uint8_t l2flags, uint8_t type,
                             uint8_t code);

/*
 * Replaces the (validated) IPv6 packet in frame by an ICMPv6 error about it
 * (RFC 4443 3): IPv6 src = src (an address of the receiving port), dst =
 * the original source, hop limit 64; the 4-byte parameter is `param`
 * (the MTU of a packet too big, the pointer of a parameter problem, else
 * 0); then as much of the original packet as fits: at most 1232 bytes so
 * that the error is at most 1280, and at most cap - 62. Ethernet dst =
 * original Ethernet src, src = port_mac. Returns the new frame length, or
 * 0 when the original is not a whole IPv6 packet or cap leaves room for
 * less than its 40-byte header.
 */
uint32_t fwd_icmp6_error(void *frame, uint32_t len, uint32_t cap, uint8_t type, uint8_t code,
                         uint32_t param, const uint8_t src[16],
                         const struct rte_ether_addr *port_mac);

/*
 * Turns the echo request at l4_off of the (validated) IPv6 packet in frame
 * into its echo reply in place: type 129, same identifier, sequence and
 * data; IPv6 src = src, or the request's destination when src is NULL
 * (that must then be unicast: an echo to a group needs a unicast src from
 * the caller); dst = the request's source; hop limit 64, traffic class and
 * flow label 0, extension headers of the request left out; Ethernet back
 * to the sender from port_mac. *len is the frame length in and out.
 * Returns FWD_DROP_NONE, ICMP6_MALFORMED (shorter than 8 bytes),
 * ICMP6_BAD_CHECKSUM, ICMP6_UNSUPPORTED (not an echo request with code 0)
 * or IP6_MULTICAST (group destination and no src).
 */
enum fwd_drop fwd_icmp6_echo_reply(void *frame, uint32_t *len, uint32_t l4_off,
                                   const uint8_t src[16], const struct rte_ether_addr *port_mac);

#endif
