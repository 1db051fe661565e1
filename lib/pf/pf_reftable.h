/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference key -> slot table: open addressing with linear probing
 * and backward-shift deletion over caller storage, keyed by (state key,
 * direction of the lookups it serves): a state is found by packets coming
 * in through its wire key and by packets going out through its stack key
 * (pf_find_state), so each state has the two entries (wire, PF_IN) and
 * (stack, PF_OUT). The fast path uses rte_hash with the same keys; this
 * one exists for tests, the fuzzer and pf_filter_packet().
 */
#ifndef PF_REFTABLE_H
#define PF_REFTABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "pf_state.h"

struct pf_refent {
	struct pf_state_key key;
	uint32_t slot;
	uint8_t dir;
	uint8_t used;
};

struct pf_reftable {
	struct pf_refent *e;
	uint32_t cap; /* power of two */
	uint32_t n;
};

/* cap must be a power of two; at most 3/4 of it is filled. */
int pf_reftable_init(struct pf_reftable *t, struct pf_refent *e, uint32_t cap);
/* 0, -EEXIST (the key is taken) or -ENOSPC. */
int pf_reftable_add(struct pf_reftable *t, const struct pf_state_key *k, uint8_t dir,
                    uint32_t slot);
/* The slot, or PF_SLOT_NONE. */
uint32_t pf_reftable_find(const struct pf_reftable *t, const struct pf_state_key *k, uint8_t dir);
void pf_reftable_del(struct pf_reftable *t, const struct pf_state_key *k, uint8_t dir);

#endif /* PF_REFTABLE_H */
