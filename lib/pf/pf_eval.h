/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference rule evaluator: pf's pf_match_rule() walk over a compiled
 * ruleset, rule by rule. It decides the first packet of a connection (the
 * fast path asks it only when no state matches) and is the oracle the
 * expanded rte_acl form (pf_acl.h) is tested against.
 *
 * Semantics (pf.conf(5), pf.c): every rule is matched in order; the last
 * matching pass/block rule decides unless a matching rule is `quick`, which
 * decides at once; no matching rule means pass without state (pf's default
 * rule). `match` rules never decide; the last matching rule with nat-to
 * before the walk stopped gives the translation, a deciding pass rule with
 * its own nat-to overrides it. Unlike OpenBSD, rules after a `match ...
 * nat-to` still see the untranslated source (docs/filter.md).
 */
#ifndef PF_EVAL_H
#define PF_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "pf_rule.h"

/* What a rule can look at in a packet. */
struct pf_pkt_meta {
	uint16_t ifindex;
	uint8_t dir; /* PF_IN or PF_OUT */
	uint8_t af;
	uint8_t proto;
	uint8_t tcp_flags;
	uint8_t fragment;     /* not the first fragment: no ports, no flags */
	uint8_t icmp_nostate; /* ICMP reply or error: cannot create a state */
	struct pf_addr src, dst;
	uint16_t sport, dport; /* host order; TCP and UDP only */
};

#define PF_RULE_DEFAULT (-1) /* pf's default rule: pass, no state */

struct pf_eval_result {
	int32_t rule;     /* deciding rule number or PF_RULE_DEFAULT */
	int32_t nat_rule; /* rule whose nat-to applies, or -1 */
	uint8_t action;   /* PF_PASS or PF_DROP */
	uint8_t keep_state;
};

/* Does rule r match the packet (every condition but quick/last-match)? */
bool pf_rule_match(const struct pf_ruleset *rs, const struct pf_rule *r,
                   const struct pf_pkt_meta *m);

/* Evaluate; with count, add to each visited rule's `evaluations` as pf does. */
void pf_eval(const struct pf_ruleset *rs, const struct pf_pkt_meta *m, struct pf_eval_result *res,
             bool count);

#endif /* PF_EVAL_H */
