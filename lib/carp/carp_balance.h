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
 * One set of rules (carp_bal_*, inline and pure): they take the
 * configuration-time part (struct carp_bal_cfg) and a published 64-bit
 * word, so the fast path (lib/fwd/fwd_vip_priv.h, on its per-burst copy of
 * the word) and the unit tests (on the word lib/carp publishes) run the
 * same code.
 *
 * Sharing: `struct carp_balance` is written by the control lcore only
 * (carp_balance_publish, release store of the word); `cfg` is written
 * before the object is shared and never changes afterwards (there is no
 * reload yet). Workers never read it: lib/fwd copies cfg at registration
 * and the word on every fwd_vip_publish.
 */
#ifndef CARP_BALANCE_H
#define CARP_BALANCE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

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

/* Virtual MAC of a vhid: 00:00:5e:00:01:<vhid>, or the multicast form
 * 01:00:5e:00:01:<vhid> when `multicast`. */
void carp_vmac(uint8_t vhid, bool multicast, uint8_t mac[6]);

/* --- the rules: one copy, run by the workers and by the tests ----------- */

/*
 * What a carp interface's balancing decisions depend on besides its
 * published word, fixed at configuration time. lib/fwd copies it into its
 * per-port table at registration (fwd_vip.c) and calls the carp_bal_*
 * rules below on that copy with the word it published.
 */
struct carp_bal_cfg {
	uint8_t mode;                      /* enum carp_balancing */
	uint8_t count;                     /* nodes, 1..CARP_MAX_NODES */
	uint8_t mac[6];                    /* carp interface MAC (node 0's) */
	uint32_t hashkey[2];               /* arp mode key words */
	uint8_t key0[4];                   /* arp mode: first 4 key bytes */
	uint8_t node_vhid[CARP_MAX_NODES]; /* sorted by vhid; node 0 = leader */
	/* vhid -> node index + 1 (0: no node of this interface), so a frame's
	 * vMAC names its node in one load (carp_bal_mac_node) instead of a
	 * rebuild and compare of every node's MAC. Filled by carp_balance_setup. */
	uint8_t vhid_node[256];
};

/*
 * The published word: bits 0-31 master mask (bit i = node i MASTER here),
 * bit 32 "the carp interface runs" (admin up, carpdev link up, attached,
 * has addresses: carp_if_running). A carp interface that does not run
 * receives nothing, in any mode (OpenBSD: not UP+RUNNING).
 */
#define CARP_BAL_RUNNING (1ULL << 32)

static inline uint64_t carp_bal_word(uint32_t mask, bool running)
{
	return (uint64_t)mask | (running ? CARP_BAL_RUNNING : 0);
}

static inline uint32_t carp_bal_mask(uint64_t w)
{
	return (uint32_t)w;
}

static inline bool carp_bal_running(uint64_t w)
{
	return (w & CARP_BAL_RUNNING) != 0;
}

static inline bool carp_bal_is_ip(uint8_t mode)
{
	return mode == CARP_BAL_IP || mode == CARP_BAL_IP_STEALTH || mode == CARP_BAL_IP_UNICAST;
}

/* Is node idx MASTER here? */
static inline bool carp_bal_node_master(const struct carp_bal_cfg *c, uint64_t w, unsigned idx)
{
	return carp_bal_running(w) && idx < c->count && idx < 32 &&
	       ((carp_bal_mask(w) >> idx) & 1u);
}

/* Unicast vMAC of node idx: the carp interface MAC for the leader (it may be
 * an administrator's lladdr), 00:00:5e:00:01:<vhid> for the others. */
static inline void carp_bal_node_mac(const struct carp_bal_cfg *c, unsigned idx, uint8_t mac[6])
{
	if (idx == 0)
		memcpy(mac, c->mac, 6);
	else
		carp_vmac(c->node_vhid[idx], false, mac);
}

/* The node whose unicast MAC (carp_bal_node_mac) is dst, or -1. O(1): all
 * vMACs share 00:00:5e:00:01, the last byte is the vhid; the leader answers
 * to the carp interface MAC only (it may be an administrator's lladdr). */
static inline int carp_bal_mac_node(const struct carp_bal_cfg *c, const uint8_t dst[6])
{
	static const uint8_t vmac_prefix[5] = {0x00, 0x00, 0x5e, 0x00, 0x01};
	unsigned n;

	if (memcmp(dst, c->mac, 6) == 0)
		return 0;
	if (memcmp(dst, vmac_prefix, 5) != 0)
		return -1;
	n = c->vhid_node[dst[5]];
	return n > 1 ? (int)n - 1 : -1;
}

