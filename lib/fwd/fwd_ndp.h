/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_NDP_H
#define FWD_NDP_H

/*
 * Neighbor Discovery (RFC 4861) messages on plain buffers: parse and
 * validate RS, RA, NS, NA; build NS, NA (solicited, unsolicited) and RA.
 * Pure, unit-tested in test_fwd_pkt6.c and fuzzed. `frame` points at the
 * Ethernet header; `l4_off` is the ICMPv6 header's offset from the IPv6
 * header (the extension header walker's `off`).
 *
 * Builders write a whole frame into frame[0, cap) and return its length,
 * or 0 when cap is short or the request breaks a MUST of RFC 4861 (then
 * nothing useful was written). Every frame has hop limit 255.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>

#include "fwd_counters.h"

#define FWD_NDP_RS 133
#define FWD_NDP_RA 134
#define FWD_NDP_NS 135
#define FWD_NDP_NA 136

#define FWD_NDP_HOP_LIMIT 255

/* NA flags (first byte after the checksum, RFC 4861 4.4). */
#define FWD_NDP_NA_ROUTER    0x80
#define FWD_NDP_NA_SOLICITED 0x40
#define FWD_NDP_NA_OVERRIDE  0x20
/* RA flags (RFC 4861 4.2). */
#define FWD_NDP_RA_MANAGED 0x80
#define FWD_NDP_RA_OTHER   0x40
/* Prefix information flags (RFC 4861 4.6.2). */
#define FWD_NDP_PI_ONLINK 0x80
#define FWD_NDP_PI_AUTO   0x40

#define FWD_NDP_MAX_PREFIXES 8 /* kept by the parser, accepted by the RA builder */

/* Frame lengths of what the builders write. */
#define FWD_NDP_NS_LEN     86 /* 14 + 40 + 24 + SLLA 8 */
#define FWD_NDP_NS_DAD_LEN 78 /* from ::, no SLLA */
#define FWD_NDP_NA_LEN     86 /* 14 + 40 + 24 + TLLA 8 */

struct fwd_ndp_prefix {
	uint8_t prefix[16];            /* bits past len are zero on the wire */
	uint8_t len;                   /* 0..128 */
	uint8_t flags;                 /* FWD_NDP_PI_* */
	uint32_t valid_s, preferred_s; /* 0xffffffff = infinity */
};

/* What an RA carries; the RA builder's input and the parser's output. */
struct fwd_ndp_ra {
	uint8_t cur_hop_limit; /* 0: unspecified */
	uint8_t flags;         /* FWD_NDP_RA_* */
	uint16_t lifetime_s;   /* router lifetime: 0 = not a default router */
	uint32_t reachable_ms, retrans_ms;
	uint32_t mtu; /* MTU option; 0 = none */
	uint8_t n_prefixes;
	struct fwd_ndp_prefix prefix[FWD_NDP_MAX_PREFIXES];
};

/* A parsed, valid NDP message. */
struct fwd_ndp_msg {
	uint8_t type;  /* FWD_NDP_RS..NA */
	uint8_t flags; /* NA: FWD_NDP_NA_*; RA: FWD_NDP_RA_* */
	struct rte_ether_addr eth_src;
	uint8_t src[16], dst[16]; /* IPv6 source and destination */
	uint8_t target[16];       /* NS, NA */
	bool has_slla, has_tlla;  /* option present (SLLA in RS/RA/NS, TLLA in NA) */
	struct rte_ether_addr slla, tlla;
	uint8_t n_prefixes_seen; /* RA: prefix options, also those past FWD_NDP_MAX_PREFIXES */
	struct fwd_ndp_ra ra;    /* RA */
};

/*
 * Parses and validates the RS, RA, NS or NA at l4_off of the (validated)
 * IPv6 packet in frame: RFC 4861 6.1.1 (RS), 6.1.2 (RA), 7.1.1 (NS), 7.1.2
 * (NA), in this order:
 *   - type 133..136, else ICMP6_UNSUPPORTED
 *   - IPv6 hop limit 255, else NDP_BAD_HOP_LIMIT
 *   - ICMPv6 code 0, else NDP_BAD_CODE
 *   - ICMPv6 length >= 8 (RS), 16 (RA), 24 (NS/NA), else NDP_TRUNCATED
 *   - checksum, else ICMP6_BAD_CHECKSUM
 *   - NS/NA target not multicast, else NDP_MULTICAST_TARGET
 *   - every option of length > 0 and inside the message; link-layer
 *     options of length 1 (8 bytes, RFC 2464), prefix information of 4
 *     with a prefix length <= 128, MTU of 1: else NDP_BAD_OPTION.
 *     Options unknown, or not meant for the message, are skipped (4.6).
 *   - RA from a link-local source, else NDP_RA_NOT_LINK_LOCAL
 *   - NS/RS from :: without a source link-layer option, else
 *     NDP_UNSPECIFIED_WITH_SLLA; NS from :: to the target's solicited-node
 *     group, else NDP_DAD_NOT_SOLICITED_NODE
 *   - NA to a multicast destination without the S flag, else
 *     NDP_SOLICITED_MULTICAST
 * The link-layer addresses are handed over as found (a CARP ip-balancing
 * peer answers with a group MAC); what to learn is the caller's choice.
 */
