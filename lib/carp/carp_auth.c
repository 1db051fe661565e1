/* SPDX-License-Identifier: BSD-2-Clause */
/* CARP HMAC-SHA1 (OpenBSD computation): see carp_auth.h. */
#include "carp_auth.h"

#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#define SHA1_BLOCK 64

size_t carp_key_from_passphrase(struct carp_key *key, const char *pass)
{
	size_t n = 0;

	memset(key->b, 0, sizeof(key->b));
	if (pass == NULL)
		return 0;
	/* strlcpy into a 20-byte field: 19 bytes + NUL at most. */
	while (n < CARP_PASSPHRASE_MAX && pass[n] != '\0') {
		key->b[n] = (uint8_t)pass[n];
		n++;
	}
	return n;
}

void carp_key_from_raw(struct carp_key *key, const uint8_t raw[CARP_KEY_LEN])
{
	memcpy(key->b, raw, CARP_KEY_LEN);
}

bool carp_ct_equal(const uint8_t *a, const uint8_t *b, size_t len)
{
	return CRYPTO_memcmp(a, b, len) == 0;
}

/* OpenBSD's IN6_IS_SCOPE_EMBED: link-local unicast, interface- and
 * link-local multicast. */
static bool v6_scope_embedded(const uint8_t a[16])
{
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return true;
	return a[0] == 0xff && ((a[1] & 0x0f) == 0x01 || (a[1] & 0x0f) == 0x02);
}

