/* SPDX-License-Identifier: BSD-2-Clause */
/* NDP parsing and validation (RFC 4861): see fwd_ndp.h. */

#include <string.h>

#include "fwd_icmp6.h"
#include "fwd_ip6.h"
#include "fwd_ndp.h"
#include "fwd_ndp_wire.h"

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)rd16(p) << 16 | rd16(p + 2);
}

/* Bytes of the fixed part after the 4-byte ICMPv6 header, per type. */
static uint32_t fixed_len(uint8_t type)
{
	switch (type) {
	case FWD_NDP_RS:
		return FWD_NDP_RS_FIXED;
	case FWD_NDP_RA:
		return FWD_NDP_RA_FIXED;
	default:
		return FWD_NDP_NS_FIXED; /* NS and NA */
	}
}

static void prefix_read(const uint8_t *o, struct fwd_ndp_prefix *p)
{
	p->len = o[2];
	p->flags = o[3];
	p->valid_s = rd32(o + 4);
	p->preferred_s = rd32(o + 8);
	memcpy(p->prefix, o + 16, 16);
	fwd_ip6_prefix_mask(p->prefix, p->len); /* receivers ignore those bits */
}

/*
 * Options from m[i] to m[mlen): each of non-zero length inside the
 * message (RFC 4861 4.6). The options this message uses must have their
 * length; the others are skipped.
 */
static enum fwd_drop options_parse(const uint8_t *m, uint32_t i, uint32_t mlen,
                                   struct fwd_ndp_msg *out)
{
	bool na = out->type == FWD_NDP_NA, ra = out->type == FWD_NDP_RA;

	while (i < mlen) {
		const uint8_t *o = m + i;
		uint32_t olen;

		if (i + 2 > mlen)
			return FWD_DROP_NDP_BAD_OPTION;
		olen = o[1] * 8u;
		if (olen == 0 || olen > mlen - i)
			return FWD_DROP_NDP_BAD_OPTION;
		if ((o[0] == FWD_NDP_OPT_SLLA && !na) || (o[0] == FWD_NDP_OPT_TLLA && na)) {
			if (olen != FWD_NDP_OPT_LLA_LEN)
				return FWD_DROP_NDP_BAD_OPTION;
			if (o[0] == FWD_NDP_OPT_SLLA && !out->has_slla) {
				out->has_slla = true;
				memcpy(&out->slla, o + 2, RTE_ETHER_ADDR_LEN);
			} else if (o[0] == FWD_NDP_OPT_TLLA && !out->has_tlla) {
				out->has_tlla = true;
				memcpy(&out->tlla, o + 2, RTE_ETHER_ADDR_LEN);
			}
		} else if (o[0] == FWD_NDP_OPT_PREFIX && ra) {
			if (olen != FWD_NDP_OPT_PREFIX_LEN || o[2] > 128)
				return FWD_DROP_NDP_BAD_OPTION;
			if (out->ra.n_prefixes < FWD_NDP_MAX_PREFIXES)
				prefix_read(o, &out->ra.prefix[out->ra.n_prefixes++]);
			if (out->n_prefixes_seen < UINT8_MAX)
				out->n_prefixes_seen++;
		} else if (o[0] == FWD_NDP_OPT_MTU && ra) {
			if (olen != FWD_NDP_OPT_MTU_LEN)
				return FWD_DROP_NDP_BAD_OPTION;
			if (out->ra.mtu == 0)
				out->ra.mtu = rd32(o + 4);
		}
		i += olen;
	}
	return FWD_DROP_NONE;
}

/* The checks of RFC 4861 6.1.1, 6.1.2, 7.1.1 and 7.1.2 that need the options. */
static enum fwd_drop semantic_checks(const struct fwd_ndp_msg *m)
{
	uint8_t sn[16];

	switch (m->type) {
	case FWD_NDP_RA:
		if (!fwd_ip6_is_link_local(m->src))
			return FWD_DROP_NDP_RA_NOT_LINK_LOCAL;
		break;
	case FWD_NDP_RS:
	case FWD_NDP_NS:
		if (!fwd_ip6_is_unspecified(m->src))
			break;
		if (m->has_slla)
			return FWD_DROP_NDP_UNSPECIFIED_WITH_SLLA;
		fwd_ip6_solicited_node(sn, m->target);
		if (m->type == FWD_NDP_NS && memcmp(m->dst, sn, 16) != 0)
			return FWD_DROP_NDP_DAD_NOT_SOLICITED_NODE;
		break;
	default: /* NA */
		if (fwd_ip6_is_multicast(m->dst) && (m->flags & FWD_NDP_NA_SOLICITED))
			return FWD_DROP_NDP_SOLICITED_MULTICAST;
		break;
	}
	return FWD_DROP_NONE;
}

enum fwd_drop fwd_ndp_parse(const void *frame, uint32_t len, uint32_t l4_off,
                            struct fwd_ndp_msg *out)
{
	const uint8_t *f = frame, *ip = f + RTE_ETHER_HDR_LEN, *m;
	uint32_t end, mlen;
	enum fwd_drop why;

	memset(out, 0, sizeof(*out));
	if (len < RTE_ETHER_HDR_LEN + FWD_IP6_HDR_LEN)
		return FWD_DROP_IP6_TRUNCATED;
	end = fwd_ip6_end(ip);
	if (RTE_ETHER_HDR_LEN + end > len)
		return FWD_DROP_IP6_TRUNCATED;
	if (l4_off < FWD_IP6_HDR_LEN || l4_off > end || end - l4_off < FWD_NDP_ICMP_HDR)
		return FWD_DROP_ICMP6_MALFORMED;
	m = ip + l4_off;
	mlen = end - l4_off;
	if (m[0] < FWD_NDP_RS || m[0] > FWD_NDP_NA)
		return FWD_DROP_ICMP6_UNSUPPORTED;
	out->type = m[0];
	if (ip[7] != FWD_NDP_HOP_LIMIT)
		return FWD_DROP_NDP_BAD_HOP_LIMIT;
	if (m[1] != 0)
		return FWD_DROP_NDP_BAD_CODE;
	if (mlen < FWD_NDP_ICMP_HDR + fixed_len(out->type))
		return FWD_DROP_NDP_TRUNCATED;
	if (!fwd_icmp6_cksum_ok(ip, l4_off, mlen))
		return FWD_DROP_ICMP6_BAD_CHECKSUM;

	memcpy(&out->eth_src, f + RTE_ETHER_ADDR_LEN, RTE_ETHER_ADDR_LEN);
	memcpy(out->src, ip + 8, 16);
	memcpy(out->dst, ip + 24, 16);
	if (out->type == FWD_NDP_NS || out->type == FWD_NDP_NA) {
		memcpy(out->target, m + 8, 16);
		if (fwd_ip6_is_multicast(out->target))
			return FWD_DROP_NDP_MULTICAST_TARGET;
		if (out->type == FWD_NDP_NA)
			out->flags =
			    m[4] & (FWD_NDP_NA_ROUTER | FWD_NDP_NA_SOLICITED | FWD_NDP_NA_OVERRIDE);
	} else if (out->type == FWD_NDP_RA) {
		out->ra.cur_hop_limit = m[4];
		out->flags = out->ra.flags = m[5];
		out->ra.lifetime_s = rd16(m + 6);
		out->ra.reachable_ms = rd32(m + 8);
		out->ra.retrans_ms = rd32(m + 12);
	}
	why = options_parse(m, FWD_NDP_ICMP_HDR + fixed_len(out->type), mlen, out);
	if (why != FWD_DROP_NONE)
		return why;
	return semantic_checks(out);
}
