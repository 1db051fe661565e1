/* SPDX-License-Identifier: BSD-2-Clause */
/* Packet parser: see pf_pkt.h. */
#include "pf_pkt.h"
#include "pf_cksum.h"

#include <string.h>

#define ETH_HLEN       14
#define ETHERTYPE_IP   0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_VLAN 0x8100
#define IPOPT_EOL      0
#define IPOPT_NOP      1
#define IPOPT_RA       148

static bool fail(enum pf_reason *why, enum pf_reason r)
{
	*why = r;
	return false;
}

static bool ip4_options(const uint8_t *o, unsigned n, enum pf_reason *why)
{
	bool ra = false;
	unsigned i = 0;

	while (i < n) {
		unsigned len;

		if (o[i] == IPOPT_EOL)
			break;
		if (o[i] == IPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= n || (len = o[i + 1]) < 2 || i + len > n)
			return fail(why, PF_REASON_IPOPTIONS);
		if (o[i] != IPOPT_RA || ra)
			return fail(why, PF_REASON_IPOPTIONS);
		ra = true; /* one router alert (IGMP, RSVP) is fine, as pf */
		i += len;
	}
	return true;
}

static bool ip4(struct pf_pkt *p, enum pf_reason *why)
{
	const uint8_t *h = p->buf + p->l3;
	unsigned hl, tot;

	if (p->l3 + 20 > p->len)
		return fail(why, PF_REASON_SHORT);
	if (h[0] >> 4 != 4 || (hl = (h[0] & 0xfu) * 4) < 20)
		return fail(why, PF_REASON_NORM);
	tot = pf_rd16(h + 2);
	if (p->l3 + hl > p->len || tot > p->len - p->l3)
		return fail(why, PF_REASON_SHORT);
	if (tot < hl)
		return fail(why, PF_REASON_NORM);
	if (hl > 20 && !ip4_options(h + 20, hl - 20, why))
		return false;
	p->af = PF_AF_INET;
	p->fragment = (pf_rd16(h + 6) & 0x1fff) != 0;
	p->proto = h[9];
	p->src_off = p->l3 + 12;
	p->dst_off = p->l3 + 16;
	p->l4 = p->l3 + hl;
	p->end = p->l3 + tot;
	p->ip_len = (uint16_t)tot;
	return true;
}

bool pf_ip6_walk(const uint8_t *buf, unsigned end, unsigned *off, uint8_t *nh, uint8_t *fragment,
                 enum pf_reason *why)
{
	unsigned n;

	for (n = 0; n < PF_HDR_LIMIT; n++) {
		const uint8_t *e = buf + *off;
		unsigned hl;

		switch (*nh) {
		case 0:  /* hop-by-hop options */
		case 60: /* destination options */
		case 43: /* routing */
			if (*off + 8 > end)
				return fail(why, PF_REASON_SHORT);
			if (*nh == 43 && e[2] == 0)
				return fail(why,
				            PF_REASON_IPOPTIONS); /* RH0 is deprecated (RFC 5095) */
			hl = ((unsigned)e[1] + 1) * 8;
			break;
		case 44: /* fragment */
			if (*off + 8 > end)
				return fail(why, PF_REASON_SHORT);
			*nh = e[0];
			*off += 8;
			if (pf_rd16(e + 2) & 0xfff8) {
				*fragment = 1;
				return true;
			}
			continue;
		case 51: /* authentication header */
			if (*off + 8 > end)
				return fail(why, PF_REASON_SHORT);
			hl = ((unsigned)e[1] + 2) * 4;
			break;
		default:
			return true;
		}
		if (*off + hl > end)
			return fail(why, PF_REASON_SHORT);
		*nh = e[0];
		*off += hl;
	}
	return fail(why, PF_REASON_IPOPTIONS);
}

