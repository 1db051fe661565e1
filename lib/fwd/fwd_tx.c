/* SPDX-License-Identifier: BSD-2-Clause */
/* A worker's transmit buffers: flushed on its own tx queue, never shared. */

#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "fwd_ctx_priv.h"
#include "fwd_tx_priv.h"

void fwd_tx_flush_port(struct fwd_worker *w, uint16_t port)
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

		fwd_tx_flush_port(w, port);
	}
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
			fwd_tx_enqueue(w, port, pkts[i]);
	}
}

void fwd_mbuf_set_len(struct rte_mbuf *m, uint32_t len)
{
	if (m->next != NULL) {
		rte_pktmbuf_free(m->next);
		m->next = NULL;
		m->nb_segs = 1;
	}
	m->data_len = (uint16_t)len;
	m->pkt_len = len;
}
