/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Packet builder: appends messages to one pfsync packet (IPv4 header +
 * pfsync header + subheaders) bounded by the MTU, keeping every message of
 * one action under a single subheader, as OpenBSD's pfsync_slice_write
 * does. The MTU counts the IPv4 header, like pfsync0's MTU in OpenBSD.
 *
 *   pfsync_pkt_init(&b, buf, sizeof(buf), mtu);
 *   while (pfsync_pkt_add_ref(&b, PFSYNC_ACT_DEL_C, &ref) == 0) ...;   // -ENOSPC: full
 *   len = pfsync_pkt_finish(&b, src, dst, ip_id);                    // then sign
 *
 * No allocation; the caller's buffer must hold `mtu` bytes.
 */
#ifndef PFSYNC_BUILD_H
#define PFSYNC_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pfsync_msg.h"

#define PFSYNC_PKT_NOSUB 0xffffu

struct pfsync_pkt {
	uint8_t *buf;
	size_t mtu;                   /* max bytes incl. the IPv4 header */
	size_t len;                   /* bytes used so far */
	unsigned n;                   /* messages */
	uint16_t sub[PFSYNC_ACT_MAX]; /* offset of each action's subheader */
};

/* Returns 0, or -EINVAL when `mtu` is below an IPv4 + pfsync header plus
 * one full state, above PFSYNC_MTU_MAX, or larger than `cap`. */
int pfsync_pkt_init(struct pfsync_pkt *b, uint8_t *buf, size_t cap, size_t mtu);

/* Back to an empty packet (same buffer and MTU). */
void pfsync_pkt_reset(struct pfsync_pkt *b);

/* True when one more message of `action` fits (subheader included when
 * it would be the first of its action). */
bool pfsync_pkt_fits(const struct pfsync_pkt *b, uint8_t action);

/* Room for a message of `action` (zeroed, length pfsync_act_len), placed
 * after the last message of that action; NULL when it does not fit or the
 * action has no message format. The caller encodes into it. */
uint8_t *pfsync_pkt_reserve(struct pfsync_pkt *b, uint8_t action);

/* Like pfsync_pkt_reserve, but always under a new subheader at the end
 * (later messages of `action` go there too): for an order that matters,
 * e.g. BUS START, states, BUS END. */
uint8_t *pfsync_pkt_reserve_tail(struct pfsync_pkt *b, uint8_t action);
/* True when pfsync_pkt_reserve_tail(b, action) would succeed. */
bool pfsync_pkt_fits_tail(const struct pfsync_pkt *b, uint8_t action);

/* Typed appends: 0, -ENOSPC (full) or -EINVAL (action of another type). */
int pfsync_pkt_add_state(struct pfsync_pkt *b, uint8_t action, const struct pfsync_state_msg *m);
int pfsync_pkt_add_upd_c(struct pfsync_pkt *b, const struct pfsync_upd_c_msg *m);
int pfsync_pkt_add_ref(struct pfsync_pkt *b, uint8_t action, const struct pfsync_ref_msg *m);
int pfsync_pkt_add_clr(struct pfsync_pkt *b, const struct pfsync_clr_msg *m);
int pfsync_pkt_add_bus(struct pfsync_pkt *b, const struct pfsync_bus_msg *m);

static inline bool pfsync_pkt_empty(const struct pfsync_pkt *b)
{
	return b->n == 0;
}

/* Messages of `action` in the packet so far. */
unsigned pfsync_pkt_count(const struct pfsync_pkt *b, uint8_t action);

/* Write the IPv4 header (src, dst, id) and the pfsync header (version 6,
 * len, pfcksum zero). Returns the packet length. Sign afterwards with
 * pfsync_auth_sign when authentication is on. */
size_t pfsync_pkt_finish(struct pfsync_pkt *b, const uint8_t src[4], const uint8_t dst[4],
                         uint16_t ip_id);

#endif /* PFSYNC_BUILD_H */