/*
 * A frame to `dst`: one of this carp interface's MACs that this host
 * receives now (spec 7.2, 8)? none: the carp MAC while the leader is
 * MASTER; arp: node i's MAC while node i is MASTER; ip modes: the carp MAC
 * on every node while the interface runs (the IP hash decides next,
 * carp_bal_flow_master).
 */
static inline bool carp_bal_mac_accept(const struct carp_bal_cfg *c, uint64_t w,
                                       const uint8_t dst[6])
{
	if (c->mode == CARP_BAL_ARP) {
		int n = carp_bal_mac_node(c, dst);

		return n >= 0 && carp_bal_node_master(c, w, (unsigned)n);
	}
	if (memcmp(dst, c->mac, 6) != 0)
		return false;
	return carp_bal_is_ip(c->mode) ? carp_bal_running(w) : carp_bal_node_master(c, w, 0);
}

/*
 * Transit traffic that carp_bal_mac_accept took: forward it here? ip
 * modes: node fold % count is MASTER here (spec 7.3; the fold is
 * symmetric, both directions pick the same node). none/arp: the MAC check
 * already chose the node.
 */
static inline bool carp_bal_flow_master(const struct carp_bal_cfg *c, uint64_t w, uint32_t fold)
{
	if (!carp_bal_is_ip(c->mode))
		return true;
	return carp_bal_node_master(c, w, carp_node_index(fold, c->count));
}

/*
 * ARP request from `sha` for one of our addresses: answer? If so *sender is
 * the ARP sender MAC: arp mode: node carp_arp_hash(sha) % count, if MASTER
 * here, with its own vMAC (spec 7.4); other modes: the leader, if MASTER
 * here, with the carp interface MAC (spec 8).
 */
static inline bool carp_bal_arp_answer(const struct carp_bal_cfg *c, uint64_t w,
                                       const uint8_t sha[6], uint8_t sender[6])
{
	unsigned idx = 0;

	if (c->mode == CARP_BAL_ARP)
		idx = carp_node_index(carp_arp_hash(sha, c->hashkey, c->key0), c->count);
	if (!carp_bal_node_master(c, w, idx))
		return false;
	carp_bal_node_mac(c, idx, sender);
	return true;
}

/*
 * Traffic to a virtual address (ICMP echo is all we answer): may this host
 * answer? ip modes: every node while the interface runs (OpenBSD does not
 * hash ICMP, spec 7.3); none/arp: while the leader is MASTER, or when the
 * frame came to a vMAC of this interface that this host owns (via_vmac).
 */
static inline bool carp_bal_local_allowed(const struct carp_bal_cfg *c, uint64_t w, bool via_vmac)
{
	if (carp_bal_is_ip(c->mode))
		return carp_bal_running(w);
	return via_vmac || carp_bal_node_master(c, w, 0);
}

/* ip and ip-stealth: the vMAC is never a frame source (spec 7.2, 12): what
 * this interface sends carries the carpdev's real MAC. */
static inline bool carp_bal_src_is_parent(const struct carp_bal_cfg *c)
{
	return c->mode == CARP_BAL_IP || c->mode == CARP_BAL_IP_STEALTH;
}

/* --- publication ---------------------------------------------------------- */

/* W: control lcore (carp_balance_publish, release store). R: the control
 * lcore's copy into lib/fwd (fwd_vip_publish), tests. cfg: set before the
 * object is shared (carp_balance_setup). */
struct carp_balance {
	_Atomic uint64_t word;
	struct carp_bal_cfg cfg;
};

/* Control side: set the configuration-time fields and publish "not
 * running, nothing MASTER". `mac` is the carp interface MAC (leader's
 * virtual MAC, its multicast form in ip mode, or the administrator's). */
void carp_balance_setup(struct carp_balance *b, enum carp_balancing mode, unsigned count,
                        const uint8_t *vhids, const uint8_t mac[6], const uint32_t hashkey[2],
                        const uint8_t key0[4]);
/* Control side: publish a new word (release store). */
void carp_balance_publish(struct carp_balance *b, uint32_t mask, bool running);

/* Any thread: the published word (one acquire load). */
static inline uint64_t carp_balance_read(const struct carp_balance *b)
{
	return atomic_load_explicit(&((struct carp_balance *)b)->word, memory_order_acquire);
}

#endif /* CARP_BALANCE_H */
