/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_CARP_H
#define FWD_CARP_H

/*
 * The fast path's two CARP hooks; the CARP logic itself is lib/carp's and
 * the control lcore's.
 *
 * 1. Adverts to the control lcore. Workers classify IPv4 protocol 112 as
 *    CARP. If a ring is registered (fwd_carp_ring_set) they COPY the frame's
 *    IPv4 packet into a struct fwd_carp_msg, enqueue it (MP enqueue, the
 *    control lcore dequeues SC) and free the mbuf; otherwise the packet is
 *    dropped as carp_no_consumer.
 * 2. The carpnodes rx filter (issue 4): a function consulted for every
 *    transit IPv4 packet. None registered means "accept all".
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>

struct fwd_ctx;
struct rte_ring;
struct rte_ipv4_hdr;

#define FWD_CARP_MSG_MAX 256 /* bytes of IPv4 packet copied (CARP advert: 56) */

/* Fixed-size message: owned by whoever dequeued it, no pointer into an mbuf. */
struct fwd_carp_msg {
	uint64_t rx_tsc;   /* rte_get_tsc_cycles() at rx */
	uint16_t port;     /* ingress port */
	uint16_t len;      /* bytes valid in pkt (<= FWD_CARP_MSG_MAX) */
	uint16_t orig_len; /* IPv4 total length as received */
	uint16_t pad;
	struct rte_ether_addr src_mac; /* Ethernet source (a vMAC for real CARP) */
	struct rte_ether_addr dst_mac;
	uint8_t pkt[FWD_CARP_MSG_MAX]; /* IPv4 header + payload, header validated */
};

/*
 * Creates a ring fit for fwd_carp_ring_set: rte_ring_create_elem with
 * element size sizeof(struct fwd_carp_msg), MP enqueue / SC dequeue.
 * Dequeue with rte_ring_sc_dequeue_burst_elem(r, msgs, sizeof(msgs[0]), n, NULL).
 */
struct rte_ring *fwd_carp_ring_create(const char *name, unsigned int count, int socket_id);

/* Registers (or with NULL removes) the ring; published with release. Any time. */
void fwd_carp_ring_set(struct fwd_ctx *ctx, struct rte_ring *ring);

/*
 * Carpnodes filter: return true to accept the packet. Runs on worker lcores,
 * once per transit packet: must not block, lock or allocate; reads of CARP
 * state inside it use acquire loads of what the control lcore publishes.
 */
typedef bool (*fwd_rx_filter_fn)(void *arg, uint16_t port, const struct rte_ether_hdr *eth,
                                 const struct rte_ipv4_hdr *ip);

/*
 * Registers the filter (fn NULL = accept all). Before launch only: fn and arg
 * are read by the workers without synchronisation once they run.
 */
void fwd_rx_filter_set(struct fwd_ctx *ctx, fwd_rx_filter_fn fn, void *arg);

#endif
