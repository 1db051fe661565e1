/* SPDX-License-Identifier: BSD-2-Clause */
/* Prefix sets: see pf_prefix.h. */
#include "pf_prefix.h"

#include <stdlib.h>
#include <string.h>

void pf_prefix_list_free(struct pf_prefix_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

bool pf_prefix_add(struct pf_prefix_list *l, const struct pf_addr *a, uint8_t plen)
{
	if (l->n == l->cap) {
		uint32_t cap = l->cap ? l->cap * 2 : 16;
		struct pf_prefix *nv = realloc(l->v, cap * sizeof(*nv));

		if (nv == NULL)
			return false;
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n].addr = *a;
	pf_addr_mask(&l->v[l->n].addr, plen);
	l->v[l->n].plen = plen;
	l->n++;
	return true;
}

bool pf_prefix_of(const struct pf_addr *addr, uint8_t plen, uint8_t af, bool neg,
                  struct pf_prefix_list *out)
{
	unsigned i, bits = pf_af_bits(af);

	if (plen > bits)
		plen = (uint8_t)bits;
	if (!neg)
		return pf_prefix_add(out, addr, plen);
	for (i = 0; i < plen; i++) {
		struct pf_addr a = *addr;

		pf_addr_set_bit(&a, i, !pf_addr_bit(addr, i));
		if (!pf_prefix_add(out, &a, (uint8_t)(i + 1)))
			return false;
	}
	return true;
}

/*
 * Cover of the set inside prefix (a, plen), where `in` is the membership
 * inherited from the longest enclosing entry. idx[] lists the entries that
 * lie strictly inside this prefix (plen_entry > plen); n of them.
 */
static bool cover(const struct pf_table *t, const uint32_t *idx, uint32_t n,
                  const struct pf_addr *a, unsigned plen, unsigned bits, bool in, bool want,
                  struct pf_prefix_list *out)
{
	uint32_t *sub[2] = {NULL, NULL}, cnt[2] = {0, 0}, i;
	bool here = in, ok = true;
	unsigned b;

	/*
	 * An entry exactly at this prefix sets membership for the whole range;
	 * of duplicates the first counts (pf ignores a duplicate entry, and
	 * pf_table_match() keeps the first of equal length).
	 */
	for (i = 0; i < n; i++) {
		const struct pf_table_entry *e = &t->e[idx[i]];

		if (e->plen == plen) {
			here = !e->neg;
			break;
		}
	}
	for (i = 0; i < n; i++)
		if (t->e[idx[i]].plen > plen)
			break;
	if (i == n) /* nothing deeper: the range is uniform */
		return here == want ? pf_prefix_add(out, a, (uint8_t)plen) : true;
	if (plen >= bits)
		return true;
	for (b = 0; b < 2; b++) {
		sub[b] = malloc((n ? n : 1) * sizeof(uint32_t));
		if (sub[b] == NULL) {
			free(sub[0]);
			return false;
		}
	}
	for (i = 0; i < n; i++) {
		const struct pf_table_entry *e = &t->e[idx[i]];

		if (e->plen > plen) {
			b = pf_addr_bit(&e->addr, plen);
			sub[b][cnt[b]++] = idx[i];
		}
	}
	for (b = 0; b < 2 && ok; b++) {
		struct pf_addr c = *a;

		pf_addr_set_bit(&c, plen, b);
		ok = cover(t, sub[b], cnt[b], &c, plen + 1, bits, here, want, out);
	}
	free(sub[0]);
	free(sub[1]);
	return ok;
}

bool pf_prefix_table(const struct pf_table *t, uint8_t af, bool neg, struct pf_prefix_list *out)
{
	struct pf_addr zero;
	uint32_t *idx, n = 0, i;
	bool ok;

	memset(&zero, 0, sizeof(zero));
	idx = malloc((t->n ? t->n : 1) * sizeof(*idx));
	if (idx == NULL)
		return false;
	for (i = 0; i < t->n; i++)
		if (t->e[i].af == af)
			idx[n++] = i;
	ok = cover(t, idx, n, &zero, 0, pf_af_bits(af), false, !neg, out);
	free(idx);
	return ok;
}
