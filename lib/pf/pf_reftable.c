/* SPDX-License-Identifier: BSD-2-Clause */
/* Reference key -> slot table: see pf_reftable.h. */
#include "pf_reftable.h"
#include "pf_lru.h"

#include <errno.h>
#include <string.h>

/* Word at a time (the key is 40 bytes): a multiply-xorshift per word. A
 * byte-wise FNV-1a cost a third of the fast path's cycles (pf-bench). */
static uint32_t hash(const struct pf_state_key *k, uint8_t dir)
{
	uint64_t w[sizeof(*k) / 8], h = 0x9e3779b97f4a7c15ULL ^ dir;
	size_t i;

	_Static_assert(sizeof(*k) % 8 == 0, "the key hashes as whole words");
	memcpy(w, k, sizeof(w));
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		h = (h ^ w[i]) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	h *= 0xc4ceb9fe1a85ec53ULL;
	return (uint32_t)(h ^ (h >> 29));
}

static bool same(const struct pf_refent *e, const struct pf_state_key *k, uint8_t dir)
{
	return e->used && e->dir == dir && memcmp(&e->key, k, sizeof(*k)) == 0;
}

int pf_reftable_init(struct pf_reftable *t, struct pf_refent *e, uint32_t cap)
{
	if (e == NULL || cap < 4 || (cap & (cap - 1)) != 0)
		return -EINVAL;
	t->e = e;
	t->cap = cap;
	t->n = 0;
	memset(e, 0, (size_t)cap * sizeof(*e));
	return 0;
}

int pf_reftable_add(struct pf_reftable *t, const struct pf_state_key *k, uint8_t dir, uint32_t slot)
{
	uint32_t m = t->cap - 1, i;

	if (pf_reftable_find(t, k, dir) != PF_SLOT_NONE)
		return -EEXIST;
	if (t->n + 1 > t->cap / 4 * 3)
		return -ENOSPC;
	for (i = hash(k, dir) & m; t->e[i].used; i = (i + 1) & m)
		;
	t->e[i].key = *k;
	t->e[i].dir = dir;
	t->e[i].slot = slot;
	t->e[i].used = 1;
	t->n++;
	return 0;
}

uint32_t pf_reftable_find(const struct pf_reftable *t, const struct pf_state_key *k, uint8_t dir)
{
	uint32_t m = t->cap - 1, i;

	for (i = hash(k, dir) & m; t->e[i].used; i = (i + 1) & m)
		if (same(&t->e[i], k, dir))
			return t->e[i].slot;
	return PF_SLOT_NONE;
}

void pf_reftable_del(struct pf_reftable *t, const struct pf_state_key *k, uint8_t dir)
{
	uint32_t m = t->cap - 1, i, j;

	for (i = hash(k, dir) & m; t->e[i].used; i = (i + 1) & m)
		if (same(&t->e[i], k, dir))
			break;
	if (!t->e[i].used)
		return;
	/* backward-shift: move later entries of the run into the hole when they may */
	for (j = (i + 1) & m; t->e[j].used; j = (j + 1) & m) {
		uint32_t h = hash(&t->e[j].key, t->e[j].dir) & m;

		/* entry j may move to i if its home h is not in (i, j] (cyclically) */
		if ((j > i && (h <= i || h > j)) || (j < i && h <= i && h > j)) {
			t->e[i] = t->e[j];
			i = j;
		}
	}
	t->e[i].used = 0;
	t->n--;
}
