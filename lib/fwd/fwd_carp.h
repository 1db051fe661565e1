/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_CARP_H
#define FWD_CARP_H

/*
 * The fast path's CARP hook besides the punt; the CARP logic itself is
 * lib/carp's and the control lcore's. Adverts reach the control lcore
 * through the generic punt (fwd_punt.h, kind FWD_PUNT_CARP).
 *
 * The carpnodes rx filter (issue 4): a function consulted for every
 * transit IPv4 packet. None registered means "accept all".
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>

struct fwd_ctx;
struct rte_ipv4_hdr;

/*
 * Carpnodes filter: return true to accept the packet. Runs on worker lcores,
 * once per transit packet: must not block, lock or allocate; reads of CARP
 * state inside it use acquire loads of what the control lcore publishes.
 */
typedef bool (*fwd_rx_filter_fn)(void *arg, uint16_t port, const struct rte_ether_hdr *eth,
                                 const struct rte_ipv4_hdr *ip);

/*
 * Registers the filter (fn NULL = accept all). Before launch only: fn and arg
 * are read by the workers without synchronisation once they run.
 */
void fwd_rx_filter_set(struct fwd_ctx *ctx, fwd_rx_filter_fn fn, void *arg);

#endif
