/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Authentication beyond OpenBSD: a truncated HMAC-SHA256 and a replay
 * counter carried in the 16-byte `pfcksum` field of the pfsync header,
 * which OpenBSD's sender leaves zero and its receiver never reads.
 *
 *   pfcksum[0..7]  counter, big-endian: (epoch_ms << 22) | seq
 *   pfcksum[8..15] the first 8 bytes of
 *                  HMAC-SHA256(key, ip_src || ip_dst || frame')
 * where frame' is the pfsync header and everything after it up to the
 * header's len, with the 8 tag bytes zeroed (the counter is covered).
 * Covered: every pfsync byte a receiver acts on, the counter, and the IPv4
 * source and destination (so a frame cannot be replayed under another
 * sender's name, nor to another unicast peer). Not covered: the rest of
 * the IPv4 header (TTL is checked, id is random), bytes past len (a
 * receiver trims them, as OpenBSD).
 *
 * Counter: epoch_ms is the sender's wall clock (ms since 1970) when it
 * started, seq counts packets from 1; when seq would pass 2^22-1 the
 * epoch becomes max(epoch + 1, now_ms). Strictly increasing across sender
 * restarts as long as the wall clock does not step back and restarts are
 * 1 ms apart; wraps only after 4 M packets in a millisecond. A receiver
 * keeps, per sender address (8 senders), the highest counter and a 64-wide
 * window (RFC 4303 style) so reordering by up to 64 packets is accepted
 * and each counter value once.
 *
 * Modes: off (send zero, ignore the field: byte-identical to OpenBSD);
 * send-only (sign; accept every frame, verify signed ones and count
 * authok / authskip so an operator can see whether `required` would
 * work); required (drop unsigned: noauth, wrong tag: badauth, old counter:
 * replay). OpenBSD peers interoperate with off and send-only, since they
 * neither set nor check the field.
 *
 * Two key slots: slot 0 signs and verifies, slot 1 (a previous key) is
 * also accepted, so keys can be rolled without a gap. Constant-time tag
 * compare. Not thread-safe: one user (the sync context).
 */
#ifndef PFSYNC_AUTH_H
#define PFSYNC_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pfsync_wire.h"

#define PFSYNC_AUTH_MODES(X)                                                                       \
	X(OFF, "off")                                                                              \
	X(SEND_ONLY, "send-only")                                                                  \
	X(REQUIRED, "required")

enum pfsync_auth_mode {
#define X(e, n) PFSYNC_AUTH_##e,
	PFSYNC_AUTH_MODES(X)
#undef X
	    PFSYNC_AUTH__COUNT
};

/* "off", "send-only", "required"; "?" otherwise. */
const char *pfsync_auth_mode_name(enum pfsync_auth_mode m);
/* Parse a mode name. Returns 0 or -EINVAL. */
int pfsync_auth_mode_parse(const char *s, enum pfsync_auth_mode *m);

#define PFSYNC_KEY_MIN       16 /* bytes */
#define PFSYNC_KEY_MAX       64
#define PFSYNC_AUTH_TAG_LEN  8
#define PFSYNC_AUTH_CTR_OFF  (PFSYNC_CKSUM_OFF) /* in the pfsync header */
#define PFSYNC_AUTH_TAG_OFF  (PFSYNC_CKSUM_OFF + 8)
#define PFSYNC_AUTH_SEQ_BITS 22
#define PFSYNC_AUTH_PEERS    8
#define PFSYNC_AUTH_WINDOW   64

/* Verdict on a received frame. */
#define PFSYNC_AUTH_VERDICTS(X)                                                                    \
	X(UNSIGNED, unsigned)                                                                      \
	X(OK, ok)                                                                                  \
	X(BAD, bad)                                                                                \
	X(REPLAY, replay)

enum pfsync_auth_verdict {
#define X(e, n) PFSYNC_AUTH_V_##e,
	PFSYNC_AUTH_VERDICTS(X)
#undef X
};

const char *pfsync_auth_verdict_name(enum pfsync_auth_verdict v);

struct pfsync_auth_peer {
	bool used;
	uint8_t src[4];
	uint64_t top;    /* highest counter accepted */
	uint64_t window; /* bit i: top - i accepted */
	uint64_t touched;
};

struct evp_mac_ctx_st;

struct pfsync_auth {
	enum pfsync_auth_mode mode;
	struct evp_mac_ctx_st *mac[2]; /* keyed HMAC-SHA256 contexts */
	bool have[2];
	uint64_t epoch_ms; /* sender counter */
	uint32_t seq;
	struct pfsync_auth_peer peers[PFSYNC_AUTH_PEERS];
	uint64_t clock; /* LRU stamp for peers */
};

/* Allocate the libcrypto contexts (mode off, no keys). 0 or -ENOMEM. */
int pfsync_auth_init(struct pfsync_auth *a);
void pfsync_auth_fini(struct pfsync_auth *a);

/* Key for slot 0 (sign + verify) or 1 (verify only), PFSYNC_KEY_MIN..MAX
 * bytes. Returns 0, -EINVAL (length or slot) or -EIO (libcrypto). */
int pfsync_auth_set_key(struct pfsync_auth *a, unsigned slot, const uint8_t *key, size_t len);
void pfsync_auth_clear_key(struct pfsync_auth *a, unsigned slot);

/* Set the sender epoch (wall clock at start, ms since 1970) and forget
 * every peer's window. */
void pfsync_auth_start(struct pfsync_auth *a, uint64_t wall_ms);

/* Sign a finished packet (IPv4 header first) in place: counter and tag.
 * Needs a slot-0 key. Returns 0, -EINVAL (not a pfsync packet, no key) or
 * -EIO. `wall_ms` is only read when the sequence wraps. */
int pfsync_auth_sign(struct pfsync_auth *a, uint64_t wall_ms, uint8_t *pkt, size_t len);

/* Counter the next signature will carry (for tools and tests). */
uint64_t pfsync_auth_peek_counter(const struct pfsync_auth *a);

/*
 * Verify a received frame: `ip` from pfsync_ip4_parse, `frame` its
 * pfsync header with `frame_len` = the header's len. Updates the sender's
 * replay window on OK. Returns 0 with *v set, or -EIO (libcrypto).
 */
int pfsync_auth_verify(struct pfsync_auth *a, const struct pfsync_ip4 *ip, const uint8_t *frame,
                       size_t frame_len, enum pfsync_auth_verdict *v);

/* The tag as the sender computes it (KATs, tools). Returns 0 or -EIO. */
int pfsync_auth_tag(struct pfsync_auth *a, unsigned slot, const uint8_t src[4],
                    const uint8_t dst[4], const uint8_t *frame, size_t frame_len,
                    uint8_t tag[PFSYNC_AUTH_TAG_LEN]);

/* Receive decision for a verdict under the mode: PFSYNC_RX_OK (accept)
 * or NOAUTH / BADAUTH / REPLAY (drop). */
enum pfsync_rx pfsync_auth_decide(enum pfsync_auth_mode mode, enum pfsync_auth_verdict v);

#endif /* PFSYNC_AUTH_H */
