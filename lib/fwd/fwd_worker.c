/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The worker: rx burst -> classify -> handler (ARP, IPv4, CARP) -> buffered
 * tx on the worker's own tx queue. No locks, no allocation except one mbuf
 * for a rate-limited ARP probe of a stale neighbour; replies and errors
 * reuse the received mbuf. Nothing here logs: everything is counted.
 */

#include <string.h>
#include <unistd.h>

#include <rte_arp.h>
#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_hash_crc.h>
#include <rte_icmp.h>
#include <rte_mbuf.h>
#include <rte_pause.h>
#include <rte_prefetch.h>
#include <rte_rcu_qsbr.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>
#include <rte_vect.h>

#include "fwd_priv.h"

#define ETH_LEN ((uint32_t)sizeof(struct rte_ether_hdr))

/* What a handler gets about one received packet. */
struct fwd_rx {
	struct rte_mbuf *m;
	uint8_t *frame;
	uint32_t len; /* bytes in the first segment */
	uint16_t port;
	uint8_t l2flags;
	uint8_t cls;       /* enum fwd_class, from the burst's first pass */
	int8_t vif;        /* carp interface slot whose vMAC the frame came to, else -1 */
	uint32_t dst;      /* IPv4 destination, host order (set by ipv4_precheck) */
	enum fwd_drop why; /* set by classification for FWD_CLASS_DROP */
	const struct fwd_vip_snap *vip; /* the port's CARP words for this burst (n 0: none) */
};

static inline void count_drop(struct fwd_worker *w, enum fwd_drop why)
{
	FWD_CNT_INC(w->stats.drops[why]);
}

static inline void count_event(struct fwd_worker *w, enum fwd_event ev)
{
	FWD_CNT_INC(w->stats.events[ev]);
}

static inline void drop(struct fwd_worker *w, struct rte_mbuf *m, enum fwd_drop why)
{
	count_drop(w, why);
	rte_pktmbuf_free(m);
}

/* ---- tx ---- */

static void tx_flush_port(struct fwd_worker *w, uint16_t port)
{
	struct fwd_txbuf *b = &w->tx[port];
	struct fwd_port_counters *pc = &w->stats.port[port];
	uint64_t bytes = 0;
	uint16_t sent;

	for (uint16_t i = 0; i < b->n; i++)
		bytes += rte_pktmbuf_pkt_len(b->pkts[i]);
	sent = rte_eth_tx_burst(port, w->txq, b->pkts, b->n);
	/* Unsent mbufs are still ours: the sent ones may already be freed. */
	for (uint16_t i = sent; i < b->n; i++) {
		bytes -= rte_pktmbuf_pkt_len(b->pkts[i]);
		rte_pktmbuf_free(b->pkts[i]);
	}
	FWD_CNT_ADD(pc->tx_packets, sent);
	FWD_CNT_ADD(pc->tx_bytes, bytes);
	if (sent < b->n) {
		FWD_CNT_ADD(pc->tx_dropped, b->n - sent);
		FWD_CNT_ADD(w->stats.drops[FWD_DROP_TX_FULL], b->n - sent);
	}
	b->n = 0;
	w->tx_dirty &= ~(1u << port);
}

void fwd_worker_flush(struct fwd_worker *w)
{
	while (w->tx_dirty) {
		uint16_t port = (uint16_t)__builtin_ctz(w->tx_dirty);

		tx_flush_port(w, port);
	}
}

static inline void tx_enqueue(struct fwd_worker *w, uint16_t port, struct rte_mbuf *m)
{
	struct fwd_txbuf *b = &w->tx[port];

	if (b->n == FWD_BURST)
		tx_flush_port(w, port);
	b->pkts[b->n++] = m;
	w->tx_dirty |= 1u << port;
}

void fwd_worker_ctrl_drain(struct fwd_worker *w)
{
	uint32_t ports = w->ctx->ctrl_ring_ports;

	while (ports) {
		uint16_t port = (uint16_t)__builtin_ctz(ports);
		struct rte_ring *r = w->ctx->port[port].ctrl_ring;
		struct rte_mbuf *pkts[FWD_BURST];
		unsigned int n;

		ports &= ports - 1;
		n = rte_ring_sc_dequeue_burst(r, (void **)pkts, FWD_BURST, NULL);
		for (unsigned int i = 0; i < n; i++)
			tx_enqueue(w, port, pkts[i]);
	}
}

