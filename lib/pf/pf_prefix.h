/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Address sets as lists of disjoint prefixes, for expanding negations and
 * tables into what a prefix classifier (rte_acl) can hold:
 *
 *  - the complement of one prefix of length p is p prefixes (flip bit i,
 *    length i + 1, for i < p);
 *  - a table's membership (longest prefix wins, `!` entries exclude, as
 *    pfr_match_addr) is covered by walking the entries as a binary trie
 *    and emitting the largest prefixes whose whole range is in (or, for a
 *    negated table, out of) the set.
 */
#ifndef PF_PREFIX_H
#define PF_PREFIX_H

#include <stdbool.h>
#include <stdint.h>

#include "pf_rule.h"

struct pf_prefix {
	struct pf_addr addr;
	uint8_t plen;
};

struct pf_prefix_list {
	struct pf_prefix *v;
	uint32_t n, cap;
};

void pf_prefix_list_free(struct pf_prefix_list *l);
/* Append; false when out of memory. */
bool pf_prefix_add(struct pf_prefix_list *l, const struct pf_addr *a, uint8_t plen);

/* addr/plen in family af, or its complement (neg): appended to out. */
bool pf_prefix_of(const struct pf_addr *addr, uint8_t plen, uint8_t af, bool neg,
                  struct pf_prefix_list *out);

/* The members (neg: the non-members) of table t in family af: appended to out. */
bool pf_prefix_table(const struct pf_table *t, uint8_t af, bool neg, struct pf_prefix_list *out);

#endif /* PF_PREFIX_H */
