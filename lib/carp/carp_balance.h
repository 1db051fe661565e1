/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CARP load balancing (carpnodes, spec 7): the node choice OpenBSD makes and
 * the lock-free reader the fast path uses.
 *
 * IP modes (ip, ip-stealth, ip-unicast):
 *   fold = XOR of the 32-bit big-endian words of source and destination
 *   idx  = fold % count        -> accept iff node idx is MASTER here
 * Legacy arp mode: Jenkins lookup2 mix over the ARP sender MAC and a key
 * derived from the passphrase (spec 7.4); the key words are read in host
 * byte order on OpenBSD, so the order is an explicit parameter here.
 *
 * Sharing: `struct carp_balance` is written by the control lcore only
 * (carp_balance_publish, release store) and read by workers with ONE
 * acquire load per decision (carp_balance_read). The configuration-time
 * fields (hashkey, key0, node vhids) are written only before the object is
 * published to workers, and never change afterwards (there is no reload
 * yet).
 */
#ifndef CARP_BALANCE_H
#define CARP_BALANCE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#define CARP_MAX_NODES 32

/* X(ENUM, "name"): balancing modes as spelled in OpenBSD's ifconfig
 * (string literals: names contain hyphens). */
#define CARP_BALANCING_MODES(X)                                                                    \
	X(NONE, "none")                                                                            \
	X(ARP, "arp")                                                                              \
	X(IP, "ip")                                                                                \
	X(IP_STEALTH, "ip-stealth")                                                                \
	X(IP_UNICAST, "ip-unicast")

enum carp_balancing {
#define X(e, n) CARP_BAL_##e,
	CARP_BALANCING_MODES(X)
#undef X
	    CARP_BAL__COUNT
};

const char *carp_balancing_name(enum carp_balancing m);
/* Returns 0 and sets *m, or -EINVAL for an unknown name. */
int carp_balancing_parse(const char *name, enum carp_balancing *m);
/* IP-hash modes: ip, ip-stealth, ip-unicast. */
bool carp_balancing_is_ip(enum carp_balancing m);

/* --- pure selection functions ------------------------------------------ */

/* Big-endian 32-bit word at p (any alignment). */
static inline uint32_t carp_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* IPv4 fold; src/dst as stored in the packet (network byte order bytes).
 * Inline: the fast path calls these per packet. */
static inline uint32_t carp_fold_ip4(const uint8_t src[4], const uint8_t dst[4])
{
	return carp_be32(src) ^ carp_be32(dst);
}

/* IPv6 fold over the four words of each address. */
static inline uint32_t carp_fold_ip6(const uint8_t src[16], const uint8_t dst[16])
{
	uint32_t f = 0;
	int i;

	for (i = 0; i < 16; i += 4)
		f ^= carp_be32(src + i) ^ carp_be32(dst + i);
	return f;
}

/* fold % count (count 0 -> 0). */
static inline unsigned carp_node_index(uint32_t fold, unsigned count)
{
	return count ? fold % count : 0;
}

enum carp_byte_order {
	CARP_ORDER_LITTLE = 0, /* x86/arm64 OpenBSD hosts */
	CARP_ORDER_BIG = 1,    /* sparc64/powerpc OpenBSD hosts */
};
#define CARP_ORDER_HOST                                                                            \
	(__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? CARP_ORDER_BIG : CARP_ORDER_LITTLE)

/* hashkey words from kmd = SHA1(ipad || 0x02 || 0x01) (carp_auth.kmd):
 * hk[0] = w0 ^ w1, hk[1] = w2 ^ w3 with words read in `order`. */
void carp_arp_hashkey(const uint8_t kmd[20], enum carp_byte_order order, uint32_t hk[2]);
/* carp_hash(): lookup2 mix over the ARP sender MAC, hk and key bytes 0..3. */
uint32_t carp_arp_hash(const uint8_t sha[6], const uint32_t hk[2], const uint8_t key[4]);

/* --- published view for the fast path ----------------------------------- */

