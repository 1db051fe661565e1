/* SPDX-License-Identifier: BSD-2-Clause */
/* nat-to source port allocation: see pf_nat.h. */
#include "pf_nat.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

void pf_portset_clear(struct pf_portset *s)
{
	memset(s, 0, sizeof(*s));
}

void pf_portset_add(struct pf_portset *s, uint16_t port)
{
	s->bits[port / 64] |= 1ULL << (port % 64);
}

void pf_portset_del(struct pf_portset *s, uint16_t port)
{
	s->bits[port / 64] &= ~(1ULL << (port % 64));
}

bool pf_portset_has(const struct pf_portset *s, uint16_t port)
{
	return (s->bits[port / 64] >> (port % 64)) & 1;
}

/* Is port free for the candidate key k (source port slot sidx)? */
static bool try_port(const struct pf_nat_req *r, pf_key_used_fn used, void *ctx,
                     struct pf_state_key *k, unsigned sidx, uint32_t port)
{
	uint8_t rdir = r->dir == PF_IN ? PF_OUT : PF_IN;

	if (r->reserved != NULL && pf_portset_has(r->reserved, (uint16_t)port))
		return false;
	k->port[sidx] = htons((uint16_t)port);
	return !used(ctx, k, rdir);
}

int pf_nat_map(const struct pf_nat_req *r, pf_key_used_fn used, void *ctx, struct pf_state_key *out)
{
	unsigned sidx = pf_sidx(r->dir);
	uint8_t rdir = r->dir == PF_IN ? PF_OUT : PF_IN;
	uint32_t lo = r->nat->port_lo, hi = r->nat->port_hi, cut, p;
	uint16_t orig = ntohs(r->orig.port[sidx]);
	struct pf_state_key k = r->orig;

	memcpy(k.addr[sidx].b, r->nat->addr.b, pf_af_bytes(k.af));
	if (r->icmp && !r->icmp_echo) {
		*out = k; /* pf does not try to modify non-echo ICMP */
		return 0;
	}
	if (r->icmp) {
		lo = 1;
		hi = 65535;
	} else if (k.proto != PF_PROTO_TCP && k.proto != PF_PROTO_UDP) {
		/* address only: the key as is must be free */
		if (used(ctx, &k, rdir))
			return -EADDRINUSE;
		*out = k;
		return 0;
	} else if (r->nat->static_port) {
		lo = hi = orig;
	}
	if (lo > hi) {
		uint32_t t = lo;

		lo = hi;
		hi = t;
	}
	cut = lo + r->rnd % (hi - lo + 1);
	for (p = cut; p <= hi; p++)
		if (try_port(r, used, ctx, &k, sidx, p)) {
			*out = k;
			return 0;
		}
	for (p = cut; p-- > lo;)
		if (try_port(r, used, ctx, &k, sidx, p)) {
			*out = k;
			return 0;
		}
	return -EADDRINUSE;
}