/* Makes m a single segment of len bytes (frames we rewrite live in segment 0). */
static void mbuf_set_len(struct rte_mbuf *m, uint32_t len)
{
	if (m->next != NULL) {
		rte_pktmbuf_free(m->next);
		m->next = NULL;
		m->nb_segs = 1;
	}
	m->data_len = (uint16_t)len;
	m->pkt_len = len;
}

static inline uint32_t mbuf_cap(const struct rte_mbuf *m)
{
	return rte_pktmbuf_data_len(m) + rte_pktmbuf_tailroom(m);
}

/* ---- ICMP errors ---- */

/* The original packet in rx is dropped for `why`; answer with an ICMP error if allowed. */
static void icmp_error_reply(struct fwd_worker *w, struct fwd_rx *rx, enum fwd_drop why,
                             uint8_t type, uint8_t code, uint16_t mtu)
{
	const struct fwd_ctx *ctx = w->ctx;
	const struct rte_ipv4_hdr *ip = (const void *)(rx->frame + ETH_LEN);
	uint32_t src, len;

	count_drop(w, why);
	if (!fwd_icmp_error_allowed(ip, rx->l2flags))
		goto free;
	src = fwd_port_src_addr(&ctx->port[rx->port], rte_be_to_cpu_32(ip->src_addr));
	for (uint16_t p = 0; src == 0 && p < FWD_MAX_PORTS; p++)
		src = fwd_port_src_addr(&ctx->port[p], 0);
	if (src == 0)
		goto free;
	if (!fwd_tbucket_take(&w->icmp_tb, w->now)) {
		count_event(w, FWD_EV_ICMP_ERROR_SUPPRESSED);
		goto free;
	}
	len = fwd_icmp_error(rx->frame, rx->len, mbuf_cap(rx->m), type, code, mtu, src,
	                     &ctx->port[rx->port].filter.own);
	if (len == 0)
		goto free;
	mbuf_set_len(rx->m, len);
	tx_enqueue(w, rx->port, rx->m);
	count_event(w, type == FWD_ICMP_TIME_EXCEEDED ? FWD_EV_ICMP_TIME_EXCEEDED_SENT
	                                              : FWD_EV_ICMP_UNREACH_SENT);
	return;
free:
	rte_pktmbuf_free(rx->m);
}

/* ---- ARP ---- */

/* Per lcore: ask for ip at most once per arp_retry_ms, and within the token bucket. */
static bool arp_may_ask(struct fwd_worker *w, uint32_t ip)
{
	struct fwd_arp_recent *r = &w->arp_recent[rte_hash_crc_4byte(ip, 0) % FWD_ARP_RECENT];

	if (r->ip == ip && r->tsc != 0 && w->now - r->tsc < w->arp_retry_tsc)
		return false;
	if (!fwd_tbucket_take(&w->arp_tb, w->now))
		return false;
	r->ip = ip;
	r->tsc = w->now ? w->now : 1;
	return true;
}

/* Writes an ARP request for ip out of port into m (whatever m held) and queues it. */
static bool arp_request_send(struct fwd_worker *w, struct rte_mbuf *m, uint16_t port, uint32_t ip)
{
	const struct fwd_port_state *ps = &w->ctx->port[port];
	uint32_t sip = fwd_port_src_addr(ps, ip);
	uint32_t len;

	if (sip == 0)
		return false;
	len = fwd_arp_request(rte_pktmbuf_mtod(m, void *), mbuf_cap(m), &ps->filter.own, sip, ip);
	if (len == 0)
		return false;
	mbuf_set_len(m, len);
	tx_enqueue(w, port, m);
	count_event(w, FWD_EV_ARP_REQUEST_SENT);
	return true;
}

/* The next hop has no MAC: drop the packet, reuse its mbuf for an ARP request. */
static void neigh_unresolved(struct fwd_worker *w, struct fwd_rx *rx, uint16_t port, uint32_t nh)
{
	count_drop(w, FWD_DROP_NEIGHBOUR_UNRESOLVED);
	if (arp_may_ask(w, nh) && arp_request_send(w, rx->m, port, nh))
		return;
	count_event(w, FWD_EV_ARP_REQUEST_SUPPRESSED);
	rte_pktmbuf_free(rx->m);
}