enum fwd_drop fwd_ndp_parse(const void *frame, uint32_t len, uint32_t l4_off,
                            struct fwd_ndp_msg *out);

/*
 * Neighbor Solicitation for target from src_ip/src_mac. dst_mac NULL:
 * address resolution, to the target's solicited-node group and its
 * 33:33:ff:xx:xx:xx MAC; else a unicast probe (NUD) to the target at
 * dst_mac. A source link-layer option is included unless src_ip is ::
 * (duplicate address detection, which must be multicast: 0 otherwise).
 * Returns FWD_NDP_NS_LEN, FWD_NDP_NS_DAD_LEN or 0.
 */
uint32_t fwd_ndp_ns(void *frame, uint32_t cap, const struct rte_ether_addr *src_mac,
                    const uint8_t src_ip[16], const uint8_t target[16],
                    const struct rte_ether_addr *dst_mac);

/*
 * Neighbor Advertisement for target, from src_ip/src_mac to dst_ip at
 * dst_mac (NULL: the 33:33 MAC of dst_ip, which must then be multicast),
 * flags FWD_NDP_NA_*, with a target link-layer option = src_mac. Refuses
 * (0) the Solicited flag to a multicast destination (RFC 4861 7.1.2).
 * Returns FWD_NDP_NA_LEN or 0.
 */
uint32_t fwd_ndp_na(void *frame, uint32_t cap, const struct rte_ether_addr *src_mac,
                    const uint8_t src_ip[16], const struct rte_ether_addr *dst_mac,
                    const uint8_t dst_ip[16], const uint8_t target[16], uint8_t flags);

/*
 * The answer to a parsed NS for one of our addresses (RFC 4861 7.2.4):
 * from ns->target and our_mac; to ns->src with the Solicited flag, at the
 * NS's source link-layer address (or its Ethernet source without one); to
 * ff02::1 without the Solicited flag when the NS came from :: (DAD).
 * flags: FWD_NDP_NA_ROUTER / FWD_NDP_NA_OVERRIDE as the caller decides.
 * frame may be the NS's own buffer (ns was copied out by the parser).
 */
uint32_t fwd_ndp_na_reply(void *frame, uint32_t cap, const struct fwd_ndp_msg *ns,
                          const struct rte_ether_addr *our_mac, uint8_t flags);

/*
 * Unsolicited NA to ff02::1 announcing that target now lives at mac, with
 * Override and Router set: what OpenBSD's carp sends for each IPv6 address
 * on becoming MASTER (carp_send_na(): ND_NA_FLAG_OVERRIDE, plus ROUTER when
 * forwarding, which a router always does; spec 8). src_ip is the sender's
 * address (OpenBSD picks a link-local of the carp interface for ff02::1).
 */
uint32_t fwd_ndp_na_unsolicited(void *frame, uint32_t cap, const struct rte_ether_addr *mac,
                                const uint8_t src_ip[16], const uint8_t target[16]);

/*
 * Router Advertisement from src_ll (must be link-local, RFC 4861 6.1.2)
 * and src_mac to dst_ip (NULL: ff02::1) at dst_mac (NULL: the 33:33 MAC
 * of dst_ip, which must then be multicast): the fixed part from *ra, a
 * source link-layer option, an MTU option when ra->mtu != 0, one prefix
 * information option per ra->prefix (prefix bits past len cleared).
 * Returns the frame length (14 + 40 + 16 + 8 + 8 * (mtu != 0) + 32 * n),
 * or 0 (cap short, src not link-local, more than FWD_NDP_MAX_PREFIXES, a
 * prefix longer than 128).
 */
uint32_t fwd_ndp_ra(void *frame, uint32_t cap, const struct rte_ether_addr *src_mac,
                    const uint8_t src_ll[16], const uint8_t *dst_ip,
                    const struct rte_ether_addr *dst_mac, const struct fwd_ndp_ra *ra);

#endif
