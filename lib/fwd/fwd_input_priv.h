/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_INPUT_PRIV_H
#define FWD_INPUT_PRIV_H

/*
 * The protocol handlers the worker loop (fwd_worker.c) hands each received
 * packet to, one file each: fwd_ipv4_input.c (transit), fwd_local_input.c
 * (to the router or a VIP, ICMP errors), fwd_arp_input.c, fwd_carp_input.c
 * (CARP punt, vMAC classification). Each one consumes rx->m: it ends up in
 * a tx buffer, in a ring, or freed and counted.
 */

#include <stdint.h>

#include <rte_branch_prediction.h>
#include <rte_ip.h>

#include "fwd_pkt.h"
#include "fwd_route_priv.h"
#include "fwd_vip_priv.h"
#include "fwd_worker_priv.h"

struct rte_mbuf;

/* What a handler gets about one received packet. */
struct fwd_rx {
	struct rte_mbuf *m;
	uint8_t *frame;
	uint32_t len; /* bytes in the first segment */
	uint16_t port;
	uint8_t l2flags;
	uint8_t cls;       /* enum fwd_class, from the burst's first pass */
	int8_t vif;        /* carp interface slot whose vMAC the frame came to, else -1 */
	uint32_t dst;      /* IPv4 destination, host order (set by fwd_ipv4_precheck) */
	enum fwd_drop why; /* set by classification for FWD_CLASS_DROP */
	const struct fwd_vip_snap *vip; /* the port's CARP words for this burst (n 0: none) */
};

/*
 * The IPv4 checks that need no table, in the burst's first pass: header,
 * martians, group destinations. On FWD_DROP_NONE *dst is the destination
 * (host order) for the burst's LPM lookup.
 */
static inline enum fwd_drop fwd_ipv4_precheck(struct fwd_rx *rx, uint32_t *dst)
{
	const struct rte_ipv4_hdr *ip = (const void *)(rx->frame + FWD_ETH_LEN);
	enum fwd_drop why = fwd_ipv4_validate(ip, rx->len - FWD_ETH_LEN);
	uint32_t src, d;

	if (unlikely(why != FWD_DROP_NONE))
		return why;
	src = fwd_ntohl(ip->src_addr);
	d = fwd_ntohl(ip->dst_addr);
	why = fwd_ipv4_check_addrs(src, d);
	if (unlikely(why != FWD_DROP_NONE))
		return why;
	if (unlikely(fwd_ipv4_is_group(d)))
		return FWD_DROP_IP_MULTICAST;
	*dst = rx->dst = d;
	return FWD_DROP_NONE;
}

/* fwd_ipv4_input.c: IPv4 that passed fwd_ipv4_precheck; rt = its route (or NULL). */
void fwd_ipv4_input(struct fwd_worker *w, struct fwd_rx *rx, const struct fwd_route_entry *rt);

/*
 * fwd_frag.c: m, transit IPv4 rewritten for port out (MACs, TTL), longer
 * than mtu with DF clear: queues its fragments, counts it forwarded.
 */
void fwd_ipv4_fragment(struct fwd_worker *w, struct rte_mbuf *m, uint16_t out, uint16_t mtu);

/* fwd_local_input.c: to the router (ICMP echo only); src_mac = the reply's Ethernet source. */
void fwd_local_input(struct fwd_worker *w, struct fwd_rx *rx, struct rte_ipv4_hdr *ip,
                     const struct rte_ether_addr *src_mac);
/* fwd_local_input.c: to VIP `slot` of port vport (fwd_vip_local_allowed says who answers). */
void fwd_vip_local_input(struct fwd_worker *w, struct fwd_rx *rx, struct rte_ipv4_hdr *ip,
                         uint16_t vport, unsigned int slot);
/*
 * fwd_local_input.c: rx is dropped for `why`; answer with an ICMP error
 * (type, code, next-hop mtu) if RFC 1812 and the rate limit allow.
 */
void fwd_icmp_error_reply(struct fwd_worker *w, struct fwd_rx *rx, enum fwd_drop why, uint8_t type,
                          uint8_t code, uint16_t mtu);

/* fwd_ipv6_input.c: an IPv6 frame (ports without IPv6 drop it as not_ipv4_ethertype). */
void fwd_ipv6_input(struct fwd_worker *w, struct fwd_rx *rx);

/* fwd_arp_input.c: ARP to the port (or one of its VIPs). */
void fwd_arp_input(struct fwd_worker *w, struct fwd_rx *rx);

/* fwd_carp_input.c: a CARP advert (fwd_carp_classify, or to the router with
 * TTL 255), punted to the control lcore (fwd_punt.h). */
void fwd_carp_input(struct fwd_worker *w, struct fwd_rx *rx);
/*
 * fwd_carp_input.c: a frame the port's MAC filter refused: is it for a vMAC
 * this host owns now, or CARP's group? Sets rx->l2flags/vif; the class.
 */
enum fwd_class fwd_vip_classify(struct fwd_worker *w, struct fwd_rx *rx);

#endif