/* A stale neighbour is still used; ask again so its reply confirms it. */
static void neigh_probe(struct fwd_worker *w, struct rte_mempool *mp, uint16_t port, uint32_t nh)
{
	struct rte_mbuf *m;

	if (!arp_may_ask(w, nh) || (m = rte_pktmbuf_alloc(mp)) == NULL) {
		count_event(w, FWD_EV_ARP_REQUEST_SUPPRESSED);
		return;
	}
	m->data_len = m->pkt_len = 0;
	if (!arp_request_send(w, m, port, nh)) {
		count_event(w, FWD_EV_ARP_REQUEST_SUPPRESSED);
		rte_pktmbuf_free(m);
	}
}

/* Tells the neighbour writer what we saw, unless the table already says so. */
static void neigh_learn(struct fwd_worker *w, uint32_t ip, const struct rte_ether_addr *mac,
                        uint16_t port)
{
	struct fwd_neigh_table *t = &w->ctx->neigh;
	uint64_t cur = fwd_neigh_lookup(t, ip);
	struct fwd_neigh_learn msg = {.ip = ip, .port = port, .mac = *mac};

	if ((cur & FWD_NB_STATIC) || cur == fwd_nb_pack(mac, port, 0))
		return;
	if (rte_ring_mp_enqueue_elem(t->learn, &msg, sizeof(msg)) == 0)
		count_event(w, FWD_EV_NEIGH_LEARN_QUEUED);
	else
		count_event(w, FWD_EV_NEIGH_LEARN_QUEUE_FULL);
}

/*
 * ARP about a virtual address of the ingress port (spec 8): a CARP peer's
 * announcement (sender = a VIP) is neither learned nor answered; a request
 * for a VIP is answered only by the MASTER of the responsible node, with
 * that node's MAC (fwd_vip_arp_answer). Returns false if a is not about a
 * VIP of the port.
 */
static bool vip_arp_input(struct fwd_worker *w, struct fwd_rx *rx, const struct fwd_arp_info *a)
{
	const struct fwd_port_state *ps = &w->ctx->port[rx->port];
	const struct fwd_vip_port *vp = &w->ctx->vip.port[rx->port];
	struct rte_ether_addr sender, eth_src;
	int slot;
	uint32_t len;

	if (fwd_vip_find(vp, a->spa) >= 0) {
		drop(w, rx->m, FWD_DROP_ARP_VIP_ANNOUNCE);
		return true;
	}
	slot = fwd_vip_find(vp, a->tpa);
	if (slot < 0)
		return false;
	if (a->spa != 0 && fwd_port_on_link(ps, a->spa))
		neigh_learn(w, a->spa, &a->sha, rx->port);
	if (a->op != RTE_ARP_OP_REQUEST) { /* nobody asks from a VIP: learned, consumed */
		rte_pktmbuf_free(rx->m);
		return true;
	}
	if (!fwd_vip_arp_answer(&vp->ifs[slot], rx->vip->word[slot], &a->sha, &ps->filter.own,
	                        &sender, &eth_src)) {
		drop(w, rx->m, FWD_DROP_ARP_VIP_NOT_MASTER);
		return true;
	}
	len = fwd_arp_reply(rx->frame, mbuf_cap(rx->m), a, &sender);
	if (len == 0) {
		drop(w, rx->m, FWD_DROP_ARP_MALFORMED);
		return true;
	}
	((struct rte_ether_hdr *)rx->frame)->src_addr = eth_src;
	mbuf_set_len(rx->m, len);
	tx_enqueue(w, rx->port, rx->m);
	count_event(w, FWD_EV_ARP_VIP_REPLY_SENT);
	return true;
}