static bool ip6(struct pf_pkt *p, enum pf_reason *why)
{
	const uint8_t *h = p->buf + p->l3;
	unsigned plen, off;
	uint8_t nh;

	if (p->l3 + 40 > p->len)
		return fail(why, PF_REASON_SHORT);
	if (h[0] >> 4 != 6)
		return fail(why, PF_REASON_NORM);
	plen = pf_rd16(h + 4);
	if (plen == 0)
		return fail(why, PF_REASON_NORM); /* jumbograms are not handled */
	if (p->l3 + 40 + plen > p->len)
		return fail(why, PF_REASON_SHORT);
	p->af = PF_AF_INET6;
	p->src_off = p->l3 + 8;
	p->dst_off = p->l3 + 24;
	p->end = p->l3 + 40 + plen;
	p->ip_len = (uint16_t)(40 + plen > 0xffff ? 0xffff : 40 + plen);
	nh = h[6];
	off = p->l3 + 40;
	if (!pf_ip6_walk(p->buf, p->end, &off, &nh, &p->fragment, why))
		return false;
	p->proto = nh;
	p->l4 = off;
	return true;
}

/* XOR-fold of 16 bytes into an id (pf's fake id for MLD and neighbour discovery). */
static uint16_t fold16(const uint8_t *a)
{
	uint32_t h = 0;
	unsigned i;

	for (i = 0; i < 16; i += 4)
		h ^= pf_rd32(a + i);
	return (uint16_t)((h >> 16) ^ (h & 0xffff));
}

void pf_icmp_classify(struct pf_pkt *p)
{
	const uint8_t *ic = p->buf + p->l4;
	unsigned t = p->icmp_type, vtype = t, avail = p->end - p->l4;
	uint16_t id = 0;
	bool query = true, idf = false, nostate = false, error = false;

	if (p->af == PF_AF_INET) {
		switch (t) {
		case 8: /* echo */
		case 0:
		case 13: /* timestamp */
		case 14:
		case 15: /* information request */
		case 16:
		case 17: /* address mask */
		case 18:
			vtype = (t == 0 || t == 8) ? 8 : (t & 1) ? t : t - 1; /* 13/14 -> 13 ... */
			query = t == vtype;
			id = pf_rd16(ic + 4);
			idf = vtype == 8;
			break;
		case 10: /* router solicitation / advertisement */
		case 9:
		case 33: /* IPv6 where-are-you / I-am-here */
		case 34:
		case 35: /* mobile registration */
		case 36:
			vtype = t == 9 ? 10 : t >= 33 ? (t & 1 ? t : t - 1) : t;
			query = t == vtype;
			break;
		case 3: /* errors: quote another connection's packet */
		case 4:
		case 5:
		case 11:
		case 12:
			error = true;
			break;
		default:
			break;
		}
	} else {
		switch (t) {
		case 128: /* echo request / reply */
		case 129:
			vtype = 128;
			query = t == 128;
			id = pf_rd16(ic + 4);
			idf = true;
			break;
		case 130: /* MLD query and report: both "requests" */
		case 131:
			vtype = 130;
			id = avail >= 24 ? fold16(ic + 8) : 0;
			break;
		case 139: /* node information (who are you) */
		case 140:
			vtype = 139;
			query = t == 139;
			break;
		case 200: /* multicast traceroute response / query */
		case 201:
			vtype = 201;
			query = t == 201;
			break;
		case 135: /* neighbour solicitation / advertisement */
		case 136:
			vtype = 135;
			id = avail >= 24 ? fold16(ic + 8) : 0;
			nostate = t == 136; /* pf never makes states for adverts */
			break;
		case 1: /* errors */
		case 2:
		case 3:
		case 4:
			error = true;
			break;
		default:
			break;
		}
	}
	p->icmp_error = error;
	p->icmp_query = query;
	p->icmp_nostate = error || nostate || !query;
	p->icmp_id = id;
	p->icmp_id_off = idf ? 4 : 0;
	if (query) {
		p->sport = id;
		p->dport = (uint16_t)vtype;
	} else {
		p->sport = (uint16_t)vtype;
		p->dport = id;
	}
}

