/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The sans-IO pfsync engine: one per router, owned by one sync context.
 * It takes the time (`now`, microseconds, monotonic) and an event, works
 * on the state table only through the caller's table ops, and returns
 * outputs (pfsync_out.h): packets to send, demotions, deferred packets to
 * release, and its next deadline. It never reads a clock, sends, sleeps
 * or locks.
 *
 * What the caller (the DPDK glue) does:
 *  - state events from pf -> pfsync_engine_insert/update/delete (e.g.
 *    drained from per-lcore rings; an event is just id, creatorid, proto);
 *  - frames of IP protocol 240 -> pfsync_engine_input (with whether they
 *    came in on syncdev);
 *  - the sync port's link -> pfsync_engine_link; start/stop ->
 *    pfsync_engine_up/down;
 *  - when tx has room and pfsync_engine_bulk_pending(): pfsync_engine_bulk_packet;
 *  - at DEADLINE: pfsync_engine_timeout; after each SEND:
 *    pfsync_engine_tx_done with how it went;
 *  - perform every output in order.
 * Table ops are called synchronously from within these calls.
 */
#ifndef PFSYNC_ENGINE_H
#define PFSYNC_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pfsync_auth.h"
#include "pfsync_breq.h"
#include "pfsync_build.h"
#include "pfsync_defer.h"
#include "pfsync_merge.h"
#include "pfsync_msg.h"
#include "pfsync_out.h"
#include "pfsync_queue.h"
#include "pfsync_stats.h"
#include "pfsync_wire.h"

struct pfsync_config {
	uint32_t mtu;             /* packet size incl. IPv4 header: 1500 */
	uint32_t maxupd;          /* 128 (0..255): TCP updates before sending now */
	bool defer;               /* false */
	uint32_t defer_us;        /* 1000: hold a first packet at most this long */
	uint32_t defer_max;       /* 128 held at most */
	uint32_t insert_delay_us; /* 100: INS and DEL_C wait at most this long */
	uint32_t update_delay_us; /* 10000: UPD_C wait at most this long */
	uint32_t queue_max;       /* 65536 states pending at most */
	uint32_t ureq_max;        /* 1024 UPD_REQ pending at most */
	uint32_t tx_slots;        /* 32 packets per call at most */
	uint8_t src_ip[4];        /* our sync address */
	uint8_t dst_ip[4];        /* syncpeer, or 224.0.0.240 */
	uint32_t creatorid;       /* our hostid (BUS messages) */
	uint32_t seed;            /* IP id sequence (OpenBSD: ip_randomid) */
	enum pfsync_auth_mode auth;
	struct pfsync_breq_config bulk;
};

/* OpenBSD's defaults plus ours (see the fields). */
void pfsync_config_default(struct pfsync_config *c);
/* 0, or -EINVAL with the reason in err ("mtu 300 out of range 328-9216"). */
int pfsync_config_check(const struct pfsync_config *c, char *err, size_t errlen);

/* The state table, as the engine sees it (implemented by the caller). */
struct pfsync_table_ops {
	/* Export state (id, creatorid) into *out; false when unknown. */
	bool (*lookup)(void *arg, uint64_t id, uint32_t creatorid, struct pfsync_state_msg *out);
	/* Insert a state from the peer, bound to no local rule, with the
	 * receiver's timeouts (expiry from st->expire). PFSTATE_ACK is
	 * already cleared. 0; -EEXIST: already have it (ignored); -ENOMEM:
	 * table full (the rest of this subheader is skipped, as OpenBSD);
	 * other negative: failed (counted badstate). */
	int (*import)(void *arg, const struct pfsync_state_msg *st);
	/* Apply a merge decision (pfsync_merge.h) to a known state, set its
	 * expiry to now when m->refresh, and record now as its last update
	 * by pfsync (for PFSYNC_EV_PEER_RECENT). */
	void (*merge)(void *arg, uint64_t id, uint32_t creatorid, const struct pfsync_merge *m);
	/* Remove a state the peer deleted, without announcing it; false
	 * when unknown. */
	bool (*remove)(void *arg, uint64_t id, uint32_t creatorid);
	/* Remove every state of `creatorid` (on interface `ifname` unless it
	 * is empty), without announcing; returns how many. */
	unsigned (*clear)(void *arg, uint32_t creatorid, const char *ifname);
	/* Bulk send: start a walk over a snapshot of the table; returns how
	 * many states it holds. */
	uint32_t (*bulk_begin)(void *arg);
	/* Next state of the walk; false at its end. */
	bool (*bulk_next)(void *arg, struct pfsync_state_msg *out);
};

/* A local state event. */
struct pfsync_event {
	uint64_t id;
	uint32_t creatorid;
	uint8_t proto; /* IPPROTO_*: maxupd counts TCP updates only */
	uint8_t flags; /* PFSYNC_EV_* */
};

/* The state was last updated by pfsync less than 2 s ago (the peer is
 * forwarding it too): send at once (OpenBSD's pfsync_time rule). */
#define PFSYNC_EV_PEER_RECENT 0x01

