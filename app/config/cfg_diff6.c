/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reload and IPv6 (cfg_diff.c's share): the IPv6 tables are built once at
 * start (app/rtr_dataplane6.c) and nothing swaps them yet, so any IPv6
 * difference -- a port's IPv6 addresses or link_local, routes6,
 * neighbours6 -- is refused with "cannot change live (restart the
 * router)", never silently left unapplied.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cfg_diff.h"

static bool port6_equal(const struct cfg_port *a, const struct cfg_port *b)
{
	if (a->n_addrs6 != b->n_addrs6 || a->link_local_set != b->link_local_set ||
	    (a->link_local_set && memcmp(a->link_local, b->link_local, 16) != 0))
		return false;
	for (unsigned int i = 0; i < a->n_addrs6; i++)
		if (memcmp(a->addrs6[i].addr, b->addrs6[i].addr, 16) != 0 ||
		    a->addrs6[i].len != b->addrs6[i].len)
			return false;
	return true;
}

static bool route6_equal(const struct cfg_route6 *a, const struct cfg_route6 *b)
{
	return memcmp(a->prefix, b->prefix, 16) == 0 && a->len == b->len &&
	       a->has_gateway == b->has_gateway && memcmp(a->gateway, b->gateway, 16) == 0 &&
	       a->port == b->port;
}

static bool neigh6_equal(const struct cfg_neigh6 *a, const struct cfg_neigh6 *b)
{
	return memcmp(a->addr, b->addr, 16) == 0 && memcmp(a->mac, b->mac, 6) == 0 &&
	       a->port == b->port;
}

int cfg_diff6(const struct cfg *old, const struct cfg *new, struct cfg_errors *errs)
{
	char what[CFG_NAME_LEN + 32];
	int ret = 0;

	for (unsigned int i = 0; i < new->n_ports &&i < old->n_ports; i++)
		if (!port6_equal(&old->ports[i], &new->ports[i])) {
			snprintf(what, sizeof(what), "port \"%s\": IPv6", new->ports[i].name);
			cfg_diff_refuse(errs, new, new->ports[i].loc, what);
			ret = -EINVAL;
		}
	for (unsigned int i = 0; i < old->n_routes6 || i < new->n_routes6; i++)
		if (i >= old->n_routes6 || i >= new->n_routes6 ||
		    !route6_equal(&old->routes6[i], &new->routes6[i])) {
			cfg_diff_refuse(errs, new,
			                i < new->n_routes6 ? new->routes6[i].loc : new->routes6_loc,
			                "routes6");
			ret = -EINVAL;
			break;
		}
	for (unsigned int i = 0; i < old->n_neighs6 || i < new->n_neighs6; i++)
		if (i >= old->n_neighs6 || i >= new->n_neighs6 ||
		    !neigh6_equal(&old->neighs6[i], &new->neighs6[i])) {
			cfg_diff_refuse(errs, new,
			                i < new->n_neighs6 ? new->neighs6[i].loc : new->neighs6_loc,
			                "neighbours6");
			ret = -EINVAL;
			break;
		}
	return ret;
}
