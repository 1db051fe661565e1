/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct cfg -> lib/fwd's IPv6 tables (fwd6.h): when the file has any
 * IPv6 (a port address or link_local, routes6, neighbours6) every port gets
 * IPv6 -- its link-local, configured or EUI-64 -- then the global
 * addresses, routes6 and neighbours6. A file without IPv6 leaves the fast
 * path dropping IPv6 as before. Failures are logged with the object.
 */
#include <errno.h>
#include <string.h>

#include <rte_ethdev.h>

#include "cfg_inet6.h"
#include "fwd6.h"
#include "rtr.h"
#include "rtr_log.h"

static bool cfg_has_ipv6(const struct cfg *cfg)
{
	if (cfg->n_routes6 > 0 || cfg->n_neighs6 > 0)
		return true;
	for (unsigned int i = 0; i < cfg->n_ports; i++)
		if (cfg->ports[i].n_addrs6 > 0 || cfg->ports[i].link_local_set)
			return true;
	return false;
}

static int ports6(struct rtr *r)
{
	char s[CFG_PFX6_STRLEN];
	uint8_t ll[16];
	int ret;

	for (unsigned int i = 0; i < r->cfg.n_ports; i++) {
		const struct cfg_port *p = &r->cfg.ports[i];

		ret = fwd_ip6_port_enable(r->ctx, r->port_ids[i],
		                          p->link_local_set ? p->link_local : NULL);
		if (ret < 0) {
			RTR_LOG(app, ERR, "port \"%s\": IPv6: %s", p->name, strerror(-ret));
			return ret;
		}
		/* NICs filter multicast: the solicited-node groups must come in. */
		ret = rte_eth_allmulticast_enable(r->port_ids[i]);
		if (ret < 0 && ret != -ENOTSUP)
			RTR_LOG(app, WARNING, "port \"%s\": all-multicast: %s", p->name,
			        strerror(-ret));
		fwd_ip6_link_local(r->ctx, r->port_ids[i], ll);
		RTR_LOG(app, INFO, "port \"%s\": IPv6 link-local %s", p->name,
		        cfg_prefix6_str(ll, 64, s));
		for (unsigned int a = 0; a < p->n_addrs6; a++) {
			ret = fwd_iface6_add(r->ctx, r->port_ids[i], p->addrs6[a].addr,
			                     p->addrs6[a].len);
			if (ret < 0) {
				RTR_LOG(app, ERR, "port \"%s\": address %s: %s", p->name,
				        cfg_prefix6_str(p->addrs6[a].addr, p->addrs6[a].len, s),
				        strerror(-ret));
				return ret;
			}
		}
	}
	return 0;
}

static int routes6(struct rtr *r)
{
	char s[CFG_PFX6_STRLEN];

	for (unsigned int i = 0; i < r->cfg.n_routes6; i++) {
		const struct cfg_route6 *cr = &r->cfg.routes6[i];
		struct fwd_route6 fr = {.len = cr->len, .has_gateway = cr->has_gateway};
		int ret;

		memcpy(fr.prefix, cr->prefix, 16);
		memcpy(fr.gateway, cr->gateway, 16);
		/* cfg_validate6 found every port; a global gateway's again by fwd */
		fr.port = cr->has_gateway && !cfg_ip6_is_link_local(cr->gateway)
		              ? FWD_PORT_AUTO
		              : r->port_ids[cr->port];
		ret = fwd_route6_add(r->ctx, &fr);
		if (ret < 0) {
			RTR_LOG(app, ERR, "route6 %s: %s", cfg_prefix6_str(cr->prefix, cr->len, s),
			        strerror(-ret));
			return ret;
		}
	}
	return 0;
}

static int neighs6(struct rtr *r)
{
	char s[CFG_IP6_STRLEN];

	for (unsigned int i = 0; i < r->cfg.n_neighs6; i++) {
		const struct cfg_neigh6 *n = &r->cfg.neighs6[i];
		struct rte_ether_addr mac;
		int ret;

		memcpy(mac.addr_bytes, n->mac, sizeof(mac.addr_bytes));
		ret = fwd_neigh6_add_static(r->ctx, n->addr, &mac, r->port_ids[n->port]);
		if (ret < 0) {
			RTR_LOG(app, ERR, "neighbour6 %s: %s", cfg_ip6_str(n->addr, s),
			        strerror(-ret));
			return ret;
		}
	}
	return 0;
}

int rtr_dataplane6_fill(struct rtr *r)
{
	uint32_t nb = RTE_MAX(1024u, 2 * r->cfg.n_neighs6);
	int ret;

	if (!cfg_has_ipv6(&r->cfg))
		return 0;
	ret = fwd_ip6_init(r->ctx, RTE_MAX(1024u, cfg_routes6_needed(&r->cfg)), nb);
	if (ret < 0) {
		RTR_LOG(app, ERR, "IPv6 tables: %s", strerror(-ret));
		return ret;
	}
	ret = ports6(r);
	if (ret == 0)
		ret = routes6(r);
	if (ret == 0)
		ret = neighs6(r);
	return ret;
}
