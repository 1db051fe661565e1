/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Actions: what the sans-IO core asks the app to do. Every entry point
 * (carp_host_input, carp_host_timeout, carp_if_admin, link and demote
 * events) appends to a caller-provided list and ends with a DEADLINE entry
 * giving the next time carp_host_timeout must be called. The core never
 * sends, arms a timer or touches a NIC itself.
 */
#ifndef CARP_ACTION_H
#define CARP_ACTION_H

#include <stdbool.h>
#include <stdint.h>

#include "carp_wire.h"

struct carp_if;

#define CARP_ACTIONS(X)                                                                            \
	X(SEND_ADV, send_adv, "send an advertisement")                                             \
	X(VMAC_ADD, vmac_add, "accept frames to a virtual MAC on the carpdev")                     \
	X(VMAC_DEL, vmac_del, "stop accepting a virtual MAC")                                      \
	X(GARP, garp, "send a gratuitous ARP for a virtual IPv4 address")                          \
	X(NA, na, "send an unsolicited neighbour advertisement (IPv6)")                            \
	X(STATE, state, "a vhid changed state")                                                    \
	X(DEADLINE, deadline, "call carp_host_timeout at this time")

enum carp_action_type {
#define X(e, n, d) CARP_ACT_##e,
	CARP_ACTIONS(X)
#undef X
	    CARP_ACT__COUNT
};

#define CARP_GARP_REASONS(X)                                                                       \
	X(TAKEOVER, takeover, "became MASTER")                                                     \
	X(REPEAT, repeat, "second announcement, 2 advertisements later")                           \
	X(REANNOUNCE, reannounce, "conflict resolved: another master heard")

enum carp_garp_reason {
#define X(e, n, d) CARP_GARP_##e,
	CARP_GARP_REASONS(X)
#undef X
	    CARP_GARP__COUNT
};

const char *carp_action_name(enum carp_action_type t);
const char *carp_garp_reason_name(enum carp_garp_reason r);

struct carp_action {
	uint8_t type;        /* enum carp_action_type */
	uint8_t vhid;        /* 0 for DEADLINE */
	uint16_t carpdev;    /* parent port id from the config */
	struct carp_if *ifc; /* NULL for DEADLINE */
	union {
		struct { /* SEND_ADV */
			struct carp_tx_addr ta;
			uint8_t hdr[CARP_HDR_LEN];
			/* Complete frame; for a unicast carppeer whose MAC
			 * is not configured, need_dst_mac is set and the app
			 * writes the resolved MAC into frame[0..5]. */
			uint8_t frame[CARP_FRAME_MAX];
			uint16_t frame_len;
			bool unicast;
			bool need_dst_mac;
			bool bow_out;
		} adv;
		struct { /* VMAC_ADD / VMAC_DEL */
			uint8_t mac[6];
			bool multicast;
		} vmac;
		struct {                /* GARP */
			uint8_t mac[6]; /* Ethernet source = ARP sender */
			uint8_t ip[4];
			uint8_t reason; /* enum carp_garp_reason */
		} garp;
		struct {                /* NA */
			uint8_t mac[6]; /* target link-layer option */
			uint8_t ip6[16];
		} na;
		struct {                              /* STATE */
			uint8_t old_state, new_state; /* enum carp_state */
			uint8_t reason;               /* enum carp_reason */
		} state;
		struct {             /* DEADLINE */
			uint64_t at; /* us, CARP_NEVER if none */
		} deadline;
	} u;
};

/* A list over caller storage: no allocation. When full, further actions
 * are counted in `dropped` (size the storage with CARP_ACTIONS_HINT). */
struct carp_actions {
	struct carp_action *a;
	unsigned n, cap, dropped;
};

/* Enough for the largest single event: a demotion that makes every MASTER
 * advertise at once on a full host (16 carp interfaces x 32 nodes x 2
 * families = 1024 adverts), plus state changes and the deadline. */
#define CARP_ACTIONS_HINT 1280

void carp_actions_init(struct carp_actions *l, struct carp_action *buf, unsigned cap);
void carp_actions_clear(struct carp_actions *l);
/* A zeroed slot, or NULL (and dropped++) when full. */
struct carp_action *carp_actions_push(struct carp_actions *l, enum carp_action_type t);

/* Gratuitous ARP request frame (spec 8): Ethernet dst broadcast, src `mac`,
 * sender MAC `mac`, sender IP = target IP = `ip`, target MAC zero; 42 bytes
 * (the NIC pads). Returns the length or -ENOSPC. */
int carp_garp_build(const uint8_t mac[6], const uint8_t ip[4], uint8_t *buf, unsigned cap);

#endif /* CARP_ACTION_H */
