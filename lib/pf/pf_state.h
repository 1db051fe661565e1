/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The state of one connection, laid out after OpenBSD's struct pf_state
 * so each field maps 1:1 onto struct pfsync_state (pfsync-spec.md §1.3):
 *
 *   pfsync_state        here                 conversion for the wire
 *   id                  id                   htobe64 (pf allocates a counter)
 *   ifname              ifname               "all" (floating states)
 *   key[0], key[1]      key[PF_SK_WIRE/STACK] addr/port as is (network order),
 *                                            rdomain htons, af as is
 *   src, dst            src, dst             seqlo/seqhi/seqdiff htonl,
 *                                            max_win/mss htons, state, wscale
 *   rt_addr, rt         rt_addr, rt          as is (no route-to: zero)
 *   rule, anchor        rule, anchor         htonl (-1 none)
 *   nat_rule            nat_rule             pf sends -1 ("left for compat")
 *   creation            creation             htonl(now - creation)
 *   expire              expire (last active) htonl(pf_state_expires() - now)
 *   packets, bytes      packets, bytes       two u64 as hi/lo BE words each
 *   creatorid           creatorid            htonl
 *   rtableid[2]         rtableid[2]          htonl
 *   max_mss             max_mss              htons
 *   af, proto           key[0].af, key[0].proto
 *   direction, log, timeout, sync_flags, min_ttl, set_tos, set_prio: as is
 *   state_flags         state_flags          htons (PFSTATE_*, pf_rule.h)
 *
 * Like pf, `expire` is the time of the last packet, and the time the state
 * expires is computed from it by pf_state_expires() (timeout class, rule,
 * adaptive scaling). Times are seconds on the caller's monotonic clock.
 * Fields after `local_flags` are ours and never synced.
 */
#ifndef PF_STATE_H
#define PF_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "pf_addr.h"
#include "pf_rule.h"
#include "pf_timeout.h"

/* TCP peer states (netinet/tcp_fsm.h) as pf uses them. */
enum pf_tcp_state {
	PF_TCPS_CLOSED,
	PF_TCPS_LISTEN,
	PF_TCPS_SYN_SENT,
	PF_TCPS_SYN_RECEIVED,
	PF_TCPS_ESTABLISHED,
	PF_TCPS_CLOSE_WAIT,
	PF_TCPS_FIN_WAIT_1,
	PF_TCPS_CLOSING,
	PF_TCPS_LAST_ACK,
	PF_TCPS_FIN_WAIT_2,
	PF_TCPS_TIME_WAIT,
	PF_TCPS_PROXY_SRC, /* synproxy (not implemented; the values pfsync validates) */
	PF_TCPS_PROXY_DST,
};

/* UDP and other protocols: pf's pseudo states. */
enum { PFUDPS_NO_TRAFFIC, PFUDPS_SINGLE, PFUDPS_MULTIPLE };
enum { PFOTHERS_NO_TRAFFIC, PFOTHERS_SINGLE, PFOTHERS_MULTIPLE };

#define PF_WSCALE_FLAG 0x80 /* the peer sent a window scale option */
#define PF_WSCALE_MASK 0x0f

enum { PF_SK_WIRE, PF_SK_STACK };

/* Local (never synced) flags. */
#define PF_SL_IMPORTED 0x01 /* from pfsync: loose until both sides seen here */
#define PF_SL_SEEN_SRC 0x02 /* imported state: a packet of the src peer passed here */
#define PF_SL_SEEN_DST 0x04

/*
 * A state key, the pfsync_state_key layout (40 bytes) with proto in the
 * pad byte so the key alone identifies the flow. For a packet of
 * direction dir: addr[sidx]/port[sidx] is its source, where sidx is 0 for
 * PF_IN and 1 for PF_OUT (pf's pd->sidx), addr[didx] its destination.
 */
struct pf_state_key {
	struct pf_addr addr[2];
	uint16_t port[2]; /* network byte order, as in the packet */
	uint16_t rdomain; /* host order */
	uint8_t af;
	uint8_t proto;
};

struct pf_state_peer {
	uint32_t seqlo;   /* max sequence number sent */
	uint32_t seqhi;   /* max the other end ACKd + win */
	uint32_t seqdiff; /* sequence modulator (0: no modulate state) */
	uint16_t max_win; /* largest window (pre scaling) */
	uint16_t mss;
	uint8_t state;  /* enum pf_tcp_state or the pseudo states */
	uint8_t wscale; /* PF_WSCALE_FLAG | shift, 0 when not negotiated */
	uint8_t pad[2];
};

