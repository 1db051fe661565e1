/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CARP wire format: the 36-byte advertisement header, the Internet checksum,
 * parsing of a CARP packet from an IPv4/IPv6 header (or an Ethernet frame) and
 * building of the header, the IP packet and the complete Ethernet frame.
 *
 * Pure C on plain byte buffers: no DPDK, no allocation. Parsers never read
 * past `len`; every rejection returns a reason whose name mirrors OpenBSD's
 * carpstats (badlen, badttl, badsum, badver, hdrops) plus `vrrp`.
 */
#ifndef CARP_WIRE_H
#define CARP_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CARP_PROTO              112 /* IP protocol number (shared with VRRP) */
#define CARP_VERSION            2
#define CARP_TYPE_ADVERTISEMENT 1
#define CARP_AUTHLEN            7 /* (8 counter + 20 digest) / 4, never checked on rx */
#define CARP_TTL                255
#define CARP_HDR_LEN            36
#define CARP_MD_LEN             20
#define CARP_ETHER_LEN          14
#define CARP_IP4_HDR_LEN        20
#define CARP_IP6_HDR_LEN        40
#define CARP_IP4_PKT_LEN        (CARP_IP4_HDR_LEN + CARP_HDR_LEN)   /* 56 */
#define CARP_IP6_PKT_LEN        (CARP_IP6_HDR_LEN + CARP_HDR_LEN)   /* 76 */
#define CARP_FRAME4_LEN         (CARP_ETHER_LEN + CARP_IP4_PKT_LEN) /* 70 */
#define CARP_FRAME6_LEN         (CARP_ETHER_LEN + CARP_IP6_PKT_LEN) /* 90 */
#define CARP_FRAME_MAX          CARP_FRAME6_LEN
#define CARP_IP4_TOS            0x10 /* IPTOS_LOWDELAY, as OpenBSD and ucarp */
#define CARP_ETHERTYPE_IP4      0x0800
#define CARP_ETHERTYPE_IP6      0x86dd

/* 224.0.0.18 and ff02::12, and their Ethernet multicast MACs. */
extern const uint8_t carp_group4[4];
extern const uint8_t carp_group6[16];
extern const uint8_t carp_group4_mac[6];
extern const uint8_t carp_group6_mac[6];

enum carp_family {
	CARP_AF_INET = 4,
	CARP_AF_INET6 = 6,
};

/* Every field of the 36-byte header, in host representation. */
struct carp_adv {
	uint8_t version; /* high nibble of byte 0 */
	uint8_t type;    /* low nibble of byte 0 */
	uint8_t vhid;
	uint8_t advskew;
	uint8_t authlen;
	uint8_t demote;
	uint8_t advbase;
	uint16_t cksum;   /* as found on the wire (host order) */
	uint64_t counter; /* the 8 counter bytes read big-endian */
	uint8_t md[CARP_MD_LEN];
};

/*
 * Parse/drop reasons. X(ENUM, name, description); names are the carpstats
 * counter names without the carps_ prefix (plus our own `vrrp`).
 */
#define CARP_PARSE_REASONS(X)                                                                      \
	X(OK, ok, "valid CARP advertisement")                                                      \
	X(HDROPS, hdrops, "malformed IP header or not IP protocol 112")                            \
	X(BADLEN, badlen, "shorter than IP header + 36 bytes")                                     \
	X(BADTTL, badttl, "TTL or hop limit is not 255")                                           \
	X(BADSUM, badsum, "CARP checksum does not verify")                                         \
	X(BADVER, badver, "CARP version is not 2")                                                 \
	X(VRRP, vrrp, "VRRP advertisement (same protocol 112), not CARP")

enum carp_parse_result {
#define X(e, n, d) CARP_PARSE_##e,
	CARP_PARSE_REASONS(X)
#undef X
	    CARP_PARSE__COUNT
};

/* "badlen" etc.; "?" for an out-of-range value. */
const char *carp_parse_result_name(enum carp_parse_result r);
const char *carp_parse_result_desc(enum carp_parse_result r);

/* An address of either family (IPv4 uses the first 4 bytes). */
struct carp_ipaddr {
	uint8_t family; /* enum carp_family */
	uint8_t a[16];
};

