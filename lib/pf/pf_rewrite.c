/* SPDX-License-Identifier: BSD-2-Clause */
/* In-place translation: see pf_rewrite.h. */
#include "pf_rewrite.h"
#include "pf_cksum.h"

#include <string.h>

/* Does the transport checksum cover the IP addresses (a pseudo-header)? */
static bool pseudo_covered(const struct pf_pkt *p)
{
	return !p->fragment && p->ck_off != 0 &&
	       (p->proto == PF_PROTO_TCP || p->proto == PF_PROTO_UDP || p->proto == PF_PROTO_ICMP6);
}

void pf_rw_addr(struct pf_pkt *p, bool src, const struct pf_addr *na)
{
	struct pf_addr *a = src ? &p->src : &p->dst;
	unsigned off = src ? p->src_off : p->dst_off;

	if (pf_addr_eq(a, na, p->af))
		return;
	if (p->af == PF_AF_INET)
		pf_cksum_fix_addr(p->buf + p->l3 + 10, a, na, p->af, false);
	if (pseudo_covered(p))
		pf_cksum_fix_addr(p->buf + p->ck_off, a, na, p->af, p->proto == PF_PROTO_UDP);
	memcpy(p->buf + off, na->b, pf_af_bytes(p->af));
	memcpy(a->b, na->b, pf_af_bytes(p->af));
}

void pf_rw_port(struct pf_pkt *p, bool src, uint16_t port)
{
	uint16_t *cur = src ? &p->sport : &p->dport;
	uint8_t *field = p->buf + p->l4 + (src ? 0 : 2);

	if (p->fragment || (p->proto != PF_PROTO_TCP && p->proto != PF_PROTO_UDP) || *cur == port)
		return;
	pf_cksum_fix16(p->buf + p->ck_off, *cur, port, p->proto == PF_PROTO_UDP);
	pf_wr16(field, port);
	*cur = port;
}

void pf_rw_icmp_id(struct pf_pkt *p, uint16_t id)
{
	uint8_t *field = p->buf + p->l4 + 4;

	if (p->fragment || p->icmp_id_off == 0 || p->icmp_id == id)
		return;
	pf_cksum_fix16(p->buf + p->ck_off, p->icmp_id, id, false);
	pf_wr16(field, id);
	if (p->icmp_query)
		p->sport = id;
	else
		p->dport = id;
	p->icmp_id = id;
}
