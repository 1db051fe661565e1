/* SPDX-License-Identifier: BSD-2-Clause */
/* Internet checksums: see pf_cksum.h. */
#include "pf_cksum.h"

uint32_t pf_cksum_add(const uint8_t *p, size_t n, uint32_t acc)
{
	uint64_t s = acc;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += pf_rd16(p + i);
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	while (s >> 32)
		s = (s & 0xffffffff) + (s >> 32);
	return (uint32_t)s;
}

uint16_t pf_cksum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint32_t pf_cksum_pseudo(uint8_t af, const struct pf_addr *src, const struct pf_addr *dst,
                         uint8_t proto, uint32_t len)
{
	unsigned n = pf_af_bytes(af);
	uint32_t s = pf_cksum_add(src->b, n, 0);

	s = pf_cksum_add(dst->b, n, s);
	return s + proto + (len >> 16) + (len & 0xffff);
}

void pf_cksum_fix16(uint8_t *ck, uint16_t old, uint16_t new_, bool udp)
{
	uint32_t hc = pf_rd16(ck), s;

	if (old == new_ || (udp && hc == 0))
		return;
	s = (~hc & 0xffff) + (~old & 0xffff) + new_;
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	s = ~s & 0xffff;
	if (udp && s == 0)
		s = 0xffff;
	pf_wr16(ck, (uint16_t)s);
}

void pf_cksum_fix_addr(uint8_t *ck, const struct pf_addr *old, const struct pf_addr *new_,
                       uint8_t af, bool udp)
{
	unsigned i, n = pf_af_bytes(af);

	for (i = 0; i < n; i += 2)
		pf_cksum_fix16(ck, pf_rd16(old->b + i), pf_rd16(new_->b + i), udp);
}
