/* SPDX-License-Identifier: BSD-2-Clause */
/* CARP load-balancing selection and published master mask: see carp_balance.h. */
#include "carp_balance.h"

#include <errno.h>
#include <string.h>

static const char *const bal_names[] = {
#define X(e, n) [CARP_BAL_##e] = n,
    CARP_BALANCING_MODES(X)
#undef X
};

const char *carp_balancing_name(enum carp_balancing m)
{
	return (unsigned)m < CARP_BAL__COUNT ? bal_names[m] : "?";
}

int carp_balancing_parse(const char *name, enum carp_balancing *m)
{
	unsigned i;

	for (i = 0; name != NULL && i < CARP_BAL__COUNT; i++) {
		if (strcmp(name, bal_names[i]) == 0) {
			*m = (enum carp_balancing)i;
			return 0;
		}
	}
	return -EINVAL;
}

void carp_arp_hashkey(const uint8_t kmd[20], enum carp_byte_order order, uint32_t hk[2])
{
	uint32_t w[4];
	int i;

	for (i = 0; i < 4; i++) {
		const uint8_t *p = kmd + 4 * i;

		w[i] = order == CARP_ORDER_BIG ? carp_be32(p)
		                               : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
		                                     (uint32_t)p[1] << 8 | p[0];
	}
	hk[0] = w[0] ^ w[1];
	hk[1] = w[2] ^ w[3];
}

/* Bob Jenkins' lookup2 96-bit mix, as used by the BSD bridge hash. */
#define CARP_MIX(a, b, c)                                                                          \
	do {                                                                                       \
		a -= b;                                                                            \
		a -= c;                                                                            \
		a ^= (c >> 13);                                                                    \
		b -= c;                                                                            \
		b -= a;                                                                            \
		b ^= (a << 8);                                                                     \
		c -= a;                                                                            \
		c -= b;                                                                            \
		c ^= (b >> 13);                                                                    \
		a -= b;                                                                            \
		a -= c;                                                                            \
		a ^= (c >> 12);                                                                    \
		b -= c;                                                                            \
		b -= a;                                                                            \
		b ^= (a << 16);                                                                    \
		c -= a;                                                                            \
		c -= b;                                                                            \
		c ^= (b >> 5);                                                                     \
		a -= b;                                                                            \
		a -= c;                                                                            \
		a ^= (c >> 3);                                                                     \
		b -= c;                                                                            \
		b -= a;                                                                            \
		b ^= (a << 10);                                                                    \
		c -= a;                                                                            \
		c -= b;                                                                            \
		c ^= (b >> 15);                                                                    \
	} while (0)

uint32_t carp_arp_hash(const uint8_t m[6], const uint32_t hk[2], const uint8_t k[4])
{
	uint32_t a = 0x9e3779b9u, b = hk[0], c = hk[1];

	a += (uint32_t)m[3] << 24 | (uint32_t)m[2] << 16 | (uint32_t)m[1] << 8 | m[0];
	b += (uint32_t)m[5] << 8 | m[4];
	c += (uint32_t)k[3] << 24 | (uint32_t)k[2] << 16 | (uint32_t)k[1] << 8 | k[0];
	CARP_MIX(a, b, c);
	return c;
}

void carp_vmac(uint8_t vhid, bool multicast, uint8_t mac[6])
{
	mac[0] = multicast ? 0x01 : 0x00;
	mac[1] = 0x00;
	mac[2] = 0x5e;
	mac[3] = 0x00;
	mac[4] = 0x01;
	mac[5] = vhid;
}

void carp_balance_setup(struct carp_balance *b, enum carp_balancing mode, unsigned count,
                        const uint8_t *vhids, const uint8_t mac[6], const uint32_t hashkey[2],
                        const uint8_t key0[4])
{
	struct carp_bal_cfg *c = &b->cfg;

	if (count > CARP_MAX_NODES)
		count = CARP_MAX_NODES;
	memset(c, 0, sizeof(*c));
	c->mode = (uint8_t)mode;
	c->count = (uint8_t)count;
	memcpy(c->mac, mac, 6);
	memcpy(c->node_vhid, vhids, count);
	for (unsigned n = count; n-- > 0;) /* the lowest node of a repeated vhid wins */
		c->vhid_node[vhids[n]] = (uint8_t)(n + 1);
	if (hashkey) {
		c->hashkey[0] = hashkey[0];
		c->hashkey[1] = hashkey[1];
	}
	if (key0)
		memcpy(c->key0, key0, 4);
	atomic_store_explicit(&b->word, carp_bal_word(0, false), memory_order_release);
}

void carp_balance_publish(struct carp_balance *b, uint32_t mask, bool running)
{
	atomic_store_explicit(&b->word, carp_bal_word(mask, running), memory_order_release);
}
