/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_FILTER_PRIV_H
#define FWD_FILTER_PRIV_H

/*
 * The filter as a stage of the worker (fwd_filter_input.c): the calls
 * fwd_ipv4_input makes (in, and out for transit) and the one the poll loop
 * makes for expiry. Worker i's state table is table i (w->txq is the worker's
 * index, fwd_workers_setup).
 */

#include <stdbool.h>
#include <stdint.h>

#include "fwd_input_priv.h"

/*
 * Every IPv4 packet first (to the router too): filter in on rx->port. A
 * reply to a NAT address is translated back here, so its route is looked
 * up again (*rt) for its real destination. false: dropped and counted
 * (rx->m is freed).
 */
bool fwd_filter_in(struct fwd_worker *w, struct fwd_rx *rx, const struct fwd_route_entry **rt);
/* A CARP packet (in on rx->port) before it is queued for the control lcore. */
bool fwd_filter_carp(struct fwd_worker *w, struct fwd_rx *rx);
/* Transit IPv4 about to leave on port out: filter out (NAT happens here). */
bool fwd_filter_out(struct fwd_worker *w, struct fwd_rx *rx, uint16_t out);
/* Once per poll loop: expire what is due (a bounded amount). */
void fwd_filter_poll(struct fwd_worker *w);

#endif
