/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_IFACE_PRIV_H
#define FWD_IFACE_PRIV_H

/*
 * A port as the fast path sees it: MAC filter, MTU, queues and interface
 * addresses (set by fwd_iface.c). W: main before launch. R: workers, telemetry.
 */

#include <stdbool.h>
#include <stdint.h>

#include "fwd.h"
#include "fwd_pkt.h"

struct rte_ring;

struct fwd_addr {
	uint32_t addr;
	uint32_t mask;
	uint8_t len;
};

struct fwd_port_state {
	bool configured;
	uint16_t mtu;
	uint32_t rx_frame_max; /* fwd_port_conf.rx_frame_max */
	uint16_t nb_rxq;
	uint16_t nb_workers;
	bool ctrl_txq;                /* tx queue nb_workers is the control lcore's */
	struct rte_ring *ctrl_ring;   /* else: control lcore (SP) -> worker 0 (SC) */
	struct fwd_mac_filter filter; /* .own is the port MAC */
	uint8_t n_addrs;
	struct fwd_addr addrs[FWD_MAX_ADDRS_PER_PORT];
};

/* The address of port that holds ip in its subnet, else its first, else 0. */
static inline uint32_t fwd_port_src_addr(const struct fwd_port_state *ps, uint32_t ip)
{
	for (unsigned int i = 0; i < ps->n_addrs; i++)
		if ((ip & ps->addrs[i].mask) == (ps->addrs[i].addr & ps->addrs[i].mask))
			return ps->addrs[i].addr;
	return ps->n_addrs ? ps->addrs[0].addr : 0;
}

/* true if ip is one of port's addresses. */
static inline bool fwd_port_has_addr(const struct fwd_port_state *ps, uint32_t ip)
{
	for (unsigned int i = 0; i < ps->n_addrs; i++)
		if (ps->addrs[i].addr == ip)
			return true;
	return false;
}

/* true if ip is in one of port's connected subnets. */
static inline bool fwd_port_on_link(const struct fwd_port_state *ps, uint32_t ip)
{
	for (unsigned int i = 0; i < ps->n_addrs; i++)
		if ((ip & ps->addrs[i].mask) == (ps->addrs[i].addr & ps->addrs[i].mask))
			return true;
	return false;
}

#endif
