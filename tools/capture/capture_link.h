/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Link layers of the captures the operator tools read (carpdump,
 * pfsyncdump): find the IP packet and, where the capture has it, the
 * sender's MAC. Pure C on byte buffers; no libpcap needed.
 */
#ifndef CAPTURE_LINK_H
#define CAPTURE_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* pcap link types understood (values of LINKTYPE_*). */
#define CAPTURE_LINK_ETHERNET   1
#define CAPTURE_LINK_RAW        101 /* raw IPv4/IPv6 (also DLT_RAW 12/14) */
#define CAPTURE_LINK_LINUX_SLL  113 /* "any" device, cooked v1 */
#define CAPTURE_LINK_LINUX_SLL2 276
#define CAPTURE_LINK_IPV4       228
#define CAPTURE_LINK_IPV6       229

#define CAPTURE_ETHERTYPE_IP4 0x0800
#define CAPTURE_ETHERTYPE_IP6 0x86dd

struct capture_l3 {
	uint16_t ethertype;  /* CAPTURE_ETHERTYPE_IP4 / _IP6 */
	const uint8_t *data; /* the IP header */
	size_t len;
	bool have_mac; /* Ethernet or cooked with a 6-byte address */
	uint8_t src_mac[6];
	bool have_dst_mac; /* Ethernet only */
	uint8_t dst_mac[6];
};

/* True when the tools can read captures of this link type. */
bool capture_link_supported(int linktype);

/* Strip the link layer (Ethernet with at most one 802.1Q/802.1ad tag,
 * Linux cooked v1/v2, raw IP). Returns 0, -EINVAL (short, or not IPv4 or
 * IPv6; `out` keeps what was found) or -EPROTONOSUPPORT (link type). */
int capture_l3(int linktype, const uint8_t *data, size_t len, struct capture_l3 *out);

#endif /* CAPTURE_LINK_H */
