/* SPDX-License-Identifier: BSD-2-Clause */
/* IPv6 extension header walker: see fwd_ip6_ext.h. */

#include <stdbool.h>
#include <string.h>

#include "fwd_icmp6.h"
#include "fwd_ip6.h"
#include "fwd_ip6_ext.h"

#define OPT_PAD1         0x00
#define OPT_PADN         0x01
#define OPT_ROUTER_ALERT 0x05 /* RFC 2711 */
#define OPT_JUMBO        0xc2 /* RFC 2675 */

/* Every extension header is at least 8 bytes (fragment: exactly 8). */
#define EXT_MIN_LEN 8u

static enum fwd_drop drop(struct fwd_ip6_hdrs *h, enum fwd_drop why, uint8_t code, uint32_t ptr)
{
	h->pp_code = code;
	h->pp_ptr = ptr;
	return why;
}

/* A chain cut short; after a first fragment RFC 8200 4.5 asks for code 3. */
static enum fwd_drop truncated(struct fwd_ip6_hdrs *h)
{
	if (h->flags & FWD_IP6_F_FRAGMENT)
		return drop(h, FWD_DROP_IP6_EXT_TRUNCATED, FWD_ICMP6_PP_INCOMPLETE_CHAIN, 0);
	return drop(h, FWD_DROP_IP6_EXT_TRUNCATED, FWD_IP6_PP_NONE, 0);
}

/* The ICMPv6 an unrecognised option's type asks for (RFC 8200 4.2). */
static uint8_t unknown_option_code(uint8_t type, bool dst_multicast)
{
	switch (type >> 6) {
	case 2:
		return FWD_ICMP6_PP_OPTION;
	case 3:
		return dst_multicast ? FWD_IP6_PP_NONE : FWD_ICMP6_PP_OPTION;
	default: /* 01: discard silently (00 never gets here) */
		return FWD_IP6_PP_NONE;
	}
}

/*
 * The options of the hop-by-hop (hbh) or destination options header at
 * p[start, start + hlen). Shape always: Pad1 is one byte, every other option
 * a type-length-value inside the header. Hop-by-hop: router alert recorded,
 * an unrecognised type with action bits other than 00 (jumbo included)
 * refused. Destination options: the first such option is only recorded,
 * for the final destination to act on.
 */
static enum fwd_drop options_walk(const uint8_t *p, uint32_t start, uint32_t hlen, bool hbh,
                                  struct fwd_ip6_hdrs *h)
{
	uint32_t i = start + 2, hend = start + hlen;
	bool dst_multicast = fwd_ip6_is_multicast(p + 24);

	while (i < hend) {
		uint8_t t = p[i];
		uint32_t olen;

		if (t == OPT_PAD1) {
			i++;
			continue;
		}
		if (i + 2 > hend)
			return drop(h, FWD_DROP_IP6_OPTION_MALFORMED, FWD_ICMP6_PP_HEADER, i);
		olen = p[i + 1];
		if (i + 2 + olen > hend)
			return drop(h, FWD_DROP_IP6_OPTION_MALFORMED, FWD_ICMP6_PP_HEADER, i + 1);
		if (t == OPT_PADN || (t >> 6) == 0) {
			if (hbh && t == OPT_ROUTER_ALERT) {
				if (olen != 2)
					return drop(h, FWD_DROP_IP6_OPTION_MALFORMED,
					            FWD_ICMP6_PP_HEADER, i + 1);
				h->flags |= FWD_IP6_F_ROUTER_ALERT;
				h->ra = (uint16_t)(p[i + 2] << 8 | p[i + 3]);
			}
			/* else padding, or unknown with "skip over this option" */
		} else if (hbh) {
			return drop(
			    h, t == OPT_JUMBO ? FWD_DROP_IP6_JUMBO : FWD_DROP_IP6_OPTION_UNKNOWN,
			    unknown_option_code(t, dst_multicast), i);
		} else if (!(h->flags & FWD_IP6_F_DST_UNKNOWN)) {
			h->flags |= FWD_IP6_F_DST_UNKNOWN;
			h->dst_opt_type = t;
			h->dst_opt_ptr = i;
		}
		i += 2 + olen;
	}
	return FWD_DROP_NONE;
}