static void arp_input(struct fwd_worker *w, struct fwd_rx *rx)
{
	const struct fwd_port_state *ps = &w->ctx->port[rx->port];
	struct fwd_arp_info a;
	enum fwd_drop why = fwd_arp_parse(rx->frame, rx->len, &a);
	uint32_t len;

	if (why != FWD_DROP_NONE)
		return drop(w, rx->m, why);
	if (fwd_port_has_addr(ps, a.spa)) /* someone else claims our address */
		return drop(w, rx->m, FWD_DROP_ARP_BAD_SENDER);
	if (unlikely(rx->vip->n != 0) && vip_arp_input(w, rx, &a))
		return;
	if (!fwd_port_has_addr(ps, a.tpa)) {
		/* Not for us (gratuitous ARP, other hosts' traffic): only refresh a
		 * neighbour we already have, never create one. */
		uint64_t cur = fwd_neigh_lookup(&w->ctx->neigh, a.spa);

		if (cur != 0 && fwd_nb_port(cur) == rx->port)
			neigh_learn(w, a.spa, &a.sha, rx->port);
		return drop(w, rx->m, FWD_DROP_ARP_NOT_FOR_US);
	}
	if (a.spa != 0 && fwd_port_on_link(ps, a.spa))
		neigh_learn(w, a.spa, &a.sha, rx->port);
	if (a.op != RTE_ARP_OP_REQUEST) { /* a reply to us: learned, consumed */
		rte_pktmbuf_free(rx->m);
		return;
	}
	len = fwd_arp_reply(rx->frame, mbuf_cap(rx->m), &a, &ps->filter.own);
	if (len == 0)
		return drop(w, rx->m, FWD_DROP_ARP_MALFORMED);
	mbuf_set_len(rx->m, len);
	tx_enqueue(w, rx->port, rx->m);
	count_event(w, FWD_EV_ARP_REPLY_SENT);
}

/* ---- IPv4 ---- */

/* To the router (or a VIP it answers): ICMP echo only; src_mac = the reply's Ethernet source. */
static void local_input(struct fwd_worker *w, struct fwd_rx *rx, struct rte_ipv4_hdr *ip,
                        const struct rte_ether_addr *src_mac)
{
	uint32_t flen = ETH_LEN + rte_be_to_cpu_16(ip->total_length);
	enum fwd_drop why;

	if (rte_be_to_cpu_16(ip->fragment_offset) &
	    (RTE_IPV4_HDR_MF_FLAG | RTE_IPV4_HDR_OFFSET_MASK))
		return drop(w, rx->m, FWD_DROP_LOCAL_FRAGMENT);
	if (ip->next_proto_id != IPPROTO_ICMP)
		return drop(w, rx->m, FWD_DROP_LOCAL_UNSUPPORTED);
	why = fwd_icmp_echo_reply(rx->frame, flen, src_mac);
	if (why != FWD_DROP_NONE)
		return drop(w, rx->m, why);
	mbuf_set_len(rx->m, flen); /* drop Ethernet padding */
	tx_enqueue(w, rx->port, rx->m);
	count_event(w, FWD_EV_ICMP_ECHO_REPLY_SENT);
}

/*
 * Neighbour of next hop nh through the lcore's cache, NULL when the table has
 * none. The cache is emptied at the start of a burst when the writer changed
 * the table (fwd_worker_rx), so an entry is at most one burst older than the
 * hash. A slot also holds the Ethernet addresses for the port the neighbour
 * is on (ports are fixed after launch).
 */
static inline const struct fwd_nb_cache_slot *neigh_cached(struct fwd_worker *w, uint32_t nh)
{
	struct fwd_nb_cache_slot *c = &w->nb_cache[(nh * 2654435761u) >> 24];
	uint64_t v;

	if (likely(c->ip == nh))
		return c;
	v = fwd_neigh_lookup(&w->ctx->neigh, nh);
	if (v == 0)
		return NULL;
	c->ip = nh;
	c->data = v;
	fwd_nb_mac(v, &c->eth[0]);
	c->eth[1] = w->ctx->port[fwd_nb_port(v)].filter.own;
	return c;
}

/*
 * IPv4 to VIP slot of port vport (fwd_vip_local_allowed says who answers).
 * A VIP of another port than the ingress one is looked up in that port's
 * published words, and answered with the ingress port's own MAC.
 */
