/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interfaces: the addresses of each port (a local /32 and a connected
 * route each) and the extra MACs a port accepts. The per-packet address
 * lookups are inline in fwd_iface_priv.h.
 */

#include <errno.h>

#include "fwd_ctx_priv.h"
#include "fwd_port.h"
#include "inet4.h"

int fwd_port_accept_mac(struct fwd_ctx *ctx, uint16_t port, const struct rte_ether_addr *mac)
{
	struct fwd_mac_filter *f;

	if (port >= FWD_MAX_PORTS || mac == NULL)
		return -EINVAL;
	f = &ctx->port[port].filter;
	for (unsigned int i = 0; i < f->n_extra; i++)
		if (rte_is_same_ether_addr(&f->extra[i], mac))
			return -EEXIST;
	if (f->n_extra >=
	    RTE_MIN((unsigned int)FWD_MAX_ACCEPT_MACS, (unsigned int)RTE_DIM(f->extra)))
		return -ENOSPC;
	f->extra[f->n_extra++] = *mac;
	return 0;
}

int fwd_port_mac(const struct fwd_ctx *ctx, uint16_t port, struct rte_ether_addr *mac)
{
	if (port >= FWD_MAX_PORTS || !ctx->port[port].configured)
		return -ENOENT;
	*mac = ctx->port[port].filter.own;
	return 0;
}

int fwd_iface_table_add(struct fwd_route_table *t, uint16_t port, uint32_t addr,
                        uint8_t prefix_len)
{
	struct fwd_port_addrs *pa;
	struct fwd_route_entry local, conn;
	int rc;

	if (port >= FWD_MAX_PORTS || prefix_len == 0 || prefix_len > 32 || addr == 0)
		return -EINVAL;
	pa = &t->addrs[port];
	if (pa->n >= FWD_MAX_ADDRS_PER_PORT)
		return -ENOSPC;
	local = (struct fwd_route_entry){
	    .prefix = addr, .len = 32, .type = FWD_ROUTE_LOCAL, .port = port};
	conn = (struct fwd_route_entry){.prefix = addr & inet4_mask(prefix_len),
	                                .len = prefix_len,
	                                .type = FWD_ROUTE_CONNECTED,
	                                .port = port};
	rc = fwd_route_table_add(t, &local);
	if (rc < 0)
		return rc; /* -EEXIST: the address is already configured (here or elsewhere) */
	if (prefix_len < 32) {
		rc = fwd_route_table_add(t, &conn);
		/* A second address in the same subnet shares its connected route. */
		if (rc < 0 && rc != -EEXIST)
			return rc;
	}
	pa->a[pa->n++] =
	    (struct fwd_addr){.addr = addr, .mask = inet4_mask(prefix_len), .len = prefix_len};
	return 0;
}

int fwd_iface_add(struct fwd_ctx *ctx, uint16_t port, uint32_t addr, uint8_t prefix_len)
{
	return fwd_iface_table_add(&ctx->routes, port, addr, prefix_len);
}

int fwd_iface_walk(const struct fwd_ctx *ctx, fwd_iface_cb cb, void *arg)
{
	const struct fwd_route_table *t = fwd_routes_live(ctx);

	for (uint16_t p = 0; p < FWD_MAX_PORTS; p++)
		for (unsigned int i = 0; i < t->addrs[p].n; i++) {
			struct fwd_iface_info a = {.port = p,
			                           .addr = t->addrs[p].a[i].addr,
			                           .len = t->addrs[p].a[i].len};
			int rc = cb(&a, arg);

			if (rc != 0)
				return rc;
		}
	return 0;
}
