/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CARP authentication: the 20-byte key and the HMAC-SHA1 digest exactly as
 * OpenBSD computes it (spec 2.2/2.3):
 *
 *   md = HMAC-SHA1(key, 0x02 || 0x01 || [lladdr] || vhid || IPv4 addrs
 *                       ascending || IPv6 addrs ascending || counter)
 *
 * A context is precomputed whenever the configuration changes; per packet
 * only the 8 counter bytes and the outer hash are processed. Two contexts are
 * kept as in OpenBSD: NOV6LL (IPv6 link-local addresses skipped; sent) and
 * ORIG (link-locals kept with the scope bytes 2-3 zeroed; also accepted).
 * SHA-1 comes from OpenSSL libcrypto (EVP digest API). Per digest the
 * precomputed states are duplicated with EVP_MD_CTX_copy_ex; OpenSSL 3.0
 * allocates a small provider context inside that call (it has no in-place
 * copy), so "no allocation" holds for this library's own code only. That
 * is a handful of digests per second per vhid on the control lcore.
 */
#ifndef CARP_AUTH_H
#define CARP_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "carp_wire.h"

#define CARP_KEY_LEN        20
#define CARP_PASSPHRASE_MAX 19 /* ifconfig copies a NUL-terminated string */
#define CARP_MAX_ADDRS      32 /* per family, per carp interface */

struct carp_key {
	uint8_t b[CARP_KEY_LEN];
};

/* Key from a passphrase with BSD ifconfig semantics: at most the first 19
 * bytes are used, the rest of the 20 bytes is zero. NULL or "" = all-zero
 * key (authentication still computed). Returns the number of passphrase
 * bytes used (so a caller can warn when it truncated). */
size_t carp_key_from_passphrase(struct carp_key *key, const char *pass);

/* Key from 20 raw bytes (kernel API form, e.g. configured as hex). */
void carp_key_from_raw(struct carp_key *key, const uint8_t raw[CARP_KEY_LEN]);

/* The virtual addresses of a carp interface, in configuration order. */
struct carp_addr_list {
	unsigned n4, n6;
	uint8_t v4[CARP_MAX_ADDRS][4];
	uint8_t v6[CARP_MAX_ADDRS][16];
};

/* Sort ascending and drop duplicates exactly as OpenBSD's selection loop
 * does: IPv4 by 32-bit value, IPv6 by memcmp; 0.0.0.0, 255.255.255.255, ::
 * and ffff:...:ffff are never selected. `link_local` selects what happens to
 * fe80::/10 addresses: false = skipped (NOV6LL), true = kept with bytes 2-3
 * zeroed (ORIG). Writes the hashed list to `out`. */
void carp_addr_list_canonical(const struct carp_addr_list *in, bool link_local,
                              struct carp_addr_list *out);

enum carp_hmac_ctx {
	CARP_HMAC_ORIG = 0,   /* link-local IPv6 included (scope zeroed) */
	CARP_HMAC_NOV6LL = 1, /* link-local IPv6 skipped: what we send */
	CARP_HMAC__COUNT
};

struct evp_md_ctx_st;

/* Precomputed state for one vhid. Create with carp_auth_init (allocates the
 * libcrypto contexts once), configure with carp_auth_prepare, release with
 * carp_auth_fini. Not thread-safe: one user (the control lcore). */
struct carp_auth {
	struct evp_md_ctx_st *inner[CARP_HMAC__COUNT]; /* ipad || message prefix */
	struct evp_md_ctx_st *outer;                   /* opad */
	struct evp_md_ctx_st *work;                    /* scratch per digest */
	bool same;                                     /* both contexts hash the same bytes */
	bool ready;
	uint8_t key[CARP_KEY_LEN];
	uint8_t kmd[CARP_MD_LEN]; /* SHA1(ipad || 0x02 || 0x01): ARP-balancing key */
};

/* Returns 0 or -ENOMEM. */
int carp_auth_init(struct carp_auth *auth);
void carp_auth_fini(struct carp_auth *auth);

/*
 * Precompute both contexts for `vhid` over `addrs` (any order, duplicates
 * allowed). `lladdr` (6 bytes) is hashed between type and vhid when non-NULL:
 * pass it only for the leader vhid of a carp interface whose MAC was set by
 * the administrator to something that is neither the default virtual MAC nor
 * the parent's MAC (spec 2.3 rule 5). Returns 0 or -EIO on a libcrypto error.
 */
int carp_auth_prepare(struct carp_auth *auth, const struct carp_key *key, uint8_t vhid,
                      const struct carp_addr_list *addrs, const uint8_t *lladdr);

/* Digest of the 8 counter bytes (big-endian as on the wire) with context
 * `ctx`. Returns 0 or -EIO. */
int carp_auth_digest(struct carp_auth *auth, enum carp_hmac_ctx ctx, uint64_t counter,
                     uint8_t md[CARP_MD_LEN]);

/* True when `md` matches NOV6LL or ORIG (constant-time compare). */
bool carp_auth_verify(struct carp_auth *auth, uint64_t counter, const uint8_t md[CARP_MD_LEN]);

/* Constant-time equality of two byte strings. */
bool carp_ct_equal(const uint8_t *a, const uint8_t *b, size_t len);

/* The exact HMAC message (without counter) for `ctx`, for tools that explain
 * digests (carpdump). Returns its length or -ENOSPC. */
int carp_auth_message(uint8_t vhid, const struct carp_addr_list *addrs, const uint8_t *lladdr,
                      enum carp_hmac_ctx ctx, uint8_t *buf, size_t cap);

#endif /* CARP_AUTH_H */
