/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_RATELIMIT_H
#define FWD_RATELIMIT_H

/*
 * Token bucket on a caller-supplied clock (TSC cycles on workers, anything in
 * tests). Per lcore, single thread: no atomics. Pure, inline.
 * credit is in clock ticks: one token costs hz / rate ticks; the bucket holds
 * at most burst tokens and starts full.
 */

#include <stdbool.h>
#include <stdint.h>

struct fwd_tbucket {
	uint64_t cost; /* ticks per token = hz / rate */
	uint64_t cap;  /* burst * cost */
	uint64_t credit;
	uint64_t last; /* clock at the last refill */
};

/* rate 0 disables the bucket (never grants). */
static inline void fwd_tbucket_init(struct fwd_tbucket *b, uint64_t hz, uint32_t rate,
                                    uint32_t burst, uint64_t now)
{
	b->cost = rate ? hz / rate : 0;
	if (rate && b->cost == 0)
		b->cost = 1;
	b->cap = b->cost * (burst ? burst : 1);
	b->credit = b->cap;
	b->last = now;
}

static inline bool fwd_tbucket_take(struct fwd_tbucket *b, uint64_t now)
{
	if (b->cost == 0)
		return false;
	if (now > b->last) {
		uint64_t room = b->cap - b->credit;
		uint64_t add = now - b->last;

		b->credit += add < room ? add : room;
		b->last = now;
	}
	if (b->credit < b->cost)
		return false;
	b->credit -= b->cost;
	return true;
}

#endif
