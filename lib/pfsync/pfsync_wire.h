/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pfsync frames on the wire: the IPv4 header around them (parse and
 * build), the 20-byte pfsync header, and an iterator over the messages of
 * the subheaders that follow, with OpenBSD's receive rules (if_pfsync.c
 * pfsync_input):
 *  - packet shorter than the header: hdrops; version != 6: badver;
 *    header len beyond the packet: badlen (a longer packet is trimmed to
 *    len; len < 20 is also badlen here, OpenBSD silently ignores it);
 *  - a subheader whose action is >= 16, or whose per-message length is
 *    shorter than OpenBSD's struct, is skipped by len x count when both
 *    are non-zero, else the rest of the packet is dropped (badact);
 *    actions OpenBSD has no handler for (OINS, OUPD, INS_F, DEL_F, OTDB,
 *    EOF) are skipped the same way whatever their len/count;
 *  - len x count beyond the packet: badlen, rest dropped;
 *  - longer per-message lengths are accepted: messages are strided by
 *    the announced length and their known prefix decoded (v6 is forward
 *    extensible by appending fields);
 *  - fewer than 4 bytes left: the walk ends (ignored, as OpenBSD).
 * Messages before a fatal subheader have already been delivered, exactly
 * as OpenBSD processes them one subheader at a time. INS, UPD and UPD_C
 * carry their value check (badval) in pfsync_msg.reason; the walk goes on.
 */
#ifndef PFSYNC_WIRE_H
#define PFSYNC_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pfsync_msg.h"
#include "pfsync_stats.h"

/* An IPv4 header carrying pfsync. */
struct pfsync_ip4 {
	uint8_t src[4];
	uint8_t dst[4];
	uint8_t ttl;
	uint8_t tos;
	uint16_t id;
	uint16_t hlen;          /* IHL x 4 */
	const uint8_t *payload; /* the pfsync header */
	size_t payload_len;     /* trimmed to the IP total length */
};

/*
 * Parse the IPv4 header at `buf`: hdrops for a header that is short, not
 * version 4, has a bad IHL, total length or header checksum, is a
 * fragment, or is not protocol 240; then badttl for TTL != 255.
 */
enum pfsync_rx pfsync_ip4_parse(const uint8_t *buf, size_t len, struct pfsync_ip4 *ip);

/* Write the 20-byte IPv4 header OpenBSD's pfsync_encap sends: TOS
 * lowdelay, DF, TTL 255, protocol 240, header checksum. */
void pfsync_ip4_build(uint8_t hdr[PFSYNC_IP4_HDR_LEN], const uint8_t src[4], const uint8_t dst[4],
                      uint16_t id, uint16_t total_len);

/* Internet checksum of `len` bytes (host order; 0 over a valid header). */
uint16_t pfsync_ip_cksum(const uint8_t *buf, size_t len);

struct pfsync_hdr {
	uint8_t version;
	uint16_t len; /* bytes, header included */
	uint8_t pfcksum[PFSYNC_CKSUM_LEN];
};

/* One element of a frame: a message, or a whole skipped subheader. */
struct pfsync_msg {
	uint8_t action;        /* subheader action */
	bool skipped;          /* skipped by len x count; nothing decoded */
	enum pfsync_rx reason; /* PFSYNC_RX_OK or PFSYNC_RX_BADVAL */
	uint16_t count;        /* messages in the subheader */
	uint16_t index;        /* this message's index in it */
	uint16_t mlen;         /* announced bytes per message */
	uint32_t offset;       /* of the message (or skipped body) in the frame */
	union {
		struct pfsync_state_msg state; /* INS, UPD, DEL */
		struct pfsync_upd_c_msg upd_c;
		struct pfsync_ref_msg ref; /* INS_ACK, UPD_REQ, DEL_C */
		struct pfsync_clr_msg clr;
		struct pfsync_bus_msg bus;
		struct pfsync_tdb_msg tdb;
	} u;
};

struct pfsync_iter {
	const uint8_t *buf; /* the pfsync header */
	size_t len;         /* trimmed to the header's len */
	size_t off;         /* next unread byte */
	struct pfsync_hdr hdr;
	uint8_t action; /* current subheader */
	uint16_t mlen, count, next;
	enum pfsync_rx reason; /* why pfsync_frame_next returned -1 */
};

/* Check the pfsync header of `buf` (the IP payload) and start a walk.
 * Returns OK, HDROPS, BADVER or BADLEN. */
enum pfsync_rx pfsync_frame_open(struct pfsync_iter *it, const uint8_t *buf, size_t len);

/* Next element: 1 with *m filled, 0 at the end, -1 on a fatal subheader
 * (it->reason: BADACT or BADLEN). */
int pfsync_frame_next(struct pfsync_iter *it, struct pfsync_msg *m);

/* Skip the messages left in the current subheader (OpenBSD: an import
 * failing for lack of memory ends its subheader, not the packet). */
void pfsync_frame_skip_sub(struct pfsync_iter *it);

#endif /* PFSYNC_WIRE_H */
