/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD6_H
#define FWD6_H

/*
 * lib/fwd's IPv6 side: tables and telemetry accessors, beside fwd.h's IPv4
 * ones and called by the same threads (docs/ipv6.md):
 *
 *   main thread, before launch   fwd_ip6_init, fwd_ip6_port_enable,
 *                                fwd_iface6_add, fwd_route6_add,
 *                                fwd_neigh6_add_static
 *   the neighbour writer thread  fwd_neigh6_service, beside fwd_neigh_service
 *   telemetry threads            fwd_route6_walk, fwd_neigh6_walk, fwd_iface6_walk
 *
 * Addresses are 16 bytes in network order. A port without
 * fwd_ip6_port_enable drops every IPv6 frame as not_ipv4_ethertype, as
 * before IPv6 existed.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>

#include "fwd.h"

#define FWD_MAX_ADDRS6_PER_PORT 8

/* IPv6 tables: rte_lpm6 of max_routes (+ a /128 and a connected route per
 * address) and a neighbour hash of max_neighbours. Once, before the rest. */
int fwd_ip6_init(struct fwd_ctx *ctx, uint32_t max_routes, uint32_t max_neighbours);

/*
 * IPv6 on port: its link-local (NULL: fe80::/64 + the modified EUI-64 of
 * the port MAC), and the port accepts 33:33:xx:xx:xx:xx frames (the groups
 * it listens to are checked per packet: ff02::1, ff02::2 and the
 * solicited-node groups of its addresses). After fwd_ctx_port_register /
 * fwd_port_setup. -EINVAL not a link-local, no such port, -ENODEV no init.
 */
int fwd_ip6_port_enable(struct fwd_ctx *ctx, uint16_t port, const uint8_t *link_local);
/* The port's link-local; -ENOENT when IPv6 is not enabled on it. */
int fwd_ip6_link_local(const struct fwd_ctx *ctx, uint16_t port, uint8_t out[16]);

/* A global address on an enabled port: a local /128 and a connected route. */
int fwd_iface6_add(struct fwd_ctx *ctx, uint16_t port, const uint8_t addr[16], uint8_t len);

struct fwd_route6 {
	uint8_t prefix[16]; /* bits past len ignored */
	uint8_t len;        /* 0..128 */
	bool has_gateway;
	uint8_t gateway[16];
	uint16_t port; /* FWD_PORT_AUTO: from the connected subnet holding a global gateway */
};
/* -EEXIST, -ENETUNREACH (global gateway on no subnet), -ENOSPC, -EINVAL. */
int fwd_route6_add(struct fwd_ctx *ctx, const struct fwd_route6 *r);

/* Static IPv6 neighbour on port (link-local ones need it; never aged). */
int fwd_neigh6_add_static(struct fwd_ctx *ctx, const uint8_t addr[16],
                          const struct rte_ether_addr *mac, uint16_t port);
/* The IPv6 neighbour writer, as fwd_neigh_service (same thread). */
int fwd_neigh6_service(struct fwd_ctx *ctx, uint64_t now_ms);

struct fwd_route6_info {
	uint8_t prefix[16];
	uint8_t len;
	enum fwd_route_type type;
	bool has_gateway;
	uint8_t gateway[16];
	uint16_t port;
};
typedef int (*fwd_route6_cb)(const struct fwd_route6_info *r, void *arg);
int fwd_route6_walk(const struct fwd_ctx *ctx, fwd_route6_cb cb, void *arg);

struct fwd_neigh6_info {
	uint8_t addr[16];
	struct rte_ether_addr mac;
	uint16_t port;
	enum fwd_neigh_state state;
	uint64_t age_ms;
};
typedef int (*fwd_neigh6_cb)(const struct fwd_neigh6_info *n, void *arg);
int fwd_neigh6_walk(struct fwd_ctx *ctx, uint64_t now_ms, fwd_neigh6_cb cb, void *arg);

/* True once fwd_ip6_init ran (telemetry: whether to list IPv6 at all). */
bool fwd_ip6_enabled(const struct fwd_ctx *ctx);

#endif