static uint32_t v4_value(const uint8_t a[4])
{
	return (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
}

void carp_addr_list_canonical(const struct carp_addr_list *in, bool link_local,
                              struct carp_addr_list *out)
{
	static const uint8_t ones6[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	                                  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	uint8_t last6[16], cur6[16], a6[16];
	uint32_t last, cur, v;
	unsigned i, n4 = in->n4 < CARP_MAX_ADDRS ? in->n4 : CARP_MAX_ADDRS;
	unsigned n6 = in->n6 < CARP_MAX_ADDRS ? in->n6 : CARP_MAX_ADDRS;
	bool found;

	memset(out, 0, sizeof(*out));
	/* Same selection loop as OpenBSD: repeatedly pick the smallest value
	 * strictly greater than the previous one, below all-ones. */
	cur = 0;
	do {
		found = false;
		last = cur;
		cur = 0xffffffffu;
		for (i = 0; i < n4; i++) {
			v = v4_value(in->v4[i]);
			if (v > last && v < cur) {
				cur = v;
				found = true;
			}
		}
		if (found) {
			out->v4[out->n4][0] = (uint8_t)(cur >> 24);
			out->v4[out->n4][1] = (uint8_t)(cur >> 16);
			out->v4[out->n4][2] = (uint8_t)(cur >> 8);
			out->v4[out->n4][3] = (uint8_t)cur;
			out->n4++;
		}
	} while (found);

	memset(cur6, 0, sizeof(cur6));
	do {
		found = false;
		memcpy(last6, cur6, 16);
		memcpy(cur6, ones6, 16);
		for (i = 0; i < n6; i++) {
			memcpy(a6, in->v6[i], 16);
			if (v6_scope_embedded(a6)) {
				if (!link_local)
					continue;
				a6[2] = a6[3] = 0; /* KAME scope id */
			}
			if (memcmp(a6, last6, 16) > 0 && memcmp(a6, cur6, 16) < 0) {
				memcpy(cur6, a6, 16);
				found = true;
			}
		}
		if (found)
			memcpy(out->v6[out->n6++], cur6, 16);
	} while (found);
}

int carp_auth_message(uint8_t vhid, const struct carp_addr_list *addrs, const uint8_t *lladdr,
                      enum carp_hmac_ctx ctx, uint8_t *buf, size_t cap)
{
	struct carp_addr_list c;
	size_t n = 0, need;
	unsigned i;

	carp_addr_list_canonical(addrs, ctx == CARP_HMAC_ORIG, &c);
	need = 3 + (lladdr ? 6 : 0) + 4 * (size_t)c.n4 + 16 * (size_t)c.n6;
	if (need > cap)
		return -ENOSPC;
	buf[n++] = 0x02; /* version and type as two separate bytes */
	buf[n++] = 0x01;
	if (lladdr) {
		memcpy(buf + n, lladdr, 6);
		n += 6;
	}
	buf[n++] = vhid;
	for (i = 0; i < c.n4; i++, n += 4)
		memcpy(buf + n, c.v4[i], 4);
	for (i = 0; i < c.n6; i++, n += 16)
		memcpy(buf + n, c.v6[i], 16);
	return (int)n;
}

int carp_auth_init(struct carp_auth *auth)
{
	int i;

	memset(auth, 0, sizeof(*auth));
	for (i = 0; i < CARP_HMAC__COUNT; i++)
		auth->inner[i] = EVP_MD_CTX_new();
	auth->outer = EVP_MD_CTX_new();
	auth->work = EVP_MD_CTX_new();
	for (i = 0; i < CARP_HMAC__COUNT; i++)
		if (auth->inner[i] == NULL)
			goto fail;
	if (auth->outer == NULL || auth->work == NULL)
		goto fail;
	return 0;
fail:
	carp_auth_fini(auth);
	return -ENOMEM;
}

void carp_auth_fini(struct carp_auth *auth)
{
	int i;

	for (i = 0; i < CARP_HMAC__COUNT; i++)
		EVP_MD_CTX_free(auth->inner[i]);
	EVP_MD_CTX_free(auth->outer);
	EVP_MD_CTX_free(auth->work);
	OPENSSL_cleanse(auth, sizeof(*auth));
}

int carp_auth_prepare(struct carp_auth *auth, const struct carp_key *key, uint8_t vhid,
                      const struct carp_addr_list *addrs, const uint8_t *lladdr)
{
	/* 3 + 6 + 32*4 + 32*16 bytes at most */
	uint8_t msg[3 + 6 + CARP_MAX_ADDRS * 20];
	uint8_t pad[SHA1_BLOCK];
	unsigned int mdlen;
	int i, len[CARP_HMAC__COUNT];
	int ok = 1;

	if (auth->work == NULL)
		return -EINVAL;
	auth->ready = false;
	memcpy(auth->key, key->b, CARP_KEY_LEN);
	memset(pad, 0, sizeof(pad));
	memcpy(pad, key->b, CARP_KEY_LEN);
	for (i = 0; i < SHA1_BLOCK; i++)
		pad[i] ^= 0x36;

	for (i = 0; i < CARP_HMAC__COUNT; i++) {
		len[i] = carp_auth_message(vhid, addrs, lladdr, i, msg, sizeof(msg));
		if (len[i] < 0)
			return len[i];
		ok &= EVP_DigestInit_ex(auth->inner[i], EVP_sha1(), NULL);
		ok &= EVP_DigestUpdate(auth->inner[i], pad, sizeof(pad));
		ok &= EVP_DigestUpdate(auth->inner[i], msg, (size_t)len[i]);
	}
	/* ARP-balancing key: SHA1(ipad || 0x02 || 0x01), before lladdr/vhid. */
	ok &= EVP_DigestInit_ex(auth->work, EVP_sha1(), NULL);
	ok &= EVP_DigestUpdate(auth->work, pad, sizeof(pad));
	ok &= EVP_DigestUpdate(auth->work, msg, 2);
	ok &= EVP_DigestFinal_ex(auth->work, auth->kmd, &mdlen);

	for (i = 0; i < SHA1_BLOCK; i++)
		pad[i] ^= 0x36 ^ 0x5c;
	ok &= EVP_DigestInit_ex(auth->outer, EVP_sha1(), NULL);
	ok &= EVP_DigestUpdate(auth->outer, pad, sizeof(pad));
	OPENSSL_cleanse(pad, sizeof(pad));
	if (!ok)
		return -EIO;
	auth->same = len[CARP_HMAC_ORIG] == len[CARP_HMAC_NOV6LL];
	auth->ready = true;
	return 0;
}

int carp_auth_digest(struct carp_auth *auth, enum carp_hmac_ctx ctx, uint64_t counter,
                     uint8_t md[CARP_MD_LEN])
{
	uint8_t c[8], inner[EVP_MAX_MD_SIZE];
	unsigned int n;
	int i, ok = 1;

	if (!auth->ready || (unsigned)ctx >= CARP_HMAC__COUNT)
		return -EINVAL;
	for (i = 0; i < 8; i++)
		c[i] = (uint8_t)(counter >> (56 - 8 * i));
	ok &= EVP_MD_CTX_copy_ex(auth->work, auth->inner[ctx]);
	ok &= EVP_DigestUpdate(auth->work, c, sizeof(c));
	ok &= EVP_DigestFinal_ex(auth->work, inner, &n);
	ok &= EVP_MD_CTX_copy_ex(auth->work, auth->outer);
	ok &= EVP_DigestUpdate(auth->work, inner, CARP_MD_LEN);
	ok &= EVP_DigestFinal_ex(auth->work, inner, &n);
	if (!ok)
		return -EIO;
	memcpy(md, inner, CARP_MD_LEN);
	return 0;
}

bool carp_auth_verify(struct carp_auth *auth, uint64_t counter, const uint8_t md[CARP_MD_LEN])
{
	uint8_t mine[CARP_MD_LEN];
	bool match;

	if (carp_auth_digest(auth, CARP_HMAC_NOV6LL, counter, mine) != 0)
		return false;
	match = carp_ct_equal(mine, md, CARP_MD_LEN);
	/* The ORIG digest differs only when a link-local is configured. */
	if (!match && !auth->same && carp_auth_digest(auth, CARP_HMAC_ORIG, counter, mine) == 0)
		match = carp_ct_equal(mine, md, CARP_MD_LEN);
	return match;
}
