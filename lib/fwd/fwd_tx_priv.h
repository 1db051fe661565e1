/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_TX_PRIV_H
#define FWD_TX_PRIV_H

/*
 * A worker's transmit side (fwd_tx.c): one buffer per port, sent on the
 * worker's own tx queue when full and at the end of each poll; frames the
 * handlers rewrite in place are resized with fwd_mbuf_set_len.
 */

#include <stdint.h>

#include <rte_mbuf.h>

#include "fwd_worker_priv.h"

/* Sends port's buffer (rte_eth_tx_burst on w->txq); frees and counts what did not fit. */
void fwd_tx_flush_port(struct fwd_worker *w, uint16_t port);
/* Sends every buffered packet (rte_eth_tx_burst on w->txq); frees the rest. */
void fwd_worker_flush(struct fwd_worker *w);
/* Worker 0: moves frames from the ports' control rings into its tx buffers. */
void fwd_worker_ctrl_drain(struct fwd_worker *w);
/* Makes m a single segment of len bytes (frames we rewrite live in segment 0). */
void fwd_mbuf_set_len(struct rte_mbuf *m, uint32_t len);

static inline void fwd_tx_enqueue(struct fwd_worker *w, uint16_t port, struct rte_mbuf *m)
{
	struct fwd_txbuf *b = &w->tx[port];

	if (b->n == FWD_BURST)
		fwd_tx_flush_port(w, port);
	b->pkts[b->n++] = m;
	w->tx_dirty |= 1u << port;
}

/* Bytes segment 0 of m can hold from its data start. */
static inline uint32_t fwd_mbuf_cap(const struct rte_mbuf *m)
{
	return rte_pktmbuf_data_len(m) + rte_pktmbuf_tailroom(m);
}

#endif
