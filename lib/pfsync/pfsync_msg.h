/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pfsync v6 messages in host representation, and their byte-exact
 * encode/decode. Every field of OpenBSD's packed structs is here (pads
 * excepted: written as zero, ignored on read), multi-byte fields in host
 * byte order. Byte strings the protocol treats as raw stay raw: addresses
 * (struct pf_addr, network order, IPv4 in the first 4 bytes) and names.
 *
 * Decoded-value conventions (what the glue converts to and from):
 *  - id, creatorid: the big-endian wire value read as a number (pf writes
 *    htobe64(counter) and its hostid; tcpdump prints them this way);
 *  - ports: the port number (the wire holds it big-endian);
 *  - creation: age in seconds, expire: seconds left (0 = expired);
 *  - packets/bytes: the 64-bit counters (two BE words on the wire);
 *  - af: OpenBSD numbers (2 inet, 24 inet6), timeout: PFTM_* index.
 * Pure C, no allocation; decoders read exactly the message length.
 */
#ifndef PFSYNC_MSG_H
#define PFSYNC_MSG_H

#include <stdbool.h>
#include <stdint.h>

#include "pfsync_proto.h"

/* struct pfsync_state_scrub (8 bytes) */
struct pfsync_scrub_msg {
	uint16_t pfss_flags; /* PFSS_TIMESTAMP only */
	uint8_t pfss_ttl;
	uint8_t scrub_flag; /* PFSYNC_SCRUB_FLAG_VALID when present */
	uint32_t pfss_ts_mod;
};

/* struct pfsync_state_peer (32 bytes) */
struct pfsync_peer_msg {
	struct pfsync_scrub_msg scrub;
	uint32_t seqlo;
	uint32_t seqhi;
	uint32_t seqdiff;
	uint16_t max_win;
	uint16_t mss;
	uint8_t state;
	uint8_t wscale;
};

/* struct pfsync_state_key (40 bytes) */
struct pfsync_key_msg {
	uint8_t addr[2][16];
	uint16_t port[2];
	uint16_t rdomain;
	uint8_t af;
};

/* struct pfsync_state (264 bytes): INS, UPD, DEL */
struct pfsync_state_msg {
	uint64_t id;
	char ifname[PFSYNC_IFNAMSIZ + 1]; /* NUL-terminated copy of 16 bytes */
	struct pfsync_key_msg key[2];     /* [PFSYNC_SK_WIRE], [PFSYNC_SK_STACK] */
	struct pfsync_peer_msg src;
	struct pfsync_peer_msg dst;
	uint8_t rt_addr[16];
	uint32_t rule; /* PFSYNC_RULE_NONE = -1 */
	uint32_t anchor;
	uint32_t nat_rule;
	uint32_t creation; /* age, seconds */
	uint32_t expire;   /* seconds left */
	uint64_t packets[2];
	uint64_t bytes[2];
	uint32_t creatorid;
	int32_t rtableid[2];
	uint16_t max_mss;
	uint8_t af;
	uint8_t proto;
	uint8_t direction;
	uint8_t log;
	uint8_t rt;
	uint8_t timeout;
	uint8_t sync_flags;
	uint8_t updates;
	uint8_t min_ttl;
	uint8_t set_tos;
	uint16_t state_flags;
	uint8_t set_prio[2];
};

/* struct pfsync_upd_c (84 bytes) */
struct pfsync_upd_c_msg {
	uint64_t id;
	struct pfsync_peer_msg src;
	struct pfsync_peer_msg dst;
	uint32_t creatorid;
	uint32_t expire; /* OpenBSD's sender leaves it 0 */
	uint8_t timeout;
	uint8_t state_flags; /* OpenBSD's sender leaves it 0 */
};

/* struct pfsync_ins_ack / pfsync_upd_req / pfsync_del_c (12 bytes) */
struct pfsync_ref_msg {
	uint64_t id;
	uint32_t creatorid;
};

/* struct pfsync_clr (20 bytes); empty ifname = every interface */
struct pfsync_clr_msg {
	char ifname[PFSYNC_IFNAMSIZ + 1];
	uint32_t creatorid;
};

/* struct pfsync_bus (12 bytes). OpenBSD's sender puts endtime 0; ours
 * announces in BUS START how many states the bulk will carry (an upper
 * bound). OpenBSD's receiver reads only `status`. */
struct pfsync_bus_msg {
	uint32_t creatorid;
	uint32_t endtime;
	uint8_t status; /* PFSYNC_BUS_START / PFSYNC_BUS_END */
};

