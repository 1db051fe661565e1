/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pfsync counters and receive drop reasons. The first sixteen counters are
 * OpenBSD's struct pfsyncstats (netstat -s -p pfsync) with the same names;
 * the rest are ours (authentication, defer, bulk), named in the same style.
 * A drop reason is also the name of the counter it moves.
 *
 * Sharing: counters are written by the one sync context that owns the
 * engine; other threads read a copy (pfsync_engine_status).
 */
#ifndef PFSYNC_STATS_H
#define PFSYNC_STATS_H

#include <stdint.h>

#define PFSYNC_STATS(X)                                                                            \
	X(IPACKETS, ipackets, "packets received (IPv4)")                                           \
	X(IPACKETS6, ipackets6, "packets received (IPv6; IPv4 transport only, as OpenBSD)")        \
	X(BADIF, badif, "packets not received on syncdev")                                         \
	X(BADTTL, badttl, "packets with TTL not 255")                                              \
	X(HDROPS, hdrops, "packets shorter than the header, or malformed IPv4")                    \
	X(BADVER, badver, "packets with pfsync version not 6")                                     \
	X(BADACT, badact, "unknown action with no length to skip it by")                           \
	X(BADLEN, badlen, "header or subheader length beyond the packet")                          \
	X(BADAUTH, badauth, "HMAC does not verify (authentication required)")                      \
	X(STALE, stale, "updates older than our copy (our newer copy sent back)")                  \
	X(BADVAL, badval, "messages with invalid values (timeout, peer state, af, direction)")     \
	X(BADSTATE, badstate, "state insert or lookup failed")                                     \
	X(OPACKETS, opackets, "packets sent (IPv4)")                                               \
	X(OPACKETS6, opackets6, "packets sent (IPv6; always 0)")                                   \
	X(ONOMEM, onomem, "packets the caller could not allocate")                                 \
	X(OERRORS, oerrors, "packets the caller failed to send")                                   \
	X(NOAUTH, noauth, "packets without HMAC (authentication required)")                        \
	X(REPLAY, replay, "packets with a valid HMAC but an old counter (replayed)")               \
	X(AUTHOK, authok, "packets whose HMAC verified")                                           \
	X(AUTHSKIP, authskip, "unsigned or failing packets accepted (send-only mode)")             \
	X(DEFER_ADD, defer_add, "first packets held for the peer's INS_ACK")                       \
	X(DEFER_ACK, defer_ack, "held packets released by INS_ACK or update")                      \
	X(DEFER_TIMEOUT, defer_timeout, "held packets released by the defer timeout")              \
	X(DEFER_OVER, defer_over, "held packets released early: defer limit reached")              \
	X(QFULL, qfull, "sends forced early because the pending queue was full")                   \
	X(UREQ_SENT, ureq_sent, "states requested from the peer (UPD_REQ for an unknown UPD_C)")   \
	X(BULK_REQ_SENT, bulk_req_sent, "bulk update requests sent")                               \
	X(BULK_REQ_RECV, bulk_req_recv, "bulk update requests received")                           \
	X(BULK_SENT, bulk_sent, "bulk updates sent to the end (BUS END)")                          \
	X(BULK_STATES_SENT, bulk_states_sent, "states sent in bulk updates")                       \
	X(BULK_OK, bulk_ok, "bulk updates received to the end")                                    \
	X(BULK_FAIL, bulk_fail, "bulk updates that failed or timed out")

enum pfsync_stat {
#define X(e, n, d) PFSYNC_STAT_##e,
	PFSYNC_STATS(X)
#undef X
	    PFSYNC_STAT__COUNT
};

struct pfsync_stats {
	uint64_t c[PFSYNC_STAT__COUNT];
};

const char *pfsync_stat_name(enum pfsync_stat s);
const char *pfsync_stat_desc(enum pfsync_stat s);

/* Receive verdicts: X(ENUM, counter). OK counts nothing. */
#define PFSYNC_RX_REASONS(X)                                                                       \
	X(BADIF, BADIF)                                                                            \
	X(BADTTL, BADTTL)                                                                          \
	X(HDROPS, HDROPS)                                                                          \
	X(BADVER, BADVER)                                                                          \
	X(BADACT, BADACT)                                                                          \
	X(BADLEN, BADLEN)                                                                          \
	X(NOAUTH, NOAUTH)                                                                          \
	X(BADAUTH, BADAUTH)                                                                        \
	X(REPLAY, REPLAY)                                                                          \
	X(BADVAL, BADVAL)

enum pfsync_rx {
	PFSYNC_RX_OK = 0,
#define X(e, s) PFSYNC_RX_##e,
	PFSYNC_RX_REASONS(X)
#undef X
	    PFSYNC_RX__COUNT
};

/* "ok", "badttl", ... (the counter's name) and its description. */
const char *pfsync_rx_name(enum pfsync_rx r);
const char *pfsync_rx_desc(enum pfsync_rx r);
/* The counter a reason moves; PFSYNC_STAT__COUNT for OK. */
enum pfsync_stat pfsync_rx_stat(enum pfsync_rx r);

#endif /* PFSYNC_STATS_H */