static void vip_local_input(struct fwd_worker *w, struct fwd_rx *rx, struct rte_ipv4_hdr *ip,
                            uint16_t vport, unsigned int slot)
{
	const struct fwd_vip_port *vp = &w->ctx->vip.port[vport];
	const struct rte_ether_addr *own = &w->ctx->port[rx->port].filter.own;
	const struct rte_ether_hdr *eth = (const void *)rx->frame;
	bool via_vmac = vport == rx->port && rx->vif == (int8_t)slot;
	struct rte_ether_addr src = *own;
	struct fwd_vip_snap other;
	uint64_t word;

	if (vport == rx->port) {
		word = rx->vip->word[slot];
	} else {
		fwd_vip_snap_read(vp, &other);
		word = other.word[slot];
	}
	if (!fwd_vip_local_allowed(&vp->ifs[slot], word, via_vmac))
		return drop(w, rx->m, FWD_DROP_VIP_NOT_MASTER);
	if (vport == rx->port)
		fwd_vip_src_mac(&vp->ifs[slot], via_vmac, &eth->dst_addr, own, &src);
	local_input(w, rx, ip, &src);
}

/*
 * The IPv4 checks that need no table, in the burst's first pass: header,
 * martians, group destinations. On FWD_DROP_NONE *dst is the destination
 * (host order) for the burst's LPM lookup.
 */
static inline enum fwd_drop ipv4_precheck(struct fwd_rx *rx, uint32_t *dst)
{
	const struct rte_ipv4_hdr *ip = (const void *)(rx->frame + ETH_LEN);
	enum fwd_drop why = fwd_ipv4_validate(ip, rx->len - ETH_LEN);
	uint32_t src, d;

	if (unlikely(why != FWD_DROP_NONE))
		return why;
	src = fwd_ntohl(ip->src_addr);
	d = fwd_ntohl(ip->dst_addr);
	why = fwd_ipv4_check_addrs(src, d);
	if (unlikely(why != FWD_DROP_NONE))
		return why;
	if (unlikely((d >> 28) == 0xe || d == UINT32_MAX))
		return FWD_DROP_IP_MULTICAST;
	*dst = rx->dst = d;
	return FWD_DROP_NONE;
}

/* IPv4 that passed ipv4_precheck; rt = its longest-prefix route (or NULL). */
static inline void ipv4_input(struct fwd_worker *w, struct fwd_rx *rx,
                              const struct fwd_route_entry *rt)
{
	struct fwd_ctx *ctx = w->ctx;
	struct rte_ether_hdr *eth = (void *)rx->frame;
	struct rte_ipv4_hdr *ip = (void *)(eth + 1);
	const struct fwd_nb_cache_slot *nb;
	uint32_t dst = rx->dst;
	uint32_t nh, tlen;
	uint16_t out;

	if (rt != NULL && rt->type == FWD_ROUTE_LOCAL)
		return local_input(w, rx, ip, &ctx->port[rx->port].filter.own);
	/* VIPs sit inside a connected subnet of their carpdev. */
	if (unlikely(rt != NULL && rt->type == FWD_ROUTE_CONNECTED &&
	             (ctx->vip.ports & (1u << rt->port)))) {
		int slot = fwd_vip_find(&ctx->vip.port[rt->port], dst);

		if (slot >= 0)
			return vip_local_input(w, rx, ip, rt->port, (unsigned int)slot);
	}
	/* Came to an ip-balancing vMAC: only the node owning the flow forwards it. */
	if (unlikely(rx->vif >= 0) &&
	    !fwd_vip_flow_master(&ctx->vip.port[rx->port].ifs[rx->vif], rx->vip->word[rx->vif],
	                         fwd_ntohl(ip->src_addr), dst))
		return drop(w, rx->m, FWD_DROP_CARP_NOT_MASTER);
	if (unlikely(rx->l2flags & FWD_L2_GROUP))
		return drop(w, rx->m, FWD_DROP_L2_GROUP_TRANSIT);
	if (unlikely(rt == NULL))
		return icmp_error_reply(w, rx, FWD_DROP_NO_ROUTE, FWD_ICMP_DEST_UNREACH,
		                        FWD_ICMP_UNREACH_NET, 0);
	if (rt->type == FWD_ROUTE_CONNECTED && rt->len < 31 &&
	    (dst | (UINT32_MAX << (32 - rt->len))) == UINT32_MAX) /* subnet broadcast */
		return drop(w, rx->m, FWD_DROP_IP_MULTICAST);
	if (unlikely(ctx->filter_fn != NULL) && !ctx->filter_fn(ctx->filter_arg, rx->port, eth, ip))
		return drop(w, rx->m, FWD_DROP_CARPNODES_FILTERED);
	if (unlikely(ip->time_to_live <= 1))
		return icmp_error_reply(w, rx, FWD_DROP_TTL_EXCEEDED, FWD_ICMP_TIME_EXCEEDED,
		                        FWD_ICMP_TIME_EXCEEDED_TTL, 0);

	out = rt->port;
	tlen = fwd_ntohs(ip->total_length);
	if (unlikely(tlen > ctx->port[out].mtu)) {
		if (ip->fragment_offset & RTE_BE16(RTE_IPV4_HDR_DF_FLAG))
			return icmp_error_reply(w, rx, FWD_DROP_MTU_EXCEEDED, FWD_ICMP_DEST_UNREACH,
			                        FWD_ICMP_UNREACH_NEEDFRAG, ctx->port[out].mtu);
		return drop(w, rx->m, FWD_DROP_MTU_EXCEEDED); /* no fragmentation */
	}
	nh = rt->type == FWD_ROUTE_GATEWAY ? rt->gateway : dst;
	nb = neigh_cached(w, nh);
	if (unlikely(nb == NULL || fwd_nb_port(nb->data) != out))
		return neigh_unresolved(w, rx, out, nh);
	if (unlikely(nb->data & FWD_NB_STALE))
		neigh_probe(w, rx->m->pool, out, nh);

	fwd_ipv4_ttl_dec(ip);
	memcpy(&eth->dst_addr, nb->eth, sizeof(nb->eth)); /* destination and source MAC */
	if (unlikely(rx->len > ETH_LEN + tlen || rx->m->nb_segs > 1))
		mbuf_set_len(rx->m, ETH_LEN + tlen); /* no Ethernet padding forwarded */
	tx_enqueue(w, out, rx->m);
	w->burst_forwarded++; /* counted once per burst (rx_chunk) */
}

