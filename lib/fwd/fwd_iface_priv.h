/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_IFACE_PRIV_H
#define FWD_IFACE_PRIV_H

/*
 * A port as the fast path sees it: MAC filter, MTU, queues (set by
 * fwd_iface.c). W: main before launch. R: workers, telemetry. Its interface
 * addresses live in the route table (fwd_route_priv.h), so that a reload
 * swaps addresses and the routes they make in one step.
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

/* The interface addresses of one port. */
struct fwd_port_addrs {
	uint8_t n;
	struct fwd_addr a[FWD_MAX_ADDRS_PER_PORT];
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
};

/* The address of port that holds ip in its subnet, else its first, else 0. */
static inline uint32_t fwd_port_src_addr(const struct fwd_port_addrs *ps, uint32_t ip)
{
	for (unsigned int i = 0; i < ps->n; i++)
		if ((ip & ps->a[i].mask) == (ps->a[i].addr & ps->a[i].mask))
			return ps->a[i].addr;
	return ps->n ? ps->a[0].addr : 0;
}

/* true if ip is one of port's addresses. */
static inline bool fwd_port_has_addr(const struct fwd_port_addrs *ps, uint32_t ip)
{
	for (unsigned int i = 0; i < ps->n; i++)
		if (ps->a[i].addr == ip)
			return true;
	return false;
}

/* true if ip is in one of port's connected subnets. */
static inline bool fwd_port_on_link(const struct fwd_port_addrs *ps, uint32_t ip)
{
	for (unsigned int i = 0; i < ps->n; i++)
		if ((ip & ps->a[i].mask) == (ps->a[i].addr & ps->a[i].mask))
			return true;
	return false;
}

#endif
