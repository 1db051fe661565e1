/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A parsed packet: offsets into a byte buffer holding an Ethernet frame
 * (one 802.1Q tag allowed) or a bare IP packet, what pf's pf_setup_pdesc
 * extracts, and the drop reason when the packet cannot be filtered:
 *
 *   short        truncated IP, TCP, UDP or ICMP header, IP length past the buffer
 *   bad-offset   TCP data offset below 5 words or past the packet
 *   ip-option    IPv4 options (a single router alert is allowed), IPv6
 *                routing header type 0, more than 20 extension headers
 *   normalize    bad IP version or header length, ICMP in IPv6, ICMPv6 in IPv4
 *
 * Later fragments (offset != 0) carry no transport header: `fragment`
 * is set and only the IP fields are known (pf without reassembly).
 *
 * ICMP follows pf_icmp_mapping(): queries and their replies get the
 * query's type and id as virtual ports (a query has id as source port and
 * type as destination, a reply the other way round), errors quote another
 * connection (icmp_error), and replies, errors and neighbour adverts
 * cannot create states (icmp_nostate).
 */
#ifndef PF_PKT_H
#define PF_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pf_addr.h"
#include "pf_eval.h"
#include "pf_status.h"
#include "pf_tcp.h"

#define PF_HDR_LIMIT 20 /* pf_hdr_limit: IPv6 extension headers walked */

struct pf_pkt {
	uint8_t *buf;
	size_t len;       /* bytes in buf */
	unsigned l3;      /* IP header */
	unsigned l4;      /* transport header (valid unless fragment) */
	unsigned end;     /* end of the IP packet (l3 + IP length) */
	uint8_t af;       /* 0: not IP (not filtered) */
	uint8_t proto;    /* final protocol */
	uint8_t fragment; /* a later fragment */
	uint16_t ip_len;  /* bytes of the IP packet */
	struct pf_addr src, dst;
	unsigned src_off, dst_off; /* address fields in buf */
	uint16_t sport, dport;     /* host order; ICMP: the virtual ports */
	unsigned ck_off;           /* transport checksum field, 0 if none */
	/* TCP */
	struct pf_tcp_seg tcp;
	/* ICMP / ICMPv6 */
	uint8_t icmp_type, icmp_code;
	uint8_t icmp_error;   /* quotes the packet of another connection */
	uint8_t icmp_nostate; /* reply, error or neighbour advert */
	uint8_t icmp_query;   /* icmp_dir == PF_IN in pf: a request */
	uint8_t icmp_id_off;  /* 4 when the id field is rewritable (echo), else 0 */
	uint16_t icmp_id;     /* host order (the virtual id) */
};

/*
 * Parse buf (len bytes); ether says whether it starts with an Ethernet
 * header. Returns true with p filled (p->af == 0: not IP, pass it), or
 * false with the drop reason.
 */
bool pf_pkt_parse(struct pf_pkt *p, uint8_t *buf, size_t len, bool ether, enum pf_reason *why);

/* Walk IPv6 extension headers from next header nh at off (bounded by end). */
bool pf_ip6_walk(const uint8_t *buf, unsigned end, unsigned *off, uint8_t *nh, uint8_t *fragment,
                 enum pf_reason *why);

/* pf_icmp_mapping() for a type: sets query/nostate/error and the virtual ports. */
void pf_icmp_classify(struct pf_pkt *p);

/* The evaluator's view of the packet on an interface and direction. */
void pf_pkt_meta(const struct pf_pkt *p, uint16_t ifindex, uint8_t dir, struct pf_pkt_meta *m);

#endif /* PF_PKT_H */