/* ---- CARP ---- */

static void carp_input(struct fwd_worker *w, struct fwd_rx *rx)
{
	const struct rte_ether_hdr *eth = (const void *)rx->frame;
	const struct rte_ipv4_hdr *ip = (const void *)(eth + 1);
	struct rte_ring *ring;
	struct fwd_carp_msg msg;
	enum fwd_drop why;
	uint16_t tlen;

	why = fwd_ipv4_validate(ip, rx->len - ETH_LEN);
	if (why != FWD_DROP_NONE)
		return drop(w, rx->m, why);
	ring = atomic_load_explicit(&w->ctx->carp_ring, memory_order_acquire);
	if (ring == NULL)
		return drop(w, rx->m, FWD_DROP_CARP_NO_CONSUMER);
	tlen = rte_be_to_cpu_16(ip->total_length);
	msg.rx_tsc = w->now;
	msg.port = rx->port;
	msg.orig_len = tlen;
	msg.len = RTE_MIN(tlen, (uint16_t)FWD_CARP_MSG_MAX);
	msg.pad = 0;
	msg.src_mac = eth->src_addr;
	msg.dst_mac = eth->dst_addr;
	memcpy(msg.pkt, ip, msg.len);
	if (rte_ring_mp_enqueue_elem(ring, &msg, sizeof(msg)) != 0)
		return drop(w, rx->m, FWD_DROP_CARP_RING_FULL);
	count_event(w, FWD_EV_CARP_QUEUED);
	rte_pktmbuf_free(rx->m);
}

/*
 * A frame the port's MAC filter refused: is it for a vMAC this host owns now,
 * or CARP's group 01:00:5e:00:00:12? (fwd_vip_mac_match; the ip-mode
 * multicast vMAC is unicast from here on, spec 7.3.)
 */
static enum fwd_class vip_classify(struct fwd_worker *w, struct fwd_rx *rx)
{
	const struct rte_ether_hdr *eth = (const void *)rx->frame;
	unsigned int slot = 0;

