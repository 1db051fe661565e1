/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Authentication check and diagnosis for carpdump: does an advertisement's
 * digest match our passphrase and address list, and if not, which common
 * misconfiguration explains it (spec 10.1/10.2)?
 *
 * Hypotheses are tried with lib/carp's own HMAC (carp_auth_prepare/verify),
 * keys x address lists, first match wins:
 *   keys:  the passphrase (first 19 bytes, BSD ifconfig), the all-zero key
 *          (peer without passphrase), the first 20 passphrase bytes as a raw
 *          key (peer configured through the kernel API; only for >= 20 bytes);
 *   lists: ours, each single address of ours alone (ucarp hashes exactly one
 *          IPv4 address), ours without one address, ours plus one IPv4
 *          address from the /24 of one of ours or of the sender (the peer
 *          has a VIP we lack, e.g. we are configured like ucarp).
 * Order of our list does not matter (lib/carp sorts, as OpenBSD).
 */
#ifndef CARPDUMP_DIAG_H
#define CARPDUMP_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "carp_auth.h"
#include "carp_wire.h"

/* Which key reproduced the digest. */
enum carpdump_diag_key {
	CARPDUMP_KEY_NONE,  /* no key tried matched */
	CARPDUMP_KEY_PASS,  /* the given passphrase (first 19 bytes) */
	CARPDUMP_KEY_EMPTY, /* an empty passphrase (all-zero key) */
	CARPDUMP_KEY_RAW20, /* the first 20 passphrase bytes as a raw key */
};

/* Which address list reproduced the digest. */
enum carpdump_diag_list {
	CARPDUMP_LIST_NONE,    /* no address list tried matched */
	CARPDUMP_LIST_FULL,    /* our address list */
	CARPDUMP_LIST_SINGLE,  /* one of our addresses alone */
	CARPDUMP_LIST_MISSING, /* our address list without one address */
	CARPDUMP_LIST_EXTRA,   /* ours plus one IPv4 address of a nearby /24 */
};

/* What the operator told us (--pass, --addr) plus scratch HMAC state. */
struct carpdump_auth {
	struct carp_key key;         /* passphrase, first <= 19 bytes */
	struct carp_key raw20;       /* first 20 passphrase bytes (RAW20) */
	size_t pass_len;             /* full passphrase length */
	struct carp_addr_list addrs; /* canonical (sorted, deduplicated) */
	unsigned naddrs;             /* addresses we hash */
	struct carp_auth hmac;
};

struct carpdump_diag {
	bool ok;                    /* digest matches PASS + FULL */
	enum carpdump_diag_key key; /* NONE when nothing matched */
	enum carpdump_diag_list list;
	struct carp_ipaddr addr; /* the SINGLE, MISSING or EXTRA address */
};

/* Returns 0, -EINVAL (empty list) or -ENOMEM. `pass` may be "" (zero key). */
int carpdump_auth_init(struct carpdump_auth *a, const char *pass,
                       const struct carp_addr_list *addrs);
void carpdump_auth_fini(struct carpdump_auth *a);

/* Check the advertisement (vhid, counter, digest; the IPv4 source seeds the
 * EXTRA guesses) and diagnose a mismatch. Returns 0 or -EIO (libcrypto). */
int carpdump_diagnose(struct carpdump_auth *a, const struct carp_pkt *pkt, struct carpdump_diag *d);

/* One line of text for a failed check ("digest matches address X alone: ..."
 * or "wrong passphrase, or address lists differ (could not tell which)").
 * Returns snprintf's count. */
int carpdump_diag_text(const struct carpdump_auth *a, const struct carpdump_diag *d, char *buf,
                       size_t cap);

/* Extra remark about the configuration itself, or NULL: a passphrase longer
 * than 19 bytes (truncated like BSD ifconfig; ucarp refuses it). */
const char *carpdump_auth_note(const struct carpdump_auth *a);

#endif /* CARPDUMP_DIAG_H */
