/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_TEST_API_H
#define FWD_TEST_API_H

/*
 * The one door from the unit tests (tests/unit/fwd) into lib/fwd's
 * internals; no other code includes it, and the tests include no other
 * private header. What a test may use beyond the public headers:
 *
 *   struct fwd_ctx         .routes, .neigh, .vip, .hz (fwd_ctx_priv.h)
 *   struct fwd_worker      .tx[port] (n, pkts), .tx_dirty, .stats, .now,
 *                          .arp_retry_tsc (fwd_worker_priv.h)
 *   routes                 fwd_route_lookup, struct fwd_route_entry
 *   neighbours             fwd_neigh_lookup, fwd_neigh_table_set, the
 *                          learn ring and message, fwd_nb_mac, fwd_nb_port,
 *                          FWD_NB_STATIC, FWD_NB_STALE
 *   ports                  fwd_ctx_port_register, fwd_ctx_port_ctrl_ring
 *                          (a port without ethdev)
 *   the worker             fwd_worker_rx (one received burst, no ethdev),
 *                          fwd_worker_ctrl_drain
 *   CARP words             fwd_vip_priv.h (the words the workers read)
 *   TSan edges             FWD_TSAN_RELEASE/ACQUIRE (fwd_tsan.h), for what
 *                          a test's PMD rings carry
 *   IPv6                   ctx->ip6, fwd_route6_lookup, fwd_neigh6_lookup,
 *                          fwd_neigh6_table_set (fwd_ip6_priv.h); the NDP
 *                          builders (fwd_ndp.h)
 *
 * A test that needs more adds it here, so what the tests depend on stays
 * visible in one place.
 */

#include "fwd_ctx_priv.h"
#include "fwd_ip6_priv.h"
#include "fwd_ndp.h"
#include "fwd_tsan.h"
#include "fwd_tx_priv.h"
#include "fwd_worker_priv.h"

#endif
