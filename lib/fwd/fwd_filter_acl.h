/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ruleset compiled for the fast path: pf_acl_expand()'s primitives in
 * two rte_acl contexts (IPv4, IPv6), category 0 the pass/block rules,
 * category 1 the `match ... nat-to` rules, rule order as priority
 * (pf_acl.h), userdata the rule number + 1. rte_acl's lookups are
 * read-only: one context serves every worker.
 */
#ifndef FWD_FILTER_ACL_H
#define FWD_FILTER_ACL_H

#include "pf_acl.h"
#include "pf_eval.h"

struct rte_acl_ctx;

struct fwd_filter_acl {
	const struct pf_ruleset *rs;
	struct rte_acl_ctx *ctx[2]; /* [0] IPv4, [1] IPv6; NULL: no primitive of that family */
	bool nat_fallback;
	uint32_t nprims;
};

/* Build from rs (name: a unique prefix for rte_acl's names). 0 or negative errno. */
int fwd_filter_acl_build(struct fwd_filter_acl *a, const struct pf_ruleset *rs, const char *name,
                         int socket);
void fwd_filter_acl_free(struct fwd_filter_acl *a);

/* pf_classify_fn: what pf_eval() answers, from one rte_acl lookup. */
void fwd_filter_acl_classify(void *acl, const struct pf_pkt_meta *m, struct pf_eval_result *res);

#endif /* FWD_FILTER_ACL_H */