struct pf_state {
	uint64_t id;
	uint32_t creatorid;
	char ifname[PF_IFNAMSIZ];
	struct pf_state_key key[2]; /* PF_SK_WIRE, PF_SK_STACK */
	struct pf_state_peer src, dst;
	struct pf_addr rt_addr;
	int32_t rule, anchor, nat_rule;
	uint32_t creation;             /* time created */
	uint32_t expire;               /* time of the last packet (pf's st->expire) */
	uint64_t packets[2], bytes[2]; /* [0] in the state's direction, [1] reverse */
	int32_t rtableid[2];
	uint16_t max_mss;
	uint16_t state_flags; /* PFSTATE_* */
	uint8_t direction;    /* PF_IN or PF_OUT: of the packet that created it */
	uint8_t log, rt, timeout, sync_flags, min_ttl, set_tos;
	uint8_t set_prio[2];
	/* ours */
	uint8_t local_flags;  /* PF_SL_* */
	uint32_t ruleset_gen; /* ruleset generation `rule` refers to */
};

_Static_assert(sizeof(struct pf_state_key) == 40, "pfsync_state_key is 40 bytes");

/* Index in key->addr/port of a packet's source for a direction (pd->sidx). */
static inline unsigned pf_sidx(uint8_t dir)
{
	return dir == PF_IN ? 0 : 1;
}

/*
 * The key of a packet: its addresses and ports (network order) placed by
 * direction. For ICMP queries the id is the source port and the type the
 * destination (replies the other way round), as pf_icmp_mapping().
 */
void pf_state_key_make(struct pf_state_key *k, uint8_t af, uint8_t proto, uint8_t dir,
                       const struct pf_addr *src, uint16_t sport_be, const struct pf_addr *dst,
                       uint16_t dport_be);

/* Ruleset-dependent inputs of pf_state_expires(). */
struct pf_expire_ctx {
	const uint32_t *timeout;                    /* the ruleset's timeout[PFTM_MAX] */
	uint32_t states;                            /* states in the table */
	uint32_t rule_start, rule_end, rule_states; /* the state's rule, if it set adaptive */
};

/*
 * pf_state_expires(): absolute expiry time (<= now: expired). A state
 * marked PFTM_PURGE or PFTM_UNLINKED expires at once (returns 0).
 */
uint64_t pf_state_expires(const struct pf_state *st, const struct pf_expire_ctx *c);

/* Seconds left for pfsync's `expire` field (0 when expired). */
uint32_t pf_state_expire_left(const struct pf_state *st, const struct pf_expire_ctx *c,
                              uint32_t now);

struct pf_tcp_seg;

/* What pf_create_state() takes besides the keys. */
struct pf_state_new {
	const struct pf_rule *rule; /* the deciding rule, NULL for pf's default rule */
	int32_t nat_rule;           /* -1 without translation */
	uint8_t dir;
	const struct pf_tcp_seg *tcp; /* the first segment, TCP only */
	uint32_t now;
	uint64_t id;
	uint32_t creatorid;
	uint32_t ruleset_gen;
};

/*
 * A new state from its first packet, as pf_create_state(): TCP src.seqlo
 * = seq, seqhi = seq + len + 1 (+1 SYN, +1 FIN), max_win the first window
 * (unscaled with the SYN's wscale), src SYN_SENT, dst CLOSED, timeout
 * tcp.first; UDP src SINGLE, dst NO_TRAFFIC, udp.first; ICMP icmp.first;
 * others SINGLE/NO_TRAFFIC, other.first. Flags from the rule (SLOPPY,
 * NOSYNC); pfsync's own protocol is never synced.
 */
void pf_state_create(struct pf_state *st, const struct pf_state_key *wire,
                     const struct pf_state_key *stack, const struct pf_state_new *n);

/* Count a packet of direction dir and ip_len bytes (pf_counters_inc). */
void pf_state_count(struct pf_state *st, uint8_t dir, uint32_t bytes);

/* pf's half-open accounting: a local TCP state whose source is not yet established. */
bool pf_state_halfopen(const struct pf_state *st, uint32_t hostid);

/* pfsync import: loose tracking until each side has been seen once here. */
void pf_state_mark_imported(struct pf_state *st);

#endif /* PF_STATE_H */
