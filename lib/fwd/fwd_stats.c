/* SPDX-License-Identifier: BSD-2-Clause */
/* Counter names (from the X-macros) and relaxed snapshots for telemetry. */

#include <string.h>

#include "fwd_counters.h"

#define FWD_X_NAME(e, n, d) [FWD_DROP_##e] = n,
#define FWD_X_DESC(e, n, d) [FWD_DROP_##e] = d,
static const char *const drop_names[FWD_DROP_MAX] = {[FWD_DROP_NONE] = "none",
                                                     FWD_DROP_REASONS(FWD_X_NAME)};
static const char *const drop_desc[FWD_DROP_MAX] = {[FWD_DROP_NONE] = "not dropped",
                                                    FWD_DROP_REASONS(FWD_X_DESC)};
#undef FWD_X_NAME
#undef FWD_X_DESC

#define FWD_X_NAME(e, n, d) [FWD_EV_##e] = n,
#define FWD_X_DESC(e, n, d) [FWD_EV_##e] = d,
static const char *const event_names[FWD_EV_MAX] = {FWD_EVENTS(FWD_X_NAME)};
static const char *const event_desc[FWD_EV_MAX] = {FWD_EVENTS(FWD_X_DESC)};
#undef FWD_X_NAME
#undef FWD_X_DESC

const char *fwd_drop_name(enum fwd_drop d)
{
	return (unsigned int)d < FWD_DROP_MAX ? drop_names[d] : "?";
}

const char *fwd_drop_description(enum fwd_drop d)
{
	return (unsigned int)d < FWD_DROP_MAX ? drop_desc[d] : "?";
}

const char *fwd_event_name(enum fwd_event e)
{
	return (unsigned int)e < FWD_EV_MAX ? event_names[e] : "?";
}

const char *fwd_event_description(enum fwd_event e)
{
	return (unsigned int)e < FWD_EV_MAX ? event_desc[e] : "?";
}

/* The struct is all uint64_t: walk it as an array of words. */
#define FWD_STATS_WORDS (sizeof(struct fwd_lcore_stats) / sizeof(uint64_t))

void fwd_stats_read(const struct fwd_lcore_stats *s, struct fwd_lcore_stats *out)
{
	const uint64_t *src = (const uint64_t *)s;
	uint64_t *dst = (uint64_t *)out;

	for (size_t i = 0; i < FWD_STATS_WORDS; i++)
		dst[i] = __atomic_load_n(&src[i], __ATOMIC_RELAXED);
}

void fwd_stats_add(struct fwd_lcore_stats *out, const struct fwd_lcore_stats *s)
{
	const uint64_t *src = (const uint64_t *)s;
	uint64_t *dst = (uint64_t *)out;

	for (size_t i = 0; i < FWD_STATS_WORDS; i++)
		dst[i] += __atomic_load_n(&src[i], __ATOMIC_RELAXED);
}

uint64_t fwd_stats_drops_total(const struct fwd_lcore_stats *s)
{
	uint64_t t = 0;

	for (int i = FWD_DROP_NONE + 1; i < FWD_DROP_MAX; i++)
		t += s->drops[i];
	return t;
}

uint64_t fwd_stats_frames_ended(const struct fwd_lcore_stats *s)
{
	/* A received frame the router answers in place or hands on is ended by
	 * the event counted for it; every other end is forwarded or a drop. */
	static const enum fwd_event consumed[] = {
	    FWD_EV_ARP_REPLY_SENT,       FWD_EV_ARP_VIP_REPLY_SENT, FWD_EV_ARP_REPLY_CONSUMED,
	    FWD_EV_ICMP_ECHO_REPLY_SENT, FWD_EV_CARP_QUEUED,
	    /* IPv6 (forwarded6 is a transit end like forwarded) */
	    FWD_EV_FORWARDED6, FWD_EV_ICMP6_ECHO_REPLY_SENT, FWD_EV_NDP_NA_SENT,
	    FWD_EV_NDP_NA_CONSUMED,
	};
	/* tx_full counts frames already ended once (forwarded, a reply, a fragment) */
	uint64_t t =
	    s->events[FWD_EV_FORWARDED] + fwd_stats_drops_total(s) - s->drops[FWD_DROP_TX_FULL];

	for (size_t i = 0; i < sizeof(consumed) / sizeof(consumed[0]); i++)
		t += s->events[consumed[i]];
	return t;
}
