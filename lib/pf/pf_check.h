/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * --check warnings on a parsed ruleset. pf_check_carp() asks the reference
 * evaluator what happens to a CARP advertisement (proto 112 to 224.0.0.18
 * or ff02::12, from the carpdev's own address) in and out on each carpdev,
 * per family the carpdev has addresses of; each carpdev where one is
 * blocked gets one warning:
 *
 *   FILE: no rule passes CARP on carpdev lan0 (inet in: blocked by rule 0, line 3)
 *
 * A carpdev under `set skip` is never filtered and never warned about.
 */
#ifndef PF_CHECK_H
#define PF_CHECK_H

#include "pf_rule.h"

typedef void (*pf_warn_fn)(void *ctx, const char *msg);

/* Returns the number of warnings given. */
unsigned pf_check_carp(const struct pf_ruleset *rs, const struct pf_iface_list *ifs,
                       const char *const *carpdevs, unsigned n, pf_warn_fn warn, void *ctx);

#endif /* PF_CHECK_H */