static bool is_extension(uint8_t nh)
{
	return nh == FWD_IP6_NH_HBH || nh == FWD_IP6_NH_ROUTING || nh == FWD_IP6_NH_FRAGMENT ||
	       nh == FWD_IP6_NH_AH || nh == FWD_IP6_NH_DSTOPTS;
}

enum fwd_drop fwd_ip6_walk(const void *l3, uint32_t l3_len, struct fwd_ip6_hdrs *h)
{
	const uint8_t *p = l3;
	uint32_t off = FWD_IP6_HDR_LEN, nh_ptr = 6, end, hlen;
	enum fwd_drop why;
	unsigned int n;
	uint8_t nh;

	memset(h, 0, sizeof(*h));
	h->pp_code = FWD_IP6_PP_NONE;
	why = fwd_ip6_validate(l3, l3_len);
	if (why != FWD_DROP_NONE)
		return why;
	end = fwd_ip6_end(l3);
	h->end = end;
	nh = p[6];
	/* Payload length 0 + hop-by-hop announces a jumbogram (RFC 2675). */
	if (nh == FWD_IP6_NH_HBH && end == FWD_IP6_HDR_LEN)
		return drop(h, FWD_DROP_IP6_JUMBO, FWD_ICMP6_PP_HEADER, 4);
	for (n = 0; is_extension(nh); n++) {
		if (n == FWD_IP6_EXT_MAX)
			return drop(h, FWD_DROP_IP6_EXT_TOO_MANY, FWD_IP6_PP_NONE, 0);
		if (off + EXT_MIN_LEN > end)
			return truncated(h);
		switch (nh) {
		case FWD_IP6_NH_HBH:
		case FWD_IP6_NH_DSTOPTS:
			if (nh == FWD_IP6_NH_HBH && off != FWD_IP6_HDR_LEN)
				return drop(h, FWD_DROP_IP6_HBH_NOT_FIRST, FWD_ICMP6_PP_NEXT_HEADER,
				            nh_ptr);
			hlen = (p[off + 1] + 1u) * 8;
			if (off + hlen > end)
				return truncated(h);
			if (nh == FWD_IP6_NH_HBH)
				h->flags |= FWD_IP6_F_HBH;
			why = options_walk(p, off, hlen, nh == FWD_IP6_NH_HBH, h);
			if (why != FWD_DROP_NONE)
				return why;
			break;
		case FWD_IP6_NH_ROUTING:
			hlen = (p[off + 1] + 1u) * 8;
			if (off + hlen > end)
				return truncated(h);
			h->flags |= FWD_IP6_F_ROUTING;
			h->rh_type = p[off + 2];
			h->rh_segleft = p[off + 3];
			/* RFC 5095 makes type 0 unrecognised: an error only with
			 * segments left. OpenBSD drops every RH0 packet, transit
			 * included; so do we. */
			if (h->rh_type == 0)
				return drop(h, FWD_DROP_IP6_RH0,
				            h->rh_segleft ? FWD_ICMP6_PP_HEADER : FWD_IP6_PP_NONE,
				            off + 2);
			break;
		case FWD_IP6_NH_FRAGMENT:
			hlen = EXT_MIN_LEN;
			h->flags |= FWD_IP6_F_FRAGMENT;
			h->frag_off = (uint16_t)((p[off + 2] << 8 | p[off + 3]) & 0xfff8);
			h->frag_more = p[off + 3] & 1;
			if (h->frag_off != 0) {
				/* Only the first fragment holds the upper layer. */
				h->flags |= FWD_IP6_F_LATER_FRAG;
				h->proto = FWD_IP6_NH_FRAGMENT;
				h->off = off;
				return FWD_DROP_NONE;
			}
			break;
		default: /* FWD_IP6_NH_AH: length in 4-byte units, minus 2 (RFC 4302 2.2) */
			hlen = (p[off + 1] + 2u) * 4;
			if (off + hlen > end)
				return truncated(h);
			break;
		}
		nh_ptr = off;
		nh = p[off];
		off += hlen;
	}
	h->proto = nh;
	h->off = off;
	return FWD_DROP_NONE;
}