enum pfsync_tx_result {
	PFSYNC_TX_SENT,  /* opackets */
	PFSYNC_TX_NOMEM, /* onomem */
	PFSYNC_TX_ERROR, /* oerrors */
};

struct pfsync_engine;

/* Allocate and configure (pfsync stays down until pfsync_engine_up).
 * Returns NULL with errno set (EINVAL: bad config, see
 * pfsync_config_check; ENOMEM). */
struct pfsync_engine *pfsync_engine_new(const struct pfsync_config *cfg,
                                        const struct pfsync_table_ops *ops, void *arg);
void pfsync_engine_free(struct pfsync_engine *e);

/* Authentication keys (pfsync_auth.h): slot 0 signs, slot 1 is also
 * accepted. 0 or negative errno. */
int pfsync_engine_set_key(struct pfsync_engine *e, unsigned slot, const uint8_t *key, size_t len);

/* Start: demote (+32, +1 while the link is down), request a bulk as soon
 * as the link is up. `wall_ms` is the wall clock (ms since 1970): the
 * authentication counter's epoch. `link_up`: the sync link now.
 * Returns 0, or -EINVAL when authentication is on but no slot-0 key is
 * set (pfsync stays down). */
int pfsync_engine_up(struct pfsync_engine *e, uint64_t now, uint64_t wall_ms, bool link_up,
                     struct pfsync_outs *out);
/* Stop: every demotion undone, every deferred packet released, queues and
 * a running bulk send dropped. */
void pfsync_engine_down(struct pfsync_engine *e, uint64_t now, struct pfsync_outs *out);
/* Sync link state (syncdev). */
void pfsync_engine_link(struct pfsync_engine *e, uint64_t now, bool up, struct pfsync_outs *out);

/* A received IPv4 packet of protocol 240 (IPv4 header first). */
void pfsync_engine_input(struct pfsync_engine *e, uint64_t now, const uint8_t *pkt, size_t len,
                         bool on_syncdev, struct pfsync_outs *out);

/* Local state events. */
void pfsync_engine_insert(struct pfsync_engine *e, uint64_t now, const struct pfsync_event *ev,
                          struct pfsync_outs *out);
void pfsync_engine_update(struct pfsync_engine *e, uint64_t now, const struct pfsync_event *ev,
                          struct pfsync_outs *out);
void pfsync_engine_delete(struct pfsync_engine *e, uint64_t now, const struct pfsync_event *ev,
                          struct pfsync_outs *out);
/* Tell the peer to drop every state of `creatorid` (and `ifname`), as
 * pfctl -F states does (CLR, sent at once). */
void pfsync_engine_clear(struct pfsync_engine *e, uint64_t now, uint32_t creatorid,
                         const char *ifname, struct pfsync_outs *out);

/*
 * defer: hold the first packet (the caller's `cookie`) of a state just
 * inserted (its INS pending) until the peer's INS_ACK or defer_us. true:
 * held, a RELEASE output will come; false: send it now (defer off, no
 * pending INS for the state, pfsync down).
 */
bool pfsync_engine_defer(struct pfsync_engine *e, uint64_t now, uint64_t id, uint32_t creatorid,
                         uint64_t cookie, struct pfsync_outs *out);

/* Timers: write due packets, bulk request retries and deadlines, defer
 * timeouts. */
void pfsync_engine_timeout(struct pfsync_engine *e, uint64_t now, struct pfsync_outs *out);
/* Write everything pending now (e.g. at the end of a burst). */
void pfsync_engine_flush(struct pfsync_engine *e, uint64_t now, struct pfsync_outs *out);

/* Bulk send, paced by the caller's transmit room: while pending and tx has
 * room, ask for the next packet. Returns 1 when a packet was output, 0
 * when no bulk is running. */
bool pfsync_engine_bulk_pending(const struct pfsync_engine *e);
int pfsync_engine_bulk_packet(struct pfsync_engine *e, uint64_t now, struct pfsync_outs *out);

/* How the SEND of the previous outputs went (counters). */
void pfsync_engine_tx_done(struct pfsync_engine *e, enum pfsync_tx_result r);

/* Telemetry view (ifconfig pfsync0 + netstat -s -p pfsync). */
struct pfsync_status {
	bool up, link_up;
	enum pfsync_breq_state bulk_state;
	uint32_t bulk_tries;
	uint32_t bulk_expected; /* states the peer announced (or assumed) */
	uint64_t bulk_received; /* states received in this bulk */
	uint64_t bulk_deadline; /* us, PFSYNC_NEVER */
	unsigned demotion;      /* 0, 1, 32 or 33 */
	bool bulk_sending;      /* a bulk send to the peer is running */
	uint64_t bulk_sent;     /* states sent in it so far */
	uint32_t bulk_total;    /* states in its snapshot */
	uint32_t pending[PFSYNC_Q__COUNT];
	uint32_t pending_ureq;
	uint32_t deferred;
	uint64_t auth_counter; /* next counter we sign with */
	struct pfsync_stats stats;
};

void pfsync_engine_status(const struct pfsync_engine *e, struct pfsync_status *s);

#endif /* PFSYNC_ENGINE_H */