/* One 64-bit word so mask, count and mode are always read consistently:
 * bits 0-31 master mask (bit i = node i MASTER here), 32-39 node count,
 * 40-47 mode. */
struct carp_balance {
	_Atomic uint64_t word;             /* writer: control lcore (release) */
	uint8_t mode;                      /* config time, copy of word's mode */
	uint8_t count;                     /* config time */
	uint8_t mac[6];                    /* config time: carp interface MAC */
	uint32_t hashkey[2];               /* config time: arp mode key words */
	uint8_t key0[4];                   /* config time: first 4 key bytes */
	uint8_t node_vhid[CARP_MAX_NODES]; /* config time: vhid of node i */
};

/* A snapshot taken with one acquire load. */
struct carp_balance_snap {
	uint32_t mask;
	uint8_t count;
	uint8_t mode; /* enum carp_balancing */
};

/* Control side: set the configuration-time fields (before publication) and
 * publish an all-BACKUP mask. `mac` is the carp interface MAC (leader's
 * virtual MAC, its multicast form in ip mode, or the administrator's). */
void carp_balance_setup(struct carp_balance *b, enum carp_balancing mode, unsigned count,
                        const uint8_t *vhids, const uint8_t mac[6], const uint32_t hashkey[2],
                        const uint8_t key0[4]);
/* Control side: publish a new master mask (release store). */
void carp_balance_publish(struct carp_balance *b, uint32_t mask);

/* Worker side: one acquire load. */
static inline struct carp_balance_snap carp_balance_read(const struct carp_balance *b)
{
	uint64_t w = atomic_load_explicit(&((struct carp_balance *)b)->word, memory_order_acquire);
	struct carp_balance_snap s = {
	    .mask = (uint32_t)w,
	    .count = (uint8_t)(w >> 32),
	    .mode = (uint8_t)(w >> 40),
	};
	return s;
}

static inline bool carp_snap_node_master(struct carp_balance_snap s, unsigned idx)
{
	return idx < 32 && idx < s.count && ((s.mask >> idx) & 1u);
}

/* Per-burst form: one carp_balance_read() per burst, then per packet:
 * IP modes: is node fold % count MASTER here; none/arp: is the leader. */
static inline bool carp_snap_flow_master(struct carp_balance_snap s, uint32_t fold)
{
	if (s.mode == CARP_BAL_IP || s.mode == CARP_BAL_IP_STEALTH || s.mode == CARP_BAL_IP_UNICAST)
		return carp_snap_node_master(s, carp_node_index(fold, s.count));
	return carp_snap_node_master(s, 0);
}

/* Is this host master for the node responsible for this flow? IP modes:
 * node fold % count (spec 7.3). Modes none and arp: the leader's state
 * (in arp mode IP frames are accepted per destination MAC, see
 * carp_balance_mac_accept). */
bool carp_balance_ip4_master(const struct carp_balance *b, const uint8_t src[4],
                             const uint8_t dst[4]);
bool carp_balance_ip6_master(const struct carp_balance *b, const uint8_t src[16],
                             const uint8_t dst[16]);

/* A frame addressed to `dst`: true when it is one of this carp interface's
 * MACs and this host must accept it: mode none: leader MASTER; arp: node i's
 * MAC while node i is MASTER; ip modes: always (every node receives, the IP
 * hash decides). */
bool carp_balance_mac_accept(const struct carp_balance *b, const uint8_t dst[6]);

/* ARP request from `sha` for one of our addresses: true when this host
 * answers, with *mac_out the sender MAC to put in the reply. arp mode: the
 * node chosen by carp_arp_hash, if MASTER here, with its own virtual MAC;
 * other modes: the leader if MASTER here, with the carp interface MAC. */
bool carp_balance_arp_answer(const struct carp_balance *b, const uint8_t sha[6],
                             uint8_t mac_out[6]);

/* Virtual MAC of a vhid: 00:00:5e:00:01:<vhid>, or the multicast form
 * 01:00:5e:00:01:<vhid> when `multicast`. */
void carp_vmac(uint8_t vhid, bool multicast, uint8_t mac[6]);

#endif /* CARP_BALANCE_H */
