/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_IP6_EXT_H
#define FWD_IP6_EXT_H

/*
 * The IPv6 extension header walker (RFC 8200 4): from the fixed header to
 * the upper-layer header, every length bounds-checked against the payload
 * length, at most FWD_IP6_EXT_MAX headers. Pure, unit-tested and fuzzed.
 *
 * Walked: hop-by-hop options (first only; options parsed), routing
 * (type 0 dropped), fragment, destination options (options checked for
 * shape), AH (length in 4-byte units + 2). The walk stops at ESP (50), no
 * next header (59), a non-first fragment, or anything else, which is taken
 * as the upper-layer protocol (TCP, UDP, ICMPv6, CARP, mobility...).
 */

#include <stdint.h>

#include "fwd_counters.h"

#define FWD_IP6_EXT_MAX 8 /* more headers than this: FWD_DROP_IP6_EXT_TOO_MANY */

/* fwd_ip6_hdrs.flags */
#define FWD_IP6_F_HBH          0x01 /* hop-by-hop options header present */
#define FWD_IP6_F_ROUTER_ALERT 0x02 /* router alert option (RFC 2711), value in .ra */
#define FWD_IP6_F_FRAGMENT     0x04 /* fragment header present (.frag_off, .frag_more) */
#define FWD_IP6_F_LATER_FRAG   0x08 /* offset != 0: upper layer not in this packet */
#define FWD_IP6_F_ROUTING      0x10 /* routing header present (.rh_type, .rh_segleft) */
#define FWD_IP6_F_DST_UNKNOWN  0x20 /* destination option to refuse if ours (.dst_opt_ptr) */

/* No ICMPv6 parameter problem for this drop (FWD_ICMP6_PP_* otherwise). */
#define FWD_IP6_PP_NONE 0xff

struct fwd_ip6_hdrs {
	/*
	 * Upper-layer next header (6, 17, 58, 112...), or where the walk
	 * stopped: 50 (ESP), 59 (no next header), 44 for a non-first fragment.
	 */
	uint8_t proto;
	uint8_t flags;      /* FWD_IP6_F_* */
	uint32_t off;       /* offset of that header from the IPv6 header */
	uint32_t end;       /* 40 + payload length (up to 65575: 32 bits) */
	uint16_t frag_off;  /* fragment offset in bytes (with F_FRAGMENT) */
	uint8_t frag_more;  /* M flag */
	uint8_t rh_type;    /* with F_ROUTING */
	uint8_t rh_segleft; /* with F_ROUTING */
	uint16_t ra;        /* router alert value (0 MLD, 1 RSVP, 2 active networks) */
	/*
	 * First destination option whose type says "discard" (high bits not
	 * 00) and that is not Pad1/PadN: only the final destination processes
	 * destination options, so transit ignores it and a local handler
	 * refuses the packet (parameter problem code 2, pointer dst_opt_ptr,
	 * unless the type's high bits are 01 or (11 and multicast destination)).
	 */
	uint8_t dst_opt_type;
	uint32_t dst_opt_ptr;
	/*
	 * On a drop: the ICMPv6 parameter problem RFC 8200 asks for, code
	 * (FWD_ICMP6_PP_*, or FWD_IP6_PP_NONE: drop silently) and pointer
	 * (offset of the offending byte from the IPv6 header).
	 */
	uint8_t pp_code;
	uint32_t pp_ptr; /* the 32-bit pointer field of the ICMPv6 message */
};

/*
 * Walks the IPv6 packet at l3 (l3_len bytes in the frame; validated by
 * fwd_ip6_validate, else IP6_TRUNCATED/IP6_BAD_VERSION come back). Returns
 * FWD_DROP_NONE with *h filled, or the drop reason with h->pp_code/pp_ptr
 * saying which parameter problem may be sent about it:
 *   IP6_EXT_TRUNCATED   a header runs past 40 + payload length (code 3
 *                       pointer 0 after a first fragment, RFC 8200 4.5)
 *   IP6_EXT_TOO_MANY    more than FWD_IP6_EXT_MAX headers (silent)
 *   IP6_HBH_NOT_FIRST   next header 0 after another header (code 1)
 *   IP6_JUMBO           hop-by-hop with payload length 0 (code 0 pointing
 *                       at the payload length), or a jumbo payload option
 *                       (treated as unrecognised: its type 0xc2 says code 2
 *                       unless the destination is multicast)
 *   IP6_OPTION_MALFORMED option past its header, router alert length != 2
 *                       (code 0, pointer to the length)
 *   IP6_OPTION_UNKNOWN  unrecognised hop-by-hop option, type's high bits
 *                       01 (silent), 10 (code 2), 11 (code 2 unless the
 *                       destination is multicast) -- RFC 8200 4.2
 *   IP6_RH0             routing header type 0 (code 0 pointing at the
 *                       type when segments are left, else silent)
 */
enum fwd_drop fwd_ip6_walk(const void *l3, uint32_t l3_len, struct fwd_ip6_hdrs *h);

#endif
