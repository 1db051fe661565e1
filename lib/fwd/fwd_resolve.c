/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Neighbour resolution on a worker: ARP requests for next hops without a
 * MAC (reusing the dropped packet's mbuf) or with a stale one (one new
 * mbuf), each next hop asked at most once per arp_retry_ms per lcore and
 * all of them within a token bucket; learn messages to the writer.
 */

#include <rte_hash_crc.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "fwd_count_priv.h"
#include "fwd_resolve_priv.h"
#include "fwd_tx_priv.h"

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
	uint32_t sip = fwd_port_src_addr(fwd_port_addrs(w->ctx, port), ip);
	uint32_t len;

	if (sip == 0)
		return false;
	len =
	    fwd_arp_request(rte_pktmbuf_mtod(m, void *), fwd_mbuf_cap(m), &ps->filter.own, sip, ip);
	if (len == 0)
		return false;
	fwd_mbuf_set_len(m, len);
	fwd_tx_enqueue(w, port, m);
	fwd_count_event(w, FWD_EV_ARP_REQUEST_SENT);
	return true;
}

void fwd_neigh_unresolved(struct fwd_worker *w, struct fwd_rx *rx, uint16_t port, uint32_t nh)
{
	fwd_count_drop(w, FWD_DROP_NEIGHBOUR_UNRESOLVED);
	if (arp_may_ask(w, nh) && arp_request_send(w, rx->m, port, nh))
		return;
	fwd_count_event(w, FWD_EV_ARP_REQUEST_SUPPRESSED);
	rte_pktmbuf_free(rx->m);
}

void fwd_neigh_probe(struct fwd_worker *w, struct rte_mempool *mp, uint16_t port, uint32_t nh)
{
	struct rte_mbuf *m;

	if (!arp_may_ask(w, nh) || (m = rte_pktmbuf_alloc(mp)) == NULL) {
		fwd_count_event(w, FWD_EV_ARP_REQUEST_SUPPRESSED);
		return;
	}
	m->data_len = m->pkt_len = 0;
	if (!arp_request_send(w, m, port, nh)) {
		fwd_count_event(w, FWD_EV_ARP_REQUEST_SUPPRESSED);
		rte_pktmbuf_free(m);
	}
}

void fwd_neigh_learn_queue(struct fwd_worker *w, uint32_t ip, const struct rte_ether_addr *mac,
                           uint16_t port)
{
	struct fwd_neigh_table *t = &w->ctx->neigh;
	uint64_t cur = fwd_neigh_lookup(t, ip);
	struct fwd_neigh_learn msg = {.ip = ip, .port = port, .mac = *mac};

	if ((cur & FWD_NB_STATIC) || cur == fwd_nb_pack(mac, port, 0))
		return;
	if (rte_ring_mp_enqueue_elem(t->learn, &msg, sizeof(msg)) == 0)
		fwd_count_event(w, FWD_EV_NEIGH_LEARN_QUEUED);
	else
		fwd_count_event(w, FWD_EV_NEIGH_LEARN_QUEUE_FULL);
}