/* struct pfsync_tdb (52 bytes): IPsec SA replay counters; decoded for
 * display, never acted on. */
struct pfsync_tdb_msg {
	uint32_t spi;
	uint8_t dst[28]; /* union sockaddr_union, raw */
	uint64_t rpl;
	uint64_t cur_bytes;
	uint8_t sproto;
	uint8_t updates;
	uint16_t rdomain;
};

void pfsync_scrub_decode(struct pfsync_scrub_msg *m, const uint8_t b[PFSYNC_SCRUB_LEN]);
void pfsync_scrub_encode(const struct pfsync_scrub_msg *m, uint8_t b[PFSYNC_SCRUB_LEN]);
void pfsync_peer_decode(struct pfsync_peer_msg *m, const uint8_t b[PFSYNC_PEER_LEN]);
void pfsync_peer_encode(const struct pfsync_peer_msg *m, uint8_t b[PFSYNC_PEER_LEN]);
void pfsync_key_decode(struct pfsync_key_msg *m, const uint8_t b[PFSYNC_KEY_LEN]);
void pfsync_key_encode(const struct pfsync_key_msg *m, uint8_t b[PFSYNC_KEY_LEN]);
void pfsync_state_decode(struct pfsync_state_msg *m, const uint8_t b[PFSYNC_STATE_LEN]);
void pfsync_state_encode(const struct pfsync_state_msg *m, uint8_t b[PFSYNC_STATE_LEN]);
void pfsync_upd_c_decode(struct pfsync_upd_c_msg *m, const uint8_t b[PFSYNC_UPD_C_LEN]);
void pfsync_upd_c_encode(const struct pfsync_upd_c_msg *m, uint8_t b[PFSYNC_UPD_C_LEN]);
void pfsync_ref_decode(struct pfsync_ref_msg *m, const uint8_t b[PFSYNC_REF_LEN]);
void pfsync_ref_encode(const struct pfsync_ref_msg *m, uint8_t b[PFSYNC_REF_LEN]);
void pfsync_clr_decode(struct pfsync_clr_msg *m, const uint8_t b[PFSYNC_CLR_LEN]);
void pfsync_clr_encode(const struct pfsync_clr_msg *m, uint8_t b[PFSYNC_CLR_LEN]);
void pfsync_bus_decode(struct pfsync_bus_msg *m, const uint8_t b[PFSYNC_BUS_LEN]);
void pfsync_bus_encode(const struct pfsync_bus_msg *m, uint8_t b[PFSYNC_BUS_LEN]);
void pfsync_tdb_decode(struct pfsync_tdb_msg *m, const uint8_t b[PFSYNC_TDB_LEN]);
void pfsync_tdb_encode(const struct pfsync_tdb_msg *m, uint8_t b[PFSYNC_TDB_LEN]);

/* The compressed update OpenBSD's sender writes for a state: id,
 * creatorid, both peers and the timeout; expire and state_flags 0. */
void pfsync_upd_c_from_state(struct pfsync_upd_c_msg *u, const struct pfsync_state_msg *st);

/*
 * Value checks of OpenBSD's receiver (`badval`): INS (pfsync_in_ins) needs
 * timeout < PFTM_MAX, both peer states <= PROXY_DST, direction <= PF_OUT
 * and af 2 or 24 in the state and (when set) in both keys; UPD and UPD_C
 * (pfsync_in_upd, pfsync_in_upd_c) check timeout and peer states only.
 */
bool pfsync_state_valid_ins(const struct pfsync_state_msg *st);
bool pfsync_state_valid_upd(const struct pfsync_state_msg *st);
bool pfsync_upd_c_valid(const struct pfsync_upd_c_msg *u);

/* Big-endian helpers (shared by the codec files). */
static inline uint16_t pfsync_be16(const uint8_t *b)
{
	return (uint16_t)((unsigned)b[0] << 8 | b[1]);
}

static inline uint32_t pfsync_be32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static inline uint64_t pfsync_be64(const uint8_t *b)
{
	return (uint64_t)pfsync_be32(b) << 32 | pfsync_be32(b + 4);
}

static inline void pfsync_put16(uint8_t *b, uint16_t v)
{
	b[0] = (uint8_t)(v >> 8);
	b[1] = (uint8_t)v;
}

static inline void pfsync_put32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

static inline void pfsync_put64(uint8_t *b, uint64_t v)
{
	pfsync_put32(b, (uint32_t)(v >> 32));
	pfsync_put32(b + 4, (uint32_t)v);
}

#endif /* PFSYNC_MSG_H */
