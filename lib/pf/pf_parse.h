/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pf.conf parser: a strict hand-written recursive-descent parser of pf's
 * own vocabulary (docs/filter.md is the reference: every construct, what
 * it means, what differs from OpenBSD). It stops at the first error and
 * reports it as exactly "FILE:LINE: reason" in err.
 *
 * Interfaces (on IF, (IF), IF:network, nat-to (IF), set skip on IF) are
 * resolved in `ifs`; an unknown name is an error. The result is owned by
 * the caller: pf_ruleset_free().
 */
#ifndef PF_PARSE_H
#define PF_PARSE_H

#include <stddef.h>

#include "pf_rule.h"

/* Parse text (need not be NUL terminated); `file` names it in errors. */
struct pf_ruleset *pf_parse_buffer(const char *file, const char *text, size_t len,
                                   const struct pf_iface_list *ifs, char *err, size_t errlen);

/* Read and parse a file ("FILE: cannot open: reason" when it cannot be read). */
struct pf_ruleset *pf_parse_file(const char *path, const struct pf_iface_list *ifs, char *err,
                                 size_t errlen);

#endif /* PF_PARSE_H */
