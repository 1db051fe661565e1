/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * nat-to: the translated key of a new state and its source port, as pf's
 * pf_get_sport(): start at a random port of the rule's range (default
 * 50001-65535), walk up to the top, then down from the start, and take
 * the first port whose reply key no state uses; static-port keeps the
 * source port (if free), a range of one port tries only that one, ICMP
 * echo allocates the id from 1-65535, other ICMP keeps it, other
 * protocols translate the address only. A port in `reserved` (e.g. the
 * pfsync peer's share of the range) is never chosen.
 *
 * `used` answers whether a key is taken for lookups of a direction: the
 * candidate is checked the way its replies will be looked up (the
 * opposite direction), so two states can never share a reply key.
 * Exhaustion returns -EADDRINUSE; the caller drops and counts "translate".
 */
#ifndef PF_NAT_H
#define PF_NAT_H

#include <stdbool.h>
#include <stdint.h>

#include "pf_rule.h"
#include "pf_state.h"

/* A set of ports: 8 KiB, one bit per port. */
struct pf_portset {
	uint64_t bits[65536 / 64];
};

void pf_portset_clear(struct pf_portset *s);
void pf_portset_add(struct pf_portset *s, uint16_t port);
void pf_portset_del(struct pf_portset *s, uint16_t port);
bool pf_portset_has(const struct pf_portset *s, uint16_t port);

typedef bool (*pf_key_used_fn)(void *ctx, const struct pf_state_key *k, uint8_t dir);

struct pf_nat_req {
	const struct pf_nat *nat; /* the rule's translation */
	uint8_t dir;              /* of the packet creating the state */
	struct pf_state_key orig; /* its own key (pf_state_key_make) */
	uint8_t icmp;             /* ICMP or ICMPv6 */
	uint8_t icmp_echo;        /* an echo: the id (the source virtual port) is allocated */
	const struct pf_portset *reserved; /* may be NULL */
	uint32_t rnd;                      /* random start */
};

/* The translated key (source address and port replaced) into *out; 0 or -EADDRINUSE. */
int pf_nat_map(const struct pf_nat_req *r, pf_key_used_fn used, void *ctx,
               struct pf_state_key *out);

#endif /* PF_NAT_H */
