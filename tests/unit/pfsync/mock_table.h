/* SPDX-License-Identifier: BSD-2-Clause */
/* A tiny state table behind pfsync_table_ops for the engine tests: an
 * array, linear lookups, and a log of what the engine asked for. */
#ifndef MOCK_TABLE_H
#define MOCK_TABLE_H

#include "pfsync_engine.h"

#define MOCK_MAX 256

struct mock_table {
	struct pfsync_state_msg st[MOCK_MAX];
	unsigned n;
	int import_rc; /* forced import result when non-zero */
	unsigned imports, merges, removes, clears, lookups;
	struct pfsync_merge last_merge;
	uint32_t last_clear_creator;
	char last_clear_ifname[17];
	unsigned walk; /* bulk walk position */
};

extern const struct pfsync_table_ops mock_ops;

void mock_init(struct mock_table *t);
/* Add state `id` of creator `creatorid`, TCP ESTABLISHED (t_state_expect
 * otherwise). Returns it. */
struct pfsync_state_msg *mock_add(struct mock_table *t, uint64_t id, uint32_t creatorid);
struct pfsync_state_msg *mock_find(struct mock_table *t, uint64_t id, uint32_t creatorid);

/* Output capture: outputs of one engine call. */
struct cap {
	struct pfsync_out buf[512];
	struct pfsync_outs l;
};

void cap_init(struct cap *c);
void cap_clear(struct cap *c);
/* Number of outputs of a type; the i-th one (or NULL). */
unsigned cap_count(const struct cap *c, enum pfsync_out_type t);
const struct pfsync_out *cap_get(const struct cap *c, enum pfsync_out_type t, unsigned i);
/* The DEADLINE output (the last one). */
uint64_t cap_deadline(const struct cap *c);
/* Sum of DEMOTE deltas. */
int cap_demote(const struct cap *c);

/* Decode SEND number i: counts per action and the messages, in order. */
struct sent {
	unsigned n;
	uint8_t action[400];
	struct pfsync_msg msg[400];
	unsigned per_action[PFSYNC_ACT_MAX];
	struct pfsync_hdr hdr;
	size_t len;
};
void sent_decode(const struct cap *c, unsigned i, struct sent *s);

#endif /* MOCK_TABLE_H */
