/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * carpdump's per-packet path: strip the capture's link layer, let lib/carp
 * parse the IP packet, and print one line in the spirit of
 * `tcpdump -T carp -v`.
 */
#ifndef CARPDUMP_DECODE_H
#define CARPDUMP_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "capture_link.h"
#include "carp_wire.h"

/* pcap link types carpdump understands (tools/capture's). */
#define CARPDUMP_LINK_ETHERNET   CAPTURE_LINK_ETHERNET
#define CARPDUMP_LINK_RAW        CAPTURE_LINK_RAW
#define CARPDUMP_LINK_LINUX_SLL  CAPTURE_LINK_LINUX_SLL
#define CARPDUMP_LINK_LINUX_SLL2 CAPTURE_LINK_LINUX_SLL2
#define CARPDUMP_LINK_IPV4       CAPTURE_LINK_IPV4
#define CARPDUMP_LINK_IPV6       CAPTURE_LINK_IPV6

struct carpdump_pkt {
	enum carp_parse_result res;
	struct carp_pkt pkt; /* lib/carp's view; pkt.carp NULL = no header */
	bool have_mac;       /* source MAC known (Ethernet or cooked) */
	uint8_t src_mac[6];
};

/* True when carpdump can read captures of this link type. */
static inline bool carpdump_link_supported(int linktype)
{
	return capture_link_supported(linktype);
}

/* Decode one captured packet. Returns 0 (see p->res for the verdict) or
 * -EPROTONOSUPPORT for an unknown link type. Never reads past `len`. */
int carpdump_decode(int linktype, const uint8_t *data, size_t len, struct carpdump_pkt *p);

/* True when the packet is a CARP advertisement lib/carp would accept
 * (everything but the digest). */
static inline bool carpdump_is_valid(const struct carpdump_pkt *p)
{
	return p->res == CARP_PARSE_OK;
}

/* Advertisement interval in ms: advbase*1000 + advskew*1000/256 (spec 5.1). */
unsigned carpdump_interval_ms(const struct carp_adv *adv);

/* One line (no newline): "HH:MM:SS.uuuuuu MAC SRC > DST: CARPv2-advertise
 * 36: vhid=.. advbase=.. advskew=.. demote=.. counter=0x.. interval=..ms
 * ttl=.. cksum=ok", or the VRRP / drop-reason forms. Time is UTC. Returns
 * snprintf's count. */
int carpdump_format(const struct carpdump_pkt *p, const struct timeval *ts, char *buf, size_t cap);

#endif /* CARPDUMP_DECODE_H */