static bool l4(struct pf_pkt *p, enum pf_reason *why)
{
	const uint8_t *t = p->buf + p->l4;
	unsigned avail = p->end - p->l4, off;

	switch (p->proto) {
	case PF_PROTO_TCP:
		if (avail < 20)
			return fail(why, PF_REASON_SHORT);
		off = (t[12] >> 4) * 4u;
		if (off < 20 || off > avail)
			return fail(why, PF_REASON_BADOFF);
		p->sport = pf_rd16(t);
		p->dport = pf_rd16(t + 2);
		p->tcp.seq = pf_rd32(t + 4);
		p->tcp.ack = pf_rd32(t + 8);
		p->tcp.flags = t[13];
		p->tcp.win = pf_rd16(t + 14);
		p->tcp.len = avail - off;
		if (p->tcp.flags & PF_TH_SYN)
			pf_tcp_options(t + 20, off - 20, &p->tcp.wscale, &p->tcp.mss);
		p->ck_off = p->l4 + 16;
		return true;
	case PF_PROTO_UDP: {
		unsigned ulen;

		if (avail < 8 || (ulen = pf_rd16(t + 4)) < 8 || ulen > avail)
			return fail(why, PF_REASON_SHORT);
		p->sport = pf_rd16(t);
		p->dport = pf_rd16(t + 2);
		p->ck_off = p->l4 + 6;
		return true;
	}
	case PF_PROTO_ICMP:
	case PF_PROTO_ICMP6:
		if ((p->proto == PF_PROTO_ICMP) != (p->af == PF_AF_INET))
			return fail(why, PF_REASON_NORM);
		if (avail < 8)
			return fail(why, PF_REASON_SHORT);
		p->icmp_type = t[0];
		p->icmp_code = t[1];
		p->ck_off = p->l4 + 2;
		pf_icmp_classify(p);
		return true;
	default:
		return true;
	}
}

bool pf_pkt_parse(struct pf_pkt *p, uint8_t *buf, size_t len, bool ether, enum pf_reason *why)
{
	unsigned type = 0;

	memset(p, 0, sizeof(*p));
	p->buf = buf;
	p->len = len;
	if (ether) {
		if (len < ETH_HLEN)
			return fail(why, PF_REASON_SHORT);
		type = pf_rd16(buf + 12);
		p->l3 = ETH_HLEN;
		if (type == ETHERTYPE_VLAN) {
			if (len < ETH_HLEN + 4)
				return fail(why, PF_REASON_SHORT);
			type = pf_rd16(buf + 16);
			p->l3 += 4;
		}
		if (type != ETHERTYPE_IP && type != ETHERTYPE_IPV6)
			return true; /* ARP, LLDP, ...: not filtered */
	} else {
		if (len < 1)
			return fail(why, PF_REASON_SHORT);
		type = buf[0] >> 4 == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IP;
	}
	if (!(type == ETHERTYPE_IP ? ip4(p, why) : ip6(p, why)))
		return false;
	memcpy(p->src.b, buf + p->src_off, pf_af_bytes(p->af));
	memcpy(p->dst.b, buf + p->dst_off, pf_af_bytes(p->af));
	if (p->fragment)
		return true;
	return l4(p, why);
}

void pf_pkt_meta(const struct pf_pkt *p, uint16_t ifindex, uint8_t dir, struct pf_pkt_meta *m)
{
	memset(m, 0, sizeof(*m));
	m->ifindex = ifindex;
	m->dir = dir;
	m->af = p->af;
	m->proto = p->proto;
	m->src = p->src;
	m->dst = p->dst;
	m->fragment = p->fragment;
	if (p->fragment)
		return;
	if (p->proto == PF_PROTO_TCP || p->proto == PF_PROTO_UDP) {
		m->sport = p->sport;
		m->dport = p->dport;
	}
	if (p->proto == PF_PROTO_TCP)
		m->tcp_flags = p->tcp.flags;
	if (p->proto == PF_PROTO_ICMP || p->proto == PF_PROTO_ICMP6)
		m->icmp_nostate = p->icmp_nostate;
}
