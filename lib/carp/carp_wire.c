/* SPDX-License-Identifier: BSD-2-Clause */
/* CARP wire codec: see carp_wire.h. */
#include "carp_wire.h"

#include <errno.h>
#include <string.h>

const uint8_t carp_group4[4] = {224, 0, 0, 18};
const uint8_t carp_group6[16] = {0xff, 0x02, [15] = 0x12};
const uint8_t carp_group4_mac[6] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x12};
const uint8_t carp_group6_mac[6] = {0x33, 0x33, 0x00, 0x00, 0x00, 0x12};

static const char *const parse_names[] = {
#define X(e, n, d) [CARP_PARSE_##e] = #n,
    CARP_PARSE_REASONS(X)
#undef X
};

static const char *const parse_descs[] = {
#define X(e, n, d) [CARP_PARSE_##e] = d,
    CARP_PARSE_REASONS(X)
#undef X
};

const char *carp_parse_result_name(enum carp_parse_result r)
{
	return (unsigned)r < CARP_PARSE__COUNT ? parse_names[r] : "?";
}

const char *carp_parse_result_desc(enum carp_parse_result r)
{
	return (unsigned)r < CARP_PARSE__COUNT ? parse_descs[r] : "?";
}

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

uint16_t carp_cksum(const uint8_t *buf, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += rd16(buf + i);
	if (len & 1)
		sum += (uint32_t)buf[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

void carp_adv_decode(struct carp_adv *adv, const uint8_t h[CARP_HDR_LEN])
{
	uint64_t c = 0;
	int i;

	adv->version = h[0] >> 4;
	adv->type = h[0] & 0x0f;
	adv->vhid = h[1];
	adv->advskew = h[2];
	adv->authlen = h[3];
	adv->demote = h[4];
	adv->advbase = h[5];
	adv->cksum = rd16(h + 6);
	for (i = 0; i < 8; i++)
		c = c << 8 | h[8 + i];
	adv->counter = c;
	memcpy(adv->md, h + 16, CARP_MD_LEN);
}

void carp_adv_encode(const struct carp_adv *adv, uint8_t h[CARP_HDR_LEN], bool fill_cksum)
{
	int i;

	h[0] = (uint8_t)(adv->version << 4 | (adv->type & 0x0f));
	h[1] = adv->vhid;
	h[2] = adv->advskew;
	h[3] = adv->authlen;
	h[4] = adv->demote;
	h[5] = adv->advbase;
	wr16(h + 6, fill_cksum ? 0 : adv->cksum);
	for (i = 0; i < 8; i++)
		h[8 + i] = (uint8_t)(adv->counter >> (56 - 8 * i));
	memcpy(h + 16, adv->md, CARP_MD_LEN);
	if (fill_cksum)
		wr16(h + 6, carp_cksum(h, CARP_HDR_LEN));
}

bool carp_ip4_is_multicast(const uint8_t a[4])
{
	return (a[0] & 0xf0) == 0xe0;
}

bool carp_ip6_is_multicast(const uint8_t a[16])
{
	return a[0] == 0xff;
}

/*
 * Shared part of both families once the IP header is understood: TTL,
 * length, VRRP recognition, checksum, version. `pl` is the IP payload.
 */
/* A VRRPv2 advertisement is 8 bytes + 4 per address + 8 authentication
 * bytes, with a checksum over all of it. CARP's payload is 36 bytes with
 * authlen 7, which this layout would make 44: the two never coincide. */
static bool vrrp2_layout(const uint8_t *pl, size_t plen)
{
	return plen == 16 + 4 * (size_t)pl[3] && carp_cksum(pl, plen) == 0;
}

/* VRRPv3 checksums its payload plus the IP pseudo-header (RFC 5798). */
static bool vrrp3_cksum_ok(const struct carp_pkt *p, const uint8_t *pl, size_t plen)
{
	uint8_t ph[40];
	size_t alen = p->family == CARP_AF_INET ? 4 : 16, n = 0;
	uint32_t sum;

	memcpy(ph + n, p->src.a, alen);
	n += alen;
	memcpy(ph + n, p->dst.a, alen);
	n += alen;
	if (alen == 4) {
		ph[n++] = 0;
		ph[n++] = CARP_PROTO;
		ph[n++] = (uint8_t)(plen >> 8);
		ph[n++] = (uint8_t)plen;
	} else {
		ph[n++] = 0;
		ph[n++] = 0;
		ph[n++] = (uint8_t)(plen >> 8);
		ph[n++] = (uint8_t)plen;
		ph[n++] = 0;
		ph[n++] = 0;
		ph[n++] = 0;
		ph[n++] = CARP_PROTO;
	}
	/* fold the two complemented partial sums (both even-length-aligned) */
	sum = (uint16_t)~carp_cksum(ph, n);
	sum += (uint16_t)~carp_cksum(pl, plen);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum == 0xffff;
}

/*
 * Shared part of both families once the IP header is understood: TTL,
 * VRRP recognition, length, checksum, version. `pl` is the IP payload.
 */
static enum carp_parse_result parse_payload(const uint8_t *pl, size_t plen, struct carp_pkt *out)
{
	if (out->ttl != CARP_TTL)
		return CARP_PARSE_BADTTL;
	if (plen >= 8) {
		out->adv.version = pl[0] >> 4;
		out->adv.type = pl[0] & 0x0f;
		out->adv.vhid = pl[1];
		out->adv.advskew = pl[2];
		out->adv.authlen = pl[3];
		/* VRRP shares protocol 112, the group and (v2) the first
		 * byte; recognised by a layout and checksum CARP never has. */
		if (out->adv.version == 3 && vrrp3_cksum_ok(out, pl, plen))
			return CARP_PARSE_VRRP;
		if (out->adv.version == CARP_VERSION && vrrp2_layout(pl, plen))
			return CARP_PARSE_VRRP;
	}
	if (plen < CARP_HDR_LEN)
		return CARP_PARSE_BADLEN;
	out->carp = pl;
	carp_adv_decode(&out->adv, pl);
	if (carp_cksum(pl, CARP_HDR_LEN) != 0)
		return CARP_PARSE_BADSUM;
	if (out->adv.version != CARP_VERSION)
		return CARP_PARSE_BADVER;
	return CARP_PARSE_OK;
}

enum carp_parse_result carp_ip4_parse(const uint8_t *buf, size_t len, struct carp_pkt *out)
{
	size_t ihl, tot;

	memset(out, 0, sizeof(*out));
	out->family = CARP_AF_INET;
	if (buf == NULL || len < CARP_IP4_HDR_LEN || buf[0] >> 4 != 4)
		return CARP_PARSE_HDROPS;
	ihl = (size_t)(buf[0] & 0x0f) * 4;
	tot = rd16(buf + 2);
	if (ihl < CARP_IP4_HDR_LEN || ihl > len || buf[9] != CARP_PROTO)
		return CARP_PARSE_HDROPS;
	/* Fragments never carry CARP; a header checksum error is the IP
	 * layer's drop, counted here as an unusable header. */
	if ((rd16(buf + 6) & 0x3fff) != 0 || carp_cksum(buf, ihl) != 0)
		return CARP_PARSE_HDROPS;
	if (tot < ihl)
		return CARP_PARSE_HDROPS;
	/* A frame may carry Ethernet padding (len > tot); bytes the IP
	 * header claims but the buffer lacks make the packet short. */
	if (tot > len)
		tot = len;
	out->ttl = buf[8];
	out->ip_id = rd16(buf + 4);
	out->src.family = out->dst.family = CARP_AF_INET;
	memcpy(out->src.a, buf + 12, 4);
	memcpy(out->dst.a, buf + 16, 4);
	out->dst_multicast = carp_ip4_is_multicast(out->dst.a);
	out->payload_len = tot - ihl;
	return parse_payload(buf + ihl, tot - ihl, out);
}

enum carp_parse_result carp_ip6_parse(const uint8_t *buf, size_t len, struct carp_pkt *out)
{
	size_t plen;

	memset(out, 0, sizeof(*out));
	out->family = CARP_AF_INET6;
	/* No extension headers: we neither send nor accept them. */
	if (buf == NULL || len < CARP_IP6_HDR_LEN || buf[0] >> 4 != 6 || buf[6] != CARP_PROTO)
		return CARP_PARSE_HDROPS;
	plen = rd16(buf + 4);
	if (plen > len - CARP_IP6_HDR_LEN)
		plen = len - CARP_IP6_HDR_LEN;
	out->ttl = buf[7];
	out->src.family = out->dst.family = CARP_AF_INET6;
	memcpy(out->src.a, buf + 8, 16);
	memcpy(out->dst.a, buf + 24, 16);
	out->dst_multicast = carp_ip6_is_multicast(out->dst.a);
	out->payload_len = plen;
	return parse_payload(buf + CARP_IP6_HDR_LEN, plen, out);
}

enum carp_parse_result carp_ip_parse(const uint8_t *buf, size_t len, struct carp_pkt *out)
{
	if (buf != NULL && len >= 1 && buf[0] >> 4 == 6)
		return carp_ip6_parse(buf, len, out);
	return carp_ip4_parse(buf, len, out);
}

enum carp_parse_result carp_frame_parse(const uint8_t *buf, size_t len, struct carp_pkt *out)
{
	enum carp_parse_result r;
	size_t off = 12;
	uint16_t et;

	if (buf == NULL || len < CARP_ETHER_LEN) {
		memset(out, 0, sizeof(*out));
		return CARP_PARSE_HDROPS;
	}
	et = rd16(buf + off);
	if (et == 0x8100 && len >= CARP_ETHER_LEN + 4) {
		off += 4;
		et = rd16(buf + off);
	}
	off += 2;
	if (et == CARP_ETHERTYPE_IP4)
		r = carp_ip4_parse(buf + off, len - off, out);
	else if (et == CARP_ETHERTYPE_IP6)
		r = carp_ip6_parse(buf + off, len - off, out);
	else {
		memset(out, 0, sizeof(*out));
		r = CARP_PARSE_HDROPS;
	}
	out->has_ether = true;
	memcpy(out->eth_dst, buf, 6);
	memcpy(out->eth_src, buf + 6, 6);
	return r;
}

int carp_ip_build(const struct carp_tx_addr *ta, const uint8_t hdr[CARP_HDR_LEN], uint8_t *buf,
                  size_t cap)
{
	if (ta->family == CARP_AF_INET) {
		if (cap < CARP_IP4_PKT_LEN)
			return -ENOSPC;
		memset(buf, 0, CARP_IP4_HDR_LEN);
		buf[0] = 0x45;
		buf[1] = CARP_IP4_TOS;
		wr16(buf + 2, CARP_IP4_PKT_LEN);
		wr16(buf + 4, ta->ip_id);
		wr16(buf + 6, 0x4000); /* DF */
		buf[8] = CARP_TTL;
		buf[9] = CARP_PROTO;
		memcpy(buf + 12, ta->src_ip, 4);
		memcpy(buf + 16, ta->dst_ip, 4);
		wr16(buf + 10, carp_cksum(buf, CARP_IP4_HDR_LEN));
		memcpy(buf + CARP_IP4_HDR_LEN, hdr, CARP_HDR_LEN);
		return CARP_IP4_PKT_LEN;
	}
	if (ta->family == CARP_AF_INET6) {
		if (cap < CARP_IP6_PKT_LEN)
			return -ENOSPC;
		memset(buf, 0, CARP_IP6_HDR_LEN);
		buf[0] = 0x60;
		wr16(buf + 4, CARP_HDR_LEN);
		buf[6] = CARP_PROTO;
		buf[7] = CARP_TTL;
		memcpy(buf + 8, ta->src_ip, 16);
		memcpy(buf + 24, ta->dst_ip, 16);
		memcpy(buf + CARP_IP6_HDR_LEN, hdr, CARP_HDR_LEN);
		return CARP_IP6_PKT_LEN;
	}
	return -EINVAL;
}

int carp_frame_build(const struct carp_tx_addr *ta, const uint8_t hdr[CARP_HDR_LEN], uint8_t *buf,
                     size_t cap)
{
	int n;

	if (cap < CARP_ETHER_LEN)
		return -ENOSPC;
	n = carp_ip_build(ta, hdr, buf + CARP_ETHER_LEN, cap - CARP_ETHER_LEN);
	if (n < 0)
		return n;
	memcpy(buf, ta->dst_mac, 6);
	memcpy(buf + 6, ta->src_mac, 6);
	wr16(buf + 12, ta->family == CARP_AF_INET ? CARP_ETHERTYPE_IP4 : CARP_ETHERTYPE_IP6);
	return n + CARP_ETHER_LEN;
}