	switch (fwd_vip_mac_match(&w->ctx->vip.port[rx->port], rx->vip, &eth->dst_addr, &slot)) {
	case FWD_VIP_MAC_GROUP:
		rx->l2flags = FWD_L2_GROUP;
		break;
	case FWD_VIP_MAC_VIRTUAL:
		rx->l2flags = 0;
		rx->vif = (int8_t)slot;
		break;
	default:
		return FWD_CLASS_DROP; /* rx->why: dst_mac_not_ours */
	}
	return fwd_classify_ethertype(rx->frame, rx->len, &rx->why);
}

/*
 * Up to FWD_BURST packets in three passes, so that the loads of one packet
 * overlap with those of the others instead of forming one long chain per
 * packet: (1) classify every frame and run the table-free IPv4 checks;
 * (2) look the IPv4 destinations up in the LPM four at a time; (3) hand
 * every packet, in arrival order, to its handler. Passes 1 and 2 only read,
 * so drops, counters and the order of what is sent are those of handling
 * each packet alone.
 */
static inline void rx_chunk(struct fwd_worker *w, uint16_t port, struct rte_mbuf **pkts, uint16_t n,
                            const struct fwd_vip_snap *vip)
{
	const struct fwd_route_table *routes = &w->ctx->routes;
	const struct fwd_mac_filter *f = &w->ctx->port[port].filter;
	struct fwd_rx rx[FWD_BURST];
	uint32_t dst[FWD_BURST + 3], hop[FWD_BURST + 3];
	uint64_t bytes = 0;
	unsigned int k = 0;

	for (uint16_t i = 0; i < n && i < 4; i++)
		rte_prefetch0(rte_pktmbuf_mtod(pkts[i], void *));
	for (uint16_t i = 0; i < n; i++) {
		struct fwd_rx *r = &rx[i];
		enum fwd_class c;

		if (i + 4 < n)
			rte_prefetch0(rte_pktmbuf_mtod(pkts[i + 4], void *));
		r->m = pkts[i];
		r->frame = rte_pktmbuf_mtod(pkts[i], uint8_t *);
		r->len = rte_pktmbuf_data_len(pkts[i]);
		r->port = port;
		r->vif = -1;
		r->why = FWD_DROP_NONE;
		r->vip = vip;
		bytes += rte_pktmbuf_pkt_len(pkts[i]);
		c = fwd_classify(r->frame, r->len, f, &r->l2flags, &r->why);
		if (unlikely(c == FWD_CLASS_DROP && r->why == FWD_DROP_DST_MAC_NOT_OURS && vip->n))
			c = vip_classify(w, r);
		if (likely(c == FWD_CLASS_IPV4)) {
			r->why = ipv4_precheck(r, &dst[k]);
			if (likely(r->why == FWD_DROP_NONE))
				k++;
			else
				c = FWD_CLASS_DROP;
		}
		r->cls = (uint8_t)c;
	}

	dst[k] = dst[k + 1] = dst[k + 2] = 0; /* padding of the last group of 4 */
	for (unsigned int j = 0; j < k; j += 4) {
		xmm_t ips;

		memcpy(&ips, &dst[j], sizeof(ips));
		rte_lpm_lookupx4(routes->lpm, ips, &hop[j], FWD_NH_NONE);
	}

	k = 0;
	for (uint16_t i = 0; i < n; i++) {
		struct fwd_rx *r = &rx[i];

		switch (r->cls) {
		case FWD_CLASS_IPV4:
			ipv4_input(w, r, fwd_route_of_hop(routes, hop[k++]));
			break;
		case FWD_CLASS_ARP:
			arp_input(w, r);
			break;
		case FWD_CLASS_CARP:
			carp_input(w, r);
			break;
		default:
			drop(w, r->m, r->why);
			break;
		}
	}
	FWD_CNT_ADD(w->stats.port[port].rx_bytes, bytes);
	FWD_CNT_ADD(w->stats.events[FWD_EV_FORWARDED], w->burst_forwarded);
	w->burst_forwarded = 0;
}

