/* SPDX-License-Identifier: BSD-2-Clause */
/* pfsync frames: IPv4 header, pfsync header, subheader walk (pfsync_wire.h). */
#include "pfsync_wire.h"

#include <string.h>

#define IP_DF      0x4000
#define IP_MF      0x2000
#define IP_OFFMASK 0x1fff

uint16_t pfsync_ip_cksum(const uint8_t *buf, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)buf[i] << 8 | buf[i + 1];
	if (len & 1)
		sum += (uint32_t)buf[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

enum pfsync_rx pfsync_ip4_parse(const uint8_t *buf, size_t len, struct pfsync_ip4 *ip)
{
	unsigned hlen, total, off;

	memset(ip, 0, sizeof(*ip));
	if (len < PFSYNC_IP4_HDR_LEN || buf[0] >> 4 != 4)
		return PFSYNC_RX_HDROPS;
	hlen = (buf[0] & 0x0fu) * 4u;
	total = pfsync_be16(buf + 2);
	if (hlen < PFSYNC_IP4_HDR_LEN || hlen > len || total < hlen || total > len)
		return PFSYNC_RX_HDROPS;
	off = pfsync_be16(buf + 6);
	if ((off & (IP_MF | IP_OFFMASK)) != 0 || buf[9] != PFSYNC_PROTO ||
	    pfsync_ip_cksum(buf, hlen) != 0)
		return PFSYNC_RX_HDROPS;
	ip->tos = buf[1];
	ip->id = pfsync_be16(buf + 4);
	ip->ttl = buf[8];
	memcpy(ip->src, buf + 12, 4);
	memcpy(ip->dst, buf + 16, 4);
	ip->hlen = (uint16_t)hlen;
	ip->payload = buf + hlen;
	ip->payload_len = total - hlen;
	return ip->ttl == PFSYNC_DFLTTL ? PFSYNC_RX_OK : PFSYNC_RX_BADTTL;
}

void pfsync_ip4_build(uint8_t h[PFSYNC_IP4_HDR_LEN], const uint8_t src[4], const uint8_t dst[4],
                      uint16_t id, uint16_t total_len)
{
	h[0] = 0x45;
	h[1] = PFSYNC_IP4_TOS;
	pfsync_put16(h + 2, total_len);
	pfsync_put16(h + 4, id);
	pfsync_put16(h + 6, IP_DF);
	h[8] = PFSYNC_DFLTTL;
	h[9] = PFSYNC_PROTO;
	h[10] = h[11] = 0;
	memcpy(h + 12, src, 4);
	memcpy(h + 16, dst, 4);
	pfsync_put16(h + 10, pfsync_ip_cksum(h, PFSYNC_IP4_HDR_LEN));
}

enum pfsync_rx pfsync_frame_open(struct pfsync_iter *it, const uint8_t *buf, size_t len)
{
	memset(it, 0, sizeof(*it));
	if (len < PFSYNC_HDR_LEN)
		return PFSYNC_RX_HDROPS;
	it->hdr.version = buf[0];
	it->hdr.len = pfsync_be16(buf + 2);
	memcpy(it->hdr.pfcksum, buf + PFSYNC_CKSUM_OFF, PFSYNC_CKSUM_LEN);
	if (it->hdr.version != PFSYNC_VERSION)
		return PFSYNC_RX_BADVER;
	if (it->hdr.len > len || it->hdr.len < PFSYNC_HDR_LEN)
		return PFSYNC_RX_BADLEN;
	it->buf = buf;
	it->len = it->hdr.len; /* a longer packet is trimmed to len */
	it->off = PFSYNC_HDR_LEN;
	return PFSYNC_RX_OK;
}

static void decode_msg(uint8_t action, const uint8_t *p, struct pfsync_msg *m)
{
	switch (action) {
	case PFSYNC_ACT_INS:
	case PFSYNC_ACT_UPD:
	case PFSYNC_ACT_DEL:
		pfsync_state_decode(&m->u.state, p);
		if (action == PFSYNC_ACT_INS && !pfsync_state_valid_ins(&m->u.state))
			m->reason = PFSYNC_RX_BADVAL;
		if (action == PFSYNC_ACT_UPD && !pfsync_state_valid_upd(&m->u.state))
			m->reason = PFSYNC_RX_BADVAL;
		break;
	case PFSYNC_ACT_UPD_C:
		pfsync_upd_c_decode(&m->u.upd_c, p);
		if (!pfsync_upd_c_valid(&m->u.upd_c))
			m->reason = PFSYNC_RX_BADVAL;
		break;
	case PFSYNC_ACT_INS_ACK:
	case PFSYNC_ACT_UPD_REQ:
	case PFSYNC_ACT_DEL_C:
		pfsync_ref_decode(&m->u.ref, p);
		break;
	case PFSYNC_ACT_CLR:
		pfsync_clr_decode(&m->u.clr, p);
		break;
	case PFSYNC_ACT_BUS:
		pfsync_bus_decode(&m->u.bus, p);
		break;
	case PFSYNC_ACT_TDB:
		pfsync_tdb_decode(&m->u.tdb, p);
		break;
	default:
		break; /* not reached: handler-less actions are skipped */
	}
}

/* The next message of the current subheader. */
static int next_in_sub(struct pfsync_iter *it, struct pfsync_msg *m)
{
	memset(m, 0, offsetof(struct pfsync_msg, u));
	m->action = it->action;
	m->reason = PFSYNC_RX_OK;
	m->count = it->count;
	m->index = it->next++;
	m->mlen = it->mlen;
	m->offset = (uint32_t)it->off;
	decode_msg(it->action, it->buf + it->off, m);
	it->off += it->mlen;
	return 1;
}

static int fail(struct pfsync_iter *it, enum pfsync_rx r)
{
	it->reason = r;
	it->off = it->len; /* the rest of the packet is dropped */
	it->next = it->count = 0;
	return -1;
}

int pfsync_frame_next(struct pfsync_iter *it, struct pfsync_msg *m)
{
	while (it->next >= it->count) {
		const uint8_t *sh;
		unsigned action, mlen, count, known;
		size_t total;
		bool skip;

		if (it->len - it->off < PFSYNC_SUBH_LEN)
			return 0;
		sh = it->buf + it->off;
		action = sh[0];
		mlen = (unsigned)sh[1] << 2;
		count = pfsync_be16(sh + 2);
		known = pfsync_act_len(action);
		skip = action >= PFSYNC_ACT_MAX || known == 0 || mlen < known;
		/* a skip needs a length: only handler-less known actions
		 * are skipped whatever it says (OpenBSD's in == NULL path) */
		if (skip && (action >= PFSYNC_ACT_MAX || mlen < known) && (count == 0 || mlen == 0))
			return fail(it, PFSYNC_RX_BADACT);
		it->off += PFSYNC_SUBH_LEN;
		total = (size_t)mlen * count;
		if (total > it->len - it->off)
			return fail(it, PFSYNC_RX_BADLEN);
		it->action = (uint8_t)action;
		it->mlen = (uint16_t)mlen;
		if (skip) {
			memset(m, 0, offsetof(struct pfsync_msg, u));
			m->action = (uint8_t)action;
			m->skipped = true;
			m->reason = PFSYNC_RX_OK;
			m->count = (uint16_t)count;
			m->mlen = (uint16_t)mlen;
			m->offset = (uint32_t)it->off;
			it->off += total;
			it->count = it->next = 0;
			return 1;
		}
		it->count = (uint16_t)count;
		it->next = 0;
	}
	return next_in_sub(it, m);
}

void pfsync_frame_skip_sub(struct pfsync_iter *it)
{
	if (it->next < it->count) {
		it->off += (size_t)(it->count - it->next) * it->mlen;
		it->next = it->count;
	}
}
