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

bool carp_balancing_is_ip(enum carp_balancing m)
{
	return m == CARP_BAL_IP || m == CARP_BAL_IP_STEALTH || m == CARP_BAL_IP_UNICAST;
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

static uint64_t pack(uint32_t mask, uint8_t count, uint8_t mode)
{
	return (uint64_t)mask | (uint64_t)count << 32 | (uint64_t)mode << 40;
}

void carp_balance_setup(struct carp_balance *b, enum carp_balancing mode, unsigned count,
                        const uint8_t *vhids, const uint8_t mac[6], const uint32_t hashkey[2],
                        const uint8_t key0[4])
{
	if (count > CARP_MAX_NODES)
		count = CARP_MAX_NODES;
	b->mode = (uint8_t)mode;
	b->count = (uint8_t)count;
	memcpy(b->mac, mac, 6);
	memset(b->node_vhid, 0, sizeof(b->node_vhid));
	memcpy(b->node_vhid, vhids, count);
	b->hashkey[0] = hashkey ? hashkey[0] : 0;
	b->hashkey[1] = hashkey ? hashkey[1] : 0;
	memset(b->key0, 0, 4);
	if (key0)
		memcpy(b->key0, key0, 4);
	atomic_store_explicit(&b->word, pack(0, b->count, b->mode), memory_order_release);
}

void carp_balance_publish(struct carp_balance *b, uint32_t mask)
{
	atomic_store_explicit(&b->word, pack(mask, b->count, b->mode), memory_order_release);
}

bool carp_balance_ip4_master(const struct carp_balance *b, const uint8_t src[4],
                             const uint8_t dst[4])
{
	return carp_snap_flow_master(carp_balance_read(b), carp_fold_ip4(src, dst));
}

bool carp_balance_ip6_master(const struct carp_balance *b, const uint8_t src[16],
                             const uint8_t dst[16])
{
	return carp_snap_flow_master(carp_balance_read(b), carp_fold_ip6(src, dst));
}

bool carp_balance_mac_accept(const struct carp_balance *b, const uint8_t dst[6])
{
	struct carp_balance_snap s = carp_balance_read(b);
	uint8_t mac[6];
	unsigned i;

	if (s.mode == CARP_BAL_ARP) {
		for (i = 0; i < s.count; i++) {
			carp_vmac(b->node_vhid[i], false, mac);
			if (i == 0)
				memcpy(mac, b->mac, 6);
			if (memcmp(dst, mac, 6) == 0)
				return carp_snap_node_master(s, i);
		}
		return false;
	}
	if (memcmp(dst, b->mac, 6) != 0)
		return false;
	return carp_balancing_is_ip(s.mode) || carp_snap_node_master(s, 0);
}

bool carp_balance_arp_answer(const struct carp_balance *b, const uint8_t sha[6], uint8_t mac_out[6])
{
	struct carp_balance_snap s = carp_balance_read(b);
	unsigned idx = 0;

	if (s.mode == CARP_BAL_ARP) {
		idx = carp_node_index(carp_arp_hash(sha, b->hashkey, b->key0), s.count);
		if (!carp_snap_node_master(s, idx))
			return false;
		if (idx == 0)
			memcpy(mac_out, b->mac, 6);
		else
			carp_vmac(b->node_vhid[idx], false, mac_out);
		return true;
	}
	if (!carp_snap_node_master(s, 0))
		return false;
	memcpy(mac_out, b->mac, 6);
	return true;
}
