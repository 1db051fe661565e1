/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A whole filter for the packet tests (test_filter.c, test_sync.c): one
 * parsed ruleset on its own state table, frames run through it.
 */
#ifndef PF_FX_H
#define PF_FX_H

#include <stddef.h>
#include <stdint.h>

#include "pf_filter.h"

#define T_FX_SLOTS 64
#define T_FX_ENTS  256

struct t_fx {
	struct pf_ruleset *rs;
	struct pf_filter f;
	struct pf_slot slots[T_FX_SLOTS];
	struct pf_refent ents[T_FX_ENTS];
	unsigned int removed; /* on_remove calls, once t_fx_count_removals is on */
};

/* text parsed and loaded into a fresh filter with this hostid; fails the test on error. */
struct t_fx *t_fx_new(const char *text, uint32_t hostid);
void t_fx_free(struct t_fx *x);
/* Hook on_remove to count into x->removed. */
void t_fx_count_removals(struct t_fx *x);
/* One Ethernet frame through the filter at now. */
struct pf_result t_fx_run(struct t_fx *x, uint16_t ifx, uint8_t dir, uint8_t *buf, size_t n,
                          uint32_t now);
/* An Ethernet TCP frame s:sp -> d:dp (IPv4 or IPv6 from the text), len payload bytes. */
size_t t_tcp_frame(uint8_t *buf, const char *s, uint16_t sp, const char *d, uint16_t dp,
                   uint8_t flags, uint32_t seq, uint32_t ack, size_t len);

#endif /* PF_FX_H */
