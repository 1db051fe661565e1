/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IPv6 neighbour resolution on a worker, as fwd_resolve.c for ARP: a
 * neighbour solicitation to the solicited-node group for a next hop
 * without a MAC (in the dropped packet's mbuf), a unicast one for a stale
 * neighbour (one new mbuf); each address asked at most once per
 * arp_retry_ms per lcore, all within the lcore's neighbour token bucket
 * (shared with ARP). Learn messages to the writer. And the ICMPv6 errors,
 * rate-limited with the ICMP bucket.
 */

#include <rte_hash_crc.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "fwd_count_priv.h"
#include "fwd_ctx_priv.h"
#include "fwd_icmp6.h"
#include "fwd_input6_priv.h"
#include "fwd_ndp.h"
#include "fwd_tx_priv.h"

const struct fwd_nb6_cache_slot *fwd_nb6_cached(struct fwd_worker *w, const uint8_t nh[16],
                                                uint16_t port)
{
	struct fwd_ip6_state *s = w->ctx->ip6;
	struct fwd_nb6_cache *c = &s->nb_cache[w->lcore];
	uint64_t gen = atomic_load_explicit(&s->neigh.gen, memory_order_acquire);
	struct fwd_nb6_cache_slot *e;
	struct fwd_nb6_key k;
	uint32_t low;
	uint64_t v;

	if (unlikely(c->gen != gen)) {
		memset(c->slot, 0xff, sizeof(c->slot)); /* key.port 0xffff: no port */
		c->gen = gen;
	}
	fwd_nb6_key_make(&k, nh, port);
	memcpy(&low, k.addr + 12, sizeof(low));
	e = &c->slot[((low ^ port) * 2654435761u) >> 24];
	if (likely(memcmp(&e->key, &k, sizeof(k)) == 0))
		return e;
	v = fwd_neigh6_lookup(&s->neigh, nh, port);
	if (v == 0)
		return NULL;
	e->key = k;
	e->data = v;
	fwd_nb_mac(v, &e->eth[0]);
	e->eth[1] = w->ctx->port[port].filter.own;
	return e;
}

static bool ns_may_ask(struct fwd_worker *w, const uint8_t a[16])
{
	uint64_t k[2]; /* a may sit anywhere in a frame: rte_hash_crc loads 8 bytes at a time */
	struct fwd_ns_recent *r;

	memcpy(k, a, sizeof(k));
	r = &w->ctx->ip6->ns_recent[w->lcore][rte_hash_crc(k, sizeof(k), 0) % FWD_NS_RECENT];

	if (r->tsc != 0 && memcmp(r->addr, a, 16) == 0 && w->now - r->tsc < w->arp_retry_tsc)
		return false;
	if (!fwd_tbucket_take(&w->arp_tb, w->now))
		return false;
	memcpy(r->addr, a, 16);
	r->tsc = w->now ? w->now : 1;
	return true;
}

/* Writes an NS for target out of port into m (dst_mac NULL: multicast) and queues it. */
static bool ns_send(struct fwd_worker *w, struct rte_mbuf *m, uint16_t port,
                    const uint8_t target[16], const struct rte_ether_addr *dst_mac)
{
	const struct fwd_port6 *p6 = &w->ctx->ip6->port[port];
	uint32_t len =
	    fwd_ndp_ns(rte_pktmbuf_mtod(m, void *), fwd_mbuf_cap(m), &w->ctx->port[port].filter.own,
	               fwd_port6_src(p6, target), target, dst_mac);

	if (len == 0)
		return false;
	fwd_mbuf_set_len(m, len);
	fwd_tx_enqueue(w, port, m);
	fwd_count_event(w, FWD_EV_NDP_NS_SENT);
	return true;
}

void fwd_neigh6_unresolved(struct fwd_worker *w, struct fwd_rx *rx, uint16_t port,
                           const uint8_t nh[16])
{
	fwd_count_drop(w, FWD_DROP_IP6_NEIGHBOUR_UNRESOLVED);
	if (ns_may_ask(w, nh) && ns_send(w, rx->m, port, nh, NULL))
		return;
	fwd_count_event(w, FWD_EV_NDP_NS_SUPPRESSED);
	rte_pktmbuf_free(rx->m);
}

void fwd_neigh6_probe(struct fwd_worker *w, struct rte_mempool *mp, uint16_t port,
                      const uint8_t nh[16], const struct rte_ether_addr *mac)
{
	struct rte_mbuf *m;

	if (!ns_may_ask(w, nh) || (m = rte_pktmbuf_alloc(mp)) == NULL) {
		fwd_count_event(w, FWD_EV_NDP_NS_SUPPRESSED);
		return;
	}
	if (!ns_send(w, m, port, nh, mac)) {
		fwd_count_event(w, FWD_EV_NDP_NS_SUPPRESSED);
		rte_pktmbuf_free(m);
	}
}

void fwd_neigh6_learn_queue(struct fwd_worker *w, const uint8_t addr[16], uint16_t port,
                            const struct rte_ether_addr *mac)
{
	struct fwd_neigh6_table *t = &w->ctx->ip6->neigh;
	uint64_t cur = fwd_neigh6_lookup(t, addr, port);
	struct fwd_neigh6_learn msg = {.mac = *mac};

	if ((cur & FWD_NB_STATIC) || cur == fwd_nb_pack(mac, port, 0))
		return;
	fwd_nb6_key_make(&msg.key, addr, port);
	if (rte_ring_mp_enqueue_elem(t->learn, &msg, sizeof(msg)) == 0)
		fwd_count_event(w, FWD_EV_NEIGH6_LEARN_QUEUED);
	else
		fwd_count_event(w, FWD_EV_NEIGH6_LEARN_QUEUE_FULL);
}

static enum fwd_event error_event(uint8_t type)
{
	switch (type) {
	case FWD_ICMP6_TIME_EXCEEDED:
		return FWD_EV_ICMP6_TIME_EXCEEDED_SENT;
	case FWD_ICMP6_PACKET_TOO_BIG:
		return FWD_EV_ICMP6_TOO_BIG_SENT;
	case FWD_ICMP6_PARAM_PROB:
		return FWD_EV_ICMP6_PARAM_PROBLEM_SENT;
	default:
		return FWD_EV_ICMP6_UNREACH_SENT;
	}
}

void fwd_icmp6_error_reply(struct fwd_worker *w, struct fwd_rx *rx, enum fwd_drop why, uint8_t type,
                           uint8_t code, uint32_t param)
{
	const struct fwd_port6 *p6 = &w->ctx->ip6->port[rx->port];
	const struct rte_ipv6_hdr *ip = (const void *)(rx->frame + FWD_ETH_LEN);
	uint8_t src[16];
	uint32_t len;

	fwd_count_drop(w, why);
	if (!fwd_icmp6_error_allowed(ip, rx->len - FWD_ETH_LEN, rx->l2flags, type, code))
		goto free;
	if (!fwd_tbucket_take(&w->icmp_tb, w->now)) {
		fwd_count_event(w, FWD_EV_ICMP_ERROR_SUPPRESSED);
		goto free;
	}
	memcpy(src, fwd_port6_src(p6, ip->src_addr), 16); /* the error overwrites ip */
	len = fwd_icmp6_error(rx->frame, rx->len, fwd_mbuf_cap(rx->m), type, code, param, src,
	                      &w->ctx->port[rx->port].filter.own);
	if (len == 0)
		goto free;
	fwd_mbuf_set_len(rx->m, len);
	fwd_tx_enqueue(w, rx->port, rx->m);
	fwd_count_event(w, error_event(type));
	return;
free:
	rte_pktmbuf_free(rx->m);
}
