/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The spec's OpenBSD-computed advertisement vectors (carp-vectors/vectors.json
 * in the team's shared folder, names V1..V8 as there), copied as constants so
 * the tests do not depend on a path outside the repository.
 */
#ifndef CARP_TEST_VECTORS_H
#define CARP_TEST_VECTORS_H

#include <stdint.h>

struct t_vec {
	const char *name;
	int family; /* 4 or 6 */
	uint8_t vhid, advbase, advskew, demote;
	uint64_t counter;
	const char *pass;
	const char *addrs4[3]; /* as configured (unsorted) */
	const char *addrs6[4];
	const char *src_mac, *dst_mac, *src_ip, *dst_ip;
	uint16_t ip_id;
	const char *hmac_input; /* NOV6LL message incl. counter */
	const char *md;         /* sent (NOV6LL) digest */
	const char *md_orig;    /* ORIG digest (V8 only) */
	uint16_t cksum;
	const char *frame;
};

extern const struct t_vec t_vecs[];
extern const unsigned t_nvecs;

#endif
