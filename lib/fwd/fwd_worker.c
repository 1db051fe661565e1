/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The worker loop: rx burst -> classify and table-free checks -> LPM, four
 * at a time -> one handler per protocol (fwd_*_input.c) -> buffered tx on
 * the worker's own tx queue (fwd_tx.c). No locks, no allocation except one
 * mbuf for a rate-limited ARP probe of a stale neighbour; replies and
 * errors reuse the received mbuf. Nothing here logs: everything is counted.
 */

#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_pause.h>
#include <rte_prefetch.h>
#include <rte_rcu_qsbr.h>
#include <rte_vect.h>

#include "fwd_count_priv.h"
#include "fwd_ctx_priv.h"
#include "fwd_filter_priv.h"
#include "fwd_input_priv.h"
#include "fwd_pfsync_priv.h"
#include "fwd_tsan.h"
#include "fwd_tx_priv.h"

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
	const struct fwd_route_table *routes = fwd_routes_live(w->ctx);
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
			c = fwd_vip_classify(w, r);
		if (unlikely(c == FWD_CLASS_CARP)) /* punt, or ordinary IPv4? */
			c = fwd_carp_classify(r->frame, r->len, vip->n != 0, &r->why);
		if (unlikely(c == FWD_CLASS_IPV4 && w->ctx->pfsync != NULL) &&
		    r->len >= FWD_ETH_LEN + 20 && r->frame[FWD_ETH_LEN + 9] == FWD_PFSYNC_PROTO)
			c = FWD_CLASS_PFSYNC;
		if (likely(c == FWD_CLASS_IPV4)) {
			r->why = fwd_ipv4_precheck(r, &dst[k]);
			if (likely(r->why == FWD_DROP_NONE))
				k++;
			else
				c = FWD_CLASS_DROP;
			/* shorter than its total length by exactly the port's cut */
			if (unlikely(r->why == FWD_DROP_IP_BAD_TOTAL_LENGTH) &&
			    r->len == w->ctx->port[port].rx_frame_max)
				r->why = FWD_DROP_RX_TRUNCATED;
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
			fwd_ipv4_input(w, r, fwd_route_of_hop(routes, hop[k++]));
			break;
		case FWD_CLASS_ARP:
			fwd_arp_input(w, r);
			break;
		case FWD_CLASS_CARP:
			fwd_carp_input(w, r);
			break;
		case FWD_CLASS_IPV6:
			fwd_ipv6_input(w, r);
			break;
		case FWD_CLASS_PFSYNC:
			fwd_pfsync_input(w, r);
			break;
		default:
			fwd_drop_pkt(w, r->m, r->why);
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
	fwd_punt_worker_init(w, now);
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

	/* what main built before fwd_worker_launch; QSBR registration was done
	 * by fwd_workers_setup */
	FWD_TSAN_ACQUIRE(ctx);
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
		if (ctx->pf != NULL)
			fwd_filter_poll(w);
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
	FWD_TSAN_RELEASE(ctx); /* fwd_workers_wait acquires */
	return 0;
}