/* A parsed CARP packet (IP layer and, when parsed from a frame, Ethernet). */
struct carp_pkt {
	struct carp_adv adv;
	uint8_t family;     /* enum carp_family */
	uint8_t ttl;        /* TTL or hop limit */
	bool dst_multicast; /* IPv4 224/4 or IPv6 ff00::/8 destination */
	struct carp_ipaddr src;
	struct carp_ipaddr dst;
	bool has_ether; /* set by carp_frame_parse */
	uint8_t eth_dst[6];
	uint8_t eth_src[6];
	uint16_t ip_id;      /* IPv4 identification (0 for IPv6) */
	const uint8_t *carp; /* points at the 36 CARP bytes inside the input */
	size_t payload_len;  /* bytes after the IP header (IP total/payload length) */
};

/* Ones'-complement Internet checksum of `len` bytes (returned host order,
 * ready to be stored big-endian). 0 when verifying a block that includes a
 * correct checksum. */
uint16_t carp_cksum(const uint8_t *buf, size_t len);

/* Decode the 36 header bytes (no validation). */
void carp_adv_decode(struct carp_adv *adv, const uint8_t hdr[CARP_HDR_LEN]);

/* Encode `adv` into 36 bytes. The checksum is computed over the result when
 * `fill_cksum` is true (adv->cksum is then ignored), else adv->cksum is used. */
void carp_adv_encode(const struct carp_adv *adv, uint8_t hdr[CARP_HDR_LEN], bool fill_cksum);

/*
 * Parse a CARP packet starting at the IPv4 (`carp_ip4_parse`) or IPv6
 * (`carp_ip6_parse`) header, or either (`carp_ip_parse`, by version nibble).
 * Checks, in OpenBSD order: IP header sanity (hdrops), TTL 255 (badttl),
 * length >= IHL*4 + 36 (badlen), CARP checksum (badsum), version 2 (badver).
 * VRRP returns CARP_PARSE_VRRP: version 3 whose RFC 5798 checksum (with
 * pseudo-header) verifies, or version 2 whose payload is exactly a VRRPv2
 * advertisement (16 + 4 * count bytes, checksum over all of it; CARP's own
 * layout would need 44 bytes for authlen 7, so a real CARP advert never
 * matches). On BADVER/VRRP the header fields that were available are still
 * filled in (vhid for the lookup).
 * Trailing bytes after the 36-byte header are ignored.
 */
enum carp_parse_result carp_ip4_parse(const uint8_t *buf, size_t len, struct carp_pkt *out);
enum carp_parse_result carp_ip6_parse(const uint8_t *buf, size_t len, struct carp_pkt *out);
enum carp_parse_result carp_ip_parse(const uint8_t *buf, size_t len, struct carp_pkt *out);

/* Parse an Ethernet frame (optionally one 802.1Q tag) carrying IPv4/IPv6. */
enum carp_parse_result carp_frame_parse(const uint8_t *buf, size_t len, struct carp_pkt *out);

/* Addressing of an advertisement to build. */
struct carp_tx_addr {
	uint8_t family; /* enum carp_family */
	uint8_t src_mac[6];
	uint8_t dst_mac[6]; /* group MAC or the unicast peer's MAC */
	uint8_t src_ip[16]; /* first 4 bytes for IPv4 */
	uint8_t dst_ip[16]; /* 224.0.0.18 / ff02::12 / unicast carppeer */
	uint16_t ip_id;     /* IPv4 identification (caller's random) */
};

/* Build the IPv4 (56 bytes: TOS 0x10, DF, TTL 255, header checksum) or IPv6
 * (76 bytes: hop limit 255) packet around 36 CARP bytes. Returns the length
 * written, or -ENOSPC when `cap` is too small, -EINVAL on a bad family. */
int carp_ip_build(const struct carp_tx_addr *ta, const uint8_t hdr[CARP_HDR_LEN], uint8_t *buf,
                  size_t cap);

/* Same, preceded by the 14-byte Ethernet header (70 or 90 bytes). */
int carp_frame_build(const struct carp_tx_addr *ta, const uint8_t hdr[CARP_HDR_LEN], uint8_t *buf,
                     size_t cap);

/* Multicast destination helpers. */
bool carp_ip4_is_multicast(const uint8_t a[4]);
bool carp_ip6_is_multicast(const uint8_t a[16]);

#endif /* CARP_WIRE_H */
