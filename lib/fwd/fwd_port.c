/* SPDX-License-Identifier: BSD-2-Clause */
/* ethdev setup: RSS over the worker rx queues, one tx queue per worker + control. */

#include <errno.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "fwd_port.h"
#include "fwd_ctx_priv.h"

#define FWD_DEFAULT_DESC 1024

int fwd_port_setup(struct fwd_ctx *ctx, uint16_t port_id, const struct fwd_port_conf *conf)
{
	struct rte_eth_conf econf;
	struct rte_eth_dev_info info;
	struct rte_ether_addr mac;
	uint16_t nb_rxd, nb_txd, nb_txq, mtu;
	int socket, rc;

	if (ctx == NULL || conf == NULL || conf->mp == NULL || conf->nb_rx_queues == 0 ||
	    conf->nb_workers == 0 || port_id >= FWD_MAX_PORTS ||
	    !rte_eth_dev_is_valid_port(port_id))
		return -EINVAL;
	rc = rte_eth_dev_info_get(port_id, &info);
	if (rc < 0)
		return rc;
	nb_txq = conf->nb_workers + 1; /* + the control lcore's queue */
	if (nb_txq > info.max_tx_queues)
		nb_txq = conf->nb_workers; /* control frames go through worker 0 */
	if (conf->nb_rx_queues > info.max_rx_queues || nb_txq > info.max_tx_queues)
		return -ENOTSUP;

	memset(&econf, 0, sizeof(econf));
	if (conf->nb_rx_queues > 1) {
		uint64_t hf = (RTE_ETH_RSS_IP | RTE_ETH_RSS_UDP | RTE_ETH_RSS_TCP) &
		              info.flow_type_rss_offloads;

		if (!(hf & RTE_ETH_RSS_IP))
			return -ENOTSUP;
		econf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		econf.rx_adv_conf.rss_conf.rss_hf = hf;
	}
	/*
	 * MBUF_FAST_FREE is not requested. Its two conditions hold today (every
	 * mbuf, the control lcore's too, comes from the one pool app/rtr_dataplane.c
	 * creates, with refcnt 1), but nothing enforces them for a second pool or
	 * a cloned mbuf, and it is an optimisation only some PMDs offer.
	 */
	/* Ask for link state interrupts only where the PMD has them. */
	econf.intr_conf.lsc = (*info.dev_flags & RTE_ETH_DEV_INTR_LSC) ? 1 : 0;

	rc = rte_eth_dev_configure(port_id, conf->nb_rx_queues, nb_txq, &econf);
	if (rc < 0)
		return rc;
	nb_rxd = conf->nb_rx_desc ? conf->nb_rx_desc : FWD_DEFAULT_DESC;
	nb_txd = conf->nb_tx_desc ? conf->nb_tx_desc : FWD_DEFAULT_DESC;
	rc = rte_eth_dev_adjust_nb_rx_tx_desc(port_id, &nb_rxd, &nb_txd);
	if (rc < 0)
		return rc;
	if (conf->mtu) {
		rc = rte_eth_dev_set_mtu(port_id, conf->mtu);
		if (rc < 0)
			return rc;
	}
	socket = rte_eth_dev_socket_id(port_id);
	for (uint16_t q = 0; q < conf->nb_rx_queues; q++) {
		rc = rte_eth_rx_queue_setup(port_id, q, nb_rxd, socket, NULL, conf->mp);
		if (rc < 0)
			return rc;
	}
	for (uint16_t q = 0; q < nb_txq; q++) {
		rc = rte_eth_tx_queue_setup(port_id, q, nb_txd, socket, NULL);
		if (rc < 0)
			return rc;
	}
	rc = rte_eth_macaddr_get(port_id, &mac);
	if (rc < 0)
		return rc;
	if (rte_eth_dev_get_mtu(port_id, &mtu) < 0)
		mtu = conf->mtu ? conf->mtu : RTE_ETHER_MTU;
	rc = fwd_ctx_port_register(ctx, port_id, &mac, mtu, conf->nb_rx_queues, conf->nb_workers);
	if (rc == 0)
		ctx->port[port_id].rx_frame_max = conf->rx_frame_max;
	if (rc == 0 && nb_txq == conf->nb_workers)
		rc = fwd_ctx_port_ctrl_ring(ctx, port_id);
	else if (rc == 0)
		ctx->port[port_id].ctrl_txq = true;
	return rc;
}

bool fwd_port_has_control_txq(const struct fwd_ctx *ctx, uint16_t port_id)
{
	return port_id < FWD_MAX_PORTS && ctx->port[port_id].ctrl_txq;
}

uint16_t fwd_ctrl_tx(struct fwd_ctx *ctx, uint16_t port_id, struct rte_mbuf **pkts, uint16_t n)
{
	const struct fwd_port_state *ps;

	if (port_id >= FWD_MAX_PORTS || !ctx->port[port_id].configured)
		return 0;
	ps = &ctx->port[port_id];
	if (ps->ctrl_txq)
		return rte_eth_tx_burst(port_id, fwd_ctx_control_txq(ctx), pkts, n);
	if (ps->ctrl_ring == NULL)
		return 0;
	return (uint16_t)rte_ring_sp_enqueue_burst(ps->ctrl_ring, (void **)pkts, n, NULL);
}

int fwd_port_start(uint16_t port_id)
{
	return rte_eth_dev_start(port_id);
}

int fwd_port_stop(uint16_t port_id)
{
	return rte_eth_dev_stop(port_id);
}

int fwd_port_set_promiscuous(uint16_t port_id, bool on)
{
	return on ? rte_eth_promiscuous_enable(port_id) : rte_eth_promiscuous_disable(port_id);
}

int fwd_port_set_allmulticast(uint16_t port_id, bool on)
{
	return on ? rte_eth_allmulticast_enable(port_id) : rte_eth_allmulticast_disable(port_id);
}

int fwd_port_link(uint16_t port_id, struct rte_eth_link *link)
{
	return rte_eth_link_get_nowait(port_id, link);
}
