/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_PORT_H
#define FWD_PORT_H

/*
 * Port setup for the fast path. Main thread only; ports are looked up by
 * device name by the caller (rte_eth_dev_get_port_by_name).
 *
 * Queue layout on every port: rx queues 0..nb_rx_queues-1 are polled by the
 * workers (fwd_workers_setup spreads them); tx queue i belongs to worker i,
 * and tx queue nb_workers is reserved for the control lcore (CARP adverts,
 * gratuitous ARP), so no tx queue is ever shared between lcores.
 * A device with exactly nb_workers tx queues (net_pcap, af_packet: 1) is
 * accepted too: it gets no control queue, and fwd_ctrl_tx() hands the
 * control lcore's frames to worker 0 through a ring instead.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_ethdev.h>

struct fwd_ctx;
struct rte_mempool;
struct rte_mbuf;

struct fwd_port_conf {
	uint16_t nb_rx_queues;  /* >= 1; > 1 enables RSS on IPv4 (and L4 if offered) */
	uint16_t nb_workers;    /* tx queues = nb_workers + 1 (control lcore) */
	uint16_t nb_rx_desc;    /* 0: 1024 */
	uint16_t nb_tx_desc;    /* 0: 1024 */
	uint16_t mtu;           /* 0: leave the device default (1500) */
	struct rte_mempool *mp; /* rx mbufs; data room must hold mtu + 18 */
	/* 0, or the longest frame the device delivers whole: a longer one
	 * arrives cut to it (af_packet: framesz - 66) and counts as rx_truncated */
	uint32_t rx_frame_max;
};

/*
 * Configures (not starts) a port, records its MAC and MTU in ctx.
 * -EINVAL bad arguments, -ENOTSUP more rx queues than the device has, fewer
 * tx queues than nb_workers, or RSS asked but the device offers no IPv4 RSS;
 * other negative errno from ethdev.
 */
int fwd_port_setup(struct fwd_ctx *ctx, uint16_t port_id, const struct fwd_port_conf *conf);

int fwd_port_start(uint16_t port_id);
int fwd_port_stop(uint16_t port_id);
int fwd_port_set_promiscuous(uint16_t port_id, bool on);
int fwd_port_set_allmulticast(uint16_t port_id, bool on);

/* Non-blocking link read; link->link_status is RTE_ETH_LINK_UP/DOWN. */
int fwd_port_link(uint16_t port_id, struct rte_eth_link *link);

/* true if the port has a tx queue of its own for the control lcore. */
bool fwd_port_has_control_txq(const struct fwd_ctx *ctx, uint16_t port_id);

/*
 * Control lcore only (single producer): transmits n frames on port without
 * sharing a tx queue with a worker: rte_eth_tx_burst on the control queue
 * (fwd_ctx_control_txq) when the port has one, else enqueue to the port's
 * control ring that worker 0 drains into its own tx buffer each loop.
 * Returns how many were taken; the caller still owns (and frees) the rest.
 */
uint16_t fwd_ctrl_tx(struct fwd_ctx *ctx, uint16_t port_id, struct rte_mbuf **pkts, uint16_t n);

/* MAC recorded by fwd_port_setup; -ENOENT for a port not set up. */
int fwd_port_mac(const struct fwd_ctx *ctx, uint16_t port_id, struct rte_ether_addr *mac);

#endif
