/* SPDX-License-Identifier: BSD-2-Clause */
/* pfsync HMAC in pfcksum with a replay window: see pfsync_auth.h. */
#include "pfsync_auth.h"

#include <errno.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#define SEQ_MAX ((1u << PFSYNC_AUTH_SEQ_BITS) - 1)

static const char *const mode_names[] = {
#define X(e, n) [PFSYNC_AUTH_##e] = n,
    PFSYNC_AUTH_MODES(X)
#undef X
};

static const char *const verdict_names[] = {
#define X(e, n) [PFSYNC_AUTH_V_##e] = #n,
    PFSYNC_AUTH_VERDICTS(X)
#undef X
};

const char *pfsync_auth_mode_name(enum pfsync_auth_mode m)
{
	return (unsigned)m < PFSYNC_AUTH__COUNT ? mode_names[m] : "?";
}

int pfsync_auth_mode_parse(const char *s, enum pfsync_auth_mode *m)
{
	unsigned i;

	for (i = 0; s != NULL && i < PFSYNC_AUTH__COUNT; i++) {
		if (strcmp(s, mode_names[i]) == 0) {
			*m = (enum pfsync_auth_mode)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *pfsync_auth_verdict_name(enum pfsync_auth_verdict v)
{
	return (unsigned)v <= PFSYNC_AUTH_V_REPLAY ? verdict_names[v] : "?";
}

int pfsync_auth_init(struct pfsync_auth *a)
{
	EVP_MAC *mac;
	unsigned i;

	memset(a, 0, sizeof(*a));
	mac = EVP_MAC_fetch(NULL, OSSL_MAC_NAME_HMAC, NULL);
	if (mac == NULL)
		return -ENOMEM;
	for (i = 0; i < 2; i++) {
		a->mac[i] = EVP_MAC_CTX_new(mac);
		if (a->mac[i] == NULL) {
			EVP_MAC_free(mac);
			pfsync_auth_fini(a);
			return -ENOMEM;
		}
	}
	EVP_MAC_free(mac); /* the contexts hold their reference */
	a->mode = PFSYNC_AUTH_OFF;
	return 0;
}

void pfsync_auth_fini(struct pfsync_auth *a)
{
	unsigned i;

	for (i = 0; i < 2; i++) {
		EVP_MAC_CTX_free(a->mac[i]);
		a->mac[i] = NULL;
		a->have[i] = false;
	}
}

int pfsync_auth_set_key(struct pfsync_auth *a, unsigned slot, const uint8_t *key, size_t len)
{
	char digest[] = "SHA256";
	OSSL_PARAM params[] = {
	    OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
	    OSSL_PARAM_construct_end(),
	};

	if (slot > 1 || key == NULL || len < PFSYNC_KEY_MIN || len > PFSYNC_KEY_MAX ||
	    a->mac[slot] == NULL)
		return -EINVAL;
	a->have[slot] = false;
	if (EVP_MAC_init(a->mac[slot], key, len, params) != 1)
		return -EIO;
	a->have[slot] = true;
	return 0;
}

void pfsync_auth_clear_key(struct pfsync_auth *a, unsigned slot)
{
	if (slot <= 1)
		a->have[slot] = false;
}

void pfsync_auth_start(struct pfsync_auth *a, uint64_t wall_ms)
{
	a->epoch_ms = wall_ms;
	a->seq = 0;
	memset(a->peers, 0, sizeof(a->peers));
	a->clock = 0;
}

static uint64_t counter_of(uint64_t epoch_ms, uint32_t seq)
{
	return epoch_ms << PFSYNC_AUTH_SEQ_BITS | seq;
}

uint64_t pfsync_auth_peek_counter(const struct pfsync_auth *a)
{
	if (a->seq >= SEQ_MAX)
		return counter_of(a->epoch_ms + 1, 1);
	return counter_of(a->epoch_ms, a->seq + 1);
}

static const uint8_t zero_tag[PFSYNC_AUTH_TAG_LEN];

int pfsync_auth_tag(struct pfsync_auth *a, unsigned slot, const uint8_t src[4],
                    const uint8_t dst[4], const uint8_t *frame, size_t frame_len,
                    uint8_t tag[PFSYNC_AUTH_TAG_LEN])
{
	EVP_MAC_CTX *c;
	uint8_t md[32];
	size_t mdlen = 0;

	if (slot > 1 || !a->have[slot] || frame_len < PFSYNC_HDR_LEN)
		return -EINVAL;
	c = a->mac[slot];
	/* NULL key: restart from the keyed state set by set_key */
	if (EVP_MAC_init(c, NULL, 0, NULL) != 1 || EVP_MAC_update(c, src, 4) != 1 ||
	    EVP_MAC_update(c, dst, 4) != 1 || EVP_MAC_update(c, frame, PFSYNC_AUTH_TAG_OFF) != 1 ||
	    EVP_MAC_update(c, zero_tag, sizeof(zero_tag)) != 1 ||
	    EVP_MAC_update(c, frame + PFSYNC_HDR_LEN, frame_len - PFSYNC_HDR_LEN) != 1 ||
	    EVP_MAC_final(c, md, &mdlen, sizeof(md)) != 1 || mdlen != sizeof(md))
		return -EIO;
	memcpy(tag, md, PFSYNC_AUTH_TAG_LEN);
	return 0;
}

int pfsync_auth_sign(struct pfsync_auth *a, uint64_t wall_ms, uint8_t *pkt, size_t len)
{
	uint8_t *frame = pkt + PFSYNC_IP4_HDR_LEN;
	size_t flen;

	if (!a->have[0] || len < PFSYNC_MINPKT || pkt[0] != 0x45)
		return -EINVAL;
	flen = pfsync_be16(frame + 2);
	if (flen < PFSYNC_HDR_LEN || flen > len - PFSYNC_IP4_HDR_LEN)
		return -EINVAL;
	if (a->seq >= SEQ_MAX) {
		a->epoch_ms = wall_ms > a->epoch_ms ? wall_ms : a->epoch_ms + 1;
		a->seq = 0;
	}
	a->seq++;
	pfsync_put64(frame + PFSYNC_AUTH_CTR_OFF, counter_of(a->epoch_ms, a->seq));
	return pfsync_auth_tag(a, 0, pkt + 12, pkt + 16, frame, flen, frame + PFSYNC_AUTH_TAG_OFF);
}

static struct pfsync_auth_peer *peer_get(struct pfsync_auth *a, const uint8_t src[4])
{
	struct pfsync_auth_peer *p, *victim = &a->peers[0];
	unsigned i;

	for (i = 0; i < PFSYNC_AUTH_PEERS; i++) {
		p = &a->peers[i];
		if (p->used && memcmp(p->src, src, 4) == 0)
			return p;
		if (!p->used || (victim->used && p->touched < victim->touched))
			victim = p;
	}
	memset(victim, 0, sizeof(*victim));
	memcpy(victim->src, src, 4);
	return victim;
}

/* RFC 4303-style window; `fresh` peers accept any first counter. */
static bool window_accept(struct pfsync_auth_peer *p, uint64_t ctr)
{
	uint64_t d;

	if (!p->used) {
		p->used = true;
		p->top = ctr;
		p->window = 1;
		return true;
	}
	if (ctr > p->top) {
		d = ctr - p->top;
		p->window = d >= PFSYNC_AUTH_WINDOW ? 1 : p->window << d | 1;
		p->top = ctr;
		return true;
	}
	d = p->top - ctr;
	if (d >= PFSYNC_AUTH_WINDOW || (p->window >> d & 1))
		return false;
	p->window |= (uint64_t)1 << d;
	return true;
}

int pfsync_auth_verify(struct pfsync_auth *a, const struct pfsync_ip4 *ip, const uint8_t *frame,
                       size_t frame_len, enum pfsync_auth_verdict *v)
{
	static const uint8_t zero[PFSYNC_CKSUM_LEN];
	uint8_t tag[PFSYNC_AUTH_TAG_LEN];
	struct pfsync_auth_peer *p;
	bool ok = false;
	unsigned slot;
	int rc;

	if (memcmp(frame + PFSYNC_CKSUM_OFF, zero, sizeof(zero)) == 0) {
		*v = PFSYNC_AUTH_V_UNSIGNED;
		return 0;
	}
	for (slot = 0; slot < 2; slot++) {
		if (!a->have[slot])
			continue;
		rc = pfsync_auth_tag(a, slot, ip->src, ip->dst, frame, frame_len, tag);
		if (rc < 0)
			return rc;
		if (CRYPTO_memcmp(tag, frame + PFSYNC_AUTH_TAG_OFF, sizeof(tag)) == 0)
			ok = true;
	}
	if (!ok) {
		*v = PFSYNC_AUTH_V_BAD;
		return 0;
	}
	p = peer_get(a, ip->src);
	p->touched = ++a->clock;
	*v = window_accept(p, pfsync_be64(frame + PFSYNC_AUTH_CTR_OFF)) ? PFSYNC_AUTH_V_OK
	                                                                : PFSYNC_AUTH_V_REPLAY;
	return 0;
}

enum pfsync_rx pfsync_auth_decide(enum pfsync_auth_mode mode, enum pfsync_auth_verdict v)
{
	if (mode != PFSYNC_AUTH_REQUIRED)
		return PFSYNC_RX_OK;
	switch (v) {
	case PFSYNC_AUTH_V_OK:
		return PFSYNC_RX_OK;
	case PFSYNC_AUTH_V_UNSIGNED:
		return PFSYNC_RX_NOAUTH;
	case PFSYNC_AUTH_V_REPLAY:
		return PFSYNC_RX_REPLAY;
	default:
		return PFSYNC_RX_BADAUTH;
	}
}
