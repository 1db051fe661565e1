/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A compiled ruleset flattened into match primitives for a priority
 * classifier such as DPDK's rte_acl: per primitive one family and, as
 * ranges or prefixes, direction, interface, protocol, source and
 * destination prefix, source and destination port, plus two bitmask
 * bytes (TCP flags and the packet class). Negations and tables become
 * several primitives (pf_prefix.h); every primitive carries its rule.
 *
 * Two categories (rte_acl categories 0 and 1 of one context, or two
 * contexts):
 *
 *  FILTER  pass and block rules. pf decides by the first matching quick
 *          rule, else the last matching rule; with N = ruleset->nrules
 *          and rule number i that is exactly a static priority:
 *              not quick:  priority = i + 1          (1 .. N)
 *              quick:      priority = 2N - i         (N+1 .. 2N)
 *          so any quick rule beats any non-quick rule, the earliest quick
 *          rule beats later quick rules, the latest non-quick rule beats
 *          earlier ones. No match: pf's default rule (pass, no state).
 *  NAT     `match` rules with nat-to, priority i + 1 (the last one wins).
 *
 * pf_acl_resolve() turns the two winners into the pf_eval() answer: a
 * deciding rule with its own nat-to wins; else the NAT winner, unless it
 * comes after a deciding quick rule (pf stopped before it), in which case
 * the few NAT rules before the quick one are walked (acl->nat_fallback
 * says whether a ruleset can ever need that).
 *
 * Packet fields the classifier is given (pf_acl_key_from_meta()):
 *   tcp_flags   th_flags of a TCP packet that is not a later fragment, else 0
 *   pkt_class   PF_ACL_CLASS_FRAG for a later fragment (no ports or flags),
 *               PF_ACL_CLASS_NOSTATE for an ICMP reply or error
 *   ports       host order for TCP and UDP first fragments, else 0
 * A primitive matches when every range/prefix holds and
 * (tcp_flags & flags_mask) == flags_val and (pkt_class & class_mask) ==
 * class_val (rte_acl BITMASK fields).
 */
#ifndef PF_ACL_H
#define PF_ACL_H

#include <stdbool.h>
#include <stdint.h>

#include "pf_eval.h"
#include "pf_rule.h"

#define PF_ACL_CLASS_FRAG    0x01
#define PF_ACL_CLASS_NOSTATE 0x02

enum pf_acl_category { PF_ACL_FILTER = 0, PF_ACL_NAT = 1 };

struct pf_acl_prim {
	uint32_t priority;
	uint32_t rule; /* rule number */
	uint8_t category;
	uint8_t af; /* PF_AF_INET or PF_AF_INET6 */
	uint8_t dir_lo, dir_hi;
	uint16_t if_lo, if_hi;
	uint8_t proto_lo, proto_hi;
	uint8_t src_plen, dst_plen;
	struct pf_addr src, dst;
	uint16_t sport_lo, sport_hi, dport_lo, dport_hi;
	uint8_t flags_val, flags_mask;
	uint8_t class_val, class_mask;
};

struct pf_acl {
	struct pf_acl_prim *prims;
	uint32_t n, cap;
	uint32_t nrules; /* N of the priority formula */
	bool nat_fallback;
};

struct pf_acl_key {
	uint8_t af, dir, proto, tcp_flags, pkt_class;
	uint16_t ifindex;
	struct pf_addr src, dst;
	uint16_t sport, dport;
};

/* Flatten rs; 0, -ENOMEM, or -E2BIG past max_prims primitives. */
int pf_acl_expand(const struct pf_ruleset *rs, struct pf_acl *acl, uint32_t max_prims);
void pf_acl_free(struct pf_acl *acl);

void pf_acl_key_from_meta(const struct pf_pkt_meta *m, struct pf_acl_key *k);
bool pf_acl_prim_match(const struct pf_acl_prim *p, const struct pf_acl_key *k);

/* The winners of both categories by a linear scan (tests; what rte_acl computes). */
void pf_acl_classify_naive(const struct pf_acl *acl, const struct pf_acl_key *k,
                           const struct pf_acl_prim **filter, const struct pf_acl_prim **nat);

/* Rule numbers of the winners (-1 = none) to the answer pf_eval() gives. */
void pf_acl_resolve(const struct pf_ruleset *rs, const struct pf_pkt_meta *m, int32_t filter_rule,
                    int32_t nat_rule, struct pf_eval_result *res);

/* All of it: what a classifier over the primitives answers for a packet (tests, fuzzing). */
void pf_acl_eval_naive(const struct pf_acl *acl, const struct pf_ruleset *rs,
                       const struct pf_pkt_meta *m, struct pf_eval_result *res);

#endif /* PF_ACL_H */
