/* SPDX-License-Identifier: BSD-2-Clause */
#include "carpdump_diag.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "carpdump_addr.h"

int carpdump_auth_init(struct carpdump_auth *a, const char *pass,
                       const struct carp_addr_list *addrs)
{
	uint8_t raw[CARP_KEY_LEN] = {0};

	memset(a, 0, sizeof(*a));
	a->pass_len = strlen(pass);
	carp_key_from_passphrase(&a->key, pass);
	memcpy(raw, pass, a->pass_len < CARP_KEY_LEN ? a->pass_len : CARP_KEY_LEN);
	carp_key_from_raw(&a->raw20, raw);
	/* Keep link-locals (ORIG form): lib/carp derives both contexts itself. */
	carp_addr_list_canonical(addrs, true, &a->addrs);
	a->naddrs = a->addrs.n4 + a->addrs.n6;
	if (a->naddrs == 0)
		return -EINVAL;
	return carp_auth_init(&a->hmac);
}

void carpdump_auth_fini(struct carpdump_auth *a)
{
	carp_auth_fini(&a->hmac);
}

static int try_match(struct carpdump_auth *a, const struct carp_key *key,
                     const struct carp_addr_list *l, const struct carp_adv *adv, bool *match)
{
	int rc = carp_auth_prepare(&a->hmac, key, adv->vhid, l, NULL);

	if (rc < 0)
		return rc;
	*match = carp_auth_verify(&a->hmac, adv->counter, adv->md);
	return 0;
}

/* Address list number `i` of kind `kind` (SINGLE/MISSING: around address i). */
static void build_list(const struct carpdump_auth *a, enum carpdump_diag_list kind, unsigned i,
                       struct carp_addr_list *l)
{
	struct carp_ipaddr addr;

	if (kind == CARPDUMP_LIST_FULL) {
		*l = a->addrs;
		return;
	}
	memset(l, 0, sizeof(*l));
	for (unsigned j = 0; j < a->naddrs; j++) {
		if ((kind == CARPDUMP_LIST_SINGLE) != (j == i))
			continue;
		carpdump_addr_list_get(&a->addrs, j, &addr);
		(void)carpdump_addr_list_add(l, &addr); /* subset: fits */
	}
}

/* One hypothesis: key x list; on a match records it in d. */
static int try_list(struct carpdump_auth *a, const struct carp_key *key,
                    enum carpdump_diag_key kname, enum carpdump_diag_list kind,
                    const struct carp_addr_list *l, const struct carp_ipaddr *addr,
                    const struct carp_adv *adv, struct carpdump_diag *d, bool *found)
{
	int rc = try_match(a, key, l, adv, found);

	if (rc == 0 && *found) {
		d->key = kname;
		d->list = kind;
		if (addr != NULL)
			d->addr = *addr;
	}
	return rc;
}

static bool list_has4(const struct carp_addr_list *l, const uint8_t v4[4])
{
	for (unsigned i = 0; i < l->n4; i++)
		if (memcmp(l->v4[i], v4, 4) == 0)
			return true;
	return false;
}

/*
 * EXTRA: the peer hashes one address we lack. Only guessable for IPv4: try
 * every address of the /24s of our IPv4 addresses and of the sender (VIPs
 * are usually on the sender's subnet); at most (n4 + 1) x 256 HMACs.
 */
static int try_extra(struct carpdump_auth *a, const struct carp_key *key,
                     enum carpdump_diag_key kname, const struct carp_pkt *pkt,
                     struct carpdump_diag *d, bool *found)
{
	uint8_t nets[CARP_MAX_ADDRS + 1][3];
	unsigned nnets = 0;
	struct carp_addr_list l;
	struct carp_ipaddr cand = {.family = CARP_AF_INET};

	*found = false;
	if (a->addrs.n4 >= CARP_MAX_ADDRS)
		return 0;
	for (unsigned i = 0; i <= a->addrs.n4; i++) {
		const uint8_t *net = i < a->addrs.n4 ? a->addrs.v4[i] : pkt->src.a;
		bool dup = false;

		if (i == a->addrs.n4 && pkt->src.family != CARP_AF_INET)
			break;
		for (unsigned j = 0; j < nnets; j++)
			dup |= memcmp(nets[j], net, 3) == 0;
		if (!dup)
			memcpy(nets[nnets++], net, 3);
	}
	for (unsigned n = 0; n < nnets; n++) {
		memcpy(cand.a, nets[n], 3);
		for (unsigned host = 0; host < 256; host++) {
			int rc;

			cand.a[3] = (uint8_t)host;
			if (list_has4(&a->addrs, cand.a))
				continue;
			l = a->addrs;
			(void)carpdump_addr_list_add(&l, &cand); /* n4 < max */
			rc = try_list(a, key, kname, CARPDUMP_LIST_EXTRA, &l, &cand, &pkt->adv, d,
			              found);
			if (rc < 0 || *found)
				return rc;
		}
	}
	return 0;
}

/* Tries every list kind for one key; sets d on the first match. */
static int try_key(struct carpdump_auth *a, const struct carp_key *key,
                   enum carpdump_diag_key kname, const struct carp_pkt *pkt,
                   struct carpdump_diag *d, bool *found)
{
	static const enum carpdump_diag_list kinds[] = {CARPDUMP_LIST_SINGLE,
	                                                CARPDUMP_LIST_MISSING};
	struct carp_addr_list l;
	struct carp_ipaddr addr;
	int rc;