void fwd_worker_rx(struct fwd_worker *w, uint16_t port, struct rte_mbuf **pkts, uint16_t n)
{
	struct fwd_vip_snap vip; /* only .n is read on ports without carp interfaces */
	uint64_t gen = atomic_load_explicit(&w->ctx->neigh.gen, memory_order_acquire);

	if (unlikely(gen != w->nb_cache_gen)) {
		memset(w->nb_cache, 0, sizeof(w->nb_cache));
		w->nb_cache_gen = gen;
	}
	/* CARP state: one consistent view for the whole burst. */
	vip.n = 0;
	if (w->ctx->vip.ports & (1u << port))
		fwd_vip_snap_read(&w->ctx->vip.port[port], &vip);

	for (uint16_t done = 0; done < n; done += FWD_BURST)
		rx_chunk(w, port, pkts + done, (uint16_t)RTE_MIN(n - done, FWD_BURST), &vip);
	FWD_CNT_ADD(w->stats.port[port].rx_packets, n);
	FWD_CNT_ADD(w->stats.packets, n);
}

void fwd_worker_init(struct fwd_worker *w, struct fwd_ctx *ctx, unsigned int lcore, uint16_t txq,
                     uint64_t now)
{
	const struct fwd_params *p = &ctx->params;

	w->ctx = ctx;
	w->lcore = lcore;
	w->txq = txq;
	w->now = now;
	w->arp_retry_tsc = ctx->hz / 1000 * p->arp_retry_ms;
	fwd_tbucket_init(&w->icmp_tb, ctx->hz, p->icmp_rate, p->icmp_burst, now);
	fwd_tbucket_init(&w->arp_tb, ctx->hz, p->arp_rate, p->arp_burst, now);
}

/* Adaptive mode: after idle_polls empty loops, sleep 1, 2, 4 ... sleep_max_us. */
static void idle_backoff(struct fwd_worker *w, uint32_t *idle, uint32_t *sleep_us)
{
	const struct fwd_params *p = &w->ctx->params;
	struct rte_rcu_qsbr *v = w->ctx->neigh.qsbr;

	if (++*idle < p->idle_polls) {
		rte_pause();
		return;
	}
	*sleep_us = *sleep_us ? RTE_MIN(*sleep_us * 2, p->sleep_max_us) : 1;
	/* Offline while asleep so the neighbour writer's reclaim never waits on us. */
	rte_rcu_qsbr_thread_offline(v, w->lcore);
	usleep(*sleep_us);
	rte_rcu_qsbr_thread_online(v, w->lcore);
}

int fwd_worker_main(void *arg)
{
	struct fwd_worker *w = arg;
	struct fwd_ctx *ctx = w->ctx;
	struct rte_rcu_qsbr *v = ctx->neigh.qsbr;
	struct rte_mbuf *pkts[FWD_BURST];
	uint32_t idle = 0, sleep_us = 0;
	uint64_t prev = rte_rdtsc();

	rte_rcu_qsbr_thread_register(v, w->lcore);
	rte_rcu_qsbr_thread_online(v, w->lcore);
	while (atomic_load_explicit(&ctx->running, memory_order_acquire)) {
		uint64_t end;
		unsigned int got = 0;

		w->now = rte_rdtsc();
		for (uint16_t i = 0; i < w->n_rxq; i++) {
			uint16_t n =
			    rte_eth_rx_burst(w->rxq[i].port, w->rxq[i].queue, pkts, FWD_BURST);

			if (n) {
				got += n;
				fwd_worker_rx(w, w->rxq[i].port, pkts, n);
			}
		}
		if (w->txq == 0 && ctx->ctrl_ring_ports)
			fwd_worker_ctrl_drain(w);
		if (w->tx_dirty)
			fwd_worker_flush(w);
		rte_rcu_qsbr_quiescent(v, w->lcore);

		end = rte_rdtsc();
		FWD_CNT_INC(w->stats.polls);
		if (got) {
			FWD_CNT_INC(w->stats.busy_polls);
			FWD_CNT_ADD(w->stats.cycles_busy, end - w->now);
			idle = 0;
			sleep_us = 0;
		} else if (ctx->params.poll_mode == FWD_POLL_ADAPTIVE) {
			idle_backoff(w, &idle, &sleep_us);
			end = rte_rdtsc();
		}
		FWD_CNT_ADD(w->stats.cycles_total, end - prev);
		prev = end;
	}
	fwd_worker_flush(w);
	rte_rcu_qsbr_thread_offline(v, w->lcore);
	rte_rcu_qsbr_thread_unregister(v, w->lcore);
	return 0;
}
