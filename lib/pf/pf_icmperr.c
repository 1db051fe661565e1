/* SPDX-License-Identifier: BSD-2-Clause */
/* ICMP error quotes: see pf_icmperr.h. */
#include "pf_icmperr.h"
#include "pf_cksum.h"

#include <string.h>

static bool fail(enum pf_reason *why, enum pf_reason r)
{
	*why = r;
	return false;
}

bool pf_icmp_inner_parse(const struct pf_pkt *p, struct pf_icmp_inner *in, enum pf_reason *why)
{
	const uint8_t *b = p->buf;
	uint8_t fragment = 0, nh;
	unsigned off;

	memset(in, 0, sizeof(*in));
	in->l3 = p->l4 + 8;
	in->end = p->end;
	in->af = p->af;
	if (p->af == PF_AF_INET) {
		unsigned hl;

		if (in->l3 + 20 > in->end)
			return fail(why, PF_REASON_SHORT);
		hl = (b[in->l3] & 0xfu) * 4;
		if (b[in->l3] >> 4 != 4 || hl < 20)
			return fail(why, PF_REASON_NORM);
		if (in->l3 + hl > in->end)
			return fail(why, PF_REASON_SHORT);
		if (pf_rd16(b + in->l3 + 6) & 0x1fff)
			return fail(why, PF_REASON_FRAG); /* errors never quote later fragments */
		in->proto = b[in->l3 + 9];
		in->src_off = in->l3 + 12;
		in->dst_off = in->l3 + 16;
		in->l4 = in->l3 + hl;
	} else {
		if (in->l3 + 40 > in->end)
			return fail(why, PF_REASON_SHORT);
		if (b[in->l3] >> 4 != 6)
			return fail(why, PF_REASON_NORM);
		nh = b[in->l3 + 6];
		off = in->l3 + 40;
		if (!pf_ip6_walk(b, in->end, &off, &nh, &fragment, why))
			return false;
		if (fragment)
			return fail(why, PF_REASON_FRAG);
		in->proto = nh;
		in->src_off = in->l3 + 8;
		in->dst_off = in->l3 + 24;
		in->l4 = off;
	}
	memcpy(in->src.b, b + in->src_off, pf_af_bytes(in->af));
	memcpy(in->dst.b, b + in->dst_off, pf_af_bytes(in->af));
	if (in->proto == PF_PROTO_TCP || in->proto == PF_PROTO_UDP || in->proto == PF_PROTO_ICMP ||
	    in->proto == PF_PROTO_ICMP6) {
		const uint8_t *t = b + in->l4;
		unsigned avail = in->end - in->l4;

		if (avail < 8) /* only the first 8 bytes are sure to be quoted */
			return fail(why, PF_REASON_SHORT);
		if (in->proto == PF_PROTO_TCP || in->proto == PF_PROTO_UDP) {
			in->sport = pf_rd16(t);
			in->dport = pf_rd16(t + 2);
		}
		if (in->proto == PF_PROTO_TCP) {
			in->seq = pf_rd32(t + 4);
			in->ck_off = avail >= 18 ? in->l4 + 16 : 0;
		} else if (in->proto == PF_PROTO_UDP) {
			in->ck_off = in->l4 + 6;
		} else {
			unsigned echo = in->proto == PF_PROTO_ICMP ? 8 : 128;
			unsigned reply = in->proto == PF_PROTO_ICMP ? 0 : 129;
			uint16_t id = pf_rd16(t + 4);

			if (t[0] != echo && t[0] != reply)
				return fail(why, PF_REASON_BADSTATE); /* only echo is tracked */
			in->icmp_query = t[0] == echo;
			in->sport = in->icmp_query ? id : (uint16_t)echo;
			in->dport = in->icmp_query ? (uint16_t)echo : id;
			in->ck_off = in->l4 + 2;
		}
	}
	return true;
}

/* Set a quoted 16-bit word and keep the outer ICMP checksum right. */
static void quote_set16(struct pf_pkt *p, unsigned off, uint16_t v)
{
	uint16_t old = pf_rd16(p->buf + off);

	if (old == v)
		return;
	pf_cksum_fix16(p->buf + p->ck_off, old, v, false);
	pf_wr16(p->buf + off, v);
}

/* A checksum inside the quote moves from old to new for a changed word. */
static void quote_fix_ck(struct pf_pkt *p, unsigned ck_off, uint16_t old, uint16_t v, bool udp)
{
	uint8_t tmp[2];

	memcpy(tmp, p->buf + ck_off, 2);
	pf_cksum_fix16(tmp, old, v, udp);
	quote_set16(p, ck_off, pf_rd16(tmp));
}

static bool inner_pseudo(const struct pf_icmp_inner *in)
{
	return in->ck_off != 0 && (in->proto == PF_PROTO_TCP || in->proto == PF_PROTO_UDP ||
	                           in->proto == PF_PROTO_ICMP6);
}

void pf_icmp_inner_rw_addr(struct pf_pkt *p, struct pf_icmp_inner *in, bool src,
                           const struct pf_addr *na)
{
	struct pf_addr *a = src ? &in->src : &in->dst;
	unsigned off = src ? in->src_off : in->dst_off, i;

	for (i = 0; i < pf_af_bytes(in->af); i += 2) {
		uint16_t old = pf_rd16(a->b + i), v = pf_rd16(na->b + i);

		if (old == v)
			continue;
		quote_set16(p, off + i, v);
		if (in->af == PF_AF_INET)
			quote_fix_ck(p, in->l3 + 10, old, v, false);
		if (inner_pseudo(in))
			quote_fix_ck(p, in->ck_off, old, v, in->proto == PF_PROTO_UDP);
	}
	*a = *na;
}

void pf_icmp_inner_rw_port(struct pf_pkt *p, struct pf_icmp_inner *in, bool src, uint16_t port)
{
	uint16_t *cur = src ? &in->sport : &in->dport;
	unsigned off;

	if (*cur == port)
		return;
	if (in->proto == PF_PROTO_TCP || in->proto == PF_PROTO_UDP) {
		off = in->l4 + (src ? 0 : 2);
	} else if (in->proto == PF_PROTO_ICMP || in->proto == PF_PROTO_ICMP6) {
		if ((in->icmp_query != 0) != src)
			return; /* the type is not rewritten, only the id */
		off = in->l4 + 4;
	} else {
		return;
	}
	if (in->ck_off != 0)
		quote_fix_ck(p, in->ck_off, *cur, port, in->proto == PF_PROTO_UDP);
	quote_set16(p, off, port);
	*cur = port;
}