	rc = try_list(a, key, kname, CARPDUMP_LIST_FULL, &a->addrs, NULL, &pkt->adv, d, found);
	if (rc < 0 || *found)
		return rc;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		/* one address: SINGLE equals FULL, MISSING is empty;
		 * two: MISSING equals SINGLE of the other one */
		if (kinds[k] == CARPDUMP_LIST_SINGLE && a->naddrs < 2)
			continue;
		if (kinds[k] == CARPDUMP_LIST_MISSING && a->naddrs < 3)
			continue;
		for (unsigned i = 0; i < a->naddrs; i++) {
			build_list(a, kinds[k], i, &l);
			carpdump_addr_list_get(&a->addrs, i, &addr);
			rc = try_list(a, key, kname, kinds[k], &l, &addr, &pkt->adv, d, found);
			if (rc < 0 || *found)
				return rc;
		}
	}
	return try_extra(a, key, kname, pkt, d, found);
}

int carpdump_diagnose(struct carpdump_auth *a, const struct carp_pkt *pkt, struct carpdump_diag *d)
{
	static const struct carp_key zero;
	bool found;
	int rc;

	memset(d, 0, sizeof(*d));
	rc = try_key(a, &a->key, CARPDUMP_KEY_PASS, pkt, d, &found);
	if (rc < 0 || found) {
		d->ok = found && d->list == CARPDUMP_LIST_FULL;
		return rc;
	}
	if (memcmp(&a->key, &zero, sizeof(zero)) != 0) {
		rc = try_key(a, &zero, CARPDUMP_KEY_EMPTY, pkt, d, &found);
		if (rc < 0 || found)
			return rc;
	}
	if (a->pass_len >= CARP_KEY_LEN) {
		rc = try_key(a, &a->raw20, CARPDUMP_KEY_RAW20, pkt, d, &found);
		if (rc < 0 || found)
			return rc;
	}
	d->key = CARPDUMP_KEY_NONE;
	d->list = CARPDUMP_LIST_NONE;
	return 0;
}

int carpdump_diag_text(const struct carpdump_auth *a, const struct carpdump_diag *d, char *buf,
                       size_t cap)
{
	static const char *const key_phrase[] = {
	    [CARPDUMP_KEY_PASS] = "",
	    [CARPDUMP_KEY_EMPTY] = " an empty passphrase (all-zero key)",
	    [CARPDUMP_KEY_RAW20] = " the first 20 passphrase bytes as a raw key",
	};
	static const char *const key_why[] = {
	    [CARPDUMP_KEY_PASS] = "",
	    [CARPDUMP_KEY_EMPTY] = "the peer has no passphrase set",
	    [CARPDUMP_KEY_RAW20] = "the peer's key is 20 raw bytes (kernel API) "
	                           "while ifconfig and we use only the first 19",
	};
	char addr[CARPDUMP_ADDRSTRLEN];
	const char *with = d->key == CARPDUMP_KEY_PASS ? "" : " with";
	const char *sep = d->key == CARPDUMP_KEY_PASS ? "" : "; ";

	if (d->ok)
		return snprintf(buf, cap,
		                "digest matches the passphrase and "
		                "%u address%s",
		                a->naddrs, a->naddrs == 1 ? "" : "es");
	if (d->key == CARPDUMP_KEY_NONE)
		return snprintf(buf, cap,
		                "wrong passphrase, or address lists "
		                "differ (could not tell which)%s",
		                a->naddrs == 1 ? "; we hash a single address: a "
		                                 "peer hashing several cannot match"
		                               : "");
	carpdump_ipaddr_str(&d->addr, addr);
	switch (d->list) {
	case CARPDUMP_LIST_SINGLE:
		return snprintf(buf, cap,
		                "digest matches%s%s address %s alone: "
		                "%s%sthe peer hashes a single address%s while we "
		                "hash %u addresses",
		                key_phrase[d->key], with, addr, key_why[d->key], sep,
		                d->addr.family == CARP_AF_INET ? " (ucarp?)" : "", a->naddrs);
	case CARPDUMP_LIST_MISSING:
		return snprintf(buf, cap,
		                "digest matches%s%s our addresses "
		                "without %s: %s%sthe peer does not hash %s "
		                "(address lists differ)",
		                key_phrase[d->key], with, addr, key_why[d->key], sep, addr);
	case CARPDUMP_LIST_EXTRA:
		if (a->naddrs == 1) {
			struct carp_ipaddr x;
			char ours[CARPDUMP_ADDRSTRLEN];

			carpdump_addr_list_get(&a->addrs, 0, &x);
			return snprintf(buf, cap,
			                "digest matches%s%s our address "
			                "%s plus %s: %s%swe hash a single address "
			                "(as ucarp does) while the peer hashes 2 "
			                "(address lists differ: add %s)",
			                key_phrase[d->key], with, carpdump_ipaddr_str(&x, ours),
			                addr, key_why[d->key], sep, addr);
		}
		return snprintf(buf, cap,
		                "digest matches%s%s our addresses "
		                "plus %s: %s%sthe peer hashes %u addresses while "
		                "we hash %u (address lists differ: add %s)",
		                key_phrase[d->key], with, addr, key_why[d->key], sep, a->naddrs + 1,
		                a->naddrs, addr);
	default: /* FULL with another key */
		return snprintf(buf, cap, "digest matches%s: %s", key_phrase[d->key],
		                key_why[d->key]);
	}
}

const char *carpdump_auth_note(const struct carpdump_auth *a)
{
	if (a->pass_len > CARP_PASSPHRASE_MAX)
		return "the passphrase is longer than 19 bytes: only the first "
		       "19 are used (as BSD ifconfig does); ucarp refuses it";
	if (a->pass_len == 0)
		return "empty passphrase: all-zero key (BSD without 'pass'); "
		       "ucarp cannot use it";
	return NULL;
}
