/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_CARP_H
#define FWD_CARP_H

/*
 * The fast path's hook for CARP adverts; the CARP logic itself is lib/carp's
 * and the control lcore's, and who forwards what (carpnodes) is decided in
 * the fast path from the published CARP words (fwd_vip.h).
 *
 * Workers classify IPv4 protocol 112 as CARP. If a ring is registered
 * (fwd_carp_ring_set) they COPY the frame's IPv4 packet into a struct
 * fwd_carp_msg, enqueue it (MP enqueue, the control lcore dequeues SC) and
 * free the mbuf; otherwise the packet is dropped as carp_no_consumer.
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

#endif
