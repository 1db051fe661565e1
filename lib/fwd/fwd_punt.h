/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_PUNT_H
#define FWD_PUNT_H

/*
 * The punt: frames of kind K go to consumer C's ring, the one path from the
 * workers to the control plane. A consumer (the control lcore's CARP today;
 * pfsync and neighbour discovery next) registers a ring for its kind; the
 * worker that classified a frame as K COPIES its IPv4 packet (up to
 * FWD_PUNT_MSG_MAX bytes) into a struct fwd_punt_msg, enqueues it (MP
 * enqueue, the consumer dequeues SC) and frees the mbuf.
 *
 * Each kind has a per-port token bucket (rate frames/s, burst frames; set
 * with fwd_punt_limit_set), so a flood costs counters, not the consumer's
 * time: the rate is split evenly over the port's rx queues, one bucket per
 * worker and port, no shared state. Per kind, the fast path counts (names
 * from FWD_PUNT_KINDS): queued (event), no consumer, ring full, over the
 * rate (drops).
 *
 * What is a frame of kind CARP (fwd_carp_classify, fwd_pkt.h): IPv4
 * protocol 112 that OpenBSD's carp input would accept: TTL 255, to
 * 224.0.0.18 or to one of the router's addresses (carppeer unicast), on a
 * port that has carp interfaces. Any other protocol-112 packet is ordinary
 * IPv4 (transit VRRP/CARP between other hosts is forwarded).
 */

#include <stdint.h>

#include <rte_ether.h>

struct fwd_ctx;
struct rte_ring;

/* X(KIND, "name", queued event, no-consumer drop, ring-full drop, over-rate drop):
 * the counters of each kind (fwd_counters.h). */
#define FWD_PUNT_KINDS(X)                                                                          \
	X(CARP, "carp", CARP_QUEUED, CARP_NO_CONSUMER, CARP_RING_FULL, CARP_PUNT_RATE)

enum fwd_punt_kind {
#define X(k, n, q, nc, rf, r) FWD_PUNT_##k,
	FWD_PUNT_KINDS(X)
#undef X
	    FWD_PUNT__COUNT
};

const char *fwd_punt_kind_name(enum fwd_punt_kind k);

#define FWD_PUNT_MSG_MAX 256 /* bytes of IPv4 packet copied (CARP advert: 56) */

/* Fixed-size message: owned by whoever dequeued it, no pointer into an mbuf. */
struct fwd_punt_msg {
	uint64_t rx_tsc;   /* rte_get_tsc_cycles() at rx */
	uint16_t port;     /* ingress port */
	uint16_t len;      /* bytes valid in pkt (<= FWD_PUNT_MSG_MAX) */
	uint16_t orig_len; /* IPv4 total length as received */
	uint8_t kind;      /* enum fwd_punt_kind */
	uint8_t pad;
	struct rte_ether_addr src_mac; /* Ethernet source (a vMAC for real CARP) */
	struct rte_ether_addr dst_mac;
	uint8_t pkt[FWD_PUNT_MSG_MAX]; /* IPv4 header + payload, header validated */
};

/* Per-port token bucket of a kind. rate 0: nothing is punted (every frame
 * counted over the rate). */
struct fwd_punt_limit {
	uint32_t rate;  /* frames/s per port */
	uint32_t burst; /* frames */
};

/* Defaults (configuration: carp.punt): far above what real adverts need
 * (a few per second per vhid), well below what one control lcore can
 * verify (an HMAC check costs ~1 us). */
#define FWD_PUNT_RATE_DEFAULT  50000
#define FWD_PUNT_BURST_DEFAULT 1024

/*
 * A ring fit for fwd_punt_register: rte_ring_create_elem with element size
 * sizeof(struct fwd_punt_msg), MP enqueue / SC dequeue. Dequeue with
 * rte_ring_sc_dequeue_burst_elem(r, msgs, sizeof(msgs[0]), n, NULL).
 */
struct rte_ring *fwd_punt_ring_create(const char *name, unsigned int count, int socket_id);

/* The consumer of kind k registers (or with NULL removes) its ring;
 * published with release, any time. Returns 0 or -EINVAL. */
int fwd_punt_register(struct fwd_ctx *ctx, enum fwd_punt_kind k, struct rte_ring *ring);

/* Main thread, before launch: the per-port bucket of kind k (default
 * FWD_PUNT_RATE_DEFAULT / FWD_PUNT_BURST_DEFAULT); also resets the buckets
 * of workers already set up. Returns 0 or -EINVAL. */
int fwd_punt_limit_set(struct fwd_ctx *ctx, enum fwd_punt_kind k, const struct fwd_punt_limit *l);

#endif
