/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_NDP_WIRE_H
#define FWD_NDP_WIRE_H

/* NDP message layout (RFC 4861 4), shared by the parser and the builders. */

#define FWD_NDP_ICMP_HDR 4u  /* type, code, checksum */
#define FWD_NDP_RS_FIXED 4u  /* reserved */
#define FWD_NDP_RA_FIXED 12u /* hop limit, flags, lifetime, reachable, retrans */
#define FWD_NDP_NS_FIXED 20u /* flags/reserved, target (NS and NA) */

/* Option types and their lengths in bytes (the wire says units of 8). */
#define FWD_NDP_OPT_SLLA       1
#define FWD_NDP_OPT_TLLA       2
#define FWD_NDP_OPT_PREFIX     3
#define FWD_NDP_OPT_MTU        5
#define FWD_NDP_OPT_LLA_LEN    8u /* Ethernet (RFC 2464 6) */
#define FWD_NDP_OPT_PREFIX_LEN 32u
#define FWD_NDP_OPT_MTU_LEN    8u

#endif
