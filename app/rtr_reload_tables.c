/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A reload's interface addresses, routes and static neighbours
 * (rtr_reload.h). The route table (the ports' addresses and every route)
 * is built beside the live one before anything is applied, so a table that
 * does not fit refuses the file; it is swapped in by rtr_reload.c.
 */
#include <errno.h>
#include <string.h>

#include <rte_errno.h>

#include "cfg_inet.h"
#include "fwd.h"
#include "fwd_reload.h"
#include "rtr.h"
#include "rtr_log.h"
#include "rtr_reload.h"

int rtr_reload_routes_build(struct rtr *r, const struct cfg *next, struct fwd_routes **out,
                            struct cfg_errors *errs)
{
	struct fwd_routes *nr = fwd_routes_new(r->ctx, next->tables.routes);
	char s[CFG_PFX_STRLEN];

	*out = NULL;
	if (nr == NULL) {
		cfg_errorf(errs, next->path, 0, "routes: cannot build the new table: %s",
		           rte_strerror(rte_errno));
		return -EINVAL;
	}
	for (unsigned int i = 0; i < next->n_ports; i++)
		for (unsigned int a = 0; a < next->ports[i].n_addrs; a++) {
			const struct cfg_ifaddr *ia = &next->ports[i].addrs[a];
			int ret = fwd_routes_iface_add(nr, r->port_ids[i], ia->addr, ia->len);

			if (ret < 0) {
				cfg_errorf(errs, ia->loc.file, ia->loc.line,
				           "port \"%s\": address %s: %s", next->ports[i].name,
				           cfg_prefix_str(ia->addr, ia->len, s), strerror(-ret));
				fwd_routes_free(nr);
				return -EINVAL;
			}
		}
	for (unsigned int i = 0; i < next->n_routes; i++) {
		const struct cfg_route *cr = &next->routes[i];
		struct fwd_route fr;
		int ret;

		rtr_fwd_route(r, cr, &fr);
		ret = fwd_routes_add(nr, &fr);
		if (ret < 0) {
			cfg_errorf(errs, cr->loc.file, cr->loc.line, "route %s: %s",
			           cfg_prefix_str(cr->prefix, cr->len, s), strerror(-ret));
			fwd_routes_free(nr);
			return -EINVAL;
		}
	}
	*out = nr;
	return 0;
}

static const struct cfg_neigh *neigh_find(const struct cfg *cfg, uint32_t addr)
{
	for (unsigned int i = 0; i < cfg->n_neighs; i++)
		if (cfg->neighs[i].addr == addr)
			return &cfg->neighs[i];
	return NULL;
}

void rtr_reload_neighs_apply(struct rtr *r, const struct cfg *old, const struct cfg *next)
{
	char s[CFG_IP_STRLEN];

	for (unsigned int i = 0; i < old->n_neighs; i++)
		if (neigh_find(next, old->neighs[i].addr) == NULL &&
		    fwd_neigh_del_static(r->ctx, old->neighs[i].addr) < 0)
			RTR_LOG(cfg, WARNING, "reload: static neighbour %s was not in the table",
			        cfg_ip_str(old->neighs[i].addr, s));
	for (unsigned int i = 0; i < next->n_neighs; i++) {
		const struct cfg_neigh *n = &next->neighs[i], *o = neigh_find(old, n->addr);
		struct rte_ether_addr mac;
		int ret;

		if (o != NULL && o->port == n->port && memcmp(o->mac, n->mac, 6) == 0)
			continue;
		memcpy(mac.addr_bytes, n->mac, sizeof(mac.addr_bytes));
		ret = fwd_neigh_add_static(r->ctx, n->addr, &mac, r->port_ids[n->port]);
		if (ret < 0)
			RTR_LOG(cfg, ERR, "reload: static neighbour %s: %s", cfg_ip_str(n->addr, s),
			        strerror(-ret));
	}
}
